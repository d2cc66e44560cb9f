//! One test per validation rule, each breaking the valid [`base`] scenario in one place.

use crate::model::*;
use crate::scenario::testkit::*;
use crate::scenario::{normalize, validate, Severity};

#[test]
fn base_scenario_is_valid() {
    expect_clean(&base());
    assert!(validate(&base()).is_empty());
}

// ---- the whole file -------------------------------------------------------------------------

#[test]
fn unsupported_version() {
    let mut s = base();
    s.version = 0;
    let p = expect(&s, "unsupported-version", "version");
    assert_eq!(
        p.to_string(),
        "version: version 0 is not a scenario format version; this release reads version 1"
    );
    s.version = 2;
    let p = expect(&s, "unsupported-version", "version");
    assert!(p.message.contains("newer than this release"), "{p}");
}

// ---- ids ------------------------------------------------------------------------------------

#[test]
fn duplicate_ids() {
    let mut s = base();
    s.subnets[1].id = "prod".into();
    let p = expect(&s, "duplicate-id", "subnets[1].id");
    assert!(p.message.contains("vpcs[0] \"prod\""), "{p}");
    // Across kinds and nesting levels: interfaces and target groups count too.
    let mut s = base();
    s.instances[1].interfaces[0].id = "web-1-eni".into();
    expect(&s, "duplicate-id", "instances[1].interfaces[0].id");
    let mut s = base();
    s.load_balancers[0].target_groups[0].id = "db".into();
    let p = expect(&s, "duplicate-id", "load_balancers[0].target_groups[0].id");
    assert!(
        p.to_string()
            .starts_with("load_balancers[0] \"lb\" target_groups[0].id: "),
        "{p}"
    );
    let mut s = base();
    s.nat_gateways[0].interface.id = "laptop".into();
    expect(&s, "duplicate-id", "internet_hosts[0].id");
}

#[test]
fn missing_id() {
    let mut s = base();
    s.security_groups[0].id.clear();
    expect(&s, "missing-id", "security_groups[0].id");
}

// ---- references -----------------------------------------------------------------------------

#[test]
fn unknown_reference() {
    type Break = fn(&mut Scenario);
    let cases: &[(&str, Break)] = &[
        ("subnets[0].vpc", |s| s.subnets[0].vpc = "nope".into()),
        ("route_tables[0].vpc", |s| {
            s.route_tables[0].vpc = "nope".into()
        }),
        ("route_tables[0].subnets[1]", |s| {
            s.route_tables[0].subnets[1] = "nope".into()
        }),
        ("route_tables[0].routes[0].target", |s| {
            s.route_tables[0].routes[0].target = RouteTarget::InternetGateway("nope".into())
        }),
        ("route_tables[1].routes[0].target", |s| {
            s.route_tables[1].routes[0].target = RouteTarget::NatGateway("nope".into())
        }),
        ("route_tables[1].routes[0].target", |s| {
            s.route_tables[1].routes[0].target = RouteTarget::Instance("nope".into())
        }),
        ("route_tables[1].routes[0].target", |s| {
            s.route_tables[1].routes[0].target = RouteTarget::NetworkInterface("nope".into())
        }),
        ("route_tables[1].routes[1].target", |s| {
            s.route_tables[1].routes[1].target = RouteTarget::PeeringConnection("nope".into())
        }),
        ("route_tables[1].routes[2].target", |s| {
            s.route_tables[1].routes[2].target = RouteTarget::GatewayEndpoint("nope".into())
        }),
        ("route_tables[1].routes[2].destination", |s| {
            s.route_tables[1].routes[2].destination = Destination::PrefixList("nope".into())
        }),
        ("network_acls[0].vpc", |s| {
            s.network_acls[0].vpc = "nope".into()
        }),
        ("network_acls[0].subnets[0]", |s| {
            s.network_acls[0].subnets[0] = "nope".into()
        }),
        ("security_groups[0].vpc", |s| {
            s.security_groups[0].vpc = "nope".into()
        }),
        ("security_groups[1].inbound[0].peer", |s| {
            s.security_groups[1].inbound[0].peer = Peer::Group("nope".into())
        }),
        ("security_groups[1].inbound[0].peer", |s| {
            s.security_groups[1].inbound[0].peer = Peer::PrefixList("nope".into())
        }),
        ("instances[0].interfaces[0].subnet", |s| {
            s.instances[0].interfaces[0].subnet = "nope".into()
        }),
        ("databases[0].interfaces[0].security_groups[0]", |s| {
            s.databases[0].interfaces[0].security_groups[0] = "nope".into()
        }),
        ("load_balancers[0].nodes[1].subnet", |s| {
            s.load_balancers[0].nodes[1].subnet = "nope".into()
        }),
        ("nat_gateways[0].interface.subnet", |s| {
            s.nat_gateways[0].interface.subnet = "nope".into()
        }),
        ("load_balancers[0].listeners[0].target_group", |s| {
            s.load_balancers[0].listeners[0].target_group = "nope".into()
        }),
        ("load_balancers[0].target_groups[0].targets[0].id", |s| {
            s.load_balancers[0].target_groups[0].targets[0].id = "nope".into()
        }),
        ("instances[2].upstreams[0].target", |s| {
            s.instances[2].upstreams.push(Upstream {
                listen_port: 80,
                target: "nope".into(),
                port: 8080,
            })
        }),
        ("internet_gateways[0].vpc", |s| {
            s.internet_gateways[0].vpc = Some("nope".into())
        }),
        ("peerings[0].requester", |s| {
            s.peerings[0].requester = "nope".into()
        }),
        ("peerings[0].accepter", |s| {
            s.peerings[0].accepter = "nope".into()
        }),
        ("gateway_endpoints[0].vpc", |s| {
            s.gateway_endpoints[0].vpc = "nope".into()
        }),
        ("gateway_endpoints[0].prefix_list", |s| {
            s.gateway_endpoints[0].prefix_list = "nope".into()
        }),
    ];
    for (path, break_it) in cases {
        let mut s = base();
        break_it(&mut s);
        let p = expect(&s, "unknown-reference", path);
        assert!(p.message.contains("\"nope\""), "{p}");
    }
}

