//! Verdicts and hops in Korean. The English sentences are written where each decision is made;
//! the Korean ones are put together here from the facts every trace records (the verdict, the
//! deciding component and rule, the side it was crossed on, the packet where it stopped), so
//! they say the same thing without a second copy of the network semantics.

use super::trace::{
    BlockedBy, Decision, Direction, Hop, Kind, RuleRef, Side, SourcePorts, Verdict,
};
use super::walk::PortVar;
use crate::model::{Os, Protocol};

/// The Korean name of a kind of component.
pub fn kind_ko(kind: Kind) -> &'static str {
    match kind {
        Kind::SecurityGroup => "보안 그룹",
        Kind::NetworkAcl => "네트워크 ACL",
        Kind::RouteTable => "라우팅 테이블",
        Kind::InternetGateway => "인터넷 게이트웨이",
        Kind::NatGateway => "NAT 게이트웨이",
        Kind::Instance => "인스턴스",
        Kind::NetworkInterface => "네트워크 인터페이스",
        Kind::LoadBalancer => "로드 밸런서",
        Kind::Database => "데이터베이스",
        Kind::PeeringConnection => "VPC 피어링",
        Kind::GatewayEndpoint => "게이트웨이 엔드포인트",
        Kind::TransitGateway => "트랜짓 게이트웨이",
        Kind::Internet => "인터넷",
        Kind::InternetHost => "인터넷 호스트",
        Kind::Vpc => "VPC",
    }
}

/// `tcp/443`, `udp/53`, `icmp`: the service a packet is for.
fn service(protocol: Protocol, port: &str) -> String {
    if port.is_empty() || !protocol.has_ports() {
        protocol.to_string()
    } else {
        format!("{protocol}/{port}")
    }
}

/// "인바운드" or "아웃바운드", by the side a rule table was crossed on.
fn bound(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Leaving) => "아웃바운드",
        _ => "인바운드",
    }
}

/// What the engine knows about a flow's end, for [`summary_ko`].
pub struct Facts<'a> {
    /// The verdict.
    pub verdict: Verdict,
    /// What decided, when not established.
    pub blocked_by: Option<&'a BlockedBy>,
    /// The last hop (where the packet stopped, or was delivered).
    pub last: Option<&'a Hop>,
    /// The client, as people read it (`web (i-1)`).
    pub from: &'a str,
    /// The destination, as people read it.
    pub to: &'a str,
    /// The service asked for (`tcp/443`).
    pub svc: &'a str,
    /// Which source ports work, when only some do.
    pub source_ports: Option<&'a SourcePorts>,
    /// The flow's protocol.
    pub protocol: Protocol,
    /// The client's source-port variable a network ACL denied, when one did.
    pub ephemeral: Option<&'a PortVar>,
}

/// Whose ephemeral range `v` is, in English: "the range Linux clients pick from".
fn range_owner_en(v: &PortVar) -> String {
    match v.os {
        Some(Os::Linux) => "the range Linux clients pick from".into(),
        Some(Os::Windows) => "the range Windows and macOS clients pick from".into(),
        Some(Os::Any) => "the widest range a client of unknown OS may pick from".into(),
        None => format!("the range {} picks from", v.picked_by),
    }
}

/// Whose ephemeral range `v` is, in Korean.
fn range_owner_ko(v: &PortVar) -> String {
    match v.os {
        Some(Os::Linux) => "Linux 클라이언트가 고르는 범위".into(),
        Some(Os::Windows) => "Windows와 macOS 클라이언트가 고르는 범위".into(),
        Some(Os::Any) => "OS를 모르는 클라이언트가 고를 수 있는 가장 넓은 범위".into(),
        None => format!("{}이(가) 고르는 범위", v.picked_by),
    }
}

/// The client's source ports `ports` (as narrowed so far) named as ephemeral ports, with the range
/// and whose it is: "ephemeral ports 32768-60999 (the range Linux clients pick from)".
pub fn ephemeral_en(v: &PortVar, ports: &str) -> String {
    let full = v.full.to_string();
    if ports == full {
        format!("ephemeral ports {ports} ({})", range_owner_en(v))
    } else {
        format!("ephemeral ports {ports} (of {full}, {})", range_owner_en(v))
    }
}

