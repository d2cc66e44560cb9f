//! Grading a lesson: each objective traced by the engine, each constraint read off the scenario.

use super::INTERNET_STAND_IN;
use super::{Constraint, Expect, FlowGoal, Lesson, NoOpenRule, Objective, OnlyFrom, Text};
use crate::engine::flow::{find_node, node_label, Node};
use crate::engine::{trace, FlowSpec, Network, Verdict};
use crate::model::{Interface, Peer, Scenario};
use crate::scenario::{normalize, validate};
use serde::Serialize;

/// Whether a report line comes from an objective or a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    /// An objective (a flow, or who reaches a service).
    Objective,
    /// A constraint (how the objectives may be met).
    Constraint,
}

/// The grade of one objective or constraint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// Objective or constraint.
    pub kind: LineKind,
    /// Its label, as the lesson wrote it.
    pub label: Text,
    /// Whether it holds.
    pub passed: bool,
    /// For a flow objective, the verdict the engine gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Why, in plain English: the engine's summary of the flow, or what breaks the rule.
    pub reason: String,
    /// Why, in Korean (for flows, the engine's Korean summary).
    #[serde(skip)]
    pub reason_ko: String,
}

/// The grade of a whole lesson: one line per objective, then one per constraint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The lines, in the lesson's order.
    pub lines: Vec<Line>,
}

impl Report {
    /// True when every objective and constraint holds.
    pub fn passed(&self) -> bool {
        self.lines.iter().all(|l| l.passed)
    }

    /// How many lines hold.
    pub fn passed_count(&self) -> usize {
        self.lines.iter().filter(|l| l.passed).count()
    }
}

/// Grades the lesson's starting scenario (or, in the app, the learner's current one: see
/// [`check_scenario`]).
pub fn check(lesson: &Lesson) -> Report {
    check_scenario(lesson, &lesson.scenario)
}

/// Grades the lesson's solution; `None` when it has none.
pub fn check_solution(lesson: &Lesson) -> Option<Report> {
    lesson.solution.as_ref().map(|s| check_scenario(lesson, s))
}

/// Grades `scenario` against the lesson's objectives and constraints. The scenario is normalized
/// first; if it has errors, every line fails and says so.
pub fn check_scenario(lesson: &Lesson, scenario: &Scenario) -> Report {
    let mut s = scenario.clone();
    normalize(&mut s);
    let problems: Vec<_> = validate(&s).into_iter().filter(|p| p.is_error()).collect();
    let errors: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let errors_ko: Vec<String> = problems
        .iter()
        .map(|p| match p.part.is_empty() {
            true => p.what.ko(),
            false => format!("{}: {}", p.part, p.what.ko()),
        })
        .collect();
    let lines = |kind, label: &Text| Line {
        kind,
        label: label.clone(),
        passed: false,
        verdict: None,
        reason: format!("the scenario has errors: {}", errors.join("; ")),
        reason_ko: crate::ko!("시나리오에 오류가 있습니다: {}", errors_ko.join(" ")),
    };
    if !errors.is_empty() {
        let mut out: Vec<Line> = lesson
            .objectives
            .iter()
            .map(|o| lines(LineKind::Objective, &o.label))
            .collect();
        out.extend(
            lesson
                .constraints
                .iter()
                .map(|c| lines(LineKind::Constraint, &c.label)),
        );
        return Report { lines: out };
    }
    let net = Network::new(&s);
    let mut out: Vec<Line> = lesson
        .objectives
        .iter()
        .map(|o| objective(&net, o))
        .collect();
    out.extend(lesson.constraints.iter().map(|c| constraint(&net, c)));
    Report { lines: out }
}

/// The text to give the engine for a lesson's endpoint: itself when it names something, the
/// internet stand-in for `internet`; `None` when it names nothing.
pub(crate) fn resolve_text(net: &Network, text: &str) -> Option<String> {
    if find_node(net, text).is_some() {
        Some(text.to_string())
    } else if text.trim().eq_ignore_ascii_case("internet") {
        Some(INTERNET_STAND_IN.to_string())
    } else {
        None
    }
}

