//! Allocating what a new part needs: a free VPC or subnet block, a free private address (never
//! one of the five AWS reserves), a public address, a unique id and a readable name.

use super::find::{all_interfaces, part_ids};
use crate::model::{Id, Scenario};
use ipnet::Ipv4Net;
use rustc_hash::FxHashSet as HashSet;
use std::net::Ipv4Addr;

fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The next free VPC block: `10.0.0.0/16`, then `10.1.0.0/16`, ... skipping blocks that overlap
/// an existing VPC.
pub fn next_vpc_cidr(s: &Scenario) -> Option<Ipv4Net> {
    let taken: Vec<Ipv4Net> = s
        .vpcs
        .iter()
        .flat_map(|v| v.cidrs.iter().copied())
        .collect();
    (0u8..=255)
        .map(|n| Ipv4Net::new(Ipv4Addr::new(10, n, 0, 0), 16).expect("valid prefix"))
        .find(|c| !taken.iter().any(|t| overlaps(*t, *c)))
}

/// The next free subnet block of VPC `vpc`: the first `/24` (or, in a VPC smaller than that,
/// the first block of the VPC's own size... down to `/28`) that overlaps no subnet of the VPC.
pub fn next_subnet_cidr(s: &Scenario, vpc: &str) -> Option<Ipv4Net> {
    let v = s.vpcs.iter().find(|v| v.id == vpc)?;
    let taken: Vec<Ipv4Net> = s
        .subnets
        .iter()
        .filter(|x| x.vpc == vpc)
        .map(|x| x.cidr)
        .collect();
    for block in &v.cidrs {
        let block = block.trunc();
        for len in block.prefix_len().max(24)..=28 {
            if let Ok(mut subs) = block.subnets(len) {
                if let Some(free) = subs.find(|c| !taken.iter().any(|t| overlaps(*t, *c))) {
                    return Some(free);
                }
            }
        }
    }
    None
}

/// Whether AWS reserves `ip` in subnet block `net`: the network address, +1 (router), +2 (DNS),
/// +3 (future use) and the broadcast address.
pub fn is_reserved(ip: Ipv4Addr, net: Ipv4Net) -> bool {
    let offset = u32::from(ip).wrapping_sub(u32::from(net.network()));
    offset <= 3 || ip == net.broadcast()
}

/// The number of addresses AWS lets you use in a block: its size minus the five reserved ones
/// (`/24` → 251).
pub fn usable_addresses(net: Ipv4Net) -> u64 {
    let size = 1u64 << (32 - u32::from(net.prefix_len()));
    size.saturating_sub(5)
}

/// The first free private address of subnet `subnet`: not reserved, not used by any interface.
pub fn next_private_ip(s: &Scenario, subnet: &str) -> Option<Ipv4Addr> {
    let net = s.subnets.iter().find(|x| x.id == subnet)?.cidr.trunc();
    let used: HashSet<Ipv4Addr> = all_interfaces(s).map(|n| n.private_ip).collect();
    let first = u32::from(net.network());
    let last = u32::from(net.broadcast());
    (first..=last)
        .map(Ipv4Addr::from)
        .find(|ip| !is_reserved(*ip, net) && !used.contains(ip))
}

/// A public address for a new public IP, Elastic IP or internet host: the first free address of
/// `13.124.0.0/14` (an ap-northeast-2 range) that no VPC, interface or host uses.
pub fn next_public_ip(s: &Scenario) -> Ipv4Addr {
    let used: HashSet<Ipv4Addr> = all_interfaces(s)
        .filter_map(|n| n.public_ip)
        .chain(s.internet_hosts.iter().map(|h| h.ip))
        .collect();
    let vpcs: Vec<Ipv4Net> = s
        .vpcs
        .iter()
        .flat_map(|v| v.cidrs.iter().copied())
        .collect();
    let base = u32::from(Ipv4Addr::new(13, 124, 0, 10));
    (0..(1u32 << 18))
        .map(|i| Ipv4Addr::from(base + i))
        .find(|ip| !used.contains(ip) && !vpcs.iter().any(|v| v.contains(ip)))
        .unwrap_or(Ipv4Addr::new(13, 124, 0, 10))
}

