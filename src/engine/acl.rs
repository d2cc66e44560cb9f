//! Network ACLs: stateless, numbered rules at the subnet boundary.
//!
//! AWS rule: rules are evaluated in ascending number and the first rule that matches decides; if
//! none matches, the `*` rule denies. A rule matches on protocol, destination port range (TCP and
//! UDP) and CIDR: the source for inbound rules, the destination for outbound rules. Replies are
//! checked again (the ACL keeps no state), so the client's ephemeral port must be allowed.

use super::checks::{protocol_mismatch, Mismatch, Outcome, Peer, RuleCheck, RuleRow};
use super::network::cidr_contains;
use super::portset::PortSet;
use crate::model::{AclRule, Action, IcmpMatch, PortRange, Protocol};
use ipnet::IpNet;
use std::net::IpAddr;

/// What decided a network ACL check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclRuleRef {
    /// A numbered rule.
    Number(u16),
    /// The implicit `*` rule that denies what no rule matched.
    Star,
}

impl std::fmt::Display for AclRuleRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AclRuleRef::Number(n) => write!(f, "{n}"),
            AclRuleRef::Star => f.write_str("*"),
        }
    }
}

/// Result of checking a packet (with a set of possible destination ports) against an ACL.
#[derive(Debug, Clone)]
pub struct AclOutcome {
    /// The destination ports the ACL lets through.
    pub allowed: PortSet,
    /// The first rule that allowed some port.
    pub allow_rule: Option<AclRuleRef>,
    /// The first rule that denied some port (`*` for unmatched ports).
    pub deny_rule: Option<AclRuleRef>,
}

/// The packet fields an ACL rule looks at.
#[derive(Debug, Clone, Copy)]
pub struct AclPacket {
    /// The remote address: source for inbound, destination for outbound.
    pub remote: IpAddr,
    /// The packet's protocol.
    pub protocol: Protocol,
    /// ICMP type and code, for ICMP packets.
    pub icmp: Option<(u8, u8)>,
}

/// Whether an ICMP rule filter matches an ICMP type and code.
pub fn icmp_matches(filter: Option<IcmpMatch>, icmp: Option<(u8, u8)>) -> bool {
    match (filter, icmp) {
        (None, _) | (_, None) => true,
        (Some(f), Some((t, c))) => {
            f.icmp_type.is_none_or(|ft| ft == t) && f.code.is_none_or(|fc| fc == c)
        }
    }
}

/// Evaluates sorted `rules` for a packet whose destination port is any of `ports`.
pub fn evaluate(rules: &[&AclRule], pkt: AclPacket, ports: &PortSet) -> AclOutcome {
    evaluate_recording(rules, pkt, ports, None, None)
}

/// The ports an ACL denied, each part with the rule that denied it (`*` for ports no rule
/// matched), in rule order: what a walk over a set of ports names for each port.
pub type Denials = Vec<(PortSet, AclRuleRef)>;

/// Why `rule` does not match the packet at all, if it does not (ports are checked by the caller).
fn mismatch(rule: &AclRule, pkt: AclPacket) -> Option<Mismatch> {
    protocol_mismatch(rule.protocol, rule.icmp, pkt.protocol, pkt.icmp).or_else(|| {
        (!cidr_contains(&rule.cidr, pkt.remote)).then_some(Mismatch::Address { cidr: rule.cidr })
    })
}

/// The row a rule shows as.
fn row(rule: &AclRule) -> RuleRow {
    RuleRow {
        number: Some(rule.number),
        group: None,
        action: rule.action,
        protocol: rule.protocol,
        ports: rule.ports,
        peer: Peer::Cidr(rule.cidr),
    }
}

/// [`evaluate`], also writing into `record` (when given) every rule in order with what it did,
/// ending with the `*` rule, and into `denied` (when given) the ports denied, by rule.
pub fn evaluate_recording(
    rules: &[&AclRule],
    pkt: AclPacket,
    ports: &PortSet,
    mut record: Option<&mut Vec<RuleCheck>>,
    mut denied: Option<&mut Denials>,
) -> AclOutcome {
    let mut remaining = ports.clone();
    let mut allowed = PortSet::empty();
    let (mut allow_rule, mut deny_rule) = (None, None);
    let mut note = |rule: &AclRule, outcome: Outcome| {
        if let Some(r) = record.as_deref_mut() {
            r.push(RuleCheck {
                row: row(rule),
                outcome,
            });
        }
    };
    for rule in rules {
        if remaining.is_empty() {
            note(rule, Outcome::NotReached);
            continue;
        }
        if let Some(m) = mismatch(rule, pkt) {
            note(rule, Outcome::Missed(m));
            continue;
        }
        let hit = match rule.ports {
            Some(r) if pkt.protocol.has_ports() => remaining.intersect_range(r),
            _ => remaining.clone(),
        };
        if hit.is_empty() {
            let range = rule.ports.unwrap_or(PortRange { from: 0, to: 65535 });
            note(rule, Outcome::Missed(Mismatch::Ports { rule: range }));
            continue;
        }
        let only = (hit != remaining).then(|| hit.to_string());
        note(rule, Outcome::Matched { only });
        let this = Some(AclRuleRef::Number(rule.number));
        match rule.action {
            Action::Allow => {
                allowed = allowed.union(&hit);
                allow_rule = allow_rule.or(this);
            }
            Action::Deny => {
                deny_rule = deny_rule.or(this);
                if let Some(d) = denied.as_deref_mut() {
                    d.push((hit, AclRuleRef::Number(rule.number)));
                }
            }
        }
        remaining = match rule.ports {
            Some(r) if pkt.protocol.has_ports() => remaining.subtract_range(r),
            _ => PortSet::empty(),
        };
    }
    if let Some(r) = record {
        let outcome = if remaining.is_empty() {
            Outcome::NotReached
        } else {
            let only = (&remaining != ports).then(|| remaining.to_string());
            Outcome::Matched { only }
        };
        r.push(RuleCheck {
            row: RuleRow {
                number: None,
                group: None,
                action: Action::Deny,
                protocol: Protocol::All,
                ports: None,
                peer: Peer::Cidr(IpNet::default()),
            },
            outcome,
        });
    }
    if !remaining.is_empty() {
        deny_rule = deny_rule.or(Some(AclRuleRef::Star));
        if let Some(d) = denied {
            d.push((remaining, AclRuleRef::Star));
        }
    }
    AclOutcome {
        allowed,
        allow_rule,
        deny_rule,
    }
}
