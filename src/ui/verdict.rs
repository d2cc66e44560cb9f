//! The verdict of a flow in plain words, built from the trace's structured fields (verdict,
//! blocked component, the hop that decided, its site and ports) rather than from the engine's
//! English summary, so a translation pass only has to replace [`WORDS`].
//!
//! No browser types: the sentences are tested natively (see `lib.rs`).

use crate::engine::trace::{Decision, PortView, Site};
use crate::engine::{Direction, Hop, Kind, Side, Trace, Verdict};

/// Sentence templates. Placeholders in braces are filled by [`fill`].
pub struct Words {
    /// Established flow: `{from}`, `{to}`, `{service}`.
    pub established: &'static str,
    /// Lead of a drop on the forward path.
    pub dropped: &'static str,
    /// Lead of a drop on the return path.
    pub dropped_back: &'static str,
    /// Lead of a refused connection.
    pub refused: &'static str,
    /// Added after the lead for legs after the first: `{leg}`.
    pub later_leg: &'static str,
    /// Refused: `{name}`, `{service}`.
    pub refused_why: &'static str,
    /// A security group without an allowing rule: `{name}`, `{side}`, `{what}`.
    pub sg_no_rule: &'static str,
    /// A network ACL where no rule matched: `{name}`, `{side}`, `{what}`.
    pub acl_no_rule: &'static str,
    /// A network ACL deny rule: `{name}`, `{side}`, `{rule}`, `{what}`.
    pub acl_deny: &'static str,
    /// Only some source ports work: `{picked_by}`, `{range}`, `{working}`, `{by}`.
    pub some_ports: &'static str,
    /// What a forward packet is: `{service}`, `{towards}`, `{peer}`.
    pub what_forward: &'static str,
    /// What a reply is: `{ports}` (the client's ports).
    pub what_reply: &'static str,
    /// "inbound".
    pub inbound: &'static str,
    /// "outbound".
    pub outbound: &'static str,
    /// "from" (inbound peer).
    pub from: &'static str,
    /// "to" (outbound peer).
    pub to: &'static str,
    /// Shown when the flow could not be traced: `{why}`.
    pub cannot_trace: &'static str,
}

/// English.
pub const WORDS: Words = Words {
    established: "Established: {from} reached {to} on {service}, and the reply came back.",
    dropped: "Dropped",
    dropped_back: "Dropped on the way back",
    refused: "Refused",
    later_leg: " (leg {leg}: the connection the load balancer or proxy opens)",
    refused_why: "nothing on {name} listens on {service}, so it answers with a reset",
    sg_no_rule: "security group {name} has no {side} rule allowing {what}",
    acl_no_rule: "network ACL {name} has no {side} rule allowing {what}",
    acl_deny: "{side} rule {rule} of network ACL {name} denies {what}",
    some_ports: "Works only for some source ports: {picked_by} picks one from {range}, and only {working} get through ({by}).",
    what_forward: "{service} {towards} {peer}",
    what_reply: "the reply to the client's port {ports}",
    inbound: "inbound",
    outbound: "outbound",
    from: "from",
    to: "to",
    cannot_trace: "Cannot send this: {why}",
};

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// `tcp/443` or `icmp`.
fn service(hop_or_flow_protocol: &str, port: Option<String>) -> String {
    match port {
        Some(p) if !p.is_empty() => format!("{hop_or_flow_protocol}/{p}"),
        _ => hop_or_flow_protocol.to_string(),
    }
}

fn port_text(p: &PortView) -> Option<String> {
    match p {
        PortView::None => None,
        other => Some(other.to_string()),
    }
}

/// "inbound"/"outbound" for a filter hop.
fn side_word(site: Option<&Site>) -> &'static str {
    match site.map(|s| s.side) {
        Some(Side::Leaving) => WORDS.outbound,
        _ => WORDS.inbound,
    }
}

/// What the packet at `hop` is, in words: `tcp/443 from 203.0.113.10`, or the reply.
fn what(hop: &Hop) -> String {
    if hop.direction == Direction::Return {
        if let PortView::Set(_) | PortView::One(_) = hop.dst_port {
            return fill(WORDS.what_reply, &[("ports", &hop.dst_port.to_string())]);
        }
    }
    let inbound = hop.site.as_ref().map(|s| s.side) != Some(Side::Leaving);
    let (towards, peer) = if inbound {
        (WORDS.from, hop.src)
    } else {
        (WORDS.to, hop.dst)
    };
    fill(
        WORDS.what_forward,
        &[
            (
                "service",
                &service(&hop.protocol.to_string(), port_text(&hop.dst_port)),
            ),
            ("towards", towards),
            ("peer", &peer.to_string()),
        ],
    )
}

/// The hop that decided the flow: the last hop that denied or dropped it.
pub fn deciding_hop(trace: &Trace) -> Option<&Hop> {
    trace.hops.iter().rev().find(|h| {
        matches!(
            h.decision,
            Decision::Deny | Decision::Drop | Decision::Refuse
        )
    })
}

