//! Security groups: stateful allow rules on network interfaces.
//!
//! AWS rule: a packet is allowed if any rule of any group on the interface allows it. A rule's
//! peer is a CIDR, a prefix list, or a security group; a group reference matches the private
//! addresses of interfaces in that group, in the same VPC or a peered one, and never a public
//! address. Replies of an allowed connection pass whatever the rules say (connection tracking);
//! the walker handles that before calling in here.

use super::checks::{protocol_mismatch, Mismatch, Outcome, Peer, RuleCheck, RuleRow};
use super::network::{cidr_contains, display, CompiledPeer, CompiledSgRule, Network};
use super::portset::PortSet;
use crate::model::{Action, Protocol};
use std::net::IpAddr;

/// Which rule let a packet through: the group's index and the rule's index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SgRuleRef {
    /// Index into `scenario.security_groups`.
    pub group: usize,
    /// Index of the rule in the group's inbound or outbound list.
    pub rule: usize,
}

/// Result of checking a packet against the groups of an interface.
#[derive(Debug, Clone)]
pub struct SgOutcome {
    /// Destination ports allowed.
    pub allowed: PortSet,
    /// The first rule that allowed a port.
    pub rule: Option<SgRuleRef>,
}

/// Inbound or outbound rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SgDirection {
    /// Rules for packets arriving at the interface.
    Inbound,
    /// Rules for packets leaving the interface.
    Outbound,
}

/// The other end of a packet a group's rules look at: its address and, when a network load
/// balancer passed the connection on with its client's address kept, the balancer's node. A rule
/// naming one of the node's groups admits such a packet, as AWS documents for client IP
/// preservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remote {
    /// The address the rules see.
    pub ip: IpAddr,
    /// The load balancer node (interface index) the packet came through, if it kept the address.
    pub via: Option<usize>,
}

/// Whether a rule's peer matches `remote`, seen from an interface in VPC `vpc`.
pub fn peer_matches(net: &Network, peer: CompiledPeer, vpc: usize, remote: Remote) -> bool {
    peer_matches_seen(net, peer, vpc, remote, &mut None)
}

/// [`peer_matches`], remembering in `local` the interface of `vpc` that holds the remote
/// address (looked up once for all the rules of an evaluation).
fn peer_matches_seen(
    net: &Network,
    peer: CompiledPeer,
    vpc: usize,
    remote: Remote,
    local: &mut Option<Option<usize>>,
) -> bool {
    let via = |g: usize| remote.via.is_some_and(|n| net.enis[n].groups.contains(&g));
    let ip = remote.ip;
    match peer {
        CompiledPeer::Cidr(c) => cidr_contains(&c, ip),
        CompiledPeer::PrefixList(i) => net.scenario.prefix_lists[i]
            .cidrs
            .iter()
            .any(|c| cidr_contains(c, ip)),
        CompiledPeer::Group(g) => {
            let member = |e: Option<usize>| e.is_some_and(|e| net.enis[e].groups.contains(&g));
            let here = *local.get_or_insert_with(|| net.eni_by_private(vpc, ip));
            member(here)
                || (net.peers[vpc].iter()).any(|&(p, _)| member(net.eni_by_private(p, ip)))
                || via(g)
        }
        CompiledPeer::Nothing => false,
    }
}

/// The destination ports `rule` allows for the packet, if it matches: the evaluation's hot path,
/// which names no mismatch (see [`rule_hits`] for the checks a trace shows).
fn rule_allows(
    net: &Network,
    rule: &CompiledSgRule,
    (vpc, remote, local): (usize, Remote, &mut Option<Option<usize>>),
    (protocol, icmp): (Protocol, Option<(u8, u8)>),
    ports: &PortSet,
) -> Option<PortSet> {
    if protocol_mismatch(rule.protocol, rule.icmp, protocol, icmp).is_some()
        || !peer_matches_seen(net, rule.peer, vpc, remote, local)
    {
        return None;
    }
    Some(match rule.ports {
        Some(r) if protocol.has_ports() => ports.intersect_range(r),
        _ => ports.clone(),
    })
}

