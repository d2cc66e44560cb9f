//! Reading a lesson file: JSON syntax, format version, fields (errors name the JSON path), both
//! scenarios (through [`load_str`](crate::scenario::load_str)), then the objectives against the
//! scenarios they name.

use super::{Lesson, LESSON_VERSION};
use crate::engine::Network;
use crate::model::{Protocol, Scenario};
use crate::scenario::{load_str, LoadError, MAX_INPUT_BYTES};
use serde_json::Value;
use std::fmt;

/// Why a lesson could not be read: the JSON path of what is wrong, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// Where: `objectives[2].flow.to`, `scenario.subnets[1].cidr`, or `(top level)`.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for LessonError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> LessonError {
    LessonError {
        path: path.into(),
        message: message.into(),
    }
}

/// Reads a lesson from JSON text. Errors name the JSON path (`objectives[1].flow.to: "dbb"
/// names nothing in the scenario`, `scenario.subnets[0].cidr: ...`). Never panics.
pub fn from_json(text: &str) -> Result<Lesson, LessonError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(err(
            "(top level)",
            format!(
                "the lesson is {} bytes, more than this release reads",
                text.len()
            ),
        ));
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| err("(top level)", format!("not valid JSON: {e}")))?;
    let Value::Object(map) = &value else {
        return Err(err(
            "(top level)",
            "a lesson is a JSON object ({\"version\": 1, \"title\": ..., \"scenario\": ..., \"objectives\": [...]})",
        ));
    };
    if !map.contains_key("scenario") && map.contains_key("vpcs") {
        return Err(err(
            "(top level)",
            "this is a scenario, not a lesson: a lesson holds its scenario under \"scenario\", next to \"title\" and \"objectives\"",
        ));
    }
    match map.get("version").map(Value::as_u64) {
        None => {
            return Err(err(
                "version",
                format!("missing; this release reads lesson version {LESSON_VERSION}"),
            ))
        }
        Some(Some(v)) if v == u64::from(LESSON_VERSION) => {}
        Some(Some(v)) if v > u64::from(LESSON_VERSION) => {
            return Err(err(
                "version",
                format!("lesson version {v} is newer than this release (reads {LESSON_VERSION})"),
            ))
        }
        Some(_) => return Err(err("version", format!("expected {LESSON_VERSION}"))),
    }
    let file = super::read::lesson_file(&value)
        .map_err(|e| err(crate::scenario::read::path_text(&e.path), e.message))?;
    let scenario = scenario_at("scenario", &file.scenario)?;
    let solution = match &file.solution {
        Some(v) => Some(scenario_at("solution", v)?),
        None => None,
    };
    let lesson = Lesson {
        version: LESSON_VERSION,
        id: file.id,
        title: file.title,
        intro: file.intro,
        scenario,
        objectives: file.objectives,
        constraints: file.constraints,
        hints: file.hints,
        success: file.success,
        solution,
    };
    validate(&lesson)?;
    Ok(lesson)
}

/// Loads the scenario at `path` with the scenario loader, putting `path.` before its paths.
fn scenario_at(path: &str, v: &Value) -> Result<Scenario, LessonError> {
    load_str(&v.to_string())
        .map(|l| l.scenario)
        .map_err(|e| match e {
            LoadError::Field {
                path: p, message, ..
            } => err(format!("{path}.{p}"), message),
            LoadError::Invalid(problems) => {
                let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
                let Some(first) = errors.first() else {
                    return err(path, "the scenario is invalid");
                };
                let mut message = first.message.clone();
                if !first.part.is_empty() {
                    message = format!("{} {message}", first.part);
                }
                if errors.len() > 1 {
                    message = format!("{message} (and {} more errors)", errors.len() - 1);
                }
                err(format!("{path}.{}", first.path), message)
            }
            LoadError::MissingVersion => err(
                format!("{path}.version"),
                "missing; scenarios are version 1",
            ),
            other => err(path, other.to_string()),
        })
}

