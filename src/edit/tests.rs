use super::alloc::*;
use super::moves::{move_parts, resize};
use super::place::place;
use super::remove::remove_parts;
use super::PartKind;
use crate::model::*;
use crate::scenario::validate;

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

/// A VPC at (40, 40) with subnet-a (zone a) and subnet-b (zone b).
pub(super) fn vpc_with_two_subnets() -> Scenario {
    let s = place(&Scenario::new(), PartKind::Vpc, 100.0, 80.0)
        .unwrap()
        .scenario;
    let v = s.layout["vpc-1"];
    let s = place(&s, PartKind::Subnet, v.x + 170.0, v.y + 140.0)
        .unwrap()
        .scenario;
    place(&s, PartKind::Subnet, v.x + v.w - 170.0, v.y + 140.0)
        .unwrap()
        .scenario
}

fn centre(s: &Scenario, id: &str) -> (f64, f64) {
    let r = crate::geometry::rect_of(s, id).unwrap();
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

#[test]
fn new_vpcs_take_the_next_free_block_and_get_aws_defaults() {
    let s = place(&Scenario::new(), PartKind::Vpc, 100.0, 80.0)
        .unwrap()
        .scenario;
    assert_eq!(s.vpcs[0].cidrs, vec![net("10.0.0.0/16")]);
    assert_eq!(s.vpcs[0].name, "vpc-1");
    assert!(s.route_tables.iter().any(|t| t.main));
    assert!(s.network_acls.iter().any(|a| a.default));
    assert!(s.security_groups.iter().any(|g| g.name == "default"));
    let s = place(&s, PartKind::Vpc, 2000.0, 80.0).unwrap().scenario;
    assert_eq!(s.vpcs[1].cidrs, vec![net("10.1.0.0/16")]);
    assert_eq!(s.vpcs[1].name, "vpc-2");
    let err = place(&s, PartKind::Vpc, 150.0, 150.0).unwrap_err().en();
    assert!(err.contains("inside another VPC"), "{err}");
}

#[test]
fn subnets_take_free_blocks_and_the_zone_of_their_band() {
    let s = vpc_with_two_subnets();
    assert_eq!(s.subnets[0].cidr, net("10.0.0.0/24"));
    assert_eq!(s.subnets[1].cidr, net("10.0.1.0/24"));
    assert_eq!(s.subnets[0].name, "subnet-a");
    assert_eq!(s.subnets[1].name, "subnet-b");
    assert_eq!(s.subnets[0].az, "ap-northeast-2a");
    assert_eq!(s.subnets[1].az, "ap-northeast-2b");
    let err = place(&Scenario::new(), PartKind::Subnet, 10.0, 10.0)
        .unwrap_err()
        .en();
    assert!(err.contains("inside a VPC"), "{err}");
    let (x, y) = centre(&s, "subnet-a");
    let err = place(&s, PartKind::Subnet, x, y).unwrap_err().en();
    assert!(err.contains("overlap"), "{err}");
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn next_subnet_block_skips_taken_ones() {
    let mut s = vpc_with_two_subnets();
    s.subnets[0].cidr = net("10.0.2.0/24");
    assert_eq!(next_subnet_cidr(&s, "vpc-1"), Some(net("10.0.0.0/24")));
    s.vpcs[0].cidrs = vec![net("10.0.0.0/23")];
    s.subnets[0].cidr = net("10.0.0.0/24");
    assert_eq!(next_subnet_cidr(&s, "vpc-1"), None);
}

#[test]
fn addresses_skip_the_five_reserved_ones() {
    let n = net("10.0.1.0/24");
    for (ip, reserved) in [
        ("10.0.1.0", true),
        ("10.0.1.1", true),
        ("10.0.1.2", true),
        ("10.0.1.3", true),
        ("10.0.1.4", false),
        ("10.0.1.254", false),
        ("10.0.1.255", true),
    ] {
        assert_eq!(is_reserved(ip.parse().unwrap(), n), reserved, "{ip}");
    }
    assert_eq!(usable_addresses(n), 251);
    assert_eq!(usable_addresses(net("10.0.0.0/16")), 65531);
    assert_eq!(usable_addresses(net("10.0.0.0/28")), 11);
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let s = place(&s, PartKind::Instance, x, y).unwrap().scenario;
    let s = place(&s, PartKind::Database, x, y).unwrap().scenario;
    assert_eq!(
        s.instances[0].interfaces[0].private_ip.to_string(),
        "10.0.0.4"
    );
    assert_eq!(
        s.databases[0].interfaces[0].private_ip.to_string(),
        "10.0.0.5"
    );
    assert_eq!(s.instances[0].name, "web-1");
    assert_eq!(s.databases[0].name, "db-1");
    assert!(
        validate(&s).iter().all(|p| !p.is_error()),
        "{:?}",
        validate(&s)
    );
}

#[test]
fn a_full_subnet_refuses_new_nodes() {
    let mut s = vpc_with_two_subnets();
    s.vpcs[0].cidrs.push(net("10.2.0.0/28"));
    s.subnets[0].cidr = net("10.2.0.0/28");
    let (x, y) = centre(&s, "subnet-a");
    for _ in 0..11 {
        s = place(&s, PartKind::Instance, x, y).unwrap().scenario;
    }
    let err = place(&s, PartKind::Instance, x, y).unwrap_err().en();
    assert!(err.contains("no free address"), "{err}");
}

#[test]
fn containment_rules_refuse_with_reasons() {
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    let err = place(&s, PartKind::Instance, v.x + 10.0, v.y + v.h - 10.0)
        .unwrap_err()
        .en();
    assert_eq!(
        err,
        "An EC2 instance lives in a subnet: drop it on a subnet."
    );
    let err = place(&s, PartKind::NatGateway, -500.0, -500.0)
        .unwrap_err()
        .en();
    assert!(err.starts_with("A NAT gateway lives in a subnet"), "{err}");
    let err = place(&s, PartKind::Laptop, v.x + 10.0, v.y + 10.0)
        .unwrap_err()
        .en();
    assert!(err.contains("outside every VPC"), "{err}");
    let err = place(&s, PartKind::InternetGateway, -900.0, -900.0)
        .unwrap_err()
        .en();
    assert!(err.contains("on a VPC"), "{err}");
    let s = place(&s, PartKind::InternetGateway, v.x + 300.0, v.y + 2.0)
        .unwrap()
        .scenario;
    assert_eq!(s.internet_gateways[0].vpc.as_deref(), Some("vpc-1"));
    assert_eq!(s.layout["igw-1"].y, v.y - 28.0, "on the top edge");
    let err = place(&s, PartKind::InternetGateway, v.x + 100.0, v.y + 100.0)
        .unwrap_err()
        .en();
    assert!(err.contains("already has an internet gateway"), "{err}");
}

#[test]
fn load_balancers_need_two_zones() {
    let s = place(&Scenario::new(), PartKind::Vpc, 100.0, 80.0)
        .unwrap()
        .scenario;
    let v = s.layout["vpc-1"];
    let s = place(&s, PartKind::Subnet, v.x + 170.0, v.y + 140.0)
        .unwrap()
        .scenario;
    let (x, y) = centre(&s, "subnet-a");
    let err = place(&s, PartKind::LoadBalancer, x, y).unwrap_err().en();
    assert!(err.contains("two different availability zones"), "{err}");
    let s = place(&s, PartKind::Subnet, v.x + v.w - 170.0, v.y + 140.0)
        .unwrap()
        .scenario;
    let s = place(&s, PartKind::LoadBalancer, x, y).unwrap().scenario;
    let lb = &s.load_balancers[0];
    assert_eq!(lb.nodes.len(), 2);
    assert_ne!(lb.nodes[0].subnet, lb.nodes[1].subnet);
    assert!(
        validate(&s).iter().all(|p| !p.is_error()),
        "{:?}",
        validate(&s)
    );
}

#[test]
fn network_load_balancers_are_placed_like_application_ones_with_a_tcp_listener() {
    let s = place(&Scenario::new(), PartKind::Vpc, 100.0, 80.0)
        .unwrap()
        .scenario;
    let v = s.layout["vpc-1"];
    let s = place(&s, PartKind::Subnet, v.x + 170.0, v.y + 140.0)
        .unwrap()
        .scenario;
    let (x, y) = centre(&s, "subnet-a");
    let err = place(&s, PartKind::NetworkLoadBalancer, x, y)
        .unwrap_err()
        .en();
    assert!(
        err.starts_with(
            "A network load balancer needs subnets in two different availability zones"
        ),
        "{err}"
    );
    let s = place(&s, PartKind::Subnet, v.x + v.w - 170.0, v.y + 140.0)
        .unwrap()
        .scenario;
    let p = place(&s, PartKind::NetworkLoadBalancer, x, y).unwrap();
    let s = p.scenario;
    let lb = &s.load_balancers[0];
    assert_eq!(p.id, lb.id);
    assert_eq!(lb.kind, crate::model::LbKind::Network);
    assert_eq!(lb.name, "nlb-1");
    let listeners: Vec<_> = lb.listeners.iter().map(|l| (l.protocol, l.port)).collect();
    assert_eq!(listeners, [(crate::model::LbProtocol::Tcp, 80)]);
    assert_eq!(lb.target_groups[0].protocol, crate::model::LbProtocol::Tcp);
    assert_eq!(lb.listeners[0].target_group, lb.target_groups[0].id);
    let zone = |i: usize| {
        let id = &lb.nodes[i].subnet;
        s.subnets.iter().find(|x| &x.id == id).unwrap().az.clone()
    };
    assert_eq!(lb.nodes.len(), 2);
    assert_ne!(zone(0), zone(1));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    // From the keyboard too, and beside an application load balancer.
    let s = super::place::place_auto(&s, PartKind::LoadBalancer, None)
        .unwrap()
        .scenario;
    let s = super::place::place_auto(&s, PartKind::NetworkLoadBalancer, None)
        .unwrap()
        .scenario;
    let kinds: Vec<_> = s
        .load_balancers
        .iter()
        .map(|l| (l.name.as_str(), l.kind))
        .collect();
    use crate::model::LbKind::{Application, Network};
    assert_eq!(
        kinds,
        [
            ("nlb-1", Network),
            ("alb-1", Application),
            ("nlb-2", Network)
        ]
    );
    assert!(
        validate(&s).iter().all(|p| !p.is_error()),
        "{:?}",
        validate(&s)
    );
}

#[test]
fn moving_a_container_moves_what_it_holds_and_nodes_change_subnet() {
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let s = place(&s, PartKind::Instance, x, y).unwrap().scenario;
    let before = s.layout["web-1"];
    let moved = move_parts(&s, &["vpc-1".into()], 40.0, 20.0).unwrap();
    assert_eq!(moved.layout["web-1"].x, before.x + 40.0);
    assert_eq!(moved.layout["subnet-b"].y, s.layout["subnet-b"].y + 20.0);
    // Into subnet-b: a new address there.
    let (bx, _) = centre(&s, "subnet-b");
    let there = move_parts(&s, &["web-1".into()], bx - x, 0.0).unwrap();
    assert_eq!(there.instances[0].interfaces[0].subnet, "subnet-b");
    assert_eq!(
        there.instances[0].interfaces[0].private_ip.to_string(),
        "10.0.1.4"
    );
    // Out of every subnet: refused.
    let err = move_parts(&s, &["web-1".into()], 0.0, 3000.0)
        .unwrap_err()
        .en();
    assert!(err.contains("must stay inside a subnet"), "{err}");
    let err = move_parts(&s, &["subnet-a".into()], -3000.0, 0.0)
        .unwrap_err()
        .en();
    assert!(err.contains("inside its VPC"), "{err}");
    let small = resize(&s, "subnet-a", 10.0, 10.0);
    assert!(small.layout["subnet-a"].w >= 160.0);
}

#[test]
fn deleting_takes_dependants_and_dangling_routes() {
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    let s = place(&s, PartKind::InternetGateway, v.x + 300.0, v.y)
        .unwrap()
        .scenario;
    let (x, y) = centre(&s, "subnet-a");
    let mut s = place(&s, PartKind::NatGateway, x, y).unwrap().scenario;
    s.route_tables[0].routes.push(Route {
        destination: Destination::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))),
        target: RouteTarget::NatGateway("nat-1".into()),
        state: RouteState::Active,
    });
    let t = remove_parts(&s, &["subnet-a".into()]);
    assert!(t.nat_gateways.is_empty());
    assert!(t.route_tables[0].routes.is_empty());
    assert!(!t.layout.contains_key("nat-1"));
    assert_eq!(t.subnets.len(), 1);
    let t = remove_parts(&s, &["vpc-1".into()]);
    assert_eq!(t, Scenario::new());
}

