//! Property tests of loading: it never panics, whatever the text, and valid scenarios survive a
//! save and a load unchanged.

use crate::model::*;
use crate::scenario::testkit::{ip, net};
use crate::scenario::{load_str, normalize, validate};
use ipnet::Ipv4Net;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Map, Value};

// ---- arbitrary JSON -------------------------------------------------------------------------

/// Strings a scenario is made of, so that generated JSON sometimes gets past the parser.
const WORDS: &[&str] = &[
    "a",
    "b",
    "v",
    "s",
    "",
    "default",
    "main",
    "10.0.0.0/16",
    "10.0.1.0/24",
    "10.0.0.5/24",
    "0.0.0.0/0",
    "10.0.1.10",
    "10.0.1.0",
    "10.0.1.1",
    "10.0.1.255",
    "203.0.113.5",
    "255.255.255.255/32",
    "300.1.1.1",
    "tcp",
    "udp",
    "icmp",
    "all",
    "-1",
    "6",
    "80",
    "1024-65535",
    "90-80",
    "udp/53",
    "any",
    "allow",
    "deny",
    "linux",
    "windows",
    "nat-instance",
    "internet-facing",
    "public",
    "private",
    "postgres",
    "blackhole",
    "pl-1",
];

/// Every field name of the format.
pub(super) const KEYS: &[&str] = &[
    "version",
    "name",
    "description",
    "vpcs",
    "subnets",
    "route_tables",
    "network_acls",
    "security_groups",
    "prefix_lists",
    "instances",
    "databases",
    "load_balancers",
    "internet_gateways",
    "nat_gateways",
    "peerings",
    "gateway_endpoints",
    "internet_hosts",
    "layout",
    "id",
    "cidrs",
    "cidr",
    "vpc",
    "az",
    "main",
    "subnets",
    "routes",
    "destination",
    "target",
    "state",
    "local",
    "internet_gateway",
    "nat_gateway",
    "instance",
    "network_interface",
    "peering_connection",
    "gateway_endpoint",
    "transit_gateway",
    "prefix_list",
    "default",
    "inbound",
    "outbound",
    "number",
    "protocol",
    "ports",
    "icmp",
    "type",
    "code",
    "action",
    "peer",
    "group",
    "interfaces",
    "subnet",
    "private_ip",
    "public_ip",
    "elastic_ip",
    "security_groups",
    "source_dest_check",
    "role",
    "os",
    "listens",
    "upstreams",
    "listen_port",
    "port",
    "engine",
    "scheme",
    "nodes",
    "listeners",
    "target_group",
    "target_groups",
    "targets",
    "connectivity",
    "interface",
    "requester",
    "accepter",
    "active",
    "ip",
    "x",
    "y",
    "w",
    "h",
];

pub(super) fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-2i64..70_000).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(String::from),
        1 => "[a-z_]{0,8}",
    ]
}

pub(super) fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object with the scenario's top-level keys holding arrays of objects with random fields.
pub(super) fn scenario_shaped() -> impl Strategy<Value = Value> {
    let version = prop_oneof![8 => Just(json!(1)), 1 => leaf()];
    let part =
        btree_map(key(), json_value(), 0..8).prop_map(|m| Value::Object(m.into_iter().collect()));
    let lists = btree_map(
        prop::sample::select(&KEYS[1..18]).prop_map(String::from),
        vec(part, 0..4).prop_map(Value::Array),
        0..8,
    );
    (version, lists).prop_map(|(v, lists)| {
        let mut m: Map<String, Value> = lists.into_iter().collect();
        m.insert("version".into(), v);
        Value::Object(m)
    })
}

/// What to put in place of one leaf of a valid scenario: mostly a value of the same kind (an id
/// for an id, a CIDR for a CIDR, an edge value for a number), sometimes anything.
#[derive(Debug, Clone)]
pub(super) struct Edit {
    at: prop::sample::Index,
    id: Value,
    cidr: Value,
    ip: Value,
    number: Value,
    other: Option<Value>,
}

