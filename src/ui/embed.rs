//! The embedded view (`embed=1` in a share link): a read-only canvas and the traffic panel,
//! sized to the iframe, with a link that opens the same scenario in the full playground.
//!
//! Its link may also say what it shows (`view=canvas`, or `view=play`: the canvas playing its
//! flow over and over), the flow shown first (`flow=`) and the zoom it opens at (`zoom=`, in
//! percent; the drawing is fitted to the frame otherwise). A fitted drawing whose names would be
//! too small to read shows the current flow's path instead. The host page hears how tall the
//! content is and may ask for a flow (see [`super::host`]).

use yew::prelude::*;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;

use super::canvas::{bounds, centred_on, fit_to, fit_view, name_px, Canvas};
use super::fragment::{fragment_param, location_hash};
use super::lang::{t, use_lang};
use super::packets::{clock, Play, PlayContext, Shown, ShownContext};
use super::share::{open_full_link, shown_flows, Shows};
use super::state::AppContext;
use super::traffic::TrafficPanel;
use super::view::{View, ViewContext};
use crate::geometry::rect_of;
use crate::model::{Rect, Scenario};

/// Names smaller than this on screen (CSS pixels) are not readable.
const READABLE_PX: f64 = 10.0;

/// Seconds between the end of a flow's animation and its next round, in `view=play`.
const PLAY_PAUSE_SECONDS: f64 = 1.5;

/// The read-only view for iframes: no palette, no inspector, no editing.
#[component]
pub fn EmbedView() -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let traffic = use_context::<ShownContext>().expect("shown-flow context");
    let play = use_context::<PlayContext>().expect("play context");
    let view = use_context::<ViewContext>().expect("view context");
    let full = open_full_link(&location_hash(), &shown_flows(&traffic));
    // What the link asks for, read once.
    let (shows, zoom) = *use_memo((), |_| {
        let hash = location_hash();
        let zoom = fragment_param(&hash, "zoom")
            .and_then(|z| z.parse::<u16>().ok())
            .map(|z| f64::from(z.clamp(10, 400)) / 100.0);
        (Shows::from_param(fragment_param(&hash, "view")), zoom)
    });
    let current = traffic.last().cloned();
    {
        // Show the drawing once the frame has its final size, and again when it changes (a host
        // page's layout often settles after the app starts) and with each flow sent (the traffic
        // panel's height changes with it); tell the host page how tall the content is.
        let (view, s) = (view.clone(), app.scenario.clone());
        let flow = current.clone();
        use_effect_with(current.as_ref().map(|f| f.serial), move |_| {
            let fit = move || {
                view.set(initial_view(&s, flow.as_deref(), zoom));
                if let Some(h) = content_height(&s, shows) {
                    super::host::post_height(h);
                }
            };
            // Once after the layout, and again once the traffic panel has taken its room.
            let soon = Timeout::new(60, fit.clone());
            let later = Timeout::new(400, fit.clone());
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| fit());
            move || drop((soon, later, resize))
        });
    }
    {
        // `view=play`: the flow starts over a moment after it ends.
        let play = play.clone();
        let seconds = current.as_ref().map_or(0.0, |f| f.seconds());
        use_effect_with((play.round, seconds.to_bits()), move |_| {
            let again = (shows == Shows::Play && seconds > 0.0).then(|| {
                let wait = (seconds / play.speed.max(0.1) + PLAY_PAUSE_SECONDS) * 1000.0;
                Timeout::new(wait as u32, move || {
                    play.set(Play {
                        round: play.round + 1,
                        ..Play::running(0, play.speed, clock())
                    })
                })
            });
            move || drop(again)
        });
    }
    let name = if app.scenario.name.is_empty() {
        t(lang, "Untitled scenario").to_string()
    } else {
        app.scenario.name.clone()
    };
    html! {
        <div class={classes!("embed-shell", shows.canvas_only().then_some("canvas-only"))}>
            <header class="embed-bar">
                <svg class="logo" viewBox="0 0 32 32" width="18" height="18" aria-hidden="true">
                    <rect x="1" y="1" width="30" height="30" rx="7" class="logo-bg" />
                    <path d="M9 11h14M9 21h14M16 11v10" class="logo-line" />
                </svg>
                <span class="embed-title" title={name.clone()}>{ name }</span>
                <span class="embed-badge">{ t(lang, "Read-only") }</span>
                <a class="embed-open" href={full} target="_blank" rel="noopener">
                    { t(lang, "Open in playground ↗") }
                </a>
            </header>
            <main class="workspace embed-workspace">
                <Canvas readonly=true />
                <TrafficPanel />
            </main>
        </div>
    }
}

/// What the embed shows of `s`: at the link's `zoom`, centred on the current flow's path or on
/// the drawing; else the whole drawing, or the flow's path when the drawing's names would be
/// too small to read.
fn initial_view(s: &Scenario, flow: Option<&Shown>, zoom: Option<f64>) -> View {
    let path = flow.and_then(|f| path_area(s, f));
    match (zoom, bounds(s)) {
        (Some(z), Some(whole)) => centred_on(path.unwrap_or(whole), z),
        _ => {
            let whole = fit_view(s);
            match path {
                Some(p) if name_px(whole.zoom) < READABLE_PX => fit_to(p),
                _ => whole,
            }
        }
    }
}

/// The area a flow's path covers: its points and its two ends, with room for their names.
fn path_area(s: &Scenario, f: &Shown) -> Option<Rect> {
    const PAD: f64 = 40.0;
    let ends = [&f.spec.from, &f.spec.to]
        .into_iter()
        .filter_map(|x| crate::flows::find_part(s, x))
        .filter_map(|id| rect_of(s, &id))
        .flat_map(|r| [(r.x, r.y), (r.x + r.w, r.y + r.h)]);
    let mut points = f.points.iter().copied().chain(ends);
    let (x, y) = points.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (x, y, x, y);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    Some(Rect {
        x: x0 - PAD,
        y: y0 - PAD,
        w: x1 - x0 + 2.0 * PAD,
        h: y1 - y0 + 2.0 * PAD + 34.0,
    })
}

/// The height the embed's content needs at the frame's width: its bar, the drawing at that
/// width (at most 100%) below the zoom bar, and the traffic panel's content unless it shows the
/// canvas alone.
fn content_height(s: &Scenario, shows: Shows) -> Option<u32> {
    let doc = gloo::utils::document();
    let height = |selector: &str, scrolled: bool| {
        doc.query_selector(selector)
            .ok()
            .flatten()
            .map_or(0.0, |e| {
                f64::from(if scrolled {
                    e.scroll_height()
                } else {
                    e.client_height()
                })
            })
    };
    let b = bounds(s)?;
    let width = f64::from(doc.document_element()?.client_width());
    let zoom = ((width - 40.0) / b.w.max(1.0)).min(1.0);
    let drawing = b.h * zoom + 20.0 + height(".canvas-tools", false) + 14.0;
    let panel = if shows.canvas_only() {
        0.0
    } else {
        height(".embed-workspace > .traffic", true)
    };
    let bar = height(".embed-bar", false);
    Some((bar + drawing + panel).ceil().min(4000.0) as u32)
}
