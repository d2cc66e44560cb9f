//! The Korean of the page's English text, looked up by the English (see [`super::lang::t`]).
//!
//! The table is `www/i18n/ko.json` (English → Korean, one entry per English text, in the words
//! of the AWS Korean console: 서브넷, 라우팅 테이블, 네트워크 ACL, 보안 그룹...; product and
//! protocol names stay as they are). Trunk copies it beside the page and the app fetches it when
//! Korean is chosen (before the first render when the page opens in Korean), so readers of the
//! English page do not download it. `tests/ui_translations.rs` checks that every text the UI
//! passes to `t`/`tf` has an entry, with the same `{}` count.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// Where the table is, relative to the page.
const PATH: &str = concat!("i18n/ko.json?v=", env!("CARGO_PKG_VERSION"));

/// Where the Korean of the engine's messages is (see [`crate::i18n::catalog`]).
const ENGINE_PATH: &str = concat!("i18n/ko-engine.json?v=", env!("CARGO_PKG_VERSION"));

thread_local! {
    /// The table, once loaded (kept for the page's life, so its texts are `'static`).
    static TABLE: RefCell<Option<&'static HashMap<String, String>>> = const { RefCell::new(None) };
}

/// The Korean for `en`, if the table is loaded and has it.
pub fn get(en: &str) -> Option<&'static str> {
    let table = TABLE.with(|t| *t.borrow())?;
    table.get(en).map(String::as_str)
}

/// Whether the table is loaded.
pub fn loaded() -> bool {
    TABLE.with(|t| t.borrow().is_some())
}

/// Reads the table from its JSON text.
pub fn install(json: &str) -> Result<(), String> {
    let table: HashMap<String, String> = serde_json::from_str(json)
        .map_err(|e| format!("the Korean texts could not be read: {e}"))?;
    let table: &'static HashMap<String, String> = Box::leak(Box::new(table));
    TABLE.with(|t| *t.borrow_mut() = Some(table));
    Ok(())
}

/// Fetches and installs the table and the engine's catalog (both at once), unless they are
/// loaded already.
pub async fn load() -> Result<(), String> {
    if loaded() && crate::i18n::catalog::installed() {
        return Ok(());
    }
    let (page, engine) = (super::fetch::begin(PATH), super::fetch::begin(ENGINE_PATH));
    let page = super::fetch::text(page, PATH).await;
    let engine = super::fetch::text(engine, ENGINE_PATH).await;
    crate::i18n::catalog::install(&engine?)?;
    install(&page?)
}
