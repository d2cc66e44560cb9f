//! `vpcplay templates` and `template:NAME`: the built-in templates listed in both languages and
//! accepted wherever a SCENARIO is (trace, matrix, export), with post 003's flows checked through
//! the binary.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};
use vpc_playground::templates::{self, Lang};

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

/// The verdict code of `vpcplay trace template:NAME ... --json`, with its exit status.
fn verdict(template: &str, from: &str, to: &str, port: u16) -> (String, Option<i32>) {
    let scenario = format!("template:{template}");
    let port = port.to_string();
    let o = vpcplay(&[
        "trace", &scenario, "--from", from, "--to", to, "--port", &port, "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{from} → {to}: {e}: {}", stderr(&o)));
    (
        v["verdict"].as_str().unwrap_or_default().to_string(),
        o.status.code(),
    )
}

#[test]
fn templates_lists_every_template_one_per_line_tab_separated() {
    let o = vpcplay(&["templates"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), templates::all().len(), "{out}");
    for (line, t) in lines.iter().zip(templates::all()) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields,
            [t.id, t.name(Lang::En), t.description(Lang::En)],
            "{line}"
        );
    }
    assert!(out.contains("small-service\t"), "{out}");
}

#[test]
fn templates_in_korean_and_as_json() {
    let o = vpcplay(&["templates", "--lang", "ko"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let small = out
        .lines()
        .find(|l| l.starts_with("small-service\t"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(small.contains("작은 서비스 인프라 구성하기"), "{small}");

    for (lang, code) in [(Lang::En, "en"), (Lang::Ko, "ko")] {
        let o = vpcplay(&["templates", "--json", "--lang", code]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let list = v.as_array().expect("an array");
        assert_eq!(list.len(), templates::all().len());
        for (item, t) in list.iter().zip(templates::all()) {
            let mut keys: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, ["description", "id", "name"], "{item}");
            assert_eq!(item["id"], t.id);
            assert_eq!(item["name"], t.name(lang));
            assert_eq!(item["description"], t.description(lang));
        }
    }
}

#[test]
fn trace_template_small_service_gives_the_posts_verdicts() {
    let flows = [
        ("internet", "alb", 443, "established"),
        ("internet", "alb", 80, "established"),
        ("internet", "nginx", 8080, "no-public-address"),
        ("bastion", "mysql", 22, "established"),
        ("nginx", "internet", 443, "established"),
        ("My laptop", "bastion", 22, "established"),
        ("nginx", "mysql", 3306, "established"),
        ("Internet", "bastion", 22, "dropped-by-security-group"),
    ];
    for (from, to, port, want) in flows {
        let (got, code) = verdict("small-service", from, to, port);
        assert_eq!(got, want, "{from} → {to}:{port}");
        let want_code = if want == "established" { 0 } else { 1 };
        assert_eq!(code, Some(want_code), "{from} → {to}:{port}");
    }
}

#[test]
fn trace_template_shows_the_nat_instance_on_the_way_out() {
    let o = vpcplay(&[
        "trace",
        "template:small-service",
        "--from",
        "nginx",
        "--to",
        "internet",
        "--port",
        "443",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("nat-instance"), "{out}");
    assert!(out.contains("Verdict: established"), "{out}");
}

#[test]
fn trace_template_alb_autoscaling_reaches_the_healthy_targets_only() {
    assert_eq!(
        verdict("alb-autoscaling", "internet", "alb", 80),
        ("established".to_string(), Some(0))
    );
    assert_eq!(
        verdict("alb-autoscaling", "alb", "asg-2", 5000),
        ("refused".to_string(), Some(1))
    );
}

#[test]
fn matrix_and_export_take_a_template() {
    let o = vpcplay(&[
        "matrix",
        "template:small-service",
        "--ports",
        "22,443",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.is_object(), "{v}");
    assert!(stdout(&o).contains("nginx"));

    let o = vpcplay(&["export", "template:small-service"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exported = vpc_playground::scenario::load_str(&stdout(&o))
        .unwrap()
        .scenario;
    assert_eq!(Some(exported), templates::load("small-service"));

    let o = vpcplay(&["export", "template:alb-autoscaling", "--format", "link"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = stdout(&o);
    let back = vpc_playground::share::decode_link(link.trim()).unwrap();
    let again = vpc_playground::scenario::load_str(&back.scenario_json)
        .unwrap()
        .scenario;
    assert_eq!(Some(again), templates::load("alb-autoscaling"));
}

#[test]
fn an_unknown_template_exits_2_listing_the_valid_names() {
    for args in [
        vec![
            "trace",
            "template:nope",
            "--from",
            "a",
            "--to",
            "b",
            "--port",
            "22",
        ],
        vec!["matrix", "template:nope"],
        vec!["export", "template:nope"],
    ] {
        let o = vpcplay(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("\"nope\""), "{err}");
        for t in templates::all() {
            assert!(err.contains(t.id), "{args:?}: {err} does not list {}", t.id);
        }
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}

#[test]
fn matrix_json_gives_each_pair_of_classes_once_and_every_pair_of_endpoints_from_them() {
    for t in templates::all() {
        let o = vpcplay(&["matrix", &format!("template:{}", t.id), "--json"]);
        assert!(o.status.success(), "{}: {}", t.id, stderr(&o));
        let m: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
        let class_of: std::collections::HashMap<&str, u64> = (m["endpoints"].as_array().unwrap())
            .iter()
            .map(|e| (e["id"].as_str().unwrap(), e["class"].as_u64().unwrap()))
            .collect();
        let classes = m["classes"].as_u64().unwrap();
        assert!(class_of.values().all(|c| *c < classes), "{}", t.id);
        let mut by_class = std::collections::HashMap::new();
        for pair in m["pairs"].as_array().unwrap() {
            let key = (
                pair["from_class"].as_u64().unwrap(),
                pair["to_class"].as_u64().unwrap(),
            );
            for r in pair["results"].as_array().unwrap() {
                let port = r["port"].as_str().unwrap().to_string();
                let was =
                    by_class.insert((key, port), (r["verdict"].clone(), r["blocked_by"].clone()));
                assert!(
                    was.is_none(),
                    "{}: a class pair and port listed twice",
                    t.id
                );
            }
        }
        let results = m["results"].as_array().unwrap();
        let n = class_of.len();
        let ports = m["ports"].as_array().unwrap().len();
        assert_eq!(
            results.len(),
            n * (n - 1) * ports,
            "{}: every ordered pair, every port",
            t.id
        );
        for r in results {
            let key = (
                class_of[r["from"].as_str().unwrap()],
                class_of[r["to"].as_str().unwrap()],
            );
            let port = r["port"].as_str().unwrap().to_string();
            let pair = &by_class[&(key, port)];
            assert_eq!(
                (&r["verdict"], &r["blocked_by"]),
                (&pair.0, &pair.1),
                "{}: {r}",
                t.id
            );
        }
        // The verdicts are the single traces' (one pair checked against `vpcplay trace`).
        let first = &results[0];
        let (verdict, _) = verdict(
            t.id,
            first["from"].as_str().unwrap(),
            first["to"].as_str().unwrap(),
            first["port"].as_str().unwrap().parse().unwrap_or(0),
        );
        assert_eq!(
            verdict,
            first["verdict"].as_str().unwrap(),
            "{}: {first}",
            t.id
        );
    }
}

#[test]
fn trace_over_ipv6_with_the_flag_or_an_ipv6_address() {
    let o = vpcplay(&[
        "trace",
        "template:ipv6-egress-only",
        "--from",
        "internet",
        "--to",
        "app",
        "--port",
        "22",
        "--ipv6",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["verdict"], "no-route");
    assert_eq!(v["blocked_by"]["id"], "eigw-shop");
    assert_eq!(v["blocked_by"]["kind"], "egress-only-internet-gateway");
    assert_eq!(v["blocked_by"]["direction"], "return");
    assert_eq!(v["hops"][0]["dst"], "2600:1f18:ab00:1201::20");
    let o = vpcplay(&[
        "trace",
        "template:ipv6-egress-only",
        "--from",
        "2001:db8::1",
        "--to",
        "web",
        "--port",
        "443",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("[2600:1f18:ab00:1200::10]:443"),
        "{}",
        stdout(&o)
    );
    let o = vpcplay(&[
        "trace",
        "template:ipv6-egress-only",
        "--from",
        "10.0.0.10",
        "--to",
        "2001:db8::1",
        "--port",
        "443",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("different families"), "{}", stderr(&o));
}
