//! A reader for each record of the describe output ([`crate::aws::raw`]), in the design of
//! [`crate::scenario::read`]: a plain function of the record, its fields read by their AWS names
//! from [`At::record`] (other fields ignored), an error recorded with the JSON path of the value.

use crate::aws::raw::*;
use crate::aws::values::{
    int, int_u16, int_u32, AnyCidr, Cidr4, Cidr6, Ip4, Ip6, RawAction, RawProtocol,
};
use crate::scenario::read::At;

/// A string.
fn string(at: &At) -> String {
    at.string()
}

/// `true` or `false`.
fn boolean(at: &At) -> bool {
    at.bool()
}

/// A whole describe output file.
pub(super) fn file(at: &At) -> RawFile {
    let f = at.record();
    RawFile {
        vpcs: f.option("Vpcs", |a| a.list(vpc)),
        subnets: f.option("Subnets", |a| a.list(subnet)),
        route_tables: f.option("RouteTables", |a| a.list(route_table)),
        network_acls: f.option("NetworkAcls", |a| a.list(acl)),
        security_groups: f.option("SecurityGroups", |a| a.list(security_group)),
        reservations: f.option("Reservations", |a| a.list(reservation)),
        network_interfaces: f.option("NetworkInterfaces", |a| a.list(eni)),
        internet_gateways: f.option("InternetGateways", |a| a.list(internet_gateway)),
        egress_only_internet_gateways: f.option("EgressOnlyInternetGateways", |a| {
            a.list(egress_only_gateway)
        }),
        nat_gateways: f.option("NatGateways", |a| a.list(nat_gateway)),
        vpc_peering_connections: f.option("VpcPeeringConnections", |a| a.list(peering)),
        prefix_lists: f.option("PrefixLists", |a| a.list(prefix_list)),
        vpc_endpoints: f.option("VpcEndpoints", |a| a.list(endpoint)),
        transit_gateways: f.option("TransitGateways", |a| a.list(transit_gateway)),
        transit_gateway_vpc_attachments: f.option("TransitGatewayVpcAttachments", |a| {
            a.list(tgw_vpc_attachment)
        }),
        transit_gateway_attachments: f
            .option("TransitGatewayAttachments", |a| a.list(tgw_attachment)),
        transit_gateway_route_tables: f
            .option("TransitGatewayRouteTables", |a| a.list(tgw_route_table)),
        transit_gateway_propagations: f
            .option("TransitGatewayPropagations", |a| a.list(tgw_propagations)),
        transit_gateway_static_routes: f
            .option("TransitGatewayStaticRoutes", |a| a.list(tgw_routes)),
        load_balancers: f.option("LoadBalancers", |a| a.list(load_balancer)),
        listeners: f.option("Listeners", |a| a.list(listener)),
        load_balancer_listeners: f.option("LoadBalancerListeners", |a| a.list(lb_listeners)),
        target_groups: f.option("TargetGroups", |a| a.list(target_group)),
        load_balancer_target_health: f
            .option("LoadBalancerTargetHealth", |a| a.list(target_health_group)),
        vpn_gateways: f.option("VpnGateways", |a| a.list(vpn_gateway)),
        vpn_connections: f.option("VpnConnections", |a| a.list(vpn_connection)),
        virtual_interfaces: f.option("VirtualInterfaces", |a| a.list(virtual_interface)),
        direct_connect_gateway_associations: f.option("DirectConnectGatewayAssociations", |a| {
            a.list(dx_association)
        }),
        db_instances: f.option("DBInstances", |a| a.list(db_instance)),
        cache_clusters: f.option("CacheClusters", |a| a.list(cache_cluster)),
    }
}

fn db_instance(at: &At) -> RawDbInstance {
    let f = at.record();
    RawDbInstance {
        db_instance_identifier: f.string("DBInstanceIdentifier"),
        engine: f.option("Engine", string),
        db_instance_status: f.option("DBInstanceStatus", string),
        endpoint: f.option("Endpoint", service_endpoint),
        db_instance_port: f.option("DbInstancePort", int_u16),
        availability_zone: f.option("AvailabilityZone", string),
        vpc_security_groups: f.list("VpcSecurityGroups", vpc_security_group),
        db_subnet_group: f.option("DBSubnetGroup", db_subnet_group),
    }
}

fn service_endpoint(at: &At) -> RawServiceEndpoint {
    let f = at.record();
    RawServiceEndpoint {
        port: f.option("Port", int_u16),
    }
}

