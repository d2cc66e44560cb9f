//! Renaming parts: what follows the name, what keeps its own, and names that are taken.

use super::place::place;
use super::rename::rename;
use super::PartKind;
use crate::engine::{trace, FlowSpec, Network, Verdict};
use crate::geometry::rect_of;
use crate::model::*;
use crate::scenario::validate;

/// A VPC with subnet-a and subnet-b (two zones), web-1 in subnet-a and alb-1 over both.
fn built() -> Scenario {
    let s = super::tests::vpc_with_two_subnets();
    let a = rect_of(&s, "subnet-a").unwrap();
    let s = place(&s, PartKind::Instance, a.x + 60.0, a.y + 80.0)
        .unwrap()
        .scenario;
    place(&s, PartKind::LoadBalancer, a.x + 200.0, a.y + 80.0)
        .unwrap()
        .scenario
}

fn group_of<'a>(s: &'a Scenario, id: &str) -> &'a SecurityGroup {
    s.security_groups.iter().find(|g| g.id == id).unwrap()
}

#[test]
fn a_renamed_instance_takes_its_own_group_along_and_keeps_its_id() {
    let mut s = built();
    assert_eq!(group_of(&s, "web-1-sg").name, "web-1-sg");
    let before = s.clone();
    rename(&mut s, "web-1", " app-1 ").unwrap();
    assert_eq!(s.instances[0].name, "app-1");
    assert_eq!(s.instances[0].id, "web-1", "references keep working");
    assert_eq!(group_of(&s, "web-1-sg").name, "app-1-sg");
    assert_eq!(s.instances[0].interfaces[0].id, "eni-app-1");
    assert_eq!(s.layout, before.layout);
    // Nothing else changed.
    let mut back = s.clone();
    back.instances[0].name = "web-1".into();
    back.instances[0].interfaces[0].id = "eni-web-1".into();
    back.security_groups.iter_mut().for_each(|g| {
        if g.id == "web-1-sg" {
            g.name = "web-1-sg".into();
        }
    });
    assert_eq!(back, before);
    // The old name is free again for a rename, the id is not.
    rename(&mut s, "alb-1", "web-1-lb").unwrap();
    let err = rename(&mut s, "alb-1", "web-1").unwrap_err().en();
    assert!(err.contains("is the id of app-1"), "{err}");
}

#[test]
fn a_group_someone_renamed_keeps_its_name() {
    let mut s = built();
    rename(&mut s, "web-1-sg", "frontend").unwrap();
    rename(&mut s, "web-1", "app-1").unwrap();
    assert_eq!(group_of(&s, "web-1-sg").name, "frontend");
    // The default group is AWS's, not named after the part.
    let vpc_default = s
        .security_groups
        .iter()
        .find(|g| g.name == "default")
        .map(|g| g.id.clone());
    assert!(vpc_default.is_some());
}

#[test]
fn a_load_balancer_takes_its_group_and_target_groups_along() {
    let mut s = built();
    let lb = &s.load_balancers[0];
    let (group, tg) = (
        lb.nodes[0].security_groups[0].clone(),
        lb.target_groups[0].id.clone(),
    );
    assert_eq!(lb.target_groups[0].name, "alb-1-targets");
    rename(&mut s, "alb-1", "front").unwrap();
    let lb = &s.load_balancers[0];
    assert_eq!(lb.name, "front");
    assert_eq!(group_of(&s, &group).name, "front-sg");
    assert_eq!(lb.target_groups[0].name, "front-targets");
    assert_eq!(lb.target_groups[0].id, tg);
    assert_eq!(lb.listeners[0].target_group, tg);
}

#[test]
fn a_subnet_takes_its_own_route_table_and_acl_along() {
    let mut s = built();
    s.route_tables.push(RouteTable {
        id: "subnet-a-rt".into(),
        name: "subnet-a-rt".into(),
        vpc: "vpc-1".into(),
        main: false,
        subnets: vec!["subnet-a".into()],
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes: Vec::new(),
    });
    s.network_acls.push(NetworkAcl {
        id: "subnet-a-acl".into(),
        name: "subnet-a-acl".into(),
        vpc: "vpc-1".into(),
        default: false,
        subnets: vec!["subnet-a".into()],
        inbound: Vec::new(),
        outbound: Vec::new(),
    });
    rename(&mut s, "subnet-a", "public-a").unwrap();
    assert_eq!(s.subnets[0].name, "public-a");
    assert_eq!(s.route_tables.last().unwrap().name, "public-a-rt");
    assert_eq!(s.network_acls.last().unwrap().name, "public-a-acl");
    assert!(s.route_tables.iter().any(|t| t.main && t.name == "main"));
    // A VPC renames alone.
    rename(&mut s, "vpc-1", "prod").unwrap();
    assert_eq!(s.vpcs[0].name, "prod");
    assert_eq!(s.subnets[0].vpc, "vpc-1");
}

