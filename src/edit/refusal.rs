//! Why an edit on the canvas was refused: placing, moving or renaming a part. Each reason is a
//! [`Refusal`] holding the names and values it mentions, written in English ([`Refusal::en`],
//! what the command line and tests read) and Korean ([`Refusal::ko`]) when shown.

use super::PartKind;
use crate::i18n::{josa, Lang};
use ipnet::Ipv4Net;
use std::fmt;

/// Why the canvas refused an edit. Names are the parts' names as people read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A VPC dropped on another VPC (named).
    VpcInVpc {
        /// The VPC under the drop.
        vpc: String,
    },
    /// Every `10.x.0.0/16` block is in use.
    NoVpcBlock,
    /// A subnet dropped outside every VPC.
    SubnetOffVpc,
    /// A subnet dropped on another subnet.
    SubnetOverlap {
        /// The subnet already there.
        subnet: String,
    },
    /// The VPC has no free block for another subnet.
    NoSubnetBlock {
        /// The full VPC.
        vpc: String,
    },
    /// An internet gateway dropped off every VPC.
    IgwOffVpc,
    /// A second internet gateway for a VPC.
    SecondIgw {
        /// The VPC.
        vpc: String,
        /// Its internet gateway.
        igw: String,
    },
    /// An egress-only internet gateway dropped off every VPC.
    EigwOffVpc,
    /// A second egress-only internet gateway for a VPC.
    SecondEigw {
        /// The VPC.
        vpc: String,
        /// Its egress-only internet gateway.
        eigw: String,
    },
    /// An egress-only internet gateway added from the keyboard with no VPC on the canvas.
    EigwNeedsVpc,
    /// Every IPv6 block of the scheme is taken by a VPC.
    NoIpv6Block,
    /// An IPv6 block asked for a subnet whose VPC has none.
    VpcWithoutIpv6 {
        /// The VPC.
        vpc: String,
    },
    /// An IPv6 address asked for an interface whose subnet has no IPv6 block.
    SubnetWithoutIpv6 {
        /// The subnet.
        subnet: String,
    },
    /// A virtual private gateway dropped off every VPC.
    VgwOffVpc,
    /// A second virtual private gateway for a VPC.
    SecondVgw {
        /// The VPC.
        vpc: String,
        /// Its virtual private gateway.
        vgw: String,
    },
    /// A virtual private gateway added from the keyboard with no VPC on the canvas.
    VgwNeedsVpc,
    /// An on-premises network dropped inside a VPC.
    SiteInVpc {
        /// The VPC under the drop.
        vpc: String,
    },
    /// A host on the internet dropped inside a VPC.
    HostInVpc {
        /// The VPC under the drop.
        vpc: String,
    },
    /// A part that lives in a subnet dropped outside every subnet.
    NotInSubnet {
        /// What was dropped.
        kind: PartKind,
    },
    /// The subnet has no free private address.
    SubnetFull {
        /// The subnet.
        subnet: String,
        /// Its block, when the message shows it.
        cidr: Option<Ipv4Net>,
    },
    /// A load balancer dropped off every VPC.
    AlbOffVpc,
    /// A load balancer dropped on a VPC without subnets in two zones.
    AlbZones {
        /// The VPC.
        vpc: String,
        /// The one zone its subnets are in; `None` when it has no subnets.
        zone: Option<String>,
        /// The kind of load balancer.
        kind: PartKind,
    },
    /// No subnet could take a load balancer node.
    AlbNoSubnets {
        /// The VPC.
        vpc: String,
    },
    /// A subnet added from the keyboard with no VPC on the canvas.
    SubnetNeedsVpc,
    /// An internet gateway added from the keyboard with no VPC on the canvas.
    IgwNeedsVpc,
    /// A load balancer added from the keyboard without subnets in two zones.
    AlbNeedsSubnets {
        /// The kind of load balancer.
        kind: PartKind,
    },
    /// A part that lives in a subnet added from the keyboard with no subnet on the canvas.
    NeedsSubnet {
        /// What was added.
        kind: PartKind,
    },
    /// No place could be found for the part.
    NoRoom {
        /// What was added.
        kind: PartKind,
    },
    /// A host on the internet moved into a VPC.
    HostIntoVpc {
        /// The host.
        name: String,
        /// The VPC.
        vpc: String,
    },
    /// A transit gateway moved or dropped into a VPC (it is regional: it joins VPCs from outside
    /// them).
    TransitGatewayIntoVpc {
        /// The transit gateway.
        name: String,
        /// The VPC.
        vpc: String,
    },
    /// A VPC without subnets attached to a transit gateway (an attachment needs a subnet).
    AttachmentNeedsSubnet {
        /// The VPC.
        vpc: String,
    },
    /// A VPC attached a second time to one transit gateway.
    AlreadyAttached {
        /// The VPC.
        vpc: String,
        /// The transit gateway.
        tgw: String,
    },
    /// A second static route for one block in a transit gateway route table.
    DuplicateTgwRoute {
        /// The block.
        destination: Ipv4Net,
    },
    /// A subnet moved out of its VPC.
    SubnetLeavesVpc {
        /// The subnet.
        name: String,
        /// Its VPC.
        vpc: String,
    },
    /// A load balancer moved out of the subnets its nodes are in.
    BalancerOwnSubnets {
        /// The load balancer.
        name: String,
    },
    /// An instance, database or NAT gateway moved out of every subnet.
    StayInSubnet {
        /// The part moved.
        name: String,
    },
    /// A part moved into a subnet of another VPC.
    OtherVpc {
        /// The part moved.
        name: String,
        /// The other VPC.
        vpc: String,
    },
    /// A new name another part has.
    NameTaken {
        /// The name asked for.
        name: String,
        /// The part being renamed.
        part: String,
    },
    /// A new name that is another part's id.
    NameIsId {
        /// The name asked for.
        name: String,
        /// The part whose id it is; `None` when it has no name of its own.
        owner: Option<String>,
        /// The part being renamed.
        part: String,
    },
    /// Renaming an id that names nothing.
    NoPart {
        /// The id.
        id: String,
    },
}

