//! Text and JSON output for people and tools.

use crate::engine::explain::en;
use crate::engine::matrix::Matrix;
use crate::engine::trace::{Direction, Hop, PortView, Trace};
use serde_json::{json, Value};
use std::fmt::Write as _;

fn endpoint(addr: std::net::IpAddr, port: &PortView) -> String {
    match port {
        PortView::None => addr.to_string(),
        p if addr.is_ipv6() => format!("[{addr}]:{p}"),
        p => format!("{addr}:{p}"),
    }
}

fn hop_line(n: usize, h: &Hop) -> String {
    let arrow = match h.direction {
        Direction::Forward => "→",
        Direction::Return => "←",
    };
    let who = crate::model::part_label(&h.component.name, &h.component.id);
    let rule = h.rule_text().map(|r| format!(" [{r}]")).unwrap_or_default();
    format!(
        "{n:>3} {arrow} {:<16} {who}: {:?}{rule}\n      {}  {} → {}",
        en::kind(h.component.kind),
        h.decision(),
        en::hop(h),
        endpoint(h.packet.src, &h.packet.src_port),
        endpoint(h.packet.dst, &h.packet.dst_port)
    )
    .replace(": Allow", ": allow")
    .replace(": Deny", ": DENY")
    .replace(": Forward", ": forward")
    .replace(": Translate", ": translate")
    .replace(": Deliver", ": deliver")
    .replace(": Drop", ": DROP")
    .replace(": Refuse", ": REFUSE")
}

/// A trace as JSON: the trace's own fields plus `fix`, the suggested fix (its fields and an
/// English `description`), or null when there is none.
pub fn trace_json(
    t: &Trace,
    fix: Option<&crate::engine::fix::Fix>,
    s: &crate::model::Scenario,
) -> Result<Value, String> {
    let mut v = serde_json::to_value(t).map_err(|e| e.to_string())?;
    let fix = match fix {
        Some(f) => {
            let mut o = serde_json::to_value(f).map_err(|e| e.to_string())?;
            if let Value::Object(m) = &mut o {
                m.insert(
                    "description".into(),
                    Value::String(crate::engine::fix::describe_en(f, s)),
                );
            }
            o
        }
        None => Value::Null,
    };
    if let Value::Object(m) = &mut v {
        m.insert("fix".into(), fix);
    }
    Ok(v)
}

/// A trace as text: the flow, one block per hop, the verdict.
pub fn trace_text(t: &Trace) -> String {
    let mut out = String::new();
    let f = &t.flow;
    let svc = match f.port {
        Some(p) => format!("{}/{p}", f.protocol),
        None => f.protocol.to_string(),
    };
    let _ = writeln!(
        out,
        "Flow: {} ({}) → {} ({}) {svc}, source port {}",
        f.from, f.src, f.to, f.dst, f.src_port
    );
    let mut leg = 0;
    for (i, h) in t.hops.iter().enumerate() {
        if h.leg != leg {
            leg = h.leg;
            if leg > 1 {
                let _ = writeln!(
                    out,
                    "  -- leg {leg}: a new connection from the load balancer or proxy --"
                );
            }
        }
        let _ = writeln!(out, "{}", hop_line(i + 1, h));
    }
    let _ = writeln!(out, "Verdict: {}", t.verdict);
    if let Some(b) = &t.blocked_by {
        let rule = b
            .rule_text()
            .map(|r| format!(", rule {r}"))
            .unwrap_or_default();
        let dir = match b.direction {
            Direction::Forward => "forward",
            Direction::Return => "return",
        };
        let _ = writeln!(
            out,
            "Blocked by: {} {}, {dir} path{rule}",
            en::kind(b.kind),
            crate::model::part_label(&b.name, &b.id)
        );
    }
    let _ = write!(out, "{}", en::summary(t));
    out
}

fn cell_mark(code: &str) -> &'static str {
    match code {
        "established" => "yes",
        "depends-on-source-port" => "some",
        "refused" => "refused",
        _ => "no",
    }
}

/// The matrix as tables (one per port), or a summary when there are many endpoints.
pub fn matrix_text(m: &Matrix) -> String {
    let mut out = String::new();
    let n = m.endpoints.len();
    let _ = writeln!(
        out,
        "{n} endpoints in {} behaviour classes; {} flows traced.",
        m.classes, m.traced
    );
    if n > 40 {
        for (p, probe) in m.probes.iter().enumerate() {
            let mut ok = 0usize;
            let mut total = 0usize;
            for a in 0..n {
                for b in 0..n {
                    if let Some(c) = m.get(a, b, p) {
                        total += 1;
                        ok += usize::from(c.verdict.is_established());
                    }
                }
            }
            let _ = writeln!(out, "port {probe}: {ok} of {total} pairs established");
        }
        let _ = write!(out, "(use --json for every pair)");
        return out;
    }
    let width = m
        .endpoints
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    for (p, probe) in m.probes.iter().enumerate() {
        let _ = writeln!(out, "\nport {probe}  (rows: from, columns: to)");
        let _ = write!(out, "{:width$}", "");
        for i in 0..n {
            let _ = write!(out, " {:>8}", format!("[{}]", i + 1));
        }
        let _ = writeln!(out);
        for a in 0..n {
            let _ = write!(
                out,
                "{:width$}",
                format!("[{}] {}", a + 1, m.endpoints[a].name)
            );
            for b in 0..n {
                let mark = m.get(a, b, p).map_or("-", |c| cell_mark(c.verdict.code()));
                let _ = write!(out, " {mark:>8}");
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// Writes the matrix as JSON to `out`, as it goes, so memory stays bounded however many pairs of
/// endpoints there are: `ports`, `endpoints` (each with its behaviour `class`), `classes`, then
/// `pairs`, one entry per pair of classes with a result per port (every endpoint of `from_class`
/// to every other endpoint of `to_class` has it), then `results`, the same expanded to every pair
/// of endpoints and port, one per line.
pub fn write_matrix_json(m: &Matrix, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let cell = |c: &crate::engine::matrix::Cell, port: &str| json!({"port": port, "verdict": c.verdict.code(), "blocked_by": c.blocked_by});
    let ports: Vec<String> = m.probes.iter().map(|p| p.to_string()).collect();
    let head = json!({
        "ports": ports,
        "endpoints": m.endpoints.iter().map(|e| json!({"id": e.id, "name": e.name, "class": e.class})).collect::<Vec<_>>(),
        "classes": m.classes,
    });
    let head = head.to_string();
    write!(out, "{},\n\"pairs\": [", &head[..head.len() - 1])?;
    let mut first = true;
    for from in 0..m.classes {
        for to in 0..m.classes {
            let results: Vec<Value> = (ports.iter().enumerate())
                .filter_map(|(p, port)| m.class_cell(from, to, p).map(|c| cell(c, port)))
                .collect();
            if results.is_empty() {
                continue;
            }
            let pair = json!({"from_class": from, "to_class": to, "results": results});
            write!(out, "{}\n{pair}", if first { "" } else { "," })?;
            first = false;
        }
    }
    write!(out, "],\n\"results\": [")?;
    let mut first = true;
    let n = m.endpoints.len();
    for (p, port) in ports.iter().enumerate() {
        for a in 0..n {
            for b in 0..n {
                if let Some(c) = m.get(a, b, p) {
                    let mut r = cell(c, port);
                    r["from"] = json!(m.endpoints[a].id);
                    r["to"] = json!(m.endpoints[b].id);
                    write!(out, "{}\n{r}", if first { "" } else { "," })?;
                    first = false;
                }
            }
        }
    }
    writeln!(out, "]}}")
}
