//! The built-in templates: each loads cleanly, draws every part, keeps the promises of its
//! description in the engine, and travels in a share link.

use vpc_playground::engine::{trace, FlowSpec, Network, Trace};
use vpc_playground::model::{Protocol, Rect, Scenario};
use vpc_playground::scenario::load_str;
use vpc_playground::share::{decode_link, encode_fragment};
use vpc_playground::templates::{self, drawn_parts, Lang};

/// A promised flow: from, to, protocol, port, and the verdict code it must get.
type Flow = (
    &'static str,
    &'static str,
    Protocol,
    Option<u16>,
    &'static str,
);

const TCP: Protocol = Protocol::Tcp;

/// What each template's description promises, as flows and verdicts.
fn promises(id: &str) -> Vec<Flow> {
    match id {
        "service-postgis-memcached" => vec![
            ("internet", "service", TCP, Some(443), "established"),
            ("service", "postgis", TCP, Some(5432), "established"),
            ("service", "memcached", TCP, Some(11211), "established"),
            ("internet", "postgis", TCP, Some(5432), "no-public-address"),
            (
                "postgis",
                "internet",
                TCP,
                Some(443),
                "dropped-by-security-group",
            ),
            (
                "postgis",
                "memcached",
                TCP,
                Some(11211),
                "dropped-by-security-group",
            ),
            (
                "memcached",
                "postgis",
                TCP,
                Some(5432),
                "dropped-by-security-group",
            ),
        ],
        "public-private-db" => vec![
            ("laptop", "api-1", TCP, Some(8080), "established"),
            ("laptop", "api-2", TCP, Some(8081), "established"),
            ("laptop", "api-1", TCP, Some(22), "established"),
            ("laptop", "bastion", TCP, Some(22), "established"),
            (
                "stranger",
                "api-1",
                TCP,
                Some(8080),
                "dropped-by-security-group",
            ),
            (
                "stranger",
                "bastion",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            ("bastion", "api-2", TCP, Some(22), "established"),
            ("api-1", "redis", TCP, Some(6379), "established"),
            ("api-2", "mysql", TCP, Some(3306), "established"),
            (
                "bastion",
                "mysql",
                TCP,
                Some(3306),
                "dropped-by-security-group",
            ),
            ("laptop", "mysql", TCP, Some(3306), "no-public-address"),
        ],
        "small-service" => vec![
            ("internet", "alb", TCP, Some(80), "established"),
            ("laptop", "bastion", TCP, Some(22), "established"),
            (
                "internet",
                "bastion",
                TCP,
                Some(22),
                "dropped-by-security-group",
            ),
            ("bastion", "nginx", TCP, Some(22), "established"),
            ("bastion", "spring", TCP, Some(22), "established"),
            ("nginx", "spring", TCP, Some(8080), "established"),
            ("spring", "mysql", TCP, Some(3306), "established"),
            ("spring", "internet", TCP, Some(443), "established"),
            (
                "nginx",
                "mysql",
                TCP,
                Some(3306),
                "dropped-by-security-group",
            ),
            (
                "alb",
                "spring",
                TCP,
                Some(8080),
                "dropped-by-security-group",
            ),
            ("internet", "spring", TCP, Some(8080), "no-public-address"),
        ],
        "alb-autoscaling" => vec![
            ("internet", "alb", TCP, Some(80), "established"),
            ("alb", "web-1", TCP, Some(5000), "refused"),
            ("alb", "web-2", TCP, Some(5000), "established"),
            ("alb", "web-3", TCP, Some(5000), "established"),
            (
                "internet",
                "alb",
                TCP,
                Some(5000),
                "dropped-by-security-group",
            ),
            ("internet", "web-2", TCP, Some(5000), "no-public-address"),
        ],
        "refactored-web" => vec![
            ("internet", "alb", TCP, Some(443), "established"),
            ("internet", "alb", TCP, Some(8080), "established"),
            ("office", "alb", TCP, Some(9000), "established"),
            (
                "internet",
                "alb",
                TCP,
                Some(9000),
                "dropped-by-security-group",
            ),
            ("webapp", "aurora-writer", TCP, Some(3306), "established"),
            ("admin", "aurora-writer", TCP, Some(3306), "established"),
            ("api", "aurora-reader", TCP, Some(3306), "established"),
            ("api", "redis", TCP, Some(6379), "established"),
            ("webapp", "redis", TCP, Some(6379), "established"),
            ("api", "rabbitmq", TCP, Some(5672), "established"),
            (
                "admin",
                "redis",
                TCP,
                Some(6379),
                "dropped-by-security-group",
            ),
            ("api", "payments", TCP, Some(443), "established"),
            ("webapp", "payments", TCP, Some(443), "established"),
            ("redis", "payments", TCP, Some(443), "no-route"),
            ("internet", "webapp", TCP, Some(3000), "no-public-address"),
        ],
        "peering-not-transitive" => vec![
            ("a-app", "b-shared", TCP, Some(443), "established"),
            ("b-shared", "a-app", TCP, Some(443), "established"),
            ("b-shared", "c-app", TCP, Some(443), "established"),
            ("c-app", "b-shared", Protocol::Icmp, None, "established"),
            // c-app by name would mean its public address (it is not peered with A): use its private one.
            ("a-app", "10.3.1.10", TCP, Some(443), "not-transitive"),
            ("c-app", "10.1.1.10", TCP, Some(443), "no-route"),
        ],
        other => panic!("no promises written for template {other}"),
    }
}

fn run(s: &Scenario, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Trace {
    let net = Network::new(s);
    let spec = FlowSpec {
        from: from.into(),
        to: to.into(),
        protocol,
        port,
        src_port: None,
    };
    trace(&net, &spec).unwrap_or_else(|e| panic!("{from} → {to}: {e}"))
}

#[test]
fn there_are_six_templates_with_unique_ids() {
    let ids: Vec<&str> = templates::all().iter().map(|t| t.id).collect();
    assert_eq!(ids.len(), 6);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 6, "{ids:?}");
    assert!(templates::load("nope").is_none());
}

#[test]
fn every_template_loads_without_errors_or_warnings() {
    for t in templates::all() {
        let loaded = load_str(t.scenario_json).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            t.id,
            loaded.warnings
        );
        assert_eq!(templates::load(t.id).as_ref(), Some(&loaded.scenario));
    }
}