#[test]
fn names_taken_by_another_part_are_refused_and_nothing_changes() {
    let mut s = built();
    let before = s.clone();
    let err = rename(&mut s, "web-1", "alb-1").unwrap_err().en();
    assert!(err.contains("already called \"alb-1\""), "{err}");
    assert!(err.contains("web-1"), "{err}");
    let err = rename(&mut s, "web-1", "subnet-b").unwrap_err().en();
    assert!(err.contains("already called"), "{err}");
    let err = rename(&mut s, "web-1", "eni-web-1").unwrap_err().en();
    assert!(
        err.contains("is the id of web-1") || err.contains("id of"),
        "{err}"
    );
    let err = rename(&mut s, "no-such-part", "x").unwrap_err().en();
    assert!(err.contains("no part"), "{err}");
    assert_eq!(s, before);
    // Its own name and its own id are fine.
    rename(&mut s, "web-1", "web-1").unwrap();
    assert_eq!(s, before);
}

#[test]
fn a_follower_whose_new_name_is_taken_gets_a_free_one() {
    let mut s = built();
    let g = super::place::new_group(&s, "vpc-1", "app-1-sg", Vec::new());
    s.security_groups.push(g);
    rename(&mut s, "web-1", "app-1").unwrap();
    assert_eq!(group_of(&s, "web-1-sg").name, "app-1-sg 2");
}

#[test]
fn an_empty_name_leaves_the_part_named_by_its_id() {
    let mut s = built();
    rename(&mut s, "web-1", "  ").unwrap();
    assert_eq!(s.instances[0].name, "");
    assert_eq!(super::find::name_of(&s, "web-1"), "web-1");
    assert_eq!(group_of(&s, "web-1-sg").name, "web-1-sg");
}

#[test]
fn messages_name_a_renamed_part_by_its_new_name_only() {
    let mut s = crate::templates::load("small-service").unwrap();
    rename(&mut s, "bastion", "jump").unwrap();
    assert_eq!(group_of(&s, "sg-bastion").name, "jump-sg");
    let net = Network::new(&s);
    let t = trace(
        &net,
        &FlowSpec {
            ipv6: Default::default(),
            from: "laptop".into(),
            to: "jump".into(),
            protocol: Protocol::Tcp,
            port: Some(22),
            src_port: None,
        },
    )
    .unwrap();
    assert_eq!(t.verdict, Verdict::Established);
    assert!(t.summary.contains("jump"), "{}", t.summary);
    assert!(!t.summary.contains("bastion"), "{}", t.summary);
    // Validation names the part by its name alone too.
    let mut bad = s.clone();
    let i = bad
        .instances
        .iter()
        .position(|x| x.id == "bastion")
        .unwrap();
    bad.instances[i].interfaces[0].private_ip = "192.0.2.1".parse().unwrap();
    let p = validate(&bad)
        .into_iter()
        .find(|p| p.path.starts_with(&format!("instances[{i}]")))
        .unwrap();
    assert_eq!(p.part, "\"jump\"");
    // An id AWS gave is still shown.
    assert_eq!(
        part_label("web", "i-0abc12345def67890"),
        "web (i-0abc12345def67890)"
    );
}

#[test]
fn interfaces_made_from_the_name_follow_it_with_the_routes_to_them() {
    let mut s = built();
    s.route_tables[0].routes.push(Route {
        destination: Destination::Cidr("0.0.0.0/0".parse().unwrap()),
        target: RouteTarget::NetworkInterface("eni-web-1".into()),
        state: RouteState::Active,
    });
    s.instances[0].interfaces[0].source_dest_check = false;
    let problems =
        |s: &Scenario| -> Vec<String> { validate(s).iter().map(|p| p.to_string()).collect() };
    let before = problems(&s);
    rename(&mut s, "web-1", "nat-box").unwrap();
    assert_eq!(s.instances[0].interfaces[0].id, "eni-nat-box");
    assert_eq!(
        s.route_tables[0].routes.last().unwrap().target,
        RouteTarget::NetworkInterface("eni-nat-box".into())
    );
    let after = problems(&s);
    assert_eq!(after.len(), before.len(), "{before:?} / {after:?}");
    // A message about the interface reads by the new name only.
    s.instances[0].interfaces[0].private_ip = "192.0.2.1".parse().unwrap();
    let p = validate(&s)
        .into_iter()
        .find(|p| p.path == "instances[0].interfaces[0].private_ip")
        .unwrap()
        .to_string();
    assert!(p.contains("nat-box") && !p.contains("web-1"), "{p}");
    // An interface id someone chose stays.
    let mut t = built();
    t.instances[0].interfaces[0].id = "primary".into();
    rename(&mut t, "web-1", "app-1").unwrap();
    assert_eq!(t.instances[0].interfaces[0].id, "primary");
}

#[test]
fn names_of_peerings_endpoints_and_prefix_lists_are_taken_too() {
    let mut s = built();
    s.prefix_lists.push(PrefixList {
        id: "pl-1".into(),
        name: "office".into(),
        cidrs: Vec::new(),
    });
    let err = rename(&mut s, "web-1", "office").unwrap_err().en();
    assert!(err.contains("already called \"office\""), "{err}");
    let err = rename(&mut s, "web-1", "pl-1").unwrap_err().en();
    assert!(err.contains("is the id of"), "{err}");
}
