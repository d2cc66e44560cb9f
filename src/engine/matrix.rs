//! Reachability: who reaches whom on which ports.
//!
//! Endpoints that behave alike are grouped into classes and each class pair is traced once.
//! Two interfaces are alike when they sit in the same subnet, carry the same security groups,
//! belong to the same kind of node with the same listeners and role, and their addresses fall in
//! the same "atom": the stretch of addresses between consecutive CIDR boundaries used anywhere
//! in the scenario (rules, routes, subnets), so no rule can tell them apart. Real accounts give
//! their instances groups by tier, so the number of classes grows with tiers and subnets, not
//! with instances.

use super::flow::{Client, Node};
use super::network::{Network, Owner};
#[cfg(feature = "port-sets")]
use super::port_walk::trace_ports;
#[cfg(feature = "port-sets")]
use super::portset::PortSet;
use super::trace::Verdict;
use crate::model::{Destination, Listening, Os, Peer, Protocol, Role, RouteTarget};
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::str::FromStr;

/// The address that stands for "a host on the internet" when the scenario names none.
pub const INTERNET_PROBE: std::net::Ipv4Addr = std::net::Ipv4Addr::new(198, 51, 100, 1);

/// A protocol and port to test, written `443`, `udp/53` or `icmp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Probe {
    /// Protocol.
    pub protocol: Protocol,
    /// Port (none for ICMP).
    pub port: Option<u16>,
}

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.protocol, self.port) {
            (Protocol::Tcp, Some(p)) => write!(f, "{p}"),
            (p, Some(port)) => write!(f, "{p}/{port}"),
            (p, None) => write!(f, "{p}"),
        }
    }
}

impl FromStr for Probe {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (proto, port) = match s.split_once('/') {
            Some((p, port)) => (p.parse::<Protocol>()?, Some(port)),
            None if s.eq_ignore_ascii_case("icmp") || s.eq_ignore_ascii_case("ping") => {
                (Protocol::Icmp, None)
            }
            None => (Protocol::Tcp, Some(s)),
        };
        match (proto, port) {
            (Protocol::Icmp, _) => Ok(Probe {
                protocol: Protocol::Icmp,
                port: None,
            }),
            (Protocol::Tcp | Protocol::Udp, Some(p)) => p
                .parse::<u16>()
                .map(|port| Probe {
                    protocol: proto,
                    port: Some(port),
                })
                .map_err(|_| format!("port {p:?} is not a number 0-65535")),
            _ => Err(format!("{s:?}: write a port (443), udp/53 or icmp")),
        }
    }
}

/// An endpoint of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Scenario id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The node.
    pub node: Node,
    /// Its behaviour class.
    pub class: usize,
}

/// The result of one class pair on one probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The verdict.
    pub verdict: Verdict,
    /// Id of the deciding component when not established.
    pub blocked_by: Option<String>,
}

/// Reachability between every pair of endpoints on a list of probes.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// The endpoints (instances, databases, load balancers, internet hosts).
    pub endpoints: Vec<Endpoint>,
    /// The probes, in the order asked.
    pub probes: Vec<Probe>,
    /// Number of behaviour classes.
    pub classes: usize,
    /// Number of walks made (one per pair of classes and protocol answers every probe port).
    pub traced: usize,
    cells: Vec<Option<Cell>>,
}

impl Matrix {
    /// The result from every endpoint of class `from` to every other endpoint of class `to` on
    /// probe `p`; `None` when no such pair of endpoints exists (a class of one, to itself) or
    /// when `from` starts no connections (interface endpoints).
    pub fn class_cell(&self, from: usize, to: usize, p: usize) -> Option<&Cell> {
        self.cells[(from * self.classes + to) * self.probes.len() + p].as_ref()
    }

    /// The result from endpoint `a` to endpoint `b` on probe `p` (`None` when `a == b`).
    pub fn get(&self, a: usize, b: usize, p: usize) -> Option<&Cell> {
        if a == b {
            return None;
        }
        self.class_cell(self.endpoints[a].class, self.endpoints[b].class, p)
    }
}

