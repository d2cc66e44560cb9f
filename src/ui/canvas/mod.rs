//! The canvas where the network is drawn and edited: select (click, shift-click, box), move
//! (children follow their container), resize containers, delete, pan, zoom, fit, snap to grid,
//! and the keyboard for all of it.

mod drag;
mod edges;
mod part_view;

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::analysis::{AnalysisContext, Do};
use super::guard::apply_checked;
use super::lang::{t, tf, use_lang, Lang};
use super::packets::PacketLayer;
use super::state::{Action, AppContext};
use super::view::{canvas_box, View, ViewContext, CANVAS_ID};
use crate::edit::find::name_of;
use crate::edit::moves::{move_parts, moving_set, resize};
use crate::edit::remove::{doomed, remove_parts};
use crate::geometry::rect_of;
use crate::geometry::GRID;
use drag::{Gesture, Live};
use part_view::{looks, PartView, Shape};

pub use drag::bounds;

/// The canvas point under a pointer event (also outside the canvas, during a captured drag).
fn point(view: View, e: &MouseEvent) -> (f64, f64) {
    let (l, t, _, _) = canvas_box().unwrap_or_default();
    view.to_canvas(e.client_x() as f64 - l, e.client_y() as f64 - t)
}

/// The value of attribute `attr` on the event's target or its nearest ancestor that has it.
fn target_attr(e: &Event, attr: &str) -> Option<String> {
    let el: Element = e.target_dyn_into()?;
    el.closest(&format!("[{attr}]"))
        .ok()
        .flatten()?
        .get_attribute(attr)
}

/// The view that shows every part, or the default view when there is none.
pub fn fit_view(s: &crate::model::Scenario) -> View {
    bounds(s).map_or_else(View::default, fit_to)
}

/// The view that shows `area` (canvas units) whole in the canvas, below its zoom bar, at no
/// more than 100%.
/// The zoom bar's room is kept only when the drawing would run under it: a drawing narrower
/// than the canvas, centred, may use the height beside the bar.
pub fn fit_to(area: crate::model::Rect) -> View {
    const MARGIN: f64 = 8.0;
    let Some((left, top, w, h)) = canvas_box().filter(|b| b.2 > 0.0) else {
        return View::default();
    };
    let free = View::fit(area, w, h, MARGIN);
    let bar = gloo::utils::document()
        .query_selector(".canvas-tools")
        .ok()
        .flatten()
        .map(|b| b.get_bounding_client_rect());
    match bar {
        Some(bar) => {
            let right = free.x + (area.x + area.w) * free.zoom;
            let upper = free.y + area.y * free.zoom;
            let under_bar =
                right > bar.left() - left - MARGIN && upper < bar.bottom() - top + MARGIN;
            if under_bar {
                View::fit(area, w, h, bar.bottom() - top + MARGIN)
            } else {
                free
            }
        }
        None => View::fit(area, w, h, zoom_bar_room(top)),
    }
}

/// The view at `zoom` with the middle of `area` in the middle of the canvas below its zoom bar.
pub fn centred_on(area: crate::model::Rect, zoom: f64) -> View {
    let (_, top, w, h) = canvas_box().unwrap_or_default();
    let room = zoom_bar_room(top);
    View {
        x: w / 2.0 - (area.x + area.w / 2.0) * zoom,
        y: room + (h - room) / 2.0 - (area.y + area.h / 2.0) * zoom,
        zoom,
    }
}

/// How tall node names are on screen, in CSS pixels, at `zoom` (12 px names, grown by
/// [`label_factor`] when zoomed out).
pub fn name_px(zoom: f64) -> f64 {
    12.0 * zoom * label_factor(zoom)
}

/// How far down the canvas (whose top is at `canvas_top` on screen) the zoom bar reaches, plus a
/// margin: a fitted drawing starts below it.
fn zoom_bar_room(canvas_top: f64) -> f64 {
    gloo::utils::document()
        .query_selector(".canvas-tools")
        .ok()
        .flatten()
        .map_or(56.0, |bar| {
            bar.get_bounding_client_rect().bottom() - canvas_top + 8.0
        })
}

