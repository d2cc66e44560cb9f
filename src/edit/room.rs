//! Room on the canvas: the rectangle each part's drawing covers (a node's icon with the two label
//! lines the canvas writes under it), the free place nearest to a drop point inside a container,
//! and growing a full container (and the containers holding it) so a new part fits.
//!
//! Growing moves nothing into overlap: a container grows downwards, and every part of the same
//! container lying below its old bottom edge (or reaching across it under the container) moves
//! down by as much, with what it holds.

use super::find::{descendants, locate, name_of, parent_of, part_ids, Found};
use crate::geometry::{az_bands, rect_of};
use crate::geometry::{GRID, NODE_SIZE, SUBNET_HEAD, VPC_HEAD};
use crate::model::{Rect, Scenario};

/// Height of the two label lines under a node's icon (its name, then its address), as the canvas
/// draws them: baselines 15 and 29 units under the icon, 12- and 11-unit type.
pub const LABEL_H: f64 = 32.0;
/// Room kept free above every VPC for an internet gateway sitting on its top edge.
pub const EDGE_ROOM: f64 = NODE_SIZE / 2.0;
/// Least space between two nodes' drawings.
pub const NODE_GAP: f64 = 8.0;
/// Least space between two boxes (subnets, VPCs) or parts on the open canvas.
pub const BOX_GAP: f64 = 20.0;
/// Space kept between a node's drawing and its subnet's side and bottom edges.
const NODE_MARGIN: f64 = 6.0;
/// Space kept between a subnet and its zone band's edges or its VPC's bottom edge.
const BAND_MARGIN: f64 = 10.0;
/// Distance between two candidate places.
const STEP: f64 = GRID / 2.0;

/// A generous width of `text` in type of `size` units: Latin letters and digits take at most
/// 0.62 of the size, Hangul and other wide letters the whole size; 4 units for the outline.
fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum();
    ems * size + 4.0
}

/// The second label line of a node in each language it can be drawn in (the Korean written
/// here, not fetched: the room a label takes must not depend on what the page has loaded).
fn detail_lines(s: &Scenario, found: Found) -> Vec<String> {
    let ip = |n: Option<&crate::model::Interface>| {
        n.map(|n| n.private_ip.to_string()).unwrap_or_default()
    };
    match found {
        Found::Instance(i) => vec![ip(s.instances[i].interfaces.first())],
        Found::Database(i) => vec![ip(s.databases[i].interfaces.first())],
        Found::NatGateway(i) => vec![ip(Some(&s.nat_gateways[i].interface))],
        Found::GwlbEndpoint(i) => vec![ip(Some(&s.gwlb_endpoints[i].interface))],
        Found::LoadBalancer(i) => {
            let n = s.load_balancers[i].nodes.len();
            vec![format!("{n} nodes"), format!("노드 {n}개")]
        }
        Found::InternetGateway(i) => match &s.internet_gateways[i].vpc {
            Some(v) => {
                let v = name_of(s, v);
                vec![format!("on {v}"), format!("{v}에 연결")]
            }
            None => vec!["detached".into(), "분리됨".into()],
        },
        Found::EgressOnlyInternetGateway(i) => {
            let v = name_of(s, &s.egress_only_internet_gateways[i].vpc);
            vec![format!("on {v}"), format!("{v}에 연결")]
        }
        Found::Host(i) => vec![s.internet_hosts[i].ip.to_string()],
        Found::TransitGateway(i) => {
            let n = s.transit_gateways[i].attachments.len();
            vec![format!("{n} attachments"), format!("연결 {n}개")]
        }
        Found::VpnGateway(i) => match &s.vpn_gateways[i].vpc {
            Some(v) => {
                let v = name_of(s, v);
                vec![format!("on {v}"), format!("{v}에 연결")]
            }
            None => vec!["detached".into(), "분리됨".into()],
        },
        Found::OnPrem(i) => vec![site_blocks(&s.on_prem_networks[i])],
        Found::Vpc(_) | Found::Subnet(_) => Vec::new(),
    }
}

/// An on-premises network's blocks, as its label shows them.
pub fn site_blocks(n: &crate::model::OnPremNetwork) -> String {
    blocks_text(&n.cidrs)
}

/// IPv4 blocks as a comma-separated list.
pub fn blocks_text(blocks: &[ipnet::Ipv4Net]) -> String {
    let blocks: Vec<String> = blocks.iter().map(|c| c.to_string()).collect();
    blocks.join(", ")
}

