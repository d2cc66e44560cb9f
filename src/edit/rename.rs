//! Renaming a part, and what was named after it unless someone named that otherwise: an
//! instance's, database's or load balancer's own security group (`web-1-sg`), a load balancer's
//! target groups (`alb-1-targets`), a subnet's own route table (`public-a-rt`) and network ACL
//! (`public-a-acl`).
//!
//! A part's id does not change: routes, rules, targets, the canvas, flows and lessons keep pointing
//! at it, and messages name parts by name (see [`crate::model::part_label`]), so a renamed part
//! never shows the name it was made with. Its interfaces' ids, which messages print and which the
//! palette made from the part's name (`eni-web-1`), follow the name, with the routes to them.

use super::find::{interfaces_of, locate, name_of, Found};
use super::Refusal;
use crate::model::{Id, RouteTarget, Scenario};

/// Where a name can be set: a canvas part, a security group, a route table or a network ACL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Part(Found),
    Group(usize),
    Table(usize),
    Acl(usize),
}

fn find(s: &Scenario, id: &str) -> Option<Named> {
    if let Some(f) = locate(s, id) {
        return Some(Named::Part(f));
    }
    if let Some(i) = s.security_groups.iter().position(|g| g.id == id) {
        return Some(Named::Group(i));
    }
    if let Some(i) = s.route_tables.iter().position(|t| t.id == id) {
        return Some(Named::Table(i));
    }
    s.network_acls
        .iter()
        .position(|a| a.id == id)
        .map(Named::Acl)
}

fn name_mut(s: &mut Scenario, what: Named) -> &mut String {
    match what {
        Named::Part(Found::Vpc(i)) => &mut s.vpcs[i].name,
        Named::Part(Found::Subnet(i)) => &mut s.subnets[i].name,
        Named::Part(Found::Instance(i)) => &mut s.instances[i].name,
        Named::Part(Found::Database(i)) => &mut s.databases[i].name,
        Named::Part(Found::LoadBalancer(i)) => &mut s.load_balancers[i].name,
        Named::Part(Found::InternetGateway(i)) => &mut s.internet_gateways[i].name,
        Named::Part(Found::EgressOnlyInternetGateway(i)) => {
            &mut s.egress_only_internet_gateways[i].name
        }
        Named::Part(Found::NatGateway(i)) => &mut s.nat_gateways[i].name,
        Named::Part(Found::GwlbEndpoint(i)) => &mut s.gwlb_endpoints[i].name,
        Named::Part(Found::Host(i)) => &mut s.internet_hosts[i].name,
        Named::Part(Found::TransitGateway(i)) => &mut s.transit_gateways[i].name,
        Named::Part(Found::VpnGateway(i)) => &mut s.vpn_gateways[i].name,
        Named::Part(Found::OnPrem(i)) => &mut s.on_prem_networks[i].name,
        Named::Group(i) => &mut s.security_groups[i].name,
        Named::Table(i) => &mut s.route_tables[i].name,
        Named::Acl(i) => &mut s.network_acls[i].name,
    }
}

/// Every (id, name) pair that can be named in the scenario, target groups included.
fn every_name(s: &Scenario) -> Vec<(Id, String)> {
    let mut out: Vec<(Id, String)> = super::find::part_ids(s)
        .into_iter()
        .map(|id| {
            let name = name_of(s, &id);
            (id, name)
        })
        .collect();
    out.extend(
        s.security_groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone())),
    );
    out.extend(
        s.route_tables
            .iter()
            .map(|t| (t.id.clone(), t.name.clone())),
    );
    out.extend(
        s.network_acls
            .iter()
            .map(|a| (a.id.clone(), a.name.clone())),
    );
    out.extend(s.peerings.iter().map(|p| (p.id.clone(), p.name.clone())));
    out.extend(
        s.gateway_endpoints
            .iter()
            .map(|g| (g.id.clone(), g.name.clone())),
    );
    out.extend(
        s.prefix_lists
            .iter()
            .map(|p| (p.id.clone(), p.name.clone())),
    );
    for lb in &s.load_balancers {
        out.extend(
            lb.target_groups
                .iter()
                .map(|t| (t.id.clone(), t.name.clone())),
        );
    }
    out.extend(
        super::alloc::taken_ids(s)
            .into_iter()
            .map(|id| (id, String::new())),
    );
    out
}

