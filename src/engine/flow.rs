//! Flows: resolving endpoints, running the legs of a connection forward and back, and turning
//! the walk into one verdict.
//!
//! AWS rules here: a flow is established when the forward path and the return path both pass
//! and the service listens; a connection to a load balancer or reverse proxy ends there and a new
//! connection (a new leg) goes on to a healthy target or upstream.

use super::network::{display, Network, Owner};
#[cfg(feature = "port-sets")]
use super::port_walk::AtService;
use super::trace::{
    BlockedBy, Direction, Ends, FlowView, Kind, PortView, SourcePorts, Trace, Verdict,
};
use super::walk::{owner_kind, End, Packet, PortVal, Stage, Stop, Walk, Who};
use crate::model::{LbKind, Listening, Os, PortRange, Protocol, Role, NAT_EPHEMERAL};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Most legs one flow may chain (load balancer → proxy → app ...).
const MAX_LEGS: u8 = 8;

/// A flow to trace, as the user names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSpec {
    /// Source: node id or name, interface id, or IPv4 address.
    pub from: String,
    /// Destination: node id or name, interface id, or IPv4 address.
    pub to: String,
    /// Protocol (tcp, udp, icmp or a number).
    pub protocol: Protocol,
    /// Destination port (required for TCP and UDP).
    pub port: Option<u16>,
    /// Fixed source port; when absent the client's whole ephemeral range is considered.
    pub src_port: Option<u16>,
    /// Use the endpoints' IPv6 addresses (also chosen when either end is an IPv6 address).
    pub ipv6: bool,
}

impl FlowSpec {
    /// A TCP flow from `from` to port `port` of `to`, from the client's ephemeral ports.
    pub fn tcp(from: &str, to: &str, port: u16) -> FlowSpec {
        FlowSpec {
            from: from.into(),
            to: to.into(),
            protocol: Protocol::Tcp,
            port: Some(port),
            src_port: None,
            ipv6: false,
        }
    }

    /// A flow over `protocol` to `port` between ends already resolved (`trace_resolved`: the
    /// spec names no ends), IPv4, from the client's ephemeral ports.
    pub fn resolved(protocol: Protocol, port: Option<u16>) -> FlowSpec {
        FlowSpec {
            from: String::new(),
            to: String::new(),
            protocol,
            port,
            src_port: None,
            ipv6: false,
        }
    }

    /// Whether the flow is over IPv6: asked for, or an end is an IPv6 address.
    pub fn is_ipv6(&self) -> bool {
        let v6 = |t: &str| t.trim().parse::<Ipv6Addr>().is_ok();
        self.ipv6 || v6(&self.from) || v6(&self.to)
    }
}

/// Why a flow cannot be traced at all (input errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// The endpoint names nothing in the scenario.
    #[error("{role} {name:?}: no instance, interface, database, load balancer or internet host has this id, name or address")]
    UnknownEndpoint {
        /// `--from` or `--to`.
        role: &'static str,
        /// What was given.
        name: String,
    },
    /// An address inside a VPC that no interface holds, used as a source.
    #[error("{role} {ip}: the address is inside {vpc} but no network interface holds it")]
    NoInterface {
        /// `--from` or `--to`.
        role: &'static str,
        /// The address.
        ip: IpAddr,
        /// The VPC.
        vpc: String,
    },
    /// An IPv6 flow from or to a part with no IPv6 address.
    #[error("{role} {name:?} has no IPv6 address; give its subnet an IPv6 block and the interface an address from it")]
    NoIpv6 {
        /// `--from` or `--to`.
        role: &'static str,
        /// What was given.
        name: String,
    },
    /// One end is an IPv4 address and the other an IPv6 one.
    #[error("--from and --to are of different families (IPv4 and IPv6); a packet has one")]
    MixedFamilies,
    /// TCP or UDP without a port.
    #[error("--port is required for {0}")]
    MissingPort(Protocol),
    /// A protocol the simulator cannot send.
    #[error("protocol {0} cannot be traced: use tcp, udp, icmp or icmpv6")]
    BadProtocol(Protocol),
}

/// A part of the scenario a flow can start or end at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// `scenario.instances[i]`.
    Instance(usize),
    /// `scenario.databases[i]`.
    Database(usize),
    /// `scenario.load_balancers[i]`.
    LoadBalancer(usize),
    /// `scenario.nat_gateways[i]`.
    NatGateway(usize),
    /// A network interface by index in the compiled network.
    Interface(usize),
    /// `scenario.internet_hosts[i]`.
    InternetHost(usize),
    /// A bare address (on the internet, or an interface's address).
    Address(IpAddr),
}

