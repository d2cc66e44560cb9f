//! Completing a scenario the way AWS completes a VPC: every VPC has a main route table, a
//! default network ACL and a default security group, and every network interface has a group.

use crate::model::{
    AclRule, Action, Interface, LbKind, LoadBalancer, NetworkAcl, Peer, Protocol, RouteTable,
    Scenario, SecurityGroup, SgRule,
};
use ipnet::Ipv4Net;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Adds what AWS creates with every VPC, when the scenario leaves it out:
///
/// - a main route table `<vpc-id>-main-rtb` named `main`, with only the implicit local routes;
/// - a default network ACL `<vpc-id>-default-acl` that allows all traffic in and out (rule 100,
///   all protocols, `0.0.0.0/0`, both directions), exactly like AWS's default ACL;
/// - a default security group `<vpc-id>-default-sg` named `default` that allows all inbound
///   traffic from its own members and all outbound traffic.
///
/// Then every network interface without security groups gets its VPC's default group, as AWS
/// does, except NAT gateway interfaces, which never have groups, and network load balancer nodes,
/// whose groups are optional. New parts go at the end of their
/// lists so the paths of existing parts stay the same; if a new id is taken, `-2`, `-3`... is
/// added. Normalizing twice changes nothing the second time.
pub fn normalize(s: &mut Scenario) {
    let mut taken = ids(s);
    let mut fresh = |base: String| {
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        id
    };
    let has_main: HashSet<String> = s
        .route_tables
        .iter()
        .filter(|t| t.main)
        .map(|t| t.vpc.clone())
        .collect();
    let has_acl: HashSet<String> = s
        .network_acls
        .iter()
        .filter(|a| a.default)
        .map(|a| a.vpc.clone())
        .collect();
    let has_group: HashSet<String> = s
        .security_groups
        .iter()
        .filter(|g| g.name == "default")
        .map(|g| g.vpc.clone())
        .collect();
    let mut done = HashSet::default();
    let vpcs: Vec<String> = s.vpcs.iter().map(|v| v.id.clone()).collect();
    for vpc in vpcs {
        if !done.insert(vpc.clone()) {
            continue;
        }
        if !has_main.contains(&vpc) {
            s.route_tables
                .push(main_route_table(fresh(format!("{vpc}-main-rtb")), &vpc));
        }
        if !has_acl.contains(&vpc) {
            s.network_acls
                .push(default_acl(fresh(format!("{vpc}-default-acl")), &vpc));
        }
        if !has_group.contains(&vpc) {
            s.security_groups
                .push(default_group(fresh(format!("{vpc}-default-sg")), &vpc));
        }
    }
    give_default_groups(s);
}

/// A VPC's main route table: no routes besides the implicit local ones.
pub fn main_route_table(id: String, vpc: &str) -> RouteTable {
    RouteTable {
        id,
        name: "main".into(),
        vpc: vpc.into(),
        main: true,
        subnets: Vec::new(),
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes: Vec::new(),
    }
}

/// A VPC's default network ACL: rule 100 allows everything in and out.
pub fn default_acl(id: String, vpc: &str) -> NetworkAcl {
    let allow_all = AclRule {
        number: 100,
        protocol: Protocol::All,
        ports: None,
        icmp: None,
        cidr: ipnet::IpNet::V4(Ipv4Net::default()),
        action: Action::Allow,
    };
    NetworkAcl {
        id,
        name: "default".into(),
        vpc: vpc.into(),
        default: true,
        subnets: Vec::new(),
        inbound: vec![allow_all.clone()],
        outbound: vec![allow_all],
    }
}

/// A VPC's default security group: all inbound from its own members, all outbound.
pub fn default_group(id: String, vpc: &str) -> SecurityGroup {
    let rule = |peer| SgRule {
        protocol: Protocol::All,
        ports: None,
        icmp: None,
        peer,
        description: String::new(),
    };
    SecurityGroup {
        inbound: vec![rule(Peer::Group(id.clone()))],
        outbound: vec![rule(Peer::Cidr(ipnet::IpNet::V4(Ipv4Net::default())))],
        id,
        name: "default".into(),
        vpc: vpc.into(),
    }
}

