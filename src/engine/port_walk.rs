//! Walks over sets of ports: one walk answers for every destination port at once.
//!
//! The request's destination port is a port variable holding a set. Each filter lets part of
//! the set through and closes the rest, naming the stop a single packet to those ports meets
//! (the ACL rule that denies them, or the security group that allows none of them). Routes do
//! not look at ports, so the set travels as one; only a destination's service can tell ports
//! apart (a listener here, a load balancer listener there), and there the walk splits the set
//! into groups the service treats alike and walks each again. Every port of a resulting part
//! gets the verdict a single trace to it gets (a property test holds the two together).

use super::flow::{judge, listening_of_internet, walk_family, Client, FlowSpec, Node};
use super::network::{Network, Owner};
use super::portset::PortSet;
use super::trace::{BlockedBy, Kind, Verdict};
use super::walk::{End, PortVal, Stop, Walk};
use crate::model::{Listening, PortRange, Protocol, Role};

/// The verdict for part of a set of destination ports.
#[derive(Debug, Clone, PartialEq)]
pub struct PortOutcome {
    /// The ports.
    pub ports: PortSet,
    /// The verdict every one of them gets.
    pub verdict: Verdict,
    /// What decided, when not established.
    pub blocked_by: Option<BlockedBy>,
}

/// The verdict of the flow from `client` to `to` over `protocol` for every port of `ports`
/// (IPv4), as parts of the set in ascending order of their lowest port. A protocol without
/// ports is traced once and reported for the set as given.
pub fn trace_ports(
    net: &Network,
    client: Client,
    to: Node,
    protocol: Protocol,
    ports: &PortSet,
) -> Vec<PortOutcome> {
    let mut out = Vec::new();
    let mut todo = vec![ports.clone()];
    while let Some(set) = todo.pop() {
        if set.is_empty() {
            continue;
        }
        let single = match set.ranges() {
            [r] if r.from == r.to => Some(r.from),
            _ => None,
        };
        if single.is_some() || !protocol.has_ports() {
            // One port (a listener of its own) or none: the plain trace.
            let spec = spec(protocol, single);
            let w = Walk::new(net, false);
            let (w, _, result) = walk_family(w, (client, to), &spec, false);
            let (verdict, blocked_by, _, _) = judge(&w, result);
            out.push(PortOutcome {
                ports: set,
                verdict,
                blocked_by,
            });
            continue;
        }
        let w = Walk::over_ports(net, set.clone());
        let (mut w, _, result) = walk_family(w, (client, to), &spec(protocol, None), false);
        let probe = w.probe.take().expect("a walk over ports keeps its probe");
        for (ports, stop) in probe.closed {
            out.push(PortOutcome {
                ports,
                verdict: stop.verdict,
                blocked_by: Some(stop.by),
            });
        }
        if let Some(groups) = probe.split {
            todo.extend(groups);
            continue;
        }
        // The ports still open when the walk ended (all of them when it ended before its first
        // packet) share its verdict.
        let left = match w.vars.get(probe.var) {
            Some(v) => v.allowed.clone(),
            None => set,
        };
        if left.is_empty() {
            continue;
        }
        w.probe = None;
        let (verdict, blocked_by, _, _) = judge(&w, result);
        out.push(PortOutcome {
            ports: left,
            verdict,
            blocked_by,
        });
    }
    crate::sorting::sort_by_key(&mut out, |o| o.ports.first());
    out
}

/// `parts` with the parts that share a verdict and a blocker joined, in ascending order of
/// their lowest port.
pub fn merge(parts: Vec<PortOutcome>) -> Vec<PortOutcome> {
    let mut out: Vec<PortOutcome> = Vec::with_capacity(parts.len());
    for p in parts {
        match (out.iter_mut()).find(|o| o.verdict == p.verdict && o.blocked_by == p.blocked_by) {
            Some(o) => o.ports = o.ports.union(&p.ports),
            None => out.push(p),
        }
    }
    crate::sorting::sort_by_key(&mut out, |o| o.ports.first());
    out
}

fn spec(protocol: Protocol, port: Option<u16>) -> FlowSpec {
    FlowSpec {
        ipv6: Default::default(),
        from: String::new(),
        to: String::new(),
        protocol,
        port,
        src_port: None,
    }
}

/// When a walk over a set of ports reaches a destination that treats its ports differently,
/// records the groups to walk one at a time and returns the stop that ends this walk.
pub(super) fn split_at_service(w: &mut Walk, end: &End) -> Option<Box<Stop>> {
    let pkt = match end {
        End::Eni { pkt, .. } | End::Internet { pkt } => pkt,
        _ => return None,
    };
    let PortVal::Var(v) = pkt.dport else {
        return None;
    };
    if !w.probing(pkt.dport) {
        return None;
    }
    let groups = service_groups(w.net, end, pkt.protocol, &w.vars[v].allowed);
    if groups.len() < 2 {
        return None;
    }
    let by = w.blocked_by(("split", "split", Kind::Instance), None);
    w.probe.as_mut()?.split = Some(groups);
    Some(Box::new(Stop {
        verdict: Verdict::Refused,
        by,
        detail: String::new(),
    }))
}

/// The ports a listener list accepts over `protocol` (`None`: every port).
fn accepted(listens: &Listening, protocol: Protocol) -> Option<PortSet> {
    match listens {
        Listening::Any => None,
        Listening::Ports(list) => Some(PortSet::from_ranges(
            list.iter()
                .filter(|l| l.protocol == protocol)
                .map(|l| l.ports),
        )),
    }
}

/// `ports` split into groups the service at `end` treats alike: each port with a handler of its
/// own (a load balancer listener, a proxy's upstream), the ports a listener accepts, the rest.
fn service_groups(net: &Network, end: &End, protocol: Protocol, ports: &PortSet) -> Vec<PortSet> {
    let s = net.scenario;
    let mut own: Vec<u16> = Vec::new();
    let mut accepts: Option<PortSet> = None;
    match end {
        End::Eni { eni, .. } => match net.enis[*eni].owner {
            Owner::Instance(i) => {
                let inst = &s.instances[i];
                if inst.role == Role::ReverseProxy && protocol == Protocol::Tcp {
                    own.extend(inst.upstreams.iter().map(|u| u.listen_port));
                }
                accepts = accepted(&inst.listens, protocol);
            }
            Owner::Database(i) => {
                let port = PortRange::single(s.databases[i].listen_port());
                accepts = Some(match protocol {
                    Protocol::Tcp => PortSet::from_range(port),
                    _ => PortSet::empty(),
                });
            }
            Owner::LoadBalancer(i) => {
                let listeners = s.load_balancers[i].listeners.iter();
                own.extend(
                    listeners
                        .filter(|l| l.protocol.carries(protocol))
                        .map(|l| l.port),
                );
            }
            Owner::NatGateway(_) | Owner::GwlbEndpoint(_) => {}
        },
        End::Internet { pkt } => {
            accepts = accepted(&listening_of_internet(net, pkt.dst).1, protocol);
        }
        _ => {}
    }
    let mut groups = Vec::new();
    let mut rest = ports.clone();
    for port in own {
        let one = rest.intersect_range(PortRange::single(port));
        if !one.is_empty() {
            rest = rest.subtract_range(PortRange::single(port));
            groups.push(one);
        }
    }
    if let Some(open) = accepts {
        let inside = rest.intersection(&open);
        rest = rest.difference(&open);
        if !inside.is_empty() {
            groups.push(inside);
        }
    }
    if !rest.is_empty() {
        groups.push(rest);
    }
    groups
}
