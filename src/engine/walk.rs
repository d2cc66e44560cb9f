//! The packet walker: moves one packet hop by hop until it is delivered or dropped.
//!
//! The same walker carries requests and replies. Replies differ only where AWS makes them
//! differ: security groups pass them when the request passed that interface (connection
//! tracking), and NAT devices reverse the translation they recorded for the request. Network
//! ACLs and routes are evaluated afresh, as AWS does.

use super::acl::{self, AclPacket, AclRuleRef};
use super::checks::{FilterChecks, TrackedEntry};
use super::network::{cidr_contains, display, Network, Owner};
use super::portset::PortSet;
use super::route;
use super::sg::{self, SgDirection};
use super::trace::{
    Action, Direction, Endpoint, Hop, Kind, PortView, Rewrote, RuleDirection, RuleRef, Side, Site,
    Step, Verdict,
};
use crate::model::{Os, PortRange, Protocol, Role, RouteState, RouteTarget, NAT_EPHEMERAL};
use std::net::Ipv4Addr;

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

/// A source port chosen by a client or a translating device, as a set that filters narrow.
#[derive(Debug, Clone)]
pub struct PortVar {
    /// Who picks it, in words.
    pub picked_by: String,
    /// The range it is picked from.
    pub full: PortRange,
    /// The OS whose ephemeral range it is (`None` for NAT gateways and load balancers).
    pub os: Option<Os>,
    /// The ports still working after the filters seen so far.
    pub allowed: PortSet,
}

/// A packet in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packet {
    /// Source address.
    pub src: Ipv4Addr,
    /// Destination address.
    pub dst: Ipv4Addr,
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
            icmp: self.icmp.map(|(t, c)| if t == 8 { (0, c) } else { (t, c) }),
        }
    }
}

/// An address translation a NAT device recorded, so it can reverse it for replies.
#[derive(Debug, Clone, Copy)]
struct Session {
    eni: usize,
    inside: (Ipv4Addr, PortVal),
    outside: (Ipv4Addr, PortVal),
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
}

/// Why a packet stopped, and what stopped it.
#[derive(Debug, Clone)]
pub struct Drop {
    /// The verdict this drop gives.
    pub verdict: Verdict,
    /// Id of the deciding component.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// The rule that decided, if any.
    pub rule: Option<String>,
    /// Plain words.
    pub detail: String,
    /// Leg and direction it happened in.
    pub leg: u8,
    /// Direction.
    pub direction: Direction,
}

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
    Dropped(Box<Drop>),
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
    pub narrowed: Option<Box<Drop>>,
    /// Current leg.
    pub leg: u8,
    /// Current direction.
    pub dir: Direction,
    tracked: Vec<usize>,
    sessions: Vec<Session>,
    /// Where the packet is now, for the hops it records.
    site: Option<Site>,
    /// The rules the filter about to record its hop looked at.
    checks: Option<Box<FilterChecks>>,
}

impl<'n, 's> Walk<'n, 's> {
    /// A new walk over `net`.
    pub fn new(net: &'n Network<'s>, record: bool) -> Self {
        Walk {
            net,
            record,
            hops: Vec::new(),
            vars: Vec::new(),
            denied_var: None,
            narrowed: None,
            leg: 1,
            dir: Direction::Forward,
            tracked: Vec::new(),
            sessions: Vec::new(),
            site: None,
            checks: None,
        }
    }

    /// Starts a new leg (a new connection): forgets tracked connections.
    pub fn start_leg(&mut self, leg: u8) {
        self.leg = leg;
        self.dir = Direction::Forward;
        self.tracked.clear();
    }

