//! The scenario compiled for simulation: parts by index, lookups by address.
//!
//! Compiling once per scenario makes each hop a few array and hash look-ups, which is what lets
//! the reachability matrix trace hundreds of thousands of flows per second.

use super::transit::{gateways_of_vpc, CompiledTgw};
use crate::model::*;
use ipnet::{IpNet, Ipv4Net};
use rustc_hash::FxHashMap as HashMap;
use std::net::{IpAddr, Ipv4Addr};

/// What a network interface belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// `scenario.instances[i]`.
    Instance(usize),
    /// `scenario.databases[i]`.
    Database(usize),
    /// `scenario.load_balancers[i]`, a node.
    LoadBalancer(usize),
    /// `scenario.nat_gateways[i]`.
    NatGateway(usize),
    /// `scenario.gwlb_endpoints[i]`.
    GwlbEndpoint(usize),
}

/// A network interface with its place resolved to indices.
#[derive(Debug, Clone)]
pub struct Eni<'s> {
    /// The interface as written in the scenario.
    pub iface: &'s Interface,
    /// What it belongs to.
    pub owner: Owner,
    /// Index of its subnet.
    pub subnet: usize,
    /// Index of its VPC.
    pub vpc: usize,
    /// Indices of its security groups.
    pub groups: Vec<usize>,
}

/// A subnet with its route table and network ACL resolved.
#[derive(Debug, Clone)]
pub struct SubnetInfo<'s> {
    /// The subnet as written.
    pub subnet: &'s Subnet,
    /// Index of its VPC.
    pub vpc: usize,
    /// Index of its route table (explicit association, else the main table).
    pub route_table: Option<usize>,
    /// Index of its network ACL (explicit association, else the default ACL).
    pub acl: Option<usize>,
}

/// One route ready for longest-prefix match.
#[derive(Debug, Clone)]
pub struct CompiledRoute<'s> {
    /// The destination CIDR (a prefix list expands into one entry per CIDR).
    pub net: IpNet,
    /// The route as written; `None` for the implicit `local` routes.
    pub route: Option<&'s Route>,
    /// Index of the route among the table's written routes (for naming it).
    pub index: Option<usize>,
    /// For a propagated route: the virtual private gateway it leads to (then `route` is `None`;
    /// both are `None` for a `local` route).
    pub propagated_from: Option<&'s str>,
}

/// Who a compiled security group rule admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompiledPeer {
    /// A CIDR.
    Cidr(IpNet),
    /// Members of the security group with this index.
    Group(usize),
    /// The prefix list with this index.
    PrefixList(usize),
    /// A reference to something missing: matches nothing.
    Nothing,
}

/// A security group rule with its peer resolved to an index.
#[derive(Debug, Clone, Copy)]
pub struct CompiledSgRule {
    /// Protocol matched.
    pub protocol: Protocol,
    /// Ports matched (TCP/UDP), all when `None`.
    pub ports: Option<PortRange>,
    /// ICMP type/code matched.
    pub icmp: Option<IcmpMatch>,
    /// The peer.
    pub peer: CompiledPeer,
}

