//! Unit tests of the AWS importer on small hand-written describe outputs.

use super::*;
use crate::model::*;
use serde_json::json;

fn file(name: &str, value: serde_json::Value) -> (String, String) {
    (name.to_string(), value.to_string())
}

fn import(files: &[(String, String)]) -> Imported {
    import_files(files).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn import_err(files: &[(String, String)]) -> String {
    import_files(files)
        .expect_err("the import should fail")
        .to_string()
}

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

fn vpc_file() -> (String, String) {
    file(
        "vpcs.json",
        json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}),
    )
}

#[test]
fn bad_cidr_names_file_and_path() {
    let e = import_err(&[file(
        "describe-subnets.json",
        json!({"Subnets": [
            {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24"},
            {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/33"}
        ]}),
    )]);
    assert_eq!(
        e,
        r#"describe-subnets.json: Subnets[1].CidrBlock: invalid IPv4 CIDR "10.0.1.0/33""#
    );
}

#[test]
fn wrong_type_names_the_path() {
    let e = import_err(&[file("v.json", json!({"Vpcs": {"VpcId": "vpc-1"}}))]);
    assert_eq!(e, "v.json: Vpcs: expected an array, found an object");
    let e = import_err(&[file(
        "acl.json",
        json!({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1",
            "Entries": [{"RuleNumber": 100, "Egress": "no", "Protocol": "-1",
                         "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}]}]}),
    )]);
    assert_eq!(
        e,
        r#"acl.json: NetworkAcls[0].Entries[0].Egress: expected true or false, found "no""#
    );
}

#[test]
fn bad_address_and_missing_key_name_the_path() {
    let e = import_err(&[file(
        "eni.json",
        json!({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a",
            "PrivateIpAddress": "10.0.0.300"}]}),
    )]);
    assert_eq!(
        e,
        r#"eni.json: NetworkInterfaces[0].PrivateIpAddress: invalid IPv4 address "10.0.0.300""#
    );
    let e = import_err(&[file(
        "s.json",
        json!({"Subnets": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24"}]}),
    )]);
    assert_eq!(e, "s.json: Subnets[0]: missing field `SubnetId`");
}

#[test]
fn numbers_out_of_range_and_nulls_name_the_path() {
    let e = acl_with(json!([
        {"RuleNumber": 70000, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}
    ]))
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "acl.json: NetworkAcls[0].Entries[0].RuleNumber: expected an integer from 0 to 65535, found 70000"
    );
    // An optional field may be null; a list that defaults to empty may not.
    let s = import(&[file(
        "s.json",
        json!({"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1",
            "CidrBlock": "10.0.0.0/24", "Ipv6CidrBlockAssociationSet": null}],
            "Vpcs": null}),
    )])
    .scenario;
    assert_eq!(s.subnets.len(), 1);
    let e = import_err(&[file(
        "s.json",
        json!({"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": null}]}),
    )]);
    assert_eq!(e, "s.json: Subnets[0].Tags: expected an array, found null");
}

#[test]
fn interface_tags_may_be_called_tag_set() {
    let mut tagged = eni("eni-1", "subnet-a", "10.0.0.5");
    tagged["TagSet"] = json!([{"Key": "Name", "Value": "lb-node"}]);
    let s = import(&[file("eni.json", json!({"NetworkInterfaces": [tagged]}))]).scenario;
    assert_eq!(s.instances[0].name, "lb-node");
}

#[test]
fn bad_protocol_and_action_are_rejected() {
    let e = import_err(&[file(
        "sg.json",
        json!({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
            "IpPermissions": [{"IpProtocol": "tcpp"}]}]}),
    )]);
    assert!(
        e.starts_with("sg.json: SecurityGroups[0].IpPermissions[0].IpProtocol: unknown protocol"),
        "{e}"
    );
    let e = import_err(&[file(
        "acl.json",
        json!({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1",
            "Entries": [{"RuleNumber": 100, "Egress": false, "Protocol": "-1",
                         "RuleAction": "maybe", "CidrBlock": "0.0.0.0/0"}]}]}),
    )]);
    assert_eq!(
        e,
        r#"acl.json: NetworkAcls[0].Entries[0].RuleAction: expected "allow" or "deny", found "maybe""#
    );
}

#[test]
fn invalid_json_is_a_syntax_error_naming_the_file() {
    let e = import_files(&[("x.json".into(), "{\"Vpcs\": [".into())]).unwrap_err();
    assert!(matches!(&e, ImportError::Syntax { file, .. } if file == "x.json"));
    assert!(e.to_string().starts_with("x.json: not valid JSON:"), "{e}");
}

#[test]
fn unknown_files_are_skipped_with_a_warning() {
    let imported = import(&[
        file("notes.json", json!({"Hello": 1})),
        file("list.json", json!([1, 2])),
        vpc_file(),
    ]);
    assert_eq!(imported.scenario.vpcs.len(), 1);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(imported.warnings[0].starts_with("notes.json: skipped"));
    assert!(imported.warnings[1].starts_with("list.json: skipped"));
}

#[test]
fn no_recognised_file_is_an_error() {
    let e = import_files(&[file("notes.json", json!({"Hello": 1}))]).unwrap_err();
    assert_eq!(
        e,
        ImportError::NothingRecognised {
            files: vec!["notes.json".into()]
        }
    );
    assert!(matches!(
        import_files(&[]),
        Err(ImportError::NothingRecognised { .. })
    ));
}

#[test]
fn scenario_is_versioned_and_titled_after_the_vpcs() {
    let s = import(&[file(
        "vpcs.json",
        json!({"Vpcs": [
            {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "prod"}]},
            {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}
        ]}),
    )])
    .scenario;
    assert_eq!(s.version, FORMAT_VERSION);
    assert_eq!(s.name, "Imported from AWS (prod, vpc-2)");
    assert!(s.description.contains("vpcs.json"));
}

