//! Importing Gateway Load Balancer endpoints and the routes through them.

use super::{import_files, Imported};
use crate::engine::trace::{Kind, Verdict};
use crate::model::RouteTarget;
use serde_json::{json, Value};

fn import(files: &[Value]) -> Imported {
    let files: Vec<(String, String)> = (files.iter().enumerate())
        .map(|(i, v)| (format!("f{i}.json"), v.to_string()))
        .collect();
    import_files(&files).unwrap_or_else(|e| panic!("import failed: {e}"))
}

/// A VPC whose web subnet sends everything to `vpce-1` and whose internet gateway's table sends
/// the web subnet to it too; the endpoint's subnet goes out by the gateway.
fn network() -> Value {
    let assoc = |subnet: &str| json!({"SubnetId": subnet, "Main": false});
    json!({
        "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
        "Subnets": [
            {"SubnetId": "subnet-web", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "ap-northeast-2a"},
            {"SubnetId": "subnet-fw", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "ap-northeast-2a"}
        ],
        "InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}],
        "RouteTables": [
            {"RouteTableId": "rtb-web", "VpcId": "vpc-1", "Associations": [assoc("subnet-web")], "Routes": [
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vpce-1", "State": "active"}]},
            {"RouteTableId": "rtb-fw", "VpcId": "vpc-1", "Associations": [assoc("subnet-fw")], "Routes": [
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]},
            {"RouteTableId": "rtb-edge", "VpcId": "vpc-1",
             "Associations": [{"GatewayId": "igw-1", "Main": false, "AssociationState": {"State": "associated"}}],
             "Routes": [{"DestinationCidrBlock": "10.0.0.0/24", "GatewayId": "vpce-1", "State": "active"}]}
        ],
        "SecurityGroups": [{"GroupId": "sg-web", "VpcId": "vpc-1",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
        "Reservations": [{"Instances": [{"InstanceId": "i-web", "State": {"Name": "running"},
            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-web", "SubnetId": "subnet-web",
                "PrivateIpAddress": "10.0.0.10", "Association": {"PublicIp": "54.0.0.10"},
                "Groups": [{"GroupId": "sg-web"}], "Attachment": {"DeviceIndex": 0, "InstanceId": "i-web"}}]}]}]
    })
}

fn endpoint() -> Value {
    json!({"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "GatewayLoadBalancer",
        "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.ap-northeast-2.vpce-svc-0abc",
        "State": "available", "SubnetIds": ["subnet-fw"], "NetworkInterfaceIds": ["eni-gwlbe"],
        "Tags": [{"Key": "Name", "Value": "inspection"}]}]})
}

fn endpoint_eni() -> Value {
    json!({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-gwlbe", "SubnetId": "subnet-fw",
        "PrivateIpAddress": "10.0.2.77", "InterfaceType": "gateway_load_balancer_endpoint",
        "Description": "VPC Endpoint Interface vpce-1", "RequesterId": "123456789012"}]})
}

#[test]
fn a_gwlb_endpoint_is_imported_with_its_interface_and_the_routes_to_it() {
    let imported = import(&[network(), endpoint(), endpoint_eni()]);
    let s = &imported.scenario;
    assert_eq!(s.gwlb_endpoints.len(), 1, "{:?}", imported.warnings);
    let e = &s.gwlb_endpoints[0];
    assert_eq!((e.id.as_str(), e.name.as_str()), ("vpce-1", "inspection"));
    assert_eq!(e.interface.id, "eni-gwlbe");
    assert_eq!(e.interface.private_ip.to_string(), "10.0.2.77");
    assert!(e.interface.security_groups.is_empty());
    // Its interface is not also a generic host.
    assert!(s
        .instances
        .iter()
        .all(|i| i.interfaces.iter().all(|n| n.id != "eni-gwlbe")));
    for t in ["rtb-web", "rtb-edge"] {
        let table = s.route_tables.iter().find(|x| x.id == t).unwrap();
        assert_eq!(
            table.routes[0].target,
            RouteTarget::GwlbEndpoint("vpce-1".into()),
            "{t}"
        );
    }
    assert!(crate::scenario::validate(s).iter().all(|p| !p.is_error()));
    // The internet reaches web through the endpoint both ways.
    let net = crate::engine::Network::new(s);
    let spec = crate::engine::FlowSpec::tcp("203.0.113.10", "i-web", 443);
    let t = crate::engine::trace(&net, &spec).unwrap();
    assert_eq!(t.verdict, Verdict::Established);
    let through = (t.hops.iter())
        .filter(|h| h.component.kind == Kind::GwlbEndpoint && h.component.id == "vpce-1")
        .count();
    assert_eq!(through, 2, "once each way");
}

#[test]
fn a_gwlb_endpoint_without_its_interface_gets_a_stand_in_address() {
    let imported = import(&[network(), endpoint()]);
    let e = &imported.scenario.gwlb_endpoints[0];
    assert_eq!(e.interface.subnet, "subnet-fw");
    assert_eq!(e.interface.id, "eni-gwlbe");
    assert_eq!(e.interface.private_ip.to_string(), "10.0.2.4");
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("vpce-1: its network interface is not in the output"),
        "{w}"
    );
}

