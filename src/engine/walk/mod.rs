//! The packet walker: moves one packet hop by hop until it is delivered or dropped.
//!
//! The same walker carries requests and replies. Replies differ only where AWS makes them
//! differ: security groups pass them when the request passed that interface (connection
//! tracking), and NAT devices reverse the translation they recorded for the request. Network
//! ACLs and routes are evaluated afresh, as AWS does.

mod filters;
mod nat;
mod routing;
mod site;
mod transit;

use super::acl::{self, AclPacket, AclRuleRef};
use super::checks::{FilterChecks, TrackedEntry};
use super::network::{display, Network, Owner};
use super::portset::PortSet;
use super::route;
use super::sg::{self, SgDirection};
pub use super::trace::PortVar;
use super::trace::{
    Action, BlockedBy, Component, Direction, Endpoint, Hop, HopPacket, Kind, PortView, Rewrote,
    RouteDest, RuleDirection, RuleRef, Side, Site, Step, Verdict,
};
use crate::model::{Os, PortRange, Protocol, Role, RouteState, RouteTarget, NAT_EPHEMERAL};
use std::borrow::Cow;
use std::net::IpAddr;

/// Whether the internet does not route `ip`: RFC 1918 for IPv4, unique local (fc00::/7) for
/// IPv6.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => a.is_private(),
        IpAddr::V6(a) => (a.segments()[0] & 0xfe00) == 0xfc00,
    }
}

/// Most hops one packet may take before the walker calls it a loop.
const MAX_STEPS: u32 = 64;

/// A port in a packet: fixed, or a variable for "any port the client may pick".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortVal {
    /// No port (ICMP).
    None,
    /// One known port.
    Fixed(u16),
    /// Index into the walk's port variables.
    Var(usize),
}

/// A packet in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packet {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// Protocol.
    pub protocol: Protocol,
    /// Source port.
    pub sport: PortVal,
    /// Destination port.
    pub dport: PortVal,
    /// ICMP type and code.
    pub icmp: Option<(u8, u8)>,
}

impl Packet {
    /// The reply to this packet: addresses and ports swapped, echo request answered by echo reply.
    pub fn reply(&self) -> Packet {
        Packet {
            src: self.dst,
            dst: self.src,
            protocol: self.protocol,
            sport: self.dport,
            dport: self.sport,
            icmp: self.icmp.map(|(t, c)| match t {
                8 => (0, c),
                128 => (129, c),
                t => (t, c),
            }),
        }
    }
}

/// An address translation a NAT device recorded, so it can reverse it for replies.
#[derive(Debug, Clone, Copy)]
struct Session {
    eni: usize,
    inside: (IpAddr, PortVal),
    outside: (IpAddr, PortVal),
    /// NAT64: the inside spoke IPv6 to `64:ff9b::` and an IPv4 address, so the reply's source
    /// goes back under that prefix.
    nat64: bool,
}

/// Where a packet is.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// Sent by an interface (its own traffic, or traffic it forwards).
    Send {
        /// The interface.
        eni: usize,
        /// The packet.
        pkt: Packet,
    },
    /// At the edge of a subnet, on its way to the VPC router.
    Leave {
        /// The subnet.
        subnet: usize,
        /// The packet.
        pkt: Packet,
    },
    /// Entering a subnet towards an interface.
    Enter {
        /// The subnet.
        subnet: usize,
        /// The interface it is for (the destination or the next hop).
        eni: usize,
        /// The subnet it comes from, if inside the same VPC; the ACL is skipped when equal.
        from: Option<usize>,
        /// The packet.
        pkt: Packet,
    },
    /// Arriving at an interface.
    Receive {
        /// The interface.
        eni: usize,
        /// The packet.
        pkt: Packet,
    },
    /// Leaving a VPC through its internet gateway.
    IgwOut {
        /// Index of the internet gateway.
        igw: usize,
        /// Index of the VPC.
        vpc: usize,
        /// The packet.
        pkt: Packet,
    },
    /// On the internet.
    Internet {
        /// The packet.
        pkt: Packet,
    },
    /// In a network outside AWS.
    OnPrem {
        /// Index in `on_prem_networks`.
        site: usize,
        /// The packet.
        pkt: Packet,
    },
}

