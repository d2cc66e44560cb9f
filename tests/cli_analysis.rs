//! `vpcplay matrix --all-ports`, `vpcplay exposure` and `vpcplay diff` on the templates: what
//! they say about the networks the blog posts build, and their exit statuses.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::process::{Command, Output};

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("the command prints JSON")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn exposure_names_who_reaches_the_bastion_and_what_keeps_the_databases_private() {
    let out = vpcplay(&["exposure", "template:public-private-db"]);
    assert_eq!(out.status.code(), Some(0));
    let said = text(&out);
    // SSH is open to the trainer's address and the office range only, not to everyone.
    assert!(
        said.contains("redis-test is reachable from 13.209.1.56/29, 203.0.113.10/32 on tcp/22 via igw → vpc-default-acl rule 100 → sg-default"),
        "{said}"
    );
    assert!(!said.contains("0.0.0.0/0 on tcp/22"), "{said}");
    assert!(said.contains("redis: tcp/22"), "{said}");
    assert!(said.contains("no public address (redis)"), "{said}");

    let x = json(&vpcplay(&[
        "exposure",
        "template:public-private-db",
        "--json",
    ]));
    let openings = x["openings"].as_array().unwrap();
    assert!(openings.iter().all(|o| o["endpoint"]["id"] != "redis"));
    let ssh = openings
        .iter()
        .find(|o| o["endpoint"]["id"] == "bastion" && o["protocol"] == "tcp")
        .unwrap();
    assert_eq!(ssh["ports"], serde_json::json!([[22, 22]]));
}

#[test]
fn exposure_from_a_part_lists_what_it_reaches_inside() {
    let x = json(&vpcplay(&[
        "exposure",
        "template:public-private-db",
        "--from",
        "bastion",
        "--json",
    ]));
    assert_eq!(x["from"], "bastion");
    let reaches = |id: &str, port: u64| {
        x["openings"].as_array().unwrap().iter().any(|o| {
            o["endpoint"]["id"] == id
                && o["protocol"] == "tcp"
                && o["ports"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r[0].as_u64().unwrap() <= port && port <= r[1].as_u64().unwrap())
        })
    };
    assert!(reaches("mysql", 3306) && reaches("redis", 6379));
    assert!(!reaches("mysql", 22));
    let bad = vpcplay(&["exposure", "template:public-private-db", "--from", "nobody"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nobody"));
}

#[test]
fn all_ports_matrix_gives_port_ranges_per_class_pair() {
    let out = vpcplay(&["matrix", "template:public-private-db", "--all-ports"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out).contains("redis-test → redis: tcp 6379; udp none; icmp no"),
        "{}",
        text(&out)
    );
    let m = json(&vpcplay(&[
        "matrix",
        "template:public-private-db",
        "--all-ports",
        "--json",
    ]));
    let class = |id: &str| {
        m["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()["class"]
            .clone()
    };
    let pair = m["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["from_class"] == class("bastion") && p["to_class"] == class("mysql"))
        .unwrap();
    assert_eq!(pair["tcp"]["open"], serde_json::json!([[3306, 3306]]));
    let closed = pair["tcp"]["closed"].as_array().unwrap();
    assert!(closed.iter().all(|c| c["blocked_by"]["id"].is_string()));
    assert_eq!(pair["icmp"]["verdict"], "refused");
    // --all-ports and --ports ask different things.
    let both = vpcplay(&[
        "matrix",
        "template:public-private-db",
        "--all-ports",
        "--ports",
        "22",
    ]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn diff_exits_1_and_names_the_group_that_opened_ssh_to_the_world() {
    let dir = std::env::temp_dir().join(format!("vpcplay-cli-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let before = dir.join("before.json");
    let after = dir.join("after.json");
    let exported = vpcplay(&["export", "template:public-private-db"]);
    std::fs::write(&before, &exported.stdout).unwrap();
    let mut s: Value = serde_json::from_slice(&exported.stdout).unwrap();
    let rules = s["security_groups"][0]["inbound"].as_array_mut().unwrap();
    let ssh = rules.iter_mut().find(|r| r["ports"] == "22").unwrap();
    ssh["peer"] = serde_json::json!({"cidr": "0.0.0.0/0"});
    std::fs::write(&after, serde_json::to_string(&s).unwrap()).unwrap();
    let (b, a) = (before.to_str().unwrap(), after.to_str().unwrap());

    let same = vpcplay(&["diff", b, b]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(text(&same).trim(), "No flow changed.");

    let out = vpcplay(&["diff", b, a]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("now open: Someone else → redis-test tcp/22 (was dropped-by-security-group by sg-default (no matching rule))"),
        "{}",
        text(&out)
    );
    let d = json(&vpcplay(&["diff", b, a, "--json"]));
    let changes = d["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        assert_eq!(c["change"], "opened");
        assert_eq!(c["ports"], serde_json::json!([[22, 22]]));
        assert_eq!(c["changed_by"]["id"], "sg-default");
    }
    // Back again: the same flows close.
    let back = json(&vpcplay(&["diff", a, b, "--json"]));
    assert!(back["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["change"] == "closed"));
    assert_eq!(
        vpcplay(&["diff", b, "/no/such/file"]).status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
