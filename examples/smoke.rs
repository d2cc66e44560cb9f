use vpc_playground::engine::*;
use vpc_playground::model::*;
fn main() {
    let s: Scenario =
        serde_json::from_str(&std::fs::read_to_string("tests/data/two-tier.json").unwrap())
            .unwrap();
    let net = Network::new(&s);
    for (f, t, p, port) in [
        ("laptop", "web", Protocol::Tcp, Some(443)),
        ("laptop", "web", Protocol::Tcp, Some(22)),
        ("web", "db", Protocol::Tcp, Some(5432)),
        ("db", "151.101.1.69", Protocol::Tcp, Some(443)),
        ("laptop", "db", Protocol::Tcp, Some(5432)),
        ("web", "db", Protocol::Tcp, Some(80)),
        ("laptop", "web", Protocol::Icmp, None),
    ] {
        let tr = trace(
            &net,
            &FlowSpec {
                from: f.into(),
                to: t.into(),
                protocol: p,
                port,
                src_port: None,
            },
        )
        .unwrap();
        println!(
            "== {f} -> {t} {p} {port:?}: {} | {}",
            tr.verdict, tr.summary
        );
        for h in &tr.hops {
            println!(
                "   {:?} {:?} {:?} {} {:?} {:?} | {} {}:{} -> {}:{}",
                h.leg,
                h.direction,
                h.kind,
                h.name,
                h.decision,
                h.rule,
                h.detail,
                h.src,
                h.src_port,
                h.dst,
                h.dst_port
            );
        }
    }
}