impl Edit {
    pub(super) fn apply(&self, leaves: &mut [&mut Value]) {
        let n = leaves.len();
        let leaf = &mut *leaves[self.at.index(n)];
        *leaf = match (&self.other, &*leaf) {
            (Some(other), _) => other.clone(),
            (None, Value::String(t)) if t.parse::<Ipv4Net>().is_ok() => self.cidr.clone(),
            (None, Value::String(t)) if t.parse::<std::net::Ipv4Addr>().is_ok() => self.ip.clone(),
            (None, Value::Number(_)) => self.number.clone(),
            (None, Value::Bool(b)) => Value::Bool(!b),
            (None, _) => self.id.clone(),
        };
    }
}

pub(super) fn edit() -> impl Strategy<Value = Edit> {
    const IDS: &[&str] = &[
        "v0",
        "v1",
        "v2",
        "v0s0",
        "v0s1",
        "v1s0",
        "v0g0",
        "v1g0",
        "v0s0i0",
        "v0s0i0-eni",
        "v0db",
        "v0lb",
        "v0tg",
        "v0igw",
        "v1igw",
        "v0nat",
        "v0rt",
        "v0acl",
        "pcx",
        "pl",
        "vpce",
        "host0",
        "v0-default-sg",
        "v1-default-sg",
        "",
    ];
    const CIDRS: &[&str] = &[
        "10.0.0.0/8",
        "10.0.0.0/17",
        "10.1.0.0/16",
        "10.0.0.0/16",
        "10.0.0.0/24",
        "10.0.1.0/24",
        "10.0.0.0/28",
        "10.0.0.0/29",
        "10.0.0.5/24",
        "0.0.0.0/0",
        "255.255.255.255/32",
    ];
    const IPS: &[&str] = &[
        "10.0.0.0",
        "10.0.0.3",
        "10.0.0.255",
        "10.0.0.10",
        "10.0.0.11",
        "10.1.0.10",
        "52.0.0.1",
        "198.51.100.1",
        "0.0.0.0",
        "255.255.255.255",
    ];
    let pick = |words: &'static [&'static str]| {
        prop_oneof![
            5 => prop::sample::select(words).prop_map(Value::from),
            1 => prop::sample::select(WORDS).prop_map(Value::from),
        ]
    };
    let number = prop_oneof![
        Just(0),
        Just(1),
        Just(2),
        Just(32766),
        Just(32767),
        Just(65535),
        Just(65536),
        Just(-1),
        -2i64..300,
    ]
    .prop_map(Value::from);
    let other = prop_oneof![9 => Just(None), 1 => leaf().prop_map(Some)];
    (
        any::<prop::sample::Index>(),
        pick(IDS),
        pick(CIDRS),
        pick(IPS),
        number,
        other,
    )
        .prop_map(|(at, id, cidr, ip, number, other)| Edit {
            at,
            id,
            cidr,
            ip,
            number,
            other,
        })
}

// ---- valid scenarios ------------------------------------------------------------------------

/// The plan of an instance; where it goes and its addresses are decided by [`build`].
#[derive(Debug, Clone)]
struct InstancePlan {
    name: String,
    role: Role,
    os: Os,
    public: bool,
    groups: u8,
    listens: Listening,
}

#[derive(Debug, Clone)]
struct RulePlan {
    protocol: Protocol,
    ports: Option<PortRange>,
    icmp: Option<IcmpMatch>,
    /// A CIDR peer, or else a group of the same VPC (by position).
    cidr: Option<ipnet::IpNet>,
    group: usize,
}

