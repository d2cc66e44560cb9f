//! Moving parts (a container's parts move with it) and resizing containers, keeping every part
//! where AWS lets it live.

use super::alloc::next_private_ip;
use super::find::{descendants, locate, name_of, Found};
use super::Refusal;
use crate::geometry::NODE_SIZE;
use crate::geometry::{rect_of, subnet_at, vpc_at, zone_at};
use crate::layout::snap;
use crate::model::{Rect, Scenario};
use std::collections::BTreeSet;

/// The parts that move when `ids` are dragged: the parts themselves and everything inside them.
pub fn moving_set(s: &Scenario, ids: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for id in ids {
        if locate(s, id).is_some() {
            out.insert(id.clone());
            out.extend(descendants(s, id));
        }
    }
    out
}

/// Moves `ids` (and their contents) by (`dx`, `dy`). A node dropped in another subnet of its VPC
/// moves there and gets a free address of that subnet; a subnet takes the zone of the band it
/// lands in; an internet gateway slides onto the nearest edge of its VPC. A move that would put a
/// part where it cannot live is refused with the reason.
pub fn move_parts(s: &Scenario, ids: &[String], dx: f64, dy: f64) -> Result<Scenario, Refusal> {
    let mut out = s.clone();
    let set = moving_set(s, ids);
    for id in &set {
        if let Some(r) = out.layout.get_mut(id) {
            r.x += dx;
            r.y += dy;
        }
    }
    // Check the moved roots (parts whose container did not move with them).
    let roots: Vec<String> = set
        .iter()
        .filter(|id| super::find::parent_of(s, id).is_none_or(|p| !set.contains(&p)))
        .cloned()
        .collect();
    for id in roots {
        settle(&mut out, &id)?;
    }
    Ok(out)
}

fn centre(s: &Scenario, id: &str) -> Option<(f64, f64)> {
    rect_of(s, id).map(|r| (r.x + r.w / 2.0, r.y + r.h / 2.0))
}

/// Checks and completes a moved part's new place.
fn settle(s: &mut Scenario, id: &str) -> Result<(), Refusal> {
    let Some(found) = locate(s, id) else {
        return Ok(());
    };
    let (cx, cy) = centre(s, id).unwrap_or_default();
    let name = name_of(s, id);
    match found {
        Found::Vpc(_) | Found::OnPrem(_) => Ok(()),
        Found::Host(_) => match vpc_at(s, cx, cy) {
            Some(v) => Err(Refusal::HostIntoVpc {
                name,
                vpc: name_of(s, &s.vpcs[v].id),
            }),
            None => Ok(()),
        },
        Found::TransitGateway(_) => match vpc_at(s, cx, cy) {
            Some(v) => Err(Refusal::TransitGatewayIntoVpc {
                name,
                vpc: name_of(s, &s.vpcs[v].id),
            }),
            None => Ok(()),
        },
        Found::Subnet(i) => {
            let vpc = s.subnets[i].vpc.clone();
            let r = rect_of(s, id).unwrap_or_default();
            let v = rect_of(s, &vpc).unwrap_or_default();
            let inside =
                r.x >= v.x && r.y >= v.y && r.x + r.w <= v.x + v.w && r.y + r.h <= v.y + v.h;
            if !inside {
                return Err(Refusal::SubnetLeavesVpc {
                    name,
                    vpc: name_of(s, &vpc),
                });
            }
            if let Some(z) = zone_at(s, &vpc, cx) {
                s.subnets[i].az = z;
            }
            Ok(())
        }
        Found::InternetGateway(_) | Found::EgressOnlyInternetGateway(_) | Found::VpnGateway(_) => {
            let vpc = match found {
                Found::InternetGateway(i) => s.internet_gateways[i].vpc.clone(),
                Found::EgressOnlyInternetGateway(i) => {
                    Some(s.egress_only_internet_gateways[i].vpc.clone())
                }
                Found::VpnGateway(i) => s.vpn_gateways[i].vpc.clone(),
                _ => None,
            };
            let Some(vpc) = vpc else {
                return Ok(());
            };
            let v = rect_of(s, &vpc).unwrap_or_default();
            let r = s.layout.get_mut(id).expect("moved parts have a place");
            *r = onto_edge(&v, cx, cy);
            Ok(())
        }
        Found::LoadBalancer(i) => {
            let here = subnet_at(s, cx, cy).map(|k| s.subnets[k].id.clone());
            let ok = here
                .as_ref()
                .is_some_and(|h| s.load_balancers[i].nodes.iter().any(|n| &n.subnet == h));
            if ok {
                // Draw it in the subnet it was dropped in: that node first.
                let h = here.expect("checked");
                let lb = &mut s.load_balancers[i];
                if let Some(k) = lb.nodes.iter().position(|n| n.subnet == h) {
                    let node = lb.nodes.remove(k);
                    lb.nodes.insert(0, node);
                }
                Ok(())
            } else {
                Err(Refusal::BalancerOwnSubnets { name })
            }
        }
        Found::Instance(_) | Found::Database(_) | Found::NatGateway(_) | Found::GwlbEndpoint(_) => {
            let Some(k) = subnet_at(s, cx, cy) else {
                return Err(Refusal::StayInSubnet { name });
            };
            let to = s.subnets[k].clone();
            let from = super::find::parent_of(s, id).unwrap_or_default();
            if to.id == from {
                return Ok(());
            }
            let from_vpc = s
                .subnets
                .iter()
                .find(|x| x.id == from)
                .map(|x| x.vpc.clone());
            if from_vpc.as_deref() != Some(to.vpc.as_str()) {
                return Err(Refusal::OtherVpc {
                    name,
                    vpc: name_of(s, &to.vpc),
                });
            }
            let ip = next_private_ip(s, &to.id).ok_or_else(|| Refusal::SubnetFull {
                subnet: name_of(s, &to.id),
                cidr: None,
            })?;
            if let Some(n) = super::find::first_interface_mut(s, found) {
                n.subnet = to.id.clone();
                n.private_ip = ip;
            }
            Ok(())
        }
    }
}