impl PartKind {
    /// The Korean name used in messages, e.g. "EC2 인스턴스".
    pub fn label_ko(self) -> &'static str {
        match self {
            PartKind::Vpc => "VPC",
            PartKind::Subnet => crate::ko_str!("서브넷"),
            PartKind::InternetGateway => crate::ko_str!("인터넷 게이트웨이"),
            PartKind::EgressOnlyInternetGateway => crate::ko_str!("송신 전용 인터넷 게이트웨이"),
            PartKind::NatGateway => crate::ko_str!("NAT 게이트웨이"),
            PartKind::GwlbEndpoint => crate::ko_str!("게이트웨이 로드 밸런서 엔드포인트"),
            PartKind::InterfaceEndpoint => crate::ko_str!("인터페이스 엔드포인트"),
            PartKind::LoadBalancer => crate::ko_str!("애플리케이션 로드 밸런서"),
            PartKind::NetworkLoadBalancer => crate::ko_str!("네트워크 로드 밸런서"),
            PartKind::Instance => crate::ko_str!("EC2 인스턴스"),
            PartKind::Bastion => crate::ko_str!("배스천 호스트"),
            PartKind::NatInstance => crate::ko_str!("NAT 인스턴스"),
            PartKind::Database => crate::ko_str!("RDS 데이터베이스"),
            PartKind::Cache => crate::ko_str!("ElastiCache 클러스터"),
            PartKind::Internet => crate::ko_str!("인터넷 호스트"),
            PartKind::Laptop => crate::ko_str!("노트북"),
            PartKind::TransitGateway => crate::ko_str!("트랜짓 게이트웨이"),
            PartKind::VpnGateway => crate::ko_str!("가상 프라이빗 게이트웨이"),
            PartKind::OnPremises => crate::ko_str!("온프레미스 네트워크"),
        }
    }
}

/// "An EC2 instance", "A NAT gateway": the kind with its article, capitalized.
pub fn a_or_an(kind: PartKind) -> String {
    let l = kind.label();
    let article = if l.starts_with(['E', 'R', 'a', 'i']) {
        "An"
    } else {
        "A"
    };
    format!("{article} {l}")
}