/// The destination ports `rule` allows for the packet, or why it matches none of them.
fn rule_hits(
    net: &Network,
    rule: &CompiledSgRule,
    vpc: usize,
    remote: Remote,
    protocol: Protocol,
    icmp: Option<(u8, u8)>,
    ports: &PortSet,
) -> Result<PortSet, Mismatch> {
    match (
        rule_allows(net, rule, (vpc, remote, &mut None), (protocol, icmp), ports),
        rule.ports,
    ) {
        (Some(hit), Some(r)) if hit.is_empty() => Err(Mismatch::Ports { rule: r }),
        (Some(hit), _) => Ok(hit),
        (None, _) => Err(
            match protocol_mismatch(rule.protocol, rule.icmp, protocol, icmp) {
                Some(m) => m,
                None => match peer(net, rule.peer) {
                    Peer::Cidr(cidr) => Mismatch::Address { cidr },
                    Peer::PrefixList(list) => Mismatch::PrefixList { list },
                    Peer::Group(group) => Mismatch::Group { group },
                    Peer::Missing => Mismatch::MissingPeer,
                },
            },
        ),
    }
}

/// A rule's peer by display name.
fn peer(net: &Network, p: CompiledPeer) -> Peer {
    let s = net.scenario;
    match p {
        CompiledPeer::Cidr(c) => Peer::Cidr(c),
        CompiledPeer::PrefixList(i) => {
            let l = &s.prefix_lists[i];
            Peer::PrefixList(display(&l.name, &l.id).to_string())
        }
        CompiledPeer::Group(g) => {
            let g = &s.security_groups[g];
            Peer::Group(display(&g.name, &g.id).to_string())
        }
        CompiledPeer::Nothing => Peer::Missing,
    }
}

/// Every rule of every group on interface `eni` in direction `dir`, with whether it matched a
/// packet to or from `remote` and, if not, why.
pub fn checks(
    net: &Network,
    eni: usize,
    dir: SgDirection,
    remote: Remote,
    protocol: Protocol,
    icmp: Option<(u8, u8)>,
    ports: &PortSet,
) -> Vec<RuleCheck> {
    let e = &net.enis[eni];
    let mut out = Vec::new();
    for &g in &e.groups {
        let sg = &net.scenario.security_groups[g];
        let rules = match dir {
            SgDirection::Inbound => &net.sg_in[g],
            SgDirection::Outbound => &net.sg_out[g],
        };
        for (i, rule) in rules.iter().enumerate() {
            let outcome = match rule_hits(net, rule, e.vpc, remote, protocol, icmp, ports) {
                Ok(hit) => Outcome::Matched {
                    only: (&hit != ports).then(|| hit.to_string()),
                },
                Err(m) => Outcome::Missed(m),
            };
            out.push(RuleCheck {
                row: RuleRow {
                    number: u16::try_from(i + 1).ok(),
                    group: Some(display(&sg.name, &sg.id).to_string()),
                    action: Action::Allow,
                    protocol: rule.protocol,
                    ports: rule.ports,
                    peer: peer(net, rule.peer),
                },
                outcome,
            });
        }
    }
    out
}

/// Evaluates the groups of interface `eni` for a packet to or from `remote`.
pub fn evaluate(
    net: &Network,
    eni: usize,
    dir: SgDirection,
    remote: Remote,
    protocol: Protocol,
    icmp: Option<(u8, u8)>,
    ports: &PortSet,
) -> SgOutcome {
    let e = &net.enis[eni];
    let mut allowed = PortSet::empty();
    let mut first = None;
    let mut local = None;
    for &g in &e.groups {
        let rules = match dir {
            SgDirection::Inbound => &net.sg_in[g],
            SgDirection::Outbound => &net.sg_out[g],
        };
        for (i, rule) in rules.iter().enumerate() {
            let seen = (e.vpc, remote, &mut local);
            let Some(hit) = rule_allows(net, rule, seen, (protocol, icmp), ports) else {
                continue;
            };
            if hit.is_empty() {
                continue;
            }
            first = first.or(Some(SgRuleRef { group: g, rule: i }));
            allowed = allowed.union(&hit);
            if allowed.len() == ports.len() {
                return SgOutcome {
                    allowed,
                    rule: first,
                };
            }
        }
    }
    SgOutcome {
        allowed,
        rule: first,
    }
}
