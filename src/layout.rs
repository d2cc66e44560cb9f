//! Where parts go on the canvas when a scenario arrives without positions (an AWS import, a link
//! without layout): a deterministic auto-layout. Plain Rust, no browser types.
//!
//! Hosts on the internet sit in a row at the top; VPCs sit side by side below them; inside a VPC
//! each availability zone is a vertical band, subnets stack in rows inside their band, nodes fill
//! a grid inside their subnet, the internet gateway sits on the VPC's top edge, and transit
//! gateways sit in a row under the VPCs.

use crate::geometry::{
    zones_of, GRID, NODE_SIZE, SLOT_H, SLOT_W, SUBNET_H, SUBNET_HEAD, SUBNET_W, VPC_HEAD, VPC_PAD,
};
use crate::model::{Id, Rect, Scenario};
use std::collections::BTreeMap;

const GAP: f64 = 20.0;
const TOP: f64 = 40.0;
const HOSTS_H: f64 = 140.0;
const COLS: usize = 2;

/// Rounds `v` to the nearest grid line.
pub fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// The ids of the nodes drawn in subnet `subnet`, in a stable order: NAT gateways, Gateway Load
/// Balancer endpoints, load balancers, instances, databases.
pub fn nodes_in(s: &Scenario, subnet: &str) -> Vec<Id> {
    let first_in =
        |ifs: &[crate::model::Interface]| ifs.first().is_some_and(|n| n.subnet == subnet);
    let mut out = Vec::new();
    out.extend(
        s.nat_gateways
            .iter()
            .filter(|n| n.interface.subnet == subnet)
            .map(|n| n.id.clone()),
    );
    out.extend(
        (s.gwlb_endpoints.iter())
            .filter(|n| n.interface.subnet == subnet)
            .map(|n| n.id.clone()),
    );
    out.extend(
        s.load_balancers
            .iter()
            .filter(|n| first_in(&n.nodes))
            .map(|n| n.id.clone()),
    );
    out.extend(
        s.instances
            .iter()
            .filter(|n| first_in(&n.interfaces))
            .map(|n| n.id.clone()),
    );
    out.extend(
        s.databases
            .iter()
            .filter(|n| first_in(&n.interfaces))
            .map(|n| n.id.clone()),
    );
    out
}

/// Top-left corner of slot `k` of a subnet whose box is `r`.
pub fn slot(r: &Rect, k: usize) -> (f64, f64) {
    let cols = (((r.w - 2.0 * GAP) / SLOT_W).floor() as usize).max(1);
    let (c, row) = (k % cols, k / cols);
    (
        r.x + GAP + c as f64 * SLOT_W + (SLOT_W - NODE_SIZE) / 2.0,
        r.y + SUBNET_HEAD + row as f64 * SLOT_H,
    )
}

fn subnet_size(nodes: usize) -> (f64, f64) {
    // Roughly square grids: 2 columns for a few nodes, up to 4 for many.
    let cols = ((nodes as f64).sqrt().ceil() as usize).clamp(COLS, 4);
    let rows = nodes.div_ceil(cols).max(1);
    (
        SUBNET_W.max(2.0 * GAP + cols as f64 * SLOT_W),
        SUBNET_H.max(SUBNET_HEAD + rows as f64 * SLOT_H),
    )
}

