//! The shapes of `aws ec2 describe-*` output, reduced to the fields the importer reads.
//!
//! Each record has a `read` function that takes its fields by their AWS names (PascalCase) from
//! an [`Obj`]. Unknown fields are ignored; a field that is present with the wrong type or a
//! malformed value is an error. Fields AWS always prints for a record (its id, its VPC) are
//! required; the rest are optional, and absent lists are empty.

use super::json::{boolean, int, int_u16, int_u32, string, Obj, Read};
use super::values::{AnyCidr, Cidr4, Ip4, RawAction, RawProtocol};

/// One describe output file: every section it holds. Each key is one `describe-*` call.
#[derive(Debug)]
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

impl RawFile {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawFile {
            vpcs: o.opt_list("Vpcs", RawVpc::read)?,
            subnets: o.opt_list("Subnets", RawSubnet::read)?,
            route_tables: o.opt_list("RouteTables", RawRouteTable::read)?,
            network_acls: o.opt_list("NetworkAcls", RawAcl::read)?,
            security_groups: o.opt_list("SecurityGroups", RawSecurityGroup::read)?,
            reservations: o.opt_list("Reservations", RawReservation::read)?,
            network_interfaces: o.opt_list("NetworkInterfaces", RawEni::read)?,
            internet_gateways: o.opt_list("InternetGateways", RawInternetGateway::read)?,
            nat_gateways: o.opt_list("NatGateways", RawNatGateway::read)?,
            vpc_peering_connections: o.opt_list("VpcPeeringConnections", RawPeering::read)?,
            prefix_lists: o.opt_list("PrefixLists", RawPrefixList::read)?,
            vpc_endpoints: o.opt_list("VpcEndpoints", RawEndpoint::read)?,
        })
    }
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
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub key: String,
    pub value: String,
}

impl Tag {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(Tag {
            key: o.str("Key")?,
            value: o.or_default("Value", string)?,
        })
    }
}

/// The value of the `Name` tag, if any.
pub(crate) fn name_tag(tags: &[Tag]) -> Option<&str> {
    tags.iter()
        .find(|t| t.key == "Name" && !t.value.is_empty())
        .map(|t| t.value.as_str())
}

/// A `{"State": "..."}` object.
#[derive(Debug, Clone)]
pub(crate) struct RawState {
    pub state: Option<String>,
}

impl RawState {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawState {
            state: o.opt_str("State")?,
        })
    }
}

/// describe-vpcs: `Vpcs[]`.
#[derive(Debug)]
pub(crate) struct RawVpc {
    pub vpc_id: String,
    pub cidr_block: Cidr4,
    pub cidr_block_association_set: Vec<RawCidrAssociation>,
    pub tags: Vec<Tag>,
}

