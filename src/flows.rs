//! The words of the flow list: a flow's name ("bastion → mysql tcp/22") and its verdict in a
//! few words, both from the scenario and the engine's trace, so they can be tested natively.

use crate::engine::{FlowSpec, Trace, Verdict};
use crate::i18n::Lang;
use crate::model::{Protocol, Scenario};

/// The usual services: label, protocol and port (empty for ICMP).
pub const PRESETS: [(&str, &str, &str); 8] = [
    ("SSH 22", "tcp", "22"),
    ("HTTP 80", "tcp", "80"),
    ("HTTPS 443", "tcp", "443"),
    ("MySQL 3306", "tcp", "3306"),
    ("PostgreSQL 5432", "tcp", "5432"),
    ("Redis 6379", "tcp", "6379"),
    ("memcached 11211", "tcp", "11211"),
    ("ICMP ping", "icmp", ""),
];

/// The name the canvas shows for the part a flow names `x` (by its id or its name): the
/// part's name, or its id when it has none. `None` when no part a flow can start or end at
/// (instance, database, load balancer, host on the internet) is called so.
pub fn find_part(s: &Scenario, x: &str) -> Option<String> {
    let named = |id: &str, name: &str| (id == x || name == x).then(|| shown(id, name));
    s.instances
        .iter()
        .find_map(|p| named(&p.id, &p.name))
        .or_else(|| s.databases.iter().find_map(|p| named(&p.id, &p.name)))
        .or_else(|| s.load_balancers.iter().find_map(|p| named(&p.id, &p.name)))
        .or_else(|| s.internet_hosts.iter().find_map(|p| named(&p.id, &p.name)))
}

/// The name of endpoint `x` of a flow (a part's id or name, or an address) in words: the
/// part's name ([`find_part`]), or `x` itself.
pub fn part_name(s: &Scenario, x: &str) -> String {
    find_part(s, x).unwrap_or_else(|| x.to_string())
}

/// A part's name as the canvas writes it: its name, or its id when it has none.
fn shown(id: &str, name: &str) -> String {
    if name.trim().is_empty() { id } else { name }.to_string()
}

/// The service of a flow as the engine writes it: `tcp/22`, `udp/53`, `icmp`.
pub fn service(spec: &FlowSpec) -> String {
    match (spec.protocol, spec.port) {
        (Protocol::Icmp, _) | (_, None) => spec.protocol.to_string(),
        (p, Some(port)) => format!("{p}/{port}"),
    }
}

/// A flow in words: "bastion → mysql tcp/22".
pub fn flow_name(s: &Scenario, spec: &FlowSpec) -> String {
    // Over IPv6 between named parts, the name says so (an IPv6 address says it by itself).
    let family = if spec.ipv6 { " IPv6" } else { "" };
    format!(
        "{} → {} {}{family}",
        part_name(s, &spec.from),
        part_name(s, &spec.to),
        service(spec)
    )
}

/// How a traced flow ended, in a few words of the engine: the lead of its summary
/// ("Established", "Dropped", "Dropped on the way back", "Refused"), then, when it did not get
/// through, what decided, as the reachability table says it ("Dropped: db-sg blocks").
pub fn short_verdict(t: &Trace, lang: Lang) -> String {
    let summary = crate::engine::explain::summary(t, lang);
    let lead = summary.split(':').next().unwrap_or_default().trim();
    if t.verdict == Verdict::Established {
        return lead.to_string();
    }
    let by = t.blocked_by.as_ref().map(|b| b.name.as_str());
    let words = crate::engine::explain::cell_words(t.verdict, by, lang);
    format!("{lead}: {words}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{trace, Network};

    fn flow(from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> FlowSpec {
        FlowSpec {
            ipv6: Default::default(),
            from: from.into(),
            to: to.into(),
            protocol,
            port,
            src_port: None,
        }
    }

    fn scenario() -> Scenario {
        crate::templates::load("service-postgis-memcached").expect("a built-in template")
    }

    #[test]
    fn a_flow_is_named_by_its_parts_and_service() {
        let mut s = scenario();
        s.instances[0].name = "web server".into();
        let (id, name) = (s.instances[0].id.clone(), "web server");
        s.instances[1].name = String::new();
        let unnamed = s.instances[1].id.clone();
        assert_eq!(
            part_name(&s, &unnamed),
            unnamed,
            "a part with no name goes by its id"
        );
        assert_eq!(find_part(&s, "10.9.9.9"), None);
        let spec = flow(&id, "10.9.9.9", Protocol::Tcp, Some(22));
        assert_eq!(flow_name(&s, &spec), format!("{name} → 10.9.9.9 tcp/22"));
        let ping = flow(name, name, Protocol::Icmp, None);
        assert_eq!(flow_name(&s, &ping), format!("{name} → {name} icmp"));
        let v6 = FlowSpec { ipv6: true, ..spec };
        assert_eq!(flow_name(&s, &v6), format!("{name} → 10.9.9.9 tcp/22 IPv6"));
        let dns = flow("a", "b", Protocol::Udp, Some(53));
        assert_eq!(service(&dns), "udp/53");
    }

    #[test]
    fn the_short_verdict_is_the_lead_of_the_engines_summary() {
        let s = scenario();
        let net = Network::new(&s);
        let ok = trace(&net, &flow("internet", "service", Protocol::Tcp, Some(443))).unwrap();
        assert_eq!(short_verdict(&ok, Lang::En), "Established");
        assert_eq!(short_verdict(&ok, Lang::Ko), "연결 성공");
        assert!(ok.summary.starts_with(&short_verdict(&ok, Lang::En)));

        let dropped = trace(
            &net,
            &flow("internet", "service", Protocol::Tcp, Some(5432)),
        )
        .unwrap();
        assert_eq!(
            dropped.verdict,
            Verdict::DroppedBySecurityGroup,
            "{}",
            dropped.summary
        );
        let en = short_verdict(&dropped, Lang::En);
        let lead = en.split(':').next().unwrap();
        assert!(dropped.summary.starts_with(&format!("{lead}:")), "{en}");
        let by = &dropped.blocked_by.as_ref().expect("what decided").name;
        assert!(en.contains(by.as_str()), "{en} names {by}");
        let ko = short_verdict(&dropped, Lang::Ko);
        assert!(ko.starts_with("차단됨") && ko.contains(by.as_str()), "{ko}");
        assert!(
            !ko.chars()
                .any(|c| c.is_ascii_lowercase() && !by.contains(c)),
            "{ko}"
        );
    }
}
