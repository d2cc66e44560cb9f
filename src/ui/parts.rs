//! The parts a person can place on the canvas, as the palette lists them.

use super::lang::{t, Lang};
use crate::edit::PartKind;

/// Which family a part belongs to; decides its group in the palette and its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// VPCs, subnets, gateways and load balancers.
    Network,
    /// Instances.
    Compute,
    /// Managed databases and caches.
    Data,
    /// Hosts outside AWS.
    Outside,
}

impl Family {
    /// All families, in palette order.
    pub const ALL: [Family; 4] = [
        Family::Network,
        Family::Compute,
        Family::Data,
        Family::Outside,
    ];

    /// The heading of this family's group in the palette, in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Family::Network => t(lang, "Networking"),
            Family::Compute => t(lang, "Compute"),
            Family::Data => t(lang, "Data"),
            Family::Outside => t(lang, "Outside AWS"),
        }
    }

    /// The CSS class that colours this family's badges.
    pub fn css_class(self) -> &'static str {
        match self {
            Family::Network => "fam-network",
            Family::Compute => "fam-compute",
            Family::Data => "fam-data",
            Family::Outside => "fam-outside",
        }
    }
}

/// One entry of the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The name people see and the button's accessible name, e.g. "EC2 instance" (English:
    /// shown through [`t`], with its Korean in `ko.rs`).
    pub name: &'static str,
    /// A short badge shown beside the name, e.g. "EC2".
    pub badge: &'static str,
    /// The family it belongs to.
    pub family: Family,
    /// One sentence on what the part does, shown as a tooltip (English, shown through [`t`]).
    pub hint: &'static str,
    /// What placing it adds to the scenario.
    pub kind: PartKind,
}

impl Part {
    /// The CSS class that colours its badge: its family's, or for a Gateway Load Balancer
    /// endpoint and an egress-only internet gateway one of its own (its colour on the canvas).
    pub fn badge_class(&self) -> &'static str {
        match self.kind {
            PartKind::GwlbEndpoint => "fam-gwlbe",
            PartKind::EgressOnlyInternetGateway => "fam-eigw",
            _ => self.family.css_class(),
        }
    }
}

/// Every part in the palette, in the order shown.
///
/// ```
/// use vpc_playground::ui::parts::PARTS;
/// assert!(PARTS.iter().any(|p| p.name == "NAT gateway"));
/// ```
pub const PARTS: [Part; 19] = [
    Part {
        name: "VPC",
        badge: "VPC",
        family: Family::Network,
        hint: "A private network with its own address range",
        kind: PartKind::Vpc,
    },
    Part {
        name: "Subnet",
        badge: "SN",
        family: Family::Network,
        hint: "A slice of a VPC's addresses in one availability zone",
        kind: PartKind::Subnet,
    },
    Part {
        name: "Internet gateway",
        badge: "IGW",
        family: Family::Network,
        hint: "Connects a VPC to the internet",
        kind: PartKind::InternetGateway,
    },
    Part {
        name: "Egress-only IGW",
        badge: "EIGW",
        family: Family::Network,
        hint: "Egress-only internet gateway: IPv6 out to the internet and the replies back; nothing starts from the internet",
        kind: PartKind::EgressOnlyInternetGateway,
    },
    Part {
        name: "NAT gateway",
        badge: "NAT",
        family: Family::Network,
        hint: "Lets private subnets reach out to the internet",
        kind: PartKind::NatGateway,
    },
    Part {
        name: "GWLB endpoint",
        badge: "GWLBE",
        family: Family::Network,
        hint: "Gateway Load Balancer endpoint: routes send traffic through its appliances, such as firewalls, and back",
        kind: PartKind::GwlbEndpoint,
    },
    Part {
        name: "Interface endpoint",
        badge: "VPCE",
        family: Family::Network,
        hint: "A private entry to an AWS service (PrivateLink), reached on tcp/443 in its subnets",
        kind: PartKind::InterfaceEndpoint,
    },
    Part {
        name: "Transit gateway",
        badge: "TGW",
        family: Family::Network,
        hint: "A regional router that joins VPCs: each attachment's route table picks where traffic goes",
        kind: PartKind::TransitGateway,
    },
    Part {
        name: "Virtual private gateway",
        badge: "VGW",
        family: Family::Network,
        hint: "A VPC's end of site-to-site VPN connections to an on-premises network",
        kind: PartKind::VpnGateway,
    },
    Part {
        name: "Application load balancer",
        badge: "ALB",
        family: Family::Network,
        hint: "Spreads HTTP and HTTPS requests over instances",
        kind: PartKind::LoadBalancer,
    },
    Part {
        name: "Network load balancer",
        badge: "NLB",
        family: Family::Network,
        hint: "Spreads TCP, TLS and UDP connections over instances",
        kind: PartKind::NetworkLoadBalancer,
    },
    Part {
        name: "EC2 instance",
        badge: "EC2",
        family: Family::Compute,
        hint: "A virtual server in a subnet",
        kind: PartKind::Instance,
    },
    Part {
        name: "Bastion host",
        badge: "BH",
        family: Family::Compute,
        hint: "A jump box for SSH into private subnets",
        kind: PartKind::Bastion,
    },
    Part {
        name: "NAT instance",
        badge: "NI",
        family: Family::Compute,
        hint: "An instance that does NAT for private subnets",
        kind: PartKind::NatInstance,
    },
    Part {
        name: "RDS database",
        badge: "RDS",
        family: Family::Data,
        hint: "A managed relational database",
        kind: PartKind::Database,
    },
    Part {
        name: "ElastiCache",
        badge: "EC",
        family: Family::Data,
        hint: "A managed Redis or Memcached cache",
        kind: PartKind::Cache,
    },
    Part {
        name: "Internet",
        badge: "WWW",
        family: Family::Outside,
        hint: "Any host on the public internet",
        kind: PartKind::Internet,
    },
    Part {
        name: "My laptop",
        badge: "ME",
        family: Family::Outside,
        hint: "Your own computer, somewhere on the internet",
        kind: PartKind::Laptop,
    },
    Part {
        name: "On-premises network",
        badge: "DC",
        family: Family::Outside,
        hint: "A data centre or office, joined to a virtual private gateway over VPN",
        kind: PartKind::OnPremises,
    },
];