/// The rectangle part `id` covers on the canvas: a subnet's box; a VPC's box with the room above
/// it for an internet gateway; a node's icon with its label underneath, as wide as the wider of
/// the icon and the label.
pub fn footprint(s: &Scenario, id: &str) -> Option<Rect> {
    let r = rect_of(s, id)?;
    let found = locate(s, id)?;
    Some(match found {
        Found::Vpc(_) => Rect {
            y: r.y - EDGE_ROOM,
            h: r.h + EDGE_ROOM,
            ..r
        },
        Found::Subnet(_) => r,
        _ => {
            let w = detail_lines(s, found)
                .iter()
                .map(|t| text_width(t, 11.0))
                .fold(text_width(&name_of(s, id), 12.0), f64::max)
                .max(NODE_SIZE);
            Rect {
                x: r.x + NODE_SIZE / 2.0 - w / 2.0,
                y: r.y,
                w,
                h: NODE_SIZE + LABEL_H,
            }
        }
    })
}

/// Whether `a` and `b` come closer than `gap` to each other (touching is not overlapping).
pub fn clash(a: &Rect, b: &Rect, gap: f64) -> bool {
    a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
}

/// The containers part `id` is drawn in, innermost first.
pub fn ancestors(s: &Scenario, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut up = parent_of(s, id);
    while let Some(p) = up {
        if out.contains(&p) || out.len() > 8 {
            break;
        }
        up = parent_of(s, &p);
        out.push(p);
    }
    out
}

fn is_box(found: Option<Found>) -> bool {
    found.is_some_and(Found::is_container)
}

/// The drawings part `id` must keep clear of (every part that neither holds it nor lies in it),
/// each with the least space to keep from it: [`BOX_GAP`] between boxes, none between an internet
/// gateway on its VPC's edge and anything, else [`NODE_GAP`].
fn obstacles(s: &Scenario, id: &str) -> Vec<(Rect, f64)> {
    let above = ancestors(s, id);
    let inside = descendants(s, id);
    let mine = locate(s, id);
    let edge = is_attached_gateway(s, id);
    part_ids(s)
        .into_iter()
        .filter(|p| p != id && !above.contains(p) && !inside.contains(p))
        .filter_map(|p| {
            let gap = if edge || is_attached_gateway(s, &p) {
                0.0
            } else if is_box(mine) && is_box(locate(s, &p)) {
                BOX_GAP
            } else {
                NODE_GAP
            };
            footprint(s, &p).map(|r| (r, gap))
        })
        .collect()
}

fn blocked(r: &Rect, busy: &[(Rect, f64)]) -> bool {
    busy.iter().any(|(b, gap)| clash(r, b, *gap))
}

/// How far apart parts are kept, and how much room a container keeps under what it holds.
#[derive(Debug, Clone, Copy)]
struct Spacing {
    gap: f64,
    margin: f64,
}

impl Spacing {
    /// Subnets and other boxes in a VPC's band.
    const BOXES: Spacing = Spacing {
        gap: BOX_GAP,
        margin: BAND_MARGIN,
    };
    /// Instances and other nodes in a subnet.
    const NODES: Spacing = Spacing {
        gap: NODE_GAP,
        margin: NODE_MARGIN,
    };
}

/// Where a part's drawing may go: its footprint's edges.
#[derive(Debug, Clone, Copy)]
struct Area {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// A part being placed: its rectangle's top-left corner now, and where its footprint lies from it.
#[derive(Debug, Clone, Copy)]
struct Shape {
    x: f64,
    y: f64,
    ox: f64,
    oy: f64,
    w: f64,
    h: f64,
}

impl Shape {
    fn of(s: &Scenario, id: &str) -> Option<Shape> {
        let r = s.layout.get(id)?;
        let f = footprint(s, id)?;
        Some(Shape {
            x: r.x,
            y: r.y,
            ox: f.x - r.x,
            oy: f.y - r.y,
            w: f.w,
            h: f.h,
        })
    }

    fn at(&self, x: f64, y: f64) -> Rect {
        Rect {
            x: x + self.ox,
            y: y + self.oy,
            w: self.w,
            h: self.h,
        }
    }