#[test]
fn vpc_takes_associated_blocks_primary_first() {
    let s = import(&[file(
        "vpcs.json",
        json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
        "CidrBlockAssociationSet": [
            {"CidrBlock": "10.1.0.0/16", "CidrBlockState": {"State": "associated"}},
            {"CidrBlock": "10.2.0.0/16", "CidrBlockState": {"State": "disassociated"}},
            {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}}
        ]}]}),
    )])
    .scenario;
    assert_eq!(
        s.vpcs[0].cidrs,
        vec![net("10.0.0.0/16"), net("10.1.0.0/16")]
    );
    assert_eq!(s.vpcs[0].name, "vpc-1");
}

#[test]
fn ipv6_only_subnet_is_skipped_with_a_warning() {
    let imported = import(&[file(
        "s.json",
        json!({"Subnets": [
            {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "az-a"},
            {"SubnetId": "subnet-6", "VpcId": "vpc-1"}
        ]}),
    )]);
    let s = &imported.scenario;
    assert_eq!(s.subnets.len(), 1);
    assert_eq!(s.subnets[0].az, "az-a");
    assert!(imported.warnings[0].contains("subnet-6"));
}

#[test]
fn routes_map_every_target_kind_and_skip_local() {
    let imported = import(&[file(
        "rt.json",
        json!({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
        "Associations": [
            {"Main": true},
            {"Main": false, "SubnetId": "subnet-a", "AssociationState": {"State": "associated"}},
            {"Main": false, "SubnetId": "subnet-old", "AssociationState": {"State": "disassociated"}}
        ],
        "Routes": [
            {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"},
            {"DestinationCidrBlock": "10.5.0.0/16", "NatGatewayId": "nat-1", "State": "blackhole"},
            {"DestinationCidrBlock": "10.6.0.0/16", "InstanceId": "i-1", "NetworkInterfaceId": "eni-9"},
            {"DestinationCidrBlock": "10.7.0.0/16", "NetworkInterfaceId": "eni-2"},
            {"DestinationCidrBlock": "10.8.0.0/16", "VpcPeeringConnectionId": "pcx-1"},
            {"DestinationCidrBlock": "10.9.0.0/16", "TransitGatewayId": "tgw-1"},
            {"DestinationPrefixListId": "pl-s3", "GatewayId": "vpce-1"},
            {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"},
            {"DestinationCidrBlock": "192.168.0.0/16", "GatewayId": "vgw-1"}
        ]}]}),
    )]);
    let t = &imported.scenario.route_tables[0];
    assert!(t.main);
    assert_eq!(t.subnets, vec!["subnet-a".to_string()]);
    let targets: Vec<&RouteTarget> = t.routes.iter().map(|r| &r.target).collect();
    assert_eq!(
        targets,
        vec![
            &RouteTarget::InternetGateway("igw-1".into()),
            &RouteTarget::NatGateway("nat-1".into()),
            &RouteTarget::Instance("i-1".into()),
            &RouteTarget::NetworkInterface("eni-2".into()),
            &RouteTarget::PeeringConnection("pcx-1".into()),
            &RouteTarget::TransitGateway("tgw-1".into()),
            &RouteTarget::GatewayEndpoint("vpce-1".into()),
            &RouteTarget::InternetGateway("igw-1".into()),
            &RouteTarget::VpnGateway("vgw-1".into()),
        ]
    );
    assert_eq!(
        t.routes[7].destination,
        Destination::Cidr("::/0".parse().unwrap())
    );
    assert_eq!(
        t.routes[0].destination,
        Destination::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0")))
    );
    assert_eq!(t.routes[0].state, RouteState::Active);
    assert_eq!(t.routes[1].state, RouteState::Blackhole);
    assert_eq!(
        t.routes[6].destination,
        Destination::PrefixList("pl-s3".into())
    );
    let w = imported.warnings.join("\n");
    assert!(!w.contains("IPv6"), "{w}");
    assert!(
        w.contains("virtual private gateway vgw-1 is not in the output"),
        "{w}"
    );
    // The endpoint is rebuilt from its route, and the unknown prefix list is reported.
    assert_eq!(
        imported.scenario.gateway_endpoints,
        vec![GatewayEndpoint {
            id: "vpce-1".into(),
            name: "vpce-1".into(),
            vpc: "vpc-1".into(),
            prefix_list: "pl-s3".into()
        }]
    );
    assert!(
        w.contains("prefix list pl-s3 is used but its addresses are unknown"),
        "{w}"
    );
}

fn acl_with(entries: serde_json::Value) -> Result<Imported, ImportError> {
    import_files(&[file(
        "acl.json",
        json!({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
            "Associations": [{"SubnetId": "subnet-a"}, {"SubnetId": "subnet-b"}],
            "Entries": entries}]}),
    )])
}

#[test]
fn acl_entries_become_numbered_rules() {
    let s = acl_with(json!([
        {"RuleNumber": 200, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
        {"RuleNumber": 50, "Egress": false, "Protocol": "6", "RuleAction": "deny",
         "CidrBlock": "10.0.1.0/24", "PortRange": {"From": 22, "To": 22}},
        {"RuleNumber": 60, "Egress": false, "Protocol": "1", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "IcmpTypeCode": {"Type": 8, "Code": -1}},
        {"RuleNumber": 70, "Egress": false, "Protocol": "1", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "IcmpTypeCode": {"Type": -1, "Code": -1}},
        {"RuleNumber": 80, "Egress": false, "Protocol": "50", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1, "To": 2}},
        {"RuleNumber": 90, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "Ipv6CidrBlock": "::/0"},
        {"RuleNumber": 32767, "Egress": false, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"},
        {"RuleNumber": 100, "Egress": true, "Protocol": "17", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1024, "To": 65535}}
    ]))
    .unwrap()
    .scenario;
    let acl = &s.network_acls[0];
    assert!(!acl.default);
    assert_eq!(acl.subnets, vec!["subnet-a", "subnet-b"]);
    let numbers: Vec<u16> = acl.inbound.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![50, 60, 70, 80, 90, 200]);
    assert_eq!(acl.inbound[4].cidr, "::/0".parse::<ipnet::IpNet>().unwrap());
    assert_eq!(
        acl.inbound[0],
        AclRule {
            number: 50,
            protocol: Protocol::Tcp,
            ports: Some(PortRange::single(22)),
            icmp: None,
            cidr: ipnet::IpNet::V4(net("10.0.1.0/24")),
            action: Action::Deny,
        }
    );
    assert_eq!(
        acl.inbound[1].icmp,
        Some(IcmpMatch {
            icmp_type: Some(8),
            code: None
        })
    );
    assert_eq!(acl.inbound[2].icmp, None);
    assert_eq!(acl.inbound[3].protocol, Protocol::Number(50));
    assert_eq!(acl.inbound[3].ports, None, "ports only for tcp and udp");
    assert_eq!(acl.outbound.len(), 1);
    assert_eq!(acl.outbound[0].protocol, Protocol::Udp);
    assert_eq!(acl.outbound[0].ports, PortRange::new(1024, 65535));
}