/// Why `name` cannot be given to `id`: another part is called so, or has it as its id (flows and
/// lessons name parts by either).
fn clash(s: &Scenario, id: &str, name: &str) -> Option<Refusal> {
    let taken = every_name(s);
    if taken.iter().any(|(o, n)| o != id && n == name) {
        return Some(Refusal::NameTaken {
            name: name.to_string(),
            part: name_of(s, id),
        });
    }
    if taken.iter().any(|(o, _)| o != id && o == name) {
        return Some(Refusal::NameIsId {
            name: name.to_string(),
            owner: owner_of(s, name),
            part: name_of(s, id),
        });
    }
    None
}

/// The part an id belongs to, named: an interface's owner, a target group's load balancer.
fn owner_of(s: &Scenario, id: &str) -> Option<String> {
    if find(s, id).is_some() {
        return Some(name_of(s, id));
    }
    for part in super::find::part_ids(s) {
        let Some(f) = locate(s, &part) else { continue };
        let owns = interfaces_of(s, f).iter().any(|n| n.id == id)
            || matches!(f, Found::LoadBalancer(i)
                if s.load_balancers[i].target_groups.iter().any(|t| t.id == id));
        if owns {
            return Some(name_of(s, &part));
        }
    }
    None
}

/// What may have been named after part `what`, with the suffix its name would have then.
fn followers(s: &Scenario, what: Named) -> Vec<(Follower, &'static str)> {
    let mut out = Vec::new();
    let Named::Part(found) = what else {
        return out;
    };
    match found {
        Found::Subnet(i) => {
            let subnet = &s.subnets[i].id;
            for (k, t) in s.route_tables.iter().enumerate() {
                if t.subnets.contains(subnet) {
                    out.push((Follower::Table(k), "-rt"));
                }
            }
            for (k, a) in s.network_acls.iter().enumerate() {
                if a.subnets.contains(subnet) {
                    out.push((Follower::Acl(k), "-acl"));
                }
            }
        }
        Found::Instance(_) | Found::Database(_) | Found::LoadBalancer(_) => {
            let mut groups: Vec<&Id> = interfaces_of(s, found)
                .iter()
                .flat_map(|n| n.security_groups.iter())
                .collect();
            groups.dedup();
            for g in groups {
                if let Some(k) = s.security_groups.iter().position(|x| &x.id == g) {
                    if !out.iter().any(|(f, _)| *f == Follower::Group(k)) {
                        out.push((Follower::Group(k), "-sg"));
                    }
                }
            }
            if let Found::LoadBalancer(i) = found {
                for k in 0..s.load_balancers[i].target_groups.len() {
                    out.push((Follower::Targets(i, k), "-targets"));
                }
            }
        }
        _ => {}
    }
    out
}

/// Something named after a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follower {
    Group(usize),
    Table(usize),
    Acl(usize),
    Targets(usize, usize),
}

impl Follower {
    fn id(self, s: &Scenario) -> &str {
        match self {
            Follower::Group(k) => &s.security_groups[k].id,
            Follower::Table(k) => &s.route_tables[k].id,
            Follower::Acl(k) => &s.network_acls[k].id,
            Follower::Targets(i, k) => &s.load_balancers[i].target_groups[k].id,
        }
    }

    fn name_mut(self, s: &mut Scenario) -> &mut String {
        match self {
            Follower::Group(k) => &mut s.security_groups[k].name,
            Follower::Table(k) => &mut s.route_tables[k].name,
            Follower::Acl(k) => &mut s.network_acls[k].name,
            Follower::Targets(i, k) => &mut s.load_balancers[i].target_groups[k].name,
        }
    }
}

/// `base` when no other part uses it as a name or id, else `base 2`, `base 3`...
fn free_name(s: &Scenario, id: &str, base: &str) -> String {
    (1..1000)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base} {n}")
            }
        })
        .find(|n| clash(s, id, n).is_none())
        .unwrap_or_else(|| base.to_string())
}