/// Every id used in the scenario: parts, tables, groups and interfaces.
pub fn taken_ids(s: &Scenario) -> HashSet<Id> {
    let mut ids: HashSet<Id> = part_ids(s).into_iter().collect();
    ids.extend(s.route_tables.iter().map(|x| x.id.clone()));
    ids.extend(s.network_acls.iter().map(|x| x.id.clone()));
    ids.extend(s.security_groups.iter().map(|x| x.id.clone()));
    ids.extend(s.peerings.iter().map(|x| x.id.clone()));
    ids.extend(s.gateway_endpoints.iter().map(|x| x.id.clone()));
    ids.extend(s.prefix_lists.iter().map(|x| x.id.clone()));
    ids.extend(all_interfaces(s).map(|n| n.id.clone()));
    for lb in &s.load_balancers {
        ids.extend(lb.target_groups.iter().map(|t| t.id.clone()));
    }
    for t in &s.transit_gateways {
        ids.insert(t.id.clone());
        ids.extend(t.attachments.iter().map(|a| a.id.clone()));
        ids.extend(t.route_tables.iter().map(|r| r.id.clone()));
    }
    ids
}

/// `base` if no id uses it, else `base-2`, `base-3`...
pub fn fresh_id(s: &Scenario, base: &str) -> Id {
    let taken = taken_ids(s);
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .expect("some suffix is free")
}

fn names(s: &Scenario) -> HashSet<String> {
    let mut out: HashSet<String> = taken_ids(s);
    out.extend(s.vpcs.iter().map(|x| x.name.clone()));
    out.extend(s.subnets.iter().map(|x| x.name.clone()));
    out.extend(s.instances.iter().map(|x| x.name.clone()));
    out.extend(s.databases.iter().map(|x| x.name.clone()));
    out.extend(s.load_balancers.iter().map(|x| x.name.clone()));
    out.extend(s.internet_gateways.iter().map(|x| x.name.clone()));
    out.extend(
        s.egress_only_internet_gateways
            .iter()
            .map(|x| x.name.clone()),
    );
    out.extend(s.nat_gateways.iter().map(|x| x.name.clone()));
    out.extend(s.gwlb_endpoints.iter().map(|x| x.name.clone()));
    out.extend(s.internet_hosts.iter().map(|x| x.name.clone()));
    out.extend(s.security_groups.iter().map(|x| x.name.clone()));
    out.extend(s.route_tables.iter().map(|x| x.name.clone()));
    out
}

/// The first of `prefix-1`, `prefix-2`... that no part uses as a name or id.
pub fn next_name(s: &Scenario, prefix: &str) -> String {
    let taken = names(s);
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|n| !taken.contains(n))
        .expect("some number is free")
}

/// The first of `subnet-a`, `subnet-b`... (then `subnet-aa`...) that no part uses.
pub fn next_letter_name(s: &Scenario, prefix: &str) -> String {
    let taken = names(s);
    let letters = |mut n: usize| {
        let mut out = String::new();
        loop {
            out.insert(0, (b'a' + (n % 26) as u8) as char);
            if n < 26 {
                return out;
            }
            n = n / 26 - 1;
        }
    };
    (0..)
        .map(|n| format!("{prefix}-{}", letters(n)))
        .find(|n| !taken.contains(n))
        .expect("some name is free")
}

/// `name` itself when free, else `name 2`, `name 3`...
pub fn unique_title(s: &Scenario, name: &str) -> String {
    let taken = names(s);
    if !taken.contains(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name} {n}"))
        .find(|n| !taken.contains(n))
        .expect("some number is free")
}
