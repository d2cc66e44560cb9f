//! Placing a part from the palette at a point of the canvas, where AWS lets it live, with what AWS
//! gives it; or refusing with a reason people can act on.

use super::alloc::{
    fresh_id, next_letter_name, next_name, next_private_ip, next_public_ip, next_subnet_cidr,
    next_vpc_cidr, unique_title,
};
pub use super::refusal::{a_or_an, Refusal};
use super::PartKind;
use crate::geometry::{subnet_at, vpc_at, vpc_near, zone_at};
use crate::geometry::{NODE_SIZE, SUBNET_H, SUBNET_HEAD, SUBNET_W, VPC_H, VPC_W};
use crate::layout::{self, snap};
use crate::model::*;
use crate::scenario::normalize;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// A scenario with a newly placed part.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The edited scenario.
    pub scenario: Scenario,
    /// The new part's id.
    pub id: Id,
}

pub(super) fn node_rect(x: f64, y: f64) -> Rect {
    Rect {
        x: snap(x - NODE_SIZE / 2.0),
        y: snap(y - NODE_SIZE / 2.0),
        w: 0.0,
        h: 0.0,
    }
}

/// Keeps a node's top-left corner inside box `r` (below its title area).
fn clamp_node(mut n: Rect, r: &Rect, head: f64) -> Rect {
    n.x =
        n.x.clamp(r.x + 8.0, (r.x + r.w - NODE_SIZE - 8.0).max(r.x + 8.0));
    n.y =
        n.y.clamp(r.y + head, (r.y + r.h - NODE_SIZE - 30.0).max(r.y + head));
    n
}

/// Places a part of kind `kind` with its centre at canvas point (`x`, `y`) exactly (kept inside
/// its container's box), next to other parts or over them; a subnet on another subnet is refused.
/// Drops from the palette go through [`place_at`], which finds the part a free place.
///
/// ```
/// use vpc_playground::edit::{place::place, PartKind};
/// use vpc_playground::model::Scenario;
/// let p = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0).unwrap();
/// assert_eq!(p.scenario.vpcs[0].cidrs[0].to_string(), "10.0.0.0/16");
/// assert!(place(&p.scenario, PartKind::Instance, 900.0, 900.0).is_err());
/// ```
pub fn place(s: &Scenario, kind: PartKind, x: f64, y: f64) -> Result<Placed, Refusal> {
    build(s, kind, x, y, true)
}

/// Adds the part; `exact` refuses a subnet dropped on another one instead of leaving the clash
/// to [`make_room`].
fn build(s: &Scenario, kind: PartKind, x: f64, y: f64, exact: bool) -> Result<Placed, Refusal> {
    let mut s = s.clone();
    let id = match kind {
        PartKind::Vpc => place_vpc(&mut s, x, y)?,
        PartKind::Subnet => place_subnet(&mut s, x, y, exact)?,
        PartKind::InternetGateway => place_igw(&mut s, x, y)?,
        PartKind::EgressOnlyInternetGateway => place_eigw(&mut s, x, y)?,
        PartKind::LoadBalancer => place_balancer(&mut s, LbKind::Application, x, y)?,
        PartKind::NetworkLoadBalancer => place_balancer(&mut s, LbKind::Network, x, y)?,
        PartKind::Internet | PartKind::Laptop => place_host(&mut s, kind, x, y)?,
        PartKind::TransitGateway => place_tgw(&mut s, x, y)?,
        PartKind::VpnGateway => super::site::place_vpn_gateway(&mut s, x, y)?,
        PartKind::OnPremises => super::site::place_site(&mut s, x, y)?,
        _ => place_in_subnet(&mut s, kind, x, y)?,
    };
    Ok(Placed { scenario: s, id })
}

fn place_vpc(s: &mut Scenario, x: f64, y: f64) -> Result<Id, Refusal> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(Refusal::VpcInVpc {
            vpc: label(&s.vpcs[i].name, &s.vpcs[i].id),
        });
    }
    let cidr = next_vpc_cidr(s).ok_or(Refusal::NoVpcBlock)?;
    let name = next_name(s, "vpc");
    let id = fresh_id(s, &name);
    s.vpcs.push(Vpc {
        ipv6_cidrs: Default::default(),
        id: id.clone(),
        name,
        cidrs: vec![cidr],
    });
    s.layout.insert(
        id.clone(),
        Rect {
            x: snap(x - 60.0),
            y: snap(y - 40.0),
            w: VPC_W,
            h: VPC_H,
        },
    );
    normalize(s);
    Ok(id)
}