fn vpc_security_group(at: &At) -> RawVpcSecurityGroup {
    let f = at.record();
    RawVpcSecurityGroup {
        vpc_security_group_id: f.string("VpcSecurityGroupId"),
    }
}

fn db_subnet_group(at: &At) -> RawDbSubnetGroup {
    let f = at.record();
    RawDbSubnetGroup {
        subnets: f.list("Subnets", db_subnet),
    }
}

fn db_subnet(at: &At) -> RawDbSubnet {
    let f = at.record();
    RawDbSubnet {
        subnet_identifier: f.string("SubnetIdentifier"),
    }
}

fn cache_cluster(at: &At) -> RawCacheCluster {
    let f = at.record();
    RawCacheCluster {
        cache_cluster_id: f.string("CacheClusterId"),
        engine: f.option("Engine", string),
        cache_cluster_status: f.option("CacheClusterStatus", string),
        configuration_endpoint: f.option("ConfigurationEndpoint", service_endpoint),
        cache_nodes: f.list("CacheNodes", cache_node),
    }
}

fn cache_node(at: &At) -> RawCacheNode {
    let f = at.record();
    RawCacheNode {
        endpoint: f.option("Endpoint", service_endpoint),
    }
}

fn vpn_gateway(at: &At) -> RawVpnGateway {
    let f = at.record();
    RawVpnGateway {
        vpn_gateway_id: f.string("VpnGatewayId"),
        state: f.option("State", string),
        vpc_attachments: f.list("VpcAttachments", |a| {
            let f = a.record();
            RawVgwAttachment {
                vpc_id: f.option("VpcId", string),
                state: f.option("State", string),
            }
        }),
        tags: f.list("Tags", tag),
    }
}

fn vpn_connection(at: &At) -> RawVpnConnection {
    let f = at.record();
    RawVpnConnection {
        vpn_connection_id: f.string("VpnConnectionId"),
        state: f.option("State", string),
        vpn_gateway_id: f.option("VpnGatewayId", string),
        transit_gateway_id: f.option("TransitGatewayId", string),
        options: f.option("Options", |a| RawVpnOptions {
            static_routes_only: a.record().option("StaticRoutesOnly", boolean),
        }),
        routes: f.list("Routes", |a| {
            let f = a.record();
            RawVpnRoute {
                destination_cidr_block: f.option("DestinationCidrBlock", AnyCidr::read),
                state: f.option("State", string),
            }
        }),
        vgw_telemetry: f.list("VgwTelemetry", |a| RawVgwTelemetry {
            status: a.record().option("Status", string),
        }),
        tags: f.list("Tags", tag),
    }
}

fn virtual_interface(at: &At) -> RawVirtualInterface {
    let f = at.record();
    RawVirtualInterface {
        virtual_interface_id: f.string("VirtualInterfaceId"),
        virtual_interface_name: f.option("VirtualInterfaceName", string),
        virtual_interface_state: f.option("VirtualInterfaceState", string),
        virtual_gateway_id: f.option("VirtualGatewayId", string),
        direct_connect_gateway_id: f.option("DirectConnectGatewayId", string),
        bgp_peers: f.list("BgpPeers", |a| RawBgpPeer {
            bgp_status: a.record().option("BgpStatus", string),
        }),
    }
}

fn dx_association(at: &At) -> RawDxAssociation {
    let f = at.record();
    RawDxAssociation {
        direct_connect_gateway_id: f.string("DirectConnectGatewayId"),
        association_state: f.option("AssociationState", string),
        associated_gateway: f.option("AssociatedGateway", |a| RawAssociatedGateway {
            id: a.record().string("Id"),
        }),
    }
}

fn load_balancer(at: &At) -> RawLoadBalancer {
    let f = at.record();
    RawLoadBalancer {
        load_balancer_arn: f.string("LoadBalancerArn"),
        load_balancer_name: f.option("LoadBalancerName", string),
        lb_type: f.option("Type", string),
        scheme: f.option("Scheme", string),
    }
}

fn lb_listeners(at: &At) -> RawLbListeners {
    let f = at.record();
    RawLbListeners {
        load_balancer_arn: f.string("LoadBalancerArn"),
        listeners: f.list("Listeners", listener),
    }
}

