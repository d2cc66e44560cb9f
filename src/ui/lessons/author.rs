//! "Make a lesson": the scenario on the canvas becomes a lesson's start. The author gives it a
//! title, an introduction, objectives (a flow between two parts that must be established or
//! blocked), hints and a success text; then copies a lesson link or tries it at once.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{on_escape, start, use_autofocus, LessonContext};
use crate::edit::find::name_of;
use crate::lesson::{
    from_json, link::fragment, Expect, FlowGoal, Lesson, Objective, Text, LESSON_VERSION,
};
use crate::model::{Protocol, Scenario};
use crate::ui::lang::{t, tf, use_lang, Lang};
use crate::ui::state::AppContext;
use crate::ui::traffic::endpoints;

/// What the author form may ask of its owner.
#[derive(Properties, PartialEq)]
pub struct AuthorProps {
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// The value of the form control with id `id` (an input, textarea or select).
fn value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
        .unwrap_or_default()
}

/// A labelled control.
fn field(id: &'static str, label: &str, control: Html) -> Html {
    html! { <div class="field"><label for={id}>{ label }</label>{ control }</div> }
}

/// "laptop reaches web on tcp/80" in `lang`.
fn goal_label(lang: Lang, s: &Scenario, g: &FlowGoal, blocked: bool) -> String {
    let what = match g.port {
        Some(p) => format!("{}/{p}", g.protocol),
        None => g.protocol.to_string(),
    };
    let args: [&str; 3] = [&name_of(s, &g.from), &name_of(s, &g.to), &what];
    if blocked {
        tf(lang, "{} cannot reach {} on {}", &args)
    } else {
        tf(lang, "{} reaches {} on {}", &args)
    }
}

/// Copies `text` to the clipboard and says how it went in `msg`.
fn copy(text: &str, msg: &UseStateHandle<String>, lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let said = |m: &UseStateHandle<String>, text: &'static str| {
        let m = m.clone();
        Closure::once(move |_: JsValue| m.set(text.into()))
    };
    let ok = said(
        msg,
        t(
            lang,
            "Lesson link copied. Anyone who opens it gets this lesson.",
        ),
    );
    let no = said(
        msg,
        t(
            lang,
            "The browser did not let the page copy: select the link below and copy it.",
        ),
    );
    let _ = window
        .navigator()
        .clipboard()
        .write_text(text)
        .then2(&ok, &no);
    ok.forget();
    no.forget();
}