/// A node box centred on the edge of `v` nearest to (`cx`, `cy`).
pub fn onto_edge(v: &Rect, cx: f64, cy: f64) -> Rect {
    let half = NODE_SIZE / 2.0;
    let x = cx.clamp(v.x + half, v.x + v.w - half);
    let y = cy.clamp(v.y + half, v.y + v.h - half);
    let d = [
        (cy - v.y).abs(),
        (v.y + v.h - cy).abs(),
        (cx - v.x).abs(),
        (v.x + v.w - cx).abs(),
    ];
    let nearest = (0..4).min_by(|&a, &b| d[a].total_cmp(&d[b])).unwrap_or(0);
    let (x, y) = match nearest {
        0 => (x, v.y),
        1 => (x, v.y + v.h),
        2 => (v.x, y),
        _ => (v.x + v.w, y),
    };
    Rect {
        x: x - half,
        y: y - half,
        w: 0.0,
        h: 0.0,
    }
}

/// The smallest size container `id` can take: room for its title and everything inside it.
pub fn min_size(s: &Scenario, id: &str) -> (f64, f64) {
    let Some(r) = rect_of(s, id) else {
        return (0.0, 0.0);
    };
    let mut w: f64 = 160.0;
    let mut h: f64 = 100.0;
    for d in descendants(s, id) {
        if matches!(
            locate(s, &d),
            Some(Found::InternetGateway(_) | Found::EgressOnlyInternetGateway(_))
        ) {
            continue;
        }
        if let Some(c) = rect_of(s, &d) {
            let label = if c.w > NODE_SIZE { 0.0 } else { 34.0 };
            w = w.max(c.x + c.w - r.x + 8.0);
            h = h.max(c.y + c.h + label - r.y + 8.0);
        }
    }
    (w, h)
}

/// Resizes container `id` to `w` × `h` (snapped to the grid), never smaller than what it holds.
pub fn resize(s: &Scenario, id: &str, w: f64, h: f64) -> Scenario {
    let mut out = s.clone();
    let (min_w, min_h) = min_size(s, id);
    if let Some(r) = out.layout.get_mut(id) {
        r.w = snap(w).max(min_w);
        r.h = snap(h).max(min_h);
    }
    if let Some(Found::Vpc(i)) = locate(&out, id) {
        // Gateways stay on the edge.
        let vpc = out.vpcs[i].id.clone();
        let v = out.layout[&vpc];
        for g in super::find::edge_gateways(&out, &vpc) {
            if let Some((cx, cy)) = centre(&out, &g) {
                out.layout.insert(g, onto_edge(&v, cx, cy));
            }
        }
    }
    out
}
