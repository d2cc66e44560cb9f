//! Importing IPv6 dual stack: VPC and subnet IPv6 blocks, IPv6 routes (to internet, egress-only
//! and NAT gateways), IPv6 ACL entries, security group `Ipv6Ranges`, interface `Ipv6Addresses`,
//! describe-egress-only-internet-gateways, and the stand-in for a missing egress-only gateway.

use super::{import_files, Imported};
use crate::engine::trace::Verdict;
use crate::model::*;
use ipnet::IpNet;
use serde_json::{json, Value};
use std::net::Ipv6Addr;

fn import(files: &[(&str, Value)]) -> Imported {
    import_files(&named(files)).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn import_err(files: &[(&str, Value)]) -> String {
    import_files(&named(files))
        .expect_err("the import should fail")
        .to_string()
}

fn named(files: &[(&str, Value)]) -> Vec<(String, String)> {
    (files.iter())
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn ip(s: &str) -> IpNet {
    s.parse().unwrap()
}

fn v6(s: &str) -> ipnet::Ipv6Net {
    s.parse().unwrap()
}

fn addr(s: &str) -> Ipv6Addr {
    s.parse().unwrap()
}

/// describe-vpcs of a dual-stack VPC: one associated Amazon-provided /56, one disassociated.
fn vpcs() -> Value {
    json!({"Vpcs": [{
        "CidrBlock": "10.0.0.0/16",
        "DhcpOptionsId": "dopt-0a1",
        "State": "available",
        "VpcId": "vpc-0a1",
        "OwnerId": "123456789012",
        "InstanceTenancy": "default",
        "Ipv6CidrBlockAssociationSet": [
            {"AssociationId": "vpc-cidr-assoc-6a", "Ipv6CidrBlock": "2600:1f18:1234:5600::/56",
             "Ipv6CidrBlockState": {"State": "associated"}, "NetworkBorderGroup": "us-east-1",
             "Ipv6Pool": "Amazon"},
            {"AssociationId": "vpc-cidr-assoc-6b", "Ipv6CidrBlock": "2600:1f18:abcd:ef00::/56",
             "Ipv6CidrBlockState": {"State": "disassociated"}, "NetworkBorderGroup": "us-east-1",
             "Ipv6Pool": "Amazon"}
        ],
        "CidrBlockAssociationSet": [
            {"AssociationId": "vpc-cidr-assoc-1", "CidrBlock": "10.0.0.0/16",
             "CidrBlockState": {"State": "associated"}}
        ],
        "IsDefault": false,
        "Tags": [{"Key": "Name", "Value": "dual"}]
    }]})
}

/// describe-subnets: a public and an app subnet with IPv6 blocks, and an IPv4-only one.
fn subnets() -> Value {
    let subnet = |id: &str, cidr: &str, v6: Value| {
        json!({"AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az1",
            "AvailableIpAddressCount": 250, "CidrBlock": cidr, "DefaultForAz": false,
            "MapPublicIpOnLaunch": false, "State": "available", "SubnetId": id, "VpcId": "vpc-0a1",
            "OwnerId": "123456789012", "AssignIpv6AddressOnCreation": true,
            "Ipv6CidrBlockAssociationSet": v6, "Tags": [{"Key": "Name", "Value": id}]})
    };
    json!({"Subnets": [
        subnet("subnet-pub", "10.0.0.0/24", json!([
            {"AssociationId": "subnet-cidr-assoc-1", "Ipv6CidrBlock": "2600:1f18:1234:5600::/64",
             "Ipv6CidrBlockState": {"State": "associated"}}])),
        subnet("subnet-app", "10.0.1.0/24", json!([
            {"AssociationId": "subnet-cidr-assoc-0", "Ipv6CidrBlock": "2600:1f18:1234:56ff::/64",
             "Ipv6CidrBlockState": {"State": "disassociated"}},
            {"AssociationId": "subnet-cidr-assoc-2", "Ipv6CidrBlock": "2600:1f18:1234:5601::/64",
             "Ipv6CidrBlockState": {"State": "associated"}}])),
        subnet("subnet-v4", "10.0.2.0/24", json!([]))
    ]})
}

/// describe-route-tables: public (::/0 to the internet gateway), app (::/0 to the egress-only
/// gateway, NAT64 to the NAT gateway), each with its IPv4 and IPv6 local routes.
fn route_tables() -> Value {
    let local = json!([
        {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
        {"DestinationIpv6CidrBlock": "2600:1f18:1234:5600::/56", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}
    ]);
    let with = |extra: Value| {
        let mut routes = local.as_array().unwrap().clone();
        routes.extend(extra.as_array().unwrap().iter().cloned());
        Value::Array(routes)
    };
    let assoc = |rtb: &str, subnet: &str| {
        json!([{"Main": false, "RouteTableAssociationId": format!("rtbassoc-{subnet}"),
            "RouteTableId": rtb, "SubnetId": subnet, "AssociationState": {"State": "associated"}}])
    };
    json!({"RouteTables": [
        {"RouteTableId": "rtb-pub", "VpcId": "vpc-0a1", "OwnerId": "123456789012",
         "Associations": assoc("rtb-pub", "subnet-pub"), "PropagatingVgws": [], "Tags": [],
         "Routes": with(json!([
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-0a1", "Origin": "CreateRoute", "State": "active"}
         ]))},
        {"RouteTableId": "rtb-app", "VpcId": "vpc-0a1", "OwnerId": "123456789012",
         "Associations": assoc("rtb-app", "subnet-app"), "PropagatingVgws": [], "Tags": [],
         "Routes": with(json!([
            {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-0a1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationIpv6CidrBlock": "64:ff9b::/96", "NatGatewayId": "nat-0a1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationIpv6CidrBlock": "2600:1f18:9999:ab00::/56", "VpcPeeringConnectionId": "pcx-0a1", "Origin": "CreateRoute", "State": "blackhole"}
         ]))}
    ]})
}

/// describe-network-acls: a default ACL as AWS creates it in a dual-stack VPC (100 and 101 allow
/// all, the `*` rules 32767 and 32768), with an ICMPv6 rule and an IPv6 port rule added.
fn network_acls() -> Value {
    let entries = |egress: bool| {
        json!([
            {"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
            {"Egress": egress, "Ipv6CidrBlock": "::/0", "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 101},
            {"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
            {"Egress": egress, "Ipv6CidrBlock": "::/0", "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}
        ])
    };
    let mut inbound = entries(false).as_array().unwrap().clone();
    inbound.push(
        json!({"Egress": false, "Ipv6CidrBlock": "2600:1f18:1234:5600::/56",
        "IcmpTypeCode": {"Code": -1, "Type": 128}, "Protocol": "58", "RuleAction": "allow",
        "RuleNumber": 90}),
    );
    inbound.push(json!({"Egress": false, "Ipv6CidrBlock": "2001:db8::/32",
        "PortRange": {"From": 22, "To": 22}, "Protocol": "6", "RuleAction": "deny",
        "RuleNumber": 80}));
    let mut all = entries(true).as_array().unwrap().clone();
    all.extend(inbound);
    json!({"NetworkAcls": [{"Associations": [
            {"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-0a1", "SubnetId": "subnet-pub"},
            {"NetworkAclAssociationId": "aclassoc-2", "NetworkAclId": "acl-0a1", "SubnetId": "subnet-app"},
            {"NetworkAclAssociationId": "aclassoc-3", "NetworkAclId": "acl-0a1", "SubnetId": "subnet-v4"}],
        "Entries": all, "IsDefault": true, "NetworkAclId": "acl-0a1", "Tags": [],
        "VpcId": "vpc-0a1", "OwnerId": "123456789012"}]})
}

/// describe-security-groups: web admits 443 from anywhere over both stacks and ICMPv6 echo from
/// the VPC; every group sends anything anywhere.
fn security_groups() -> Value {
    let egress = json!([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
        "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "PrefixListIds": [], "UserIdGroupPairs": []}]);
    json!({"SecurityGroups": [
        {"Description": "web", "GroupName": "web", "GroupId": "sg-web", "OwnerId": "123456789012",
         "VpcId": "vpc-0a1", "IpPermissionsEgress": egress.clone(),
         "IpPermissions": [
            {"FromPort": 443, "IpProtocol": "tcp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
             "Ipv6Ranges": [{"CidrIpv6": "::/0", "Description": "web over IPv6"}],
             "PrefixListIds": [], "ToPort": 443, "UserIdGroupPairs": []},
            {"FromPort": 128, "IpProtocol": "icmpv6", "IpRanges": [],
             "Ipv6Ranges": [{"CidrIpv6": "2600:1f18:1234:5600::/56"}],
             "PrefixListIds": [], "ToPort": -1, "UserIdGroupPairs": []},
            {"FromPort": -1, "IpProtocol": "58", "IpRanges": [],
             "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32"}],
             "PrefixListIds": [], "ToPort": -1, "UserIdGroupPairs": []}
         ]},
        {"Description": "app", "GroupName": "app", "GroupId": "sg-app", "OwnerId": "123456789012",
         "VpcId": "vpc-0a1", "IpPermissionsEgress": egress,
         "IpPermissions": [
            {"FromPort": 8080, "IpProtocol": "tcp", "IpRanges": [],
             "Ipv6Ranges": [{"CidrIpv6": "2600:1f18:1234:5600::/64"}],
             "PrefixListIds": [], "ToPort": 8080, "UserIdGroupPairs": []}
         ]}
    ]})
}

/// describe-instances: web, whose interface has one IPv6 address.
fn instances() -> Value {
    json!({"Reservations": [{"ReservationId": "r-1", "OwnerId": "123456789012", "Instances": [{
        "InstanceId": "i-web", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
        "SubnetId": "subnet-pub", "VpcId": "vpc-0a1", "PrivateIpAddress": "10.0.0.10",
        "PublicIpAddress": "54.0.0.10", "Ipv6Address": "2600:1f18:1234:5600::10",
        "Tags": [{"Key": "Name", "Value": "web"}],
        "NetworkInterfaces": [{
            "Attachment": {"AttachmentId": "eni-attach-1", "DeleteOnTermination": true,
                "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0},
            "Groups": [{"GroupName": "web", "GroupId": "sg-web"}],
            "Ipv6Addresses": [{"Ipv6Address": "2600:1f18:1234:5600::10", "IsPrimaryIpv6": false}],
            "NetworkInterfaceId": "eni-web", "PrivateIpAddress": "10.0.0.10",
            "Association": {"IpOwnerId": "amazon", "PublicIp": "54.0.0.10"},
            "SourceDestCheck": true, "Status": "in-use", "SubnetId": "subnet-pub", "VpcId": "vpc-0a1",
            "InterfaceType": "interface"
        }]
    }]}]})
}

/// describe-network-interfaces: the app instance's interface (two IPv6 addresses, one listed
/// twice), the NAT gateway's, and a Lambda interface with an IPv6 address.
fn network_interfaces() -> Value {
    json!({"NetworkInterfaces": [
        {"Attachment": {"AttachmentId": "eni-attach-2", "DeviceIndex": 0, "InstanceId": "i-app",
            "Status": "attached", "NetworkCardIndex": 0},
         "AvailabilityZone": "us-east-1a", "Description": "", "Groups": [{"GroupName": "app", "GroupId": "sg-app"}],
         "InterfaceType": "interface",
         "Ipv6Addresses": [
            {"Ipv6Address": "2600:1f18:1234:5601::20", "IsPrimaryIpv6": true},
            {"Ipv6Address": "2600:1f18:1234:5601::21", "IsPrimaryIpv6": false},
            {"Ipv6Address": "2600:1f18:1234:5601::20", "IsPrimaryIpv6": false}],
         "NetworkInterfaceId": "eni-app", "PrivateIpAddress": "10.0.1.20",
         "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.20"}],
         "SourceDestCheck": true, "Status": "in-use", "SubnetId": "subnet-app", "VpcId": "vpc-0a1",
         "TagSet": []},
        {"AvailabilityZone": "us-east-1a", "Description": "Interface for NAT Gateway nat-0a1",
         "Groups": [], "InterfaceType": "nat_gateway", "Ipv6Addresses": [],
         "NetworkInterfaceId": "eni-nat", "PrivateIpAddress": "10.0.0.5",
         "Association": {"IpOwnerId": "123456789012", "PublicIp": "3.3.3.3", "AllocationId": "eipalloc-1"},
         "RequesterId": "123456789012", "RequesterManaged": true, "SourceDestCheck": false,
         "Status": "in-use", "SubnetId": "subnet-pub", "VpcId": "vpc-0a1", "TagSet": []},
        {"AvailabilityZone": "us-east-1a", "Description": "AWS Lambda VPC ENI-fn-1",
         "Groups": [{"GroupName": "app", "GroupId": "sg-app"}], "InterfaceType": "lambda",
         "Ipv6Addresses": [{"Ipv6Address": "2600:1f18:1234:5601::30"}],
         "NetworkInterfaceId": "eni-lambda", "PrivateIpAddress": "10.0.1.30",
         "RequesterId": "AROAEXAMPLE:fn-1", "RequesterManaged": true, "SourceDestCheck": true,
         "Status": "in-use", "SubnetId": "subnet-app", "VpcId": "vpc-0a1", "TagSet": []}
    ]})
}

fn nat_gateways() -> Value {
    json!({"NatGateways": [{"CreateTime": "2024-01-01T00:00:00.000Z",
        "NatGatewayAddresses": [{"AllocationId": "eipalloc-1", "NetworkInterfaceId": "eni-nat",
            "PrivateIp": "10.0.0.5", "PublicIp": "3.3.3.3", "IsPrimary": true, "Status": "succeeded"}],
        "NatGatewayId": "nat-0a1", "State": "available", "SubnetId": "subnet-pub",
        "VpcId": "vpc-0a1", "ConnectivityType": "public"}]})
}

fn internet_gateways() -> Value {
    json!({"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": "vpc-0a1"}],
        "InternetGatewayId": "igw-0a1", "OwnerId": "123456789012", "Tags": []}]})
}

/// describe-egress-only-internet-gateways: the VPC's, and one attached to nothing.
fn egress_only_gateways() -> Value {
    json!({"EgressOnlyInternetGateways": [
        {"Attachments": [{"State": "attached", "VpcId": "vpc-0a1"}],
         "EgressOnlyInternetGatewayId": "eigw-0a1", "Tags": [{"Key": "Name", "Value": "v6-out"}]},
        {"Attachments": [], "EgressOnlyInternetGatewayId": "eigw-loose", "Tags": []}
    ]})
}

fn dual_stack() -> Vec<(&'static str, Value)> {
    vec![
        ("describe-vpcs.json", vpcs()),
        ("describe-subnets.json", subnets()),
        ("describe-route-tables.json", route_tables()),
        ("describe-network-acls.json", network_acls()),
        ("describe-security-groups.json", security_groups()),
        ("describe-instances.json", instances()),
        ("describe-network-interfaces.json", network_interfaces()),
        ("describe-nat-gateways.json", nat_gateways()),
        ("describe-internet-gateways.json", internet_gateways()),
        (
            "describe-egress-only-internet-gateways.json",
            egress_only_gateways(),
        ),
    ]
}

#[test]
fn vpc_and_subnets_take_their_associated_ipv6_blocks() {
    let s = import(&dual_stack()).scenario;
    assert_eq!(s.vpcs.len(), 1);
    assert_eq!(s.vpcs[0].name, "dual");
    assert_eq!(s.vpcs[0].cidrs, vec!["10.0.0.0/16".parse().unwrap()]);
    assert_eq!(
        s.vpcs[0].ipv6_cidrs,
        vec![v6("2600:1f18:1234:5600::/56")],
        "the disassociated block is left out"
    );
    let blocks: Vec<(&str, Option<ipnet::Ipv6Net>)> = (s.subnets.iter())
        .map(|x| (x.id.as_str(), x.ipv6_cidr))
        .collect();
    assert_eq!(
        blocks,
        vec![
            ("subnet-pub", Some(v6("2600:1f18:1234:5600::/64"))),
            ("subnet-app", Some(v6("2600:1f18:1234:5601::/64"))),
            ("subnet-v4", None),
        ]
    );
}

#[test]
fn ipv6_routes_keep_their_targets_and_lose_the_local_routes() {
    let s = import(&dual_stack()).scenario;
    let table = |id: &str| s.route_tables.iter().find(|t| t.id == id).unwrap();
    let route = |d: &str, target: RouteTarget, state: RouteState| Route {
        destination: Destination::Cidr(ip(d)),
        target,
        state,
    };
    assert_eq!(
        table("rtb-pub").routes,
        vec![
            route(
                "0.0.0.0/0",
                RouteTarget::InternetGateway("igw-0a1".into()),
                RouteState::Active
            ),
            route(
                "::/0",
                RouteTarget::InternetGateway("igw-0a1".into()),
                RouteState::Active
            ),
        ]
    );
    assert_eq!(
        table("rtb-app").routes,
        vec![
            route(
                "0.0.0.0/0",
                RouteTarget::NatGateway("nat-0a1".into()),
                RouteState::Active
            ),
            route(
                "::/0",
                RouteTarget::EgressOnlyInternetGateway("eigw-0a1".into()),
                RouteState::Active
            ),
            route(
                "64:ff9b::/96",
                RouteTarget::NatGateway("nat-0a1".into()),
                RouteState::Active
            ),
            route(
                "2600:1f18:9999:ab00::/56",
                RouteTarget::PeeringConnection("pcx-0a1".into()),
                RouteState::Blackhole
            ),
        ]
    );
}

#[test]
fn egress_only_gateways_are_read_and_one_attached_to_nothing_is_left_out() {
    let imported = import(&dual_stack());
    assert_eq!(
        imported.scenario.egress_only_internet_gateways,
        vec![EgressOnlyInternetGateway {
            id: "eigw-0a1".into(),
            name: "v6-out".into(),
            vpc: "vpc-0a1".into(),
        }]
    );
    let report = (imported.files.iter())
        .find(|f| f.file == "describe-egress-only-internet-gateways.json")
        .expect("the file is in the report");
    assert_eq!(report.read, vec![("EgressOnlyInternetGateways", 2)]);
    assert_eq!(
        report.ignored,
        vec!["EgressOnlyInternetGateways[1]: skipped eigw-loose: it is attached to no VPC"]
    );
    assert!(report.inferred.is_empty());
    assert!(
        !imported.warnings.iter().any(|w| w.contains("IPv6")),
        "nothing IPv6 is skipped: {:#?}",
        imported.warnings
    );
}

#[test]
fn ipv6_acl_entries_become_rules_and_the_ipv6_star_rule_is_implicit() {
    let s = import(&dual_stack()).scenario;
    let acl = &s.network_acls[0];
    assert!(acl.default);
    assert_eq!(acl.subnets, vec!["subnet-pub", "subnet-app", "subnet-v4"]);
    let all = |number: u16, cidr: &str| AclRule {
        number,
        protocol: Protocol::All,
        ports: None,
        icmp: None,
        cidr: ip(cidr),
        action: Action::Allow,
    };
    assert_eq!(
        acl.outbound,
        vec![all(100, "0.0.0.0/0"), all(101, "::/0")],
        "32767 and 32768 are the implicit deny"
    );
    assert_eq!(
        acl.inbound,
        vec![
            AclRule {
                number: 80,
                protocol: Protocol::Tcp,
                ports: Some(PortRange::single(22)),
                icmp: None,
                cidr: ip("2001:db8::/32"),
                action: Action::Deny,
            },
            AclRule {
                number: 90,
                protocol: Protocol::Icmpv6,
                ports: None,
                icmp: Some(IcmpMatch {
                    icmp_type: Some(128),
                    code: None
                }),
                cidr: ip("2600:1f18:1234:5600::/56"),
                action: Action::Allow,
            },
            all(100, "0.0.0.0/0"),
            all(101, "::/0"),
        ]
    );
}

#[test]
fn security_group_ipv6_ranges_become_rules_and_icmpv6_keeps_type_and_code() {
    let s = import(&dual_stack()).scenario;
    let group = |id: &str| s.security_groups.iter().find(|g| g.id == id).unwrap();
    let rule = |protocol, ports, icmp, peer: &str, description: &str| SgRule {
        protocol,
        ports,
        icmp,
        peer: Peer::Cidr(ip(peer)),
        description: description.into(),
    };
    let https = Some(PortRange::single(443));
    assert_eq!(
        group("sg-web").inbound,
        vec![
            rule(Protocol::Tcp, https, None, "0.0.0.0/0", ""),
            rule(Protocol::Tcp, https, None, "::/0", "web over IPv6"),
            rule(
                Protocol::Icmpv6,
                None,
                Some(IcmpMatch {
                    icmp_type: Some(128),
                    code: None
                }),
                "2600:1f18:1234:5600::/56",
                ""
            ),
            rule(Protocol::Icmpv6, None, None, "2001:db8::/32", ""),
        ]
    );
    let anything = [
        rule(Protocol::All, None, None, "0.0.0.0/0", ""),
        rule(Protocol::All, None, None, "::/0", ""),
    ];
    assert_eq!(group("sg-web").outbound, anything);
    assert_eq!(group("sg-app").outbound, anything);
    assert_eq!(
        group("sg-app").inbound,
        vec![rule(
            Protocol::Tcp,
            Some(PortRange::single(8080)),
            None,
            "2600:1f18:1234:5600::/64",
            ""
        )]
    );
}

#[test]
fn interfaces_take_their_ipv6_addresses_wherever_they_are_built() {
    let s = import(&dual_stack()).scenario;
    let instance = |id: &str| {
        (s.instances.iter())
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{id} in {:?}", s.instances))
    };
    let web = &instance("i-web").interfaces[0];
    assert_eq!(web.id, "eni-web");
    assert_eq!(web.ipv6_addresses, vec![addr("2600:1f18:1234:5600::10")]);
    let app = &instance("i-app").interfaces[0];
    assert_eq!(
        app.ipv6_addresses,
        vec![
            addr("2600:1f18:1234:5601::20"),
            addr("2600:1f18:1234:5601::21")
        ],
        "in AWS order, each once"
    );
    let lambda = &instance("eni-lambda-host").interfaces[0];
    assert_eq!(lambda.ipv6_addresses, vec![addr("2600:1f18:1234:5601::30")]);
    let nat = &s.nat_gateways[0];
    assert_eq!(nat.interface.id, "eni-nat");
    assert!(nat.interface.ipv6_addresses.is_empty());
}

#[test]
fn the_dual_stack_import_is_valid() {
    let s = import(&dual_stack()).scenario;
    // AWS matches ICMPv6 rules on type and code as it does ICMP ones (an SG's FromPort and
    // ToPort, an ACL's IcmpTypeCode); the validator may not accept that yet, so those problems
    // are not counted here.
    let icmpv6_match = |p: &crate::scenario::Problem| {
        p.code == "icmp-without-icmp"
            && matches!(
                p.what,
                crate::scenario::Message::IcmpWithoutIcmp {
                    protocol: Protocol::Icmpv6
                }
            )
    };
    let errors: Vec<_> = (crate::scenario::validate(&s).into_iter())
        .filter(|p| p.is_error() && !icmpv6_match(p))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The dual-stack import traced over IPv6. Ignored while the engine's source/destination check
/// compares IPv6 packets with the interface's IPv4 address only (every IPv6 flow to or from an
/// instance ends `source-dest-check`); run with `--ignored`.
#[test]
fn the_dual_stack_import_traces_over_ipv6_as_aws_does() {
    let s = import(&dual_stack()).scenario;
    let net = crate::engine::Network::new(&s);
    let verdict = |from: &str, to: &str, port: u16| {
        let mut spec = crate::engine::FlowSpec::tcp(from, to, port);
        spec.ipv6 = true;
        crate::engine::trace(&net, &spec)
            .unwrap_or_else(|e| panic!("{from} -> {to}: {e:?}"))
            .verdict
    };
    // Through the internet gateway both ways; through the egress-only gateway out only.
    assert_eq!(
        verdict("2606:4700::1111", "i-web", 443),
        Verdict::Established
    );
    assert_eq!(
        verdict("i-app", "2606:4700::1111", 443),
        Verdict::Established
    );
    assert_ne!(
        verdict("2606:4700::1111", "i-app", 8080),
        Verdict::Established
    );
    // Web reaches app's IPv6 port inside the VPC.
    assert_eq!(verdict("i-web", "i-app", 8080), Verdict::Established);
}

#[test]
fn a_route_to_a_missing_egress_only_gateway_makes_a_stand_in_of_the_tables_vpc() {
    let imported = import(&[
        ("describe-vpcs.json", vpcs()),
        ("describe-route-tables.json", route_tables()),
    ]);
    let s = &imported.scenario;
    assert_eq!(
        s.egress_only_internet_gateways,
        vec![EgressOnlyInternetGateway {
            id: "eigw-0a1".into(),
            name: "eigw-0a1".into(),
            vpc: "vpc-0a1".into(),
        }]
    );
    let inferred: Vec<&String> = (imported.files.iter())
        .flat_map(|f| &f.inferred)
        .filter(|w| w.contains("eigw-0a1"))
        .collect();
    assert_eq!(
        inferred,
        vec![
            "route table rtb-app routes to egress-only internet gateway eigw-0a1, which the describe output lacks; it is taken to be vpc-0a1's egress-only internet gateway (add the output of `aws ec2 describe-egress-only-internet-gateways` to name it)"
        ]
    );
    // The internet gateway is stood in for the same way as before.
    assert_eq!(s.internet_gateways[0].id, "igw-0a1");
}

#[test]
fn ipv6_prefix_list_entries_and_transit_gateway_routes_are_kept() {
    let imported = import(&[
        ("describe-vpcs.json", vpcs()),
        ("describe-subnets.json", subnets()),
        (
            "describe-prefix-lists.json",
            json!({"PrefixLists": [
                {"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3",
                 "Cidrs": ["52.216.0.0/15", "2600:1fa0:80::/41"]},
                {"PrefixListId": "pl-0v6only", "PrefixListName": "office-v6", "AddressFamily": "IPv6",
                 "Cidrs": ["2001:db8:100::/48"]}
            ]}),
        ),
        (
            "tgw.json",
            json!({
                "TransitGateways": [{"TransitGatewayId": "tgw-1", "State": "available"}],
                "TransitGatewayVpcAttachments": [
                    {"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1",
                     "VpcId": "vpc-0a1", "SubnetIds": ["subnet-app"], "State": "available",
                     "Options": {"Ipv6Support": "enable"}}],
                "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1"}],
                "TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "Routes": [
                    {"DestinationCidrBlock": "2600:1f18:1234:5600::/56", "State": "active", "Type": "static",
                     "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1", "ResourceType": "vpc"}]},
                    {"DestinationCidrBlock": "2001:db8:dead::/48", "State": "blackhole", "Type": "static"}
                ]}]
            }),
        ),
    ]);
    let s = &imported.scenario;
    let lists: Vec<(&str, &Vec<IpNet>)> = (s.prefix_lists.iter())
        .map(|p| (p.id.as_str(), &p.cidrs))
        .collect();
    assert_eq!(
        lists,
        vec![
            (
                "pl-63a5400a",
                &vec![ip("52.216.0.0/15"), ip("2600:1fa0:80::/41")]
            ),
            ("pl-0v6only", &vec![ip("2001:db8:100::/48")]),
        ]
    );
    assert_eq!(
        s.transit_gateways[0].route_tables[0].routes,
        vec![
            TgwRoute {
                destination: ip("2600:1f18:1234:5600::/56"),
                attachment: Some("tgw-attach-1".into()),
            },
            TgwRoute {
                destination: ip("2001:db8:dead::/48"),
                attachment: None,
            },
        ]
    );
}

