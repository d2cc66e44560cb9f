//! Names and descriptions of the built-in templates in every language.

use crate::i18n::catalog::Ko;
pub use crate::i18n::Lang;

/// A template's text in both languages. The browser app reads the English from the template's
/// scenario (the same words, which it fetches to show the card), so its bundle does not carry
/// them twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English (natively only; the same as the scenario file's).
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub en: &'static str,
    /// Korean (see [`crate::i18n::catalog`]).
    pub ko: Ko,
}

macro_rules! text {
    ($en:literal, $ko:expr $(,)?) => {
        Text {
            #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
            en: $en,
            ko: $ko,
        }
    };
}

/// The translatable text of one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateText {
    /// Template id.
    pub id: &'static str,
    /// Its name.
    pub name: Text,
    /// Its short description.
    pub description: Text,
}

/// The text of every built-in template; the English text equals the scenario file's.
pub const TEXTS: &[TemplateText] = &[
    TemplateText {
        id: "service-postgis-memcached",
        name: text!(
            "Service, PostGIS and memcached",
            crate::ko_static!("서비스, PostGIS, memcached 분리"),
        ),
        description: text!(
            "After the post \"Splitting the infrastructure\": one EC2 split into three. The service (nginx, certbot) takes 22, 80 and 443 from anywhere; PostGIS and memcached admit 22 and their port only from the service's group and send only on their port.",
            crate::ko_static!("'인프라 분산 구현' 글을 따라: EC2 한 대를 세 대로 나눕니다. 서비스 서버(nginx, certbot)는 어디서나 22, 80, 443 포트를 받고, PostGIS와 memcached는 서비스 보안 그룹에서 오는 22 포트와 자기 포트만 허용하며 아웃바운드도 자기 포트로만 제한합니다."),
        ),
    },
    TemplateText {
        id: "public-private-db",
        name: text!(
            "Public, private and DB subnets",
            crate::ko_static!("퍼블릭·프라이빗·DB 서브넷"),
        ),
        description: text!(
            "After the post \"hello-vpc\": hello-vpc's public, private and DB subnets with their own route tables; coupon-api, coupon-consumer and a bastion in the public subnet, Redis and MySQL behind; the default group opens 22, 8080 and 8081 to My laptop.",
            crate::ko_static!("'hello-vpc' 글을 따라: 퍼블릭·프라이빗·DB 서브넷마다 라우팅 테이블을 두고, 퍼블릭 서브넷에 쿠폰 API 서버 두 대와 배스천, 그 뒤에 Redis와 MySQL을 둡니다. 기본(default) 보안 그룹은 22, 8080, 8081 포트를 '내 노트북'에만 엽니다."),
        ),
    },
    TemplateText {
        id: "small-service",
        name: text!(
            "Small service: bastion, NAT instance, ALB and MySQL on EC2",
            crate::ko_static!("소규모 서비스: 배스천, NAT 인스턴스, ALB, EC2의 MySQL"),
        ),
        description: text!(
            "After the post \"Building a small service's infrastructure\": an ALB (80, 443) in two AZs in front of a private nginx, React and Spring EC2 on 8080; MySQL on EC2 in a DB subnet; a bastion and a NAT instance; the post's security groups.",
            crate::ko_static!("'작은 서비스 인프라 구성하기' 글을 따라: 두 AZ의 ALB(80, 443)가 프라이빗 서브넷의 nginx·React·Spring EC2로 8080 포트를 보내고, DB 서브넷의 EC2에 MySQL, 퍼블릭 서브넷에 배스천과 NAT 인스턴스를 둡니다. 보안 그룹은 글의 표대로입니다."),
        ),
    },
    TemplateText {
        id: "alb-autoscaling",
        name: text!(
            "ALB and an Auto Scaling group",
            crate::ko_static!("ALB와 오토 스케일링 그룹"),
        ),
        description: text!(
            "After the post \"Monolithic vs MSA\": an ALB (HTTP 80) in AZs a and c sends to port 5000 of an EC2 and its Auto Scaling group in two subnets. One new instance is unhealthy: app.py is not running, so nothing listens on 5000.",
            crate::ko_static!("'Monolithic vs MSA' 글을 따라: 가용 영역 a, c의 ALB(HTTP 80)가 EC2와 두 서브넷에 걸친 오토 스케일링 그룹의 5000 포트로 보냅니다. 새 인스턴스 한 대는 파이썬 앱이 실행되지 않아 5000 포트에서 아무것도 리슨하지 않으므로 비정상(unhealthy)입니다."),
        ),
    },
    TemplateText {
        id: "refactored-web",
        name: text!(
            "Refactored web service",
            crate::ko_static!("리팩터링한 웹 서비스"),
        ),
        description: text!(
            "After the post \"Building and designing an AWS cloud my way (2)\": CloudFront, then an ALB to webapp (Nuxt), admin and API containers; Aurora writer and reader endpoints, ElastiCache Redis, a batch EC2 and the channel EC2 with RabbitMQ; a NAT gateway.",
            crate::ko_static!("'내맘대로 AWS Cloud 구축/설계하기(2)' 글을 따라: CloudFront 뒤의 ALB가 webapp(Nuxt), admin, API 컨테이너로 보내고, Aurora 라이터·리더 엔드포인트, ElastiCache Redis, 배치 EC2, RabbitMQ를 둔 채널 EC2가 뒤에 있습니다. 외부 호출은 NAT 게이트웨이로 나갑니다."),
        ),
    },
    TemplateText {
        id: "peering-not-transitive",
        name: text!(
            "Peering is not transitive",
            crate::ko_static!("피어링은 전이되지 않는다"),
        ),
        description: text!(
            "VPC A peers with B, and B peers with C. A and B talk, B and C talk, but A cannot reach C through B: peering is not transitive.",
            crate::ko_static!("VPC A는 B와, B는 C와 피어링되어 있습니다. A와 B, B와 C는 통신하지만 A는 B를 거쳐 C로 갈 수 없습니다. 피어링은 전이되지 않기 때문입니다."),
        ),
    },
    TemplateText {
        id: "transit-hub",
        name: text!(
            "Shared services and an office through a transit gateway",
            crate::ko_static!("트랜짓 게이트웨이로 잇는 공유 서비스와 사무실"),
        ),
        description: text!(
            "Two app VPCs, a shared-services VPC and an office over VPN on one transit gateway. The apps and the office use a route table only the shared VPC propagates to, so each reaches the shared service but no app.",
            crate::ko_static!("앱 VPC 두 개, 공유 서비스 VPC, VPN으로 붙은 사무실이 트랜짓 게이트웨이 하나에 연결되어 있습니다. 앱과 사무실은 공유 VPC만 경로를 전파하는 라우팅 테이블을 쓰므로, 모두 공유 서비스에는 닿지만 어느 앱에도 닿지 못합니다."),
        ),
    },
    TemplateText {
        id: "vpn-site",
        name: text!(
            "An office joined over site-to-site VPN",
            crate::ko_static!("사이트 간 VPN으로 잇는 사무실"),
        ),
        description: text!(
            "The office reaches the VPC over a VPN to its virtual private gateway (a backup VPN is down). The private subnet routes the office back to it; the public subnet sends all to the internet gateway, so the web server cannot answer the office.",
            crate::ko_static!("사무실은 VPC의 가상 프라이빗 게이트웨이로 가는 VPN으로 VPC에 닿습니다(예비 VPN은 내려가 있음). 프라이빗 서브넷은 사무실로 가는 응답을 게이트웨이로 보내지만, 퍼블릭 서브넷은 모두 인터넷 게이트웨이로 보내므로 웹 서버는 사무실에 응답하지 못합니다."),
        ),
    },
    TemplateText {
        id: "inspection-vpc",
        name: text!(
            "Inspection through a firewall appliance",
            crate::ko_static!("방화벽 어플라이언스를 거치는 검사"),
        ),
        description: text!(
            "The internet gateway's route table (ingress routing) sends what comes in for web to a stateful firewall, and web's subnet sends its replies back through it; routes more specific than local send web ↔ app traffic through it too.",
            crate::ko_static!("인터넷 게이트웨이의 라우팅 테이블(인그레스 라우팅)이 웹으로 들어오는 트래픽을 상태 저장 방화벽으로 보내고, 웹 서브넷은 응답을 방화벽을 거쳐 돌려보냅니다. 로컬보다 구체적인 경로로 웹 ↔ 앱 트래픽도 방화벽을 거칩니다."),
        ),
    },
    TemplateText {
        id: "gwlb-inspection",
        name: text!(
            "Inspection through a Gateway Load Balancer endpoint",
            crate::ko_static!("게이트웨이 로드 밸런서 엔드포인트를 거치는 검사"),
        ),
        description: text!(
            "The internet gateway's route table sends what comes in for web to a Gateway Load Balancer endpoint, and web's subnet sends everything out through it, so its firewall appliances see both ways of each connection. It has no security groups.",
            crate::ko_static!("인터넷 게이트웨이의 라우팅 테이블이 웹으로 들어오는 트래픽을 게이트웨이 로드 밸런서 엔드포인트로 보내고, 웹 서브넷은 나가는 트래픽을 모두 그 엔드포인트로 보내므로 방화벽 어플라이언스가 연결의 양방향을 봅니다. 엔드포인트에는 보안 그룹이 없습니다."),
        ),
    },
    TemplateText {
        id: "ipv6-egress-only",
        name: text!(
            "IPv6 with an egress-only internet gateway",
            crate::ko_static!("송신 전용 인터넷 게이트웨이와 IPv6"),
        ),
        description: text!(
            "A dual-stack VPC: web's subnet sends ::/0 to the internet gateway, so the internet reaches web over IPv6 with no public IP; app's sends ::/0 to an egress-only gateway, so app reaches the internet but the internet cannot reach app.",
            crate::ko_static!("듀얼 스택 VPC입니다. 웹 서브넷은 ::/0을 인터넷 게이트웨이로 보내므로 퍼블릭 IP 없이도 인터넷에서 웹의 IPv6 주소로 접속됩니다. 앱 서브넷은 ::/0을 송신 전용 인터넷 게이트웨이로 보내므로 앱은 인터넷에 나갈 수 있지만 인터넷에서 앱으로는 들어올 수 없습니다."),
        ),
    },
    TemplateText {
        id: "nlb-client-ip",
        name: text!(
            "Web servers behind a network load balancer",
            crate::ko_static!("네트워크 로드 밸런서 뒤의 웹 서버"),
        ),
        description: text!(
            "An internet-facing network load balancer passes TCP 80 to two web servers in private subnets on 8080 and keeps the client's address, so web-sg admits 8080 from anywhere; with no public address, the servers are reached only through it.",
            crate::ko_static!("인터넷에 연결된 네트워크 로드 밸런서가 TCP 80을 프라이빗 서브넷의 웹 서버 두 대의 8080 포트로 넘기면서 클라이언트 주소를 그대로 유지하므로, web-sg는 어디서나 오는 8080을 허용합니다. 웹 서버에는 퍼블릭 주소가 없어 로드 밸런서를 거쳐서만 닿습니다."),
        ),
    },
];

/// The text of template `id`.
pub fn text(id: &str) -> Option<&'static TemplateText> {
    TEXTS.iter().find(|t| t.id == id)
}
