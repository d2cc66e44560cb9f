//! Addresses: VPC and subnet blocks, and the private and public IPs of interfaces and hosts.

use super::index::Index;
use super::nets::{canonical, overlapping_pairs, within, NetSet};
use crate::model::{Destination, Peer};
use crate::scenario::message::{Holder, Message, Reserved};
use crate::scenario::problem::{label, Problem};
use ipnet::{IpNet, Ipv4Net};
use rustc_hash::FxHashMap as HashMap;
use std::net::Ipv4Addr;

/// The prefix lengths AWS accepts for VPC and subnet blocks.
const SIZES: std::ops::RangeInclusive<u8> = 16..=28;

/// Reports block, subnet and address rules.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    host_bits(ix, out);
    vpc_blocks(ix, out);
    subnets(ix, out);
    private_ips(ix, out);
    public_ips(ix, out);
}

/// `cidr-host-bits`: every CIDR must start at its network address.
fn host_bits(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut check = |path: String, part: &str, net: IpNet| {
        if net.trunc() != net {
            out.push(Problem::error(
                "cidr-host-bits",
                path,
                part,
                Message::HostBits {
                    net,
                    canonical: net.trunc(),
                },
            ));
        }
    };
    for (i, v) in s.vpcs.iter().enumerate() {
        for (j, n) in v.cidrs.iter().enumerate() {
            check(
                format!("vpcs[{i}].cidrs[{j}]"),
                &label(&v.id, &v.name),
                (*n).into(),
            );
        }
        for (j, n) in v.ipv6_cidrs.iter().enumerate() {
            check(
                format!("vpcs[{i}].ipv6_cidrs[{j}]"),
                &label(&v.id, &v.name),
                (*n).into(),
            );
        }
    }
    for (i, x) in s.subnets.iter().enumerate() {
        let part = label(&x.id, &x.name);
        check(format!("subnets[{i}].cidr"), &part, x.cidr.into());
        if let Some(n) = x.ipv6_cidr {
            check(format!("subnets[{i}].ipv6_cidr"), &part, n.into());
        }
    }
    for (i, t) in s.route_tables.iter().enumerate() {
        for (j, r) in t.routes.iter().enumerate() {
            if let Destination::Cidr(n) = &r.destination {
                let path = format!("route_tables[{i}].routes[{j}].destination");
                check(path, &label(&t.id, &t.name), *n);
            }
        }
    }
    for (i, a) in s.network_acls.iter().enumerate() {
        for (dir, rules) in [("inbound", &a.inbound), ("outbound", &a.outbound)] {
            for (j, r) in rules.iter().enumerate() {
                let path = format!("network_acls[{i}].{dir}[{j}].cidr");
                check(path, &label(&a.id, &a.name), r.cidr);
            }
        }
    }
    for (i, g) in s.security_groups.iter().enumerate() {
        for (dir, rules) in [("inbound", &g.inbound), ("outbound", &g.outbound)] {
            for (j, r) in rules.iter().enumerate() {
                if let Peer::Cidr(n) = &r.peer {
                    let path = format!("security_groups[{i}].{dir}[{j}].peer");
                    check(path, &label(&g.id, &g.name), *n);
                }
            }
        }
    }
    for (i, p) in s.prefix_lists.iter().enumerate() {
        for (j, n) in p.cidrs.iter().enumerate() {
            check(
                format!("prefix_lists[{i}].cidrs[{j}]"),
                &label(&p.id, &p.name),
                *n,
            );
        }
    }
}

