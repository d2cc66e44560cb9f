//! `vpcplay check LESSON`: the exit status contract (0 all pass, 1 some fail, 2 bad input) and
//! one line per objective, for files, links and built-in lessons.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};
use vpc_playground::lesson::{builtin, link};

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_broken_start_exits_1_with_a_line_per_objective() {
    let o = vpcplay(&["check", "builtin:bastion"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lesson = builtin::load("bastion").unwrap();
    let marks = out
        .lines()
        .filter(|l| l.starts_with('✓') || l.starts_with('✗'))
        .count();
    assert_eq!(
        marks,
        lesson.objectives.len() + lesson.constraints.len(),
        "{out}"
    );
    assert!(
        out.contains("✓ My laptop reaches the bastion on 22"),
        "{out}"
    );
    assert!(
        out.contains("✗ The bastion reaches app on 22 — Dropped: security group app-sg"),
        "{out}"
    );
}

#[test]
fn every_built_in_solution_exits_0() {
    for name in builtin::names() {
        let o = vpcplay(&["check", "--builtin", name, "--solution"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
        assert!(!stdout(&o).contains('✗'), "{name}: {}", stdout(&o));
    }
}

#[test]
fn korean_labels_and_json() {
    let o = vpcplay(&["check", "--builtin", "stateless-acl", "--lang", "ko"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("상태 비저장 네트워크 ACL"),
        "{}",
        stdout(&o)
    );
    // The reasons are the grader's Korean ones.
    assert!(
        stdout(&o).contains("돌아오는 길에 차단됨"),
        "{}",
        stdout(&o)
    );
    let o = vpcplay(&["check", "builtin:stateless-acl", "--solution", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["passed"], true);
    assert_eq!(v["graded"], "solution");
    assert_eq!(v["lines"][0]["verdict"], "established");
}

#[test]
fn files_and_links_are_graded_too() {
    let lesson = builtin::load("peering-not-transitive").unwrap();
    let dir = std::env::temp_dir().join(format!("vpcplay-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lesson.json");
    std::fs::write(&file, lesson.to_json()).unwrap();
    let o = vpcplay(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("peering is not transitive"),
        "{}",
        stdout(&o)
    );
    let o = vpcplay(&["check", file.to_str().unwrap(), "--solution"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let url = format!(
        "https://vpc-playground.example/#{}",
        link::encode_fragment(&lesson)
    );
    let o = vpcplay(&["check", &url, "--solution"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2_naming_what_is_wrong() {
    let o = vpcplay(&["check", "builtin:no-such-lesson"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("public-subnet"), "{}", stderr(&o));

    let o = vpcplay(&["check", "/no/such/lesson.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/lesson.json"),
        "{}",
        stderr(&o)
    );

    let dir = std::env::temp_dir().join(format!("vpcplay-check-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("typo.json");
    let json = builtin::load("bastion").unwrap().to_json().replacen(
        "\"to\": \"app\"",
        "\"to\": \"apq\"",
        1,
    );
    std::fs::write(&file, json).unwrap();
    let o = vpcplay(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("typo.json: objectives[1].flow.to"), "{err}");
    assert!(err.contains("\"apq\""), "{err}");

    let o = vpcplay(&["check", "tests/data/two-tier.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a lesson"), "{}", stderr(&o));

    let o = vpcplay(&["check", "#l=1.@@@"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("link"), "{}", stderr(&o));

    let o = vpcplay(&["check"]);
    assert_eq!(o.status.code(), Some(2));

    let mut no_solution: serde_json::Value =
        serde_json::from_str(&builtin::load("bastion").unwrap().to_json()).unwrap();
    no_solution.as_object_mut().unwrap().remove("solution");
    let file = dir.join("no-solution.json");
    std::fs::write(&file, no_solution.to_string()).unwrap();
    let o = vpcplay(&["check", file.to_str().unwrap(), "--solution"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no solution"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}
