//! Lines between parts: from a subnet to the internet gateway, NAT gateway or instance its route
//! table sends traffic to, from a load balancer to the subnets of its other nodes, and between
//! peered VPCs.

use crate::model::{Rect, RouteTarget, Scenario};
use yew::prelude::*;

/// One line to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// A stable key.
    pub key: String,
    /// Start point.
    pub from: (f64, f64),
    /// End point.
    pub to: (f64, f64),
    /// CSS class: `route-igw`, `route-nat`, `route-instance`, `lb-node`, `peering`.
    pub class: &'static str,
    /// What the line means, for its tooltip.
    pub title: String,
}

fn centre(r: Rect) -> (f64, f64) {
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

/// The point of box `r` nearest to `p`.
fn nearest_on(r: Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(r.x, r.x + r.w), p.1.clamp(r.y, r.y + r.h))
}

/// Every line of `s`, with boxes from `rect` (which applies a drag in progress).
pub fn edges(s: &Scenario, rect: &dyn Fn(&str) -> Option<Rect>) -> Vec<Edge> {
    let mut out = Vec::new();
    for x in &s.subnets {
        let Some(sr) = rect(&x.id) else { continue };
        let table = s
            .route_tables
            .iter()
            .find(|t| t.subnets.contains(&x.id))
            .or_else(|| s.route_tables.iter().find(|t| t.main && t.vpc == x.vpc));
        let Some(t) = table else { continue };
        for (k, route) in t.routes.iter().enumerate() {
            let (target, class) = match &route.target {
                RouteTarget::InternetGateway(g) => (g, "route-igw"),
                RouteTarget::NatGateway(g) => (g, "route-nat"),
                RouteTarget::Instance(g) => (g, "route-instance"),
                _ => continue,
            };
            let Some(tr) = rect(target) else { continue };
            let to = centre(tr);
            let from = nearest_on(sr, to);
            out.push(Edge {
                key: format!("{}>{k}>{target}", x.id),
                from,
                to,
                class,
                title: format!("{}: {} → {}", x.name, dest(&route.destination), target),
            });
        }
    }
    for lb in &s.load_balancers {
        let Some(lr) = rect(&lb.id) else { continue };
        for n in lb.nodes.iter().skip(1) {
            let Some(sr) = rect(&n.subnet) else { continue };
            let from = centre(lr);
            out.push(Edge {
                key: format!("{}>{}", lb.id, n.subnet),
                from,
                to: nearest_on(sr, from),
                class: "lb-node",
                title: format!("{} has a node in {}", lb.name, n.subnet),
            });
        }
    }
    for p in &s.peerings {
        if let (Some(a), Some(b)) = (rect(&p.requester), rect(&p.accepter)) {
            let (ca, cb) = (centre(a), centre(b));
            out.push(Edge {
                key: p.id.clone(),
                from: nearest_on(a, cb),
                to: nearest_on(b, ca),
                class: "peering",
                title: format!("peering {}", p.name),
            });
        }
    }
    out
}

fn dest(d: &crate::model::Destination) -> String {
    match d {
        crate::model::Destination::Cidr(c) => c.to_string(),
        crate::model::Destination::PrefixList(p) => p.clone(),
    }
}

/// Draws `edges` as an SVG group (under the nodes, over the containers).
pub fn draw(edges: &[Edge]) -> Html {
    html! {
        <g class="edges" aria-hidden="true">
            { for edges.iter().map(|e| html! {
                <line key={e.key.clone()} class={classes!("edge", e.class)}
                    x1={format!("{:.1}", e.from.0)} y1={format!("{:.1}", e.from.1)}
                    x2={format!("{:.1}", e.to.0)} y2={format!("{:.1}", e.to.1)}
                    marker-end="url(#arrow)">
                    <title>{ &e.title }</title>
                </line>
            }) }
        </g>
    }
}