/// Finds the node a user's text names: id first, then name, then an IPv4 address.
pub fn find_node(net: &Network, text: &str) -> Option<Node> {
    let s = net.scenario;
    let t = text.trim();
    let by = |f: &dyn Fn(&str, &str) -> bool| -> Option<Node> {
        if let Some(i) = s.instances.iter().position(|x| f(&x.id, &x.name)) {
            return Some(Node::Instance(i));
        }
        if let Some(i) = s.databases.iter().position(|x| f(&x.id, &x.name)) {
            return Some(Node::Database(i));
        }
        if let Some(i) = s.load_balancers.iter().position(|x| f(&x.id, &x.name)) {
            return Some(Node::LoadBalancer(i));
        }
        if let Some(i) = s.internet_hosts.iter().position(|x| f(&x.id, &x.name)) {
            return Some(Node::InternetHost(i));
        }
        if let Some(i) = s.nat_gateways.iter().position(|x| f(&x.id, &x.name)) {
            return Some(Node::NatGateway(i));
        }
        // An on-premises network stands for a host of its own.
        let site = s.on_prem_networks.iter().find(|x| f(&x.id, &x.name));
        site.and_then(|n| n.host_address())
            .map(|a| Node::Address(IpAddr::V4(a)))
    };
    by(&|id, _| id == t)
        .or_else(|| net.eni(t).map(Node::Interface))
        .or_else(|| by(&|_, name| !name.is_empty() && name == t))
        .or_else(|| by(&|_, name| !name.is_empty() && name.eq_ignore_ascii_case(t)))
        .or_else(|| t.parse().ok().map(Node::Address))
}

/// The primary interface of a node, if it has one.
pub fn primary_eni(net: &Network, node: Node) -> Option<usize> {
    let first = |owner: Owner| net.first_eni_of(owner);
    match node {
        Node::Instance(i) => first(Owner::Instance(i)),
        Node::Database(i) => first(Owner::Database(i)),
        Node::LoadBalancer(i) => first(Owner::LoadBalancer(i)),
        Node::NatGateway(i) => first(Owner::NatGateway(i)),
        Node::Interface(e) => Some(e),
        Node::InternetHost(_) => None,
        Node::Address(ip) => net
            .vpc_of_address(ip)
            .and_then(|v| net.eni_by_private(v, ip))
            .or_else(|| net.eni_by_public(ip)),
    }
}

/// Where a flow starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// A network interface in a VPC.
    Eni(usize),
    /// A host on the internet.
    Internet {
        /// Its address.
        ip: IpAddr,
        /// Its OS (ephemeral range).
        os: Os,
    },
}

impl Client {
    /// The client's address in the flow's family (unspecified for an interface without IPv6,
    /// which `resolve` refuses).
    fn ip(self, net: &Network, v6: bool) -> IpAddr {
        match self {
            Client::Eni(e) => eni_address(net, e, v6).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
            Client::Internet { ip, .. } => ip,
        }
    }

    /// Who picks the source port (in words only when `record`) and from which range.
    fn ephemeral(self, net: &Network, record: bool) -> (String, PortRange, Option<Os>) {
        let words = |text: &dyn Fn() -> String| if record { text() } else { String::new() };
        match self {
            Client::Eni(e) => {
                let eni = &net.enis[e];
                let name = net.owner_name(eni.owner);
                match eni.owner {
                    Owner::Instance(i) => {
                        let os = net.scenario.instances[i].os;
                        let who = words(&|| format!("{name} ({})", os_word(os)));
                        (who, os.ephemeral_range(), Some(os))
                    }
                    Owner::Database(_) => (
                        words(&|| name.to_string()),
                        Os::Linux.ephemeral_range(),
                        Some(Os::Linux),
                    ),
                    _ => (words(&|| name.to_string()), NAT_EPHEMERAL, None),
                }
            }
            Client::Internet { ip, os } => (
                words(&|| format!("{ip} ({})", os_word(os))),
                os.ephemeral_range(),
                Some(os),
            ),
        }
    }
}

fn os_word(os: Os) -> &'static str {
    match os {
        Os::Linux => "Linux",
        Os::Windows => "Windows",
        Os::Any => "any OS",
    }
}

/// The private address of interface `e` in the flow's family: its IPv4 address, or its first
/// IPv6 address.
pub fn eni_address(net: &Network, e: usize, v6: bool) -> Option<IpAddr> {
    let iface = net.enis[e].iface;
    if v6 {
        iface.ipv6_addresses.first().map(|a| IpAddr::V6(*a))
    } else {
        Some(IpAddr::V4(iface.private_ip))
    }
}

/// The address of internet host `i` in the flow's family.
fn host_address(net: &Network, i: usize, v6: bool) -> IpAddr {
    let h = &net.scenario.internet_hosts[i];
    if v6 {
        IpAddr::V6(h.ipv6_or_stand_in())
    } else {
        IpAddr::V4(h.ip)
    }
}

