//! Lesson mode: a built-in or shared lesson's scenario on the canvas, with its checklist graded
//! live by the engine ([`crate::lesson::check_scenario`]). The gallery picks a lesson, the panel
//! shows its progress, the author form turns the canvas into a lesson link.

mod author;
mod gallery;
mod panel;

pub use author::Author;
pub use gallery::Gallery;
pub use panel::LessonPanel;

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use yew::prelude::*;

use super::lang::{tf, Lang};
use super::state::{Action, AppContext};
use crate::layout;
use crate::lesson::link::decode;
use crate::lesson::Lesson;

/// The lesson being taken (always behind an `Rc`; two are equal when they are the same one).
#[derive(Debug)]
pub struct Active {
    /// The lesson.
    pub lesson: Lesson,
    /// Its place in the built-in track, if it is a built-in one.
    pub builtin: Option<usize>,
    /// Counts lessons entered, so taking the same lesson again starts afresh.
    pub serial: u32,
    /// The network that was on the canvas before lesson mode began (when it began in this
    /// page): an Undo that brings it back leaves lesson mode.
    pub before: Option<Rc<crate::model::Scenario>>,
}

impl PartialEq for Active {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Active {
    /// `lesson`, entered now.
    pub fn new(lesson: Lesson, builtin: Option<usize>) -> Rc<Active> {
        Self::after(lesson, builtin, None)
    }

    /// `lesson`, entered now in place of network `before`.
    fn after(
        lesson: Lesson,
        builtin: Option<usize>,
        before: Option<Rc<crate::model::Scenario>>,
    ) -> Rc<Active> {
        static ENTERED: AtomicU32 = AtomicU32::new(0);
        Rc::new(Active {
            lesson,
            builtin,
            serial: ENTERED.fetch_add(1, Ordering::Relaxed),
            before,
        })
    }

    /// Whether `s` is the very network lesson mode replaced (an Undo brought it back).
    pub fn undone(&self, s: &Rc<crate::model::Scenario>) -> bool {
        self.before.as_ref().is_some_and(|b| Rc::ptr_eq(b, s))
    }
}

/// The lesson being taken, if any, shared by the header and the panel.
pub type LessonContext = UseStateHandle<Option<Rc<Active>>>;

/// The local-storage key of the lesson being taken, so a reload keeps lesson mode: `builtin:N`
/// for the Nth built-in lesson, else the lesson's link fragment.
pub const LESSON_KEY: &str = "vpc-playground.lesson";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers the lesson being taken, or that there is none.
pub fn remember(active: Option<&Active>) {
    let Some(store) = storage() else { return };
    let _ = match active {
        None => store.remove_item(LESSON_KEY),
        Some(a) => store.set_item(
            LESSON_KEY,
            // A built-in lesson keeps its place in the track, and itself, so that a reload
            // needs no fetch. The lesson is kept as its JSON (a link payload before).
            &match a.builtin {
                Some(i) => format!("builtin:{i}:{}", a.lesson.to_compact_json()),
                None => a.lesson.to_compact_json(),
            },
        ),
    };
}

/// What an earlier release remembered of the lesson being taken, when it is a link payload (not
/// JSON): the page inflates it before it starts.
pub fn remembered_payload() -> Option<String> {
    let saved = storage()?.get_item(LESSON_KEY).ok().flatten()?;
    let lesson = saved
        .strip_prefix("builtin:")
        .map_or(saved.as_str(), |rest| {
            rest.split_once(':').map_or(rest, |(_, l)| l)
        });
    (!lesson.starts_with('{')).then(|| lesson.to_string())
}

/// A remembered lesson: its JSON, or the link payload earlier releases kept.
fn saved_lesson(saved: &str) -> Option<crate::lesson::Lesson> {
    if saved.starts_with('{') {
        crate::lesson::from_json(saved).ok()
    } else {
        decode(saved).ok()
    }
}

/// The lesson that was being taken when the page was last left, if any.
pub fn remembered() -> Option<Rc<Active>> {
    let saved = storage()?.get_item(LESSON_KEY).ok().flatten()?;
    Some(match saved.strip_prefix("builtin:") {
        Some(rest) => {
            let (i, lesson) = rest.split_once(':')?;
            Active::new(saved_lesson(lesson)?, Some(i.parse().ok()?))
        }
        None => Active::new(saved_lesson(&saved)?, None),
    })
}

/// Puts the lesson's starting scenario on the canvas (one undo step) and enters lesson mode.
pub fn start(
    app: &AppContext,
    ctx: &LessonContext,
    lang: Lang,
    lesson: Lesson,
    builtin: Option<usize>,
) {
    let network = start_scenario(&lesson);
    // The user's own network, the one an Undo of the first lesson's start brings back (none
    // when the lesson starts on that very network: nothing is replaced).
    let before = match ctx.as_ref() {
        Some(a) => a.before.clone(),
        None => Some(app.scenario.clone()),
    }
    .filter(|b| **b != network);
    crate::ui::view::fit_next();
    app.dispatch(Action::EditSelect(Rc::new(network), Vec::new()));
    app.dispatch(Action::Notify(tf(
        lang,
        "Lesson started: {}. Undo brings back what was on the canvas.",
        &[lesson.title.get(lang)],
    )));
    ctx.set(Some(Active::after(lesson, builtin, before)));
}

/// The lesson's starting scenario, with positions for every part.
pub fn start_scenario(lesson: &Lesson) -> crate::model::Scenario {
    let mut s = lesson.scenario.clone();
    layout::fill_missing(&mut s);
    s
}

/// Lesson text, with `code` between backticks.
pub fn rich(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, p)| {
        if i % 2 == 1 {
            html! { <code>{ p.to_string() }</code> }
        } else {
            html! { p.to_string() }
        }
    });
    html! { <>{ for parts }</> }
}

/// Focuses the element behind the returned ref once it is shown (a dialog's first control).
#[hook]
pub fn use_autofocus() -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    node
}

/// Calls `close` when Escape is pressed (the keydown handler of a dialog).
pub fn on_escape(close: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.stop_propagation();
            close.emit(());
        }
    })
}
