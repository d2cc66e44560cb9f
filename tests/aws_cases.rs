//! The AWS-shaped cases: folders of `aws ec2 describe-*` output with queries stating the verdict
//! AWS gives (tests/aws-cases/, written by tests/aws-cases/generate.py, and the reference
//! snapshots of shared/scenarios/aws, copied to tests/aws-cases/reference/).
//!
//! Every query is checked twice: through the library (`aws::import_dir`, `scenario::normalize`
//! and the engine), and through the `vpcplay trace DIR --from F --to T --proto P [--port N]
//! --json` command, whose exit status (0 established, 1 not, 2 input error) and `blocked_by.id`
//! must match. Each test runs every query, prints a table of the disagreements and only then
//! fails. VPC_CASES_VERBOSE=1 prints every query's outcome.
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
    established: bool,
    /// Acceptable ids of the deciding component; empty when the query names none.
    blocked_by: Vec<String>,
}

impl Query {
    fn label(&self) -> String {
        let port = self.port.map_or(String::new(), |p| format!("/{p}"));
        format!(
            "{}:{} {} -> {} {}{port}",
            self.set, self.case, self.from, self.to, self.proto
        )
    }
}

/// Where a known disagreement shows: in both checks, or only through the command line (whose
/// loader also validates the imported scenario).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Both,
    Cli,
}

/// Queries that disagree with AWS for a known reason (an importer or validation limitation,
/// reported and tracked), by (case, protocol, port), where it shows, and the reason. They are
/// listed in the report and do not fail the tests; one that starts to agree fails them, so its
/// entry gets removed.
const KNOWN: &[(&str, &str, Option<u16>, Via, &str)] = &[
    (
        "nat-instance-check-off",
        "tcp",
        Some(443),
        Via::Both,
        NAT_INSTANCE,
    ),
    (
        "nat-instance-check-off",
        "icmp",
        None,
        Via::Both,
        NAT_INSTANCE,
    ),
    (
        "nat-instance-sg-blocks",
        "tcp",
        Some(80),
        Via::Both,
        NAT_INSTANCE,
    ),
    ("stopped-instance", "tcp", Some(22), Via::Both, STOPPED),
    ("stopped-instance", "icmp", None, Via::Both, STOPPED),
    ("rds-postgres", "tcp", Some(5432), Via::Both, RDS),
    (
        "nat-gateway-deleted-blackhole",
        "tcp",
        Some(443),
        Via::Cli,
        BLACKHOLE,
    ),
    (
        "nat-gateway-deleted-blackhole",
        "tcp",
        Some(8080),
        Via::Cli,
        BLACKHOLE,
    ),
    (
        "more-specific-route-blackhole",
        "tcp",
        Some(443),
        Via::Cli,
        BLACKHOLE,
    ),
    (
        "more-specific-route-blackhole",
        "udp",
        Some(53),
        Via::Cli,
        BLACKHOLE,
    ),
    ("peering-deleted", "tcp", Some(22), Via::Cli, STALE),
];

const NAT_INSTANCE: &str = "importer: every instance is a generic host, so a NAT instance \
     (check off, target of the private subnet's default route) forwards without translating \
     and the internet gateway drops the private source";

const STOPPED: &str =
    "importer: a stopped instance is imported as a running host that listens on every port";

const RDS: &str = "importer: an RDS interface becomes a MySQL endpoint that listens on 3306 \
     only, so 5432 is refused; an imported interface should listen on every port";

const BLACKHOLE: &str = "validation: a route in state blackhole whose NAT gateway was deleted \
     is rejected as an unknown reference (exit 2), though that is what AWS shows after the \
     deletion";

const STALE: &str = "validation: the blackhole routes to the deleted peering and the stale \
     group rule naming the peer's group are rejected (exit 2), though AWS shows both after the \
     deletion";

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

fn known(q: &Query, cli: bool) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|(case, proto, port, via, _)| {
            *case == q.case && *proto == q.proto && *port == q.port && (*via == Via::Both || cli)
        })
        .map(|k| k.4)
}

/// Runs `run` on every query, prints the disagreements, and fails if any is not a known one (or
/// a known one now agrees).
fn run_all(how: &str, cli: bool, run: impl Fn(&Query) -> Result<Outcome, String>) {
    let queries = all_queries();
    let mut failures = Vec::new();
    let mut known_seen = Vec::new();
    let mut fixed = Vec::new();
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
        match (problem, known(q, cli)) {
            (Some(p), Some(reason)) => known_seen.push((q.label(), p, reason)),
            (Some(p), None) => failures.push((q.label(), p)),
            (None, Some(reason)) => fixed.push((q.label(), reason)),
            (None, None) => {}
        }
    }
    eprintln!(
        "{how}: {} queries, {} agree with AWS, {} known disagreements, {} new disagreements",
        queries.len(),
        queries.len() - failures.len() - known_seen.len(),
        known_seen.len(),
        failures.len()
    );
    for (label, problem, reason) in &known_seen {
        eprintln!("  known  {label}\n         {problem}\n         ({reason})");
    }
    for (label, problem) in &failures {
        eprintln!("  FAIL   {label}\n         {problem}");
    }
    for (label, reason) in &fixed {
        eprintln!("  FIXED  {label}: agrees now; remove it from KNOWN ({reason})");
    }
    assert!(
        failures.is_empty() && fixed.is_empty(),
        "{how}: {} disagreement(s) with AWS and {} known one(s) now fixed (table above)",
        failures.len(),
        fixed.len()
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
    run_all("library", false, |q| {
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
    run_all("vpcplay trace", true, |q| {
        let mut cmd = Command::new(bin);
        cmd.arg("trace")
            .arg(&q.dir)
            .args(["--from", &q.from, "--to", &q.to, "--proto", &q.proto]);
        if let Some(p) = q.port {
            cmd.args(["--port", &p.to_string()]);
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
