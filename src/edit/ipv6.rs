//! Dual stack: giving a VPC an IPv6 block, a subnet a /64 of it and an interface an address of
//! its subnet's /64, the way Amazon hands them out, but deterministically:
//!
//! - a VPC gets the first of `2600:1f18:1c00:1000::/56`, `2600:1f18:1c00:1100::/56`, ... `2600:1f18:1c00:ff00::/56` that
//!   overlaps no VPC's IPv6 block (an Amazon-provided block is a /56);
//! - a subnet gets the first `/64` of its VPC's IPv6 blocks that no subnet of the VPC uses;
//! - an interface gets the first address of its subnet's `/64` that is not reserved (AWS keeps
//!   the first four and the last address of every subnet block, IPv6 too) and that no interface
//!   uses: `…::4`, then `…::5`...
//!
//! When a VPC gets its first IPv6 block, AWS also opens its default network ACL to IPv6 (rules
//! 101, all traffic, `::/0`, in and out) and lets its default security group send IPv6 anywhere
//! (outbound all traffic to `::/0`): [`add_vpc_block`] does the same to the VPC's default ACL
//! and default group when they exist and lack those rules. A security group made afterwards in a
//! dual-stack VPC sends IPv6 anywhere too, as the console's new groups do
//! ([`super::place::new_group`]).

use super::find::{all_interfaces, name_of};
use super::Refusal;
use crate::model::{AclRule, Action, Peer, Protocol, Scenario, SgRule};
use ipnet::{IpNet, Ipv6Net};
use std::net::Ipv6Addr;

/// The number of the rule AWS adds to a default network ACL for IPv6.
pub const ACL_RULE: u16 = 101;

fn any_v6() -> IpNet {
    IpNet::V6(Ipv6Net::default())
}