#[derive(Debug, Clone)]
struct VpcPlan {
    name: String,
    subnets: Vec<Vec<InstancePlan>>,
    groups: Vec<Vec<RulePlan>>,
    acl_rules: Vec<RulePlan>,
    igw: bool,
    nat: bool,
    lb: bool,
    db: bool,
    main_table: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Plan {
    vpcs: Vec<VpcPlan>,
    peering: bool,
    endpoint: bool,
    hosts: usize,
    layout: Vec<(i16, i16)>,
}

fn ports() -> impl Strategy<Value = PortRange> {
    (any::<u16>(), any::<u16>()).prop_map(|(a, b)| PortRange::new(a.min(b), a.max(b)).unwrap())
}

fn rule() -> impl Strategy<Value = RulePlan> {
    let protocol = prop_oneof![
        Just(Protocol::All),
        Just(Protocol::Tcp),
        Just(Protocol::Udp),
        Just(Protocol::Icmp),
        Just(Protocol::Icmpv6),
        (2u8..=255)
            .prop_filter("named", |n| ![6, 17, 58].contains(n))
            .prop_map(Protocol::Number),
    ];
    let v4 = (any::<u32>(), 0u8..=32).prop_map(|(a, len)| {
        ipnet::IpNet::V4(
            Ipv4Net::new(std::net::Ipv4Addr::from(a), len)
                .unwrap()
                .trunc(),
        )
    });
    let v6 = (any::<u128>(), 0u8..=128).prop_map(|(a, len)| {
        ipnet::IpNet::V6(
            ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(a), len)
                .unwrap()
                .trunc(),
        )
    });
    let cidr = prop_oneof![3 => v4, 1 => v6];
    (
        protocol,
        proptest::option::of(ports()),
        proptest::option::of((
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u8>()),
        )),
        proptest::option::of(cidr),
        0usize..4,
    )
        .prop_map(|(protocol, ports, icmp, cidr, group)| RulePlan {
            protocol,
            ports: ports.filter(|_| protocol.has_ports()),
            icmp: icmp
                .filter(|_| protocol.is_icmp())
                .map(|(icmp_type, code)| IcmpMatch { icmp_type, code }),
            cidr,
            group,
        })
}

fn listening() -> impl Strategy<Value = Listening> {
    let listener = (prop::bool::ANY, ports()).prop_map(|(udp, ports)| Listener {
        protocol: if udp { Protocol::Udp } else { Protocol::Tcp },
        ports,
    });
    prop_oneof![
        Just(Listening::Any),
        vec(listener, 0..4).prop_map(Listening::Ports)
    ]
}

fn instance() -> impl Strategy<Value = InstancePlan> {
    let role = prop::sample::select(vec![
        Role::Generic,
        Role::Web,
        Role::App,
        Role::Bastion,
        Role::NatInstance,
        Role::ReverseProxy,
        Role::Appliance,
        Role::InterfaceEndpoint,
    ]);
    let os = prop::sample::select(vec![Os::Linux, Os::Windows, Os::Any]);
    (
        "\\PC{0,8}",
        role,
        os,
        any::<bool>(),
        any::<u8>(),
        listening(),
    )
        .prop_map(|(name, role, os, public, groups, listens)| InstancePlan {
            name,
            role,
            os,
            public,
            groups,
            listens,
        })
}

fn vpc_plan() -> impl Strategy<Value = VpcPlan> {
    (
        "[a-z ]{0,8}",
        vec(vec(instance(), 0..3), 1..4),
        vec(vec(rule(), 0..4), 0..3),
        vec(rule(), 0..4),
        [any::<bool>(); 6],
    )
        .prop_map(|(name, subnets, groups, acl_rules, flags)| VpcPlan {
            name,
            subnets,
            groups,
            acl_rules,
            igw: flags[0],
            nat: flags[1],
            lb: flags[2],
            db: flags[3],
            main_table: flags[4],
        })
}

pub(super) fn plan() -> impl Strategy<Value = Plan> {
    (
        vec(vpc_plan(), 1..4),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
        vec(any::<(i16, i16)>(), 0..4),
    )
        .prop_map(|(vpcs, peering, endpoint, hosts, layout)| Plan {
            vpcs,
            peering,
            endpoint,
            hosts,
            layout,
        })
}

fn iface(id: String, subnet: &str, addr: String, groups: Vec<String>) -> Interface {
    Interface {
        ipv6_addresses: Default::default(),
        id,
        subnet: subnet.into(),
        private_ip: ip(&addr),
        public_ip: None,
        elastic_ip: false,
        security_groups: groups,
        source_dest_check: true,
    }
}

