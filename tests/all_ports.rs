//! The all-ports analysis agrees with single traces on every template and on every AWS case
//! (the project's own and, when ../shared is there, the shared corpora): for every pair of
//! endpoint classes and every port where a part begins or ends or a rule of the scenario draws
//! a boundary, the part holding the port has the verdict and the blocker of the single trace.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::{Path, PathBuf};
use vpc_playground::engine::all_ports::all_ports;
use vpc_playground::engine::flow::trace_resolved;
use vpc_playground::engine::matrix::Classes;
use vpc_playground::engine::{FlowSpec, Network};
use vpc_playground::model::{Protocol, Scenario};

/// Every number a port field of the scenario holds, with its neighbours.
fn rule_ports(s: &Scenario) -> Vec<u16> {
    fn walk(v: &Value, key: &str, out: &mut Vec<u16>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| walk(v, k, out)),
            Value::Array(a) => a.iter().for_each(|v| walk(v, key, out)),
            Value::Number(n) if key.contains("port") || key == "from" || key == "to" => {
                if let Some(p) = n.as_u64().and_then(|p| u16::try_from(p).ok()) {
                    out.extend([p.saturating_sub(1), p, p.saturating_add(1)]);
                }
            }
            Value::String(t) if key.contains("port") => {
                // "22", "1024-65535", "udp/53"
                for piece in t.split(|c: char| !c.is_ascii_digit()) {
                    if let Ok(p) = piece.parse::<u16>() {
                        out.extend([p.saturating_sub(1), p, p.saturating_add(1)]);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = vec![
        0, 1023, 1024, 32767, 32768, 49151, 49152, 60999, 61000, 65535,
    ];
    walk(&serde_json::to_value(s).unwrap(), "", &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Checks `s`; returns how many ports were compared and the disagreements.
fn check(name: &str, s: &Scenario) -> (usize, Vec<String>) {
    let net = Network::new(s);
    let all = all_ports(&net);
    let classes = Classes::new(&net);
    let edges = rule_ports(s);
    let (mut compared, mut wrong) = (0, Vec::new());
    for a in 0..all.classes {
        for b in 0..all.classes {
            let (Some(cell), Some((client, to))) = (all.class_cell(a, b), classes.pair(&net, a, b))
            else {
                continue;
            };
            for proto in cell {
                let mut ports: Vec<u16> = edges.clone();
                for part in &proto.parts {
                    for r in part.ports.ranges() {
                        ports.extend([r.from, r.to, r.from / 2 + r.to / 2]);
                        ports.extend([r.from.saturating_sub(1), r.to.saturating_add(1)]);
                    }
                }
                if proto.protocol == Protocol::Icmp {
                    ports = vec![0];
                }
                ports.sort_unstable();
                ports.dedup();
                for port in ports {
                    let spec = FlowSpec::resolved(
                        proto.protocol,
                        proto.protocol.has_ports().then_some(port),
                    );
                    let t = trace_resolved(&net, client, to, &spec, false);
                    let part = proto.part_of(port).expect("the parts cover every port");
                    compared += 1;
                    if part.verdict != t.verdict || part.blocked_by != t.blocked_by {
                        wrong.push(format!(
                            "{name}: {} -> {} {}/{port}: all-ports says {} by {:?}, the trace {} by {:?}",
                            classes.endpoints.iter().find(|e| e.class == a).unwrap().id,
                            classes.endpoints.iter().find(|e| e.class == b).unwrap().id,
                            proto.protocol,
                            part.verdict.code(),
                            part.blocked_by.as_ref().map(|b| &b.id),
                            t.verdict.code(),
                            t.blocked_by.as_ref().map(|b| &b.id),
                        ));
                    }
                }
            }
        }
    }
    (compared, wrong)
}

fn case_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|r| {
            r.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn report(what: &str, results: Vec<(usize, Vec<String>)>) {
    let compared: usize = results.iter().map(|r| r.0).sum();
    let wrong: Vec<String> = results.into_iter().flat_map(|r| r.1).collect();
    eprintln!(
        "{what}: {compared} ports compared, {} disagree",
        wrong.len()
    );
    assert!(compared > 0, "{what}: nothing compared");
    assert!(
        wrong.is_empty(),
        "{}",
        wrong[..wrong.len().min(30)].join("\n")
    );
}

#[test]
fn all_ports_agrees_with_single_traces_on_every_template() {
    let results = vpc_playground::templates::all()
        .iter()
        .map(|t| check(t.id, &t.scenario()))
        .collect();
    report("templates", results);
}

#[test]
fn all_ports_agrees_with_single_traces_on_every_aws_case() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/scenarios");
    let mut dirs = case_dirs(&manifest.join("tests/aws-cases"));
    dirs.extend(case_dirs(&manifest.join("tests/aws-cases/reference")));
    for set in ["external", "external-next"] {
        dirs.extend(case_dirs(&shared.join(set)));
    }
    let results = dirs
        .iter()
        .filter_map(|d| {
            let mut imported = vpc_playground::aws::import_dir(d).ok()?;
            vpc_playground::scenario::normalize(&mut imported.scenario);
            Some(check(&d.display().to_string(), &imported.scenario))
        })
        .collect();
    report("aws cases", results);
}
