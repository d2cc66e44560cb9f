//! The Lesson panel: title, introduction, the checklist of objectives and constraints graded by
//! the engine on every change, hints one at a time, Start over and Leave; a dialog when
//! everything holds, with Next lesson along the built-in track.

use std::rc::Rc;
use yew::prelude::*;

use super::{on_escape, rich, start, start_scenario, Active, LessonContext};
use crate::lesson::{builtin, check_scenario};
use crate::ui::lang::{t, tf, use_lang, Lang};
use crate::ui::state::{Action, AppContext};

/// The panel, shown in lesson mode.
#[component]
pub fn LessonPanel() -> Html {
    let ctx = use_context::<LessonContext>().expect("lesson context");
    match &*ctx {
        Some(active) => html! { <Taking key={active.serial} active={active.clone()} /> },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct TakingProps {
    active: Rc<Active>,
}

/// One lesson being taken (keyed by its serial, so its hints start hidden).
#[component]
fn Taking(props: &TakingProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let ctx = use_context::<LessonContext>().expect("lesson context");
    let lang = use_lang();
    let active = props.active.clone();
    // Graded again when the language changes: the Korean reasons need the catalog that
    // choosing Korean fetches.
    let report = use_memo((app.scenario.clone(), active.clone(), lang), |(s, a, _)| {
        check_scenario(&a.lesson, s)
    });
    let passed = report.passed();
    {
        // Undo right after the lesson started brings the user's network back: lesson mode ends.
        let (ctx, active) = (ctx.clone(), active.clone());
        use_effect_with(app.scenario.clone(), move |s| {
            if active.undone(s) {
                ctx.set(None);
            }
        });
    }
    // The story is open on the lesson's starting network and folds away at the first edit.
    let start_net = use_memo(active.clone(), |a| start_scenario(&a.lesson));
    let untouched = *app.scenario == *start_net;
    let hints = use_state(|| 0usize);
    let done = use_state(|| false);
    {
        let done = done.clone();
        use_effect_with(passed, move |p| done.set(*p));
    }
    let focus = use_node_ref();
    {
        // Keyboard users land on the dialog's main choice.
        let focus = focus.clone();
        use_effect_with(*done, move |_| {
            if let Some(el) = focus.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let lesson = &active.lesson;
    let items = report.lines.iter().map(|l| {
        html! {
            <li class={classes!(if l.passed { "ok" } else { "bad" })}>
                <span class="mark" aria-hidden="true">{ if l.passed { "✓" } else { "✗" } }</span>
                <span>
                    <span class="sr-only">{ if l.passed { t(lang, "done") } else { t(lang, "not yet") } }{ ": " }</span>
                    { l.label.get(lang) }
                    if !l.passed {
                        <small class="muted">{ match lang {
                            // The grader words every reason in both languages.
                            Lang::Ko => l.reason_ko.as_str(),
                            Lang::En => l.reason.as_str(),
                        } }</small>
                    }
                </span>
            </li>
        }
    });
    let more_hint = {
        let hints = hints.clone();
        Callback::from(move |_: MouseEvent| hints.set(*hints + 1))
    };
    let over = {
        let (app, active) = (app.clone(), active.clone());
        Callback::from(move |_: MouseEvent| {
            crate::ui::view::fit_next();
            app.dispatch(Action::EditSelect(
                Rc::new(start_scenario(&active.lesson)),
                Vec::new(),
            ));
            app.dispatch(Action::Notify(
                t(
                    lang,
                    "The lesson starts over. Undo brings your changes back.",
                )
                .into(),
            ));
        })
    };
    let leave = {
        let (app, ctx) = (app.clone(), ctx.clone());
        Callback::from(move |_: MouseEvent| {
            ctx.set(None);
            app.dispatch(Action::Notify(
                t(
                    lang,
                    "You left the lesson. The network stays on the canvas.",
                )
                .into(),
            ));
        })
    };
    let left = lesson.hints.len().saturating_sub(*hints);
    // The success dialog: Keep exploring closes it, Next lesson goes on along the track.
    let keep = {
        let done = done.clone();
        Callback::from(move |()| done.set(false))
    };
    let go_next = active
        .builtin
        .map(|i| i + 1)
        .filter(|&i| i < builtin::all().len())
        .map(|i| {
            let (app, ctx) = (app.clone(), ctx.clone());
            Callback::from(move |_: MouseEvent| {
                let (app, ctx) = (app.clone(), ctx.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::ui::catalogue::lesson(i).await {
                        Ok(next) => start(&app, &ctx, lang, next, Some(i)),
                        Err(why) => app.dispatch(Action::Notify(why)),
                    }
                });
            })
        });
    html! {
        <section class="lesson panel" aria-labelledby="lesson-heading">
            <div class="lesson-head">
                <h2 id="lesson-heading" class="panel-heading">{ t(lang, "Lesson") }</h2>
                <p class="lesson-progress" role="status">
                    { tf(lang, "{} of {} done", &[&report.passed_count().to_string(), &report.lines.len().to_string()]) }
                </p>
            </div>
            <h3 class="lesson-title">{ lesson.title.get(lang) }</h3>
            <details class="lesson-about" open={untouched}>
                <summary>{ t(lang, "About this lesson") }</summary>
                <p class="lesson-intro">{ rich(lesson.intro.get(lang)) }</p>
            </details>
            <ul class="checklist" aria-label={t(lang, "Checklist")}>{ for items }</ul>
            if *hints > 0 {
                <ol class="lesson-hints" aria-label={t(lang, "Hints")}>
                    { for lesson.hints.iter().take(*hints).map(|h| html! { <li>{ rich(h.get(lang)) }</li> }) }
                </ol>
            }
            <div class="lesson-actions">
                if left > 0 {
                    <button type="button" class="tool small" onclick={more_hint}>
                        { if *hints == 0 { t(lang, "Show a hint") } else { t(lang, "Show another hint") } }
                    </button>
                }
                <button type="button" class="tool small" onclick={over}>{ t(lang, "Start over") }</button>
                <button type="button" class="tool small" onclick={leave}>{ t(lang, "Leave lesson") }</button>
            </div>
            if *done {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="success-title"
                        aria-describedby="success-text" onkeydown={on_escape(keep.clone())}>
                        <h2 id="success-title">{ t(lang, "Lesson complete") }</h2>
                        <p id="success-text">{ rich(lesson.success.get(lang)) }</p>
                        <div class="dialog-actions">
                            <button type="button" class={if go_next.is_some() { "tool" } else { "primary" }}
                                onclick={keep.reform(|_| ())}
                                ref={if go_next.is_none() { focus.clone() } else { NodeRef::default() }}>{ t(lang, "Keep exploring") }</button>
                            if let Some(onclick) = go_next {
                                <button type="button" class="primary" {onclick} ref={focus}>{ t(lang, "Next lesson") }</button>
                            }
                        </div>
                    </div>
                </div>
            }
        </section>
    }
}
