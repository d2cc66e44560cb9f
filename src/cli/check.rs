//! `vpcplay check LESSON`: grade a lesson file, a lesson link or a built-in lesson.

use crate::i18n::Lang;
use crate::lesson::{self, builtin, link, Lesson, Report};
use serde_json::json;
use std::fmt::Write as _;

/// Where the lesson comes from, as the user named it.
pub fn load(arg: Option<&str>, builtin_name: Option<&str>) -> Result<Lesson, String> {
    let name = match (arg, builtin_name) {
        (_, Some(n)) => Some(n),
        (Some(a), None) => a.strip_prefix("builtin:"),
        (None, None) => {
            return Err(
                "check: give a lesson file, a lesson link, builtin:NAME or --builtin NAME".into(),
            )
        }
    };
    if let Some(name) = name {
        return builtin::load(name).ok_or_else(|| {
            format!(
                "no built-in lesson {name:?}; the built-in lessons are: {}",
                builtin::names().join(", ")
            )
        });
    }
    let arg = arg.unwrap_or_default();
    if link::looks_like_lesson_link(arg) {
        return link::decode(arg).map_err(|e| format!("link: {e}"));
    }
    let text = std::fs::read_to_string(arg).map_err(|e| format!("{arg}: cannot read: {e}"))?;
    lesson::from_json(&text).map_err(|e| format!("{arg}: {e}"))
}

/// The report for people: a title line, one line per objective (✓/✗, label, reason), a total.
pub fn text(l: &Lesson, which: &str, r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let id = if l.id.is_empty() {
        String::new()
    } else {
        format!(" ({})", l.id)
    };
    let _ = writeln!(out, "{}{id}: {which}", l.title.get(lang));
    for line in &r.lines {
        let mark = if line.passed { "✓" } else { "✗" };
        let reason = match lang {
            Lang::Ko if !line.reason_ko.is_empty() => &line.reason_ko,
            _ => &line.reason,
        };
        let _ = writeln!(out, "{mark} {} — {reason}", line.label.get(lang));
    }
    let _ = write!(out, "{}/{} passed", r.passed_count(), r.lines.len());
    if r.passed() && !l.success.en.is_empty() {
        let _ = write!(out, "\n{}", l.success.get(lang));
    }
    out
}

/// The report for tools.
pub fn json(l: &Lesson, which: &str, r: &Report) -> serde_json::Value {
    json!({
        "lesson": l.id,
        "title": l.title,
        "graded": which,
        "passed": r.passed(),
        "lines": r.lines,
    })
}