/// What the client sees when a flow ends with `verdict`, as a sentence to append to the summary
/// (with a leading space), or empty when the flow is established or the answer depends on ports.
pub fn client_sees_en(verdict: Verdict, protocol: Protocol) -> &'static str {
    match verdict {
        Verdict::Established | Verdict::DependsOnSourcePort => "",
        Verdict::Refused if protocol == Protocol::Tcp => {
            " The host answers at once with a TCP reset, so the client sees \"connection refused\" right away, unlike a dropped packet, which gets no answer."
        }
        Verdict::Refused => "",
        _ => {
            " A dropped packet gets no answer at all, so the client waits until it times out (telnet hangs), unlike a refused port, which answers at once with a reset."
        }
    }
}

/// The Korean of [`client_sees_en`].
pub fn client_sees_ko(verdict: Verdict, protocol: Protocol) -> &'static str {
    match verdict {
        Verdict::Established | Verdict::DependsOnSourcePort => "",
        Verdict::Refused if protocol == Protocol::Tcp => {
            " 호스트가 곧바로 TCP 리셋으로 답하므로 클라이언트는 즉시 \"연결 거부\"를 봅니다. 응답이 전혀 없는 차단된 패킷과 다릅니다."
        }
        Verdict::Refused => "",
        _ => {
            " 차단된 패킷에는 아무 응답도 없어서 클라이언트는 시간이 초과될 때까지 기다립니다(telnet이 멈춘 듯 보입니다). 곧바로 리셋으로 답하는 거부된 포트와 다릅니다."
        }
    }
}

/// One sentence in Korean saying how a flow ended and why (the Korean of [`super::Trace::summary`]).
pub fn summary_ko(f: &Facts) -> String {
    let by = f.blocked_by;
    let name = by.map_or("", |b| b.name.as_str());
    let rule = by.and_then(|b| b.rule.as_deref());
    let hop = f.last;
    let side = hop.and_then(|h| h.site.as_ref()).map(|s| s.side);
    let (src, dst) = hop.map_or((String::new(), String::new()), |h| {
        (h.src.to_string(), h.dst.to_string())
    });
    let svc = hop.map_or_else(
        || f.svc.to_string(),
        |h| service(h.protocol, &h.dst_port.to_string()),
    );
    let lead = match (f.verdict, by.map(|b| b.direction)) {
        (Verdict::Established, _) => {
            return format!(
                "연결 성공: {}에서 {}의 {}(으)로 연결되었고, 응답도 돌아왔습니다.",
                f.from, f.to, f.svc
            )
        }
        (Verdict::DependsOnSourcePort, _) => {
            let p = f.source_ports;
            return format!(
                "클라이언트의 소스 포트에 따라 다릅니다: {}이(가) {} 중에서 포트를 고르는데, {}일 때만 연결됩니다. 결정한 곳: {} {}.",
                p.map_or("", |p| p.picked_by.as_str()),
                p.map_or("", |p| p.range.as_str()),
                p.map_or("", |p| p.working.as_str()),
                by.map_or("", |b| kind_ko(b.kind)),
                name
            );
        }
        (Verdict::Refused, _) => "거부됨",
        (_, Some(Direction::Return)) => "돌아오는 길에 차단됨",
        _ => "차단됨",
    };
    let leg = match by.map(|b| b.leg) {
        Some(l) if l > 1 => format!(" ({l}번째 구간: 로드 밸런서나 프록시가 여는 연결)"),
        _ => String::new(),
    };
    let rule_part = |r: Option<&str>| match r {
        Some(r) if r != "*" => format!(" ({})", rule_name_ko(r)),
        Some(_) => " (기본 거부 규칙 *)".to_string(),
        None => String::new(),
    };
    let why = match f.verdict {
        Verdict::DroppedBySecurityGroup => match side {
            Some(Side::Leaving) => format!(
                "보안 그룹 {name}에 {dst}(으)로 가는 {svc}을(를) 허용하는 아웃바운드 규칙이 없습니다"
            ),
            _ => format!(
                "보안 그룹 {name}에 {src}에서 오는 {svc}을(를) 허용하는 인바운드 규칙이 없습니다"
            ),
        },
        Verdict::DroppedByNetworkAcl => {
            let port = hop.map_or(String::new(), |h| h.dst_port.to_string());
            let whose = match by.map(|b| b.direction) {
                Some(Direction::Return) if !port.is_empty() => match f.ephemeral {
                    Some(v) if v.full.to_string() == port => {
                        format!(", 클라이언트의 임시(ephemeral) 포트 {port}({})", range_owner_ko(v))
                    }
                    Some(v) => format!(
                        ", 클라이언트의 임시(ephemeral) 포트 {port}({} {} 중)",
                        range_owner_ko(v),
                        v.full
                    ),
                    None => format!(", 클라이언트의 포트 {port}"),
                },
                _ => String::new(),
            };
            format!(
                "네트워크 ACL {name}의 {} 규칙이 {dst}(으)로 가는 {svc}{whose}을(를) 거부합니다{}",
                bound(side),
                rule_part(rule)
            )
        }
        Verdict::NoRoute => match by.map(|b| b.kind) {
            Some(Kind::RouteTable) => {
                format!("라우팅 테이블 {name}에 {dst}(으)로 가는 경로가 없습니다")
            }
            Some(k) => format!("{} {name}에서 {dst}(으)로 가는 길이 없습니다", kind_ko(k)),
            None => format!("{dst}(으)로 가는 경로가 없습니다"),
        },
        Verdict::BlackholeRoute => format!(
            "라우팅 테이블 {name}의 경로{}가 블랙홀입니다: 대상이 더 이상 없습니다",
            rule.map_or(String::new(), |r| format!(" {r}"))
        ),
        Verdict::NoPublicAddress => {
            format!("{name}에 퍼블릭 IP 주소가 없어 VPC 밖과 주고받을 수 없습니다")
        }
        Verdict::SourceDestCheck => format!(
            "{name}의 소스/대상 확인이 켜져 있어, 자기 주소가 아닌 패킷({src} → {dst})을 전달하지 않습니다"
        ),
        Verdict::NotTransitive => format!(
            "VPC 피어링은 전이되지 않습니다: {name}을(를) 거쳐 그 너머의 네트워크({dst})로 갈 수 없습니다"
        ),
        Verdict::NoHost => format!("{dst} 주소를 가진 곳이 없습니다"),
        Verdict::DroppedByNatGateway => format!(
            "NAT 게이트웨이 {name}은(는) 안쪽에서 시작하지 않은 연결을 받지 않습니다"
        ),
        Verdict::ForwardingLoop => format!("패킷이 라우팅 루프를 돌았습니다 ({name})"),
        Verdict::Unsupported => format!(
            "이 경로는 시뮬레이터가 다루지 않는 구성 요소를 지납니다: {} {name}",
            by.map_or("", |b| kind_ko(b.kind))
        ),
        Verdict::Refused if hop.is_some_and(|h| h.protocol == Protocol::Icmp) => {
            format!("{name}은(는) ping에 응답하지 않습니다")
        }
        Verdict::Refused => format!(
            "{name}에서 {}을(를) 수신 대기하는 서비스가 없어 연결이 거부되었습니다",
            f.svc
        ),
        Verdict::Established | Verdict::DependsOnSourcePort => String::new(),
    };
    format!(
        "{lead}{leg}: {why}.{}",
        client_sees_ko(f.verdict, f.protocol)
    )
}

