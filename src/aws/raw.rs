//! The shapes of `aws ec2 describe-*` output, reduced to the fields the importer reads.
//!
//! [`super::read`] reads each record by its AWS field names (PascalCase). Unknown fields are
//! ignored; a field that is present with the wrong type or a malformed value is an error. Fields
//! AWS always prints for a record (its id, its VPC) are required; the rest are optional, and
//! absent lists are empty.

use super::values::{AnyCidr, Cidr4, Cidr6, Ip4, Ip6, RawAction, RawProtocol};

/// Declares record types: each derives `Debug` and, in the tests, serde's `Deserialize` with
/// the AWS names (its fields' names in PascalCase) and `PartialEq`, the oracle the reader is
/// compared with. A field written `= default` may be absent (its type's default is used); an
/// `Option` may be absent or `null`; any other field is required.
macro_rules! records {
    ($(
        $(#[$attr:meta])*
        struct $name:ident {
            $($(#[$field_attr:meta])* $field:ident: $ty:ty $(= $default:ident)?,)*
        }
    )*) => {$(
        $(#[$attr])*
        #[derive(Debug)]
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            derive(serde::Deserialize, PartialEq),
            serde(rename_all = "PascalCase")
        )]
        pub(crate) struct $name {
            $(
                $(#[$field_attr])*
                $(#[cfg_attr(all(test, not(target_arch = "wasm32")), serde($default))])?
                pub $field: $ty,
            )*
        }
    )*};
}

records! {
    /// One describe output file: every section it holds. Each key is one `describe-*` call.
    struct RawFile {
        vpcs: Option<Vec<RawVpc>>,
        subnets: Option<Vec<RawSubnet>>,
        route_tables: Option<Vec<RawRouteTable>>,
        network_acls: Option<Vec<RawAcl>>,
        security_groups: Option<Vec<RawSecurityGroup>>,
        reservations: Option<Vec<RawReservation>>,
        network_interfaces: Option<Vec<RawEni>>,
        internet_gateways: Option<Vec<RawInternetGateway>>,
        egress_only_internet_gateways: Option<Vec<RawEgressOnlyGateway>>,
        nat_gateways: Option<Vec<RawNatGateway>>,
        vpc_peering_connections: Option<Vec<RawPeering>>,
        prefix_lists: Option<Vec<RawPrefixList>>,
        vpc_endpoints: Option<Vec<RawEndpoint>>,
        transit_gateways: Option<Vec<RawTransitGateway>>,
        transit_gateway_vpc_attachments: Option<Vec<RawTgwVpcAttachment>>,
        transit_gateway_attachments: Option<Vec<RawTgwAttachment>>,
        transit_gateway_route_tables: Option<Vec<RawTgwRouteTable>>,
        transit_gateway_propagations: Option<Vec<RawTgwPropagations>>,
        transit_gateway_static_routes: Option<Vec<RawTgwRoutes>>,
        load_balancers: Option<Vec<RawLoadBalancer>>,
        listeners: Option<Vec<RawListener>>,
        load_balancer_listeners: Option<Vec<RawLbListeners>>,
        target_groups: Option<Vec<RawTargetGroup>>,
        load_balancer_target_health: Option<Vec<RawTargetHealthGroup>>,
        vpn_gateways: Option<Vec<RawVpnGateway>>,
        vpn_connections: Option<Vec<RawVpnConnection>>,
        virtual_interfaces: Option<Vec<RawVirtualInterface>>,
        direct_connect_gateway_associations: Option<Vec<RawDxAssociation>>,
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "DBInstances"))]
        db_instances: Option<Vec<RawDbInstance>>,
        cache_clusters: Option<Vec<RawCacheCluster>>,
    }

    /// rds describe-db-instances: `DBInstances[]`. It prints no address: the instance's
    /// network interface is found in describe-network-interfaces.
    struct RawDbInstance {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "DBInstanceIdentifier"))]
        db_instance_identifier: String,
        engine: Option<String>,
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "DBInstanceStatus"))]
        db_instance_status: Option<String>,
        endpoint: Option<RawServiceEndpoint>,
        db_instance_port: Option<u16>,
        availability_zone: Option<String>,
        vpc_security_groups: Vec<RawVpcSecurityGroup> = default,
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "DBSubnetGroup"))]
        db_subnet_group: Option<RawDbSubnetGroup>,
    }

    /// `DBInstances[].Endpoint`, `CacheClusters[].ConfigurationEndpoint` and
    /// `CacheClusters[].CacheNodes[].Endpoint`.
    struct RawServiceEndpoint {
        port: Option<u16>,
    }

    /// `DBInstances[].VpcSecurityGroups[]`.
    struct RawVpcSecurityGroup {
        vpc_security_group_id: String,
    }

    /// `DBInstances[].DBSubnetGroup`.
    struct RawDbSubnetGroup {
        subnets: Vec<RawDbSubnet> = default,
    }

    /// `DBInstances[].DBSubnetGroup.Subnets[]`.
    struct RawDbSubnet {
        subnet_identifier: String,
    }

    /// elasticache describe-cache-clusters (`--show-cache-node-info` adds `CacheNodes`):
    /// `CacheClusters[]`.
    struct RawCacheCluster {
        cache_cluster_id: String,
        engine: Option<String>,
        cache_cluster_status: Option<String>,
        configuration_endpoint: Option<RawServiceEndpoint>,
        cache_nodes: Vec<RawCacheNode> = default,
    }

    /// `CacheClusters[].CacheNodes[]`.
    struct RawCacheNode {
        endpoint: Option<RawServiceEndpoint>,
    }

    /// describe-vpn-gateways: `VpnGateways[]`.
    struct RawVpnGateway {
        vpn_gateway_id: String,
        state: Option<String>,
        vpc_attachments: Vec<RawVgwAttachment> = default,
        tags: Vec<Tag> = default,
    }

    /// `VpnGateways[].VpcAttachments[]`.
    struct RawVgwAttachment {
        vpc_id: Option<String>,
        state: Option<String>,
    }

    /// describe-vpn-connections: `VpnConnections[]`.
    struct RawVpnConnection {
        vpn_connection_id: String,
        state: Option<String>,
        vpn_gateway_id: Option<String>,
        transit_gateway_id: Option<String>,
        options: Option<RawVpnOptions>,
        routes: Vec<RawVpnRoute> = default,
        vgw_telemetry: Vec<RawVgwTelemetry> = default,
        tags: Vec<Tag> = default,
    }

    /// `VpnConnections[].Options`.
    struct RawVpnOptions {
        static_routes_only: Option<bool>,
    }

    /// `VpnConnections[].Routes[]`.
    struct RawVpnRoute {
        destination_cidr_block: Option<AnyCidr>,
        state: Option<String>,
    }

    /// `VpnConnections[].VgwTelemetry[]`: one tunnel.
    struct RawVgwTelemetry {
        status: Option<String>,
    }

    /// directconnect describe-virtual-interfaces: `VirtualInterfaces[]`.
    struct RawVirtualInterface {
        virtual_interface_id: String,
        virtual_interface_name: Option<String>,
        virtual_interface_state: Option<String>,
        virtual_gateway_id: Option<String>,
        direct_connect_gateway_id: Option<String>,
        bgp_peers: Vec<RawBgpPeer> = default,
    }

    /// `VirtualInterfaces[].BgpPeers[]`.
    struct RawBgpPeer {
        bgp_status: Option<String>,
    }

    /// directconnect describe-direct-connect-gateway-associations.
    struct RawDxAssociation {
        direct_connect_gateway_id: String,
        association_state: Option<String>,
        associated_gateway: Option<RawAssociatedGateway>,
    }

    /// `DirectConnectGatewayAssociations[].AssociatedGateway`.
    struct RawAssociatedGateway {
        id: String,
    }

    /// elbv2 describe-load-balancers: `LoadBalancers[]`.
    struct RawLoadBalancer {
        load_balancer_arn: String,
        load_balancer_name: Option<String>,
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "Type"))]
        lb_type: Option<String>,
        scheme: Option<String>,
    }

    /// Batfish's listener file: `LoadBalancerListeners[]`, the listeners of one load balancer.
    struct RawLbListeners {
        load_balancer_arn: String,
        listeners: Vec<RawListener> = default,
    }

    /// elbv2 describe-listeners: `Listeners[]`.
    struct RawListener {
        load_balancer_arn: Option<String>,
        port: Option<i64>,
        protocol: Option<String>,
        default_actions: Vec<RawLbAction> = default,
    }

    /// `Listeners[].DefaultActions[]`.
    struct RawLbAction {
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "Type"))]
        action_type: Option<String>,
        target_group_arn: Option<String>,
        forward_config: Option<RawForwardConfig>,
    }

    /// `DefaultActions[].ForwardConfig`.
    struct RawForwardConfig {
        target_groups: Vec<RawForwardTarget> = default,
    }

    /// `ForwardConfig.TargetGroups[]`.
    struct RawForwardTarget {
        target_group_arn: String,
    }

    /// elbv2 describe-target-groups: `TargetGroups[]`.
    struct RawTargetGroup {
        target_group_arn: String,
        target_group_name: Option<String>,
        protocol: Option<String>,
        port: Option<i64>,
        target_type: Option<String>,
        health_check_port: Option<String>,
        health_check_path: Option<String>,
    }

    /// Batfish's target health file: `LoadBalancerTargetHealth[]`, elbv2 describe-target-health
    /// of one target group.
    struct RawTargetHealthGroup {
        target_group_arn: String,
        target_health_descriptions: Vec<RawTargetHealth> = default,
    }

    /// `TargetHealthDescriptions[]`.
    struct RawTargetHealth {
        target: RawTargetRef,
    }

    /// `TargetHealthDescriptions[].Target`.
    struct RawTargetRef {
        id: String,
        port: Option<i64>,
    }

    /// describe-transit-gateways: `TransitGateways[]`.
    struct RawTransitGateway {
        transit_gateway_id: String,
        state: Option<String>,
        tags: Vec<Tag> = default,
    }

    /// describe-transit-gateway-vpc-attachments: `TransitGatewayVpcAttachments[]`.
    struct RawTgwVpcAttachment {
        transit_gateway_attachment_id: String,
        transit_gateway_id: String,
        vpc_id: String,
        subnet_ids: Vec<String> = default,
        state: Option<String>,
        tags: Vec<Tag> = default,
    }

    /// describe-transit-gateway-attachments: `TransitGatewayAttachments[]` (their association).
    struct RawTgwAttachment {
        transit_gateway_attachment_id: String,
        transit_gateway_id: Option<String>,
        resource_type: Option<String>,
        resource_id: Option<String>,
        state: Option<String>,
        association: Option<RawTgwAssociation>,
    }

    /// `TransitGatewayAttachments[].Association`.
    struct RawTgwAssociation {
        transit_gateway_route_table_id: Option<String>,
        state: Option<String>,
    }

    /// describe-transit-gateway-route-tables: `TransitGatewayRouteTables[]`.
    struct RawTgwRouteTable {
        transit_gateway_route_table_id: String,
        transit_gateway_id: String,
        tags: Vec<Tag> = default,
    }

    /// get-transit-gateway-route-table-propagations of one table, as a Batfish snapshot keeps
    /// them: `TransitGatewayPropagations[]`.
    struct RawTgwPropagations {
        transit_gateway_route_table_id: String,
        transit_gateway_route_table_propagations: Vec<RawTgwPropagation> = default,
    }

    /// `TransitGatewayRouteTablePropagations[]`.
    struct RawTgwPropagation {
        transit_gateway_attachment_id: String,
        state: Option<String>,
    }

    /// search-transit-gateway-routes (static routes) of one table, as a Batfish snapshot keeps
    /// them: `TransitGatewayStaticRoutes[]`.
    struct RawTgwRoutes {
        transit_gateway_route_table_id: String,
        routes: Vec<RawTgwRoute> = default,
    }

    /// `Routes[]` of search-transit-gateway-routes.
    struct RawTgwRoute {
        destination_cidr_block: Option<AnyCidr>,
        state: Option<String>,
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "Type"))]
        route_type: Option<String>,
        transit_gateway_attachments: Vec<RawTgwRouteAttachment> = default,
    }

    /// `Routes[].TransitGatewayAttachments[]`.
    struct RawTgwRouteAttachment {
        transit_gateway_attachment_id: Option<String>,
    }

    /// A resource tag.
    #[derive(Clone)]
    struct Tag {
        key: String,
        value: String = default,
    }

    /// A `{"State": "..."}` object.
    #[derive(Clone)]
    struct RawState {
        state: Option<String>,
    }

    /// describe-vpcs: `Vpcs[]`.
    struct RawVpc {
        vpc_id: String,
        cidr_block: Cidr4,
        cidr_block_association_set: Vec<RawCidrAssociation> = default,
        /// Absent (or null) when the VPC has no IPv6 block.
        ipv6_cidr_block_association_set: Option<Vec<RawIpv6CidrAssociation>>,
        tags: Vec<Tag> = default,
    }

    /// `Vpcs[].CidrBlockAssociationSet[]`.
    struct RawCidrAssociation {
        cidr_block: Cidr4,
        cidr_block_state: Option<RawState>,
    }

    /// `Vpcs[].Ipv6CidrBlockAssociationSet[]` and `Subnets[].Ipv6CidrBlockAssociationSet[]`.
    struct RawIpv6CidrAssociation {
        ipv6_cidr_block: Cidr6,
        ipv6_cidr_block_state: Option<RawState>,
    }

    /// describe-subnets: `Subnets[]`.
    struct RawSubnet {
        subnet_id: String,
        vpc_id: String,
        /// Absent for IPv6-only subnets.
        cidr_block: Option<Cidr4>,
        /// Absent (or null) when the subnet has no IPv6 block.
        ipv6_cidr_block_association_set: Option<Vec<RawIpv6CidrAssociation>>,
        availability_zone: String = default,
        tags: Vec<Tag> = default,
    }

    /// describe-route-tables: `RouteTables[]`.
    struct RawRouteTable {
        route_table_id: String,
        vpc_id: String,
        associations: Vec<RawRouteTableAssociation> = default,
        propagating_vgws: Vec<RawPropagatingVgw> = default,
        routes: Vec<RawRoute> = default,
        tags: Vec<Tag> = default,
    }

    /// `RouteTables[].Associations[]`.
    struct RawRouteTableAssociation {
        main: bool = default,
        subnet_id: Option<String>,
        gateway_id: Option<String>,
        association_state: Option<RawState>,
    }

    /// `RouteTables[].PropagatingVgws[]`: route propagation from a virtual private gateway.
    struct RawPropagatingVgw {
        gateway_id: String,
    }

    /// `RouteTables[].Routes[]`.
    struct RawRoute {
        destination_cidr_block: Option<Cidr4>,
        destination_ipv6_cidr_block: Option<Cidr6>,
        destination_prefix_list_id: Option<String>,
        gateway_id: Option<String>,
        nat_gateway_id: Option<String>,
        instance_id: Option<String>,
        network_interface_id: Option<String>,
        vpc_peering_connection_id: Option<String>,
        transit_gateway_id: Option<String>,
        egress_only_internet_gateway_id: Option<String>,
        local_gateway_id: Option<String>,
        carrier_gateway_id: Option<String>,
        core_network_arn: Option<String>,
        state: Option<String>,
    }

    /// describe-network-acls: `NetworkAcls[]`.
    struct RawAcl {
        network_acl_id: String,
        vpc_id: String,
        is_default: bool = default,
        associations: Vec<RawAclAssociation> = default,
        entries: Vec<RawAclEntry> = default,
        tags: Vec<Tag> = default,
    }

    /// `NetworkAcls[].Associations[]`.
    struct RawAclAssociation {
        subnet_id: Option<String>,
    }

    /// `NetworkAcls[].Entries[]`.
    struct RawAclEntry {
        rule_number: u16,
        egress: bool,
        protocol: RawProtocol,
        rule_action: RawAction,
        cidr_block: Option<Cidr4>,
        ipv6_cidr_block: Option<Cidr6>,
        port_range: Option<RawPortRange>,
        icmp_type_code: Option<RawIcmpTypeCode>,
    }

    /// `Entries[].PortRange`.
    struct RawPortRange {
        from: Option<i64>,
        to: Option<i64>,
    }

    /// `Entries[].IcmpTypeCode`; -1 means any.
    struct RawIcmpTypeCode {
        /// `Type`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), serde(rename = "Type"))]
        icmp_type: Option<i64>,
        code: Option<i64>,
    }

    /// describe-security-groups: `SecurityGroups[]`.
    struct RawSecurityGroup {
        group_id: String,
        group_name: Option<String>,
        vpc_id: Option<String>,
        ip_permissions: Vec<RawPermission> = default,
        ip_permissions_egress: Vec<RawPermission> = default,
        tags: Vec<Tag> = default,
    }

    /// `SecurityGroups[].IpPermissions[]`: one protocol and port range for several peers.
    struct RawPermission {
        ip_protocol: RawProtocol,
        from_port: Option<i64>,
        to_port: Option<i64>,
        ip_ranges: Vec<RawIpRange> = default,
        /// Absent (or null) in output that predates IPv6.
        ipv6_ranges: Option<Vec<RawIpv6Range>>,
        prefix_list_ids: Vec<RawPrefixListId> = default,
        user_id_group_pairs: Vec<RawGroupPair> = default,
    }

    /// `IpPermissions[].IpRanges[]`.
    struct RawIpRange {
        cidr_ip: Cidr4,
        description: Option<String>,
    }

    /// `IpPermissions[].Ipv6Ranges[]`.
    struct RawIpv6Range {
        cidr_ipv6: Cidr6,
        description: Option<String>,
    }

    /// `IpPermissions[].PrefixListIds[]`.
    struct RawPrefixListId {
        prefix_list_id: String,
        description: Option<String>,
    }

    /// `IpPermissions[].UserIdGroupPairs[]`.
    struct RawGroupPair {
        group_id: Option<String>,
        description: Option<String>,
    }

    /// describe-instances: `Reservations[]`.
    struct RawReservation {
        instances: Vec<RawInstance> = default,
    }

    /// `Reservations[].Instances[]`.
    struct RawInstance {
        instance_id: String,
        state: Option<RawInstanceState>,
        platform: Option<String>,
        network_interfaces: Vec<RawEni> = default,
        tags: Vec<Tag> = default,
    }

    /// `Instances[].State`.
    struct RawInstanceState {
        name: Option<String>,
    }

    /// A network interface, as describe-network-interfaces prints it (`NetworkInterfaces[]`)
    /// and as describe-instances nests it (`Instances[].NetworkInterfaces[]`, which lacks some
    /// fields).
    #[derive(Clone)]
    struct RawEni {
        network_interface_id: String,
        subnet_id: String,
        /// Absent for IPv6-only interfaces.
        private_ip_address: Option<Ip4>,
        /// Absent (or null) when the interface has no IPv6 address.
        ipv6_addresses: Option<Vec<RawIpv6Address>>,
        association: Option<RawIpAssociation>,
        groups: Vec<RawGroupRef> = default,
        source_dest_check: Option<bool>,
        attachment: Option<RawAttachment>,
        interface_type: Option<String>,
        description: Option<String>,
        requester_id: Option<String>,
        /// `Tags`, or `TagSet` as describe-network-interfaces calls them.
        tags: Vec<Tag> = default,
    }

    /// `NetworkInterfaces[].Ipv6Addresses[]`.
    #[derive(Clone)]
    struct RawIpv6Address {
        ipv6_address: Ip6,
    }

    /// `NetworkInterfaces[].Association`: the public address of the primary private address.
    #[derive(Clone)]
    struct RawIpAssociation {
        public_ip: Option<Ip4>,
        ip_owner_id: Option<String>,
        allocation_id: Option<String>,
    }

    /// `NetworkInterfaces[].Groups[]`.
    #[derive(Clone)]
    struct RawGroupRef {
        group_id: String,
    }

    /// `NetworkInterfaces[].Attachment`.
    #[derive(Clone)]
    struct RawAttachment {
        instance_id: Option<String>,
        device_index: Option<u32>,
        network_card_index: Option<u32>,
    }

    /// describe-internet-gateways: `InternetGateways[]`.
    struct RawInternetGateway {
        internet_gateway_id: String,
        attachments: Vec<RawIgwAttachment> = default,
        tags: Vec<Tag> = default,
    }

    /// `InternetGateways[].Attachments[]` and `EgressOnlyInternetGateways[].Attachments[]`.
    struct RawIgwAttachment {
        vpc_id: String,
        state: Option<String>,
    }

    /// describe-egress-only-internet-gateways: `EgressOnlyInternetGateways[]`.
    struct RawEgressOnlyGateway {
        egress_only_internet_gateway_id: String,
        attachments: Vec<RawIgwAttachment> = default,
        tags: Vec<Tag> = default,
    }

    /// describe-nat-gateways: `NatGateways[]`.
    struct RawNatGateway {
        nat_gateway_id: String,
        subnet_id: String,
        state: Option<String>,
        connectivity_type: Option<String>,
        nat_gateway_addresses: Vec<RawNatAddress> = default,
        tags: Vec<Tag> = default,
    }

    /// `NatGateways[].NatGatewayAddresses[]`.
    struct RawNatAddress {
        network_interface_id: Option<String>,
        private_ip: Option<Ip4>,
        public_ip: Option<Ip4>,
        is_primary: Option<bool>,
    }

    /// describe-vpc-peering-connections: `VpcPeeringConnections[]`.
    struct RawPeering {
        vpc_peering_connection_id: String,
        requester_vpc_info: RawPeeringVpc,
        accepter_vpc_info: RawPeeringVpc,
        status: Option<RawPeeringStatus>,
        tags: Vec<Tag> = default,
    }

    /// `VpcPeeringConnections[].RequesterVpcInfo` / `AccepterVpcInfo`.
    struct RawPeeringVpc {
        vpc_id: String,
    }

    /// `VpcPeeringConnections[].Status`.
    struct RawPeeringStatus {
        code: Option<String>,
    }

    /// describe-prefix-lists (with `Cidrs`) or describe-managed-prefix-lists (without):
    /// `PrefixLists[]`.
    struct RawPrefixList {
        prefix_list_id: String,
        prefix_list_name: Option<String>,
        cidrs: Option<Vec<AnyCidr>>,
    }

    /// describe-vpc-endpoints: `VpcEndpoints[]`.
    struct RawEndpoint {
        vpc_endpoint_id: String,
        vpc_endpoint_type: Option<String>,
        vpc_id: String,
        service_name: Option<String>,
        state: Option<String>,
        /// Interface and Gateway Load Balancer endpoints: their subnets and interfaces.
        subnet_ids: Vec<String> = default,
        network_interface_ids: Vec<String> = default,
        tags: Vec<Tag> = default,
    }
}

