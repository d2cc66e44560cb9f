//! Finding parts: what an id names and what contains what (where they are drawn is
//! [`crate::geometry`]).

use crate::model::{Interface, Scenario};

/// A part drawn on the canvas, by its list and index in the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Found {
    /// `vpcs[i]`.
    Vpc(usize),
    /// `subnets[i]`.
    Subnet(usize),
    /// `instances[i]`.
    Instance(usize),
    /// `databases[i]`.
    Database(usize),
    /// `load_balancers[i]`.
    LoadBalancer(usize),
    /// `internet_gateways[i]`.
    InternetGateway(usize),
    /// `egress_only_internet_gateways[i]`.
    EgressOnlyInternetGateway(usize),
    /// `nat_gateways[i]`.
    NatGateway(usize),
    /// `gwlb_endpoints[i]`.
    GwlbEndpoint(usize),
    /// `internet_hosts[i]`.
    Host(usize),
    /// `transit_gateways[i]`.
    TransitGateway(usize),
    /// `vpn_gateways[i]`.
    VpnGateway(usize),
    /// `on_prem_networks[i]`.
    OnPrem(usize),
}

impl Found {
    /// The JSON path of the part in the scenario file, e.g. `subnets[1]`.
    pub fn path(self) -> String {
        match self {
            Found::Vpc(i) => format!("vpcs[{i}]"),
            Found::Subnet(i) => format!("subnets[{i}]"),
            Found::Instance(i) => format!("instances[{i}]"),
            Found::Database(i) => format!("databases[{i}]"),
            Found::LoadBalancer(i) => format!("load_balancers[{i}]"),
            Found::InternetGateway(i) => format!("internet_gateways[{i}]"),
            Found::EgressOnlyInternetGateway(i) => format!("egress_only_internet_gateways[{i}]"),
            Found::NatGateway(i) => format!("nat_gateways[{i}]"),
            Found::GwlbEndpoint(i) => format!("gwlb_endpoints[{i}]"),
            Found::Host(i) => format!("internet_hosts[{i}]"),
            Found::TransitGateway(i) => format!("transit_gateways[{i}]"),
            Found::VpnGateway(i) => format!("vpn_gateways[{i}]"),
            Found::OnPrem(i) => format!("on_prem_networks[{i}]"),
        }
    }

    /// Whether the part is a container (drawn as a resizable box).
    pub fn is_container(self) -> bool {
        matches!(self, Found::Vpc(_) | Found::Subnet(_))
    }
}

/// The canvas part with id `id`.
pub fn locate(s: &Scenario, id: &str) -> Option<Found> {
    fn pos<'a>(mut ids: impl Iterator<Item = &'a String>, id: &str) -> Option<usize> {
        ids.position(|x| x == id)
    }
    pos(s.vpcs.iter().map(|x| &x.id), id)
        .map(Found::Vpc)
        .or_else(|| pos(s.subnets.iter().map(|x| &x.id), id).map(Found::Subnet))
        .or_else(|| pos(s.instances.iter().map(|x| &x.id), id).map(Found::Instance))
        .or_else(|| pos(s.databases.iter().map(|x| &x.id), id).map(Found::Database))
        .or_else(|| pos(s.load_balancers.iter().map(|x| &x.id), id).map(Found::LoadBalancer))
        .or_else(|| pos(s.internet_gateways.iter().map(|x| &x.id), id).map(Found::InternetGateway))
        .or_else(|| {
            pos(s.egress_only_internet_gateways.iter().map(|x| &x.id), id)
                .map(Found::EgressOnlyInternetGateway)
        })
        .or_else(|| pos(s.nat_gateways.iter().map(|x| &x.id), id).map(Found::NatGateway))
        .or_else(|| pos(s.gwlb_endpoints.iter().map(|x| &x.id), id).map(Found::GwlbEndpoint))
        .or_else(|| pos(s.internet_hosts.iter().map(|x| &x.id), id).map(Found::Host))
        .or_else(|| pos(s.transit_gateways.iter().map(|x| &x.id), id).map(Found::TransitGateway))
        .or_else(|| pos(s.vpn_gateways.iter().map(|x| &x.id), id).map(Found::VpnGateway))
        .or_else(|| pos(s.on_prem_networks.iter().map(|x| &x.id), id).map(Found::OnPrem))
}

/// Every canvas part's id, containers first (VPCs, subnets), then nodes: the drawing order.
pub fn part_ids(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(s.vpcs.iter().map(|x| x.id.clone()));
    out.extend(s.subnets.iter().map(|x| x.id.clone()));
    out.extend(s.internet_gateways.iter().map(|x| x.id.clone()));
    out.extend(s.egress_only_internet_gateways.iter().map(|x| x.id.clone()));
    out.extend(s.nat_gateways.iter().map(|x| x.id.clone()));
    out.extend(s.gwlb_endpoints.iter().map(|x| x.id.clone()));
    out.extend(s.load_balancers.iter().map(|x| x.id.clone()));
    out.extend(s.instances.iter().map(|x| x.id.clone()));
    out.extend(s.databases.iter().map(|x| x.id.clone()));
    out.extend(s.internet_hosts.iter().map(|x| x.id.clone()));
    out.extend(s.transit_gateways.iter().map(|x| x.id.clone()));
    out.extend(s.vpn_gateways.iter().map(|x| x.id.clone()));
    out.extend(s.on_prem_networks.iter().map(|x| x.id.clone()));
    out
}

