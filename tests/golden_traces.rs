//! Golden files of `vpcplay trace ... --json`: for every query of the AWS cases (the shared
//! reference snapshots, or their copy in tests/aws-cases/reference, and the project's own cases)
//! and of the shared external corpora (when ../shared is there), the exit status and the JSON the
//! command printed, one line per query in tests/golden/trace-<set>.jsonl.
//!
//! The command's output may gain fields, never lose or change one: every field of a golden line
//! must be in today's output with the same value (lists the same length). After a deliberate
//! change of output, `UPDATE_GOLDEN=1 cargo test --test golden_traces` writes the files again.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The query sets: name, folder of cases holding `queries.json`, and whether a clean clone has it.
fn sets() -> Vec<(&'static str, PathBuf, bool)> {
    let shared = manifest().join("../shared/scenarios");
    let reference = if shared.join("aws/queries.json").is_file() {
        shared.join("aws")
    } else {
        manifest().join("tests/aws-cases/reference")
    };
    vec![
        ("reference", reference, true),
        ("cases", manifest().join("tests/aws-cases"), true),
        ("external", shared.join("external"), false),
        ("external-next", shared.join("external-next"), false),
    ]
}

/// The command line of a query, after `vpcplay trace` (run in the set's folder, so that what
/// it prints does not depend on where the repository is).
fn args(q: &Value) -> Vec<String> {
    let text = |k: &str| q[k].as_str().unwrap_or_default().to_string();
    let mut a = vec![
        text("case"),
        "--from".into(),
        text("from"),
        "--to".into(),
        text("to"),
        "--proto".into(),
        text("proto"),
    ];
    if let Some(p) = q["port"].as_u64() {
        a.extend(["--port".into(), p.to_string()]);
    }
    if q["ipv6"].as_bool() == Some(true) {
        a.push("--ipv6".into());
    }
    a.push("--json".into());
    a
}

/// What the command gives for a query: its key, exit status and JSON output (or its error).
fn run(root: &Path, q: &Value) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .current_dir(root)
        .arg("trace")
        .args(args(q))
        .output()
        .expect("vpcplay runs");
    let key = format!(
        "{} {} -> {} {}{}",
        q["case"].as_str().unwrap_or_default(),
        q["from"].as_str().unwrap_or_default(),
        q["to"].as_str().unwrap_or_default(),
        q["proto"].as_str().unwrap_or_default(),
        q["port"]
            .as_u64()
            .map_or(String::new(), |p| format!("/{p}")),
    ) + if q["ipv6"].as_bool() == Some(true) {
        " ipv6"
    } else {
        ""
    };
    let output: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let error = (output.is_null()).then(|| String::from_utf8_lossy(&out.stderr).trim().to_string());
    json!({"query": key, "exit": out.status.code(), "output": output, "error": error})
}

/// Where `now` differs from `golden` by losing or changing something `golden` has.
fn lost(golden: &Value, now: &Value, at: &str, out: &mut Vec<String>) {
    match (golden, now) {
        (Value::Object(g), Value::Object(n)) => {
            for (k, v) in g {
                match n.get(k) {
                    Some(w) => lost(v, w, &format!("{at}.{k}"), out),
                    None => out.push(format!("{at}.{k} is gone")),
                }
            }
        }
        (Value::Array(g), Value::Array(n)) if g.len() == n.len() => {
            for (i, (v, w)) in g.iter().zip(n).enumerate() {
                lost(v, w, &format!("{at}[{i}]"), out);
            }
        }
        (g, n) if g == n => {}
        (g, n) => out.push(format!("{at}: was {g}, now {n}")),
    }
}

/// What is wrong with a hop's `step`, if anything: it must be one of the schema's step types,
/// with what that type holds.
fn untyped(step: &Value) -> Option<String> {
    let schema = vpc_playground::engine::trace::json_schema();
    let kinds = schema["$defs"]["Step"]["oneOf"]
        .as_array()
        .expect("the trace schema lists the step types")
        .clone();
    let Some(kind) = step["type"].as_str() else {
        return Some(format!("no typed step: {step}"));
    };
    let Some(def) = kinds
        .iter()
        .find(|k| k["properties"]["type"]["const"] == kind)
    else {
        return Some(format!("step type {kind:?} is not in the schema"));
    };
    let missing: Vec<&str> = def["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|f| step.get(*f).is_none())
        .collect();
    (!missing.is_empty()).then(|| format!("step {kind} lacks {}", missing.join(", ")))
}

#[test]
fn trace_json_keeps_every_field_of_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (set, root, always) in sets() {
        let Ok(text) = std::fs::read_to_string(root.join("queries.json")) else {
            assert!(!always, "{} has no queries.json", root.display());
            eprintln!(
                "note: {} is not here; its golden traces are not checked",
                root.display()
            );
            continue;
        };
        let queries: Vec<Value> = serde_json::from_str(&text).expect("queries.json is a list");
        let results: Vec<Value> = queries.iter().map(|q| run(&root, q)).collect();
        for r in &results {
            for (i, hop) in r["output"]["hops"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(why) = untyped(&hop["step"]) {
                    problems.push(format!("{set}: {}: hop {i}: {why}", r["query"]));
                }
            }
        }
        let file = manifest().join(format!("tests/golden/trace-{set}.jsonl"));
        if update {
            let lines: Vec<String> = results.iter().map(Value::to_string).collect();
            std::fs::write(&file, lines.join("\n") + "\n").expect("golden file written");
            continue;
        }
        let golden = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", file.display()));
        let golden: Vec<Value> = golden
            .lines()
            .map(|l| serde_json::from_str(l).expect("a golden line is JSON"))
            .collect();
        assert_eq!(
            golden.len(),
            results.len(),
            "{set}: queries added or removed"
        );
        for (g, now) in golden.iter().zip(&results) {
            let mut out = Vec::new();
            lost(g, now, "", &mut out);
            checked += 1;
            if !out.is_empty() {
                problems.push(format!("{set}: {}: {}", g["query"], out.join("; ")));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {checked} traces lost or changed what they had:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(update || checked >= 140, "only {checked} traces checked");
}