#[test]
fn acl_rejects_bad_numbers_with_paths() {
    let e = acl_with(json!([
        {"RuleNumber": 0, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}
    ]))
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "acl.json: NetworkAcls[0].Entries[0].RuleNumber: rule number 0 is outside 1-32766"
    );
    let e = acl_with(json!([
        {"RuleNumber": 5, "Egress": false, "Protocol": "6", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 90, "To": 80}}
    ]))
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "acl.json: NetworkAcls[0].Entries[0].PortRange.From: port range 90-80 runs backwards"
    );
    let e = acl_with(json!([
        {"RuleNumber": 5, "Egress": false, "Protocol": "6", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 70000}}
    ]))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("acl.json: NetworkAcls[0].Entries[0].PortRange.To: port 70000"),
        "{e}"
    );
    let e = acl_with(json!([
        {"RuleNumber": 5, "Egress": false, "Protocol": "1", "RuleAction": "allow",
         "CidrBlock": "0.0.0.0/0", "IcmpTypeCode": {"Type": 300, "Code": 0}}
    ]))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("acl.json: NetworkAcls[0].Entries[0].IcmpTypeCode.Type: ICMP type 300"),
        "{e}"
    );
}

#[test]
fn security_group_permissions_expand_to_one_rule_per_peer() {
    let imported = import(&[file(
        "sg.json",
        json!({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1",
        "IpPermissions": [
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
             "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "anyone"}, {"CidrIp": "10.0.0.0/8"}],
             "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
             "UserIdGroupPairs": [{"GroupId": "sg-2", "UserId": "1"}],
             "PrefixListIds": [{"PrefixListId": "pl-1", "Description": "office"}]},
            {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "icmpv6", "FromPort": -1, "ToPort": -1, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
            {"IpProtocol": "udp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "50", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}
        ],
        "IpPermissionsEgress": [
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        ]}]}),
    )]);
    let g = &imported.scenario.security_groups[0];
    assert_eq!(g.name, "web", "no Name tag: the group name");
    let peers: Vec<&Peer> = g.inbound.iter().map(|r| &r.peer).collect();
    let any6 = Peer::Cidr("::/0".parse().unwrap());
    assert_eq!(
        peers,
        vec![
            &Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
            &Peer::Cidr(ipnet::IpNet::V4(net("10.0.0.0/8"))),
            &any6,
            &Peer::Group("sg-2".into()),
            &Peer::PrefixList("pl-1".into()),
            &Peer::Cidr(ipnet::IpNet::V4(net("10.0.0.0/8"))),
            &any6,
            &Peer::Cidr(ipnet::IpNet::V4(net("10.0.0.0/8"))),
            &Peer::Cidr(ipnet::IpNet::V4(net("10.0.0.0/8"))),
        ]
    );
    assert!(g.inbound[..5]
        .iter()
        .all(|r| r.protocol == Protocol::Tcp && r.ports == Some(PortRange::single(443))));
    assert_eq!(g.inbound[0].description, "anyone");
    assert_eq!(g.inbound[4].description, "office");
    assert_eq!(g.inbound[5].protocol, Protocol::Icmp);
    assert_eq!(
        g.inbound[5].icmp,
        Some(IcmpMatch {
            icmp_type: Some(8),
            code: None
        })
    );
    assert_eq!(g.inbound[6].protocol, Protocol::Icmpv6);
    assert_eq!((g.inbound[6].ports, g.inbound[6].icmp), (None, None));
    assert_eq!(g.inbound[7].protocol, Protocol::Udp);
    assert_eq!(g.inbound[7].ports, None, "-1 means every port");
    assert_eq!(g.inbound[8].protocol, Protocol::Number(50));
    assert_eq!(g.outbound.len(), 1);
    assert_eq!(g.outbound[0].protocol, Protocol::All);
}

