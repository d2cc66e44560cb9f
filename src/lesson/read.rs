//! Reading a lesson file's fields from its parsed JSON with the scenario reader's design
//! ([`crate::scenario::read`]): one reader per record, its field list written once, errors naming
//! the JSON path (`objectives[1].flow.port`). It accepts what the records' serde derives accept
//! (the tests compare the two), in much less code than the derived readers.

use super::{Constraint, Expect, FlowGoal, NoOpenRule, Objective, OnlyFrom, Text};
use crate::model::Protocol;
use crate::scenario::read::{cidr, protocol, read, At, ReadError};
use serde_json::Value;

/// The file as written, before its scenarios are loaded (serde reads it too in tests, as the
/// reader's oracle).
#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub(super) struct LessonFile {
    #[cfg_attr(test, serde(default))]
    pub id: String,
    pub title: Text,
    #[cfg_attr(test, serde(default))]
    pub intro: Text,
    pub scenario: Value,
    pub objectives: Vec<Objective>,
    #[cfg_attr(test, serde(default))]
    pub constraints: Vec<Constraint>,
    #[cfg_attr(test, serde(default))]
    pub hints: Vec<Text>,
    #[cfg_attr(test, serde(default))]
    pub success: Text,
    #[cfg_attr(test, serde(default))]
    pub solution: Option<Value>,
}

const EXPECT: &str = "established, blocked or a verdict code";

/// Reads the fields of a lesson file (its scenarios stay JSON, for the scenario loader).
pub(super) fn lesson_file(value: &Value) -> Result<LessonFile, ReadError> {
    read(value, file)
}

fn file(at: &At) -> LessonFile {
    let f = at.fields(&[
        "version",
        "id",
        "title",
        "intro",
        "scenario",
        "objectives",
        "constraints",
        "hints",
        "success",
        "solution",
    ]);
    // The version was checked before: only its presence is read here.
    f.req("version");
    LessonFile {
        id: f.text("id"),
        title: f.must("title", text),
        intro: f.or_default("intro", text),
        scenario: f.must("scenario", |a| a.value().clone()),
        objectives: f.req_list("objectives", objective),
        constraints: f.list("constraints", constraint),
        hints: f.list("hints", text),
        success: f.or_default("success", text),
        solution: f.option("solution", |a| a.value().clone()),
    }
}

/// Text in English and Korean (`{"en": ..., "ko": ...}`).
fn text(at: &At) -> Text {
    let f = at.fields(&["en", "ko"]);
    Text {
        en: f.string("en"),
        ko: f.text("ko"),
    }
}

fn objective(at: &At) -> Objective {
    let f = at.fields(&["label", "flow", "expect", "only_from"]);
    Objective {
        label: f.must("label", text),
        flow: f.option("flow", flow_goal),
        expect: f.option("expect", |a| {
            a.parsed::<Expect>(EXPECT).unwrap_or(Expect::Blocked)
        }),
        only_from: f.option("only_from", only_from),
    }
}

/// The protocol field of a goal or rule: tcp when absent.
fn tcp_unless_given(at: Option<At>) -> Protocol {
    at.map_or(Protocol::Tcp, |a| protocol(&a))
}

fn flow_goal(at: &At) -> FlowGoal {
    let f = at.fields(&["from", "to", "protocol", "port"]);
    FlowGoal {
        from: f.string("from"),
        to: f.string("to"),
        protocol: tcp_unless_given(f.get("protocol")),
        port: f.option("port", |a| a.u16()),
    }
}

fn only_from(at: &At) -> OnlyFrom {
    let f = at.fields(&["to", "protocol", "port", "sources"]);
    OnlyFrom {
        to: f.string("to"),
        protocol: tcp_unless_given(f.get("protocol")),
        port: f.option("port", |a| a.u16()),
        sources: f.req_list("sources", |a| a.string()),
    }
}

fn constraint(at: &At) -> Constraint {
    let f = at.fields(&["label", "no_open_rule", "no_public_ip"]);
    Constraint {
        label: f.must("label", text),
        no_open_rule: f.option("no_open_rule", no_open_rule),
        no_public_ip: f.option("no_public_ip", |a| a.list(|i| i.string())),
    }
}

fn no_open_rule(at: &At) -> NoOpenRule {
    let f = at.fields(&["protocol", "port", "cidr"]);
    NoOpenRule {
        protocol: tcp_unless_given(f.get("protocol")),
        port: f.option("port", |a| a.u16()),
        cidr: f.get("cidr").map(|a| cidr(&a)).unwrap_or_default(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the serde derives make of `v`: the file's fields, or an error.
    fn oracle(v: &Value) -> Result<LessonFile, String> {
        let mut v = v.clone();
        v.as_object_mut().map(|m| m.remove("version"));
        serde_json::from_value::<LessonFile>(v).map_err(|e| e.to_string())
    }

    fn same(v: Value) {
        let ours = lesson_file(&v);
        match (&ours, oracle(&v)) {
            (Ok(a), Ok(b)) => assert_eq!(a, &b, "{v}"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("reader {a:?} but serde {b:?} for {v}"),
        }
    }

    #[test]
    fn reads_every_builtin_lesson_as_serde_does() {
        for b in crate::lesson::builtin::all() {
            let v: Value = serde_json::from_str(b.json).unwrap();
            same(v);
        }
    }

    #[test]
    fn refuses_what_serde_refuses_and_names_the_path() {
        let base = json!({"version": 1, "title": {"en": "t"}, "scenario": {},
            "objectives": [{"label": {"en": "a"}, "flow": {"from": "a", "to": "b", "port": 22}, "expect": "blocked"}]});
        same(base.clone());
        let cases = [
            (
                "/objectives/0/flow/port",
                json!(70000),
                "objectives[0].flow.port",
            ),
            (
                "/objectives/0/flow/protocol",
                json!("ftp"),
                "objectives[0].flow.protocol",
            ),
            (
                "/objectives/0/expect",
                json!("maybe"),
                "objectives[0].expect",
            ),
            ("/objectives/0/label", json!("plain"), "objectives[0].label"),
            ("/title", json!({"en": "t", "fr": "x"}), "title.fr"),
            (
                "/objectives/0/flow/extra",
                json!(1),
                "objectives[0].flow.extra",
            ),
            (
                "/constraints",
                json!([{"label": {"en": "c"}, "no_open_rule": {"cidr": "10.0.0.0/33"}}]),
                "constraints[0].no_open_rule.cidr",
            ),
            ("/hints", json!([{"ko": "x"}]), "hints[0]"),
        ];
        for (pointer, value, path) in cases {
            let mut v = base.clone();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert(key.into(), value);
            same(v.clone());
            let e = lesson_file(&v).unwrap_err();
            assert_eq!(crate::scenario::read::path_text(&e.path), path, "{v}");
        }
        let mut v = base.clone();
        v.as_object_mut().unwrap().remove("objectives");
        same(v.clone());
        assert_eq!(
            lesson_file(&v).unwrap_err().message,
            "missing field `objectives`"
        );
        // Optional fields given as null, and the defaults.
        let mut v = base;
        v["solution"] = Value::Null;
        v["objectives"][0]["only_from"] = Value::Null;
        v["constraints"] =
            json!([{"label": {"en": "c"}, "no_open_rule": {"port": 22}, "no_public_ip": null}]);
        same(v);
    }
}
