//! Where a packet is on the canvas at each hop of a trace.
//!
//! [`hop_anchor`] is the one place that maps a hop's component to a part of the canvas: parts
//! that are drawn (instances, databases, load balancers, gateways, internet hosts) at their
//! centre; security groups at the edge of the interface's owner; network ACLs at the edge of
//! their subnet, and route tables just outside it; an internet gateway check at its VPC's edge.
//! [`waypoints`] then resolves edges to the point where the path crosses them, and fills hops
//! with no place on the canvas (the internet, parts without a layout) by interpolation.

use crate::engine::{Hop, Kind};
use crate::geometry::{centre_of, rect_of};
use crate::model::{Rect, Scenario};

/// A point on the canvas.
pub type Point = (f64, f64);

/// How far outside a subnet a route table's decision is drawn, in canvas units.
const ROUTER_OUTSET: f64 = 22.0;

/// `x` with `places` decimals (0 to 3), without the float formatting code of `core::fmt`
/// (which would add to the download): `fixed(12.345, 1)` is `"12.3"`.
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10_i64.pow(places.min(3));
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let (whole, frac) = (n / scale as u64, n % scale as u64);
    match places.min(3) {
        0 => format!("{sign}{whole}"),
        p => format!("{sign}{whole}.{frac:0width$}", width = p as usize),
    }
}

/// `translate(x y)` for an SVG transform.
pub fn translate((x, y): Point) -> String {
    format!("translate({} {})", fixed(x, 1), fixed(y, 1))
}

/// Where a hop sits, before edges are resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    /// At this point (a part's centre).
    At(Point),
    /// On the border of this rectangle where the path crosses it, pushed `outset` outwards.
    Edge {
        /// The part's rectangle.
        rect: Rect,
        /// Distance outside the border.
        outset: f64,
    },
    /// Nowhere on the canvas: interpolated between its neighbours.
    Nowhere,
}

/// The part a hop's component is drawn as, if it is a part of its own or belongs to one (the
/// engine names it: an interface's instance, an internet host's part).
pub fn hop_part(hop: &Hop) -> Option<&str> {
    hop.component.owner.as_deref()
}

/// The part where a hop is drawn: its own part, or the part its decision was made at (the
/// instance of a security group, the subnet of an ACL or route table, the VPC of a gateway check).
pub fn hop_site_part(scenario: &Scenario, hop: &Hop) -> Option<String> {
    hop_part(hop)
        .filter(|id| scenario.layout.contains_key(*id))
        .map(str::to_string)
        .or_else(|| hop.site.as_ref().map(|s| s.part.clone()))
}

/// Where `hop` sits on the canvas.
pub fn hop_anchor(scenario: &Scenario, hop: &Hop) -> Anchor {
    if let Some(p) = hop_part(hop).and_then(|id| centre_of(scenario, id)) {
        return Anchor::At(p);
    }
    let Some(site) = &hop.site else {
        return Anchor::Nowhere;
    };
    let Some(rect) = rect_of(scenario, &site.part) else {
        return Anchor::Nowhere;
    };
    let outset = if hop.component.kind == Kind::RouteTable {
        ROUTER_OUTSET
    } else {
        0.0
    };
    Anchor::Edge { rect, outset }
}

fn inside(r: &Rect, p: Point) -> bool {
    p.0 > r.x && p.0 < r.x + r.w && p.1 > r.y && p.1 < r.y + r.h
}

/// Where the ray from `from` (inside `r`) towards `to` leaves `r`, pushed `outset` further.
fn exit_point(r: &Rect, from: Point, to: Point, outset: f64) -> Point {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-9 {
        return (from.0, r.y - outset);
    }
    let mut t = f64::INFINITY;
    for (d, lo, hi, o) in [(dx, r.x, r.x + r.w, from.0), (dy, r.y, r.y + r.h, from.1)] {
        if d > 0.0 {
            t = t.min((hi - o) / d);
        } else if d < 0.0 {
            t = t.min((lo - o) / d);
        }
    }
    let t = t.clamp(0.0, 1.0);
    (
        from.0 + dx * t + dx / len * outset,
        from.1 + dy * t + dy / len * outset,
    )
}

/// The point of `r`'s border nearest to `p`, pushed `outset` outwards.
fn nearest_border(r: &Rect, p: Point, outset: f64) -> Point {
    let x = p.0.clamp(r.x, r.x + r.w);
    let y = p.1.clamp(r.y, r.y + r.h);
    let d = [
        (x - r.x, (r.x - outset, y)),
        (r.x + r.w - x, (r.x + r.w + outset, y)),
        (y - r.y, (x, r.y - outset)),
        (r.y + r.h - y, (x, r.y + r.h + outset)),
    ];
    d.iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, q)| *q)
        .unwrap_or((r.x + r.w / 2.0, r.y - outset))
}

/// Resolves anchors to points: edges where the path crosses them, the rest by interpolation.
/// `None` when no anchor has a place on the canvas.
pub fn resolve(anchors: &[Anchor]) -> Option<Vec<Point>> {
    let n = anchors.len();
    let mut pts: Vec<Option<Point>> = anchors
        .iter()
        .map(|a| match a {
            Anchor::At(p) => Some(*p),
            _ => None,
        })
        .collect();
    for i in 0..n {
        let Anchor::Edge { rect, outset } = anchors[i] else {
            continue;
        };
        let prev = pts[..i].iter().rev().flatten().next().copied();
        let next = anchors[i + 1..].iter().find_map(|a| match a {
            Anchor::At(p) => Some(*p),
            _ => None,
        });
        pts[i] = Some(match (prev, next) {
            (Some(p), Some(q)) if inside(&rect, p) && !inside(&rect, q) => {
                exit_point(&rect, p, q, outset)
            }
            (Some(p), Some(q)) if !inside(&rect, p) && inside(&rect, q) => {
                exit_point(&rect, q, p, outset)
            }
            (Some(p), _) | (None, Some(p)) => nearest_border(&rect, p, outset),
            (None, None) => (rect.x + rect.w / 2.0, rect.y - outset),
        });
    }
    let known: Vec<usize> = (0..n).filter(|&i| pts[i].is_some()).collect();
    let (&first, &last) = (known.first()?, known.last()?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let p = match pts[i] {
            Some(p) => p,
            None if i < first => pts[first]?,
            None if i > last => pts[last]?,
            None => {
                let a = *known.iter().rev().find(|&&k| k < i)?;
                let b = *known.iter().find(|&&k| k > i)?;
                let (pa, pb) = (pts[a]?, pts[b]?);
                let t = (i - a) as f64 / (b - a) as f64;
                (pa.0 + (pb.0 - pa.0) * t, pa.1 + (pb.1 - pa.1) * t)
            }
        };
        out.push(p);
    }
    Some(out)
}

/// The packet's points for a trace: the source part first, then one point per hop.
pub fn waypoints(
    scenario: &Scenario,
    source_part: Option<&str>,
    hops: &[Hop],
) -> Option<Vec<Point>> {
    let start = source_part
        .and_then(|id| centre_of(scenario, id))
        .map_or(Anchor::Nowhere, Anchor::At);
    let anchors: Vec<Anchor> = std::iter::once(start)
        .chain(hops.iter().map(|h| hop_anchor(scenario, h)))
        .collect();
    resolve(&anchors)
}