#[test]
fn security_group_rejects_backwards_ports_with_path() {
    let e = import_err(&[file(
        "sg.json",
        json!({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
            "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 100, "ToPort": 10,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}),
    )]);
    assert_eq!(
        e,
        "sg.json: SecurityGroups[0].IpPermissionsEgress[0].FromPort: port range 100-10 runs backwards"
    );
}

fn eni(id: &str, subnet: &str, ip: &str) -> serde_json::Value {
    json!({"NetworkInterfaceId": id, "SubnetId": subnet, "PrivateIpAddress": ip,
           "Groups": [{"GroupId": "sg-1", "GroupName": "x"}], "SourceDestCheck": true})
}

#[test]
fn instances_keep_interfaces_in_device_order_and_skip_terminated() {
    let mut secondary = eni("eni-b", "subnet-b", "10.0.1.5");
    secondary["Attachment"] = json!({"DeviceIndex": 1, "InstanceId": "i-1"});
    secondary["SourceDestCheck"] = json!(false);
    let mut primary = eni("eni-a", "subnet-a", "10.0.0.5");
    primary["Attachment"] = json!({"DeviceIndex": 0, "InstanceId": "i-1"});
    primary["Association"] = json!({"PublicIp": "3.3.3.3", "IpOwnerId": "123456789012"});
    let s = import(&[file(
        "i.json",
        json!({"Reservations": [{"Instances": [
            {"InstanceId": "i-1", "State": {"Name": "running"}, "Platform": "windows",
             "NetworkInterfaces": [secondary, primary],
             "Tags": [{"Key": "Name", "Value": "router"}]},
            {"InstanceId": "i-2", "State": {"Name": "terminated"}, "NetworkInterfaces": []}
        ]}]}),
    )])
    .scenario;
    assert_eq!(s.instances.len(), 1);
    let i = &s.instances[0];
    assert_eq!((i.id.as_str(), i.name.as_str()), ("i-1", "router"));
    assert_eq!(i.os, Os::Windows);
    assert_eq!(i.role, Role::Generic);
    assert_eq!(i.listens, Listening::Any);
    assert_eq!(i.interfaces[0].id, "eni-a");
    assert_eq!(i.interfaces[0].public_ip, Some("3.3.3.3".parse().unwrap()));
    assert!(
        i.interfaces[0].elastic_ip,
        "owned by the account: an Elastic IP"
    );
    assert_eq!(i.interfaces[0].security_groups, vec!["sg-1"]);
    assert_eq!(i.interfaces[1].id, "eni-b");
    assert!(!i.interfaces[1].source_dest_check);
}

#[test]
fn describe_network_interfaces_completes_and_overrides_instances() {
    let mut inst_eni = eni("eni-a", "subnet-a", "10.0.0.5");
    inst_eni["Attachment"] = json!({"DeviceIndex": 0, "InstanceId": "i-1"});
    let mut updated = eni("eni-a", "subnet-a", "10.0.0.5");
    updated["Attachment"] = json!({"DeviceIndex": 0, "InstanceId": "i-1"});
    updated["Groups"] = json!([{"GroupId": "sg-9"}]);
    updated["Association"] = json!({"PublicIp": "3.3.3.4", "IpOwnerId": "amazon"});
    let mut extra = eni("eni-c", "subnet-a", "10.0.0.6");
    extra["Attachment"] = json!({"DeviceIndex": 1, "InstanceId": "i-1"});
    let mut orphan = eni("eni-o", "subnet-a", "10.0.0.7");
    orphan["Attachment"] = json!({"DeviceIndex": 0, "InstanceId": "i-7"});
    let imported = import(&[
        file(
            "i.json",
            json!({"Reservations": [{"Instances": [
                {"InstanceId": "i-1", "NetworkInterfaces": [inst_eni]}]}]}),
        ),
        file(
            "eni.json",
            json!({"NetworkInterfaces": [extra, updated, orphan]}),
        ),
    ]);
    let s = &imported.scenario;
    assert_eq!(s.instances.len(), 2);
    let i = &s.instances[0];
    let ids: Vec<&str> = i.interfaces.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, vec!["eni-a", "eni-c"]);
    assert_eq!(i.interfaces[0].security_groups, vec!["sg-9"]);
    assert_eq!(i.interfaces[0].public_ip, Some("3.3.3.4".parse().unwrap()));
    assert!(!i.interfaces[0].elastic_ip, "auto-assigned by amazon");
    assert_eq!(s.instances[1].id, "i-7");
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("instance i-7 is known only from its network interfaces")));
}

#[test]
fn service_interfaces_become_hosts_listening_everywhere() {
    let mut rds = eni("eni-r", "subnet-a", "10.0.0.20");
    rds["Description"] = json!("RDSNetworkInterface");
    rds["RequesterId"] = json!("amazon-rds");
    let mut cache = eni("eni-c", "subnet-a", "10.0.0.21");
    cache["Description"] = json!("ElastiCache my-redis-001");
    let mut elb = eni("eni-l", "subnet-a", "10.0.0.22");
    elb["Description"] = json!("ELB app/my-alb/50dc6c495c0c9188");
    elb["Attachment"] = json!({"InstanceOwnerId": "amazon-elb", "DeviceIndex": 1});
    let mut tgw = eni("eni-t", "subnet-a", "10.0.0.23");
    tgw["InterfaceType"] = json!("transit_gateway");
    let imported = import(&[file(
        "eni.json",
        json!({"NetworkInterfaces": [rds, cache, elb, tgw]}),
    )]);
    let s = &imported.scenario;
    assert!(s.databases.is_empty(), "engines and ports are unknown");
    let ids: Vec<&str> = s.instances.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["eni-l-host", "eni-r-db", "eni-c-cache"]);
    assert_eq!(s.instances[1].name, "RDS eni-r");
    assert!(s.instances.iter().all(|h| h.listens == Listening::Any));
    assert_eq!(
        s.instances[0].interfaces[0].private_ip,
        "10.0.0.22".parse::<std::net::Ipv4Addr>().unwrap()
    );
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("eni-r is an RDS interface; imported as a host that listens on every port"),
        "{w}"
    );
    assert!(w.contains("ELB app/my-alb"), "{w}");
    assert!(w.contains("skipped eni-t"), "{w}");
}

#[test]
fn stopped_instances_are_kept_but_marked() {
    let s = import(&[file(
        "i.json",
        json!({"Reservations": [{"Instances": [
            {"InstanceId": "i-1", "State": {"Name": "stopped"}, "NetworkInterfaces": [eni("eni-1", "subnet-a", "10.0.0.10")]},
            {"InstanceId": "i-2", "State": {"Name": "running"}, "NetworkInterfaces": [eni("eni-2", "subnet-a", "10.0.0.11")]}
        ]}]}),
    )])
    .scenario;
    assert!(s.instances[0].stopped);
    assert!(!s.instances[1].stopped);
}

