//! The lines the canvas draws between parts (from a subnet to the internet gateway, NAT gateway,
//! Gateway Load Balancer endpoint or instance its route table sends traffic to, from a load
//! balancer to the subnets of its other nodes, between peered VPCs, from a transit gateway to the
//! VPCs attached to it, from a gateway to the appliance or endpoint its gateway route table sends
//! what enters to), and how each is routed: straight when that crosses no subnet but its own
//! ends, else with one to three right-angle bends through the gaps between subnets, as network
//! diagrams draw them. Plain Rust: the canvas and the pictures draw what this returns.

use crate::model::{Destination, Rect, RouteTarget, Scenario};

/// A point on the canvas.
pub type Point = (f64, f64);

/// One line to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// A stable key.
    pub key: String,
    /// Its points, from where it starts to where it points (at least two).
    pub points: Vec<Point>,
    /// CSS class: `route-igw`, `route-eigw`, `route-nat`, `route-gwlbe`, `route-instance`,
    /// `route-tgw`, `route-vgw`, `route-edge` (a gateway route table's route), `lb-node`,
    /// `peering`, `tgw-attachment`, `tgw-peering`, `site-link`.
    pub class: &'static str,
    /// What the line means, for its tooltip.
    pub title: String,
}

/// How far from a box a line runs in the gap beside it.
const GUTTER: f64 = 10.0;
/// How far from a box's corner a line leaves it.
const INSET: f64 = 12.0;
/// How many gaps on each axis a line may try (the nearest ones).
const TRIES: usize = 6;

