//! The page layout: header on top, then palette | canvas | inspector with the traffic panel
//! under the canvas and inspector (and the lesson panel above the inspector in lesson mode). Also
//! what happens at start (lesson link, share link, else autosave, else an empty canvas), autosave
//! on every change, and the global undo/redo keys.

use gloo::events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::inspector::Inspector;
use super::lang::{tf, LangContext};
use super::lessons::{Active, LessonContext, LessonPanel};
use super::packets::{PlayContext, ShownContext};
use super::palette::Palette;
use super::rule_focus::RuleFocusContext;
use super::state::{Action, AppContext, AppState, Status};
use super::traffic::TrafficPanel;
use super::view::{View, ViewContext};
use crate::layout;
use crate::model::Scenario;
use std::rc::Rc;

/// What to open: a lesson link opens that lesson, else the share link in the URL wins, else the
/// autosave (in lesson mode if a lesson was being taken), else empty. A link that cannot be opened says why and keeps the autosave. Parts
/// without positions get them from the auto-layout.
fn initial() -> (AppState, Option<Rc<Active>>) {
    let hash = super::startup::location_hash();
    let lang = super::lang::initial();
    let mut active = None;
    let (mut s, problem) = match super::startup::lesson_from_fragment(&hash) {
        Ok(Some(lesson)) => {
            let s = lesson.scenario.clone();
            active = Some(Active::new(lesson, None));
            (s, None)
        }
        Err(why) => (
            saved_or_empty(),
            Some(tf(
                lang,
                "This lesson link could not be opened: {}. Your own work is shown instead.",
                &[&why],
            )),
        ),
        Ok(None) => match super::startup::scenario_from_fragment(&hash) {
            Ok(Some(s)) => (s, None),
            Ok(None) => {
                active = super::lessons::remembered();
                (saved_or_empty(), None)
            }
            Err(why) => (
                saved_or_empty(),
                Some(format!(
                    "This share link could not be opened: {why}. Your own work is shown instead."
                )),
            ),
        },
    };
    layout::fill_missing(&mut s);
    let mut state = AppState::with_scenario(s);
    if let Some(text) = problem {
        state.status = Status { text, seq: 1 };
    }
    (state, active)
}

/// The autosaved scenario, or an empty one (of the current format version).
fn saved_or_empty() -> Scenario {
    match super::storage::load() {
        Some(s) => s,
        None => Scenario::new(),
    }
}

/// Whether keyboard focus is in a text field (where Ctrl+Z belongs to the field).
fn typing() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let boot = use_memo((), |_| initial());
    let state = use_reducer({
        let boot = boot.clone();
        move || boot.0.clone()
    });
    let lesson: LessonContext = use_state(|| boot.1.clone());
    use_effect_with((*lesson).clone(), |a| {
        super::lessons::remember(a.as_deref())
    });
    let view = use_state(View::default);
    {
        let s = state.scenario.clone();
        use_effect_with(s, |s| super::storage::save(s));
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let listener = document.map(|d| {
                EventListener::new_with_options(
                    &d,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(e) else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) || typing() {
                            return;
                        }
                        match e.key().to_lowercase().as_str() {
                            "z" if e.shift_key() => state.dispatch(Action::Redo),
                            "z" => state.dispatch(Action::Undo),
                            "y" => state.dispatch(Action::Redo),
                            _ => return,
                        }
                        e.prevent_default();
                    },
                )
            });
            move || drop(listener)
        });
    }
    let shown: ShownContext = use_state(Vec::new);
    let play: PlayContext = use_state(Default::default);
    let focus: RuleFocusContext = use_state(|| None);
    let lang: LangContext = use_state(super::lang::initial);
    use_effect_with(*lang, |lang| super::lang::apply(*lang));
    html! {
        <ContextProvider<LangContext> context={lang}>
        <ContextProvider<AppContext> context={state}>
        <ContextProvider<LessonContext> context={lesson}>
        <ContextProvider<ViewContext> context={view}>
        <ContextProvider<ShownContext> context={shown}>
        <ContextProvider<PlayContext> context={play}>
        <ContextProvider<RuleFocusContext> context={focus}>
        <div class="shell">
            <Header />
            <main class="workspace">
                <Palette />
                <Canvas />
                <LessonPanel />
                <Inspector />
                <TrafficPanel />
            </main>
        </div>
        </ContextProvider<RuleFocusContext>>
        </ContextProvider<PlayContext>>
        </ContextProvider<ShownContext>>
        </ContextProvider<ViewContext>>
        </ContextProvider<LessonContext>>
        </ContextProvider<AppContext>>
        </ContextProvider<LangContext>>
    }
}
