//! Editing a scenario the way the canvas does: placing parts where AWS lets them live, moving and
//! deleting them with what depends on them. Plain Rust (no browser types), so every rule is
//! unit-tested natively; the UI only turns pointer gestures into these calls.
//!
//! - [`alloc`]: the next free VPC block, subnet block, private address, public address and name.
//! - [`ipv6`]: IPv6 blocks for VPCs and subnets, IPv6 addresses for interfaces (dual stack).
//! - [`find`]: which part an id names, what contains what, and hit tests on the canvas.
//! - [`place`]: adding a part from the palette at a point, or refusing with a reason.
//! - [`room`]: what each part's drawing covers, the nearest free place, growing full containers.
//! - [`moves`]: moving parts (children follow their container) and resizing containers.
//! - [`remove`]: deleting parts with their dependants.
//! - [`rename`]: renaming a part with what was named after it.
//! - [`history`]: undo and redo stacks.
//! - [`title`]: the names new internet hosts are given, in English or Korean.
//! - [`laptop`]: the learner's "My laptop" host, the address behind "My IP".
//! - [`balancer`]: listeners and target groups added to a load balancer.
//! - [`transit`]: transit gateways: attachments, associations, propagations, static routes.
//! - [`refusal`]: why an edit was refused, in English and Korean.

pub mod alloc;
pub mod associate;
pub mod balancer;
pub mod find;
pub mod history;
pub mod host_names;
pub mod ipv6;
pub mod laptop;
pub mod moves;
pub mod place;
pub mod refusal;
pub mod remove;
pub mod rename;
pub mod room;
pub mod site;
pub mod title;
pub mod transit;

pub use refusal::Refusal;

#[cfg(test)]
mod tests;

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

#[cfg(test)]
mod rename_tests;

#[cfg(test)]
mod endpoint_tests;

/// What the palette can place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// A VPC.
    Vpc,
    /// A subnet (inside a VPC).
    Subnet,
    /// An internet gateway (on a VPC's edge).
    InternetGateway,
    /// An egress-only internet gateway (on a VPC's edge): IPv6 out, replies back.
    EgressOnlyInternetGateway,
    /// A NAT gateway (in a subnet).
    NatGateway,
    /// A Gateway Load Balancer endpoint (in a subnet): routes send traffic through its load
    /// balancer's appliances.
    GwlbEndpoint,
    /// An interface VPC endpoint (in a subnet): a private entry to an AWS service.
    InterfaceEndpoint,
    /// An application load balancer (nodes in two subnets of different AZs).
    LoadBalancer,
    /// A network load balancer (nodes in two subnets of different AZs, a TCP listener).
    NetworkLoadBalancer,
    /// An EC2 instance.
    Instance,
    /// An EC2 instance working as a bastion host.
    Bastion,
    /// An EC2 instance doing NAT.
    NatInstance,
    /// An RDS database.
    Database,
    /// An ElastiCache cluster.
    Cache,
    /// "Internet": any host on the internet.
    Internet,
    /// "My laptop": the learner's computer on the internet.
    Laptop,
    /// A transit gateway (regional: on the open canvas, joining VPCs).
    TransitGateway,
    /// A virtual private gateway (on a VPC's edge: its end of VPN connections).
    VpnGateway,
    /// An on-premises network (outside every VPC), joined over VPN.
    OnPremises,
}

impl PartKind {
    /// The article-free name used in messages, e.g. "EC2 instance".
    pub fn label(self) -> &'static str {
        match self {
            PartKind::Vpc => "VPC",
            PartKind::Subnet => "subnet",
            PartKind::InternetGateway => "internet gateway",
            PartKind::EgressOnlyInternetGateway => "egress-only internet gateway",
            PartKind::NatGateway => "NAT gateway",
            PartKind::GwlbEndpoint => "Gateway Load Balancer endpoint",
            PartKind::InterfaceEndpoint => "interface endpoint",
            PartKind::LoadBalancer => "application load balancer",
            PartKind::NetworkLoadBalancer => "network load balancer",
            PartKind::Instance => "EC2 instance",
            PartKind::Bastion => "bastion host",
            PartKind::NatInstance => "NAT instance",
            PartKind::Database => "RDS database",
            PartKind::Cache => "ElastiCache cluster",
            PartKind::Internet => "internet host",
            PartKind::Laptop => "laptop",
            PartKind::TransitGateway => "transit gateway",
            PartKind::VpnGateway => "virtual private gateway",
            PartKind::OnPremises => "on-premises network",
        }
    }

    /// Whether the part lives inside a subnet.
    pub fn in_subnet(self) -> bool {
        matches!(
            self,
            PartKind::NatGateway
                | PartKind::GwlbEndpoint
                | PartKind::InterfaceEndpoint
                | PartKind::Instance
                | PartKind::Bastion
                | PartKind::NatInstance
                | PartKind::Database
                | PartKind::Cache
        )
    }
}