fn centre(r: Rect) -> Point {
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

/// The point of box `r` nearest to `p`.
fn nearest_on(r: Rect, p: Point) -> Point {
    (p.0.clamp(r.x, r.x + r.w), p.1.clamp(r.y, r.y + r.h))
}

fn holds(r: &Rect, p: Point) -> bool {
    crate::geometry::inside(r, p.0, p.1)
}

/// Whether the segment `a`–`b` passes through the inside of `r` (Liang–Barsky clipping against
/// the box shrunk by a hair, so that running along an edge does not count).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, y0, x1, y1) = (r.x + 0.5, r.y + 0.5, r.x + r.w - 0.5, r.y + r.h - 0.5);
    if x1 <= x0 || y1 <= y0 {
        return false;
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    t1 - t0 > 1e-9
}

/// `points` without repeats and without points in the middle of a straight run.
fn tidy(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q| (q.0 - p.0).abs() < 1e-6 && (q.1 - p.1).abs() < 1e-6)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((b.0 - a.0) * (p.1 - b.1) - (b.1 - a.1) * (p.0 - b.0)).abs() < 1e-6;
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

fn length(points: &[Point]) -> f64 {
    points
        .windows(2)
        .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
        .sum()
}

/// The `n` values of `values` nearest to `to`.
fn nearest(mut values: Vec<f64>, to: f64, n: usize) -> Vec<f64> {
    crate::sorting::sort_by(&mut values, |a, b| {
        (a - to).abs().total_cmp(&(b - to).abs())
    });
    values.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    values.truncate(n);
    values
}

/// A line from the edge of box `from` to point `to` that crosses none of `boxes` except those
/// that hold `from` or `to` (their own subnets): the straight line when it crosses nothing, else
/// the shortest clear path with the fewest bends through the gaps beside the boxes; the straight
/// line when no such path is found.
pub fn route(from: Rect, to: Point, boxes: &[Rect]) -> Vec<Point> {
    let own = |r: &Rect| {
        holds(r, to)
            || (r.x <= from.x
                && r.y <= from.y
                && r.x + r.w >= from.x + from.w
                && r.y + r.h >= from.y + from.h)
    };
    let obstacles: Vec<&Rect> = boxes.iter().filter(|r| !own(r)).collect();
    let clear = |points: &[Point]| {
        points
            .windows(2)
            .all(|w| obstacles.iter().all(|r| !crosses(w[0], w[1], r)))
    };
    let straight = vec![nearest_on(from, centre_towards(from, to)), to];
    if clear(&straight) {
        return straight;
    }
    let above = to.1 < from.y;
    let below = to.1 > from.y + from.h;
    let left = to.0 < from.x;
    let clamp_x = to.0.clamp(
        from.x + INSET,
        (from.x + from.w - INSET).max(from.x + INSET),
    );
    let clamp_y = to.1.clamp(
        from.y + INSET,
        (from.y + from.h - INSET).max(from.y + INSET),
    );
    // Where a line may leave the box: through its top or bottom, and through a side.
    let exit_v = (
        clamp_x,
        if above || !below && to.1 < centre(from).1 {
            from.y
        } else {
            from.y + from.h
        },
    );
    let exit_h = (if left { from.x } else { from.x + from.w }, clamp_y);
    let mid = ((exit_v.0 + to.0) / 2.0, (exit_v.1 + to.1) / 2.0);
    let all: Vec<&Rect> = boxes.iter().chain(std::iter::once(&from)).collect();
    // The gaps beside every box, on each axis, nearest the middle of the way first.
    let gaps = |sides: fn(&Rect) -> [f64; 2], near: f64| {
        nearest(all.iter().flat_map(|r| sides(r)).collect(), near, TRIES)
    };
    let ys = gaps(|r| [r.y - GUTTER, r.y + r.h + GUTTER], mid.1);
    let xs = gaps(|r| [r.x - GUTTER, r.x + r.w + GUTTER], mid.0);
    let mut candidates: Vec<Vec<Point>> = Vec::new();
    for &y in &ys {
        candidates.push(vec![exit_v, (exit_v.0, y), (to.0, y), to]);
    }
    for &x in &xs {
        candidates.push(vec![exit_h, (x, exit_h.1), (x, to.1), to]);
        for &y in &ys {
            candidates.push(vec![exit_h, (x, exit_h.1), (x, y), (to.0, y), to]);
            candidates.push(vec![exit_v, (exit_v.0, y), (x, y), (x, to.1), to]);
        }
    }
    candidates
        .into_iter()
        .map(tidy)
        .filter(|p| p.len() >= 2 && clear(p))
        .min_by(|a, b| {
            let cost = |p: &Vec<Point>| length(p) + 60.0 * (p.len() - 2) as f64;
            cost(a).total_cmp(&cost(b))
        })
        .unwrap_or(straight)
}

/// The point a straight line from box `from` towards `to` leaves it by (its centre, for `to`
/// inside it).
fn centre_towards(from: Rect, to: Point) -> Point {
    if holds(&from, to) {
        centre(from)
    } else {
        to
    }
}

/// Every line of `s`, with boxes from `rect` (which may apply a drag in progress).
pub fn lines(s: &Scenario, rect: &dyn Fn(&str) -> Option<Rect>) -> Vec<Line> {
    let subnets: Vec<Rect> = s.subnets.iter().filter_map(|x| rect(&x.id)).collect();
    let mut out = Vec::new();
    for x in &s.subnets {
        let Some(sr) = rect(&x.id) else { continue };
        let table = s
            .route_tables
            .iter()
            .find(|t| t.subnets.contains(&x.id))
            .or_else(|| s.route_tables.iter().find(|t| t.main && t.vpc == x.vpc));
        let Some(t) = table else { continue };
        for (k, r) in t.routes.iter().enumerate() {
            let (target, class) = match &r.target {
                RouteTarget::InternetGateway(g) => (g, "route-igw"),
                RouteTarget::EgressOnlyInternetGateway(g) => (g, "route-eigw"),
                RouteTarget::NatGateway(g) => (g, "route-nat"),
                RouteTarget::GwlbEndpoint(g) => (g, "route-gwlbe"),
                RouteTarget::Instance(g) => (g, "route-instance"),
                RouteTarget::TransitGateway(g) => (g, "route-tgw"),
                RouteTarget::VpnGateway(g) => (g, "route-vgw"),
                _ => continue,
            };
            let Some(tr) = rect(target) else { continue };
            out.push(Line {
                key: format!("{}>{k}>{target}", x.id),
                points: route(sr, centre(tr), &subnets),
                class,
                title: format!("{}: {} → {}", x.name, dest(&r.destination), target),
            });
        }
        // A line to each gateway that propagates routes into the table and has no written one.
        let written = |g: &&String| {
            (t.routes.iter()).any(|r| matches!(&r.target, RouteTarget::VpnGateway(x) if x == *g))
        };
        for g in t.propagating_vgws.iter().filter(|g| !written(g)) {
            let Some(tr) = rect(g) else { continue };
            out.push(Line {
                key: format!("{}>propagated>{g}", x.id),
                points: route(sr, centre(tr), &subnets),
                class: "route-vgw",
                title: format!("{}: propagated → {g}", x.name),
            });
        }
    }
    for t in &s.route_tables {
        for g in &t.gateways {
            let Some(gr) = rect(g) else { continue };
            for (k, r) in t.routes.iter().enumerate() {
                let (RouteTarget::Instance(to) | RouteTarget::GwlbEndpoint(to)) = &r.target else {
                    continue;
                };
                let Some(tr) = rect(to) else { continue };
                out.push(Line {
                    key: format!("{g}>{}>{k}", t.id),
                    points: route(gr, centre(tr), &subnets),
                    class: "route-edge",
                    title: format!("{g} ({}): {} → {to}", t.name, dest(&r.destination)),
                });
            }
        }
    }
    for lb in &s.load_balancers {
        let Some(lr) = rect(&lb.id) else { continue };
        for n in lb.nodes.iter().skip(1) {
            let Some(sr) = rect(&n.subnet) else { continue };
            let end = nearest_on(sr, centre(lr));
            out.push(Line {
                key: format!("{}>{}", lb.id, n.subnet),
                points: route(lr, end, &subnets),
                class: "lb-node",
                title: format!("{} has a node in {}", lb.name, n.subnet),
            });
        }
    }
    for t in &s.transit_gateways {
        let Some(tr) = rect(&t.id) else { continue };
        for a in &t.attachments {
            let Some(vr) = rect(&a.vpc) else { continue };
            let c = centre(tr);
            out.push(Line {
                key: format!("{}>{}", t.id, a.id),
                points: vec![nearest_on(tr, centre(vr)), nearest_on(vr, c)],
                class: "tgw-attachment",
                title: format!(
                    "{} is attached to {}",
                    crate::edit::find::name_of(s, &a.vpc),
                    crate::edit::find::name_of(s, &t.id)
                ),
            });
        }
    }
    for (t, p) in (s.transit_gateways.iter()).flat_map(|t| t.peerings.iter().map(move |p| (t, p))) {
        // Both gateways list the peering: it is drawn once, from the gateway with the lower id.
        let mirrored = (s.transit_gateways.iter())
            .any(|g| g.id == p.peer && g.peerings.iter().any(|q| q.id == p.id));
        if mirrored && t.id > p.peer {
            continue;
        }
        let (Some(a), Some(b)) = (rect(&t.id), rect(&p.peer)) else {
            continue;
        };
        let (ca, cb) = (centre(a), centre(b));
        out.push(Line {
            key: format!("{}>{}", t.id, p.id),
            points: vec![nearest_on(a, cb), nearest_on(b, ca)],
            class: "tgw-peering",
            title: format!(
                "{} peers {} with {}",
                crate::engine::network::display(&p.name, &p.id),
                crate::edit::find::name_of(s, &t.id),
                crate::edit::find::name_of(s, &p.peer)
            ),
        });
    }
    for n in &s.on_prem_networks {
        let Some(nr) = rect(&n.id) else { continue };
        for l in &n.links {
            let (crate::model::LinkEnd::VpnGateway(g) | crate::model::LinkEnd::TransitGateway(g)) =
                &l.to;
            let Some(gr) = rect(g) else { continue };
            out.push(Line {
                key: format!("{}>{}", n.id, l.id),
                points: route(nr, nearest_on(gr, centre(nr)), &subnets),
                class: match (l.up, l.kind) {
                    (false, _) => "site-link down",
                    (true, crate::model::LinkKind::Vpn) => "site-link vpn",
                    (true, crate::model::LinkKind::DirectConnect) => "site-link dx",
                },
                title: format!("{}: {} → {}", n.name, l.id, g),
            });
        }
    }
    for p in &s.peerings {
        if let (Some(a), Some(b)) = (rect(&p.requester), rect(&p.accepter)) {
            let (ca, cb) = (centre(a), centre(b));
            out.push(Line {
                key: p.id.clone(),
                points: vec![nearest_on(a, cb), nearest_on(b, ca)],
                class: "peering",
                title: format!("peering {}", p.name),
            });
        }
    }
    out
}

fn dest(d: &Destination) -> String {
    match d {
        Destination::Cidr(c) => c.to_string(),
        Destination::PrefixList(p) => p.clone(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::geometry::rect_of;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn a_segment_crosses_a_box_through_its_inside_not_along_its_edge() {
        let b = r(0.0, 0.0, 100.0, 50.0);
        assert!(crosses((-10.0, 25.0), (110.0, 25.0), &b));
        assert!(crosses((50.0, -10.0), (50.0, 10.0), &b));
        assert!(crosses((-10.0, -10.0), (60.0, 60.0), &b));
        assert!(
            !crosses((-10.0, 0.0), (110.0, 0.0), &b),
            "along the top edge"
        );
        assert!(!crosses((-10.0, 60.0), (110.0, 60.0), &b));
        assert!(!crosses((-10.0, -10.0), (-1.0, 60.0), &b));
    }

    #[test]
    fn a_clear_line_stays_straight_and_a_blocked_one_goes_round_with_right_angles() {
        // A private subnet below a public one whose NAT gateway sits in the next column.
        // A private subnet two rows below the public one that holds its NAT gateway, an app
        // subnet between them.
        let public = r(0.0, 0.0, 280.0, 160.0);
        let app = r(0.0, 200.0, 280.0, 160.0);
        let private = r(0.0, 400.0, 280.0, 160.0);
        let nat = (140.0, 80.0);
        let boxes = [public, app, private, r(320.0, 0.0, 280.0, 560.0)];
        let path = route(private, nat, &boxes);
        assert!(path.len() > 2, "{path:?}");
        for w in path.windows(2) {
            assert!(
                w[0].0 == w[1].0 || w[0].1 == w[1].1,
                "a right angle: {path:?}"
            );
            for b in &boxes[1..] {
                assert!(!crosses(w[0], w[1], b), "{path:?} crosses {b:?}");
            }
        }
        assert_eq!(*path.last().unwrap(), nat);
        // Straight down from above needs no bend.
        let straight = route(public, (140.0, 180.0), &boxes);
        assert_eq!(straight.len(), 2);
    }

    #[test]
    fn a_transit_gateway_peering_is_one_line_between_the_two_gateways() {
        let mut s = crate::templates::all()
            .iter()
            .find(|t| t.id == "transit-hub")
            .expect("the hub template")
            .scenario();
        let mut far = s.transit_gateways[0].clone();
        far.id = "tgw-far".into();
        far.name = "far".into();
        far.attachments.clear();
        let peering = |peer: &str| crate::model::TgwPeering {
            id: "tgw-attach-peer".into(),
            name: "to-far".into(),
            peer: peer.into(),
            route_table: None,
        };
        let near = s.transit_gateways[0].id.clone();
        far.peerings = vec![peering(&near)];
        s.transit_gateways[0].peerings.push(peering("tgw-far"));
        let at = s.layout[&near];
        s.layout.insert(
            "tgw-far".into(),
            Rect {
                x: at.x + 300.0,
                ..at
            },
        );
        s.transit_gateways.push(far);
        let drawn = lines(&s, &|id: &str| rect_of(&s, id));
        let peerings: Vec<&Line> = drawn.iter().filter(|l| l.class == "tgw-peering").collect();
        assert_eq!(peerings.len(), 1, "{drawn:?}");
        assert!(
            peerings[0].title.starts_with("to-far peers"),
            "{:?}",
            peerings[0]
        );
        // Without the far gateway on the canvas there is nothing to draw to.
        s.layout.remove("tgw-far");
        let drawn = lines(&s, &|id: &str| rect_of(&s, id));
        assert!(drawn.iter().all(|l| l.class != "tgw-peering"));
    }

    #[test]
    fn routes_to_a_gwlb_endpoint_draw_lines_from_the_subnet_and_from_the_gateway() {
        let t = crate::templates::all()
            .iter()
            .find(|t| t.id == "gwlb-inspection");
        let s = t.expect("the inspection template").scenario();
        let drawn = lines(&s, &|id: &str| rect_of(&s, id));
        let to = |class: &str, from: &str| {
            drawn
                .iter()
                .any(|l| l.class == class && l.key.starts_with(from) && l.key.ends_with("vpce-fw"))
        };
        assert!(to("route-gwlbe", "web-subnet>"), "{drawn:?}");
        let edge = drawn.iter().find(|l| l.class == "route-edge");
        assert!(
            edge.is_some_and(|l| l.title.ends_with("→ vpce-fw")),
            "{drawn:?}"
        );
    }

    /// Every route line of every template, and of every shared scenario as the auto-layout
    /// draws it, crosses no subnet but its own ends.
    #[test]
    fn no_line_of_a_template_or_an_auto_layout_crosses_a_subnet() {
        let mut scenarios: Vec<(String, Scenario)> = crate::templates::all()
            .iter()
            .map(|t| (t.id.to_string(), t.scenario()))
            .collect();
        for t in crate::templates::all() {
            let mut s = t.scenario();
            s.layout.clear();
            crate::layout::fill_missing(&mut s);
            scenarios.push((format!("{} (auto-layout)", t.id), s));
        }
        // The project's own AWS cases, and the shared AWS snapshots when they are here.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for corpus in [
            "tests/aws-cases",
            "../shared/scenarios/aws",
            "../shared/scenarios/external",
            "../shared/scenarios/external-next",
        ] {
            let Ok(dirs) = std::fs::read_dir(root.join(corpus)) else {
                continue;
            };
            for dir in dirs.flatten().filter(|d| d.path().is_dir()) {
                if let Ok(imported) = crate::aws::import_dir(&dir.path()) {
                    let mut s = imported.scenario;
                    crate::layout::fill_missing(&mut s);
                    scenarios.push((format!("{corpus}/{:?}", dir.file_name()), s));
                }
            }
        }
        let mut bent = 0;
        for (name, s) in &scenarios {
            let rect = |id: &str| rect_of(s, id);
            let boxes: Vec<Rect> = s.subnets.iter().filter_map(|x| rect(&x.id)).collect();
            for line in lines(s, &rect) {
                if line.class == "peering" || line.class == "tgw-peering" {
                    continue;
                }
                bent += usize::from(line.points.len() > 2);
                for w in line.points.windows(2) {
                    let crossed = boxes.iter().filter(|b| {
                        crosses(w[0], w[1], b)
                            && !holds(b, *line.points.last().unwrap())
                            && !holds(b, line.points[0])
                    });
                    assert_eq!(crossed.count(), 0, "{name}: {} {:?}", line.key, line.points);
                }
            }
        }
        // The shared Batfish snapshots have lines that straight would cross a subnet.
        let shared = scenarios.iter().any(|(n, _)| n.starts_with("../shared"));
        assert!(!shared || bent > 0, "some line needed a bend");
    }
}
