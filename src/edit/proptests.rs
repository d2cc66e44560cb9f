//! Properties of placing parts by dropping them: drawings never overlap, every part stays in its
//! container, and a drop into a container never fails for lack of room.

use super::find::{locate, parent_of, part_ids, Found};
use super::place::{place, place_at};
use super::room::{ancestors, clash, footprint};
use super::PartKind;
use crate::geometry::{rect_of, subnet_at, vpc_at, zone_at};
use crate::model::{Rect, Scenario};
use crate::scenario::validate;
use proptest::prelude::*;

const KINDS: [PartKind; 17] = [
    PartKind::Vpc,
    PartKind::Subnet,
    PartKind::InternetGateway,
    PartKind::EgressOnlyInternetGateway,
    PartKind::NatGateway,
    PartKind::GwlbEndpoint,
    PartKind::InterfaceEndpoint,
    PartKind::LoadBalancer,
    PartKind::NetworkLoadBalancer,
    PartKind::Instance,
    PartKind::Bastion,
    PartKind::NatInstance,
    PartKind::Database,
    PartKind::Cache,
    PartKind::Internet,
    PartKind::Laptop,
    PartKind::TransitGateway,
];

/// One drop: a kind, and either a point inside the `n`-th container the kind lives in (at
/// fractions `fx`, `fy` of its box) or, when `free`, a point anywhere near the drawing.
#[derive(Debug, Clone)]
struct Drop {
    kind: usize,
    n: usize,
    fx: f64,
    fy: f64,
    free: bool,
}

fn drops() -> impl Strategy<Value = Vec<Drop>> {
    proptest::collection::vec(
        (0..KINDS.len(), 0usize..8, 0.0..1.0f64, 0.0..1.0f64, 0u8..5).prop_map(
            |(kind, n, fx, fy, f)| Drop {
                kind,
                n,
                fx,
                fy,
                free: f == 0,
            },
        ),
        1..28,
    )
}

/// The boxes a kind is dropped into: VPCs for subnets, gateways and load balancers, subnets for
/// nodes; none for VPCs and hosts (they go on the open canvas).
fn homes(s: &Scenario, kind: PartKind) -> Vec<Rect> {
    let ids: Vec<&String> = match kind {
        PartKind::Subnet
        | PartKind::InternetGateway
        | PartKind::EgressOnlyInternetGateway
        | PartKind::LoadBalancer
        | PartKind::NetworkLoadBalancer => s.vpcs.iter().map(|v| &v.id).collect(),
        k if k.in_subnet() => s.subnets.iter().map(|x| &x.id).collect(),
        _ => Vec::new(),
    };
    ids.into_iter().filter_map(|id| rect_of(s, id)).collect()
}

fn point(s: &Scenario, d: &Drop) -> (f64, f64, bool) {
    let kind = KINDS[d.kind];
    let boxes = homes(s, kind);
    if d.free || boxes.is_empty() {
        let (x0, y0, x1, y1) = s
            .layout
            .values()
            .fold((-200.0, -200.0, 900.0, 700.0), |a, r| {
                (
                    a.0,
                    a.1,
                    f64::max(a.2, r.x + r.w + 200.0),
                    f64::max(a.3, r.y + r.h + 200.0),
                )
            });
        return (x0 + d.fx * (x1 - x0), y0 + d.fy * (y1 - y0), false);
    }
    let r = boxes[d.n % boxes.len()];
    (
        r.x + 2.0 + d.fx * (r.w - 4.0),
        r.y + 2.0 + d.fy * (r.h - 4.0),
        true,
    )
}

/// Whether the refusal of a drop at (`x`, `y`) is for a reason other than room.
fn fair_refusal(s: &Scenario, kind: PartKind, x: f64, y: f64, why: &str) -> bool {
    let outside = match kind {
        PartKind::Vpc | PartKind::Internet | PartKind::Laptop | PartKind::TransitGateway => {
            vpc_at(s, x, y).is_some()
        }
        PartKind::Subnet | PartKind::LoadBalancer | PartKind::NetworkLoadBalancer => {
            vpc_at(s, x, y).is_none()
        }
        PartKind::InternetGateway | PartKind::EgressOnlyInternetGateway => {
            crate::geometry::vpc_near(s, x, y, 56.0).is_none()
        }
        _ => subnet_at(s, x, y).is_none(),
    };
    let other = why.contains("two different availability zones")
        || why.contains("already has an internet gateway")
        || why.contains("already has an egress-only internet gateway")
        || why.contains("no free address");
    !why.contains("room") && (outside || other)
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x - 1e-6
        && inner.y >= outer.y - 1e-6
        && inner.x + inner.w <= outer.x + outer.w + 1e-6
        && inner.y + inner.h <= outer.y + outer.h + 1e-6
}