impl RawVpc {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawVpc {
            vpc_id: o.str("VpcId")?,
            cidr_block: o.req("CidrBlock", Cidr4::from_json)?,
            cidr_block_association_set: o
                .list("CidrBlockAssociationSet", RawCidrAssociation::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `Vpcs[].CidrBlockAssociationSet[]`.
#[derive(Debug)]
pub(crate) struct RawCidrAssociation {
    pub cidr_block: Cidr4,
    pub cidr_block_state: Option<RawState>,
}

impl RawCidrAssociation {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawCidrAssociation {
            cidr_block: o.req("CidrBlock", Cidr4::from_json)?,
            cidr_block_state: o.opt_obj("CidrBlockState", RawState::read)?,
        })
    }
}

/// describe-subnets: `Subnets[]`.
#[derive(Debug)]
pub(crate) struct RawSubnet {
    pub subnet_id: String,
    pub vpc_id: String,
    /// Absent for IPv6-only subnets.
    pub cidr_block: Option<Cidr4>,
    pub availability_zone: String,
    pub tags: Vec<Tag>,
}

impl RawSubnet {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawSubnet {
            subnet_id: o.str("SubnetId")?,
            vpc_id: o.str("VpcId")?,
            cidr_block: o.opt("CidrBlock", Cidr4::from_json)?,
            availability_zone: o.or_default("AvailabilityZone", string)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// describe-route-tables: `RouteTables[]`.
#[derive(Debug)]
pub(crate) struct RawRouteTable {
    pub route_table_id: String,
    pub vpc_id: String,
    pub associations: Vec<RawRouteTableAssociation>,
    pub routes: Vec<RawRoute>,
    pub tags: Vec<Tag>,
}

impl RawRouteTable {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawRouteTable {
            route_table_id: o.str("RouteTableId")?,
            vpc_id: o.str("VpcId")?,
            associations: o.list("Associations", RawRouteTableAssociation::read)?,
            routes: o.list("Routes", RawRoute::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `RouteTables[].Associations[]`.
#[derive(Debug)]
pub(crate) struct RawRouteTableAssociation {
    pub main: bool,
    pub subnet_id: Option<String>,
    pub gateway_id: Option<String>,
    pub association_state: Option<RawState>,
}

impl RawRouteTableAssociation {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawRouteTableAssociation {
            main: o.or_default("Main", boolean)?,
            subnet_id: o.opt_str("SubnetId")?,
            gateway_id: o.opt_str("GatewayId")?,
            association_state: o.opt_obj("AssociationState", RawState::read)?,
        })
    }
}

/// `RouteTables[].Routes[]`.
#[derive(Debug)]
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

impl RawRoute {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawRoute {
            destination_cidr_block: o.opt("DestinationCidrBlock", Cidr4::from_json)?,
            destination_ipv6_cidr_block: o.opt_str("DestinationIpv6CidrBlock")?,
            destination_prefix_list_id: o.opt_str("DestinationPrefixListId")?,
            gateway_id: o.opt_str("GatewayId")?,
            nat_gateway_id: o.opt_str("NatGatewayId")?,
            instance_id: o.opt_str("InstanceId")?,
            network_interface_id: o.opt_str("NetworkInterfaceId")?,
            vpc_peering_connection_id: o.opt_str("VpcPeeringConnectionId")?,
            transit_gateway_id: o.opt_str("TransitGatewayId")?,
            egress_only_internet_gateway_id: o.opt_str("EgressOnlyInternetGatewayId")?,
            local_gateway_id: o.opt_str("LocalGatewayId")?,
            carrier_gateway_id: o.opt_str("CarrierGatewayId")?,
            core_network_arn: o.opt_str("CoreNetworkArn")?,
            state: o.opt_str("State")?,
        })
    }
}

/// describe-network-acls: `NetworkAcls[]`.
#[derive(Debug)]
pub(crate) struct RawAcl {
    pub network_acl_id: String,
    pub vpc_id: String,
    pub is_default: bool,
    pub associations: Vec<RawAclAssociation>,
    pub entries: Vec<RawAclEntry>,
    pub tags: Vec<Tag>,
}

impl RawAcl {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawAcl {
            network_acl_id: o.str("NetworkAclId")?,
            vpc_id: o.str("VpcId")?,
            is_default: o.or_default("IsDefault", boolean)?,
            associations: o.list("Associations", RawAclAssociation::read)?,
            entries: o.list("Entries", RawAclEntry::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `NetworkAcls[].Associations[]`.
#[derive(Debug)]
pub(crate) struct RawAclAssociation {
    pub subnet_id: Option<String>,
}

impl RawAclAssociation {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawAclAssociation {
            subnet_id: o.opt_str("SubnetId")?,
        })
    }
}

/// `NetworkAcls[].Entries[]`.
#[derive(Debug)]
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

impl RawAclEntry {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawAclEntry {
            rule_number: o.req("RuleNumber", int_u16)?,
            egress: o.req("Egress", boolean)?,
            protocol: o.req("Protocol", RawProtocol::from_json)?,
            rule_action: o.req("RuleAction", RawAction::from_json)?,
            cidr_block: o.opt("CidrBlock", Cidr4::from_json)?,
            ipv6_cidr_block: o.opt_str("Ipv6CidrBlock")?,
            port_range: o.opt_obj("PortRange", RawPortRange::read)?,
            icmp_type_code: o.opt_obj("IcmpTypeCode", RawIcmpTypeCode::read)?,
        })
    }
}

/// `Entries[].PortRange`.
#[derive(Debug)]
pub(crate) struct RawPortRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl RawPortRange {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPortRange {
            from: o.opt("From", int)?,
            to: o.opt("To", int)?,
        })
    }
}