pub(super) fn label(name: &str, id: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}

fn place_subnet(s: &mut Scenario, x: f64, y: f64, exact: bool) -> Result<Id, Refusal> {
    let vi = vpc_at(s, x, y).ok_or(Refusal::SubnetOffVpc)?;
    if let Some(i) = subnet_at(s, x, y).filter(|_| exact) {
        return Err(Refusal::SubnetOverlap {
            subnet: label(&s.subnets[i].name, &s.subnets[i].id),
        });
    }
    let vpc = s.vpcs[vi].id.clone();
    let cidr = next_subnet_cidr(s, &vpc).ok_or_else(|| Refusal::NoSubnetBlock {
        vpc: label(&s.vpcs[vi].name, &vpc),
    })?;
    let az = zone_at(s, &vpc, x).unwrap_or_else(|| format!("{}a", crate::geometry::DEFAULT_REGION));
    let name = next_letter_name(s, "subnet");
    let id = fresh_id(s, &name);
    let v = s.layout.get(&vpc).copied().unwrap_or_default();
    let bands = crate::geometry::az_bands(s, &vpc);
    let band = bands.iter().find(|b| b.0 == az).cloned();
    let w = band
        .as_ref()
        .map(|b| (b.2 - b.1 - 20.0).clamp(160.0, SUBNET_W))
        .unwrap_or(SUBNET_W);
    let mut r = Rect {
        x: snap(x - w / 2.0),
        y: snap(y - 30.0),
        w,
        h: SUBNET_H,
    };
    if let Some(b) = band {
        r.x = r.x.clamp(b.1 + 10.0, (b.2 - w - 10.0).max(b.1 + 10.0));
    }
    r.y = r.y.clamp(
        v.y + crate::geometry::VPC_HEAD,
        (v.y + v.h - r.h - 10.0).max(v.y + 40.0),
    );
    s.subnets.push(Subnet {
        ipv6_cidr: Default::default(),
        id: id.clone(),
        name,
        vpc,
        az,
        cidr,
    });
    s.layout.insert(id.clone(), r);
    Ok(id)
}

fn place_igw(s: &mut Scenario, x: f64, y: f64) -> Result<Id, Refusal> {
    let vi = vpc_near(s, x, y, NODE_SIZE).ok_or(Refusal::IgwOffVpc)?;
    let vpc = s.vpcs[vi].id.clone();
    if let Some(g) = s
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_deref() == Some(vpc.as_str()))
    {
        return Err(Refusal::SecondIgw {
            vpc: label(&s.vpcs[vi].name, &vpc),
            igw: label(&g.name, &g.id),
        });
    }
    let name = next_name(s, "igw");
    let id = fresh_id(s, &name);
    let at = edge_rect(s, &vpc, x);
    s.internet_gateways.push(InternetGateway {
        id: id.clone(),
        name,
        vpc: Some(vpc),
    });
    s.layout.insert(id.clone(), at);
    Ok(id)
}

fn place_eigw(s: &mut Scenario, x: f64, y: f64) -> Result<Id, Refusal> {
    let vi = vpc_near(s, x, y, NODE_SIZE).ok_or(Refusal::EigwOffVpc)?;
    let vpc = s.vpcs[vi].id.clone();
    if let Some(g) = (s.egress_only_internet_gateways.iter()).find(|g| g.vpc == vpc) {
        return Err(Refusal::SecondEigw {
            vpc: label(&s.vpcs[vi].name, &vpc),
            eigw: label(&g.name, &g.id),
        });
    }
    let name = next_name(s, "eigw");
    let id = fresh_id(s, &name);
    let at = edge_rect(s, &vpc, x);
    s.egress_only_internet_gateways
        .push(EgressOnlyInternetGateway {
            id: id.clone(),
            name,
            vpc,
        });
    s.layout.insert(id.clone(), at);
    Ok(id)
}

