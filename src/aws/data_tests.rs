//! Tests of the RDS and ElastiCache import ([`super::data`]).

use super::*;
use crate::model::*;
use serde_json::{json, Value};

fn import(files: &[Value]) -> Imported {
    let named: Vec<(String, String)> = (files.iter().enumerate())
        .map(|(i, v)| (format!("f{i}.json"), v.to_string()))
        .collect();
    import_files(&named).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn network() -> Value {
    json!({
        "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
        "Subnets": [
            {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "ap-northeast-2a"},
            {"SubnetId": "subnet-c", "VpcId": "vpc-1", "CidrBlock": "10.0.3.0/24", "AvailabilityZone": "ap-northeast-2c"}
        ],
        "SecurityGroups": [
            {"GroupId": "sg-db", "GroupName": "db", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []},
            {"GroupId": "sg-cache", "GroupName": "cache", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}
        ]
    })
}

fn service_eni(id: &str, subnet: &str, ip: &str, group: &str, description: &str) -> Value {
    json!({"NetworkInterfaceId": id, "SubnetId": subnet, "PrivateIpAddress": ip,
           "Groups": [{"GroupId": group}], "Description": description,
           "RequesterId": if description.starts_with("ElastiCache") { "amazon-elasticache" } else { "amazon-rds" },
           "InterfaceType": "interface"})
}

fn db(id: &str, engine: &str, port: u16, zone: &str) -> Value {
    json!({"DBInstanceIdentifier": id, "Engine": engine, "DBInstanceStatus": "available",
           "Endpoint": {"Address": format!("{id}.abc.ap-northeast-2.rds.amazonaws.com"), "Port": port},
           "AvailabilityZone": zone, "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db", "Status": "active"}],
           "DBSubnetGroup": {"DBSubnetGroupName": "db", "VpcId": "vpc-1", "Subnets": [
               {"SubnetIdentifier": "subnet-a", "SubnetAvailabilityZone": {"Name": "ap-northeast-2a"}},
               {"SubnetIdentifier": "subnet-c", "SubnetAvailabilityZone": {"Name": "ap-northeast-2c"}}]}})
}

#[test]
fn an_rds_instance_takes_the_interface_in_its_zone_with_its_groups() {
    let enis = json!({"NetworkInterfaces": [
        service_eni("eni-1", "subnet-a", "10.0.1.50", "sg-db", "RDSNetworkInterface"),
        service_eni("eni-2", "subnet-c", "10.0.3.60", "sg-db", "RDSNetworkInterface"),
    ]});
    let rds = json!({"DBInstances": [db("orders", "postgres", 5432, "ap-northeast-2c"),
                                     db("users", "mysql", 3307, "ap-northeast-2a")]});
    let imported = import(&[network(), enis, rds]);
    let s = &imported.scenario;
    assert!(s.instances.is_empty(), "both interfaces are claimed");
    let orders = &s.databases[0];
    assert_eq!(
        (orders.id.as_str(), orders.engine),
        ("orders", Engine::Postgres)
    );
    assert_eq!(orders.port, None, "5432 is postgres's own port");
    assert_eq!(
        orders.interfaces[0].id, "eni-2",
        "the interface in its zone"
    );
    let users = &s.databases[1];
    assert_eq!((users.engine, users.listen_port()), (Engine::Mysql, 3307));
    assert_eq!(users.interfaces[0].id, "eni-1");
    assert!(
        !imported
            .warnings
            .iter()
            .any(|w| w.contains("listens on every port")),
        "{:?}",
        imported.warnings
    );
    assert!(
        crate::scenario::validate(s).is_empty(),
        "{:?}",
        crate::scenario::validate(s)
    );
}

#[test]
fn an_rds_interface_with_other_groups_is_not_the_instances() {
    let enis = json!({"NetworkInterfaces": [
        service_eni("eni-1", "subnet-a", "10.0.1.50", "sg-cache", "RDSNetworkInterface"),
    ]});
    let rds = json!({"DBInstances": [db("orders", "postgres", 5432, "ap-northeast-2a")]});
    let imported = import(&[network(), enis, rds]);
    let s = &imported.scenario;
    assert_eq!(
        s.instances[0].id, "eni-1-db",
        "left a host that listens everywhere"
    );
    assert_eq!(s.instances[0].listens, Listening::Any);
    let stand_in = &s.databases[0].interfaces[0];
    assert_eq!(stand_in.subnet, "subnet-a", "its own zone's subnet");
    assert_eq!(
        stand_in.private_ip.to_string(),
        "10.0.1.4",
        "the first free address"
    );
    assert_eq!(stand_in.security_groups, ["sg-db"]);
    let w = imported.warnings.join("\n");
    assert!(w.contains("f2.json: DBInstances[0]: orders: its network interface is not in the output, and RDS prints no address; it is given the stand-in address 10.0.1.4 in subnet-a"), "{w}");
    assert!(w.contains("add `aws rds describe-db-instances`"), "{w}");
}