#[test]
fn nat_gateways_take_their_primary_address_and_skip_deleted_ones() {
    let s = import(&[file(
        "nat.json",
        json!({"NatGateways": [
            {"NatGatewayId": "nat-1", "SubnetId": "subnet-a", "State": "available",
             "ConnectivityType": "public",
             "NatGatewayAddresses": [
                {"NetworkInterfaceId": "eni-n2", "PrivateIp": "10.0.0.31", "IsPrimary": false},
                {"NetworkInterfaceId": "eni-n", "PrivateIp": "10.0.0.30", "PublicIp": "1.2.3.4", "IsPrimary": true}
             ]},
            {"NatGatewayId": "nat-2", "SubnetId": "subnet-a", "State": "deleted",
             "NatGatewayAddresses": [{"PrivateIp": "10.0.0.40"}]},
            {"NatGatewayId": "nat-3", "SubnetId": "subnet-b", "ConnectivityType": "private",
             "NatGatewayAddresses": [{"NetworkInterfaceId": "eni-p", "PrivateIp": "10.0.1.30"}]}
        ]}),
    )])
    .scenario;
    assert_eq!(s.nat_gateways.len(), 2);
    let n = &s.nat_gateways[0];
    assert_eq!(n.connectivity, Connectivity::Public);
    assert_eq!(n.interface.id, "eni-n");
    assert_eq!(n.interface.public_ip, Some("1.2.3.4".parse().unwrap()));
    assert!(n.interface.elastic_ip);
    assert!(!n.interface.source_dest_check);
    assert!(n.interface.security_groups.is_empty());
    let p = &s.nat_gateways[1];
    assert_eq!(p.connectivity, Connectivity::Private);
    assert_eq!(p.interface.public_ip, None);
    assert!(!p.interface.elastic_ip);
}

#[test]
fn nat_gateway_known_only_from_its_interface_is_rebuilt() {
    let mut nat_eni = eni("eni-n", "subnet-a", "10.0.0.30");
    nat_eni["Description"] = json!("Interface for NAT Gateway nat-7");
    nat_eni["Association"] = json!({"PublicIp": "1.2.3.4", "IpOwnerId": "amazon"});
    let imported = import(&[file("eni.json", json!({"NetworkInterfaces": [nat_eni]}))]);
    let s = &imported.scenario;
    assert!(s.instances.is_empty(), "a NAT interface is no host");
    assert_eq!(s.nat_gateways.len(), 1);
    assert_eq!(s.nat_gateways[0].id, "nat-7");
    assert_eq!(
        s.nat_gateways[0].interface.public_ip,
        Some("1.2.3.4".parse().unwrap())
    );
    assert!(s.nat_gateways[0].interface.security_groups.is_empty());
}

#[test]
fn gateways_and_peerings_follow_their_state() {
    let imported = import(&[
        vpc_file(),
        file(
            "igw.json",
            json!({"InternetGateways": [
                {"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]},
                {"InternetGatewayId": "igw-2", "Attachments": [{"State": "detached", "VpcId": "vpc-1"}]},
                {"InternetGatewayId": "igw-3", "Attachments": []}
            ]}),
        ),
        file(
            "pcx.json",
            json!({"VpcPeeringConnections": [
                {"VpcPeeringConnectionId": "pcx-1", "RequesterVpcInfo": {"VpcId": "vpc-1"},
                 "AccepterVpcInfo": {"VpcId": "vpc-1"}, "Status": {"Code": "active"}},
                {"VpcPeeringConnectionId": "pcx-2", "RequesterVpcInfo": {"VpcId": "vpc-1"},
                 "AccepterVpcInfo": {"VpcId": "vpc-other"}, "Status": {"Code": "pending-acceptance"}},
                {"VpcPeeringConnectionId": "pcx-3", "RequesterVpcInfo": {"VpcId": "vpc-1"},
                 "AccepterVpcInfo": {"VpcId": "vpc-1"}, "Status": {"Code": "deleted"}}
            ]}),
        ),
    ]);
    let s = &imported.scenario;
    let vpcs: Vec<Option<&str>> = s
        .internet_gateways
        .iter()
        .map(|g| g.vpc.as_deref())
        .collect();
    assert_eq!(vpcs, vec![Some("vpc-1"), None, None]);
    assert_eq!(s.peerings.len(), 2);
    assert!(s.peerings[0].active);
    assert!(!s.peerings[1].active);
    assert_eq!(s.peerings[1].accepter, "vpc-other");
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("pcx-2 leads to vpc-other")));
}

#[test]
fn prefix_lists_and_endpoints_from_their_own_outputs() {
    let imported = import(&[
        file(
            "pl.json",
            json!({"PrefixLists": [
                {"PrefixListId": "pl-s3", "PrefixListName": "com.amazonaws.ap-northeast-2.s3",
                 "Cidrs": ["52.219.56.0/22", "2600:1f18::/40"]},
                {"PrefixListId": "pl-mine", "PrefixListName": "office", "AddressFamily": "IPv4"}
            ]}),
        ),
        file(
            "vpce.json",
            json!({"VpcEndpoints": [
                {"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
                 "ServiceName": "com.amazonaws.ap-northeast-2.s3", "State": "available"},
                {"VpcEndpointId": "vpce-2", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
                 "ServiceName": "com.amazonaws.ap-northeast-2.ssm", "State": "available"}
            ]}),
        ),
    ]);
    let s = &imported.scenario;
    assert_eq!(
        s.prefix_lists[0].cidrs,
        vec![
            ipnet::IpNet::V4(net("52.219.56.0/22")),
            "2600:1f18::/40".parse().unwrap()
        ],
        "IPv6 entries are kept"
    );
    assert!(s.prefix_lists[1].cidrs.is_empty());
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("pl-mine lists no addresses")));
    assert_eq!(
        s.gateway_endpoints,
        vec![GatewayEndpoint {
            id: "vpce-1".into(),
            name: "s3".into(),
            vpc: "vpc-1".into(),
            prefix_list: "pl-s3".into()
        }]
    );
}

#[test]
fn duplicates_keep_the_first_with_a_warning() {
    let imported = import(&[vpc_file(), vpc_file()]);
    assert_eq!(imported.scenario.vpcs.len(), 1);
    assert_eq!(imported.warnings.len(), 1);
    assert!(imported.warnings[0].contains("vpc-1 appears more than once"));
}

