//! Every English text the browser UI passes through `t(lang, "...")` or `tf(lang, "...", ..)` has
//! a Korean entry in `www/i18n/ko.json` (the UI is wasm-only, so this reads the sources natively).
//! Also covered: the palette's part names and hints (`name:`/`hint:` in `parts.rs`) and the
//! inspector's tab labels (the `tab_labels = [..]` lists), which reach `t` through a variable.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/ui") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal starting at `s` (which begins with `"`), as written in the source (escapes
/// kept), and the rest after its closing quote.
fn literal(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some((&body[..i], &body[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The literals that follow each of `openers` in `src` (whitespace and newlines allowed between);
/// an opener ending in `(` is a call, whose first argument must be `lang`.
fn literals_after<'a>(src: &'a str, openers: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for opener in openers {
        let mut rest = src;
        while let Some(at) = rest.find(opener) {
            let before = &rest[..at];
            rest = &rest[at + opener.len()..];
            let mut arg = rest.trim_start();
            if opener.ends_with('(') {
                // `t(` must not be the end of a longer name (`list(`, `split(`).
                if before
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    continue;
                }
                let Some(after) = arg.strip_prefix("lang") else {
                    continue;
                };
                let Some(after) = after.trim_start().strip_prefix(',') else {
                    continue;
                };
                arg = after.trim_start();
            }
            if let Some((lit, _)) = literal(arg) {
                out.push(lit);
            }
        }
    }
    out
}

/// The English texts used in `src/ui`, each with a file that uses it.
fn used() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        if f.ends_with("ko.rs") || f.ends_with("lang.rs") {
            continue;
        }
        let src = fs::read_to_string(&f).expect("read source");
        let name = f.strip_prefix(&root).unwrap().display().to_string();
        let mut found = literals_after(&src, &["t(", "tf("]);
        if name == "parts.rs" {
            found.extend(literals_after(&src, &["name:", "hint:"]));
        }
        for list in src.split("tab_labels = [").skip(1) {
            let items = &list[..list.find(']').unwrap_or(list.len())];
            found.extend(
                items
                    .split(',')
                    .filter_map(|x| literal(x.trim()).map(|(l, _)| l)),
            );
        }
        for lit in found {
            out.entry(lit.to_string()).or_insert_with(|| name.clone());
        }
    }
    out
}

/// The entries of `www/i18n/ko.json`: English to Korean, with quotes and backslashes escaped as
/// a Rust literal writes them (so they compare with the UI's literals as written).
fn arms() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/i18n/ko.json");
    let src = fs::read_to_string(path).expect("read www/i18n/ko.json");
    let table: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&src).expect("www/i18n/ko.json is a JSON object");
    let as_written = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    table
        .iter()
        .map(|(en, ko)| {
            (
                as_written(en),
                as_written(ko.as_str().expect("a Korean string")),
            )
        })
        .collect()
}

#[test]
fn every_ui_text_has_korean() {
    let used = used();
    assert!(
        used.len() > 200,
        "found only {} texts: is the scan broken?",
        used.len()
    );
    let arms: BTreeMap<String, String> = arms().into_iter().collect();
    let missing: Vec<String> = used
        .iter()
        .filter(|(en, _)| !arms.contains_key(*en))
        .map(|(en, file)| format!("  {file}: \"{en}\""))
        .collect();
    assert!(
        missing.is_empty(),
        "{} UI texts have no Korean in www/i18n/ko.json:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn korean_keeps_the_placeholders_and_each_text_once() {
    let all = arms();
    let mut seen = std::collections::BTreeSet::new();
    for (en, ko) in &all {
        assert!(seen.insert(en), "two arms for \"{en}\"");
        assert_eq!(
            en.matches("{}").count(),
            ko.matches("{}").count(),
            "\"{en}\" and \"{ko}\" fill a different number of {{}}"
        );
        assert!(!ko.trim().is_empty(), "empty Korean for \"{en}\"");
    }
    let used = used();
    let unused: Vec<&String> = all
        .iter()
        .map(|(en, _)| en)
        .filter(|en| !used.contains_key(*en))
        .collect();
    assert!(unused.is_empty(), "arms no UI text uses: {unused:?}");
}
