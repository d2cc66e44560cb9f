//! The layer of the canvas drawn above the parts: the last flow sent from the traffic panel.
//!
//! The packet travels the flow's real path (see [`super::path`]), forward and then back, at a
//! pace people can follow; each hop's dot appears as the packet reaches it, green or red; where
//! the flow was stopped, the part is outlined with a drop marker. The motion is a CSS animation
//! along an SVG path (no per-frame work in Rust), so it pauses with one class and respects the
//! system's reduced-motion setting.

use std::rc::Rc;

use yew::prelude::*;

use super::lang::{use_lang, Lang};
use super::path::{fixed, hop_part, hop_site_part, translate, waypoints, Point};
use super::state::AppContext;
use crate::engine::explain::ko;
use crate::engine::{FlowSpec, Hop, Kind};
use crate::geometry::rect_of;
use crate::geometry::NODE_SIZE;
use crate::model::Scenario;

/// How far inside an icon's corner a hop's dot is drawn.
const DOT_INSET: f64 = 6.0;

/// Seconds the packet takes per hop at normal speed.
pub const SECONDS_PER_HOP: f64 = 0.6;

/// Number of flow colours (CSS classes `c0` ... `c7`).
pub const COLOURS: usize = 8;

/// A flow the canvas shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// Changes with every flow sent, so its animation starts over.
    pub serial: u32,
    /// Its colour (the flow's number since the page opened).
    pub colour: usize,
    /// The packet's points: the source, then one per hop.
    pub points: Vec<Point>,
    /// Where each hop's dot is drawn: its point, or for a hop at a part's icon (an instance
    /// receiving, a gateway forwarding) the icon's top-right corner, off its badge.
    pub dots: Vec<Point>,
    /// Whether each hop's label goes left of its dot: away from the part it was decided at
    /// (left of a dot on the left half of that part), so that it covers neither the part nor
    /// its name.
    pub label_left: Vec<bool>,
    /// Whether each hop let the packet through.
    pub passed: Vec<bool>,
    /// The part where the flow was stopped, if it was.
    pub stopped: Option<String>,
    /// The flow it draws (what a share link carries).
    pub spec: FlowSpec,
    /// Each hop's short label (SG, NACL, RT...) and what it decided, in English and Korean.
    pub marks: Vec<HopMark>,
}

/// What the canvas writes at a hop's dot.
#[derive(Debug, Clone, PartialEq)]
pub struct HopMark {
    /// The kind of component, as AWS abbreviates it.
    pub code: &'static str,
    /// The component and its decision, in English.
    pub tip_en: String,
    /// The same in Korean.
    pub tip_ko: String,
}

/// The abbreviation of a kind of component, as the AWS console and diagrams write it.
fn code(kind: Kind) -> &'static str {
    match kind {
        Kind::SecurityGroup => "SG",
        Kind::NetworkAcl => "NACL",
        Kind::RouteTable => "RT",
        Kind::InternetGateway => "IGW",
        Kind::EgressOnlyInternetGateway => "EIGW",
        Kind::NatGateway => "NAT",
        Kind::Instance => "EC2",
        Kind::NetworkInterface => "ENI",
        Kind::LoadBalancer => "ELB",
        Kind::Database => "DB",
        Kind::PeeringConnection => "PCX",
        Kind::GatewayEndpoint => "VPCE",
        Kind::GwlbEndpoint => "GWLBE",
        Kind::TransitGateway | Kind::TransitGatewayRouteTable => "TGW",
        Kind::Internet => "WWW",
        Kind::InternetHost => "WWW",
        Kind::VpnGateway => "VGW",
        Kind::SiteLink => "VPN",
        Kind::OnPremNetwork => "DC",
        Kind::Vpc => "VPC",
    }
}

