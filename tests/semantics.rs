//! One test per rule of the behaviour contract (shared/design/semantics.md): each builds a small,
//! complete scenario, traces flows through it and checks the verdict, what decided it (component,
//! kind, direction, rule) and, where the rule is about the path, the hops.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use vpc_playground::engine::trace::Decision;
use vpc_playground::engine::{Direction, Kind, Verdict};
use vpc_playground::engine::{FlowSpec, Trace};
use vpc_playground::model::{Engine, LbKind, LbProtocol, Listening, Os, Protocol, Role, Scenario};

use Direction::{Forward, Return};

/// The VPC most tests start from:
/// - VPC `vpc` 10.0.0.0/16 with internet gateway `igw`;
/// - subnet `pub` 10.0.0.0/24 with route table `pub-rt` (0.0.0.0/0 → igw);
/// - subnet `priv` 10.0.1.0/24 on the main table `vpc-main` (local only);
/// - both subnets on the default ACL `vpc-acl` (allow all);
/// - group `web-sg`: tcp 443 and 80 in from anywhere, all out;
/// - group `app-sg`: tcp 8080 in from `web-sg`, all out;
/// - `laptop`, a Linux host on the internet at 203.0.113.10, and `site`, a server at
///   198.51.100.7 listening on 443 and 80.
fn base() -> Sc {
    Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .subnet("priv", "10.0.1.0/24")
        .sg(
            "web-sg",
            &["tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .sg(
            "app-sg",
            &["tcp 8080 from sg:web-sg"],
            &["all to 0.0.0.0/0"],
        )
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .internet_server("site", "198.51.100.7", &["443", "80"])
}

/// `base()` plus `web` (10.0.0.10, public 54.0.0.10, web-sg, listens 443 and 80) in `pub`.
fn with_web() -> Sc {
    base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443", "80"])
}

/// `base()` plus a NAT gateway `nat` (10.0.0.30, EIP 54.0.0.30) in `pub`, the private subnet
/// on its own table `priv-rt` (0.0.0.0/0 → nat), and `app` (10.0.1.10, app-sg) in `priv`.
fn with_nat() -> Sc {
    base()
        .nat_gw("nat", "pub", "10.0.0.30", "54.0.0.30")
        .route_table("priv-rt", &["priv"])
        .route("priv-rt", "0.0.0.0/0", "nat:nat")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
        .listens(&["8080"])
}

// ---------------------------------------------------------------------------------------------
// Network ACLs
// ---------------------------------------------------------------------------------------------

#[test]
fn nacl_first_matching_rule_by_number_decides() {
    // Rules are written out of order: the lower number (deny 100) is evaluated first.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &[
                "200 allow tcp 443 0.0.0.0/0",
                "100 deny tcp 443 203.0.113.0/24",
                "300 allow all 0.0.0.0/0",
            ],
            &["100 allow all 0.0.0.0/0"],
        )
        .internet_host("other", "192.0.2.20", Os::Linux)
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Forward,
        Some("100"),
    );
    // A client outside 203.0.113.0/24 skips rule 100 and is allowed by rule 200, not 300.
    let t = tcp(&s, "other", "web", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "pub-acl", Forward, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("200")
    );

    // Swap the numbers: now the allow comes first and wins.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &[
                "100 allow tcp 443 0.0.0.0/0",
                "200 deny tcp 443 203.0.113.0/24",
            ],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_established(&tcp(&s, "laptop", "web", 443));
}

#[test]
fn nacl_star_rule_denies_unmatched() {
    // A new custom ACL has no rules: the `*` rule denies everything, both ways.
    let s = with_web().acl("pub-acl", &["pub"], &[], &[]).build();
    assert_blocked(
        &tcp(&s, "laptop", "web", 443),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Forward,
        Some("*"),
    );
    // With rules that match only ssh, https is still left to `*`.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 22 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_blocked(
        &tcp(&s, "laptop", "web", 443),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Forward,
        Some("*"),
    );
}

