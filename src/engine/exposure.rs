//! What the internet (or any one part) reaches, port by port: every endpoint it can open a
//! connection to, with the exact port ranges per protocol, from which addresses, along which
//! path; and for the well-known ports that stay closed, what closes them.
//!
//! The internet is not one address: rules name CIDRs. Its addresses are cut into "atoms" at
//! every CIDR boundary the scenario draws (rules, routes, subnets, on-premises networks), so no
//! rule tells two addresses of an atom apart, and one address of each atom stands for all of it.
//! Private, shared, loopback, link-local and multicast space is not the internet; nor are a
//! VPC's own blocks or the networks reached over VPN.

use super::all_ports::{pair_ports, ProtocolPorts, PROTOCOLS};
use super::flow::{resolve_client, trace_resolved, Client, FlowSpec, Node};
use super::matrix::{boundaries, Classes, Endpoint};
use super::network::Network;
use super::portset::PortSet;
use super::trace::{BlockedBy, Direction, Kind, RuleRef, Verdict};
use crate::model::{PortRange, Protocol};
use ipnet::{Ipv4Net, Ipv4Subnets};
use std::net::{IpAddr, Ipv4Addr};

/// Well-known services whose closing the report names when they are closed.
pub const WELL_KNOWN: [(Protocol, u16); 10] = [
    (Protocol::Tcp, 22),
    (Protocol::Tcp, 3389),
    (Protocol::Tcp, 80),
    (Protocol::Tcp, 443),
    (Protocol::Tcp, 3306),
    (Protocol::Tcp, 5432),
    (Protocol::Tcp, 1433),
    (Protocol::Tcp, 6379),
    (Protocol::Tcp, 27017),
    (Protocol::Udp, 53),
];

/// Address space that is not the internet (RFC 6890 and RFC 1918 blocks, multicast and above).
const NOT_INTERNET: [(u32, u32); 9] = [
    (0x0000_0000, 0x00FF_FFFF), // 0.0.0.0/8
    (0x0A00_0000, 0x0AFF_FFFF), // 10.0.0.0/8
    (0x6440_0000, 0x647F_FFFF), // 100.64.0.0/10
    (0x7F00_0000, 0x7FFF_FFFF), // 127.0.0.0/8
    (0xA9FE_0000, 0xA9FE_FFFF), // 169.254.0.0/16
    (0xAC10_0000, 0xAC1F_FFFF), // 172.16.0.0/12
    (0xC0A8_0000, 0xC0A8_FFFF), // 192.168.0.0/16
    (0xC612_0000, 0xC613_FFFF), // 198.18.0.0/15
    (0xE000_0000, 0xFFFF_FFFF), // 224.0.0.0/3
];

/// Where the connections start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Any host on the internet.
    Internet,
    /// One part of the scenario (or one address).
    Node(Node),
}

/// One step of a path, as a finding names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// Id of the component.
    pub id: String,
    /// Kind of component.
    pub kind: Kind,
    /// The rule that let the packet through, if a rule did.
    pub rule: Option<RuleRef>,
}

/// An endpoint the source reaches on some ports.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// Index into [`Exposure::endpoints`].
    pub endpoint: usize,
    /// The protocol.
    pub protocol: Protocol,
    /// The ports open (for ICMP: ping answers).
    pub ports: PortSet,
    /// Established for every source port (`false`: only for some, see the verdict
    /// `depends-on-source-port`).
    pub every_source_port: bool,
    /// The internet addresses that reach it (empty when the source is one part); `0.0.0.0/0`
    /// when every internet address does.
    pub from: Vec<Ipv4Net>,
    /// The forward path of a connection to the lowest open port, component by component.
    pub path: Vec<PathStep>,
}

/// A well-known port that stays closed, and what closes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    /// Index into [`Exposure::endpoints`].
    pub endpoint: usize,
    /// The protocol.
    pub protocol: Protocol,
    /// The port.
    pub port: u16,
    /// Its verdict.
    pub verdict: Verdict,
    /// What decided.
    pub blocked_by: Option<BlockedBy>,
}

/// What a source reaches.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// The endpoints of the scenario (the matrix's: instances, databases, load balancers,
    /// internet hosts), each with its behaviour class.
    pub endpoints: Vec<Endpoint>,
    /// Every opening, by endpoint then protocol.
    pub openings: Vec<Opening>,
    /// For every endpoint the source could address, the well-known ports that stay closed.
    pub closings: Vec<Closing>,
    /// The internet's address atoms tried (empty when the source is one part).
    pub atoms: usize,
}

