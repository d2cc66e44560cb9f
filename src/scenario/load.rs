//! Reading scenario JSON: size guard, JSON syntax, format version, field types (with the JSON
//! path of the field that is wrong), then [`normalize`] and [`validate`].

use crate::model::{Scenario, FORMAT_VERSION};
use crate::scenario::normalize::normalize;
use crate::scenario::problem::Problem;
use crate::scenario::read::{self, short, text};
use crate::scenario::validate::validate;
use serde_json::Value;
use std::fmt;

/// The largest scenario text [`load_str`] reads: 16 MiB.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// A scenario that loaded: normalized, free of errors, perhaps with warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The normalized scenario.
    pub scenario: Scenario,
    /// Problems of severity [`Warning`](crate::scenario::Severity::Warning) (there are no errors).
    pub warnings: Vec<Problem>,
}

/// Why a scenario could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The text is larger than [`MAX_INPUT_BYTES`].
    #[error(
        "the scenario is {bytes} bytes, more than the {} MiB this release reads",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The text is not JSON.
    #[error("not valid JSON: {message} (line {line}, column {column})")]
    NotJson {
        /// What the parser found wrong.
        message: String,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
    },
    /// The JSON is not an object.
    #[error("a scenario is a JSON object ({{\"version\": 1, ...}}), not {found}")]
    NotAnObject {
        /// What it is instead: `an array`, `a string`...
        found: String,
    },
    /// There is no `version` field.
    #[error("version: missing; this release reads version {FORMAT_VERSION}")]
    MissingVersion,
    /// `version` is a newer format than this release knows.
    #[error("version {0} is newer than this release (reads {FORMAT_VERSION})")]
    NewerVersion(u64),
    /// `version` is not a format version at all.
    #[error(
        "version: {found} is not a format version; this release reads version {FORMAT_VERSION}"
    )]
    BadVersion {
        /// The value found, as JSON.
        found: String,
    },
    /// A field has the wrong type or value, is missing, or is unknown.
    #[error("{path}: {message}")]
    Field {
        /// The JSON path of the field: `subnets[2].cidr`.
        path: String,
        /// What is wrong and what was expected.
        message: String,
        /// Line in the text, from 1.
        line: usize,
        /// Column in the text, from 1.
        column: usize,
    },
    /// The scenario reads, but breaks rules AWS enforces.
    #[error("{}", Invalid(.0))]
    Invalid(
        /// Every problem found: at least one error, and any warnings.
        Vec<Problem>,
    ),
}

/// Shows the errors of an invalid scenario, one per line, then how many warnings.
struct Invalid<'a>(&'a [Problem]);

impl fmt::Display for Invalid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 20;
        let errors: Vec<&Problem> = self.0.iter().filter(|p| p.is_error()).collect();
        let warnings = self.0.len() - errors.len();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "the scenario has {} error{}",
            errors.len(),
            plural(errors.len())
        )?;
        if warnings > 0 {
            write!(f, " and {warnings} warning{}", plural(warnings))?;
        }
        f.write_str(":")?;
        for p in errors.iter().take(SHOWN) {
            write!(f, "\n  {p}")?;
        }
        if errors.len() > SHOWN {
            write!(f, "\n  ... and {} more", errors.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl LoadError {
    /// The problems of an [`Invalid`](LoadError::Invalid) scenario; empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// Reads a scenario from JSON text: checks its size, that it is JSON, its `version` (first, so a
/// newer file gets a clear message rather than a field error), its fields (errors name the JSON
/// path, `subnets[2].cidr`), then [normalizes](normalize) it and [validates](validate) it.
/// Never panics, whatever the input.
pub fn load_str(json: &str) -> Result<Loaded, LoadError> {
    let mut scenario = parse_str(json)?;
    normalize(&mut scenario);
    let problems = validate(&scenario);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError::Invalid(problems));
    }
    Ok(Loaded {
        scenario,
        warnings: problems,
    })
}

/// Reads a scenario without completing or validating it: the size, the JSON, `version` and the
/// fields, with the same messages as [`load_str`]. For keeping what a user saved even when it has
/// problems the loader would refuse.
pub fn parse_str(json: &str) -> Result<Scenario, LoadError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge { bytes: json.len() });
    }
    let value: Value = serde_json::from_str(json).map_err(|e| LoadError::NotJson {
        message: without_position(&e),
        line: e.line(),
        column: e.column(),
    })?;
    check_version(&value)?;
    read_fields(json, &value)
}

/// Reads the fields of a parsed scenario whose `version` is checked, with [`read`]: errors name
/// the JSON path and, from the text, the line and column. Keys given twice in one object are
/// refused, as serde refuses them (the parsed value only keeps the last one).
fn read_fields(json: &str, value: &Value) -> Result<Scenario, LoadError> {
    let scenario = read::scenario(value).map_err(|e| {
        let (line, column) = text::position(json, &e.path);
        LoadError::Field {
            path: read::path_text(&e.path),
            message: e.message,
            line,
            column,
        }
    })?;
    if let Some(dup) = text::duplicate(json, value) {
        let (line, column) = text::line_column(json, dup.offset);
        let message = match dup.path.last() {
            Some(read::Seg::Key(k)) => format!("duplicate field `{k}`"),
            _ => "duplicate field".to_string(),
        };
        return Err(LoadError::Field {
            path: read::path_text(&dup.path),
            message,
            line,
            column,
        });
    }
    Ok(scenario)
}