#[test]
fn nacl_rule_matches_protocol_port_and_cidr() {
    // Rule 50 denies tcp/22 from priv only; udp/22, tcp/23 and tcp/22 from elsewhere pass.
    let s = base()
        .subnet("other", "10.0.2.0/24")
        .acl(
            "pub-acl",
            &["pub"],
            &["50 deny tcp 22 10.0.1.0/24", "100 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .sg("open", &["all from 10.0.0.0/16"], &["all to 0.0.0.0/0"])
        .instance("server", "pub", "10.0.0.20")
        .sgs(&["open"])
        .listens(&["22", "23", "udp/22"])
        .instance("a", "priv", "10.0.1.10")
        .sgs(&["open"])
        .instance("b", "other", "10.0.2.10")
        .sgs(&["open"])
        .build();
    assert_blocked(
        &tcp(&s, "a", "server", 22),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Forward,
        Some("50"),
    );
    assert_established(&udp(&s, "a", "server", 22));
    assert_established(&tcp(&s, "a", "server", 23));
    assert_established(&tcp(&s, "b", "server", 22));
}

#[test]
fn nacl_default_acl_used_without_association() {
    // `priv` has no ACL association: the VPC's default ACL decides for it. `pub` is associated
    // with a custom ACL and no longer uses the default one.
    let s = with_web()
        .acl_rules(
            "vpc-acl",
            &["100 deny tcp 443 0.0.0.0/0", "200 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .sg("out", &[], &["all to 0.0.0.0/0"])
        .instance("inside", "priv", "10.0.1.10")
        .sgs(&["out"])
        .build();
    assert_established(&tcp(&s, "laptop", "web", 443)); // only pub-acl on the way
    let t = tcp(&s, "web", "inside", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "vpc-acl",
        Kind::NetworkAcl,
        Forward,
        Some("100"),
    );
}

#[test]
fn nacl_same_subnet_traffic_skips_acl() {
    // The ACL of `pub` denies everything, yet two instances inside `pub` talk freely.
    let s = base()
        .acl("pub-acl", &["pub"], &[], &[])
        .sg(
            "peer-sg",
            &["tcp 22 from 10.0.0.0/24"],
            &["all to 0.0.0.0/0"],
        )
        .instance("a", "pub", "10.0.0.10")
        .sgs(&["peer-sg"])
        .instance("b", "pub", "10.0.0.11")
        .sgs(&["peer-sg"])
        .listens(&["22"])
        .build();
    let t = tcp(&s, "a", "b", 22);
    assert_established(&t);
    assert!(
        acls_crossed(&t, Forward).is_empty() && acls_crossed(&t, Return).is_empty(),
        "same-subnet traffic must not consult the ACL\n{}",
        explain(&t)
    );
}

#[test]
fn nacl_return_path_needs_ephemeral_ports() {
    // The ACL lets https in and https out, but the reply goes to the client's ephemeral port.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 443 0.0.0.0/0"],
            &["100 allow tcp 443 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
    // The inbound rule did pass the request.
    assert_eq!(
        hop(&t, "pub-acl", Forward, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("100")
    );

    // Allowing the ephemeral range outbound fixes it.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 443 0.0.0.0/0"],
            &[
                "100 allow tcp 443 0.0.0.0/0",
                "110 allow tcp 1024-65535 0.0.0.0/0",
            ],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "pub-acl", Return, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("110")
    );
}

#[test]
fn nacl_partial_ephemeral_range_depends_on_source_port() {
    // Linux clients pick 32768-60999; the ACL lets replies out to 32768-50000 only.
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 443 0.0.0.0/0"],
            &["100 allow tcp 32768-50000 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::DependsOnSourcePort,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
    let ports = t.source_ports.as_ref().expect("source-port detail");
    assert_eq!(ports.range, "32768-60999");
    assert_eq!(ports.working, "32768-50000");

    // A client that happens to pick a port inside the range gets through; one outside does not.
    assert_established(&tcp_from_port(&s, "laptop", "web", 443, 40000));
    assert_blocked(
        &tcp_from_port(&s, "laptop", "web", 443, 55000),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
}

// ---------------------------------------------------------------------------------------------
// Security groups
// ---------------------------------------------------------------------------------------------

#[test]
fn sg_stateful_reply_allowed() {
    // The server's group allows nothing out and the client's allows nothing in: the reply of the
    // allowed request passes both anyway.
    let s = base()
        .sg("client-sg", &[], &["tcp 5432 to 10.0.1.0/24"])
        .sg("db-sg", &["tcp 5432 from 10.0.0.0/24"], &[])
        .instance("client", "pub", "10.0.0.10")
        .sgs(&["client-sg"])
        .instance("db", "priv", "10.0.1.20")
        .sgs(&["db-sg"])
        .listens(&["5432"])
        .build();
    let t = tcp(&s, "client", "db", 5432);
    assert_established(&t);
    for sg in ["db-sg", "client-sg"] {
        let h = hop(&t, sg, Return, Decision::Allow);
        assert_eq!(
            h.rule_text().as_deref(),
            Some("tracked connection"),
            "{}",
            explain(&t)
        );
    }
    // A connection the other way is a new connection, not a reply: db-sg has no outbound rule,
    // so it is dropped as it leaves db.
    assert_blocked(
        &tcp(&s, "db", "client", 5432),
        Verdict::DroppedBySecurityGroup,
        "db-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn sg_any_rule_of_any_group_allows() {
    // Two groups on one interface: each allows one port; together they allow both.
    let s = base()
        .sg(
            "ssh-sg",
            &["tcp 22 from 10.0.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .sg(
            "pg-sg",
            &["tcp 5432 from 10.0.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("client", "pub", "10.0.0.10")
        .sgs(&["ssh-sg"])
        .instance("db", "priv", "10.0.1.20")
        .sgs(&["ssh-sg", "pg-sg"])
        .listens(&["22", "5432", "3306"])
        .build();
    let t = tcp(&s, "client", "db", 5432);
    assert_established(&t);
    assert_eq!(
        hop(&t, "pg-sg", Forward, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("inbound #1")
    );
    assert_established(&tcp(&s, "client", "db", 22));
    assert_blocked(
        &tcp(&s, "client", "db", 3306),
        Verdict::DroppedBySecurityGroup,
        "ssh-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn sg_group_reference_matches_private_ips_only() {
    // app-sg admits tcp/8080 from members of web-sg, by their private addresses.
    let s = with_web()
        .sg("other-sg", &[], &["all to 0.0.0.0/0"])
        .instance("other", "pub", "10.0.0.11")
        .sgs(&["other-sg"])
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
        .listens(&["8080"])
        .build();
    assert_established(&tcp(&s, "web", "app", 8080));
    assert_blocked(
        &tcp(&s, "other", "app", 8080),
        Verdict::DroppedBySecurityGroup,
        "app-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn sg_group_reference_does_not_match_public_ip_source() {
    // app has a public address; web, a member of web-sg, connects to that public address. The
    // packet goes out through the internet gateway and comes back with web's public address as
    // its source, which a group reference never matches.
    let s = with_web()
        .instance("app", "pub", "10.0.0.20")
        .public_ip("54.0.0.20")
        .sgs(&["app-sg"])
        .listens(&["8080"])
        .build();
    assert_established(&tcp(&s, "web", "app", 8080)); // by private address
    let t = tcp(&s, "web", "54.0.0.20", 8080);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "app-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    let deny = hop(&t, "app-sg", Forward, Decision::Deny);
    assert_eq!(deny.packet.src, ip("54.0.0.10"), "{}", explain(&t));
}

#[test]
fn sg_new_group_has_no_inbound() {
    // A group as AWS creates it: no inbound rule, one outbound rule allowing everything.
    let s = base()
        .sg("fresh", &[], &["all to 0.0.0.0/0"])
        .sg("open", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .instance("new", "pub", "10.0.0.10")
        .sgs(&["fresh"])
        .listens(&["22"])
        .instance("peer", "priv", "10.0.1.10")
        .sgs(&["open"])
        .listens(&["22"])
        .build();
    assert_blocked(
        &tcp(&s, "peer", "new", 22),
        Verdict::DroppedBySecurityGroup,
        "fresh",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    assert_established(&tcp(&s, "new", "peer", 22));
}

#[test]
fn sg_default_group_allows_members() {
    // `vpc-default` admits all traffic from its own members, and nothing else.
    let s = base()
        .instance("a", "pub", "10.0.0.10")
        .sgs(&["vpc-default"])
        .instance("b", "priv", "10.0.1.10")
        .sgs(&["vpc-default"])
        .listens_any()
        .instance("outsider", "pub", "10.0.0.11")
        .sgs(&["web-sg"])
        .build();
    assert_established(&tcp(&s, "a", "b", 5432));
    assert_established(&ping(&s, "a", "b"));
    assert_blocked(
        &tcp(&s, "outsider", "b", 5432),
        Verdict::DroppedBySecurityGroup,
        "vpc-default",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

// ---------------------------------------------------------------------------------------------
// Route tables
// ---------------------------------------------------------------------------------------------

#[test]
fn route_longest_prefix_wins() {
    // priv-rt: 0.0.0.0/0 → NAT gateway, and a more specific 198.51.100.0/24 that is a blackhole.
    let s = with_nat()
        .blackhole_route("priv-rt", "198.51.100.0/24", "nat:nat-old")
        .internet_server("far", "192.0.2.80", &["443"])
        .build_unvalidated(); // nat-old is gone: see validation_accepts_blackhole_route...
                              // 198.51.100.7 matches both; the /24 wins and drops it.
    assert_blocked(
        &tcp(&s, "app", "site", 443),
        Verdict::BlackholeRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        Some("198.51.100.0/24"),
    );
    // 192.0.2.80 matches only 0.0.0.0/0.
    let t = tcp(&s, "app", "far", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "priv-rt", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("0.0.0.0/0")
    );
    // A VPC address matches 0.0.0.0/0 and the local 10.0.0.0/16: local wins.
    let s = with_nat()
        .instance("peer", "pub", "10.0.0.50")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let t = tcp(&s, "app", "peer", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "priv-rt", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("10.0.0.0/16")
    );
}

#[test]
fn route_no_match_is_no_route() {
    // priv is on the main table, which has only the local route.
    let s = base()
        .instance("app", "priv", "10.0.1.10")
        .public_ip("54.0.0.11")
        .sgs(&["app-sg"])
        .build();
    assert_blocked(
        &tcp(&s, "app", "site", 443),
        Verdict::NoRoute,
        "vpc-main",
        Kind::RouteTable,
        Forward,
        Some("no matching route"),
    );
}

#[test]
fn route_blackhole_drops() {
    // The NAT gateway was deleted: its route stays, in state blackhole, and drops what it matches.
    let s = base()
        .route_table("priv-rt", &["priv"])
        .blackhole_route("priv-rt", "0.0.0.0/0", "nat:nat-deleted")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
        .build_unvalidated(); // nat-deleted is gone: see validation_accepts_blackhole_route...
    let t = tcp(&s, "app", "site", 443);
    assert_blocked(
        &t,
        Verdict::BlackholeRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        Some("0.0.0.0/0"),
    );
    assert_eq!(
        hop(&t, "priv-rt", Forward, Decision::Drop).packet.dst,
        ip("198.51.100.7")
    );
}

#[test]
fn validation_accepts_blackhole_route_to_deleted_target() {
    // After a NAT gateway is deleted, AWS keeps the routes to it in state blackhole; describe
    // output (and so an imported account) holds them. Validation must accept such a route (at
    // most warn), or `vpcplay trace` refuses a real account with exit 2.
    let s = base()
        .route_table("priv-rt", &["priv"])
        .blackhole_route("priv-rt", "0.0.0.0/0", "nat:nat-deleted")
        .build_unvalidated();
    let errors: Vec<String> = vpc_playground::scenario::validate(&s)
        .into_iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn route_main_table_used_without_association() {
    // `open` has no association and uses the main table, which here routes to the gateway;
    // `closed` is explicitly associated with a table that does not.
    let s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .route("vpc-main", "0.0.0.0/0", "igw:igw")
        .subnet("open", "10.0.0.0/24")
        .subnet("closed", "10.0.1.0/24")
        .route_table("closed-rt", &["closed"])
        .sg("out", &[], &["all to 0.0.0.0/0"])
        .instance("a", "open", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["out"])
        .instance("b", "closed", "10.0.1.10")
        .public_ip("54.0.0.11")
        .sgs(&["out"])
        .internet_server("site", "198.51.100.7", &["443"])
        .build();
    let t = tcp(&s, "a", "site", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "vpc-main", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("0.0.0.0/0")
    );
    assert_blocked(
        &tcp(&s, "b", "site", 443),
        Verdict::NoRoute,
        "closed-rt",
        Kind::RouteTable,
        Forward,
        Some("no matching route"),
    );
}

#[test]
fn route_local_covers_every_vpc_cidr() {
    // A VPC with a secondary block: the implicit local route covers both blocks.
    let s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .cidr("100.64.0.0/16")
        .subnet("a", "10.0.0.0/24")
        .subnet("b", "100.64.1.0/24")
        .sg(
            "open",
            &["all from 10.0.0.0/8", "all from 100.64.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("x", "a", "10.0.0.10")
        .sgs(&["open"])
        .listens(&["22"])
        .instance("y", "b", "100.64.1.10")
        .sgs(&["open"])
        .listens(&["22"])
        .build();
    let t = tcp(&s, "x", "y", 22);
    assert_established(&t);
    assert_eq!(
        hop(&t, "vpc-main", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("100.64.0.0/16")
    );
    let t = tcp(&s, "y", "x", 22);
    assert_established(&t);
    assert_eq!(
        hop(&t, "vpc-main", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("10.0.0.0/16")
    );
}

#[test]
fn return_path_route_needed() {
    // `lost` has a public IP but sits in `priv`, whose table has no route to the gateway: the
    // request from the internet arrives, the reply has no way out.
    let s = base()
        .instance("lost", "priv", "10.0.1.10")
        .public_ip("54.0.0.11")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let t = tcp(&s, "laptop", "lost", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "vpc-main",
        Kind::RouteTable,
        Return,
        Some("no matching route"),
    );
    // The request itself was delivered.
    hop(&t, "lost", Forward, Decision::Deliver);
}

// ---------------------------------------------------------------------------------------------
// Internet gateway
// ---------------------------------------------------------------------------------------------

#[test]
fn igw_requires_public_ip() {
    // `nopub` sits in the public subnet but has no public address.
    let s = base()
        .instance("nopub", "pub", "10.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let t = tcp(&s, "nopub", "site", 443);
    assert_blocked(
        &t,
        Verdict::NoPublicAddress,
        "nopub",
        Kind::Instance,
        Forward,
        None,
    );
    // Nor can the internet reach it: there is no address to reach it at.
    assert_blocked(
        &tcp(&s, "laptop", "nopub", 443),
        Verdict::NoPublicAddress,
        "nopub",
        Kind::Instance,
        Forward,
        None,
    );
}

#[test]
fn igw_one_to_one_nat_translates_source() {
    let s = with_web().build();
    // Out: the gateway puts web's public address in place of its private one.
    let t = tcp(&s, "web", "site", 443);
    assert_established(&t);
    let out = hop(&t, "igw", Forward, Decision::Translate);
    assert_eq!(
        (out.packet.src, out.packet.dst),
        (addr("54.0.0.10"), addr("198.51.100.7"))
    );
    let arrived = at_internet_host(&t, Forward);
    assert_eq!(arrived.packet.src, ip("54.0.0.10"));
    // In: the client addresses the public IP; inside the VPC it is the private one.
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, ip("54.0.0.10"));
    let inbound = hop(&t, "igw", Forward, Decision::Translate);
    assert_eq!(
        (inbound.packet.src, inbound.packet.dst),
        (addr("203.0.113.10"), addr("10.0.0.10"))
    );
    // The reply leaves with the public address again.
    let back = hop(&t, "igw", Return, Decision::Translate);
    assert_eq!(
        (back.packet.src, back.packet.dst),
        (addr("54.0.0.10"), addr("203.0.113.10"))
    );
}

#[test]
fn igw_same_vpc_public_ip_hairpins_with_public_source() {
    // web connects to api's public address: out through the gateway and back in, arriving from
    // web's public address, so a rule for the VPC's private range does not match.
    let s = with_web()
        .sg(
            "api-sg",
            &["tcp 443 from 10.0.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("api", "pub", "10.0.0.20")
        .public_ip("54.0.0.20")
        .sgs(&["api-sg"])
        .listens(&["443"])
        .build();
    assert_established(&tcp(&s, "web", "api", 443)); // private address: stays inside
    let t = tcp(&s, "web", "54.0.0.20", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "api-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    assert_eq!(
        components(&t, Kind::InternetGateway)
            .iter()
            .filter(|(d, _)| *d == Forward)
            .count(),
        2,
        "out through the gateway and back in\n{}",
        explain(&t)
    );
    assert_eq!(
        hop(&t, "api-sg", Forward, Decision::Deny).packet.src,
        ip("54.0.0.10")
    );

    // Allowing web's public address fixes it, and the reply takes the same way back.
    let s = with_web()
        .sg(
            "api-sg",
            &["tcp 443 from 54.0.0.10/32"],
            &["all to 0.0.0.0/0"],
        )
        .instance("api", "pub", "10.0.0.20")
        .public_ip("54.0.0.20")
        .sgs(&["api-sg"])
        .listens(&["443"])
        .build();
    let t = tcp(&s, "web", "54.0.0.20", 443);
    assert_established(&t);
    let back: Vec<_> = components(&t, Kind::InternetGateway)
        .into_iter()
        .filter(|(d, _)| *d == Return)
        .collect();
    assert_eq!(back.len(), 2, "{}", explain(&t));
}

#[test]
fn igw_absent_nothing_reaches_from_internet() {
    // A VPC without an internet gateway: a public address on an interface is useless.
    let s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .subnet("a", "10.0.0.0/24")
        .sg("open", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .instance("x", "a", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["open"])
        .listens(&["443"])
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .build();
    let t = tcp(&s, "laptop", "x", 443);
    assert!(!t.verdict.is_established(), "{}", explain(&t));
    assert_eq!(t.verdict, Verdict::NoRoute, "{}", explain(&t));
    assert_eq!(t.blocked_by.as_ref().unwrap().direction, Forward);
}

// ---------------------------------------------------------------------------------------------
// NAT gateway
// ---------------------------------------------------------------------------------------------

#[test]
fn nat_gateway_translates_and_reroutes() {
    let s = with_nat().build();
    let t = tcp(&s, "app", "site", 443);
    assert_established(&t);
    // app's table sends the packet to the NAT gateway ...
    let first = hop(&t, "priv-rt", Forward, Decision::Forward);
    assert_eq!(first.rule_text().as_deref(), Some("0.0.0.0/0"));
    assert_eq!(first.packet.src, ip("10.0.1.10"));
    // ... which puts its own private address in place of the source ...
    let nat = hop(&t, "nat", Forward, Decision::Translate);
    assert_eq!(
        (nat.packet.src, nat.packet.dst),
        (addr("10.0.0.30"), addr("198.51.100.7"))
    );
    // ... and the NAT gateway's subnet table routes it again, to the internet gateway.
    let again = hop(&t, "pub-rt", Forward, Decision::Forward);
    assert_eq!(again.packet.src, ip("10.0.0.30"));
    let igw = hop(&t, "igw", Forward, Decision::Translate);
    assert_eq!(igw.packet.src, ip("54.0.0.30"));
    // The NAT gateway has no security group: no group hop carries its address.
    assert!(
        t.hops
            .iter()
            .all(|h| h.component.kind != Kind::SecurityGroup || h.packet.src != ip("10.0.0.30")),
        "{}",
        explain(&t)
    );
    // The order is route table, NAT gateway, route table, internet gateway.
    let order: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| h.direction == Forward)
        .filter(|h| {
            matches!(
                h.component.kind,
                Kind::RouteTable | Kind::NatGateway | Kind::InternetGateway
            )
        })
        .map(|h| h.component.id.as_str())
        .collect();
    assert_eq!(
        order,
        ["priv-rt", "nat", "pub-rt", "igw"],
        "{}",
        explain(&t)
    );
}

#[test]
fn nat_gateway_carries_ping_and_udp() {
    // A NAT gateway translates ICMP echo and UDP as well as TCP.
    let s = with_nat()
        .sg("out", &[], &["all to 0.0.0.0/0"])
        .instance("worker", "priv", "10.0.1.20")
        .sgs(&["out"])
        .build();
    let t = ping(&s, "worker", "198.51.100.7");
    assert_established(&t);
    assert_eq!(
        hop(&t, "nat", Forward, Decision::Translate).packet.src,
        ip("10.0.0.30")
    );
    let t = udp(&s, "worker", "198.51.100.53", 53);
    assert_established(&t);
    assert_eq!(at_internet_host(&t, Forward).packet.src, ip("54.0.0.30"));
}

#[test]
fn nat_gateway_ignores_interface_source_dest_check_flag() {
    // A NAT gateway forwards by design: even written with the check left on (the model's
    // default), its replies must be passed back to the private instance.
    let s = with_nat()
        .nat_gw_iface("nat", |i| i.source_dest_check = true)
        .build();
    assert_established(&tcp(&s, "app", "site", 443));
}

#[test]
fn nat_gateway_subnet_needs_igw_route() {
    // The NAT gateway sits in `priv2`, whose (main) table has no route to the internet gateway.
    let s = base()
        .subnet("priv2", "10.0.2.0/24")
        .nat_gw("nat", "priv2", "10.0.2.30", "54.0.0.30")
        .route_table("priv-rt", &["priv"])
        .route("priv-rt", "0.0.0.0/0", "nat:nat")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
        .build();
    let t = tcp(&s, "app", "site", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "vpc-main",
        Kind::RouteTable,
        Forward,
        Some("no matching route"),
    );
    // It got as far as the NAT gateway, which translated it.
    hop(&t, "nat", Forward, Decision::Translate);
}

#[test]
fn nat_gateway_never_admits_inbound() {
    let s = with_nat().build();
    for to in ["nat", "54.0.0.30"] {
        let t = tcp(&s, "laptop", to, 22);
        assert_blocked(
            &t,
            Verdict::DroppedByNatGateway,
            "nat",
            Kind::NatGateway,
            Forward,
            None,
        );
    }
    // Nor is the private instance behind it reachable from the internet.
    assert_blocked(
        &tcp(&s, "laptop", "app", 8080),
        Verdict::NoPublicAddress,
        "app",
        Kind::Instance,
        Forward,
        None,
    );
}

#[test]
fn nat_gateway_subnet_acl_inbound_applies() {
    // The NAT gateway's subnet denies inbound traffic from the private subnet (rule 50).
    let s = with_nat()
        .acl(
            "pub-acl",
            &["pub"],
            &["50 deny all 10.0.1.0/24", "100 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_blocked(
        &tcp(&s, "app", "site", 443),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Forward,
        Some("50"),
    );
    // And the reply from the internet enters the NAT gateway's subnet through the same ACL: it
    // must allow the NAT gateway's ports (1024-65535) inbound.
    let s = with_nat()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow all 10.0.0.0/16", "110 allow tcp 443 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_blocked(
        &tcp(&s, "app", "site", 443),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
}

// ---------------------------------------------------------------------------------------------
// Instances that forward: NAT instances and appliances
// ---------------------------------------------------------------------------------------------

fn with_nat_instance(check_off: bool) -> Sc {
    let sc = base()
        .sg(
            "natbox-sg",
            &["all from 10.0.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("natbox", "pub", "10.0.0.40")
        .public_ip("54.0.0.40")
        .sgs(&["natbox-sg"])
        .role(Role::NatInstance);
    let sc = if check_off { sc.no_src_dst_check() } else { sc };
    sc.route_table("priv-rt", &["priv"])
        .route("priv-rt", "0.0.0.0/0", "instance:natbox")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
}

#[test]
fn nat_instance_needs_source_dest_check_off() {
    let s = with_nat_instance(false).build();
    assert_blocked(
        &tcp(&s, "app", "site", 443),
        Verdict::SourceDestCheck,
        "natbox",
        Kind::Instance,
        Forward,
        None,
    );
    let s = with_nat_instance(true).build();
    let t = tcp(&s, "app", "site", 443);
    assert_established(&t);
    let nat = hop(&t, "natbox", Forward, Decision::Translate);
    assert_eq!(nat.packet.src, ip("10.0.0.40"));
    assert_eq!(
        hop(&t, "igw", Forward, Decision::Translate).packet.src,
        ip("54.0.0.40")
    );
    // A NAT instance has security groups, and they apply to the traffic it forwards.
    assert!(
        hops_at(&t, "natbox-sg")
            .iter()
            .any(|h| h.direction == Forward && h.decision() == Decision::Allow),
        "{}",
        explain(&t)
    );
}

#[test]
fn appliance_forwarding_source_dest_check() {
    // `client` routes everything through the firewall `fw`; `fw`'s subnet routes to the gateway.
    let sc = |check_off: bool| {
        let sc = base()
            .subnet("fw-net", "10.0.2.0/24")
            .route_table("fw-rt", &["fw-net"])
            .route("fw-rt", "0.0.0.0/0", "igw:igw")
            .sg("fw-sg", &["all from 10.0.0.0/16"], &["all to 0.0.0.0/0"])
            .instance("fw", "fw-net", "10.0.2.10")
            .sgs(&["fw-sg"])
            .role(Role::Appliance);
        let sc = if check_off { sc.no_src_dst_check() } else { sc };
        sc.route_table("client-rt", &["priv"])
            .route("client-rt", "0.0.0.0/0", "instance:fw")
            .instance("client", "priv", "10.0.1.10")
            .public_ip("54.0.0.11")
            .sgs(&["app-sg"])
            .build()
    };
    let s = sc(false);
    assert_blocked(
        &tcp(&s, "client", "site", 443),
        Verdict::SourceDestCheck,
        "fw",
        Kind::Instance,
        Forward,
        None,
    );
    let s = sc(true);
    let t = tcp(&s, "client", "site", 443);
    assert_established(&t);
    // The appliance forwards without translating: the source is still the client's.
    let fw = hop(&t, "fw", Forward, Decision::Forward);
    assert_eq!(
        (fw.packet.src, fw.packet.dst),
        (addr("10.0.1.10"), addr("198.51.100.7"))
    );
    assert_eq!(
        hop(&t, "igw", Forward, Decision::Translate).packet.src,
        ip("54.0.0.11")
    );
}

#[test]
fn routing_loop_ends_with_verdict() {
    // Two appliances with the check off, each subnet sending 0.0.0.0/0 to the other appliance.
    let s = base()
        .subnet("a-net", "10.0.2.0/24")
        .subnet("b-net", "10.0.3.0/24")
        .sg("fw-sg", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .instance("fw-a", "a-net", "10.0.2.10")
        .sgs(&["fw-sg"])
        .role(Role::Appliance)
        .no_src_dst_check()
        .instance("fw-b", "b-net", "10.0.3.10")
        .sgs(&["fw-sg"])
        .role(Role::Appliance)
        .no_src_dst_check()
        .route_table("a-rt", &["a-net"])
        .route("a-rt", "0.0.0.0/0", "instance:fw-b")
        .route_table("b-rt", &["b-net"])
        .route("b-rt", "0.0.0.0/0", "instance:fw-a")
        .route_table("client-rt", &["priv"])
        .route("client-rt", "0.0.0.0/0", "instance:fw-a")
        .instance("client", "priv", "10.0.1.10")
        .sgs(&["app-sg"])
        .build();
    let t = tcp(&s, "client", "site", 443);
    assert_eq!(t.verdict, Verdict::ForwardingLoop, "{}", explain(&t));
    let b = t.blocked_by.as_ref().expect("blocked_by");
    assert_eq!(b.direction, Forward);
    // It went back and forth between the two, and stopped.
    assert!(hops_at(&t, "fw-a").len() >= 2 && hops_at(&t, "fw-b").len() >= 2);
    assert!(t.hops.len() < 1000, "{} hops", t.hops.len());
}

// ---------------------------------------------------------------------------------------------
// VPC peering
// ---------------------------------------------------------------------------------------------

/// VPCs a (10.1.0.0/16), b (10.2.0.0/16) and c (10.3.0.0/16); pcx-ab joins a and b, pcx-bc
/// joins b and c. Each VPC has one subnet and one instance `<vpc>1` at .1.10 in group
/// `<vpc>-sg`, which admits tcp/22 from 10.0.0.0/8. Routes: none yet beyond local.
fn three_vpcs() -> Sc {
    let mut sc = Sc::new();
    for (v, n) in [("a", 1), ("b", 2), ("c", 3)] {
        sc = sc
            .vpc(v, &format!("10.{n}.0.0/16"))
            .subnet(&format!("{v}-net"), &format!("10.{n}.1.0/24"))
            .sg(
                &format!("{v}-sg"),
                &["tcp 22 from 10.0.0.0/8"],
                &["all to 0.0.0.0/0"],
            )
            .instance(
                &format!("{v}1"),
                &format!("{v}-net"),
                &format!("10.{n}.1.10"),
            )
            .sgs(&[&format!("{v}-sg")])
            .listens(&["22"]);
    }
    sc.peering("pcx-ab", "a", "b").peering("pcx-bc", "b", "c")
}

#[test]
fn peering_delivers_to_peer_cidr() {
    let s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .build();
    let t = tcp(&s, "a1", "b1", 22);
    assert_established(&t);
    assert_eq!(t.flow.dst, ip("10.2.1.10"), "peered: private address");
    hop(&t, "pcx-ab", Forward, Decision::Forward);
    // The peer's ACL applies to traffic arriving over the peering.
    let s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .in_vpc("b")
        .acl(
            "b-net-acl",
            &["b-net"],
            &["100 deny tcp 22 10.1.0.0/16", "200 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_blocked(
        &tcp(&s, "a1", "b1", 22),
        Verdict::DroppedByNetworkAcl,
        "b-net-acl",
        Kind::NetworkAcl,
        Forward,
        Some("100"),
    );
}

#[test]
fn peering_route_beyond_peer_cidr_is_not_delivered() {
    // a routes all of 10.0.0.0/8 to the peering, but b holds only 10.2.0.0/16.
    let s = three_vpcs()
        .route("a-main", "10.0.0.0/8", "pcx:pcx-ab")
        .build();
    assert_blocked(
        &tcp(&s, "a1", "10.7.1.10", 22),
        Verdict::NotTransitive,
        "pcx-ab",
        Kind::PeeringConnection,
        Forward,
        None,
    );
}

#[test]
fn peering_is_not_transitive() {
    // a—b and b—c are peered, with routes everywhere; a still cannot reach c through b.
    let s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("a-main", "10.3.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.3.0.0/16", "pcx:pcx-bc")
        .route("c-main", "10.2.0.0/16", "pcx:pcx-bc")
        .route("c-main", "10.1.0.0/16", "pcx:pcx-bc")
        .build();
    assert_established(&tcp(&s, "a1", "b1", 22));
    assert_established(&tcp(&s, "b1", "c1", 22));
    assert_blocked(
        &tcp(&s, "a1", "10.3.1.10", 22),
        Verdict::NotTransitive,
        "pcx-ab",
        Kind::PeeringConnection,
        Forward,
        None,
    );
}

#[test]
fn peering_needs_route_back() {
    // a routes to b, but b has no route back to a.
    let s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .build();
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "b-main",
        Kind::RouteTable,
        Return,
        Some("no matching route"),
    );
    hop(&t, "b1", Forward, Decision::Deliver);
}

#[test]
fn peering_inactive_carries_nothing() {
    // A peering that was never accepted: the route to it carries nothing.
    let mut s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .build();
    s.peerings[0].active = false;
    let t = tcp(&s, "a1", "10.2.1.10", 22);
    assert_eq!(t.verdict, Verdict::BlackholeRoute, "{}", explain(&t));
    assert_eq!(t.blocked_by.as_ref().unwrap().id, "pcx-ab");
}

#[test]
fn peering_no_edge_to_edge_routing() {
    // b has an internet gateway; a sends its internet traffic over the peering to use it. AWS
    // does not carry it: a peering delivers only to addresses of the peer VPC.
    let s = three_vpcs()
        .in_vpc("b")
        .igw("b-igw")
        .route("b-main", "0.0.0.0/0", "igw:b-igw")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("a-main", "0.0.0.0/0", "pcx:pcx-ab")
        .build();
    assert_established(&tcp(&s, "a1", "b1", 22));
    assert_blocked(
        &tcp(&s, "a1", "198.51.100.7", 443),
        Verdict::NotTransitive,
        "pcx-ab",
        Kind::PeeringConnection,
        Forward,
        None,
    );
}

#[test]
fn peering_group_reference_across_peer() {
    // b1's group admits ssh from members of a-ops, a group of the peer VPC.
    let s = three_vpcs()
        .route("a-main", "10.2.0.0/16", "pcx:pcx-ab")
        .route("b-main", "10.1.0.0/16", "pcx:pcx-ab")
        .in_vpc("a")
        .sg("a-ops", &[], &["all to 0.0.0.0/0"])
        .instance("ops", "a-net", "10.1.1.20")
        .sgs(&["a-ops"])
        .in_vpc("b")
        .sg("b-ssh", &["tcp 22 from sg:a-ops"], &["all to 0.0.0.0/0"])
        .instance("b2", "b-net", "10.2.1.20")
        .sgs(&["b-ssh"])
        .listens(&["22"])
        .build();
    assert_established(&tcp(&s, "ops", "b2", 22));
    assert_blocked(
        &tcp(&s, "a1", "b2", 22),
        Verdict::DroppedBySecurityGroup,
        "b-ssh",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

// ---------------------------------------------------------------------------------------------
// Ephemeral ports, listeners, protocols
// ---------------------------------------------------------------------------------------------

#[test]
fn ephemeral_ranges_per_os_linux_windows_nat_lb() {
    // Replies may leave `pub` for the internet only to 32768-60999 (the Linux range).
    let s = with_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow all 0.0.0.0/0"],
            &[
                "110 allow all 10.0.0.0/16",
                "120 allow tcp 32768-60999 0.0.0.0/0",
            ],
        )
        .internet_host("winbox", "203.0.113.20", Os::Windows)
        .internet_host("anybox", "203.0.113.30", Os::Any)
        .build();
    // Linux: 32768-60999, all allowed.
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    assert_eq!(t.flow.src_port.to_string(), "32768-60999");
    // Windows: 49152-65535, of which 49152-60999 work.
    let t = tcp(&s, "winbox", "web", 443);
    assert_eq!(t.verdict, Verdict::DependsOnSourcePort, "{}", explain(&t));
    let p = t.source_ports.as_ref().unwrap();
    assert_eq!(
        (p.range.as_str(), p.working.as_str()),
        ("49152-65535", "49152-60999")
    );
    // Unknown OS: 1024-65535.
    let t = tcp(&s, "anybox", "web", 443);
    let p = t.source_ports.as_ref().expect("depends on source port");
    assert_eq!(
        (p.range.as_str(), p.working.as_str()),
        ("1024-65535", "32768-60999")
    );

    // A NAT gateway picks its own port, 1024-65535: its subnet must let replies in to all of it.
    let s = with_nat()
        .acl(
            "pub-acl",
            &["pub"],
            &[
                "100 allow all 10.0.0.0/16",
                "110 allow tcp 32768-65535 0.0.0.0/0",
            ],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "app", "site", 443);
    assert_blocked(
        &t,
        Verdict::DependsOnSourcePort,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
    let p = t.source_ports.as_ref().unwrap();
    assert!(p.picked_by.contains("nat"), "{}", p.picked_by);
    assert_eq!(
        (p.range.as_str(), p.working.as_str()),
        ("1024-65535", "32768-65535")
    );

    // A load balancer node also picks 1024-65535 for its connection to the target.
    let s = alb_scenario(&["app1"])
        .acl(
            "app-acl",
            &["app-net"],
            &["100 allow all 0.0.0.0/0"],
            &["100 allow tcp 32768-65535 10.0.0.0/16"],
        )
        .build();
    let t = tcp(&s, "laptop", "alb", 443);
    assert_eq!(t.verdict, Verdict::DependsOnSourcePort, "{}", explain(&t));
    let b = t.blocked_by.as_ref().unwrap();
    assert_eq!((b.id.as_str(), b.leg, b.direction), ("app-acl", 2, Return));
    let p = t.source_ports.as_ref().unwrap();
    assert_eq!(
        (p.range.as_str(), p.working.as_str()),
        ("1024-65535", "32768-65535")
    );

    // A Windows instance as the client picks 49152-65535.
    let s = with_web()
        .acl(
            "priv-acl",
            &["priv"],
            &["100 allow tcp 32768-60999 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .sg("out", &[], &["all to 0.0.0.0/0"])
        .instance("win", "priv", "10.0.1.50")
        .os(Os::Windows)
        .sgs(&["out"])
        .build();
    let t = tcp(&s, "win", "web", 443);
    let p = t.source_ports.as_ref().expect("depends on source port");
    assert_eq!(
        (p.range.as_str(), p.working.as_str()),
        ("49152-65535", "49152-60999")
    );
}

#[test]
fn refused_when_nobody_listens_vs_dropped() {
    let s = base()
        .sg(
            "srv-sg",
            &["tcp 443 from 0.0.0.0/0", "tcp 8443 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .instance("srv", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["srv-sg"])
        .listens(&["443"])
        .build();
    assert_established(&tcp(&s, "laptop", "srv", 443));
    // Allowed through, but nothing listens: a reset, refused.
    let t = tcp(&s, "laptop", "srv", 8443);
    assert_blocked(&t, Verdict::Refused, "srv", Kind::Instance, Forward, None);
    hop(&t, "srv", Forward, Decision::Refuse);
    // Not allowed through: a drop (time-out), by the security group.
    assert_blocked(
        &tcp(&s, "laptop", "srv", 22),
        Verdict::DroppedBySecurityGroup,
        "srv-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn database_listens_on_engine_port() {
    let s = with_web()
        .sg("db-sg", &["tcp 0-65535 from sg:web-sg"], &[])
        .database("pg", Engine::Postgres, "priv", "10.0.1.30")
        .sgs(&["db-sg"])
        .build();
    assert_established(&tcp(&s, "web", "pg", 5432));
    assert_blocked(
        &tcp(&s, "web", "pg", 3306),
        Verdict::Refused,
        "pg",
        Kind::Database,
        Forward,
        None,
    );
}

#[test]
fn interface_endpoint_answers_its_service_port_behind_its_group() {
    // `ssm` is an interface endpoint with an interface in each of two zones; its group admits
    // tcp/443 from `priv` only, as AWS advises (the VPC's block, here narrowed to one subnet).
    let sc = |inbound: &[&str]| {
        let mut s = base()
            .subnet_in("priv-b", "10.0.2.0/24", "ap-northeast-2b")
            .sg("vpce-sg", inbound, &[])
            .instance("ssm", "priv", "10.0.1.50")
            .sgs(&["vpce-sg"])
            .listens(&["443"])
            .role(Role::InterfaceEndpoint)
            .instance("app", "priv", "10.0.1.10")
            .sgs(&["app-sg"])
            .instance("web", "pub", "10.0.0.10")
            .sgs(&["web-sg"])
            .build();
        let mut second = s.instances[0].interfaces[0].clone();
        (second.id, second.subnet) = ("ssm-eni-b".into(), "priv-b".into());
        second.private_ip = ip("10.0.2.50");
        s.instances[0].interfaces.push(second);
        assert!(vpc_playground::scenario::validate(&s).is_empty());
        s
    };
    let s = sc(&["tcp 443 from 10.0.1.0/24"]);
    assert_established(&tcp(&s, "app", "ssm", 443));
    // Its interface in the other zone answers the same way.
    assert_established(&tcp(&s, "app", "ssm-eni-b", 443));
    // A client its group does not admit is dropped there.
    assert_blocked(
        &tcp(&s, "web", "ssm", 443),
        Verdict::DroppedBySecurityGroup,
        "vpce-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    // Admitted on another port, nothing listens there: the endpoint answers with a reset; and
    // it does not answer ping.
    let s = sc(&["all from 10.0.0.0/16"]);
    let t = tcp(&s, "app", "ssm", 8443);
    assert_blocked(&t, Verdict::Refused, "ssm", Kind::Instance, Forward, None);
    hop(&t, "ssm", Forward, Decision::Refuse);
    let t = ping(&s, "app", "ssm");
    assert_blocked(&t, Verdict::Refused, "ssm", Kind::Instance, Forward, None);
    // It starts no connections: the reachability matrix traces none from it.
    let net = vpc_playground::engine::Network::new(&s);
    let m = vpc_playground::engine::matrix::matrix(&net, &["443".parse().unwrap()]);
    let at = |id: &str| m.endpoints.iter().position(|e| e.id == id).unwrap();
    let (ssm, app) = (at("ssm"), at("app"));
    assert_eq!(m.get(app, ssm, 0).unwrap().verdict, Verdict::Established);
    assert!(m.get(ssm, app, 0).is_none());
}

#[test]
fn aws_imported_eni_listens_everywhere() {
    // Listeners unknown (Listening::Any, as for imported instances): every port counts as open.
    let s = base()
        .sg("open", &["all from 10.0.0.0/16"], &["all to 0.0.0.0/0"])
        .instance("client", "pub", "10.0.0.10")
        .sgs(&["open"])
        .instance("imported", "priv", "10.0.1.10")
        .sgs(&["open"])
        .listens_any()
        .build();
    for port in [22, 443, 5432, 31337] {
        assert_established(&tcp(&s, "client", "imported", port));
    }
    assert_established(&udp(&s, "client", "imported", 53));
}

#[test]
fn icmp_echo_reply_stateful() {
    // pinger's group allows nothing in; target's allows ICMP in and nothing out.
    let sc = || {
        base()
            .sg("pinger-sg", &[], &["all to 0.0.0.0/0"])
            .sg("target-sg", &["icmp from 10.0.0.0/16"], &[])
            .instance("pinger", "pub", "10.0.0.10")
            .sgs(&["pinger-sg"])
            .instance("target", "priv", "10.0.1.10")
            .sgs(&["target-sg"])
    };
    let s = sc().build();
    let t = ping(&s, "pinger", "target");
    assert_established(&t);
    assert_eq!(
        hop(&t, "target-sg", Return, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("tracked connection")
    );
    // The reverse ping is not allowed in by pinger's group.
    assert_blocked(
        &ping(&s, "target", "pinger"),
        Verdict::DroppedBySecurityGroup,
        "target-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    // ACLs are stateless: allowing only echo requests (type 8) into pinger's subnet drops the
    // echo reply (type 0) on its way back.
    let s = sc()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow icmp:8 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_blocked(
        &ping(&s, "pinger", "target"),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
    // A group that allows only tcp does not let ICMP in.
    let s = base()
        .sg(
            "ssh-only",
            &["tcp 22 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .instance("pinger", "pub", "10.0.0.10")
        .sgs(&["ssh-only"])
        .instance("target", "priv", "10.0.1.10")
        .sgs(&["ssh-only"])
        .build();
    assert_blocked(
        &ping(&s, "pinger", "target"),
        Verdict::DroppedBySecurityGroup,
        "ssh-only",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn udp_flow() {
    let sc = |client_acl_in: &[&str]| {
        base()
            .sg(
                "dns-sg",
                &["udp 53 from 10.0.0.0/16"],
                &["all to 0.0.0.0/0"],
            )
            .sg("client-sg", &[], &["all to 0.0.0.0/0"])
            .instance("dns", "priv", "10.0.1.53")
            .sgs(&["dns-sg"])
            .listens(&["udp/53"])
            .instance("client", "pub", "10.0.0.10")
            .sgs(&["client-sg"])
            .acl(
                "pub-acl",
                &["pub"],
                client_acl_in,
                &["100 allow all 0.0.0.0/0"],
            )
            .build()
    };
    let s = sc(&["100 allow all 0.0.0.0/0"]);
    assert_established(&udp(&s, "client", "dns", 53));
    // tcp/53 is not allowed by a udp rule.
    assert_blocked(
        &tcp(&s, "client", "dns", 53),
        Verdict::DroppedBySecurityGroup,
        "dns-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    // The client's ACL lets in tcp replies only: the udp reply is dropped on its way back.
    let s = sc(&["100 allow tcp 1024-65535 0.0.0.0/0"]);
    assert_blocked(
        &udp(&s, "client", "dns", 53),
        Verdict::DroppedByNetworkAcl,
        "pub-acl",
        Kind::NetworkAcl,
        Return,
        Some("*"),
    );
    let s = sc(&["100 allow udp 1024-65535 0.0.0.0/0"]);
    assert_established(&udp(&s, "client", "dns", 53));
}

// ---------------------------------------------------------------------------------------------
// Load balancers and proxies
// ---------------------------------------------------------------------------------------------

/// `base()` plus subnets `pub-b` (10.0.2.0/24, zone b, on pub-rt) and `app-net`
/// (10.0.10.0/24), an internet-facing ALB `alb` with nodes in `pub` and `pub-b` (group alb-sg:
/// tcp 443 in from anywhere, tcp 8080 out to the VPC) forwarding 443 to `targets` on 8080, and
/// app instances `app1` (10.0.10.10) and `app2` (10.0.10.11) in app-tg (tcp 8080 from alb-sg).
fn alb_scenario(targets: &[&str]) -> Sc {
    base()
        .subnet_in("pub-b", "10.0.2.0/24", "ap-northeast-2b")
        .associate("pub-rt", "pub-b")
        .subnet("app-net", "10.0.10.0/24")
        .sg(
            "alb-sg",
            &["tcp 443 from 0.0.0.0/0"],
            &["tcp 8080 to 10.0.0.0/16"],
        )
        .sg(
            "app-tg",
            &["tcp 8080 from sg:alb-sg"],
            &["all to 0.0.0.0/0"],
        )
        .alb(
            "alb",
            &[
                ("pub", "10.0.0.100", "54.0.0.100"),
                ("pub-b", "10.0.2.100", "54.0.2.100"),
            ],
            &["alb-sg"],
            443,
            8080,
            targets,
        )
        .instance("app1", "app-net", "10.0.10.10")
        .sgs(&["app-tg"])
        .listens(&["8080"])
        .instance("app2", "app-net", "10.0.10.11")
        .sgs(&["app-tg"])
        .listens(&["8080"])
}

#[test]
fn alb_two_legs_and_healthy_target() {
    let s = alb_scenario(&["app1"]).build();
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, ip("54.0.0.100"));
    // Leg 1 ends at the load balancer; leg 2 starts from its node to the target on 8080.
    let lb = hop(&t, "alb", Forward, Decision::Deliver);
    assert_eq!(lb.leg, 1);
    let delivered = hop(&t, "app1", Forward, Decision::Deliver);
    assert_eq!(delivered.leg, 2);
    assert_eq!(
        delivered.packet.src,
        ip("10.0.0.100"),
        "the target sees the node's address"
    );
    assert_eq!(delivered.packet.dst_port.to_string(), "8080");
    assert!(t.hops.iter().any(|h| h.leg == 2 && h.direction == Return));
    // The client cannot skip the load balancer: app1 has no public address, and its group
    // admits only the load balancer.
    let s2 = alb_scenario(&["app1"])
        .instance("direct", "pub", "10.0.0.77")
        .sgs(&["web-sg"])
        .build();
    assert_blocked(
        &tcp(&s2, "direct", "app1", 8080),
        Verdict::DroppedBySecurityGroup,
        "app-tg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn alb_unhealthy_target_skipped() {
    // `bad` does not admit the load balancer: the health check fails and `app2` takes the leg.
    let s = alb_scenario(&["bad", "app2"])
        .sg(
            "bad-sg",
            &["tcp 8080 from 192.168.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("bad", "app-net", "10.0.10.20")
        .sgs(&["bad-sg"])
        .listens(&["8080"])
        .build();
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    hop(&t, "app2", Forward, Decision::Deliver);
    assert!(
        hops_at(&t, "bad").is_empty() && hops_at(&t, "bad-sg").is_empty(),
        "{}",
        explain(&t)
    );
    // With no healthy target at all, the second leg fails at the target's group.
    let s = alb_scenario(&["bad"])
        .sg(
            "bad-sg",
            &["tcp 8080 from 192.168.0.0/16"],
            &["all to 0.0.0.0/0"],
        )
        .instance("bad", "app-net", "10.0.10.20")
        .sgs(&["bad-sg"])
        .listens(&["8080"])
        .build();
    let t = tcp(&s, "laptop", "alb", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "bad-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    assert_eq!(t.blocked_by.as_ref().unwrap().leg, 2);
}

#[test]
fn alb_health_check_port_decides_health() {
    // Rule: a target is healthy when the load balancer node connects to it on the target
    // group's health-check port (the traffic port unless set); traffic still goes to the
    // traffic port of a healthy target.
    let mut s = alb_scenario(&["app1", "app2"])
        .sg("hc-out", &[], &["tcp 9000 to 10.0.10.0/24"])
        .sg("hc-in", &["tcp 9000 from sg:alb-sg"], &[])
        .build();
    s.load_balancers[0]
        .nodes
        .iter_mut()
        .for_each(|n| n.security_groups.push("hc-out".into()));
    for i in &mut s.instances {
        if i.id == "app1" || i.id == "app2" {
            i.interfaces[0].security_groups.push("hc-in".into());
        }
    }
    // Only app2 answers on 9000.
    let app2 = s.instances.iter_mut().find(|i| i.id == "app2").unwrap();
    app2.listens = Listening::Ports(vec!["8080".parse().unwrap(), "9000".parse().unwrap()]);
    s.load_balancers[0].target_groups[0].health_check_port = Some(9000);
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    let delivered = hop(&t, "app2", Forward, Decision::Deliver);
    assert_eq!(delivered.packet.dst_port.to_string(), "8080");
    assert!(hops_at(&t, "app1").is_empty(), "{}", explain(&t));

    let net = vpc_playground::engine::Network::new(&s);
    let health = vpc_playground::engine::health::target_health(&net, 0, 0);
    assert_eq!(health.len(), 2);
    assert_eq!(
        (
            health[0].target.as_str(),
            health[0].port,
            health[0].check_port
        ),
        ("app1", 8080, 9000)
    );
    match &health[0].health {
        vpc_playground::engine::health::Health::Unhealthy(t) => {
            assert_eq!(t.verdict, Verdict::Refused, "{}", explain(t))
        }
        other => panic!("app1 should be unhealthy, got {other:?}"),
    }
    assert!(health[1].health.is_healthy());
}

#[test]
fn reverse_proxy_opens_second_leg() {
    // nginx on `proxy` accepts 443 and opens a new connection to app:8080.
    let sc = |app_rule: &str| {
        base()
            .sg(
                "proxy-sg",
                &["tcp 443 from 0.0.0.0/0"],
                &["all to 0.0.0.0/0"],
            )
            .sg("upstream-sg", &[app_rule], &["all to 0.0.0.0/0"])
            .instance("proxy", "pub", "10.0.0.10")
            .public_ip("54.0.0.10")
            .sgs(&["proxy-sg"])
            .upstream(443, "app", 8080)
            .instance("app", "priv", "10.0.1.10")
            .sgs(&["upstream-sg"])
            .listens(&["8080"])
            .build()
    };
    let s = sc("tcp 8080 from sg:proxy-sg");
    let t = tcp(&s, "laptop", "proxy", 443);
    assert_established(&t);
    hop(&t, "proxy", Forward, Decision::Deliver);
    let up = hop(&t, "app", Forward, Decision::Deliver);
    assert_eq!(up.leg, 2);
    assert_eq!(
        up.packet.src,
        ip("10.0.0.10"),
        "the upstream sees the proxy, not the laptop"
    );
    // Allowing the laptop on the app does not help: the app never sees the laptop.
    let s = sc("tcp 8080 from 203.0.113.10/32");
    let t = tcp(&s, "laptop", "proxy", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "upstream-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    assert_eq!(t.blocked_by.as_ref().unwrap().leg, 2);
}

// ---------------------------------------------------------------------------------------------
// Gateway endpoints, endpoints, reporting
// ---------------------------------------------------------------------------------------------

#[test]
fn gateway_endpoint_prefix_list_route() {
    // priv has no internet route, only the S3 prefix list through a gateway endpoint.
    let sc = |sg_out: &str| {
        base()
            .prefix_list("pl-s3", &["52.92.0.0/17", "3.5.0.0/19"])
            .gateway_endpoint("vpce-s3", "pl-s3")
            .route_table("priv-rt", &["priv"])
            .route("priv-rt", "pl:pl-s3", "vpce:vpce-s3")
            .sg("worker-sg", &[], &[sg_out])
            .instance("worker", "priv", "10.0.1.10")
            .sgs(&["worker-sg"])
            .build()
    };
    let s = sc("tcp 443 to pl:pl-s3");
    let t = tcp(&s, "worker", "52.92.3.4", 443);
    assert_established(&t);
    assert_eq!(
        hop(&t, "priv-rt", Forward, Decision::Forward)
            .rule_text()
            .as_deref(),
        Some("pl-s3")
    );
    assert!(
        hops_at(&t, "vpce-s3")
            .iter()
            .any(|h| h.decision() == Decision::Deliver),
        "{}",
        explain(&t)
    );
    // Outside the prefix list there is no route.
    let open = sc("all to 0.0.0.0/0");
    assert_blocked(
        &tcp(&open, "worker", "site", 443),
        Verdict::NoRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        Some("no matching route"),
    );
    // The security group must allow the prefix list outbound.
    let s = sc("tcp 443 to 10.0.0.0/16");
    assert_blocked(
        &tcp(&s, "worker", "52.92.3.4", 443),
        Verdict::DroppedBySecurityGroup,
        "worker-sg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn no_host_when_nobody_holds_the_address() {
    let s = with_web().build();
    let t = tcp(&s, "web", "10.0.1.99", 443);
    assert_eq!(t.verdict, Verdict::NoHost, "{}", explain(&t));
    assert_eq!(t.blocked_by.as_ref().unwrap().id, "vpc");
}

#[test]
fn verdict_names_deciding_rule() {
    let s = with_web()
        .acl(
            "priv-acl",
            &["priv"],
            &["90 deny tcp 5432 10.0.0.0/24", "100 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .sg(
            "db-sg",
            &["tcp 22 from 10.0.0.0/16", "tcp 5432-5433 from sg:web-sg"],
            &["all to 0.0.0.0/0"],
        )
        .instance("db", "priv", "10.0.1.20")
        .sgs(&["db-sg"])
        .listens(&["5432", "5433"])
        .route_table("priv-rt", &["priv"])
        .blackhole_route("priv-rt", "172.16.0.0/12", "pcx:pcx-gone")
        .build_unvalidated(); // pcx-gone is gone: see validation_accepts_blackhole_route...
                              // ACL: the rule number.
    let t = tcp(&s, "web", "db", 5432);
    assert_eq!(
        t.blocked_by.as_ref().unwrap().rule_text().as_deref(),
        Some("90")
    );
    // Security group: the allowing rule's index (1-based) in its list.
    let t = tcp(&s, "web", "db", 5433);
    assert_established(&t);
    assert_eq!(
        hop(&t, "db-sg", Forward, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("inbound #2")
    );
    assert_eq!(
        hop(&t, "web-sg", Forward, Decision::Allow)
            .rule_text()
            .as_deref(),
        Some("outbound #1")
    );
    // ... and "no matching rule" when none allows.
    let t = tcp(&s, "web", "db", 6379);
    assert_eq!(
        t.blocked_by.as_ref().unwrap().rule_text().as_deref(),
        Some("no matching rule")
    );
    // Routes: the destination of the matching route.
    let t = tcp(&s, "db", "172.20.0.5", 443);
    assert_blocked(
        &t,
        Verdict::BlackholeRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        Some("172.16.0.0/12"),
    );
    // Every hop that allowed or denied names a rule.
    let t = tcp(&s, "web", "db", 5433);
    for h in &t.hops {
        if matches!(h.decision(), Decision::Allow | Decision::Deny) {
            assert!(h.rule().is_some(), "hop without rule: {h:?}");
        }
    }
}

#[test]
fn trace_hops_record_translated_addresses() {
    let s = with_nat().build();
    let t = tcp(&s, "app", "site", 443);
    assert_established(&t);
    let src_ports = |h: &vpc_playground::engine::Hop| h.packet.src_port.to_string();
    // Before the NAT gateway: app's address and its Linux ephemeral range.
    let before = hop(&t, "priv-rt", Forward, Decision::Forward);
    assert_eq!(before.packet.src, ip("10.0.1.10"));
    assert_eq!(src_ports(before), "32768-60999");
    // After it: the NAT gateway's private address and its own port range.
    let nat = hop(&t, "nat", Forward, Decision::Translate);
    assert_eq!(nat.packet.src, ip("10.0.0.30"));
    assert_eq!(src_ports(nat), "1024-65535");
    // On the internet: the NAT gateway's Elastic IP.
    assert_eq!(at_internet_host(&t, Forward).packet.src, ip("54.0.0.30"));
    // The reply comes back to the Elastic IP, is translated to the NAT's private address by the
    // internet gateway, and back to app's address by the NAT gateway.
    let igw_back = hop(&t, "igw", Return, Decision::Translate);
    assert_eq!(
        (igw_back.packet.src, igw_back.packet.dst),
        (addr("198.51.100.7"), addr("10.0.0.30"))
    );
    let nat_back = hop(&t, "nat", Return, Decision::Translate);
    assert_eq!(nat_back.packet.dst, ip("10.0.1.10"));
    assert_eq!(nat_back.packet.dst_port.to_string(), "32768-60999");
    let home = hop(&t, "app", Return, Decision::Deliver);
    assert_eq!(
        (home.packet.src, home.packet.dst),
        (addr("198.51.100.7"), addr("10.0.1.10"))
    );
}

#[test]
fn endpoint_address_private_inside_public_from_internet() {
    // The CLI contract: an instance is reached at its private address from its own VPC and at
    // its public address from the internet.
    let s = with_web()
        .sg("out", &[], &["all to 0.0.0.0/0"])
        .instance("inside", "priv", "10.0.1.10")
        .sgs(&["out"])
        .build();
    assert_eq!(tcp(&s, "inside", "web", 443).flow.dst, ip("10.0.0.10"));
    assert_eq!(tcp(&s, "laptop", "web", 443).flow.dst, ip("54.0.0.10"));
    // An address outside every VPC is a host on the internet, even if not in the scenario.
    let t = tcp(&s, "web", "192.0.2.200", 443);
    assert_established(&t);
    let t = tcp(&s, "192.0.2.200", "web", 443);
    assert_established(&t);
}

// ---------------------------------------------------------------------------------------------
// Transit gateways
// ---------------------------------------------------------------------------------------------

/// `three_vpcs()` with transit gateway `tgw`: attachments `att-a` (subnet a-net) and `att-b`
/// (subnet b-net), both associated with table `tgw-rt` and propagating into it; a and b send
/// 10.0.0.0/8 to the gateway.
fn hub() -> vpc_playground::model::Scenario {
    use vpc_playground::model::{TgwAttachment, TgwRouteTable, TransitGateway};
    let mut s = three_vpcs()
        .route("a-main", "10.0.0.0/8", "tgw:tgw")
        .route("b-main", "10.0.0.0/8", "tgw:tgw")
        .build();
    let attachment = |v: &str| TgwAttachment {
        id: format!("att-{v}"),
        name: String::new(),
        vpc: v.into(),
        subnets: vec![format!("{v}-net")],
        route_table: Some("tgw-rt".into()),
        propagates_to: vec!["tgw-rt".into()],
    };
    s.transit_gateways.push(TransitGateway {
        id: "tgw".into(),
        name: "hub".into(),
        attachments: vec![attachment("a"), attachment("b")],
        route_tables: vec![TgwRouteTable {
            id: "tgw-rt".into(),
            name: String::new(),
            routes: Vec::new(),
        }],
        peerings: Vec::new(),
    });
    s
}

#[test]
fn tgw_associated_route_table_decides_with_propagated_routes() {
    let s = hub();
    let t = tcp(&s, "a1", "b1", 22);
    assert_established(&t);
    assert_eq!(
        t.flow.dst,
        ip("10.2.1.10"),
        "joined by a TGW: private address"
    );
    hop(&t, "tgw", Forward, Decision::Forward);
    hop(&t, "tgw-rt", Forward, Decision::Forward);
    hop(&t, "tgw-rt", Return, Decision::Forward);
    // c is attached to nothing: the table has no route to it.
    let t = tcp(&s, "a1", "10.3.1.10", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "tgw-rt",
        Kind::TransitGatewayRouteTable,
        Forward,
        Some("no matching route"),
    );
}

#[test]
fn tgw_attachment_serves_only_its_availability_zones() {
    let mut s = hub();
    let a_net = s.subnets.iter_mut().find(|x| x.id == "a-net").unwrap();
    a_net.az = "ap-northeast-2c".into();
    let mut other = a_net.clone();
    other.id = "a-net-2a".into();
    other.cidr = "10.1.2.0/24".parse().unwrap();
    other.az = "ap-northeast-2a".into();
    s.subnets.push(other);
    s.instances[0].interfaces[0].subnet = "a-net-2a".into();
    s.instances[0].interfaces[0].private_ip = ip("10.1.2.10");
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "tgw",
        Kind::TransitGateway,
        Forward,
        Some("no attachment subnet in ap-northeast-2a"),
    );
    assert!(explain(&t).contains("ap-northeast-2a"), "{}", explain(&t));
    let ko = vpc_playground::engine::explain::ko::summary(&t);
    assert!(ko.contains("가용 영역(ap-northeast-2a)"), "{ko}");
}

#[test]
fn tgw_static_route_wins_over_propagated_and_blackhole_drops() {
    use vpc_playground::model::TgwRoute;
    let mut s = hub();
    s.transit_gateways[0].route_tables[0].routes.push(TgwRoute {
        destination: "10.2.0.0/16".parse().unwrap(),
        attachment: None,
    });
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::BlackholeRoute,
        "tgw-rt",
        Kind::TransitGatewayRouteTable,
        Forward,
        Some("10.2.0.0/16"),
    );
    // A longer propagated block still wins over a shorter static one.
    s.transit_gateways[0].route_tables[0].routes[0].destination = "10.0.0.0/8".parse().unwrap();
    assert_established(&tcp(&s, "a1", "b1", 22));
}

#[test]
fn tgw_attachment_without_association_drops() {
    let mut s = hub();
    s.transit_gateways[0].attachments[0].route_table = None;
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "tgw",
        Kind::TransitGateway,
        Forward,
        Some("no associated route table"),
    );
    assert!(explain(&t).contains("associated with no route table"));
    let ko = vpc_playground::engine::explain::ko::summary(&t);
    assert!(ko.contains("라우팅 테이블과도 연결되어 있지 않아"), "{ko}");
}

#[test]
fn tgw_attachment_subnet_acl_applies_to_what_comes_out_of_the_gateway() {
    let s = hub();
    // The attachment subnet is the destination's subnet: its inbound rules apply once.
    let mut denied = s.clone();
    let acl = three_vpcs()
        .in_vpc("b")
        .acl(
            "b-net-acl",
            &["b-net"],
            &["100 deny tcp 22 10.1.0.0/16", "200 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    denied.network_acls = acl.network_acls;
    let t = tcp(&denied, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "b-net-acl",
        Kind::NetworkAcl,
        Forward,
        Some("100"),
    );
    let site = t.deciding_hop().and_then(|h| h.site.clone());
    let side = vpc_playground::engine::Side::Entering;
    assert_eq!(
        site.map(|s| (s.part, s.side)),
        Some(("b-net".to_string(), side))
    );
}

// ---------------------------------------------------------------------------------------------
// Network load balancers
// ---------------------------------------------------------------------------------------------

/// `alb_scenario(targets)` with the load balancer made a network load balancer: a TCP listener
/// on 443 to a TCP target group, and no security group on its nodes (the default).
fn nlb(targets: &[&str]) -> Scenario {
    let mut s = alb_scenario(targets).build();
    let lb = &mut s.load_balancers[0];
    lb.kind = LbKind::Network;
    lb.listeners[0].protocol = LbProtocol::Tcp;
    lb.target_groups[0].protocol = LbProtocol::Tcp;
    lb.nodes.iter_mut().for_each(|n| n.security_groups.clear());
    s
}

/// Adds `rule` to the inbound rules of security group `sg` of `s`.
fn admit(s: &mut Scenario, sg: &str, rule: &str) {
    let g = s.security_groups.iter_mut().find(|g| g.id == sg).unwrap();
    g.inbound.push(common::sg_rule(rule));
}

#[test]
fn nlb_keeps_the_client_address_for_instance_targets() {
    // Rule: a network load balancer passes a connection to an instance target with the client's
    // address (client IP preservation is on by default), so the target's group must admit the
    // client; a group that admits only the load balancer's group drops it.
    let s = nlb(&["app1"]);
    let t = tcp(&s, "laptop", "alb", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "app-tg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
    assert_eq!(t.blocked_by.as_ref().unwrap().leg, 2);
    let mut s = nlb(&["app1"]);
    admit(&mut s, "app-tg", "tcp 8080 from 203.0.113.0/24");
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    let delivered = hop(&t, "app1", Forward, Decision::Deliver);
    assert_eq!(delivered.leg, 2);
    assert_eq!(delivered.packet.src, ip("203.0.113.10"), "{}", explain(&t));
    assert_eq!(delivered.packet.dst_port.to_string(), "8080");
    // The target's reply, addressed to the client, goes back through the node that holds the
    // connection, and from there to the client.
    let back = hops_at(&t, "alb");
    assert!(
        back.iter().any(|h| h.leg == 2 && h.direction == Return),
        "{}",
        explain(&t)
    );
}

#[test]
fn nlb_ip_targets_see_the_load_balancer_by_default() {
    // Rule: for IP targets over TCP client IP preservation is off by default: the target sees
    // the node's address, so a group admitting the VPC's block is enough; turned on, the client's
    // address is kept.
    let mut s = nlb(&["10.0.10.10"]);
    admit(&mut s, "app-tg", "tcp 8080 from 10.0.0.0/16");
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    let delivered = hop(&t, "app1", Forward, Decision::Deliver);
    assert_eq!(delivered.packet.src, ip("10.0.0.100"), "{}", explain(&t));
    s.load_balancers[0].target_groups[0].preserve_client_ip = Some(true);
    let t = tcp(&s, "laptop", "alb", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "app-tg",
        Kind::SecurityGroup,
        Forward,
        Some("no matching rule"),
    );
}

#[test]
fn nlb_reply_crosses_the_target_subnets_network_acl_to_the_client() {
    // Rule: with the client's address kept, the target subnet's network ACL sees the client on
    // the way back: an outbound rule admitting only the VPC drops the reply to an internet
    // client, on the second leg's return.
    let mut s = alb_scenario(&["app1"])
        .acl(
            "app-acl",
            &["app-net"],
            &["100 allow all 0.0.0.0/0"],
            &["100 allow all 10.0.0.0/16"],
        )
        .build();
    let lb = &mut s.load_balancers[0];
    lb.kind = LbKind::Network;
    lb.listeners[0].protocol = LbProtocol::Tcp;
    lb.target_groups[0].protocol = LbProtocol::Tcp;
    admit(&mut s, "app-tg", "tcp 8080 from 0.0.0.0/0");
    let t = tcp(&s, "laptop", "alb", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "app-acl",
        Kind::NetworkAcl,
        Return,
        None,
    );
    assert_eq!(t.blocked_by.as_ref().unwrap().leg, 2);
}

#[test]
fn nlb_listener_takes_its_protocol_only() {
    // Rule: a listener takes the protocol it is for: a UDP listener answers UDP and refuses TCP
    // on the same port; TCP_UDP takes both; a TCP listener refuses UDP.
    let mut s = nlb(&["app1"]);
    admit(&mut s, "alb-sg", "udp 443 from 0.0.0.0/0");
    admit(&mut s, "app-tg", "all from 0.0.0.0/0");
    s.instances
        .iter_mut()
        .find(|i| i.id == "app1")
        .unwrap()
        .listens = Listening::Ports(vec!["8080".parse().unwrap(), "udp/8080".parse().unwrap()]);
    let refused = udp(&s, "laptop", "alb", 443);
    assert_eq!(refused.verdict, Verdict::Refused, "{}", explain(&refused));
    s.load_balancers[0].listeners[0].protocol = LbProtocol::Udp;
    s.load_balancers[0].target_groups[0].protocol = LbProtocol::Udp;
    let t = udp(&s, "laptop", "alb", 443);
    assert_established(&t);
    let delivered = hop(&t, "app1", Forward, Decision::Deliver);
    assert_eq!(delivered.packet.protocol, Protocol::Udp);
    let refused = tcp(&s, "laptop", "alb", 443);
    assert_eq!(refused.verdict, Verdict::Refused, "{}", explain(&refused));
    s.load_balancers[0].listeners[0].protocol = LbProtocol::TcpUdp;
    assert_established(&tcp(&s, "laptop", "alb", 443));
    assert_established(&udp(&s, "laptop", "alb", 443));
}

#[test]
fn nlb_target_rule_naming_the_balancers_group_admits_kept_clients() {
    // Rule: when a network load balancer has security groups, a target's rule that names one
    // of them admits the connections it passes on, even with the client's address kept (AWS:
    // "ensures that your targets accept traffic from your Network Load Balancer even if you
    // enable client IP preservation"); the target still sees the client's address.
    let mut s = alb_scenario(&["app1"]).build();
    let lb = &mut s.load_balancers[0];
    lb.kind = LbKind::Network;
    lb.listeners[0].protocol = LbProtocol::Tcp;
    lb.target_groups[0].protocol = LbProtocol::Tcp;
    let t = tcp(&s, "laptop", "alb", 443);
    assert_established(&t);
    let delivered = hop(&t, "app1", Forward, Decision::Deliver);
    assert_eq!(delivered.packet.src, ip("203.0.113.10"), "{}", explain(&t));
    // Without the load balancer in between, the same address is not admitted.
    let mut direct = s.clone();
    direct
        .instances
        .iter_mut()
        .find(|i| i.id == "app1")
        .unwrap()
        .interfaces[0]
        .public_ip = Some(ip("54.0.10.10"));
    let t = tcp(&direct, "laptop", "app1", 8080);
    assert_eq!(
        t.verdict,
        Verdict::DroppedBySecurityGroup,
        "{}",
        explain(&t)
    );
}

/// `hub()` split in two peered gateways: `tgw` keeps att-a, a second gateway `far` (table
/// `far-rt`) takes att-b, and peering `pcx` joins them, associated with `tgw-rt` on one side and
/// `far-rt` on the other; each table has a static route to the other side's VPC over it.
fn peered() -> vpc_playground::model::Scenario {
    use vpc_playground::model::{TgwPeering, TgwRoute, TgwRouteTable, TransitGateway};
    let mut s = hub();
    let mut b = s.transit_gateways[0].attachments.remove(1);
    b.route_table = Some("far-rt".into());
    b.propagates_to = vec!["far-rt".into()];
    let route = |cidr: &str| TgwRoute {
        destination: cidr.parse().unwrap(),
        attachment: Some("pcx".into()),
    };
    let side = |peer: &str, table: &str| TgwPeering {
        id: "pcx".into(),
        name: "pcx".into(),
        peer: peer.into(),
        route_table: Some(table.into()),
    };
    s.transit_gateways[0].route_tables[0]
        .routes
        .push(route("10.2.0.0/16"));
    s.transit_gateways[0].peerings.push(side("far", "tgw-rt"));
    s.transit_gateways.push(TransitGateway {
        id: "far".into(),
        name: "far".into(),
        attachments: vec![b],
        route_tables: vec![TgwRouteTable {
            id: "far-rt".into(),
            name: String::new(),
            routes: vec![route("10.1.0.0/16")],
        }],
        peerings: vec![side("tgw", "far-rt")],
    });
    for r in &mut s.route_tables {
        if r.id == "b-main" {
            r.routes[0].target = vpc_playground::model::RouteTarget::TransitGateway("far".into());
        }
    }
    s
}

#[test]
fn tgw_peering_carries_static_routes_to_the_far_gateway_whose_side_table_decides() {
    // Rule: a static route to a peering attachment sends the packet to the gateway at its other
    // end, where the route table that side of the peering is associated with takes it on; nothing
    // is propagated over a peering, so each side needs a static route for the way back.
    let s = peered();
    let t = tcp(&s, "a1", "b1", 22);
    assert_established(&t);
    hop(&t, "far", Forward, Decision::Forward);
    hop(&t, "far-rt", Forward, Decision::Forward);
    hop(&t, "tgw-rt", Return, Decision::Forward);
    // Without the far side's static route back, the reply stops at far-rt.
    let mut s = peered();
    s.transit_gateways[1].route_tables[0].routes.clear();
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "far-rt",
        Kind::TransitGatewayRouteTable,
        Return,
        None,
    );
    // A side associated with no table drops what comes in over the peering.
    let mut s = peered();
    s.transit_gateways[1].peerings[0].route_table = None;
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "far",
        Kind::TransitGateway,
        Forward,
        None,
    );
    assert_eq!(
        t.blocked_by.unwrap().rule,
        Some(vpc_playground::engine::RuleRef::NoAssociation)
    );
}

#[test]
fn tgw_peering_with_no_far_gateway_or_in_a_loop_drops() {
    // Rule: a peering whose other gateway is not in the scenario is a blackhole for the routes
    // that send to it; static routes that send a block back and forth over a peering end as a
    // forwarding loop.
    let mut s = peered();
    s.transit_gateways[1].peerings.clear();
    let t = tcp(&s, "a1", "b1", 22);
    assert_blocked(
        &t,
        Verdict::BlackholeRoute,
        "tgw-rt",
        Kind::TransitGatewayRouteTable,
        Forward,
        None,
    );
    let mut s = peered();
    let far = &mut s.transit_gateways[1].route_tables[0].routes;
    far.push(vpc_playground::model::TgwRoute {
        destination: "10.9.0.0/16".parse().unwrap(),
        attachment: Some("pcx".into()),
    });
    s.transit_gateways[0].route_tables[0]
        .routes
        .push(vpc_playground::model::TgwRoute {
            destination: "10.9.0.0/16".parse().unwrap(),
            attachment: Some("pcx".into()),
        });
    let t = tcp(&s, "a1", "10.9.1.10", 22);
    assert_eq!(t.verdict, Verdict::ForwardingLoop, "{}", explain(&t));
}

// ---------------------------------------------------------------------------------------------
// VPN, Direct Connect and on-premises networks
// ---------------------------------------------------------------------------------------------

/// `with_web()` with virtual private gateway `vgw` on the VPC, the private subnet's `priv-rt`
/// sending 192.168.0.0/16 to it, `app` (10.0.1.10, listening on 22 for anyone) in `priv`, and
/// the data centre `dc` (192.168.0.0/16) joined by VPN connection `vpn-a` (BGP) to `vgw`.
fn with_site() -> Scenario {
    use vpc_playground::model::{LinkEnd, LinkKind, OnPremNetwork, SiteLink, VpnGateway};
    let mut s = with_web()
        .sg("ssh-sg", &["tcp 22 from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .route_table("priv-rt", &["priv"])
        .route("priv-rt", "192.168.0.0/16", "vgw:vgw")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["ssh-sg"])
        .listens(&["22"])
        .build_unvalidated();
    s.vpn_gateways.push(VpnGateway {
        id: "vgw".into(),
        name: String::new(),
        vpc: Some("vpc".into()),
    });
    s.on_prem_networks.push(OnPremNetwork {
        id: "dc".into(),
        name: "data centre".into(),
        cidrs: vec!["192.168.0.0/16".parse().unwrap()],
        links: vec![SiteLink {
            id: "vpn-a".into(),
            name: String::new(),
            kind: LinkKind::Vpn,
            to: LinkEnd::VpnGateway("vgw".into()),
            static_routes: Vec::new(),
            up: true,
            attachment: None,
            route_table: None,
            propagates_to: Vec::new(),
        }],
    });
    let problems = vpc_playground::scenario::validate(&s);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    s
}

#[test]
fn vpn_site_host_reaches_a_private_instance_through_the_vpn_gateway_and_back() {
    let s = with_site();
    let t = tcp(&s, "192.168.5.5", "10.0.1.10", 22);
    assert_established(&t);
    hop(&t, "dc", Forward, Decision::Forward);
    hop(&t, "vpn-a", Forward, Decision::Forward);
    hop(&t, "vgw", Forward, Decision::Forward);
    hop(&t, "priv-rt", Return, Decision::Forward);
    hop(&t, "vpn-a", Return, Decision::Forward);
    // And the other way: the instance opens the connection to the site.
    assert_established(&tcp(&s, "app", "192.168.5.5", 22));
}

#[test]
fn vpn_link_that_is_down_carries_nothing() {
    let mut s = with_site();
    s.on_prem_networks[0].links[0].up = false;
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(&t, Verdict::NoRoute, "vpn-a", Kind::SiteLink, Forward, None);
    assert!(explain(&t).contains("tunnels"), "{}", explain(&t));
}

#[test]
fn vpn_gateway_sends_only_what_a_link_carries() {
    let mut s = with_site();
    // A static VPN carries only its static routes.
    s.on_prem_networks[0].links[0].static_routes = vec!["192.168.1.0/24".parse().unwrap()];
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "vgw",
        Kind::VpnGateway,
        Forward,
        Some("no matching route"),
    );
    s.on_prem_networks[0]
        .cidrs
        .push("10.9.0.0/16".parse().unwrap());
    s.on_prem_networks[0].links[0].static_routes = Vec::new();
    assert_established(&tcp(&s, "app", "192.168.5.5", 22));
}

#[test]
fn vpn_site_uses_the_first_link_that_is_up_and_whose_far_end_routes_the_destination() {
    let mut s = with_site();
    let mut second = s.on_prem_networks[0].links[0].clone();
    second.id = "vpn-b".into();
    s.on_prem_networks[0].links[0].up = false;
    s.on_prem_networks[0].links.push(second);
    let t = tcp(&s, "192.168.5.5", "10.0.1.10", 22);
    assert_established(&t);
    assert!(
        hops_at(&t, "vpn-a").is_empty(),
        "the link that is down is passed over"
    );
    hop(&t, "vpn-b", Forward, Decision::Forward);
    // An address no link's far end routes stays on the site.
    let t = tcp(&s, "192.168.5.5", "10.50.0.1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "dc",
        Kind::OnPremNetwork,
        Forward,
        Some("no matching route"),
    );
}

#[test]
fn vpn_reply_from_another_address_than_the_client_sent_to_is_dropped() {
    // The site reaches web's public address over the internet, but web's subnet sends the
    // reply to the site over the VPN: it comes from web's private address, so it is dropped.
    let mut s = with_site();
    s.route_tables
        .iter_mut()
        .find(|t| t.id == "pub-rt")
        .unwrap()
        .routes
        .push(vpc_playground::model::Route {
            destination: vpc_playground::model::Destination::Cidr(
                "192.168.0.0/16".parse().unwrap(),
            ),
            target: vpc_playground::model::RouteTarget::VpnGateway("vgw".into()),
            state: Default::default(),
        });
    s.on_prem_networks[0].cidrs = vec!["198.18.0.0/15".parse().unwrap()];
    s.on_prem_networks[0].links[0].static_routes = vec!["192.168.0.0/16".parse().unwrap()];
    let t = tcp(&s, "198.18.0.5", "54.0.0.10", 443);
    assert_eq!(t.verdict, Verdict::Established, "{}", explain(&t));
    s.route_tables
        .iter_mut()
        .find(|t| t.id == "pub-rt")
        .unwrap()
        .routes
        .last_mut()
        .unwrap()
        .destination = vpc_playground::model::Destination::Cidr("198.18.0.0/15".parse().unwrap());
    s.on_prem_networks[0].links[0].static_routes = Vec::new();
    let t = tcp(&s, "198.18.0.5", "54.0.0.10", 443);
    assert_eq!(t.verdict, Verdict::NoRoute, "{}", explain(&t));
    assert!(explain(&t).contains("asymmetric"), "{}", explain(&t));
}

#[test]
fn vpn_transit_gateway_attachment_propagates_the_site_blocks() {
    use vpc_playground::model::{LinkEnd, LinkKind, OnPremNetwork, SiteLink};
    let mut s = hub();
    s.on_prem_networks.push(OnPremNetwork {
        id: "dc".into(),
        name: String::new(),
        cidrs: vec!["10.200.0.0/16".parse().unwrap()],
        links: vec![SiteLink {
            id: "dx-1".into(),
            name: String::new(),
            kind: LinkKind::DirectConnect,
            to: LinkEnd::TransitGateway("tgw".into()),
            static_routes: Vec::new(),
            up: true,
            attachment: Some("tgw-attach-dx".into()),
            route_table: Some("tgw-rt".into()),
            propagates_to: vec!["tgw-rt".into()],
        }],
    });
    for t in s.route_tables.iter_mut().filter(|t| t.id == "a-main") {
        t.routes.push(vpc_playground::model::Route {
            destination: vpc_playground::model::Destination::Cidr("10.200.0.0/16".parse().unwrap()),
            target: vpc_playground::model::RouteTarget::TransitGateway("tgw".into()),
            state: Default::default(),
        });
    }
    let t = tcp(&s, "10.200.1.1", "a1", 22);
    assert_established(&t);
    hop(&t, "tgw-rt", Return, Decision::Forward);
    hop(&t, "dx-1", Return, Decision::Forward);
    // Without the propagation the table has no way back to the site.
    s.on_prem_networks[0].links[0].propagates_to.clear();
    let t = tcp(&s, "10.200.1.1", "a1", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "tgw-rt",
        Kind::TransitGatewayRouteTable,
        Return,
        Some("no matching route"),
    );
}

/// `with_site()` with `priv-rt`'s written route to the gateway taken out: what reaches the site
/// from `priv` is whatever the gateway propagates.
fn with_site_unrouted() -> Scenario {
    let mut s = with_site();
    let rt = s
        .route_tables
        .iter_mut()
        .find(|t| t.id == "priv-rt")
        .unwrap();
    rt.routes.clear();
    s
}

/// `with_site_unrouted()` with `priv-rt` taking propagation from `vgw`.
fn with_site_propagating() -> Scenario {
    let mut s = with_site_unrouted();
    let rt = s
        .route_tables
        .iter_mut()
        .find(|t| t.id == "priv-rt")
        .unwrap();
    rt.propagating_vgws = vec!["vgw".into()];
    s
}

#[test]
fn vgw_route_propagation_adds_the_blocks_a_link_carries_to_the_table() {
    let mut s = with_site_unrouted();
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
    s = with_site_propagating();
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_established(&t);
    let h = hop(&t, "priv-rt", Forward, Decision::Forward);
    assert!(
        h.detail.contains("propagated route 192.168.0.0/16 → vgw"),
        "{}",
        h.detail
    );
    // The site's replies and its own connections come back the same way.
    assert_established(&tcp(&s, "192.168.5.5", "10.0.1.10", 22));
}

#[test]
fn vgw_route_propagation_carries_a_static_vpns_routes_only_while_the_link_is_up() {
    let mut s = with_site_propagating();
    s.on_prem_networks[0].links[0].static_routes = vec!["192.168.1.0/24".parse().unwrap()];
    assert_established(&tcp(&s, "app", "192.168.1.5", 22));
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
    // A link that is down withdraws what it propagated.
    s.on_prem_networks[0].links[0].up = false;
    let t = tcp(&s, "app", "192.168.1.5", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
}

#[test]
fn vgw_route_propagation_loses_to_a_written_route_for_the_same_block_not_to_a_wider_one() {
    use vpc_playground::model::{Destination, Route, RouteState, RouteTarget};
    let mut s = with_site_propagating();
    let rt = s.route_tables.iter_mut().find(|t| t.id == "priv-rt");
    rt.unwrap().routes.push(Route {
        destination: Destination::Cidr("192.168.0.0/16".parse().unwrap()),
        target: RouteTarget::NatGateway("nat-gone".into()),
        state: RouteState::Blackhole,
    });
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(
        &t,
        Verdict::BlackholeRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
    // A more specific propagated block still wins by its longer prefix.
    s.on_prem_networks[0].links[0].static_routes = vec!["192.168.5.0/24".parse().unwrap()];
    assert_established(&tcp(&s, "app", "192.168.5.5", 22));
}

#[test]
fn vgw_route_propagation_comes_only_from_the_vpcs_own_gateway() {
    let mut s = with_site_propagating();
    s.vpn_gateways[0].vpc = None;
    let t = tcp(&s, "app", "192.168.5.5", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "priv-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.code == "propagating-vgw-other-vpc"),
        "{problems:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Middlebox routing: routes more specific than local, gateway route tables, stateful appliances
// ---------------------------------------------------------------------------------------------

/// An inspection VPC: `web` (10.0.0.10, public 54.0.0.10) in `web-net`, the firewall `fw`
/// (10.0.2.10, check off) in `fw-net` whose table sends 0.0.0.0/0 to the gateway, and `app`
/// (10.0.1.10) in `app-net`. `web-rt` sends 0.0.0.0/0 to `web_default`; `edge-rt` is the
/// internet gateway's table when `edge` (10.0.0.0/24 → fw).
fn inspection(web_default: &str, edge: bool) -> Sc {
    let sc = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .subnet("web-net", "10.0.0.0/24")
        .subnet("app-net", "10.0.1.0/24")
        .public_subnet("fw-net", "10.0.2.0/24", "igw")
        .sg("open", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .instance("fw", "fw-net", "10.0.2.10")
        .sgs(&["open"])
        .role(Role::Appliance)
        .stateful()
        .no_src_dst_check()
        .instance("web", "web-net", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["open"])
        .listens(&["443"])
        .instance("app", "app-net", "10.0.1.10")
        .sgs(&["open"])
        .listens(&["8080"])
        .route_table("web-rt", &["web-net"])
        .route("web-rt", "0.0.0.0/0", web_default)
        .internet_host("laptop", "203.0.113.10", Os::Linux);
    if !edge {
        return sc;
    }
    sc.route_table("edge-rt", &[]).edge("edge-rt", "igw").route(
        "edge-rt",
        "10.0.0.0/24",
        "instance:fw",
    )
}

#[test]
fn middlebox_route_more_specific_than_local_sends_a_subnets_traffic_through_the_appliance() {
    let s = inspection("igw:igw", false)
        .route("web-rt", "10.0.1.0/24", "instance:fw")
        .route_table("app-rt", &["app-net"])
        .route("app-rt", "10.0.0.0/24", "instance:fw")
        .build();
    let t = tcp(&s, "app", "web", 443);
    assert_established(&t);
    // The route to web's subnet wins over the local route, both ways.
    hop(&t, "fw", Forward, Decision::Forward);
    hop(&t, "fw", Return, Decision::Forward);
    // Inside the appliance's own subnet, and for other subnets, local still decides.
    let t = tcp(&s, "fw", "web", 443);
    assert_established(&t);
}

#[test]
fn middlebox_route_must_cover_a_whole_subnet_block() {
    let s = inspection("igw:igw", false)
        .route("web-rt", "10.0.1.0/25", "instance:fw")
        .build_unvalidated();
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems.iter().any(|p| p.is_error()
            && p.code == "route-inside-vpc-not-local"
            && p.path == "route_tables[2].routes[1].destination"),
        "{problems:?}"
    );
    let s = inspection("igw:igw", false)
        .route("web-rt", "10.0.1.0/24", "igw:igw")
        .build_unvalidated();
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.is_error() && p.code == "route-inside-vpc-not-local"),
        "{problems:?}"
    );
}

#[test]
fn ingress_routing_gateway_route_table_sends_what_enters_through_the_appliance() {
    let s = inspection("instance:fw", true).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    // In: the gateway translates, its route table sends web's subnet to the firewall.
    let edge = hop(&t, "edge-rt", Forward, Decision::Forward);
    assert_eq!(edge.packet.dst, ip("10.0.0.10"));
    hop(&t, "fw", Forward, Decision::Forward);
    // Out: web's subnet sends the reply to the firewall, whose subnet sends it to the gateway.
    hop(&t, "fw", Return, Decision::Forward);
    // web's own connections out go the same way.
    let t = tcp(&s, "web", "laptop", 22);
    assert_eq!(t.verdict, Verdict::Established, "{}", explain(&t));
    hop(&t, "fw", Forward, Decision::Forward);
}

#[test]
fn stateful_appliance_drops_a_connection_whose_reply_skips_it() {
    // In through the firewall, out straight to the gateway.
    let s = inspection("igw:igw", true).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "fw",
        Kind::Instance,
        Return,
        Some("one way of the connection only"),
    );
    assert!(
        t.blocked_by.is_some() && explain(&t).contains("asymmetric"),
        "{}",
        explain(&t)
    );
}

#[test]
fn stateful_appliance_drops_a_reply_whose_request_it_never_saw() {
    // In straight to web, out through the firewall.
    let s = inspection("instance:fw", false).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "fw",
        Kind::Instance,
        Return,
        Some("one way of the connection only"),
    );
}

#[test]
fn appliance_that_is_not_stateful_forwards_either_way_of_a_connection() {
    // AWS enforces no symmetry: an appliance that tracks nothing forwards the reply it never
    // saw the request of, and the reply may skip it.
    for (default, edge) in [("instance:fw", false), ("igw:igw", true)] {
        let mut s = inspection(default, edge).build();
        s.instances[0].stateful = false;
        assert_established(&tcp(&s, "laptop", "web", 443));
    }
}

#[test]
fn ingress_routing_on_a_virtual_private_gateway() {
    let mut s = with_site();
    // The firewall sits in the public subnet; the gateway's table sends app's subnet through it.
    let fw = vpc_playground::model::Instance {
        id: "fw".into(),
        name: "fw".into(),
        interfaces: vec![vpc_playground::model::Interface {
            ipv6_addresses: Default::default(),
            id: "fw-eni".into(),
            subnet: "pub".into(),
            private_ip: ip("10.0.0.50"),
            public_ip: None,
            elastic_ip: false,
            security_groups: vec!["ssh-sg".into()],
            source_dest_check: false,
        }],
        stateful: true,
        ..s.instances[0].clone()
    };
    s.instances.push(fw);
    let edge = vpc_playground::model::RouteTable {
        id: "vgw-rt".into(),
        name: "vgw-rt".into(),
        vpc: "vpc".into(),
        main: false,
        subnets: Vec::new(),
        gateways: vec!["vgw".into()],
        propagating_vgws: Vec::new(),
        routes: vec![vpc_playground::model::Route {
            destination: vpc_playground::model::Destination::Cidr("10.0.1.0/24".parse().unwrap()),
            target: target("eni:fw-eni"),
            state: vpc_playground::model::RouteState::Active,
        }],
    };
    s.route_tables.push(edge);
    let problems = vpc_playground::scenario::validate(&s);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    // In through the firewall, but app's reply goes straight to the gateway: dropped.
    let t = tcp(&s, "192.168.5.5", "10.0.1.10", 22);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "fw",
        Kind::Instance,
        Return,
        Some("one way of the connection only"),
    );
    hop(&t, "vgw-rt", Forward, Decision::Forward);
}

// ---------------------------------------------------------------------------------------------
// Gateway Load Balancer endpoints
// ---------------------------------------------------------------------------------------------

/// The distributed GWLB model: `web` (10.0.0.10, public 54.0.0.10) in `web-net`, whose table
/// sends 0.0.0.0/0 to `web_default`; the endpoint `vpce-fw` (10.0.2.5) in `fw-net`, whose table
/// sends 0.0.0.0/0 to the internet gateway; when `edge`, the gateway's table sends web's subnet
/// to the endpoint.
fn gwlb(web_default: &str, edge: bool) -> Sc {
    let sc = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .subnet("web-net", "10.0.0.0/24")
        .public_subnet("fw-net", "10.0.2.0/24", "igw")
        .gwlb_endpoint("vpce-fw", "fw-net", "10.0.2.5")
        .sg("open", &["all from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .instance("web", "web-net", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["open"])
        .listens(&["443"])
        .route_table("web-rt", &["web-net"])
        .route("web-rt", "0.0.0.0/0", web_default)
        .internet_host("laptop", "203.0.113.10", Os::Linux);
    if !edge {
        return sc;
    }
    sc.route_table("edge-rt", &[]).edge("edge-rt", "igw").route(
        "edge-rt",
        "10.0.0.0/24",
        "gwlbe:vpce-fw",
    )
}

#[test]
fn gwlb_endpoint_route_sends_traffic_through_the_appliances_both_ways() {
    let s = gwlb("gwlbe:vpce-fw", true).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    let h = hop(&t, "vpce-fw", Forward, Decision::Forward);
    assert_eq!(h.component.kind, Kind::GwlbEndpoint);
    assert_eq!(
        h.packet.dst,
        ip("10.0.0.10"),
        "no translation at the endpoint"
    );
    hop(&t, "vpce-fw", Return, Decision::Forward);
    // web's own connections out go through it too, then out by the endpoint subnet's table.
    let t = tcp(&s, "web", "laptop", 22);
    assert_established(&t);
    hop(&t, "vpce-fw", Forward, Decision::Forward);
}

#[test]
fn gwlb_endpoint_drops_a_connection_whose_reply_skips_it() {
    // In through the endpoint (ingress routing), out straight to the gateway.
    let s = gwlb("igw:igw", true).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "vpce-fw",
        Kind::GwlbEndpoint,
        Return,
        Some("one way of the connection only"),
    );
    // Out through the endpoint, but nothing sends what comes in back through it.
    let s = gwlb("gwlbe:vpce-fw", false).build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "vpce-fw",
        Kind::GwlbEndpoint,
        Return,
        Some("one way of the connection only"),
    );
}

#[test]
fn gwlb_endpoint_has_no_security_groups_and_its_subnets_acl_applies() {
    let s = gwlb("gwlbe:vpce-fw", true)
        .acl(
            "fw-acl",
            &["fw-net"],
            &["100 deny tcp 443 0.0.0.0/0", "200 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "fw-acl",
        Kind::NetworkAcl,
        Forward,
        None,
    );
    let mut s = gwlb("gwlbe:vpce-fw", true).build();
    s.gwlb_endpoints[0].interface.security_groups = vec!["open".into()];
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems.iter().any(|p| p.is_error()
            && p.code == "gwlb-endpoint-security-groups"
            && p.path == "gwlb_endpoints[0].interface.security_groups"),
        "{problems:?}"
    );
}

#[test]
fn gwlb_endpoint_accepts_no_connections_of_its_own() {
    let s = gwlb("gwlbe:vpce-fw", true).build();
    let t = tcp(&s, "web", "10.0.2.5", 443);
    assert_blocked(
        &t,
        Verdict::NoHost,
        "vpce-fw",
        Kind::GwlbEndpoint,
        Forward,
        None,
    );
}

#[test]
fn gwlb_endpoint_route_target_must_be_in_the_tables_vpc() {
    let mut s = gwlb("gwlbe:vpce-fw", true).build();
    s.vpcs.push(vpc_playground::model::Vpc {
        ipv6_cidrs: Default::default(),
        id: "other".into(),
        name: String::new(),
        cidrs: vec!["10.9.0.0/16".parse().unwrap()],
    });
    s.subnets
        .iter_mut()
        .filter(|n| n.id == "fw-net")
        .for_each(|n| n.vpc = "other".into());
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.code == "route-target-other-vpc" && p.message.contains("vpce-fw")),
        "{problems:?}"
    );
}

// ---- IPv6 dual stack --------------------------------------------------------------------------

/// A dual-stack VPC: `vpc` 10.0.0.0/16 and 2600:1f18:ab00:1200::/56; subnet `web-net`
/// 10.0.0.0/24 and 2600:1f18:ab00:1200::/64 with route table `web-rt` sending `::/0` to
/// `v6_target` (nothing when empty) and 0.0.0.0/0 to the internet gateway `igw` (attached when
/// `igw`); an egress-only gateway `eigw`; instance `web` at 10.0.0.10 and
/// 2600:1f18:ab00:1200::10 listening on 443, its group open to `::/0` and `0.0.0.0/0` on 443;
/// the default ACL allows all of both families; `laptop` on the internet at 203.0.113.10
/// (IPv6 2001:db8:5::7).
fn dual_stack(v6_target: &str, igw: bool) -> Sc {
    let mut sc = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .ipv6("2600:1f18:ab00:1200::/56");
    if igw {
        sc = sc.igw("igw");
    }
    sc = sc
        .eigw("eigw")
        .acl_rules(
            "vpc-acl",
            &["100 allow all 0.0.0.0/0", "101 allow all ::/0"],
            &["100 allow all 0.0.0.0/0", "101 allow all ::/0"],
        )
        .subnet("web-net", "10.0.0.0/24")
        .subnet_ipv6("web-net", "2600:1f18:ab00:1200::/64")
        .subnet("db-net", "10.0.1.0/24")
        .subnet_ipv6("db-net", "2600:1f18:ab00:1201::/64")
        .sg(
            "web-sg",
            &["tcp 443 from 0.0.0.0/0", "tcp 443 from ::/0"],
            &["all to 0.0.0.0/0", "all to ::/0"],
        )
        .instance("web", "web-net", "10.0.0.10")
        .ipv6_address("2600:1f18:ab00:1200::10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .instance("db", "db-net", "10.0.1.10")
        .ipv6_address("2600:1f18:ab00:1201::20")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .route_table("web-rt", &["web-net"])
        .internet_host("laptop", "203.0.113.10", Os::Linux);
    if igw {
        sc = sc.route("web-rt", "0.0.0.0/0", "igw:igw");
    }
    if !v6_target.is_empty() {
        sc = sc.route("web-rt", "::/0", v6_target);
    }
    sc
}

/// A flow over the endpoints' IPv6 addresses.
fn over_ipv6(s: &Scenario, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Trace {
    run_spec(
        s,
        FlowSpec {
            ipv6: true,
            protocol,
            port,
            ..FlowSpec::tcp(from, to, 0)
        },
    )
}

fn tcp6(s: &Scenario, from: &str, to: &str, port: u16) -> Trace {
    over_ipv6(s, from, to, Protocol::Tcp, Some(port))
}

#[test]
fn ipv6_internet_gateway_passes_ipv6_without_translation() {
    let mut s = dual_stack("igw:igw", true).build();
    s.internet_hosts[0].ipv6 = Some("2001:db8:5::7".parse().unwrap());
    // web has no public IPv4 address, yet the internet reaches its IPv6 address.
    let t = tcp6(&s, "laptop", "web", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, addr("2600:1f18:ab00:1200::10"));
    assert_eq!(t.flow.src, addr("2001:db8:5::7"));
    let inbound = hop(&t, "igw", Forward, Decision::Forward);
    assert_eq!(inbound.packet.dst, addr("2600:1f18:ab00:1200::10"));
    let out = hop(&t, "igw", Return, Decision::Forward);
    assert_eq!(out.packet.src, addr("2600:1f18:ab00:1200::10"));
    // Over IPv4 the same flow has no public address to go to.
    assert_eq!(
        tcp(&s, "laptop", "web", 443).verdict,
        Verdict::NoPublicAddress
    );
}

#[test]
fn ipv6_flow_from_an_ipv6_literal_and_stand_in_for_hosts() {
    let s = dual_stack("igw:igw", true).build();
    let t = tcp(&s, "2001:db8:9::1", "web", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, addr("2600:1f18:ab00:1200::10"));
    // A host known only by its IPv4 address sends from 2001:db8:: and its 32 bits.
    let t = tcp6(&s, "laptop", "web", 443);
    assert_eq!(t.flow.src, addr("2001:db8::cb00:710a"));
}

#[test]
fn ipv6_rules_of_one_family_never_match_the_other() {
    let mut s = dual_stack("igw:igw", true).build();
    // The group admits 443 from 0.0.0.0/0 only: not IPv6.
    s.security_groups
        .iter_mut()
        .find(|g| g.id == "web-sg")
        .unwrap()
        .inbound
        .pop();
    let t = tcp(&s, "2001:db8:9::1", "web", 443);
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "web-sg",
        Kind::SecurityGroup,
        Forward,
        None,
    );
    // The ACL allowing 0.0.0.0/0 only drops IPv6 at its implicit deny.
    let s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .ipv6("2600:1f18:ab00:1200::/56")
        .igw("igw")
        .subnet("web-net", "10.0.0.0/24")
        .subnet_ipv6("web-net", "2600:1f18:ab00:1200::/64")
        .route_table("web-rt", &["web-net"])
        .route("web-rt", "::/0", "igw:igw")
        .sg("open", &["all from ::/0"], &["all to ::/0"])
        .instance("web", "web-net", "10.0.0.10")
        .ipv6_address("2600:1f18:ab00:1200::10")
        .sgs(&["open"])
        .listens(&["443"])
        .build();
    let t = tcp(&s, "2001:db8:9::1", "web", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNetworkAcl,
        "vpc-acl",
        Kind::NetworkAcl,
        Forward,
        Some("*"),
    );
}

#[test]
fn ipv6_route_needs_an_ipv6_destination() {
    // Only 0.0.0.0/0 → igw: an IPv6 packet for the internet matches no route.
    let s = dual_stack("", true).build();
    let t = tcp6(&s, "web", "laptop", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "web-rt",
        Kind::RouteTable,
        Forward,
        None,
    );
}

#[test]
fn ipv6_local_route_covers_the_vpcs_ipv6_block() {
    let s = dual_stack("", true).build();
    let t = tcp6(&s, "web", "db", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, addr("2600:1f18:ab00:1201::20"));
}

#[test]
fn egress_only_gateway_carries_connections_out_and_their_replies_back() {
    let s = dual_stack("eigw:eigw", false)
        .internet_server("site", "198.51.100.7", &["443"])
        .build();
    let t = tcp6(&s, "web", "site", 443);
    assert_established(&t);
    let out = hop(&t, "eigw", Forward, Decision::Forward);
    assert_eq!(out.component.kind, Kind::EgressOnlyInternetGateway);
    assert_eq!(
        out.packet.src,
        addr("2600:1f18:ab00:1200::10"),
        "no translation"
    );
    hop(&t, "eigw", Return, Decision::Forward);
}

#[test]
fn egress_only_gateway_lets_no_connection_in_from_the_internet() {
    let s = dual_stack("eigw:eigw", false).build();
    let t = tcp(&s, "2001:db8:9::1", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "eigw",
        Kind::EgressOnlyInternetGateway,
        Forward,
        None,
    );
}

#[test]
fn egress_only_gateway_carries_no_ipv4() {
    let s = dual_stack("", false)
        .route("web-rt", "0.0.0.0/0", "eigw:eigw")
        .build_unvalidated();
    let problems = vpc_playground::scenario::validate(&s);
    assert!(
        problems.iter().any(|p| p.code == "egress-only-route-ipv4"
            && p.path == "route_tables[1].routes[0].destination"),
        "{problems:?}"
    );
    let t = tcp(&s, "web", "203.0.113.10", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "eigw",
        Kind::EgressOnlyInternetGateway,
        Forward,
        None,
    );
}

#[test]
fn ipv6_nat_gateway_carries_no_ipv6() {
    let s = dual_stack("nat:nat", true)
        .subnet("nat-net", "10.0.2.0/24")
        .nat_gw("nat", "nat-net", "10.0.2.5", "54.0.0.5")
        .build();
    let t = tcp6(&s, "web", "2001:db8:5::7", 443);
    assert_blocked(
        &t,
        Verdict::DroppedByNatGateway,
        "nat",
        Kind::NatGateway,
        Forward,
        None,
    );
}

#[test]
fn ipv6_ping_is_icmpv6_and_needs_icmpv6_rules() {
    let s = dual_stack("igw:igw", true)
        .sg_inbound("web-sg", "icmp from ::/0")
        .build();
    let t = over_ipv6(&s, "2001:db8:9::1", "web", Protocol::Icmp, None);
    assert_eq!(t.flow.protocol, Protocol::Icmpv6);
    // An ICMP (IPv4) rule does not admit ICMPv6.
    assert_blocked(
        &t,
        Verdict::DroppedBySecurityGroup,
        "web-sg",
        Kind::SecurityGroup,
        Forward,
        None,
    );
    let s = dual_stack("igw:igw", true)
        .sg_inbound("web-sg", "icmpv6 from ::/0")
        .build();
    let t = over_ipv6(&s, "2001:db8:9::1", "web", Protocol::Icmp, None);
    assert_established(&t);
    let back = t.hops.iter().rev().find(|h| h.direction == Return).unwrap();
    assert_eq!(back.packet.protocol, Protocol::Icmpv6);
}

#[test]
fn ipv6_peering_routes_the_peers_ipv6_block() {
    let s = dual_stack("", true)
        .route("web-rt", "2600:1f18:cd00:3400::/56", "pcx:pcx")
        .vpc("peer", "10.2.0.0/16")
        .ipv6("2600:1f18:cd00:3400::/56")
        .acl_rules(
            "peer-acl",
            &["100 allow all 0.0.0.0/0", "101 allow all ::/0"],
            &["100 allow all 0.0.0.0/0", "101 allow all ::/0"],
        )
        .subnet("peer-net", "10.2.1.0/24")
        .subnet_ipv6("peer-net", "2600:1f18:cd00:3400::/64")
        .route("peer-main", "2600:1f18:ab00:1200::/56", "pcx:pcx")
        .sg("peer-sg", &["tcp 443 from ::/0"], &["all to ::/0"])
        .instance("far", "peer-net", "10.2.1.10")
        .ipv6_address("2600:1f18:cd00:3400::30")
        .sgs(&["peer-sg"])
        .listens(&["443"])
        .peering("pcx", "vpc", "peer")
        .build();
    let t = tcp6(&s, "web", "far", 443);
    assert_established(&t);
    assert_eq!(t.flow.dst, addr("2600:1f18:cd00:3400::30"));
}

#[test]
fn ipv6_flow_needs_ipv6_addresses_at_both_ends_of_one_family() {
    use vpc_playground::engine::{trace, FlowError, Network};
    let mut s = dual_stack("igw:igw", true).build();
    s.instances[1].interfaces[0].ipv6_addresses.clear();
    let net = Network::new(&s);
    let spec = FlowSpec {
        ipv6: true,
        ..FlowSpec::tcp("web", "db", 443)
    };
    assert!(matches!(
        trace(&net, &spec),
        Err(FlowError::NoIpv6 { role: "--to", .. })
    ));
    let mixed = FlowSpec::tcp("10.0.0.10", "2001:db8::1", 443);
    assert_eq!(trace(&net, &mixed).unwrap_err(), FlowError::MixedFamilies);
}

#[test]
fn egress_only_gateway_drops_the_reply_to_a_connection_from_the_internet() {
    // web's subnet sends ::/0 to the egress-only gateway while the VPC also has an internet
    // gateway: the internet's packet comes in through the internet gateway, but the reply
    // leaving through the egress-only gateway answers a connection it never saw start.
    let s = dual_stack("eigw:eigw", true).build();
    let t = tcp(&s, "2001:db8:9::1", "web", 443);
    assert_blocked(
        &t,
        Verdict::NoRoute,
        "eigw",
        Kind::EgressOnlyInternetGateway,
        Return,
        None,
    );
}

#[test]
fn ipv6_transit_gateway_propagates_the_vpcs_ipv6_blocks() {
    // hub() made dual stack: each VPC attachment propagates the VPC's IPv6 block as well.
    let mut s = hub();
    for (v, n) in [("a", 1), ("b", 2)] {
        let block: ipnet::Ipv6Net = format!("2600:1f18:{n}00::/56").parse().unwrap();
        let vpc = s.vpcs.iter_mut().find(|x| x.id == v).unwrap();
        vpc.ipv6_cidrs.push(block);
        let sn = s
            .subnets
            .iter_mut()
            .find(|x| x.id == format!("{v}-net"))
            .unwrap();
        sn.ipv6_cidr = Some(format!("2600:1f18:{n}00::/64").parse().unwrap());
        let inst = s
            .instances
            .iter_mut()
            .find(|x| x.id == format!("{v}1"))
            .unwrap();
        inst.interfaces[0].ipv6_addresses = vec![format!("2600:1f18:{n}00::10").parse().unwrap()];
        let acl = s
            .network_acls
            .iter_mut()
            .find(|x| x.id == format!("{v}-acl"))
            .unwrap();
        acl.inbound.push(acl_rule("101 allow all ::/0"));
        acl.outbound.push(acl_rule("101 allow all ::/0"));
        let sg = s
            .security_groups
            .iter_mut()
            .find(|x| x.id == format!("{v}-sg"))
            .unwrap();
        sg.inbound.push(sg_rule("tcp 22 from 2600:1f18::/32"));
        sg.outbound.push(sg_rule("all to ::/0"));
        let rt = s
            .route_tables
            .iter_mut()
            .find(|x| x.id == format!("{v}-main"))
            .unwrap();
        rt.routes.push(vpc_playground::model::Route {
            destination: vpc_playground::model::Destination::Cidr(any_net("2600:1f18::/32")),
            target: target("tgw:tgw"),
            state: Default::default(),
        });
    }
    let t = tcp6(&s, "a1", "b1", 22);
    assert_established(&t);
    assert_eq!(t.flow.dst, addr("2600:1f18:200::10"));
    hop(&t, "tgw-rt", Forward, Decision::Forward);
    hop(&t, "tgw-rt", Return, Decision::Forward);
}

#[test]
fn nat64_nat_gateway_translates_ipv6_to_64_ff9b_into_ipv4() {
    // web (IPv6 only to the outside) reaches an IPv4-only server through the NAT gateway's
    // NAT64: 64:ff9b::/96 → nat, and the NAT gateway's subnet goes out by the internet gateway.
    let s = dual_stack("", true)
        .route("web-rt", "64:ff9b::/96", "nat:nat")
        .subnet("nat-net", "10.0.2.0/24")
        .subnet_ipv6("nat-net", "2600:1f18:ab00:1202::/64")
        .route_table("nat-rt", &["nat-net"])
        .route("nat-rt", "0.0.0.0/0", "igw:igw")
        .nat_gw("nat", "nat-net", "10.0.2.5", "54.0.0.5")
        .internet_server("site", "198.51.100.7", &["443"])
        .build();
    let t = tcp(&s, "web", "64:ff9b::c633:6407", 443);
    assert_established(&t);
    let at_site = at_internet_host(&t, Forward);
    assert_eq!(
        (at_site.packet.src, at_site.packet.dst),
        (addr("54.0.0.5"), addr("198.51.100.7"))
    );
    let home = hop(&t, "web", Return, Decision::Deliver);
    assert_eq!(
        (home.packet.src, home.packet.dst),
        (addr("64:ff9b::c633:6407"), addr("2600:1f18:ab00:1200::10"))
    );
    // Ping: ICMPv6 echo in, ICMP echo out, and back.
    let s2 = {
        let mut s2 = s.clone();
        let g = s2
            .security_groups
            .iter_mut()
            .find(|g| g.id == "web-sg")
            .unwrap();
        g.outbound.push(sg_rule("icmpv6 to ::/0"));
        s2
    };
    let t = over_ipv6(&s2, "web", "64:ff9b::c633:6407", Protocol::Icmp, None);
    assert_established(&t);
    assert_eq!(
        at_internet_host(&t, Forward).packet.protocol,
        Protocol::Icmp
    );
    assert_eq!(
        hop(&t, "web", Return, Decision::Deliver).packet.protocol,
        Protocol::Icmpv6
    );
    // Any other IPv6 destination is not the NAT gateway's to translate: see
    // `ipv6_nat_gateway_carries_no_ipv6`.
}