/// `vpc-without-cidr`, `vpc-cidr-size`, `overlapping-vpc-cidrs`.
fn vpc_blocks(ix: &Index, out: &mut Vec<Problem>) {
    for (i, v) in ix.s.vpcs.iter().enumerate() {
        let part = label(&v.id, &v.name);
        if v.cidrs.is_empty() {
            out.push(Problem::error(
                "vpc-without-cidr",
                format!("vpcs[{i}].cidrs"),
                part.clone(),
                Message::VpcWithoutCidr,
            ));
        }
        for (j, n) in v.cidrs.iter().enumerate() {
            if !SIZES.contains(&n.prefix_len()) {
                out.push(Problem::error(
                    "vpc-cidr-size",
                    format!("vpcs[{i}].cidrs[{j}]"),
                    part.clone(),
                    Message::VpcCidrSize { net: *n },
                ));
            }
        }
        let tagged: Vec<(Ipv4Net, usize)> = v.cidrs.iter().copied().zip(0..).collect();
        for (a, b) in overlapping_pairs(&tagged) {
            let (first, later) = (a.min(b), a.max(b));
            out.push(Problem::error(
                "overlapping-vpc-cidrs",
                format!("vpcs[{i}].cidrs[{later}]"),
                part.clone(),
                Message::OverlappingVpcCidrs {
                    net: v.cidrs[later],
                    first,
                    other: v.cidrs[first],
                },
            ));
        }
    }
}

/// `subnet-cidr-size`, `subnet-outside-vpc`, `overlapping-subnets`.
fn subnets(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut by_vpc: HashMap<&str, Vec<(Ipv4Net, usize)>> = HashMap::default();
    for (i, x) in s.subnets.iter().enumerate() {
        let part = label(&x.id, &x.name);
        let path = format!("subnets[{i}].cidr");
        let n = x.cidr;
        if !SIZES.contains(&n.prefix_len()) {
            out.push(Problem::error(
                "subnet-cidr-size",
                path.clone(),
                part.clone(),
                Message::SubnetCidrSize { net: n },
            ));
        }
        by_vpc.entry(x.vpc.as_str()).or_default().push((n, i));
        let Some(vpc) = ix.vpc(&x.vpc) else { continue };
        if !vpc.cidrs.is_empty() && !vpc.cidrs.iter().any(|&b| within(n, b)) {
            out.push(Problem::error(
                "subnet-outside-vpc",
                path,
                part,
                Message::SubnetOutsideVpc {
                    net: n,
                    vpc: label(&vpc.id, &vpc.name),
                    blocks: vpc.cidrs.clone(),
                },
            ));
        }
    }
    let mut found = Vec::new();
    for list in by_vpc.values() {
        for (a, b) in overlapping_pairs(list) {
            found.push((a.max(b), a.min(b)));
        }
    }
    crate::sorting::sort(&mut found);
    for (later, first) in found {
        let (x, y) = (&s.subnets[later], &s.subnets[first]);
        out.push(Problem::error(
            "overlapping-subnets",
            format!("subnets[{later}].cidr"),
            label(&x.id, &x.name),
            Message::OverlappingSubnets {
                net: x.cidr,
                first,
                other: label(&y.id, &y.name),
                other_net: y.cidr,
            },
        ));
    }
}

/// The usable range of a block, `10.0.1.4` to `10.0.1.254`, if it has one.
fn usable(net: Ipv4Net) -> Option<(Ipv4Addr, Ipv4Addr)> {
    let first = u32::from(net.network()).checked_add(4)?;
    let last = u32::from(net.broadcast()).checked_sub(1)?;
    (first <= last).then(|| (Ipv4Addr::from(first), Ipv4Addr::from(last)))
}

/// Why AWS reserves `ip` in `net`, if it does.
fn reserved(ip: Ipv4Addr, net: Ipv4Net) -> Option<Reserved> {
    let offset = u32::from(ip).wrapping_sub(u32::from(net.network()));
    match offset {
        0 => Some(Reserved::Network),
        _ if ip == net.broadcast() => Some(Reserved::Broadcast),
        1 => Some(Reserved::Router),
        2 => Some(Reserved::Dns),
        3 => Some(Reserved::Future),
        _ => None,
    }
}