fn objective(net: &Network, o: &Objective) -> Line {
    let line = |passed, verdict, reason, reason_ko| Line {
        kind: LineKind::Objective,
        label: o.label.clone(),
        passed,
        verdict,
        reason,
        reason_ko,
    };
    match (&o.flow, o.expect, &o.only_from) {
        (Some(f), Some(expect), _) => match run(net, f) {
            Ok((v, summary, summary_ko)) => {
                let passed = expect.is_met_by(v);
                let (reason, reason_ko) = match expect {
                    Expect::Verdict(want) if !passed => (
                        format!("expected {}, got {}: {summary}", want.code(), v.code()),
                        crate::ko!(
                            "기대한 결과: {}, 실제: {}: {}",
                            want.ko(),
                            v.ko(),
                            summary_ko
                        ),
                    ),
                    _ => (summary, summary_ko),
                };
                line(passed, Some(v), reason, reason_ko)
            }
            Err((e, ko)) => line(false, None, e, ko),
        },
        (_, _, Some(only)) => {
            let (passed, reason, reason_ko) = only_from(net, only);
            line(passed, None, reason, reason_ko)
        }
        _ => line(
            false,
            None,
            "the objective names no flow".into(),
            crate::ko_str!("이 목표에는 확인할 흐름이 없습니다").into(),
        ),
    }
}

/// Traces a flow goal: its verdict and the engine's summary, in English and Korean; or why it
/// cannot be traced, in both.
fn run(net: &Network, f: &FlowGoal) -> Result<(Verdict, String, String), (String, String)> {
    let names_nothing = |t: &str| {
        (
            format!("{t:?} names nothing"),
            crate::ko!(
                "{}에 해당하는 구성 요소가 없습니다",
                crate::i18n::catalog::AsDebug(&t)
            ),
        )
    };
    let from = resolve_text(net, &f.from).ok_or_else(|| names_nothing(&f.from))?;
    let to = resolve_text(net, &f.to).ok_or_else(|| names_nothing(&f.to))?;
    let spec = FlowSpec {
        ipv6: f.ipv6,
        from,
        to,
        protocol: f.protocol,
        port: f.port.filter(|_| f.protocol.has_ports()),
        src_port: None,
    };
    let t = trace(net, &spec).map_err(|e| (e.to_string(), e.ko()))?;
    let ko = crate::engine::explain::ko::summary(&t);
    match f.through.as_deref() {
        Some(part) if t.verdict.is_established() && !passes_through(net, &t, part) => {
            let name = find_node(net, part).map_or(part.to_string(), |n| node_label(net, n));
            Ok((
                Verdict::NoRoute,
                format!("the flow is established but does not pass through {name} both ways"),
                crate::ko!(
                    "흐름은 연결되지만 {}을(를) 양방향으로 거치지 않습니다",
                    name
                ),
            ))
        }
        _ => Ok((t.verdict, t.summary, ko)),
    }
}

/// Whether trace `t` passes through part `part` (id or name) on the way there and back.
fn passes_through(net: &Network, t: &crate::engine::Trace, part: &str) -> bool {
    let s = net.scenario;
    let id = match find_node(net, part) {
        Some(Node::Instance(i)) => s.instances[i].id.as_str(),
        Some(Node::Database(i)) => s.databases[i].id.as_str(),
        Some(Node::LoadBalancer(i)) => s.load_balancers[i].id.as_str(),
        Some(Node::NatGateway(i)) => s.nat_gateways[i].id.as_str(),
        Some(Node::InternetHost(i)) => s.internet_hosts[i].id.as_str(),
        Some(Node::Interface(e)) => net.owner_id(net.enis[e].owner),
        Some(Node::Address(_)) | None => part,
    };
    let at = |h: &&crate::engine::trace::Hop| {
        h.component.id == id || h.component.owner.as_deref() == Some(id)
    };
    let ways = |d| t.hops.iter().filter(at).any(|h| h.direction == d);
    ways(crate::engine::trace::Direction::Forward) && ways(crate::engine::trace::Direction::Return)
}

/// An endpoint that may start a flow, with the names `sources` can match it by.
struct Endpoint {
    node: Option<Node>,
    text: String,
    label: String,
    label_ko: String,
    keys: Vec<String>,
}

fn iface_keys(s: &Scenario, ifaces: &[Interface], keys: &mut Vec<String>) {
    for i in ifaces {
        keys.push(i.subnet.clone());
        if let Some(sub) = s.subnets.iter().find(|x| x.id == i.subnet) {
            keys.push(sub.name.clone());
        }
        for g in &i.security_groups {
            keys.push(g.clone());
            if let Some(sg) = s.security_groups.iter().find(|x| &x.id == g) {
                keys.push(sg.name.clone());
            }
        }
    }
}