/// Route tables of vpc-1 naming `igw` in their default route, with `gateways` as the
/// describe-internet-gateways output (none when `None`).
fn routes_to(igws: &[&str], gateways: Option<serde_json::Value>) -> Imported {
    let tables: Vec<serde_json::Value> = igws
        .iter()
        .enumerate()
        .map(|(i, igw)| {
            json!({"RouteTableId": format!("rtb-{i}"), "VpcId": "vpc-1",
                "Associations": [{"Main": i == 0}],
                "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": igw}]})
        })
        .collect();
    let mut files = vec![
        vpc_file(),
        file("rt.json", json!({ "RouteTables": tables })),
    ];
    if let Some(g) = gateways {
        files.push(file("igw.json", g));
    }
    import(&files)
}

#[test]
fn a_route_to_an_internet_gateway_the_dump_lacks_gets_a_stand_in_of_its_vpc() {
    let imported = routes_to(&["igw-9", "igw-9"], None);
    let s = &imported.scenario;
    assert_eq!(
        s.internet_gateways,
        vec![InternetGateway {
            id: "igw-9".into(),
            name: "igw-9".into(),
            vpc: Some("vpc-1".into()),
        }]
    );
    let said: Vec<&String> = (imported.warnings.iter())
        .filter(|w| w.contains("igw-9"))
        .collect();
    assert_eq!(said.len(), 1, "said once: {:?}", imported.warnings);
    assert!(said[0].contains("rtb-0") && said[0].contains("describe-internet-gateways"));
    assert!(s
        .route_tables
        .iter()
        .all(|t| t.routes[0].state == RouteState::Active));
    let errors: Vec<_> = crate::scenario::validate(s)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "the stand-in makes it whole: {errors:?}");
}

#[test]
fn a_route_to_a_missing_gateway_of_a_vpc_that_has_one_is_a_blackhole() {
    let gateways = json!({"InternetGateways": [
        {"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}
    ]});
    let imported = routes_to(&["igw-1", "igw-gone"], Some(gateways));
    let s = &imported.scenario;
    assert_eq!(s.internet_gateways.len(), 1);
    let state = |t: usize| s.route_tables[t].routes[0].state;
    assert_eq!(
        (state(0), state(1)),
        (RouteState::Active, RouteState::Blackhole)
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("igw-gone") && w.contains("blackhole")),
        "{:?}",
        imported.warnings
    );
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn a_batfish_snapshot_folder_is_read_as_it_is() {
    let root = std::env::temp_dir().join(format!("vpcplay-snapshot-{}", std::process::id()));
    let write = |rel: &str, value: serde_json::Value| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, value.to_string()).unwrap();
    };
    write(
        "aws_configs/accounts/111/us-east-1/Vpcs.json",
        json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}),
    );
    write(
        "aws_configs/us-west-2/Subnets.json",
        json!({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1",
            "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-west-2a"}]}),
    );
    write(
        "configs/router.cfg.json",
        json!({"Vpcs": [{"VpcId": "vpc-x"}]}),
    );
    let imported = import_dir(&root);
    std::fs::remove_dir_all(&root).unwrap();
    let imported = imported.unwrap_or_else(|e| panic!("{e}"));
    let s = &imported.scenario;
    assert_eq!(
        s.vpcs.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        ["vpc-1"]
    );
    assert_eq!(s.subnets.len(), 1);
    assert!(
        s.description.contains("aws_configs/us-west-2/Subnets.json"),
        "{}",
        s.description
    );
}

#[test]
fn transit_gateways_are_read_with_associations_propagations_and_static_routes() {
    let files = [
        vpc_file(),
        file(
            "subnets.json",
            json!({"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-2a"}]}),
        ),
        file(
            "tgw.json",
            json!({
                "TransitGateways": [{"TransitGatewayId": "tgw-1", "State": "available", "Tags": [{"Key": "Name", "Value": "hub"}]}],
                "TransitGatewayVpcAttachments": [
                    {"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1", "VpcId": "vpc-1", "SubnetIds": ["subnet-a", "subnet-gone"], "State": "available"},
                    {"TransitGatewayAttachmentId": "tgw-attach-2", "TransitGatewayId": "tgw-1", "VpcId": "vpc-other-account", "SubnetIds": []}
                ],
                "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}}],
                "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1"}],
                "TransitGatewayPropagations": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayRouteTablePropagations": [{"TransitGatewayAttachmentId": "tgw-attach-1", "State": "enabled"}]}],
                "TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "Routes": [
                    {"DestinationCidrBlock": "192.168.0.0/16", "State": "active", "Type": "static", "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1"}]},
                    {"DestinationCidrBlock": "172.16.0.0/12", "State": "blackhole", "Type": "static"},
                    {"DestinationCidrBlock": "10.0.0.0/16", "State": "active", "Type": "propagated", "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1"}]},
                    {"DestinationCidrBlock": "100.64.0.0/10", "State": "active", "Type": "static", "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn"}]}
                ]}]
            }),
        ),
    ];
    let imported = import(&files);
    let [tgw] = imported.scenario.transit_gateways.as_slice() else {
        panic!(
            "one transit gateway: {:?}",
            imported.scenario.transit_gateways
        );
    };
    assert_eq!((tgw.id.as_str(), tgw.name.as_str()), ("tgw-1", "hub"));
    let [att] = tgw.attachments.as_slice() else {
        panic!(
            "only the attachment to an imported VPC: {:?}",
            tgw.attachments
        );
    };
    assert_eq!(att.subnets, vec!["subnet-a".to_string()]);
    assert_eq!(att.route_table.as_deref(), Some("tgw-rtb-1"));
    assert_eq!(att.propagates_to, vec!["tgw-rtb-1".to_string()]);
    let routes = &tgw.route_tables[0].routes;
    assert_eq!(
        routes,
        &vec![
            TgwRoute {
                destination: ipnet::IpNet::V4(net("192.168.0.0/16")),
                attachment: Some("tgw-attach-1".into()),
            },
            TgwRoute {
                destination: ipnet::IpNet::V4(net("172.16.0.0/12")),
                attachment: None,
            },
        ],
        "static and blackhole routes; propagated ones are worked out, a VPN's left out"
    );
    let said = imported.warnings.join("\n");
    for words in ["vpc-other-account", "subnet-gone", "tgw-attach-vpn"] {
        assert!(said.contains(words), "no warning naming {words}:\n{said}");
    }
}