impl super::FlowError {
    /// Why the flow could not be traced, in Korean.
    pub fn ko(&self) -> String {
        use super::FlowError as E;
        let who = |role: &str| {
            if role == "--to" {
                "목적지"
            } else {
                "출발지"
            }
        };
        match self {
            E::UnknownEndpoint { role, name } => format!(
                "{} {name:?}: 이 ID, 이름 또는 주소를 가진 인스턴스, 인터페이스, 데이터베이스, 로드 밸런서, 인터넷 호스트가 없습니다",
                who(role)
            ),
            E::NoInterface { role, ip, vpc } => format!(
                "{} {ip}: {vpc} 안의 주소이지만 이 주소를 가진 네트워크 인터페이스가 없습니다",
                who(role)
            ),
            E::MissingPort(p) => format!("{p}에는 포트가 필요합니다"),
            E::BadProtocol(p) => {
                format!("프로토콜 {p}은(는) 추적할 수 없습니다: tcp, udp, icmp 중에서 고르세요")
            }
        }
    }
}

/// A hop's rule in Korean: the words the engine uses for a rule that is not a number, an index
/// or a destination; anything else as it is.
pub fn rule_ko(rule: &str) -> &str {
    match rule {
        "tracked connection" => "추적 중인 연결의 응답",
        "no matching rule" => "맞는 규칙 없음",
        r => r,
    }
}

/// A rule name as a hop gives it, in Korean: `inbound #2` becomes `인바운드 규칙 #2`, a network
/// ACL rule number or route destination becomes `규칙 100`, and the engine's fixed names are
/// translated by [`rule_ko`].
pub fn rule_name_ko(rule: &str) -> String {
    if let Some(n) = rule.strip_prefix("inbound ") {
        format!("인바운드 규칙 {n}")
    } else if let Some(n) = rule.strip_prefix("outbound ") {
        format!("아웃바운드 규칙 {n}")
    } else if matches!(rule, "tracked connection" | "no matching rule") {
        rule_ko(rule).to_string()
    } else {
        format!("규칙 {rule}")
    }
}

