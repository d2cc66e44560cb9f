//! Autosave: the scenario is written to local storage on every change and read back at start.

use crate::engine::FlowSpec;
use crate::model::Scenario;
use crate::scenario;
use crate::share::{decode_flows, encode_flows};

/// The local-storage key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "vpc-playground.autosave";

/// The local-storage key of the flows sent on the autosaved scenario (as a share link writes
/// them), so a reload shows them again.
pub const FLOWS_KEY: &str = "vpc-playground.flows";

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
    // The editor never applies an edit with errors, so what it saved loads. (A second, plain
    // serde_json reader as a fallback would double the size of the deserializer in the bundle.)
    match scenario::load_str(&json) {
        Ok(loaded) => Some(loaded.scenario),
        Err(why) => {
            gloo::console::warn!(format!("The autosaved scenario could not be read: {why}"));
            None
        }
    }
}

/// Saves the flows shown, oldest first (none clears the slot). Embedded views save nothing.
pub fn save_flows(flows: &[FlowSpec]) {
    if super::fragment::is_embed(&super::fragment::location_hash()) {
        return;
    }
    let Some(store) = storage() else { return };
    if flows.is_empty() {
        let _ = store.remove_item(FLOWS_KEY);
    } else {
        let _ = store.set_item(FLOWS_KEY, &encode_flows(flows));
    }
}

/// The flows saved with the autosave, oldest first.
pub fn load_flows() -> Vec<FlowSpec> {
    storage()
        .and_then(|s| s.get_item(FLOWS_KEY).ok().flatten())
        .map(|v| decode_flows(&v))
        .unwrap_or_default()
}
