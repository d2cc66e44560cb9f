//! The AWS-shaped cases: folders of `aws ec2 describe-*` output with queries stating the verdict
//! AWS gives (tests/aws-cases/, written by tests/aws-cases/generate.py, and the reference
//! snapshots of shared/scenarios/aws, copied to tests/aws-cases/reference/).
//!
//! Every query is checked twice: through the library (`aws::import_dir`, `scenario::normalize`
//! and the engine), and through the `vpcplay trace DIR --from F --to T --proto P [--port N]
//! [--ipv6] --json` command, whose exit status (0 established, 1 not, 2 input error) and
//! `blocked_by.id` must match. A query with `"ipv6": true` is traced over the endpoints'
//! IPv6 addresses (`FlowSpec.ipv6`, `--ipv6`). Each test runs every query, prints a table of the
//! disagreements and only then fails. VPC_CASES_VERBOSE=1 prints every query's outcome.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use vpc_playground::aws::import_dir;
use vpc_playground::engine::{trace, FlowSpec, Network};
use vpc_playground::model::Protocol;
use vpc_playground::scenario::normalize;

/// One query of a queries.json.
#[derive(Debug, Clone)]
struct Query {
    /// Where it comes from (`reference` or `cases`), for the report.
    set: &'static str,
    dir: PathBuf,
    case: String,
    from: String,
    to: String,
    proto: String,
    port: Option<u16>,
    /// Traced over the endpoints' IPv6 addresses (`"ipv6": true`; absent means false). A
    /// literal IPv6 address as an end implies it anyway.
    ipv6: bool,
    established: bool,
    /// Acceptable ids of the deciding component; empty when the query names none.
    blocked_by: Vec<String>,
}

impl Query {
    fn label(&self) -> String {
        let port = self.port.map_or(String::new(), |p| format!("/{p}"));
        let family = if self.ipv6 { " (ipv6)" } else { "" };
        format!(
            "{}:{} {} -> {} {}{port}{family}",
            self.set, self.case, self.from, self.to, self.proto
        )
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_queries(set: &'static str, root: &Path) -> Vec<Query> {
    let path = root.join("queries.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let list: Vec<Value> = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not a JSON list: {e}", path.display()));
    list.iter()
        .map(|q| {
            let text = |k: &str| {
                q[k].as_str()
                    .unwrap_or_else(|| panic!("{}: query without {k}: {q}", path.display()))
                    .to_string()
            };
            let case = text("case");
            let blocked_by = match &q["blocked_by"] {
                Value::Null => Vec::new(),
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().expect("blocked_by ids are strings").to_string())
                    .collect(),
                other => panic!("{}: blocked_by {other} is not an id", path.display()),
            };
            let expect = text("expect");
            assert!(
                expect == "established" || expect == "not-established",
                "{}: expect {expect:?}",
                path.display()
            );
            Query {
                set,
                dir: root.join(&case),
                case,
                from: text("from"),
                to: text("to"),
                proto: text("proto"),
                port: q["port"].as_u64().map(|p| p as u16),
                ipv6: match &q["ipv6"] {
                    Value::Null => false,
                    Value::Bool(b) => *b,
                    other => panic!("{}: ipv6 {other} is not a boolean", path.display()),
                },
                established: expect == "established",
                blocked_by,
            }
        })
        .collect()
}

/// Every query: the shared reference snapshots (from ../shared when it is there, else from the
/// copy in tests/aws-cases/reference) and the project's own cases.
fn all_queries() -> Vec<Query> {
    let shared = manifest().join("../shared/scenarios/aws");
    let copy = manifest().join("tests/aws-cases/reference");
    let reference = if shared.join("queries.json").is_file() {
        let a = std::fs::read_to_string(shared.join("queries.json")).unwrap();
        let b = std::fs::read_to_string(copy.join("queries.json")).unwrap_or_default();
        if a != b {
            eprintln!(
                "note: {} differs from tests/aws-cases/reference/queries.json; using the shared \
                 one (refresh the copy)",
                shared.display()
            );
        }
        shared
    } else {
        eprintln!(
            "note: {} is not here (a clean clone); using the copy in tests/aws-cases/reference",
            shared.display()
        );
        copy
    };
    let mut all = read_queries("reference", &reference);
    all.extend(read_queries("cases", &manifest().join("tests/aws-cases")));
    assert!(all.len() > 100, "only {} queries found", all.len());
    all
}

/// What a run gave: established or not, the deciding id, and words for the report.
struct Outcome {
    established: bool,
    blocked_by: Option<String>,
    verdict: String,
}

fn check(q: &Query, got: &Outcome) -> Option<String> {
    if got.established != q.established {
        let want = if q.established {
            "established"
        } else {
            "not established"
        };
        return Some(format!("want {want}, got {}", got.verdict));
    }
    if !q.blocked_by.is_empty() {
        let id = got.blocked_by.as_deref().unwrap_or("(none)");
        if !q.blocked_by.iter().any(|b| b == id) {
            return Some(format!(
                "{}: decided by {id}, want {}",
                got.verdict,
                q.blocked_by.join(" or ")
            ));
        }
    }
    None
}