#[test]
fn unknown_reference_of_the_wrong_kind() {
    let mut s = base();
    s.subnets[0].vpc = "sg-web".into();
    let p = expect(&s, "unknown-reference", "subnets[0].vpc");
    assert_eq!(
        p.message,
        "\"sg-web\" is a security group (security_groups[1]), but this needs a VPC"
    );
    let mut s = base();
    s.subnets[0].vpc = "vpc-9".into();
    let p = expect(&s, "unknown-reference", "subnets[0].vpc");
    assert_eq!(
        p.message,
        "there is no part with id \"vpc-9\"; expected a VPC (known ids: prod, shared)"
    );
}

#[test]
fn unknown_reference_targets_and_upstreams_accept_addresses() {
    let mut s = base();
    s.instances[2].upstreams.push(Upstream {
        listen_port: 80,
        target: "10.0.10.10".into(),
        port: 8080,
    });
    s.instances[2].upstreams.push(Upstream {
        listen_port: 81,
        target: "db".into(),
        port: 5432,
    });
    expect_clean(&s);
    s.instances[2].upstreams[1].target = "sg-db".into();
    let p = expect(&s, "unknown-reference", "instances[2].upstreams[1].target");
    assert!(
        p.message.ends_with("or an IPv4 address such as 10.0.1.10"),
        "{p}"
    );
}

#[test]
fn unknown_reference_listener_to_another_load_balancers_group() {
    let mut s = base();
    let mut other = s.load_balancers[0].clone();
    other.id = "lb-2".into();
    other.target_groups[0].id = "tg-2".into();
    other.listeners.clear();
    for n in &mut other.nodes {
        n.id = format!("{}-2", n.id);
        n.private_ip = ip(&n.private_ip.to_string().replace(".30", ".31"));
        n.public_ip = None;
    }
    s.load_balancers.push(other);
    s.load_balancers[0].listeners[0].target_group = "tg-2".into();
    let p = expect(
        &s,
        "unknown-reference",
        "load_balancers[0].listeners[0].target_group",
    );
    assert!(
        p.message.contains("belongs to another load balancer"),
        "{p}"
    );
}

// ---- addresses ------------------------------------------------------------------------------

#[test]
fn vpc_cidr_prefix_outside_16_to_28() {
    let mut s = base();
    s.vpcs[1].cidrs = vec![net("10.0.0.0/8")];
    let p = expect(&s, "vpc-cidr-size", "vpcs[1].cidrs[0]");
    assert!(p.message.contains("between /16"), "{p}");
    s.vpcs[1].cidrs = vec![net("10.1.0.0/29")];
    expect(&s, "vpc-cidr-size", "vpcs[1].cidrs[0]");
}

#[test]
fn vpc_without_cidr() {
    let mut s = base();
    s.vpcs[1].cidrs.clear();
    expect(&s, "vpc-without-cidr", "vpcs[1].cidrs");
}

#[test]
fn overlapping_vpc_cidr_blocks() {
    let mut s = base();
    s.vpcs[0].cidrs.push(net("10.0.128.0/17"));
    let p = expect(&s, "overlapping-vpc-cidrs", "vpcs[0].cidrs[1]");
    assert!(p.message.contains("cidrs[0] (10.0.0.0/16)"), "{p}");
}

#[test]
fn cidr_with_host_bits_set() {
    let mut s = base();
    s.subnets[2].cidr = net("10.0.10.7/24");
    let p = expect(&s, "cidr-host-bits", "subnets[2].cidr");
    assert!(p.message.contains("did you mean 10.0.10.0/24?"), "{p}");
    let mut s = base();
    s.security_groups[0].inbound[0].peer = Peer::Cidr(ipnet::IpNet::V4(net("1.2.3.4/8")));
    expect(&s, "cidr-host-bits", "security_groups[0].inbound[0].peer");
}

#[test]
fn subnet_cidr_not_inside_its_vpc() {
    let mut s = base();
    s.subnets[3].cidr = net("10.2.0.0/24");
    let p = expect(&s, "subnet-outside-vpc", "subnets[3].cidr");
    assert!(p.message.contains("10.1.0.0/16"), "{p}");
}

#[test]
fn subnet_prefix_outside_16_to_28() {
    let mut s = base();
    s.subnets[3].cidr = net("10.1.0.0/29");
    expect(&s, "subnet-cidr-size", "subnets[3].cidr");
    s.vpcs[1].cidrs = vec![net("10.0.0.0/8")];
    s.subnets[3].cidr = net("10.0.0.0/15");
    expect(&s, "subnet-cidr-size", "subnets[3].cidr");
}