/// Whether the nodes of `lb` always have a security group: an application load balancer's do; a
/// network load balancer's may have none, and then no group filters them.
fn has_groups(lb: &LoadBalancer) -> bool {
    lb.kind == LbKind::Application
}

/// Gives each group-less interface (but NAT gateways' and network load balancers') its VPC's
/// default security group.
fn give_default_groups(s: &mut Scenario) {
    let mut default_of: HashMap<&str, &str> = HashMap::default();
    for g in s.security_groups.iter().filter(|g| g.name == "default") {
        default_of.entry(g.vpc.as_str()).or_insert(g.id.as_str());
    }
    let mut vpc_of: HashMap<&str, &str> = HashMap::default();
    for x in &s.subnets {
        vpc_of.entry(x.id.as_str()).or_insert(x.vpc.as_str());
    }
    let group_for = |n: &Interface| -> Option<String> {
        let vpc = vpc_of.get(n.subnet.as_str())?;
        default_of.get(vpc).map(|g| g.to_string())
    };
    let mut fills: Vec<Option<String>> = Vec::new();
    let all = s
        .instances
        .iter()
        .flat_map(|i| &i.interfaces)
        .chain(s.databases.iter().flat_map(|d| &d.interfaces))
        .chain(
            s.load_balancers
                .iter()
                .filter(|l| has_groups(l))
                .flat_map(|l| &l.nodes),
        );
    for n in all {
        fills.push(if n.security_groups.is_empty() {
            group_for(n)
        } else {
            None
        });
    }
    let all = s
        .instances
        .iter_mut()
        .flat_map(|i| &mut i.interfaces)
        .chain(s.databases.iter_mut().flat_map(|d| &mut d.interfaces))
        .chain((s.load_balancers.iter_mut().filter(|l| has_groups(l))).flat_map(|l| &mut l.nodes));
    for (n, fill) in all.zip(fills) {
        if let Some(g) = fill {
            n.security_groups.push(g);
        }
    }
}

