//! The AWS importer on the reference snapshots (real `aws ec2 describe-*` output, kept in
//! `tests/aws-cases/reference/`), on broken copies of them, and on arbitrary input.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use std::net::Ipv4Addr;
use std::path::PathBuf;
use vpc_playground::aws::{import_dir, import_files, ImportError, Imported};
use vpc_playground::model::*;

fn snapshot_dir(case: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/aws-cases/reference")
        .join(case);
    assert!(
        dir.is_dir(),
        "reference snapshot {} is missing",
        dir.display()
    );
    dir
}

/// The snapshot's files as (name, contents), in name order.
fn snapshot_files(case: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(snapshot_dir(case))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn import_case(case: &str) -> Imported {
    import_dir(&snapshot_dir(case)).unwrap_or_else(|e| panic!("{case}: {e}"))
}

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

fn ip(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

fn find<'a, T>(items: &'a [T], id: &str, get: impl Fn(&T) -> &str) -> &'a T {
    items
        .iter()
        .find(|x| get(x) == id)
        .unwrap_or_else(|| panic!("{id} not imported"))
}

#[test]
fn two_tier_nat_snapshot_imports_with_its_facts() {
    let Imported {
        scenario: s,
        warnings,
        ..
    } = import_case("two-tier-nat");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.version, FORMAT_VERSION);
    assert_eq!(s.name, "Imported from AWS (shop-vpc)");

    assert_eq!(s.vpcs.len(), 1);
    assert_eq!(s.vpcs[0].id, "vpc-03610f8013e99aca4");
    assert_eq!(s.vpcs[0].cidrs, vec![net("10.8.0.0/16")]);

    let public = find(&s.subnets, "subnet-00f2c1627f44180e5", |x| &x.id);
    assert_eq!(
        (public.name.as_str(), public.az.as_str(), public.cidr),
        ("shop-public-a", "ap-northeast-2a", net("10.8.0.0/24"))
    );
    let app = find(&s.subnets, "subnet-04cc852fbe1a1de9b", |x| &x.id);
    assert_eq!(app.cidr, net("10.8.1.0/24"));

    // Route tables: local routes dropped, the main table found by its association.
    assert_eq!(s.route_tables.len(), 3);
    let public_rt = find(&s.route_tables, "rtb-06ddbdf72d23d435f", |x| &x.id);
    assert!(!public_rt.main);
    assert_eq!(public_rt.subnets, vec!["subnet-00f2c1627f44180e5"]);
    assert_eq!(
        public_rt.routes,
        vec![Route {
            destination: Destination::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
            target: RouteTarget::InternetGateway("igw-0ccdaa4aa317e1ff9".into()),
            state: RouteState::Active,
        }]
    );
    let app_rt = find(&s.route_tables, "rtb-0059dd4daacebb014", |x| &x.id);
    assert_eq!(
        app_rt.routes[0].target,
        RouteTarget::NatGateway("nat-02a2d2ba15d3d540f".into())
    );
    let main: Vec<&str> = s
        .route_tables
        .iter()
        .filter(|t| t.main)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(main, vec!["rtb-0c18f0b46be2ef260"]);
    let main_rt = find(&s.route_tables, "rtb-0c18f0b46be2ef260", |x| &x.id);
    assert!(main_rt.routes.is_empty() && main_rt.subnets.is_empty());

    // The default ACL, without its `*` rules.
    assert_eq!(s.network_acls.len(), 1);
    let acl = &s.network_acls[0];
    assert_eq!(acl.id, "acl-008da1bef3f7c4087");
    assert!(acl.default);
    assert_eq!(acl.name, "acl-008da1bef3f7c4087", "no Name tag: the id");
    assert_eq!(acl.subnets.len(), 2);
    assert_eq!(acl.inbound.len(), 1);
    assert_eq!(acl.outbound.len(), 1);
    assert_eq!(
        (
            acl.inbound[0].number,
            acl.inbound[0].protocol,
            acl.inbound[0].action
        ),
        (100, Protocol::All, Action::Allow)
    );

    // Security groups and their references to each other.
    let web = find(&s.security_groups, "sg-02624e32f78f71d50", |x| &x.id);
    assert_eq!(web.name, "shop-web");
    let web_ports: Vec<Option<PortRange>> = web.inbound.iter().map(|r| r.ports).collect();
    assert_eq!(
        web_ports,
        vec![Some(PortRange::single(443)), Some(PortRange::single(80))]
    );
    assert!(web
        .inbound
        .iter()
        .all(|r| r.peer == Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0")))));
    let api = find(&s.security_groups, "sg-0d6819e7ee4f724a1", |x| &x.id);
    assert_eq!(
        api.inbound,
        vec![SgRule {
            protocol: Protocol::Tcp,
            ports: Some(PortRange::single(9000)),
            icmp: None,
            peer: Peer::Group("sg-02624e32f78f71d50".into()),
            description: String::new(),
        }]
    );
    assert_eq!(
        api.outbound[0].peer,
        Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0")))
    );
    let default = find(&s.security_groups, "sg-04637f4e026a1ae73", |x| &x.id);
    assert_eq!(default.name, "default");
    assert_eq!(
        default.inbound[0].peer,
        Peer::Group("sg-04637f4e026a1ae73".into()),
        "the default group admits its own members"
    );

    // Two instances; the NAT gateway's interface is not a host.
    assert_eq!(s.instances.len(), 2);
    assert!(s.databases.is_empty());
    let web1 = find(&s.instances, "i-0020d216c9e5c8c66", |x| &x.id);
    assert_eq!(web1.name, "shop-web-1");
    assert_eq!(web1.os, Os::Linux);
    assert_eq!(web1.listens, Listening::Any);
    assert_eq!(
        web1.interfaces,
        vec![Interface {
            ipv6_addresses: Default::default(),
            id: "eni-06449554f2a960288".into(),
            subnet: "subnet-00f2c1627f44180e5".into(),
            private_ip: ip("10.8.0.10"),
            public_ip: Some(ip("15.164.0.10")),
            elastic_ip: false,
            security_groups: vec!["sg-02624e32f78f71d50".into()],
            source_dest_check: true,
        }]
    );
    let api1 = find(&s.instances, "i-0d0142e69fddc5ac8", |x| &x.id);
    assert_eq!(api1.interfaces[0].private_ip, ip("10.8.1.10"));
    assert_eq!(api1.interfaces[0].public_ip, None);

    // The NAT gateway with its interface and Elastic IP.
    assert_eq!(s.nat_gateways.len(), 1);
    let nat = &s.nat_gateways[0];
    assert_eq!(nat.id, "nat-02a2d2ba15d3d540f");
    assert_eq!(nat.name, "shop-nat");
    assert_eq!(nat.connectivity, Connectivity::Public);
    assert_eq!(
        nat.interface,
        Interface {
            ipv6_addresses: Default::default(),
            id: "eni-02dffaec64abccb2c".into(),
            subnet: "subnet-00f2c1627f44180e5".into(),
            private_ip: ip("10.8.0.30"),
            public_ip: Some(ip("15.164.0.30")),
            elastic_ip: true,
            security_groups: vec![],
            source_dest_check: false,
        }
    );

    assert_eq!(
        s.internet_gateways,
        vec![InternetGateway {
            id: "igw-0ccdaa4aa317e1ff9".into(),
            name: "shop-igw".into(),
            vpc: Some("vpc-03610f8013e99aca4".into()),
        }]
    );
    assert!(s.peerings.is_empty());
}

#[test]
fn subnet_acl_snapshot_imports_with_its_facts() {
    let Imported {
        scenario: s,
        warnings,
        ..
    } = import_case("subnet-acl");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.vpcs[0].id, "vpc-0ae67d181ca69dc2f");
    assert_eq!(s.vpcs[0].cidrs, vec![net("10.9.0.0/16")]);
    assert_eq!(s.subnets.len(), 2);

    let lab_b = find(&s.network_acls, "acl-08153f36b11247d8e", |x| &x.id);
    assert_eq!(lab_b.name, "lab-b-acl");
    assert!(!lab_b.default);
    assert_eq!(lab_b.subnets, vec!["subnet-0b9490943ca280f18"]);
    assert_eq!(
        lab_b.inbound,
        vec![
            AclRule {
                number: 50,
                protocol: Protocol::Tcp,
                ports: Some(PortRange::single(22)),
                icmp: None,
                cidr: ipnet::IpNet::V4(net("10.9.1.0/24")),
                action: Action::Deny,
            },
            AclRule {
                number: 100,
                protocol: Protocol::All,
                ports: None,
                icmp: None,
                cidr: ipnet::IpNet::V4(net("10.9.0.0/16")),
                action: Action::Allow,
            },
        ]
    );
    assert_eq!(lab_b.outbound.len(), 1);
    assert_eq!(lab_b.outbound[0].cidr, ipnet::IpNet::V4(net("10.9.0.0/16")));
    let default = find(&s.network_acls, "acl-06154b4a35e8f6c2c", |x| &x.id);
    assert!(default.default);
    assert_eq!(default.subnets, vec!["subnet-09df9140b1d5ceac6"]);

    assert_eq!(s.route_tables.len(), 1);
    assert!(s.route_tables[0].main);
    assert!(s.route_tables[0].routes.is_empty());

    let names: Vec<(&str, &str, Ipv4Addr)> = s
        .instances
        .iter()
        .map(|i| (i.id.as_str(), i.name.as_str(), i.interfaces[0].private_ip))
        .collect();
    assert_eq!(
        names,
        vec![
            ("i-003f2751b8a933350", "lab-x", ip("10.9.1.10")),
            ("i-03ab195b36745a4cc", "lab-y", ip("10.9.2.10")),
            ("i-07cf40bb7042e293c", "lab-z", ip("10.9.2.11")),
        ]
    );
    let lab_all = find(&s.security_groups, "sg-08a124f152489f7bf", |x| &x.id);
    assert_eq!(
        lab_all.inbound[0].peer,
        Peer::Cidr(ipnet::IpNet::V4(net("10.9.0.0/16")))
    );
    assert!(s
        .instances
        .iter()
        .all(|i| i.interfaces[0].security_groups == vec!["sg-08a124f152489f7bf"]));
    assert!(s.internet_gateways.is_empty() && s.nat_gateways.is_empty());
}

