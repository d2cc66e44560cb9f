//! The language the page speaks: chosen in the header, remembered in local storage, and taken
//! from the browser's languages the first time. Text in the UI is written in English and passed
//! through [`t`], which gives the Korean of it from [`super::ko`] when Korean is chosen.

use yew::prelude::*;

pub use crate::i18n::Lang;

/// The local-storage key of the chosen language.
pub const LANG_KEY: &str = "vpc-playground.lang";

/// The language shared by every component.
pub type LangContext = UseStateHandle<Lang>;

/// The remembered language, else the first of the browser's languages we speak, else English.
pub fn initial() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::En;
    };
    // An embed may be made in a language of its own (`lang=` in its link).
    let hash = super::fragment::location_hash();
    if super::fragment::is_embed(&hash) {
        if let Some(lang) =
            super::fragment::fragment_param(&hash, "lang").and_then(|l| l.parse().ok())
        {
            return lang;
        }
    }
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|code| code.parse().ok());
    saved.unwrap_or_else(|| {
        let nav = window.navigator();
        let langs = nav.languages();
        let first = (0..langs.length())
            .filter_map(|i| langs.get(i).as_string())
            .chain(nav.language())
            .find(|l| l.starts_with("ko") || l.starts_with("en"));
        match first {
            Some(l) if l.starts_with("ko") => Lang::Ko,
            _ => Lang::En,
        }
    })
}

/// Remembers `lang` (the user chose it).
pub fn remember(lang: Lang) {
    let store = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(store) = store {
        let _ = store.set_item(LANG_KEY, lang.code());
    }
}

/// Marks the document with `lang` (for screen readers, fonts and line breaking).
pub fn apply(lang: Lang) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The language of the page, for components under the app.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangContext>().map_or(Lang::En, |h| *h)
}

/// `en` in `lang`: the Korean text for it when Korean is chosen and there is one, else `en`.
pub fn t(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => super::ko::get(en).unwrap_or(en),
    }
}

/// `en` in `lang` with `{}` replaced by each of `args` in turn.
pub fn tf(lang: Lang, en: &'static str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = t(lang, en);
    for a in args {
        match rest.split_once("{}") {
            Some((head, tail)) => {
                out.push_str(head);
                out.push_str(a);
                rest = tail;
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}
