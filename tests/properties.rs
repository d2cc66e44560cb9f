//! Properties of the engine over random small scenarios: a VPC with two subnets, random network
//! ACLs and security groups, instances with and without public addresses, optionally an internet
//! gateway and a NAT gateway, and a host on the internet.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use proptest::prelude::*;
use vpc_playground::engine::flow::resolve;
use vpc_playground::engine::port_walk::{trace_ports, PortOutcome};
use vpc_playground::engine::portset::PortSet;
use vpc_playground::engine::{Direction, FlowSpec, Kind, Network, Trace, Verdict};
use vpc_playground::model::{Os, Protocol, Scenario};

const PORTS: &[&str] = &[
    "22",
    "80",
    "443",
    "53",
    "8080",
    "0-1023",
    "1024-65535",
    "32768-60999",
    "49152-65535",
    "40000-50000",
];
const CIDRS: &[&str] = &[
    "0.0.0.0/0",
    "10.0.0.0/16",
    "10.0.0.0/24",
    "10.0.1.0/24",
    "10.0.0.10/32",
    "203.0.113.0/24",
    "54.0.0.0/16",
];
const GROUPS: &[&str] = &["g0", "g1", "g2"];
const SERVICE_PORTS: &[u16] = &[22, 53, 80, 443, 8080];

/// A rule's protocol and, for TCP/UDP, maybe a port range: `"tcp 443"`, `"icmp:8"`, `"all"`.
fn proto_ports() -> impl Strategy<Value = String> {
    let proto = prop_oneof![
        3 => Just("all"),
        4 => Just("tcp"),
        2 => Just("udp"),
        1 => Just("icmp"),
        1 => Just("icmp:8"),
        1 => Just("icmp:0"),
    ];
    (proto, proptest::option::of(proptest::sample::select(PORTS))).prop_map(|(proto, ports)| {
        match ports {
            Some(range) if proto == "tcp" || proto == "udp" => format!("{proto} {range}"),
            _ => proto.to_string(),
        }
    })
}

/// ACL rules with distinct numbers, in random order, often closed by broader rules: allow all,
/// or allow the VPC, well-known ports and only the Linux ephemeral range.
fn acl_rules() -> impl Strategy<Value = Vec<String>> {
    let closing = prop_oneof![
        Just(vec![]),
        Just(vec!["290 allow all 0.0.0.0/0"]),
        Just(vec![
            "270 allow tcp 0-1023 0.0.0.0/0",
            "280 allow tcp 32768-60999 0.0.0.0/0",
            "290 allow all 10.0.0.0/16",
        ]),
    ];
    (
        proptest::collection::vec(
            (1u16..250, any::<bool>(), proto_ports(), 0..CIDRS.len()),
            0..6,
        ),
        closing,
    )
        .prop_map(|(rules, closing)| {
            let mut seen = std::collections::BTreeSet::new();
            let mut out: Vec<String> = rules
                .into_iter()
                .filter(|(n, ..)| seen.insert(*n))
                .map(|(n, allow, pp, c)| {
                    let action = if allow { "allow" } else { "deny" };
                    format!("{n} {action} {pp} {}", CIDRS[c])
                })
                .collect();
            out.extend(closing.into_iter().map(String::from));
            out
        })
}

/// A security group rule's peer: a CIDR or one of the groups.
fn peer() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("0.0.0.0/0".to_string()),
        3 => (0..CIDRS.len()).prop_map(|c| CIDRS[c].to_string()),
        2 => (0..GROUPS.len()).prop_map(|g| format!("sg:{}", GROUPS[g])),
    ]
}

fn sg_rules(word: &'static str, max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        (proto_ports(), peer()).prop_map(move |(pp, p)| format!("{pp} {word} {p}")),
        0..max,
    )
}

/// Outbound rules: most often the one rule AWS gives a new group (all traffic anywhere).
fn outbound_rules() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        2 => Just(vec!["all to 0.0.0.0/0".to_string()]),
        1 => sg_rules("to", 4),
    ]
}