/// Resolves a node as the source of a flow (`v6`: of an IPv6 flow).
pub fn resolve_client(
    net: &Network,
    node: Node,
    (role, text): (&'static str, &str),
    v6: bool,
) -> Result<Client, FlowError> {
    match node {
        Node::InternetHost(i) => {
            let h = &net.scenario.internet_hosts[i];
            Ok(Client::Internet {
                ip: host_address(net, i, v6),
                os: h.os,
            })
        }
        Node::Address(ip) => match primary_eni(net, node) {
            Some(e) => Ok(Client::Eni(e)),
            None => match net.vpc_of_address(ip) {
                Some(v) => Err(FlowError::NoInterface {
                    role,
                    ip,
                    vpc: net.scenario.vpcs[v].id.clone(),
                }),
                None => Ok(Client::Internet {
                    ip,
                    os: net
                        .scenario
                        .internet_hosts
                        .iter()
                        .find(|h| IpAddr::V4(h.ip) == ip || h.ipv6.map(IpAddr::V6) == Some(ip))
                        .map_or(Os::Any, |h| h.os),
                }),
            },
        },
        _ => primary_eni(net, node)
            .map(Client::Eni)
            .ok_or_else(|| FlowError::UnknownEndpoint {
                role,
                name: text.to_string(),
            }),
    }
}

/// The address a client uses to reach `node`: private inside the same (or a peered or
/// transit-joined) VPC and from a host of an on-premises network (over its VPN or Direct
/// Connect links), public otherwise. An IPv6 flow uses the interface's IPv6 address from
/// everywhere (it is global). `Err` holds the interface that has no public address.
pub fn destination_address(
    net: &Network,
    client: Client,
    node: Node,
    v6: bool,
) -> Result<IpAddr, usize> {
    match node {
        Node::Address(ip) => Ok(ip),
        Node::InternetHost(i) => Ok(host_address(net, i, v6)),
        _ => {
            let Some(e) = primary_eni(net, node) else {
                return Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
            };
            if v6 {
                return eni_address(net, e, true).ok_or(e);
            }
            let eni = &net.enis[e];
            let inside = match client {
                Client::Eni(c) => net.privately_joined(net.enis[c].vpc, eni.vpc),
                Client::Internet { ip, .. } => net.site_holding(ip).is_some(),
            };
            if inside {
                Ok(IpAddr::V4(eni.iface.private_ip))
            } else {
                eni.iface.public_ip.map(IpAddr::V4).ok_or(e)
            }
        }
    }
}

/// What the host at the end of a leg does with the connection.
enum Service {
    Accept,
    Refuse(String),
    /// A load balancer listener: forward to target group `tg` of load balancer `lb`.
    Balance {
        lb: usize,
        tg: usize,
    },
    /// A reverse proxy: forward to upstream `up` of instance `inst`.
    Proxy {
        inst: usize,
        up: usize,
    },
}

/// A refusal, in words only when `record` (the matrix formats nothing).
macro_rules! refuse {
    ($record:expr, $($words:tt)*) => {
        Service::Refuse(if $record { format!($($words)*) } else { String::new() })
    };
}

/// What interface `eni` does with packet `pkt`, which it sees on destination port `port`.
fn service_at_eni(
    net: &Network,
    eni: usize,
    pkt: &Packet,
    port: Option<u16>,
    record: bool,
) -> Service {
    let s = net.scenario;
    let e = &net.enis[eni];
    let name = net.owner_name(e.owner);
    let svc = |p: Option<u16>| match p {
        Some(p) => format!("{}/{p}", pkt.protocol),
        None => pkt.protocol.to_string(),
    };
    let icmp = pkt.protocol.is_icmp();
    match e.owner {
        Owner::Instance(i) => {
            let inst = &s.instances[i];
            // An interface endpoint takes only what its service listens on.
            if icmp && inst.role == Role::InterfaceEndpoint {
                return refuse!(record, "{name} does not answer ping");
            }
            if icmp {
                return Service::Accept;
            }
            if inst.role == Role::ReverseProxy && pkt.protocol == Protocol::Tcp {
                if let Some(up) = inst
                    .upstreams
                    .iter()
                    .position(|u| Some(u.listen_port) == port)
                {
                    return Service::Proxy { inst: i, up };
                }
            }
            if port.is_some_and(|p| inst.listens.accepts(pkt.protocol, p)) {
                Service::Accept
            } else {
                refuse!(
                    record,
                    "nothing on {name} listens on {}: connection refused",
                    svc(port)
                )
            }
        }
        Owner::Database(i) => {
            let db = &s.databases[i];
            if pkt.protocol == Protocol::Tcp && port == Some(db.listen_port()) {
                Service::Accept
            } else if icmp {
                refuse!(record, "{name} does not answer ping")
            } else {
                refuse!(
                    record,
                    "{name} listens only on tcp/{}, not {}: connection refused",
                    db.listen_port(),
                    svc(port)
                )
            }
        }
        Owner::LoadBalancer(i) => {
            let lb = &s.load_balancers[i];
            let listener = (lb.listeners.iter())
                .find(|l| Some(l.port) == port && l.protocol.carries(pkt.protocol));
            match listener {
                Some(l) => match lb.target_groups.iter().position(|t| t.id == l.target_group) {
                    Some(tg) => Service::Balance { lb: i, tg },
                    None => refuse!(
                        record,
                        "load balancer {name} listener {} has no target group",
                        l.port
                    ),
                },
                _ if icmp => refuse!(record, "load balancer {name} does not answer ping"),
                _ => refuse!(
                    record,
                    "load balancer {name} has no listener on {}",
                    svc(port)
                ),
            }
        }
        Owner::NatGateway(_) => refuse!(record, "NAT gateway {name} accepts no connections"),
        Owner::GwlbEndpoint(_) => refuse!(
            record,
            "Gateway Load Balancer endpoint {name} accepts no connections"
        ),
    }
}

/// The host on the internet at `ip` (its name) and what it listens on.
pub(super) fn listening_of_internet(net: &Network, ip: IpAddr) -> (String, Listening) {
    match net.scenario.internet_hosts.iter().find(|h| h.ip == ip) {
        Some(h) => (display(&h.name, &h.id).to_string(), h.listens.clone()),
        None => (ip.to_string(), Listening::Any),
    }
}

/// A stop on the flow's level (not at a component the walker met): what ended it and why.
fn stop(
    w: &Walk,
    verdict: Verdict,
    (id, name, kind): Who,
    detail: impl FnOnce() -> String,
) -> Box<Stop> {
    Box::new(Stop {
        verdict,
        by: w.blocked_by((&id, &name, kind), None),
        detail: w.words(|_| detail()),
    })
}

/// What one leg asks for: to `dst`, by `protocol` to `port`, from `src_port` when fixed.
#[derive(Clone, Copy)]
struct Ask {
    dst: IpAddr,
    protocol: Protocol,
    port: Option<u16>,
    src_port: Option<u16>,
    /// The source address and port the packets carry instead of the client's own: those of the
    /// client a network load balancer passes on with its address kept.
    from: Option<(IpAddr, PortVal)>,
}

/// Runs one leg (a connection) and any legs it leads to. `Err` is the stop that ended the flow.
fn run_leg(w: &mut Walk, leg: &mut u8, client: Client, ask: Ask) -> Result<(), Box<Stop>> {
    let net = w.net;
    *leg += 1;
    if *leg > MAX_LEGS {
        w.leg = *leg;
        w.dir = Direction::Forward;
        return Err(stop(
            w,
            Verdict::ForwardingLoop,
            ("flow".into(), "flow".into(), Kind::LoadBalancer),
            || format!("more than {MAX_LEGS} proxies or load balancers in a row"),
        ));
    }
    w.start_leg(*leg);
    w.kept_by = match client {
        Client::Eni(node) if ask.from.is_some() => Some(node),
        _ => None,
    };
    let (start, sport) = first_packet(w, client, ask)?;
    let end = w.run(start);
    #[cfg(feature = "port-sets")]
    let refused = match super::port_walk::split_at_service(w, &end) {
        AtService::Go => None,
        AtService::Stop(stop) => return Err(stop),
        AtService::RefuseAfterReply(ports) => Some(ports),
    };
    let (service, arrived, server_eni) = match &end {
        End::Dropped(d) => return Err(d.clone()),
        End::Eni { eni, pkt } => {
            let port = w.service_port(pkt.dport);
            (
                service_at_eni(net, *eni, pkt, port, w.record),
                *pkt,
                Some(*eni),
            )
        }
        End::Internet { pkt } => (internet_service(w, pkt, ask), *pkt, None),
        End::OnPrem { pkt, .. } => (Service::Accept, *pkt, None),
        End::Service { pkt, .. } => (Service::Accept, *pkt, None),
    };
    let here = leg_server(net, &end);
    match &service {
        Service::Refuse(why) => w.note_refused(&arrived, &here, why),
        _ => w.note_delivered(&arrived, &here),
    }
    reply(w, (client, ask.dst), sport, (&end, arrived), &here)?;
    #[cfg(feature = "port-sets")]
    if let Some(ports) = refused {
        super::port_walk::close_refused(w, ports, &here);
    }
    match service {
        Service::Accept => Ok(()),
        Service::Refuse(detail) => {
            w.dir = Direction::Forward;
            Err(stop(w, Verdict::Refused, here, || detail))
        }
        Service::Balance { lb, tg } => {
            let node = server_eni.expect("a load balancer is reached at a node");
            balance(w, leg, (node, arrived), lb, tg)
        }
        Service::Proxy { inst, up } => {
            let eni = server_eni.expect("a proxy is reached at its interface");
            proxy(w, leg, eni, (inst, up))
        }
    }
}

/// The first packet of a leg from `client`, where it starts, and its source port; a stopped
/// instance sends nothing.
fn first_packet(w: &mut Walk, client: Client, ask: Ask) -> Result<(Stage, PortVal), Box<Stop>> {
    let net = w.net;
    if let Client::Eni(e) = client {
        let eni = &net.enis[e];
        if matches!(eni.owner, Owner::Instance(i) if net.scenario.instances[i].stopped) {
            let name = net.owner_name(eni.owner);
            let who = (net.owner_id(eni.owner).into(), name.into(), Kind::Instance);
            return Err(stop(w, Verdict::NoHost, who, || {
                format!("{name} is stopped, so it sends nothing")
            }));
        }
    }
    let sport = match (ask.protocol.has_ports(), ask.src_port, ask.from) {
        (false, _, _) => PortVal::None,
        (true, _, Some((_, kept))) => kept,
        (true, Some(p), None) => PortVal::Fixed(p),
        (true, None, None) => {
            let (who, range, os) = client.ephemeral(net, w.record);
            w.new_var(who, range, os)
        }
    };
    let pkt = Packet {
        src: ask
            .from
            .map_or_else(|| client.ip(net, ask.dst.is_ipv6()), |(ip, _)| ip),
        dst: ask.dst,
        protocol: ask.protocol,
        sport,
        dport: match ask.port {
            Some(p) => PortVal::Fixed(p),
            None => w.probe_var().unwrap_or(PortVal::None),
        },
        icmp: match ask.protocol {
            Protocol::Icmp => Some((8, 0)),
            Protocol::Icmpv6 => Some((128, 0)),
            _ => None,
        },
    };
    if let (Some(_), Client::Eni(node)) = (ask.from, client) {
        w.note_kept(&pkt, node);
    }
    let start = match client {
        Client::Eni(eni) => Stage::Send { eni, pkt },
        Client::Internet { ip, .. } => match net.site_holding(ip) {
            Some(site) => Stage::OnPrem { site, pkt },
            None => Stage::Internet { pkt },
        },
    };
    Ok((start, sport))
}

/// What a host on the internet does with a packet for it: ping is answered, a port only if the
/// host listens there.
fn internet_service(w: &Walk, pkt: &Packet, ask: Ask) -> Service {
    let (name, listens) = listening_of_internet(w.net, pkt.dst);
    let port = ask.port.or_else(|| w.service_port(pkt.dport));
    let ok = pkt.protocol.is_icmp() || port.is_some_and(|p| listens.accepts(pkt.protocol, p));
    if ok {
        Service::Accept
    } else {
        refuse!(
            w.record,
            "nothing on {name} listens on {}/{}: connection refused",
            ask.protocol,
            port.unwrap_or(0)
        )
    }
}

/// The reply (or the reset) to the packet that `arrived` at `end`, walked back to `client`
/// (whose source port was `sport`, and which sent to `sent_to`); a reply that reaches anyone
/// else is lost, and one a site's host gets from another address than it sent to is dropped.
fn reply(
    w: &mut Walk,
    (client, sent_to): (Client, IpAddr),
    sport: PortVal,
    (end, arrived): (&End, Packet),
    here: &Who,
) -> Result<(), Box<Stop>> {
    let net = w.net;
    w.dir = Direction::Return;
    let reply = arrived.reply();
    let back = match end {
        End::Eni { eni, .. } => Stage::Send {
            eni: *eni,
            pkt: reply,
        },
        End::Service { vpc, .. } => match (
            net.subnet_of_address(*vpc, reply.dst),
            net.eni_by_private(*vpc, reply.dst),
        ) {
            (Some(subnet), Some(eni)) => Stage::Enter {
                subnet,
                eni,
                from: None,
                pkt: reply,
            },
            _ => Stage::Internet { pkt: reply },
        },
        End::OnPrem { site, .. } => Stage::OnPrem {
            site: *site,
            pkt: reply,
        },
        _ => Stage::Internet { pkt: reply },
    };
    let (pkt, at) = match w.run(back) {
        End::Dropped(d) => return Err(d),
        End::Eni { eni, pkt } if client == Client::Eni(eni) && pkt.dport == sport => {
            symmetric(w, &pkt)?;
            let me = leg_server(net, &End::Eni { eni, pkt });
            w.note_back(&pkt, &me, here);
            return Ok(());
        }
        End::Internet { pkt } if matches!(client, Client::Internet { ip, .. } if ip == pkt.dst) => {
            symmetric(w, &pkt)?;
            let me = leg_server(net, &End::Internet { pkt });
            w.note_back(&pkt, &me, here);
            return Ok(());
        }
        End::OnPrem { site, pkt }
            if matches!(client, Client::Internet { ip, .. } if ip == pkt.dst)
                && pkt.src == sent_to =>
        {
            symmetric(w, &pkt)?;
            let me = leg_server(net, &End::OnPrem { site, pkt });
            w.note_back(&pkt, &me, here);
            return Ok(());
        }
        End::OnPrem { pkt, .. } if pkt.dst == arrived.src && pkt.src != sent_to => {
            let who = ("reply".into(), "reply".into(), Kind::OnPremNetwork);
            return Err(stop(w, Verdict::NoRoute, who, || {
                format!(
                    "the reply comes back from {}, not from {}, the address the client sent to, so the client drops it (asymmetric routing)",
                    pkt.src, sent_to
                )
            }));
        }
        End::Eni { eni, pkt } => (pkt, net.owner_name(net.enis[eni].owner).to_string()),
        End::Internet { pkt } | End::Service { pkt, .. } | End::OnPrem { pkt, .. } => {
            (pkt, pkt.dst.to_string())
        }
    };
    let who = ("reply".into(), "reply".into(), Kind::RouteTable);
    Err(stop(w, Verdict::NoRoute, who, || {
        format!(
            "the reply went to {at} ({}) instead of the client, so the client never sees it (asymmetric routing)",
            pkt.dst
        )
    }))
}

/// The reply of this leg came back to its client: it did so through every appliance that
/// forwarded the request, or the first one it skipped drops the connection.
fn symmetric(w: &mut Walk, pkt: &Packet) -> Result<(), Box<Stop>> {
    match w.skipped_appliance() {
        None => Ok(()),
        Some(eni) => match w.skipped_drop(eni, pkt) {
            End::Dropped(d) => Err(d),
            _ => Ok(()),
        },
    }
}

/// A reverse proxy (instance `inst`, reached at interface `eni`) opens leg `leg + 1` to its
/// upstream `up`.
fn proxy(
    w: &mut Walk,
    leg: &mut u8,
    eni: usize,
    (inst, up): (usize, usize),
) -> Result<(), Box<Stop>> {
    let net = w.net;
    let u = &net.scenario.instances[inst].upstreams[up];
    let client = Client::Eni(eni);
    let Some(target) = find_node(net, &u.target) else {
        w.dir = Direction::Forward;
        let who = (
            net.scenario.instances[inst].id.as_str().into(),
            net.owner_name(Owner::Instance(inst)).into(),
            Kind::Instance,
        );
        return Err(stop(w, Verdict::NoHost, who, || {
            format!("upstream {} is not in the scenario", u.target)
        }));
    };
    let dst =
        destination_address(net, client, target, false).map_err(|e| no_public(w, e, w.leg + 1))?;
    run_leg(w, leg, client, Ask::tcp(dst, u.port))
}

impl Ask {
    /// A TCP connection to `dst` port `port` from an ephemeral port.
    fn tcp(dst: IpAddr, port: u16) -> Ask {
        Ask {
            dst,
            protocol: Protocol::Tcp,
            port: Some(port),
            src_port: None,
            from: None,
        }
    }
}

/// A load balancer, reached at interface `node` by packet `arrived`, picks a healthy target and
/// opens leg `leg + 1` to it: an application load balancer from its own address over TCP, a
/// network load balancer in the client's protocol, keeping the client's address and port where
/// the target group preserves it.
fn balance(
    w: &mut Walk,
    leg: &mut u8,
    (node, arrived): (usize, Packet),
    lb: usize,
    tg: usize,
) -> Result<(), Box<Stop>> {
    let net = w.net;
    let lbx = &net.scenario.load_balancers[lb];
    let group = &lbx.target_groups[tg];
    let client = Client::Eni(node);
    let network = lbx.kind == LbKind::Network;
    let mut candidates = Vec::new();
    for t in &group.targets {
        if let Some(n) = find_node(net, &t.id) {
            if let Ok(dst) = destination_address(net, client, n, false) {
                let keep = network && group.preserves_client_ip(t);
                candidates.push((dst, group.target_port(t), group.check_port(t), keep));
            }
        }
    }
    if candidates.is_empty() {
        w.dir = Direction::Forward;
        let who = (
            lbx.id.as_str().into(),
            display(&lbx.name, &lbx.id).into(),
            Kind::LoadBalancer,
        );
        return Err(stop(w, Verdict::NoHost, who, || {
            format!(
                "target group {} has no registered targets: the load balancer answers 503",
                display(&group.name, &group.id)
            )
        }));
    }
    // Health check: the node must reach the target on the health-check port (see `health`).
    let healthy = candidates.iter().position(|&(dst, _, check, _)| {
        let mut probe = Walk::new(net, false);
        let mut l = 0;
        run_leg(&mut probe, &mut l, client, Ask::tcp(dst, check)).is_ok()
    });
    let (dst, port, _, keep) = candidates[healthy.unwrap_or(0)];
    let ask = Ask {
        protocol: if network {
            arrived.protocol
        } else {
            Protocol::Tcp
        },
        from: keep.then_some((arrived.src, arrived.sport)),
        ..Ask::tcp(dst, port)
    };
    run_leg(w, leg, client, ask)
}

fn no_public(w: &Walk, eni: usize, leg: u8) -> Box<Stop> {
    let net = w.net;
    let e = &net.enis[eni];
    let name = net.owner_name(e.owner);
    let by = BlockedBy {
        leg,
        direction: Direction::Forward,
        ..w.blocked_by((net.owner_id(e.owner), name, owner_kind(e.owner)), None)
    };
    Box::new(Stop {
        verdict: Verdict::NoPublicAddress,
        by,
        detail: w.words(|_| {
            format!("{name} has no public IP address, so it cannot be reached from outside its VPC")
        }),
    })
}

fn leg_server<'s>(net: &Network<'s>, end: &End) -> Who<'s> {
    match end {
        End::Eni { eni, .. } => {
            let e = &net.enis[*eni];
            (
                net.owner_id(e.owner).into(),
                net.owner_name(e.owner).into(),
                owner_kind(e.owner),
            )
        }
        End::Internet { pkt } => {
            let (name, _) = listening_of_internet(net, pkt.dst);
            (pkt.dst.to_string().into(), name.into(), Kind::InternetHost)
        }
        End::OnPrem { pkt, .. } => (
            pkt.dst.to_string().into(),
            pkt.dst.to_string().into(),
            Kind::OnPremNetwork,
        ),
        End::Service { endpoint, .. } => {
            let g = &net.scenario.gateway_endpoints[*endpoint];
            (
                g.id.as_str().into(),
                display(&g.name, &g.id).into(),
                Kind::GatewayEndpoint,
            )
        }
        End::Dropped(d) => (d.by.id.clone().into(), d.by.name.clone().into(), d.by.kind),
    }
}