fn endpoints(net: &Network) -> Vec<Endpoint> {
    let s = net.scenario;
    let mut out = Vec::new();
    let mut add = |node: Node, id: &str, name: &str, ifaces: &[Interface]| {
        let mut keys = vec![id.to_string(), name.to_string()];
        iface_keys(s, ifaces, &mut keys);
        if matches!(node, Node::InternetHost(_)) {
            keys.push("internet".into());
        }
        out.push(Endpoint {
            node: Some(node),
            text: id.to_string(),
            label: node_label(net, node),
            label_ko: node_label(net, node),
            keys,
        });
    };
    for (i, x) in s.instances.iter().enumerate() {
        add(Node::Instance(i), &x.id, &x.name, &x.interfaces);
    }
    for (i, x) in s.databases.iter().enumerate() {
        add(Node::Database(i), &x.id, &x.name, &x.interfaces);
    }
    for (i, x) in s.load_balancers.iter().enumerate() {
        add(Node::LoadBalancer(i), &x.id, &x.name, &x.nodes);
    }
    for (i, h) in s.internet_hosts.iter().enumerate() {
        add(Node::InternetHost(i), &h.id, &h.name, &[]);
    }
    let stand_in_free = net
        .vpc_of_address(std::net::IpAddr::V4(INTERNET_STAND_IN))
        .is_none()
        && !s.internet_hosts.iter().any(|h| h.ip == INTERNET_STAND_IN);
    if stand_in_free {
        out.push(Endpoint {
            node: None,
            text: INTERNET_STAND_IN.to_string(),
            label: format!("the internet ({INTERNET_STAND_IN})"),
            label_ko: crate::ko!("인터넷 ({})", INTERNET_STAND_IN),
            keys: vec!["internet".into()],
        });
    }
    out
}

/// Whether `src` names something an `only_from` source can match.
pub(crate) fn source_exists(s: &Scenario, src: &str) -> bool {
    let net = Network::new(s);
    src.eq_ignore_ascii_case("internet")
        || s.security_groups
            .iter()
            .any(|g| g.id == src || g.name == src)
        || s.subnets.iter().any(|x| x.id == src || x.name == src)
        || endpoints(&net)
            .iter()
            .any(|e| e.keys.iter().any(|k| k == src))
}

/// Whether only `o.sources` reach `o.to`, and why, in English and Korean.
fn only_from(net: &Network, o: &OnlyFrom) -> (bool, String, String) {
    let target = find_node(net, &o.to);
    let service = match o.port {
        Some(p) if o.protocol.has_ports() => format!("{}/{p}", o.protocol),
        _ => o.protocol.to_string(),
    };
    let mut allowed_ok = Vec::new();
    let mut problems = Vec::new();
    let mut problems_ko = Vec::new();
    let mut blocked = 0;
    for e in endpoints(net) {
        if e.node.is_some() && e.node == target {
            continue;
        }
        let allowed = o.sources.iter().any(|src| {
            e.keys
                .iter()
                .any(|k| !k.is_empty() && (k == src || k.eq_ignore_ascii_case(src)))
        });
        let goal = FlowGoal {
            ipv6: Default::default(),
            from: e.text.clone(),
            to: o.to.clone(),
            protocol: o.protocol,
            port: o.port,
            through: None,
        };
        let (established, why, why_ko) = match run(net, &goal) {
            Ok((v, summary, summary_ko)) => (v.is_established(), summary, summary_ko),
            Err((e, ko)) => (false, e, ko),
        };
        match (allowed, established) {
            (true, true) => allowed_ok.push((e.label, e.label_ko)),
            (true, false) => {
                problems.push(format!("{} cannot reach it: {why}", e.label));
                problems_ko.push(crate::ko!("{}에서 접근할 수 없음: {}", e.label_ko, why_ko));
            }
            (false, true) => {
                problems.push(format!("{} also reaches it", e.label));
                problems_ko.push(crate::ko!("{}에서도 접근할 수 있음", e.label_ko));
            }
            (false, false) => blocked += 1,
        }
    }
    if !problems.is_empty() {
        return (false, problems.join("; "), problems_ko.join("; "));
    }
    let sources = o.sources.join(", ");
    if allowed_ok.is_empty() {
        return (
            false,
            format!("nothing in the scenario matches {sources}"),
            crate::ko!("시나리오에서 {}에 해당하는 것이 없음", sources),
        );
    }
    let (allowed, allowed_ko): (Vec<_>, Vec<_>) = allowed_ok.into_iter().unzip();
    let (allowed, allowed_ko) = (allowed.join(", "), allowed_ko.join(", "));
    (
        true,
        format!(
            "{} reached on {service} by {allowed} only; {blocked} other endpoint{} blocked",
            o.to,
            if blocked == 1 { " is" } else { "s are" }
        ),
        crate::ko!(
            "{}의 {}에는 {}에서만 접근함; 다른 엔드포인트 {}개는 차단됨",
            o.to,
            service,
            allowed_ko,
            blocked
        ),
    )
}

