//! Internet gateways, NAT gateways and peering connections.

use super::index::Index;
use super::nets::NetSet;
use crate::model::Connectivity;
use crate::scenario::message::Message;
use crate::scenario::problem::{label, Problem};
use rustc_hash::FxHashMap as HashMap;

/// Reports gateway and peering problems.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    internet_gateways(ix, out);
    nat_gateways(ix, out);
    gwlb_endpoints(ix, out);
    peerings(ix, out);
}

/// `two-internet-gateways`.
fn internet_gateways(ix: &Index, out: &mut Vec<Problem>) {
    let mut attached: HashMap<&str, usize> = HashMap::default();
    for (i, g) in ix.s.internet_gateways.iter().enumerate() {
        let Some(vpc) = g.vpc.as_deref() else {
            continue;
        };
        match attached.get(vpc) {
            Some(&first) => {
                let f = &ix.s.internet_gateways[first];
                out.push(Problem::error(
                    "two-internet-gateways",
                    format!("internet_gateways[{i}].vpc"),
                    label(&g.id, &g.name),
                    Message::TwoInternetGateways {
                        vpc: vpc.to_string(),
                        first,
                        igw: label(&f.id, &f.name),
                    },
                ));
            }
            None => {
                attached.insert(vpc, i);
            }
        }
    }
}

/// `gwlb-endpoint-security-groups`.
fn gwlb_endpoints(ix: &Index, out: &mut Vec<Problem>) {
    for (i, n) in ix.s.gwlb_endpoints.iter().enumerate() {
        if !n.interface.security_groups.is_empty() {
            out.push(Problem::error(
                "gwlb-endpoint-security-groups",
                format!("gwlb_endpoints[{i}].interface.security_groups"),
                label(&n.id, &n.name),
                Message::GwlbEndpointGroups,
            ));
        }
    }
}

/// `nat-gateway-security-groups` and the `public-nat-without-public-ip` warning.
fn nat_gateways(ix: &Index, out: &mut Vec<Problem>) {
    for (i, n) in ix.s.nat_gateways.iter().enumerate() {
        let part = label(&n.id, &n.name);
        if !n.interface.security_groups.is_empty() {
            out.push(Problem::error(
                "nat-gateway-security-groups",
                format!("nat_gateways[{i}].interface.security_groups"),
                part.clone(),
                Message::NatGatewayGroups,
            ));
        }
        if n.connectivity == Connectivity::Public && n.interface.public_ip.is_none() {
            out.push(Problem::warning(
                "public-nat-without-public-ip",
                format!("nat_gateways[{i}].interface.public_ip"),
                part,
                Message::PublicNatWithoutIp,
            ));
        }
    }
}

/// `peering-with-itself`, `peering-overlapping-cidrs`, `duplicate-peering`.
fn peerings(ix: &Index, out: &mut Vec<Problem>) {
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::default();
    for (i, p) in ix.s.peerings.iter().enumerate() {
        let part = label(&p.id, &p.name);
        let path = format!("peerings[{i}]");
        let (a, b) = (p.requester.as_str(), p.accepter.as_str());
        if a == b {
            out.push(Problem::error(
                "peering-with-itself",
                format!("{path}.accepter"),
                part,
                Message::PeeringWithItself { vpc: a.to_string() },
            ));
            continue;
        }
        if p.active {
            match pairs.get(&(a.min(b), a.max(b))) {
                Some(&first) => out.push(Problem::error(
                    "duplicate-peering",
                    format!("{path}.accepter"),
                    part.clone(),
                    Message::DuplicatePeering {
                        a: a.to_string(),
                        b: b.to_string(),
                        first,
                        id: ix.s.peerings[first].id.clone(),
                    },
                )),
                None => {
                    pairs.insert((a.min(b), a.max(b)), i);
                }
            }
        }
        let (Some(va), Some(vb)) = (ix.vpc(a), ix.vpc(b)) else {
            continue;
        };
        let blocks = NetSet::new(va.cidrs.iter().map(|&n| (n, n)));
        if let Some((x, y)) = vb
            .cidrs
            .iter()
            .find_map(|&y| blocks.overlapping(y).map(|x| (x, y)))
        {
            out.push(Problem::error(
                "peering-overlapping-cidrs",
                format!("{path}.accepter"),
                part,
                Message::PeeringOverlap {
                    a: a.to_string(),
                    x,
                    b: b.to_string(),
                    y,
                },
            ));
        }
    }
}