/// Deletes `ids` with their dependants as one undo step, saying what went.
pub fn delete(app: &AppContext, lang: Lang, ids: &[String]) {
    let s = &app.scenario;
    let gone = doomed(s, ids);
    if gone.is_empty() {
        return;
    }
    let names: Vec<String> = ids.iter().map(|id| name_of(s, id)).collect();
    let extra = gone.len().saturating_sub(ids.len());
    let names = names.join(", ");
    let msg = match extra {
        0 => tf(lang, "Deleted {}. Undo with Ctrl+Z.", &[&names]),
        1 => tf(
            lang,
            "Deleted {} and 1 part inside. Undo with Ctrl+Z.",
            &[&names],
        ),
        n => tf(
            lang,
            "Deleted {} and {} parts inside. Undo with Ctrl+Z.",
            &[&names, &n.to_string()],
        ),
    };
    app.dispatch(Action::Edit(Rc::new(remove_parts(s, ids))));
    app.dispatch(Action::Notify(msg));
}

/// Properties of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    /// Read-only (the embedded view): dragging pans, and parts cannot be moved, resized,
    /// selected or deleted.
    #[prop_or_default]
    pub readonly: bool,
}

/// The drawing area: an SVG with a grid, the parts, the lines between them, and a toolbar for
/// zoom, fit and snapping.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let readonly = props.readonly;
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let view = use_context::<ViewContext>().expect("view context");
    let gesture = use_mut_ref(|| None::<Gesture>);
    let live = use_state(Live::default);
    let snapping = use_state(|| true);
    // The open-port lines between endpoints (off until asked for: they need the analysis).
    let ports_shown = use_state(|| false);
    let analyses = use_context::<AnalysisContext>();
    let lines_ref = use_node_ref();
    let lines_svg = (analyses.as_ref())
        .and_then(|a| a.latest.as_ref())
        .map(|(_, r)| r.edges.clone())
        .filter(|_| *ports_shown && matches!(*live, Live::Idle))
        .unwrap_or_default();
    {
        let lines_ref = lines_ref.clone();
        use_effect_with(lines_svg, move |svg| {
            if let Some(el) = lines_ref.cast::<Element>() {
                el.set_inner_html(svg);
            }
        });
    }
    let scenario = app.scenario.clone();
    let all = use_memo((scenario.clone(), lang), |(s, lang)| looks(s, *lang));

    {
        // Show everything at start-up (a restored or linked scenario) and whenever another
        // scenario replaces the one shown (a template, an import, a lesson, or their undo).
        let view = view.clone();
        let seen = use_mut_ref(|| None::<Vec<String>>);
        use_effect_with(scenario.clone(), move |s| {
            let now = crate::edit::find::part_ids(s);
            let first = seen.borrow().is_none();
            let switched = seen
                .borrow()
                .as_ref()
                .is_some_and(|before| super::view::replaced(before, &now));
            *seen.borrow_mut() = Some(now);
            let asked = super::view::take_fit_request();
            if (first || switched || asked) && bounds(s).is_some() {
                view.set(fit_view(s));
            }
        });
    }

    let onpointerdown = {
        let (app, view, gesture) = (app.clone(), view.clone(), gesture.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() > 1 {
                return;
            }
            let p = point(*view, &e);
            let s = &app.scenario;
            let part = target_attr(&e, "data-id");
            let handle = target_attr(&e, "data-resize");
            let pan = readonly
                || e.button() == 1
                || e.alt_key()
                || (part.is_none() && handle.is_none() && e.pointer_type() == "touch");
            let g = if pan {
                Some(Gesture::Pan {
                    start: (e.client_x() as f64, e.client_y() as f64),
                    view: *view,
                })
            } else if let Some(id) = handle {
                rect_of(s, &id).map(|r| Gesture::Resize {
                    id,
                    start: p,
                    size: (r.w, r.h),
                })
            } else if let Some(id) = part {
                if e.shift_key() {
                    // Shift: a click toggles the part, a drag draws a box that adds to the
                    // selection (also inside containers).
                    Some(Gesture::Select {
                        start: p,
                        additive: true,
                        toggle: Some(id),
                    })
                } else {
                    let ids = if app.selection.contains(&id) {
                        app.selection.clone()
                    } else {
                        app.dispatch(Action::Select(vec![id.clone()]));
                        vec![id]
                    };
                    Some(Gesture::Move {
                        set: Rc::new(moving_set(s, &ids)),
                        ids,
                        start: p,
                        moved: false,
                    })
                }
            } else {
                if !e.shift_key() {
                    app.dispatch(Action::Select(Vec::new()));
                }
                Some(Gesture::Select {
                    start: p,
                    additive: e.shift_key(),
                    toggle: None,
                })
            };
            if g.is_some() {
                // Yew delegates events to the app's root, so capture on the canvas itself.
                let svg = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(CANVAS_ID));
                if let Some(el) = svg {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
            }
            *gesture.borrow_mut() = g;
        })
    };

    let onpointermove = {
        let (view, gesture, live, snapping) = (
            view.clone(),
            gesture.clone(),
            live.clone(),
            snapping.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let Some(g) = g.as_mut() else { return };
            let p = point(*view, &e);
            match g {
                Gesture::Move {
                    set, start, moved, ..
                } => {
                    let snap = *snapping && !e.ctrl_key();
                    let (dx, dy) = drag::offset(*start, p, snap);
                    if !*moved && (p.0 - start.0).hypot(p.1 - start.1) * view.zoom < 4.0 {
                        return;
                    }
                    *moved = true;
                    let next = Live::Moving {
                        set: set.clone(),
                        dx,
                        dy,
                    };
                    if *live != next {
                        live.set(next);
                    }
                }
                Gesture::Resize { id, start, size } => {
                    let (dx, dy) = drag::offset(*start, p, *snapping);
                    live.set(Live::Resizing {
                        id: id.clone(),
                        w: (size.0 + dx).max(120.0),
                        h: (size.1 + dy).max(80.0),
                    });
                }
                Gesture::Select { start, .. } => {
                    if (p.0 - start.0).hypot(p.1 - start.1) * view.zoom >= 4.0
                        || matches!(*live, Live::Boxing(_))
                    {
                        live.set(Live::Boxing(drag::span(*start, p)));
                    }
                }
                Gesture::Pan { start, view: v0 } => view.set(View {
                    x: v0.x + e.client_x() as f64 - start.0,
                    y: v0.y + e.client_y() as f64 - start.1,
                    zoom: v0.zoom,
                }),
            }
        })
    };

    let finish = {
        let (app, gesture, live) = (app.clone(), gesture.clone(), live.clone());
        move |commit: bool| {
            let g = gesture.borrow_mut().take();
            let now = (*live).clone();
            live.set(Live::Idle);
            if !commit {
                return;
            }
            let s = &app.scenario;
            match (g, now) {
                (
                    Some(Gesture::Move {
                        ids, moved: true, ..
                    }),
                    Live::Moving { dx, dy, .. },
                ) => {
                    if dx == 0.0 && dy == 0.0 {
                        return;
                    }
                    match move_parts(s, &ids, dx, dy) {
                        Ok(next) => {
                            apply_checked(&app, lang, next);
                        }
                        Err(why) => app.dispatch(Action::Notify(why.text(lang))),
                    }
                }
                (Some(Gesture::Resize { id, .. }), Live::Resizing { w, h, .. }) => {
                    app.dispatch(Action::Edit(Rc::new(resize(s, &id, w, h))));
                }
                (
                    Some(Gesture::Select {
                        toggle: Some(id), ..
                    }),
                    Live::Idle,
                ) => {
                    let mut sel = app.selection.clone();
                    match sel.iter().position(|x| *x == id) {
                        Some(i) => {
                            sel.remove(i);
                        }
                        None => sel.push(id),
                    }
                    app.dispatch(Action::Select(sel));
                }
                (Some(Gesture::Select { additive, .. }), Live::Boxing(area)) => {
                    let mut sel = if additive {
                        app.selection.clone()
                    } else {
                        Vec::new()
                    };
                    for id in drag::parts_in(s, area) {
                        if !sel.contains(&id) {
                            sel.push(id);
                        }
                    }
                    app.dispatch(Action::Select(sel));
                }
                _ => {}
            }
        }
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |_: PointerEvent| finish(true))
    };
    let onpointercancel = Callback::from(move |_: PointerEvent| finish(false));

    let onwheel = {
        let view = view.clone();
        Callback::from(move |e: WheelEvent| {
            let (l, t, _, _) = canvas_box().unwrap_or_default();
            let factor = (-e.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
            view.set(view.zoom_at(factor, e.client_x() as f64 - l, e.client_y() as f64 - t));
        })
    };

    let onkeydown = {
        let app = app.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = target_attr(&e, "data-id").filter(|_| !readonly) else {
                return;
            };
            let ids = if app.selection.contains(&id) {
                app.selection.clone()
            } else {
                vec![id.clone()]
            };
            let step = if e.shift_key() { 5.0 * GRID } else { GRID };
            let (dx, dy) = match e.key().as_str() {
                "ArrowLeft" => (-step, 0.0),
                "ArrowRight" => (step, 0.0),
                "ArrowUp" => (0.0, -step),
                "ArrowDown" => (0.0, step),
                "Delete" | "Backspace" => {
                    e.prevent_default();
                    delete(&app, lang, &ids);
                    return;
                }
                "Enter" | " " => {
                    e.prevent_default();
                    app.dispatch(Action::Select(vec![id]));
                    return;
                }
                "Escape" => {
                    app.dispatch(Action::Select(Vec::new()));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if ids != app.selection {
                app.dispatch(Action::Select(ids.clone()));
            }
            match move_parts(&app.scenario, &ids, dx, dy) {
                Ok(next) => {
                    apply_checked(&app, lang, next);
                }
                Err(why) => app.dispatch(Action::Notify(why.text(lang))),
            }
        })
    };

    // The selection is a short list: a set of `&str` would be one more copy of the B-tree code.
    let selected = |id: &str| app.selection.iter().any(|s| s == id);
    let rect_now = |id: &str| live.rect(&scenario, id);
    let lines = edges::edges(&scenario, &rect_now);
    let name_chars = name_budget(view.zoom);
    let draw = |containers: bool| -> Html {
        html! {
            { for all.iter()
                .filter(|l| matches!(l.shape, Shape::Vpc(_) | Shape::Subnet(_)) == containers)
                .filter_map(|l| {
                    let now = live.rect(&scenario, &l.id)?;
                    Some(html! {
                        <PartView key={l.id.to_string()} look={l.clone()} rect={now}
                            selected={selected(&l.id)} {name_chars} />
                    })
                }) }
        }
    };
    let boxing = match &*live {
        Live::Boxing(r) => html! {
            <rect class="select-box" x={r.x.to_string()} y={r.y.to_string()}
                width={r.w.to_string()} height={r.h.to_string()} />
        },
        _ => html! {},
    };
    let empty = all.is_empty();
    let transform = view.transform();
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let (_, _, w, h) = canvas_box().unwrap_or((0.0, 0.0, 800.0, 600.0));
            view.set(view.zoom_at(factor, w / 2.0, h / 2.0));
        })
    };
    let fit = {
        let (view, s) = (view.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| view.set(fit_view(&s)))
    };
    let toggle_snap = {
        let snapping = snapping.clone();
        Callback::from(move |_: MouseEvent| snapping.set(!*snapping))
    };
    let status = app.status.clone();
    let toggle_ports = {
        let (ports_shown, analyses) = (ports_shown.clone(), analyses.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = &analyses {
                a.dispatch(Do::Edges(!*ports_shown));
            }
            ports_shown.set(!*ports_shown);
        })
    };
    html! {
        <div class="canvas-wrap">
            <svg id={CANVAS_ID} class="canvas" role="application" aria-label={t(lang, "Canvas")}
                aria-describedby={empty.then_some("canvas-hint")} {onpointerdown} {onpointermove} {onpointerup}
                {onpointercancel} {onwheel} {onkeydown}>
                <defs>
                    <pattern id="grid-minor" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path d="M20 0H0V20" class="grid-minor" />
                    </pattern>
                    <pattern id="grid-major" width="100" height="100" patternUnits="userSpaceOnUse"
                        patternTransform={transform.clone()}>
                        <rect width="100" height="100" fill="url(#grid-minor)" />
                        <path d="M100 0H0V100" class="grid-major" />
                    </pattern>
                    <marker id="port-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6"
                        markerHeight="6" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="port-arrow-head" />
                    </marker>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                        markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head" />
                    </marker>
                </defs>
                <rect width="100%" height="100%" fill="url(#grid-major)" />
                <g class={classes!("world", (view.zoom < ZOOMED_OUT).then_some("zoomed-out"))} {transform}
                    style={label_scale(view.zoom)}>
                    { draw(true) }
                    { edges::draw(&lines) }
                    { draw(false) }
                    <g class="port-edges" aria-hidden="true" ref={lines_ref}></g>
                    { boxing }
                    <PacketLayer />
                </g>
                if empty { <EmptyHint /> }
            </svg>
            <div class="canvas-tools" role="toolbar" aria-label={t(lang, "View")}>
                <button type="button" aria-label={t(lang, "Zoom out")} title={t(lang, "Zoom out (wheel)")}
                    onclick={zoom_by(1.0 / 1.25)}>{ "−" }</button>
                <span class="zoom-level" aria-live="off">{ format!("{:.0}%", view.zoom * 100.0) }</span>
                <button type="button" aria-label={t(lang, "Zoom in")} title={t(lang, "Zoom in (wheel)")}
                    onclick={zoom_by(1.25)}>{ "+" }</button>
                <button type="button" onclick={fit}>{ t(lang, "Fit to screen") }</button>
                <button type="button" aria-pressed={ports_shown.to_string()} onclick={toggle_ports}
                    title={t(lang, "Show the ports open between parts")}>
                    { t(lang, "Open ports") }
                </button>
                if !readonly {
                    <button type="button" aria-pressed={snapping.to_string()} onclick={toggle_snap}
                        title={t(lang, "Snap moves to the 20-unit grid (hold Ctrl while dragging to move freely)")}>
                        { t(lang, "Snap to grid") }
                    </button>
                }
            </div>
            <p class="canvas-status" aria-live="polite" aria-atomic="true" key={status.seq.to_string()}
                hidden={status.text.is_empty()}>
                { &status.text }
            </p>
        </div>
    }
}

