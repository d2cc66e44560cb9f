//! The playground's scenario: every part of one or more VPCs and the internet around them.
//!
//! This is the one model of the network. The scenario file format is this type serialized with
//! serde (JSON, `"version": 1`); the editor adds only positions (`layout`).

pub mod names;
pub mod network;
pub mod nodes;
pub mod proto;
pub mod site;
pub mod transit;

pub use names::*;
pub use network::*;
pub use nodes::*;
pub use proto::*;
pub use site::*;
pub use transit::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An identifier of a scenario part: an AWS id (`sg-0abc...`) or any unique text (`web-sg`).
pub type Id = String;

/// The scenario format version this release writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario: the network, and where its parts sit on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; this release reads and writes 1.
    pub version: u32,
    /// Title shown in the app.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// VPCs.
    #[serde(default)]
    pub vpcs: Vec<Vpc>,
    /// Subnets.
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    /// Route tables.
    #[serde(default)]
    pub route_tables: Vec<RouteTable>,
    /// Network ACLs.
    #[serde(default)]
    pub network_acls: Vec<NetworkAcl>,
    /// Security groups.
    #[serde(default)]
    pub security_groups: Vec<SecurityGroup>,
    /// Managed prefix lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefix_lists: Vec<PrefixList>,
    /// EC2 instances.
    #[serde(default)]
    pub instances: Vec<Instance>,
    /// RDS and ElastiCache endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub databases: Vec<Database>,
    /// Application load balancers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<LoadBalancer>,
    /// Internet gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_gateways: Vec<InternetGateway>,
    /// NAT gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nat_gateways: Vec<NatGateway>,
    /// Egress-only internet gateways (IPv6 out, replies back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress_only_internet_gateways: Vec<EgressOnlyInternetGateway>,
    /// VPC peering connections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peerings: Vec<Peering>,
    /// Gateway VPC endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_endpoints: Vec<GatewayEndpoint>,
    /// Gateway Load Balancer endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gwlb_endpoints: Vec<GwlbEndpoint>,
    /// Transit gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateways: Vec<TransitGateway>,
    /// Hosts on the internet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_hosts: Vec<InternetHost>,
    /// Virtual private gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_gateways: Vec<VpnGateway>,
    /// Networks outside AWS, with their VPN and Direct Connect links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_prem_networks: Vec<OnPremNetwork>,
    /// Canvas positions by part id (the editor's; the engine ignores them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layout: BTreeMap<Id, Rect>,
}

/// A part's place on the canvas, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (containers); 0 for fixed-size parts.
    #[serde(default)]
    pub w: f64,
    /// Height (containers); 0 for fixed-size parts.
    #[serde(default)]
    pub h: f64,
}

impl Default for Scenario {
    /// An empty scenario of the current format version.
    fn default() -> Self {
        Scenario {
            version: FORMAT_VERSION,
            name: String::new(),
            description: String::new(),
            vpcs: Vec::new(),
            subnets: Vec::new(),
            route_tables: Vec::new(),
            network_acls: Vec::new(),
            security_groups: Vec::new(),
            prefix_lists: Vec::new(),
            instances: Vec::new(),
            databases: Vec::new(),
            load_balancers: Vec::new(),
            internet_gateways: Vec::new(),
            nat_gateways: Vec::new(),
            egress_only_internet_gateways: Vec::new(),
            peerings: Vec::new(),
            gateway_endpoints: Vec::new(),
            gwlb_endpoints: Vec::new(),
            transit_gateways: Vec::new(),
            internet_hosts: Vec::new(),
            vpn_gateways: Vec::new(),
            on_prem_networks: Vec::new(),
            layout: BTreeMap::new(),
        }
    }
}

impl Scenario {
    /// An empty scenario of the current format version.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `other` is the same scenario but for where its parts stand on the canvas.
    pub fn same_but_layout(&self, other: &Scenario) -> bool {
        let placed = Scenario {
            layout: other.layout.clone(),
            ..self.clone()
        };
        placed == *other
    }
}
