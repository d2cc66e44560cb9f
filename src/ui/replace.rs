//! Replacing the scenario on the canvas (with a template, a link, an import or the backup): the
//! work it replaces is kept as the backup, and the scenario is named in what the page says.

use std::rc::Rc;

use super::lang::{tf, Lang};
use super::state::{Action, AppContext};
use crate::model::Scenario;

/// Local-storage key of the work a share link, a template or an import replaced.
pub const BACKUP_KEY: &str = "vpc-playground.backup";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `s` under [`BACKUP_KEY`] (an empty scenario keeps the backup there is).
pub fn back_up(s: &Scenario) {
    if *s == Scenario::new() {
        return;
    }
    if let (Some(store), Ok(json)) = (storage(), serde_json::to_string(s)) {
        let _ = store.set_item(BACKUP_KEY, &json);
    }
}

/// The backed-up scenario, if any. (It was written from a scenario that loaded, so the loader
/// reads it; a second, derived reader would add its whole code to the bundle.)
pub fn backup() -> Option<Scenario> {
    let json = storage()?.get_item(BACKUP_KEY).ok().flatten()?;
    let mut s = crate::scenario::load_str(&json).map(|l| l.scenario).ok()?;
    crate::layout::fill_missing(&mut s);
    Some(s)
}

/// Replaces the scenario on the canvas with `next` (laid out where it has no positions, as a
/// link would open it) as one undo step, after keeping the current one as the backup, and says
/// so.
pub fn replace_scenario(app: &AppContext, lang: Lang, mut next: Scenario, what: &str) {
    crate::layout::fill_missing(&mut next);
    back_up(&app.scenario);
    super::view::fit_next();
    app.dispatch(Action::EditSelect(Rc::new(next), Vec::new()));
    app.dispatch(Action::Notify(tf(
        lang,
        "Opened {}. Undo (or Files › Restore previous work) brings your previous work back.",
        &[what],
    )));
}

/// “name” in quotes, or a description of an unnamed scenario.
pub fn display_name(s: &Scenario, lang: Lang) -> String {
    if s.name.trim().is_empty() {
        let parts = crate::templates::drawn_parts(s).len();
        tf(
            lang,
            "an unnamed scenario with {} parts",
            &[&parts.to_string()],
        )
    } else {
        format!("“{}”", s.name)
    }
}
