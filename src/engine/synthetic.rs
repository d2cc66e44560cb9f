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

const VPC: &str = "vpc-gen";

/// Builds a tiered VPC of the given size.
pub fn tiered_vpc(size: Size) -> Scenario {
    let mut s = Scenario::new();
    s.name = format!(
        "Generated: {} subnets, {} interfaces",
        size.subnets, size.enis
    );
    s.vpcs.push(Vpc {
        ipv6_cidrs: Default::default(),
        id: VPC.into(),
        name: "generated".into(),
        // One block per tier (a VPC holds up to five), so each tier has room for 256 subnets.
        cidrs: (0..TIERS.len())
            .map(|t| format!("10.{t}.0.0/16").parse().expect("valid"))
            .collect(),
    });
    s.internet_gateways.push(InternetGateway {
        id: "igw-gen".into(),
        name: "igw".into(),
        vpc: Some(VPC.into()),
    });
    let tier_subnets = add_subnets(&mut s, size.subnets);
    add_route_tables(&mut s, &tier_subnets);
    add_network_acls(&mut s, &tier_subnets);
    add_security_groups(&mut s, size);
    add_instances(&mut s, size.enis, &tier_subnets);
    s
}

/// `count` subnets spread over the tiers: tier t owns 10.t.k.0/24. Returns each tier's
/// subnet ids.
fn add_subnets(s: &mut Scenario, count: usize) -> Vec<Vec<String>> {
    let tiers = TIERS.len();
    let mut tier_subnets: Vec<Vec<String>> = vec![Vec::new(); tiers];
    for i in 0..count {
        let t = i % tiers;
        let k = i / tiers;
        let id = format!("subnet-{}-{k}", TIERS[t]);
        s.subnets.push(Subnet {
            ipv6_cidr: Default::default(),
            id: id.clone(),
            name: id.clone(),
            vpc: VPC.into(),
            az: format!("ap-northeast-2{}", ["a", "b", "c"][k % 3]),
            cidr: format!("10.{t}.{}.0/24", k % 256).parse().expect("valid"),
        });
        tier_subnets[t].push(id);
    }
    tier_subnets
}

/// Route tables: web subnets reach the internet; the rest use the main table.
fn add_route_tables(s: &mut Scenario, tier_subnets: &[Vec<String>]) {
    s.route_tables.push(RouteTable {
        id: "rtb-main".into(),
        name: "main".into(),
        vpc: VPC.into(),
        main: true,
        subnets: Vec::new(),
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes: Vec::new(),
    });
    s.route_tables.push(RouteTable {
        id: "rtb-public".into(),
        name: "public".into(),
        vpc: VPC.into(),
        main: false,
        subnets: tier_subnets[0].clone(),
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes: vec![Route {
            destination: Destination::Cidr("0.0.0.0/0".parse().expect("valid")),
            target: RouteTarget::InternetGateway("igw-gen".into()),
            state: RouteState::Active,
        }],
    });
}

/// Network ACLs: the default one allows all; one per tier allows the VPC and the return ranges,
/// and denies telnet.
fn add_network_acls(s: &mut Scenario, tier_subnets: &[Vec<String>]) {
    let rule = |number, protocol, ports: Option<&str>, cidr: &str, action| AclRule {
        number,
        protocol,
        ports: ports.map(|p| p.parse().expect("valid")),
        icmp: None,
        cidr: cidr.parse().expect("valid"),
        action,
    };
    let all = || vec![rule(100, Protocol::All, None, "0.0.0.0/0", Action::Allow)];
    s.network_acls.push(NetworkAcl {
        id: "acl-default".into(),
        name: "default".into(),
        vpc: VPC.into(),
        default: true,
        subnets: Vec::new(),
        inbound: all(),
        outbound: all(),
    });
    let high = Some("1024-65535");
    for (t, name) in TIERS.iter().enumerate() {
        s.network_acls.push(NetworkAcl {
            id: format!("acl-{name}"),
            name: format!("{name}-acl"),
            vpc: VPC.into(),
            default: false,
            subnets: tier_subnets[t].clone(),
            inbound: vec![
                rule(50, Protocol::Tcp, Some("23"), "0.0.0.0/0", Action::Deny),
                rule(100, Protocol::All, None, "10.0.0.0/13", Action::Allow),
                rule(110, Protocol::Tcp, Some("443"), "0.0.0.0/0", Action::Allow),
                rule(120, Protocol::Tcp, high, "0.0.0.0/0", Action::Allow),
            ],
            outbound: vec![
                rule(100, Protocol::All, None, "10.0.0.0/13", Action::Allow),
                rule(110, Protocol::Tcp, high, "0.0.0.0/0", Action::Allow),
                rule(120, Protocol::Tcp, Some("443"), "0.0.0.0/0", Action::Allow),
            ],
        });
    }
}

