//! The addressing and filtering parts of a VPC: VPCs, subnets, route tables, network ACLs,
//! security groups and prefix lists.

use super::proto::{IcmpMatch, PortRange, Protocol};
use super::Id;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A VPC: one or more IPv4 CIDR blocks (/16 to /28), and optionally IPv6 blocks (/44 to /60,
/// /56 when Amazon provides it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    /// Scenario id (an AWS id such as `vpc-0abc...` when imported).
    pub id: Id,
    /// Display name (the AWS `Name` tag).
    #[serde(default)]
    pub name: String,
    /// The VPC's CIDR blocks; the first is the primary block.
    #[schemars(with = "Vec<String>")]
    pub cidrs: Vec<Ipv4Net>,
    /// The VPC's IPv6 blocks (dual stack); none for an IPv4-only VPC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub ipv6_cidrs: Vec<Ipv6Net>,
}

/// A subnet: one CIDR inside its VPC, in one availability zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// Scenario id (`subnet-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC that holds it.
    pub vpc: Id,
    /// Availability zone, e.g. `ap-northeast-2a`.
    #[serde(default)]
    pub az: String,
    /// The subnet's IPv4 block, inside one of the VPC's blocks.
    #[schemars(with = "String")]
    pub cidr: Ipv4Net,
    /// The subnet's IPv6 block (a /64 inside one of the VPC's IPv6 blocks), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub ipv6_cidr: Option<Ipv6Net>,
}

/// Whether AWS reserves `ip` in IPv6 subnet block `net`: its first four addresses and its last.
pub fn ipv6_reserved(ip: std::net::Ipv6Addr, net: Ipv6Net) -> bool {
    let offset = u128::from(ip).wrapping_sub(u128::from(net.network()));
    offset <= 3 || ip == net.broadcast()
}

/// Whether a route can carry traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RouteState {
    /// The target exists and takes traffic.
    #[default]
    Active,
    /// The target is gone (deleted NAT gateway, stopped instance): matching traffic is dropped.
    Blackhole,
}

/// Where a route sends matching traffic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RouteTarget {
    /// Delivered inside the VPC.
    Local,
    /// An internet gateway attached to the VPC.
    InternetGateway(Id),
    /// A NAT gateway.
    NatGateway(Id),
    /// An instance (its primary network interface), e.g. a NAT instance or firewall.
    Instance(Id),
    /// A network interface.
    NetworkInterface(Id),
    /// A VPC peering connection.
    PeeringConnection(Id),
    /// A gateway VPC endpoint (S3, DynamoDB), for a prefix-list destination.
    GatewayEndpoint(Id),
    /// A transit gateway.
    TransitGateway(Id),
    /// A virtual private gateway (VPN and Direct Connect to a site).
    VpnGateway(Id),
    /// A Gateway Load Balancer endpoint: its load balancer's appliances inspect the traffic.
    GwlbEndpoint(Id),
    /// An egress-only internet gateway: IPv6 out to the internet and the replies back, nothing
    /// started from the internet.
    EgressOnlyInternetGateway(Id),
}

/// What a route matches: a CIDR or a managed prefix list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// An IPv4 or IPv6 CIDR, e.g. `0.0.0.0/0` or `::/0`.
    Cidr(#[schemars(with = "String")] IpNet),
    /// A prefix list id (`pl-...`), e.g. for a gateway endpoint.
    PrefixList(Id),
}

/// One route of a route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The destination the route matches.
    pub destination: Destination,
    /// Where matching traffic goes.
    pub target: RouteTarget,
    /// `active` (default) or `blackhole`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub state: RouteState,
}

/// A route table; the `local` routes for the VPC's CIDRs are implicit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    /// Scenario id (`rtb-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Whether this is the VPC's main route table (used by subnets with no association).
    #[serde(default, skip_serializing_if = "is_default")]
    pub main: bool,
    /// Subnets explicitly associated with this table.
    #[serde(default)]
    pub subnets: Vec<Id>,
    /// Gateways (internet or virtual private) associated with this table: a gateway route
    /// table, which routes what enters the VPC through them (ingress routing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateways: Vec<Id>,
    /// Virtual private gateways whose routes propagate into this table (route propagation): each
    /// link of a site that ends at one and is up adds a route to it for every block the link
    /// carries (its static routes, or the site's blocks over BGP). A written route for the same
    /// block takes priority over a propagated one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagating_vgws: Vec<Id>,
    /// Routes other than the implicit `local` ones.
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// Allow or deny, for network ACL rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Let the packet through.
    Allow,
    /// Drop the packet.
    Deny,
}

/// A numbered network ACL rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AclRule {
    /// Rule number 1-32766; lower numbers are evaluated first.
    pub number: u16,
    /// Protocol matched (`all`, `tcp`, `udp`, `icmp` or a number).
    pub protocol: Protocol,
    /// Port range for TCP and UDP; absent means all ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    /// ICMP type/code for ICMP rules; absent means any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp: Option<IcmpMatch>,
    /// Source CIDR for inbound rules, destination CIDR for outbound rules; an IPv4 rule never
    /// matches an IPv6 packet, nor the other way round.
    #[schemars(with = "String")]
    pub cidr: IpNet,
    /// `allow` or `deny`.
    pub action: Action,
}

/// A network ACL: stateless, numbered rules for subnets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    /// Scenario id (`acl-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Whether this is the VPC's default ACL (used by subnets with no association).
    #[serde(default, skip_serializing_if = "is_default")]
    pub default: bool,
    /// Subnets explicitly associated with this ACL.
    #[serde(default)]
    pub subnets: Vec<Id>,
    /// Inbound rules (the `*` deny-all rule is implicit).
    #[serde(default)]
    pub inbound: Vec<AclRule>,
    /// Outbound rules (the `*` deny-all rule is implicit).
    #[serde(default)]
    pub outbound: Vec<AclRule>,
}

/// Who a security group rule admits: a CIDR, a prefix list or the members of a security group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Peer {
    /// An IPv4 or IPv6 CIDR, e.g. `0.0.0.0/0` or `::/0`.
    Cidr(#[schemars(with = "String")] IpNet),
    /// The private addresses of network interfaces in this security group.
    Group(Id),
    /// A managed prefix list.
    PrefixList(Id),
}

/// A security group rule (allow only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SgRule {
    /// Protocol matched.
    pub protocol: Protocol,
    /// Port range for TCP and UDP; absent means all ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    /// ICMP type/code for ICMP rules; absent means any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp: Option<IcmpMatch>,
    /// Source (inbound) or destination (outbound).
    pub peer: Peer,
    /// Free text, as in the AWS console.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A security group: stateful allow rules for network interfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    /// Scenario id (`sg-...` when imported).
    pub id: Id,
    /// Group name (`default` for the VPC's default group).
    #[serde(default)]
    pub name: String,
    /// The VPC it belongs to.
    pub vpc: Id,
    /// Inbound rules.
    #[serde(default)]
    pub inbound: Vec<SgRule>,
    /// Outbound rules.
    #[serde(default)]
    pub outbound: Vec<SgRule>,
}

/// A managed prefix list (e.g. the S3 addresses of a region).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrefixList {
    /// Id, `pl-...`.
    pub id: Id,
    /// Display name, e.g. `com.amazonaws.ap-northeast-2.s3`.
    #[serde(default)]
    pub name: String,
    /// The CIDRs in the list (IPv4 or IPv6).
    #[schemars(with = "Vec<String>")]
    pub cidrs: Vec<IpNet>,
}

pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}
