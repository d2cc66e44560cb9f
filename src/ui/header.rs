//! The title bar, with Lessons, Undo, Redo and New (which asks first).

use std::rc::Rc;

use yew::prelude::*;

use super::lang::{t, Lang, LangContext};
use super::lessons::{Author, Gallery};
use super::state::{Action, AppContext};
use crate::model::Scenario;

/// The header bar: the app's name, what it is for, and the edit commands.
#[component]
pub fn Header() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang_handle = use_context::<LangContext>().expect("language context");
    let lang = *lang_handle;
    let on_lang = Callback::from(move |e: Event| {
        let code = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        if let Ok(l) = code.parse::<Lang>() {
            super::lang::remember(l);
            if l == Lang::Ko && !super::ko::loaded() {
                // The page turns Korean once its texts are in.
                let lang_handle = lang_handle.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(why) = super::ko::load().await {
                        gloo::console::warn!(why);
                    }
                    lang_handle.set(l);
                });
            } else {
                lang_handle.set(l);
            }
        }
    });
    let asking = use_state(|| false);
    // The lessons dialog (1) or the author form (2), when open.
    let lessons = use_state(|| 0u8);
    let open = |n: u8| {
        let lessons = lessons.clone();
        Callback::from(move |()| lessons.set(n))
    };
    let cancel_ref = use_node_ref();
    {
        // Keyboard users land on the safe choice when the dialog opens.
        let cancel_ref = cancel_ref.clone();
        use_effect_with(*asking, move |open| {
            if *open {
                if let Some(el) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let undo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Undo(t(lang, "Undone."))))
    };
    let redo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Redo(t(lang, "Redone."))))
    };
    let new = {
        let (app, asking) = (app.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            if *app.scenario == Scenario::new() {
                app.dispatch(Action::Notify(
                    t(lang, "The canvas is already empty.").into(),
                ));
            } else {
                asking.set(true);
            }
        })
    };
    let confirm = {
        let (app, asking) = (app.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            app.dispatch(Action::EditSelect(Rc::new(Scenario::new()), Vec::new()));
            app.dispatch(Action::Notify(
                t(
                    lang,
                    "Started a new scenario. Undo brings the old one back.",
                )
                .into(),
            ));
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let onkeydown = {
        let asking = asking.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                asking.set(false);
            }
        })
    };
    html! {
        <header class="topbar">
            <svg class="logo" viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
                <rect x="1" y="1" width="30" height="30" rx="7" class="logo-bg" />
                <path d="M9 11h14M9 21h14M16 11v10" class="logo-line" />
                <circle cx="9" cy="11" r="3" class="logo-node" />
                <circle cx="23" cy="11" r="3" class="logo-node" />
                <circle cx="9" cy="21" r="3" class="logo-node" />
                <circle cx="23" cy="21" r="3" class="logo-node" />
            </svg>
            <h1>{ "VPC Playground" }</h1>
            <p class="tagline">{ t(lang, "Build a network, send traffic, see where it stops.") }</p>
            <div class="topbar-actions">
                <button type="button" class="tool" onclick={open(1).reform(|_: MouseEvent| ())}>{ t(lang, "Lessons") }</button>
                <button type="button" class="tool" onclick={new}>{ t(lang, "New") }</button>
                <button type="button" class="tool" onclick={undo} disabled={!app.can_undo()}
                    title={format!("{} (Ctrl+Z)", t(lang, "Undo"))}>{ t(lang, "Undo") }</button>
                <button type="button" class="tool" onclick={redo} disabled={!app.can_redo()}
                    title={format!("{} (Ctrl+Shift+Z)", t(lang, "Redo"))}>{ t(lang, "Redo") }</button>
                <select class="lang" aria-label={t(lang, "Language")} onchange={on_lang}>
                    <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                    <option value="ko" selected={lang == Lang::Ko} lang="ko">{ "한국어" }</option>
                </select>
                <super::share::ShareTools />
            </div>
            if *lessons == 1 {
                <Gallery on_close={open(0)} on_author={open(2)} />
            }
            if *lessons == 2 {
                <Author on_close={open(0)} />
            }
            if *asking {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true"
                        aria-labelledby="new-title" aria-describedby="new-text" {onkeydown}>
                        <h2 id="new-title">{ t(lang, "Start a new scenario?") }</h2>
                        <p id="new-text">
                            { t(lang, "This clears the canvas. You can bring the current scenario back with Undo.") }
                        </p>
                        <div class="dialog-actions">
                            <button type="button" class="tool" onclick={cancel} ref={cancel_ref}>
                                { t(lang, "Cancel") }
                            </button>
                            <button type="button" class="primary" onclick={confirm}>
                                { t(lang, "Clear the canvas") }
                            </button>
                        </div>
                    </div>
                </div>
            }
        </header>
    }
}