    /// Adds a port variable and returns its port value.
    pub fn new_var(&mut self, picked_by: String, full: PortRange, os: Option<Os>) -> PortVal {
        self.vars.push(PortVar {
            picked_by,
            full,
            os,
            allowed: PortSet::from_range(full),
        });
        PortVal::Var(self.vars.len() - 1)
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
                match set.ranges() {
                    [r] if r.from == r.to => PortView::One(r.from),
                    _ => PortView::Set(set.to_string()),
                }
            }
        }
    }

    fn port_text(&self, p: PortVal) -> String {
        self.port_view(p).to_string()
    }

    /// Describes "tcp/443" or "icmp".
    fn service_text(&self, pkt: &Packet) -> String {
        match pkt.dport {
            PortVal::None => pkt.protocol.to_string(),
            p => format!("{}/{}", pkt.protocol, self.port_text(p)),
        }
    }

    /// The step of a translation that rewrote one end of `before` into `after`.
    fn translated(&self, rewrote: Rewrote, before: &Packet, after: &Packet) -> Step {
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
    fn hop(
        &mut self,
        pkt: &Packet,
        (id, name, kind): (&str, &str, Kind),
        step: Step,
        detail: impl FnOnce(&Self) -> String,
    ) {
        if !self.record {
            return;
        }
        let hop = Hop {
            leg: self.leg,
            direction: self.dir,
            component: id.to_string(),
            name: display(name, id).to_string(),
            kind,
            decision: step.decision(),
            rule: step.rule().map(RuleRef::text),
            step,
            detail: detail(self),
            src: pkt.src,
            dst: pkt.dst,
            protocol: pkt.protocol,
            src_port: self.port_view(pkt.sport),
            dst_port: self.port_view(pkt.dport),
            site: self.site.clone(),
            checks: self.checks.take(),
        };
        self.hops.push(hop);
    }

    #[allow(clippy::too_many_arguments)]
    fn drop(
        &mut self,
        pkt: &Packet,
        verdict: Verdict,
        id: &str,
        name: &str,
        kind: Kind,
        rule: Option<RuleRef>,
        detail: String,
    ) -> End {
        let text = rule.as_ref().map(RuleRef::text);
        if self.record {
            let step = match (verdict, rule) {
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
            let d = detail.clone();
            self.hop(pkt, (id, name, kind), step, |_| d);
        }
        End::Dropped(Box::new(Drop {
            verdict,
            id: id.to_string(),
            name: display(name, id).to_string(),
            kind,
            rule: text,
            detail,
            leg: self.leg,
            direction: self.dir,
        }))
    }

    /// Narrows the port variable behind `p` to `allowed`, remembering the filter that did it.
    fn narrow(&mut self, p: PortVal, allowed: PortSet, by: impl FnOnce(&Self) -> Drop) {
        if let PortVal::Var(v) = p {
            if allowed != self.vars[v].allowed {
                if self.narrowed.is_none() {
                    self.narrowed = Some(Box::new(by(self)));
                }
                self.vars[v].allowed = allowed;
            }
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
            };
        }
        let pkt = match step {
            Stage::Send { pkt, .. }
            | Stage::Leave { pkt, .. }
            | Stage::Enter { pkt, .. }
            | Stage::Receive { pkt, .. }
            | Stage::IgwOut { pkt, .. }
            | Stage::Internet { pkt } => pkt,
        };
        self.drop(
            &pkt,
            Verdict::ForwardingLoop,
            "routing",
            "routing loop",
            Kind::RouteTable,
            None,
            format!("the packet went round a routing loop ({MAX_STEPS} hops without arriving)"),
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
        };
        Some(Site { part, side })
    }

    /// Records that the packet reached the server of this leg.
    pub fn note_delivered(&mut self, pkt: &Packet, server: &(String, String, Kind)) {
        let (id, name, kind) = server;
        self.hop(pkt, (id, name, *kind), Step::Deliver, |w| {
            format!("{} receives {}", display(name, id), w.service_text(pkt))
        });
    }

    /// Records that the server of this leg refused the connection.
    pub fn note_refused(&mut self, pkt: &Packet, server: &(String, String, Kind), why: &str) {
        let (id, name, kind) = server;
        self.hop(pkt, (id, name, *kind), Step::Refuse, |_| why.to_string());
    }

    /// Records that the reply from `server` reached `client`.
    pub fn note_back(
        &mut self,
        pkt: &Packet,
        client: &(String, String, Kind),
        server: &(String, String, Kind),
    ) {
        let from = display(&server.1, &server.0).to_string();
        let (id, name, kind) = client;
        self.hop(pkt, (id, name, *kind), Step::Deliver, |_| {
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

    fn owner_kind(owner: Owner) -> Kind {
        match owner {
            Owner::Instance(_) => Kind::Instance,
            Owner::Database(_) => Kind::Database,
            Owner::LoadBalancer(_) => Kind::LoadBalancer,
            Owner::NatGateway(_) => Kind::NatGateway,
        }
    }

    fn src_dst_drop(&mut self, eni: usize, pkt: &Packet, sending: bool) -> End {
        let e = &self.net.enis[eni];
        let (id, name) = (self.net.owner_id(e.owner), self.net.owner_name(e.owner));
        let addr = e.iface.private_ip;
        let detail = if sending {
            format!(
                "{name} has source/destination check on, so it cannot send a packet whose source {} is not its own address {addr}; turn the check off to let it forward traffic",
                pkt.src
            )
        } else {
            format!(
                "{name} has source/destination check on, so it drops a packet for {} that is not addressed to it ({addr}); turn the check off to let it forward traffic",
                pkt.dst
            )
        };
        let kind = Self::owner_kind(e.owner);
        self.drop(pkt, Verdict::SourceDestCheck, id, name, kind, None, detail)
    }

    /// Security group check for a packet leaving or arriving at `eni`.
    fn security_groups(&mut self, eni: usize, pkt: &Packet, dir: SgDirection) -> Result<(), End> {
        let net = self.net;
        let e = &net.enis[eni];
        if e.groups.is_empty() {
            return Ok(());
        }
        let first = &net.scenario.security_groups[e.groups[0]];
        let names = || {
            e.groups
                .iter()
                .map(|&g| {
                    let sg = &net.scenario.security_groups[g];
                    display(&sg.name, &sg.id).to_string()
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.is_tracked(eni) {
            if self.record {
                self.checks = Some(Box::new(FilterChecks::Tracked(TrackedEntry {
                    protocol: pkt.protocol,
                    client: pkt.dst,
                    client_port: self.port_text(pkt.dport),
                    server: pkt.src,
                    server_port: self.port_text(pkt.sport),
                })));
            }
            self.hop(
                pkt,
                (&first.id, &names(), Kind::SecurityGroup),
                Step::Filter {
                    action: Action::Allow,
                    rule: RuleRef::TrackedConnection,
                },
                |_| {
                    "reply to a connection the security group allowed: stateful, so it passes"
                        .into()
                },
            );
            return Ok(());
        }
        let (remote, word, towards, rule_direction) = match dir {
            SgDirection::Inbound => (pkt.src, "inbound", "from", RuleDirection::Inbound),
            SgDirection::Outbound => (pkt.dst, "outbound", "to", RuleDirection::Outbound),
        };
        let ports = self.port_set(pkt.dport);
        let out = sg::evaluate(net, eni, dir, remote, pkt.protocol, pkt.icmp, &ports);
        if self.record {
            self.checks = Some(Box::new(FilterChecks::Rules {
                inbound: dir == SgDirection::Inbound,
                remote,
                ports: self.port_text(pkt.dport),
                rules: sg::checks(net, eni, dir, remote, pkt.protocol, pkt.icmp, &ports),
            }));
        }
        if out.allowed.is_empty() {
            let whose = if e.groups.len() == 1 {
                format!("security group {}", display(&first.name, &first.id))
            } else {
                format!("none of the security groups ({})", names())
            };
            let verb = if e.groups.len() == 1 { "has" } else { "have" };
            let detail = format!(
                "{whose} {verb} no {word} rule allowing {} {towards} {remote}",
                self.service_text(pkt)
            );
            let name = display(&first.name, &first.id).to_string();
            return Err(self.drop(
                pkt,
                Verdict::DroppedBySecurityGroup,
                &first.id,
                &name,
                Kind::SecurityGroup,
                Some(RuleRef::NoMatch),
                detail,
            ));
        }
        let r = out.rule.expect("an allowed packet has an allowing rule");
        let sg = &net.scenario.security_groups[r.group];
        self.narrow(pkt.dport, out.allowed, |w| Drop {
            verdict: Verdict::DroppedBySecurityGroup,
            id: sg.id.clone(),
            name: display(&sg.name, &sg.id).to_string(),
            kind: Kind::SecurityGroup,
            rule: Some(format!("#{}", r.rule + 1)),
            detail: format!(
                "security group {} allows only part of the ports",
                display(&sg.name, &sg.id)
            ),
            leg: w.leg,
            direction: w.dir,
        });
        self.track(eni);
        self.hop(
            pkt,
            (&sg.id, &sg.name, Kind::SecurityGroup),
            Step::Filter {
                action: Action::Allow,
                rule: RuleRef::SgRule {
                    direction: rule_direction,
                    index: r.rule + 1,
                },
            },
            |w| {
                format!(
                    "{word} rule #{} of {} allows {} {towards} {remote}",
                    r.rule + 1,
                    display(&sg.name, &sg.id),
                    w.service_text(pkt)
                )
            },
        );
        Ok(())
    }

    /// Network ACL check at the edge of `subnet`.
    fn network_acl(&mut self, subnet: usize, pkt: &Packet, inbound: bool) -> Result<(), End> {
        let net = self.net;
        let Some(a) = net.subnets[subnet].acl else {
            return Ok(());
        };
        let acl = &net.scenario.network_acls[a];
        let rules = if inbound {
            &net.acl_in[a]
        } else {
            &net.acl_out[a]
        };
        let remote = if inbound { pkt.src } else { pkt.dst };
        let ports = self.port_set(pkt.dport);
        let mut seen = self.record.then(Vec::new);
        let out = acl::evaluate_recording(
            rules,
            AclPacket {
                remote,
                protocol: pkt.protocol,
                icmp: pkt.icmp,
            },
            &ports,
            seen.as_mut(),
        );
        if let Some(rules) = seen {
            self.checks = Some(Box::new(FilterChecks::Rules {
                inbound,
                remote,
                ports: self.port_text(pkt.dport),
                rules,
            }));
        }
        let word = if inbound { "inbound" } else { "outbound" };
        let towards = if inbound { "from" } else { "to" };
        let acl_name = || display(&acl.name, &acl.id).to_string();
        let rule_words = |r: AclRuleRef| match r {
            AclRuleRef::Number(n) => format!("rule {n}"),
            AclRuleRef::Star => "the * rule (no rule matches)".to_string(),
        };
        if out.allowed.is_empty() {
            let deny = out.deny_rule.unwrap_or(AclRuleRef::Star);
            if let PortVal::Var(v) = pkt.dport {
                self.denied_var = Some(v);
            }
            let detail = if self.record {
                if let PortVal::Var(v) = pkt.dport {
                    let side = if inbound { "to" } else { "on" };
                    format!(
                        "network ACL {} denies {word} {} {towards} {remote} {side} the client's {}: {}",
                        acl_name(),
                        pkt.protocol,
                        super::explain::ephemeral_en(&self.vars[v], &self.port_text(pkt.dport)),
                        rule_words(deny)
                    )
                } else {
                    format!(
                        "network ACL {} denies {word} {} {towards} {remote}: {}",
                        acl_name(),
                        self.service_text(pkt),
                        rule_words(deny)
                    )
                }
            } else {
                String::new()
            };
            return Err(self.drop(
                pkt,
                Verdict::DroppedByNetworkAcl,
                &acl.id,
                &acl.name,
                Kind::NetworkAcl,
                Some(deny.into()),
                detail,
            ));
        }
        let partial = out.allowed != ports;
        if partial {
            let deny = out.deny_rule.unwrap_or(AclRuleRef::Star);
            let (leg, dir) = (self.leg, self.dir);
            let allowed = out.allowed.clone();
            self.narrow(pkt.dport, out.allowed.clone(), |w| Drop {
                verdict: Verdict::DroppedByNetworkAcl,
                id: acl.id.clone(),
                name: acl_name(),
                kind: Kind::NetworkAcl,
                rule: Some(deny.to_string()),
                detail: format!(
                    "network ACL {} allows {word} {} only to ports {allowed} of {}; {} denies the rest",
                    acl_name(),
                    pkt.protocol,
                    w.port_text(pkt.dport),
                    rule_words(deny)
                ),
                leg,
                direction: dir,
            });
        }
        let allow = out.allow_rule.unwrap_or(AclRuleRef::Star);
        self.hop(
            pkt,
            (&acl.id, &acl.name, Kind::NetworkAcl),
            Step::Filter {
                action: Action::Allow,
                rule: allow.into(),
            },
            |w| {
                let mut d = format!(
                    "{word} {} of {} allows {} {towards} {remote}",
                    rule_words(allow),
                    acl_name(),
                    w.service_text(pkt)
                );
                if partial {
                    d.push_str(&format!(" (only ports {} of {})", out.allowed, ports));
                }
                d
            },
        );
        Ok(())
    }

    fn send(&mut self, eni: usize, pkt: Packet) -> Result<Stage, End> {
        let e = &self.net.enis[eni];
        // A NAT gateway forwards by design: AWS applies no source/destination check to it,
        // whatever its interface record says.
        let checked = e.iface.source_dest_check && !matches!(e.owner, Owner::NatGateway(_));
        if checked && pkt.src != e.iface.private_ip {
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

    fn no_host(&mut self, pkt: &Packet, vpc: usize) -> End {
        let v = &self.net.scenario.vpcs[vpc];
        let detail = format!(
            "nothing in {} has the address {}, so nobody answers",
            display(&v.name, &v.id),
            pkt.dst
        );
        self.drop(
            pkt,
            Verdict::NoHost,
            &v.id,
            &v.name,
            Kind::Vpc,
            None,
            detail,
        )
    }

    /// Delivery inside VPC `vpc` to the interface holding `pkt.dst`.
    fn deliver_local(
        &mut self,
        vpc: usize,
        from: Option<usize>,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        match net.eni_by_private(vpc, pkt.dst) {
            Some(eni) => Ok(Stage::Enter {
                subnet: net.enis[eni].subnet,
                eni,
                from,
                pkt,
            }),
            None => Err(self.no_host(&pkt, vpc)),
        }
    }

    fn leave(&mut self, subnet: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let sn = &net.subnets[subnet];
        let vpc = sn.vpc;
        if cidr_contains(&sn.subnet.cidr, pkt.dst) {
            if let Some(t) = sn.route_table {
                let rt = &net.scenario.route_tables[t];
                let cidr = sn.subnet.cidr;
                self.hop(
                    &pkt,
                    (&rt.id, &rt.name, Kind::RouteTable),
                    Step::Route {
                        rule: RuleRef::Route {
                            destination: "local".into(),
                        },
                    },
                    |_| format!("{} is in the same subnet ({cidr}): delivered directly, no network ACL in between", pkt.dst),
                );
            }
            return self.deliver_local(vpc, Some(subnet), pkt);
        }
        self.network_acl(subnet, &pkt, false)?;
        let Some(t) = sn.route_table else {
            let detail = format!(
                "subnet {} has no route table",
                display(&sn.subnet.name, &sn.subnet.id)
            );
            return Err(self.drop(
                &pkt,
                Verdict::NoRoute,
                &sn.subnet.id,
                &sn.subnet.name,
                Kind::Vpc,
                None,
                detail,
            ));
        };
        let rt = &net.scenario.route_tables[t];
        let rt_name = display(&rt.name, &rt.id).to_string();
        let Some(r) = route::lookup(net, t, pkt.dst) else {
            let detail = format!("route table {rt_name} has no route to {}", pkt.dst);
            return Err(self.drop(
                &pkt,
                Verdict::NoRoute,
                &rt.id,
                &rt.name,
                Kind::RouteTable,
                Some(RuleRef::NoRoute),
                detail,
            ));
        };
        let dest = r.route.map_or_else(
            || r.net.to_string(),
            |x| match &x.destination {
                crate::model::Destination::Cidr(c) => c.to_string(),
                crate::model::Destination::PrefixList(p) => p.clone(),
            },
        );
        let target = r.route.map_or(&RouteTarget::Local, |x| &x.target);
        let target_text = target_id(target);
        if r.route.is_some_and(|x| x.state == RouteState::Blackhole) {
            let detail = format!(
                "route table {rt_name} sends {dest} to {target_text}, which no longer exists: a blackhole route drops the packet"
            );
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                &rt.id,
                &rt.name,
                Kind::RouteTable,
                Some(RuleRef::Route { destination: dest }),
                detail,
            ));
        }
        self.hop(
            &pkt,
            (&rt.id, &rt.name, Kind::RouteTable),
            Step::Route {
                rule: RuleRef::Route {
                    destination: dest.clone(),
                },
            },
            |_| format!("route {dest} → {target_text} matches {}", pkt.dst),
        );
        self.follow_target(vpc, subnet, target, &rt.id, &rt_name, pkt)
    }

    fn follow_target(
        &mut self,
        vpc: usize,
        subnet: usize,
        target: &RouteTarget,
        rt_id: &str,
        rt_name: &str,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let missing = |w: &mut Self, what: &str, id: &str| {
            let detail =
                format!("route table {rt_name} points at {what} {id}, which is not in this VPC");
            w.drop(
                &pkt,
                Verdict::BlackholeRoute,
                rt_id,
                rt_name,
                Kind::RouteTable,
                None,
                detail,
            )
        };
        match target {
            RouteTarget::Local => self.deliver_local(vpc, Some(subnet), pkt),
            RouteTarget::InternetGateway(id) => {
                match s.internet_gateways.iter().position(|g| g.id == *id) {
                    Some(g) if s.internet_gateways[g].vpc.as_deref() == Some(&s.vpcs[vpc].id) => {
                        Ok(Stage::IgwOut { igw: g, vpc, pkt })
                    }
                    _ => Err(missing(self, "internet gateway", id)),
                }
            }
            RouteTarget::NatGateway(id) => {
                let found = net.enis.iter().position(
                    |e| matches!(e.owner, Owner::NatGateway(i) if s.nat_gateways[i].id == *id),
                );
                match found {
                    Some(eni) if net.enis[eni].vpc == vpc => Ok(Stage::Enter {
                        subnet: net.enis[eni].subnet,
                        eni,
                        from: Some(subnet),
                        pkt,
                    }),
                    _ => Err(missing(self, "NAT gateway", id)),
                }
            }
            RouteTarget::Instance(id) => {
                let found = s
                    .instances
                    .iter()
                    .find(|i| i.id == *id)
                    .and_then(|i| i.interfaces.first())
                    .and_then(|f| net.eni(&f.id));
                self.enter_eni(found, vpc, subnet, "instance", id, pkt, &missing)
            }
            RouteTarget::NetworkInterface(id) => {
                let found = net.eni(id);
                self.enter_eni(found, vpc, subnet, "network interface", id, pkt, &missing)
            }
            RouteTarget::PeeringConnection(id) => self.peering(vpc, id, rt_name, pkt),
            RouteTarget::GatewayEndpoint(id) => {
                match s.gateway_endpoints.iter().position(|g| g.id == *id) {
                    Some(ep) => {
                        let g = &s.gateway_endpoints[ep];
                        self.hop(
                            &pkt,
                            (&g.id, &g.name, Kind::GatewayEndpoint),
                            Step::Deliver,
                            |_| {
                                format!(
                                    "gateway endpoint {} carries the packet to the AWS service",
                                    display(&g.name, &g.id)
                                )
                            },
                        );
                        Err(End::Service {
                            endpoint: ep,
                            vpc,
                            pkt,
                        })
                    }
                    None => Err(missing(self, "gateway endpoint", id)),
                }
            }
            RouteTarget::TransitGateway(id) => {
                let detail = format!(
                    "route table {rt_name} sends the packet to transit gateway {id}; transit gateways are not simulated yet"
                );
                Err(self.drop(
                    &pkt,
                    Verdict::Unsupported,
                    id,
                    id,
                    Kind::TransitGateway,
                    None,
                    detail,
                ))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn enter_eni(
        &mut self,
        found: Option<usize>,
        vpc: usize,
        subnet: usize,
        what: &str,
        id: &str,
        pkt: Packet,
        missing: &dyn Fn(&mut Self, &str, &str) -> End,
    ) -> Result<Stage, End> {
        match found {
            Some(eni) if self.net.enis[eni].vpc == vpc => Ok(Stage::Enter {
                subnet: self.net.enis[eni].subnet,
                eni,
                from: Some(subnet),
                pkt,
            }),
            _ => Err(missing(self, what, id)),
        }
    }

    fn peering(&mut self, vpc: usize, id: &str, rt_name: &str, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let Some(p) = s.peerings.iter().position(|p| p.id == id) else {
            let detail =
                format!("route table {rt_name} points at peering {id}, which does not exist");
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                id,
                id,
                Kind::PeeringConnection,
                None,
                detail,
            ));
        };
        let pcx = &s.peerings[p];
        let Some(&(other, _)) = net.peers[vpc].iter().find(|(_, i)| *i == p) else {
            let detail = format!(
                "peering {} is not active between this VPC and another one",
                display(&pcx.name, &pcx.id)
            );
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                &pcx.id,
                &pcx.name,
                Kind::PeeringConnection,
                None,
                detail,
            ));
        };
        let peer = &s.vpcs[other];
        if !peer.cidrs.iter().any(|c| cidr_contains(c, pkt.dst)) {
            let detail =
                format!(
                "peering {} reaches only {} ({}); {} is beyond it, and peering is not transitive",
                display(&pcx.name, &pcx.id),
                display(&peer.name, &peer.id),
                peer.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "),
                pkt.dst
            );
            return Err(self.drop(
                &pkt,
                Verdict::NotTransitive,
                &pcx.id,
                &pcx.name,
                Kind::PeeringConnection,
                None,
                detail,
            ));
        }
        self.hop(
            &pkt,
            (&pcx.id, &pcx.name, Kind::PeeringConnection),
            Step::Forward,
            |_| {
                format!(
                    "peering {} carries the packet into {}",
                    display(&pcx.name, &pcx.id),
                    display(&peer.name, &peer.id)
                )
            },
        );
        self.deliver_local(other, None, pkt)
    }

    fn receive(&mut self, eni: usize, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let e = &net.enis[eni];
        if let Owner::Instance(i) = e.owner {
            if net.scenario.instances[i].stopped {
                let (id, name) = (net.owner_id(e.owner), net.owner_name(e.owner));
                let detail = format!("{name} is stopped: nothing on it answers or forwards");
                return Err(self.drop(
                    &pkt,
                    Verdict::NoHost,
                    id,
                    name,
                    Kind::Instance,
                    None,
                    detail,
                ));
            }
        }
        self.security_groups(eni, &pkt, SgDirection::Inbound)?;
        let own = pkt.dst == e.iface.private_ip;
        let session = self
            .sessions
            .iter()
            .find(|s| s.eni == eni && s.outside == (pkt.dst, pkt.dport))
            .copied();
        let (id, name) = (net.owner_id(e.owner), net.owner_name(e.owner));
        let kind = Self::owner_kind(e.owner);
        let is_nat_gw = matches!(e.owner, Owner::NatGateway(_));
        let is_nat_instance = matches!(e.owner, Owner::Instance(i) if net.scenario.instances[i].role == Role::NatInstance);
        if own {
            if let (Some(s), Direction::Return) = (session, self.dir) {
                let before = pkt;
                pkt.dst = s.inside.0;
                pkt.dport = s.inside.1;
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
                let detail = format!(
                    "NAT gateway {name} only passes replies to connections started from inside; it never accepts a new connection"
                );
                return Err(self.drop(
                    &pkt,
                    Verdict::DroppedByNatGateway,
                    id,
                    name,
                    kind,
                    None,
                    detail,
                ));
            }
            return Err(End::Eni { eni, pkt });
        }
        if is_nat_gw {
            if self.dir == Direction::Return {
                let detail = format!("NAT gateway {name} has no connection for this packet");
                return Err(self.drop(
                    &pkt,
                    Verdict::DroppedByNatGateway,
                    id,
                    name,
                    kind,
                    None,
                    detail,
                ));
            }
            return Ok(self.translate_source(eni, pkt, true));
        }
        if e.iface.source_dest_check {
            return Err(self.src_dst_drop(eni, &pkt, false));
        }
        if is_nat_instance && self.dir == Direction::Forward {
            return Ok(self.translate_source(eni, pkt, false));
        }
        self.hop(&pkt, (id, name, kind), Step::Forward, |_| {
            format!("{name} forwards the packet (source/destination check off)")
        });
        Ok(Stage::Send { eni, pkt })
    }

    /// NAT: put the device's own address (and, for a NAT gateway, a port of its own) in place of
    /// the source, and remember it for the reply.
    fn translate_source(&mut self, eni: usize, mut pkt: Packet, new_port: bool) -> Stage {
        let net = self.net;
        let e = &net.enis[eni];
        let name = net.owner_name(e.owner);
        let before = pkt;
        pkt.src = e.iface.private_ip;
        if new_port && pkt.sport != PortVal::None {
            pkt.sport = self.new_var(format!("NAT gateway {name}"), NAT_EPHEMERAL, None);
        }
        self.sessions.push(Session {
            eni,
            inside: (before.src, before.sport),
            outside: (pkt.src, pkt.sport),
        });
        let kind = Self::owner_kind(e.owner);
        let step = self.translated(Rewrote::Source, &before, &pkt);
        self.hop(&pkt, (net.owner_id(e.owner), name, kind), step, |w| {
            format!(
                "{name} translates the source {}:{} → {}:{}",
                before.src,
                w.port_text(before.sport),
                pkt.src,
                w.port_text(pkt.sport)
            )
        });
        Stage::Send { eni, pkt }
    }

    fn igw_out(&mut self, igw: usize, vpc: usize, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let g = &net.scenario.internet_gateways[igw];
        match net.eni_by_private(vpc, pkt.src) {
            Some(e) => {
                let eni = &net.enis[e];
                let Some(public) = eni.iface.public_ip else {
                    let (id, name) = (net.owner_id(eni.owner), net.owner_name(eni.owner));
                    let detail = format!(
                        "{name} ({}) has no public IP address, so internet gateway {} cannot carry its traffic to the internet",
                        pkt.src,
                        display(&g.name, &g.id)
                    );
                    let kind = Self::owner_kind(eni.owner);
                    return Err(self.drop(
                        &pkt,
                        Verdict::NoPublicAddress,
                        id,
                        name,
                        kind,
                        None,
                        detail,
                    ));
                };
                let (before, private) = (pkt, pkt.src);
                pkt.src = public;
                let step = self.translated(Rewrote::Source, &before, &pkt);
                self.hop(&pkt, (&g.id, &g.name, Kind::InternetGateway), step, |_| {
                    format!("internet gateway translates the source {private} → {public} (1:1 NAT)")
                });
            }
            None if net
                .eni_by_public(pkt.src)
                .is_some_and(|e| net.enis[e].vpc == vpc) =>
            {
                self.hop(
                    &pkt,
                    (&g.id, &g.name, Kind::InternetGateway),
                    Step::Forward,
                    |_| "internet gateway passes the packet to the internet".into(),
                );
            }
            None => {
                let detail = format!(
                    "{} is not an address of this VPC with a public IP, so the internet gateway drops it",
                    pkt.src
                );
                return Err(self.drop(
                    &pkt,
                    Verdict::NoPublicAddress,
                    &g.id,
                    &g.name,
                    Kind::InternetGateway,
                    None,
                    detail,
                ));
            }
        }
        Ok(Stage::Internet { pkt })
    }

    fn internet(&mut self, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        if let Some(e) = net.eni_by_public(pkt.dst) {
            let eni = &net.enis[e];
            let vpc = &net.scenario.vpcs[eni.vpc];
            let Some(g) = net.igw_of_vpc[eni.vpc] else {
                let detail = format!(
                    "{} has no internet gateway, so nothing from the internet reaches {}",
                    display(&vpc.name, &vpc.id),
                    pkt.dst
                );
                return Err(self.drop(
                    &pkt,
                    Verdict::NoRoute,
                    &vpc.id,
                    &vpc.name,
                    Kind::Vpc,
                    None,
                    detail,
                ));
            };
            let igw = &net.scenario.internet_gateways[g];
            let (before, public) = (pkt, pkt.dst);
            pkt.dst = eni.iface.private_ip;
            let step = self.translated(Rewrote::Destination, &before, &pkt);
            self.hop(
                &pkt,
                (&igw.id, &igw.name, Kind::InternetGateway),
                step,
                |_| {
                    format!(
                        "internet gateway translates the destination {public} → {} (1:1 NAT)",
                        pkt.dst
                    )
                },
            );
            return Ok(Stage::Enter {
                subnet: eni.subnet,
                eni: e,
                from: None,
                pkt,
            });
        }
        if let Some(v) = net.vpc_of_address(pkt.dst) {
            let vpc = &net.scenario.vpcs[v];
            let detail = format!(
                "{} is a private address of {}; the internet does not route private addresses",
                pkt.dst,
                display(&vpc.name, &vpc.id)
            );
            return Err(self.drop(
                &pkt,
                Verdict::NoRoute,
                "internet",
                "internet",
                Kind::Internet,
                None,
                detail,
            ));
        }
        Err(End::Internet { pkt })
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
        | RouteTarget::TransitGateway(id) => id.clone(),
    }
}