#[test]
fn elbv2_output_becomes_load_balancers_with_their_nodes_listeners_and_targets() {
    let arn = "arn:aws:elasticloadbalancing:us-east-2:1:loadbalancer/net/front/abc";
    let alb = "arn:aws:elasticloadbalancing:us-east-2:1:loadbalancer/app/web/def";
    let tg = "arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/ssh/111";
    let bare = "arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/web/222";
    let mut node_a = eni("eni-na", "subnet-a", "10.0.0.40");
    node_a["Description"] = json!("ELB net/front/abc");
    node_a["InterfaceType"] = json!("network_load_balancer");
    node_a["Groups"] = json!([]);
    let mut node_b = eni("eni-nb", "subnet-a", "10.0.0.41");
    node_b["Description"] = json!("ELB app/web/def");
    node_b["Groups"] = json!([{"GroupId": "sg-alb"}]);
    let mut orphan = eni("eni-no", "subnet-a", "10.0.0.42");
    orphan["Description"] = json!("ELB app/gone/999");
    let imported = import(&[
        file(
            "eni.json",
            json!({"NetworkInterfaces": [node_a, node_b, orphan]}),
        ),
        file(
            "i.json",
            json!({"Reservations": [{"Instances": [
                {"InstanceId": "i-1", "NetworkInterfaces": [eni("eni-1", "subnet-a", "10.0.0.10")]}
            ]}]}),
        ),
        file(
            "LoadBalancers.json",
            json!({"LoadBalancers": [
                {"LoadBalancerArn": arn, "LoadBalancerName": "front", "Type": "network", "Scheme": "internal"},
                {"LoadBalancerArn": alb, "LoadBalancerName": "web", "Type": "application"}
            ]}),
        ),
        file(
            "LoadBalancerListeners.json",
            json!({"LoadBalancerListeners": [{"LoadBalancerArn": arn, "Listeners": [
                {"Port": 80, "Protocol": "TCP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": tg}]},
                {"Port": 53, "Protocol": "GENEVE", "DefaultActions": []}
            ]}]}),
        ),
        file(
            "listeners.json",
            json!({"Listeners": [
                {"LoadBalancerArn": alb, "Port": 80, "Protocol": "HTTP",
                 "DefaultActions": [{"Type": "redirect"}]},
                {"LoadBalancerArn": alb, "Port": 443, "Protocol": "HTTPS",
                 "DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": bare}]}}]}
            ]}),
        ),
        file(
            "TargetGroups.json",
            json!({"TargetGroups": [
                {"TargetGroupArn": tg, "TargetGroupName": "ssh", "Protocol": "TCP", "Port": 80,
                 "TargetType": "instance", "HealthCheckPort": "traffic-port"},
                {"TargetGroupArn": bare, "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080,
                 "TargetType": "instance", "HealthCheckPort": "8081", "HealthCheckPath": "/up"}
            ]}),
        ),
        file(
            "LoadBalancerTargetHealth.json",
            json!({"LoadBalancerTargetHealth": [{"TargetGroupArn": tg, "TargetHealthDescriptions": [
                {"Target": {"Id": "i-1", "Port": 22}, "TargetHealth": {"State": "healthy"}},
                {"Target": {"Id": "i-gone", "Port": 22}}
            ]}]}),
        ),
    ]);
    let s = &imported.scenario;
    let ids: Vec<&str> = s.load_balancers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, [arn, alb]);
    let nlb = &s.load_balancers[0];
    assert_eq!(
        (nlb.name.as_str(), nlb.kind, nlb.scheme),
        ("front", LbKind::Network, Scheme::Internal)
    );
    assert_eq!(nlb.nodes.len(), 1);
    assert!(
        nlb.nodes[0].security_groups.is_empty(),
        "an NLB may have no group"
    );
    assert_eq!(nlb.listeners.len(), 1, "the GENEVE listener is left out");
    assert_eq!(
        (nlb.listeners[0].port, nlb.listeners[0].protocol),
        (80, LbProtocol::Tcp)
    );
    let group = &nlb.target_groups[0];
    assert_eq!((group.port, group.health_check_port), (80, None));
    let targets: Vec<(&str, Option<u16>)> = group
        .targets
        .iter()
        .map(|t| (t.id.as_str(), t.port))
        .collect();
    assert_eq!(
        targets,
        [("i-1", Some(22))],
        "the unknown instance is left out"
    );
    let web = &s.load_balancers[1];
    assert_eq!(web.kind, LbKind::Application);
    assert_eq!(web.nodes[0].security_groups, ["sg-alb"]);
    assert_eq!(web.listeners.len(), 1, "the redirect is left out");
    let g = &web.target_groups[0];
    assert_eq!(
        (g.port, g.health_check_port, g.health_check_path.as_deref()),
        (8080, Some(8081), Some("/up"))
    );
    assert!(g.targets.is_empty());
    // The nodes are not imported as hosts; a node of a load balancer the output lacks still is.
    let hosts: Vec<&str> = s.instances.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(hosts, ["i-1", "eni-no-host"]);
    let w = imported.warnings.join("\n");
    for words in [
        "protocol GENEVE is not modelled",
        "only forward actions are simulated",
        "left out target i-gone",
        "targetgroup/web/222: its registered targets are not in the output",
    ] {
        assert!(w.contains(words), "{words}: {w}");
    }
}

