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
        Kind::SecurityGroup => crate::ko_str!("보안 그룹"),
        Kind::NetworkAcl => crate::ko_str!("네트워크 ACL"),
        Kind::RouteTable => crate::ko_str!("라우팅 테이블"),
        Kind::InternetGateway => crate::ko_str!("인터넷 게이트웨이"),
        Kind::NatGateway => crate::ko_str!("NAT 게이트웨이"),
        Kind::EgressOnlyInternetGateway => crate::ko_str!("송신 전용 인터넷 게이트웨이"),
        Kind::GwlbEndpoint => crate::ko_str!("게이트웨이 로드 밸런서 엔드포인트"),
        Kind::Instance => crate::ko_str!("인스턴스"),
        Kind::NetworkInterface => crate::ko_str!("네트워크 인터페이스"),
        Kind::LoadBalancer => crate::ko_str!("로드 밸런서"),
        Kind::Database => crate::ko_str!("데이터베이스"),
        Kind::PeeringConnection => crate::ko_str!("VPC 피어링"),
        Kind::GatewayEndpoint => crate::ko_str!("게이트웨이 엔드포인트"),
        Kind::TransitGateway => crate::ko_str!("트랜짓 게이트웨이"),
        Kind::TransitGatewayRouteTable => crate::ko_str!("트랜짓 게이트웨이 라우팅 테이블"),
        Kind::Internet => crate::ko_str!("인터넷"),
        Kind::InternetHost => crate::ko_str!("인터넷 호스트"),
        Kind::VpnGateway => crate::ko_str!("가상 프라이빗 게이트웨이"),
        Kind::SiteLink => crate::ko_str!("VPN 또는 Direct Connect 연결"),
        Kind::OnPremNetwork => crate::ko_str!("온프레미스 네트워크"),
        Kind::Vpc => "VPC",
    }
}

/// The rule that decided at a hop: `인바운드 규칙 #2`, `규칙 100`, `* 규칙`, ...
pub fn rule(r: &RuleRef) -> String {
    match r {
        RuleRef::AclRule { number } => crate::ko!("규칙 {}", number),
        RuleRef::AclDefault => crate::ko_str!("* 규칙").into(),
        RuleRef::SgRule {
            direction: RuleDirection::Inbound,
            index,
        } => crate::ko!("인바운드 규칙 #{}", index),
        RuleRef::SgRule {
            direction: RuleDirection::Outbound,
            index,
        } => crate::ko!("아웃바운드 규칙 #{}", index),
        RuleRef::TrackedConnection => crate::ko_str!("추적 중인 연결의 응답").into(),
        RuleRef::NoMatch => crate::ko_str!("맞는 규칙 없음").into(),
        RuleRef::Route { destination } => crate::ko!("경로 {}", destination),
        RuleRef::NoRoute => crate::ko_str!("맞는 경로 없음").into(),
        RuleRef::NotAttached => crate::ko_str!("이 VPC와의 연결 없음").into(),
        RuleRef::NoSubnetInZone { zone } => crate::ko!("{}에 연결 서브넷 없음", zone),
        RuleRef::NoAssociation => crate::ko_str!("연결에 라우팅 테이블 없음").into(),
        RuleRef::OneWay => crate::ko_str!("연결의 한쪽 방향만 봄").into(),
    }
}

/// What a component did with the packet.
fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "허용",
        Decision::Deny => "거부",
        Decision::Forward => "전달",
        Decision::Translate => crate::ko_str!("주소 변환"),
        Decision::Deliver => "도착",
        Decision::Drop => "버림",
        Decision::Refuse => crate::ko_str!("연결 거부 (수신 대기하는 서비스 없음)"),
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
        Verdict::Established => crate::ko_str!("연결됨").into(),
        Verdict::Refused => crate::ko_str!("수신 대기 없음").into(),
        Verdict::DroppedBySecurityGroup => crate::ko!("{}에서 차단", by),
        Verdict::DroppedByNetworkAcl => crate::ko!("{}에서 거부", by),
        Verdict::NoRoute => crate::ko!("{}에 경로 없음", by),
        Verdict::BlackholeRoute => crate::ko!("{}의 블랙홀 경로", by),
        Verdict::NoPublicAddress => crate::ko_str!("퍼블릭 IP 없음").into(),
        Verdict::SourceDestCheck => crate::ko!("{}의 소스/대상 확인", by),
        Verdict::NotTransitive => crate::ko_str!("피어링은 전이되지 않음").into(),
        Verdict::DependsOnSourcePort => crate::ko!("{}에서 일부 소스 포트만 허용", by),
        Verdict::NoHost => crate::ko_str!("호스트 없음").into(),
        Verdict::DroppedByNatGateway => crate::ko!("{}는 들어오는 연결을 받지 않음", by),
        Verdict::ForwardingLoop => crate::ko_str!("라우팅 루프").into(),
        Verdict::Unsupported => crate::ko!("{}는 시뮬레이션하지 않음", by),
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
        Some(Side::Leaving) => crate::ko_str!("아웃바운드"),
        _ => crate::ko_str!("인바운드"),
    }
}