/// Where a gateway dropped at `x` sits on the top edge of VPC `vpc` (inside its width).
pub(super) fn edge_rect(s: &Scenario, vpc: &str, x: f64) -> Rect {
    let v = s.layout.get(vpc).copied().unwrap_or_default();
    Rect {
        x: snap(x - NODE_SIZE / 2.0).clamp(v.x + 8.0, v.x + v.w - NODE_SIZE - 8.0),
        y: v.y - NODE_SIZE / 2.0,
        w: 0.0,
        h: 0.0,
    }
}

fn place_host(s: &mut Scenario, kind: PartKind, x: f64, y: f64) -> Result<Id, Refusal> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(Refusal::HostInVpc {
            vpc: label(&s.vpcs[i].name, &s.vpcs[i].id),
        });
    }
    let (title, base, ip) = match kind {
        PartKind::Laptop => (super::host_names::LAPTOP.en, "laptop", next_public_ip(s)),
        _ => (
            super::host_names::INTERNET.en,
            "internet",
            Ipv4Addr::new(8, 8, 8, 8),
        ),
    };
    let ip = if kind == PartKind::Internet && s.internet_hosts.iter().any(|h| h.ip == ip) {
        next_public_ip(s)
    } else {
        ip
    };
    let name = unique_title(s, title);
    let id = fresh_id(s, base);
    s.internet_hosts.push(InternetHost {
        ipv6: Default::default(),
        id: id.clone(),
        name,
        ip,
        os: Os::Any,
        listens: Listening::Any,
    });
    s.layout.insert(id.clone(), node_rect(x, y));
    Ok(id)
}

fn place_tgw(s: &mut Scenario, x: f64, y: f64) -> Result<Id, Refusal> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(Refusal::TransitGatewayIntoVpc {
            name: next_name(s, "tgw"),
            vpc: label(&s.vpcs[i].name, &s.vpcs[i].id),
        });
    }
    let id = super::transit::create(s);
    s.layout.insert(id.clone(), node_rect(x, y));
    Ok(id)
}

/// A new security group of `vpc` as the console creates it: no inbound rules, all outbound
/// (IPv6 too when the VPC has an IPv6 block).
pub fn new_group(s: &Scenario, vpc: &str, name: &str, inbound: Vec<SgRule>) -> SecurityGroup {
    let name = unique_title(s, name);
    let dual = s
        .vpcs
        .iter()
        .any(|v| v.id == vpc && !v.ipv6_cidrs.is_empty());
    let mut to = vec![ipnet::IpNet::V4(Ipv4Net::default())];
    if dual {
        to.push(ipnet::IpNet::V6(Default::default()));
    }
    SecurityGroup {
        id: fresh_id(s, &name),
        name,
        vpc: vpc.into(),
        inbound,
        outbound: (to.into_iter())
            .map(|c| SgRule {
                protocol: Protocol::All,
                ports: None,
                icmp: None,
                peer: Peer::Cidr(c),
                description: String::new(),
            })
            .collect(),
    }
}

/// A new bastion's SSH rule: from My IP (the "My laptop" host) when there is one, as the posts
/// advise, else from anywhere.
fn bastion_ssh(s: &Scenario) -> SgRule {
    match super::host_names::my_laptop(s) {
        Some(h) => SgRule {
            peer: Peer::Cidr(ipnet::IpNet::V4(
                Ipv4Net::new(h.ip, 32).expect("32 is a prefix length"),
            )),
            ..tcp_from_anywhere(22, "SSH from My laptop")
        },
        None => tcp_from_anywhere(22, "SSH"),
    }
}

/// Inbound rule `rule` from each of VPC `vpc`'s blocks: a new NAT instance's all traffic, which
/// it forwards (its group must admit what the private subnets send through it); a new interface
/// endpoint's HTTPS, as AWS advises.
fn from_vpc(s: &Scenario, vpc: &str, rule: SgRule) -> Vec<SgRule> {
    s.vpcs
        .iter()
        .filter(|v| v.id == vpc)
        .flat_map(|v| v.cidrs.iter())
        .map(|c| SgRule {
            peer: Peer::Cidr(ipnet::IpNet::V4(*c)),
            ..rule.clone()
        })
        .collect()
}

/// An inbound TCP rule from anywhere.
pub fn tcp_from_anywhere(port: u16, description: &str) -> SgRule {
    SgRule {
        protocol: Protocol::Tcp,
        ports: Some(PortRange::single(port)),
        icmp: None,
        peer: Peer::Cidr(ipnet::IpNet::V4(Ipv4Net::default())),
        description: description.into(),
    }
}