#[test]
fn a_transit_gateway_peering_is_read_from_both_gateways_with_each_sides_association() {
    let attachments = |tgw: &str, peer: &str, table: &str| {
        json!({"TransitGatewayAttachments": [
            {"TransitGatewayAttachmentId": "tgw-attach-p", "TransitGatewayId": tgw,
             "ResourceType": "peering", "ResourceId": peer, "State": "available",
             "Association": {"TransitGatewayRouteTableId": table, "State": "associated"}}
        ]})
    };
    let imported = import(&[
        vpc_file(),
        file(
            "TransitGateways.json",
            json!({"TransitGateways": [{"TransitGatewayId": "tgw-a"}, {"TransitGatewayId": "tgw-b"}]}),
        ),
        file(
            "TransitGatewayRouteTables.json",
            json!({"TransitGatewayRouteTables": [
                {"TransitGatewayRouteTableId": "tgw-rtb-a", "TransitGatewayId": "tgw-a"},
                {"TransitGatewayRouteTableId": "tgw-rtb-b", "TransitGatewayId": "tgw-b"}
            ]}),
        ),
        file(
            "a/TransitGatewayAttachments.json",
            attachments("tgw-a", "tgw-b", "tgw-rtb-a"),
        ),
        file(
            "b/TransitGatewayAttachments.json",
            attachments("tgw-b", "tgw-a", "tgw-rtb-b"),
        ),
        file(
            "TransitGatewayStaticRoutes.json",
            json!({"TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId": "tgw-rtb-a", "Routes": [
                {"DestinationCidrBlock": "192.168.0.0/16", "State": "active", "Type": "static",
                 "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-p", "ResourceType": "peering"}]}
            ]}]}),
        ),
    ]);
    let s = &imported.scenario;
    let sides: Vec<(&str, &str, Option<&str>)> = (s.transit_gateways.iter())
        .flat_map(|g| {
            g.peerings
                .iter()
                .map(move |p| (g.id.as_str(), p.peer.as_str(), p.route_table.as_deref()))
        })
        .collect();
    assert_eq!(
        sides,
        [
            ("tgw-a", "tgw-b", Some("tgw-rtb-a")),
            ("tgw-b", "tgw-a", Some("tgw-rtb-b"))
        ]
    );
    let routes = &s.transit_gateways[0].route_tables[0].routes;
    assert_eq!(routes.len(), 1);
    assert_eq!(routes[0].attachment.as_deref(), Some("tgw-attach-p"));
    assert!(
        crate::scenario::validate(s).iter().all(|p| !p.is_error()),
        "{:?}",
        crate::scenario::validate(s)
    );
}

#[test]
fn vpn_connections_make_the_site_with_blocks_from_static_routes_and_router_configs() {
    let imported = import(&[
        vpc_file(),
        file(
            "VpnGateways.json",
            json!({"VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available",
                "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}]}),
        ),
        file(
            "VpnConnections.json",
            json!({"VpnConnections": [
                {"VpnConnectionId": "vpn-static", "State": "available", "VpnGatewayId": "vgw-1",
                 "Options": {"StaticRoutesOnly": true},
                 "Routes": [{"DestinationCidrBlock": "172.16.0.0/16", "State": "available"}],
                 "VgwTelemetry": [{"Status": "DOWN"}, {"Status": "UP"}]},
                {"VpnConnectionId": "vpn-down", "State": "available", "VpnGatewayId": "vgw-1",
                 "VgwTelemetry": [{"Status": "DOWN"}, {"Status": "DOWN"}]},
                {"VpnConnectionId": "vpn-gone", "State": "deleted", "VpnGatewayId": "vgw-1"},
                {"VpnConnectionId": "vpn-elsewhere", "State": "available", "VpnGatewayId": "vgw-9"}
            ]}),
        ),
        (
            "configs/router.cfg".to_string(),
            "router bgp 65000\n network 192.168.10.0 mask 255.255.255.0\n".to_string(),
        ),
    ]);
    let s = &imported.scenario;
    assert_eq!(s.vpn_gateways[0].vpc.as_deref(), Some("vpc-1"));
    let site = &s.on_prem_networks[0];
    let ids: Vec<&str> = site.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["vpn-static", "vpn-down"]);
    assert!(site.links[0].up && !site.links[1].up);
    assert_eq!(site.links[0].static_routes, vec![net("172.16.0.0/16")]);
    assert_eq!(
        site.cidrs,
        vec![net("172.16.0.0/16"), net("192.168.10.0/24")]
    );
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("configs/router.cfg: the on-premises network announces 192.168.10.0/24"),
        "{w}"
    );
    assert!(w.contains("vgw-9, which is not in the output"), "{w}");
    assert!(w.contains("both tunnels of vpn-down are down"), "{w}");
}

#[test]
fn a_gateway_association_makes_a_gateway_route_table() {
    let files = vec![
        vpc_file(),
        file(
            "igw.json",
            json!({"InternetGateways": [
                {"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}
            ]}),
        ),
        file(
            "rt.json",
            json!({"RouteTables": [{
                "RouteTableId": "rtb-edge", "VpcId": "vpc-1",
                "Associations": [
                    {"GatewayId": "igw-1", "Main": false, "AssociationState": {"State": "associated"}},
                    {"GatewayId": "igw-gone", "Main": false, "AssociationState": {"State": "associated"}}
                ],
                "Routes": [
                    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                    {"DestinationCidrBlock": "10.0.1.0/24", "NetworkInterfaceId": "eni-fw", "State": "active"},
                    {"DestinationCidrBlock": "10.0.2.0/24", "GatewayId": "vpce-gwlb", "State": "active"}
                ]
            }]}),
        ),
    ];
    let imported = import(&files);
    let t = &imported.scenario.route_tables[0];
    assert_eq!(t.gateways, vec!["igw-1".to_string()]);
    assert_eq!(
        t.routes
            .iter()
            .map(|r| crate::engine::walk::target_id(&r.target))
            .collect::<Vec<_>>(),
        vec!["eni-fw".to_string()]
    );
    let w = &imported.warnings;
    assert!(w.iter().any(|w| w.contains("igw-gone")), "{w:?}");
    assert!(
        w.iter()
            .any(|w| w.contains("vpce-gwlb") && w.contains("Gateway Load Balancer endpoint")),
        "{w:?}"
    );
}