#[test]
fn stopped_failed_and_unnamed_engines() {
    let mut stopped = db("old", "mysql", 3306, "ap-northeast-2a");
    stopped["DBInstanceStatus"] = json!("stopped");
    let mut failed = db("broken", "mysql", 3306, "ap-northeast-2a");
    failed["DBInstanceStatus"] = json!("failed");
    let docdb = db("docs", "docdb", 27017, "ap-northeast-2a");
    let imported = import(&[network(), json!({"DBInstances": [stopped, failed, docdb]})]);
    let s = &imported.scenario;
    assert!(s.databases.is_empty());
    assert_eq!(s.instances.len(), 1);
    assert_eq!(s.instances[0].id, "docs");
    assert_eq!(
        s.instances[0].listens,
        Listening::Ports(vec![Listener::tcp(27017)])
    );
    let w = imported.warnings.join("\n");
    assert!(
        w.contains("skipped old: it is stopped, so nothing answers on it"),
        "{w}"
    );
    assert!(w.contains("skipped broken: it has failed"), "{w}");
    assert!(w.contains("docs runs engine `docdb`, which the playground does not name; imported as a host that listens on tcp/27017"), "{w}");
}

#[test]
fn a_cache_cluster_takes_the_interfaces_named_after_it() {
    let enis = json!({"NetworkInterfaces": [
        service_eni("eni-7", "subnet-a", "10.0.1.70", "sg-cache", "ElastiCache sessions-001"),
        service_eni("eni-8", "subnet-c", "10.0.3.80", "sg-cache", "ElastiCache sessions-002"),
        service_eni("eni-9", "subnet-c", "10.0.3.90", "sg-cache", "ElastiCache sessions-0021"),
    ]});
    let clusters = json!({"CacheClusters": [
        {"CacheClusterId": "sessions-001", "Engine": "redis", "CacheClusterStatus": "available",
         "CacheNodes": [{"CacheNodeId": "0001", "Endpoint": {"Address": "x", "Port": 6380}}]},
        {"CacheClusterId": "sessions-002", "Engine": "memcached", "CacheClusterStatus": "available",
         "ConfigurationEndpoint": {"Address": "y", "Port": 11211}},
        {"CacheClusterId": "gone", "Engine": "redis", "CacheClusterStatus": "available"}
    ]});
    let imported = import(&[network(), enis, clusters]);
    let s = &imported.scenario;
    let ids: Vec<(&str, Engine, u16)> = (s.databases.iter())
        .map(|d| (d.id.as_str(), d.engine, d.listen_port()))
        .collect();
    assert_eq!(
        ids,
        [
            ("sessions-001", Engine::Redis, 6380),
            ("sessions-002", Engine::Memcached, 11211)
        ]
    );
    assert_eq!(s.databases[0].interfaces[0].id, "eni-7");
    assert_eq!(
        s.databases[1].interfaces[0].id, "eni-8",
        "not sessions-0021's"
    );
    assert_eq!(s.instances[0].id, "eni-9-cache");
    let w = imported.warnings.join("\n");
    assert!(w.contains("skipped gone: none of its nodes' network interfaces (described `ElastiCache gone`) is in the output"), "{w}");
}

#[test]
fn an_imported_database_answers_only_on_its_port() {
    let mut network = network();
    network["SecurityGroups"][0]["IpPermissions"] = json!([
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}
    ]);
    network["SecurityGroups"][0]["IpPermissionsEgress"] = json!([
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    ]);
    network["SecurityGroups"][1]["IpPermissionsEgress"] = json!([
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    ]);
    network["Reservations"] = json!([{"Instances": [{"InstanceId": "i-app", "State": {"Name": "running"},
        "NetworkInterfaces": [{"NetworkInterfaceId": "eni-app", "SubnetId": "subnet-c", "PrivateIpAddress": "10.0.3.10",
            "Groups": [{"GroupId": "sg-cache"}], "Attachment": {"DeviceIndex": 0, "InstanceId": "i-app"}}]}]}]);
    network["RouteTables"] = json!([{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
        "Associations": [{"Main": true}], "Routes": []}]);
    let enis = json!({"NetworkInterfaces": [
        service_eni("eni-1", "subnet-a", "10.0.1.50", "sg-db", "RDSNetworkInterface"),
    ]});
    let rds = json!({"DBInstances": [db("orders", "postgres", 5432, "ap-northeast-2a")]});
    let s = import(&[network, enis, rds]).scenario;
    let net = crate::engine::Network::new(&s);
    let trace = |port| {
        let spec = crate::engine::FlowSpec::tcp("i-app", "orders", port);
        crate::engine::trace(&net, &spec).unwrap().verdict
    };
    use crate::engine::trace::Verdict;
    assert_eq!(trace(5432), Verdict::Established);
    assert_eq!(
        trace(22),
        Verdict::Refused,
        "the group admits it, but nothing listens"
    );
}