/// Whether subnet `subnet` routes `0.0.0.0/0` to an internet gateway (a public subnet).
pub fn is_public(s: &Scenario, subnet: &str) -> bool {
    let Some(x) = s.subnets.iter().find(|x| x.id == subnet) else {
        return false;
    };
    let table = s
        .route_tables
        .iter()
        .find(|t| t.subnets.iter().any(|n| n == subnet))
        .or_else(|| s.route_tables.iter().find(|t| t.main && t.vpc == x.vpc));
    table.is_some_and(|t| {
        t.routes
            .iter()
            .any(|r| matches!(r.target, RouteTarget::InternetGateway(_)))
    })
}

fn place_in_subnet(s: &mut Scenario, kind: PartKind, x: f64, y: f64) -> Result<Id, Refusal> {
    let si = subnet_at(s, x, y).ok_or(Refusal::NotInSubnet { kind })?;
    let subnet = s.subnets[si].clone();
    let ip = next_private_ip(s, &subnet.id).ok_or_else(|| Refusal::SubnetFull {
        subnet: label(&subnet.name, &subnet.id),
        cidr: Some(subnet.cidr),
    })?;
    let public = is_public(s, &subnet.id);
    let (prefix, role, listens) = match kind {
        PartKind::Bastion => ("bastion", Role::Bastion, vec![22]),
        PartKind::NatInstance => ("nat-instance", Role::NatInstance, vec![]),
        PartKind::Database => ("db", Role::Generic, vec![]),
        PartKind::Cache => ("cache", Role::Generic, vec![]),
        PartKind::NatGateway => ("nat", Role::Generic, vec![]),
        PartKind::GwlbEndpoint => ("vpce", Role::Generic, vec![]),
        PartKind::InterfaceEndpoint => ("vpce-ssm", Role::InterfaceEndpoint, vec![443]),
        _ => ("web", Role::Web, vec![22, 80, 443]),
    };
    // An interface endpoint is named after its service (Systems Manager, a common first one).
    let (name, id) = if role == Role::InterfaceEndpoint {
        (unique_title(s, "ssm endpoint"), fresh_id(s, prefix))
    } else {
        let name = next_name(s, prefix);
        (name.clone(), fresh_id(s, &name))
    };
    let eni = fresh_id(s, &format!("eni-{id}"));
    let home = s.layout.get(&subnet.id).copied().unwrap_or_default();
    let rect = clamp_node(node_rect(x, y), &home, SUBNET_HEAD);
    let mut iface = Interface {
        ipv6_addresses: Default::default(),
        id: eni,
        subnet: subnet.id.clone(),
        private_ip: ip,
        public_ip: None,
        elastic_ip: false,
        security_groups: Vec::new(),
        source_dest_check: true,
    };
    match kind {
        PartKind::NatGateway => {
            iface.public_ip = Some(next_public_ip(s));
            iface.elastic_ip = true;
            s.nat_gateways.push(NatGateway {
                id: id.clone(),
                name,
                connectivity: Connectivity::Public,
                interface: iface,
            });
        }
        // No security groups and no public address: its subnet's network ACL applies.
        PartKind::GwlbEndpoint => s.gwlb_endpoints.push(GwlbEndpoint {
            id: id.clone(),
            name,
            interface: iface,
        }),
        PartKind::Database | PartKind::Cache => {
            let engine = if kind == PartKind::Cache {
                Engine::Redis
            } else {
                Engine::Mysql
            };
            let group = new_group(s, &subnet.vpc, &format!("{name}-sg"), Vec::new());
            iface.security_groups = vec![group.id.clone()];
            s.security_groups.push(group);
            s.databases.push(Database {
                id: id.clone(),
                name,
                engine,
                port: None,
                interfaces: vec![iface],
            });
        }
        _ => {
            let inbound = match kind {
                PartKind::Bastion => vec![bastion_ssh(s)],
                PartKind::NatInstance => from_vpc(
                    s,
                    &subnet.vpc,
                    SgRule {
                        protocol: Protocol::All,
                        ports: None,
                        ..tcp_from_anywhere(0, "From the VPC, to forward")
                    },
                ),
                PartKind::InterfaceEndpoint => {
                    from_vpc(s, &subnet.vpc, tcp_from_anywhere(443, "HTTPS from the VPC"))
                }
                _ => Vec::new(),
            };
            let mut group = new_group(s, &subnet.vpc, &format!("{name}-sg"), inbound);
            if role == Role::InterfaceEndpoint {
                group.id = fresh_id(s, &format!("{id}-sg"));
            }
            iface.security_groups = vec![group.id.clone()];
            // An interface endpoint has no public address.
            if (public && role != Role::InterfaceEndpoint) || kind == PartKind::NatInstance {
                iface.public_ip = Some(next_public_ip(s));
            }
            if kind == PartKind::NatInstance {
                iface.source_dest_check = false;
            }
            s.security_groups.push(group);
            s.instances.push(Instance {
                id: id.clone(),
                name,
                role,
                os: Os::Linux,
                interfaces: vec![iface],
                listens: if kind == PartKind::NatInstance {
                    Listening::Any
                } else {
                    Listening::Ports(listens.into_iter().map(Listener::tcp).collect())
                },
                upstreams: Vec::new(),
                stopped: false,
                stateful: false,
            });
        }
    }
    s.layout.insert(id.clone(), rect);
    Ok(id)
}

