//! The rule checks in words, in each language: the cells of a rule-by-rule table.
//!
//! Exhaustive matches, so a new kind of mismatch cannot be added without its words.

use super::{FilterChecks, Mismatch, Outcome, Peer, RuleCheck, RuleRow, TrackedEntry};
use crate::i18n::Lang;
use crate::model::{Action, PortRange, Protocol};
use std::net::IpAddr;

/// What the packet looked like to the rules: needed to say why a rule missed.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    /// The packet's protocol.
    pub protocol: Protocol,
    /// Its destination ports as text (`443`, `32768-60999`), empty without ports.
    pub ports: &'a str,
    /// The remote address the rules compare with their source or destination.
    pub remote: IpAddr,
}

fn range(r: PortRange) -> String {
    if r.from == r.to {
        r.from.to_string()
    } else {
        format!("{}-{}", r.from, r.to)
    }
}

fn protocol(p: Protocol, lang: Lang) -> String {
    match (p, lang) {
        (Protocol::All, Lang::En) => "all".into(),
        (Protocol::All, Lang::Ko) => "전체".into(),
        (p, _) => p.to_string(),
    }
}

/// The rule's number as its table shows it: `100`, `*`, or `#2` for a group rule.
pub fn number(row: &RuleRow) -> String {
    match (row.number, &row.group) {
        (None, _) => "*".into(),
        (Some(n), None) => n.to_string(),
        (Some(n), Some(_)) => format!("#{n}"),
    }
}

/// The rule's protocol.
pub fn rule_protocol(row: &RuleRow, lang: Lang) -> String {
    protocol(row.protocol, lang)
}

/// The rule's ports: a range, or all.
pub fn ports(row: &RuleRow, lang: Lang) -> String {
    match (row.ports, row.protocol.has_ports(), lang) {
        (Some(r), true, _) => range(r),
        (_, _, Lang::En) => "all".into(),
        (_, _, Lang::Ko) => "전체".into(),
    }
}

/// The rule's source or destination.
pub fn peer(row: &RuleRow, lang: Lang) -> String {
    match (&row.peer, lang) {
        (Peer::Cidr(c), _) => c.to_string(),
        (Peer::PrefixList(n) | Peer::Group(n), _) => n.clone(),
        (Peer::Missing, Lang::En) => "(missing)".into(),
        (Peer::Missing, Lang::Ko) => crate::ko_str!("(없음)").into(),
    }
}

/// Allow or deny.
pub fn action(row: &RuleRow, lang: Lang) -> &'static str {
    match (row.action, lang) {
        (Action::Allow, Lang::En) => "allow",
        (Action::Deny, Lang::En) => "deny",
        (Action::Allow, Lang::Ko) => "허용",
        (Action::Deny, Lang::Ko) => "거부",
    }
}

fn mismatch(m: &Mismatch, seen: Seen, lang: Lang) -> String {
    let ip = seen.remote;
    let many = seen.ports.contains(['-', ',']);
    match (m, lang) {
        (Mismatch::Protocol { rule }, Lang::En) => {
            format!("{} ≠ {}", seen.protocol, protocol(*rule, lang))
        }
        (Mismatch::Protocol { rule }, Lang::Ko) => {
            crate::ko!("프로토콜 {} ≠ {}", seen.protocol, protocol(*rule, lang))
        }
        (Mismatch::Icmp { rule }, Lang::En) => match rule.icmp_type {
            Some(t) => format!("another ICMP type (the rule is for type {t})"),
            None => "another ICMP code".into(),
        },
        (Mismatch::Icmp { rule }, Lang::Ko) => match rule.icmp_type {
            Some(t) => crate::ko!("ICMP 유형이 다름 (규칙은 유형 {})", t),
            None => crate::ko_str!("ICMP 코드가 다름").into(),
        },
        (Mismatch::Ports { rule }, Lang::En) => match (many, rule.from == rule.to) {
            (false, true) => format!("port {} ≠ {}", seen.ports, rule.from),
            (false, false) => format!("port {} not in {}", seen.ports, range(*rule)),
            (true, _) => format!("ports {} not in {}", seen.ports, range(*rule)),
        },
        (Mismatch::Ports { rule }, Lang::Ko) => match rule.from == rule.to && !many {
            true => crate::ko!("포트 {} ≠ {}", seen.ports, rule.from),
            false => crate::ko!("포트 {}가 {} 범위 밖", seen.ports, range(*rule)),
        },
        (Mismatch::Address { cidr }, Lang::En) => format!("{ip} not in {cidr}"),
        (Mismatch::Address { cidr }, Lang::Ko) => crate::ko!("{}는 {}에 속하지 않음", ip, cidr),
        (Mismatch::PrefixList { list }, Lang::En) => format!("{ip} not in prefix list {list}"),
        (Mismatch::PrefixList { list }, Lang::Ko) => {
            crate::ko!("{}는 접두사 목록 {}에 없음", ip, list)
        }
        (Mismatch::Group { group }, Lang::En) => {
            format!("{ip} is not a private address of a member of {group}")
        }
        (Mismatch::Group { group }, Lang::Ko) => {
            crate::ko!("{}는 {} 멤버의 프라이빗 주소가 아님", ip, group)
        }
        (Mismatch::MissingPeer, Lang::En) => "what it refers to does not exist".into(),
        (Mismatch::MissingPeer, Lang::Ko) => crate::ko_str!("참조하는 대상이 없음").into(),
    }
}

