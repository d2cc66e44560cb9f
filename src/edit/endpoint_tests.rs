//! Placing interface endpoints from the palette.

use super::place::place;
use super::tests::vpc_with_two_subnets;
use super::PartKind;
use crate::engine::{trace, FlowSpec, Network, Verdict};
use crate::model::*;
use crate::scenario::validate;

fn centre(s: &Scenario, id: &str) -> (f64, f64) {
    let r = crate::geometry::rect_of(s, id).unwrap();
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

#[test]
fn interface_endpoints_go_into_a_subnet_admitting_https_from_the_vpc() {
    let s = vpc_with_two_subnets();
    let (ax, ay) = centre(&s, "subnet-a");
    let s = place(&s, PartKind::Instance, ax, ay).unwrap().scenario;
    let (x, y) = centre(&s, "subnet-b");
    let p = place(&s, PartKind::InterfaceEndpoint, x, y).unwrap();
    assert_eq!(p.id, "vpce-ssm");
    let s = &p.scenario;
    let e = s.instances.iter().find(|i| i.id == "vpce-ssm").unwrap();
    assert_eq!(
        (e.name.as_str(), e.role),
        ("ssm endpoint", Role::InterfaceEndpoint)
    );
    assert_eq!(e.listens, Listening::Ports(vec![Listener::tcp(443)]));
    let n = &e.interfaces[0];
    assert_eq!(
        (n.id.as_str(), n.subnet.as_str()),
        ("eni-vpce-ssm", "subnet-b")
    );
    assert!(net("10.0.1.0/24").contains(&n.private_ip));
    assert_eq!(n.public_ip, None);
    let g = s
        .security_groups
        .iter()
        .find(|g| g.id == "vpce-ssm-sg")
        .unwrap();
    assert_eq!(n.security_groups, vec![g.id.clone()]);
    assert_eq!(g.name, "ssm endpoint-sg");
    let rule = &g.inbound[..];
    assert_eq!(rule.len(), 1, "{rule:?}");
    assert_eq!(
        (rule[0].protocol, rule[0].ports, &rule[0].peer),
        (
            Protocol::Tcp,
            Some(PortRange::single(443)),
            &Peer::Cidr(ipnet::IpNet::V4(net("10.0.0.0/16")))
        )
    );
    assert!(s.layout.contains_key("vpce-ssm"));
    assert!(
        validate(s).iter().all(|x| !x.is_error()),
        "{:?}",
        validate(s)
    );
    // An instance of the VPC reaches it on tcp/443; its group admits nothing else.
    let net = Network::new(s);
    let verdict = |port| {
        trace(&net, &FlowSpec::tcp("web-1", "vpce-ssm", port))
            .unwrap()
            .verdict
    };
    assert_eq!(verdict(443), Verdict::Established);
    assert_eq!(verdict(22), Verdict::DroppedBySecurityGroup);
    // A second one takes another address, name, id and group.
    let q = place(s, PartKind::InterfaceEndpoint, x, y).unwrap();
    let f = q.scenario.instances.last().unwrap();
    assert_eq!(
        (q.id.as_str(), f.name.as_str()),
        ("vpce-ssm-2", "ssm endpoint 2")
    );
    assert_ne!(f.interfaces[0].private_ip, n.private_ip);
    assert_eq!(
        f.interfaces[0].security_groups,
        vec!["vpce-ssm-2-sg".to_string()]
    );
    // Renamed, its group follows.
    let mut r = q.scenario.clone();
    super::rename::rename(&mut r, "vpce-ssm", "s3 endpoint").unwrap();
    assert!(r.security_groups.iter().any(|g| g.name == "s3 endpoint-sg"));
}

#[test]
fn an_interface_endpoint_in_a_public_subnet_gets_no_public_address() {
    let mut s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    s = place(&s, PartKind::InternetGateway, v.x + 300.0, v.y)
        .unwrap()
        .scenario;
    let main = s.route_tables.iter_mut().find(|t| t.main).unwrap();
    main.routes.push(Route {
        destination: Destination::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
        target: RouteTarget::InternetGateway("igw-1".into()),
        state: RouteState::Active,
    });
    let (x, y) = centre(&s, "subnet-a");
    assert!(super::place::is_public(&s, "subnet-a"));
    let web = place(&s, PartKind::Instance, x, y).unwrap().scenario;
    assert!(web.instances[0].interfaces[0].public_ip.is_some());
    let p = place(&s, PartKind::InterfaceEndpoint, x, y).unwrap();
    assert_eq!(p.scenario.instances[0].interfaces[0].public_ip, None);
}

#[test]
fn interface_endpoints_dropped_outside_a_subnet_are_refused() {
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    for (x, y) in [(-500.0, -500.0), (v.x + 10.0, v.y + v.h - 10.0)] {
        let err = place(&s, PartKind::InterfaceEndpoint, x, y).unwrap_err();
        assert_eq!(
            err.en(),
            "An interface endpoint lives in a subnet: drop it on a subnet."
        );
        assert!(err.ko().contains("인터페이스 엔드포인트"), "{}", err.ko());
    }
}

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}
