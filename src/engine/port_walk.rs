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
use super::trace::{BlockedBy, Direction, Kind, Verdict};
use super::walk::{End, PortVal, Stop, Walk, Who};
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
            let spec = FlowSpec::resolved(protocol, single);
            let (w, _, result) = walk_family(Walk::new(net, false), (client, to), &spec, false);
            let (verdict, blocked_by, _, _) = judge(&w, result);
            out.push(PortOutcome {
                ports: set,
                verdict,
                blocked_by,
            });
            continue;
        }
        let w = Walk::over_ports(net, set.clone());
        let (mut w, _, result) =
            walk_family(w, (client, to), &FlowSpec::resolved(protocol, None), false);
        // Judged while the walk still knows its probe, so the destination ports do not count as
        // the client's source ports.
        let (verdict, blocked_by, _, _) = judge(&w, result);
        let probe = w.probe.take().expect("a walk over ports keeps its probe");
        for (ports, stop) in probe.closed {
            out.push(PortOutcome {
                ports,
                verdict: stop.verdict,
                blocked_by: Some(stop.by),
            });
        }
        todo.extend(probe.split);
        // The ports still open when the walk ended (all of them when it ended before its first
        // packet) share its verdict.
        let left = match w.vars.get(probe.var) {
            Some(v) => v.allowed.clone(),
            None => set,
        };
        if left.is_empty() {
            continue;
        }
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

/// What a walk over a set of ports does where it reaches a destination's service.
pub(super) enum AtService {
    /// Goes on: the service treats every port still open alike.
    Go,
    /// Stops here: every port still open was split off to be walked alone.
    Stop(Box<Stop>),
    /// Goes on with the ports a listener accepts; these others are refused once the reply
    /// (the reset) is back.
    RefuseAfterReply(PortSet),
}

/// Where a walk over a set of ports reaches a destination that treats its ports differently:
/// splits off the ports with a handler of their own (walked again one at a time) and, when some
/// of the rest are accepted and some refused, goes on as accepted and says which to refuse.
pub(super) fn split_at_service(w: &mut Walk, end: &End) -> AtService {
    let pkt = match end {
        End::Eni { pkt, .. } | End::Internet { pkt } => *pkt,
        _ => return AtService::Go,
    };
    let PortVal::Var(v) = pkt.dport else {
        return AtService::Go;
    };
    if !w.probing(pkt.dport) {
        return AtService::Go;
    }
    let (own, accepts) = service_of(w.net, end, pkt.protocol);
    let mut rest = w.vars[v].allowed.clone();
    let mut alone = Vec::new();
    for port in own {
        if rest.contains(port) {
            rest = rest.subtract_range(PortRange::single(port));
            alone.push(PortSet::from_range(PortRange::single(port)));
        }
    }
    let Some(probe) = w.probe.as_mut() else {
        return AtService::Go;
    };
    probe.split.extend(alone);
    if rest.is_empty() {
        // Every port left is walked again on its own; this walk ends holding none, so the stop
        // below stands for no port and is never reported.
        w.restrict(pkt.dport, rest);
        let by = w.blocked_by(("split", "split", Kind::Instance), None);
        return AtService::Stop(Box::new(Stop {
            verdict: Verdict::Refused,
            by,
            detail: String::new(),
        }));
    }
    let (open, refused) = match accepts {
        Some(a) => (rest.intersection(&a), rest.difference(&a)),
        None => (rest.clone(), PortSet::empty()),
    };
    w.restrict(pkt.dport, rest);
    if open.is_empty() || refused.is_empty() {
        return AtService::Go;
    }
    if let Some(probe) = w.probe.as_mut() {
        probe.served = open.first();
    }
    AtService::RefuseAfterReply(refused)
}

/// Once the reply is back, closes the ports `ports` nothing listens on as refused by `server`
/// (the request's end, as a single refused packet names it) and goes on with the accepted ones.
pub(super) fn close_refused(w: &mut Walk, ports: PortSet, (id, name, kind): &Who) {
    let Some(var) = w.probe.as_ref().map(|p| p.var) else {
        return;
    };
    let open = w.vars[var].allowed.difference(&ports);
    w.restrict(PortVal::Var(var), open);
    let dir = std::mem::replace(&mut w.dir, Direction::Forward);
    let by = w.blocked_by((id, name, *kind), None);
    w.dir = dir;
    let detail = String::new();
    let verdict = Verdict::Refused;
    w.close_with(
        ports,
        Stop {
            verdict,
            by,
            detail,
        },
    );
}

/// The ports a listener list accepts over `protocol` (`None`: every port).
fn accepted(listens: &Listening, protocol: Protocol) -> Option<PortSet> {
    listens.ranges(protocol).map(PortSet::from_ranges)
}

/// What the service at `end` does with ports over `protocol`: the ports each handled alone (a
/// load balancer listener, a proxy's upstream), and the ports a listener accepts (`None`: all).
fn service_of(net: &Network, end: &End, protocol: Protocol) -> (Vec<u16>, Option<PortSet>) {
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
                accepts = Some(PortSet::empty());
            }
            Owner::NatGateway(_) | Owner::GwlbEndpoint(_) => accepts = Some(PortSet::empty()),
        },
        End::Internet { pkt } => {
            accepts = accepted(&listening_of_internet(net, pkt.dst).1, protocol);
        }
        _ => {}
    }
    (own, accepts)
}