#[test]
fn malformed_ipv6_values_are_errors_naming_the_file_and_field() {
    let cases: [(&str, Value, &str); 6] = [
        (
            "describe-vpcs.json",
            json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/129"}]}]}),
            r#"describe-vpcs.json: Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock: invalid IPv6 CIDR "2600:1f18::/129""#,
        ),
        (
            "describe-subnets.json",
            json!({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "10.0.0.0/24"}]}]}),
            r#"describe-subnets.json: Subnets[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock: invalid IPv6 CIDR "10.0.0.0/24""#,
        ),
        (
            "describe-route-tables.json",
            json!({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
                {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"},
                {"DestinationIpv6CidrBlock": "2600:1f18::zz/56", "EgressOnlyInternetGatewayId": "eigw-1"}]}]}),
            r#"describe-route-tables.json: RouteTables[0].Routes[1].DestinationIpv6CidrBlock: invalid IPv6 CIDR "2600:1f18::zz/56""#,
        ),
        (
            "describe-network-acls.json",
            json!({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Entries": [
                {"RuleNumber": 101, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "Ipv6CidrBlock": 6}]}]}),
            r#"describe-network-acls.json: NetworkAcls[0].Entries[0].Ipv6CidrBlock: expected an IPv6 CIDR such as "2600:1f18::/56", found 6"#,
        ),
        (
            "describe-security-groups.json",
            json!({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissions": [
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "Ipv6Ranges": [{"CidrIpv6": "::/200"}]}]}]}),
            r#"describe-security-groups.json: SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0].CidrIpv6: invalid IPv6 CIDR "::/200""#,
        ),
        (
            "describe-network-interfaces.json",
            json!({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1",
                "PrivateIpAddress": "10.0.0.5", "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::1::2"}]}]}),
            r#"describe-network-interfaces.json: NetworkInterfaces[0].Ipv6Addresses[0].Ipv6Address: invalid IPv6 address "2600:1f18::1::2""#,
        ),
    ];
    for (name, value, expected) in cases {
        assert_eq!(import_err(&[(name, value)]), expected);
    }
    // A describe-instances interface is read the same way.
    let e = import_err(&[(
        "describe-instances.json",
        json!({"Reservations": [{"Instances": [{"InstanceId": "i-1", "NetworkInterfaces": [
            {"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.0.5",
             "Ipv6Addresses": [{"IsPrimaryIpv6": true}]}]}]}]}),
    )]);
    assert_eq!(
        e,
        "describe-instances.json: Reservations[0].Instances[0].NetworkInterfaces[0].Ipv6Addresses[0]: missing field `Ipv6Address`"
    );
    let e = import_err(&[(
        "describe-egress-only-internet-gateways.json",
        json!({"EgressOnlyInternetGateways": [{"Attachments": [{"State": "attached"}]}]}),
    )]);
    assert_eq!(
        e,
        "describe-egress-only-internet-gateways.json: EgressOnlyInternetGateways[0]: missing field `EgressOnlyInternetGatewayId`"
    );
}

#[test]
fn output_without_ipv6_fields_or_with_nulls_imports_as_before() {
    let s = import(&[(
        "s.json",
        json!({
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Ipv6CidrBlockAssociationSet": null}],
            "Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
                "Ipv6CidrBlockAssociationSet": null}],
            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a",
                "PrivateIpAddress": "10.0.0.5", "Ipv6Addresses": null}],
            "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissions": [
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}],
                 "Ipv6Ranges": null}]}]
        }),
    )])
    .scenario;
    assert!(s.vpcs[0].ipv6_cidrs.is_empty());
    assert_eq!(s.subnets[0].ipv6_cidr, None);
    assert!(s.instances[0].interfaces[0].ipv6_addresses.is_empty());
    assert_eq!(s.security_groups[0].inbound.len(), 1);
    assert!(s.egress_only_internet_gateways.is_empty());
}