#[test]
fn overlapping_subnets() {
    let mut s = base();
    s.subnets[0].name = "public-a".into();
    s.subnets[0].cidr = net("10.0.0.0/23");
    s.subnets[1].name = "private-a".into();
    let p = expect(&s, "overlapping-subnets", "subnets[1].cidr");
    assert_eq!(
        p.to_string(),
        "subnets[1] \"private-a\" cidr: 10.0.1.0/24 overlaps subnets[0] \"public-a\" (10.0.0.0/23); subnets of one VPC must not share addresses"
    );
    // Subnets of different VPCs may overlap.
    let mut s = base();
    s.subnets[3].cidr = net("10.1.0.0/24");
    s.vpcs[1].cidrs = vec![net("10.0.0.0/16")];
    s.peerings.clear();
    s.route_tables[1].routes.remove(1);
    s.route_tables[2].routes.clear();
    s.security_groups[2].inbound.pop();
    s.subnets[3].cidr = net("10.0.0.0/24");
    s.instances[3].interfaces[0].private_ip = ip("10.0.0.10");
    expect_clean(&s);
}

#[test]
fn private_ip_outside_its_subnet() {
    let mut s = base();
    s.instances[0].interfaces[0].private_ip = ip("10.0.11.10");
    let p = expect(
        &s,
        "ip-outside-subnet",
        "instances[0].interfaces[0].private_ip",
    );
    assert!(p.to_string().starts_with("instances[0] \"web one\" interfaces[0].private_ip: interface \"web-1-eni\" has address 10.0.11.10"), "{p}");
    assert!(p.message.contains("10.0.10.4 to 10.0.10.254"), "{p}");
}

#[test]
fn private_ip_is_reserved() {
    for (addr, which) in [
        ("10.0.10.0", "network address"),
        ("10.0.10.1", "VPC router"),
        ("10.0.10.2", "DNS"),
        ("10.0.10.3", "future use"),
        ("10.0.10.255", "broadcast"),
    ] {
        let mut s = base();
        s.instances[0].interfaces[0].private_ip = ip(addr);
        let p = expect(&s, "reserved-ip", "instances[0].interfaces[0].private_ip");
        assert!(p.message.contains(which), "{addr}: {p}");
    }
    let mut s = base();
    s.instances[0].interfaces[0].private_ip = ip("10.0.10.4");
    expect_clean(&s);
}

#[test]
fn duplicate_private_ip_in_a_vpc() {
    let mut s = base();
    s.databases[0].interfaces[0].private_ip = ip("10.0.10.10");
    let p = expect(
        &s,
        "duplicate-private-ip",
        "databases[0].interfaces[0].private_ip",
    );
    assert!(p.message.contains("\"web-1-eni\""), "{p}");
}

#[test]
fn public_ip_inside_a_vpc_cidr() {
    let mut s = base();
    s.instances[2].interfaces[0].public_ip = Some(ip("10.1.200.1"));
    let p = expect(
        &s,
        "public-ip-in-vpc",
        "instances[2].interfaces[0].public_ip",
    );
    assert!(p.message.contains("VPC \"shared\""), "{p}");
}

#[test]
fn duplicate_public_ip() {
    let mut s = base();
    s.load_balancers[0].nodes[1].public_ip = Some(ip("203.0.113.10"));
    let p = expect(
        &s,
        "duplicate-public-ip",
        "load_balancers[0].nodes[1].public_ip",
    );
    assert!(p.message.contains("\"bastion-eni\""), "{p}");
    let mut s = base();
    s.internet_hosts[0].ip = ip("203.0.113.20");
    expect(&s, "duplicate-public-ip", "internet_hosts[0].ip");
}

#[test]
fn internet_host_inside_a_vpc_cidr() {
    let mut s = base();
    s.internet_hosts[0].ip = ip("10.0.99.1");
    expect(&s, "internet-host-in-vpc", "internet_hosts[0].ip");
}

// ---- route tables ---------------------------------------------------------------------------

#[test]
fn subnet_associated_with_two_route_tables() {
    let mut s = base();
    s.route_tables[1].subnets.push("pub-b".into());
    let p = expect(
        &s,
        "subnet-in-two-route-tables",
        "route_tables[1].subnets[1]",
    );
    assert!(p.message.contains("route_tables[0] \"rt-public\""), "{p}");
}

#[test]
fn two_main_route_tables_in_a_vpc() {
    let mut s = base();
    s.route_tables[0].main = true;
    s.route_tables[1].main = true;
    expect(&s, "two-main-route-tables", "route_tables[1].main");
}

#[test]
fn route_table_subnet_in_another_vpc() {
    let mut s = base();
    s.route_tables[2].subnets.push("pub-a".into());
    s.route_tables[0].subnets.remove(0);
    expect(
        &s,
        "route-table-subnet-other-vpc",
        "route_tables[2].subnets[0]",
    );
}