/// The compiled scenario.
#[derive(Debug)]
pub struct Network<'s> {
    /// The scenario it was compiled from.
    pub scenario: &'s Scenario,
    /// Interfaces of every instance, database, load balancer node and NAT gateway.
    pub enis: Vec<Eni<'s>>,
    /// Subnets, in scenario order.
    pub subnets: Vec<SubnetInfo<'s>>,
    /// Routes of each route table (same order as `scenario.route_tables`), local routes included,
    /// sorted by descending prefix length.
    pub routes: Vec<Vec<CompiledRoute<'s>>>,
    /// Inbound rules of each network ACL, ascending by rule number.
    pub acl_in: Vec<Vec<&'s AclRule>>,
    /// Outbound rules of each network ACL, ascending by rule number.
    pub acl_out: Vec<Vec<&'s AclRule>>,
    /// Inbound rules of each security group, peers resolved.
    pub sg_in: Vec<Vec<CompiledSgRule>>,
    /// Outbound rules of each security group, peers resolved.
    pub sg_out: Vec<Vec<CompiledSgRule>>,
    /// First interface of each node kind: instances, databases, load balancers, NAT gateways,
    /// Gateway Load Balancer endpoints.
    pub first_eni: [Vec<Option<usize>>; 5],
    /// Security group index by id.
    pub sg_index: HashMap<&'s str, usize>,
    /// Prefix list index by id.
    pub pl_index: HashMap<&'s str, usize>,
    vpc_index: HashMap<&'s str, usize>,
    subnet_index: HashMap<&'s str, usize>,
    eni_index: HashMap<&'s str, usize>,
    /// By VPC and [`addr_key`].
    by_private: HashMap<(usize, u128), usize>,
    /// By [`addr_key`].
    by_public: HashMap<u128, usize>,
    /// For each VPC, the VPCs joined to it by an active peering, with the peering's index.
    pub peers: Vec<Vec<(usize, usize)>>,
    /// For each VPC, the index of its attached internet gateway.
    pub igw_of_vpc: Vec<Option<usize>>,
    /// Each transit gateway's route tables, compiled (same order as `scenario.transit_gateways`).
    pub tgws: Vec<CompiledTgw>,
    /// For each VPC, the indices of the transit gateways it is attached to.
    pub tgws_of_vpc: Vec<Vec<usize>>,
    /// The gateway route table (index in `scenario.route_tables`) of each internet or virtual
    /// private gateway that has one, by gateway id: it routes what enters the VPC there.
    pub edge_tables: HashMap<&'s str, usize>,
}

