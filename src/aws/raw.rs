//! The shapes of `aws ec2 describe-*` output, reduced to the fields the importer reads.
//!
//! Fields are named as AWS names them (PascalCase). Unknown fields are ignored; a field that is
//! present with the wrong type or a malformed value is an error. Fields AWS always prints for a
//! record (its id, its VPC) are required; the rest are optional.

use super::values::{AnyCidr, Cidr4, Ip4, RawAction, RawProtocol};
use serde::Deserialize;

/// One describe output file: every section it holds. Each key is one `describe-*` call.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawFile {
    pub vpcs: Option<Vec<RawVpc>>,
    pub subnets: Option<Vec<RawSubnet>>,
    pub route_tables: Option<Vec<RawRouteTable>>,
    pub network_acls: Option<Vec<RawAcl>>,
    pub security_groups: Option<Vec<RawSecurityGroup>>,
    pub reservations: Option<Vec<RawReservation>>,
    pub network_interfaces: Option<Vec<RawEni>>,
    pub internet_gateways: Option<Vec<RawInternetGateway>>,
    pub nat_gateways: Option<Vec<RawNatGateway>>,
    pub vpc_peering_connections: Option<Vec<RawPeering>>,
    pub prefix_lists: Option<Vec<RawPrefixList>>,
    pub vpc_endpoints: Option<Vec<RawEndpoint>>,
}

/// The top-level keys of [`RawFile`], which identify a describe output.
pub(crate) const SECTION_KEYS: [&str; 12] = [
    "Vpcs",
    "Subnets",
    "RouteTables",
    "NetworkAcls",
    "SecurityGroups",
    "Reservations",
    "NetworkInterfaces",
    "InternetGateways",
    "NatGateways",
    "VpcPeeringConnections",
    "PrefixLists",
    "VpcEndpoints",
];

/// A resource tag.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// The value of the `Name` tag, if any.
pub(crate) fn name_tag(tags: &[Tag]) -> Option<&str> {
    tags.iter()
        .find(|t| t.key == "Name" && !t.value.is_empty())
        .map(|t| t.value.as_str())
}

/// A `{"State": "..."}` object.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawState {
    pub state: Option<String>,
}

/// describe-vpcs: `Vpcs[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawVpc {
    pub vpc_id: String,
    pub cidr_block: Cidr4,
    #[serde(default)]
    pub cidr_block_association_set: Vec<RawCidrAssociation>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `Vpcs[].CidrBlockAssociationSet[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawCidrAssociation {
    pub cidr_block: Cidr4,
    pub cidr_block_state: Option<RawState>,
}

/// describe-subnets: `Subnets[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawSubnet {
    pub subnet_id: String,
    pub vpc_id: String,
    /// Absent for IPv6-only subnets.
    pub cidr_block: Option<Cidr4>,
    #[serde(default)]
    pub availability_zone: String,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// describe-route-tables: `RouteTables[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawRouteTable {
    pub route_table_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub associations: Vec<RawRouteTableAssociation>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `RouteTables[].Associations[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawRouteTableAssociation {
    #[serde(default)]
    pub main: bool,
    pub subnet_id: Option<String>,
    pub gateway_id: Option<String>,
    pub association_state: Option<RawState>,
}

/// `RouteTables[].Routes[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawRoute {
    pub destination_cidr_block: Option<Cidr4>,
    pub destination_ipv6_cidr_block: Option<String>,
    pub destination_prefix_list_id: Option<String>,
    pub gateway_id: Option<String>,
    pub nat_gateway_id: Option<String>,
    pub instance_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
    pub transit_gateway_id: Option<String>,
    pub egress_only_internet_gateway_id: Option<String>,
    pub local_gateway_id: Option<String>,
    pub carrier_gateway_id: Option<String>,
    pub core_network_arn: Option<String>,
    pub state: Option<String>,
}

/// describe-network-acls: `NetworkAcls[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawAcl {
    pub network_acl_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub associations: Vec<RawAclAssociation>,
    #[serde(default)]
    pub entries: Vec<RawAclEntry>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `NetworkAcls[].Associations[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawAclAssociation {
    pub subnet_id: Option<String>,
}

/// `NetworkAcls[].Entries[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawAclEntry {
    pub rule_number: u16,
    pub egress: bool,
    pub protocol: RawProtocol,
    pub rule_action: RawAction,
    pub cidr_block: Option<Cidr4>,
    pub ipv6_cidr_block: Option<String>,
    pub port_range: Option<RawPortRange>,
    pub icmp_type_code: Option<RawIcmpTypeCode>,
}

/// `Entries[].PortRange`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPortRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// `Entries[].IcmpTypeCode`; -1 means any.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawIcmpTypeCode {
    #[serde(rename = "Type")]
    pub icmp_type: Option<i64>,
    pub code: Option<i64>,
}

/// describe-security-groups: `SecurityGroups[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawSecurityGroup {
    pub group_id: String,
    pub group_name: Option<String>,
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub ip_permissions: Vec<RawPermission>,
    #[serde(default)]
    pub ip_permissions_egress: Vec<RawPermission>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `SecurityGroups[].IpPermissions[]`: one protocol and port range for several peers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPermission {
    pub ip_protocol: RawProtocol,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    #[serde(default)]
    pub ip_ranges: Vec<RawIpRange>,
    #[serde(default)]
    pub prefix_list_ids: Vec<RawPrefixListId>,
    #[serde(default)]
    pub user_id_group_pairs: Vec<RawGroupPair>,
}

/// `IpPermissions[].IpRanges[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawIpRange {
    pub cidr_ip: Cidr4,
    pub description: Option<String>,
}

/// `IpPermissions[].PrefixListIds[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPrefixListId {
    pub prefix_list_id: String,
    pub description: Option<String>,
}

/// `IpPermissions[].UserIdGroupPairs[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawGroupPair {
    pub group_id: Option<String>,
    pub description: Option<String>,
}

