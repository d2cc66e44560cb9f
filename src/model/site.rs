//! Networks outside AWS and their links to it: a virtual private gateway is a VPC's end of
//! site-to-site VPN connections and private Direct Connect virtual interfaces; an on-premises
//! network (a data centre, an office) holds address blocks and reaches AWS over its links, each
//! ending at a virtual private gateway or a transit gateway.

use super::Id;
use ipnet::Ipv4Net;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A virtual private gateway, attached to one VPC (route tables send to it by id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VpnGateway {
    /// Scenario id (`vgw-...`).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC it is attached to; none, and it carries nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<Id>,
}

/// A network outside AWS: its hosts have addresses in `cidrs`, and it reaches AWS over `links`,
/// trying them in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OnPremNetwork {
    /// Scenario id.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Its address blocks: its hosts' addresses, and what it announces over BGP.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub cidrs: Vec<Ipv4Net>,
    /// Its VPN connections and Direct Connect virtual interfaces, in the order it prefers them.
    #[serde(default)]
    pub links: Vec<SiteLink>,
}

/// What kind of link joins a site to AWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A site-to-site VPN connection (two IPsec tunnels over the internet).
    #[default]
    Vpn,
    /// A Direct Connect virtual interface (a private line).
    DirectConnect,
}

/// Where a link ends on the AWS side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkEnd {
    /// A virtual private gateway, into its VPC.
    VpnGateway(Id),
    /// A transit gateway, through an attachment of its own.
    TransitGateway(Id),
}

/// A VPN connection or Direct Connect virtual interface between a site and AWS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteLink {
    /// Scenario id (`vpn-...`, `dxvif-...`).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// VPN (default) or Direct Connect.
    #[serde(default, skip_serializing_if = "super::network::is_default")]
    pub kind: LinkKind,
    /// Its AWS end.
    pub to: LinkEnd,
    /// The blocks AWS sends over it, for a VPN with static routing; empty, and AWS learns the
    /// site's `cidrs` over BGP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub static_routes: Vec<Ipv4Net>,
    /// Whether it carries traffic (a VPN with a tunnel up); default true.
    #[serde(
        default = "super::nodes::yes",
        skip_serializing_if = "super::nodes::is_true"
    )]
    pub up: bool,
    /// On a transit gateway: its attachment id (`tgw-attach-...`), which routes name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Id>,
    /// On a transit gateway: the route table its attachment is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<Id>,
    /// On a transit gateway: the route tables it propagates its blocks to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagates_to: Vec<Id>,
}

impl SiteLink {
    /// Whether transit gateway route `attachment` names this link (by attachment id or its own).
    pub fn is_named(&self, attachment: &str) -> bool {
        self.id == attachment || self.attachment.as_deref() == Some(attachment)
    }
}

impl OnPremNetwork {
    /// The blocks AWS sends over `link` of this network: its static routes, or the network's
    /// own blocks (learnt over BGP).
    pub fn blocks_over<'a>(&'a self, link: &'a SiteLink) -> &'a [Ipv4Net] {
        if link.static_routes.is_empty() {
            &self.cidrs
        } else {
            &link.static_routes
        }
    }

    /// The address a flow from or to the network itself uses: the tenth address of its first
    /// block (the first one in a block of 16 or fewer), if it has a block.
    pub fn host_address(&self) -> Option<std::net::Ipv4Addr> {
        let b = self.cidrs.first()?;
        let step = match b.prefix_len() {
            32 => 0,
            28.. => 1,
            _ => 10,
        };
        Some(std::net::Ipv4Addr::from(u32::from(b.network()) + step))
    }

    /// Whether `ip` is one of its hosts' addresses.
    pub fn holds(&self, ip: std::net::Ipv4Addr) -> bool {
        self.cidrs.iter().any(|c| c.contains(&ip))
    }
}
