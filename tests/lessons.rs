//! The built-in lesson track: every lesson loads, its start fails at least one objective, its
//! solution passes them all, its text is in English and Korean, and it travels in a link.

use vpc_playground::i18n::{Lang, Text};
use vpc_playground::lesson::{self, builtin, check, check_solution, from_json, link, Report};

fn show(r: &Report) -> String {
    r.lines
        .iter()
        .map(|l| {
            format!(
                "  {} {} — {}",
                if l.passed { "✓" } else { "✗" },
                l.label.en,
                l.reason
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn korean(t: &Text) -> bool {
    t.ko.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn the_track_has_at_least_eight_lessons() {
    assert!(builtin::all().len() >= 8);
    for name in builtin::names() {
        assert!(builtin::load(name).is_some(), "{name}");
    }
    assert!(builtin::load("nope").is_none());
}

#[test]
fn every_start_fails_and_every_solution_passes() {
    let mut problems = Vec::new();
    for b in builtin::all() {
        let l = b.lesson();
        assert_eq!(l.id, b.name);
        let start = check(&l);
        if start.passed() {
            problems.push(format!(
                "{}: the start passes everything:\n{}",
                b.name,
                show(&start)
            ));
        }
        let sol = check_solution(&l).unwrap_or_else(|| panic!("{} has no solution", b.name));
        if !sol.passed() {
            problems.push(format!("{}: the solution fails:\n{}", b.name, show(&sol)));
        }
        assert_eq!(start.lines.len(), l.objectives.len() + l.constraints.len());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_lesson_speaks_english_and_korean() {
    for b in builtin::all() {
        let l = b.lesson();
        let mut texts = vec![
            ("title", &l.title),
            ("intro", &l.intro),
            ("success", &l.success),
        ];
        texts.extend(l.objectives.iter().map(|o| ("objective", &o.label)));
        texts.extend(l.constraints.iter().map(|c| ("constraint", &c.label)));
        texts.extend(l.hints.iter().map(|h| ("hint", h)));
        assert!(!l.hints.is_empty(), "{}: no hints", b.name);
        for (what, t) in texts {
            assert!(!t.en.trim().is_empty(), "{}: {what} has no English", b.name);
            assert!(korean(t), "{}: {what} has no Korean: {:?}", b.name, t);
            assert_ne!(t.get(Lang::Ko), t.get(Lang::En));
        }
    }
}

#[test]
fn lessons_travel_in_a_link() {
    for b in builtin::all() {
        let l = b.lesson();
        let fragment = link::encode_fragment(&l);
        assert!(fragment.starts_with("l=2."), "{fragment}");
        println!("{}: {} characters", b.name, fragment.len());
        assert!(link::looks_like_lesson_link(&format!("#{fragment}")));
        let back = link::decode(&format!(
            "https://vpc-playground.example/#{fragment}&lang=ko"
        ))
        .unwrap_or_else(|e| panic!("{}: {e}", b.name));
        assert_eq!(back, l, "{}", b.name);
    }
    assert!(matches!(
        link::decode("#s=1.AAAA"),
        Err(link::LessonLinkError::NoLesson)
    ));
}

const MINIMAL: &str = r#"{
  "version": 1,
  "title": {"en": "t"},
  "scenario": {"version": 1,
    "vpcs": [{"id": "v", "cidrs": ["10.0.0.0/16"]}],
    "subnets": [{"id": "s", "vpc": "v", "cidr": "10.0.0.0/24"}],
    "instances": [{"id": "web", "listens": [80], "interfaces": [{"id": "e", "subnet": "s", "private_ip": "10.0.0.10"}]}]},
  "objectives": [OBJ]
}"#;

fn with(obj: &str) -> Result<lesson::Lesson, lesson::LessonError> {
    from_json(&MINIMAL.replace("OBJ", obj))
}

#[test]
fn errors_name_the_path() {
    let e = with(r#"{"label": {"en": "x"}, "flow": {"from": "internet", "to": "wbe", "port": 80}, "expect": "established"}"#)
        .unwrap_err();
    assert_eq!(e.path, "objectives[0].flow.to", "{e}");
    assert!(e.to_string().contains("\"wbe\""), "{e}");
    let e = with(r#"{"label": {"en": "x"}, "flow": {"from": "internet", "to": "web"}, "expect": "established"}"#)
        .unwrap_err();
    assert_eq!(e.path, "objectives[0].flow.port", "{e}");
    let e = with(r#"{"label": {"en": "x"}, "flow": {"from": "internet", "to": "web", "port": 80}, "expect": "open"}"#)
        .unwrap_err();
    assert!(e.path.starts_with("objectives[0].expect"), "{e}");
    assert!(e.message.contains("not-transitive"), "{e}");
    let e =
        with(r#"{"label": {"en": "x"}, "flow": {"from": "internet", "to": "web", "port": 80}}"#)
            .unwrap_err();
    assert_eq!(e.path, "objectives[0].expect", "{e}");
    let e = with(
        r#"{"label": {"en": "x"}, "only_from": {"to": "web", "port": 80, "sources": ["nobody"]}}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "objectives[0].only_from.sources[0]", "{e}");
    let e = with(r#"{"label": {"en": "x"}, "flows": {}}"#).unwrap_err();
    assert!(e.path.starts_with("objectives[0]"), "{e}");
    let bad_scenario = MINIMAL
        .replace("10.0.0.0/24", "10.0.0.0/33")
        .replace("OBJ", r#"{"label": {"en": "x"}, "only_from": {"to": "web", "port": 80, "sources": ["internet"]}}"#);
    let e = from_json(&bad_scenario).unwrap_err();
    assert_eq!(e.path, "scenario.subnets[0].cidr", "{e}");
    let e = from_json(r#"{"version": 2}"#).unwrap_err();
    assert_eq!(e.path, "version");
    assert!(from_json("[").unwrap_err().message.contains("JSON"));
}

#[test]
fn flows_expect_a_verdict_and_report_the_engines_summary() {
    let l = with(r#"{"label": {"en": "nobody reaches web", "ko": "아무도 web에 접근하지 못한다"}, "flow": {"from": "internet", "to": "web", "port": 80}, "expect": "no-public-address"}"#).unwrap();
    let r = check(&l);
    assert!(r.passed(), "{}", show(&r));
    assert!(r.lines[0].reason.contains("no public IP"), "{}", show(&r));
    let l = with(r#"{"label": {"en": "web reaches itself?"}, "flow": {"from": "10.0.0.10", "to": "web", "port": 81}, "expect": "established"}"#).unwrap();
    let r = check(&l);
    assert!(!r.passed());
    assert_eq!(r.lines[0].verdict.map(|v| v.code()), Some("refused"));
}

#[test]
fn constraints_find_open_rules_and_public_addresses() {
    let json = r#"{
      "version": 1, "title": {"en": "t"},
      "scenario": {"version": 1,
        "vpcs": [{"id": "v", "cidrs": ["10.0.0.0/16"]}],
        "subnets": [{"id": "s", "vpc": "v", "cidr": "10.0.0.0/24"}],
        "security_groups": [{"id": "sg-ssh", "name": "ssh", "vpc": "v",
          "inbound": [{"protocol": "tcp", "ports": "20-30", "peer": {"cidr": "0.0.0.0/0"}}]}],
        "instances": [{"id": "web", "listens": [22], "interfaces": [{"id": "e", "subnet": "s",
          "private_ip": "10.0.0.10", "public_ip": "54.1.2.3", "security_groups": ["sg-ssh"]}]}]},
      "objectives": [],
      "constraints": [
        {"label": {"en": "no ssh to the world"}, "no_open_rule": {"port": 22}},
        {"label": {"en": "no 3389 to the world"}, "no_open_rule": {"port": 3389}},
        {"label": {"en": "no ssh to one address"}, "no_open_rule": {"port": 22, "cidr": "203.0.113.10/32"}},
        {"label": {"en": "web is private"}, "no_public_ip": ["web"]}
      ]}"#;
    let r = check(&from_json(json).unwrap());
    let passed: Vec<bool> = r.lines.iter().map(|l| l.passed).collect();
    assert_eq!(passed, [false, true, false, false], "{}", show(&r));
    assert!(
        r.lines[0].reason.contains(": ssh inbound rule #1"),
        "{}",
        show(&r)
    );
    assert!(r.lines[3].reason.contains("54.1.2.3"), "{}", show(&r));
    assert_eq!(r.passed_count(), 1);
}

/// The lesson's start scenario, changed by `edit` as a learner might.
fn edited(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> (lesson::Lesson, Report) {
    let l = builtin::load(name).unwrap();
    let mut v = serde_json::to_value(&l.scenario).unwrap();
    edit(&mut v);
    let s = serde_json::from_value(v).unwrap();
    let r = lesson::check_scenario(&l, &s);
    (l, r)
}

fn find<'a>(list: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    list.as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn common_wrong_fixes_are_caught() {
    use serde_json::json;
    // Making every subnet public through the main route table reaches web, but batch too.
    let (_, r) = edited("main-route-table", |v| {
        find(&mut v["route_tables"], "vpc-main")["routes"] = json!([
            {"destination": {"cidr": "0.0.0.0/0"}, "target": {"internet_gateway": "igw"}}
        ]);
    });
    assert!(r.lines[0].passed && !r.lines[1].passed, "{}", show(&r));

    // Opening SSH on app to everyone lets web in too, and breaks the constraint.
    let (_, r) = edited("bastion", |v| {
        find(&mut v["security_groups"], "sg-app")["inbound"] = json!([
            {"protocol": "tcp", "ports": "22", "peer": {"cidr": "0.0.0.0/0"}}
        ]);
    });
    assert!(r.lines[1].passed, "{}", show(&r));
    assert!(!r.lines[2].passed, "{}", show(&r));
    assert!(
        r.lines[2].reason.contains("web also reaches it"),
        "{}",
        show(&r)
    );
    assert!(
        r.lines[2].reason_ko.contains("web에서도 접근할 수 있음"),
        "{}",
        r.lines[2].reason_ko
    );

    // Giving app a public IP in a public subnet reaches the internet, but breaks the constraint.
    let (_, r) = edited("private-subnet-nat", |v| {
        find(&mut v["route_tables"], "rt-public")["subnets"] = json!(["public-a", "private-a"]);
        find(&mut v["instances"], "app")["interfaces"][0]["public_ip"] = json!("54.180.2.99");
    });
    assert!(r.lines[0].passed, "{}", show(&r));
    assert!(!r.passed(), "{}", show(&r));
    assert!(!r.lines[3].passed, "{}", show(&r));

    // Opening every port in the network ACL works, but SSH is no longer closed.
    let (_, r) = edited("stateless-acl", |v| {
        let acl = find(&mut v["network_acls"], "acl-web");
        acl["inbound"] =
            json!([{"number": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]);
        acl["outbound"] = acl["inbound"].clone();
        find(&mut v["security_groups"], "sg-web")["inbound"]
            .as_array_mut()
            .unwrap()
            .push(json!({"protocol": "tcp", "ports": "22", "peer": {"cidr": "0.0.0.0/0"}}));
        find(&mut v["instances"], "web")["listens"] = json!([22, 80, 443]);
    });
    assert!(
        r.lines[0].passed && r.lines[1].passed && r.lines[2].passed,
        "{}",
        show(&r)
    );
    assert!(!r.lines[3].passed && !r.lines[4].passed, "{}", show(&r));

    // Allowing only the Linux ephemeral range works for Linux clients, not for Windows ones.
    let (_, r) = edited("stateless-acl", |v| {
        let acl = find(&mut v["network_acls"], "acl-web");
        for dir in ["inbound", "outbound"] {
            acl[dir].as_array_mut().unwrap().push(json!(
                {"number": 120, "protocol": "tcp", "ports": "32768-60999", "cidr": "0.0.0.0/0", "action": "allow"}
            ));
        }
    });
    assert!(!r.lines[0].passed, "{}", show(&r));
    assert_eq!(
        r.lines[1].verdict.map(|v| v.code()),
        Some("depends-on-source-port")
    );
    assert!(r.lines[2].passed, "{}", show(&r));

    // Taking the firewall out of the way in reaches web, but not through the firewall; and
    // turning off its state tracking hides the asymmetry instead of fixing it.
    let (_, r) = edited("firewall-return-path", |v| {
        find(&mut v["route_tables"], "igw-edge")["gateways"] = json!([]);
    });
    assert!(!r.lines[0].passed, "{}", show(&r));
    assert_eq!(r.lines[0].verdict.map(|v| v.code()), Some("no-route"));
    assert!(
        r.lines[0]
            .reason
            .contains("does not pass through firewall both ways"),
        "{}",
        show(&r)
    );
    let (_, r) = edited("firewall-return-path", |v| {
        find(&mut v["instances"], "fw")["stateful"] = json!(false);
    });
    assert!(!r.lines[0].passed, "{}", show(&r));
}

#[test]
fn a_scenario_with_errors_fails_every_line_and_says_why() {
    let (l, r) = edited("public-subnet", |v| {
        v["subnets"][0]["cidr"] = serde_json::json!("10.9.0.0/24");
    });
    assert_eq!(r.lines.len(), l.objectives.len() + l.constraints.len());
    assert!(
        r.lines
            .iter()
            .all(|x| !x.passed && x.reason.contains("errors")),
        "{}",
        show(&r)
    );
}

#[test]
fn every_lesson_scenario_draws_every_part() {
    use vpc_playground::templates::drawn_parts;
    for b in builtin::all() {
        let l = b.lesson();
        for (which, s) in [
            ("start", &l.scenario),
            ("solution", l.solution.as_ref().unwrap()),
        ] {
            for id in drawn_parts(s) {
                assert!(
                    s.layout.contains_key(&id),
                    "{} {which}: no layout for {id}",
                    b.name
                );
            }
        }
    }
}

#[test]
fn flow_objectives_explain_themselves_in_korean_too() {
    let mut flows = 0;
    for b in builtin::all() {
        let l = b.lesson();
        for (line, o) in check(&l).lines.iter().zip(&l.objectives) {
            if o.flow.is_some() && line.verdict.is_some() {
                flows += 1;
                assert!(
                    line.reason_ko.chars().any(|c| ('가'..='힣').contains(&c)),
                    "{}: {:?} has no Korean reason (English: {})",
                    l.id,
                    line.label.en,
                    line.reason
                );
            }
        }
    }
    assert!(flows >= 8, "only {flows} flow objectives");
}

/// Every objective's Korean reason is Korean: no verdict codes such as `dropped-by-network-acl`
/// and no English sentences, on the lesson's start and on its solution.
#[test]
fn objective_reasons_in_korean_carry_no_codes() {
    let codes = [
        "established",
        "dropped-by",
        "no-route",
        "refused",
        "reaches it",
        "reached on",
    ];
    for b in builtin::all() {
        let l = b.lesson();
        let mut lines = check(&l).lines;
        lines.extend(check_solution(&l).into_iter().flat_map(|r| r.lines));
        for line in &lines {
            if !matches!(line.kind, lesson::LineKind::Objective) {
                continue;
            }
            assert!(
                !line.reason_ko.is_empty(),
                "{}: {:?} has no Korean reason",
                l.id,
                line.label.en
            );
            for c in codes {
                assert!(
                    !line.reason_ko.contains(c),
                    "{}: {:?} Korean reason has {c:?}: {}",
                    l.id,
                    line.label.en,
                    line.reason_ko
                );
            }
        }
    }
}