impl<'s> Network<'s> {
    /// Compiles a scenario. Dangling references are skipped here (validation reports them).
    pub fn new(scenario: &'s Scenario) -> Self {
        let vpc_index = index_by_id(&scenario.vpcs, |v| &v.id);
        let subnet_index = index_by_id(&scenario.subnets, |s| &s.id);
        let sg_index = index_by_id(&scenario.security_groups, |g| &g.id);
        let pl_index = index_by_id(&scenario.prefix_lists, |p| &p.id);
        let subnets = subnet_infos(scenario, &vpc_index);
        let enis = interfaces(scenario, &subnets, &subnet_index, &sg_index);
        let mut by_private = HashMap::default();
        let mut by_public = HashMap::default();
        let mut eni_index = HashMap::default();
        let mut first_eni = [
            vec![None; scenario.instances.len()],
            vec![None; scenario.databases.len()],
            vec![None; scenario.load_balancers.len()],
            vec![None; scenario.nat_gateways.len()],
            vec![None; scenario.gwlb_endpoints.len()],
        ];
        for (i, e) in enis.iter().enumerate() {
            by_private
                .entry((e.vpc, addr_key(IpAddr::V4(e.iface.private_ip))))
                .or_insert(i);
            if let Some(p) = e.iface.public_ip {
                by_public.entry(addr_key(IpAddr::V4(p))).or_insert(i);
            }
            // IPv6 addresses are private and public at once: the internet reaches them as
            // they are.
            for &v6 in &e.iface.ipv6_addresses {
                let key = addr_key(IpAddr::V6(v6));
                by_private.entry((e.vpc, key)).or_insert(i);
                by_public.entry(key).or_insert(i);
            }
            eni_index.entry(e.iface.id.as_str()).or_insert(i);
            let (k, n) = owner_slot(e.owner);
            first_eni[k][n].get_or_insert(i);
        }
        let sorted = |rules: &'s [AclRule]| {
            let mut v: Vec<&AclRule> = rules.iter().collect();
            crate::sorting::sort_by_key(&mut v, |r| r.number);
            v
        };
        let acls = &scenario.network_acls;
        let groups = &scenario.security_groups;
        let compile = |rules| compile_sg_rules(rules, &sg_index, &pl_index);
        Network {
            scenario,
            sg_in: groups.iter().map(|g| compile(&g.inbound)).collect(),
            sg_out: groups.iter().map(|g| compile(&g.outbound)).collect(),
            first_eni,
            acl_in: acls.iter().map(|a| sorted(&a.inbound)).collect(),
            acl_out: acls.iter().map(|a| sorted(&a.outbound)).collect(),
            enis,
            subnets,
            routes: scenario
                .route_tables
                .iter()
                .map(|t| compile_routes(scenario, t, &vpc_index))
                .collect(),
            peers: peers(scenario, &vpc_index),
            igw_of_vpc: igw_of_vpc(scenario, &vpc_index),
            tgws: (scenario.transit_gateways.iter())
                .map(|t| CompiledTgw::new(scenario, t, &vpc_index))
                .collect(),
            tgws_of_vpc: gateways_of_vpc(scenario, &vpc_index),
            edge_tables: edge_tables(scenario),
            sg_index,
            pl_index,
            vpc_index,
            subnet_index,
            eni_index,
            by_private,
            by_public,
        }
    }

    /// The first interface of a node.
    pub fn first_eni_of(&self, owner: Owner) -> Option<usize> {
        let (k, n) = owner_slot(owner);
        self.first_eni[k].get(n).copied().flatten()
    }

    /// Index of a VPC by id.
    pub fn vpc(&self, id: &str) -> Option<usize> {
        self.vpc_index.get(id).copied()
    }

    /// Index of a subnet by id.
    pub fn subnet(&self, id: &str) -> Option<usize> {
        self.subnet_index.get(id).copied()
    }

    /// Index of a network interface by id.
    pub fn eni(&self, id: &str) -> Option<usize> {
        self.eni_index.get(id).copied()
    }

    /// The interface holding private address `ip` in VPC `vpc`.
    pub fn eni_by_private(&self, vpc: usize, ip: IpAddr) -> Option<usize> {
        self.by_private.get(&(vpc, addr_key(ip))).copied()
    }

    /// The interface holding public address `ip` (an IPv6 address is public as it is).
    pub fn eni_by_public(&self, ip: IpAddr) -> Option<usize> {
        self.by_public.get(&addr_key(ip)).copied()
    }

    /// The VPC whose CIDR blocks (IPv4 or IPv6, by the address's family) hold `ip`, if any.
    pub fn vpc_of_address(&self, ip: IpAddr) -> Option<usize> {
        self.scenario.vpcs.iter().position(|v| vpc_holds(v, ip))
    }

    /// The on-premises network whose blocks hold `ip`, if any (the first, when several do).
    pub fn site_holding(&self, ip: IpAddr) -> Option<usize> {
        let IpAddr::V4(ip) = ip else { return None };
        (self.scenario.on_prem_networks.iter()).position(|n| n.holds(ip))
    }

    /// The subnet of VPC `vpc` whose CIDR holds `ip`.
    pub fn subnet_of_address(&self, vpc: usize, ip: IpAddr) -> Option<usize> {
        self.subnets
            .iter()
            .position(|s| s.vpc == vpc && subnet_holds(s.subnet, ip))
    }

    /// Whether VPCs `a` and `b` are the same or joined by an active peering.
    pub fn same_or_peered(&self, a: usize, b: usize) -> bool {
        a == b
            || self
                .peers
                .get(a)
                .is_some_and(|p| p.iter().any(|(v, _)| *v == b))
    }

    /// Whether VPCs `a` and `b` reach each other by private address: the same VPC, peered, or
    /// both attached to one transit gateway.
    pub fn privately_joined(&self, a: usize, b: usize) -> bool {
        let gateways = |v: usize| self.tgws_of_vpc.get(v).map_or(&[][..], Vec::as_slice);
        self.same_or_peered(a, b) || gateways(a).iter().any(|t| gateways(b).contains(t))
    }

    /// The display name of an interface's owner (instance name, database name, ...).
    pub fn owner_name(&self, owner: Owner) -> &'s str {
        let s = self.scenario;
        let pick = |name: &'s str, id: &'s str| if name.is_empty() { id } else { name };
        match owner {
            Owner::Instance(i) => pick(&s.instances[i].name, &s.instances[i].id),
            Owner::Database(i) => pick(&s.databases[i].name, &s.databases[i].id),
            Owner::LoadBalancer(i) => pick(&s.load_balancers[i].name, &s.load_balancers[i].id),
            Owner::NatGateway(i) => pick(&s.nat_gateways[i].name, &s.nat_gateways[i].id),
            Owner::GwlbEndpoint(i) => pick(&s.gwlb_endpoints[i].name, &s.gwlb_endpoints[i].id),
        }
    }

    /// The id of an interface's owner.
    pub fn owner_id(&self, owner: Owner) -> &'s str {
        let s = self.scenario;
        match owner {
            Owner::Instance(i) => &s.instances[i].id,
            Owner::Database(i) => &s.databases[i].id,
            Owner::LoadBalancer(i) => &s.load_balancers[i].id,
            Owner::NatGateway(i) => &s.nat_gateways[i].id,
            Owner::GwlbEndpoint(i) => &s.gwlb_endpoints[i].id,
        }
    }
}