/// A complete layout of `s`, computed from the scenario alone (same input, same output).
pub fn auto_layout(s: &Scenario) -> BTreeMap<Id, Rect> {
    let mut out = BTreeMap::new();
    let node = |x: f64, y: f64| Rect {
        x,
        y,
        w: 0.0,
        h: 0.0,
    };
    // Hosts on the internet, and detached internet gateways, in a row at the top.
    let mut x = TOP;
    for h in &s.internet_hosts {
        out.insert(h.id.clone(), node(x, TOP));
        x += SLOT_W;
    }
    for g in s.internet_gateways.iter().filter(|g| g.vpc.is_none()) {
        out.insert(g.id.clone(), node(x, TOP));
        x += SLOT_W;
    }
    let vpc_known = |v: &Option<String>| {
        v.as_ref()
            .is_some_and(|v| s.vpcs.iter().any(|x| x.id == *v))
    };
    for g in s.vpn_gateways.iter().filter(|g| !vpc_known(&g.vpc)) {
        out.insert(g.id.clone(), node(x, TOP));
        x += SLOT_W;
    }
    let mut vx = TOP;
    let vy = TOP + HOSTS_H;
    for v in &s.vpcs {
        let zones = zones_of(s, &v.id);
        // The subnets of each band, in scenario order.
        let bands: Vec<Vec<usize>> = zones
            .iter()
            .enumerate()
            .map(|(zi, z)| {
                s.subnets
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.vpc == v.id && (x.az == *z || (zi == 0 && x.az.is_empty())))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        // The size of each subnet of the VPC, by subnet index (others stay unsized).
        let mut sizes = vec![(0.0, 0.0); s.subnets.len()];
        for &i in bands.iter().flatten() {
            sizes[i] = subnet_size(nodes_in(s, &s.subnets[i].id).len());
        }
        // Subnets of a zone fill columns of at most 4 rows.
        let per_band = bands.iter().map(Vec::len).max().unwrap_or(0);
        let cols = per_band.div_ceil(4).max(1);
        let cell_w = (bands.iter().flatten())
            .map(|&i| sizes[i].0)
            .fold(SUBNET_W, f64::max)
            + GAP;
        let band_w = cols as f64 * cell_w + GAP;
        let rows = per_band.div_ceil(cols);
        let row_h: Vec<f64> = (0..rows)
            .map(|r| {
                bands
                    .iter()
                    .flat_map(|b| b.iter().skip(r * cols).take(cols))
                    .map(|&i| sizes[i].1)
                    .fold(0.0, f64::max)
            })
            .collect();
        let inner_h: f64 = row_h
            .iter()
            .map(|h| h + GAP)
            .sum::<f64>()
            .max(SUBNET_H + GAP);
        let vw = 2.0 * VPC_PAD + band_w * zones.len() as f64;
        let vh = VPC_HEAD + inner_h + VPC_PAD;
        out.insert(
            v.id.clone(),
            Rect {
                x: vx,
                y: vy,
                w: vw,
                h: vh,
            },
        );
        for (bi, band) in bands.iter().enumerate() {
            for (k, &i) in band.iter().enumerate() {
                let (r, c) = (k / cols, k % cols);
                let y = vy + VPC_HEAD + row_h[..r].iter().map(|h| h + GAP).sum::<f64>();
                let (w, h) = sizes[i];
                let rect = Rect {
                    x: vx + VPC_PAD + band_w * bi as f64 + GAP + cell_w * c as f64,
                    y,
                    w,
                    h: row_h[r].max(h),
                };
                for (n, id) in nodes_in(s, &s.subnets[i].id).into_iter().enumerate() {
                    let (nx, ny) = slot(&rect, n);
                    out.insert(id, node(nx, ny));
                }
                out.insert(s.subnets[i].id.clone(), rect);
            }
        }
        for (k, g) in crate::edit::find::edge_gateways(s, &v.id)
            .into_iter()
            .enumerate()
        {
            out.insert(
                g,
                node(
                    vx + vw - 2.0 * NODE_SIZE - k as f64 * SLOT_W,
                    vy - NODE_SIZE / 2.0,
                ),
            );
        }
        for (k, g) in vgws_of(s, &v.id).enumerate() {
            let at = vpn_gateway_spot(s, &v.id, &node(vx, vy), vw, k);
            out.insert(g.id.clone(), at);
        }
        vx += vw + 3.0 * GAP;
    }
    // Transit gateways in a row under the VPCs they join, centred on them.
    let bottom = (s.vpcs.iter())
        .filter_map(|v| out.get(&v.id))
        .map(|r: &Rect| r.y + r.h)
        .fold(vy, f64::max);
    let span = (vx - 3.0 * GAP - TOP).max(0.0);
    let n = s.transit_gateways.len() as f64;
    let first = TOP + (span - n * 2.0 * SLOT_W).max(0.0) / 2.0 + SLOT_W - NODE_SIZE / 2.0;
    for (k, t) in s.transit_gateways.iter().enumerate() {
        out.insert(
            t.id.clone(),
            node(first + k as f64 * 2.0 * SLOT_W, bottom + 3.0 * GAP),
        );
    }
    // On-premises networks in a row below, under the transit gateways when there are any.
    let below = if s.transit_gateways.is_empty() {
        3.0
    } else {
        9.0
    };
    for (k, n) in s.on_prem_networks.iter().enumerate() {
        out.insert(
            n.id.clone(),
            node(TOP + k as f64 * 2.0 * SLOT_W, bottom + below * GAP),
        );
    }
    out
}

/// The virtual private gateways attached to VPC `vpc`.
fn vgws_of<'a>(
    s: &'a Scenario,
    vpc: &'a str,
) -> impl Iterator<Item = &'a crate::model::VpnGateway> {
    (s.vpn_gateways.iter()).filter(move |g| g.vpc.as_deref() == Some(vpc))
}