/// Internet address atoms: inclusive ranges no rule of the scenario tells apart.
fn internet_atoms(net: &Network) -> Vec<(u32, u32)> {
    let mut cuts = boundaries(net);
    for site in &net.scenario.on_prem_networks {
        for c in &site.cidrs {
            cuts.push(u32::from(c.network()));
            cuts.extend(u32::from(c.broadcast()).checked_add(1));
        }
    }
    for (from, to) in NOT_INTERNET {
        cuts.push(from);
        cuts.extend(to.checked_add(1));
    }
    cuts.push(0);
    cuts.sort_unstable();
    cuts.dedup();
    let mut atoms = Vec::new();
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(u32::MAX, |next| next - 1);
        let ip = IpAddr::V4(Ipv4Addr::from(start));
        let reserved = NOT_INTERNET.iter().any(|&(f, t)| (f..=t).contains(&start));
        if !reserved && net.vpc_of_address(ip).is_none() && net.site_holding(ip).is_none() {
            atoms.push((start, end));
        }
    }
    atoms
}

/// The CIDR blocks covering atoms `chosen` of `atoms` (`0.0.0.0/0` when they are all of them).
fn cidrs(atoms: &[(u32, u32)], chosen: &[usize]) -> Vec<Ipv4Net> {
    if chosen.len() == atoms.len() {
        return vec![Ipv4Net::default()];
    }
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &i in chosen {
        let (from, to) = atoms[i];
        match spans.last_mut() {
            Some(last) if last.1.checked_add(1) == Some(from) => last.1 = to,
            _ => spans.push((from, to)),
        }
    }
    spans
        .into_iter()
        .flat_map(|(from, to)| Ipv4Subnets::new(from.into(), to.into(), 0))
        .collect()
}

/// The ports of `p` on which a connection is made (for some source port at least).
fn reached(p: &ProtocolPorts) -> (PortSet, PortSet) {
    let mut every = PortSet::empty();
    let mut some = PortSet::empty();
    for part in &p.parts {
        match part.verdict {
            Verdict::Established => every = every.union(&part.ports),
            Verdict::DependsOnSourcePort => some = some.union(&part.ports),
            _ => {}
        }
    }
    (every, some)
}