/// Places a load balancer of `kind` on the VPC under (`x`, `y`), a node in each of two subnets of
/// different zones, listening on port 80 (HTTP, or TCP for a network load balancer).
fn place_balancer(s: &mut Scenario, kind: LbKind, x: f64, y: f64) -> Result<Id, Refusal> {
    let part = match kind {
        LbKind::Application => PartKind::LoadBalancer,
        LbKind::Network => PartKind::NetworkLoadBalancer,
    };
    let vi = vpc_at(s, x, y).ok_or(Refusal::AlbOffVpc)?;
    let vpc = s.vpcs[vi].id.clone();
    let vname = label(&s.vpcs[vi].name, &vpc);
    // The subnet under the pointer first, then the VPC's others, one per zone.
    let mut order: Vec<usize> = Vec::new();
    if let Some(i) = subnet_at(s, x, y) {
        order.push(i);
    }
    let rest: Vec<usize> = (0..s.subnets.len())
        .filter(|i| !order.contains(i))
        .collect();
    order.extend(rest);
    let mut picked: Vec<usize> = Vec::new();
    for i in order {
        let n = &s.subnets[i];
        if n.vpc == vpc && !picked.iter().any(|&p| s.subnets[p].az == n.az) {
            picked.push(i);
        }
        if picked.len() == 2 {
            break;
        }
    }
    if picked.len() < 2 {
        return Err(Refusal::AlbZones {
            vpc: vname,
            zone: picked.first().map(|&k| s.subnets[k].az.clone()),
            kind: part,
        });
    }
    let name = next_name(
        s,
        match kind {
            LbKind::Application => "alb",
            LbKind::Network => "nlb",
        },
    );
    let id = fresh_id(s, &name);
    let group = new_group(
        s,
        &vpc,
        &format!("{name}-sg"),
        vec![
            tcp_from_anywhere(80, "HTTP"),
            tcp_from_anywhere(443, "HTTPS"),
        ],
    );
    let mut nodes = Vec::new();
    for &i in &picked {
        let subnet = s.subnets[i].id.clone();
        let ip = next_private_ip(s, &subnet).ok_or_else(|| Refusal::SubnetFull {
            subnet: label(&s.subnets[i].name, &subnet),
            cidr: None,
        })?;
        let mut probe = s.clone();
        probe.load_balancers.push(LoadBalancer {
            id: id.clone(),
            kind,
            name: name.clone(),
            scheme: Scheme::InternetFacing,
            nodes: nodes.clone(),
            listeners: Vec::new(),
            target_groups: Vec::new(),
        });
        let public = next_public_ip(&probe);
        let eni = fresh_id(&probe, &format!("eni-{name}-{}", nodes.len() + 1));
        nodes.push(Interface {
            ipv6_addresses: Default::default(),
            id: eni,
            subnet,
            private_ip: ip,
            public_ip: Some(public),
            elastic_ip: false,
            security_groups: vec![group.id.clone()],
            source_dest_check: true,
        });
        // Reserve the address before the next node picks one.
        s.load_balancers.retain(|l| l.id != id);
        s.load_balancers.push(LoadBalancer {
            id: id.clone(),
            kind,
            name: name.clone(),
            scheme: Scheme::InternetFacing,
            nodes: nodes.clone(),
            listeners: Vec::new(),
            target_groups: Vec::new(),
        });
    }
    let tg = fresh_id(s, &format!("{name}-targets"));
    let Some(lb) = s.load_balancers.last_mut() else {
        return Err(Refusal::AlbNoSubnets { vpc: vname });
    };
    lb.listeners = vec![LbListener {
        protocol: LbProtocol::Http,
        port: 80,
        target_group: tg.clone(),
    }];
    lb.target_groups = vec![TargetGroup {
        id: tg.clone(),
        name: tg,
        protocol: LbProtocol::Http,
        port: 80,
        health_check_port: None,
        health_check_path: None,
        preserve_client_ip: None,
        targets: Vec::new(),
    }];
    super::balancer::set_kind(s, s.load_balancers.len() - 1, kind);
    s.security_groups.push(group);
    let first = s
        .layout
        .get(&s.subnets[picked[0]].id)
        .copied()
        .unwrap_or_default();
    s.layout
        .insert(id.clone(), clamp_node(node_rect(x, y), &first, SUBNET_HEAD));
    Ok(id)
}