/// The top-level keys of [`RawFile`], which identify a describe output.
pub(crate) const SECTION_KEYS: [&str; 30] = [
    "Vpcs",
    "Subnets",
    "RouteTables",
    "NetworkAcls",
    "SecurityGroups",
    "Reservations",
    "NetworkInterfaces",
    "InternetGateways",
    "EgressOnlyInternetGateways",
    "NatGateways",
    "VpcPeeringConnections",
    "PrefixLists",
    "VpcEndpoints",
    "TransitGateways",
    "TransitGatewayVpcAttachments",
    "TransitGatewayAttachments",
    "TransitGatewayRouteTables",
    "TransitGatewayPropagations",
    "TransitGatewayStaticRoutes",
    "LoadBalancers",
    "Listeners",
    "LoadBalancerListeners",
    "TargetGroups",
    "LoadBalancerTargetHealth",
    "VpnGateways",
    "VpnConnections",
    "VirtualInterfaces",
    "DirectConnectGatewayAssociations",
    "DBInstances",
    "CacheClusters",
];

/// The value of the `Name` tag, if any.
pub(crate) fn name_tag(tags: &[Tag]) -> Option<&str> {
    tags.iter()
        .find(|t| t.key == "Name" && !t.value.is_empty())
        .map(|t| t.value.as_str())
}

impl RawEni {
    /// The interface's IPv6 addresses, in the order AWS lists them, each once.
    pub fn ipv6(&self) -> Vec<std::net::Ipv6Addr> {
        let mut out = Vec::new();
        for a in self.ipv6_addresses.iter().flatten() {
            if !out.contains(&a.ipv6_address.0) {
                out.push(a.ipv6_address.0);
            }
        }
        out
    }
}

impl RawIpAssociation {
    /// Whether the public address is an Elastic IP: AWS owns auto-assigned ones (`"amazon"`).
    pub fn is_elastic(&self) -> bool {
        self.allocation_id.is_some() || self.ip_owner_id.as_deref().is_some_and(|o| o != "amazon")
    }
}
