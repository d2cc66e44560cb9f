//! The reachability view: who reaches whom on the chosen ports, as a table with a row per source
//! and a column per destination. Endpoints that behave alike (same subnet, groups, role and
//! address range: the engine's classes) share a row, so large scenarios stay readable.
//!
//! The matrix is recomputed whenever the scenario or the ports change, a slice at a time
//! ([`MatrixJob::step`] within a few milliseconds per frame) with a progress bar, so a large
//! scenario never freezes the page.

use std::cell::Cell as StdCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::lang::{t, tf, use_lang, Lang};
use super::state::AppContext;
use crate::edit::find::name_of;
use crate::engine::explain::cell_words;
use crate::engine::matrix::{Matrix, MatrixJob, Probe, Progress};
use crate::engine::{FlowSpec, Network, Verdict};
use crate::flows::PRESETS;
use crate::model::Scenario;

/// Time spent tracing per slice, in milliseconds.
const SLICE_MS: f64 = 8.0;
/// Flows traced between two looks at the clock.
const BATCH: usize = 8;
/// Members named in a row or column header before "+N".
const NAMED: usize = 2;

/// Where the computation stands.
#[derive(Clone, PartialEq)]
enum Status {
    Running(Progress),
    Done(Rc<MatrixView>),
}

/// A finished matrix, by class.
struct MatrixView {
    matrix: Matrix,
    /// For each class: the index of its first endpoint, and the names of its members.
    classes: Vec<(usize, Vec<String>)>,
}