#[test]
fn route_inside_vpc_cidr_not_local() {
    // Middlebox routing: a subnet's whole block may go to a NAT gateway or an interface…
    let mut s = base();
    s.route_tables[1]
        .routes
        .push(route("10.0.0.0/24", RouteTarget::NatGateway("nat".into())));
    expect_clean(&s);
    // …but not part of a subnet's block,
    let mut s = base();
    s.route_tables[1]
        .routes
        .push(route("10.0.0.0/25", RouteTarget::NatGateway("nat".into())));
    let p = expect(
        &s,
        "route-inside-vpc-not-local",
        "route_tables[1].routes[3].destination",
    );
    assert!(p.message.contains("whole subnet's block"), "{}", p.message);
    // …and not through a gateway.
    let mut s = base();
    s.route_tables[1].routes.push(route(
        "10.0.10.0/24",
        RouteTarget::InternetGateway("igw".into()),
    ));
    let p = expect(
        &s,
        "route-inside-vpc-not-local",
        "route_tables[1].routes[3].destination",
    );
    assert!(p.message.contains("middlebox"), "{}", p.message);
    let mut s = base();
    s.route_tables[0].routes.push(route(
        "10.0.0.0/16",
        RouteTarget::InternetGateway("igw".into()),
    ));
    expect(
        &s,
        "route-inside-vpc-not-local",
        "route_tables[0].routes[1].destination",
    );
    // Less specific than the VPC block is fine: the local route still wins.
    let mut s = base();
    s.route_tables[1]
        .routes
        .push(route("10.0.0.0/8", RouteTarget::NatGateway("nat".into())));
    expect_clean(&s);
}

#[test]
fn local_target_on_a_destination_that_is_not_a_vpc_cidr() {
    let mut s = base();
    s.route_tables[0]
        .routes
        .push(route("10.0.0.0/16", RouteTarget::Local));
    expect_clean(&s);
    s.route_tables[0]
        .routes
        .push(route("10.1.0.0/16", RouteTarget::Local));
    expect(
        &s,
        "local-route-not-vpc-cidr",
        "route_tables[0].routes[2].target",
    );
}

#[test]
fn duplicate_route_destination() {
    let mut s = base();
    s.route_tables[1].routes.push(route(
        "0.0.0.0/0",
        RouteTarget::InternetGateway("igw".into()),
    ));
    let p = expect(
        &s,
        "duplicate-route",
        "route_tables[1].routes[3].destination",
    );
    assert!(p.message.contains("routes[0]"), "{p}");
}

#[test]
fn route_target_in_another_vpc() {
    type Break = fn(&mut Scenario);
    let cases: &[(&str, Break)] = &[
        ("NAT gateway", |s| {
            s.route_tables[2].routes[0].target = RouteTarget::NatGateway("nat".into())
        }),
        ("attached to VPC \"prod\"", |s| {
            s.route_tables[2].routes[0].target = RouteTarget::InternetGateway("igw".into())
        }),
        ("not attached to any VPC", |s| {
            s.internet_gateways[0].vpc = None;
            s.route_tables[2].routes[0].target = RouteTarget::InternetGateway("igw".into())
        }),
        ("instance", |s| {
            s.route_tables[2].routes[0].target = RouteTarget::Instance("web-1".into())
        }),
        ("network interface", |s| {
            s.route_tables[2].routes[0].target = RouteTarget::NetworkInterface("web-1-eni".into())
        }),
        ("peering connection", |s| {
            s.vpcs.push(vpc("third", &["10.2.0.0/16"]));
            s.peerings[0].accepter = "third".into();
            s.security_groups[2].inbound.pop();
        }),
        ("gateway endpoint", |s| {
            s.route_tables[2].routes[0].target = RouteTarget::GatewayEndpoint("vpce-s3".into())
        }),
    ];
    for (what, break_it) in cases {
        let mut s = base();
        break_it(&mut s);
        let p = expect(
            &s,
            "route-target-other-vpc",
            "route_tables[2].routes[0].target",
        );
        assert!(p.message.contains(what), "{what}: {p}");
    }
}

#[test]
fn gateway_endpoint_route_needs_the_endpoints_prefix_list() {
    let mut s = base();
    s.route_tables[1].routes[2].destination =
        Destination::Cidr(ipnet::IpNet::V4(net("52.216.0.0/15")));
    expect(
        &s,
        "endpoint-route-destination",
        "route_tables[1].routes[2].destination",
    );
}

// ---- network ACLs ---------------------------------------------------------------------------

fn second_acl(s: &mut Scenario) -> &mut NetworkAcl {
    let mut acl = s.network_acls[0].clone();
    acl.id = "acl-2".into();
    acl.subnets.clear();
    s.network_acls.push(acl);
    s.network_acls.last_mut().unwrap()
}

#[test]
fn subnet_associated_with_two_network_acls() {
    let mut s = base();
    second_acl(&mut s).subnets.push("priv-a".into());
    expect(&s, "subnet-in-two-acls", "network_acls[1].subnets[0]");
}

#[test]
fn two_default_network_acls_in_a_vpc() {
    let mut s = base();
    s.network_acls[0].default = true;
    second_acl(&mut s).default = true;
    expect(&s, "two-default-acls", "network_acls[1].default");
}

#[test]
fn network_acl_subnet_in_another_vpc() {
    let mut s = base();
    s.network_acls[0].subnets.push("shared-a".into());
    expect(&s, "acl-subnet-other-vpc", "network_acls[0].subnets[1]");
}