/// Checks `version` before anything else.
fn check_version(value: &Value) -> Result<(), LoadError> {
    let Value::Object(map) = value else {
        let found = match value {
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "true or false",
            _ => "null",
        };
        return Err(LoadError::NotAnObject {
            found: found.into(),
        });
    };
    let version = map.get("version").ok_or(LoadError::MissingVersion)?;
    match version.as_u64() {
        Some(v) if v == u64::from(FORMAT_VERSION) => Ok(()),
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(LoadError::NewerVersion(v)),
        _ => Err(LoadError::BadVersion {
            found: short(version),
        }),
    }
}

/// A serde_json error's message without its ` at line L column C` suffix.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> LoadError {
        load_str(json).expect_err("should not load")
    }

    #[test]
    fn not_json_says_where() {
        let e = err("{\"version\": 1,,}");
        assert!(matches!(e, LoadError::NotJson { line: 1, .. }), "{e:?}");
        assert!(e.to_string().starts_with("not valid JSON"));
    }

    #[test]
    fn missing_version() {
        assert_eq!(
            err("{}").to_string(),
            "version: missing; this release reads version 1"
        );
    }

    #[test]
    fn newer_version() {
        assert_eq!(
            err(r#"{"version": 2}"#).to_string(),
            "version 2 is newer than this release (reads 1)"
        );
    }

    #[test]
    fn version_that_is_not_a_version() {
        for bad in ["0", "-1", "1.5", "\"1\"", "null", "1e400"] {
            let json = format!("{{\"version\": {bad}}}");
            match load_str(&json) {
                Err(LoadError::BadVersion { .. }) | Err(LoadError::NotJson { .. }) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn not_an_object() {
        assert!(err("[1]").to_string().contains("not an array"));
    }

    #[test]
    fn too_large() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert!(matches!(err(&big), LoadError::TooLarge { .. }));
    }

    #[test]
    fn field_errors_name_the_path() {
        let json = r#"{"version": 1,
            "vpcs": [{"id": "v", "cidrs": ["10.0.0.0/16"]}],
            "subnets": [
                {"id": "a", "vpc": "v", "cidr": "10.0.0.0/24"},
                {"id": "b", "vpc": "v", "cidr": "10.0.1.0/24"},
                {"id": "c", "vpc": "v", "cidr": "10.0.0.0/33"}
            ]}"#;
        let e = err(json);
        let LoadError::Field { path, line, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(path, "subnets[2].cidr");
        assert_eq!(*line, 6);
        let text = e.to_string();
        assert!(
            text.starts_with("subnets[2].cidr: invalid IPv4 network (found \"10.0.0.0/33\")"),
            "{text}"
        );
        assert!(text.contains("\"10.0.0.0/33\""), "{text}");
        assert!(text.contains("10.0.1.0/24"), "{text}");
    }

    #[test]
    fn unknown_field_names_the_path() {
        let e = err(r#"{"version": 1, "vpcs": [{"id": "v", "cidrs": [], "cidr": "x"}]}"#);
        assert!(
            e.to_string().starts_with("vpcs[0].cidr: unknown field"),
            "{e}"
        );
    }

    #[test]
    fn missing_field_names_the_part() {
        let e = err(r#"{"version": 1, "vpcs": [{"id": "v"}]}"#);
        assert_eq!(e.to_string(), "vpcs[0]: missing field `cidrs`");
    }

    #[test]
    fn wrong_type_names_the_path() {
        let e = err(r#"{"version": 1, "network_acls": [{"id": "a", "vpc": "v",
            "inbound": [{"number": 70000, "protocol": "tcp", "cidr": "0.0.0.0/0", "action": "allow"}]}]}"#);
        assert!(
            e.to_string()
                .starts_with("network_acls[0].inbound[0].number: "),
            "{e}"
        );
    }

    #[test]
    fn invalid_scenarios_list_their_errors() {
        let e = err(r#"{"version": 1, "vpcs": [{"id": "v", "cidrs": ["10.0.0.0/8"]}]}"#);
        assert_eq!(e.problems()[0].code, "vpc-cidr-size");
        assert!(
            e.to_string()
                .starts_with("the scenario has 1 error:\n  vpcs[0] \"v\" cidrs[0]: "),
            "{e}"
        );
    }

    #[test]
    fn a_valid_scenario_loads_normalized() {
        let loaded =
            load_str(r#"{"version": 1, "vpcs": [{"id": "v", "cidrs": ["10.0.0.0/16"]}]}"#).unwrap();
        assert!(loaded.warnings.is_empty());
        assert_eq!(loaded.scenario.route_tables[0].id, "v-main-rtb");
    }

    #[test]
    fn deep_nesting_and_huge_numbers_are_errors_not_panics() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(err(&deep), LoadError::NotJson { .. }));
        let deep_obj = format!(
            "{{\"version\": 1, \"layout\": {}{}}}",
            "{\"a\":".repeat(5000),
            "}".repeat(5000)
        );
        assert!(load_str(&deep_obj).is_err());
        let huge = r#"{"version": 1, "nat_gateways": [], "load_balancers": [{"id": "l", "nodes": [],
            "listeners": [{"port": 99999999999999999999999999, "target_group": "t"}]}]}"#;
        assert!(load_str(huge).is_err());
    }
}