/// A readable name for a node: its name (with its id when AWS gave it, see
/// [`crate::model::part_label`]), or the address.
pub fn node_label(net: &Network, node: Node) -> String {
    let s = net.scenario;
    let both = crate::model::part_label;
    match node {
        Node::Instance(i) => both(&s.instances[i].name, &s.instances[i].id),
        Node::Database(i) => both(&s.databases[i].name, &s.databases[i].id),
        Node::LoadBalancer(i) => both(&s.load_balancers[i].name, &s.load_balancers[i].id),
        Node::NatGateway(i) => both(&s.nat_gateways[i].name, &s.nat_gateways[i].id),
        Node::InternetHost(i) => both(
            &s.internet_hosts[i].name,
            &s.internet_hosts[i].ip.to_string(),
        ),
        Node::Interface(e) => {
            let eni = &net.enis[e];
            both(net.owner_name(eni.owner), net.owner_id(eni.owner))
        }
        Node::Address(ip) => match primary_eni(net, node) {
            Some(e) => node_label(net, Node::Interface(e)),
            None => match s.internet_hosts.iter().position(|h| h.ip == ip) {
                Some(i) => node_label(net, Node::InternetHost(i)),
                None => ip.to_string(),
            },
        },
    }
}

/// The outcome of a flow without hops: what the reachability matrix needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// The id of the deciding component, when not established.
    pub blocked_by: Option<String>,
}