/// `Entries[].IcmpTypeCode`; -1 means any.
#[derive(Debug)]
pub(crate) struct RawIcmpTypeCode {
    pub icmp_type: Option<i64>,
    pub code: Option<i64>,
}

impl RawIcmpTypeCode {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawIcmpTypeCode {
            icmp_type: o.opt("Type", int)?,
            code: o.opt("Code", int)?,
        })
    }
}

/// describe-security-groups: `SecurityGroups[]`.
#[derive(Debug)]
pub(crate) struct RawSecurityGroup {
    pub group_id: String,
    pub group_name: Option<String>,
    pub vpc_id: Option<String>,
    pub ip_permissions: Vec<RawPermission>,
    pub ip_permissions_egress: Vec<RawPermission>,
    pub tags: Vec<Tag>,
}

impl RawSecurityGroup {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawSecurityGroup {
            group_id: o.str("GroupId")?,
            group_name: o.opt_str("GroupName")?,
            vpc_id: o.opt_str("VpcId")?,
            ip_permissions: o.list("IpPermissions", RawPermission::read)?,
            ip_permissions_egress: o.list("IpPermissionsEgress", RawPermission::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `SecurityGroups[].IpPermissions[]`: one protocol and port range for several peers.
#[derive(Debug)]
pub(crate) struct RawPermission {
    pub ip_protocol: RawProtocol,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub ip_ranges: Vec<RawIpRange>,
    pub prefix_list_ids: Vec<RawPrefixListId>,
    pub user_id_group_pairs: Vec<RawGroupPair>,
}

impl RawPermission {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPermission {
            ip_protocol: o.req("IpProtocol", RawProtocol::from_json)?,
            from_port: o.opt("FromPort", int)?,
            to_port: o.opt("ToPort", int)?,
            ip_ranges: o.list("IpRanges", RawIpRange::read)?,
            prefix_list_ids: o.list("PrefixListIds", RawPrefixListId::read)?,
            user_id_group_pairs: o.list("UserIdGroupPairs", RawGroupPair::read)?,
        })
    }
}

/// `IpPermissions[].IpRanges[]`.
#[derive(Debug)]
pub(crate) struct RawIpRange {
    pub cidr_ip: Cidr4,
    pub description: Option<String>,
}

impl RawIpRange {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawIpRange {
            cidr_ip: o.req("CidrIp", Cidr4::from_json)?,
            description: o.opt_str("Description")?,
        })
    }
}

/// `IpPermissions[].PrefixListIds[]`.
#[derive(Debug)]
pub(crate) struct RawPrefixListId {
    pub prefix_list_id: String,
    pub description: Option<String>,
}

impl RawPrefixListId {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPrefixListId {
            prefix_list_id: o.str("PrefixListId")?,
            description: o.opt_str("Description")?,
        })
    }
}

/// `IpPermissions[].UserIdGroupPairs[]`.
#[derive(Debug)]
pub(crate) struct RawGroupPair {
    pub group_id: Option<String>,
    pub description: Option<String>,
}

impl RawGroupPair {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawGroupPair {
            group_id: o.opt_str("GroupId")?,
            description: o.opt_str("Description")?,
        })
    }
}

/// describe-instances: `Reservations[]`.
#[derive(Debug)]
pub(crate) struct RawReservation {
    pub instances: Vec<RawInstance>,
}

impl RawReservation {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawReservation {
            instances: o.list("Instances", RawInstance::read)?,
        })
    }
}

/// `Reservations[].Instances[]`.
#[derive(Debug)]
pub(crate) struct RawInstance {
    pub instance_id: String,
    pub state: Option<RawInstanceState>,
    pub platform: Option<String>,
    pub network_interfaces: Vec<RawEni>,
    pub tags: Vec<Tag>,
}