#[test]
fn every_template_has_text_in_english_and_korean() {
    for t in templates::all() {
        let s = t.scenario();
        assert_eq!(t.name(Lang::En), s.name, "{}", t.id);
        assert_eq!(t.description(Lang::En), s.description, "{}", t.id);
        assert!(
            !s.description.is_empty() && s.description.len() < 260,
            "{}",
            t.id
        );
        let ko = t.name(Lang::Ko);
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}: {ko}",
            t.id
        );
        let ko = t.description(Lang::Ko);
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}: {ko}",
            t.id
        );
    }
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    let (w, h) = if inner.w > 0.0 {
        (inner.w, inner.h)
    } else {
        (56.0, 56.0)
    };
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + w <= outer.x + outer.w
        && inner.y + h <= outer.y + outer.h
}

#[test]
fn every_drawn_part_has_a_layout_and_sits_in_its_container() {
    for t in templates::all() {
        let s = t.scenario();
        for id in drawn_parts(&s) {
            assert!(s.layout.contains_key(&id), "{}: no layout for {id}", t.id);
        }
        let rect = |id: &str| s.layout[id];
        for sub in &s.subnets {
            assert!(
                inside(&rect(&sub.id), &rect(&sub.vpc)),
                "{}: subnet {} outside its VPC",
                t.id,
                sub.id
            );
        }
        let nodes = s
            .instances
            .iter()
            .flat_map(|i| {
                i.interfaces
                    .first()
                    .map(|f| (i.id.clone(), f.subnet.clone()))
            })
            .chain(s.databases.iter().flat_map(|d| {
                d.interfaces
                    .first()
                    .map(|f| (d.id.clone(), f.subnet.clone()))
            }))
            .chain(
                s.load_balancers
                    .iter()
                    .flat_map(|lb| lb.nodes.iter().map(|n| (n.id.clone(), n.subnet.clone()))),
            )
            .chain(
                s.nat_gateways
                    .iter()
                    .map(|n| (n.id.clone(), n.interface.subnet.clone())),
            );
        for (id, subnet) in nodes {
            assert!(
                inside(&rect(&id), &rect(&subnet)),
                "{}: {id} drawn outside subnet {subnet}",
                t.id
            );
        }
        for h in &s.internet_hosts {
            let r = rect(&h.id);
            assert!(
                r.y < 100.0,
                "{}: internet host {} not above the VPCs",
                t.id,
                h.id
            );
        }
        for g in &s.internet_gateways {
            let (r, v) = (rect(&g.id), rect(g.vpc.as_deref().unwrap()));
            assert!(
                (r.y + 28.0 - v.y).abs() < 1.0,
                "{}: internet gateway {} not on its VPC's top edge",
                t.id,
                g.id
            );
        }
    }
}

