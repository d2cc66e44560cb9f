//! The app state: the scenario being edited (the engine's own type, with canvas positions in its
//! `layout`), the selection, the undo history and the last status message. One reducer, so undo
//! and redo are a stack of scenarios.

use crate::edit::find::locate;
use crate::edit::history::History;
use crate::model::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Most undo steps kept.
pub const HISTORY_LIMIT: usize = 200;

/// A message for the status line (a refused drop, a deletion...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Status {
    /// What to say.
    pub text: String,
    /// Counts messages, so the same text said twice is announced twice.
    pub seq: u32,
}

/// Everything the editor knows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The scenario on the canvas.
    pub scenario: Rc<Scenario>,
    /// Ids of the selected parts.
    pub selection: Vec<String>,
    /// Earlier and undone scenarios.
    pub history: History<Rc<Scenario>>,
    /// The last status message.
    pub status: Status,
    /// How many times a different scenario was opened ([`Action::Load`]): a change of
    /// scenario with the same count is an edit, an undo or a redo of this one.
    pub loads: u32,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::with_scenario(Scenario::new())
    }
}

/// A change to the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the scenario with an edited copy, as one undo step.
    Edit(Rc<Scenario>),
    /// Like `Edit`, then select these parts (a part just placed).
    EditSelect(Rc<Scenario>, Vec<String>),
    /// Replace the scenario without an undo step (while a drag is in progress); the gesture ends
    /// with an `Edit` so it can be undone as one step.
    Preview(Rc<Scenario>),
    /// Open a different scenario: the history is cleared.
    Load(Rc<Scenario>),
    /// Select these parts.
    Select(Vec<String>),
    /// Undo the last edit, saying this on the status line.
    Undo(&'static str),
    /// Redo the last undone edit, saying this on the status line.
    Redo(&'static str),
    /// Say something on the status line.
    Notify(String),
}

impl AppState {
    /// A state holding `scenario` with no history.
    pub fn with_scenario(scenario: Scenario) -> Self {
        AppState {
            scenario: Rc::new(scenario),
            selection: Vec::new(),
            history: History {
                limit: HISTORY_LIMIT,
                ..History::default()
            },
            status: Status::default(),
            loads: 0,
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.history.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.history.future.is_empty()
    }

    fn say(&mut self, text: String) {
        self.status = Status {
            text,
            seq: self.status.seq.wrapping_add(1),
        };
    }

    fn prune_selection(&mut self) {
        let s = self.scenario.clone();
        self.selection.retain(|id| locate(&s, id).is_some());
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(s) if s == next.scenario => return self,
            Action::EditSelect(s, ids) if s == next.scenario => next.selection = ids,
            Action::Edit(s) => {
                let cur = std::mem::take(&mut next.scenario);
                next.scenario = next.history.record(cur, s);
                next.prune_selection();
            }
            Action::EditSelect(s, ids) => {
                let cur = std::mem::take(&mut next.scenario);
                next.scenario = next.history.record(cur, s);
                next.selection = ids;
                next.prune_selection();
            }
            Action::Preview(s) => next.scenario = s,
            Action::Load(s) => {
                next = AppState {
                    scenario: s,
                    status: next.status,
                    loads: next.loads.wrapping_add(1),
                    ..AppState::default()
                };
            }
            Action::Select(ids) => {
                if ids == next.selection {
                    return self;
                }
                next.selection = ids;
            }
            Action::Undo(said) => {
                let cur = std::mem::take(&mut next.scenario);
                match next.history.undo(cur) {
                    Ok(prev) => {
                        next.scenario = prev;
                        next.prune_selection();
                        next.say(said.into());
                    }
                    Err(_) => return self,
                }
            }
            Action::Redo(said) => {
                let cur = std::mem::take(&mut next.scenario);
                match next.history.redo(cur) {
                    Ok(n) => {
                        next.scenario = n;
                        next.prune_selection();
                        next.say(said.into());
                    }
                    Err(_) => return self,
                }
            }
            Action::Notify(text) => next.say(text),
        }
        Rc::new(next)
    }
}

/// The handle components use to read the state and dispatch actions.
pub type AppContext = UseReducerHandle<AppState>;