/// Traces a flow given by the user's names.
pub fn trace(net: &Network, spec: &FlowSpec) -> Result<Trace, FlowError> {
    let (client, dst_node) = resolve(net, spec)?;
    Ok(trace_family(
        net,
        (client, dst_node),
        spec,
        true,
        spec.is_ipv6(),
    ))
}

/// Resolves both endpoints of a flow, checking the protocol and port.
pub fn resolve(net: &Network, spec: &FlowSpec) -> Result<(Client, Node), FlowError> {
    match spec.protocol {
        Protocol::Tcp | Protocol::Udp if spec.port.is_none() => {
            return Err(FlowError::MissingPort(spec.protocol))
        }
        Protocol::Tcp | Protocol::Udp | Protocol::Icmp | Protocol::Icmpv6 => {}
        p => return Err(FlowError::BadProtocol(p)),
    }
    let v4 = |t: &str| t.trim().parse::<Ipv4Addr>().is_ok();
    let v6 = spec.is_ipv6();
    if v6 && (v4(&spec.from) || v4(&spec.to)) {
        return Err(FlowError::MixedFamilies);
    }
    let from = find_node(net, &spec.from).ok_or_else(|| FlowError::UnknownEndpoint {
        role: "--from",
        name: spec.from.clone(),
    })?;
    let client = resolve_client(net, from, ("--from", &spec.from), v6)?;
    let no_v6 = |role, name: &str| FlowError::NoIpv6 {
        role,
        name: name.to_string(),
    };
    if let (true, Client::Eni(e)) = (v6, client) {
        eni_address(net, e, true).ok_or_else(|| no_v6("--from", &spec.from))?;
    }
    let to = find_node(net, &spec.to).ok_or_else(|| FlowError::UnknownEndpoint {
        role: "--to",
        name: spec.to.clone(),
    })?;
    if !matches!(to, Node::Address(_) | Node::InternetHost(_)) {
        let e = primary_eni(net, to).ok_or_else(|| FlowError::UnknownEndpoint {
            role: "--to",
            name: spec.to.clone(),
        })?;
        if v6 {
            eni_address(net, e, true).ok_or_else(|| no_v6("--to", &spec.to))?;
        }
    }
    Ok((client, to))
}

