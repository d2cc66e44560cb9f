//! Rule by rule: a network ACL hop lists its rules in number order, the deciding one marked and the
//! ones before it with the field that did not match; a security group hop lists every rule with
//! why it did or did not match, or the tracked connection that lets a reply through.
//!
//! Semantics: "Network ACLs — rules are evaluated in ascending rule number; the first rule that
//! matches decides; if none matches, the `*` rule denies"; "Security groups — allow rules only; a
//! packet is allowed if any rule of any group on the ENI allows it"; replies of an allowed
//! connection pass (connection tracking).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use vpc_playground::engine::checks::words::{self, Seen};
use vpc_playground::engine::checks::{FilterChecks, Mismatch, Outcome};
use vpc_playground::engine::{Direction, Hop, Kind, Trace, Verdict};
use vpc_playground::i18n::Lang;
use vpc_playground::model::Os;

fn base() -> Sc {
    Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .sg(
            "web-sg",
            &["tcp 22 from 10.9.0.0/16", "tcp 443 from 0.0.0.0/0"],
            &["all to 0.0.0.0/0"],
        )
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443", "22"])
}

fn hop(t: &Trace, kind: Kind, dir: Direction) -> &Hop {
    t.hops
        .iter()
        .find(|h| h.component.kind == kind && h.direction == dir)
        .unwrap_or_else(|| panic!("no {kind:?} hop {dir:?}: {}", explain(t)))
}

fn rules(h: &Hop) -> (&[vpc_playground::engine::checks::RuleCheck], Seen<'_>) {
    match h.checks.as_deref() {
        Some(FilterChecks::Rules {
            rules,
            remote,
            ports,
            ..
        }) => (
            rules,
            Seen {
                protocol: h.packet.protocol,
                ports,
                remote: *remote,
            },
        ),
        other => panic!("{} has no rule list: {other:?}", h.component.name),
    }
}

fn outcomes(h: &Hop, lang: Lang) -> Vec<String> {
    let (rules, seen) = rules(h);
    rules
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                words::number(&c.row),
                words::outcome(c, seen, lang)
            )
        })
        .collect()
}

#[test]
fn acl_rules_are_listed_in_number_order_with_the_first_match_deciding() {
    let s = base()
        .acl(
            "pub-acl",
            &["pub"],
            &[
                "300 allow tcp 443 0.0.0.0/0",
                "100 allow tcp 22 0.0.0.0/0",
                "200 deny tcp 443 198.51.100.0/24",
                "400 deny tcp 443 0.0.0.0/0",
            ],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_established(&t);
    let h = hop(&t, Kind::NetworkAcl, Direction::Forward);
    assert_eq!(
        outcomes(h, Lang::En),
        [
            "100 did not match: port 443 ≠ 22",
            "200 did not match: 203.0.113.10 not in 198.51.100.0/24",
            "300 matched: allows",
            "400 not checked: an earlier rule decided",
            "* not checked: an earlier rule decided",
        ]
    );
    assert_eq!(
        outcomes(h, Lang::Ko),
        [
            "100 일치하지 않음: 포트 443 ≠ 22",
            "200 일치하지 않음: 203.0.113.10는 198.51.100.0/24에 속하지 않음",
            "300 일치: 허용",
            "400 확인하지 않음: 앞선 규칙이 이미 결정함",
            "* 확인하지 않음: 앞선 규칙이 이미 결정함",
        ]
    );
    assert_eq!(
        h.checks.as_ref().unwrap().deciding().unwrap().row.number,
        Some(300)
    );
}

#[test]
fn acl_star_rule_is_the_one_marked_when_nothing_matches() {
    let s = base()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow udp 53 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_eq!(t.verdict, Verdict::DroppedByNetworkAcl);
    let h = hop(&t, Kind::NetworkAcl, Direction::Forward);
    assert_eq!(
        outcomes(h, Lang::En),
        ["100 did not match: tcp ≠ udp", "* matched: denies"]
    );
    assert_eq!(
        outcomes(h, Lang::Ko),
        ["100 일치하지 않음: 프로토콜 tcp ≠ udp", "* 일치: 거부"]
    );
}

#[test]
fn acl_return_hop_compares_the_client_ephemeral_ports() {
    let s = base()
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 443 0.0.0.0/0"],
            &[
                "100 allow tcp 443 0.0.0.0/0",
                "110 allow tcp 40000-65535 0.0.0.0/0",
            ],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_eq!(t.verdict, Verdict::DependsOnSourcePort, "{}", explain(&t));
    let h = hop(&t, Kind::NetworkAcl, Direction::Return);
    let got = outcomes(h, Lang::En);
    assert_eq!(got[0], "100 did not match: ports 32768-60999 not in 443");
    assert_eq!(got[1], "110 matched ports 40000-60999: allows them");
    assert_eq!(got[2], "* matched ports 32768-39999: denies them");
}

#[test]
fn security_group_lists_every_rule_with_why_it_did_not_match() {
    let s = base().build();
    let t = tcp(&s, "laptop", "web", 22);
    assert_eq!(t.verdict, Verdict::DroppedBySecurityGroup);
    let h = hop(&t, Kind::SecurityGroup, Direction::Forward);
    assert_eq!(
        outcomes(h, Lang::En),
        [
            "#1 did not match: 203.0.113.10 not in 10.9.0.0/16",
            "#2 did not match: port 22 ≠ 443",
        ]
    );
    let checks = h.checks.as_deref().unwrap();
    assert!(checks.deciding().is_none());
    assert_eq!(
        words::none_matched(checks, Lang::En),
        Some("No rule matched: a security group denies whatever no rule allows.")
    );
    assert!(words::none_matched(checks, Lang::Ko)
        .unwrap()
        .contains("거부"));
}

#[test]
fn security_group_rule_naming_a_group_misses_an_address_outside_it() {
    let s = base()
        .sg("bastion-sg", &[], &["all to 0.0.0.0/0"])
        .sg_inbound("web-sg", "tcp 8080 from sg:bastion-sg")
        .build();
    let t = tcp(&s, "laptop", "web", 8080);
    let h = hop(&t, Kind::SecurityGroup, Direction::Forward);
    let (rules, _) = rules(h);
    assert_eq!(
        rules[2].outcome,
        Outcome::Missed(Mismatch::Group {
            group: "bastion-sg".into()
        })
    );
    assert_eq!(
        outcomes(h, Lang::En)[2],
        "#3 did not match: 203.0.113.10 is not a private address of a member of bastion-sg"
    );
}

#[test]
fn security_group_reply_names_the_tracked_connection() {
    let t = tcp(&base().build(), "laptop", "web", 443);
    assert_established(&t);
    let h = hop(&t, Kind::SecurityGroup, Direction::Return);
    let Some(FilterChecks::Tracked(e)) = h.checks.as_deref() else {
        panic!("the reply's group hop has no tracked entry: {:?}", h.checks);
    };
    let en = words::tracked(e, Lang::En);
    assert!(
        en.contains("tcp 203.0.113.10:32768-60999 → 10.0.0.10:443") && en.contains("stateful"),
        "{en}"
    );
    assert!(words::tracked(e, Lang::Ko).contains("응답"));
}

#[test]
fn hops_that_are_not_filters_have_no_rule_list() {
    let t = tcp(&base().build(), "laptop", "web", 443);
    for h in &t.hops {
        let filter = matches!(h.component.kind, Kind::NetworkAcl | Kind::SecurityGroup);
        assert_eq!(
            h.checks.is_some(),
            filter,
            "{} {:?}",
            h.component.name,
            h.component.kind
        );
    }
}