/// Why a packet stopped, and what stopped it.
#[derive(Debug, Clone)]
pub struct Stop {
    /// The verdict this drop gives.
    pub verdict: Verdict,
    /// The component and rule that decided, with the leg and direction.
    pub by: BlockedBy,
    /// Plain words (empty when the walk records nothing).
    pub detail: String,
}

/// A component as the flow's legs name it: its id, its display name and its kind, borrowed from
/// the scenario where it can be (the matrix copies nothing).
pub type Who<'a> = (Cow<'a, str>, Cow<'a, str>, Kind);

/// Where a walk ended.
#[derive(Debug, Clone)]
pub enum End {
    /// At an interface the packet was addressed to.
    Eni {
        /// The interface.
        eni: usize,
        /// The packet as it arrived.
        pkt: Packet,
    },
    /// At a host on the internet.
    Internet {
        /// The packet as it arrived.
        pkt: Packet,
    },
    /// At a host of a network outside AWS.
    OnPrem {
        /// Index in `on_prem_networks`.
        site: usize,
        /// The packet as it arrived.
        pkt: Packet,
    },
    /// At an AWS service behind a gateway endpoint.
    Service {
        /// Index of the gateway endpoint.
        endpoint: usize,
        /// VPC the endpoint serves.
        vpc: usize,
        /// The packet as it arrived.
        pkt: Packet,
    },
    /// Dropped.
    Dropped(Box<Stop>),
}

/// A walk over a set of destination ports at once: the request's destination port is a port
/// variable, and each filter that lets only part of it through closes the rest, naming the stop
/// a single packet to those ports meets there.
#[derive(Debug)]
pub struct PortProbe {
    /// The ports to walk, until the first packet takes them as its destination port.
    pub pending: Option<PortSet>,
    /// The variable holding the destination ports still open (once the first packet is made).
    pub var: usize,
    /// Ports closed on the way, each with the stop a packet to them meets.
    pub closed: Vec<(PortSet, Stop)>,
    /// Ports split off at a destination that hands each of them to a handler of its own (a
    /// load balancer listener, a proxy's upstream): each is walked again on its own.
    pub split: Vec<PortSet>,
    /// The port the destination's service sees for the ports still open, when they are not all
    /// alike there (an accepted one; the refused ones are closed after the reply).
    pub served: Option<u16>,
}

/// The state of one flow being traced: hops so far, port variables, tracked connections.
pub struct Walk<'n, 's> {
    /// The compiled scenario.
    pub net: &'n Network<'s>,
    /// Whether to record hops (off for the reachability matrix).
    pub record: bool,
    /// The hops recorded.
    pub hops: Vec<Hop>,
    /// Port variables.
    pub vars: Vec<PortVar>,
    /// The port variable a network ACL denied outright, when one did.
    pub denied_var: Option<usize>,
    /// The first filter that allowed only part of a port variable.
    pub narrowed: Option<Box<Stop>>,
    /// Current leg.
    pub leg: u8,
    /// Current direction.
    pub dir: Direction,
    /// The network load balancer node (interface) that passed this leg's connection on with its
    /// client's address kept: rules naming the node's groups admit the packets, and the replies
    /// go back to it whatever their destination (it holds the connection).
    pub kept_by: Option<usize>,
    /// How each port variable's set prints (kept only when recording, for the hops).
    var_texts: Vec<std::sync::Arc<str>>,
    tracked: Vec<usize>,
    /// Stateful appliances (interfaces) that forwarded this leg's request, and those that
    /// forwarded its reply: a stateful appliance needs both ways of a connection through it.
    forwarders: Vec<usize>,
    returned: Vec<usize>,
    sessions: Vec<Session>,
    /// Connections that left through an egress-only internet gateway: (gateway, inside
    /// address, outside address); only their replies come back in through it.
    egress_only: Vec<(usize, IpAddr, IpAddr)>,
    /// Where the packet is now, for the hops it records.
    site: Option<Site>,
    /// The destination ports walked all at once, when the walk is over a set of them.
    pub probe: Option<Box<PortProbe>>,
    /// The rules the filter about to record its hop looked at.
    checks: Option<Box<FilterChecks>>,
}