/// Splits the ports each source reaches into the sets reached by the same sources: `(ports,
/// sources)`, sources as indices into `reach`.
fn by_sources(reach: &[PortSet]) -> Vec<(PortSet, Vec<usize>)> {
    let mut cuts: Vec<u32> = Vec::new();
    for set in reach {
        for r in set.ranges() {
            cuts.push(r.from.into());
            cuts.push(u32::from(r.to) + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<(PortSet, Vec<usize>)> = Vec::new();
    for w in cuts.windows(2) {
        let (from, to) = (w[0] as u16, (w[1] - 1) as u16);
        let who: Vec<usize> = (0..reach.len())
            .filter(|&i| reach[i].contains(from))
            .collect();
        if who.is_empty() {
            continue;
        }
        let range = PortSet::from_range(PortRange { from, to });
        match out.iter_mut().find(|(_, w)| *w == who) {
            Some((ports, _)) => *ports = ports.union(&range),
            None => out.push((range, who)),
        }
    }
    out
}

/// The forward path from `client` to `to` on `protocol`/`port`: the components its packets
/// pass, with the rules that let them.
fn path(net: &Network, client: Client, to: Node, protocol: Protocol, port: u16) -> Vec<PathStep> {
    let spec = FlowSpec::resolved(protocol, protocol.has_ports().then_some(port));
    let t = trace_resolved(net, client, to, &spec, true);
    let mut steps: Vec<PathStep> = Vec::new();
    for h in t.hops.iter().filter(|h| h.direction == Direction::Forward) {
        let rule = h.rule().cloned();
        match steps.last_mut() {
            Some(last) if last.id == h.component.id => {
                if last.rule.is_none() {
                    last.rule = rule;
                }
            }
            _ => steps.push(PathStep {
                id: h.component.id.clone(),
                kind: h.component.kind,
                rule,
            }),
        }
    }
    steps
}

/// What `source` reaches in `net`, every port of TCP, UDP and ICMP (IPv4).
pub fn exposure(net: &Network, source: Source) -> Exposure {
    let classes = Classes::new(net);
    let (clients, atoms): (Vec<Client>, Vec<(u32, u32)>) = match source {
        Source::Internet => {
            let atoms = internet_atoms(net);
            let clients = atoms
                .iter()
                .map(|&(from, _)| Client::Internet {
                    ip: IpAddr::V4(Ipv4Addr::from(from)),
                    os: crate::model::Os::Any,
                })
                .collect();
            (clients, atoms)
        }
        Source::Node(node) => {
            let client = resolve_client(net, node, ("--from", ""), false).ok();
            (client.into_iter().collect(), Vec::new())
        }
    };
    // The address that stands for "anyone" when naming what closes a port.
    let anyone = (atoms.iter())
        .position(|&(f, t)| (f..=t).contains(&u32::from(super::matrix::INTERNET_PROBE)))
        .unwrap_or(0);
    let mut openings = Vec::new();
    let mut closings = Vec::new();
    let mut cache: Vec<Option<Vec<Vec<ProtocolPorts>>>> = vec![None; classes.len()];
    for (e, endpoint) in classes.endpoints.iter().enumerate() {
        let to = endpoint.node;
        if Source::Node(to) == source || matches!(to, Node::Address(_) | Node::InternetHost(_)) {
            continue;
        }
        // Endpoints of one class get the same answers: walk each class once.
        let results = cache[endpoint.class]
            .get_or_insert_with(|| clients.iter().map(|&c| pair_ports(net, c, to)).collect());
        for (p, &protocol) in PROTOCOLS.iter().enumerate() {
            let reach: Vec<(PortSet, PortSet)> = results.iter().map(|r| reached(&r[p])).collect();
            let any: Vec<PortSet> = reach.iter().map(|(a, b)| a.union(b)).collect();
            for (ports, who) in by_sources(&any) {
                let every_source_port = who
                    .iter()
                    .all(|&i| reach[i].1.intersection(&ports).is_empty());
                let port = ports.first().unwrap_or(0);
                openings.push(Opening {
                    endpoint: e,
                    protocol,
                    ports: results[who[0]][p].shown(ports),
                    every_source_port,
                    from: if atoms.is_empty() {
                        Vec::new()
                    } else {
                        cidrs(&atoms, &who)
                    },
                    path: path(net, clients[who[0]], to, protocol, port),
                });
            }
            let Some(generic) = results.get(anyone) else {
                continue;
            };
            for &(proto, port) in WELL_KNOWN.iter().filter(|(pr, _)| *pr == protocol) {
                if any.iter().any(|set| set.contains(port)) {
                    continue;
                }
                if let Some(part) = generic[p].part_of(port) {
                    closings.push(Closing {
                        endpoint: e,
                        protocol: proto,
                        port,
                        verdict: part.verdict,
                        blocked_by: part.blocked_by.clone(),
                    });
                }
            }
        }
    }
    Exposure {
        endpoints: classes.endpoints,
        openings,
        closings,
        atoms: atoms.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(ranges: &[(u16, u16)]) -> PortSet {
        PortSet::from_ranges(ranges.iter().map(|&(from, to)| PortRange { from, to }))
    }

    #[test]
    fn internet_atoms_leave_out_private_space_and_the_vpcs_own_blocks() {
        let s = crate::templates::load("public-private-db").expect("template");
        let net = Network::new(&s);
        let atoms = internet_atoms(&net);
        let holds = |ip: Ipv4Addr| {
            let ip = u32::from(ip);
            atoms.iter().any(|&(f, t)| (f..=t).contains(&ip))
        };
        for private in [
            "10.0.1.5",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "224.0.0.1",
        ] {
            assert!(!holds(private.parse().unwrap()), "{private}");
        }
        for public in ["203.0.113.10", "8.8.8.8", "13.209.1.57"] {
            assert!(holds(public.parse().unwrap()), "{public}");
        }
        // The trainer's /32 is an atom of its own: rules tell it apart.
        let ip = u32::from(Ipv4Addr::new(203, 0, 113, 10));
        assert!(atoms.contains(&(ip, ip)));
        // Atoms are disjoint and ascending.
        assert!(atoms.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn ports_are_grouped_by_the_sources_that_reach_them() {
        let reach = [
            ports(&[(22, 22), (443, 443)]),
            ports(&[(443, 443)]),
            PortSet::empty(),
        ];
        let groups = by_sources(&reach);
        assert_eq!(
            groups,
            vec![
                (ports(&[(22, 22)]), vec![0]),
                (ports(&[(443, 443)]), vec![0, 1])
            ]
        );
        let atoms = [
            (0x0100_0000, 0x01FF_FFFF),
            (0x0200_0000, 0x02FF_FFFF),
            (9, 9),
        ];
        assert_eq!(cidrs(&atoms, &[0, 1, 2]), vec![Ipv4Net::default()]);
        let two: Vec<String> = cidrs(&atoms, &[0, 1])
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(two, ["1.0.0.0/8", "2.0.0.0/8"]);
    }
}
