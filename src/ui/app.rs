//! The page layout: header on top, then palette | canvas | side column with the traffic panel
//! under the canvas and the side column (each in a dock that folds and resizes, see
//! [`super::dock`]), the lesson panel above the inspector in the side column in lesson mode (or, for
//! an embed link, the read-only [`EmbedView`]). Also what happens at start (see
//! [`super::startup`]; a lesson link opens that lesson), autosave on every change, and the global
//! undo/redo keys. [`LinkGate`] asks before a share link replaces the user's work and shows bad
//! links.

use gloo::events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use super::analysis::{use_analyst, Analyses, AnalysisContext};
use super::canvas::Canvas;
use super::dock::{Dock, Docks, DocksContext, Edge, FoldButton, Splitter};
use super::embed::EmbedView;
use super::header::Header;
use super::inspector::Inspector;
use super::lang::{t, tf, LangContext};
use super::lessons::{Active, LessonContext, LessonPanel};
use super::packets::{Play, PlayContext, ShownContext};
use super::palette::Palette;
use super::rule_focus::RuleFocusContext;
use super::share::LinkGate;
use super::state::{Action, AppContext, AppState, Status};
use super::traffic::{FlowRequestContext, TrafficPanel};
use super::view::{View, ViewContext};

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
    let lang: LangContext = use_state(super::lang::initial);
    let plan = {
        let lang = *lang;
        use_memo((), move |_| super::startup::plan(lang))
    };
    // A lesson link opens its lesson; without a link, the lesson being taken is remembered.
    let boot = {
        let (lang, embed) = (*lang, plan.embed);
        use_memo((), move |_| {
            let hash = super::fragment::location_hash();
            match super::startup::lesson_from_fragment(&hash) {
                Ok(Some(lesson)) => (Some(Active::new(lesson, None)), None, true),
                Ok(None) if embed => (None, None, false),
                Ok(None) => (super::lessons::remembered(), None, false),
                Err(why) => (
                    None,
                    Some(tf(
                        lang,
                        "This lesson link could not be opened: {}. Your own work is shown instead.",
                        &[&why],
                    )),
                    false,
                ),
            }
        })
    };
    let state = {
        let (plan, boot) = (plan.clone(), boot.clone());
        use_reducer(move || {
            let from_link = boot.0.as_ref().filter(|_| boot.2);
            let mut state = match from_link {
                Some(active) => {
                    let mut s = active.lesson.scenario.clone();
                    crate::layout::fill_missing(&mut s);
                    AppState::with_scenario(s)
                }
                None => AppState::with_scenario(plan.scenario.clone()),
            };
            if let Some(text) = &boot.1 {
                state.status = Status {
                    text: text.clone(),
                    seq: 1,
                };
            }
            state
        })
    };
    let lesson: LessonContext = use_state(|| boot.0.clone());
    use_effect_with((*lesson).clone(), |a| {
        super::lessons::remember(a.as_deref())
    });
    let view = use_state(View::default);
    let embed = plan.embed;
    {
        // The embedded view is read-only and must not overwrite the reader's own work.
        let s = state.scenario.clone();
        use_effect_with(s, move |s| {
            if !embed {
                super::storage::save(s)
            }
        });
    }
    {
        let state = state.clone();
        // Re-registered when the language changes, so the status line speaks it.
        use_effect_with(*lang, move |&lang| {
            let (undone, redone) = (t(lang, "Undone."), t(lang, "Redone."));
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
                        // The shortcuts are ASCII letters: ASCII case folding is enough.
                        match e.key().to_ascii_lowercase().as_str() {
                            "z" if e.shift_key() => state.dispatch(Action::Redo(redone)),
                            "z" => state.dispatch(Action::Undo(undone)),
                            "y" => state.dispatch(Action::Redo(redone)),
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
    let play: PlayContext = use_state(|| Play::running(0, 1.0, super::packets::clock()));
    let focus: RuleFocusContext = use_state(|| None);
    let requested: FlowRequestContext = use_state(|| None);
    let analyses: AnalysisContext = use_reducer(Analyses::default);
    use_analyst(&state, &analyses, *lang);
    use_effect_with(*lang, |lang| super::lang::apply(*lang));
    let docks: DocksContext = use_state(Docks::remembered);
    {
        // An embedded view has no docks and leaves the host page's storage alone.
        let embed = plan.embed;
        use_effect_with(*docks, move |d| {
            if !embed {
                d.remember()
            }
        });
    }
    html! {
        <ContextProvider<LangContext> context={lang}>
        <ContextProvider<DocksContext> context={docks.clone()}>
        <ContextProvider<AppContext> context={state}>
        <ContextProvider<LessonContext> context={lesson}>
        <ContextProvider<ViewContext> context={view}>
        <ContextProvider<ShownContext> context={shown}>
        <ContextProvider<PlayContext> context={play}>
        <ContextProvider<RuleFocusContext> context={focus}>
        <ContextProvider<FlowRequestContext> context={requested}>
        <ContextProvider<AnalysisContext> context={analyses}>
        if embed {
            <EmbedView />
        } else {
            <div class="shell">
                <Header />
                <main class={docks.classes()} style={docks.style()}>
                    <div class="palette-dock">
                        <FoldButton dock={Dock::Palette} />
                        <Palette />
                    </div>
                    <Canvas />
                    <div class="side-dock">
                        <Splitter edge={Edge::Side} />
                        <FoldButton dock={Dock::Side} />
                        <LessonPanel />
                        <Inspector />
                    </div>
                    <div class="traffic-dock">
                        <Splitter edge={Edge::Traffic} />
                        <FoldButton dock={Dock::Traffic} />
                        <TrafficPanel />
                    </div>
                </main>
            </div>
        }
        <LinkGate plan={plan.clone()} />
        </ContextProvider<AnalysisContext>>
        </ContextProvider<FlowRequestContext>>
        </ContextProvider<RuleFocusContext>>
        </ContextProvider<PlayContext>>
        </ContextProvider<ShownContext>>
        </ContextProvider<ViewContext>>
        </ContextProvider<LessonContext>>
        </ContextProvider<AppContext>>
        </ContextProvider<DocksContext>>
        </ContextProvider<LangContext>>
    }
}