/// Whether `net` holds `ip`, by integer mask (the hot path of every rule check). A block of one
/// family never holds an address of the other.
#[inline]
pub fn cidr_contains(net: &IpNet, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpNet::V4(net), IpAddr::V4(ip)) => v4_contains(net, ip),
        (IpNet::V6(net), IpAddr::V6(ip)) => v6_contains(net, ip),
        _ => false,
    }
}

/// Whether IPv6 block `net` holds `ip` (kept out of line: 128-bit masks are long in wasm, and
/// IPv4 is the common case).
#[inline(never)]
fn v6_contains(net: &ipnet::Ipv6Net, ip: std::net::Ipv6Addr) -> bool {
    let len = u32::from(net.prefix_len());
    let mask = u128::MAX.checked_shl(128 - len).unwrap_or(0);
    (u128::from(ip) & mask) == (u128::from(net.addr()) & mask)
}

/// The look-up key of an address: IPv4 as its IPv4-mapped IPv6 address (`::ffff:a.b.c.d`,
/// which no interface holds), so one map takes both families and hashes two words.
#[inline]
fn addr_key(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(a) => u128::from(a.to_ipv6_mapped()),
        IpAddr::V6(a) => u128::from(a),
    }
}

/// Whether one of the VPC's blocks of `ip`'s family holds it.
pub fn vpc_holds(vpc: &Vpc, ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => vpc.cidrs.iter().any(|c| v4_contains(c, ip)),
        IpAddr::V6(ip) => vpc.ipv6_cidrs.iter().any(|c| v6_contains(c, ip)),
    }
}

/// Whether the subnet's block of `ip`'s family holds it.
pub fn subnet_holds(subnet: &Subnet, ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => v4_contains(&subnet.cidr, ip),
        IpAddr::V6(ip) => subnet.ipv6_cidr.is_some_and(|c| v6_contains(&c, ip)),
    }
}

/// Whether IPv4 block `net` holds `ip` (never an IPv6 address).
#[inline]
pub fn v4_in(net: &Ipv4Net, ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V4(ip) if v4_contains(net, ip))
}

/// Whether IPv4 block `net` holds `ip`.
#[inline]
pub fn v4_contains(net: &Ipv4Net, ip: Ipv4Addr) -> bool {
    let len = u32::from(net.prefix_len());
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    (u32::from(ip) & mask) == (u32::from(net.addr()) & mask)
}

fn owner_slot(owner: Owner) -> (usize, usize) {
    match owner {
        Owner::Instance(i) => (0, i),
        Owner::Database(i) => (1, i),
        Owner::LoadBalancer(i) => (2, i),
        Owner::NatGateway(i) => (3, i),
        Owner::GwlbEndpoint(i) => (4, i),
    }
}

/// A part's display name, falling back to its id.
pub fn display<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

/// The index of each record by its id.
fn index_by_id<T>(list: &[T], id: fn(&T) -> &String) -> HashMap<&str, usize> {
    list.iter()
        .enumerate()
        .map(|(i, x)| (id(x).as_str(), i))
        .collect()
}

