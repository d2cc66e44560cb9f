//! Reading a lesson file's fields from its parsed JSON with the scenario reader's design
//! ([`crate::scenario::read`]): one reader per record, its field list written once, errors naming
//! the JSON path (`objectives[1].flow.port`). It accepts what the records' serde derives accept
//! (the tests compare the two), in much less code than the derived readers.

use super::{Constraint, Expect, FlowGoal, NoOpenRule, Objective, OnlyFrom, Text};
use crate::model::Protocol;
use crate::scenario::read::{cidr, protocol, read, record, ReadError};
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

record! {
    /// The file's fields; its version was checked before, so only its presence is read here.
    fn file -> LessonFile as FILE requires ["version"] {
        id: text,
        title: must(text),
        intro: or_default(text),
        scenario: must(|a| a.value().clone()),
        objectives: req_list(objective),
        constraints: list(constraint),
        hints: list(text),
        success: or_default(text),
        solution: option(|a| a.value().clone()),
    }
}

record! {
    /// Text in English and Korean (`{"en": ..., "ko": ...}`).
    fn text -> Text as TEXT {
        en: string,
        ko: text,
    }
}

record! {
    fn objective -> Objective as OBJECTIVE {
        label: must(text),
        flow: option(flow_goal),
        expect: option(|a| {
            a.parsed::<Expect>(EXPECT).unwrap_or(Expect::Blocked)
        }),
        only_from: option(only_from),
    }
}

record! {
    fn flow_goal -> FlowGoal as FLOW_GOAL {
        from: string,
        to: string,
        protocol: or(protocol, Protocol::Tcp),
        port: option(|a| a.u16()),
        through: option(|a| a.string()),
        ipv6: flag(false),
    }
}

record! {
    fn only_from -> OnlyFrom as ONLY_FROM {
        to: string,
        protocol: or(protocol, Protocol::Tcp),
        port: option(|a| a.u16()),
        sources: req_list(|a| a.string()),
    }
}

record! {
    fn constraint -> Constraint as CONSTRAINT {
        label: must(text),
        no_open_rule: option(no_open_rule),
        no_public_ip: option(|a| a.list(|i| i.string())),
    }
}

record! {
    fn no_open_rule -> NoOpenRule as NO_OPEN_RULE {
        protocol: or(protocol, Protocol::Tcp),
        port: option(|a| a.u16()),
        cidr: or_default(cidr),
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
