//! Traces in Korean, put together from the data every trace records (the verdict, the deciding
//! component and rule, the side it was crossed on, the packet where it stopped), so they say
//! what the English says without a second copy of the network semantics.

use super::super::trace::{
    Decision, Direction, Hop, Kind, PortVar, RuleDirection, RuleRef, Side, Trace, Verdict,
};
use crate::model::{Os, Protocol};

/// The Korean name of a kind of component.
pub fn kind(kind: Kind) -> &'static str {
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
        Kind::TransitGatewayRouteTable => "트랜짓 게이트웨이 라우팅 테이블",
        Kind::Internet => "인터넷",
        Kind::InternetHost => "인터넷 호스트",
        Kind::Vpc => "VPC",
    }
}

/// The rule that decided at a hop: `인바운드 규칙 #2`, `규칙 100`, `* 규칙`, ...
pub fn rule(r: &RuleRef) -> String {
    match r {
        RuleRef::AclRule { number } => format!("규칙 {number}"),
        RuleRef::AclDefault => "* 규칙".into(),
        RuleRef::SgRule {
            direction: RuleDirection::Inbound,
            index,
        } => format!("인바운드 규칙 #{index}"),
        RuleRef::SgRule {
            direction: RuleDirection::Outbound,
            index,
        } => format!("아웃바운드 규칙 #{index}"),
        RuleRef::TrackedConnection => "추적 중인 연결의 응답".into(),
        RuleRef::NoMatch => "맞는 규칙 없음".into(),
        RuleRef::Route { destination } => format!("경로 {destination}"),
        RuleRef::NoRoute => "맞는 경로 없음".into(),
        RuleRef::NotAttached => "이 VPC와의 연결 없음".into(),
        RuleRef::NoSubnetInZone { zone } => format!("{zone}에 연결 서브넷 없음"),
        RuleRef::NoAssociation => "연결에 라우팅 테이블 없음".into(),
    }
}

/// What a component did with the packet.
fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "허용",
        Decision::Deny => "거부",
        Decision::Forward => "전달",
        Decision::Translate => "주소 변환",
        Decision::Deliver => "도착",
        Decision::Drop => "버림",
        Decision::Refuse => "연결 거부 (수신 대기하는 서비스 없음)",
    }
}

/// What a hop did: the component, what it did with the packet, and the rule.
pub fn hop(h: &Hop) -> String {
    let table = matches!(h.component.kind, Kind::SecurityGroup | Kind::NetworkAcl);
    let side = match h.site.as_ref().map(|s| s.side) {
        Some(side) if table => format!(" {}", bound(Some(side))),
        _ => String::new(),
    };
    let rule = match h.rule() {
        Some(r) => format!(" ({})", rule(r)),
        None => String::new(),
    };
    format!(
        "{} {}{side}: {}{rule}",
        kind(h.component.kind),
        h.component.name,
        decision(h.decision())
    )
}

