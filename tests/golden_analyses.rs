//! Golden files of the all-ports analyses: for every template and every AWS case (the
//! project's own, the reference snapshots, and the shared external corpora when ../shared is
//! there), what `vpcplay matrix SCENARIO --all-ports --json` and `vpcplay exposure SCENARIO
//! --json` print; and for every built-in lesson, what `vpcplay diff START SOLUTION --json`
//! prints with its exit status. One line per scenario in tests/golden/analyses-<set>.jsonl.
//!
//! After a deliberate change, `UPDATE_GOLDEN=1 cargo test --test golden_analyses` writes the
//! files again (and the diff of those files is the review).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `vpcplay ARGS` in `dir`: its exit status and the JSON it printed (or its error).
fn vpcplay(dir: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("vpcplay runs");
    let output: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let error = output
        .is_null()
        .then(|| String::from_utf8_lossy(&out.stderr).trim().to_string());
    json!({"exit": out.status.code(), "output": output, "error": error})
}

/// Both analyses of `scenario` (an argument as the command takes it, run in `dir`).
fn analyses(dir: &Path, name: &str, scenario: &str) -> Value {
    json!({
        "scenario": name,
        "all_ports": vpcplay(dir, &["matrix", scenario, "--all-ports", "--json"]),
        "exposure": vpcplay(dir, &["exposure", scenario, "--json"]),
    })
}

fn case_dirs(root: &Path) -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(root)
        .map(|r| {
            r.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// Checks (or with UPDATE_GOLDEN writes) `tests/golden/analyses-<set>.jsonl` against `lines`.
fn check(set: &str, lines: Vec<Value>, problems: &mut Vec<String>) {
    let file = manifest().join(format!("tests/golden/analyses-{set}.jsonl"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text: Vec<String> = lines.iter().map(Value::to_string).collect();
        std::fs::write(&file, text.join("\n") + "\n").expect("golden file written");
        return;
    }
    let golden = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", file.display()));
    let golden: Vec<Value> = (golden.lines())
        .map(|l| serde_json::from_str(l).expect("a golden line is JSON"))
        .collect();
    assert_eq!(
        golden.len(),
        lines.len(),
        "{set}: scenarios added or removed"
    );
    for (g, now) in golden.iter().zip(&lines) {
        if g != now {
            problems.push(format!(
                "{set}: {} differs from its golden line",
                g["scenario"]
            ));
        }
    }
}

#[test]
fn all_ports_and_exposure_of_every_template_and_case_match_the_golden_files() {
    let mut problems = Vec::new();
    let here = manifest();
    let templates: Vec<Value> = vpc_playground::templates::all()
        .iter()
        .map(|t| analyses(&here, t.id, &format!("template:{}", t.id)))
        .collect();
    for line in &templates {
        assert_eq!(line["all_ports"]["exit"], 0, "{line}");
        assert_eq!(line["exposure"]["exit"], 0, "{line}");
    }
    check("templates", templates, &mut problems);
    let shared = here.join("../shared/scenarios");
    let reference = if shared.join("aws").is_dir() {
        shared.join("aws")
    } else {
        here.join("tests/aws-cases/reference")
    };
    let sets = [
        ("reference", reference, true),
        ("cases", here.join("tests/aws-cases"), true),
        ("external", shared.join("external"), false),
        ("external-next", shared.join("external-next"), false),
    ];
    for (set, root, always) in sets {
        if !root.is_dir() {
            assert!(!always, "{} is missing", root.display());
            eprintln!(
                "note: {} is not here; its analyses are not checked",
                root.display()
            );
            continue;
        }
        let lines = case_dirs(&root)
            .iter()
            .filter(|d| d.as_str() != "reference")
            .map(|d| analyses(&root, d, d))
            .collect();
        check(set, lines, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn diff_of_every_lesson_from_start_to_solution_matches_the_golden_file() {
    let dir = std::env::temp_dir().join(format!("vpcplay-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let mut lines = Vec::new();
    let mut changed = 0;
    for b in vpc_playground::lesson::builtin::all() {
        let lesson = b.lesson();
        let Some(solution) = &lesson.solution else {
            continue;
        };
        let write = |name: &str, s: &vpc_playground::model::Scenario| {
            let path = dir.join(format!("{}-{name}.json", b.name));
            std::fs::write(&path, serde_json::to_string(s).unwrap()).unwrap();
            path.display().to_string()
        };
        let (start, end) = (
            write("start", &lesson.scenario),
            write("solution", solution),
        );
        let result = vpcplay(&dir, &["diff", &start, &end, "--json"]);
        changed += usize::from(result["exit"] == 1);
        lines.push(json!({"scenario": b.name, "diff": result}));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(changed > 0, "a lesson's solution changes some flow");
    let mut problems = Vec::new();
    check("lessons", lines, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