/// Each subnet with its VPC, route table (its own, else the VPC's main one) and network ACL
/// (its own, else the VPC's default one).
fn subnet_infos<'s>(
    scenario: &'s Scenario,
    vpc_index: &HashMap<&str, usize>,
) -> Vec<SubnetInfo<'s>> {
    scenario
        .subnets
        .iter()
        .map(|sn| {
            let vpc = vpc_index
                .get(sn.vpc.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            let tables = &scenario.route_tables;
            let route_table = tables
                .iter()
                .position(|t| t.subnets.contains(&sn.id))
                .or_else(|| tables.iter().position(|t| t.main && t.vpc == sn.vpc));
            let acls = &scenario.network_acls;
            let acl = acls
                .iter()
                .position(|a| a.subnets.contains(&sn.id))
                .or_else(|| acls.iter().position(|a| a.default && a.vpc == sn.vpc));
            SubnetInfo {
                subnet: sn,
                vpc,
                route_table,
                acl,
            }
        })
        .collect()
}

/// The interfaces of every instance, database, load balancer node and NAT gateway whose subnet
/// is in a VPC of the scenario.
fn interfaces<'s>(
    scenario: &'s Scenario,
    subnets: &[SubnetInfo<'s>],
    subnet_index: &HashMap<&str, usize>,
    sg_index: &HashMap<&str, usize>,
) -> Vec<Eni<'s>> {
    let mut enis = Vec::new();
    let mut push = |iface: &'s Interface, owner: Owner| {
        let Some(&subnet) = subnet_index.get(iface.subnet.as_str()) else {
            return;
        };
        let vpc = subnets[subnet].vpc;
        if vpc == usize::MAX {
            return;
        }
        let groups = iface
            .security_groups
            .iter()
            .filter_map(|g| sg_index.get(g.as_str()).copied())
            .collect();
        enis.push(Eni {
            iface,
            owner,
            subnet,
            vpc,
            groups,
        });
    };
    for (i, inst) in scenario.instances.iter().enumerate() {
        for iface in &inst.interfaces {
            push(iface, Owner::Instance(i));
        }
    }
    for (i, db) in scenario.databases.iter().enumerate() {
        for iface in &db.interfaces {
            push(iface, Owner::Database(i));
        }
    }
    for (i, lb) in scenario.load_balancers.iter().enumerate() {
        for iface in &lb.nodes {
            push(iface, Owner::LoadBalancer(i));
        }
    }
    for (i, nat) in scenario.nat_gateways.iter().enumerate() {
        push(&nat.interface, Owner::NatGateway(i));
    }
    for (i, ep) in scenario.gwlb_endpoints.iter().enumerate() {
        push(&ep.interface, Owner::GwlbEndpoint(i));
    }
    enis
}

/// The routes of route table `t`: the VPC's local routes, then its own (prefix lists expanded),
/// then those its virtual private gateways propagate, longest prefix first.
fn compile_routes<'s>(
    scenario: &'s Scenario,
    t: &'s RouteTable,
    vpc_index: &HashMap<&str, usize>,
) -> Vec<CompiledRoute<'s>> {
    let mut list: Vec<CompiledRoute> = Vec::new();
    if let Some(&v) = vpc_index.get(t.vpc.as_str()) {
        let vpc = &scenario.vpcs[v];
        let v4 = vpc.cidrs.iter().map(|n| IpNet::V4(n.trunc()));
        for net in v4.chain(vpc.ipv6_cidrs.iter().map(|n| IpNet::V6(n.trunc()))) {
            list.push(CompiledRoute {
                net,
                route: None,
                index: None,
                propagated_from: None,
            });
        }
    }
    for (i, r) in t.routes.iter().enumerate() {
        if r.target == RouteTarget::Local {
            continue;
        }
        let nets: &[IpNet] = match &r.destination {
            Destination::Cidr(net) => std::slice::from_ref(net),
            Destination::PrefixList(pl) => scenario
                .prefix_lists
                .iter()
                .find(|p| p.id == *pl)
                .map_or(&[], |p| &p.cidrs),
        };
        for net in nets {
            list.push(CompiledRoute {
                net: net.trunc(),
                route: Some(r),
                index: Some(i),
                propagated_from: None,
            });
        }
    }
    for (net, vgw) in propagated_routes(scenario, t) {
        list.push(CompiledRoute {
            net: IpNet::V4(net.trunc()),
            route: None,
            index: None,
            propagated_from: Some(vgw),
        });
    }
    // Longest prefix first; on a tie the local route (pushed first) wins, then a written route
    // over a propagated one.
    crate::sorting::sort_by_key(&mut list, |r| std::cmp::Reverse(r.net.prefix_len()));
    list
}

