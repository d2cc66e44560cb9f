//! The Korean of each validation [`Message`]. The English names places in the file by JSON path
//! (`subnets[0]`); the Korean names the parts themselves, as the app shows them.

use super::message::PartNoun;
use super::message::{Dir, Holder, Message, RefFound, Reserved};
use crate::model::{Destination, FORMAT_VERSION};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

impl Dir {
    /// 인바운드, 아웃바운드.
    pub fn ko(self) -> &'static str {
        match self {
            Dir::Inbound => crate::ko_str!("인바운드"),
            Dir::Outbound => crate::ko_str!("아웃바운드"),
        }
    }
}

impl PartNoun {
    /// The kind's Korean name: `VPC`, `라우팅 테이블`.
    pub fn noun_ko(self) -> &'static str {
        match self {
            PartNoun::Vpc => "VPC",
            PartNoun::Subnet => crate::ko_str!("서브넷"),
            PartNoun::RouteTable => crate::ko_str!("라우팅 테이블"),
            PartNoun::NetworkAcl => crate::ko_str!("네트워크 ACL"),
            PartNoun::SecurityGroup => crate::ko_str!("보안 그룹"),
            PartNoun::PrefixList => crate::ko_str!("접두사 목록"),
            PartNoun::Instance => crate::ko_str!("인스턴스"),
            PartNoun::Interface => crate::ko_str!("네트워크 인터페이스"),
            PartNoun::Database => crate::ko_str!("데이터베이스"),
            PartNoun::LoadBalancer => crate::ko_str!("로드 밸런서"),
            PartNoun::TargetGroup => crate::ko_str!("대상 그룹"),
            PartNoun::InternetGateway => crate::ko_str!("인터넷 게이트웨이"),
            PartNoun::NatGateway => crate::ko_str!("NAT 게이트웨이"),
            PartNoun::Peering => crate::ko_str!("피어링 연결"),
            PartNoun::GatewayEndpoint => crate::ko_str!("게이트웨이 엔드포인트"),
            PartNoun::TransitGateway => crate::ko_str!("트랜짓 게이트웨이"),
            PartNoun::GwlbEndpoint => crate::ko_str!("게이트웨이 로드 밸런서 엔드포인트"),
            PartNoun::EgressOnlyInternetGateway => crate::ko_str!("송신 전용 인터넷 게이트웨이"),
            PartNoun::TgwAttachment => crate::ko_str!("트랜짓 게이트웨이 연결"),
            PartNoun::TgwRouteTable => crate::ko_str!("트랜짓 게이트웨이 라우팅 테이블"),
            PartNoun::InternetHost => crate::ko_str!("인터넷 호스트"),
            PartNoun::VpnGateway => crate::ko_str!("가상 프라이빗 게이트웨이"),
            PartNoun::OnPremNetwork => crate::ko_str!("온프레미스 네트워크"),
        }
    }
}

