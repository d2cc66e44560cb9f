//! Edits go through the engine's checks: an edit that would add errors is not applied, and the
//! engine's own message says why.

use std::rc::Rc;

use super::lang::{tf, Lang};
use super::state::{Action, AppContext};
use crate::model::Scenario;
use crate::scenario::{validate, Problem};

/// The problems `next` has that `current` does not (errors first), those at `path` first.
pub fn new_problems(current: &Scenario, next: &Scenario, path: &str) -> Vec<Problem> {
    let before: Vec<(String, String)> = validate(current)
        .into_iter()
        .map(|p| (p.code.to_string(), p.message))
        .collect();
    let mut out: Vec<Problem> = validate(next)
        .into_iter()
        .filter(|p| !before.contains(&(p.code.to_string(), p.message.clone())))
        .collect();
    crate::sorting::sort_by_key(&mut out, |p| (p.severity, !p.path.starts_with(path)));
    out
}

/// Applies `next` as one undo step if it adds no errors; otherwise says which on the status line
/// (the engine's messages) and returns false.
pub fn apply_checked(app: &AppContext, lang: Lang, next: Scenario) -> bool {
    let errors: Vec<String> = new_problems(&app.scenario, &next, "")
        .into_iter()
        .filter(Problem::is_error)
        .map(|p| match p.part.is_empty() {
            true => p.text(lang),
            false => format!("{}: {}", p.part, p.text(lang)),
        })
        .collect();
    if errors.is_empty() {
        app.dispatch(Action::Edit(Rc::new(next)));
        true
    } else {
        app.dispatch(Action::Notify(tf(
            lang,
            "Not applied. {}",
            &[&errors.join(" ")],
        )));
        false
    }
}