/// Every id in the scenario, of every kind of part.
fn ids(s: &Scenario) -> HashSet<String> {
    let mut out = HashSet::default();
    let mut add = |id: &String| {
        out.insert(id.clone());
    };
    s.vpcs.iter().for_each(|p| add(&p.id));
    s.subnets.iter().for_each(|p| add(&p.id));
    s.route_tables.iter().for_each(|p| add(&p.id));
    s.network_acls.iter().for_each(|p| add(&p.id));
    s.security_groups.iter().for_each(|p| add(&p.id));
    s.prefix_lists.iter().for_each(|p| add(&p.id));
    for p in &s.instances {
        add(&p.id);
        p.interfaces.iter().for_each(|n| add(&n.id));
    }
    for p in &s.databases {
        add(&p.id);
        p.interfaces.iter().for_each(|n| add(&n.id));
    }
    for p in &s.load_balancers {
        add(&p.id);
        p.nodes.iter().for_each(|n| add(&n.id));
        p.target_groups.iter().for_each(|t| add(&t.id));
    }
    s.internet_gateways.iter().for_each(|p| add(&p.id));
    for p in &s.nat_gateways {
        add(&p.id);
        add(&p.interface.id);
    }
    s.peerings.iter().for_each(|p| add(&p.id));
    s.gateway_endpoints.iter().for_each(|p| add(&p.id));
    for p in &s.gwlb_endpoints {
        add(&p.id);
        add(&p.interface.id);
    }
    for t in &s.transit_gateways {
        add(&t.id);
        t.attachments.iter().for_each(|a| add(&a.id));
        t.route_tables.iter().for_each(|r| add(&r.id));
    }
    s.internet_hosts.iter().for_each(|p| add(&p.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vpc;
    use crate::scenario::testkit::{base, iface, instance, net};

    fn bare() -> Scenario {
        let mut s = Scenario::new();
        s.vpcs.push(Vpc {
            ipv6_cidrs: Default::default(),
            id: "vpc-1".into(),
            name: String::new(),
            cidrs: vec![net("10.0.0.0/16")],
        });
        s.subnets.push(crate::scenario::testkit::subnet(
            "a",
            "vpc-1",
            "az-a",
            "10.0.0.0/24",
        ));
        s.instances
            .push(instance("i", iface("i-eni", "a", "10.0.0.10", &[])));
        s
    }

    #[test]
    fn a_bare_vpc_gets_what_aws_creates_with_it() {
        let mut s = bare();
        normalize(&mut s);
        assert_eq!(
            s.route_tables,
            vec![main_route_table("vpc-1-main-rtb".into(), "vpc-1")]
        );
        assert_eq!(s.route_tables[0].name, "main");
        let acl = &s.network_acls[0];
        assert_eq!((acl.id.as_str(), acl.default), ("vpc-1-default-acl", true));
        for rules in [&acl.inbound, &acl.outbound] {
            assert_eq!(rules.len(), 1);
            let r = &rules[0];
            assert_eq!(
                (r.number, r.protocol, r.action),
                (100, Protocol::All, Action::Allow)
            );
            assert_eq!(
                (r.cidr, r.ports, r.icmp),
                (net("0.0.0.0/0").into(), None, None)
            );
        }
        let g = &s.security_groups[0];
        assert_eq!(
            (g.id.as_str(), g.name.as_str()),
            ("vpc-1-default-sg", "default")
        );
        assert_eq!(g.inbound[0].peer, Peer::Group("vpc-1-default-sg".into()));
        assert_eq!(g.inbound[0].protocol, Protocol::All);
        assert_eq!(
            g.outbound[0].peer,
            Peer::Cidr(ipnet::IpNet::V4(net("0.0.0.0/0")))
        );
        assert_eq!(
            s.instances[0].interfaces[0].security_groups,
            vec!["vpc-1-default-sg"]
        );
    }

    #[test]
    fn existing_main_table_acl_and_default_group_are_kept() {
        let mut s = bare();
        s.route_tables.push(RouteTable {
            main: true,
            ..main_route_table("rtb-x".into(), "vpc-1")
        });
        s.network_acls.push(default_acl("acl-x".into(), "vpc-1"));
        s.security_groups.push(SecurityGroup {
            inbound: vec![],
            ..default_group("sg-x".into(), "vpc-1")
        });
        normalize(&mut s);
        assert_eq!(s.route_tables.len(), 1);
        assert_eq!(s.network_acls.len(), 1);
        assert_eq!(s.security_groups.len(), 1);
        assert_eq!(s.instances[0].interfaces[0].security_groups, vec!["sg-x"]);
    }

    #[test]
    fn new_ids_avoid_taken_ones() {
        let mut s = bare();
        s.subnets[0].id = "vpc-1-main-rtb".into();
        s.instances[0].interfaces[0].subnet = "vpc-1-main-rtb".into();
        normalize(&mut s);
        assert_eq!(s.route_tables[0].id, "vpc-1-main-rtb-2");
    }

    #[test]
    fn interfaces_with_groups_and_nat_gateways_keep_theirs() {
        let mut s = base();
        normalize(&mut s);
        assert_eq!(s.instances[0].interfaces[0].security_groups, vec!["sg-web"]);
        assert_eq!(
            s.instances[2].interfaces[0].security_groups,
            vec!["prod-default-sg"]
        );
        assert!(s.nat_gateways[0].interface.security_groups.is_empty());
    }

    #[test]
    fn normalize_is_idempotent() {
        let mut s = base();
        s.instances.push(instance(
            "extra",
            iface("extra-eni", "shared-a", "10.1.0.20", &[]),
        ));
        s.vpcs.push(Vpc {
            ipv6_cidrs: Default::default(),
            id: "bare".into(),
            name: String::new(),
            cidrs: vec![net("10.9.0.0/16")],
        });
        normalize(&mut s);
        let once = s.clone();
        normalize(&mut s);
        assert_eq!(s, once);
    }
}
