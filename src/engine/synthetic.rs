//! Generated scenarios shaped like real accounts, for benchmarks and scale tests.
//!
//! One VPC split into tiers (web, app, data, cache, admin); each tier has its own subnets, network
//! ACL and security groups, and every interface takes its groups by tier: one group shared by the
//! tier plus one of a few role groups. That is how accounts look in practice, and it is what lets
//! the reachability matrix group interfaces into a small number of classes.

use crate::model::*;
use std::net::Ipv4Addr;

/// Size of a generated scenario.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Subnets (spread evenly over the 5 tiers).
    pub subnets: usize,
    /// Network interfaces (instances, one interface each).
    pub enis: usize,
    /// Security groups (spread evenly over the tiers).
    pub groups: usize,
    /// Inbound rules per security group.
    pub rules_per_group: usize,
}

impl Size {
    /// The size the engine's performance targets are stated for.
    pub const LARGE: Size = Size {
        subnets: 50,
        enis: 2000,
        groups: 200,
        rules_per_group: 20,
    };
}

const TIERS: [&str; 5] = ["web", "app", "data", "cache", "admin"];
const TIER_PORTS: [u16; 5] = [443, 8080, 5432, 6379, 22];
/// Role groups an interface may take besides its tier's shared group.
const ROLES_PER_TIER: usize = 3;

