//! Placing a part from the palette at a point of the canvas, where AWS lets it live, with what AWS
//! gives it; or refusing with a reason people can act on.

use super::alloc::{
    fresh_id, next_letter_name, next_name, next_private_ip, next_public_ip, next_subnet_cidr,
    next_vpc_cidr, unique_title,
};
use super::find::{subnet_at, vpc_at, vpc_near, zone_at};
use super::PartKind;
use crate::layout::{self, snap, NODE_SIZE, SUBNET_H, SUBNET_HEAD, SUBNET_W, VPC_H, VPC_W};
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

fn node_rect(x: f64, y: f64) -> Rect {
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

/// Places a part of kind `kind` with its centre at canvas point (`x`, `y`).
///
/// ```
/// use vpc_playground::edit::{place::place, PartKind};
/// use vpc_playground::model::Scenario;
/// let p = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0).unwrap();
/// assert_eq!(p.scenario.vpcs[0].cidrs[0].to_string(), "10.0.0.0/16");
/// assert!(place(&p.scenario, PartKind::Instance, 900.0, 900.0).is_err());
/// ```
pub fn place(s: &Scenario, kind: PartKind, x: f64, y: f64) -> Result<Placed, String> {
    let mut s = s.clone();
    let id = match kind {
        PartKind::Vpc => place_vpc(&mut s, x, y)?,
        PartKind::Subnet => place_subnet(&mut s, x, y)?,
        PartKind::InternetGateway => place_igw(&mut s, x, y)?,
        PartKind::LoadBalancer => place_alb(&mut s, x, y)?,
        PartKind::Internet | PartKind::Laptop => place_host(&mut s, kind, x, y)?,
        _ => place_in_subnet(&mut s, kind, x, y)?,
    };
    Ok(Placed { scenario: s, id })
}

fn place_vpc(s: &mut Scenario, x: f64, y: f64) -> Result<Id, String> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(format!(
            "A VPC cannot go inside another VPC ({}); drop it on an empty part of the canvas.",
            label(&s.vpcs[i].name, &s.vpcs[i].id)
        ));
    }
    let cidr = next_vpc_cidr(s).ok_or("Every 10.x.0.0/16 block is taken by a VPC already.")?;
    let name = next_name(s, "vpc");
    let id = fresh_id(s, &name);
    s.vpcs.push(Vpc {
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

fn label(name: &str, id: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}

fn place_subnet(s: &mut Scenario, x: f64, y: f64) -> Result<Id, String> {
    let vi = vpc_at(s, x, y).ok_or("A subnet lives inside a VPC: drop it on a VPC.")?;
    if let Some(i) = subnet_at(s, x, y) {
        return Err(format!(
            "Subnets cannot overlap: {} is already here. Drop the subnet on an empty part of the VPC.",
            label(&s.subnets[i].name, &s.subnets[i].id)
        ));
    }
    let vpc = s.vpcs[vi].id.clone();
    let cidr = next_subnet_cidr(s, &vpc).ok_or_else(|| {
        format!(
            "{} has no free address block left for another subnet.",
            label(&s.vpcs[vi].name, &vpc)
        )
    })?;
    let az = zone_at(s, &vpc, x).unwrap_or_else(|| format!("{}a", layout::DEFAULT_REGION));
    let name = next_letter_name(s, "subnet");
    let id = fresh_id(s, &name);
    let v = s.layout[&vpc];
    let bands = super::find::az_bands(s, &vpc);
    let band = bands.iter().find(|b| b.0 == az).cloned();
    let w = band
        .as_ref()
        .map(|b| (b.2 - b.1 - 20.0).min(SUBNET_W).max(160.0))
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
        v.y + layout::VPC_HEAD,
        (v.y + v.h - r.h - 10.0).max(v.y + 40.0),
    );
    s.subnets.push(Subnet {
        id: id.clone(),
        name,
        vpc,
        az,
        cidr,
    });
    s.layout.insert(id.clone(), r);
    Ok(id)
}

fn place_igw(s: &mut Scenario, x: f64, y: f64) -> Result<Id, String> {
    let vi = vpc_near(s, x, y, NODE_SIZE)
        .ok_or("Drop the internet gateway on a VPC (or its edge) to attach it.")?;
    let vpc = s.vpcs[vi].id.clone();
    if let Some(g) = s
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_deref() == Some(vpc.as_str()))
    {
        return Err(format!(
            "{} already has an internet gateway ({}); a VPC can have only one.",
            label(&s.vpcs[vi].name, &vpc),
            label(&g.name, &g.id)
        ));
    }
    let name = next_name(s, "igw");
    let id = fresh_id(s, &name);
    let v = s.layout[&vpc];
    s.internet_gateways.push(InternetGateway {
        id: id.clone(),
        name,
        vpc: Some(vpc),
    });
    s.layout.insert(
        id.clone(),
        Rect {
            x: snap(x - NODE_SIZE / 2.0).clamp(v.x + 8.0, v.x + v.w - NODE_SIZE - 8.0),
            y: v.y - NODE_SIZE / 2.0,
            w: 0.0,
            h: 0.0,
        },
    );
    Ok(id)
}