/// Traces a resolved flow; with `record` off, hops are not kept (faster). It is over IPv6 when
/// the spec asks for it or an end is an IPv6 address.
pub fn trace_resolved(
    net: &Network,
    client: Client,
    to: Node,
    spec: &FlowSpec,
    record: bool,
) -> Trace {
    let v6 = spec.ipv6
        || matches!(client, Client::Internet { ip, .. } if ip.is_ipv6())
        || matches!(to, Node::Address(a) if a.is_ipv6());
    trace_family(net, (client, to), spec, record, v6)
}

/// [`trace_resolved`] over IPv6 when `v6`.
fn trace_family(
    net: &Network,
    ends: (Client, Node),
    spec: &FlowSpec,
    record: bool,
    v6: bool,
) -> Trace {
    let (w, flow, result) = walk_family(Walk::new(net, record), ends, spec, v6);
    finish(w, ends, flow, result, spec)
}

/// Walks the flow of `spec` with walk `w` (over IPv6 when `v6`): the walk, the flow as shown,
/// and how it ended.
pub(super) fn walk_family<'n, 's>(
    mut w: Walk<'n, 's>,
    (client, to): (Client, Node),
    spec: &FlowSpec,
    v6: bool,
) -> (Walk<'n, 's>, FlowView, Result<(), Box<Stop>>) {
    let net = w.net;
    let port = if spec.protocol.has_ports() {
        spec.port
    } else {
        None
    };
    // Ping over IPv6 is ICMPv6.
    let protocol = match spec.protocol {
        Protocol::Icmp if v6 => Protocol::Icmpv6,
        p => p,
    };
    let src = client.ip(net, v6);
    let flow = |dst: IpAddr, src_port: PortView| FlowView {
        from: spec.from.clone(),
        to: spec.to.clone(),
        src,
        dst,
        protocol,
        port,
        src_port,
    };
    let dst = match destination_address(net, client, to, v6) {
        Ok(d) => d,
        Err(eni) => {
            let d = no_public(&w, eni, 1);
            let shown = flow(IpAddr::V4(Ipv4Addr::UNSPECIFIED), PortView::None);
            return (w, shown, Err(d));
        }
    };
    let mut leg = 0;
    let ask = Ask {
        dst,
        protocol,
        port,
        src_port: spec.src_port,
        from: None,
    };
    let result = run_leg(&mut w, &mut leg, client, ask);
    let sport_view = match (spec.protocol.has_ports(), spec.src_port) {
        (false, _) => PortView::None,
        (true, Some(p)) => PortView::One(p),
        (true, None) if w.record => w
            .vars
            .first()
            .map_or(PortView::None, |v| PortView::Set(v.full.to_string().into())),
        (true, None) => PortView::None,
    };
    let shown = flow(dst, sport_view);
    (w, shown, result)
}