fn constraint(net: &Network, c: &Constraint) -> Line {
    let (passed, reason, reason_ko) = match (&c.no_open_rule, &c.no_public_ip) {
        (Some(r), _) => no_open_rule(net.scenario, r),
        (_, Some(nodes)) => no_public_ip(net, nodes),
        _ => (
            false,
            "the constraint names no rule".into(),
            crate::ko_str!("이 제약에는 확인할 규칙이 없습니다").into(),
        ),
    };
    Line {
        kind: LineKind::Constraint,
        label: c.label.clone(),
        passed,
        verdict: None,
        reason,
        reason_ko,
    }
}

fn no_open_rule(s: &Scenario, r: &NoOpenRule) -> (bool, String, String) {
    let mut found = Vec::new();
    let mut found_ko = Vec::new();
    for g in &s.security_groups {
        for (i, rule) in g.inbound.iter().enumerate() {
            if !rule.protocol.matches(r.protocol) {
                continue;
            }
            let port_ok = match (r.protocol.has_ports(), rule.ports, r.port) {
                (true, Some(range), Some(p)) => range.contains(p),
                _ => true,
            };
            if !port_ok {
                continue;
            }
            let admits = match &rule.peer {
                Peer::Cidr(c) => c.contains(&ipnet::IpNet::V4(r.cidr)),
                Peer::PrefixList(id) => {
                    s.prefix_lists
                        .iter()
                        .find(|p| &p.id == id)
                        .is_some_and(|p| {
                            p.cidrs
                                .iter()
                                .any(|c| c.contains(&ipnet::IpNet::V4(r.cidr)))
                        })
                }
                Peer::Group(_) => false,
            };
            if admits {
                let ports = rule.ports.map(|p| format!(" {p}")).unwrap_or_default();
                let peer = match &rule.peer {
                    Peer::Cidr(c) => c.to_string(),
                    Peer::PrefixList(id) | Peer::Group(id) => id.clone(),
                };
                let name = crate::model::part_label(&g.name, &g.id);
                found.push(format!(
                    "{name} inbound rule #{}: {}{ports} from {peer}",
                    i + 1,
                    rule.protocol
                ));
                found_ko.push(crate::ko!(
                    "{} 인바운드 규칙 #{}: {}에서 {}{}",
                    name,
                    i + 1,
                    peer,
                    rule.protocol,
                    ports
                ));
            }
        }
    }
    let what = match r.port {
        Some(p) if r.protocol.has_ports() => format!("{}/{p}", r.protocol),
        _ => r.protocol.to_string(),
    };
    if found.is_empty() {
        (
            true,
            format!("no security group admits {} on {what}", r.cidr),
            crate::ko!(
                "{}에서 오는 {}을(를) 허용하는 보안 그룹이 없음",
                r.cidr,
                what
            ),
        )
    } else {
        (
            false,
            format!("open to {} on {what}: {}", r.cidr, found.join("; ")),
            crate::ko!(
                "{}에 {}이(가) 열려 있음: {}",
                r.cidr,
                what,
                found_ko.join("; ")
            ),
        )
    }
}

fn no_public_ip(net: &Network, nodes: &[String]) -> (bool, String, String) {
    let s = net.scenario;
    let mut found = Vec::new();
    let mut found_ko = Vec::new();
    for text in nodes {
        let ifaces: Vec<&Interface> = match find_node(net, text) {
            Some(Node::Instance(i)) => s.instances[i].interfaces.iter().collect(),
            Some(Node::Database(i)) => s.databases[i].interfaces.iter().collect(),
            Some(Node::LoadBalancer(i)) => s.load_balancers[i].nodes.iter().collect(),
            Some(Node::NatGateway(i)) => vec![&s.nat_gateways[i].interface],
            _ => Vec::new(),
        };
        for i in ifaces {
            if let Some(ip) = i.public_ip {
                found.push(format!("{text} has public IP {ip} (interface {})", i.id));
                found_ko.push(crate::ko!(
                    "{}에 퍼블릭 IP {}이(가) 있음 (인터페이스 {})",
                    text,
                    ip,
                    i.id
                ));
            }
        }
    }
    if found.is_empty() {
        (
            true,
            format!(
                "{} ha{} no public IP",
                nodes.join(", "),
                if nodes.len() == 1 { "s" } else { "ve" }
            ),
            crate::ko!("{}에 퍼블릭 IP가 없음", nodes.join(", ")),
        )
    } else {
        (false, found.join("; "), found_ko.join("; "))
    }
}