/// Security groups per tier.
fn groups_per_tier(size: Size) -> usize {
    (size.groups / TIERS.len()).max(1 + ROLES_PER_TIER)
}

/// The id of group `g` of tier `t` (group 0 is the one the tier shares).
fn group_id(t: usize, g: usize) -> String {
    format!("sg-{}-{g}", TIERS[t])
}

/// Security groups: per tier, one shared group then role groups. The tier in front of each one
/// may call its port; the other rules are realistic noise (narrow CIDRs, other ports).
fn add_security_groups(s: &mut Scenario, size: Size) {
    let tiers = TIERS.len();
    let per_tier_groups = groups_per_tier(size);
    let tier_block =
        |t: usize| -> ipnet::Ipv4Net { format!("10.{t}.0.0/16").parse().expect("valid") };
    for (t, &tier_port) in TIER_PORTS.iter().enumerate() {
        for g in 0..per_tier_groups {
            let caller = (t + tiers - 1) % tiers;
            let mut inbound: Vec<SgRule> = (0..size.rules_per_group)
                .map(|r| {
                    let peer = match r % 4 {
                        0 => Peer::Group(group_id(caller, r % per_tier_groups)),
                        1 => Peer::Cidr(ipnet::IpNet::V4(tier_block(caller))),
                        2 => Peer::Cidr(
                            format!("10.{caller}.0.{}/32", 200 + r)
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
                    SgRule {
                        protocol: Protocol::Tcp,
                        ports: Some(PortRange::single(port)),
                        icmp: None,
                        peer,
                        description: String::new(),
                    }
                })
                .collect();
            if t == 0 {
                inbound[1].peer = Peer::Cidr("0.0.0.0/0".parse().expect("valid"));
            }
            s.security_groups.push(SecurityGroup {
                id: group_id(t, g),
                name: group_id(t, g),
                vpc: VPC.into(),
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
}

/// `count` instances spread over their tier's subnets, with groups by tier and role.
fn add_instances(s: &mut Scenario, count: usize, tier_subnets: &[Vec<String>]) {
    let tiers = TIERS.len();
    for i in 0..count {
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
        let interface = Interface {
            ipv6_addresses: Default::default(),
            id: format!("eni-{i:05}"),
            subnet: sn.id.clone(),
            private_ip: ip,
            public_ip: (t == 0)
                .then(|| Ipv4Addr::from(u32::from(Ipv4Addr::new(3, 34, 0, 0)) + i as u32)),
            elastic_ip: false,
            security_groups: vec![group_id(t, 0), group_id(t, role_group)],
            source_dest_check: true,
        };
        s.instances.push(Instance {
            id: format!("i-{i:05}"),
            name: format!("{}-{i}", TIERS[t]),
            role: Role::Generic,
            os: Os::Linux,
            interfaces: vec![interface],
            listens: Listening::Ports(vec![Listener::tcp(TIER_PORTS[t]), Listener::tcp(22)]),
            upstreams: Vec::new(),
            stopped: false,
            stateful: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator is a fixed recipe: the same size gives the same scenario, down to each
    /// rule (the benchmarks compare runs on it).
    #[test]
    fn the_same_size_gives_the_same_scenario() {
        let size = Size {
            enis: 300,
            ..Size::LARGE
        };
        let (a, b) = (tiered_vpc(size), tiered_vpc(size));
        assert_eq!(a, b);
        assert_eq!(a.instances.len(), 300);
        assert_eq!(a.security_groups.len(), groups_per_tier(size) * TIERS.len());
        assert_eq!(a.network_acls.len(), 1 + TIERS.len());
        assert_eq!(a.subnets.len(), 50);
    }
}