/// Whose ephemeral range `v` is.
fn range_owner(v: &PortVar) -> String {
    match v.os {
        Some(Os::Linux) => crate::ko_str!("Linux 클라이언트가 고르는 범위").into(),
        Some(Os::Windows) => crate::ko_str!("Windows와 macOS 클라이언트가 고르는 범위").into(),
        Some(Os::Any) => {
            crate::ko_str!("OS를 모르는 클라이언트가 고를 수 있는 가장 넓은 범위").into()
        }
        None => crate::ko!("{}이(가) 고르는 범위", v.picked_by),
    }
}

/// What the client sees when a flow ends with `verdict` (see [`super::en::client_sees`]).
pub fn client_sees(verdict: Verdict, protocol: Protocol) -> &'static str {
    match verdict {
        Verdict::Established | Verdict::DependsOnSourcePort => "",
        Verdict::Refused if protocol == Protocol::Tcp => {
            crate::ko_str!(" 호스트가 곧바로 TCP 리셋으로 답하므로 클라이언트는 즉시 \"연결 거부\"를 봅니다. 응답이 전혀 없는 차단된 패킷과 다릅니다.")
        }
        Verdict::Refused => "",
        _ => {
            crate::ko_str!(" 차단된 패킷에는 아무 응답도 없어서 클라이언트는 시간이 초과될 때까지 기다립니다(telnet이 멈춘 듯 보입니다). 곧바로 리셋으로 답하는 거부된 포트와 다릅니다.")
        }
    }
}