fn listener(at: &At) -> RawListener {
    let f = at.record();
    RawListener {
        load_balancer_arn: f.option("LoadBalancerArn", string),
        port: f.option("Port", int),
        protocol: f.option("Protocol", string),
        default_actions: f.list("DefaultActions", |a| {
            let f = a.record();
            RawLbAction {
                action_type: f.option("Type", string),
                target_group_arn: f.option("TargetGroupArn", string),
                forward_config: f.option("ForwardConfig", |a| RawForwardConfig {
                    target_groups: a.record().list("TargetGroups", |a| RawForwardTarget {
                        target_group_arn: a.record().string("TargetGroupArn"),
                    }),
                }),
            }
        }),
    }
}

fn target_group(at: &At) -> RawTargetGroup {
    let f = at.record();
    RawTargetGroup {
        target_group_arn: f.string("TargetGroupArn"),
        target_group_name: f.option("TargetGroupName", string),
        protocol: f.option("Protocol", string),
        port: f.option("Port", int),
        target_type: f.option("TargetType", string),
        health_check_port: f.option("HealthCheckPort", string),
        health_check_path: f.option("HealthCheckPath", string),
    }
}

fn target_health_group(at: &At) -> RawTargetHealthGroup {
    let f = at.record();
    RawTargetHealthGroup {
        target_group_arn: f.string("TargetGroupArn"),
        target_health_descriptions: f.list("TargetHealthDescriptions", |a| RawTargetHealth {
            target: a.record().must("Target", |a| {
                let f = a.record();
                RawTargetRef {
                    id: f.string("Id"),
                    port: f.option("Port", int),
                }
            }),
        }),
    }
}

fn transit_gateway(at: &At) -> RawTransitGateway {
    let f = at.record();
    RawTransitGateway {
        transit_gateway_id: f.string("TransitGatewayId"),
        state: f.option("State", string),
        tags: f.list("Tags", tag),
    }
}

fn tgw_vpc_attachment(at: &At) -> RawTgwVpcAttachment {
    let f = at.record();
    RawTgwVpcAttachment {
        transit_gateway_attachment_id: f.string("TransitGatewayAttachmentId"),
        transit_gateway_id: f.string("TransitGatewayId"),
        vpc_id: f.string("VpcId"),
        subnet_ids: f.list("SubnetIds", string),
        state: f.option("State", string),
        tags: f.list("Tags", tag),
    }
}

fn tgw_attachment(at: &At) -> RawTgwAttachment {
    let f = at.record();
    RawTgwAttachment {
        transit_gateway_attachment_id: f.string("TransitGatewayAttachmentId"),
        transit_gateway_id: f.option("TransitGatewayId", string),
        resource_type: f.option("ResourceType", string),
        resource_id: f.option("ResourceId", string),
        state: f.option("State", string),
        association: f.option("Association", tgw_association),
    }
}

fn tgw_association(at: &At) -> RawTgwAssociation {
    let f = at.record();
    RawTgwAssociation {
        transit_gateway_route_table_id: f.option("TransitGatewayRouteTableId", string),
        state: f.option("State", string),
    }
}

fn tgw_route_table(at: &At) -> RawTgwRouteTable {
    let f = at.record();
    RawTgwRouteTable {
        transit_gateway_route_table_id: f.string("TransitGatewayRouteTableId"),
        transit_gateway_id: f.string("TransitGatewayId"),
        tags: f.list("Tags", tag),
    }
}

fn tgw_propagations(at: &At) -> RawTgwPropagations {
    let f = at.record();
    RawTgwPropagations {
        transit_gateway_route_table_id: f.string("TransitGatewayRouteTableId"),
        transit_gateway_route_table_propagations: f
            .list("TransitGatewayRouteTablePropagations", tgw_propagation),
    }
}

fn tgw_propagation(at: &At) -> RawTgwPropagation {
    let f = at.record();
    RawTgwPropagation {
        transit_gateway_attachment_id: f.string("TransitGatewayAttachmentId"),
        state: f.option("State", string),
    }
}

fn tgw_routes(at: &At) -> RawTgwRoutes {
    let f = at.record();
    RawTgwRoutes {
        transit_gateway_route_table_id: f.string("TransitGatewayRouteTableId"),
        routes: f.list("Routes", tgw_route),
    }
}

fn tgw_route(at: &At) -> RawTgwRoute {
    let f = at.record();
    RawTgwRoute {
        destination_cidr_block: f.option("DestinationCidrBlock", AnyCidr::read),
        state: f.option("State", string),
        route_type: f.option("Type", string),
        transit_gateway_attachments: f.list("TransitGatewayAttachments", |a| {
            let f = a.record();
            RawTgwRouteAttachment {
                transit_gateway_attachment_id: f.option("TransitGatewayAttachmentId", string),
            }
        }),
    }
}