/// Checks what serde cannot: every objective has exactly one kind, ports where needed, and names
/// that exist in the scenario and in the solution.
fn validate(l: &Lesson) -> Result<(), LessonError> {
    if l.title.en.trim().is_empty() {
        return Err(err("title.en", "a lesson needs a title"));
    }
    if l.objectives.is_empty() && l.constraints.is_empty() {
        return Err(err("objectives", "a lesson needs at least one objective"));
    }
    let mut scenarios = vec![("scenario", &l.scenario)];
    if let Some(s) = &l.solution {
        scenarios.push(("solution", s));
    }
    for (i, o) in l.objectives.iter().enumerate() {
        let at = format!("objectives[{i}]");
        match (&o.flow, &o.expect, &o.only_from) {
            (Some(f), Some(_), None) => {
                port_needed(&format!("{at}.flow"), f.protocol, f.port)?;
                for (which, s) in &scenarios {
                    let net = Network::new(s);
                    endpoint(&net, &format!("{at}.flow.from"), &f.from, which)?;
                    endpoint(&net, &format!("{at}.flow.to"), &f.to, which)?;
                }
            }
            (Some(_), None, None) => return Err(err(
                format!("{at}.expect"),
                "missing: say what the flow must give (established, blocked, or a verdict code)",
            )),
            (None, None, Some(o)) => {
                port_needed(&format!("{at}.only_from"), o.protocol, o.port)?;
                if o.sources.is_empty() {
                    return Err(err(
                        format!("{at}.only_from.sources"),
                        "empty: name who may reach the service",
                    ));
                }
                for (which, s) in &scenarios {
                    let net = Network::new(s);
                    endpoint(&net, &format!("{at}.only_from.to"), &o.to, which)?;
                    for (j, src) in o.sources.iter().enumerate() {
                        if !super::grade::source_exists(s, src) {
                            return Err(err(
                                format!("{at}.only_from.sources[{j}]"),
                                format!("{src:?} names no node, security group or subnet in the {which}"),
                            ));
                        }
                    }
                }
            }
            _ => {
                return Err(err(
                    at,
                    "give either \"flow\" with \"expect\", or \"only_from\"",
                ))
            }
        }
    }
    for (i, c) in l.constraints.iter().enumerate() {
        let at = format!("constraints[{i}]");
        match (&c.no_open_rule, &c.no_public_ip) {
            (Some(r), None) => port_needed(&format!("{at}.no_open_rule"), r.protocol, r.port)?,
            (None, Some(nodes)) => {
                for (which, s) in &scenarios {
                    let net = Network::new(s);
                    for (j, n) in nodes.iter().enumerate() {
                        endpoint(&net, &format!("{at}.no_public_ip[{j}]"), n, which)?;
                    }
                }
            }
            _ => {
                return Err(err(
                    at,
                    "give exactly one of \"no_open_rule\" or \"no_public_ip\"",
                ))
            }
        }
    }
    Ok(())
}

fn port_needed(at: &str, p: Protocol, port: Option<u16>) -> Result<(), LessonError> {
    match (p, port) {
        (Protocol::Tcp | Protocol::Udp, None) => Err(err(
            format!("{at}.port"),
            format!("missing: {p} needs a port"),
        )),
        (Protocol::Tcp | Protocol::Udp | Protocol::Icmp, _) => Ok(()),
        (p, _) => Err(err(
            format!("{at}.protocol"),
            format!("{p} cannot be traced: use tcp, udp or icmp"),
        )),
    }
}

fn endpoint(net: &Network, at: &str, text: &str, which: &str) -> Result<(), LessonError> {
    if super::grade::resolve_text(net, text).is_some() {
        return Ok(());
    }
    Err(err(
        at,
        format!("{text:?} names nothing in the {which}: use a node id or name, an interface id, an IPv4 address or \"internet\""),
    ))
}