/// Runs `run` on every query, prints a table of the disagreements, and fails if there is any.
fn run_all(how: &str, run: impl Fn(&Query) -> Result<Outcome, String>) {
    let queries = all_queries();
    let mut failures = Vec::new();
    // VPC_CASES_VERBOSE=1 prints every query's outcome, agreeing or not.
    let verbose = std::env::var_os("VPC_CASES_VERBOSE").is_some();
    for q in &queries {
        let result = run(q);
        if verbose {
            match &result {
                Ok(got) => eprintln!(
                    "  {:<24} {:<10} {}",
                    got.verdict,
                    got.blocked_by.as_deref().unwrap_or("-"),
                    q.label()
                ),
                Err(e) => eprintln!("  error {e} {}", q.label()),
            }
        }
        let problem = match result {
            Ok(got) => check(q, &got),
            Err(e) => Some(format!("error: {e}")),
        };
        if let Some(p) = problem {
            failures.push((q.label(), p));
        }
    }
    eprintln!(
        "{how}: {} queries, {} agree with AWS, {} disagree",
        queries.len(),
        queries.len() - failures.len(),
        failures.len()
    );
    for (label, problem) in &failures {
        eprintln!("  FAIL   {label}\n         {problem}");
    }
    assert!(
        failures.is_empty(),
        "{how}: {} disagreement(s) with AWS (table above)",
        failures.len()
    );
}

#[test]
fn aws_cases_through_the_library() {
    let mut cache: std::collections::BTreeMap<PathBuf, Result<_, String>> = Default::default();
    for q in all_queries() {
        cache.entry(q.dir.clone()).or_insert_with(|| {
            // As the command line does: import, then complete what AWS leaves implicit.
            let mut imported = import_dir(&q.dir).map_err(|e| e.to_string())?;
            normalize(&mut imported.scenario);
            Ok(imported)
        });
    }
    run_all("library", |q| {
        let imported = cache[&q.dir].as_ref().map_err(|e| format!("import: {e}"))?;
        let net = Network::new(&imported.scenario);
        let protocol: Protocol = q.proto.parse()?;
        let t = trace(
            &net,
            &FlowSpec {
                from: q.from.clone(),
                to: q.to.clone(),
                protocol,
                port: q.port,
                src_port: None,
                ipv6: q.ipv6,
            },
        )
        .map_err(|e| e.to_string())?;
        Ok(Outcome {
            established: t.verdict.is_established(),
            blocked_by: t.blocked_by.map(|b| b.id),
            verdict: t.verdict.code().to_string(),
        })
    });
}

#[test]
fn aws_cases_through_the_cli() {
    let bin = env!("CARGO_BIN_EXE_vpcplay");
    run_all("vpcplay trace", |q| {
        let mut cmd = Command::new(bin);
        cmd.arg("trace")
            .arg(&q.dir)
            .args(["--from", &q.from, "--to", &q.to, "--proto", &q.proto]);
        if let Some(p) = q.port {
            cmd.args(["--port", &p.to_string()]);
        }
        if q.ipv6 {
            cmd.arg("--ipv6");
        }
        cmd.arg("--json");
        let out = cmd.output().map_err(|e| format!("cannot run {bin}: {e}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        if code == Some(2) {
            return Err(format!("input error (exit 2): {}", stderr.trim()));
        }
        if code != Some(0) && code != Some(1) {
            return Err(format!("exit {code:?}: {}", stderr.trim()));
        }
        let json: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
            format!(
                "exit {code:?}, stdout is not JSON ({e}): {:?} {}",
                String::from_utf8_lossy(&out.stdout),
                stderr.trim()
            )
        })?;
        let verdict = json["verdict"]
            .as_str()
            .unwrap_or("(no verdict)")
            .to_string();
        let established = code == Some(0);
        if established != (verdict == "established") {
            return Err(format!("exit {code:?} but verdict {verdict}"));
        }
        let blocked_by = json["blocked_by"]["id"].as_str().map(String::from);
        if established != blocked_by.is_none() {
            return Err(format!(
                "verdict {verdict} but blocked_by {}",
                json["blocked_by"]
            ));
        }
        Ok(Outcome {
            established,
            blocked_by,
            verdict,
        })
    });
}

/// The cases are what generate.py writes: every case folder has its queries, every query its
/// folder, and each says which AWS rule it exercises.
#[test]
fn aws_cases_are_complete() {
    let root = manifest().join("tests/aws-cases");
    let text = std::fs::read_to_string(root.join("queries.json")).unwrap();
    let queries: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut cases = std::collections::BTreeSet::new();
    for q in &queries {
        let case = q["case"].as_str().unwrap();
        cases.insert(case.to_string());
        assert!(root.join(case).is_dir(), "query names missing case {case}");
        let why = q["why"].as_str().unwrap_or_default();
        assert!(
            why.len() > 40,
            "{case}: query {q} does not say which rule it exercises"
        );
    }
    let folders: std::collections::BTreeSet<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir() && e.file_name() != "reference")
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders, cases, "case folders and queries.json disagree");
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    for case in &cases {
        for file in [
            "describe-vpcs.json",
            "describe-subnets.json",
            "describe-route-tables.json",
            "describe-network-acls.json",
            "describe-security-groups.json",
            "describe-instances.json",
            "describe-network-interfaces.json",
            "describe-internet-gateways.json",
            "describe-nat-gateways.json",
            "describe-vpc-peering-connections.json",
        ] {
            assert!(
                root.join(case).join(file).is_file(),
                "{case}/{file} missing"
            );
        }
    }
}