    /// The corner positions keeping the footprint in `a` along one axis: `lo..=hi`.
    fn range(&self, a: &Area) -> ((f64, f64), (f64, f64)) {
        let x = (a.x0 - self.ox, a.x1 - self.ox - self.w);
        let y = (a.y0 - self.oy, a.y1 - self.oy - self.h);
        (x, y)
    }
}

/// Candidate values from `lo` to `hi` (`lo` alone when the range is empty): the multiples of
/// `STEP` between them, the ends, and `want` itself when it lies in the range.
fn axis((lo, hi): (f64, f64), want: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return vec![if lo.is_finite() { lo } else { want }];
    }
    let mut out = vec![lo, hi];
    if want > lo && want < hi {
        out.push(want);
    }
    // On the grid's half steps, so parts line up with what was dragged into place.
    let first = (lo / STEP).ceil() * STEP;
    let n = ((hi - first) / STEP).floor().clamp(0.0, 2000.0) as usize;
    out.extend(
        (0..=n)
            .map(|k| first + k as f64 * STEP)
            .filter(|v| *v > lo && *v < hi),
    );
    out
}

/// The free place (rectangle corner) in `area` nearest to where `me` is now, if any.
fn nearest(me: &Shape, area: &Area, busy: &[(Rect, f64)]) -> Option<(f64, f64)> {
    let (rx, ry) = me.range(area);
    let xs = axis(rx, me.x);
    let ys = axis(ry, me.y);
    let mut spots: Vec<(f64, f64, f64)> = xs
        .iter()
        .flat_map(|&x| ys.iter().map(move |&y| (x, y)))
        .map(|(x, y)| ((x - me.x).powi(2) + (y - me.y).powi(2), x, y))
        .collect();
    crate::sorting::sort_by(&mut spots, |a, b| a.0.total_cmp(&b.0));
    spots
        .into_iter()
        .map(|(_, x, y)| (x, y))
        .find(|&(x, y)| !blocked(&me.at(x, y), busy))
}

fn set_corner(s: &mut Scenario, id: &str, x: f64, y: f64) {
    if let Some(r) = s.layout.get_mut(id) {
        r.x = x;
        r.y = y;
    }
}

/// Moves the new part `id` to the free place nearest to where it is now, inside its container
/// (a subnet for nodes, its zone band for a subnet, the VPC's top edge for an internet gateway,
/// the open canvas for VPCs and hosts). When the container has no room left, the part goes under
/// what the container holds and the container grows to take it, with its own containers.
pub fn make_room(s: &mut Scenario, id: &str) {
    let Some(found) = locate(s, id) else {
        return;
    };
    let Some(me) = Shape::of(s, id) else {
        return;
    };
    let busy = obstacles(s, id);
    match found {
        Found::Subnet(i) => {
            let vpc = s.subnets[i].vpc.clone();
            let Some(v) = rect_of(s, &vpc) else {
                return;
            };
            let centre = me.x + me.ox + me.w / 2.0;
            let band = az_bands(s, &vpc)
                .into_iter()
                .find(|b| b.0 == s.subnets[i].az)
                .or_else(|| {
                    az_bands(s, &vpc)
                        .into_iter()
                        .find(|b| centre >= b.1 && centre < b.2)
                });
            let (x0, x1) = band.map_or((v.x, v.x + v.w), |b| (b.1, b.2));
            let area = Area {
                x0: x0 + BAND_MARGIN,
                y0: v.y + VPC_HEAD,
                x1: x1 - BAND_MARGIN,
                y1: v.y + v.h - BAND_MARGIN,
            };
            fill(s, (id, &vpc), &me, &area, &busy, Spacing::BOXES);
        }
        Found::InternetGateway(_) | Found::EgressOnlyInternetGateway(_) => {
            let vpc = match found {
                Found::InternetGateway(i) => s.internet_gateways[i].vpc.as_ref(),
                Found::EgressOnlyInternetGateway(i) => {
                    Some(&s.egress_only_internet_gateways[i].vpc)
                }
                _ => None,
            };
            let Some(v) = vpc.and_then(|v| rect_of(s, v)) else {
                open_canvas(s, id, &me, &busy);
                return;
            };
            // Along the top edge, the icon's centre on the edge.
            let mut xs = axis((v.x, v.x + v.w - NODE_SIZE), me.x);
            crate::sorting::sort_by(&mut xs, |a, b| {
                (a - me.x).abs().total_cmp(&(b - me.x).abs())
            });
            if let Some(x) = xs.into_iter().find(|&x| !blocked(&me.at(x, me.y), &busy)) {
                set_corner(s, id, x, me.y);
            }
        }
        Found::Vpc(_) | Found::Host(_) | Found::TransitGateway(_) => open_canvas(s, id, &me, &busy),
        _ => {
            let Some(subnet) = parent_of(s, id) else {
                return;
            };
            let Some(r) = rect_of(s, &subnet) else {
                return;
            };
            let area = Area {
                x0: r.x + NODE_MARGIN,
                y0: r.y + SUBNET_HEAD,
                x1: r.x + r.w - NODE_MARGIN,
                y1: r.y + r.h - NODE_MARGIN,
            };
            fill(s, (id, &subnet), &me, &area, &busy, Spacing::NODES);
        }
    }
}

