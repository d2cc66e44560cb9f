//! The scenario file format as JSON Schema, generated from the model types.
//!
//! A copy is kept in `tests/data/scenario.schema.json` for editors and documentation; a test
//! fails when it is stale. Regenerate it with
//! `UPDATE_SCHEMA=1 cargo test --lib scenario::schema`.

use crate::model::Scenario;

/// The JSON Schema (draft 2020-12) of a scenario file.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(Scenario).to_value()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_a_scenario() {
        let schema = json_schema();
        let text = serde_json::to_string(&schema).unwrap();
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, schema);
        assert!(schema["properties"]["version"].is_object(), "{schema:#}");
        assert!(schema["properties"]["subnets"].is_object());
        assert!(schema["required"]
            .as_array()
            .unwrap()
            .contains(&"version".into()));
    }

    #[test]
    fn committed_schema_is_up_to_date() {
        committed_copy_is_current(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/scenario.schema.json"
            ),
            &json_schema(),
            "UPDATE_SCHEMA=1 cargo test --lib scenario::schema",
        );
    }
}

/// Checks that the copy of a generated schema at `path` equals `fresh` (and writes it first when
/// `UPDATE_SCHEMA` is set); `how` is the command that regenerates it.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn committed_copy_is_current(path: &str, fresh: &serde_json::Value, how: &str) {
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, format!("{fresh:#}\n")).unwrap();
    }
    let committed: Option<serde_json::Value> = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    assert!(
        committed.as_ref() == Some(fresh),
        "{path} is stale: the types it describes changed. Regenerate it with\n\n    {how}\n\nand commit the result."
    );
}