impl RawInstance {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawInstance {
            instance_id: o.str("InstanceId")?,
            state: o.opt_obj("State", RawInstanceState::read)?,
            platform: o.opt_str("Platform")?,
            network_interfaces: o.list("NetworkInterfaces", RawEni::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `Instances[].State`.
#[derive(Debug)]
pub(crate) struct RawInstanceState {
    pub name: Option<String>,
}

impl RawInstanceState {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawInstanceState {
            name: o.opt_str("Name")?,
        })
    }
}

/// A network interface, as describe-network-interfaces prints it (`NetworkInterfaces[]`) and as
/// describe-instances nests it (`Instances[].NetworkInterfaces[]`, which lacks some fields).
#[derive(Debug, Clone)]
pub(crate) struct RawEni {
    pub network_interface_id: String,
    pub subnet_id: String,
    /// Absent for IPv6-only interfaces.
    pub private_ip_address: Option<Ip4>,
    pub association: Option<RawIpAssociation>,
    pub groups: Vec<RawGroupRef>,
    pub source_dest_check: Option<bool>,
    pub attachment: Option<RawAttachment>,
    pub interface_type: Option<String>,
    pub description: Option<String>,
    pub requester_id: Option<String>,
    pub tags: Vec<Tag>,
}

impl RawEni {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawEni {
            network_interface_id: o.str("NetworkInterfaceId")?,
            subnet_id: o.str("SubnetId")?,
            private_ip_address: o.opt("PrivateIpAddress", Ip4::from_json)?,
            association: o.opt_obj("Association", RawIpAssociation::read)?,
            groups: o.list("Groups", RawGroupRef::read)?,
            source_dest_check: o.opt_bool("SourceDestCheck")?,
            attachment: o.opt_obj("Attachment", RawAttachment::read)?,
            interface_type: o.opt_str("InterfaceType")?,
            description: o.opt_str("Description")?,
            requester_id: o.opt_str("RequesterId")?,
            // describe-network-interfaces calls the tags `TagSet`.
            tags: o.list(if o.has("Tags") { "Tags" } else { "TagSet" }, Tag::read)?,
        })
    }
}

/// `NetworkInterfaces[].Association`: the public address of the primary private address.
#[derive(Debug, Clone)]
pub(crate) struct RawIpAssociation {
    pub public_ip: Option<Ip4>,
    pub ip_owner_id: Option<String>,
    pub allocation_id: Option<String>,
}

impl RawIpAssociation {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawIpAssociation {
            public_ip: o.opt("PublicIp", Ip4::from_json)?,
            ip_owner_id: o.opt_str("IpOwnerId")?,
            allocation_id: o.opt_str("AllocationId")?,
        })
    }

    /// Whether the public address is an Elastic IP: AWS owns auto-assigned ones (`"amazon"`).
    pub fn is_elastic(&self) -> bool {
        self.allocation_id.is_some() || self.ip_owner_id.as_deref().is_some_and(|o| o != "amazon")
    }
}

/// `NetworkInterfaces[].Groups[]`.
#[derive(Debug, Clone)]
pub(crate) struct RawGroupRef {
    pub group_id: String,
}

impl RawGroupRef {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawGroupRef {
            group_id: o.str("GroupId")?,
        })
    }
}

/// `NetworkInterfaces[].Attachment`.
#[derive(Debug, Clone)]
pub(crate) struct RawAttachment {
    pub instance_id: Option<String>,
    pub device_index: Option<u32>,
    pub network_card_index: Option<u32>,
}

impl RawAttachment {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawAttachment {
            instance_id: o.opt_str("InstanceId")?,
            device_index: o.opt("DeviceIndex", int_u32)?,
            network_card_index: o.opt("NetworkCardIndex", int_u32)?,
        })
    }
}

/// describe-internet-gateways: `InternetGateways[]`.
#[derive(Debug)]
pub(crate) struct RawInternetGateway {
    pub internet_gateway_id: String,
    pub attachments: Vec<RawIgwAttachment>,
    pub tags: Vec<Tag>,
}