impl PartialEq for MatrixView {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl MatrixView {
    fn new(matrix: Matrix) -> Self {
        let mut classes: Vec<(usize, Vec<String>)> = vec![(0, Vec::new()); matrix.classes];
        for (i, e) in matrix.endpoints.iter().enumerate() {
            let c = &mut classes[e.class];
            if c.1.is_empty() {
                c.0 = i;
            }
            c.1.push(e.name.clone());
        }
        MatrixView { matrix, classes }
    }
}

/// Milliseconds on the page's clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs a [`MatrixJob`] a slice per timer tick until done or cancelled.
fn run_job(
    scenario: Rc<Scenario>,
    mut job: MatrixJob,
    cancelled: Rc<StdCell<bool>>,
    status: UseStateHandle<Status>,
) {
    gloo::timers::callback::Timeout::new(0, move || {
        if cancelled.get() {
            return;
        }
        let net = Network::new(&scenario);
        let start = now();
        let mut progress = job.progress();
        while !progress.is_done() && now() - start < SLICE_MS {
            progress = job.step(&net, BATCH);
        }
        if progress.is_done() {
            status.set(Status::Done(Rc::new(MatrixView::new(job.finish()))));
        } else {
            status.set(Status::Running(progress));
            run_job(scenario.clone(), job, cancelled, status);
        }
    })
    .forget();
}

/// The reachability view.
/// Properties of [`Reachability`].
#[derive(Properties, PartialEq)]
pub struct ReachabilityProps {
    /// Sends a flow to the traffic panel (a cell's mark opens its trace).
    pub on_flow: Callback<FlowSpec>,
}

#[component]
pub fn Reachability(props: &ReachabilityProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("inside the app state");
    // A port or range typed in, and why it does not read.
    let custom = use_state(String::new);
    let custom_error = use_state(|| None::<String>);
    let probes = use_state(|| {
        ["443", "22", "5432"]
            .iter()
            .filter_map(|p| p.parse::<Probe>().ok())
            .collect::<Vec<_>>()
    });
    let status = use_state(|| Status::Running(Progress { done: 0, total: 0 }));
    {
        let status = status.clone();
        let scenario = app.scenario.clone();
        let key = (Rc::as_ptr(&scenario) as usize, (*probes).clone());
        use_effect_with(key, move |(_, probes)| {
            let cancelled = Rc::new(StdCell::new(false));
            let net = Network::new(&scenario);
            let job = MatrixJob::new(&net, probes);
            drop(net);
            status.set(Status::Running(job.progress()));
            run_job(scenario.clone(), job, cancelled.clone(), status);
            move || cancelled.set(true)
        });
    }
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
            let probes = probes.clone();
            Callback::from(move |_| {
                let mut next = (*probes).clone();
                if let Some(i) = next.iter().position(|p| *p == probe) {
                    next.remove(i);
                } else {
                    next.push(probe);
                }
                probes.set(next);
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
        let (custom, custom_error, probes) = (custom.clone(), custom_error.clone(), probes.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match custom.parse::<Probe>() {
                Ok(p) if p.port != Some(0) => {
                    if !probes.contains(&p) {
                        let mut next = (*probes).clone();
                        next.push(p);
                        probes.set(next);
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
    // A cell's mark opens that flow's trace in the traffic panel.
    let on_cell = {
        let on_flow = props.on_flow.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let Some(mark) = el.closest("[data-probe]").ok().flatten() else {
                return;
            };
            let attr = |sel: &str, a: &str| {
                mark.closest(sel)
                    .ok()
                    .flatten()
                    .and_then(|e| e.get_attribute(a))
                    .unwrap_or_default()
            };
            if let Ok(p) = attr("[data-probe]", "data-probe").parse::<Probe>() {
                on_flow.emit(FlowSpec {
                    from: attr("tr", "data-from"),
                    to: attr("td", "data-to"),
                    protocol: p.protocol,
                    port: p.port,
                    src_port: None,
                    ipv6: false,
                });
            }
        })
    };
    let body = match &*status {
        _ if probes.is_empty() => {
            html! { <p class="muted">{ t(lang, "Pick at least one port above.") }</p> }
        }
        Status::Running(p) => html! {
            <div class="matrix-progress">
                <label for="matrix-progress">{ t(lang, "Computing reachability") }</label>
                <progress id="matrix-progress" max={p.total.max(1).to_string()}
                    value={p.done.to_string()}></progress>
            </div>
        },
        Status::Done(view) if view.matrix.endpoints.is_empty() => {
            html! { <p class="muted">{ t(lang, "Add instances, databases, load balancers or internet hosts to see who reaches whom.") }</p> }
        }
        Status::Done(view) => {
            // The marks are spans with the button role (a table of real buttons lays out too
            // slowly in a large scenario): Enter and Space open them as a click does.
            let on_key = {
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        if let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() {
                            e.prevent_default();
                            el.click();
                        }
                    }
                })
            };
            html! {
                <div onclick={on_cell} onkeydown={on_key}><MatrixTable view={view.clone()} {lang} /></div>
            }
        }
    };
    let invalid = custom_error.is_some();
    html! {
        <div class="reachability">
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

fn header_name(names: &[String], lang: Lang) -> String {
    let mut s = names
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMED {
        s.push(' ');
        s.push_str(&tf(lang, "+{} more", &[&(names.len() - NAMED).to_string()]));
    }
    s
}

/// `text` with the characters that mean something in HTML escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Marks inserted per slice: a large matrix goes into the page a few rows per frame, so parsing
/// and laying it out never blocks the page for long.
const MARKS_PER_SLICE: usize = 240;

/// The matrix as HTML: the table's opening (caption and column headers) and its rows, each with
/// its number of marks. A large matrix has thousands of marks, and the browser parses markup far
/// faster than a virtual DOM builds them one by one. The row carries its source (`data-from`),
/// the cell its destination (`data-to`), the mark its probe.
fn table_html(
    view: &MatrixView,
    scenario: &Scenario,
    lang: Lang,
) -> (String, Vec<(String, usize)>) {
    use std::fmt::Write;
    let m = &view.matrix;
    let mut h = String::new();
    let _ = write!(
        h,
        "<table class=\"matrix\"><caption>{}</caption><thead><tr><th scope=\"col\" class=\"corner\">{}</th>",
        escape(t(
            lang,
            "Who reaches whom: rows are sources, columns destinations"
        )),
        escape(t(lang, "From \\ To"))
    );
    for (_, names) in &view.classes {
        let _ = write!(
            h,
            "<th scope=\"col\" title=\"{}\">{}</th>",
            escape(&names.join(", ")),
            escape(&header_name(names, lang))
        );
    }
    h.push_str("</tr></thead><tbody></tbody></table>");
    let mut rows = Vec::with_capacity(view.classes.len());
    for (a, (ea, names)) in view.classes.iter().enumerate() {
        let mut r = String::new();
        let mut marks = 0;
        let _ = write!(
            r,
            "<tr data-from=\"{}\"><th scope=\"row\" title=\"{}\">{}</th>",
            escape(&m.endpoints[*ea].id),
            escape(&names.join(", ")),
            escape(&header_name(names, lang))
        );
        for (b, (eb, _)) in view.classes.iter().enumerate() {
            // Within a class: two members, if there are two.
            let pair = if a == b {
                m.endpoints
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.class == a)
                    .nth(1)
                    .map(|(second, _)| (*ea, second))
            } else {
                Some((*ea, *eb))
            };
            let Some((from, to)) = pair else {
                let _ = write!(r, "<td class=\"self\">{}</td>", escape(t(lang, "itself")));
                continue;
            };
            let _ = write!(r, "<td data-to=\"{}\">", escape(&m.endpoints[to].id));
            let mut why: Vec<(String, Vec<String>)> = Vec::new();
            for (p, probe) in m.probes.iter().enumerate() {
                marks += 1;
                let (tone, words, code) = match m.get(from, to, p) {
                    Some(c) => {
                        let by = c.blocked_by.as_deref().map(|id| name_of(scenario, id));
                        let tone = match c.verdict {
                            Verdict::Established => "ok",
                            Verdict::DependsOnSourcePort => "partial",
                            _ => "bad",
                        };
                        (
                            tone,
                            cell_words(c.verdict, by.as_deref(), lang),
                            Some(c.verdict),
                        )
                    }
                    None => ("none", t(lang, "not traced").to_string(), None),
                };
                // The English tooltip adds the verdict's stable code, as the CLI prints it.
                let title = match (code, lang) {
                    (Some(v), Lang::En) if !v.is_established() => format!("{words} ({v})"),
                    _ => words.clone(),
                };
                if tone == "bad" || tone == "partial" {
                    match why.iter_mut().find(|(w, _)| *w == words) {
                        Some((_, probes)) => probes.push(probe.to_string()),
                        None => why.push((words.clone(), vec![probe.to_string()])),
                    }
                }
                let _ = write!(
                    r,
                    "<span role=\"button\" tabindex=\"0\" class=\"mark {tone}\" data-probe=\"{probe}\" title=\"{probe}: {}\" aria-label=\"{} → {} {probe}: {}\">{probe}</span>",
                    escape(&title),
                    escape(&m.endpoints[from].name),
                    escape(&m.endpoints[to].name),
                    escape(&words)
                );
            }
            // Why, in words, once per reason: "22, 5432: db-sg blocks", or only the words when
            // every port of the cell stops for the same reason.
            for (words, probes) in &why {
                let _ = if probes.len() == m.probes.len() {
                    write!(r, "<i aria-hidden=\"true\">{}</i>", escape(words))
                } else {
                    write!(
                        r,
                        "<i aria-hidden=\"true\">{}: {}</i>",
                        escape(&probes.join(", ")),
                        escape(words)
                    )
                };
            }
            r.push_str("</td>");
        }
        r.push_str("</tr>");
        rows.push((r, marks));
    }
    (h, rows)
}

/// Properties of [`MatrixTable`].
#[derive(Properties, PartialEq)]
struct MatrixTableProps {
    view: Rc<MatrixView>,
    lang: Lang,
}

/// The finished matrix, put into the page a slice of rows per frame (see [`MARKS_PER_SLICE`]);
/// the table says `aria-busy` until its last row is in.
#[component]
fn MatrixTable(props: &MatrixTableProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let holder = use_node_ref();
    {
        let holder = holder.clone();
        let scenario = app.scenario.clone();
        use_effect_with((props.view.clone(), props.lang), move |(view, lang)| {
            let cancelled = Rc::new(StdCell::new(false));
            if let Some(el) = holder.cast::<web_sys::Element>() {
                let (shell, rows) = table_html(view, &scenario, *lang);
                el.set_inner_html(&shell);
                insert_rows(el, rows.into_iter().rev().collect(), cancelled.clone());
            }
            move || cancelled.set(true)
        });
    }
    html! { <div class="matrix-scroll" ref={holder}></div> }
}

/// Appends `rows` (last row first, so the next one pops off the end) to the table inside
/// `holder`, a slice now and the rest a frame later, until done or cancelled.
fn insert_rows(
    holder: web_sys::Element,
    mut rows: Vec<(String, usize)>,
    cancelled: Rc<StdCell<bool>>,
) {
    let (Ok(Some(table)), Ok(Some(body))) = (
        holder.query_selector("table"),
        holder.query_selector("tbody"),
    ) else {
        return;
    };
    let mut chunk = String::new();
    let mut marks = 0;
    while let Some((row, n)) = rows.pop() {
        chunk.push_str(&row);
        marks += n;
        if marks >= MARKS_PER_SLICE {
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