/// `ip-outside-subnet`, `reserved-ip`, `duplicate-private-ip`.
fn private_ips(ix: &Index, out: &mut Vec<Problem>) {
    let mut seen: HashMap<(&str, Ipv4Addr), usize> = HashMap::default();
    for (k, f) in ix.ifaces.iter().enumerate() {
        let ip = f.iface.private_ip;
        let Some(subnet) = ix.subnet(&f.iface.subnet) else {
            continue;
        };
        let path = format!("{}.private_ip", f.path);
        let net = canonical(subnet.cidr);
        let range = usable(net);
        let sub = label(&subnet.id, &subnet.name);
        if !net.contains(&ip) {
            out.push(Problem::error(
                "ip-outside-subnet",
                path.clone(),
                f.owner_label.clone(),
                Message::IpOutsideSubnet {
                    iface: f.iface.id.clone(),
                    ip,
                    subnet: sub.clone(),
                    net,
                    usable: range,
                },
            ));
        } else if let Some(why) = reserved(ip, net) {
            out.push(Problem::error(
                "reserved-ip",
                path.clone(),
                f.owner_label.clone(),
                Message::ReservedIp {
                    iface: f.iface.id.clone(),
                    ip,
                    why,
                    subnet: sub.clone(),
                    net,
                    usable: range,
                },
            ));
        }
        match seen.get(&(subnet.vpc.as_str(), ip)) {
            Some(&other) => {
                let o = &ix.ifaces[other];
                out.push(Problem::error(
                    "duplicate-private-ip",
                    path,
                    f.owner_label.clone(),
                    Message::DuplicatePrivateIp {
                        ip,
                        iface: o.iface.id.clone(),
                        path: o.path.clone(),
                        owner: o.owner_label.clone(),
                    },
                ));
            }
            None => {
                seen.insert((subnet.vpc.as_str(), ip), k);
            }
        }
    }
}

/// `public-ip-in-vpc`, `duplicate-public-ip`, `internet-host-in-vpc`.
fn public_ips(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let vpc_blocks = NetSet::new(
        s.vpcs
            .iter()
            .flat_map(|v| v.cidrs.iter().map(move |&n| (n, v))),
    );
    let in_vpc = |ip: Ipv4Addr| vpc_blocks.containing_ip(ip).map(|v| label(&v.id, &v.name));
    // Who holds each public address: the path and label of the first holder.
    let mut holders: HashMap<Ipv4Addr, Holder> = HashMap::default();
    for f in &ix.ifaces {
        let Some(ip) = f.iface.public_ip else {
            continue;
        };
        let path = format!("{}.public_ip", f.path);
        if let Some(vpc) = in_vpc(ip) {
            out.push(Problem::error(
                "public-ip-in-vpc",
                path.clone(),
                f.owner_label.clone(),
                Message::PublicIpInVpc {
                    ip,
                    iface: f.iface.id.clone(),
                    vpc,
                },
            ));
        }
        let me = Holder::Interface {
            id: f.iface.id.clone(),
            path: f.path.clone(),
            owner: f.owner_label.clone(),
        };
        duplicate_public(out, &mut holders, ip, path, &f.owner_label, me);
    }
    for (i, h) in s.internet_hosts.iter().enumerate() {
        let part = label(&h.id, &h.name);
        let path = format!("internet_hosts[{i}].ip");
        if let Some(vpc) = in_vpc(h.ip) {
            out.push(Problem::error(
                "internet-host-in-vpc",
                path.clone(),
                part.clone(),
                Message::InternetHostInVpc { ip: h.ip, vpc },
            ));
        }
        let me = Holder::Host {
            label: part.clone(),
            index: i,
        };
        duplicate_public(out, &mut holders, h.ip, path, &part, me);
    }
}

/// Reports `duplicate-public-ip` if `ip` already has a holder; else records `me` as its holder.
fn duplicate_public(
    out: &mut Vec<Problem>,
    holders: &mut HashMap<Ipv4Addr, Holder>,
    ip: Ipv4Addr,
    path: String,
    part: &str,
    me: Holder,
) {
    match holders.get(&ip) {
        Some(first) => out.push(Problem::error(
            "duplicate-public-ip",
            path,
            part,
            Message::DuplicatePublicIp {
                ip,
                first: first.clone(),
            },
        )),
        None => {
            holders.insert(ip, me);
        }
    }
}
