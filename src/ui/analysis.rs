//! The analysis of every port of the scenario on the canvas ([`crate::analysis`]), worked out by
//! the helper worker (see [`super::importer`]) once the scenario has stayed the same for a
//! moment, so that a drag or a burst of typing is analysed once, at its end. Nothing is asked
//! until something wants it: the reachability view, the open-port labels on the canvas, or
//! the first edit, whose changes the note in the canvas's corner tells ([`super::change_note`]). The
//! page only shows what the worker answers; it walks no port set itself.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::lang::Lang;
use super::state::AppState;
use crate::model::Scenario;
use crate::worker_job::{Analysed, Rendered};

/// How long the scenario stays the same before it is analysed, in milliseconds.
const SETTLE_MS: u32 = 300;

/// What the page knows of the analyses.
#[derive(Clone, PartialEq)]
pub struct Analyses {
    /// The views of the latest analysis and the scenario it is of.
    pub latest: Option<(Rc<Scenario>, Rc<Rendered>)>,
    /// What the last edit changed (markup).
    pub note: Option<Rc<str>>,
    /// Why the last analysis could not be made.
    pub error: Option<String>,
    /// Whether something on the page wants the analyses (once set, it stays set).
    pub wanted: bool,
    /// The ports the reachability table marks (`443`, `udp/53`, `icmp`).
    pub probes: Rc<Vec<String>>,
    /// Whether the canvas shows the open-port lines.
    pub edges: bool,
}

impl Default for Analyses {
    fn default() -> Self {
        Analyses {
            latest: None,
            note: None,
            error: None,
            wanted: false,
            probes: Rc::new(["443", "22", "5432"].map(String::from).to_vec()),
            edges: false,
        }
    }
}

impl Analyses {
    /// Whether the latest views are of `scenario`.
    pub fn is_of(&self, scenario: &Rc<Scenario>) -> bool {
        (self.latest.as_ref()).is_some_and(|(s, _)| Rc::ptr_eq(s, scenario))
    }
}

/// A change to [`Analyses`].
pub enum Do {
    /// Something wants the analyses.
    Want,
    /// The views of this scenario came back.
    Answer(Rc<Scenario>, Rc<Rendered>),
    /// The analysis could not be made.
    Failed(String),
    /// Put the note away.
    Dismiss,
    /// Mark these ports in the table.
    Probes(Vec<String>),
    /// Show or hide the open-port lines (showing them wants the analyses).
    Edges(bool),
}

impl Reducible for Analyses {
    type Action = Do;

    fn reduce(self: Rc<Self>, action: Do) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Do::Want if next.wanted => return self,
            Do::Want => next.wanted = true,
            Do::Answer(scenario, rendered) => {
                if let Some(note) = &rendered.note {
                    next.note = Some(Rc::from(note.as_str()));
                }
                next.latest = Some((scenario, rendered));
                next.error = None;
            }
            Do::Failed(why) => next.error = Some(why),
            Do::Dismiss if next.note.is_none() => return self,
            Do::Dismiss => next.note = None,
            Do::Probes(p) => next.probes = Rc::new(p),
            Do::Edges(on) => {
                next.edges = on;
                next.wanted |= on;
            }
        }
        Rc::new(next)
    }
}

/// The handle components read the analyses through.
pub type AnalysisContext = UseReducerHandle<Analyses>;

/// What the views are asked in: language, marked ports, lines or not, and whose.
#[derive(Clone, PartialEq)]
struct Asked {
    lang: Lang,
    probes: Rc<Vec<String>>,
    edges: bool,
    focus: Option<String>,
}

/// Where the asking stands (kept across renders, never drawn).
#[derive(Default)]
struct Book {
    /// The scenario last seen and how it is to be shown, and the count of scenarios opened.
    seen: Option<(Rc<Scenario>, Asked)>,
    loads: u32,
    /// The version the next changes are told against: the one analysed last, or the one
    /// before the first edit.
    base: Option<Rc<Scenario>>,
    /// What the latest answer is of.
    answered: Option<(Rc<Scenario>, Asked)>,
    /// Whether the user has edited since the page opened (then every change is analysed).
    edited: bool,
    /// An analysis is on its way; another change came meanwhile.
    busy: bool,
    dirty: bool,
    /// The wait for the scenario to settle.
    timer: Option<Timeout>,
}

/// Asks the worker for the views of the scenario last seen, unless the answer is known.
fn ask(book: Rc<RefCell<Book>>, analyses: UseReducerDispatcher<Analyses>) {
    let (now, asked, before) = {
        let mut b = book.borrow_mut();
        let Some((now, asked)) = b.seen.clone() else {
            return;
        };
        if b.busy {
            b.dirty = true;
            return;
        }
        if (b.answered.as_ref()).is_some_and(|(s, a)| Rc::ptr_eq(s, &now) && *a == asked) {
            return;
        }
        b.busy = true;
        let before = (b.base.clone()).filter(|base| !Rc::ptr_eq(base, &now));
        (now, asked, before)
    };
    let json = |s: &Scenario| serde_json::to_string(s).unwrap_or_default();
    let request = crate::worker_job::Request::Analyse {
        scenario: json(&now),
        before: before.as_deref().map(json),
        lang: asked.lang,
        probes: (*asked.probes).clone(),
        edges: asked.edges,
        focus: asked.focus.clone(),
    };
    wasm_bindgen_futures::spawn_local(async move {
        let answer = super::importer::analyse(&request).await;
        let again = {
            let mut b = book.borrow_mut();
            b.busy = false;
            if let Analysed::Done(_) = &answer {
                b.base = Some(now.clone());
                b.answered = Some((now.clone(), asked));
            }
            std::mem::take(&mut b.dirty)
        };
        match answer {
            Analysed::Done(r) => analyses.dispatch(Do::Answer(now, Rc::new(r))),
            Analysed::Failed(why) => analyses.dispatch(Do::Failed(why)),
        }
        if again {
            ask(book, analyses);
        }
    });
}

/// Keeps the analyses of the scenario of `app` up to date in `analyses` (the app's own
/// handles: it runs in the component that provides them).
#[hook]
pub fn use_analyst(app: &UseReducerHandle<AppState>, analyses: &AnalysisContext, lang: Lang) {
    let book = use_mut_ref(Book::default);
    let asked = Asked {
        lang,
        probes: analyses.probes.clone(),
        edges: analyses.edges,
        focus: (app.selection.first().cloned()).filter(|_| analyses.edges),
    };
    let key = (
        Rc::as_ptr(&app.scenario) as usize,
        app.loads,
        analyses.wanted,
        asked.clone(),
    );
    let (scenario, loads, dispatch) = (app.scenario.clone(), app.loads, analyses.dispatcher());
    use_effect_with(key, move |(_, _, wanted, _)| {
        let mut b = book.borrow_mut();
        let changed = (b.seen.as_ref()).is_some_and(|(s, _)| !Rc::ptr_eq(s, &scenario));
        if b.seen.is_some() && loads != b.loads {
            // A different scenario: its changes are not told against the one before.
            b.base = None;
            dispatch.dispatch(Do::Dismiss);
        } else if changed {
            if !b.edited && b.base.is_none() {
                b.base = b.seen.as_ref().map(|(s, _)| s.clone());
            }
            b.edited = true;
        }
        b.loads = loads;
        b.seen = Some((scenario, asked));
        if b.edited || *wanted {
            let book = book.clone();
            b.timer = Some(Timeout::new(SETTLE_MS, move || ask(book, dispatch)));
        }
    });
}