/// describe-instances: `Reservations[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawReservation {
    #[serde(default)]
    pub instances: Vec<RawInstance>,
}

/// `Reservations[].Instances[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawInstance {
    pub instance_id: String,
    pub state: Option<RawInstanceState>,
    pub platform: Option<String>,
    #[serde(default)]
    pub network_interfaces: Vec<RawEni>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `Instances[].State`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawInstanceState {
    pub name: Option<String>,
}

/// A network interface, as describe-network-interfaces prints it (`NetworkInterfaces[]`) and as
/// describe-instances nests it (`Instances[].NetworkInterfaces[]`, which lacks some fields).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawEni {
    pub network_interface_id: String,
    pub subnet_id: String,
    /// Absent for IPv6-only interfaces.
    pub private_ip_address: Option<Ip4>,
    pub association: Option<RawIpAssociation>,
    #[serde(default)]
    pub groups: Vec<RawGroupRef>,
    pub source_dest_check: Option<bool>,
    pub attachment: Option<RawAttachment>,
    pub interface_type: Option<String>,
    pub description: Option<String>,
    pub requester_id: Option<String>,
    #[serde(default, alias = "TagSet")]
    pub tags: Vec<Tag>,
}

/// `NetworkInterfaces[].Association`: the public address of the primary private address.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawIpAssociation {
    pub public_ip: Option<Ip4>,
    pub ip_owner_id: Option<String>,
    pub allocation_id: Option<String>,
}

impl RawIpAssociation {
    /// Whether the public address is an Elastic IP: AWS owns auto-assigned ones (`"amazon"`).
    pub fn is_elastic(&self) -> bool {
        self.allocation_id.is_some() || self.ip_owner_id.as_deref().is_some_and(|o| o != "amazon")
    }
}

/// `NetworkInterfaces[].Groups[]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawGroupRef {
    pub group_id: String,
}

/// `NetworkInterfaces[].Attachment`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawAttachment {
    pub instance_id: Option<String>,
    pub device_index: Option<u32>,
    pub network_card_index: Option<u32>,
}

/// describe-internet-gateways: `InternetGateways[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawInternetGateway {
    pub internet_gateway_id: String,
    #[serde(default)]
    pub attachments: Vec<RawIgwAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `InternetGateways[].Attachments[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawIgwAttachment {
    pub vpc_id: String,
    pub state: Option<String>,
}

/// describe-nat-gateways: `NatGateways[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawNatGateway {
    pub nat_gateway_id: String,
    pub subnet_id: String,
    pub state: Option<String>,
    pub connectivity_type: Option<String>,
    #[serde(default)]
    pub nat_gateway_addresses: Vec<RawNatAddress>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `NatGateways[].NatGatewayAddresses[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawNatAddress {
    pub network_interface_id: Option<String>,
    pub private_ip: Option<Ip4>,
    pub public_ip: Option<Ip4>,
    pub is_primary: Option<bool>,
}

/// describe-vpc-peering-connections: `VpcPeeringConnections[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPeering {
    pub vpc_peering_connection_id: String,
    pub requester_vpc_info: RawPeeringVpc,
    pub accepter_vpc_info: RawPeeringVpc,
    pub status: Option<RawPeeringStatus>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `VpcPeeringConnections[].RequesterVpcInfo` / `AccepterVpcInfo`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPeeringVpc {
    pub vpc_id: String,
}

/// `VpcPeeringConnections[].Status`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPeeringStatus {
    pub code: Option<String>,
}

/// describe-prefix-lists (with `Cidrs`) or describe-managed-prefix-lists (without): `PrefixLists[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawPrefixList {
    pub prefix_list_id: String,
    pub prefix_list_name: Option<String>,
    pub cidrs: Option<Vec<AnyCidr>>,
    pub address_family: Option<String>,
}

/// describe-vpc-endpoints: `VpcEndpoints[]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RawEndpoint {
    pub vpc_endpoint_id: String,
    pub vpc_endpoint_type: Option<String>,
    pub vpc_id: String,
    pub service_name: Option<String>,
    pub state: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}