/// Builds a tiered VPC of the given size.
pub fn tiered_vpc(size: Size) -> Scenario {
    let mut s = Scenario::new();
    s.name = format!(
        "Generated: {} subnets, {} interfaces",
        size.subnets, size.enis
    );
    let vpc = "vpc-gen".to_string();
    s.vpcs.push(Vpc {
        id: vpc.clone(),
        name: "generated".into(),
        cidrs: vec!["10.0.0.0/16".parse().expect("valid")],
    });
    s.internet_gateways.push(InternetGateway {
        id: "igw-gen".into(),
        name: "igw".into(),
        vpc: Some(vpc.clone()),
    });
    let tiers = TIERS.len();
    let tier_block =
        |t: usize| -> ipnet::Ipv4Net { format!("10.0.{}.0/20", t * 16).parse().expect("valid") };
    // Subnets: tier t owns 10.0.(16t + k).0/24.
    let per_tier = size.subnets.div_ceil(tiers).max(1);
    let mut tier_subnets: Vec<Vec<String>> = vec![Vec::new(); tiers];
    for i in 0..size.subnets {
        let t = i % tiers;
        let k = i / tiers;
        let id = format!("subnet-{}-{k}", TIERS[t]);
        s.subnets.push(Subnet {
            id: id.clone(),
            name: id.clone(),
            vpc: vpc.clone(),
            az: format!("ap-northeast-2{}", ["a", "b", "c"][k % 3]),
            cidr: format!("10.0.{}.0/24", t * 16 + (k % 16))
                .parse()
                .expect("valid"),
        });
        tier_subnets[t].push(id);
    }
    let _ = per_tier;
    // Route tables: web subnets reach the internet; the rest use the main table.
    s.route_tables.push(RouteTable {
        id: "rtb-main".into(),
        name: "main".into(),
        vpc: vpc.clone(),
        main: true,
        subnets: Vec::new(),
        routes: Vec::new(),
    });
    s.route_tables.push(RouteTable {
        id: "rtb-public".into(),
        name: "public".into(),
        vpc: vpc.clone(),
        main: false,
        subnets: tier_subnets[0].clone(),
        routes: vec![Route {
            destination: Destination::Cidr("0.0.0.0/0".parse().expect("valid")),
            target: RouteTarget::InternetGateway("igw-gen".into()),
            state: RouteState::Active,
        }],
    });
    // Network ACLs: one per tier: allow the VPC and the return ranges, deny telnet.
    let rule = |number, protocol, ports: Option<&str>, cidr: &str, action| AclRule {
        number,
        protocol,
        ports: ports.map(|p| p.parse().expect("valid")),
        icmp: None,
        cidr: cidr.parse().expect("valid"),
        action,
    };
    s.network_acls.push(NetworkAcl {
        id: "acl-default".into(),
        name: "default".into(),
        vpc: vpc.clone(),
        default: true,
        subnets: Vec::new(),
        inbound: vec![rule(100, Protocol::All, None, "0.0.0.0/0", Action::Allow)],
        outbound: vec![rule(100, Protocol::All, None, "0.0.0.0/0", Action::Allow)],
    });
    for (t, name) in TIERS.iter().enumerate() {
        s.network_acls.push(NetworkAcl {
            id: format!("acl-{name}"),
            name: format!("{name}-acl"),
            vpc: vpc.clone(),
            default: false,
            subnets: tier_subnets[t].clone(),
            inbound: vec![
                rule(50, Protocol::Tcp, Some("23"), "0.0.0.0/0", Action::Deny),
                rule(100, Protocol::All, None, "10.0.0.0/16", Action::Allow),
                rule(110, Protocol::Tcp, Some("443"), "0.0.0.0/0", Action::Allow),
                rule(
                    120,
                    Protocol::Tcp,
                    Some("1024-65535"),
                    "0.0.0.0/0",
                    Action::Allow,
                ),
            ],
            outbound: vec![
                rule(100, Protocol::All, None, "10.0.0.0/16", Action::Allow),
                rule(
                    110,
                    Protocol::Tcp,
                    Some("1024-65535"),
                    "0.0.0.0/0",
                    Action::Allow,
                ),
                rule(120, Protocol::Tcp, Some("443"), "0.0.0.0/0", Action::Allow),
            ],
        });
    }
    // Security groups: per tier, one shared group then role groups.
    let per_tier_groups = (size.groups / tiers).max(1 + ROLES_PER_TIER);
    let group_id = |t: usize, g: usize| format!("sg-{}-{g}", TIERS[t]);
    for (t, &tier_port) in TIER_PORTS.iter().enumerate() {
        for g in 0..per_tier_groups {
            let mut inbound = Vec::with_capacity(size.rules_per_group);
            for r in 0..size.rules_per_group {
                // The tier in front of this one may call its port; the rest are realistic noise:
                // narrow CIDRs and other ports.
                let caller = (t + tiers - 1) % tiers;
                let peer = match r % 4 {
                    0 => Peer::Group(group_id(caller, r % per_tier_groups)),
                    1 => Peer::Cidr(tier_block(caller)),
                    2 => Peer::Cidr(
                        format!("10.0.{}.{}/32", caller * 16, 200 + r)
                            .parse()
                            .expect("valid"),
                    ),
                    _ => Peer::Group(group_id(t, 0)),
                };
                let port = if r < 4 {
                    tier_port
                } else {
                    9000 + (r as u16) * 7
                };
                inbound.push(SgRule {
                    protocol: Protocol::Tcp,
                    ports: Some(PortRange::single(port)),
                    icmp: None,
                    peer,
                    description: String::new(),
                });
            }
            if t == 0 {
                inbound[1].peer = Peer::Cidr("0.0.0.0/0".parse().expect("valid"));
            }
            s.security_groups.push(SecurityGroup {
                id: group_id(t, g),
                name: group_id(t, g),
                vpc: vpc.clone(),
                inbound,
                outbound: vec![SgRule {
                    protocol: Protocol::All,
                    ports: None,
                    icmp: None,
                    peer: Peer::Cidr("0.0.0.0/0".parse().expect("valid")),
                    description: String::new(),
                }],
            });
        }
    }
    // Interfaces: instances spread over their tier's subnets; groups by tier and role.
    for i in 0..size.enis {
        let t = i % tiers;
        let subnets = &tier_subnets[t];
        if subnets.is_empty() {
            continue;
        }
        let k = (i / tiers) % subnets.len();
        let host = 10 + (i / tiers / subnets.len()) as u32;
        let sn = s
            .subnets
            .iter()
            .find(|x| x.id == subnets[k])
            .expect("exists");
        let ip = Ipv4Addr::from(u32::from(sn.cidr.network()) + host);
        let role_group = 1 + (i / tiers) % ROLES_PER_TIER;
        s.instances.push(Instance {
            id: format!("i-{i:05}"),
            name: format!("{}-{i}", TIERS[t]),
            role: Role::Generic,
            os: Os::Linux,
            interfaces: vec![Interface {
                id: format!("eni-{i:05}"),
                subnet: sn.id.clone(),
                private_ip: ip,
                public_ip: (t == 0)
                    .then(|| Ipv4Addr::from(u32::from(Ipv4Addr::new(3, 34, 0, 0)) + i as u32)),
                elastic_ip: false,
                security_groups: vec![group_id(t, 0), group_id(t, role_group)],
                source_dest_check: true,
            }],
            listens: Listening::Ports(vec![Listener::tcp(TIER_PORTS[t]), Listener::tcp(22)]),
            upstreams: Vec::new(),
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::matrix::{matrix, Probe};
    use crate::engine::Network;

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
        // Every interface, plus the stand-in for the internet (the scenario names no host).
        assert_eq!(mb.endpoints.len(), 2000 + 1);
        assert_eq!(ms.classes, mb.classes, "same tiers give the same classes");
        assert!(
            mb.classes <= 50 * ROLES_PER_TIER + 1,
            "{} classes",
            mb.classes
        );
    }
}