impl<'n, 's> Walk<'n, 's> {
    /// A new walk over `net`.
    pub fn new(net: &'n Network<'s>, record: bool) -> Self {
        Walk {
            net,
            record,
            hops: if record {
                Vec::with_capacity(24)
            } else {
                Vec::new()
            },
            var_texts: Vec::new(),
            vars: Vec::new(),
            denied_var: None,
            narrowed: None,
            leg: 1,
            dir: Direction::Forward,
            kept_by: None,
            tracked: Vec::new(),
            forwarders: Vec::new(),
            returned: Vec::new(),
            sessions: Vec::new(),
            egress_only: Vec::new(),
            site: None,
            checks: None,
            probe: None,
        }
    }

    /// Starts a new leg (a new connection): forgets tracked connections.
    pub fn start_leg(&mut self, leg: u8) {
        self.leg = leg;
        self.dir = Direction::Forward;
        self.tracked.clear();
        self.forwarders.clear();
        self.returned.clear();
    }

    /// An appliance that forwarded this leg's request but not its reply, if any: a stateful
    /// appliance (a firewall) that sees one way of a connection drops it.
    pub fn skipped_appliance(&self) -> Option<usize> {
        (self.forwarders.iter())
            .find(|e| !self.returned.contains(e))
            .copied()
    }

    /// Ends the reply of this leg at appliance `eni`, which forwarded the request but not the
    /// reply.
    pub fn skipped_drop(&mut self, eni: usize, pkt: &Packet) -> End {
        let owner = self.net.enis[eni].owner;
        let (id, name) = (self.net.owner_id(owner), self.net.owner_name(owner));
        let detail = |_: &Self| {
            format!(
                "the reply does not come back through {name}, which forwarded the request: a stateful appliance that sees one way of a connection drops it (asymmetric routing); route the reply through {name} too"
            )
        };
        let who = (id, name, owner_kind(owner));
        self.drop(pkt, Verdict::NoRoute, who, Some(RuleRef::OneWay), detail)
    }

    /// Adds a port variable and returns its port value.
    pub fn new_var(&mut self, picked_by: String, full: PortRange, os: Option<Os>) -> PortVal {
        let allowed = PortSet::from_range(full);
        if self.record {
            self.var_texts.push(allowed.to_string().into());
        }
        self.vars.push(PortVar {
            picked_by,
            full,
            os,
            allowed,
        });
        PortVal::Var(self.vars.len() - 1)
    }

    /// A walk over the set of destination ports `ports`.
    pub fn over_ports(net: &'n Network<'s>, ports: PortSet) -> Self {
        let mut w = Walk::new(net, false);
        w.probe = Some(Box::new(PortProbe {
            pending: Some(ports),
            var: usize::MAX,
            closed: Vec::new(),
            split: Vec::new(),
            served: None,
        }));
        w
    }

    /// In a walk over a set of ports, the destination port of its first packet: a variable
    /// holding the set (made once).
    pub fn probe_var(&mut self) -> Option<PortVal> {
        if !cfg!(feature = "port-sets") {
            return None;
        }
        let ports = self.probe.as_mut()?.pending.take()?;
        let full = PortRange {
            from: ports.first()?,
            to: ports.ranges().last()?.to,
        };
        let var = self.new_var(String::new(), full, None);
        self.restrict(var, ports);
        if let (Some(probe), PortVal::Var(v)) = (self.probe.as_mut(), var) {
            probe.var = v;
        }
        Some(var)
    }

    /// Whether `p` is the destination port variable of a walk over a set of ports.
    pub fn probing(&self, p: PortVal) -> bool {
        cfg!(feature = "port-sets")
            && matches!((p, &self.probe), (PortVal::Var(v), Some(probe)) if probe.var == v)
    }

    /// The port a destination's service sees: the port itself, or for a walk over a set of
    /// ports any one of them (the walk splits them first where the service tells them apart).
    pub fn service_port(&self, p: PortVal) -> Option<u16> {
        match p {
            PortVal::Fixed(n) => Some(n),
            PortVal::Var(v) if self.probing(p) => {
                (self.probe.as_ref().and_then(|probe| probe.served))
                    .or_else(|| self.vars[v].allowed.first())
            }
            _ => None,
        }
    }

