//! Traces in words, in English ([`en`]) and Korean ([`ko`]). Each language matches every
//! verdict, kind and rule itself, so a new one cannot go without its words in both; the UI and
//! the CLI put traces in words through these functions.

pub mod en;
pub mod ko;

use super::trace::{Hop, Kind, RuleRef, Trace, Verdict};
use crate::i18n::Lang;
use std::borrow::Cow;

/// A trace's summary in `lang`: one sentence saying how the flow ended and why.
pub fn summary(t: &Trace, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(en::summary(t)),
        Lang::Ko => Cow::Owned(ko::summary(t)),
    }
}

/// What a hop did, in `lang`.
pub fn hop(h: &Hop, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(en::hop(h)),
        Lang::Ko => Cow::Owned(ko::hop(h)),
    }
}

/// The rule that decided at a hop, in `lang`: `inbound rule #2` / `인바운드 규칙 #2`.
pub fn rule_words(r: &RuleRef, lang: Lang) -> String {
    match lang {
        Lang::En => en::rule(r),
        Lang::Ko => ko::rule(r),
    }
}

/// The name of a kind of component, in `lang`.
pub fn kind_words(k: Kind, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en::kind(k),
        Lang::Ko => ko::kind(k),
    }
}

/// A verdict in the fewest words, for a cell of the reachability table: "service-sg blocks",
/// "no route", "nothing listens". `by` is the display name of the component that decided; a
/// verdict that needs one and has none is said by its own words.
pub fn cell_words(verdict: Verdict, by: Option<&str>, lang: Lang) -> String {
    let by = by.unwrap_or_default();
    let needs_name = !matches!(
        verdict,
        Verdict::Established
            | Verdict::Refused
            | Verdict::NoPublicAddress
            | Verdict::NotTransitive
            | Verdict::NoHost
            | Verdict::ForwardingLoop
    );
    match lang {
        _ if by.is_empty() && needs_name => match lang {
            Lang::En => verdict.code().replace('-', " "),
            Lang::Ko => verdict.ko().into(),
        },
        Lang::En => en::cell(verdict, by),
        Lang::Ko => ko::cell(verdict, by),
    }
}