/// A verdict in the fewest words, for a cell of the reachability table. `by` is the name of
/// what decided, never empty.
pub fn cell(verdict: Verdict, by: &str) -> String {
    match verdict {
        Verdict::Established => "연결됨".into(),
        Verdict::Refused => "수신 대기 없음".into(),
        Verdict::DroppedBySecurityGroup => format!("{by}에서 차단"),
        Verdict::DroppedByNetworkAcl => format!("{by}에서 거부"),
        Verdict::NoRoute => format!("{by}에 경로 없음"),
        Verdict::BlackholeRoute => format!("{by}의 블랙홀 경로"),
        Verdict::NoPublicAddress => "퍼블릭 IP 없음".into(),
        Verdict::SourceDestCheck => format!("{by}의 소스/대상 확인"),
        Verdict::NotTransitive => "피어링은 전이되지 않음".into(),
        Verdict::DependsOnSourcePort => format!("{by}에서 일부 소스 포트만 허용"),
        Verdict::NoHost => "호스트 없음".into(),
        Verdict::DroppedByNatGateway => format!("{by}는 들어오는 연결을 받지 않음"),
        Verdict::ForwardingLoop => "라우팅 루프".into(),
        Verdict::Unsupported => format!("{by}는 시뮬레이션하지 않음"),
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

/// Whose ephemeral range `v` is.
fn range_owner(v: &PortVar) -> String {
    match v.os {
        Some(Os::Linux) => "Linux 클라이언트가 고르는 범위".into(),
        Some(Os::Windows) => "Windows와 macOS 클라이언트가 고르는 범위".into(),
        Some(Os::Any) => "OS를 모르는 클라이언트가 고를 수 있는 가장 넓은 범위".into(),
        None => format!("{}이(가) 고르는 범위", v.picked_by),
    }
}

/// What the client sees when a flow ends with `verdict` (see [`super::en::client_sees`]).
pub fn client_sees(verdict: Verdict, protocol: Protocol) -> &'static str {
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

/// One sentence saying how a flow ended and why (the Korean of [`Trace::summary`]).
pub fn summary(t: &Trace) -> String {
    let by = t.blocked_by.as_ref();
    let svc = super::en::service(t.flow.protocol, t.flow.port);
    let lead = match (t.verdict, by.map(|b| b.direction)) {
        (Verdict::Established, _) => {
            return format!(
                "연결 성공: {}에서 {}의 {svc}(으)로 연결되었고, 응답도 돌아왔습니다.",
                t.ends.from, t.ends.to
            )
        }
        (Verdict::DependsOnSourcePort, _) => {
            let p = t.source_ports.as_ref();
            return format!(
                "클라이언트의 소스 포트에 따라 다릅니다: {}이(가) {} 중에서 포트를 고르는데, {}일 때만 연결됩니다. 결정한 곳: {} {}.",
                p.map_or("", |p| p.picked_by.as_str()),
                p.map_or("", |p| p.range.as_str()),
                p.map_or("", |p| p.working.as_str()),
                by.map_or("", |b| kind(b.kind)),
                by.map_or("", |b| b.name.as_str())
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
    format!(
        "{lead}{leg}: {}.{}",
        why(t, &svc),
        client_sees(t.verdict, t.flow.protocol)
    )
}

/// Why a flow that is not established stopped, from the deciding component and the last hop.
fn why(t: &Trace, asked: &str) -> String {
    let by = t.blocked_by.as_ref();
    let name = by.map_or("", |b| b.name.as_str());
    let hop = t.hops.last();
    let side = hop.and_then(|h| h.site.as_ref()).map(|s| s.side);
    let (src, dst) = hop.map_or((String::new(), String::new()), |h| {
        (h.packet.src.to_string(), h.packet.dst.to_string())
    });
    let svc = hop.map_or_else(
        || asked.to_string(),
        |h| service(h.packet.protocol, &h.packet.dst_port.to_string()),
    );
    match t.verdict {
        Verdict::DroppedBySecurityGroup => match side {
            Some(Side::Leaving) => format!(
                "보안 그룹 {name}에 {dst}(으)로 가는 {svc}을(를) 허용하는 아웃바운드 규칙이 없습니다"
            ),
            _ => format!(
                "보안 그룹 {name}에 {src}에서 오는 {svc}을(를) 허용하는 인바운드 규칙이 없습니다"
            ),
        },
        Verdict::DroppedByNetworkAcl => {
            let port = hop.map_or(String::new(), |h| h.packet.dst_port.to_string());
            let whose = match by.map(|b| b.direction) {
                Some(Direction::Return) if !port.is_empty() => match &t.denied_ports {
                    Some(v) if v.full.to_string() == port => {
                        format!(", 클라이언트의 임시(ephemeral) 포트 {port}({})", range_owner(v))
                    }
                    Some(v) => format!(
                        ", 클라이언트의 임시(ephemeral) 포트 {port}({} {} 중)",
                        range_owner(v),
                        v.full
                    ),
                    None => format!(", 클라이언트의 포트 {port}"),
                },
                _ => String::new(),
            };
            let rule = match by.and_then(|b| b.rule.as_ref()) {
                Some(RuleRef::AclDefault) => " (기본 거부 규칙 *)".to_string(),
                Some(r) => format!(" ({})", rule(r)),
                None => String::new(),
            };
            format!(
                "네트워크 ACL {name}의 {} 규칙이 {dst}(으)로 가는 {svc}{whose}을(를) 거부합니다{rule}",
                bound(side)
            )
        }
        Verdict::NoRoute => match (by.map(|b| b.kind), by.and_then(|b| b.rule.as_ref())) {
            (_, Some(RuleRef::NoSubnetInZone { zone })) => {
                let from = hop.and_then(|h| h.site.as_ref()).map_or("이 서브넷", |s| &s.part);
                format!(
                    "트랜짓 게이트웨이 {name}의 VPC 연결(attachment)에는 {from}와(과) 같은 가용 영역({zone})의 서브넷이 없어, {from}에서는 트랜짓 게이트웨이로 보낼 수 없습니다 (VPC 연결은 서브넷이 있는 가용 영역에서만 쓸 수 있습니다)"
                )
            }
            (_, Some(RuleRef::NoAssociation)) => format!(
                "트랜짓 게이트웨이 {name}의 VPC 연결(attachment)이 어떤 라우팅 테이블과도 연결되어 있지 않아 {dst}(으)로 보낼 수 없습니다"
            ),
            (Some(k @ (Kind::RouteTable | Kind::TransitGatewayRouteTable)), _) => {
                format!("{} {name}에 {dst}(으)로 가는 경로가 없습니다", kind(k))
            }
            (Some(k), _) => format!("{} {name}에서 {dst}(으)로 가는 길이 없습니다", kind(k)),
            (None, _) => format!("{dst}(으)로 가는 경로가 없습니다"),
        },
        Verdict::BlackholeRoute => format!(
            "{} {name}의 경로{}가 블랙홀입니다: 대상이 더 이상 없습니다",
            kind(by.map_or(Kind::RouteTable, |b| b.kind)),
            by.and_then(|b| b.rule.as_ref())
                .map_or(String::new(), |r| match r {
                    RuleRef::Route { destination } => format!(" {destination}"),
                    r => format!(" {}", rule(r)),
                })
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
            by.map_or("", |b| kind(b.kind))
        ),
        Verdict::Refused if hop.is_some_and(|h| h.packet.protocol == Protocol::Icmp) => {
            format!("{name}은(는) ping에 응답하지 않습니다")
        }
        Verdict::Refused => {
            format!("{name}에서 {asked}을(를) 수신 대기하는 서비스가 없어 연결이 거부되었습니다")
        }
        Verdict::Established | Verdict::DependsOnSourcePort => String::new(),
    }
}