fn joined(nets: &[Ipv4Net]) -> String {
    nets.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn shown_ko(d: &Destination) -> String {
    match d {
        Destination::Cidr(n) => n.to_string(),
        Destination::PrefixList(p) => {
            crate::ko!("접두사 목록 {}", crate::i18n::catalog::AsDebug(&p))
        }
    }
}

fn range(u: &Option<(Ipv4Addr, Ipv4Addr)>) -> String {
    match u {
        Some((a, b)) => crate::ko!(" {}~{} 중에서 고르세요.", a, b),
        None => String::new(),
    }
}

fn size(n: &Ipv4Net, what: &str) -> String {
    crate::ko!(
        "{}은(는) /{} 블록입니다. {} /16(주소 65,536개)에서 /28(주소 16개) 사이여야 합니다.",
        n,
        n.prefix_len(),
        what
    )
}

impl Message {
    /// The message in Korean.
    pub fn ko(&self) -> String {
        use Message as M;
        match self {
            M::VersionNewer { version } => crate::ko!("버전 {}은(는) 이 릴리스보다 새 형식입니다 (이 릴리스는 버전 {}을(를) 읽습니다).", version, FORMAT_VERSION),
            M::VersionUnknown { version } => crate::ko!("버전 {}은(는) 시나리오 형식 버전이 아닙니다. 이 릴리스는 버전 {}을(를) 읽습니다.", version, FORMAT_VERSION),
            M::MissingId { kind } => crate::ko!("이 {}에 ID가 없습니다. 모든 구성 요소에는 다른 구성 요소와 겹치지 않는 ID가 있어야 합니다.", kind.noun_ko()),
            M::DuplicateId { id, first_label, kind, .. } => crate::ko!("ID {}은(는) 이미 {} {}이(가) 쓰고 있습니다. 구성 요소마다 고유한 ID가 필요합니다.", crate::i18n::catalog::AsDebug(&id), kind.noun_ko(), first_label),
            M::UnknownRef { wanted, found, address } => {
                let names: Vec<String> = wanted.iter().map(|k| k.noun_ko().to_string()).collect();
                let wanted = super::message::one_of(&names, "또는");
                let text = match found {
                    RefFound::Missing => crate::ko!("비어 있습니다. {}의 ID를 입력하세요", wanted),
                    RefFound::Wrong { id, kind, .. } => crate::ko!("{}은(는) {}입니다. 여기에는 {}이(가) 필요합니다", crate::i18n::catalog::AsDebug(&id), kind.noun_ko(), wanted),
                    RefFound::Nothing { id, known } => {
                        let hint = if known.is_empty() {
                            crate::ko_str!("이 시나리오에는 없습니다").to_string()
                        } else {
                            crate::ko!("있는 ID: {}", known.join(", "))
                        };
                        crate::ko!("ID가 {}인 구성 요소가 없습니다. {}이(가) 필요합니다 ({})", crate::i18n::catalog::AsDebug(&id), wanted, hint)
                    }
                };
                match address {
                    true => crate::ko!("{}. 10.0.1.10 같은 IPv4 주소도 됩니다.", text),
                    false => format!("{text}."),
                }
            }
            M::ForeignTargetGroup { id, .. } => crate::ko!("대상 그룹 {}은(는) 다른 로드 밸런서에 속합니다. 리스너는 자기 로드 밸런서의 대상 그룹으로만 전달합니다.", crate::i18n::catalog::AsDebug(&id)),
            M::HostBits { net, canonical } => crate::ko!("{}에 호스트 비트가 설정되어 있습니다. CIDR 블록은 네트워크 주소에서 시작합니다. {}을(를) 뜻하셨나요?", net, canonical),
            M::VpcWithoutCidr => {
                crate::ko_str!("VPC에는 IPv4 CIDR 블록이 하나 이상 필요합니다 (예: 10.0.0.0/16).").into()
            }
            M::VpcCidrSize { net } => size(net, crate::ko_str!("VPC 블록은")),
            M::OverlappingVpcCidrs { net, other, .. } => crate::ko!("{}이(가) 이 VPC의 다른 블록 {}와(과) 겹칩니다. 한 VPC의 블록끼리는 주소를 나눠 쓸 수 없습니다.", net, other),
            M::SubnetCidrSize { net } => size(net, crate::ko_str!("서브넷은")),
            M::SubnetOutsideVpc { net, vpc, blocks } => crate::ko!("{}이(가) VPC {}의 블록({}) 안에 있지 않습니다. 서브넷의 주소는 VPC 블록 중 하나에서 가져와야 합니다.", net, vpc, joined(blocks)),
            M::OverlappingSubnets { net, other, other_net, .. } => crate::ko!("{}이(가) 서브넷 {}({})와(과) 겹칩니다. 한 VPC의 서브넷끼리는 주소를 나눠 쓸 수 없습니다.", net, other, other_net),
            M::IpOutsideSubnet { iface, ip, subnet, net, usable } => crate::ko!("인터페이스 {}의 주소 {}이(가) 서브넷 {}({}) 안에 있지 않습니다.{}", crate::i18n::catalog::AsDebug(&iface), ip, subnet, net, range(usable)),
            M::ReservedIp { iface, ip, why, subnet, net, usable } => {
                let why = match why {
                    Reserved::Network => crate::ko_str!("네트워크 주소"),
                    Reserved::Broadcast => crate::ko_str!("브로드캐스트 주소(서브넷의 마지막 주소)"),
                    Reserved::Router => crate::ko_str!("VPC 라우터의 주소(네트워크 주소 + 1)"),
                    Reserved::Dns => crate::ko_str!("Amazon DNS 서버의 주소(네트워크 주소 + 2)"),
                    Reserved::Future => crate::ko_str!("AWS가 나중을 위해 예약한 주소(네트워크 주소 + 3)"),
                };
                crate::ko!("인터페이스 {}의 주소 {}은(는) 서브넷 {}({})의 {}입니다. AWS는 모든 서브넷의 처음 네 개와 마지막 한 개 주소를 예약합니다.{}", crate::i18n::catalog::AsDebug(&iface), ip, subnet, net, why, range(usable))
            }
            M::DuplicatePrivateIp { ip, iface, owner, .. } => crate::ko!("{}은(는) 이미 같은 VPC에 있는 인터페이스 {}({})의 주소입니다. 인터페이스마다 고유한 프라이빗 IP가 필요합니다.", ip, crate::i18n::catalog::AsDebug(&iface), owner),
            M::PublicIpInVpc { ip, iface, vpc } => crate::ko!("인터페이스 {}의 퍼블릭 IP {}이(가) VPC {}의 주소 범위 안에 있습니다. 퍼블릭 IP는 모든 VPC 바깥에 있어야 합니다.", crate::i18n::catalog::AsDebug(&iface), ip, vpc),
            M::InternetHostInVpc { ip, vpc } => crate::ko!("{}이(가) VPC {}의 주소 범위 안에 있습니다. 인터넷 호스트에는 모든 VPC 바깥의 주소가 필요합니다.", ip, vpc),
            M::DuplicatePublicIp { ip, first } => {
                let first = match first {
                    Holder::Interface { id, owner, .. } => crate::ko!("인터페이스 {}({})", crate::i18n::catalog::AsDebug(&id), owner),
                    Holder::Host { label, .. } => crate::ko!("인터넷 호스트 {}", label),
                };
                crate::ko!("퍼블릭 IP {}은(는) 이미 {}이(가) 쓰고 있습니다. 퍼블릭 주소 하나는 한 곳에만 줄 수 있습니다.", ip, first)
            }
            M::TwoDefaultAcls { vpc, acl, .. } => crate::ko!("VPC {}에는 이미 기본 네트워크 ACL {}이(가) 있습니다. VPC마다 기본 네트워크 ACL은 하나뿐입니다.", crate::i18n::catalog::AsDebug(&vpc), acl),
            M::SubnetTwiceInAcl { subnet } => {
                crate::ko!("서브넷 {}이(가) 이 네트워크 ACL에 두 번 들어 있습니다.", crate::i18n::catalog::AsDebug(&subnet))
            }
            M::SubnetInTwoAcls { subnet, acl, .. } => crate::ko!("서브넷 {}은(는) 이미 네트워크 ACL {}에 연결되어 있습니다. 서브넷에는 네트워크 ACL이 하나만 연결됩니다.", crate::i18n::catalog::AsDebug(&subnet), acl),
            M::AclSubnetOtherVpc { subnet, vpc, acl_vpc } => crate::ko!("서브넷 {}은(는) VPC {}에 있지만 이 네트워크 ACL은 VPC {}에 속합니다. ACL은 자기 VPC의 서브넷만 맡습니다.", crate::i18n::catalog::AsDebug(&subnet), crate::i18n::catalog::AsDebug(&vpc), crate::i18n::catalog::AsDebug(&acl_vpc)),
            M::AclRuleNumberRange { number } => crate::ko!("규칙 번호 {}이(가) 1~32766 범위를 벗어납니다. AWS는 ACL 규칙에 1부터 32766까지 번호를 붙입니다 (마지막 규칙 *은 나머지를 모두 거부합니다).", number),
            M::DuplicateAclRuleNumber { dir, number, .. } => crate::ko!("{} 규칙 번호 {}은(는) 이미 다른 규칙이 쓰고 있습니다. {} 규칙마다 고유한 번호가 필요합니다.", dir.ko(), number, dir.ko()),
            M::TwoInternetGateways { vpc, igw, .. } => crate::ko!("VPC {}에는 이미 인터넷 게이트웨이 {}이(가) 있습니다. AWS는 VPC 하나에 인터넷 게이트웨이를 하나까지만 연결합니다.", crate::i18n::catalog::AsDebug(&vpc), igw),
            M::NatGatewayGroups => crate::ko_str!("NAT 게이트웨이에는 보안 그룹이 없습니다 (트래픽은 서브넷의 네트워크 ACL만 거릅니다). 보안 그룹을 빼세요.").into(),
            M::GwlbEndpointGroups => crate::ko_str!("게이트웨이 로드 밸런서 엔드포인트에는 보안 그룹이 없습니다 (트래픽은 서브넷의 네트워크 ACL과 어플라이언스가 거릅니다). 보안 그룹을 빼세요.").into(),
            M::PublicNatWithoutIp => crate::ko_str!("이 퍼블릭 NAT 게이트웨이에는 탄력적 IP가 없어 인터넷에 닿을 수 없습니다. 인터페이스에 퍼블릭 IP를 주거나 프라이빗 NAT 게이트웨이로 바꾸세요.").into(),
            M::PeeringWithItself { vpc } => crate::ko!("이 피어링 연결은 VPC {}을(를) 자기 자신과 잇습니다. 피어링 연결은 서로 다른 두 VPC를 잇습니다.", crate::i18n::catalog::AsDebug(&vpc)),
            M::DuplicatePeering { a, b, id, .. } => crate::ko!("VPC {}와(과) {}은(는) 이미 활성 피어링 연결 {}(으)로 이어져 있습니다. AWS는 같은 두 VPC 사이에 하나만 허용합니다.", crate::i18n::catalog::AsDebug(&a), crate::i18n::catalog::AsDebug(&b), crate::i18n::catalog::AsDebug(&id)),
            M::PeeringOverlap { a, x, b, y } => crate::ko!("VPC {}({})와(과) VPC {}({})의 주소가 겹칩니다. AWS는 CIDR 블록이 겹치는 VPC를 피어링할 수 없습니다.", crate::i18n::catalog::AsDebug(&a), x, crate::i18n::catalog::AsDebug(&b), y),
            M::GroupOtherVpc { group, group_vpc, iface, vpc } => crate::ko!("보안 그룹 {}은(는) VPC {}에 속하지만 인터페이스 {}은(는) VPC {}에 있습니다. 인터페이스는 자기 VPC의 보안 그룹만 쓸 수 있습니다.", group, crate::i18n::catalog::AsDebug(&group_vpc), crate::i18n::catalog::AsDebug(&iface), crate::i18n::catalog::AsDebug(&vpc)),
            M::StaleGroupRule { group, group_vpc, vpc } => crate::ko!("오래된 규칙: VPC {}의 보안 그룹 {}을(를) 가리키지만 이 그룹은 VPC {}에 있고 두 VPC를 잇는 활성 피어링 연결이 없어, 이 규칙에 맞는 것이 없습니다 (규칙은 자기 VPC나 피어링된 VPC의 그룹을 가리킬 수 있습니다).", crate::i18n::catalog::AsDebug(&group_vpc), group, crate::i18n::catalog::AsDebug(&vpc)),
            M::TooManyGroups { iface, n, max } => crate::ko!("인터페이스 {}에 보안 그룹이 {}개 있습니다. AWS 기본 한도는 네트워크 인터페이스당 {}개입니다.", crate::i18n::catalog::AsDebug(&iface), n, max),
            M::TooManyGroupRules { n, dir, max } => crate::ko!("{} 규칙 {}개: AWS 기본 한도는 보안 그룹당 {} 규칙 {}개입니다.", dir.ko(), n, dir.ko(), max),
            M::TooManyAclRules { n, dir, max } => crate::ko!("{} 규칙 {}개: AWS 기본 한도는 네트워크 ACL당 {} 규칙 {}개입니다.", dir.ko(), n, dir.ko(), max),
            M::TooManySubnets { n, max } => {
                crate::ko!("서브넷 {}개: AWS 기본 한도는 VPC당 서브넷 {}개입니다.", n, max)
            }
            M::ForwarderSourceDestCheck { iface } => crate::ko!("이 인스턴스는 다른 호스트의 트래픽을 전달하지만 인터페이스 {}의 소스/대상 확인이 켜져 있어 AWS가 전달하는 패킷을 버립니다. 소스/대상 확인을 끄세요.", crate::i18n::catalog::AsDebug(&iface)),
            M::DuplicateListenerPort { port, .. } => crate::ko!("포트 {}에는 이미 리스너가 있습니다. 로드 밸런서는 포트마다 리스너를 하나만 둡니다.", port),
            M::ListenerProtocolForKind { protocol, network } => {
                let (kind, offers) = match network {
                    true => (crate::ko_str!("네트워크"), "TCP, TLS, UDP, TCP_UDP"),
                    false => (crate::ko_str!("애플리케이션"), "HTTP, HTTPS"),
                };
                crate::ko!("AWS의 {} 로드 밸런서에는 {} 리스너가 없습니다. {}만 됩니다.", kind, protocol, offers)
            }
            M::TargetOtherVpc { instance, vpc, lb_vpc } => crate::ko!("인스턴스 {}은(는) VPC {}에 있지만 로드 밸런서는 VPC {}에 있습니다. 인스턴스 대상은 로드 밸런서와 같은 VPC에 있어야 합니다.", crate::i18n::catalog::AsDebug(&instance), crate::i18n::catalog::AsDebug(&vpc), crate::i18n::catalog::AsDebug(&lb_vpc)),
            M::NoInterfaces { kind } => crate::ko!("이 {}에 네트워크 인터페이스가 없습니다. 서브넷 안에 하나 이상 두세요.", kind.noun_ko()),
            M::InterfacesInDifferentVpcs { subnet, vpc, first_vpc, kind, .. } => crate::ko!("서브넷 {}은(는) VPC {}에 있지만 다른 인터페이스는 VPC {}에 있습니다. {}의 네트워크 인터페이스는 모두 한 VPC에 있어야 합니다.", crate::i18n::catalog::AsDebug(&subnet), crate::i18n::catalog::AsDebug(&vpc), crate::i18n::catalog::AsDebug(&first_vpc), kind.noun_ko()),
            M::InterfacesInDifferentAzs { subnet, az, first_az, .. } => crate::ko!("서브넷 {}은(는) 가용 영역 {}에 있지만 다른 인터페이스는 {}에 있습니다. 인스턴스의 인터페이스는 모두 그 인스턴스의 가용 영역에 있어야 합니다.", crate::i18n::catalog::AsDebug(&subnet), crate::i18n::catalog::AsDebug(&az), crate::i18n::catalog::AsDebug(&first_az)),
            M::EndpointTwoInterfacesInOneAz { az, .. } => crate::ko!("가용 영역 {}에는 이미 이 엔드포인트의 인터페이스가 있습니다. 인터페이스 엔드포인트는 가용 영역마다 인터페이스를 하나만 둡니다.", crate::i18n::catalog::AsDebug(&az)),
            M::TwoNodesInOneSubnet { subnet, .. } => crate::ko!("서브넷 {}에는 이미 노드가 있습니다. 로드 밸런서는 서브넷마다 노드를 하나만 둡니다.", crate::i18n::catalog::AsDebug(&subnet)),
            M::NeedsTwoAzs { zones } if zones.is_empty() => crate::ko_str!("로드 밸런서의 노드가 어느 가용 영역에도 없습니다. 애플리케이션 로드 밸런서에는 두 개 이상의 가용 영역에 있는 서브넷의 노드가 필요합니다.").into(),
            M::NeedsTwoAzs { zones } => {
                let listed = {
                    zones
                        .iter()
                        .map(|z| match z.is_empty() {
                            true => crate::ko_str!("가용 영역이 없는 서브넷").to_string(),
                            false => z.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                crate::ko!("로드 밸런서의 노드가 가용 영역 {}개({})에만 있습니다. 애플리케이션 로드 밸런서에는 두 개 이상의 가용 영역에 있는 서브넷의 노드가 필요합니다.", zones.len(), listed)
            }
            M::PortsOnAll { ports } => crate::ko!("모든 프로토콜(all)은 이미 모든 포트를 포함하므로 AWS는 포트 {}을(를) 받지 않습니다. 포트를 빼거나 프로토콜을 tcp 또는 udp로 바꾸세요.", ports),
            M::PortsWithoutTcpUdp { ports, protocol } => crate::ko!("프로토콜 {}에 포트({})가 주어졌지만 포트가 있는 프로토콜은 tcp와 udp뿐입니다. 포트를 빼거나 프로토콜을 tcp 또는 udp로 바꾸세요.", protocol, ports),
            M::IcmpWithoutIcmp { protocol } => crate::ko!("ICMP 유형과 코드는 icmp와 icmpv6 프로토콜에만 쓰입니다 ({}에는 쓰이지 않음). ICMP 설정을 빼거나 프로토콜을 icmp로 바꾸세요.", protocol),
            M::TwoMainTables { vpc, table, .. } => crate::ko!("VPC {}에는 이미 기본 라우팅 테이블 {}이(가) 있습니다. VPC마다 기본 라우팅 테이블은 하나뿐입니다.", crate::i18n::catalog::AsDebug(&vpc), table),
            M::SubnetTwiceInTable { subnet } => {
                crate::ko!("서브넷 {}이(가) 이 라우팅 테이블에 두 번 들어 있습니다.", crate::i18n::catalog::AsDebug(&subnet))
            }
            M::SubnetInTwoTables { subnet, table, .. } => crate::ko!("서브넷 {}은(는) 이미 라우팅 테이블 {}에 연결되어 있습니다. 서브넷은 라우팅 테이블을 하나만 씁니다.", crate::i18n::catalog::AsDebug(&subnet), table),
            M::TableSubnetOtherVpc { subnet, vpc, table_vpc } => crate::ko!("서브넷 {}은(는) VPC {}에 있지만 이 라우팅 테이블은 VPC {}에 속합니다. 라우팅 테이블은 자기 VPC의 서브넷만 맡습니다.", crate::i18n::catalog::AsDebug(&subnet), crate::i18n::catalog::AsDebug(&vpc), crate::i18n::catalog::AsDebug(&table_vpc)),
            M::DuplicateRoute { dest, .. } => crate::ko!("대상 {}(으)로 가는 경로가 이미 있습니다. 라우팅 테이블에는 대상마다 경로가 하나만 있습니다.", shown_ko(dest)),
            M::LocalRouteNotVpc { blocks, vpc, dest } => crate::ko!("로컬 경로의 대상은 VPC 자신의 블록(VPC {}의 {})이어야 합니다. {}은(는) 안 됩니다.", vpc, joined(blocks), shown_ko(dest)),
            M::VpcIpv6CidrSize { net } => crate::ko!("{}: VPC의 IPv6 블록은 /44에서 /60 사이입니다 (Amazon은 /56을 줍니다).", net),
            M::SubnetIpv6Cidr { net, why } => crate::ko!("{}은(는) 이 서브넷의 IPv6 블록이 될 수 없습니다: {}. 서브넷은 VPC IPv6 블록의 /64 하나를 씁니다.", net, ipv6_why(why)),
            M::Ipv6Address { ip, why } => crate::ko!("{}은(는) 이 인터페이스의 IPv6 주소가 될 수 없습니다: {}", ip, ipv6_why(why)),
            M::EigwOtherVpc { id, vpc, here } => crate::ko!("송신 전용 인터넷 게이트웨이 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 속합니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::EigwIpv4Route { id } => crate::ko!("송신 전용 인터넷 게이트웨이 {}은(는) IPv6만 나릅니다. ::/0 같은 IPv6 블록을 보내세요.", crate::i18n::catalog::AsDebug(&id)),
            M::RouteInsideVpc { net, block } => crate::ko!("{}은(는) 암묵적인 로컬 경로가 맡는 VPC 블록 {} 안에 있습니다. 서브넷의 주소를 로컬 경로에서 가져올 수 있는 대상은 네트워크 인터페이스, 인스턴스, 게이트웨이 로드 밸런서 엔드포인트, NAT 게이트웨이뿐입니다 (미들박스 라우팅).", net, block),
            M::EndpointRouteDestination { id, prefix_list } => crate::ko!("게이트웨이 엔드포인트 {}(으)로 가는 경로의 대상은 엔드포인트의 접두사 목록 {}이어야 합니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&prefix_list)),
            M::IgwOtherVpc { id, vpc, here } => crate::ko!("인터넷 게이트웨이 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 연결되어 있습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::IgwDetached { id, here } => crate::ko!("인터넷 게이트웨이 {}은(는) 어느 VPC에도 연결되어 있지 않습니다. {}에 연결하세요.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here)),
            M::NatOtherVpc { id, vpc, here } => crate::ko!("NAT 게이트웨이 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}의 서브넷에 있습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::InstanceOtherVpc { id, vpc, here } => crate::ko!("인스턴스 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 있습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::GwlbEndpointOtherVpc { id, vpc, here } => crate::ko!("게이트웨이 로드 밸런서 엔드포인트 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}의 서브넷에 있습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::InterfaceOtherVpc { id, vpc, here } => crate::ko!("네트워크 인터페이스 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 있습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::PeeringOtherVpc { id, a, b, here } => crate::ko!("피어링 연결 {}은(는) VPC {}와(과) {}을(를) 잇습니다. 이 라우팅 테이블의 VPC {}은(는) 잇지 않습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&a), crate::i18n::catalog::AsDebug(&b), crate::i18n::catalog::AsDebug(&here)),
            M::EndpointOtherVpc { id, vpc, here } => crate::ko!("게이트웨이 엔드포인트 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}을(를) 맡습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::MiddleboxNotSubnet { net, block } => crate::ko!("{}은(는) VPC 블록 {} 안에 있지만 어느 서브넷의 블록도 아닙니다. 로컬 경로보다 구체적인 경로의 대상 주소는 서브넷 블록 전체여야 합니다.", net, block),
            M::GatewayOtherVpc { id, vpc: Some(vpc), here } => crate::ko!("게이트웨이 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 연결되어 있습니다. 게이트웨이 라우팅 테이블은 자기 VPC의 게이트웨이만 맡습니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::GatewayOtherVpc { id, vpc: None, here } => crate::ko!("게이트웨이 {}은(는) 어느 VPC에도 연결되어 있지 않습니다. 라우팅 테이블을 연결하기 전에 {}에 연결하세요.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here)),
            M::PropagationOtherVpc { id, vpc: Some(vpc), here } => crate::ko!("가상 프라이빗 게이트웨이 {}은(는) 이 라우팅 테이블의 VPC {}이(가) 아니라 VPC {}에 연결되어 있습니다. 라우팅 테이블에는 자기 VPC의 게이트웨이만 경로를 전파합니다.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here), crate::i18n::catalog::AsDebug(&vpc)),
            M::PropagationOtherVpc { id, vpc: None, here } => crate::ko!("가상 프라이빗 게이트웨이 {}은(는) 어느 VPC에도 연결되어 있지 않아 경로를 전파하지 않습니다. {}에 연결하세요.", crate::i18n::catalog::AsDebug(&id), crate::i18n::catalog::AsDebug(&here)),
            M::GatewayInTwoTables { id, table, .. } => crate::ko!("게이트웨이 {}은(는) 이미 라우팅 테이블 {}에 연결되어 있습니다. 게이트웨이에는 라우팅 테이블을 하나만 연결할 수 있습니다.", crate::i18n::catalog::AsDebug(&id), table),
            M::GatewayTableRoute { dest } => crate::ko!("이 테이블은 게이트웨이에 연결되어 VPC로 들어오는 트래픽을 라우팅합니다. 경로의 대상 주소는 VPC 블록이나 서브넷 블록 전체여야 하고({}은(는) 둘 다 아님), 대상은 local, 네트워크 인터페이스, 인스턴스, 게이트웨이 로드 밸런서 엔드포인트여야 합니다.", shown_ko(dest)),
        }
    }
}

/// Why an IPv6 block or address is refused, in Korean.
fn ipv6_why(why: &crate::scenario::message::Ipv6Why) -> String {
    use crate::scenario::message::Ipv6Why as W;
    match why {
        W::NotSlash64 => crate::ko_str!("IPv6 서브넷 블록은 /64입니다").into(),
        W::NoBlock(of) => crate::ko!(
            "{}에는 IPv6 블록이 없습니다",
            crate::i18n::catalog::AsDebug(&of)
        ),
        W::Outside(blocks) => crate::ko!("{} 밖에 있습니다", blocks),
        W::Reserved(n) => crate::ko!("AWS는 {}의 처음 네 주소와 마지막 주소를 예약합니다", n),
        W::Taken(by) => crate::ko!("{}이(가) 이미 쓰고 있습니다", by),
    }
}