fn tag(at: &At) -> Tag {
    let f = at.record();
    Tag {
        key: f.string("Key"),
        value: f.text("Value"),
    }
}

fn state(at: &At) -> RawState {
    let f = at.record();
    RawState {
        state: f.option("State", string),
    }
}

fn vpc(at: &At) -> RawVpc {
    let f = at.record();
    RawVpc {
        vpc_id: f.string("VpcId"),
        cidr_block: f.must("CidrBlock", Cidr4::read),
        cidr_block_association_set: f.list("CidrBlockAssociationSet", cidr_association),
        ipv6_cidr_block_association_set: f.option("Ipv6CidrBlockAssociationSet", |a| {
            a.list(ipv6_cidr_association)
        }),
        tags: f.list("Tags", tag),
    }
}

fn cidr_association(at: &At) -> RawCidrAssociation {
    let f = at.record();
    RawCidrAssociation {
        cidr_block: f.must("CidrBlock", Cidr4::read),
        cidr_block_state: f.option("CidrBlockState", state),
    }
}

fn ipv6_cidr_association(at: &At) -> RawIpv6CidrAssociation {
    let f = at.record();
    RawIpv6CidrAssociation {
        ipv6_cidr_block: f.must("Ipv6CidrBlock", Cidr6::read),
        ipv6_cidr_block_state: f.option("Ipv6CidrBlockState", state),
    }
}

fn subnet(at: &At) -> RawSubnet {
    let f = at.record();
    RawSubnet {
        subnet_id: f.string("SubnetId"),
        vpc_id: f.string("VpcId"),
        cidr_block: f.option("CidrBlock", Cidr4::read),
        ipv6_cidr_block_association_set: f.option("Ipv6CidrBlockAssociationSet", |a| {
            a.list(ipv6_cidr_association)
        }),
        availability_zone: f.text("AvailabilityZone"),
        tags: f.list("Tags", tag),
    }
}

fn route_table(at: &At) -> RawRouteTable {
    let f = at.record();
    RawRouteTable {
        route_table_id: f.string("RouteTableId"),
        vpc_id: f.string("VpcId"),
        associations: f.list("Associations", route_table_association),
        propagating_vgws: f.list("PropagatingVgws", propagating_vgw),
        routes: f.list("Routes", route),
        tags: f.list("Tags", tag),
    }
}

fn propagating_vgw(at: &At) -> RawPropagatingVgw {
    let f = at.record();
    RawPropagatingVgw {
        gateway_id: f.string("GatewayId"),
    }
}

fn route_table_association(at: &At) -> RawRouteTableAssociation {
    let f = at.record();
    RawRouteTableAssociation {
        main: f.flag("Main", false),
        subnet_id: f.option("SubnetId", string),
        gateway_id: f.option("GatewayId", string),
        association_state: f.option("AssociationState", state),
    }
}

fn route(at: &At) -> RawRoute {
    let f = at.record();
    RawRoute {
        destination_cidr_block: f.option("DestinationCidrBlock", Cidr4::read),
        destination_ipv6_cidr_block: f.option("DestinationIpv6CidrBlock", Cidr6::read),
        destination_prefix_list_id: f.option("DestinationPrefixListId", string),
        gateway_id: f.option("GatewayId", string),
        nat_gateway_id: f.option("NatGatewayId", string),
        instance_id: f.option("InstanceId", string),
        network_interface_id: f.option("NetworkInterfaceId", string),
        vpc_peering_connection_id: f.option("VpcPeeringConnectionId", string),
        transit_gateway_id: f.option("TransitGatewayId", string),
        egress_only_internet_gateway_id: f.option("EgressOnlyInternetGatewayId", string),
        local_gateway_id: f.option("LocalGatewayId", string),
        carrier_gateway_id: f.option("CarrierGatewayId", string),
        core_network_arn: f.option("CoreNetworkArn", string),
        state: f.option("State", string),
    }
}

fn acl(at: &At) -> RawAcl {
    let f = at.record();
    RawAcl {
        network_acl_id: f.string("NetworkAclId"),
        vpc_id: f.string("VpcId"),
        is_default: f.flag("IsDefault", false),
        associations: f.list("Associations", acl_association),
        entries: f.list("Entries", acl_entry),
        tags: f.list("Tags", tag),
    }
}