/// A scenario from a plan: VPC `v{i}` is `10.{i}.0.0/16`, its subnet `v{i}s{j}` is
/// `10.{i}.{j}.0/24` in zone `az{j % 2}`, and every address is unique.
pub(super) fn build(plan: &Plan) -> Scenario {
    let mut s = Scenario::new();
    s.name = "generated".into();
    let mut public = 0u32;
    let mut next_public = || {
        public += 1;
        Some(std::net::Ipv4Addr::from(0x3400_0000 + public))
    };
    let peered = plan.peering && plan.vpcs.len() > 1;
    for (i, vp) in plan.vpcs.iter().enumerate() {
        let v = format!("v{i}");
        s.vpcs.push(Vpc {
            ipv6_cidrs: Default::default(),
            id: v.clone(),
            name: vp.name.clone(),
            cidrs: vec![net(&format!("10.{i}.0.0/16"))],
        });
        let group_ids: Vec<String> = (0..vp.groups.len()).map(|g| format!("{v}g{g}")).collect();
        let other_vpc_group = (peered && i < 2).then(|| format!("v{}g0", 1 - i));
        for (g, rules) in vp.groups.iter().enumerate() {
            let peer = |r: &RulePlan| match (r.cidr, &other_vpc_group) {
                (Some(c), _) => Peer::Cidr(c),
                (None, Some(o)) if r.group == 3 && !plan.vpcs[1 - i].groups.is_empty() => {
                    Peer::Group(o.clone())
                }
                (None, _) => Peer::Group(group_ids[r.group % group_ids.len()].clone()),
            };
            let sg_rule = |r: &RulePlan| SgRule {
                protocol: r.protocol,
                ports: r.ports,
                icmp: r.icmp,
                peer: peer(r),
                description: String::new(),
            };
            s.security_groups.push(SecurityGroup {
                id: group_ids[g].clone(),
                name: format!("group {g}"),
                vpc: v.clone(),
                inbound: rules.iter().map(sg_rule).collect(),
                outbound: rules.iter().rev().map(sg_rule).collect(),
            });
        }
        let pick_groups = |mask: u8| -> Vec<String> {
            group_ids
                .iter()
                .enumerate()
                .filter(|(g, _)| mask & (1 << g) != 0)
                .map(|(_, id)| id.clone())
                .collect()
        };
        let mut targets = Vec::new();
        for (j, instances) in vp.subnets.iter().enumerate() {
            let sub = format!("{v}s{j}");
            s.subnets.push(Subnet {
                ipv6_cidr: Default::default(),
                id: sub.clone(),
                name: String::new(),
                vpc: v.clone(),
                az: format!("az{}", j % 2),
                cidr: net(&format!("10.{i}.{j}.0/24")),
            });
            for (k, p) in instances.iter().enumerate() {
                let id = format!("{sub}i{k}");
                let mut n = iface(
                    format!("{id}-eni"),
                    &sub,
                    format!("10.{i}.{j}.{}", 10 + k),
                    pick_groups(p.groups),
                );
                if p.public {
                    n.public_ip = next_public();
                    n.elastic_ip = p.groups % 2 == 0;
                }
                n.source_dest_check = !matches!(p.role, Role::NatInstance | Role::Appliance);
                targets.push(id.clone());
                s.instances.push(Instance {
                    id,
                    name: p.name.clone(),
                    role: p.role,
                    os: p.os,
                    interfaces: vec![n],
                    listens: p.listens.clone(),
                    upstreams: Vec::new(),
                    stopped: false,
                    stateful: false,
                });
            }
        }
        if let (Some(first), true) = (s.instances.last().cloned(), vp.db && !targets.is_empty()) {
            let sub = &first.interfaces[0].subnet;
            s.instances.last_mut().unwrap().upstreams.push(Upstream {
                listen_port: 443,
                target: format!("{v}db"),
                port: 5432,
            });
            let addr = first.interfaces[0].private_ip.octets();
            s.databases.push(Database {
                id: format!("{v}db"),
                name: "db".into(),
                engine: Engine::Postgres,
                port: Some(5432),
                interfaces: vec![iface(
                    format!("{v}db-eni"),
                    sub,
                    format!("10.{}.{}.240", addr[1], addr[2]),
                    vec![],
                )],
            });
        }
        if vp.lb && vp.subnets.len() >= 2 {
            let node = |j: usize| {
                let mut n = iface(
                    format!("{v}lb-{j}"),
                    &format!("{v}s{j}"),
                    format!("10.{i}.{j}.200"),
                    vec![],
                );
                n.public_ip = None;
                n
            };
            s.load_balancers.push(LoadBalancer {
                id: format!("{v}lb"),
                kind: LbKind::Application,
                name: String::new(),
                scheme: Scheme::Internal,
                nodes: vec![node(0), node(1)],
                listeners: vec![LbListener {
                    protocol: LbProtocol::Http,
                    port: 80,
                    target_group: format!("{v}tg"),
                }],
                target_groups: vec![TargetGroup {
                    id: format!("{v}tg"),
                    name: String::new(),
                    protocol: LbProtocol::Http,
                    port: 8080,
                    health_check_port: None,
                    health_check_path: None,
                    preserve_client_ip: None,
                    targets: targets
                        .iter()
                        .map(|t| Target {
                            id: t.clone(),
                            port: None,
                        })
                        .chain([Target {
                            id: format!("10.{i}.0.99"),
                            port: Some(81),
                        }])
                        .collect(),
                }],
            });
        }
        let mut routes = Vec::new();
        if vp.igw {
            s.internet_gateways.push(InternetGateway {
                id: format!("{v}igw"),
                name: String::new(),
                vpc: Some(v.clone()),
            });
            routes.push(Route {
                destination: Destination::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
                target: RouteTarget::InternetGateway(format!("{v}igw")),
                state: RouteState::Active,
            });
        }
        if vp.nat {
            let mut n = iface(
                format!("{v}nat-eni"),
                &format!("{v}s0"),
                format!("10.{i}.0.250"),
                vec![],
            );
            n.public_ip = next_public();
            s.nat_gateways.push(NatGateway {
                id: format!("{v}nat"),
                name: String::new(),
                connectivity: Connectivity::Public,
                interface: n,
            });
            routes.push(Route {
                destination: Destination::Cidr(ipnet::IpNet::V4(net("192.168.0.0/16"))),
                target: RouteTarget::NatGateway(format!("{v}nat")),
                state: RouteState::Blackhole,
            });
        }
        if peered && i < 2 {
            routes.push(Route {
                destination: Destination::Cidr(ipnet::IpNet::V4(net(&format!(
                    "10.{}.0.0/16",
                    1 - i
                )))),
                target: RouteTarget::PeeringConnection("pcx".into()),
                state: RouteState::Active,
            });
        }
        if plan.endpoint && i == 0 {
            routes.push(Route {
                destination: Destination::PrefixList("pl".into()),
                target: RouteTarget::GatewayEndpoint("vpce".into()),
                state: RouteState::Active,
            });
        }
        s.route_tables.push(RouteTable {
            id: format!("{v}rt"),
            name: "routes".into(),
            vpc: v.clone(),
            main: vp.main_table,
            subnets: if vp.main_table {
                vec![]
            } else {
                vec![format!("{v}s0")]
            },
            gateways: Vec::new(),
            propagating_vgws: Vec::new(),
            routes,
        });
        let acl_rule = |(n, r): (usize, &RulePlan)| AclRule {
            number: 10 * (n as u16 + 1),
            protocol: r.protocol,
            ports: r.ports,
            icmp: r.icmp,
            cidr: r.cidr.unwrap_or_default(),
            action: if n % 2 == 0 {
                Action::Allow
            } else {
                Action::Deny
            },
        };
        s.network_acls.push(NetworkAcl {
            id: format!("{v}acl"),
            name: String::new(),
            vpc: v.clone(),
            default: false,
            subnets: vec![format!("{v}s0")],
            inbound: vp.acl_rules.iter().enumerate().map(acl_rule).collect(),
            outbound: vp
                .acl_rules
                .iter()
                .rev()
                .enumerate()
                .map(acl_rule)
                .collect(),
        });
    }
    if peered {
        s.peerings.push(Peering {
            id: "pcx".into(),
            name: String::new(),
            requester: "v0".into(),
            accepter: "v1".into(),
            active: true,
        });
    }
    if plan.endpoint {
        s.prefix_lists.push(PrefixList {
            id: "pl".into(),
            name: "s3".into(),
            cidrs: vec![
                ipnet::IpNet::V4(net("52.216.0.0/15")),
                ipnet::IpNet::V4(net("3.5.0.0/19")),
            ],
        });
        s.gateway_endpoints.push(GatewayEndpoint {
            id: "vpce".into(),
            name: String::new(),
            vpc: "v0".into(),
            prefix_list: "pl".into(),
        });
    }
    for h in 0..plan.hosts {
        s.internet_hosts.push(InternetHost {
            ipv6: Default::default(),
            id: format!("host{h}"),
            name: String::new(),
            ip: std::net::Ipv4Addr::new(198, 51, 100, h as u8 + 1),
            os: Os::Any,
            listens: Listening::Ports(vec![Listener::tcp(443)]),
        });
    }
    let layout_ids: Vec<String> = s.vpcs.iter().map(|v| v.id.clone()).collect();
    for (k, (x, y)) in plan.layout.iter().enumerate() {
        let id = layout_ids
            .get(k)
            .cloned()
            .unwrap_or_else(|| format!("gone{k}"));
        s.layout.insert(
            id,
            Rect {
                x: f64::from(*x),
                y: f64::from(*y),
                w: f64::from(x.unsigned_abs()),
                h: 0.5,
            },
        );
    }
    normalize(&mut s);
    s
}

