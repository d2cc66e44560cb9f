//! Which route table and which network ACL a subnet uses: exactly one of each, its own or, with
//! no explicit association, its VPC's main table and default ACL (as in AWS). Choosing the main
//! table or the default ACL drops the explicit association.

use super::alloc::fresh_id;
use crate::model::{Id, NetworkAcl, RouteTable, Scenario};

/// The index of the route table `subnet` uses: its own, else its VPC's main table.
pub fn table_of(s: &Scenario, subnet: &str) -> Option<usize> {
    let vpc = &s.subnets.iter().find(|x| x.id == subnet)?.vpc;
    (s.route_tables.iter())
        .position(|t| t.subnets.iter().any(|n| n == subnet))
        .or_else(|| s.route_tables.iter().position(|t| t.main && &t.vpc == vpc))
}

/// The index of the network ACL `subnet` uses: its own, else its VPC's default ACL.
pub fn acl_of(s: &Scenario, subnet: &str) -> Option<usize> {
    let vpc = &s.subnets.iter().find(|x| x.id == subnet)?.vpc;
    (s.network_acls.iter())
        .position(|t| t.subnets.iter().any(|n| n == subnet))
        .or_else(|| (s.network_acls.iter()).position(|t| t.default && &t.vpc == vpc))
}

/// Removes `subnet` from every list and adds it to the chosen one (the flag), if any.
fn reassociate<'a>(lists: impl Iterator<Item = (bool, &'a mut Vec<Id>)>, subnet: &str) {
    for (chosen, subnets) in lists {
        subnets.retain(|y| y != subnet);
        if chosen {
            subnets.push(subnet.to_string());
        }
    }
}

/// Makes `subnet` use route table `table`.
pub fn associate_table(s: &mut Scenario, subnet: &str, table: &str) {
    let lists = (s.route_tables.iter_mut()).map(|r| (r.id == table && !r.main, &mut r.subnets));
    reassociate(lists, subnet);
}

/// Makes `subnet` use network ACL `acl`.
pub fn associate_acl(s: &mut Scenario, subnet: &str, acl: &str) {
    let lists = (s.network_acls.iter_mut()).map(|a| (a.id == acl && !a.default, &mut a.subnets));
    reassociate(lists, subnet);
}

/// The name of a new table or ACL of `subnet`: its name (or id) and `suffix`.
fn named_after(s: &Scenario, subnet: &str, suffix: &str) -> Option<(String, Id)> {
    let x = s.subnets.iter().find(|x| x.id == subnet)?;
    let base = if x.name.is_empty() { &x.id } else { &x.name };
    Some((format!("{base}-{suffix}"), x.vpc.clone()))
}

/// Makes `subnet` use a route table of its own (a new one, named after it, when it uses the
/// main table) and returns its index.
pub fn own_table(s: &mut Scenario, subnet: &str) -> Option<usize> {
    let i = table_of(s, subnet)?;
    if !s.route_tables[i].main {
        return Some(i);
    }
    new_table(s, subnet)
}

/// Gives `subnet` a new, empty route table named after it and returns its index.
pub fn new_table(s: &mut Scenario, subnet: &str) -> Option<usize> {
    let (name, vpc) = named_after(s, subnet, "rt")?;
    associate_table(s, subnet, "");
    s.route_tables.push(RouteTable {
        id: fresh_id(s, &name),
        name,
        vpc,
        main: false,
        subnets: vec![subnet.to_string()],
        gateways: Vec::new(),
        propagating_vgws: Vec::new(),
        routes: Vec::new(),
    });
    Some(s.route_tables.len() - 1)
}

/// Gives `subnet` a new network ACL named after it, with no rules (so, like a new ACL in AWS, it
/// denies everything), and returns its index.
pub fn new_acl(s: &mut Scenario, subnet: &str) -> Option<usize> {
    let (name, vpc) = named_after(s, subnet, "acl")?;
    associate_acl(s, subnet, "");
    s.network_acls.push(NetworkAcl {
        id: fresh_id(s, &name),
        name,
        vpc,
        default: false,
        subnets: vec![subnet.to_string()],
        inbound: Vec::new(),
        outbound: Vec::new(),
    });
    Some(s.network_acls.len() - 1)
}

/// The index of the gateway route table of gateway `gw` (internet or virtual private), if any.
pub fn edge_table_of(s: &Scenario, gw: &str) -> Option<usize> {
    (s.route_tables.iter()).position(|t| t.gateways.iter().any(|g| g == gw))
}