fn overlaps(a: Ipv6Net, b: Ipv6Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The next free VPC IPv6 block (see the module's scheme).
pub fn next_vpc_block(s: &Scenario) -> Option<Ipv6Net> {
    let taken: Vec<Ipv6Net> = (s.vpcs.iter())
        .flat_map(|v| v.ipv6_cidrs.iter().copied())
        .collect();
    (0x10u16..=0xff)
        .map(|n| {
            let ip = Ipv6Addr::new(0x2600, 0x1f18, 0x1c00, n << 8, 0, 0, 0, 0);
            Ipv6Net::new(ip, 56).expect("56 is a prefix length")
        })
        .find(|c| !taken.iter().any(|t| overlaps(*t, *c)))
}

/// The next free `/64` of VPC `vpc`'s IPv6 blocks.
pub fn next_subnet_block(s: &Scenario, vpc: &str) -> Option<Ipv6Net> {
    let v = s.vpcs.iter().find(|v| v.id == vpc)?;
    let taken: Vec<Ipv6Net> = (s.subnets.iter())
        .filter(|x| x.vpc == vpc)
        .filter_map(|x| x.ipv6_cidr)
        .collect();
    v.ipv6_cidrs.iter().find_map(|block| {
        let mut subs = block.trunc().subnets(64.max(block.prefix_len())).ok()?;
        subs.find(|c| !taken.iter().any(|t| overlaps(*t, *c)))
    })
}

/// Whether AWS reserves `ip` in IPv6 subnet block `net` (the rule validation uses too).
pub use crate::model::ipv6_reserved as is_reserved;

/// The first free IPv6 address of subnet `subnet`'s `/64`: not reserved, used by no interface.
pub fn next_address(s: &Scenario, subnet: &str) -> Option<Ipv6Addr> {
    let net = s
        .subnets
        .iter()
        .find(|x| x.id == subnet)?
        .ipv6_cidr?
        .trunc();
    let used: Vec<Ipv6Addr> = all_interfaces(s)
        .flat_map(|n| n.ipv6_addresses.iter().copied())
        .collect();
    // The first 65,536 addresses of the block are plenty; the first four are reserved.
    let first = u128::from(net.network());
    let last = u128::from(net.broadcast()) - first;
    (4..=last.min(0xffff) as u32)
        .map(|k| Ipv6Addr::from(first | u128::from(k)))
        .find(|ip| !is_reserved(*ip, net) && !used.contains(ip))
}

/// Gives VPC `vpc` the next free IPv6 block (it may have several); with its first block, opens
/// its default network ACL and default security group to IPv6 as AWS does.
pub fn add_vpc_block(s: &mut Scenario, vpc: &str) -> Result<Ipv6Net, Refusal> {
    let block = next_vpc_block(s).ok_or(Refusal::NoIpv6Block)?;
    let v = (s.vpcs.iter_mut().find(|v| v.id == vpc)).ok_or_else(|| Refusal::NoPart {
        id: vpc.to_string(),
    })?;
    v.ipv6_cidrs.push(block);
    if v.ipv6_cidrs.len() > 1 {
        return Ok(block);
    }
    if let Some(acl) = (s.network_acls.iter_mut()).find(|a| a.default && a.vpc == vpc) {
        for rules in [&mut acl.inbound, &mut acl.outbound] {
            if !rules
                .iter()
                .any(|r| r.number == ACL_RULE || r.cidr == any_v6())
            {
                rules.push(AclRule {
                    number: ACL_RULE,
                    protocol: Protocol::All,
                    ports: None,
                    icmp: None,
                    cidr: any_v6(),
                    action: Action::Allow,
                });
                crate::sorting::sort_by_key(rules, |r| r.number);
            }
        }
    }
    let group = (s.security_groups.iter_mut()).find(|g| g.name == "default" && g.vpc == vpc);
    if let Some(g) = group {
        if !g.outbound.iter().any(|r| r.peer == Peer::Cidr(any_v6())) {
            g.outbound.push(SgRule {
                protocol: Protocol::All,
                ports: None,
                icmp: None,
                peer: Peer::Cidr(any_v6()),
                description: String::new(),
            });
        }
    }
    Ok(block)
}

/// Takes IPv6 block `block` from VPC `vpc`, with the subnet blocks inside it and the interface
/// addresses inside those (the rules that mention IPv6 stay).
pub fn remove_vpc_block(s: &mut Scenario, vpc: &str, block: Ipv6Net) {
    if let Some(v) = s.vpcs.iter_mut().find(|v| v.id == vpc) {
        v.ipv6_cidrs.retain(|c| *c != block);
    }
    let subnets: Vec<String> = (s.subnets.iter())
        .filter(|x| x.vpc == vpc && x.ipv6_cidr.is_some_and(|c| overlaps(c, block)))
        .map(|x| x.id.clone())
        .collect();
    for x in subnets {
        remove_subnet_block(s, &x);
    }
}

/// Gives subnet `subnet` the next free `/64` of its VPC's IPv6 blocks (or keeps the one it has).
pub fn add_subnet_block(s: &mut Scenario, subnet: &str) -> Result<Ipv6Net, Refusal> {
    let x = (s.subnets.iter().find(|x| x.id == subnet)).ok_or_else(|| Refusal::NoPart {
        id: subnet.to_string(),
    })?;
    if let Some(c) = x.ipv6_cidr {
        return Ok(c);
    }
    let vpc = x.vpc.clone();
    let has_blocks = s
        .vpcs
        .iter()
        .any(|v| v.id == vpc && !v.ipv6_cidrs.is_empty());
    let block = next_subnet_block(s, &vpc).ok_or_else(|| match has_blocks {
        false => Refusal::VpcWithoutIpv6 {
            vpc: name_of(s, &vpc),
        },
        true => Refusal::NoSubnetBlock {
            vpc: name_of(s, &vpc),
        },
    })?;
    if let Some(x) = s.subnets.iter_mut().find(|x| x.id == subnet) {
        x.ipv6_cidr = Some(block);
    }
    Ok(block)
}

/// Takes subnet `subnet`'s IPv6 block, with the IPv6 addresses of its interfaces.
pub fn remove_subnet_block(s: &mut Scenario, subnet: &str) {
    if let Some(x) = s.subnets.iter_mut().find(|x| x.id == subnet) {
        x.ipv6_cidr = None;
    }
    for n in interfaces_mut(s) {
        if n.subnet == subnet {
            n.ipv6_addresses.clear();
        }
    }
}

fn interfaces_mut(s: &mut Scenario) -> Vec<&mut crate::model::Interface> {
    let mut out: Vec<&mut crate::model::Interface> = Vec::new();
    for x in &mut s.instances {
        out.extend(&mut x.interfaces);
    }
    for x in &mut s.databases {
        out.extend(&mut x.interfaces);
    }
    for x in &mut s.load_balancers {
        out.extend(&mut x.nodes);
    }
    out.extend(s.nat_gateways.iter_mut().map(|x| &mut x.interface));
    out.extend(s.gwlb_endpoints.iter_mut().map(|x| &mut x.interface));
    out
}

/// Gives network interface `eni` the next free address of its subnet's IPv6 block.
pub fn assign_address(s: &mut Scenario, eni: &str) -> Result<Ipv6Addr, Refusal> {
    let subnet = (all_interfaces(s).find(|n| n.id == eni))
        .map(|n| n.subnet.clone())
        .ok_or_else(|| Refusal::NoPart { id: eni.into() })?;
    let ip = next_address(s, &subnet).ok_or_else(|| {
        let name = name_of(s, &subnet);
        match s
            .subnets
            .iter()
            .any(|x| x.id == subnet && x.ipv6_cidr.is_some())
        {
            true => Refusal::SubnetFull {
                subnet: name,
                cidr: None,
            },
            false => Refusal::SubnetWithoutIpv6 { subnet: name },
        }
    })?;
    if let Some(n) = interfaces_mut(s).into_iter().find(|n| n.id == eni) {
        n.ipv6_addresses.push(ip);
    }
    Ok(ip)
}

/// Takes IPv6 address `ip` from network interface `eni`.
pub fn unassign_address(s: &mut Scenario, eni: &str, ip: Ipv6Addr) {
    if let Some(n) = interfaces_mut(s).into_iter().find(|n| n.id == eni) {
        n.ipv6_addresses.retain(|a| *a != ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::place::{place, place_auto};
    use crate::edit::remove::remove_parts;
    use crate::edit::tests::vpc_with_two_subnets;
    use crate::edit::PartKind;
    use crate::model::{Destination, Route, RouteState, RouteTarget};

    fn ok(s: &Scenario) {
        let problems = crate::scenario::validate(s);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    }

    fn v6(s: &str) -> Ipv6Net {
        s.parse().unwrap()
    }

    /// The VPC of [`vpc_with_two_subnets`] with an instance in subnet-a.
    fn with_instance() -> Scenario {
        let s = vpc_with_two_subnets();
        place_auto(&s, PartKind::Instance, Some("subnet-a"))
            .unwrap()
            .scenario
    }

    #[test]
    fn vpcs_take_the_next_free_56_and_open_their_default_acl_and_group() {
        let mut s = vpc_with_two_subnets();
        let s2 = place(&s, PartKind::Vpc, 2000.0, 80.0).unwrap().scenario;
        s = s2;
        assert_eq!(
            add_vpc_block(&mut s, "vpc-1"),
            Ok(v6("2600:1f18:1c00:1000::/56"))
        );
        assert_eq!(
            add_vpc_block(&mut s, "vpc-2"),
            Ok(v6("2600:1f18:1c00:1100::/56"))
        );
        assert_eq!(
            add_vpc_block(&mut s, "vpc-1"),
            Ok(v6("2600:1f18:1c00:1200::/56"))
        );
        assert_eq!(s.vpcs[0].ipv6_cidrs.len(), 2);
        let acl = s
            .network_acls
            .iter()
            .find(|a| a.default && a.vpc == "vpc-1")
            .unwrap();
        for rules in [&acl.inbound, &acl.outbound] {
            let r: Vec<_> = rules
                .iter()
                .map(|r| (r.number, r.cidr.to_string()))
                .collect();
            assert_eq!(r, vec![(100, "0.0.0.0/0".into()), (101, "::/0".into())]);
            assert_eq!(
                (rules[1].protocol, rules[1].action),
                (Protocol::All, Action::Allow)
            );
        }
        let g = (s.security_groups.iter()).find(|g| g.name == "default" && g.vpc == "vpc-1");
        let out: Vec<String> = (g.unwrap().outbound.iter())
            .map(|r| format!("{:?}", r.peer))
            .collect();
        assert_eq!(out.len(), 2, "the second block adds nothing: {out:?}");
        assert!(out[1].contains("::/0"), "{out:?}");
        ok(&s);
        assert!(add_vpc_block(&mut s, "nothing").is_err());
    }

    #[test]
    fn subnets_take_the_next_free_64_of_their_vpc() {
        let mut s = vpc_with_two_subnets();
        let refused = add_subnet_block(&mut s, "subnet-a").unwrap_err();
        assert!(
            refused.en().contains("vpc-1 has no IPv6 block"),
            "{refused}"
        );
        assert!(!refused.ko().is_empty());
        add_vpc_block(&mut s, "vpc-1").unwrap();
        assert_eq!(
            add_subnet_block(&mut s, "subnet-a"),
            Ok(v6("2600:1f18:1c00:1000::/64"))
        );
        assert_eq!(
            add_subnet_block(&mut s, "subnet-b"),
            Ok(v6("2600:1f18:1c00:1001::/64"))
        );
        // Asking again keeps the block it has.
        assert_eq!(
            add_subnet_block(&mut s, "subnet-a"),
            Ok(v6("2600:1f18:1c00:1000::/64"))
        );
        remove_subnet_block(&mut s, "subnet-a");
        assert_eq!(s.subnets[0].ipv6_cidr, None);
        assert_eq!(
            add_subnet_block(&mut s, "subnet-a"),
            Ok(v6("2600:1f18:1c00:1000::/64"))
        );
    }

    #[test]
    fn interfaces_take_the_first_unreserved_free_address() {
        let mut s = with_instance();
        let eni = s.instances[0].interfaces[0].id.clone();
        let refused = assign_address(&mut s, &eni).unwrap_err();
        assert!(
            refused.en().contains("subnet-a has no IPv6 block"),
            "{refused}"
        );
        add_vpc_block(&mut s, "vpc-1").unwrap();
        add_subnet_block(&mut s, "subnet-a").unwrap();
        let first: Ipv6Addr = "2600:1f18:1c00:1000::4".parse().unwrap();
        assert_eq!(assign_address(&mut s, &eni), Ok(first));
        assert_eq!(s.instances[0].interfaces[0].ipv6_addresses, vec![first]);
        let s2 = place_auto(&s, PartKind::Instance, Some("subnet-a"))
            .unwrap()
            .scenario;
        let mut s = s2;
        let eni2 = s.instances[1].interfaces[0].id.clone();
        // A group made in a dual-stack VPC sends IPv6 anywhere too.
        let sg = &s.instances[1].interfaces[0].security_groups[0];
        let g = s.security_groups.iter().find(|g| g.id == *sg).unwrap();
        assert_eq!(g.outbound.len(), 2, "{:?}", g.outbound);
        assert_eq!(
            assign_address(&mut s, &eni2).unwrap().to_string(),
            "2600:1f18:1c00:1000::5"
        );
        ok(&s);
        unassign_address(&mut s, &eni, first);
        assert!(s.instances[0].interfaces[0].ipv6_addresses.is_empty());
        // Removing the VPC block takes the subnet blocks and the addresses in them.
        let block = s.vpcs[0].ipv6_cidrs[0];
        remove_vpc_block(&mut s, "vpc-1", block);
        assert!(s.vpcs[0].ipv6_cidrs.is_empty());
        assert!(s.subnets.iter().all(|x| x.ipv6_cidr.is_none()));
        assert!(s.instances[1].interfaces[0].ipv6_addresses.is_empty());
    }

    #[test]
    fn reserved_addresses_are_the_first_four_and_the_last() {
        let net = v6("2600:1f18:1c00:1000::/64");
        for (ip, reserved) in [
            ("2600:1f18:1c00:1000::", true),
            ("2600:1f18:1c00:1000::3", true),
            ("2600:1f18:1c00:1000::4", false),
            ("2600:1f18:1c00:1000:ffff:ffff:ffff:fffe", false),
            ("2600:1f18:1c00:1000:ffff:ffff:ffff:ffff", true),
        ] {
            assert_eq!(is_reserved(ip.parse().unwrap(), net), reserved, "{ip}");
        }
    }

    #[test]
    fn egress_only_gateways_sit_on_a_vpc_one_each_and_go_with_their_routes() {
        let s = vpc_with_two_subnets();
        let v = s.layout["vpc-1"];
        let err = place(
            &s,
            PartKind::EgressOnlyInternetGateway,
            v.x - 400.0,
            v.y - 300.0,
        )
        .unwrap_err();
        assert_eq!(err, Refusal::EigwOffVpc);
        assert!(err.ko().contains("송신 전용"));
        let none = place_auto(
            &crate::model::Scenario::new(),
            PartKind::EgressOnlyInternetGateway,
            None,
        );
        assert_eq!(none.unwrap_err(), Refusal::EigwNeedsVpc);
        let p = place(&s, PartKind::EgressOnlyInternetGateway, v.x + 200.0, v.y).unwrap();
        assert_eq!(p.id, "eigw-1");
        let mut s = p.scenario;
        assert_eq!(s.egress_only_internet_gateways[0].vpc, "vpc-1");
        assert_eq!(s.egress_only_internet_gateways[0].name, "eigw-1");
        assert_eq!(
            crate::edit::find::parent_of(&s, "eigw-1").as_deref(),
            Some("vpc-1")
        );
        let second =
            place_auto(&s, PartKind::EgressOnlyInternetGateway, Some("vpc-1")).unwrap_err();
        assert!(second
            .en()
            .contains("already has an egress-only internet gateway (eigw-1)"));
        // Renamed, found by name; a route to it.
        crate::edit::rename::rename(&mut s, "eigw-1", "out-only").unwrap();
        assert_eq!(crate::edit::find::name_of(&s, "eigw-1"), "out-only");
        add_vpc_block(&mut s, "vpc-1").unwrap();
        s.route_tables[0].routes.push(Route {
            destination: Destination::Cidr(any_v6()),
            target: RouteTarget::EgressOnlyInternetGateway("eigw-1".into()),
            state: RouteState::Active,
        });
        ok(&s);
        // Moving the VPC carries it; it stays on the edge.
        let moved = crate::edit::moves::move_parts(&s, &["vpc-1".into()], 40.0, 20.0).unwrap();
        assert_eq!(moved.layout["eigw-1"].x, s.layout["eigw-1"].x + 40.0);
        let gone = remove_parts(&s, &["eigw-1".into()]);
        assert!(gone.egress_only_internet_gateways.is_empty());
        assert!(
            gone.route_tables[0].routes.is_empty(),
            "the route to it goes too"
        );
        let gone = remove_parts(&s, &["vpc-1".into()]);
        assert!(gone.egress_only_internet_gateways.is_empty());
    }
}