#[test]
fn duplicate_acl_rule_number_in_one_direction() {
    let mut s = base();
    s.network_acls[0].inbound[1].number = 100;
    let p = expect(
        &s,
        "duplicate-acl-rule-number",
        "network_acls[0].inbound[1].number",
    );
    assert!(p.message.contains("inbound[0]"), "{p}");
    // The same number inbound and outbound is normal.
    let mut s = base();
    s.network_acls[0].outbound[0].number = 110;
    expect_clean(&s);
}

#[test]
fn acl_rule_number_outside_1_to_32766() {
    for n in [0, 32767, 65535] {
        let mut s = base();
        s.network_acls[0].outbound[0].number = n;
        expect(
            &s,
            "acl-rule-number-range",
            "network_acls[0].outbound[0].number",
        );
    }
}

#[test]
fn ports_on_a_protocol_without_ports() {
    let mut s = base();
    s.network_acls[0].outbound[0].ports = Some(PortRange::single(80));
    let p = expect(
        &s,
        "ports-without-tcp-udp",
        "network_acls[0].outbound[0].ports",
    );
    assert!(p.message.contains("\"all\""), "{p}");
    let mut s = base();
    s.security_groups[0].inbound[0].protocol = Protocol::Icmp;
    expect(
        &s,
        "ports-without-tcp-udp",
        "security_groups[0].inbound[0].ports",
    );
    s.security_groups[0].inbound[0].protocol = Protocol::Udp;
    expect_clean(&s);
}

#[test]
fn icmp_match_on_a_protocol_other_than_icmp() {
    let mut s = base();
    s.security_groups[0].inbound[0].icmp = Some(IcmpMatch::default());
    expect(
        &s,
        "icmp-without-icmp",
        "security_groups[0].inbound[0].icmp",
    );
}

// ---- security groups ------------------------------------------------------------------------

#[test]
fn security_group_of_another_vpc_on_an_interface() {
    let mut s = base();
    s.instances[0].interfaces[0]
        .security_groups
        .push("sg-tools".into());
    let p = expect(
        &s,
        "security-group-other-vpc",
        "instances[0].interfaces[0].security_groups[1]",
    );
    assert!(p.message.contains("VPC \"shared\""), "{p}");
}

#[test]
fn group_rule_naming_a_group_of_an_unpeered_vpc() {
    let mut s = base();
    s.peerings[0].active = false;
    expect(
        &s,
        "group-rule-unpeered-vpc",
        "security_groups[2].inbound[1].peer",
    );
    // Peered VPCs may name each other's groups (the base scenario does).
    expect_clean(&base());
}

// ---- gateways and peering -------------------------------------------------------------------

#[test]
fn two_internet_gateways_on_one_vpc() {
    let mut s = base();
    s.internet_gateways.push(InternetGateway {
        id: "igw-2".into(),
        name: String::new(),
        vpc: Some("prod".into()),
    });
    expect(&s, "two-internet-gateways", "internet_gateways[1].vpc");
}

#[test]
fn peering_between_a_vpc_and_itself() {
    let mut s = base();
    s.peerings[0].accepter = "prod".into();
    expect(&s, "peering-with-itself", "peerings[0].accepter");
}

#[test]
fn peering_between_vpcs_with_overlapping_cidrs() {
    let mut s = base();
    s.vpcs[1].cidrs.push(net("10.0.128.0/20"));
    let p = expect(&s, "peering-overlapping-cidrs", "peerings[0].accepter");
    assert!(p.message.contains("10.0.128.0/20"), "{p}");
}

#[test]
fn duplicate_active_peering() {
    let mut s = base();
    let mut again = s.peerings[0].clone();
    again.id = "pcx-2".into();
    std::mem::swap(&mut again.requester, &mut again.accepter);
    s.peerings.push(again);
    expect(&s, "duplicate-peering", "peerings[1].accepter");
    s.peerings[1].active = false;
    expect_clean(&s);
}

#[test]
fn nat_gateway_with_security_groups() {
    let mut s = base();
    s.nat_gateways[0]
        .interface
        .security_groups
        .push("sg-web".into());
    expect(
        &s,
        "nat-gateway-security-groups",
        "nat_gateways[0].interface.security_groups",
    );
    // ... and normalizing never gives it one.
    let mut s = base();
    normalize(&mut s);
    assert!(s.nat_gateways[0].interface.security_groups.is_empty());
}

// ---- nodes ----------------------------------------------------------------------------------

#[test]
fn load_balancer_in_fewer_than_two_availability_zones() {
    let mut s = base();
    s.load_balancers[0].nodes.pop();
    let p = expect(&s, "load-balancer-needs-two-azs", "load_balancers[0].nodes");
    assert!(p.message.contains("1 availability zone (az-a)"), "{p}");
    let mut s = base();
    s.subnets[1].az = "az-a".into();
    expect(&s, "load-balancer-needs-two-azs", "load_balancers[0].nodes");
}

#[test]
fn load_balancer_with_two_nodes_in_one_subnet() {
    let mut s = base();
    s.load_balancers[0].nodes[1].subnet = "pub-a".into();
    s.load_balancers[0].nodes[1].private_ip = ip("10.0.0.31");
    expect(
        &s,
        "load-balancer-two-nodes-in-one-subnet",
        "load_balancers[0].nodes[1].subnet",
    );
}