/// Drop points for a part of kind `kind` placed without a pointer, one per container it could go
/// in, the containers of part `near` first.
fn candidates(s: &Scenario, kind: PartKind, near: Option<&str>) -> Vec<(f64, f64)> {
    use super::find::{parent_of, vpc_of};
    let mut out = Vec::new();
    let vpc_first: Vec<String> = {
        let mut v: Vec<String> = near.and_then(|n| vpc_of(s, n)).into_iter().collect();
        let rest: Vec<String> = s
            .vpcs
            .iter()
            .map(|x| x.id.clone())
            .filter(|x| !v.contains(x))
            .collect();
        v.extend(rest);
        v
    };
    match kind {
        PartKind::Vpc => {
            let right = s
                .vpcs
                .iter()
                .filter_map(|v| s.layout.get(&v.id))
                .map(|r| r.x + r.w)
                .fold(f64::NAN, f64::max);
            let top = s
                .vpcs
                .iter()
                .filter_map(|v| s.layout.get(&v.id))
                .map(|r| r.y)
                .fold(f64::NAN, f64::min);
            let x = if right.is_nan() { 100.0 } else { right + 120.0 };
            let y = if top.is_nan() { 140.0 } else { top + 40.0 };
            out.push((x, y));
        }
        PartKind::Subnet => {
            for v in &vpc_first {
                let Some(r) = s.layout.get(v) else { continue };
                // The zone with the fewest subnets first, so subnets spread over zones.
                let mut bands = crate::geometry::az_bands(s, v);
                crate::sorting::sort_by_key(&mut bands, |b| {
                    s.subnets
                        .iter()
                        .filter(|x| &x.vpc == v && x.az == b.0)
                        .count()
                });
                for (_, x0, x1) in bands {
                    out.push(((x0 + x1) / 2.0, r.y + crate::geometry::VPC_HEAD + 30.0));
                }
            }
        }
        PartKind::InternetGateway => {
            for v in &vpc_first {
                if let Some(r) = s.layout.get(v) {
                    out.push((r.x + r.w - 120.0, r.y));
                }
            }
        }
        PartKind::EgressOnlyInternetGateway => {
            for v in &vpc_first {
                if let Some(r) = s.layout.get(v) {
                    // At the right, as the internet gateway (clear of the zones' labels).
                    out.push((r.x + r.w - 120.0, r.y));
                }
            }
        }
        PartKind::VpnGateway => {
            for v in &vpc_first {
                if let Some(r) = s.layout.get(v) {
                    out.push((r.x + r.w - 240.0, r.y));
                }
            }
        }
        PartKind::OnPremises => {
            // Below everything, at the left.
            let bottom = s
                .layout
                .values()
                .map(|r| r.y + r.h.max(NODE_SIZE))
                .fold(f64::NAN, f64::max);
            out.push((
                120.0,
                if bottom.is_nan() {
                    120.0
                } else {
                    bottom + 120.0
                },
            ));
        }
        PartKind::Internet | PartKind::Laptop => {
            let top = s.layout.values().map(|r| r.y).fold(f64::NAN, f64::min);
            let y = if top.is_nan() { 80.0 } else { top - 100.0 };
            out.push((80.0, y));
        }
        PartKind::TransitGateway => {
            // Below the VPCs, centred under them.
            let vpcs: Vec<&Rect> = s.vpcs.iter().filter_map(|v| s.layout.get(&v.id)).collect();
            let bottom = vpcs.iter().map(|r| r.y + r.h).fold(f64::NAN, f64::max);
            let (left, right) = vpcs.iter().fold((f64::NAN, f64::NAN), |(l, r), v| {
                (l.min(v.x), r.max(v.x + v.w))
            });
            if bottom.is_nan() {
                out.push((120.0, 120.0));
            } else {
                out.push(((left + right) / 2.0, bottom + 90.0));
            }
        }
        _ => {
            let mut subnets: Vec<String> = Vec::new();
            if let Some(n) = near {
                if s.subnets.iter().any(|x| x.id == n) {
                    subnets.push(n.to_string());
                } else if let Some(p) = parent_of(s, n) {
                    if s.subnets.iter().any(|x| x.id == p) {
                        subnets.push(p);
                    }
                }
            }
            for v in &vpc_first {
                for x in s.subnets.iter().filter(|x| &x.vpc == v) {
                    if !subnets.contains(&x.id) {
                        subnets.push(x.id.clone());
                    }
                }
            }
            for id in subnets {
                let Some(r) = s.layout.get(&id) else { continue };
                let (x, y) = layout::slot(r, 0);
                out.push((x + NODE_SIZE / 2.0, y + NODE_SIZE / 2.0));
            }
        }
    }
    out
}