#[test]
fn names_count_up_and_letters_roll_over() {
    let mut s = Scenario::new();
    assert_eq!(next_name(&s, "web"), "web-1");
    s.instances.push(Instance {
        id: "web-1".into(),
        name: "web-1".into(),
        role: Role::Web,
        os: Os::Linux,
        interfaces: vec![],
        listens: Listening::Any,
        upstreams: vec![],
        stopped: false,
        stateful: false,
    });
    assert_eq!(next_name(&s, "web"), "web-2");
    assert_eq!(next_letter_name(&s, "subnet"), "subnet-a");
    assert_eq!(fresh_id(&s, "web-1"), "web-1-2");
}

#[test]
fn keyboard_placement_finds_room_near_the_selection() {
    let err = super::place::place_auto(&Scenario::new(), PartKind::Subnet, None)
        .unwrap_err()
        .en();
    assert!(err.contains("add a VPC first"), "{err}");
    let s = super::place::place_auto(&Scenario::new(), PartKind::Vpc, None)
        .unwrap()
        .scenario;
    let s = super::place::place_auto(&s, PartKind::Subnet, Some("vpc-1"))
        .unwrap()
        .scenario;
    let s = super::place::place_auto(&s, PartKind::Subnet, Some("vpc-1"))
        .unwrap()
        .scenario;
    assert_eq!(s.subnets.len(), 2);
    assert_ne!(s.subnets[0].az, s.subnets[1].az, "spread over zones");
    let (a, b) = (s.layout["subnet-a"], s.layout["subnet-b"]);
    assert!(a.y + a.h <= b.y || b.y + b.h <= a.y || a.x + a.w <= b.x || b.x + b.w <= a.x);
    let s = super::place::place_auto(&s, PartKind::Instance, Some("subnet-b"))
        .unwrap()
        .scenario;
    let s = super::place::place_auto(&s, PartKind::Instance, Some("subnet-b"))
        .unwrap()
        .scenario;
    assert_eq!(s.instances[0].interfaces[0].subnet, "subnet-b");
    assert_ne!(s.layout["web-1"], s.layout["web-2"]);
    let s = super::place::place_auto(&s, PartKind::Laptop, None)
        .unwrap()
        .scenario;
    assert_eq!(s.internet_hosts[0].name, "My laptop");
    assert!(
        validate(&s).iter().all(|p| !p.is_error()),
        "{:?}",
        validate(&s)
    );
}