/// What the rule did, in words: "matched: allows", "did not match: port 22 ≠ 443", "not
/// checked: an earlier rule decided".
pub fn outcome(check: &RuleCheck, seen: Seen, lang: Lang) -> String {
    let allows = check.row.action == Action::Allow;
    match (&check.outcome, lang) {
        (Outcome::Matched { only: None }, Lang::En) => {
            format!("matched: {}", if allows { "allows" } else { "denies" })
        }
        (Outcome::Matched { only: Some(p) }, Lang::En) => format!(
            "matched ports {p}: {}",
            if allows { "allows them" } else { "denies them" }
        ),
        (Outcome::Matched { only: None }, Lang::Ko) => {
            crate::ko!(
                "일치: {}",
                if allows {
                    crate::ko_str!("허용")
                } else {
                    crate::ko_str!("거부")
                }
            )
        }
        (Outcome::Matched { only: Some(p) }, Lang::Ko) => {
            crate::ko!(
                "포트 {} 일치: {}",
                p,
                if allows {
                    crate::ko_str!("허용")
                } else {
                    crate::ko_str!("거부")
                }
            )
        }
        (Outcome::Missed(m), Lang::En) => format!("did not match: {}", mismatch(m, seen, lang)),
        (Outcome::Missed(m), Lang::Ko) => crate::ko!("일치하지 않음: {}", mismatch(m, seen, lang)),
        (Outcome::NotReached, Lang::En) => "not checked: an earlier rule decided".into(),
        (Outcome::NotReached, Lang::Ko) => {
            crate::ko_str!("확인하지 않음: 앞선 규칙이 이미 결정함").into()
        }
    }
}

/// The reply's tracked connection, in words.
pub fn tracked(e: &TrackedEntry, lang: Lang) -> String {
    let end = |ip: IpAddr, port: &str| match port {
        "" => ip.to_string(),
        p => format!("{ip}:{p}"),
    };
    let conn = format!(
        "{} {} → {}",
        e.protocol,
        end(e.client, &e.client_port),
        end(e.server, &e.server_port)
    );
    match lang {
        Lang::En => format!(
            "Reply of the connection {conn}, which a security group allowed when it was opened. \
             Security groups are stateful: a reply passes without any rule being checked."
        ),
        Lang::Ko => crate::ko!(
            "연결 {}의 응답입니다. 이 연결은 시작될 때 보안 그룹이 허용했습니다. \
             보안 그룹은 상태를 저장하므로 응답은 규칙을 확인하지 않고 통과합니다.",
            conn
        ),
    }
}

/// The closing line under a group's rules when none matched: the implicit deny.
pub fn none_matched(checks: &FilterChecks, lang: Lang) -> Option<&'static str> {
    let FilterChecks::Rules { rules, .. } = checks else {
        return None;
    };
    let group = rules.first().is_none_or(|c| c.row.group.is_some());
    (group && checks.deciding().is_none()).then_some(match lang {
        Lang::En => "No rule matched: a security group denies whatever no rule allows.",
        Lang::Ko => {
            crate::ko_str!(
                "일치하는 규칙 없음: 보안 그룹은 어떤 규칙도 허용하지 않은 트래픽을 거부합니다."
            )
        }
    })
}