/// The verdict in one plain sentence. `from` and `to` are how the endpoints are named.
pub fn sentence(trace: &Trace, from: &str, to: &str) -> String {
    let flow_service = service(
        &trace.flow.protocol.to_string(),
        trace.flow.port.map(|p| p.to_string()),
    );
    match trace.verdict {
        Verdict::Established => fill(
            WORDS.established,
            &[("from", from), ("to", to), ("service", &flow_service)],
        ),
        Verdict::DependsOnSourcePort => {
            let by = trace
                .blocked_by
                .as_ref()
                .map(|b| match &b.rule {
                    Some(r) => format!("{} {r}", b.name),
                    None => b.name.clone(),
                })
                .unwrap_or_default();
            match &trace.source_ports {
                Some(sp) => fill(
                    WORDS.some_ports,
                    &[
                        ("picked_by", &sp.picked_by),
                        ("range", &sp.range),
                        ("working", &sp.working),
                        ("by", &by),
                    ],
                ),
                None => trace.summary.clone(),
            }
        }
        _ => dropped(trace, &flow_service),
    }
}

fn dropped(trace: &Trace, flow_service: &str) -> String {
    let Some(b) = &trace.blocked_by else {
        return trace.summary.clone();
    };
    let lead = match (trace.verdict, b.direction) {
        (Verdict::Refused, _) => WORDS.refused,
        (_, Direction::Return) => WORDS.dropped_back,
        _ => WORDS.dropped,
    };
    let leg = if b.leg > 1 {
        fill(WORDS.later_leg, &[("leg", &b.leg.to_string())])
    } else {
        String::new()
    };
    let hop = deciding_hop(trace);
    let why = match (trace.verdict, hop) {
        (Verdict::Refused, Some(h)) => fill(
            WORDS.refused_why,
            &[
                ("name", &b.name),
                (
                    "service",
                    &service(&h.protocol.to_string(), port_text(&h.dst_port)),
                ),
            ],
        ),
        (Verdict::Refused, None) => fill(
            WORDS.refused_why,
            &[("name", &b.name), ("service", flow_service)],
        ),
        (Verdict::DroppedBySecurityGroup, Some(h)) if h.kind == Kind::SecurityGroup => fill(
            WORDS.sg_no_rule,
            &[
                ("name", &b.name),
                ("side", side_word(h.site.as_ref())),
                ("what", &what(h)),
            ],
        ),
        (Verdict::DroppedByNetworkAcl, Some(h)) if h.kind == Kind::NetworkAcl => {
            let side = side_word(h.site.as_ref());
            match b.rule.as_deref() {
                Some(r) if r != "*" => fill(
                    WORDS.acl_deny,
                    &[
                        ("name", &b.name),
                        ("side", side),
                        ("rule", r),
                        ("what", &what(h)),
                    ],
                ),
                _ => fill(
                    WORDS.acl_no_rule,
                    &[("name", &b.name), ("side", side), ("what", &what(h))],
                ),
            }
        }
        // Other causes: the engine's explanation of the deciding hop.
        (_, Some(h)) => h.detail.clone(),
        (_, None) => return trace.summary.clone(),
    };
    format!("{lead}{leg}: {why}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{trace, FlowSpec, Network};
    use crate::model::{Protocol, Scenario};

    fn two_tier() -> Scenario {
        let text = include_str!("../../tests/data/two-tier.json");
        crate::scenario::load_str(text).unwrap().scenario
    }

    fn say(s: &Scenario, from: &str, to: &str, port: u16) -> String {
        let spec = FlowSpec {
            from: from.into(),
            to: to.into(),
            protocol: Protocol::Tcp,
            port: Some(port),
            src_port: None,
        };
        let t = trace(&Network::new(s), &spec).unwrap();
        sentence(&t, from, to)
    }

    #[test]
    fn established_names_both_ends() {
        assert_eq!(
            say(&two_tier(), "My laptop", "web", 443),
            "Established: My laptop reached web on tcp/443, and the reply came back."
        );
    }

    #[test]
    fn a_security_group_drop_names_the_group_and_direction() {
        let mut s = two_tier();
        s.security_groups[0].inbound.remove(0);
        assert_eq!(
            say(&s, "My laptop", "web", 443),
            "Dropped: security group web-sg has no inbound rule allowing tcp/443 from 203.0.113.10."
        );
    }

    #[test]
    fn a_return_path_acl_drop_names_the_clients_ports() {
        let mut s = two_tier();
        let out = &mut s.network_acls[0].outbound;
        out[0].protocol = Protocol::Tcp;
        out[0].ports = Some("1-1023".parse().unwrap());
        assert_eq!(
            say(&s, "My laptop", "web", 443),
            "Dropped on the way back: network ACL default has no outbound rule allowing the reply to the client's port 49152-65535."
        );
    }

    #[test]
    fn refused_says_nothing_listens() {
        let mut s = two_tier();
        s.security_groups[0].inbound[0].ports = None;
        assert_eq!(
            say(&s, "My laptop", "web", 8080),
            "Refused: nothing on web listens on tcp/8080, so it answers with a reset."
        );
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} and {b} and {a}", &[("a", "x"), ("b", "y")]),
            "x and y and x"
        );
    }
}