/// The nearest free place on the open canvas: there is always one past what is drawn.
fn open_canvas(s: &mut Scenario, id: &str, me: &Shape, busy: &[(Rect, f64)]) {
    let mine = me.at(me.x, me.y);
    let pad = me.w.max(me.h) + BOX_GAP + GRID;
    let (x0, y0, x1, y1) = busy.iter().map(|b| &b.0).fold(
        (mine.x, mine.y, mine.x + mine.w, mine.y + mine.h),
        |(a, b, c, d), r| (a.min(r.x), b.min(r.y), c.max(r.x + r.w), d.max(r.y + r.h)),
    );
    let area = Area {
        x0: x0 - pad,
        y0: y0 - pad,
        x1: x1 + pad,
        y1: y1 + pad,
    };
    // Whole grid steps from the part's own corner, so VPCs and hosts stay on the grid.
    if let Some((x, y)) = nearest_coarse(me, &area, busy) {
        set_corner(s, id, x, y);
    }
}

/// Like [`nearest`] on the open canvas: places a whole grid step apart, in rings of growing
/// distance around where the part is, up to the edges of `area` (where every place is free).
fn nearest_coarse(me: &Shape, area: &Area, busy: &[(Rect, f64)]) -> Option<(f64, f64)> {
    let ((x0, x1), (y0, y1)) = me.range(area);
    let reach = [me.x - x0, x1 - me.x, me.y - y0, y1 - me.y]
        .into_iter()
        .fold(0.0, f64::max);
    let rings = (reach / GRID).ceil().clamp(0.0, 2000.0) as i64 + 1;
    for r in 0..=rings {
        let mut ring: Vec<(i64, i64)> = (-r..=r)
            .flat_map(|i| (-r..=r).map(move |j| (i, j)))
            .filter(|(i, j)| i.abs() == r || j.abs() == r)
            .collect();
        crate::sorting::sort_by_key(&mut ring, |(i, j)| i * i + j * j);
        let free = ring.into_iter().find_map(|(i, j)| {
            let (x, y) = (me.x + i as f64 * GRID, me.y + j as f64 * GRID);
            (!blocked(&me.at(x, y), busy)).then_some((x, y))
        });
        if free.is_some() {
            return free;
        }
    }
    None
}

/// Puts part `id` at the free place of `area` (inside container `holder`) nearest to where it is;
/// when there is none, under what `holder` holds, growing `holder` to take it.
fn fill(
    s: &mut Scenario,
    (id, holder): (&str, &str),
    me: &Shape,
    area: &Area,
    busy: &[(Rect, f64)],
    Spacing { gap, margin }: Spacing,
) {
    if let Some((x, y)) = nearest(me, area, busy) {
        set_corner(s, id, x, y);
        return;
    }
    // Under the lowest drawing of the container in the area's columns. What lies outside the
    // container and below it moves down when it grows, so only what it holds is in the way.
    let held: Vec<(Rect, f64)> = descendants(s, holder)
        .into_iter()
        .filter(|p| p != id)
        .filter_map(|p| footprint(s, &p))
        .map(|r| (r, gap))
        .collect();
    let bottom = held
        .iter()
        .map(|(r, _)| r)
        .filter(|r| r.x < area.x1 && area.x0 < r.x + r.w)
        .map(|r| r.y + r.h + gap)
        .fold(area.y0, f64::max);
    let (rx, _) = me.range(area);
    let x = if rx.1 < rx.0 {
        rx.0
    } else {
        me.x.clamp(rx.0, rx.1)
    };
    let tall = Area {
        y1: f64::INFINITY,
        y0: bottom,
        ..*area
    };
    let placed = nearest_below(me, &tall, x, bottom - me.oy, &held);
    set_corner(s, id, placed.0, placed.1);
    let need = placed.1 + me.oy + me.h + margin;
    grow_down(s, holder, need, 0);
}