impl super::FlowError {
    /// Why the flow could not be traced, in Korean.
    pub fn ko(&self) -> String {
        use super::FlowError as E;
        let who = |role: &str| {
            if role == "--to" {
                crate::ko_str!("목적지")
            } else {
                crate::ko_str!("출발지")
            }
        };
        match self {
            E::UnknownEndpoint { role, name } => crate::ko!("{} {}: 이 ID, 이름 또는 주소를 가진 인스턴스, 인터페이스, 데이터베이스, 로드 밸런서, 인터넷 호스트가 없습니다", who(role), crate::i18n::catalog::AsDebug(&name)),
            E::NoInterface { role, ip, vpc } => crate::ko!("{} {}: {} 안의 주소이지만 이 주소를 가진 네트워크 인터페이스가 없습니다", who(role), ip, vpc),
            E::MissingPort(p) => crate::ko!("{}에는 포트가 필요합니다", p),
            E::NoIpv6 { role, name } => crate::ko!("{} {}에는 IPv6 주소가 없습니다. 서브넷에 IPv6 블록을 주고 인터페이스에 그 안의 주소를 주세요", who(role), crate::i18n::catalog::AsDebug(&name)),
            E::MixedFamilies => crate::ko_str!("출발지와 목적지의 주소 체계가 다릅니다 (IPv4와 IPv6). 패킷은 한 가지만 씁니다").into(),
            E::BadProtocol(p) => {
                crate::ko!("프로토콜 {}은(는) 추적할 수 없습니다: tcp, udp, icmp, icmpv6 중에서 고르세요", p)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{trace, FlowSpec, Network, Verdict};

    fn flow(from: &str, to: &str, port: u16) -> FlowSpec {
        FlowSpec::tcp(from, to, port)
    }

    /// Korean summaries carry the same facts as the English ones: the verdict's words, the
    /// deciding component's name and, for ACLs, the rule.
    /// Security group rule names read in Korean; ACL numbers keep their number.
    #[test]
    fn rule_names_read_in_korean() {
        use crate::engine::trace::{RuleDirection, RuleRef};
        let sg = |direction, index| RuleRef::SgRule { direction, index };
        assert_eq!(
            super::ko::rule(&sg(RuleDirection::Outbound, 1)),
            "아웃바운드 규칙 #1"
        );
        assert_eq!(
            super::ko::rule(&sg(RuleDirection::Inbound, 2)),
            "인바운드 규칙 #2"
        );
        assert_eq!(
            super::ko::rule(&RuleRef::AclRule { number: 100 }),
            "규칙 100"
        );
        assert_eq!(
            super::ko::rule(&RuleRef::TrackedConnection),
            "추적 중인 연결의 응답"
        );
    }

    #[test]
    fn korean_verdicts_name_what_decided() {
        let mut s = crate::templates::load("service-postgis-memcached").unwrap();
        let net = Network::new(&s);
        let t = trace(&net, &flow("internet", "service", 443)).unwrap();
        let ko = super::ko::summary(&t);
        assert_eq!(t.verdict, Verdict::Established);
        assert!(ko.starts_with("연결 성공: "), "{}", ko);
        assert!(ko.contains("tcp/443"), "{}", ko);

        let t = trace(&net, &flow("internet", "postgis", 5432)).unwrap();
        let ko = super::ko::summary(&t);
        assert_ne!(t.verdict, Verdict::Established);
        assert!(ko.starts_with("차단됨"), "{}", ko);

        let t = trace(&net, &flow("service", "postgis", 5432)).unwrap();
        assert_eq!(t.verdict, Verdict::Established, "{}", t.summary);
        for h in &t.hops {
            let ko = super::ko::hop(h);
            assert!(ko.contains(&h.component.name), "{ko}");
        }

        // Remove the 443 rule: the drop names the group, inbound.
        let sg = s
            .security_groups
            .iter_mut()
            .find(|g| g.name == "service-sg")
            .unwrap();
        sg.inbound
            .retain(|r| r.ports.map(|p| p.to_string()).as_deref() != Some("443"));
        let net = Network::new(&s);
        let t = trace(&net, &flow("internet", "service", 443)).unwrap();
        let ko = super::ko::summary(&t);
        assert_eq!(t.verdict, Verdict::DroppedBySecurityGroup);
        assert!(
            ko.contains("보안 그룹 service-sg") && ko.contains("인바운드"),
            "{}",
            ko
        );
    }

    #[test]
    fn flow_errors_speak_korean() {
        let s = crate::templates::load("service-postgis-memcached").unwrap();
        let e = trace(&Network::new(&s), &flow("nobody", "service", 443)).unwrap_err();
        assert!(e.ko().starts_with("출발지 \"nobody\": "), "{}", e.ko());
    }

    /// A reply dropped by a network ACL says so, with the client's port and the rule.
    #[test]
    fn korean_return_path_acl_drop_names_the_rule_and_the_clients_port() {
        let mut s = crate::templates::load("service-postgis-memcached").unwrap();
        let json = serde_json::json!({"number": 50, "protocol": "tcp", "ports": "1024-65535",
            "cidr": "0.0.0.0/0", "action": "deny"});
        let rule = serde_json::from_value(json).unwrap();
        assert_eq!(s.network_acls.len(), 1, "one (default) network ACL");
        s.network_acls[0].outbound.insert(0, rule);
        let net = Network::new(&s);
        let t = trace(&net, &flow("internet", "service", 443)).unwrap();
        let ko = super::ko::summary(&t);
        if t.verdict == Verdict::DroppedByNetworkAcl {
            assert!(ko.starts_with("돌아오는 길에 차단됨"), "{}", ko);
            assert!(ko.contains("아웃바운드"), "{}", ko);
            assert!(ko.contains("규칙 50"), "{}", ko);
        } else {
            panic!("expected an ACL drop: {}", t.summary);
        }
    }

    #[test]
    fn cell_words_name_the_component_and_fall_back_without_one() {
        use crate::i18n::Lang;
        assert_eq!(
            super::cell_words(Verdict::DroppedBySecurityGroup, Some("db-sg"), Lang::En),
            "db-sg blocks"
        );
        assert_eq!(
            super::cell_words(Verdict::DroppedBySecurityGroup, Some("db-sg"), Lang::Ko),
            "db-sg에서 차단"
        );
        assert_eq!(
            super::cell_words(Verdict::NoRoute, None, Lang::En),
            "no route"
        );
        assert_eq!(
            super::cell_words(Verdict::Refused, None, Lang::En),
            "nothing listens"
        );
    }
}
