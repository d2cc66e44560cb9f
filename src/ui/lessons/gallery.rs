//! The Lessons dialog: the built-in track in order, each with its title and the start of its
//! introduction (fetched when the dialog opens). Choosing one loads it; "Make a lesson" opens the author form.

use std::rc::Rc;

use yew::prelude::*;

use super::{on_escape, rich, start, LessonContext};
use crate::lesson::Lesson;
use crate::model::Scenario;
use crate::ui::catalogue::{self, use_fetched};
use crate::ui::dialog::ConfirmDialog;
use crate::ui::lang::{t, tf, use_lang};
use crate::ui::replace::display_name;
use crate::ui::state::AppContext;

/// What the gallery may ask of its owner.
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// Close the dialog.
    pub on_close: Callback<()>,
    /// Close it and open the author form.
    pub on_author: Callback<()>,
}

/// The first sentence of `text` (up to about 160 characters).
pub fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let cut: String = text[..end].chars().take(160).collect();
    if cut.len() < end {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The Lessons dialog.
#[component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let ctx = use_context::<LessonContext>().expect("lesson context");
    let lang = use_lang();
    let fetched = use_fetched(catalogue::lessons);
    let lessons: Rc<Vec<Lesson>> = match &fetched {
        Some(Ok(l)) => l.clone(),
        _ => Rc::default(),
    };
    let first = use_node_ref();
    let dialog = use_node_ref();
    {
        // The focus moves into the dialog at once, and to the first lesson once the list is in.
        let (first, dialog) = (first.clone(), dialog.clone());
        use_effect_with(lessons.len(), move |_| {
            if let Some(el) = first
                .cast::<web_sys::HtmlElement>()
                .or_else(|| dialog.cast::<web_sys::HtmlElement>())
            {
                let _ = el.focus();
            }
        });
    }
    let status = match &fetched {
        None => html! { <p class="muted" role="status">{ t(lang, "Loading the lessons…") }</p> },
        Some(Err(why)) => html! { <p class="import-error" role="alert">{ why }</p> },
        Some(Ok(_)) => html! {},
    };
    // The lesson to start once the replacement of the work on the canvas is confirmed.
    let confirm = use_state(|| None::<usize>);
    let go = |i: usize| {
        let (app, ctx, close, lesson) = (
            app.clone(),
            ctx.clone(),
            props.on_close.clone(),
            lessons[i].clone(),
        );
        move || {
            close.emit(());
            start(&app, &ctx, lang, lesson.clone(), Some(i));
        }
    };
    let items = lessons.iter().enumerate().map(|(i, lesson)| {
        let onclick = {
            let (app, confirm, go) = (app.clone(), confirm.clone(), go(i));
            Callback::from(move |_: MouseEvent| {
                // As templates do: work on the canvas is replaced only when the user says so.
                if *app.scenario == Scenario::new() {
                    go();
                } else {
                    confirm.set(Some(i));
                }
            })
        };
        let node = if i == 0 { first.clone() } else { NodeRef::default() };
        html! {
            <li>
                <button type="button" class="lesson-pick" {onclick} ref={node}>
                    <span class="lesson-name">{ format!("{}. {}", i + 1, lesson.title.get(lang)) }</span>
                    <span class="muted">{ rich(&first_sentence(lesson.intro.get(lang))) }</span>
                </button>
            </li>
        }
    });
    let close = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let author = {
        let c = props.on_author.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let ask = confirm.map(|i| {
        let go = go(i);
        let yes = Callback::from(move |_: ()| go());
        let no = {
            let confirm = confirm.clone();
            Callback::from(move |_: ()| confirm.set(None))
        };
        html! {
            <ConfirmDialog id="lesson-replace-dialog"
                title={tf(lang, "Start “{}”?", &[lessons[i].title.get(lang)])}
                lead={tf(lang, "The lesson's network replaces {} on the canvas. Your current work is kept: Undo, or Files › Restore previous work, brings it back.", &[&display_name(&app.scenario, lang)])}
                yes_label={t(lang, "Start the lesson")} on_yes={yes} on_no={no} />
        }
    });
    html! {
        <>
        <div class="dialog-backdrop">
            <div class="dialog wide gallery" role="dialog" aria-modal="true" aria-labelledby="lessons-title"
                tabindex="-1" ref={dialog}
                onkeydown={on_escape(props.on_close.clone())}>
                <h2 id="lessons-title">{ t(lang, "Lessons") }</h2>
                <p class="muted">
                    { t(lang, "Each lesson starts from a network with something to fix. Its checklist ticks as you edit.") }
                </p>
                { status }
                <ol class="lesson-list">{ for items }</ol>
                <div class="dialog-actions">
                    <button type="button" class="tool" onclick={author}>{ t(lang, "Make a lesson") }</button>
                    <button type="button" class="tool" onclick={close}>{ t(lang, "Close") }</button>
                </div>
            </div>
        </div>
            { for ask }
        </>
    }
}