#[test]
fn duplicate_listener_port() {
    let mut s = base();
    let l = s.load_balancers[0].listeners[0].clone();
    s.load_balancers[0].listeners.push(l);
    expect(
        &s,
        "duplicate-listener-port",
        "load_balancers[0].listeners[1].port",
    );
}

#[test]
fn listener_protocol_the_kind_does_not_offer() {
    let mut s = base();
    s.load_balancers[0].listeners[0].protocol = LbProtocol::Udp;
    let at = "load_balancers[0].listeners[0].protocol";
    expect_warning(&s, "listener-protocol-for-kind", at);
    let p = expect(&s, "listener-protocol-for-kind", at);
    assert!(
        p.to_string().contains("no UDP listener on an application"),
        "{p}"
    );
    s.load_balancers[0].kind = LbKind::Network;
    assert!(!validate(&s)
        .iter()
        .any(|p| p.code == "listener-protocol-for-kind"));
}

#[test]
fn load_balancer_target_in_another_vpc() {
    let mut s = base();
    s.load_balancers[0].target_groups[0].targets[0].id = "tools".into();
    expect(
        &s,
        "target-other-vpc",
        "load_balancers[0].target_groups[0].targets[0].id",
    );
}

#[test]
fn node_without_interfaces() {
    let mut s = base();
    s.instances[1].interfaces.clear();
    s.load_balancers[0].target_groups[0].targets.pop();
    expect(&s, "no-interfaces", "instances[1].interfaces");
    s.databases[0].interfaces.clear();
    expect(&s, "no-interfaces", "databases[0].interfaces");
}

#[test]
fn interfaces_of_one_node_in_different_vpcs() {
    let mut s = base();
    s.instances[0]
        .interfaces
        .push(iface("web-1-eth1", "shared-a", "10.1.0.11", &["sg-tools"]));
    expect(
        &s,
        "interfaces-in-different-vpcs",
        "instances[0].interfaces[1].subnet",
    );
}

#[test]
fn interfaces_of_an_instance_in_different_availability_zones() {
    let mut s = base();
    s.instances[0]
        .interfaces
        .push(iface("web-1-eth1", "pub-b", "10.0.1.11", &["sg-web"]));
    expect(
        &s,
        "interfaces-in-different-azs",
        "instances[0].interfaces[1].subnet",
    );
    s.instances[0].interfaces[1] = iface("web-1-eth1", "pub-a", "10.0.0.11", &["sg-web"]);
    expect_clean(&s);
}

#[test]
fn interfaces_of_an_interface_endpoint_one_per_availability_zone() {
    let mut s = base();
    s.instances[0].role = Role::InterfaceEndpoint;
    s.instances[0]
        .interfaces
        .push(iface("web-1-eth1", "pub-b", "10.0.1.11", &["sg-web"]));
    expect_clean(&s);
    s.instances[0]
        .interfaces
        .push(iface("web-1-eth2", "priv-a", "10.0.10.11", &["sg-web"]));
    let p = expect(
        &s,
        "endpoint-two-interfaces-in-one-az",
        "instances[0].interfaces[2].subnet",
    );
    assert!(p.message.contains("interfaces[0]"), "{p}");
    assert!(p.message.contains("\"az-a\""), "{p}");
}

// ---- warnings -------------------------------------------------------------------------------

#[track_caller]
fn expect_warning(s: &Scenario, code: &str, path: &str) {
    let p = expect(s, code, path);
    assert_eq!(p.severity, Severity::Warning, "{p}");
    assert!(p.to_string().starts_with("warning: "), "{p}");
    assert!(
        validate(s).iter().all(|p| !p.is_error()),
        "{:?}",
        validate(s)
    );
}

#[test]
fn more_than_5_security_groups_on_an_interface() {
    let mut s = base();
    let mut groups = vec!["sg-web".to_string()];
    for k in 0..5 {
        let id = format!("sg-extra-{k}");
        s.security_groups.push(group(&id, "prod", vec![]));
        groups.push(id);
    }
    s.instances[0].interfaces[0].security_groups = groups;
    expect_warning(
        &s,
        "too-many-security-groups",
        "instances[0].interfaces[0].security_groups",
    );
    s.instances[0].interfaces[0].security_groups.pop();
    expect_clean(&s);
}

#[test]
fn more_than_60_rules_in_a_security_group() {
    let mut s = base();
    let rule = s.security_groups[0].inbound[0].clone();
    s.security_groups[0].inbound = vec![rule.clone(); 60];
    s.security_groups[0].outbound = vec![rule; 60];
    expect_clean(&s);
    let rule = s.security_groups[0].inbound[0].clone();
    s.security_groups[0].outbound.push(rule.clone());
    expect_warning(&s, "too-many-group-rules", "security_groups[0].outbound");
    s.security_groups[0].inbound.push(rule);
    expect_warning(&s, "too-many-group-rules", "security_groups[0].inbound");
}