    /// In a walk over a set of ports, closes `ports` (those a filter at `who` stops by `rule`).
    fn close_ports(
        &mut self,
        ports: PortSet,
        verdict: Verdict,
        who: (&str, &str, Kind),
        rule: Option<RuleRef>,
    ) {
        if self.probe.is_none() {
            return;
        }
        let by = self.blocked_by(who, rule);
        let detail = String::new();
        self.close_with(
            ports,
            Stop {
                verdict,
                by,
                detail,
            },
        );
    }

    /// In a walk over a set of ports, closes `ports` with `stop`.
    pub fn close_with(&mut self, ports: PortSet, stop: Stop) {
        if let (Some(probe), false) = (self.probe.as_mut(), ports.is_empty()) {
            probe.closed.push((ports, stop));
        }
    }

    /// The ports a port value may be.
    fn port_set(&self, p: PortVal) -> PortSet {
        match p {
            PortVal::None => PortSet::from_range(PortRange::single(0)),
            PortVal::Fixed(n) => PortSet::from_range(PortRange::single(n)),
            PortVal::Var(v) => self.vars[v].allowed.clone(),
        }
    }

    /// How a port value prints at this moment.
    pub fn port_view(&self, p: PortVal) -> PortView {
        match p {
            PortVal::None => PortView::None,
            PortVal::Fixed(n) => PortView::One(n),
            PortVal::Var(v) => {
                let set = &self.vars[v].allowed;
                match (set.ranges(), self.var_texts.get(v)) {
                    ([r], _) if r.from == r.to => PortView::One(r.from),
                    (_, Some(text)) => PortView::Set(text.clone()),
                    // A walk that records nothing keeps no texts.
                    (_, None) => PortView::Set(set.to_string().into()),
                }
            }
        }
    }

    fn port_text(&self, p: PortVal) -> String {
        match self.port_view(p) {
            PortView::Set(text) => text.to_string(),
            view => view.to_string(),
        }
    }

    /// Describes "tcp/443" or "icmp".
    fn service_text(&self, pkt: &Packet) -> String {
        match pkt.dport {
            PortVal::None => pkt.protocol.to_string(),
            p => format!("{}/{}", pkt.protocol, self.port_text(p)),
        }
    }

    /// The step of a translation that rewrote one end of `before` into `after`.
    /// (A walk that records nothing builds nothing: the hop is not kept.)
    fn translated(&self, rewrote: Rewrote, before: &Packet, after: &Packet) -> Step {
        if !self.record {
            return Step::Forward;
        }
        let end = |p: &Packet| match rewrote {
            Rewrote::Source => Endpoint {
                ip: p.src,
                port: self.port_view(p.sport),
            },
            Rewrote::Destination => Endpoint {
                ip: p.dst,
                port: self.port_view(p.dport),
            },
        };
        Step::Translate {
            rewrote,
            before: end(before),
            after: end(after),
        }
    }

    /// Records a hop at component (`id`, `name`, `kind`): what it did, and in words why.
    /// (Generic over the words only; the hop is made by [`Walk::push_hop`], once for all.)
    #[inline]
    fn hop(
        &mut self,
        pkt: &Packet,
        component: (&str, &str, Kind),
        step: Step,
        detail: impl FnOnce(&Self) -> String,
    ) {
        if self.record {
            let detail = detail(self);
            self.push_hop(pkt, component, step, detail);
        }
    }

    /// Records a hop with its words.
    fn push_hop(
        &mut self,
        pkt: &Packet,
        (id, name, kind): (&str, &str, Kind),
        step: Step,
        detail: String,
    ) {
        let hop = Hop {
            leg: self.leg,
            direction: self.dir,
            component: Component {
                id: id.to_string(),
                name: display(name, id).to_string(),
                kind,
                owner: part_of(self.net, id, kind).map(str::to_string),
            },
            site: self.site.clone(),
            packet: HopPacket {
                src: pkt.src,
                dst: pkt.dst,
                protocol: pkt.protocol,
                src_port: self.port_view(pkt.sport),
                dst_port: self.port_view(pkt.dport),
            },
            step,
            detail,
            checks: self.checks.take(),
        };
        self.hops.push(hop);
    }

