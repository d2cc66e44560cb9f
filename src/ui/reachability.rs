//! The reachability view: who reaches whom, as a table with a row per source and a column per
//! destination. Each cell lists every port open between the two (tcp, udp and icmp), with a
//! mark per chosen port that says how that flow ends and opens its trace; above the table, what
//! the internet reaches. Endpoints that behave alike (same subnet, groups, role and address
//! range: the engine's classes) share a row, so large scenarios stay readable.
//!
//! Everything shown comes from the analysis of every port ([`super::analysis`]): the helper
//! worker walks the scenario and renders the table and the list as markup a moment after each
//! change, and the page inserts it (the table a few rows per frame); while a new one is on its
//! way the last one stays, dimmed.

use std::cell::Cell as StdCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::analysis::{AnalysisContext, Do};
use super::lang::{t, tf, use_lang};
use super::state::AppContext;
use crate::analysis::flow_from_attr;
use crate::engine::matrix::Probe;
use crate::engine::FlowSpec;
use crate::flows::PRESETS;
use crate::worker_job::Rendered;

/// Properties of [`Reachability`].
#[derive(Properties, PartialEq)]
pub struct ReachabilityProps {
    /// Sends a flow to the traffic panel (a cell's mark opens its trace).
    pub on_flow: Callback<FlowSpec>,
}

/// The flow a click in the markup asks for: the `data-flow` of the mark or button clicked.
pub fn clicked_flow(e: &MouseEvent) -> Option<FlowSpec> {
    let el = e.target_dyn_into::<web_sys::Element>()?;
    let button = el.closest("[data-flow]").ok().flatten()?;
    flow_from_attr(&button.get_attribute("data-flow")?)
}

/// The reachability view.
#[component]
pub fn Reachability(props: &ReachabilityProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("inside the app state");
    let analyses = use_context::<AnalysisContext>().expect("inside the analyses");
    // A port or range typed in, and why it does not read.
    let custom = use_state(String::new);
    let custom_error = use_state(|| None::<String>);
    let probes: Vec<Probe> = analyses
        .probes
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    {
        let analyses = analyses.clone();
        use_effect_with((), move |_| analyses.dispatch(Do::Want));
    }
    let set_probes = {
        let analyses = analyses.clone();
        move |next: Vec<Probe>| {
            analyses.dispatch(Do::Probes(next.iter().map(|p| p.to_string()).collect()))
        }
    };
    let current = analyses.is_of(&app.scenario);
    let latest = analyses.latest.as_ref().map(|(_, r)| r.clone());
    let presets: Vec<(String, Probe)> = PRESETS
        .iter()
        .filter_map(|&(label, proto, port)| {
            let probe: Probe = if port.is_empty() {
                proto.parse().ok()?
            } else {
                format!("{proto}/{port}").parse().ok()?
            };
            Some((label.to_string(), probe))
        })
        .collect();
    // Ports typed in get a chip of their own, to take them off again.
    let typed = probes
        .iter()
        .filter(|p| !presets.iter().any(|(_, q)| q == *p))
        .map(|p| (p.to_string(), *p))
        .collect::<Vec<_>>();
    let chips = presets.into_iter().chain(typed).map(|(label, probe)| {
        let on = probes.contains(&probe);
        let onclick = {
            let (probes, set_probes) = (probes.clone(), set_probes.clone());
            Callback::from(move |_| {
                let mut next = probes.clone();
                if let Some(i) = next.iter().position(|p| *p == probe) {
                    next.remove(i);
                } else {
                    next.push(probe);
                }
                set_probes(next);
            })
        };
        html! {
            <button type="button" class={classes!("chip", on.then_some("on"))}
                aria-pressed={on.to_string()} {onclick}>{ label }</button>
        }
    });
    let on_custom = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| {
            custom.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let add_custom = {
        let (custom, custom_error) = (custom.clone(), custom_error.clone());
        let (probes, set_probes) = (probes.clone(), set_probes.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match custom.parse::<Probe>() {
                Ok(p) if p.port != Some(0) => {
                    if !probes.contains(&p) {
                        let mut next = probes.clone();
                        next.push(p);
                        set_probes(next);
                    }
                    custom.set(String::new());
                    custom_error.set(None);
                }
                _ => custom_error.set(Some(tf(
                    lang,
                    "{} is not a port: write 8080, udp/53 or icmp.",
                    &[&format!("{:?}", custom.trim())],
                ))),
            }
        })
    };
    // A cell's mark, or a button in the list, opens that flow's trace in the traffic panel.
    let on_cell = {
        let on_flow = props.on_flow.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(spec) = clicked_flow(&e) {
                on_flow.emit(spec);
            }
        })
    };
    // The marks are spans with the button role (a table of real buttons lays out too slowly
    // in a large scenario): Enter and Space open them as a click does.
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() {
                e.prevent_default();
                el.click();
            }
        }
    });
    let body = match (&latest, &analyses.error) {
        (None, Some(why)) => html! {
            <p class="error-msg" role="alert">{ tf(lang, "Who reaches whom could not be worked out: {}", &[why]) }</p>
        },
        (None, None) => html! {
            <div class="matrix-progress">
                <label for="matrix-progress">{ t(lang, "Computing reachability") }</label>
                <progress id="matrix-progress"></progress>
            </div>
        },
        (Some(r), _) => html! {
            <div onclick={on_cell} onkeydown={on_key}>
                <MatrixTable rendered={r.clone()} />
            </div>
        },
    };
    let invalid = custom_error.is_some();
    let stale = latest.is_some() && !current;
    html! {
        <div class={classes!("reachability", stale.then_some("stale"))} aria-busy={stale.to_string()}>
            <div class="chips-row">
                <div class="chips" role="group" aria-label={t(lang, "Ports to check")}>{ for chips }</div>
                <form class="probe-form" onsubmit={add_custom}>
                    <label for="probe-custom" class="sr-only">{ t(lang, "Another port") }</label>
                    <input id="probe-custom" type="text" value={(*custom).clone()} oninput={on_custom}
                        placeholder={t(lang, "port, udp/53")} aria-invalid={invalid.to_string()}
                        aria-describedby="probe-custom-msg" spellcheck="false" autocomplete="off" />
                    <button type="submit" class="tool small">{ t(lang, "Add port") }</button>
                    <span id="probe-custom-msg" class="error-msg small" aria-live="polite">
                        { custom_error.as_deref().unwrap_or("") }
                    </span>
                </form>
            </div>
            { body }
        </div>
    }
}