impl Shown {
    /// What to show for `hops` of flow `spec` in `s`.
    pub fn new(
        s: &Scenario,
        spec: &FlowSpec,
        hops: &[Hop],
        blocked: bool,
        (serial, colour): (u32, usize),
    ) -> Self {
        let points = waypoints(s, Some(&spec.from), hops).unwrap_or_default();
        let dots = hops
            .iter()
            .zip(points.iter().skip(1))
            .map(|(h, &p)| {
                let icon = hop_part(h)
                    .and_then(|id| rect_of(s, id))
                    .filter(|r| r.w <= NODE_SIZE && (r.x + r.w / 2.0 - p.0).abs() < 1e-6);
                match icon {
                    Some(r) => (r.x + r.w - DOT_INSET, r.y + DOT_INSET),
                    None => p,
                }
            })
            .collect::<Vec<Point>>();
        let label_left = hops
            .iter()
            .zip(&dots)
            .map(|(h, d)| {
                hop_site_part(s, h)
                    .and_then(|id| rect_of(s, &id))
                    .is_some_and(|r| d.0 < r.x + r.w / 2.0 - 1.0)
            })
            .collect();
        Shown {
            serial,
            colour,
            points,
            dots,
            label_left,
            passed: hops.iter().map(|h| !h.decision().stops()).collect(),
            stopped: if blocked {
                hops.last().and_then(|h| hop_site_part(s, h))
            } else {
                None
            },
            spec: spec.clone(),
            marks: hops
                .iter()
                .map(|h| HopMark {
                    code: code(h.component.kind),
                    tip_en: format!(
                        "{}: {}",
                        h.component.name,
                        crate::engine::explain::en::hop(h)
                    ),
                    tip_ko: ko::hop(h),
                })
                .collect(),
        }
    }

    /// How long the animation runs, in seconds.
    pub fn seconds(&self) -> f64 {
        self.passed.len() as f64 * SECONDS_PER_HOP
    }

    /// When the packet reaches point `i`, in seconds at normal speed (it moves evenly).
    pub fn reaches(&self, i: usize) -> f64 {
        let seg = |k: usize| {
            let (a, b) = (self.points[k - 1], self.points[k]);
            ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()
        };
        let total: f64 = (1..self.points.len()).map(seg).sum();
        if total <= 0.0 {
            return self.seconds() * i as f64 / self.points.len().max(1) as f64;
        }
        let done: f64 = (1..=i).map(seg).sum();
        self.seconds() * done / total
    }
}

/// The flows shown on the canvas, oldest first; the last is the current one. Set by the traffic
/// panel.
pub type ShownContext = UseStateHandle<Vec<Rc<Shown>>>;

pub use crate::playback::Play;

/// The page's clock, in milliseconds.
pub fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The last point of `flow` the packet has reached at time `now` as `play` plays it.
pub fn position(play: &Play, flow: &Shown, now: f64) -> usize {
    play.position(
        flow.points.len().saturating_sub(1),
        |i| flow.reaches(i),
        now,
    )
}

/// How the animation plays. Set by the traffic panel.
pub type PlayContext = UseStateHandle<Play>;

/// Drawn inside the canvas SVG, above the parts: every flow shown, the current one (the last)
/// on top with its hops and where it was stopped.
#[component]
pub fn PacketLayer() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let shown = use_context::<ShownContext>().expect("shown-flow context");
    let play = use_context::<PlayContext>().expect("play context");
    let lang = use_lang();
    let flows: Vec<&Rc<Shown>> = shown.iter().filter(|f| f.points.len() >= 2).collect();
    let Some(current) = flows.last() else {
        return html! { <g class="packets" aria-hidden="true"></g> };
    };
    // Every animation shares one timeline: each element waits `--d`, the whole layer starts at
    // `--t` (the current flow's step) and runs at `--speed` (see the stylesheet). A new flow, a
    // step, a new speed and a new round redraw the layer (its key), which starts the animations
    // over.
    let timeline = format!(
        "--t: {}; --speed: {}",
        secs(current.reaches(play.at.min(current.points.len() - 1))),
        fixed(play.speed, 2)
    );
    let key = format!(
        "{}-{}-{}-{}",
        current.serial,
        play.at,
        fixed(play.speed, 2),
        play.round
    );
    let last = flows.len() - 1;
    html! {
        <g class={classes!("packets", play.paused.then_some("paused"))} aria-hidden="true"
            style={timeline} {key}>
            { for flows.iter().enumerate().map(|(i, f)| flow(&app.scenario, f, i == last, lang)) }
        </g>
    }
}

/// `t` seconds as CSS time.
fn secs(t: f64) -> String {
    format!("{}s", fixed(t, 2))
}