/// The author form.
#[component]
pub fn Author(props: &AuthorProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let ctx = use_context::<LessonContext>().expect("lesson context");
    let lang = use_lang();
    // A lesson is written in both languages: the Korean texts are fetched when the form opens.
    use_effect_with((), |_| {
        wasm_bindgen_futures::spawn_local(async {
            if let Err(why) = crate::ui::ko::load().await {
                gloo::console::warn!(why);
            }
        })
    });
    let s = app.scenario.clone();
    let parts = endpoints(&s);
    let goals = use_state(Vec::<Objective>::new);
    let msg = use_state(String::new);
    let link = use_state(String::new);
    let focus = use_autofocus();

    let add = {
        let (s, goals, msg) = (s.clone(), goals.clone(), msg.clone());
        Callback::from(move |_: MouseEvent| {
            let (from, to) = (value("goal-from"), value("goal-to"));
            let proto: Protocol = value("goal-protocol").parse().unwrap_or(Protocol::Tcp);
            let port = match proto {
                Protocol::Tcp | Protocol::Udp => match value("goal-port").trim() {
                    "" => Some(80),
                    p => match p.parse::<u16>() {
                        Ok(p) if p > 0 => Some(p),
                        _ => {
                            msg.set(t(lang, "Give a port from 1 to 65535.").into());
                            return;
                        }
                    },
                },
                _ => None,
            };
            if from.is_empty() || to.is_empty() || from == to {
                msg.set(t(lang, "Choose two different parts in From and To.").into());
                return;
            }
            let goal = FlowGoal {
                from,
                to,
                protocol: proto,
                port,
                through: None,
                ipv6: false,
            };
            let blocked = value("goal-expect") == "blocked";
            let mut list = (*goals).clone();
            list.push(Objective {
                // Without the Korean texts (their fetch failed) the label is English only.
                label: Text::new(
                    goal_label(Lang::En, &s, &goal, blocked),
                    if crate::i18n::catalog::installed() {
                        goal_label(Lang::Ko, &s, &goal, blocked)
                    } else {
                        String::new()
                    },
                ),
                flow: Some(goal),
                expect: Some(if blocked {
                    Expect::Blocked
                } else {
                    Expect::Established
                }),
                only_from: None,
            });
            goals.set(list);
            msg.set(String::new());
        })
    };

    // The lesson as written so far, read back as a link would be (so what is tried is what is
    // shared), or what is missing.
    let build = {
        let (s, goals) = (s.clone(), goals.clone());
        move || -> Result<Lesson, String> {
            let (title, hints, success) = (
                value("lesson-title"),
                value("lesson-hints"),
                value("lesson-success"),
            );
            let name = title.trim();
            if name.is_empty() {
                return Err(t(lang, "Give the lesson a title.").into());
            }
            if goals.is_empty() {
                return Err(t(lang, "Add at least one objective.").into());
            }
            let id: String = name
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let done = "Well done: every objective holds.";
            let lesson = Lesson {
                version: LESSON_VERSION,
                id: if id.is_empty() {
                    "my-lesson".into()
                } else {
                    id
                },
                title: Text::new(name, ""),
                intro: Text::new(value("lesson-intro").trim(), ""),
                scenario: (*s).clone(),
                objectives: (*goals).clone(),
                constraints: Vec::new(),
                hints: hints
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| Text::new(l, ""))
                    .collect(),
                success: match success.trim() {
                    "" => Text::new(t(Lang::En, done), t(Lang::Ko, done)),
                    text => Text::new(text, ""),
                },
                solution: None,
            };
            let json = serde_json::to_string(&lesson).unwrap_or_default();
            from_json(&json).map_err(|e| e.to_string())
        }
    };
    let copy_link = {
        let (build, msg, link) = (build.clone(), msg.clone(), link.clone());
        Callback::from(move |_: MouseEvent| match build() {
            Ok(lesson) => {
                let (msg, link) = (msg.clone(), link.clone());
                msg.set(t(lang, "Making the link…").into());
                wasm_bindgen_futures::spawn_local(async move {
                    let json = serde_json::to_string(&lesson).unwrap_or_default();
                    match crate::ui::importer::pack(json).await {
                        Ok(payload) => {
                            let url =
                                format!("{}#{}", crate::ui::share::page_base(), fragment(&payload));
                            copy(&url, &msg, lang);
                            link.set(url);
                        }
                        Err(why) => msg.set(tf(lang, "The link could not be made: {}", &[&why])),
                    }
                });
            }
            Err(why) => msg.set(why),
        })
    };
    let try_it = {
        let (app, ctx, msg, close) = (
            app.clone(),
            ctx.clone(),
            msg.clone(),
            props.on_close.clone(),
        );
        Callback::from(move |_: MouseEvent| match build() {
            Ok(lesson) => {
                close.emit(());
                start(&app, &ctx, lang, lesson, None);
            }
            Err(why) => msg.set(why),
        })
    };
    let close = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let options = |pick: usize| {
        parts
            .iter()
            .enumerate()
            .map(|(i, (id, label))| html! { <option value={id.clone()} selected={i == pick}>{ label }</option> })
            .collect::<Html>()
    };
    let listed = goals.iter().enumerate().map(|(i, o)| {
        let remove = {
            let goals = goals.clone();
            Callback::from(move |_: MouseEvent| {
                let mut list = (*goals).clone();
                list.remove(i);
                goals.set(list);
            })
        };
        let label = o.label.get(lang).to_string();
        html! {
            <li>
                <span>{ &label }</span>
                <button type="button" class="icon-btn" onclick={remove}
                    aria-label={tf(lang, "Remove objective: {}", &[&label])}>{ "×" }</button>
            </li>
        }
    });
    html! {
        <div class="dialog-backdrop">
            <div class="dialog wide" role="dialog" aria-modal="true" aria-labelledby="author-title"
                onkeydown={on_escape(props.on_close.clone())}>
                <h2 id="author-title">{ t(lang, "Make a lesson") }</h2>
                <p class="muted">{ t(lang, "The lesson starts from the network on the canvas now.") }</p>
                <div class="field">
                    <label for="lesson-title">{ t(lang, "Title") }</label>
                    <input id="lesson-title" ref={focus} />
                </div>
                { field("lesson-intro", t(lang, "Introduction"), html! {
                    <textarea id="lesson-intro" rows="2" />
                }) }
                <fieldset class="goal-form">
                    <legend>{ t(lang, "Objectives") }</legend>
                    if goals.is_empty() {
                        <p class="muted small">{ t(lang, "None yet: pick a flow and what should happen to it.") }</p>
                    } else {
                        <ul class="goal-list">{ for listed }</ul>
                    }
                    <div class="goal-row">
                        { field("goal-from", t(lang, "From"), html! {
                            <select id="goal-from">{ options(0) }</select>
                        }) }
                        { field("goal-to", t(lang, "To"), html! {
                            <select id="goal-to">{ options(1) }</select>
                        }) }
                        { field("goal-protocol", t(lang, "Protocol"), html! {
                            <select id="goal-protocol">
                                <option selected=true>{ "tcp" }</option><option>{ "udp" }</option><option>{ "icmp" }</option>
                            </select>
                        }) }
                        { field("goal-port", t(lang, "Port"), html! {
                            <input id="goal-port" inputmode="numeric" placeholder="80" />
                        }) }
                        { field("goal-expect", t(lang, "Expect"), html! {
                            <select id="goal-expect">
                                <option value="established" selected=true>{ t(lang, "established") }</option>
                                <option value="blocked">{ t(lang, "blocked") }</option>
                            </select>
                        }) }
                        <button type="button" class="tool" onclick={add}>{ t(lang, "Add objective") }</button>
                    </div>
                </fieldset>
                <div class="goal-row">
                    { field("lesson-hints", t(lang, "Hints, one per line"), html! {
                        <textarea id="lesson-hints" rows="2" />
                    }) }
                    { field("lesson-success", t(lang, "Success message"), html! {
                        <textarea id="lesson-success" rows="2" placeholder={t(lang, "Well done: every objective holds.")} />
                    }) }
                </div>
                <p class="lesson-msg" role="status">{ &*msg }</p>
                if !link.is_empty() {
                    { field("lesson-link", t(lang, "Lesson link"), html! {
                        <input id="lesson-link" readonly=true value={(*link).clone()}
                            onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())} />
                    }) }
                }
                <div class="dialog-actions">
                    <button type="button" class="tool" onclick={close}>{ t(lang, "Close") }</button>
                    <button type="button" class="tool" onclick={try_it}>{ t(lang, "Try it") }</button>
                    <button type="button" class="primary" onclick={copy_link}>{ t(lang, "Copy lesson link") }</button>
                </div>
            </div>
        </div>
    }
}