/// The rule that decided at a hop, in words: `inbound rule #2` / `인바운드 규칙 #2`, `rule 100` /
/// `규칙 100`, `the * rule` / `* 규칙`, ... Every kind of rule is matched here, so a new one
/// cannot go without its words.
pub fn rule_words(r: &RuleRef, lang: crate::i18n::Lang) -> String {
    use super::trace::RuleDirection::{Inbound, Outbound};
    use crate::i18n::Lang::{En, Ko};
    match (r, lang) {
        (RuleRef::AclRule { number }, En) => format!("rule {number}"),
        (RuleRef::AclRule { number }, Ko) => format!("규칙 {number}"),
        (RuleRef::AclDefault, En) => "the * rule".into(),
        (RuleRef::AclDefault, Ko) => "* 규칙".into(),
        (
            RuleRef::SgRule {
                direction: Inbound,
                index,
            },
            En,
        ) => format!("inbound rule #{index}"),
        (
            RuleRef::SgRule {
                direction: Outbound,
                index,
            },
            En,
        ) => format!("outbound rule #{index}"),
        (
            RuleRef::SgRule {
                direction: Inbound,
                index,
            },
            Ko,
        ) => format!("인바운드 규칙 #{index}"),
        (
            RuleRef::SgRule {
                direction: Outbound,
                index,
            },
            Ko,
        ) => format!("아웃바운드 규칙 #{index}"),
        (RuleRef::TrackedConnection, En) => "reply to a tracked connection".into(),
        (RuleRef::TrackedConnection, Ko) => "추적 중인 연결의 응답".into(),
        (RuleRef::NoMatch, En) => "no matching rule".into(),
        (RuleRef::NoMatch, Ko) => "맞는 규칙 없음".into(),
        (RuleRef::Route { destination }, En) => format!("route {destination}"),
        (RuleRef::Route { destination }, Ko) => format!("경로 {destination}"),
        (RuleRef::NoRoute, En) => "no matching route".into(),
        (RuleRef::NoRoute, Ko) => "맞는 경로 없음".into(),
    }
}

/// What a hop did, in Korean: the component, what it did with the packet, and the rule.
pub fn hop_ko(h: &Hop) -> String {
    let what = match h.decision {
        Decision::Allow => "허용",
        Decision::Deny => "거부",
        Decision::Forward => "전달",
        Decision::Translate => "주소 변환",
        Decision::Deliver => "도착",
        Decision::Drop => "버림",
        Decision::Refuse => "연결 거부 (수신 대기하는 서비스 없음)",
    };
    let table = matches!(h.kind, Kind::SecurityGroup | Kind::NetworkAcl);
    let side = match h.site.as_ref().map(|s| s.side) {
        Some(_) if table => format!(" {}", bound(h.site.as_ref().map(|s| s.side))),
        _ => String::new(),
    };
    let rule = match h.step.rule() {
        Some(r) => format!(" ({})", rule_words(r, crate::i18n::Lang::Ko)),
        None => String::new(),
    };
    format!("{} {}{side}: {what}{rule}", kind_ko(h.kind), h.name)
}