impl Refusal {
    /// The reason in English, as the command line and the tests read it.
    pub fn en(&self) -> String {
        use Refusal as R;
        match self {
            R::VpcInVpc { vpc } => format!(
                "A VPC cannot go inside another VPC ({vpc}); drop it on an empty part of the canvas."
            ),
            R::NoVpcBlock => "Every 10.x.0.0/16 block is taken by a VPC already.".into(),
            R::SubnetOffVpc => "A subnet lives inside a VPC: drop it on a VPC.".into(),
            R::SubnetOverlap { subnet } => format!(
                "Subnets cannot overlap: {subnet} is already here. Drop the subnet on an empty part of the VPC."
            ),
            R::NoSubnetBlock { vpc } => {
                format!("{vpc} has no free address block left for another subnet.")
            }
            R::IgwOffVpc => "Drop the internet gateway on a VPC (or its edge) to attach it.".into(),
            R::SecondIgw { vpc, igw } => format!(
                "{vpc} already has an internet gateway ({igw}); a VPC can have only one."
            ),
            R::EigwOffVpc => {
                "Drop the egress-only internet gateway on a VPC (or its edge) to attach it.".into()
            }
            R::SecondEigw { vpc, eigw } => format!(
                "{vpc} already has an egress-only internet gateway ({eigw}); one is enough."
            ),
            R::EigwNeedsVpc => {
                "An egress-only internet gateway attaches to a VPC: add a VPC first.".into()
            }
            R::NoIpv6Block => "Every IPv6 block this playground hands out is taken.".into(),
            R::VpcWithoutIpv6 { vpc } => {
                format!("{vpc} has no IPv6 block: add one to the VPC first.")
            }
            R::SubnetWithoutIpv6 { subnet } => {
                format!("{subnet} has no IPv6 block: add one to the subnet first.")
            }
            R::HostInVpc { vpc } => format!(
                "A host on the internet lives outside every VPC; drop it outside {vpc}."
            ),
            R::VgwOffVpc => {
                "Drop the virtual private gateway on a VPC (or its edge) to attach it.".into()
            }
            R::SecondVgw { vpc, vgw } => format!(
                "{vpc} already has a virtual private gateway ({vgw}); a VPC can have only one."
            ),
            R::VgwNeedsVpc => {
                "A virtual private gateway attaches to a VPC: add a VPC first.".into()
            }
            R::SiteInVpc { vpc } => format!(
                "An on-premises network lies outside AWS; drop it outside {vpc}."
            ),
            R::NotInSubnet { kind } => {
                format!("{} lives in a subnet: drop it on a subnet.", a_or_an(*kind))
            }
            R::SubnetFull { subnet, cidr } => match cidr {
                Some(c) => format!("{subnet} ({c}) has no free address left."),
                None => format!("{subnet} has no free address left."),
            },
            R::AlbOffVpc => {
                "Drop the load balancer on a VPC with subnets in two availability zones.".into()
            }
            R::AlbZones { vpc, zone, kind } => format!(
                "{} needs subnets in two different availability zones; {vpc} has {}. Add a subnet in another zone band first.",
                a_or_an(*kind),
                match zone {
                    None => "no subnets".to_string(),
                    Some(z) => format!("subnets in {z} only"),
                }
            ),
            R::AlbNoSubnets { vpc } => {
                format!("{vpc} has no subnets for the load balancer's nodes.")
            }
            R::SubnetNeedsVpc => "A subnet lives inside a VPC: add a VPC first.".into(),
            R::IgwNeedsVpc => "An internet gateway attaches to a VPC: add a VPC first.".into(),
            R::AlbNeedsSubnets { kind } => format!(
                "{} needs subnets in two different availability zones: add them first.",
                a_or_an(*kind)
            ),
            R::NeedsSubnet { kind } => {
                format!("{} lives in a subnet: add a subnet first.", a_or_an(*kind))
            }
            R::NoRoom { kind } => format!("There is no room for another {}.", kind.label()),
            R::HostIntoVpc { name, vpc } => {
                format!("{name} is a host on the internet; it cannot go inside {vpc}.")
            }
            R::TransitGatewayIntoVpc { name, vpc } => format!(
                "{name} is a transit gateway: it joins VPCs from outside them, so it cannot go inside {vpc}."
            ),
            R::AttachmentNeedsSubnet { vpc } => format!(
                "{vpc} has no subnet: a transit gateway attachment needs a subnet in each Availability Zone it serves. Add a subnet first."
            ),
            R::AlreadyAttached { vpc, tgw } => format!("{vpc} is already attached to {tgw}."),
            R::DuplicateTgwRoute { destination } => format!(
                "This route table has a static route for {destination} already; change or delete that one."
            ),
            R::SubnetLeavesVpc { name, vpc } => {
                format!("{name} must stay inside its VPC {vpc}; a subnet cannot change VPC.")
            }
            R::BalancerOwnSubnets { name } => {
                format!("{name} has nodes in its own subnets only; drop it in one of them.")
            }
            R::StayInSubnet { name } => format!("{name} must stay inside a subnet."),
            R::OtherVpc { name, vpc } => format!(
                "{name} cannot move to another VPC ({vpc}): its security groups belong to its own VPC."
            ),
            R::NameTaken { name, part } => format!(
                "Another part is already called {name:?}: give {part} a name of its own."
            ),
            R::NameIsId { name, owner, part } => format!(
                "{name:?} is the id of {}: give {part} a name of its own.",
                owner.as_deref().unwrap_or("another part")
            ),
            R::NoPart { id } => format!("There is no part {id:?} to rename."),
        }
    }