    /// The words of a decision, written only when the walk records (the matrix formats nothing).
    pub fn words(&self, text: impl FnOnce(&Self) -> String) -> String {
        if self.record {
            text(self)
        } else {
            String::new()
        }
    }

    /// Ends the walk with `verdict` at component (`id`, `name`, `kind`), by `rule` if one
    /// decided, recording the hop with `detail` (the words, written only when recording).
    #[inline]
    fn drop(
        &mut self,
        pkt: &Packet,
        verdict: Verdict,
        component: (&str, &str, Kind),
        rule: Option<RuleRef>,
        detail: impl FnOnce(&Self) -> String,
    ) -> End {
        let detail = self.words(detail);
        self.stop(pkt, verdict, component, rule, detail)
    }

    /// [`Walk::drop`] with its words written.
    fn stop(
        &mut self,
        pkt: &Packet,
        verdict: Verdict,
        (id, name, kind): (&str, &str, Kind),
        rule: Option<RuleRef>,
        detail: String,
    ) -> End {
        if self.record {
            let step = match (verdict, rule.clone()) {
                (Verdict::DroppedBySecurityGroup, rule) => Step::Filter {
                    action: Action::Deny,
                    rule: rule.unwrap_or(RuleRef::NoMatch),
                },
                (Verdict::DroppedByNetworkAcl, rule) => Step::Filter {
                    action: Action::Deny,
                    rule: rule.unwrap_or(RuleRef::AclDefault),
                },
                (verdict, rule) => Step::Drop { verdict, rule },
            };
            self.push_hop(pkt, (id, name, kind), step, detail.clone());
        }
        let by = self.blocked_by((id, display(name, id), kind), rule);
        End::Dropped(Box::new(Stop {
            verdict,
            by,
            detail,
        }))
    }

    /// What decided at this point of the walk: component `who` (id, display name, kind) by
    /// `rule`, in the current leg and direction.
    pub fn blocked_by(
        &self,
        (id, name, kind): (&str, &str, Kind),
        rule: Option<RuleRef>,
    ) -> BlockedBy {
        BlockedBy {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            direction: self.dir,
            rule,
            leg: self.leg,
        }
    }

    /// Narrows the port variable behind `p` to `allowed`, remembering the filter that did it.
    fn narrow(&mut self, p: PortVal, allowed: PortSet, by: impl FnOnce(&Self) -> Stop) {
        if let PortVal::Var(v) = p {
            if allowed != self.vars[v].allowed {
                // The ports a walk over a set of ports closes are kept by the filter itself.
                if self.narrowed.is_none() && !self.probing(p) {
                    self.narrowed = Some(Box::new(by(self)));
                }
                self.restrict(p, allowed);
            }
        }
    }

    /// Sets the ports the port variable behind `p` may still be.
    pub fn restrict(&mut self, p: PortVal, allowed: PortSet) {
        if let PortVal::Var(v) = p {
            if self.record {
                self.var_texts[v] = allowed.to_string().into();
            }
            self.vars[v].allowed = allowed;
        }
    }