/// The empty-state hint, centred in the canvas.
#[component]
fn EmptyHint() -> Html {
    let lang = use_lang();
    html! {
        <svg x="50%" y="50%" overflow="visible" class="empty-hint">
            <g transform="translate(-190 -78)">
                <rect width="380" height="156" rx="14" class="empty-frame" />
                <text x="190" y="62" class="empty-title" text-anchor="middle">
                    { t(lang, "Your canvas is empty") }
                </text>
                <text id="canvas-hint" x="190" y="92" class="empty-text" text-anchor="middle">
                    { t(lang, "Drag a VPC from the palette here,") }
                    <tspan x="190" dy="20">{ t(lang, "then add subnets, instances and gateways.") }</tspan>
                </text>
            </g>
        </svg>
    }
}

/// Below this zoom the canvas is "zoomed out": part names grow (see [`label_scale`]) and the
/// details under them (addresses, a subnet's kind and zone) are left out, since they would be
/// too small to read or run into each other.
const ZOOMED_OUT: f64 = 0.75;

/// The longest node name shown whole at `zoom`: names grown by [`label_scale`] are cut to what
/// fits in a layout slot ([`crate::geometry::SLOT_W`]), about 6.8 units a character at 12 px.
fn name_budget(zoom: f64) -> Option<usize> {
    let s = label_factor(zoom);
    (s > 1.0).then(|| {
        ((crate::geometry::SLOT_W - 8.0) / (6.8 * s))
            .floor()
            .max(4.0) as usize
    })
}

/// Below 100% zoom, part names grow in canvas units so that they stay readable on screen (12 px
/// names at no less than 11 px), up to 2.2 times, as a map keeps its place names readable.
fn label_scale(zoom: f64) -> String {
    format!("--label-scale: {:.3}", label_factor(zoom))
}

/// How much part names grow at `zoom`: enough for 12 px names to stay 11 px on screen (with a
/// little to spare for rounding), never less than 1, at most 2.2.
fn label_factor(zoom: f64) -> f64 {
    (11.25 / (12.0 * zoom.max(f64::EPSILON))).clamp(1.0, 2.2)
}