    /// The reason in Korean.
    pub fn ko(&self) -> String {
        use Refusal as R;
        let topic = |w: &str| josa(w, ("은", "는"));
        let object = |w: &str| josa(w, ("을", "를"));
        match self {
            R::VpcInVpc { vpc } => crate::ko!("VPC({}) 안에는 다른 VPC를 둘 수 없습니다. 캔버스의 빈 곳에 놓으세요.", vpc),
            R::NoVpcBlock => crate::ko_str!("10.x.0.0/16 블록을 이미 모두 다른 VPC가 쓰고 있습니다.").into(),
            R::SubnetOffVpc => crate::ko_str!("서브넷은 VPC 안에 있어야 합니다. VPC 위에 놓으세요.").into(),
            R::SubnetOverlap { subnet } => crate::ko!("서브넷끼리는 겹칠 수 없습니다. 이곳에는 이미 {} 있습니다. VPC의 빈 곳에 놓으세요.", josa(subnet, (crate::ko_str!("이"), crate::ko_str!("가")))),
            R::NoSubnetBlock { vpc } => {
                crate::ko!("{}에는 새 서브넷에 줄 빈 주소 블록이 남아 있지 않습니다.", vpc)
            }
            R::IgwOffVpc => {
                crate::ko_str!("인터넷 게이트웨이를 연결하려면 VPC(또는 그 가장자리) 위에 놓으세요.").into()
            }
            R::SecondIgw { vpc, igw } => crate::ko!("{}에는 이미 인터넷 게이트웨이({})가 있습니다. VPC 하나에는 하나만 연결할 수 있습니다.", vpc, igw),
            R::EigwOffVpc => crate::ko_str!("송신 전용 인터넷 게이트웨이를 연결하려면 VPC(또는 그 가장자리) 위에 놓으세요.").into(),
            R::SecondEigw { vpc, eigw } => crate::ko!("{}에는 이미 송신 전용 인터넷 게이트웨이({})가 있습니다. 하나면 충분합니다.", vpc, eigw),
            R::EigwNeedsVpc => crate::ko_str!("송신 전용 인터넷 게이트웨이는 VPC에 연결됩니다. 먼저 VPC를 추가하세요.").into(),
            R::NoIpv6Block => crate::ko_str!("이 플레이그라운드가 나눠 주는 IPv6 블록을 모두 쓰고 있습니다.").into(),
            R::VpcWithoutIpv6 { vpc } => crate::ko!("{}에는 IPv6 블록이 없습니다. 먼저 VPC에 IPv6 블록을 추가하세요.", vpc),
            R::SubnetWithoutIpv6 { subnet } => crate::ko!("{}에는 IPv6 블록이 없습니다. 먼저 서브넷에 IPv6 블록을 추가하세요.", subnet),
            R::HostInVpc { vpc } => crate::ko!("인터넷 호스트는 모든 VPC 바깥에 있습니다. {} 바깥에 놓으세요.", vpc),
            R::VgwOffVpc => crate::ko_str!("가상 프라이빗 게이트웨이를 연결하려면 VPC(또는 그 가장자리) 위에 놓으세요.").into(),
            R::SecondVgw { vpc, vgw } => crate::ko!("{}에는 이미 가상 프라이빗 게이트웨이({})가 있습니다. VPC 하나에는 하나만 연결할 수 있습니다.", vpc, vgw),
            R::VgwNeedsVpc => crate::ko_str!("가상 프라이빗 게이트웨이는 VPC에 연결됩니다. 먼저 VPC를 추가하세요.").into(),
            R::SiteInVpc { vpc } => crate::ko!("온프레미스 네트워크는 AWS 바깥에 있습니다. {} 바깥에 놓으세요.", vpc),
            R::NotInSubnet { kind } => crate::ko!("{} 서브넷 안에 있어야 합니다. 서브넷 위에 놓으세요.", topic(kind.label_ko())),
            R::SubnetFull { subnet, cidr } => match cidr {
                Some(c) => crate::ko!("{}({})에는 남은 빈 주소가 없습니다.", subnet, c),
                None => crate::ko!("{}에는 남은 빈 주소가 없습니다.", subnet),
            },
            R::AlbOffVpc => {
                crate::ko_str!("로드 밸런서는 두 가용 영역에 서브넷이 있는 VPC 위에 놓으세요.").into()
            }
            R::AlbZones { vpc, zone, kind } => crate::ko!("{}에는 서로 다른 두 가용 영역의 서브넷이 필요한데, {}에는 {}. 먼저 다른 가용 영역 띠에 서브넷을 추가하세요.", kind.label_ko(), vpc, match zone {
                    None => crate::ko_str!("서브넷이 없습니다").to_string(),
                    Some(z) => crate::ko!("{}의 서브넷만 있습니다", z),
                }),
            R::AlbNoSubnets { vpc } => {
                crate::ko!("{}에는 로드 밸런서 노드를 둘 서브넷이 없습니다.", vpc)
            }
            R::SubnetNeedsVpc => crate::ko_str!("서브넷은 VPC 안에 있어야 합니다. 먼저 VPC를 추가하세요.").into(),
            R::IgwNeedsVpc => {
                crate::ko_str!("인터넷 게이트웨이는 VPC에 연결됩니다. 먼저 VPC를 추가하세요.").into()
            }
            R::AlbNeedsSubnets { kind } => crate::ko!("{}에는 서로 다른 두 가용 영역의 서브넷이 필요합니다. 먼저 서브넷을 추가하세요.", kind.label_ko()),
            R::NeedsSubnet { kind } => crate::ko!("{} 서브넷 안에 있어야 합니다. 먼저 서브넷을 추가하세요.", topic(kind.label_ko())),
            R::NoRoom { kind } => crate::ko!("{} 더 놓을 자리가 없습니다.", object(kind.label_ko())),
            R::HostIntoVpc { name, vpc } => crate::ko!("{} 인터넷 호스트라서 {} 안에 들어갈 수 없습니다.", topic(name), vpc),
            R::TransitGatewayIntoVpc { name, vpc } => crate::ko!("{} 트랜짓 게이트웨이라서 {} 안에 들어갈 수 없습니다. 트랜짓 게이트웨이는 VPC 밖에서 VPC들을 연결합니다.", topic(name), vpc),
            R::AttachmentNeedsSubnet { vpc } => crate::ko!("{}에 서브넷이 없습니다. 트랜짓 게이트웨이 연결에는 쓰려는 가용 영역마다 서브넷이 하나 있어야 합니다. 먼저 서브넷을 추가하세요.", vpc),
            R::AlreadyAttached { vpc, tgw } => {
                crate::ko!("{} 이미 {}에 연결되어 있습니다.", topic(vpc), tgw)
            }
            R::DuplicateTgwRoute { destination } => crate::ko!("이 라우팅 테이블에는 {}에 대한 정적 경로가 이미 있습니다. 그 경로를 고치거나 지우세요.", destination),
            R::SubnetLeavesVpc { name, vpc } => crate::ko!("{} 자기 VPC {} 안에 있어야 합니다. 서브넷은 VPC를 바꿀 수 없습니다.", topic(name), vpc),
            R::BalancerOwnSubnets { name } => crate::ko!("{}의 노드는 자기 서브넷에만 있습니다. 그 서브넷 중 하나에 놓으세요.", name),
            R::StayInSubnet { name } => crate::ko!("{} 서브넷 안에 있어야 합니다.", topic(name)),
            R::OtherVpc { name, vpc } => crate::ko!("{} 다른 VPC({})로 옮길 수 없습니다. 보안 그룹이 원래 VPC에 속해 있습니다.", topic(name), vpc),
            R::NameTaken { name, part } => crate::ko!("{}(이)라는 이름의 구성 요소가 이미 있습니다. {}에 다른 이름을 지어 주세요.", crate::i18n::catalog::AsDebug(&name), part),
            R::NameIsId { name, owner, part } => crate::ko!("{}은(는) {}의 ID입니다. {}에 다른 이름을 지어 주세요.", crate::i18n::catalog::AsDebug(&name), owner.as_deref().unwrap_or(crate::ko_str!("다른 구성 요소")), part),
            R::NoPart { id } => crate::ko!("이름을 바꿀 구성 요소 {}이(가) 없습니다.", crate::i18n::catalog::AsDebug(&id)),
        }
    }

    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ko => self.ko(),
        }
    }
}

/// The English reason.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for Refusal {}