#[test]
fn name_of_names_parts_and_rule_tables_and_falls_back_to_the_id() {
    let s = crate::templates::load("service-postgis-memcached").unwrap();
    assert_eq!(super::find::name_of(&s, "sg-service"), "service-sg");
    let acl = &s.network_acls[0];
    let expected = if acl.name.is_empty() {
        &acl.id
    } else {
        &acl.name
    };
    assert_eq!(&super::find::name_of(&s, &acl.id), expected);
    assert_eq!(super::find::name_of(&s, "no-such-id"), "no-such-id");
}

#[test]
fn a_new_bastion_admits_ssh_from_my_laptop_when_there_is_one() {
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let anywhere = place(&s, PartKind::Bastion, x, y).unwrap().scenario;
    let rule = &anywhere.security_groups.last().unwrap().inbound[0];
    assert_eq!(rule.peer, Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0"))));
    let with_laptop = super::place::place_auto(&s, PartKind::Laptop, None)
        .unwrap()
        .scenario;
    let ip = with_laptop.internet_hosts[0].ip;
    let s = place(&with_laptop, PartKind::Bastion, x, y)
        .unwrap()
        .scenario;
    let rule = &s.security_groups.last().unwrap().inbound[0];
    assert_eq!(
        rule.peer,
        Peer::Cidr(ipnet::IpNet::V4(ipnet::Ipv4Net::new(ip, 32).unwrap()))
    );
    assert_eq!(rule.ports, Some(PortRange::single(22)));
}

#[test]
fn a_new_nat_instance_admits_what_its_vpc_sends_through_it() {
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let s = place(&s, PartKind::NatInstance, x, y).unwrap().scenario;
    let nat = s.instances.last().unwrap();
    assert!(!nat.interfaces[0].source_dest_check);
    let g = &s.security_groups.last().unwrap();
    assert_eq!(g.id, nat.interfaces[0].security_groups[0]);
    assert_eq!(g.inbound.len(), 1);
    assert_eq!(g.inbound[0].protocol, Protocol::All);
    assert_eq!(
        g.inbound[0].peer,
        Peer::Cidr(ipnet::IpNet::V4(s.vpcs[0].cidrs[0]))
    );
}

#[test]
fn a_load_balancer_dropped_on_a_nat_instance_keeps_clear_of_it_and_its_label() {
    use super::place::place_at;
    use super::room::{clash, footprint, is_clear};
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let s = place_at(&s, PartKind::NatInstance, x, y).unwrap().scenario;
    let (nx, ny) = centre(&s, "nat-instance-1");
    // On the icon, then on the label under it.
    for (px, py) in [(nx, ny), (nx, ny + 40.0)] {
        let p = place_at(&s, PartKind::LoadBalancer, px, py).unwrap();
        let lb = footprint(&p.scenario, &p.id).unwrap();
        let nat = footprint(&p.scenario, "nat-instance-1").unwrap();
        assert_eq!(nat.h, 56.0 + 32.0, "the label counts");
        assert!(!clash(&lb, &nat, 0.0), "{lb:?} over {nat:?}");
        assert!(is_clear(&p.scenario, &p.id));
        assert_eq!(p.scenario.load_balancers[0].nodes[0].subnet, "subnet-a");
        assert_eq!(
            p.scenario.layout["nat-instance-1"],
            s.layout["nat-instance-1"]
        );
    }
}

#[test]
fn a_full_subnet_grows_and_pushes_what_is_under_it_in_one_step() {
    use super::history::History;
    use super::place::place_at;
    use super::room::footprint;
    let s = vpc_with_two_subnets();
    let a = s.layout["subnet-a"];
    // A third subnet under subnet-a, in the same zone band.
    let s = place_at(&s, PartKind::Subnet, a.x + 100.0, a.y + a.h + 60.0)
        .unwrap()
        .scenario;
    assert_eq!(s.subnets[2].az, s.subnets[0].az);
    let below = s.layout["subnet-c"];
    assert!(below.y >= a.y + a.h);
    let (x, y) = centre(&s, "subnet-a");
    let mut cur = s.clone();
    let mut history = History::default();
    for _ in 0..8 {
        let next = place_at(&cur, PartKind::Instance, x, y).unwrap().scenario;
        cur = history.record(cur, next);
    }
    let grown = cur.layout["subnet-a"];
    assert!(grown.h > a.h, "subnet-a grew: {grown:?}");
    assert_eq!((grown.x, grown.y, grown.w), (a.x, a.y, a.w));
    for i in &cur.instances {
        let f = footprint(&cur, &i.id).unwrap();
        assert!(f.y + f.h <= grown.y + grown.h, "{} inside", i.id);
        assert_eq!(i.interfaces[0].subnet, "subnet-a");
    }
    let pushed = cur.layout["subnet-c"];
    assert_eq!(pushed.x, below.x);
    assert!(
        pushed.y >= grown.y + grown.h,
        "subnet-c moved under subnet-a"
    );
    assert_eq!(
        pushed.y - below.y,
        grown.h - a.h,
        "by as much as subnet-a grew"
    );
    assert_eq!(
        cur.layout["subnet-b"], s.layout["subnet-b"],
        "the other zone stays"
    );
    let v = cur.layout["vpc-1"];
    assert!(pushed.y + pushed.h <= v.y + v.h, "the VPC grew to hold it");
    // Every drop is one step back.
    cur = history.undo(cur).unwrap();
    assert_eq!(cur.instances.len(), 7);
    for _ in 0..7 {
        cur = history.undo(cur).unwrap();
    }
    assert_eq!(cur, s);
}

#[test]
fn drops_refuse_only_where_the_part_cannot_live() {
    use super::place::place_at;
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    let err = place_at(&s, PartKind::Instance, v.x + 10.0, v.y + v.h - 10.0)
        .unwrap_err()
        .en();
    assert_eq!(
        err,
        "An EC2 instance lives in a subnet: drop it on a subnet."
    );
    let err = place_at(&s, PartKind::Subnet, v.x - 100.0, v.y)
        .unwrap_err()
        .en();
    assert!(err.contains("inside a VPC"), "{err}");
    let err = place_at(&s, PartKind::Vpc, v.x + 10.0, v.y + 10.0)
        .unwrap_err()
        .en();
    assert!(err.contains("inside another VPC"), "{err}");
    // A VPC dropped just beside another goes where it does not touch it.
    let p = place_at(&s, PartKind::Vpc, v.x + v.w + 70.0, v.y + 40.0).unwrap();
    let n = p.scenario.layout[&p.id];
    assert!(n.x >= v.x + v.w + super::room::BOX_GAP || n.y >= v.y + v.h);
    // A laptop dropped on the VPC's top edge room keeps clear of its internet gateway's place.
    let p = place_at(&s, PartKind::Laptop, v.x + 200.0, v.y - 20.0).unwrap();
    assert!(super::room::is_clear(&p.scenario, &p.id));
}

#[test]
fn gwlb_endpoints_live_in_a_subnet_with_a_free_address_and_no_groups() {
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-b");
    let p = place(&s, PartKind::GwlbEndpoint, x, y).unwrap();
    assert_eq!(p.id, "vpce-1");
    let e = &p.scenario.gwlb_endpoints[0];
    assert_eq!(e.interface.subnet, "subnet-b");
    let cidr = net("10.0.1.0/24");
    assert!(cidr.contains(&e.interface.private_ip));
    assert!(!is_reserved(e.interface.private_ip, cidr));
    assert!(e.interface.security_groups.is_empty());
    assert_eq!(e.interface.public_ip, None);
    assert!(p.scenario.layout.contains_key("vpce-1"));
    assert!(
        validate(&p.scenario).iter().all(|x| !x.is_error()),
        "{:?}",
        validate(&p.scenario)
    );
    // A second one takes another address and the next name.
    let q = place(&p.scenario, PartKind::GwlbEndpoint, x, y).unwrap();
    assert_eq!(q.id, "vpce-2");
    let f = &q.scenario.gwlb_endpoints[1];
    assert_ne!(f.interface.private_ip, e.interface.private_ip);
    // Moved to the other subnet of its VPC, it takes an address there.
    let (ax, ay) = centre(&s, "subnet-a");
    let (bx, by) = centre(&p.scenario, "vpce-1");
    let moved = move_parts(&p.scenario, &["vpce-1".into()], ax - bx, ay - by).unwrap();
    let n = &moved.gwlb_endpoints[0].interface;
    assert_eq!(n.subnet, "subnet-a");
    assert!(net("10.0.0.0/24").contains(&n.private_ip));
}

#[test]
fn gwlb_endpoints_dropped_outside_a_subnet_are_refused() {
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    for (x, y) in [(-500.0, -500.0), (v.x + 10.0, v.y + v.h - 10.0)] {
        let err = place(&s, PartKind::GwlbEndpoint, x, y).unwrap_err();
        assert_eq!(
            err.en(),
            "A Gateway Load Balancer endpoint lives in a subnet: drop it on a subnet."
        );
        assert!(
            err.ko().contains("게이트웨이 로드 밸런서 엔드포인트"),
            "{}",
            err.ko()
        );
    }
    let err = super::place::place_auto(&Scenario::new(), PartKind::GwlbEndpoint, None)
        .unwrap_err()
        .en();
    assert!(err.contains("add a subnet first"), "{err}");
}

#[test]
fn deleting_a_gwlb_endpoint_takes_its_interface_and_the_routes_to_it() {
    let s = vpc_with_two_subnets();
    let v = s.layout["vpc-1"];
    let s = place(&s, PartKind::InternetGateway, v.x + 300.0, v.y)
        .unwrap()
        .scenario;
    let (x, y) = centre(&s, "subnet-a");
    let mut s = place(&s, PartKind::GwlbEndpoint, x, y).unwrap().scenario;
    let ip = s.gwlb_endpoints[0].interface.private_ip;
    let to_endpoint = |destination: &str| Route {
        destination: Destination::Cidr(ipnet::IpNet::V4(net(destination))),
        target: RouteTarget::GwlbEndpoint("vpce-1".into()),
        state: RouteState::Active,
    };
    s.route_tables[0].routes.push(to_endpoint("0.0.0.0/0"));
    let k = super::associate::edge_table(&mut s, "igw-1").unwrap();
    s.route_tables[k].routes.push(to_endpoint("10.0.1.0/24"));
    let t = remove_parts(&s, &["vpce-1".into()]);
    assert!(t.gwlb_endpoints.is_empty());
    assert!(super::find::all_interfaces(&t).all(|n| n.private_ip != ip));
    assert!(t.route_tables.iter().all(|r| r.routes.is_empty()));
    assert!(!t.layout.contains_key("vpce-1"));
    // Deleting its subnet takes it too.
    let t = remove_parts(&s, &["subnet-a".into()]);
    assert!(t.gwlb_endpoints.is_empty());
    assert!(t.route_tables.iter().all(|r| r.routes.is_empty()));
}

#[test]
fn gwlb_endpoints_are_renamed_and_found_by_id() {
    let s = vpc_with_two_subnets();
    let (x, y) = centre(&s, "subnet-a");
    let mut s = place(&s, PartKind::GwlbEndpoint, x, y).unwrap().scenario;
    super::rename::rename(&mut s, "vpce-1", "firewall").unwrap();
    assert_eq!(super::find::name_of(&s, "vpce-1"), "firewall");
    assert_eq!(
        super::find::parent_of(&s, "vpce-1").as_deref(),
        Some("subnet-a")
    );
    assert_eq!(super::find::vpc_of(&s, "vpce-1").as_deref(), Some("vpc-1"));
}