/// One instance: its groups, public address, listeners and OS.
#[derive(Debug, Clone)]
struct Host {
    groups: Vec<usize>,
    public: bool,
    listens: Option<Vec<u16>>,
    os: Os,
}

fn host() -> impl Strategy<Value = Host> {
    (
        proptest::collection::btree_set(0..GROUPS.len(), 1..3),
        any::<bool>(),
        proptest::option::of(proptest::collection::vec(
            proptest::sample::select(SERVICE_PORTS),
            0..3,
        )),
        prop_oneof![Just(Os::Linux), Just(Os::Windows), Just(Os::Any)],
    )
        .prop_map(|(groups, public, listens, os)| Host {
            groups: groups.into_iter().collect(),
            public,
            listens,
            os,
        })
}

/// The random part of a scenario.
#[derive(Debug, Clone)]
struct Spec {
    /// Custom ACL rules (inbound, outbound) per subnet; `None` keeps the default ACL.
    acls: [Option<(Vec<String>, Vec<String>)>; 2],
    /// Inbound and outbound rules of g0, g1, g2.
    groups: Vec<(Vec<String>, Vec<String>)>,
    /// Two instances per subnet.
    hosts: Vec<Host>,
    igw: bool,
    /// Subnet 1's default route: 0 none, 1 the internet gateway, 2 a NAT gateway in subnet 0.
    private_route: u8,
    client_os: Os,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::option::of((acl_rules(), acl_rules())),
        proptest::option::of((acl_rules(), acl_rules())),
        proptest::collection::vec((sg_rules("from", 6), outbound_rules()), 3),
        proptest::collection::vec(host(), 4),
        any::<bool>(),
        0u8..3,
        prop_oneof![Just(Os::Linux), Just(Os::Windows), Just(Os::Any)],
    )
        .prop_map(
            |(acl0, acl1, groups, hosts, igw, private_route, client_os)| Spec {
                acls: [acl0, acl1],
                groups,
                hosts,
                igw,
                private_route,
                client_os,
            },
        )
}

const HOSTS: &[&str] = &["i0", "i1", "i2", "i3"];
const ENDPOINTS: &[&str] = &["i0", "i1", "i2", "i3", "client", "198.51.100.7"];

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn build(spec: &Spec) -> Scenario {
    let mut sc = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .subnet("s0", "10.0.0.0/24")
        .subnet("s1", "10.0.1.0/24")
        .route_table("rt0", &["s0"])
        .route_table("rt1", &["s1"]);
    if spec.igw {
        sc = sc.igw("igw").route("rt0", "0.0.0.0/0", "igw:igw");
    }
    sc = match spec.private_route {
        1 if spec.igw => sc.route("rt1", "0.0.0.0/0", "igw:igw"),
        2 => sc
            .nat_gw("nat", "s0", "10.0.0.30", "54.0.0.30")
            .route("rt1", "0.0.0.0/0", "nat:nat"),
        _ => sc,
    };
    for (i, acl) in spec.acls.iter().enumerate() {
        if let Some((inbound, outbound)) = acl {
            let s = format!("s{i}");
            sc = sc.acl(&format!("acl{i}"), &[&s], &strs(inbound), &strs(outbound));
        }
    }
    for (g, (inbound, outbound)) in spec.groups.iter().enumerate() {
        sc = sc.sg(GROUPS[g], &strs(inbound), &strs(outbound));
    }
    for (i, h) in spec.hosts.iter().enumerate() {
        let subnet = i / 2;
        let groups: Vec<&str> = h.groups.iter().map(|&g| GROUPS[g]).collect();
        sc = sc
            .instance(
                HOSTS[i],
                &format!("s{subnet}"),
                &format!("10.0.{subnet}.{}", 10 + i),
            )
            .sgs(&groups)
            .os(h.os);
        if h.public {
            sc = sc.public_ip(&format!("54.0.{subnet}.{}", 10 + i));
        }
        sc = match &h.listens {
            None => sc.listens_any(),
            Some(ports) => {
                let mut list: Vec<String> = ports.iter().map(|p| p.to_string()).collect();
                list.extend(ports.iter().map(|p| format!("udp/{p}")));
                sc.listens(&strs(&list))
            }
        };
    }
    sc.internet_host("client", "203.0.113.10", spec.client_os)
        .build()
}