#[test]
fn every_promised_flow_gets_its_verdict() {
    let mut failures = Vec::new();
    for t in templates::all() {
        let s = t.scenario();
        for (from, to, proto, port, want) in promises(t.id) {
            let got = run(&s, from, to, proto, port);
            if got.verdict.code() != want {
                failures.push(format!(
                    "{}: {from} → {to} {proto}/{port:?}: want {want}, got {} ({})",
                    t.id,
                    got.verdict.code(),
                    got.summary
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_load_balancer_skips_the_unhealthy_target() {
    let s = templates::load("alb-autoscaling").unwrap();
    let t = run(&s, "internet", "alb", TCP, Some(80));
    assert!(t.verdict.is_established(), "{}", t.summary);
    let unhealthy: std::net::Ipv4Addr = "10.0.1.10".parse().unwrap();
    let leg2: Vec<_> = t.hops.iter().filter(|h| h.leg == 2).collect();
    assert!(!leg2.is_empty(), "no second leg: {:#?}", t.hops);
    assert!(
        leg2.iter()
            .all(|h| h.dst != unhealthy && h.src != unhealthy),
        "the connection went to the unhealthy target: {:#?}",
        leg2
    );
}

#[test]
fn the_reverse_proxy_passes_connections_to_spring() {
    let s = templates::load("small-service").unwrap();
    let t = run(&s, "internet", "alb", TCP, Some(80));
    let spring: std::net::Ipv4Addr = "10.0.1.20".parse().unwrap();
    assert!(
        t.hops.iter().any(|h| h.leg == 3 && h.dst == spring),
        "no third leg to spring: {}",
        t.summary
    );
}

#[test]
fn every_template_travels_in_a_share_link() {
    let mut report = Vec::new();
    for t in templates::all() {
        let s = t.scenario();
        let json = serde_json::to_string(&s).unwrap();
        let fragment = encode_fragment(&json, &[]);
        let back = decode_link(&format!("https://vpc-playground.example/#{fragment}")).unwrap();
        let again = load_str(&back.scenario_json).unwrap().scenario;
        assert_eq!(again, s, "{}", t.id);
        report.push(format!("{}: {} characters", t.id, fragment.len()));
        assert!(
            fragment.len() < 1500,
            "{}: the link is {} characters",
            t.id,
            fragment.len()
        );
    }
    println!("{}", report.join("\n"));
}

#[test]
fn templates_open_with_no_part_drawn_over_another() {
    use vpc_playground::layout::{fill_missing, NODE_SIZE};
    for t in templates::all() {
        let mut s = templates::load(t.id).unwrap();
        fill_missing(&mut s);
        for lb in &s.load_balancers {
            let first = lb.nodes.first().and_then(|n| s.layout.get(&n.id));
            if let Some(first) = first {
                assert_eq!(s.layout.get(&lb.id), Some(first), "{}: {}", t.id, lb.id);
            }
        }
        // Parts drawn as nodes (instances, databases, load balancers, NAT gateways).
        let nodes: Vec<&str> = s
            .instances
            .iter()
            .map(|x| x.id.as_str())
            .chain(s.databases.iter().map(|x| x.id.as_str()))
            .chain(s.load_balancers.iter().map(|x| x.id.as_str()))
            .chain(s.nat_gateways.iter().map(|x| x.id.as_str()))
            .collect();
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                let (ra, rb) = (s.layout[*a], s.layout[*b]);
                let apart = (ra.x - rb.x).abs() >= NODE_SIZE || (ra.y - rb.y).abs() >= NODE_SIZE;
                assert!(apart, "{}: {a} and {b} are drawn over each other", t.id);
            }
        }
    }
}