/// Renames part `id` (a canvas part, security group, route table or network ACL) to `name`
/// (trimmed), and renames what was named after its old name or its id and was not renamed since:
/// its security groups called `OLD-sg`, its target groups `OLD-targets`, a subnet's route table
/// `OLD-rt` and network ACL `OLD-acl` become `NEW-sg`... The part's id stays, so every reference
/// holds; interface ids made from the old name (`eni-OLD`) are made from the new one, with the
/// routes to them. Refuses, leaving `s` as it was, a name another part has as its name or id, and an id
/// that names nothing. An empty name leaves the part named by its id.
///
/// ```
/// use vpc_playground::edit::{place::place, rename::rename, PartKind};
/// use vpc_playground::model::Scenario;
/// let s = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0).unwrap().scenario;
/// let mut s = place(&s, PartKind::Subnet, 400.0, 400.0).unwrap().scenario;
/// rename(&mut s, "subnet-a", "public-a").unwrap();
/// assert_eq!(s.subnets[0].name, "public-a");
/// assert!(rename(&mut s, "subnet-a", "vpc-1").is_err());
/// ```
pub fn rename(s: &mut Scenario, id: &str, name: &str) -> Result<(), Refusal> {
    let what = find(s, id).ok_or_else(|| Refusal::NoPart { id: id.to_string() })?;
    let name = name.trim();
    let old = name_of(s, id);
    if name == old || (name.is_empty() && name_mut(s, what).is_empty()) {
        return Ok(());
    }
    if !name.is_empty() {
        if let Some(why) = clash(s, id, name) {
            return Err(why);
        }
    }
    let mut out = s.clone();
    *name_mut(&mut out, what) = name.to_string();
    if !name.is_empty() {
        for (f, suffix) in followers(s, what) {
            let current = f.name_mut(&mut out).clone();
            let named_after = [&old, &id.to_string()]
                .iter()
                .any(|o| current == format!("{o}{suffix}"));
            if named_after {
                let fid = f.id(&out).to_string();
                let fresh = free_name(&out, &fid, &format!("{name}{suffix}"));
                *f.name_mut(&mut out) = fresh;
            }
        }
    }
    if !name.is_empty() {
        if let Named::Part(found) = what {
            rename_interfaces(&mut out, found, &old, name);
        }
    }
    *s = out;
    Ok(())
}

/// The new id of an interface whose id `eni` was made from a part's name `old`
/// (`eni-OLD`, `eni-OLD-2`, `OLD-eni`), made from `new` the same way.
fn interface_id(eni: &str, old: &str, new: &str) -> Option<String> {
    let numbered = |rest: &str| {
        rest.is_empty()
            || rest
                .strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    if let Some(rest) = eni.strip_prefix(&format!("eni-{old}")) {
        if numbered(rest) {
            return Some(format!("eni-{new}{rest}"));
        }
    }
    if eni == format!("{old}-eni") {
        return Some(format!("{new}-eni"));
    }
    None
}

/// Gives the part's interfaces whose ids were made from its old name ids made from the new one,
/// and points the routes that target them at the new ids: messages about an interface name it by
/// its id.
fn rename_interfaces(s: &mut Scenario, found: Found, old: &str, new: &str) {
    let ids: Vec<String> = interfaces_of(s, found)
        .iter()
        .map(|n| n.id.clone())
        .collect();
    for eni in ids {
        let Some(wanted) = interface_id(&eni, old, new) else {
            continue;
        };
        if super::alloc::taken_ids(s).contains(&wanted) {
            continue;
        }
        let iface = match found {
            Found::Instance(i) => s.instances[i].interfaces.iter_mut().find(|n| n.id == eni),
            Found::Database(i) => s.databases[i].interfaces.iter_mut().find(|n| n.id == eni),
            Found::LoadBalancer(i) => s.load_balancers[i].nodes.iter_mut().find(|n| n.id == eni),
            Found::NatGateway(i) => Some(&mut s.nat_gateways[i].interface).filter(|n| n.id == eni),
            Found::GwlbEndpoint(i) => {
                Some(&mut s.gwlb_endpoints[i].interface).filter(|n| n.id == eni)
            }
            _ => None,
        };
        let Some(iface) = iface else { continue };
        iface.id = wanted.clone();
        for t in &mut s.route_tables {
            for r in &mut t.routes {
                if matches!(&r.target, RouteTarget::NetworkInterface(x) if *x == eni) {
                    r.target = RouteTarget::NetworkInterface(wanted.clone());
                }
            }
        }
    }
}