/// A flow through the random scenario: endpoints, protocol and port.
#[derive(Debug, Clone, Copy)]
struct Flow {
    from: usize,
    to: usize,
    protocol: Protocol,
    port: u16,
}

fn flow() -> impl Strategy<Value = Flow> {
    (
        0..ENDPOINTS.len(),
        0..ENDPOINTS.len(),
        prop_oneof![
            Just(Protocol::Tcp),
            Just(Protocol::Udp),
            Just(Protocol::Icmp)
        ],
        proptest::sample::select(SERVICE_PORTS),
    )
        .prop_map(|(from, to, protocol, port)| Flow {
            from,
            to,
            protocol,
            port,
        })
}

fn trace_flow(s: &Scenario, f: Flow) -> Trace {
    let port = (f.protocol != Protocol::Icmp).then_some(f.port);
    run(s, ENDPOINTS[f.from], ENDPOINTS[f.to], f.protocol, port)
}

/// The ids of the network ACLs in the hops of `direction`, as a sorted set.
fn acl_set(t: &Trace, direction: Direction) -> std::collections::BTreeSet<String> {
    acls_crossed(t, direction).into_iter().collect()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // PROPTEST_CASES runs a deeper search by hand; 256 keeps the suite at a few seconds.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// (a) Security groups only allow: one more allow rule never breaks an established flow.
    #[test]
    fn sg_allow_rule_never_breaks_established_flow(
        spec in spec(),
        flows in proptest::collection::vec(flow(), 1..6),
        group in 0..GROUPS.len(),
        inbound in any::<bool>(),
        rule in (proto_ports(), peer()),
    ) {
        let before = build(&spec);
        let mut after_spec = spec.clone();
        let (pp, p) = rule;
        let (list, word) = if inbound {
            (&mut after_spec.groups[group].0, "from")
        } else {
            (&mut after_spec.groups[group].1, "to")
        };
        list.push(format!("{pp} {word} {p}"));
        let after = build(&after_spec);
        for f in flows {
            let t = trace_flow(&before, f);
            if t.verdict == Verdict::Established {
                let t2 = trace_flow(&after, f);
                prop_assert_eq!(
                    t2.verdict,
                    Verdict::Established,
                    "adding `{} {} {}` to {} broke {:?}\nbefore:\n{}\nafter:\n{}",
                    pp, word, p, GROUPS[group], f, explain(&t), explain(&t2)
                );
            }
        }
    }

    /// (b) In a network ACL, a deny rule numbered below an allow rule for the same traffic wins,
    /// whatever other rules (numbered above the deny, or not matching) the ACL holds.
    #[test]
    fn acl_lower_numbered_deny_wins(
        deny in 1u16..200,
        gap in 1u16..200,
        filler in acl_rules(),
        port in proptest::sample::select(SERVICE_PORTS),
        protocol in prop_oneof![Just("tcp"), Just("udp")],
        wide_deny in any::<bool>(),
    ) {
        let allow = deny + gap;
        // The deny may name the exact port or the whole protocol; the allow names the port.
        let deny_rule = if wide_deny {
            format!("{deny} deny {protocol} 10.0.0.0/24")
        } else {
            format!("{deny} deny {protocol} {port} 10.0.0.0/24")
        };
        let allow_rule = format!("{allow} allow {protocol} {port} 0.0.0.0/0");
        // Filler rules: those numbered below the deny are moved above it, so that only the two
        // rules under test can be the first match.
        let mut used = std::collections::BTreeSet::from([deny, allow]);
        let mut rules = vec![allow_rule, deny_rule];
        for r in &filler {
            let (n, rest) = r.split_once(' ').unwrap();
            let mut n: u16 = n.parse().unwrap();
            if n <= deny {
                n += 300;
            }
            if used.insert(n) {
                rules.push(format!("{n} {rest}"));
            }
        }
        let s = Sc::new()
            .vpc("vpc", "10.0.0.0/16")
            .subnet("s0", "10.0.0.0/24")
            .subnet("s1", "10.0.1.0/24")
            .acl("acl1", &["s1"], &strs(&rules), &["100 allow all 0.0.0.0/0"])
            .sg("open", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
            .instance("a", "s0", "10.0.0.10")
            .sgs(&["open"])
            .instance("b", "s1", "10.0.1.10")
            .sgs(&["open"])
            .listens_any()
            .build();
        let p = if protocol == "tcp" { Protocol::Tcp } else { Protocol::Udp };
        let t = run(&s, "a", "b", p, Some(port));
        prop_assert_eq!(t.verdict, Verdict::DroppedByNetworkAcl, "{}", explain(&t));
        let b = t.blocked_by.as_ref().unwrap();
        prop_assert_eq!(b.id.as_str(), "acl1");
        prop_assert_eq!(b.direction, Direction::Forward);
        let expected = deny.to_string();
        let rule = b.rule_text();
        prop_assert_eq!(rule.as_deref(), Some(expected.as_str()), "{}", explain(&t));
    }

    /// (c) An established flow crosses the same network ACLs on its way there and on its way
    /// back (stateless ACLs are checked in both directions at every subnet boundary crossed).
    #[test]
    fn flow_and_reply_cross_the_same_acls(
        spec in spec(),
        flows in proptest::collection::vec(flow(), 1..8),
    ) {
        let s = build(&spec);
        for f in flows {
            let t = trace_flow(&s, f);
            if t.verdict != Verdict::Established {
                continue;
            }
            let (fwd, back) = (acl_set(&t, Direction::Forward), acl_set(&t, Direction::Return));
            prop_assert_eq!(&fwd, &back, "{:?}\n{}", f, explain(&t));
            // And each subnet boundary is crossed once each way: as many ACL hops back as out.
            prop_assert_eq!(
                acls_crossed(&t, Direction::Forward).len(),
                acls_crossed(&t, Direction::Return).len(),
                "{:?}\n{}", f, explain(&t)
            );
        }
    }

    /// (d) Random scenarios never make trace panic, and every trace ends in one verdict, with
    /// `blocked_by` set exactly when the flow is not established.
    #[test]
    fn random_scenarios_give_one_consistent_verdict(
        spec in spec(),
        flows in proptest::collection::vec(flow(), 1..10),
        src_port in proptest::option::of(1024u16..65535),
    ) {
        let s = build(&spec);
        for f in flows {
            let mut t = trace_flow(&s, f);
            if let (Some(sp), true) = (src_port, f.protocol != Protocol::Icmp) {
                t = run_spec(&s, vpc_playground::engine::FlowSpec { ipv6: Default::default(),
                    from: ENDPOINTS[f.from].into(),
                    to: ENDPOINTS[f.to].into(),
                    protocol: f.protocol,
                    port: Some(f.port),
                    src_port: Some(sp),
                });
                // With the client's port fixed, only a port the NAT gateway picks can still vary.
                if let Some(p) = &t.source_ports {
                    prop_assert!(p.picked_by.starts_with("NAT gateway"), "{}", explain(&t));
                }
            }
            let established = t.verdict == Verdict::Established;
            prop_assert_eq!(established, t.blocked_by.is_none(), "{}", explain(&t));
            prop_assert_eq!(
                t.verdict == Verdict::DependsOnSourcePort,
                t.source_ports.is_some(),
                "{}", explain(&t)
            );
            if let Some(b) = &t.blocked_by {
                prop_assert!(!b.id.is_empty(), "{}", explain(&t));
                // A filter's verdict names a component of that kind.
                if t.verdict == Verdict::DroppedBySecurityGroup {
                    prop_assert_eq!(b.kind, Kind::SecurityGroup, "{}", explain(&t));
                }
                if t.verdict == Verdict::DroppedByNetworkAcl {
                    prop_assert_eq!(b.kind, Kind::NetworkAcl, "{}", explain(&t));
                }
            }
            prop_assert!(t.hops.len() < 500, "{} hops", t.hops.len());
            prop_assert!(!t.summary.is_empty());
        }
    }
}

/// Ports where rules of the generator begin or end, and their neighbours.
const EDGE_PORTS: &[u16] = &[
    0, 21, 22, 23, 52, 53, 54, 79, 80, 81, 442, 443, 444, 1023, 1024, 8080, 32767, 32768, 39999,
    40000, 49151, 49152, 50000, 50001, 60999, 61000, 65535,
];

/// Every port of `ports` lies in exactly one part of `parts`.
fn partitions(parts: &[PortOutcome], ports: &PortSet) -> bool {
    let mut union = PortSet::empty();
    let mut total = 0;
    for p in parts {
        union = union.union(&p.ports);
        total += p.ports.len();
    }
    union == *ports && total == ports.len()
}

proptest! {
    #![proptest_config(config())]

    /// (e) A walk over every port at once agrees with single traces: the part holding a port has
    /// the verdict and the blocker the single trace to that port has, and the parts cover every
    /// port exactly once.
    #[test]
    fn walk_over_all_ports_agrees_with_single_traces(
        spec in spec(),
        ends in proptest::collection::vec((0..ENDPOINTS.len(), 0..ENDPOINTS.len()), 1..4),
        udp in any::<bool>(),
        random_ports in proptest::collection::vec(any::<u16>(), 4),
    ) {
        let s = build(&spec);
        let net = Network::new(&s);
        let protocol = if udp { Protocol::Udp } else { Protocol::Tcp };
        for (from, to) in ends {
            let ask = FlowSpec::tcp(ENDPOINTS[from], ENDPOINTS[to], 0);
            let Ok((client, node)) = resolve(&net, &ask) else { continue };
            let all = PortSet::all();
            let parts = trace_ports(&net, client, node, protocol, &all);
            prop_assert!(partitions(&parts, &all), "{parts:?}");
            for &port in EDGE_PORTS.iter().chain(&random_ports) {
                let t = run(&s, ENDPOINTS[from], ENDPOINTS[to], protocol, Some(port));
                let part = parts.iter().find(|p| p.ports.contains(port)).unwrap();
                prop_assert_eq!(part.verdict, t.verdict, "{}/{} {}", protocol, port, explain(&t));
                prop_assert_eq!(&part.blocked_by, &t.blocked_by, "{}/{} {}", protocol, port, explain(&t));
            }
        }
    }
}

/// The generator is worth its name: over many random scenarios it reaches established flows and
/// every kind of drop the properties above reason about.
#[test]
fn generator_reaches_many_verdicts() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..200 {
        let spec = spec().new_tree(&mut runner).unwrap().current();
        let flows = proptest::collection::vec(flow(), 8)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let s = build(&spec);
        for f in flows {
            *seen.entry(trace_flow(&s, f).verdict.code()).or_insert(0) += 1;
        }
    }
    eprintln!("verdicts over 1600 random flows: {seen:?}");
    // Partial ephemeral ranges need a non-Linux client, an internet flow and the one ACL variant
    // that narrows it, so they are rarer than the rest.
    for (v, at_least) in [
        (Verdict::Established, 100),
        (Verdict::DroppedBySecurityGroup, 50),
        (Verdict::DroppedByNetworkAcl, 50),
        (Verdict::NoRoute, 20),
        (Verdict::NoPublicAddress, 20),
        (Verdict::Refused, 10),
        (Verdict::DependsOnSourcePort, 2),
    ] {
        let n = seen.get(v.code()).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "{} reached {n} times, fewer than {at_least}: {seen:?}",
            v.code()
        );
    }
}
