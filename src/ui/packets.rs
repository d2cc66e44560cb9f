//! The layer of the canvas where packets travel (drawn above the parts).
//!
//! For every flow: its route (faint), the trail it has covered, a dot per hop that turns green
//! when the hop let the packet through and red where it stopped, and the packet itself. The
//! current flow also gets a label per place it passes and, where it was dropped, a marker and an
//! outline around the deciding part. Yew redraws this only when the playhead crosses a hop; in
//! between, the animation clock in `flows.rs` moves the packets' `transform` directly.

use yew::prelude::*;

use super::flows::{point_at, TracedFlow, TrafficContext};
use super::path::{part_rect, Point};
use super::state::AppContext;
use crate::engine::trace::Decision;

/// Padding of the outline drawn around a highlighted part.
const OUTLINE_PAD: f64 = 7.0;

fn poly(points: &[Point]) -> String {
    let mut s = String::with_capacity(points.len() * 14);
    for (x, y) in points {
        s.push_str(&format!("{x:.1},{y:.1} "));
    }
    s
}

/// Whether a hop stopped the packet.
fn stops(d: Decision) -> bool {
    matches!(d, Decision::Deny | Decision::Drop | Decision::Refuse)
}

/// Packets in flight; drawn inside the canvas SVG, above the parts.
#[component]
pub fn PacketLayer() -> Html {
    let ctx = use_context::<TrafficContext>();
    let app = use_context::<AppContext>();
    let (Some(ctx), Some(app)) = (ctx, app) else {
        return html! { <g class="packets" aria-hidden="true"></g> };
    };
    let current = ctx.state.current;
    let tick = ctx.state.tick;
    let highlight = ctx.highlight();
    let outline = highlight.as_ref().and_then(|h| {
        let r = part_rect(&app.scenario, h.part.as_deref()?)?;
        let class = if h.blocked {
            "part-outline blocked"
        } else {
            "part-outline"
        };
        Some(html! {
            <rect class={class} x={format!("{:.1}", r.x - OUTLINE_PAD)}
                y={format!("{:.1}", r.y - OUTLINE_PAD)}
                width={format!("{:.1}", r.w + 2.0 * OUTLINE_PAD)}
                height={format!("{:.1}", r.h + 2.0 * OUTLINE_PAD)} rx="10" />
        })
    });
    // The current flow is drawn last, on top.
    let (others, mine): (Vec<&TracedFlow>, Vec<&TracedFlow>) =
        ctx.flows().iter().partition(|f| Some(f.flow.id) != current);
    html! {
        <g class="packets" aria-hidden="true">
            { outline.unwrap_or_default() }
            { for others.into_iter().chain(mine).map(|f| flow(f, tick, Some(f.flow.id) == current)) }
        </g>
    }
}

/// One flow's route, hops, packet and (when current) labels and drop marker.
fn flow(f: &TracedFlow, tick: usize, current: bool) -> Html {
    let Some(points) = &f.points else {
        return Html::default();
    };
    let hops = f.hops();
    let shown = tick.min(points.len() - 1);
    let (px, py) = point_at(points, shown as f64, false);
    let class = classes!(
        "flow",
        format!("flow-c{}", f.flow.colour),
        current.then_some("current")
    );
    let dots = hops.iter().enumerate().map(|(i, h)| {
        let step = i + 1;
        let (x, y) = points[step];
        let state = if step > shown {
            "pending"
        } else if stops(h.decision) {
            "bad"
        } else {
            "ok"
        };
        let r = if current { "5" } else { "3.5" };
        html! { <circle class={classes!("hop", state)} cx={format!("{x:.1}")} cy={format!("{y:.1}")} {r} /> }
    });
    let end = hops
        .last()
        .filter(|h| stops(h.decision) && shown == hops.len());
    let marker = end.map(|h| {
        let (x, y) = points[hops.len()];
        let why = match &h.rule {
            Some(r) => format!("{}: {r}", h.name),
            None => h.name.clone(),
        };
        html! {
            <g class="drop-marker" transform={format!("translate({x:.1} {y:.1})")}>
                <circle r="11" />
                <path d="M-4.5 -4.5L4.5 4.5M4.5 -4.5L-4.5 4.5" />
                { current.then(|| html! { <text class="drop-label" x="16" y="-12">{ why }</text> }) }
            </g>
        }
    });
    html! {
        <g class={class}>
            <polyline class="route" points={poly(points)} />
            <polyline class="trail" points={poly(&points[..=shown])} />
            { for dots }
            if current { { labels(f, points) } }
            { marker.unwrap_or_default() }
            <g id={format!("packet-{}", f.flow.id)} class="packet"
                transform={format!("translate({px:.1} {py:.1})")}>
                <circle r="8" />
                <path d="M-4 -2.5h8v5h-8zM-4 -2.5l4 3 4-3" />
            </g>
        </g>
    }
}

/// A label at each distinct place the current flow passes: the source, then each hop's name.
fn labels(f: &TracedFlow, points: &[Point]) -> Html {
    let mut seen: Vec<(i64, i64)> = Vec::new();
    let names =
        std::iter::once(f.from_name.as_str()).chain(f.hops().iter().map(|h| h.name.as_str()));
    let items = names.zip(points).filter_map(|(name, &(x, y))| {
        let key = ((x / 6.0).round() as i64, (y / 6.0).round() as i64);
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        Some(html! {
            <text class="hop-label" x={format!("{:.1}", x + 9.0)} y={format!("{:.1}", y - 9.0)}>{ name }</text>
        })
    });
    html! { <g class="hop-labels">{ for items }</g> }
}