/// The first free place at or under `y` (corner coordinates), nearest to `x` on each row.
fn nearest_below(me: &Shape, area: &Area, x: f64, y: f64, busy: &[(Rect, f64)]) -> (f64, f64) {
    let (rx, _) = me.range(area);
    let xs = {
        let mut v = axis(rx, x);
        crate::sorting::sort_by(&mut v, |a, b| (a - x).abs().total_cmp(&(b - x).abs()));
        v
    };
    let limit = busy
        .iter()
        .map(|(b, gap)| b.y + b.h + gap)
        .fold(y, f64::max);
    let mut row = y;
    while row <= limit {
        if let Some(&fx) = xs.iter().find(|&&fx| !blocked(&me.at(fx, row), busy)) {
            return (fx, row);
        }
        row += STEP;
    }
    (x, row)
}

/// The margin a container keeps under what it holds.
fn bottom_margin(s: &Scenario, id: &str) -> f64 {
    match locate(s, id) {
        Some(Found::Vpc(_)) => BAND_MARGIN,
        _ => NODE_MARGIN,
    }
}

fn is_attached_gateway(s: &Scenario, id: &str) -> bool {
    match locate(s, id) {
        Some(Found::InternetGateway(i)) => s.internet_gateways[i].vpc.is_some(),
        Some(Found::EgressOnlyInternetGateway(_)) => true,
        _ => false,
    }
}

/// Moves part `id` and everything drawn in it down by `dy`.
fn shift_down(s: &mut Scenario, id: &str, dy: f64) {
    let mut ids = descendants(s, id);
    ids.push(id.to_string());
    for p in ids {
        if let Some(r) = s.layout.get_mut(&p) {
            r.y += dy;
        }
    }
}

/// Grows container `id` downwards until its bottom edge is at `need` or lower (whole grid steps);
/// parts of the same container below its old bottom edge move down by as much, internet gateways
/// on that edge stay on it, and the containers holding it grow as they must.
pub fn grow_down(s: &mut Scenario, id: &str, need: f64, depth: usize) {
    let Some(r) = s.layout.get(id).copied() else {
        return;
    };
    let bottom = r.y + r.h;
    if depth > 8 || !need.is_finite() || need <= bottom {
        return;
    }
    let dh = ((need - bottom) / GRID).ceil() * GRID;
    let parent = parent_of(s, id);
    let below: Vec<String> = part_ids(s)
        .into_iter()
        .filter(|p| p != id && parent_of(s, p) == parent && !is_attached_gateway(s, p))
        .filter(|p| {
            footprint(s, p).is_some_and(|f| {
                let across = f.x < r.x + r.w && r.x < f.x + f.w && f.y + f.h > bottom;
                f.y >= bottom - 0.5 || across
            })
        })
        .collect();
    for p in below {
        shift_down(s, &p, dh);
    }
    if let Some(r) = s.layout.get_mut(id) {
        r.h += dh;
    }
    // Internet gateways on the bottom edge follow it.
    for g in super::find::edge_gateways(s, id) {
        if let Some(gr) = s.layout.get_mut(&g) {
            if (gr.y + NODE_SIZE / 2.0 - bottom).abs() < 1.0 {
                gr.y += dh;
            }
        }
    }
    if let Some(p) = parent {
        let need = descendants(s, &p)
            .into_iter()
            .filter(|d| !is_attached_gateway(s, d))
            .filter_map(|d| footprint(s, &d))
            .map(|f| f.y + f.h)
            .fold(f64::NEG_INFINITY, f64::max)
            + bottom_margin(s, &p);
        grow_down(s, &p, need, depth + 1);
    }
}

/// Whether part `id`'s drawing keeps clear of every part that neither holds it nor lies in it.
pub fn is_clear(s: &Scenario, id: &str) -> bool {
    let Some(me) = footprint(s, id) else {
        return false;
    };
    !obstacles(s, id).iter().any(|(b, _)| clash(&me, b, 0.0))
}
