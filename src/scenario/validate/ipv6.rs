//! IPv6 dual stack: VPC and subnet IPv6 blocks and the interfaces' IPv6 addresses.
//!
//! AWS rules here: a VPC's IPv6 block is a /44 to /60 (Amazon-provided blocks are /56); a
//! subnet's IPv6 block is a /64 inside one of its VPC's IPv6 blocks, and no two subnets share
//! one; an interface's IPv6 address lies in its subnet's IPv6 block and is not one of the first
//! four or the last address of it, which AWS reserves; no two interfaces of a VPC share one.

use super::index::Index;
use crate::scenario::message::{Ipv6Why, Message};
use crate::scenario::problem::{label, Problem};

/// The prefix lengths AWS accepts for a VPC's IPv6 block.
const VPC_SIZES: std::ops::RangeInclusive<u8> = 44..=60;

/// Reports the IPv6 rules.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    vpc_blocks(ix, out);
    subnet_blocks(ix, out);
    addresses(ix, out);
}

/// `vpc-ipv6-cidr-size`.
fn vpc_blocks(ix: &Index, out: &mut Vec<Problem>) {
    for (i, v) in ix.s.vpcs.iter().enumerate() {
        for (j, n) in v.ipv6_cidrs.iter().enumerate() {
            if !VPC_SIZES.contains(&n.prefix_len()) {
                out.push(Problem::error(
                    "vpc-ipv6-cidr-size",
                    format!("vpcs[{i}].ipv6_cidrs[{j}]"),
                    label(&v.id, &v.name),
                    Message::VpcIpv6CidrSize { net: *n },
                ));
            }
        }
    }
}

/// `subnet-ipv6-cidr`: a /64 inside one of the VPC's IPv6 blocks, its own.
fn subnet_blocks(ix: &Index, out: &mut Vec<Problem>) {
    // Few subnets have IPv6 blocks: a list is enough (and keeps the browser build small).
    let mut seen: Vec<(ipnet::Ipv6Net, usize)> = Vec::new();
    for (i, x) in ix.s.subnets.iter().enumerate() {
        let Some(n) = x.ipv6_cidr else { continue };
        let n = n.trunc();
        let Some(vpc) = ix.vpc(&x.vpc) else { continue };
        let inside = vpc.ipv6_cidrs.iter().any(|b| b.contains(&n));
        let why = if n.prefix_len() != 64 {
            Some(Ipv6Why::NotSlash64)
        } else if !inside {
            Some(match vpc.ipv6_cidrs.as_slice() {
                [] => Ipv6Why::NoBlock(vpc.id.clone()),
                blocks => Ipv6Why::Outside(
                    blocks
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            })
        } else {
            (seen.iter().find(|(b, _)| *b == n)).map(|&(_, first)| {
                Ipv6Why::Taken(format!("subnets[{first}] {}", ix.s.subnets[first].id))
            })
        };
        seen.push((n, i));
        if let Some(why) = why {
            out.push(Problem::error(
                "subnet-ipv6-cidr",
                format!("subnets[{i}].ipv6_cidr"),
                label(&x.id, &x.name),
                Message::SubnetIpv6Cidr { net: n, why },
            ));
        }
    }
}

/// `ipv6-address-outside-subnet`: each address in its subnet's IPv6 block, not reserved, not
/// another interface's.
fn addresses(ix: &Index, out: &mut Vec<Problem>) {
    let mut seen: Vec<(&str, std::net::Ipv6Addr, usize)> = Vec::new();
    for (k, f) in ix.ifaces.iter().enumerate() {
        let Some(subnet) = ix.subnet(&f.iface.subnet) else {
            continue;
        };
        for (j, &ip) in f.iface.ipv6_addresses.iter().enumerate() {
            let why = match subnet.ipv6_cidr.map(|n| n.trunc()) {
                None => Some(Ipv6Why::NoBlock(subnet.id.clone())),
                Some(n) if !n.contains(&ip) => Some(Ipv6Why::Outside(n.to_string())),
                Some(n) => {
                    if crate::model::ipv6_reserved(ip, n) {
                        Some(Ipv6Why::Reserved(n))
                    } else {
                        (seen.iter().find(|(v, a, _)| *v == subnet.vpc && *a == ip))
                            .map(|&(.., o)| Ipv6Why::Taken(ix.ifaces[o].iface.id.clone()))
                    }
                }
            };
            seen.push((subnet.vpc.as_str(), ip, k));
            if let Some(why) = why {
                out.push(Problem::error(
                    "ipv6-address-outside-subnet",
                    format!("{}.ipv6_addresses[{j}]", f.path),
                    f.owner_label.clone(),
                    Message::Ipv6Address { ip, why },
                ));
            }
        }
    }
}