fn acl_association(at: &At) -> RawAclAssociation {
    let f = at.record();
    RawAclAssociation {
        subnet_id: f.option("SubnetId", string),
    }
}

fn acl_entry(at: &At) -> RawAclEntry {
    let f = at.record();
    RawAclEntry {
        rule_number: f.must("RuleNumber", int_u16),
        egress: f.must("Egress", boolean),
        protocol: f.must("Protocol", RawProtocol::read),
        rule_action: f.must("RuleAction", RawAction::read),
        cidr_block: f.option("CidrBlock", Cidr4::read),
        ipv6_cidr_block: f.option("Ipv6CidrBlock", Cidr6::read),
        port_range: f.option("PortRange", port_range),
        icmp_type_code: f.option("IcmpTypeCode", icmp_type_code),
    }
}

fn port_range(at: &At) -> RawPortRange {
    let f = at.record();
    RawPortRange {
        from: f.option("From", int),
        to: f.option("To", int),
    }
}

fn icmp_type_code(at: &At) -> RawIcmpTypeCode {
    let f = at.record();
    RawIcmpTypeCode {
        icmp_type: f.option("Type", int),
        code: f.option("Code", int),
    }
}

fn security_group(at: &At) -> RawSecurityGroup {
    let f = at.record();
    RawSecurityGroup {
        group_id: f.string("GroupId"),
        group_name: f.option("GroupName", string),
        vpc_id: f.option("VpcId", string),
        ip_permissions: f.list("IpPermissions", permission),
        ip_permissions_egress: f.list("IpPermissionsEgress", permission),
        tags: f.list("Tags", tag),
    }
}

fn permission(at: &At) -> RawPermission {
    let f = at.record();
    RawPermission {
        ip_protocol: f.must("IpProtocol", RawProtocol::read),
        from_port: f.option("FromPort", int),
        to_port: f.option("ToPort", int),
        ip_ranges: f.list("IpRanges", ip_range),
        ipv6_ranges: f.option("Ipv6Ranges", |a| a.list(ipv6_range)),
        prefix_list_ids: f.list("PrefixListIds", prefix_list_id),
        user_id_group_pairs: f.list("UserIdGroupPairs", group_pair),
    }
}

fn ip_range(at: &At) -> RawIpRange {
    let f = at.record();
    RawIpRange {
        cidr_ip: f.must("CidrIp", Cidr4::read),
        description: f.option("Description", string),
    }
}

fn ipv6_range(at: &At) -> RawIpv6Range {
    let f = at.record();
    RawIpv6Range {
        cidr_ipv6: f.must("CidrIpv6", Cidr6::read),
        description: f.option("Description", string),
    }
}

fn prefix_list_id(at: &At) -> RawPrefixListId {
    let f = at.record();
    RawPrefixListId {
        prefix_list_id: f.string("PrefixListId"),
        description: f.option("Description", string),
    }
}

fn group_pair(at: &At) -> RawGroupPair {
    let f = at.record();
    RawGroupPair {
        group_id: f.option("GroupId", string),
        description: f.option("Description", string),
    }
}

fn reservation(at: &At) -> RawReservation {
    let f = at.record();
    RawReservation {
        instances: f.list("Instances", instance),
    }
}

fn instance(at: &At) -> RawInstance {
    let f = at.record();
    RawInstance {
        instance_id: f.string("InstanceId"),
        state: f.option("State", instance_state),
        platform: f.option("Platform", string),
        network_interfaces: f.list("NetworkInterfaces", eni),
        tags: f.list("Tags", tag),
    }
}

fn instance_state(at: &At) -> RawInstanceState {
    let f = at.record();
    RawInstanceState {
        name: f.option("Name", string),
    }
}

fn eni(at: &At) -> RawEni {
    let f = at.record();
    // describe-network-interfaces calls the tags `TagSet`.
    let tags = if f.get("Tags").is_some() {
        "Tags"
    } else {
        "TagSet"
    };
    RawEni {
        network_interface_id: f.string("NetworkInterfaceId"),
        subnet_id: f.string("SubnetId"),
        private_ip_address: f.option("PrivateIpAddress", Ip4::read),
        ipv6_addresses: f.option("Ipv6Addresses", |a| a.list(ipv6_address)),
        association: f.option("Association", ip_association),
        groups: f.list("Groups", group_ref),
        source_dest_check: f.option("SourceDestCheck", boolean),
        attachment: f.option("Attachment", attachment),
        interface_type: f.option("InterfaceType", string),
        description: f.option("Description", string),
        requester_id: f.option("RequesterId", string),
        tags: f.list(tags, tag),
    }
}

