//! What the app opens with: the scenario in the page's share link, or the lesson in its lesson
//! link, if any.

use crate::model::Scenario;
use crate::{scenario, share};

/// The scenario in the current URL's fragment (`#s=1....`), or why it could not be opened.
/// `Ok(None)` when the page has no link.
pub fn scenario_from_location() -> Result<Option<Scenario>, String> {
    scenario_from_fragment(&location_hash())
}

/// The current URL's fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
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

/// The lesson in a fragment such as `#l=2....&lang=ko`, or why it could not be opened;
/// `Ok(None)` when it holds no lesson.
pub fn lesson_from_fragment(hash: &str) -> Result<Option<crate::lesson::Lesson>, String> {
    let fragment = hash.trim_start_matches('#');
    if !fragment.split('&').any(|p| p.starts_with("l=")) {
        return Ok(None);
    }
    crate::lesson::link::decode(fragment)
        .map(Some)
        .map_err(|e| e.to_string())
}
