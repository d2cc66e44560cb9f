//! The title bar, with Undo, Redo and New (which asks first).

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppContext};
use crate::model::Scenario;

/// The header bar: the app's name, what it is for, and the edit commands.
#[component]
pub fn Header() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let asking = use_state(|| false);
    let undo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Undo))
    };
    let redo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Redo))
    };
    let new = {
        let (app, asking) = (app.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            if *app.scenario == Scenario::new() {
                app.dispatch(Action::Notify("The canvas is already empty.".into()));
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
                "Started a new scenario. Undo brings the old one back.".into(),
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
            <p class="tagline">{ "Build a network, send traffic, see where it stops." }</p>
            <div class="topbar-actions">
                <button type="button" class="tool" onclick={new}>{ "New" }</button>
                <button type="button" class="tool" onclick={undo} disabled={!app.can_undo()}
                    title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button type="button" class="tool" onclick={redo} disabled={!app.can_redo()}
                    title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <super::share::ShareTools />
            </div>
            if *asking {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true"
                        aria-labelledby="new-title" aria-describedby="new-text" {onkeydown}>
                        <h2 id="new-title">{ "Start a new scenario?" }</h2>
                        <p id="new-text">
                            { "This clears the canvas. You can bring the current scenario back with Undo." }
                        </p>
                        <div class="dialog-actions">
                            <button type="button" class="tool" onclick={cancel} autofocus=true>
                                { "Cancel" }
                            </button>
                            <button type="button" class="primary" onclick={confirm}>
                                { "Clear the canvas" }
                            </button>
                        </div>
                    </div>
                </div>
            }
        </header>
    }
}