// ---- mutations ------------------------------------------------------------------------------

/// Every leaf (not array, not object) of `v`.
pub(super) fn leaves<'a>(v: &'a mut Value, out: &mut Vec<&'a mut Value>) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|x| leaves(x, out)),
        Value::Object(map) => map.values_mut().for_each(|x| leaves(x, out)),
        leaf => out.push(leaf),
    }
}

proptest! {
    // Failures are kept beside this file (proptests.regressions), not in a top-level folder.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn load_never_panics_on_arbitrary_text(text in "\\PC*") {
        let _ = load_str(&text);
    }

    #[test]
    fn load_never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9a-z./ -]{0,200}") {
        let _ = load_str(&text);
    }

    #[test]
    fn load_never_panics_on_arbitrary_json(v in json_value()) {
        let _ = load_str(&v.to_string());
    }

    #[test]
    fn load_never_panics_on_scenario_shaped_json(v in scenario_shaped()) {
        let _ = load_str(&v.to_string());
    }

    #[test]
    fn generated_scenarios_are_valid_and_round_trip(plan in plan()) {
        let s = build(&plan);
        let problems = validate(&s);
        prop_assert!(problems.is_empty(), "{:#?}", problems);
        let json = serde_json::to_string_pretty(&s).unwrap();
        let loaded = load_str(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(loaded.scenario, s);
    }

    #[test]
    fn broken_scenarios_never_panic_and_normalize_is_idempotent(
        plan in plan(),
        edits in vec(edit(), 1..4),
    ) {
        let mut v = serde_json::to_value(build(&plan)).unwrap();
        let mut found = Vec::new();
        leaves(&mut v, &mut found);
        for e in &edits {
            e.apply(&mut found);
        }
        if let Ok(loaded) = load_str(&v.to_string()) {
            let mut again = loaded.scenario.clone();
            normalize(&mut again);
            prop_assert_eq!(again, loaded.scenario);
        }
        if let Ok(mut s) = serde_json::from_value::<Scenario>(v) {
            normalize(&mut s);
            let once = s.clone();
            normalize(&mut s);
            prop_assert_eq!(&s, &once);
            let _ = validate(&s);
        }
    }
}
