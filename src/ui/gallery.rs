//! The template gallery: one card per built-in template (fetched when the gallery opens) with
//! its name, a short description and a small picture of its layout; Open replaces the canvas (the current work is kept as a
//! backup and Undo brings it back).

use std::rc::Rc;

use yew::prelude::*;

use super::catalogue::{self, use_fetched};
use super::dialog::{ConfirmDialog, Dialog};
use super::lang::{t, tf, use_lang};
use super::replace::{display_name, replace_scenario};
use super::state::AppContext;
use crate::model::Scenario;
use crate::templates::{self, Template};

/// A small drawing of a scenario's layout: containers as outlines, other parts as dots.
fn preview(s: &Scenario) -> Html {
    // A template has a few dozen parts: looking ids up in the lists costs nothing, and keeps a
    // set of `&str` (one more copy of the B-tree code) out of the bundle.
    let is_vpc = |id: &str| s.vpcs.iter().any(|v| v.id == id);
    let is_container = |id: &str| is_vpc(id) || s.subnets.iter().any(|v| v.id == id);
    let is_data = |id: &str| s.databases.iter().any(|v| v.id == id);
    let ids = templates::drawn_parts(s);
    let rects: Vec<(&str, crate::model::Rect)> = ids
        .iter()
        .filter_map(|id| s.layout.get(id).map(|r| (id.as_str(), *r)))
        .collect();
    const DOT: f64 = 44.0;
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (_, r) in &rects {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w.max(DOT));
        y1 = y1.max(r.y + r.h.max(DOT));
    }
    if rects.is_empty() {
        return html! {};
    }
    let pad = 20.0;
    let view_box = format!(
        "{} {} {} {}",
        x0 - pad,
        y0 - pad,
        x1 - x0 + 2.0 * pad,
        y1 - y0 + 2.0 * pad
    );
    let shapes = rects.iter().map(|(id, r)| {
        if is_container(id) {
            let class = if is_vpc(id) { "pv-vpc" } else { "pv-subnet" };
            html! { <rect class={class} x={r.x.to_string()} y={r.y.to_string()}
            width={r.w.to_string()} height={r.h.to_string()} rx="10" /> }
        } else {
            let class = if is_data(id) { "pv-data" } else { "pv-node" };
            html! { <rect class={class} x={r.x.to_string()} y={r.y.to_string()}
            width={DOT.to_string()} height={DOT.to_string()} rx="10" /> }
        }
    });
    html! {
        <svg class="template-preview" viewBox={view_box} preserveAspectRatio="xMidYMid meet"
            aria-hidden="true">
            { for shapes }
        </svg>
    }
}

/// Properties of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// Closes the gallery.
    pub on_close: Callback<()>,
}

/// The template gallery dialog.
#[component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let confirm = use_state(|| None::<&'static Template>);
    let lang = use_lang();
    let fetched = use_fetched(catalogue::templates);
    let scenario_of = |tpl: &Template| -> Option<Rc<Scenario>> {
        match &fetched {
            Some(Ok(all)) => all
                .iter()
                .find(|(t, _)| t.id == tpl.id)
                .map(|(_, s)| s.clone()),
            _ => None,
        }
    };
    let open = |tpl: &'static Template, s: Rc<Scenario>| {
        let (app, close) = (app.clone(), props.on_close.clone());
        move || {
            replace_scenario(
                &app,
                lang,
                (*s).clone(),
                &tf(lang, "the template “{}”", &[tpl.shown(lang, &s).0]),
            );
            close.emit(());
        }
    };
    let loaded: Vec<(&'static Template, Rc<Scenario>)> = match &fetched {
        Some(Ok(all)) => all.to_vec(),
        _ => Vec::new(),
    };
    let status = match &fetched {
        None => html! { <p class="muted" role="status">{ t(lang, "Loading the templates…") }</p> },
        Some(Err(why)) => html! { <p class="import-error" role="alert">{ why }</p> },
        Some(Ok(_)) => html! {},
    };
    let cards = loaded.into_iter().map(|(tpl, s)| {
        let onclick = {
            let (app, confirm) = (app.clone(), confirm.clone());
            let go = open(tpl, s.clone());
            Callback::from(move |_: MouseEvent| {
                if *app.scenario == Scenario::new() {
                    go();
                } else {
                    confirm.set(Some(tpl));
                }
            })
        };
        let title_id = format!("tpl-{}", tpl.id);
        let (name, description) = tpl.shown(lang, &s);
        html! {
            <li class="template-card" aria-labelledby={title_id.clone()}>
                { preview(&s) }
                <h3 id={title_id}>{ name }</h3>
                <p class="template-desc">{ description }</p>
                <button type="button" class="primary" {onclick}
                    aria-label={tf(lang, "Open {}", &[name])}>{ t(lang, "Open") }</button>
            </li>
        }
    });
    let ask = match *confirm {
        Some(tpl) => {
            let chosen = scenario_of(tpl).unwrap_or_default();
            let title = tf(lang, "Open “{}”?", &[tpl.shown(lang, &chosen).0]);
            let go = open(tpl, chosen);
            let yes = Callback::from(move |_: ()| go());
            let no = {
                let confirm = confirm.clone();
                Callback::from(move |_: ()| confirm.set(None))
            };
            html! {
                <ConfirmDialog id="replace-dialog" {title}
                    lead={tf(lang, "This replaces {} on the canvas. Your current work is kept: Undo, or Files › Restore previous work, brings it back.", &[&display_name(&app.scenario, lang)])}
                    yes_label={t(lang, "Open the template")} on_yes={yes} on_no={no} />
            }
        }
        None => html! {},
    };
    html! {
        <>
            <Dialog id="templates-dialog" title={t(lang, "Templates")} class="wide" on_close={props.on_close.clone()}>
                <p class="dialog-lead">{ t(lang, "Classic AWS architectures, ready to trace. Open one, then send traffic from the panel below the canvas.") }</p>
                { status }
                <ul class="template-grid">{ for cards }</ul>
            </Dialog>
            { ask }
        </>
    }
}
