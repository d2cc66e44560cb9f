//! Transit gateways: a regional router that VPCs attach to. Each attachment is associated with
//! one of the gateway's route tables, which decides where what comes in through it goes, and
//! propagates its VPC's blocks into the tables it names.

use super::Id;
use ipnet::IpNet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A transit gateway, with its attachments and route tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGateway {
    /// Scenario id (`tgw-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPCs attached to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<TgwAttachment>,
    /// Its route tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<TgwRouteTable>,
    /// Its peering attachments to other transit gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peerings: Vec<TgwPeering>,
}

/// A peering attachment: the link to another transit gateway (often in another Region or
/// account). Both gateways list it, by the same id; each side is associated with a route table
/// of its own gateway, which decides where what comes in over the peering goes. Nothing is
/// propagated over a peering: static routes send to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TgwPeering {
    /// Scenario id (`tgw-attach-...`), the same on both gateways.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The transit gateway at the other end.
    pub peer: Id,
    /// The route table of this gateway the peering is associated with; none, and what comes in
    /// over it is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<Id>,
}

/// A VPC attachment: the gateway has an interface in one subnet of each Availability Zone
/// listed, and only subnets in those zones can send to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TgwAttachment {
    /// Scenario id (`tgw-attach-...`).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The attached VPC.
    pub vpc: Id,
    /// The subnets the gateway's interfaces are in, at most one per Availability Zone.
    pub subnets: Vec<Id>,
    /// The route table it is associated with; none, and what comes in through it is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<Id>,
    /// The route tables its VPC's blocks are propagated to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagates_to: Vec<Id>,
}

/// A transit gateway route table: static routes, and the blocks attachments propagate to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TgwRouteTable {
    /// Scenario id (`tgw-rtb-...`).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Static routes (a static route wins over a propagated one for the same block).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TgwRoute>,
}

/// A static route of a transit gateway route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TgwRoute {
    /// The block it matches.
    #[schemars(with = "String")]
    pub destination: IpNet,
    /// The attachment (a VPC attachment or a peering) it sends to; none for a blackhole route,
    /// which drops what it matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Id>,
}