/// The display name of a part, security group, network ACL or route table (its name, or its id
/// when it has none or nothing has that id).
pub fn name_of(s: &Scenario, id: &str) -> String {
    let name = match locate(s, id) {
        Some(Found::Vpc(i)) => &s.vpcs[i].name,
        Some(Found::Subnet(i)) => &s.subnets[i].name,
        Some(Found::Instance(i)) => &s.instances[i].name,
        Some(Found::Database(i)) => &s.databases[i].name,
        Some(Found::LoadBalancer(i)) => &s.load_balancers[i].name,
        Some(Found::InternetGateway(i)) => &s.internet_gateways[i].name,
        Some(Found::EgressOnlyInternetGateway(i)) => &s.egress_only_internet_gateways[i].name,
        Some(Found::NatGateway(i)) => &s.nat_gateways[i].name,
        Some(Found::GwlbEndpoint(i)) => &s.gwlb_endpoints[i].name,
        Some(Found::Host(i)) => &s.internet_hosts[i].name,
        Some(Found::TransitGateway(i)) => &s.transit_gateways[i].name,
        Some(Found::VpnGateway(i)) => &s.vpn_gateways[i].name,
        Some(Found::OnPrem(i)) => &s.on_prem_networks[i].name,
        None => {
            let table = s
                .security_groups
                .iter()
                .map(|x| (&x.id, &x.name))
                .chain(s.network_acls.iter().map(|x| (&x.id, &x.name)))
                .chain(s.route_tables.iter().map(|x| (&x.id, &x.name)))
                .find(|(x, _)| *x == id);
            match table {
                Some((_, name)) => name,
                None => return id.to_string(),
            }
        }
    };
    if name.is_empty() {
        id.to_string()
    } else {
        name.clone()
    }
}

/// The interfaces of a part that has some (instances, databases, load balancers, NAT gateways,
/// Gateway Load Balancer endpoints).
pub fn interfaces_of(s: &Scenario, found: Found) -> Vec<&Interface> {
    match found {
        Found::Instance(i) => s.instances[i].interfaces.iter().collect(),
        Found::Database(i) => s.databases[i].interfaces.iter().collect(),
        Found::LoadBalancer(i) => s.load_balancers[i].nodes.iter().collect(),
        Found::NatGateway(i) => vec![&s.nat_gateways[i].interface],
        Found::GwlbEndpoint(i) => vec![&s.gwlb_endpoints[i].interface],
        _ => Vec::new(),
    }
}

/// The first interface of a part that has some (the one it is drawn by), mutably.
pub fn first_interface_mut(s: &mut Scenario, found: Found) -> Option<&mut Interface> {
    match found {
        Found::Instance(i) => s.instances[i].interfaces.first_mut(),
        Found::Database(i) => s.databases[i].interfaces.first_mut(),
        Found::LoadBalancer(i) => s.load_balancers[i].nodes.first_mut(),
        Found::NatGateway(i) => Some(&mut s.nat_gateways[i].interface),
        Found::GwlbEndpoint(i) => Some(&mut s.gwlb_endpoints[i].interface),
        _ => None,
    }
}

/// Every interface in the scenario.
pub fn all_interfaces(s: &Scenario) -> std::vec::IntoIter<&Interface> {
    // Gathered once into a list: each caller's own chain of iterators would be a copy of this.
    let mut out: Vec<&Interface> = Vec::new();
    for x in &s.instances {
        out.extend(&x.interfaces);
    }
    for x in &s.databases {
        out.extend(&x.interfaces);
    }
    for x in &s.load_balancers {
        out.extend(&x.nodes);
    }
    out.extend(s.nat_gateways.iter().map(|x| &x.interface));
    out.extend(s.gwlb_endpoints.iter().map(|x| &x.interface));
    out.into_iter()
}

/// The container a part is drawn in: a subnet for nodes, a VPC for subnets and attached internet
/// gateways; `None` for VPCs, hosts on the internet and transit gateways (regional, outside
/// every VPC).
pub fn parent_of(s: &Scenario, id: &str) -> Option<String> {
    let found = locate(s, id)?;
    match found {
        Found::Vpc(_) | Found::Host(_) | Found::TransitGateway(_) => None,
        Found::Subnet(i) => Some(s.subnets[i].vpc.clone()),
        Found::InternetGateway(i) => s.internet_gateways[i].vpc.clone(),
        Found::EgressOnlyInternetGateway(i) => Some(s.egress_only_internet_gateways[i].vpc.clone()),
        _ => interfaces_of(s, found).first().map(|n| n.subnet.clone()),
    }
}

/// The internet gateways and egress-only internet gateways drawn on the edge of VPC `vpc`.
pub fn edge_gateways(s: &Scenario, vpc: &str) -> Vec<String> {
    let igws = (s.internet_gateways.iter()).filter(|g| g.vpc.as_deref() == Some(vpc));
    let eigws = (s.egress_only_internet_gateways.iter()).filter(|g| g.vpc == vpc);
    (igws.map(|g| g.id.clone()))
        .chain(eigws.map(|g| g.id.clone()))
        .collect()
}

/// The ids of the parts drawn inside `id` (directly or deeper).
pub fn descendants(s: &Scenario, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in part_ids(s) {
        let mut up = parent_of(s, &part);
        while let Some(p) = up {
            if p == id {
                out.push(part.clone());
                break;
            }
            up = parent_of(s, &p);
        }
    }
    out
}

/// The VPC a part belongs to.
pub fn vpc_of(s: &Scenario, id: &str) -> Option<String> {
    match locate(s, id)? {
        Found::Vpc(i) => Some(s.vpcs[i].id.clone()),
        Found::Host(_) | Found::TransitGateway(_) => None,
        _ => {
            let mut cur = parent_of(s, id)?;
            loop {
                if matches!(locate(s, &cur), Some(Found::Vpc(_))) {
                    return Some(cur);
                }
                cur = parent_of(s, &cur)?;
            }
        }
    }
}