/// The VPC an internet or virtual private gateway is attached to.
pub fn gateway_vpc<'a>(s: &'a Scenario, gw: &str) -> Option<&'a str> {
    let igw = s.internet_gateways.iter().find(|g| g.id == gw);
    let vgw = s.vpn_gateways.iter().find(|g| g.id == gw);
    (igw.map(|g| &g.vpc)).or(vgw.map(|g| &g.vpc))?.as_deref()
}

/// Gives gateway `gw` a gateway route table (a new, empty one named after it, in the gateway's
/// VPC, when it has none) and returns its index; `None` for a gateway attached to no VPC.
pub fn edge_table(s: &mut Scenario, gw: &str) -> Option<usize> {
    if let Some(k) = edge_table_of(s, gw) {
        return Some(k);
    }
    let vpc = gateway_vpc(s, gw)?.to_string();
    let name = format!("{}-edge", super::find::name_of(s, gw));
    s.route_tables.push(RouteTable {
        id: fresh_id(s, &name),
        name,
        vpc,
        main: false,
        subnets: Vec::new(),
        gateways: vec![gw.to_string()],
        propagating_vgws: Vec::new(),
        routes: Vec::new(),
    });
    Some(s.route_tables.len() - 1)
}

/// Ends gateway `gw`'s gateway route table association; a table left serving nothing (no
/// subnet, no gateway, not main) goes too.
pub fn drop_edge_table(s: &mut Scenario, gw: &str) {
    for t in &mut s.route_tables {
        t.gateways.retain(|g| g != gw);
    }
    (s.route_tables).retain(|t| t.main || !t.subnets.is_empty() || !t.gateways.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn a_subnet_uses_one_table_and_the_main_one_takes_no_association() {
        let mut s = templates::get("small-service").unwrap().scenario();
        let subnet = s.subnets[0].id.clone();
        let before = table_of(&s, &subnet).unwrap();
        let k = new_table(&mut s, &subnet).unwrap();
        assert_eq!(table_of(&s, &subnet), Some(k));
        assert_eq!(s.route_tables[k].name, format!("{}-rt", s.subnets[0].name));
        assert!(!s.route_tables[before].subnets.contains(&subnet));
        assert_eq!(own_table(&mut s, &subnet), Some(k), "it has one already");
        let main = s.route_tables.iter().position(|t| t.main).unwrap();
        let main_id = s.route_tables[main].id.clone();
        associate_table(&mut s, &subnet, &main_id);
        assert_eq!(table_of(&s, &subnet), Some(main));
        assert!(s.route_tables.iter().all(|t| !t.subnets.contains(&subnet)));
        assert!(crate::scenario::validate(&s).iter().all(|p| !p.is_error()));
    }

    #[test]
    fn a_gateway_gets_one_route_table_of_its_vpc_and_loses_it_with_the_association() {
        let mut s = templates::get("small-service").unwrap().scenario();
        let igw = s.internet_gateways[0].id.clone();
        assert_eq!(edge_table_of(&s, &igw), None);
        let before = s.route_tables.len();
        let k = edge_table(&mut s, &igw).unwrap();
        assert_eq!(edge_table(&mut s, &igw), Some(k), "one per gateway");
        let t = &s.route_tables[k];
        assert_eq!(
            (t.gateways.clone(), t.subnets.len()),
            (vec![igw.clone()], 0)
        );
        assert_eq!(Some(&t.vpc), s.internet_gateways[0].vpc.as_ref());
        assert!(crate::scenario::validate(&s).iter().all(|p| !p.is_error()));
        drop_edge_table(&mut s, &igw);
        assert_eq!(
            (edge_table_of(&s, &igw), s.route_tables.len()),
            (None, before)
        );
        s.internet_gateways[0].vpc = None;
        assert_eq!(
            edge_table(&mut s, &igw),
            None,
            "a detached gateway has no VPC"
        );
    }

    #[test]
    fn a_new_acl_is_the_subnets_own_and_the_default_takes_it_back() {
        let mut s = templates::get("small-service").unwrap().scenario();
        let subnet = s.subnets[1].id.clone();
        let k = new_acl(&mut s, &subnet).unwrap();
        assert_eq!(acl_of(&s, &subnet), Some(k));
        assert!(s.network_acls[k].inbound.is_empty() && s.network_acls[k].outbound.is_empty());
        let default = s.network_acls.iter().position(|a| a.default).unwrap();
        let id = s.network_acls[default].id.clone();
        associate_acl(&mut s, &subnet, &id);
        assert_eq!(acl_of(&s, &subnet), Some(default));
        assert_eq!(new_acl(&mut s, "nope"), None);
    }
}
