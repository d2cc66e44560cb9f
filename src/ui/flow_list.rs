//! The flow list of the traffic panel: every flow shown on the canvas, newest first, each with
//! its colour, its name in words, its verdict in the engine's words and buttons to open it again
//! or remove it; beside it, a legend of what the canvas draws.

use std::rc::Rc;

use yew::prelude::*;

use super::lang::{t, tf, use_lang, Lang};
use super::packets::COLOURS;
use crate::engine::FlowSpec;

/// One flow of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRow {
    /// The flow.
    pub spec: FlowSpec,
    /// Its colour on the canvas (see [`super::packets::Shown::colour`]).
    pub colour: usize,
    /// Its name in words ([`crate::flows::flow_name`]).
    pub name: String,
    /// How it ended, in English and in Korean ([`crate::flows::short_verdict`]).
    pub verdict: (String, String),
    /// Whether it was established.
    pub ok: bool,
    /// Whether it is the current flow (the one the verdict line and hop list are about).
    pub current: bool,
}

/// Props of [`FlowList`].
#[derive(Properties, PartialEq)]
pub struct FlowListProps {
    /// The flows, newest first.
    pub rows: Rc<Vec<FlowRow>>,
    /// Whether the list holds as many flows as it keeps.
    pub full: bool,
    /// Most flows kept.
    pub max: usize,
    /// Opens a flow again: it becomes the current one.
    pub on_open: Callback<FlowSpec>,
    /// Removes a flow from the list and the canvas.
    pub on_remove: Callback<FlowSpec>,
    /// Removes every flow.
    pub on_clear: Callback<()>,
}

/// A short piece of a flow's line, in its colour, drawn with the canvas's own classes.
fn swatch(colour: usize, current: bool) -> Html {
    html! {
        <svg class="flow-swatch" viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">
            <g class="flow-keys">
                <g class={classes!("flow", format!("c{}", colour % COLOURS), current.then_some("current"))}>
                    <path class="trail" d="M2 6 L26 6" />
                    <circle class="packet" cx="20" cy="6" r={if current { "4.5" } else { "4" }} />
                </g>
            </g>
        </svg>
    }
}

/// One row: swatch, name (opens the flow), verdict, remove button.
fn row(
    lang: Lang,
    r: &FlowRow,
    on_open: &Callback<FlowSpec>,
    on_remove: &Callback<FlowSpec>,
) -> Html {
    let emit = |c: &Callback<FlowSpec>| {
        let (c, spec) = (c.clone(), r.spec.clone());
        Callback::from(move |_: MouseEvent| c.emit(spec.clone()))
    };
    let verdict = match lang {
        Lang::Ko => &r.verdict.1,
        Lang::En => &r.verdict.0,
    };
    html! {
        <li class={classes!("flow-row", r.current.then_some("current"))}
            aria-current={r.current.then_some("true")}>
            { swatch(r.colour, r.current) }
            <button type="button" class="flow-open" onclick={emit(on_open)}
                title={t(lang, "Open this flow again")}>{ &r.name }</button>
            <span class={classes!("flow-verdict", if r.ok { "ok" } else { "bad" })}>{ verdict }</span>
            <button type="button" class="flow-remove" onclick={emit(on_remove)}
                aria-label={tf(lang, "Remove {}", &[&r.name])} title={t(lang, "Remove from the list and the canvas")}>
                <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path d="M4 4L12 12M12 4L4 12" /></svg>
            </button>
        </li>
    }
}

/// What the canvas draws, with a small sample of each.
fn legend(lang: Lang) -> Html {
    let item = |sample: Html, text: &'static str| {
        html! {
            <li>
                <svg class="legend-sample" viewBox="0 0 28 16" width="28" height="16" aria-hidden="true">
                    <g class="flow-keys">{ sample }</g>
                </svg>
                <span>{ text }</span>
            </li>
        }
    };
    let line = |current: bool| {
        html! {
            <g class={classes!("flow", "c2", current.then_some("current"))}>
                <path class="trail" d="M2 8 L26 8" />
                <circle class="packet" cx="18" cy="8" r={if current { "5" } else { "3.5" }} />
            </g>
        }
    };
    let dot = |tone: &'static str| {
        html! { <circle class={classes!("hop", tone)} cx="14" cy="8" r="4.5" /> }
    };
    let stopped = html! {
        <g class="stopped">
            <rect class="stopped-outline" x="2" y="5" width="17" height="9" rx="3" />
            <g transform="translate(21 5.5)"><circle r="4.5" /><path d="M-1.8 -1.8L1.8 1.8M1.8 -1.8L-1.8 1.8" /></g>
        </g>
    };
    html! {
        <section class="flow-legend" aria-labelledby="flow-legend-heading">
            <h3 id="flow-legend-heading">{ t(lang, "On the canvas") }</h3>
            <ul>
                { item(line(true), t(lang, "Each flow is a dashed line in its own colour, the colour of its swatch in the list; its packet goes to the destination and back.")) }
                { item(line(false), t(lang, "Earlier flows are paler, with a smaller packet; the current one is drawn on top.")) }
                { item(dot("ok"), t(lang, "Green dot: a hop of the current flow that let the packet through.")) }
                { item(dot("bad"), t(lang, "Red dot: the hop that stopped it.")) }
                { item(stopped, t(lang, "Red outline with ✕: the part where the current flow was stopped. An earlier flow's line ends there.")) }
            </ul>
        </section>
    }
}

/// The flows sent, newest first, and the legend of the canvas; nothing before the first flow.
#[component]
pub fn FlowList(props: &FlowListProps) -> Html {
    let lang = use_lang();
    if props.rows.is_empty() {
        return Html::default();
    }
    let clear = {
        let c = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let count = tf(
        lang,
        "{} of {}",
        &[&props.rows.len().to_string(), &props.max.to_string()],
    );
    html! {
        <div class="flow-board">
            <section class="flow-list" aria-labelledby="flow-list-heading">
                <div class="flow-list-head">
                    <h3 id="flow-list-heading">{ t(lang, "Flows") }</h3>
                    <span class="flow-count">{ count }</span>
                    <button type="button" class="secondary small" onclick={clear}>{ t(lang, "Clear flows") }</button>
                </div>
                <ol aria-label={t(lang, "Flows")}>
                    { for props.rows.iter().map(|r| row(lang, r, &props.on_open, &props.on_remove)) }
                </ol>
                if props.full {
                    <p class="flow-cap" role="note">{ tf(lang, "The list keeps the last {} flows: sending another clears the oldest one.", &[&props.max.to_string()]) }</p>
                }
            </section>
            { legend(lang) }
        </div>
    }
}