fn place_host(s: &mut Scenario, kind: PartKind, x: f64, y: f64) -> Result<Id, String> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(format!(
            "A host on the internet lives outside every VPC; drop it outside {}.",
            label(&s.vpcs[i].name, &s.vpcs[i].id)
        ));
    }
    let (title, base, ip) = match kind {
        PartKind::Laptop => ("My laptop", "laptop", next_public_ip(s)),
        _ => ("Internet", "internet", Ipv4Addr::new(8, 8, 8, 8)),
    };
    let ip = if kind == PartKind::Internet && s.internet_hosts.iter().any(|h| h.ip == ip) {
        next_public_ip(s)
    } else {
        ip
    };
    let name = unique_title(s, title);
    let id = fresh_id(s, base);
    s.internet_hosts.push(InternetHost {
        id: id.clone(),
        name,
        ip,
        os: Os::Any,
        listens: Listening::Any,
    });
    s.layout.insert(id.clone(), node_rect(x, y));
    Ok(id)
}

/// A new security group of `vpc` as the console creates it: no inbound rules, all outbound.
pub fn new_group(s: &Scenario, vpc: &str, name: &str, inbound: Vec<SgRule>) -> SecurityGroup {
    let name = unique_title(s, name);
    SecurityGroup {
        id: fresh_id(s, &name),
        name,
        vpc: vpc.into(),
        inbound,
        outbound: vec![SgRule {
            protocol: Protocol::All,
            ports: None,
            icmp: None,
            peer: Peer::Cidr(Ipv4Net::default()),
            description: String::new(),
        }],
    }
}

/// An inbound TCP rule from anywhere.
pub fn tcp_from_anywhere(port: u16, description: &str) -> SgRule {
    SgRule {
        protocol: Protocol::Tcp,
        ports: Some(PortRange::single(port)),
        icmp: None,
        peer: Peer::Cidr(Ipv4Net::default()),
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

fn place_in_subnet(s: &mut Scenario, kind: PartKind, x: f64, y: f64) -> Result<Id, String> {
    let si = subnet_at(s, x, y)
        .ok_or_else(|| format!("{} lives in a subnet: drop it on a subnet.", a_or_an(kind)))?;
    let subnet = s.subnets[si].clone();
    let ip = next_private_ip(s, &subnet.id).ok_or_else(|| {
        format!(
            "{} ({}) has no free address left.",
            label(&subnet.name, &subnet.id),
            subnet.cidr
        )
    })?;
    let public = is_public(s, &subnet.id);
    let (prefix, role, listens) = match kind {
        PartKind::Bastion => ("bastion", Role::Bastion, vec![22]),
        PartKind::NatInstance => ("nat-instance", Role::NatInstance, vec![]),
        PartKind::Database => ("db", Role::Generic, vec![]),
        PartKind::Cache => ("cache", Role::Generic, vec![]),
        PartKind::NatGateway => ("nat", Role::Generic, vec![]),
        _ => ("web", Role::Web, vec![22, 80, 443]),
    };
    let name = next_name(s, prefix);
    let id = fresh_id(s, &name);
    let eni = fresh_id(s, &format!("eni-{name}"));
    let rect = clamp_node(node_rect(x, y), &s.layout[&subnet.id], SUBNET_HEAD);
    let mut iface = Interface {
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
                PartKind::Bastion => vec![tcp_from_anywhere(22, "SSH")],
                _ => Vec::new(),
            };
            let group = new_group(s, &subnet.vpc, &format!("{name}-sg"), inbound);
            iface.security_groups = vec![group.id.clone()];
            if public || kind == PartKind::NatInstance {
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
            });
        }
    }
    s.layout.insert(id.clone(), rect);
    Ok(id)
}

/// "An EC2 instance", "A NAT gateway": the kind with its article, capitalized.
pub fn a_or_an(kind: PartKind) -> String {
    let l = kind.label();
    let article = if l.starts_with(['E', 'R', 'a', 'i']) {
        "An"
    } else {
        "A"
    };
    format!("{article} {l}")
}

fn place_alb(s: &mut Scenario, x: f64, y: f64) -> Result<Id, String> {
    let vi = vpc_at(s, x, y)
        .ok_or("Drop the load balancer on a VPC with subnets in two availability zones.")?;
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
        return Err(format!(
            "An application load balancer needs subnets in two different availability zones; {vname} has {}. Add a subnet in another zone band first.",
            match picked.len() {
                0 => "no subnets".to_string(),
                _ => format!("subnets in {} only", s.subnets[picked[0]].az),
            }
        ));
    }
    let name = next_name(s, "alb");
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
        let ip = next_private_ip(s, &subnet).ok_or_else(|| {
            format!(
                "{} has no free address left.",
                label(&s.subnets[i].name, &subnet)
            )
        })?;
        let mut probe = s.clone();
        probe.load_balancers.push(LoadBalancer {
            id: id.clone(),
            name: name.clone(),
            scheme: Scheme::InternetFacing,
            nodes: nodes.clone(),
            listeners: Vec::new(),
            target_groups: Vec::new(),
        });
        let public = next_public_ip(&probe);
        let eni = fresh_id(&probe, &format!("eni-{name}-{}", nodes.len() + 1));
        nodes.push(Interface {
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
            name: name.clone(),
            scheme: Scheme::InternetFacing,
            nodes: nodes.clone(),
            listeners: Vec::new(),
            target_groups: Vec::new(),
        });
    }
    let tg = fresh_id(s, &format!("{name}-targets"));
    let lb = s.load_balancers.last_mut().expect("just pushed");
    lb.listeners = vec![LbListener {
        port: 80,
        target_group: tg.clone(),
    }];
    lb.target_groups = vec![TargetGroup {
        id: tg.clone(),
        name: tg,
        port: 80,
        targets: Vec::new(),
    }];
    s.security_groups.push(group);
    let first = s.layout[&s.subnets[picked[0]].id];
    s.layout
        .insert(id.clone(), clamp_node(node_rect(x, y), &first, SUBNET_HEAD));
    Ok(id)
}