/// Where the `k`th virtual private gateway of VPC `vpc` (whose box starts at `at` and is `w`
/// wide) sits: on the top edge, left of its internet gateways (egress-only ones too).
fn vpn_gateway_spot(s: &Scenario, vpc: &str, at: &Rect, w: f64, k: usize) -> Rect {
    let igws = crate::edit::find::edge_gateways(s, vpc).len();
    Rect {
        x: at.x + w - 2.0 * NODE_SIZE - (igws + k) as f64 * SLOT_W,
        y: at.y - NODE_SIZE / 2.0,
        w: 0.0,
        h: 0.0,
    }
}

/// Whether some part of `s` has no position.
pub fn has_missing(s: &Scenario) -> bool {
    crate::edit::find::part_ids(s)
        .iter()
        .any(|id| !s.layout.contains_key(id))
}

/// Gives every part without a position one. When a container lacks one, the whole scenario is
/// laid out again; otherwise nodes go to the first free slot of their subnet, gateways onto their
/// VPC's edge and hosts into the top row. Returns whether anything changed.
pub fn fill_missing(s: &mut Scenario) -> bool {
    if !has_missing(s) {
        return false;
    }
    // A load balancer drawn as one part sits where the layout put its first node.
    for lb in &s.load_balancers {
        if !s.layout.contains_key(&lb.id) {
            if let Some(r) = lb.nodes.iter().find_map(|n| s.layout.get(&n.id)).copied() {
                s.layout.insert(lb.id.clone(), r);
            }
        }
    }
    if !has_missing(s) {
        return true;
    }
    let containers_missing = s
        .vpcs
        .iter()
        .map(|v| &v.id)
        .chain(s.subnets.iter().map(|x| &x.id))
        .any(|id| !s.layout.contains_key(id));
    let auto = auto_layout(s);
    if containers_missing {
        s.layout = auto;
        return true;
    }
    for subnet in s.subnets.clone() {
        let rect = s.layout[&subnet.id];
        let nodes = nodes_in(s, &subnet.id);
        let mut k = 0;
        for id in nodes {
            if s.layout.contains_key(&id) {
                continue;
            }
            // The first slot no node of this subnet sits on.
            loop {
                let (x, y) = slot(&rect, k);
                k += 1;
                let busy = nodes_in(s, &subnet.id).iter().any(|n| {
                    s.layout
                        .get(n)
                        .is_some_and(|r| (r.x - x).abs() < NODE_SIZE && (r.y - y).abs() < NODE_SIZE)
                });
                if !busy || k > 500 {
                    s.layout.insert(
                        id.clone(),
                        Rect {
                            x,
                            y,
                            w: 0.0,
                            h: 0.0,
                        },
                    );
                    break;
                }
            }
        }
    }
    for g in s.internet_gateways.clone() {
        if s.layout.contains_key(&g.id) {
            continue;
        }
        let at = match g.vpc.as_ref().and_then(|v| s.layout.get(v)) {
            Some(r) => Rect {
                x: r.x + r.w - 2.0 * NODE_SIZE,
                y: r.y - NODE_SIZE / 2.0,
                w: 0.0,
                h: 0.0,
            },
            None => auto[&g.id],
        };
        s.layout.insert(g.id.clone(), at);
    }
    for g in s.egress_only_internet_gateways.clone() {
        if s.layout.contains_key(&g.id) {
            continue;
        }
        let Some(r) = s.layout.get(&g.vpc).copied() else {
            continue;
        };
        let k = crate::edit::find::edge_gateways(s, &g.vpc)
            .iter()
            .position(|x| *x == g.id);
        let at = Rect {
            x: r.x + r.w - 2.0 * NODE_SIZE - k.unwrap_or(0) as f64 * SLOT_W,
            y: r.y - NODE_SIZE / 2.0,
            w: 0.0,
            h: 0.0,
        };
        s.layout.insert(g.id.clone(), at);
    }
    for g in s.vpn_gateways.clone() {
        if s.layout.contains_key(&g.id) {
            continue;
        }
        let vpc = g.vpc.as_deref().unwrap_or_default();
        let at = match s.layout.get(vpc) {
            Some(r) => {
                let k = vgws_of(s, vpc).position(|x| x.id == g.id).unwrap_or(0);
                vpn_gateway_spot(s, vpc, r, r.w, k)
            }
            None => auto.get(&g.id).copied().unwrap_or_default(),
        };
        s.layout.insert(g.id.clone(), at);
    }
    for t in
        (s.transit_gateways.iter().map(|t| &t.id)).chain(s.on_prem_networks.iter().map(|n| &n.id))
    {
        if !s.layout.contains_key(t) {
            s.layout
                .insert(t.clone(), auto.get(t).copied().unwrap_or_default());
        }
    }
    for h in s.internet_hosts.clone() {
        if !s.layout.contains_key(&h.id) {
            let taken = s.layout.clone();
            let mut x = TOP;
            while taken
                .values()
                .any(|r| (r.y - TOP).abs() < NODE_SIZE && (r.x - x).abs() < NODE_SIZE)
            {
                x += SLOT_W;
            }
            s.layout.insert(
                h.id.clone(),
                Rect {
                    x,
                    y: TOP,
                    w: 0.0,
                    h: 0.0,
                },
            );
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::synthetic::{self, Size};

    fn small(subnets: usize, enis: usize) -> Size {
        Size {
            subnets,
            enis,
            groups: 10,
            rules_per_group: 2,
        }
    }

    #[test]
    fn layout_is_deterministic_and_complete() {
        let s = synthetic::tiered_vpc(small(10, 40));
        let a = auto_layout(&s);
        let b = auto_layout(&s.clone());
        assert_eq!(a, b);
        for id in crate::edit::find::part_ids(&s) {
            assert!(a.contains_key(&id), "{id} has a position");
        }
    }

    #[test]
    fn nodes_sit_inside_their_subnet_and_subnets_inside_their_vpc() {
        let s = synthetic::tiered_vpc(small(10, 30));
        let l = auto_layout(&s);
        let inside = |inner: &Rect, outer: &Rect, w: f64, h: f64| {
            inner.x >= outer.x
                && inner.y >= outer.y
                && inner.x + w <= outer.x + outer.w
                && inner.y + h <= outer.y + outer.h
        };
        for x in &s.subnets {
            assert!(inside(&l[&x.id], &l[&x.vpc], l[&x.id].w, l[&x.id].h));
            for n in nodes_in(&s, &x.id) {
                assert!(
                    inside(&l[&n], &l[&x.id], NODE_SIZE, NODE_SIZE),
                    "{n} in {}",
                    x.id
                );
            }
        }
    }

    #[test]
    fn subnets_do_not_overlap_and_sit_in_their_zone_band() {
        let s = synthetic::tiered_vpc(small(20, 180));
        let mut s2 = s.clone();
        s2.layout = auto_layout(&s);
        let l = &s2.layout;
        for (i, a) in s.subnets.iter().enumerate() {
            let (ra, zone) = (
                l[&a.id],
                crate::geometry::zone_at(&s2, &a.vpc, l[&a.id].x + 1.0),
            );
            if !a.az.is_empty() {
                assert_eq!(zone.as_deref(), Some(a.az.as_str()), "{} in its band", a.id);
            }
            for b in &s.subnets[i + 1..] {
                let rb = l[&b.id];
                let apart = ra.x + ra.w <= rb.x
                    || rb.x + rb.w <= ra.x
                    || ra.y + ra.h <= rb.y
                    || rb.y + rb.h <= ra.y;
                assert!(apart, "{} and {} overlap", a.id, b.id);
            }
        }
    }

    #[test]
    fn fill_missing_keeps_positions_it_has() {
        let mut s = synthetic::tiered_vpc(small(5, 10));
        s.layout = auto_layout(&s);
        let moved = Rect {
            x: 5000.0,
            y: 5000.0,
            w: 0.0,
            h: 0.0,
        };
        let first = s.instances[0].id.clone();
        let second = s.instances[1].id.clone();
        s.layout.insert(first.clone(), moved);
        s.layout.remove(&second);
        assert!(fill_missing(&mut s));
        assert_eq!(s.layout[&first], moved);
        assert!(s.layout.contains_key(&second));
        assert!(!fill_missing(&mut s));
    }
}
