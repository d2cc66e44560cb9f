//! What the app opens with: the scenario in the page's share link, if any.

use crate::model::Scenario;
use crate::{scenario, share};

/// The scenario in the current URL's fragment (`#s=1....`), or why it could not be opened.
/// `Ok(None)` when the page has no link.
pub fn scenario_from_location() -> Result<Option<Scenario>, String> {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    scenario_from_fragment(&hash)
}

/// The scenario in a fragment such as `#s=1....&embed=1`; `Ok(None)` when it holds no scenario.
pub fn scenario_from_fragment(hash: &str) -> Result<Option<Scenario>, String> {
    let fragment = hash.trim_start_matches('#');
    if !fragment.split('&').any(|p| p.starts_with("s=")) {
        return Ok(None);
    }
    let parts = share::decode_link(fragment).map_err(|e| e.to_string())?;
    let loaded = scenario::load_str(&parts.scenario_json).map_err(|e| e.to_string())?;
    Ok(Some(loaded.scenario))
}