/// The routes virtual private gateways propagate into route table `t` (route propagation), as
/// (block, gateway id): for each gateway it takes propagation from that is attached to its VPC,
/// the blocks of every link that ends there and is up.
pub fn propagated_routes<'s>(scenario: &'s Scenario, t: &'s RouteTable) -> Vec<(Ipv4Net, &'s str)> {
    let mut out = Vec::new();
    for vgw in &t.propagating_vgws {
        let attached = (scenario.vpn_gateways.iter())
            .any(|g| g.id == *vgw && g.vpc.as_deref() == Some(t.vpc.as_str()));
        for site in scenario.on_prem_networks.iter().filter(|_| attached) {
            for link in &site.links {
                if link.up && matches!(&link.to, LinkEnd::VpnGateway(g) if g == vgw) {
                    out.extend(site.blocks_over(link).iter().map(|n| (*n, vgw.as_str())));
                }
            }
        }
    }
    out
}

/// For each VPC, the VPCs joined to it by an active peering, with the peering's index.
fn peers(scenario: &Scenario, vpc_index: &HashMap<&str, usize>) -> Vec<Vec<(usize, usize)>> {
    let mut peers = vec![Vec::new(); scenario.vpcs.len()];
    for (i, p) in scenario.peerings.iter().enumerate() {
        if !p.active {
            continue;
        }
        if let (Some(&a), Some(&b)) = (
            vpc_index.get(p.requester.as_str()),
            vpc_index.get(p.accepter.as_str()),
        ) {
            if a != b {
                peers[a].push((b, i));
                peers[b].push((a, i));
            }
        }
    }
    peers
}

/// For each VPC, the first internet gateway attached to it.
/// Each gateway's route table: the first table that names the gateway.
fn edge_tables(scenario: &Scenario) -> HashMap<&str, usize> {
    let mut out = HashMap::default();
    for (i, t) in scenario.route_tables.iter().enumerate() {
        for g in &t.gateways {
            out.entry(g.as_str()).or_insert(i);
        }
    }
    out
}

fn igw_of_vpc(scenario: &Scenario, vpc_index: &HashMap<&str, usize>) -> Vec<Option<usize>> {
    let mut igw_of_vpc = vec![None; scenario.vpcs.len()];
    for (i, g) in scenario.internet_gateways.iter().enumerate() {
        if let Some(v) = g.vpc.as_deref().and_then(|v| vpc_index.get(v)) {
            igw_of_vpc[*v].get_or_insert(i);
        }
    }
    igw_of_vpc
}

/// Security group rules with their peers resolved to indexes.
fn compile_sg_rules(
    rules: &[SgRule],
    sg_index: &HashMap<&str, usize>,
    pl_index: &HashMap<&str, usize>,
) -> Vec<CompiledSgRule> {
    rules
        .iter()
        .map(|r| CompiledSgRule {
            protocol: r.protocol,
            ports: r.ports,
            icmp: r.icmp,
            peer: match &r.peer {
                Peer::Cidr(c) => CompiledPeer::Cidr(*c),
                Peer::Group(g) => sg_index
                    .get(g.as_str())
                    .map_or(CompiledPeer::Nothing, |&i| CompiledPeer::Group(i)),
                Peer::PrefixList(p) => pl_index
                    .get(p.as_str())
                    .map_or(CompiledPeer::Nothing, |&i| CompiledPeer::PrefixList(i)),
            },
        })
        .collect()
}
