//! Small builders for hand-made test scenarios, and a valid two-VPC scenario to break.

use crate::model::*;
use crate::scenario::{normalize, validate, Problem};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// `"10.0.0.0/16"` as a block.
pub fn net(s: &str) -> Ipv4Net {
    s.parse().unwrap()
}

/// `"10.0.0.1"` as an address.
pub fn ip(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

/// A VPC.
pub fn vpc(id: &str, cidrs: &[&str]) -> Vpc {
    Vpc {
        ipv6_cidrs: Default::default(),
        id: id.into(),
        name: String::new(),
        cidrs: cidrs.iter().map(|c| net(c)).collect(),
    }
}

/// A subnet.
pub fn subnet(id: &str, vpc: &str, az: &str, cidr: &str) -> Subnet {
    Subnet {
        ipv6_cidr: Default::default(),
        id: id.into(),
        name: String::new(),
        vpc: vpc.into(),
        az: az.into(),
        cidr: net(cidr),
    }
}

/// A network interface with the given groups.
pub fn iface(id: &str, subnet: &str, addr: &str, groups: &[&str]) -> Interface {
    Interface {
        ipv6_addresses: Default::default(),
        id: id.into(),
        subnet: subnet.into(),
        private_ip: ip(addr),
        public_ip: None,
        elastic_ip: false,
        security_groups: groups.iter().map(|g| g.to_string()).collect(),
        source_dest_check: true,
    }
}

/// An instance with one interface.
pub fn instance(id: &str, nic: Interface) -> Instance {
    Instance {
        id: id.into(),
        name: String::new(),
        role: Role::Generic,
        os: Os::Linux,
        interfaces: vec![nic],
        listens: Listening::Any,
        upstreams: Vec::new(),
        stopped: false,
        stateful: false,
    }
}

/// A route table.
pub fn table(id: &str, vpc: &str, subnets: &[&str], routes: Vec<Route>) -> RouteTable {
    RouteTable {
        id: id.into(),
        name: String::new(),
        vpc: vpc.into(),
        main: false,
        subnets: subnets.iter().map(|s| s.to_string()).collect(),
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes,
    }
}

/// An active route to a CIDR.
pub fn route(cidr: &str, target: RouteTarget) -> Route {
    Route {
        destination: Destination::Cidr(ipnet::IpNet::V4(net(cidr))),
        target,
        state: RouteState::Active,
    }
}

/// A security group rule.
pub fn sg_rule(protocol: Protocol, ports: Option<&str>, peer: Peer) -> SgRule {
    SgRule {
        protocol,
        ports: ports.map(|p| p.parse().unwrap()),
        icmp: None,
        peer,
        description: String::new(),
    }
}

/// A security group.
pub fn group(id: &str, vpc: &str, inbound: Vec<SgRule>) -> SecurityGroup {
    SecurityGroup {
        id: id.into(),
        name: id.into(),
        vpc: vpc.into(),
        inbound,
        outbound: vec![sg_rule(
            Protocol::All,
            None,
            Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
        )],
    }
}

/// A network ACL rule.
pub fn acl_rule(number: u16, protocol: Protocol, ports: Option<&str>, cidr: &str) -> AclRule {
    AclRule {
        number,
        protocol,
        ports: ports.map(|p| p.parse().unwrap()),
        icmp: None,
        cidr: ipnet::IpNet::V4(net(cidr)),
        action: Action::Allow,
    }
}

/// A valid scenario with a bit of everything: VPC `prod` (10.0.0.0/16) with public subnets in two
/// zones, a private subnet, an internet gateway, a NAT gateway, a load balancer in front of two web
/// servers, a database, an S3 gateway endpoint, and a peering to VPC `shared` (10.1.0.0/16).
pub fn base() -> Scenario {
    let all = || Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0")));
    let mut s = Scenario::new();
    s.vpcs = vec![
        vpc("prod", &["10.0.0.0/16"]),
        vpc("shared", &["10.1.0.0/16"]),
    ];
    s.subnets = vec![
        subnet("pub-a", "prod", "az-a", "10.0.0.0/24"),
        subnet("pub-b", "prod", "az-b", "10.0.1.0/24"),
        subnet("priv-a", "prod", "az-a", "10.0.10.0/24"),
        subnet("shared-a", "shared", "az-a", "10.1.0.0/24"),
    ];
    s.internet_gateways = vec![InternetGateway {
        id: "igw".into(),
        name: String::new(),
        vpc: Some("prod".into()),
    }];
    let mut nat = iface("nat-eni", "pub-a", "10.0.0.20", &[]);
    nat.public_ip = Some(ip("203.0.113.20"));
    s.nat_gateways = vec![NatGateway {
        id: "nat".into(),
        name: String::new(),
        connectivity: Connectivity::Public,
        interface: nat,
    }];
    s.prefix_lists = vec![PrefixList {
        id: "pl-s3".into(),
        name: "com.amazonaws.ap-northeast-2.s3".into(),
        cidrs: vec![ipnet::IpNet::V4(net("52.216.0.0/15"))],
    }];
    s.gateway_endpoints = vec![GatewayEndpoint {
        id: "vpce-s3".into(),
        name: "s3".into(),
        vpc: "prod".into(),
        prefix_list: "pl-s3".into(),
    }];
    s.peerings = vec![Peering {
        id: "pcx".into(),
        name: String::new(),
        requester: "prod".into(),
        accepter: "shared".into(),
        active: true,
    }];
    let mut private = table(
        "rt-private",
        "prod",
        &["priv-a"],
        vec![
            route("0.0.0.0/0", RouteTarget::NatGateway("nat".into())),
            route("10.1.0.0/16", RouteTarget::PeeringConnection("pcx".into())),
        ],
    );
    private.routes.push(Route {
        destination: Destination::PrefixList("pl-s3".into()),
        target: RouteTarget::GatewayEndpoint("vpce-s3".into()),
        state: RouteState::Active,
    });
    let mut shared = table(
        "rt-shared",
        "shared",
        &[],
        vec![route(
            "10.0.0.0/16",
            RouteTarget::PeeringConnection("pcx".into()),
        )],
    );
    shared.main = true;
    s.route_tables = vec![
        table(
            "rt-public",
            "prod",
            &["pub-a", "pub-b"],
            vec![route(
                "0.0.0.0/0",
                RouteTarget::InternetGateway("igw".into()),
            )],
        ),
        private,
        shared,
    ];
    s.network_acls = vec![NetworkAcl {
        id: "acl-private".into(),
        name: "private".into(),
        vpc: "prod".into(),
        default: false,
        subnets: vec!["priv-a".into()],
        inbound: vec![
            acl_rule(100, Protocol::Tcp, Some("80"), "10.0.0.0/16"),
            acl_rule(110, Protocol::Tcp, Some("1024-65535"), "0.0.0.0/0"),
        ],
        outbound: vec![acl_rule(100, Protocol::All, None, "0.0.0.0/0")],
    }];
    s.security_groups = vec![
        group(
            "sg-lb",
            "prod",
            vec![sg_rule(Protocol::Tcp, Some("443"), all())],
        ),
        group(
            "sg-web",
            "prod",
            vec![sg_rule(
                Protocol::Tcp,
                Some("80"),
                Peer::Group("sg-lb".into()),
            )],
        ),
        group(
            "sg-db",
            "prod",
            vec![
                sg_rule(Protocol::Tcp, Some("5432"), Peer::Group("sg-web".into())),
                sg_rule(Protocol::Tcp, Some("5432"), Peer::Group("sg-tools".into())),
            ],
        ),
        group("sg-tools", "shared", vec![]),
    ];
    let mut bastion = instance("bastion", iface("bastion-eni", "pub-a", "10.0.0.10", &[]));
    bastion.interfaces[0].public_ip = Some(ip("203.0.113.10"));
    s.instances = vec![
        instance(
            "web-1",
            iface("web-1-eni", "priv-a", "10.0.10.10", &["sg-web"]),
        ),
        instance(
            "web-2",
            iface("web-2-eni", "priv-a", "10.0.10.11", &["sg-web"]),
        ),
        bastion,
        instance(
            "tools",
            iface("tools-eni", "shared-a", "10.1.0.10", &["sg-tools"]),
        ),
    ];
    s.instances[0].name = "web one".into();
    s.databases = vec![Database {
        id: "db".into(),
        name: String::new(),
        engine: Engine::Postgres,
        port: None,
        interfaces: vec![iface("db-eni", "priv-a", "10.0.10.50", &["sg-db"])],
    }];
    let mut node_a = iface("lb-a", "pub-a", "10.0.0.30", &["sg-lb"]);
    node_a.public_ip = Some(ip("203.0.113.30"));
    let mut node_b = iface("lb-b", "pub-b", "10.0.1.30", &["sg-lb"]);
    node_b.public_ip = Some(ip("203.0.113.31"));
    s.load_balancers = vec![LoadBalancer {
        id: "lb".into(),
        kind: LbKind::Application,
        name: String::new(),
        scheme: Scheme::InternetFacing,
        nodes: vec![node_a, node_b],
        listeners: vec![LbListener {
            protocol: LbProtocol::Http,
            port: 443,
            target_group: "tg-web".into(),
        }],
        target_groups: vec![TargetGroup {
            id: "tg-web".into(),
            name: String::new(),
            protocol: LbProtocol::Http,
            port: 80,
            health_check_port: None,
            health_check_path: None,
            preserve_client_ip: None,
            targets: vec![
                Target {
                    id: "web-1".into(),
                    port: None,
                },
                Target {
                    id: "10.0.10.11".into(),
                    port: None,
                },
            ],
        }],
    }];
    s.internet_hosts = vec![InternetHost {
        ipv6: Default::default(),
        id: "laptop".into(),
        name: "My laptop".into(),
        ip: ip("198.51.100.7"),
        os: Os::Any,
        listens: Listening::Any,
    }];
    s
}

/// Every problem of `s`.
pub fn problems(s: &Scenario) -> Vec<Problem> {
    validate(s)
}

/// The problem of rule `code` at `path`; fails the test, listing what was found, if there is none.
#[track_caller]
pub fn expect(s: &Scenario, code: &str, path: &str) -> Problem {
    let found = problems(s);
    match found.iter().find(|p| p.code == code && p.path == path) {
        Some(p) => p.clone(),
        None => panic!(
            "expected {code} at {path}; found:\n{}",
            found
                .iter()
                .map(|p| format!("  [{}] {} — {p}", p.code, p.path))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Fails the test if `s`, normalized, has any problem.
#[track_caller]
pub fn expect_clean(s: &Scenario) {
    let mut s = s.clone();
    normalize(&mut s);
    let found = problems(&s);
    assert!(
        found.is_empty(),
        "expected no problems; found:\n{}",
        found
            .iter()
            .map(|p| format!("  [{}] {p}", p.code))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