#[test]
fn more_than_20_rules_in_a_network_acl() {
    let mut s = base();
    s.network_acls[0].inbound = (1..=21)
        .map(|n| acl_rule(n, Protocol::Tcp, Some("443"), "0.0.0.0/0"))
        .collect();
    expect_warning(&s, "too-many-acl-rules", "network_acls[0].inbound");
    s.network_acls[0].inbound.pop();
    s.network_acls[0].outbound = (1..=21)
        .map(|n| acl_rule(n, Protocol::All, None, "0.0.0.0/0"))
        .collect();
    expect_warning(&s, "too-many-acl-rules", "network_acls[0].outbound");
}

#[test]
fn more_than_200_subnets_in_a_vpc() {
    let mut s = base();
    s.vpcs[1].cidrs = vec![net("10.1.0.0/16")];
    s.subnets.retain(|x| x.vpc != "shared");
    s.instances.pop();
    s.security_groups[2].inbound.pop();
    for k in 0..201u32 {
        let cidr = format!("10.1.{}.{}/28", k / 16, (k % 16) * 16);
        s.subnets
            .push(subnet(&format!("s{k}"), "shared", "az-a", &cidr));
    }
    expect_warning(&s, "too-many-subnets", "vpcs[1]");
}

#[test]
fn public_nat_gateway_without_public_ip() {
    let mut s = base();
    s.nat_gateways[0].interface.public_ip = None;
    expect_warning(
        &s,
        "public-nat-without-public-ip",
        "nat_gateways[0].interface.public_ip",
    );
    s.nat_gateways[0].connectivity = Connectivity::Private;
    expect_clean(&s);
}

#[test]
fn nat_instance_with_source_dest_check_on() {
    let mut s = base();
    s.instances[2].role = Role::NatInstance;
    expect_warning(
        &s,
        "forwarder-source-dest-check",
        "instances[2].interfaces[0].source_dest_check",
    );
    s.instances[2].interfaces[0].source_dest_check = false;
    expect_clean(&s);
}

// ---- how problems read ----------------------------------------------------------------------

#[test]
fn errors_come_before_warnings() {
    let mut s = base();
    s.nat_gateways[0].interface.public_ip = None;
    s.internet_hosts[0].ip = ip("10.0.99.1");
    let found = validate(&s);
    assert_eq!(found.len(), 2);
    assert!(found[0].is_error() && !found[1].is_error());
}

#[test]
fn validation_handles_extreme_values_without_panicking() {
    let mut s = base();
    s.vpcs[0].cidrs = vec![net("255.255.255.255/32"), net("0.0.0.0/0")];
    s.subnets[0].cidr = net("255.255.255.255/32");
    s.subnets[1].cidr = net("255.255.255.254/31");
    s.instances[2].interfaces[0].private_ip = ip("255.255.255.255");
    s.load_balancers[0].nodes[0].private_ip = ip("0.0.0.0");
    s.load_balancers[0].nodes[0].subnet = "pub-b".into();
    s.subnets[2].cidr = net("0.0.0.0/0");
    assert!(!validate(&s).is_empty());
    let mut e = Scenario::new();
    normalize(&mut e);
    assert!(validate(&e).is_empty());
}

#[test]
fn gateway_route_table_rules() {
    // An edge association on the VPC's own internet gateway, routing a subnet to an interface.
    let mut s = base();
    s.route_tables[0].gateways.push("igw".into());
    s.route_tables[0].subnets.clear();
    s.route_tables[0].routes = vec![route(
        "10.0.10.0/24",
        RouteTarget::NetworkInterface("nat-eni".into()),
    )];
    expect_clean(&s);
    // A route a gateway table cannot hold.
    let mut bad = s.clone();
    bad.route_tables[0].routes.push(route(
        "0.0.0.0/0",
        RouteTarget::InternetGateway("igw".into()),
    ));
    expect(
        &bad,
        "gateway-route-table-route",
        "route_tables[0].routes[1]",
    );
    // One table per gateway.
    let mut bad = s.clone();
    bad.route_tables[1].gateways.push("igw".into());
    expect(
        &bad,
        "gateway-in-two-route-tables",
        "route_tables[1].gateways[0]",
    );
    // A gateway of another VPC, and a name that is no gateway.
    let mut bad = s.clone();
    bad.internet_gateways[0].vpc = Some("shared".into());
    expect(
        &bad,
        "gateway-route-table-other-vpc",
        "route_tables[0].gateways[0]",
    );
    let mut bad = s;
    bad.route_tables[0].gateways[0] = "pub-a".into();
    expect(&bad, "unknown-reference", "route_tables[0].gateways[0]");
}

// ---- IPv6 -----------------------------------------------------------------------------------

/// [`base`] made dual stack: `prod` gets 2600:1f18:ab00:1200::/56, `priv-a` its first /64 and
/// web-1 (on `priv-a`) the address `::10` of it, an egress-only gateway `eigw` and a `::/0`
/// route to it in the table of `pub-a`.
fn dual_stack() -> Scenario {
    let mut s = base();
    s.vpcs[0].ipv6_cidrs = vec!["2600:1f18:ab00:1200::/56".parse().unwrap()];
    s.subnets[2].ipv6_cidr = Some("2600:1f18:ab00:1200::/64".parse().unwrap());
    let web = s.instances.iter_mut().find(|i| i.id == "web-1").unwrap();
    assert_eq!(web.interfaces[0].subnet, "priv-a");
    web.interfaces[0].ipv6_addresses = vec!["2600:1f18:ab00:1200::10".parse().unwrap()];
    s.egress_only_internet_gateways = vec![EgressOnlyInternetGateway {
        id: "eigw".into(),
        name: String::new(),
        vpc: "prod".into(),
    }];
    let t = (s.route_tables.iter_mut())
        .find(|t| t.subnets.iter().any(|x| x == "pub-a"))
        .unwrap();
    t.routes.push(Route {
        destination: Destination::Cidr("::/0".parse().unwrap()),
        target: RouteTarget::EgressOnlyInternetGateway("eigw".into()),
        state: RouteState::Active,
    });
    s
}

