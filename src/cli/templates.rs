//! `vpcplay templates`: the built-in templates, for people (one per line) and for tools (JSON).

use crate::i18n::Lang;
use crate::templates::{self, Template};
use serde_json::{json, Value};

/// The prefix that names a built-in template where a `SCENARIO` is expected.
pub const PREFIX: &str = "template:";

/// The template a `template:NAME` argument names; `None` when `arg` has no such prefix, an error
/// listing the valid names when the name is unknown.
pub fn named(arg: &str) -> Option<Result<&'static Template, String>> {
    let name = arg.strip_prefix(PREFIX)?;
    Some(templates::get(name).ok_or_else(|| {
        format!(
            "no template {name:?}; the templates are: {}",
            ids().join(", ")
        )
    }))
}

fn ids() -> Vec<&'static str> {
    templates::all().iter().map(|t| t.id).collect()
}

/// One line per template: id, name and description, separated by tabs.
pub fn text(lang: Lang) -> String {
    templates::all()
        .iter()
        .map(|t| format!("{}\t{}\t{}", t.id, t.name(lang), t.description(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An array of `{id, name, description}`.
pub fn json(lang: Lang) -> Value {
    Value::Array(
        templates::all()
            .iter()
            .map(|t| json!({"id": t.id, "name": t.name(lang), "description": t.description(lang)}))
            .collect(),
    )
}