impl RawInternetGateway {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawInternetGateway {
            internet_gateway_id: o.str("InternetGatewayId")?,
            attachments: o.list("Attachments", RawIgwAttachment::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `InternetGateways[].Attachments[]`.
#[derive(Debug)]
pub(crate) struct RawIgwAttachment {
    pub vpc_id: String,
    pub state: Option<String>,
}

impl RawIgwAttachment {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawIgwAttachment {
            vpc_id: o.str("VpcId")?,
            state: o.opt_str("State")?,
        })
    }
}

/// describe-nat-gateways: `NatGateways[]`.
#[derive(Debug)]
pub(crate) struct RawNatGateway {
    pub nat_gateway_id: String,
    pub subnet_id: String,
    pub state: Option<String>,
    pub connectivity_type: Option<String>,
    pub nat_gateway_addresses: Vec<RawNatAddress>,
    pub tags: Vec<Tag>,
}

impl RawNatGateway {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawNatGateway {
            nat_gateway_id: o.str("NatGatewayId")?,
            subnet_id: o.str("SubnetId")?,
            state: o.opt_str("State")?,
            connectivity_type: o.opt_str("ConnectivityType")?,
            nat_gateway_addresses: o.list("NatGatewayAddresses", RawNatAddress::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `NatGateways[].NatGatewayAddresses[]`.
#[derive(Debug)]
pub(crate) struct RawNatAddress {
    pub network_interface_id: Option<String>,
    pub private_ip: Option<Ip4>,
    pub public_ip: Option<Ip4>,
    pub is_primary: Option<bool>,
}

impl RawNatAddress {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawNatAddress {
            network_interface_id: o.opt_str("NetworkInterfaceId")?,
            private_ip: o.opt("PrivateIp", Ip4::from_json)?,
            public_ip: o.opt("PublicIp", Ip4::from_json)?,
            is_primary: o.opt_bool("IsPrimary")?,
        })
    }
}

/// describe-vpc-peering-connections: `VpcPeeringConnections[]`.
#[derive(Debug)]
pub(crate) struct RawPeering {
    pub vpc_peering_connection_id: String,
    pub requester_vpc_info: RawPeeringVpc,
    pub accepter_vpc_info: RawPeeringVpc,
    pub status: Option<RawPeeringStatus>,
    pub tags: Vec<Tag>,
}

impl RawPeering {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPeering {
            vpc_peering_connection_id: o.str("VpcPeeringConnectionId")?,
            requester_vpc_info: o.obj("RequesterVpcInfo", RawPeeringVpc::read)?,
            accepter_vpc_info: o.obj("AccepterVpcInfo", RawPeeringVpc::read)?,
            status: o.opt_obj("Status", RawPeeringStatus::read)?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}

/// `VpcPeeringConnections[].RequesterVpcInfo` / `AccepterVpcInfo`.
#[derive(Debug)]
pub(crate) struct RawPeeringVpc {
    pub vpc_id: String,
}

impl RawPeeringVpc {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPeeringVpc {
            vpc_id: o.str("VpcId")?,
        })
    }
}

/// `VpcPeeringConnections[].Status`.
#[derive(Debug)]
pub(crate) struct RawPeeringStatus {
    pub code: Option<String>,
}

impl RawPeeringStatus {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPeeringStatus {
            code: o.opt_str("Code")?,
        })
    }
}

/// describe-prefix-lists (with `Cidrs`) or describe-managed-prefix-lists (without): `PrefixLists[]`.
#[derive(Debug)]
pub(crate) struct RawPrefixList {
    pub prefix_list_id: String,
    pub prefix_list_name: Option<String>,
    pub cidrs: Option<Vec<AnyCidr>>,
    pub address_family: Option<String>,
}

impl RawPrefixList {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawPrefixList {
            prefix_list_id: o.str("PrefixListId")?,
            prefix_list_name: o.opt_str("PrefixListName")?,
            cidrs: o.opt_values("Cidrs", AnyCidr::from_json)?,
            address_family: o.opt_str("AddressFamily")?,
        })
    }
}

/// describe-vpc-endpoints: `VpcEndpoints[]`.
#[derive(Debug)]
pub(crate) struct RawEndpoint {
    pub vpc_endpoint_id: String,
    pub vpc_endpoint_type: Option<String>,
    pub vpc_id: String,
    pub service_name: Option<String>,
    pub state: Option<String>,
    pub tags: Vec<Tag>,
}

impl RawEndpoint {
    /// Reads the record from `o`.
    pub fn read(o: &Obj) -> Read<Self> {
        Ok(RawEndpoint {
            vpc_endpoint_id: o.str("VpcEndpointId")?,
            vpc_endpoint_type: o.opt_str("VpcEndpointType")?,
            vpc_id: o.str("VpcId")?,
            service_name: o.opt_str("ServiceName")?,
            state: o.opt_str("State")?,
            tags: o.list("Tags", Tag::read)?,
        })
    }
}