fn pub_a_table(s: &Scenario) -> usize {
    (s.route_tables.iter())
        .position(|t| t.subnets.iter().any(|x| x == "pub-a"))
        .unwrap()
}

#[test]
fn dual_stack_scenario_is_valid() {
    expect_clean(&dual_stack());
}

#[test]
fn vpc_ipv6_cidr_size() {
    let mut s = dual_stack();
    s.vpcs[0].ipv6_cidrs.push("2600:1f19::/40".parse().unwrap());
    let p = expect(&s, "vpc-ipv6-cidr-size", "vpcs[0].ipv6_cidrs[1]");
    assert!(p.message.contains("/44 to /60"), "{p}");
}

#[test]
fn subnet_ipv6_cidr_is_a_64_of_its_vpcs_block() {
    let mut s = dual_stack();
    s.subnets[2].ipv6_cidr = Some("2600:1f18:ab00:1200::/60".parse().unwrap());
    let p = expect(&s, "subnet-ipv6-cidr", "subnets[2].ipv6_cidr");
    assert!(p.message.contains("is a /64"), "{p}");
    let mut s = dual_stack();
    s.subnets[2].ipv6_cidr = Some("2600:1f18:ffff::/64".parse().unwrap());
    let p = expect(&s, "subnet-ipv6-cidr", "subnets[2].ipv6_cidr");
    assert!(
        p.message.contains("outside 2600:1f18:ab00:1200::/56"),
        "{p}"
    );
    let mut s = dual_stack();
    s.subnets[0].ipv6_cidr = s.subnets[2].ipv6_cidr;
    s.subnets.swap(0, 2);
    let p = expect(&s, "subnet-ipv6-cidr", "subnets[2].ipv6_cidr");
    assert!(p.message.contains("priv-a has it already"), "{p}");
    let mut s = dual_stack();
    s.subnets[3].ipv6_cidr = Some("2600:1f18:ab00:1200::/64".parse().unwrap());
    let p = expect(&s, "subnet-ipv6-cidr", "subnets[3].ipv6_cidr");
    assert!(p.message.contains("\"shared\" has no IPv6 block"), "{p}");
}

#[test]
fn ipv6_address_outside_subnet() {
    let web =
        |s: &mut Scenario| -> usize { s.instances.iter().position(|i| i.id == "web-1").unwrap() };
    let mut s = dual_stack();
    let w = web(&mut s);
    s.instances[w].interfaces[0].ipv6_addresses = vec!["2600:1f18:ab00:1201::10".parse().unwrap()];
    let path = format!("instances[{w}].interfaces[0].ipv6_addresses[0]");
    let p = expect(&s, "ipv6-address-outside-subnet", &path);
    assert!(
        p.message.contains("outside 2600:1f18:ab00:1200::/64"),
        "{p}"
    );
    s.instances[w].interfaces[0].ipv6_addresses = vec!["2600:1f18:ab00:1200::3".parse().unwrap()];
    let p = expect(&s, "ipv6-address-outside-subnet", &path);
    assert!(p.message.contains("reserves the first four"), "{p}");
    s.subnets[2].ipv6_cidr = None;
    let p = expect(&s, "ipv6-address-outside-subnet", &path);
    assert!(p.message.contains("\"priv-a\" has no IPv6 block"), "{p}");
}

#[test]
fn egress_only_route_ipv4() {
    let mut s = dual_stack();
    let t = pub_a_table(&s);
    let last = s.route_tables[t].routes.len() - 1;
    s.route_tables[t].routes[last].destination = Destination::Cidr("0.0.0.0/0".parse().unwrap());
    // The table already sends 0.0.0.0/0 to the internet gateway.
    s.route_tables[t]
        .routes
        .retain(|r| !matches!(r.target, RouteTarget::InternetGateway(_)));
    let last = s.route_tables[t].routes.len() - 1;
    let p = expect(
        &s,
        "egress-only-route-ipv4",
        &format!("route_tables[{t}].routes[{last}].destination"),
    );
    assert!(p.message.contains("carries IPv6 only"), "{p}");
}

#[test]
fn egress_only_gateway_of_another_vpc() {
    let mut s = dual_stack();
    s.egress_only_internet_gateways[0].vpc = "shared".into();
    let t = pub_a_table(&s);
    let last = s.route_tables[t].routes.len() - 1;
    let p = expect(
        &s,
        "route-target-other-vpc",
        &format!("route_tables[{t}].routes[{last}].target"),
    );
    assert!(p.message.contains("egress-only internet gateway"), "{p}");
    let mut s = dual_stack();
    s.egress_only_internet_gateways[0].vpc = "nope".into();
    expect(
        &s,
        "unknown-reference",
        "egress_only_internet_gateways[0].vpc",
    );
}
