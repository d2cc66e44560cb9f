//! `www/i18n/ko-engine.json` holds every Korean text the code writes through `ko!`, `ko_str!`
//! and `ko_static!` (see `vpc_playground::i18n::catalog`): the browser build carries only their
//! keys and fetches the words. This test reads the sources, checks each text's placeholders, and
//! fails when the file is stale; `UPDATE_KO_CATALOG=1 cargo test --test ko_catalog` rewrites it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vpc_playground::i18n::catalog::{key, key_name};

const CATALOG: &str = "www/i18n/ko-engine.json";
const MACROS: [&str; 3] = ["ko!(", "ko_str!(", "ko_static!("];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal at the start of `s` (after blanks), unescaped, if there is one.
fn literal(s: &str) -> Option<String> {
    let mut chars = s.trim_start().chars();
    if chars.next()? != '"' {
        return None;
    }
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'u' => {
                    let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                '\n' => {
                    let rest: String = chars.clone().collect();
                    let trimmed = rest.trim_start();
                    let skip = rest.chars().count() - trimmed.chars().count();
                    for _ in 0..skip {
                        chars.next();
                    }
                }
                other => panic!("an escape the catalog reader does not know: \\{other}"),
            },
            c => out.push(c),
        }
    }
    None
}

/// Why `text` cannot be filled in the browser, if it cannot.
fn placeholder_problem(text: &str) -> Option<String> {
    let plain = text.replace("{{", "").replace("}}", "").replace("{}", "");
    (plain.contains('{') || plain.contains('}')).then(|| {
        format!("{text:?} has a placeholder other than {{}} (give ko! the value, formatted)")
    })
}

#[test]
fn the_korean_catalog_holds_every_text_of_the_code() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    files.sort();
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a source file is readable");
        for line_start in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let offset = line_start.as_ptr() as usize - source.as_ptr() as usize;
            for name in MACROS {
                let mut from = 0;
                while let Some(at) = line_start[from..].find(name) {
                    let start = offset + from + at + name.len();
                    from += at + name.len();
                    let preceded = source[..start - name.len()].chars().next_back();
                    if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let Some(text) = literal(&source[start..]) else {
                        continue;
                    };
                    if let Some(p) = placeholder_problem(&text) {
                        problems.push(format!("{}: {p}", file.display()));
                    }
                    let k = key_name(key(&text));
                    if let Some(other) = texts.get(&k).filter(|t| **t != text) {
                        problems.push(format!("{text:?} and {other:?} share the key {k}"));
                    }
                    texts.insert(k, text);
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(texts.len() > 100, "only {} texts found", texts.len());
    let written = serde_json::to_string_pretty(&texts).expect("texts serialize") + "\n";
    if std::env::var_os("UPDATE_KO_CATALOG").is_some() {
        std::fs::write(CATALOG, &written).expect("the catalog is writable");
        return;
    }
    let on_disk = std::fs::read_to_string(CATALOG).unwrap_or_default();
    assert!(
        on_disk == written,
        "{CATALOG} is stale: run UPDATE_KO_CATALOG=1 cargo test --test ko_catalog"
    );
}

#[test]
fn the_literal_reader_unescapes_like_rust() {
    assert_eq!(
        literal(r#" "a\"b\n\u{AC00}" , x"#).as_deref(),
        Some("a\"b\n가")
    );
    assert_eq!(literal("\"one \\\n      two\"").as_deref(), Some("one two"));
    assert_eq!(literal("$text"), None);
    assert!(placeholder_problem("{name}은").is_some());
    assert!(placeholder_problem("{}은 {{x}}").is_none());
}