/// A verdict in the fewest words, for a cell of the reachability table: "service-sg blocks",
/// "no route", "nothing listens". `by` is the display name of the component that decided.
pub fn cell_words(verdict: Verdict, by: Option<&str>, lang: crate::i18n::Lang) -> String {
    use crate::i18n::Lang::{En, Ko};
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
    if by.is_empty() && needs_name {
        return match lang {
            En => verdict.code().replace('-', " "),
            Ko => verdict.ko().into(),
        };
    }
    match (verdict, lang) {
        (Verdict::Established, En) => "established".into(),
        (Verdict::Established, Ko) => "연결됨".into(),
        (Verdict::Refused, En) => "nothing listens".into(),
        (Verdict::Refused, Ko) => "수신 대기 없음".into(),
        (Verdict::DroppedBySecurityGroup, En) => format!("{by} blocks"),
        (Verdict::DroppedBySecurityGroup, Ko) => format!("{by}에서 차단"),
        (Verdict::DroppedByNetworkAcl, En) => format!("{by} denies"),
        (Verdict::DroppedByNetworkAcl, Ko) => format!("{by}에서 거부"),
        (Verdict::NoRoute, En) => format!("no route in {by}"),
        (Verdict::NoRoute, Ko) => format!("{by}에 경로 없음"),
        (Verdict::BlackholeRoute, En) => format!("blackhole in {by}"),
        (Verdict::BlackholeRoute, Ko) => format!("{by}의 블랙홀 경로"),
        (Verdict::NoPublicAddress, En) => "no public IP".into(),
        (Verdict::NoPublicAddress, Ko) => "퍼블릭 IP 없음".into(),
        (Verdict::SourceDestCheck, En) => format!("source/dest check on {by}"),
        (Verdict::SourceDestCheck, Ko) => format!("{by}의 소스/대상 확인"),
        (Verdict::NotTransitive, En) => "peering is not transitive".into(),
        (Verdict::NotTransitive, Ko) => "피어링은 전이되지 않음".into(),
        (Verdict::DependsOnSourcePort, En) => format!("{by} allows some source ports"),
        (Verdict::DependsOnSourcePort, Ko) => format!("{by}에서 일부 소스 포트만 허용"),
        (Verdict::NoHost, En) => "no such host".into(),
        (Verdict::NoHost, Ko) => "호스트 없음".into(),
        (Verdict::DroppedByNatGateway, En) => format!("{by} takes no inbound connection"),
        (Verdict::DroppedByNatGateway, Ko) => format!("{by}는 들어오는 연결을 받지 않음"),
        (Verdict::ForwardingLoop, En) => "routing loop".into(),
        (Verdict::ForwardingLoop, Ko) => "라우팅 루프".into(),
        (Verdict::Unsupported, En) => format!("{by} is not simulated"),
        (Verdict::Unsupported, Ko) => format!("{by}는 시뮬레이션하지 않음"),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{trace, FlowSpec, Network, Verdict};
    use crate::model::Protocol;

    fn flow(from: &str, to: &str, port: u16) -> FlowSpec {
        FlowSpec {
            from: from.into(),
            to: to.into(),
            protocol: Protocol::Tcp,
            port: Some(port),
            src_port: None,
        }
    }

    /// Korean summaries carry the same facts as the English ones: the verdict's words, the
    /// deciding component's name and, for ACLs, the rule.
    /// Security group rule names read in Korean; ACL numbers keep their number.
    #[test]
    fn rule_names_read_in_korean() {
        use super::rule_name_ko;
        assert_eq!(rule_name_ko("outbound #1"), "아웃바운드 규칙 #1");
        assert_eq!(rule_name_ko("inbound #2"), "인바운드 규칙 #2");
        assert_eq!(rule_name_ko("100"), "규칙 100");
        assert_eq!(rule_name_ko("tracked connection"), "추적 중인 연결의 응답");
    }

    #[test]
    fn korean_verdicts_name_what_decided() {
        let mut s = crate::templates::load("service-postgis-memcached").unwrap();
        let net = Network::new(&s);
        let t = trace(&net, &flow("internet", "service", 443)).unwrap();
        assert_eq!(t.verdict, Verdict::Established);
        assert!(t.summary_ko.starts_with("연결 성공: "), "{}", t.summary_ko);
        assert!(t.summary_ko.contains("tcp/443"), "{}", t.summary_ko);

        let t = trace(&net, &flow("internet", "postgis", 5432)).unwrap();
        assert_ne!(t.verdict, Verdict::Established);
        assert!(t.summary_ko.starts_with("차단됨"), "{}", t.summary_ko);

        let t = trace(&net, &flow("service", "postgis", 5432)).unwrap();
        assert_eq!(t.verdict, Verdict::Established, "{}", t.summary);
        for h in &t.hops {
            let ko = super::hop_ko(h);
            assert!(ko.contains(&h.name), "{ko}");
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
        assert_eq!(t.verdict, Verdict::DroppedBySecurityGroup);
        assert!(
            t.summary_ko.contains("보안 그룹 service-sg") && t.summary_ko.contains("인바운드"),
            "{}",
            t.summary_ko
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
        if t.verdict == Verdict::DroppedByNetworkAcl {
            assert!(
                t.summary_ko.starts_with("돌아오는 길에 차단됨"),
                "{}",
                t.summary_ko
            );
            assert!(t.summary_ko.contains("아웃바운드"), "{}", t.summary_ko);
            assert!(t.summary_ko.contains("규칙 50"), "{}", t.summary_ko);
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