#[test]
fn imported_scenarios_survive_the_scenario_format() {
    for case in ["two-tier-nat", "subnet-acl"] {
        let s = import_case(case).scenario;
        let text = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&text).unwrap();
        assert_eq!(back, s, "{case}");
    }
}

#[test]
fn import_dir_skips_unknown_json_and_ignores_other_files() {
    let dir = std::env::temp_dir().join(format!("vpcplay-aws-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in snapshot_files("subnet-acl") {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(dir.join("queries.json"), "[{\"case\": \"x\"}]").unwrap();
    std::fs::write(dir.join("notes.json"), "{\"Owner\": \"me\"}").unwrap();
    std::fs::write(dir.join("README.txt"), "not json at all").unwrap();
    let result = import_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let imported = result.unwrap();
    assert_eq!(imported.scenario.instances.len(), 3);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(imported.warnings[0].starts_with("notes.json: skipped"));
    assert!(imported.warnings[1].starts_with("queries.json: skipped"));
}

#[test]
fn import_dir_of_a_missing_directory_is_an_io_error() {
    let e = import_dir(std::path::Path::new("/nonexistent/vpcplay-aws")).unwrap_err();
    assert!(matches!(e, ImportError::Io { .. }), "{e}");
    assert!(e.to_string().starts_with("/nonexistent/vpcplay-aws: "));
}

/// The snapshot's files with `edit` applied to the JSON of the file named `name`.
fn edited(case: &str, name: &str, edit: impl Fn(&mut Value)) -> Vec<(String, String)> {
    snapshot_files(case)
        .into_iter()
        .map(|(n, text)| {
            if n == name {
                let mut v: Value = serde_json::from_str(&text).unwrap();
                edit(&mut v);
                (n, v.to_string())
            } else {
                (n, text)
            }
        })
        .collect()
}

fn error_of(files: &[(String, String)]) -> String {
    import_files(files)
        .expect_err("should be rejected")
        .to_string()
}

#[test]
fn bad_cidr_in_a_real_file_names_file_and_path() {
    let files = edited("subnet-acl", "describe-subnets.json", |v| {
        v["Subnets"][1]["CidrBlock"] = "10.0.1.0/33".into();
    });
    assert_eq!(
        error_of(&files),
        r#"describe-subnets.json: Subnets[1].CidrBlock: invalid IPv4 CIDR "10.0.1.0/33""#
    );
}

#[test]
fn wrong_type_in_a_real_file_names_file_and_path() {
    let files = edited("two-tier-nat", "describe-instances.json", |v| {
        v["Reservations"][1]["Instances"][0]["NetworkInterfaces"][0]["PrivateIpAddress"] =
            10.into();
    });
    assert_eq!(
        error_of(&files),
        "describe-instances.json: Reservations[1].Instances[0].NetworkInterfaces[0].PrivateIpAddress: \
         expected an IPv4 address such as \"10.0.1.10\", found 10"
    );
}

#[test]
fn bad_address_in_a_real_file_names_file_and_path() {
    let files = edited("two-tier-nat", "describe-nat-gateways.json", |v| {
        v["NatGateways"][0]["NatGatewayAddresses"][0]["PublicIp"] = "15.164.0".into();
    });
    assert_eq!(
        error_of(&files),
        r#"describe-nat-gateways.json: NatGateways[0].NatGatewayAddresses[0].PublicIp: invalid IPv4 address "15.164.0""#
    );
}

#[test]
fn missing_key_in_a_real_file_names_file_and_path() {
    let files = edited("subnet-acl", "describe-network-acls.json", |v| {
        v["NetworkAcls"][0]["Entries"][0]
            .as_object_mut()
            .unwrap()
            .remove("RuleAction");
    });
    assert_eq!(
        error_of(&files),
        "describe-network-acls.json: NetworkAcls[0].Entries[0]: missing field `RuleAction`"
    );
    let files = edited("two-tier-nat", "describe-route-tables.json", |v| {
        v["RouteTables"][2].as_object_mut().unwrap().remove("VpcId");
    });
    assert_eq!(
        error_of(&files),
        "describe-route-tables.json: RouteTables[2]: missing field `VpcId`"
    );
}

/// A JSON value that looks like describe output: AWS keys and AWS-like values, nested.
fn aws_like_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        4 => prop::sample::select(vec![
            "Vpcs", "Subnets", "RouteTables", "NetworkAcls", "SecurityGroups", "Reservations",
            "Instances", "NetworkInterfaces", "InternetGateways", "NatGateways",
            "VpcPeeringConnections", "PrefixLists", "VpcEndpoints", "VpcId", "SubnetId",
            "CidrBlock", "CidrBlockAssociationSet", "CidrBlockState", "State", "Routes",
            "Associations", "Main", "GatewayId", "NatGatewayId", "InstanceId",
            "NetworkInterfaceId", "DestinationCidrBlock", "DestinationPrefixListId",
            "DestinationIpv6CidrBlock", "Entries", "RuleNumber", "Egress", "Protocol",
            "RuleAction", "PortRange", "From", "To", "IcmpTypeCode", "Type", "Code",
            "IsDefault", "GroupId", "GroupName", "IpPermissions", "IpPermissionsEgress",
            "IpProtocol", "FromPort", "ToPort", "IpRanges", "CidrIp", "UserIdGroupPairs",
            "PrefixListIds", "PrefixListId", "Cidrs", "PrivateIpAddress", "Association",
            "PublicIp", "IpOwnerId", "Groups", "Attachment", "DeviceIndex", "Description",
            "InterfaceType", "RequesterId", "NatGatewayAddresses", "PrivateIp", "IsPrimary",
            "ConnectivityType", "Attachments", "InternetGatewayId", "VpcPeeringConnectionId",
            "RequesterVpcInfo", "AccepterVpcInfo", "Status", "Tags", "Key", "Value", "Name",
            "Platform", "VpcEndpointId", "VpcEndpointType", "ServiceName", "SourceDestCheck",
        ]).prop_map(str::to_string),
        1 => ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop::sample::select(vec![
            -1i64, 0, 1, 6, 17, 22, 255, 256, 32766, 32767, 65535, 65536
        ])
        .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            "10.0.0.0/16",
            "10.0.1.0/24",
            "0.0.0.0/0",
            "10.0.1.0/33",
            "::/0",
            "10.0.0.5",
            "300.1.1.1",
            "-1",
            "tcp",
            "udp",
            "icmp",
            "icmpv6",
            "6",
            "allow",
            "deny",
            "local",
            "igw-1",
            "vpce-1",
            "vgw-1",
            "nat-1",
            "i-1",
            "eni-1",
            "pcx-1",
            "sg-1",
            "pl-1",
            "vpc-1",
            "subnet-1",
            "available",
            "associated",
            "blackhole",
            "active",
            "terminated",
            "deleted",
            "private",
            "windows",
            "amazon",
            "RDSNetworkInterface",
            "ElastiCache x",
            "Interface for NAT Gateway nat-1",
            "nat_gateway",
            "transit_gateway",
            "Gateway",
            "IPv6",
            "",
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Checks the importer's contract on any input: no panic; an error names a given file.
fn check(files: &[(String, String)]) -> Result<(), TestCaseError> {
    match import_files(files) {
        Ok(imported) => {
            prop_assert_eq!(imported.scenario.version, FORMAT_VERSION);
        }
        Err(ImportError::NothingRecognised { files: names }) => {
            prop_assert_eq!(names.len(), files.len());
        }
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(
                files
                    .iter()
                    .any(|(n, _)| msg.starts_with(&format!("{n}: "))),
                "error names no file: {}",
                msg
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(texts in prop::collection::vec(".{0,64}", 0..4)) {
        let files: Vec<(String, String)> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("f{i}.json"), t))
            .collect();
        check(&files)?;
    }

    #[test]
    fn arbitrary_json_never_panics(values in prop::collection::vec(aws_like_json(), 1..4)) {
        let files: Vec<(String, String)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("f{i}.json"), v.to_string()))
            .collect();
        check(&files)?;
    }

    #[test]
    fn mutated_snapshots_never_panic(
        case in prop::sample::select(vec!["two-tier-nat", "subnet-acl"]),
        which in any::<prop::sample::Index>(),
        node in any::<prop::sample::Index>(),
        replacement in aws_like_json(),
    ) {
        let mut files = snapshot_files(case);
        let (_, text) = which.get(&files).clone();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let at = node.get(&all).clone();
        if let Some(slot) = v.pointer_mut(&at) {
            *slot = replacement;
        }
        let i = which.index(files.len());
        files[i].1 = v.to_string();
        check(&files)?;
    }
}

#[test]
fn import_prints_what_each_file_gave_then_what_was_left_out_or_guessed() {
    let dir = std::env::temp_dir().join(format!("vpcplay-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in snapshot_files("two-tier-nat") {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(dir.join("zones.json"), r#"{"AvailabilityZones": []}"#).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(["import", "aws", dir.to_str().unwrap(), "-o"])
        .arg(dir.join("out.scenario"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let subnets = (snapshot_files("two-tier-nat").iter())
        .find(|(n, _)| n == "describe-subnets.json")
        .map(|(_, t)| {
            serde_json::from_str::<Value>(t).unwrap()["Subnets"]
                .as_array()
                .unwrap()
                .len()
        })
        .unwrap();
    assert!(
        lines.contains(&format!("vpcplay: read describe-subnets.json: Subnets {subnets}").as_str()),
        "{err}"
    );
    let zones = lines
        .iter()
        .position(|l| *l == "vpcplay: read zones.json: nothing");
    let skipped = lines.iter().position(|l| {
        *l == "vpcplay: left out: zones.json: skipped: the importer reads none of its top-level keys (AvailabilityZones)"
    });
    assert!(zones.is_some() && skipped == zones.map(|z| z + 1), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