/// One sentence saying how a flow ended and why (the Korean of [`Trace::summary`]).
pub fn summary(t: &Trace) -> String {
    let by = t.blocked_by.as_ref();
    let svc = super::en::service(t.flow.protocol, t.flow.port);
    let lead = match (t.verdict, by.map(|b| b.direction)) {
        (Verdict::Established, _) => {
            return crate::ko!(
                "연결 성공: {}에서 {}의 {}(으)로 연결되었고, 응답도 돌아왔습니다.",
                t.ends.from,
                t.ends.to,
                svc
            )
        }
        (Verdict::DependsOnSourcePort, _) => {
            let p = t.source_ports.as_ref();
            return crate::ko!("클라이언트의 소스 포트에 따라 다릅니다: {}이(가) {} 중에서 포트를 고르는데, {}일 때만 연결됩니다. 결정한 곳: {} {}.", p.map_or("", |p| p.picked_by.as_str()), p.map_or("", |p| p.range.as_str()), p.map_or("", |p| p.working.as_str()), by.map_or("", |b| kind(b.kind)), by.map_or("", |b| b.name.as_str()));
        }
        (Verdict::Refused, _) => crate::ko_str!("거부됨"),
        (_, Some(Direction::Return)) => crate::ko_str!("돌아오는 길에 차단됨"),
        _ => crate::ko_str!("차단됨"),
    };
    let leg = match by.map(|b| b.leg) {
        Some(l) if l > 1 => crate::ko!(" ({}번째 구간: 로드 밸런서나 프록시가 여는 연결)", l),
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
            Some(Side::Leaving) => crate::ko!("보안 그룹 {}에 {}(으)로 가는 {}을(를) 허용하는 아웃바운드 규칙이 없습니다", name, dst, svc),
            _ => crate::ko!("보안 그룹 {}에 {}에서 오는 {}을(를) 허용하는 인바운드 규칙이 없습니다", name, src, svc),
        },
        Verdict::DroppedByNetworkAcl => {
            let port = hop.map_or(String::new(), |h| h.packet.dst_port.to_string());
            let whose = match by.map(|b| b.direction) {
                Some(Direction::Return) if !port.is_empty() => match &t.denied_ports {
                    Some(v) if v.full.to_string() == port => {
                        crate::ko!(", 클라이언트의 임시(ephemeral) 포트 {}({})", port, range_owner(v))
                    }
                    Some(v) => crate::ko!(", 클라이언트의 임시(ephemeral) 포트 {}({} {} 중)", port, range_owner(v), v.full),
                    None => crate::ko!(", 클라이언트의 포트 {}", port),
                },
                _ => String::new(),
            };
            let rule = match by.and_then(|b| b.rule.as_ref()) {
                Some(RuleRef::AclDefault) => crate::ko_str!(" (기본 거부 규칙 *)").to_string(),
                Some(r) => format!(" ({})", rule(r)),
                None => String::new(),
            };
            crate::ko!("네트워크 ACL {}의 {} 규칙이 {}(으)로 가는 {}{}을(를) 거부합니다{}", name, bound(side), dst, svc, whose, rule)
        }
        Verdict::NoRoute => match (by.map(|b| b.kind), by.and_then(|b| b.rule.as_ref())) {
            (_, Some(RuleRef::NoSubnetInZone { zone })) => {
                let from = hop.and_then(|h| h.site.as_ref()).map_or(crate::ko_str!("이 서브넷"), |s| &s.part);
                crate::ko!("트랜짓 게이트웨이 {}의 VPC 연결(attachment)에는 {}와(과) 같은 가용 영역({})의 서브넷이 없어, {}에서는 트랜짓 게이트웨이로 보낼 수 없습니다 (VPC 연결은 서브넷이 있는 가용 영역에서만 쓸 수 있습니다)", name, from, zone, from)
            }
            (_, Some(RuleRef::OneWay)) => crate::ko!("상태 저장 어플라이언스 {}이(가) 연결의 한쪽 방향만 보아 패킷을 버립니다 (비대칭 라우팅): 요청과 응답이 모두 {}을(를) 거치게 라우팅하세요", name, name),
            (_, Some(RuleRef::NoAssociation)) => crate::ko!("트랜짓 게이트웨이 {}의 VPC 연결(attachment)이 어떤 라우팅 테이블과도 연결되어 있지 않아 {}(으)로 보낼 수 없습니다", name, dst),
            (Some(Kind::EgressOnlyInternetGateway), _) if hop.is_some_and(|h| !h.packet.src.is_ipv6()) => {
                crate::ko!("송신 전용 인터넷 게이트웨이 {}은(는) IPv6만 나릅니다. IPv4는 인터넷 게이트웨이나 NAT 게이트웨이로 내보내세요", name)
            }
            (Some(Kind::EgressOnlyInternetGateway), _) if by.is_some_and(|b| b.direction == Direction::Return) => crate::ko!("송신 전용 인터넷 게이트웨이 {}은(는) VPC 안에서 시작한 연결만 나릅니다. 이 응답은 인터넷에서 들어온 연결의 것이라 버립니다", name),
            (Some(Kind::EgressOnlyInternetGateway), _) => crate::ko!("송신 전용 인터넷 게이트웨이 {}은(는) 인터넷에서 시작한 연결을 들여보내지 않습니다. 이곳으로 나간 연결의 응답만 들어옵니다", name),
            (Some(k @ (Kind::RouteTable | Kind::TransitGatewayRouteTable)), _) => {
                crate::ko!("{} {}에 {}(으)로 가는 경로가 없습니다", kind(k), name, dst)
            }
            (Some(k), _) => crate::ko!("{} {}에서 {}(으)로 가는 길이 없습니다", kind(k), name, dst),
            (None, _) => crate::ko!("{}(으)로 가는 경로가 없습니다", dst),
        },
        Verdict::BlackholeRoute => crate::ko!("{} {}의 경로{}가 블랙홀입니다: 대상이 더 이상 없습니다", kind(by.map_or(Kind::RouteTable, |b| b.kind)), name, by.and_then(|b| b.rule.as_ref())
                .map_or(String::new(), |r| match r {
                    RuleRef::Route { destination } => format!(" {destination}"),
                    r => format!(" {}", rule(r)),
                })),
        Verdict::NoPublicAddress => {
            crate::ko!("{}에 퍼블릭 IP 주소가 없어 VPC 밖과 주고받을 수 없습니다", name)
        }
        Verdict::SourceDestCheck => crate::ko!("{}의 소스/대상 확인이 켜져 있어, 자기 주소가 아닌 패킷({} → {})을 전달하지 않습니다", name, src, dst),
        Verdict::NotTransitive => crate::ko!("VPC 피어링은 전이되지 않습니다: {}을(를) 거쳐 그 너머의 네트워크({})로 갈 수 없습니다", name, dst),
        Verdict::NoHost => match by.map(|b| b.kind) {
            Some(Kind::GwlbEndpoint) => crate::ko!("게이트웨이 로드 밸런서 엔드포인트 {}은(는) 트래픽을 어플라이언스로 넘길 뿐, 스스로는 응답하지 않습니다", name),
            _ => crate::ko!("{} 주소를 가진 곳이 없습니다", dst),
        },
        Verdict::DroppedByNatGateway if hop.is_some_and(|h| h.packet.src.is_ipv6()) => crate::ko!("NAT 게이트웨이 {}은(는) IPv4를 변환하고, IPv6는 64:ff9b::/96(NAT64)만 변환합니다. 다른 IPv6 트래픽은 송신 전용 인터넷 게이트웨이로 인터넷에 내보내세요", name),
        Verdict::DroppedByNatGateway => crate::ko!("NAT 게이트웨이 {}은(는) 안쪽에서 시작하지 않은 연결을 받지 않습니다", name),
        Verdict::ForwardingLoop => crate::ko!("패킷이 라우팅 루프를 돌았습니다 ({})", name),
        Verdict::Unsupported => crate::ko!("이 경로는 시뮬레이터가 다루지 않는 구성 요소를 지납니다: {} {}", by.map_or("", |b| kind(b.kind)), name),
        Verdict::Refused if hop.is_some_and(|h| h.packet.protocol.is_icmp()) => {
            crate::ko!("{}은(는) ping에 응답하지 않습니다", name)
        }
        Verdict::Refused => {
            crate::ko!("{}에서 {}을(를) 수신 대기하는 서비스가 없어 연결이 거부되었습니다", name, asked)
        }
        Verdict::Established | Verdict::DependsOnSourcePort => String::new(),
    }
}