/// Markup inserted per slice, in bytes: a large table goes into the page a few rows per frame,
/// so parsing and laying it out never blocks the page for long.
const BYTES_PER_SLICE: usize = 48_000;

/// Properties of [`MatrixTable`].
#[derive(Properties, PartialEq)]
struct MatrixTableProps {
    rendered: Rc<Rendered>,
}

/// What the internet reaches, then the table, put into the page a slice of rows per frame (see
/// [`BYTES_PER_SLICE`]); the table says `aria-busy` until its last row is in.
#[component]
fn MatrixTable(props: &MatrixTableProps) -> Html {
    let (exposure, holder) = (use_node_ref(), use_node_ref());
    {
        let (exposure, holder) = (exposure.clone(), holder.clone());
        use_effect_with(props.rendered.clone(), move |r| {
            let cancelled = Rc::new(StdCell::new(false));
            if let Some(el) = exposure.cast::<web_sys::Element>() {
                el.set_inner_html(&r.exposure);
            }
            if let Some(el) = holder.cast::<web_sys::Element>() {
                el.set_inner_html(&r.table);
                insert_rows(
                    el,
                    r.rows.iter().rev().cloned().collect(),
                    cancelled.clone(),
                );
            }
            move || cancelled.set(true)
        });
    }
    html! {
        <>
            <section class="exposure" aria-labelledby="exposure-heading" ref={exposure}></section>
            <div class="matrix-scroll" ref={holder}></div>
        </>
    }
}

/// Appends `rows` (last row first, so the next one pops off the end) to the table inside
/// `holder`, a slice now and the rest a frame later, until done or cancelled.
fn insert_rows(holder: web_sys::Element, mut rows: Vec<String>, cancelled: Rc<StdCell<bool>>) {
    let (Ok(Some(table)), Ok(Some(body))) = (
        holder.query_selector("table"),
        holder.query_selector("tbody"),
    ) else {
        return;
    };
    let mut chunk = String::new();
    while let Some(row) = rows.pop() {
        chunk.push_str(&row);
        if chunk.len() >= BYTES_PER_SLICE {
            break;
        }
    }
    let _ = body.insert_adjacent_html("beforeend", &chunk);
    if rows.is_empty() {
        let _ = table.remove_attribute("aria-busy");
        return;
    }
    let _ = table.set_attribute("aria-busy", "true");
    // The next slice once the browser has laid out and painted this one.
    let next = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || {
            if !cancelled.get() {
                insert_rows(holder, rows, cancelled);
            }
        })
        .forget();
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(next.unchecked_ref());
    }
}
