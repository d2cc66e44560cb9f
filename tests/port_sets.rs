//! How a walk over every destination port splits the set: at network ACL rule boundaries (each
//! part named with the rule a single packet meets), at security groups (what no rule allows),
//! at a destination's listeners and load balancer listeners, and not at all at the reply's
//! ephemeral range, which is the client's port, not the destination's.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use vpc_playground::engine::all_ports::{pair_ports, ProtocolPorts};
use vpc_playground::engine::flow::{find_node, resolve_client};
use vpc_playground::engine::{Kind, Network, Verdict};
use vpc_playground::model::{Os, Protocol, Scenario};

/// `(ports, verdict code, blocker id, rule)` for every part of `protocol` from `from` to `to`.
fn parts(s: &Scenario, from: &str, to: &str, protocol: Protocol) -> Vec<(String, String, String)> {
    let net = Network::new(s);
    let client = resolve_client(
        &net,
        find_node(&net, from).unwrap(),
        ("--from", from),
        false,
    )
    .expect("the client resolves");
    let all = pair_ports(&net, client, find_node(&net, to).unwrap());
    let p: &ProtocolPorts = all.iter().find(|p| p.protocol == protocol).unwrap();
    p.parts
        .iter()
        .map(|part| {
            let by = part.blocked_by.as_ref().map_or(String::new(), |b| {
                format!("{} {}", b.id, b.rule_text().unwrap_or_default())
            });
            (
                part.ports.to_string(),
                part.verdict.code().to_string(),
                by.trim().to_string(),
            )
        })
        .collect()
}

fn part(ports: &str, verdict: &str, by: &str) -> (String, String, String) {
    (ports.into(), verdict.into(), by.into())
}

/// A web server in a public subnet that listens on every port, its group open to all TCP.
fn open_web() -> Sc {
    Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .sg(
            "web-sg",
            &["tcp 0-65535 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens_any()
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .internet_host("windows", "203.0.113.20", Os::Windows)
}

#[test]
fn nacl_rules_split_the_port_set_at_their_boundaries() {
    let s = open_web()
        .acl(
            "pub-acl",
            &["pub"],
            &[
                "110 allow tcp 0-1023 0.0.0.0/0",
                "100 deny tcp 22 0.0.0.0/0",
                "120 deny tcp 3000-3999 0.0.0.0/0",
            ],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    assert_eq!(
        parts(&s, "laptop", "web", Protocol::Tcp),
        vec![
            part("0-21, 23-1023", "established", ""),
            part("22", "dropped-by-network-acl", "pub-acl 100"),
            part(
                "1024-2999, 4000-65535",
                "dropped-by-network-acl",
                "pub-acl *"
            ),
            part("3000-3999", "dropped-by-network-acl", "pub-acl 120"),
        ]
    );
    // UDP meets only the * rule.
    assert_eq!(
        parts(&s, "laptop", "web", Protocol::Udp),
        vec![part("0-65535", "dropped-by-network-acl", "pub-acl *")]
    );
}

#[test]
fn nacl_ephemeral_range_of_the_reply_does_not_split_destination_ports() {
    // The reply goes out to the client's ephemeral port: allowing only Linux's range works for
    // a Linux client on every port, and for a Windows client on only some source ports, again
    // on every destination port alike.
    let s = open_web()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 0-65535 0.0.0.0/0"],
            &["100 allow tcp 32768-60999 0.0.0.0/0"],
        )
        .build();
    assert_eq!(
        parts(&s, "laptop", "web", Protocol::Tcp),
        vec![part("0-65535", "established", "")]
    );
    let windows = parts(&s, "windows", "web", Protocol::Tcp);
    assert_eq!(windows.len(), 1, "{windows:?}");
    assert_eq!(windows[0].0, "0-65535");
    assert_eq!(windows[0].1, "depends-on-source-port");
}

#[test]
fn sg_allows_only_the_union_of_its_rules_and_names_no_rule_for_the_rest() {
    let s = open_web()
        .sg(
            "tight-sg",
            &["tcp 443 from 0.0.0.0/0", "tcp 8000-8100 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .instance("api", "pub", "10.0.0.11")
        .public_ip("54.0.0.11")
        .sgs(&["tight-sg"])
        .listens_any()
        .build();
    let got = parts(&s, "laptop", "api", Protocol::Tcp);
    assert_eq!(
        got,
        vec![
            part(
                "0-442, 444-7999, 8101-65535",
                "dropped-by-security-group",
                "tight-sg no matching rule"
            ),
            part("443, 8000-8100", "established", ""),
        ]
    );
    let net = Network::new(&s);
    let client = resolve_client(&net, find_node(&net, "laptop").unwrap(), ("", ""), false).unwrap();
    let all = pair_ports(&net, client, find_node(&net, "api").unwrap());
    let closed = all[0].part_of(22).unwrap().blocked_by.clone().unwrap();
    assert_eq!(closed.kind, Kind::SecurityGroup);
}

#[test]
fn listeners_split_the_port_set_into_served_and_refused() {
    let s = open_web()
        .instance("ssh", "pub", "10.0.0.12")
        .public_ip("54.0.0.12")
        .sgs(&["web-sg"])
        .listens(&["22", "443", "udp/53"])
        .build();
    assert_eq!(
        parts(&s, "laptop", "ssh", Protocol::Tcp),
        vec![
            part("0-21, 23-442, 444-65535", "refused", "ssh"),
            part("22, 443", "established", ""),
        ]
    );
    // UDP is closed by the group (TCP only) before any listener is asked.
    assert_eq!(
        parts(&s, "laptop", "ssh", Protocol::Udp),
        vec![part(
            "0-65535",
            "dropped-by-security-group",
            "web-sg no matching rule"
        )]
    );
}

#[test]
fn load_balancer_listeners_each_get_their_own_walk() {
    let s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .subnet_in("pub-b", "10.0.2.0/24", "ap-northeast-2b")
        .associate("pub-rt", "pub-b")
        .subnet("app-net", "10.0.10.0/24")
        .sg(
            "alb-sg",
            &["tcp 0-65535 from 0.0.0.0/0"],
            &["tcp 8080 to 10.0.0.0/16"],
        )
        .sg(
            "app-sg",
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
            &["app"],
        )
        .instance("app", "app-net", "10.0.10.10")
        .sgs(&["app-sg"])
        .listens(&["8080"])
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .build();
    let got = parts(&s, "laptop", "alb", Protocol::Tcp);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], part("0-442, 444-65535", "refused", "alb"));
    assert_eq!(got[1], part("443", "established", ""));
    assert_eq!(
        Verdict::Established.code(),
        got[1].1,
        "443 reaches the target over the second leg"
    );
}