fn ipv6_address(at: &At) -> RawIpv6Address {
    let f = at.record();
    RawIpv6Address {
        ipv6_address: f.must("Ipv6Address", Ip6::read),
    }
}

fn ip_association(at: &At) -> RawIpAssociation {
    let f = at.record();
    RawIpAssociation {
        public_ip: f.option("PublicIp", Ip4::read),
        ip_owner_id: f.option("IpOwnerId", string),
        allocation_id: f.option("AllocationId", string),
    }
}

fn group_ref(at: &At) -> RawGroupRef {
    let f = at.record();
    RawGroupRef {
        group_id: f.string("GroupId"),
    }
}

fn attachment(at: &At) -> RawAttachment {
    let f = at.record();
    RawAttachment {
        instance_id: f.option("InstanceId", string),
        device_index: f.option("DeviceIndex", int_u32),
        network_card_index: f.option("NetworkCardIndex", int_u32),
    }
}

fn internet_gateway(at: &At) -> RawInternetGateway {
    let f = at.record();
    RawInternetGateway {
        internet_gateway_id: f.string("InternetGatewayId"),
        attachments: f.list("Attachments", igw_attachment),
        tags: f.list("Tags", tag),
    }
}

fn igw_attachment(at: &At) -> RawIgwAttachment {
    let f = at.record();
    RawIgwAttachment {
        vpc_id: f.string("VpcId"),
        state: f.option("State", string),
    }
}

fn egress_only_gateway(at: &At) -> RawEgressOnlyGateway {
    let f = at.record();
    RawEgressOnlyGateway {
        egress_only_internet_gateway_id: f.string("EgressOnlyInternetGatewayId"),
        attachments: f.list("Attachments", igw_attachment),
        tags: f.list("Tags", tag),
    }
}

fn nat_gateway(at: &At) -> RawNatGateway {
    let f = at.record();
    RawNatGateway {
        nat_gateway_id: f.string("NatGatewayId"),
        subnet_id: f.string("SubnetId"),
        state: f.option("State", string),
        connectivity_type: f.option("ConnectivityType", string),
        nat_gateway_addresses: f.list("NatGatewayAddresses", nat_address),
        tags: f.list("Tags", tag),
    }
}

fn nat_address(at: &At) -> RawNatAddress {
    let f = at.record();
    RawNatAddress {
        network_interface_id: f.option("NetworkInterfaceId", string),
        private_ip: f.option("PrivateIp", Ip4::read),
        public_ip: f.option("PublicIp", Ip4::read),
        is_primary: f.option("IsPrimary", boolean),
    }
}

fn peering(at: &At) -> RawPeering {
    let f = at.record();
    RawPeering {
        vpc_peering_connection_id: f.string("VpcPeeringConnectionId"),
        requester_vpc_info: f.must("RequesterVpcInfo", peering_vpc),
        accepter_vpc_info: f.must("AccepterVpcInfo", peering_vpc),
        status: f.option("Status", peering_status),
        tags: f.list("Tags", tag),
    }
}

fn peering_vpc(at: &At) -> RawPeeringVpc {
    let f = at.record();
    RawPeeringVpc {
        vpc_id: f.string("VpcId"),
    }
}

fn peering_status(at: &At) -> RawPeeringStatus {
    let f = at.record();
    RawPeeringStatus {
        code: f.option("Code", string),
    }
}

fn prefix_list(at: &At) -> RawPrefixList {
    let f = at.record();
    RawPrefixList {
        prefix_list_id: f.string("PrefixListId"),
        prefix_list_name: f.option("PrefixListName", string),
        cidrs: f.option("Cidrs", |a| a.list(AnyCidr::read)),
    }
}

fn endpoint(at: &At) -> RawEndpoint {
    let f = at.record();
    RawEndpoint {
        vpc_endpoint_id: f.string("VpcEndpointId"),
        vpc_endpoint_type: f.option("VpcEndpointType", string),
        vpc_id: f.string("VpcId"),
        service_name: f.option("ServiceName", string),
        state: f.option("State", string),
        subnet_ids: f.list("SubnetIds", string),
        network_interface_ids: f.list("NetworkInterfaceIds", string),
        tags: f.list("Tags", tag),
    }
}