/// Places a part without a pointer (from the keyboard): in the container of part `near` (the
/// selection) when given, else in the first container it can live in, at the free place nearest
/// to the container's first slot (see [`place_at`]); refuses with the reason of the first
/// container tried.
pub fn place_auto(s: &Scenario, kind: PartKind, near: Option<&str>) -> Result<Placed, Refusal> {
    let mut first_err = None;
    for (x, y) in candidates(s, kind, near) {
        match place_at(s, kind, x, y) {
            Ok(p) => return Ok(p),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(|| match kind {
        PartKind::Subnet if s.vpcs.is_empty() => Refusal::SubnetNeedsVpc,
        PartKind::InternetGateway if s.vpcs.is_empty() => Refusal::IgwNeedsVpc,
        PartKind::VpnGateway if s.vpcs.is_empty() => Refusal::VgwNeedsVpc,
        PartKind::EgressOnlyInternetGateway if s.vpcs.is_empty() => Refusal::EigwNeedsVpc,
        PartKind::LoadBalancer | PartKind::NetworkLoadBalancer => Refusal::AlbNeedsSubnets { kind },
        k if k.in_subnet() => Refusal::NeedsSubnet { kind: k },
        _ => Refusal::NoRoom { kind },
    }))
}

/// Places a part dropped at (`x`, `y`) in the container under the point (a subnet for nodes, a
/// VPC for subnets and load balancers, the open canvas for VPCs and hosts), at the free place
/// nearest to the point: its drawing, label included, overlaps no other part's. A full container
/// grows (with the containers holding it) to take the part, and what lies below it moves down.
/// Refuses only a drop where the part cannot live. The result is one edit of the scenario.
///
/// ```
/// use vpc_playground::edit::{place::{place, place_at}, PartKind};
/// use vpc_playground::model::Scenario;
/// let s = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0).unwrap().scenario;
/// let s = place_at(&s, PartKind::Subnet, 400.0, 400.0).unwrap().scenario;
/// // On top of the first subnet: the second goes next to it.
/// let s = place_at(&s, PartKind::Subnet, 400.0, 400.0).unwrap().scenario;
/// let (a, b) = (s.layout["subnet-a"], s.layout["subnet-b"]);
/// assert!(a.y + a.h <= b.y || b.y + b.h <= a.y);
/// ```
pub fn place_at(s: &Scenario, kind: PartKind, x: f64, y: f64) -> Result<Placed, Refusal> {
    let mut p = build(s, kind, x, y, false)?;
    super::room::make_room(&mut p.scenario, &p.id);
    Ok(p)
}