/// What the summary tells: where the flow stopped, why it works only for some source ports, or
/// that it is established.
pub(super) enum Said {
    Stopped(Box<Stop>),
    Depends(String),
    Established,
}

/// The verdict of a walk that ended in `result`, what decided it, what the summary tells and,
/// when only some source ports work, which.
pub(super) fn judge(
    w: &Walk,
    result: Result<(), Box<Stop>>,
) -> (Verdict, Option<BlockedBy>, Said, Option<SourcePorts>) {
    // The destination ports of a walk over a set of ports are not the client's to pick.
    let narrowed = (w.vars.iter().enumerate())
        .find(|(i, v)| !w.probing(PortVal::Var(*i)) && v.allowed.len() != v.full.len())
        .map(|(_, v)| v);
    match (result, &w.narrowed, narrowed) {
        (Err(d), _, _) => (d.verdict, Some(d.by.clone()), Said::Stopped(d), None),
        (Ok(()), Some(n), Some(var)) => {
            let ports = SourcePorts {
                picked_by: var.picked_by.clone(),
                range: var.full.to_string(),
                working: var.allowed.to_string(),
            };
            let said = Said::Depends(n.detail.clone());
            (
                Verdict::DependsOnSourcePort,
                Some(n.by.clone()),
                said,
                Some(ports),
            )
        }
        (Ok(()), _, _) => (Verdict::Established, None, Said::Established, None),
    }
}

fn finish(
    w: Walk,
    (client, to): (Client, Node),
    flow: FlowView,
    result: Result<(), Box<Stop>>,
    spec: &FlowSpec,
) -> Trace {
    let (verdict, blocked_by, said, source_ports) = judge(&w, result);
    let ends = if w.record {
        let from = match client {
            Client::Eni(e) => node_label(w.net, Node::Interface(e)),
            Client::Internet { ip, .. } => node_label(w.net, Node::Address(ip)),
        };
        Ends {
            from,
            to: node_label(w.net, to),
        }
    } else {
        Ends::default()
    };
    let denied_ports = w.denied_var.and_then(|v| w.vars.get(v).cloned());
    let summary = if w.record {
        let en = super::explain::en::Summary {
            protocol: spec.protocol,
            port: flow.port,
            ends: &ends,
            source_ports: source_ports.as_ref(),
        };
        match said {
            Said::Stopped(d) => en.stopped(&d),
            Said::Depends(detail) => en.depends(&detail),
            Said::Established => en.established(),
        }
    } else {
        String::new()
    };
    Trace {
        flow,
        verdict,
        blocked_by,
        summary,
        hops: w.hops,
        source_ports,
        ends,
        denied_ports,
    }
}