/// Every drawing clear of every other but its containers', every part inside its container.
fn check_layout(s: &Scenario) -> Result<(), String> {
    let ids = part_ids(s);
    for (i, a) in ids.iter().enumerate() {
        let fa = footprint(s, a).ok_or(format!("{a} has no place"))?;
        let up = ancestors(s, a);
        for b in &ids[i + 1..] {
            if up.contains(b) || ancestors(s, b).contains(a) {
                continue;
            }
            let fb = footprint(s, b).ok_or(format!("{b} has no place"))?;
            if clash(&fa, &fb, 0.0) {
                return Err(format!("{a} {fa:?} overlaps {b} {fb:?}"));
            }
        }
        match locate(s, a) {
            Some(Found::Subnet(k)) => {
                let v = rect_of(s, &s.subnets[k].vpc).ok_or("subnet without VPC")?;
                if !inside(&fa, &v) {
                    return Err(format!("{a} {fa:?} is not inside its VPC {v:?}"));
                }
                let centre = fa.x + fa.w / 2.0;
                let zone = zone_at(s, &s.subnets[k].vpc, centre);
                if zone.as_deref() != Some(s.subnets[k].az.as_str()) {
                    return Err(format!("{a} is drawn outside its zone's band"));
                }
            }
            Some(Found::InternetGateway(_))
            | Some(Found::EgressOnlyInternetGateway(_))
            | Some(Found::Vpc(_))
            | Some(Found::Host(_))
            | Some(Found::TransitGateway(_))
            | None => {}
            Some(_) => {
                let home = parent_of(s, a).ok_or(format!("{a} has no subnet"))?;
                let r = rect_of(s, &home).ok_or("subnet without place")?;
                if !inside(&fa, &r) {
                    return Err(format!("{a} {fa:?} is not inside its subnet {home} {r:?}"));
                }
            }
        }
    }
    Ok(())
}

/// Scenarios to drop parts into: one empty VPC, two VPCs one above the other, and every
/// template laid out afresh (whose drawings keep clear of each other to begin with).
fn starts() -> Vec<Scenario> {
    let one = place(&Scenario::new(), PartKind::Vpc, 100.0, 80.0)
        .map(|p| p.scenario)
        .unwrap_or_default();
    let below = one.layout.get("vpc-1").map_or(600.0, |v| v.y + v.h + 120.0);
    let two = place(&one, PartKind::Vpc, 100.0, below)
        .map(|p| p.scenario)
        .unwrap_or_default();
    let mut out = vec![one, two];
    for t in crate::templates::all() {
        let mut s = t.scenario();
        s.layout = crate::layout::auto_layout(&s);
        if check_layout(&s).is_ok() {
            out.push(s);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn drops_never_overlap_and_never_fail_for_room(which in 0usize..16, seq in drops()) {
        let all = starts();
        prop_assume!(all.len() > 2, "the templates load");
        let mut s = all[which % all.len()].clone();
        for d in &seq {
            let kind = KINDS[d.kind];
            let (x, y, aimed) = point(&s, d);
            match place_at(&s, kind, x, y) {
                Ok(p) => {
                    prop_assert!(locate(&p.scenario, &p.id).is_some());
                    s = p.scenario;
                    if let Err(e) = check_layout(&s) {
                        prop_assert!(false, "after {kind:?} at ({x}, {y}): {e}");
                    }
                    let errors: Vec<String> = validate(&s)
                        .iter()
                        .filter(|p| p.is_error())
                        .map(|p| p.to_string())
                        .collect();
                    prop_assert!(errors.is_empty(), "{errors:?}");
                }
                Err(why) => {
                    prop_assert!(
                        fair_refusal(&s, kind, x, y, &why.en()),
                        "{kind:?} at ({x}, {y}) refused (aimed: {aimed}): {why}"
                    );
                }
            }
        }
    }
}
