//! Korean text written in the code (validation messages, explanations, refusals, check words),
//! kept out of the browser's bundle.
//!
//! Natively, [`ko!`](crate::ko), [`ko_str!`](crate::ko_str) and [`ko_static!`](crate::ko_static)
//! are the text itself (`format!` and string literals), so the CLI and the tests read Korean
//! as written. In the browser each text becomes its [`key`], a hash computed at build time, and
//! its words live in `www/i18n/ko-engine.json` (generated from the sources by
//! `tests/ko_catalog.rs`), which the page fetches with the rest of its Korean and installs with
//! [`install`]; readers of the English page never download them.
//!
//! Placeholders are `{}` only, filled in order (`{{` and `}}` stand for braces); a text that needs
//! a value's `Debug` form is given it through [`AsDebug`].

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::fmt::{Display, Write};

/// The catalog key of a text: its 32-bit FNV-1a hash.
pub const fn key(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// A key as the catalog file writes it: eight hex digits.
pub fn key_name(key: u32) -> String {
    format!("{key:08x}")
}

/// A Korean text fixed at build time (see [`ko_static!`](crate::ko_static)): the words natively,
/// their key in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ko {
    #[cfg(not(target_arch = "wasm32"))]
    text: &'static str,
    #[cfg(target_arch = "wasm32")]
    key: u32,
}

impl Ko {
    /// The text itself (what `ko_static!` makes natively).
    #[cfg(not(target_arch = "wasm32"))]
    pub const fn new(text: &'static str) -> Self {
        Ko { text }
    }

    /// The text by its key (what `ko_static!` makes in the browser).
    #[cfg(target_arch = "wasm32")]
    pub const fn keyed(key: u32) -> Self {
        Ko { key }
    }

    /// The words.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn get(self) -> &'static str {
        self.text
    }

    /// The words, from the installed catalog; `…` until it is installed. (Not inlined: every
    /// Korean text calls it, and one copy keeps the bundle small.)
    #[cfg(target_arch = "wasm32")]
    #[inline(never)]
    pub fn get(self) -> &'static str {
        TABLE
            .with(|t| {
                t.borrow()
                    .and_then(|t| t.get(&self.key).map(String::as_str))
            })
            .unwrap_or(MISSING)
    }
}

/// Shows a value's `Debug` form where [`ko!`](crate::ko) wants `Display` (a name in quotes).
pub struct AsDebug<'a, T: ?Sized>(pub &'a T);

impl<T: std::fmt::Debug + ?Sized> Display for AsDebug<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// What a text reads as when the catalog is not installed (its fetch failed).
pub const MISSING: &str = "…";

thread_local! {
    /// The catalog, once installed (kept for the page's life, so its texts are `'static`).
    static TABLE: RefCell<Option<&'static HashMap<u32, String>>> = const { RefCell::new(None) };
}

/// Reads a catalog (`{"<key>": "<text>", ...}`) and makes it the one [`Ko::get`] reads.
pub fn install(json: &str) -> Result<(), String> {
    let table = parse(json)?;
    let table: &'static HashMap<u32, String> = Box::leak(Box::new(table));
    TABLE.with(|t| *t.borrow_mut() = Some(table));
    Ok(())
}

/// Whether a catalog is installed.
pub fn installed() -> bool {
    TABLE.with(|t| t.borrow().is_some())
}

/// A catalog's texts by key.
pub fn parse(json: &str) -> Result<HashMap<u32, String>, String> {
    let raw: HashMap<String, String> = serde_json::from_str(json)
        .map_err(|e| format!("the Korean catalog could not be read: {e}"))?;
    raw.into_iter()
        .map(|(k, text)| {
            u32::from_str_radix(&k, 16)
                .map(|key| (key, text))
                .map_err(|_| format!("the Korean catalog has a key that is not hex: {k:?}"))
        })
        .collect()
}

/// `template` with each `{}` replaced by the next of `args`, and `{{`/`}}` by a brace. Missing
/// arguments leave the placeholder out; extra ones are ignored.
#[inline(never)]
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut args = args.iter();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('}')) => {
                chars.next();
                if let Some(a) = args.next() {
                    let _ = write!(out, "{a}");
                }
            }
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Korean text with `{}` placeholders: `format!` natively, the catalog's words filled in the
/// browser (see [`crate::i18n::catalog`]).
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! ko {
    ($text:literal $(, $arg:expr)* $(,)?) => {
        format!($text $(, $arg)*)
    };
}

/// Korean text with `{}` placeholders: `format!` natively, the catalog's words filled in the
/// browser (see [`crate::i18n::catalog`]).
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! ko {
    ($text:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::catalog::fill(
            $crate::ko_str!($text),
            &[$(&$arg as &dyn ::core::fmt::Display),*],
        )
    };
}

/// A fixed Korean text as `&'static str`: the literal natively, the catalog's words in the
/// browser.
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! ko_str {
    ($text:literal) => {
        $text
    };
}

/// A fixed Korean text as `&'static str`: the literal natively, the catalog's words in the
/// browser.
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! ko_str {
    ($text:literal) => {
        $crate::ko_static!($text).get()
    };
}

/// A fixed Korean text as a [`Ko`](crate::i18n::catalog::Ko), usable in `const` items.
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! ko_static {
    ($text:literal) => {
        $crate::i18n::catalog::Ko::new($text)
    };
}

/// A fixed Korean text as a [`Ko`](crate::i18n::catalog::Ko), usable in `const` items.
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! ko_static {
    ($text:literal) => {
        $crate::i18n::catalog::Ko::keyed({
            const KEY: u32 = $crate::i18n::catalog::key($text);
            KEY
        })
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_arguments_in_order_and_keeps_braces() {
        let n = 3;
        assert_eq!(
            fill("규칙 {}: {} {{x}}", &[&n, &"허용"]),
            "규칙 3: 허용 {x}"
        );
        assert_eq!(fill("{}와 {}", &[&"a"]), "a와 ");
        assert_eq!(fill("없음", &[&1]), "없음");
    }

    #[test]
    fn fill_agrees_with_format_natively() {
        let (a, b) = ("10.0.0.0/16", 28);
        assert_eq!(
            fill("{}은(는) /{} 블록", &[&a, &b]),
            ko!("{}은(는) /{} 블록", a, b)
        );
    }

    #[test]
    fn keys_differ_and_are_stable() {
        assert_eq!(key(""), 0x811c_9dc5);
        assert_eq!(key_name(key("a")), "e40c292c");
        assert_ne!(key("허용"), key("거부"));
    }

    #[test]
    fn a_catalog_reads_hex_keys_and_refuses_others() {
        let table = parse(r#"{"e40c292c": "가"}"#).unwrap();
        assert_eq!(table[&key("a")], "가");
        assert!(parse(r#"{"zz": "가"}"#).unwrap_err().contains("\"zz\""));
        assert!(parse("[").is_err());
    }
}