    /// Walks a packet from `step` until it is delivered or dropped.
    pub fn run(&mut self, mut step: Stage) -> End {
        for _ in 0..MAX_STEPS {
            if self.record {
                self.site = self.site_of(&step);
            }
            step = match step {
                Stage::Send { eni, pkt } => match self.send(eni, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::Leave { subnet, pkt } => match self.leave(subnet, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::Enter {
                    subnet,
                    eni,
                    from,
                    pkt,
                } => match self.enter(subnet, eni, from, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::Receive { eni, pkt } => match self.receive(eni, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::IgwOut { igw, vpc, pkt } => match self.igw_out(igw, vpc, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::Internet { pkt } => match self.internet(pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
                Stage::OnPrem { site, pkt } => match self.on_prem(site, pkt) {
                    Ok(s) => s,
                    Err(e) => return e,
                },
            };
        }
        let pkt = match step {
            Stage::Send { pkt, .. }
            | Stage::Leave { pkt, .. }
            | Stage::Enter { pkt, .. }
            | Stage::Receive { pkt, .. }
            | Stage::IgwOut { pkt, .. }
            | Stage::Internet { pkt }
            | Stage::OnPrem { pkt, .. } => pkt,
        };
        self.drop(
            &pkt,
            Verdict::ForwardingLoop,
            ("routing", "routing loop", Kind::RouteTable),
            None,
            |_| format!("the packet went round a routing loop ({MAX_STEPS} hops without arriving)"),
        )
    }

    /// The part a step happens at, and which way the packet crosses it.
    fn site_of(&self, step: &Stage) -> Option<Site> {
        let net = self.net;
        let owner = |eni: usize| net.owner_id(net.enis[eni].owner).to_string();
        let subnet = |s: usize| net.subnets[s].subnet.id.clone();
        let (part, side) = match *step {
            Stage::Send { eni, .. } => (owner(eni), Side::Leaving),
            Stage::Receive { eni, .. } => (owner(eni), Side::Entering),
            Stage::Leave { subnet: s, .. } => (subnet(s), Side::Leaving),
            Stage::Enter { subnet: s, .. } => (subnet(s), Side::Entering),
            Stage::IgwOut { vpc, .. } => (net.scenario.vpcs[vpc].id.clone(), Side::Leaving),
            Stage::Internet { .. } => return None,
            Stage::OnPrem { site, .. } => (
                net.scenario.on_prem_networks[site].id.clone(),
                Side::Entering,
            ),
        };
        Some(Site { part, side })
    }

    /// Records that the packet reached the server of this leg.
    pub fn note_delivered(&mut self, pkt: &Packet, server: &Who) {
        let (id, name, kind) = (&*server.0, &*server.1, server.2);
        self.hop(pkt, (id, name, kind), Step::Deliver, |w| {
            format!("{} receives {}", display(name, id), w.service_text(pkt))
        });
    }

    /// Records that load balancer node `eni` passes the connection on with its client's address
    /// kept (a network load balancer's client IP preservation).
    pub fn note_kept(&mut self, pkt: &Packet, eni: usize) {
        let owner = self.net.enis[eni].owner;
        let (id, name) = (self.net.owner_id(owner), self.net.owner_name(owner));
        if self.record {
            let part = id.to_string();
            self.site = Some(Site {
                part,
                side: Side::Leaving,
            });
        }
        self.hop(pkt, (id, name, Kind::LoadBalancer), Step::Forward, |_| {
            format!(
                "{name} passes the connection on with the client's address {} kept (client IP preservation): the target's security groups and network ACLs see the client, not the load balancer",
                pkt.src
            )
        });
    }

    /// Records that the server of this leg refused the connection.
    pub fn note_refused(&mut self, pkt: &Packet, server: &Who, why: &str) {
        let (id, name, kind) = (&*server.0, &*server.1, server.2);
        self.hop(pkt, (id, name, kind), Step::Refuse, |_| why.to_string());
    }

    /// Records that the reply from `server` reached `client`.
    pub fn note_back(&mut self, pkt: &Packet, client: &Who, server: &Who) {
        let (id, name, kind) = (&*client.0, &*client.1, client.2);
        self.hop(pkt, (id, name, kind), Step::Deliver, |_| {
            let from = display(&server.1, &server.0);
            format!(
                "the reply from {from} reaches {} at {}",
                display(name, id),
                pkt.dst
            )
        });
    }

    fn is_tracked(&self, eni: usize) -> bool {
        self.dir == Direction::Return && self.tracked.contains(&eni)
    }

    fn track(&mut self, eni: usize) {
        if self.dir == Direction::Forward && !self.tracked.contains(&eni) {
            self.tracked.push(eni);
        }
    }

    fn send(&mut self, eni: usize, pkt: Packet) -> Result<Stage, End> {
        let e = &self.net.enis[eni];
        // A NAT gateway forwards by design: AWS applies no source/destination check to it,
        // whatever its interface record says; nor to a load balancer node (a network load
        // balancer passes its client's address on).
        let checked = e.iface.source_dest_check
            && !matches!(
                e.owner,
                Owner::NatGateway(_) | Owner::LoadBalancer(_) | Owner::GwlbEndpoint(_)
            );
        if checked && !e.iface.owns(pkt.src) {
            return Err(self.src_dst_drop(eni, &pkt, true));
        }
        self.security_groups(eni, &pkt, SgDirection::Outbound)?;
        Ok(Stage::Leave {
            subnet: e.subnet,
            pkt,
        })
    }

    fn enter(
        &mut self,
        subnet: usize,
        eni: usize,
        from: Option<usize>,
        pkt: Packet,
    ) -> Result<Stage, End> {
        if from != Some(subnet) {
            self.network_acl(subnet, &pkt, true)?;
        }
        Ok(Stage::Receive { eni, pkt })
    }

    fn receive(&mut self, eni: usize, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let e = &net.enis[eni];
        if let Owner::Instance(i) = e.owner {
            if net.scenario.instances[i].stopped {
                let (id, name) = (net.owner_id(e.owner), net.owner_name(e.owner));
                let detail =
                    |_: &Self| format!("{name} is stopped: nothing on it answers or forwards");
                return Err(self.drop(
                    &pkt,
                    Verdict::NoHost,
                    (id, name, Kind::Instance),
                    None,
                    detail,
                ));
            }
        }
        self.security_groups(eni, &pkt, SgDirection::Inbound)?;
        let own =
            e.iface.owns(pkt.dst) || (self.dir == Direction::Return && self.kept_by == Some(eni));
        let session = self
            .sessions
            .iter()
            .find(|s| s.eni == eni && s.outside == (pkt.dst, pkt.dport))
            .copied();
        let (id, name) = (net.owner_id(e.owner), net.owner_name(e.owner));
        let kind = owner_kind(e.owner);
        let is_nat_gw = matches!(e.owner, Owner::NatGateway(_));
        let is_gwlbe = matches!(e.owner, Owner::GwlbEndpoint(_));
        let is_nat_instance = matches!(e.owner, Owner::Instance(i) if net.scenario.instances[i].role == Role::NatInstance);
        if own {
            if let (Some(s), Direction::Return) = (session, self.dir) {
                let before = pkt;
                pkt.dst = s.inside.0;
                pkt.dport = s.inside.1;
                if s.nat64 {
                    pkt = nat::back_to_ipv6(pkt);
                }
                let step = self.translated(Rewrote::Destination, &before, &pkt);
                self.hop(&pkt, (id, name, kind), step, |w| {
                    format!(
                        "{name} reverses its translation: {}:{} → {}:{}",
                        before.dst,
                        w.port_text(before.dport),
                        pkt.dst,
                        w.port_text(pkt.dport)
                    )
                });
                return Ok(Stage::Send { eni, pkt });
            }
            if is_nat_gw {
                let detail = |_: &Self| {
                    format!(
                    "NAT gateway {name} only passes replies to connections started from inside; it never accepts a new connection"
                )
                };
                return Err(self.drop(
                    &pkt,
                    Verdict::DroppedByNatGateway,
                    (id, name, kind),
                    None,
                    detail,
                ));
            }
            if is_gwlbe {
                let detail = |_: &Self| {
                    format!("Gateway Load Balancer endpoint {name} only passes traffic to its appliances; nothing on it answers")
                };
                return Err(self.drop(&pkt, Verdict::NoHost, (id, name, kind), None, detail));
            }
            return Err(End::Eni { eni, pkt });
        }
        if is_nat_gw {
            let forward = self.dir == Direction::Forward;
            if forward && nat::nat64_target(pkt.dst).is_some() {
                return Ok(self.translate_nat64(eni, pkt));
            }
            if forward && !pkt.src.is_ipv6() {
                return Ok(self.translate_source(eni, pkt, true));
            }
            let detail = |_: &Self| {
                if forward {
                    format!("NAT gateway {name} translates IPv4, and IPv6 only to 64:ff9b::/96 (NAT64): other IPv6 traffic leaves for the internet through an egress-only internet gateway")
                } else {
                    format!("NAT gateway {name} has no connection for this packet")
                }
            };
            return Err(self.drop(
                &pkt,
                Verdict::DroppedByNatGateway,
                (id, name, kind),
                None,
                detail,
            ));
        }
        if e.iface.source_dest_check && !is_gwlbe {
            return Err(self.src_dst_drop(eni, &pkt, false));
        }
        // A NAT instance translates IPv4; IPv6 it forwards as it is.
        if is_nat_instance && self.dir == Direction::Forward && !pkt.src.is_ipv6() {
            return Ok(self.translate_source(eni, pkt, false));
        }
        // The appliances behind a Gateway Load Balancer keep connection state, as firewalls do.
        let stateful =
            is_gwlbe || matches!(e.owner, Owner::Instance(i) if net.scenario.instances[i].stateful);
        if !stateful {
        } else if self.dir == Direction::Forward {
            if !self.forwarders.contains(&eni) {
                self.forwarders.push(eni);
            }
        } else if !self.forwarders.contains(&eni) {
            let detail = |_: &Self| {
                format!(
                    "{name} forwards statefully, as a firewall does: it saw no request for this reply, so it drops it (asymmetric routing: the request went another way)"
                )
            };
            let rule = Some(RuleRef::OneWay);
            return Err(self.drop(&pkt, Verdict::NoRoute, (id, name, kind), rule, detail));
        } else if !self.returned.contains(&eni) {
            self.returned.push(eni);
        }
        self.hop(&pkt, (id, name, kind), Step::Forward, |_| match is_gwlbe {
            true => format!("Gateway Load Balancer endpoint {name} hands the packet to its load balancer's appliances, which pass it back (their own rules are not modelled); it goes on by its subnet's route table"),
            false => format!("{name} forwards the packet (source/destination check off)"),
        });
        Ok(Stage::Send { eni, pkt })
    }
}

/// The kind of component an interface's owner is.
pub fn owner_kind(owner: Owner) -> Kind {
    match owner {
        Owner::Instance(_) => Kind::Instance,
        Owner::Database(_) => Kind::Database,
        Owner::LoadBalancer(_) => Kind::LoadBalancer,
        Owner::NatGateway(_) => Kind::NatGateway,
        Owner::GwlbEndpoint(_) => Kind::GwlbEndpoint,
    }
}

/// The id a route target names.
pub fn target_id(t: &RouteTarget) -> String {
    match t {
        RouteTarget::Local => "local".into(),
        RouteTarget::InternetGateway(id)
        | RouteTarget::NatGateway(id)
        | RouteTarget::Instance(id)
        | RouteTarget::NetworkInterface(id)
        | RouteTarget::PeeringConnection(id)
        | RouteTarget::GatewayEndpoint(id)
        | RouteTarget::TransitGateway(id)
        | RouteTarget::VpnGateway(id)
        | RouteTarget::GwlbEndpoint(id)
        | RouteTarget::EgressOnlyInternetGateway(id) => id.clone(),
    }
}

/// The part on the canvas that component `id` of `kind` is drawn as: an interface's owner, an
/// internet host (named in hops by its id or its address), or the part itself; none for filters,
/// route tables and VPCs, which are drawn where they decide.
fn part_of<'a>(net: &Network<'a>, id: &'a str, kind: Kind) -> Option<&'a str> {
    match kind {
        Kind::NetworkInterface => Some(net.owner_id(net.enis[net.eni(id)?].owner)),
        Kind::InternetHost => {
            let ip = id.parse::<IpAddr>().ok();
            (net.scenario.internet_hosts.iter())
                .find(|h| {
                    h.id == id
                        || ip.is_some_and(|a| a == IpAddr::V4(h.ip) || a == h.ipv6_or_stand_in())
                })
                .map(|h| h.id.as_str())
        }
        Kind::SecurityGroup | Kind::NetworkAcl | Kind::RouteTable | Kind::Vpc => None,
        Kind::TransitGatewayRouteTable => (net.scenario.transit_gateways.iter())
            .find(|t| t.route_tables.iter().any(|r| r.id == id))
            .map(|t| t.id.as_str()),
        // A link is drawn as a line from its site; a site's host is the site.
        Kind::SiteLink => (net.scenario.on_prem_networks.iter())
            .find(|n| n.links.iter().any(|l| l.id == id))
            .map(|n| n.id.as_str()),
        Kind::OnPremNetwork => match id.parse::<IpAddr>() {
            Ok(ip) => net
                .site_holding(ip)
                .map(|i| net.scenario.on_prem_networks[i].id.as_str()),
            Err(_) => Some(id),
        },
        _ => Some(id),
    }
}
