//! Autosave: the scenario is written to local storage on every change and read back at start.

use crate::model::Scenario;
use crate::scenario;

/// The local-storage key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "vpc-playground.autosave";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Saves `s` (an empty scenario clears the slot).
pub fn save(s: &Scenario) {
    let Some(store) = storage() else { return };
    if *s == Scenario::new() {
        let _ = store.remove_item(AUTOSAVE_KEY);
        return;
    }
    if let Ok(json) = serde_json::to_string(s) {
        if store.set_item(AUTOSAVE_KEY, &json).is_err() {
            gloo::console::warn!("Autosave failed: local storage is full or disabled.");
        }
    }
}

/// The autosaved scenario, if there is one that still reads.
pub fn load() -> Option<Scenario> {
    let json = storage()?.get_item(AUTOSAVE_KEY).ok().flatten()?;
    match scenario::load_str(&json) {
        Ok(loaded) => Some(loaded.scenario),
        // Saved with problems the loader refuses: keep what the file says rather than lose it.
        Err(_) => scenario::parse_str(&json).ok(),
    }
}