/// One flow: its trail and packet in its colour; for the current flow also its hop dots and the
/// part where it was stopped.
fn flow(s: &Scenario, f: &Shown, current: bool, lang: Lang) -> Html {
    let path: String = f
        .points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| {
            format!(
                "{}{} {} ",
                if i == 0 { "M" } else { "L" },
                fixed(*x, 1),
                fixed(*y, 1)
            )
        })
        .collect();
    let dots = f
        .passed
        .iter()
        .enumerate()
        .filter(|_| current)
        .map(|(i, ok)| {
            let (x, y) = f.dots.get(i).copied().unwrap_or(f.points[i + 1]);
            let tip = f.marks.get(i).map(|m| {
                if lang == Lang::Ko {
                    m.tip_ko.clone()
                } else {
                    m.tip_en.clone()
                }
            });
            html! {
                <circle class={classes!("hop", if *ok { "ok" } else { "bad" })}
                    cx={fixed(x, 1)} cy={fixed(y, 1)} r="4.5"
                    style={format!("--d: {}", secs(f.reaches(i + 1)))}>
                    if let Some(tip) = tip { <title>{ tip }</title> }
                </circle>
            }
        });
    // One label per place: hops at the same point or close by (an ACL and a group at one
    // interface, on the way there and back) share it ("NACL·SG"), shown when the packet
    // reaches the first of them.
    let mut places: Vec<(Point, usize, String, bool)> = Vec::new();
    if current {
        for (i, m) in f.marks.iter().enumerate() {
            let Some(&p) = f.dots.get(i) else { break };
            let near = |q: &Point| (q.0 - p.0).abs() < 12.0 && (q.1 - p.1).abs() < 12.0;
            match places.iter_mut().find(|(q, _, _, _)| near(q)) {
                Some((_, _, text, _)) => {
                    if !text.split('·').any(|c| c == m.code) {
                        text.push('·');
                        text.push_str(m.code);
                    }
                }
                _ => places.push((
                    p,
                    i + 1,
                    m.code.to_string(),
                    f.label_left.get(i).copied().unwrap_or(false),
                )),
            }
        }
    }
    // A label goes above and right of its dot, or below it when that would run into the one
    // before (two places a gap apart: a subnet's edge and the next one's).
    let mut taken: Vec<(f64, f64, f64)> = Vec::new();
    let labels = places.into_iter().map(|((x, y), i, text, left)| {
        // Its extent: about 6 units a character at 9 px.
        let width = 6.0 * text.chars().count() as f64;
        let (x0, x1) = if left {
            (x - 7.0 - width, x - 7.0)
        } else {
            (x + 7.0, x + 7.0 + width)
        };
        let free = |ly: f64| {
            taken
                .iter()
                .all(|&(a, b, ty)| b < x0 - 2.0 || a > x1 + 2.0 || (ty - ly).abs() >= 12.0)
        };
        let ly = [y - 7.0, y + 16.0, y + 28.0]
            .into_iter()
            .find(|&ly| free(ly))
            .unwrap_or(y - 7.0);
        taken.push((x0, x1, ly));
        let at = (if left { x1 } else { x0 }, ly);
        html! {
            <text class="hop-label" x={fixed(at.0, 1)} y={fixed(at.1, 1)}
                text-anchor={left.then_some("end")}
                style={format!("--d: {}", secs(f.reaches(i)))}>{ text }</text>
        }
    });
    let outline = f
        .stopped
        .as_ref()
        .filter(|_| current)
        .and_then(|id| rect_of(s, id))
        .map(|r| {
            let (w, h) = (r.w, r.h);
            const PAD: f64 = 6.0;
            html! {
                <g class="stopped" style={format!("--d: {}", secs(f.seconds()))}>
                    <rect class="stopped-outline" x={fixed(r.x - PAD, 1)} y={fixed(r.y - PAD, 1)}
                        width={fixed(w + 2.0 * PAD, 1)} height={fixed(h + 2.0 * PAD, 1)} rx="10" />
                    <g transform={translate((r.x + w + PAD, r.y - PAD))}>
                        <circle r="10" />
                        <path d="M-4 -4L4 4M4 -4L-4 4" />
                    </g>
                </g>
            }
        });
    html! {
        <g class={classes!("flow", format!("c{}", f.colour % COLOURS), current.then_some("current"))}>
            <path class="trail" d={path.clone()} />
            { for dots }
            { for labels }
            { for outline }
            <circle class="packet" r={if current { "7" } else { "5" }}
                style={format!("offset-path: path('{}'); --dur: {}", path.trim_end(), secs(f.seconds()))} />
        </g>
    }
}