/// Sorted CIDR boundaries: addresses between two consecutive boundaries are alike to every rule.
pub(crate) fn boundaries(net: &Network) -> Vec<u32> {
    let s = net.scenario;
    let mut b: Vec<u32> = Vec::new();
    // The matrix probes IPv4 addresses: IPv6 blocks draw no boundaries.
    let mut add4 = |n: &ipnet::Ipv4Net| {
        b.push(u32::from(n.network()));
        if let Some(end) = u32::from(n.broadcast()).checked_add(1) {
            b.push(end);
        }
    };
    s.vpcs.iter().flat_map(|v| &v.cidrs).for_each(&mut add4);
    s.subnets.iter().for_each(|x| add4(&x.cidr));
    let mut add = |n: &ipnet::IpNet| {
        if let ipnet::IpNet::V4(n) = n {
            add4(n)
        }
    };
    s.prefix_lists
        .iter()
        .flat_map(|p| &p.cidrs)
        .for_each(&mut add);
    for acl in &s.network_acls {
        acl.inbound
            .iter()
            .chain(&acl.outbound)
            .for_each(|r| add(&r.cidr));
    }
    for sg in &s.security_groups {
        for r in sg.inbound.iter().chain(&sg.outbound) {
            if let Peer::Cidr(c) = &r.peer {
                add(c);
            }
        }
    }
    for t in &s.route_tables {
        for r in &t.routes {
            if let Destination::Cidr(c) = &r.destination {
                add(c);
            }
        }
    }
    crate::sorting::sort(&mut b);
    b.dedup();
    b
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Behaviour {
    Unique(usize),
    Host {
        role: Role,
        os: Os,
        listens: Option<Vec<String>>,
    },
    Database(u16),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ClassKey {
    subnet: usize,
    groups: Vec<usize>,
    private_atom: usize,
    public_atom: Option<usize>,
    behaviour: Behaviour,
}

/// Interfaces that something points at by id (route targets, load balancer targets, proxy
/// upstreams): they get a class of their own.
fn referenced(net: &Network) -> Vec<bool> {
    let s = net.scenario;
    let mut r = vec![false; net.enis.len()];
    let mut mark_node = |text: &str| {
        if let Some(n) = super::flow::find_node(net, text) {
            if let Some(e) = super::flow::primary_eni(net, n) {
                r[e] = true;
            }
        }
    };
    for t in &s.route_tables {
        for route in &t.routes {
            match &route.target {
                RouteTarget::Instance(id) | RouteTarget::NetworkInterface(id) => mark_node(id),
                _ => {}
            }
        }
    }
    for lb in &s.load_balancers {
        for tg in &lb.target_groups {
            for t in &tg.targets {
                mark_node(&t.id);
            }
        }
    }
    for i in &s.instances {
        for u in &i.upstreams {
            mark_node(&u.target);
        }
    }
    r
}

/// Computes reachability between all endpoints on `probes`, all at once.
pub fn matrix(net: &Network, probes: &[Probe]) -> Matrix {
    let mut job = MatrixJob::new(net, probes);
    job.step(net, usize::MAX);
    job.finish()
}

/// How far a [`MatrixJob`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Flows traced so far (class pairs times probes).
    pub done: usize,
    /// Flows to trace in all.
    pub total: usize,
}

impl Progress {
    /// Whether every flow has been traced.
    pub fn is_done(self) -> bool {
        self.done >= self.total
    }
}

/// A reachability matrix computed a little at a time, so a page can stay responsive: make it
/// with [`MatrixJob::new`], call [`MatrixJob::step`] with a budget of flows until its progress
/// [`is_done`](Progress::is_done), then take the result with [`MatrixJob::finish`]. The result is
/// the same as [`matrix`]'s.
///
/// ```
/// use vpc_playground::engine::matrix::{matrix, MatrixJob, Probe};
/// use vpc_playground::engine::Network;
/// let scenario = vpc_playground::model::Scenario::new();
/// let net = Network::new(&scenario);
/// let probes = [Probe { protocol: vpc_playground::model::Protocol::Tcp, port: Some(443) }];
/// let mut job = MatrixJob::new(&net, &probes);
/// while !job.step(&net, 10).is_done() {}
/// assert_eq!(job.finish().traced, matrix(&net, &probes).traced);
/// ```
#[derive(Debug, Clone)]
pub struct MatrixJob {
    probes: Vec<Probe>,
    classes: Classes,
    cells: Vec<Option<Cell>>,
    traced: usize,
    /// Index of the next flow to trace: `(a * classes + b) * probes + p`.
    next: usize,
}

/// The endpoints of a scenario grouped into behaviour classes.
#[derive(Debug, Clone)]
pub struct Classes {
    /// The endpoints, each with its class.
    pub endpoints: Vec<Endpoint>,
    /// Up to two endpoints of each class (two, so a class can be traced to itself).
    pub reps: Vec<Vec<Node>>,
}

impl Classes {
    /// Groups the endpoints of `net` into classes.
    pub fn new(net: &Network) -> Self {
        let s = net.scenario;
        let bounds = boundaries(net);
        let atom = |ip: std::net::Ipv4Addr| bounds.partition_point(|&b| b <= u32::from(ip));
        let special = referenced(net);

        let mut endpoints = Vec::new();
        let mut keys: HashMap<ClassKey, usize> = HashMap::default();
        let mut reps: Vec<Vec<Node>> = Vec::new();
        let mut add = |id: &str, name: &str, node: Node, key: ClassKey| {
            let next = reps.len();
            let class = *keys.entry(key).or_insert(next);
            if class == next {
                reps.push(Vec::new());
            }
            if reps[class].len() < 2 {
                reps[class].push(node);
            }
            endpoints.push(Endpoint {
                id: id.to_string(),
                name: if name.is_empty() { id } else { name }.to_string(),
                node,
                class,
            });
        };
        for (ei, e) in net.enis.iter().enumerate() {
            // One endpoint per node: its first interface.
            let first = net.first_eni_of(e.owner) == Some(ei);
            if !first {
                continue;
            }
            let (node, behaviour) = match e.owner {
                Owner::Instance(i) => {
                    let inst = &s.instances[i];
                    let plain = !special[ei]
                        && e.iface.source_dest_check
                        && matches!(
                            inst.role,
                            Role::Generic
                                | Role::Web
                                | Role::App
                                | Role::Bastion
                                | Role::InterfaceEndpoint
                        );
                    let b = if plain {
                        Behaviour::Host {
                            role: inst.role,
                            os: inst.os,
                            listens: match &inst.listens {
                                Listening::Any => None,
                                Listening::Ports(p) => {
                                    let mut v: Vec<String> =
                                        p.iter().map(|l| l.to_string()).collect();
                                    crate::sorting::sort(&mut v);
                                    Some(v)
                                }
                            },
                        }
                    } else {
                        Behaviour::Unique(ei)
                    };
                    (Node::Instance(i), b)
                }
                Owner::Database(i) if !special[ei] => (
                    Node::Database(i),
                    Behaviour::Database(s.databases[i].listen_port()),
                ),
                Owner::Database(i) => (Node::Database(i), Behaviour::Unique(ei)),
                Owner::LoadBalancer(i) => (Node::LoadBalancer(i), Behaviour::Unique(ei)),
                Owner::NatGateway(_) | Owner::GwlbEndpoint(_) => continue,
            };
            let mut groups = e.groups.clone();
            crate::sorting::sort(&mut groups);
            let key = ClassKey {
                subnet: e.subnet,
                groups,
                private_atom: atom(e.iface.private_ip),
                public_atom: e.iface.public_ip.map(atom),
                behaviour,
            };
            let (id, name) = (net.owner_id(e.owner), net.owner_name(e.owner));
            add(id, name, node, key);
        }
        if s.internet_hosts.is_empty() {
            // A stand-in for "anyone on the internet" (TEST-NET-2), so imported accounts show
            // what the internet reaches.
            let key = ClassKey {
                subnet: usize::MAX,
                groups: Vec::new(),
                private_atom: usize::MAX,
                public_atom: None,
                behaviour: Behaviour::Unique(usize::MAX),
            };
            add(
                "internet",
                "internet",
                Node::Address(std::net::IpAddr::V4(INTERNET_PROBE)),
                key,
            );
        }
        for (i, h) in s.internet_hosts.iter().enumerate() {
            let key = ClassKey {
                subnet: usize::MAX,
                groups: Vec::new(),
                private_atom: usize::MAX,
                public_atom: None,
                behaviour: Behaviour::Unique(usize::MAX - 1 - i),
            };
            add(&h.id, &h.name, Node::InternetHost(i), key);
        }
        Classes { endpoints, reps }
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.reps.len()
    }

    /// Whether there are no endpoints.
    pub fn is_empty(&self) -> bool {
        self.reps.is_empty()
    }

    /// The client and destination that stand for every flow from class `a` to another endpoint
    /// of class `b`: `None` when there is no such pair (a class of one, to itself) or when `a`
    /// starts no connections (interface endpoints).
    pub fn pair(&self, net: &Network, a: usize, b: usize) -> Option<(Client, Node)> {
        let (from, to) = if a == b {
            match self.reps[a].as_slice() {
                [x, y] => (*x, *y),
                _ => return None,
            }
        } else {
            (self.reps[a][0], self.reps[b][0])
        };
        // An interface endpoint starts no connections: it is a destination only.
        if matches!(from, Node::Instance(i) if net.scenario.instances[i].role == Role::InterfaceEndpoint)
        {
            return None;
        }
        let client = super::flow::resolve_client(net, from, ("--from", ""), false).ok()?;
        Some((client, to))
    }
}

impl MatrixJob {
    /// Groups the endpoints of `net` into classes; nothing is traced yet.
    pub fn new(net: &Network, probes: &[Probe]) -> Self {
        let classes = Classes::new(net);
        let n = classes.len();
        MatrixJob {
            probes: probes.to_vec(),
            cells: vec![None; n * n * probes.len()],
            classes,
            traced: 0,
            next: 0,
        }
    }

    /// The endpoints and their classes (known before anything is traced).
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.classes.endpoints
    }

    /// How far the job has got.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next,
            total: self.cells.len(),
        }
    }

    /// Traces up to `budget` more flows (at least one while any is left). `net` must be
    /// compiled from the same scenario as the one given to [`MatrixJob::new`].
    pub fn step(&mut self, net: &Network, budget: usize) -> Progress {
        let classes = self.classes.len();
        let per_pair = self.probes.len().max(1);
        let mut spent = 0;
        while self.next < self.cells.len() && spent < budget.max(1) {
            let pair = self.next / per_pair;
            let (a, b) = (pair / classes, pair % classes);
            let pair_end = (pair + 1) * per_pair;
            let Some((client, to)) = self.classes.pair(net, a, b) else {
                // Nothing to trace for this pair: skip all its probes.
                self.next = pair_end;
                continue;
            };
            let first = pair * per_pair;
            #[cfg(not(feature = "port-sets"))]
            self.trace_each_probe(net, (client, to), first);
            #[cfg(feature = "port-sets")]
            self.walk_each_protocol(net, (client, to), first);
            spent += per_pair;
            self.next = pair_end;
        }
        self.progress()
    }

    /// Walks the pair `(client, to)` once per protocol of the probes, each walk over all their
    /// ports at once, into the cells from `first`.
    #[cfg(feature = "port-sets")]
    fn walk_each_protocol(&mut self, net: &Network, (client, to): (Client, Node), first: usize) {
        let mut protocols: Vec<Protocol> = Vec::new();
        for p in &self.probes {
            if !protocols.contains(&p.protocol) {
                protocols.push(p.protocol);
            }
        }
        for protocol in protocols {
            let ports = PortSet::from_ranges(
                (self.probes.iter())
                    .filter(|p| p.protocol == protocol)
                    .map(|p| crate::model::PortRange::single(p.port.unwrap_or(0))),
            );
            let parts = trace_ports(net, client, to, protocol, &ports);
            self.traced += 1;
            for (i, probe) in self.probes.iter().enumerate() {
                if probe.protocol != protocol {
                    continue;
                }
                let port = probe.port.unwrap_or(0);
                if let Some(part) = parts.iter().find(|x| x.ports.contains(port)) {
                    self.cells[first + i] = Some(Cell {
                        verdict: part.verdict,
                        blocked_by: part.blocked_by.as_ref().map(|x| x.id.clone()),
                    });
                }
            }
        }
    }

    /// Traces every probe of the pair `(client, to)` one at a time, into the cells from
    /// `first` (the way without walks over sets of ports).
    #[cfg(not(feature = "port-sets"))]
    fn trace_each_probe(&mut self, net: &Network, (client, to): (Client, Node), first: usize) {
        use super::flow::FlowSpec;
        for (i, probe) in self.probes.iter().enumerate() {
            let spec = FlowSpec::resolved(probe.protocol, probe.port);
            let t = super::flow::trace_resolved(net, client, to, &spec, false);
            self.traced += 1;
            self.cells[first + i] = Some(Cell {
                verdict: t.verdict,
                blocked_by: t.blocked_by.map(|x| x.id),
            });
        }
    }

    /// The matrix, with the flows traced so far (cells not yet traced read as `None`).
    pub fn finish(self) -> Matrix {
        Matrix {
            classes: self.classes.len(),
            endpoints: self.classes.endpoints,
            probes: self.probes,
            traced: self.traced,
            cells: self.cells,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::flow::FlowSpec;
    use crate::engine::synthetic::{tiered_vpc, Size};

    fn probes() -> Vec<Probe> {
        ["22", "443", "udp/53", "icmp"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect()
    }

    /// Every cell of two matrices, endpoint pair by endpoint pair.
    fn all_cells(m: &Matrix) -> Vec<Option<Cell>> {
        let n = m.endpoints.len();
        let mut out = Vec::new();
        for a in 0..n {
            for b in 0..n {
                for p in 0..m.probes.len() {
                    out.push(m.get(a, b, p).cloned());
                }
            }
        }
        out
    }

    #[test]
    fn chunked_job_gives_the_one_shot_result() {
        let s = tiered_vpc(Size {
            subnets: 10,
            enis: 120,
            groups: 20,
            rules_per_group: 4,
        });
        let net = Network::new(&s);
        let whole = matrix(&net, &probes());
        for budget in [1, 7, 64] {
            let mut job = MatrixJob::new(&net, &probes());
            let total = job.progress().total;
            let mut last = 0;
            let mut rounds = 0;
            loop {
                let p = job.step(&net, budget);
                assert!(p.done > last || p.is_done(), "each step makes progress");
                assert!(p.done <= total);
                last = p.done;
                rounds += 1;
                if p.is_done() {
                    break;
                }
            }
            assert!(
                rounds > 1 || total <= budget,
                "budget {budget} split the work"
            );
            let chunked = job.finish();
            assert_eq!(chunked.classes, whole.classes);
            assert_eq!(chunked.traced, whole.traced);
            assert_eq!(chunked.endpoints, whole.endpoints);
            assert_eq!(all_cells(&chunked), all_cells(&whole), "budget {budget}");
        }
    }

    #[test]
    fn every_cell_is_what_a_single_trace_gives() {
        let s = tiered_vpc(Size {
            subnets: 10,
            enis: 60,
            groups: 20,
            rules_per_group: 4,
        });
        let net = Network::new(&s);
        let probes = probes();
        let m = matrix(&net, &probes);
        let classes = Classes::new(&net);
        let mut checked = 0;
        for a in 0..m.classes {
            for b in 0..m.classes {
                let Some((client, to)) = classes.pair(&net, a, b) else {
                    continue;
                };
                for (p, probe) in probes.iter().enumerate() {
                    let spec = FlowSpec::resolved(probe.protocol, probe.port);
                    let t = super::super::flow::trace_resolved(&net, client, to, &spec, false);
                    let cell = m.class_cell(a, b, p).expect("a traced pair has every cell");
                    assert_eq!(cell.verdict, t.verdict, "{a} -> {b} on {probe}");
                    assert_eq!(cell.blocked_by, t.blocked_by.map(|x| x.id));
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "{checked} cells");
    }

    #[test]
    fn a_job_reports_its_endpoints_before_tracing() {
        let s = tiered_vpc(Size {
            subnets: 5,
            enis: 20,
            groups: 5,
            rules_per_group: 2,
        });
        let net = Network::new(&s);
        let job = MatrixJob::new(&net, &probes());
        // 20 interfaces and the stand-in for the internet.
        assert_eq!(job.endpoints().len(), 20 + 1);
        assert_eq!(job.progress().done, 0);
        assert!(job.progress().total > 0);
    }

    #[test]
    fn classes_follow_tiers_not_interfaces() {
        let probes: Vec<Probe> = ["443"].iter().map(|p| p.parse().unwrap()).collect();
        let small = tiered_vpc(Size {
            enis: 500,
            ..Size::LARGE
        });
        let big = tiered_vpc(Size::LARGE);
        let (ns, nb) = (Network::new(&small), Network::new(&big));
        let (ms, mb) = (matrix(&ns, &probes), matrix(&nb, &probes));
        assert_eq!(mb.endpoints.len(), 2001, "2,000 instances and the internet");
        assert_eq!(ms.classes, mb.classes, "same tiers give the same classes");
        assert!(mb.classes <= 50 * 3 + 1, "{} classes", mb.classes);
    }
}
