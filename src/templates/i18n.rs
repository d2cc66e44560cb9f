//! Names and descriptions of the built-in templates in every language.

pub use crate::i18n::Lang;
use crate::i18n::StaticText;

/// The translatable text of one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateText {
    /// Template id.
    pub id: &'static str,
    /// Its name.
    pub name: StaticText,
    /// Its short description.
    pub description: StaticText,
}

/// The text of every built-in template; the English text equals the scenario file's.
pub const TEXTS: &[TemplateText] = &[
    TemplateText {
        id: "service-postgis-memcached",
        name: StaticText {
            en: "Service, PostGIS and memcached",
            ko: "서비스, PostGIS, memcached 분리",
        },
        description: StaticText {
            en: "Three servers split by job: the service takes web traffic; PostGIS and memcached admit only the service's security group, on 5432 and 11211, and may send only on their own port.",
            ko: "역할별로 나눈 서버 세 대: 서비스 서버가 웹 트래픽을 받고, PostGIS와 memcached는 서비스 보안 그룹에서 오는 5432, 11211 포트만 허용하며 아웃바운드도 자기 포트로만 제한합니다.",
        },
    },
    TemplateText {
        id: "public-private-db",
        name: StaticText {
            en: "Public, private and DB subnets",
            ko: "퍼블릭·프라이빗·DB 서브넷",
        },
        description: StaticText {
            en: "An internet gateway, two API servers and a bastion in the public subnet, Redis in the private subnet and MySQL in the DB subnet. SSH and ports 8080-8081 are open only to My laptop.",
            ko: "인터넷 게이트웨이와 함께 퍼블릭 서브넷에 API 서버 두 대와 배스천, 프라이빗 서브넷에 Redis, DB 서브넷에 MySQL을 둡니다. SSH와 8080-8081 포트는 '내 노트북'에서만 열려 있습니다.",
        },
    },
    TemplateText {
        id: "small-service",
        name: StaticText {
            en: "Small service: ALB, nginx, Spring and MySQL",
            ko: "소규모 서비스: ALB, nginx, Spring, MySQL",
        },
        description: StaticText {
            en: "A bastion and a NAT instance in the public subnet, an ALB in two AZs, nginx in front of a Spring app in a private subnet, and MySQL in a DB subnet. Each security group admits only its neighbour.",
            ko: "퍼블릭 서브넷에 배스천과 NAT 인스턴스, 두 AZ에 걸친 ALB, 프라이빗 서브넷에 Spring 앱 앞단의 nginx, DB 서브넷에 MySQL을 둡니다. 각 보안 그룹은 바로 앞 단계만 허용합니다.",
        },
    },
    TemplateText {
        id: "alb-autoscaling",
        name: StaticText {
            en: "ALB and an auto-scaled group",
            ko: "ALB와 오토 스케일링 그룹",
        },
        description: StaticText {
            en: "An ALB in two AZs in front of auto-scaled web servers on port 5000. One target is unhealthy because nothing listens on 5000, so the ALB sends traffic to the healthy ones.",
            ko: "두 AZ에 걸친 ALB가 5000 포트로 서비스하는 오토 스케일링 웹 서버들 앞에 있습니다. 한 대는 5000 포트에서 아무것도 리슨하지 않아 비정상(unhealthy) 상태이고, ALB는 정상 대상으로만 트래픽을 보냅니다.",
        },
    },
    TemplateText {
        id: "refactored-web",
        name: StaticText {
            en: "Refactored web service",
            ko: "리팩터링한 웹 서비스",
        },
        description: StaticText {
            en: "An ALB sends traffic to webapp, admin and API containers in private subnets; Aurora writer and reader endpoints, ElastiCache Redis and RabbitMQ behind them; a NAT gateway for outbound calls.",
            ko: "ALB가 프라이빗 서브넷의 webapp, admin, API 컨테이너로 트래픽을 나누고, 그 뒤에 Aurora 라이터·리더 엔드포인트, ElastiCache Redis, RabbitMQ가 있습니다. 외부 호출은 NAT 게이트웨이로 나갑니다.",
        },
    },
    TemplateText {
        id: "peering-not-transitive",
        name: StaticText {
            en: "Peering is not transitive",
            ko: "피어링은 전이되지 않는다",
        },
        description: StaticText {
            en: "VPC A peers with B, and B peers with C. A and B talk, B and C talk, but A cannot reach C through B: peering is not transitive.",
            ko: "VPC A는 B와, B는 C와 피어링되어 있습니다. A와 B, B와 C는 통신하지만 A는 B를 거쳐 C로 갈 수 없습니다. 피어링은 전이되지 않기 때문입니다.",
        },
    },
];

/// The text of template `id`.
pub fn text(id: &str) -> Option<&'static TemplateText> {
    TEXTS.iter().find(|t| t.id == id)
}
