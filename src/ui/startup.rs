//! What the app opens with, and what a share or lesson link in the address bar asks for.
//!
//! Start-up order: an embed link shows its scenario read-only (the autosave is neither read nor
//! written); a share link opens its scenario when there is no autosave or the autosave holds the
//! same scenario, and otherwise the autosave opens and the user is asked whether to open the
//! shared one (see [`super::share::LinkGate`]); a bad link keeps the autosave and says why; with
//! no link the autosave opens, else an empty canvas. Parts without positions get them from the
//! auto-layout.

use std::rc::Rc;

use super::fragment::{fragment_param, is_embed, location_hash};
use super::lang::{t, tf, Lang};
use crate::engine::flow::FlowSpec;
use crate::model::Scenario;
use crate::{layout, scenario, share};

/// A share link that decoded and loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The linked scenario, laid out.
    pub scenario: Rc<Scenario>,
    /// The flows the link asks the traffic panel to show (`f=`).
    pub flows: Vec<FlowSpec>,
}

/// What the page's fragment holds.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkState {
    /// No share link (no `s=`).
    None,
    /// A link that opened.
    Ok(Opened),
    /// A link that did not open, and why (for people, not just the console).
    Bad(String),
}

/// Gives an embed made light or dark (`theme=` in its link) that colour scheme, whatever the
/// reader's system (called before the first render, so the page never shows in the other one).
pub fn apply_embed_theme() {
    let hash = location_hash();
    if !is_embed(&hash) {
        return;
    }
    let class = match fragment_param(&hash, "theme") {
        Some("dark") => "theme-dark",
        Some("light") => "theme-light",
        _ => return,
    };
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("class", class);
    }
}

/// Reads a fragment such as `#s=2....&f=...&embed=1`.
pub fn link_from_fragment(hash: &str, lang: Lang) -> LinkState {
    let fragment = hash.trim_start_matches('#');
    if !fragment.split('&').any(|p| p.starts_with("s=")) {
        return LinkState::None;
    }
    let parts = match share::decode_link(fragment) {
        Ok(p) => p,
        Err(e) => return LinkState::Bad(format!("{e}.")),
    };
    match scenario::load_str(&parts.scenario_json) {
        Ok(loaded) => {
            let mut s = loaded.scenario;
            layout::fill_missing(&mut s);
            LinkState::Ok(Opened {
                scenario: Rc::new(s),
                flows: parts
                    .param("f")
                    .map(share::decode_flows)
                    .unwrap_or_default(),
            })
        }
        Err(e) => LinkState::Bad(tf(
            lang,
            "it holds a scenario that could not be loaded: {}.",
            &[&e.to_string()],
        )),
    }
}

/// `flows` with flow `first` (`flow=` of an embed link, from 1) given again at the end, so that
/// the traffic panel opens it last and it is the current one.
fn shown_first(mut flows: Vec<FlowSpec>, first: Option<&str>) -> Vec<FlowSpec> {
    let n = first.and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
    if let Some(spec) = n.checked_sub(1).and_then(|i| flows.get(i)).cloned() {
        flows.push(spec);
    }
    flows
}

/// The autosaved scenario, laid out.
pub fn autosave() -> Option<Scenario> {
    let mut s = super::storage::load()?;
    layout::fill_missing(&mut s);
    Some(s)
}

/// The start-up decision.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The scenario on the canvas at start.
    pub scenario: Scenario,
    /// Flows to send once the traffic panel is up.
    pub flows: Vec<FlowSpec>,
    /// A shared scenario to offer instead of the autosave (the user is asked).
    pub ask: Option<Opened>,
    /// Why the link in the address bar did not open.
    pub error: Option<String>,
    /// Read-only embedded view.
    pub embed: bool,
}

/// Decides what the app opens with, from the page's fragment and the autosave.
pub fn plan(lang: Lang) -> Plan {
    let hash = location_hash();
    let embed = is_embed(&hash);
    let link = link_from_fragment(&hash, lang);
    if embed {
        return match link {
            LinkState::Ok(o) => Plan {
                scenario: (*o.scenario).clone(),
                flows: shown_first(o.flows, fragment_param(&hash, "flow")),
                embed,
                ..Plan::default()
            },
            LinkState::Bad(why) => Plan {
                error: Some(why),
                embed,
                ..Plan::default()
            },
            LinkState::None => Plan {
                error: Some(t(lang, "it holds no scenario (no \"s=\" part after #).").into()),
                embed,
                ..Plan::default()
            },
        };
    }
    let saved = autosave();
    // The autosave comes back with the flows that were sent on it.
    let saved_flows = || {
        if saved.is_some() {
            super::storage::load_flows()
        } else {
            Vec::new()
        }
    };
    match link {
        LinkState::None => Plan {
            flows: saved_flows(),
            scenario: saved.clone().unwrap_or_default(),
            ..Plan::default()
        },
        LinkState::Bad(why) => Plan {
            flows: saved_flows(),
            scenario: saved.clone().unwrap_or_default(),
            error: Some(why),
            ..Plan::default()
        },
        LinkState::Ok(o) => match saved {
            Some(s) if s != *o.scenario && s != Scenario::new() => Plan {
                scenario: s,
                ask: Some(o),
                ..Plan::default()
            },
            _ => Plan {
                scenario: (*o.scenario).clone(),
                flows: o.flows,
                ..Plan::default()
            },
        },
    }
}

/// Removes the fragment from the address bar (without a reload or a `hashchange`), so that a
/// reload keeps the work done since instead of asking about the link again.
pub fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The lesson in a fragment such as `#l=2....`, or why it could not be opened; `Ok(None)` when
/// it holds no lesson.
pub fn lesson_from_fragment(hash: &str) -> Result<Option<crate::lesson::Lesson>, String> {
    let fragment = hash.trim_start_matches('#');
    if !fragment.split('&').any(|p| p.starts_with("l=")) {
        return Ok(None);
    }
    crate::lesson::link::decode(fragment)
        .map(Some)
        .map_err(|e| e.to_string())
}
