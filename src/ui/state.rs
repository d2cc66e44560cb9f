//! The app state: the scenario being edited (the engine's own type, with canvas positions in its
//! `layout`), the selection, and the undo history. One reducer, so undo and redo are a stack of
//! scenarios.

use crate::model::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Most undo steps kept.
pub const HISTORY_LIMIT: usize = 200;

/// Everything the editor knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// The scenario on the canvas.
    pub scenario: Rc<Scenario>,
    /// Ids of the selected parts.
    pub selection: Vec<String>,
    /// Earlier scenarios, newest last.
    pub past: Vec<Rc<Scenario>>,
    /// Undone scenarios, newest last.
    pub future: Vec<Rc<Scenario>>,
}

/// A change to the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the scenario with an edited copy, as one undo step.
    Edit(Rc<Scenario>),
    /// Replace the scenario without an undo step (while a drag is in progress); the gesture ends
    /// with an `Edit` so it can be undone as one step.
    Preview(Rc<Scenario>),
    /// Open a different scenario: the history is cleared.
    Load(Rc<Scenario>),
    /// Select these parts.
    Select(Vec<String>),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
}

impl AppState {
    /// A state holding `scenario` with no history.
    pub fn with_scenario(scenario: Scenario) -> Self {
        AppState {
            scenario: Rc::new(scenario),
            ..Default::default()
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(s) => {
                if s == next.scenario {
                    return self;
                }
                next.past.push(std::mem::replace(&mut next.scenario, s));
                if next.past.len() > HISTORY_LIMIT {
                    next.past.remove(0);
                }
                next.future.clear();
            }
            Action::Preview(s) => next.scenario = s,
            Action::Load(s) => {
                next = AppState {
                    scenario: s,
                    ..Default::default()
                };
            }
            Action::Select(ids) => next.selection = ids,
            Action::Undo => match next.past.pop() {
                Some(prev) => next
                    .future
                    .push(std::mem::replace(&mut next.scenario, prev)),
                None => return self,
            },
            Action::Redo => match next.future.pop() {
                Some(n) => next.past.push(std::mem::replace(&mut next.scenario, n)),
                None => return self,
            },
        }
        Rc::new(next)
    }
}

/// The handle components use to read the state and dispatch actions.
pub type AppContext = UseReducerHandle<AppState>;