#[test]
fn a_gwlb_endpoint_known_only_from_its_interface_is_imported_from_it() {
    let imported = import(&[network(), endpoint_eni()]);
    let e = &imported.scenario.gwlb_endpoints[0];
    assert_eq!(
        (e.id.as_str(), e.interface.id.as_str()),
        ("vpce-1", "eni-gwlbe")
    );
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("eni-gwlbe belongs to Gateway Load Balancer endpoint vpce-1"),
        "{w}"
    );
}

#[test]
fn routes_to_a_gwlb_endpoint_the_output_lacks_are_skipped_with_a_warning() {
    let imported = import(&[network()]);
    let s = &imported.scenario;
    assert!(s.gwlb_endpoints.is_empty());
    for t in ["rtb-web", "rtb-edge"] {
        let table = s.route_tables.iter().find(|x| x.id == t).unwrap();
        assert!(table.routes.is_empty(), "{t}: {:?}", table.routes);
    }
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("route table rtb-web: skipped the route to vpce-1, a Gateway Load Balancer endpoint the output lacks"),
        "{w}"
    );
    assert!(crate::scenario::validate(s).iter().all(|p| !p.is_error()));
}

#[test]
fn an_interface_endpoint_accepts_https_only() {
    let mut n = network();
    n["SecurityGroups"].as_array_mut().unwrap().push(json!({"GroupId": "sg-ep", "VpcId": "vpc-1",
        "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}],
        "IpPermissionsEgress": []}));
    n["Subnets"]
        .as_array_mut()
        .unwrap()
        .push(json!({"SubnetId": "subnet-b", "VpcId": "vpc-1",
        "CidrBlock": "10.0.3.0/24", "AvailabilityZone": "ap-northeast-2b"}));
    n["RouteTables"][1]["Associations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"SubnetId": "subnet-b", "Main": false}));
    let eni = |id: &str, subnet: &str, ip: &str| {
        json!({"NetworkInterfaceId": id, "SubnetId": subnet,
        "PrivateIpAddress": ip, "InterfaceType": "vpc_endpoint",
        "Groups": [{"GroupId": "sg-ep"}], "Description": "VPC Endpoint Interface vpce-ssm"})
    };
    n["NetworkInterfaces"] = json!([
        eni("eni-ssm", "subnet-web", "10.0.0.50"),
        eni("eni-ssm-b", "subnet-b", "10.0.3.50")
    ]);
    let endpoints = json!({"VpcEndpoints": [{"VpcEndpointId": "vpce-ssm", "VpcEndpointType": "Interface",
        "VpcId": "vpc-1", "ServiceName": "com.amazonaws.ap-northeast-2.ssm", "State": "available",
        "SubnetIds": ["subnet-web", "subnet-b"], "NetworkInterfaceIds": ["eni-ssm", "eni-ssm-b"]}]});
    // One interface endpoint with both interfaces, named after its service.
    let imported = import(&[n.clone(), endpoints]);
    let s = &imported.scenario;
    let ep = s.instances.iter().find(|i| i.id == "vpce-ssm").unwrap();
    assert_eq!(ep.name, "vpce-ssm ssm");
    assert_eq!(ep.role, crate::model::Role::InterfaceEndpoint);
    let ifaces: Vec<&str> = ep.interfaces.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ifaces, ["eni-ssm", "eni-ssm-b"]);
    assert_eq!(s.instances.len(), 2, "{:?}", s.instances);
    let w = imported.warnings.join("\n");
    assert!(w.contains("accepts tcp/443 only"), "{w}");
    assert!(crate::scenario::validate(s).iter().all(|p| !p.is_error()));
    let net = crate::engine::Network::new(s);
    let verdict = |to, port| {
        let spec = crate::engine::FlowSpec::tcp("i-web", to, port);
        crate::engine::trace(&net, &spec).unwrap().verdict
    };
    assert_eq!(verdict("vpce-ssm", 443), Verdict::Established);
    assert_eq!(verdict("eni-ssm-b", 443), Verdict::Established);
    assert_eq!(verdict("vpce-ssm", 80), Verdict::Refused);
    // Without describe-vpc-endpoints: an interface endpoint per interface, on every port.
    let imported = import(&[n]);
    let s = &imported.scenario;
    let roles: Vec<(&str, crate::model::Role)> = (s.instances.iter())
        .map(|i| (i.id.as_str(), i.role))
        .collect();
    use crate::model::Role::{Generic, InterfaceEndpoint};
    assert_eq!(
        roles,
        [
            ("i-web", Generic),
            ("eni-ssm-host", InterfaceEndpoint),
            ("eni-ssm-b-host", InterfaceEndpoint)
        ]
    );
    assert!(s.instances[1].listens == crate::model::Listening::Any);
}
