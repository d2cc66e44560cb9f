//! What `vpcplay matrix --all-ports`, `vpcplay exposure` and `vpcplay diff` print: tables and
//! sentences for people, JSON for tools (written as it goes, so memory stays bounded).

use crate::engine::all_ports::{each_pair, AllPorts, ProtocolPorts};
use crate::engine::diff::{Change, Diff};
use crate::engine::exposure::{Exposure, Opening, PathStep};
use crate::engine::matrix::Classes;
use crate::engine::portset::PortSet;
use crate::engine::trace::BlockedBy;
use crate::engine::Kind;
use crate::engine::Network;
use crate::model::Protocol;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write;

/// Port ranges as JSON: `[[22, 22], [1024, 65535]]`.
fn ranges(ports: &PortSet) -> Value {
    json!(ports
        .ranges()
        .iter()
        .map(|r| [r.from, r.to])
        .collect::<Vec<_>>())
}

/// What decided, as JSON (the fields `vpcplay trace --json` gives `blocked_by`).
fn blocker(b: Option<&BlockedBy>) -> Value {
    b.map_or(Value::Null, |b| json!(b))
}

/// "tcp 22, 443", "udp none", "icmp yes".
fn open_words(p: &ProtocolPorts) -> String {
    let open = p.open();
    match p.protocol {
        Protocol::Icmp | Protocol::Icmpv6 if open.is_empty() => format!("{} no", p.protocol),
        Protocol::Icmp | Protocol::Icmpv6 => format!("{} yes", p.protocol),
        _ => format!("{} {open}", p.protocol),
    }
}

/// The all-ports matrix for people: per pair of endpoints (up to 40 endpoints) the open ports
/// of each protocol; beyond that a count per protocol.
pub fn all_ports_text(m: &AllPorts) -> String {
    let n = m.endpoints.len();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{n} endpoints in {} behaviour classes; every tcp and udp port and icmp.",
        m.classes
    );
    if n > 40 {
        let mut pairs = 0usize;
        let mut open = [0usize; 3];
        for a in 0..n {
            for b in 0..n {
                if let Some(cell) = m.get(a, b) {
                    pairs += 1;
                    for (i, p) in cell.iter().enumerate() {
                        open[i] += usize::from(!p.open().is_empty());
                    }
                }
            }
        }
        for (i, name) in ["tcp", "udp", "icmp"].iter().enumerate() {
            let _ = writeln!(out, "{name}: {} of {pairs} pairs reach some port", open[i]);
        }
        let _ = write!(out, "(use --json for every pair of classes)");
        return out;
    }
    let mut closed = 0;
    for a in 0..n {
        for b in 0..n {
            let Some(cell) = m.get(a, b) else {
                continue;
            };
            if cell.iter().all(|p| p.open().is_empty()) {
                closed += 1;
                continue;
            }
            let words: Vec<String> = cell.iter().map(open_words).collect();
            let _ = writeln!(
                out,
                "{} → {}: {}",
                m.endpoints[a].name,
                m.endpoints[b].name,
                words.join("; ")
            );
        }
    }
    let _ = write!(out, "{closed} other pairs reach nothing.");
    out
}

/// One protocol of a pair as JSON: `open` ranges and the `closed` parts with what closes them
/// (ICMP: its `verdict` and `blocked_by`).
fn protocol_json(p: &ProtocolPorts) -> Value {
    if !p.protocol.has_ports() {
        let part = p.parts.first();
        return json!({
            "verdict": part.map(|x| x.verdict.code()),
            "blocked_by": blocker(part.and_then(|x| x.blocked_by.as_ref())),
        });
    }
    let closed: Vec<Value> = (p.parts.iter())
        .filter(|x| !x.verdict.is_established())
        .map(|x| {
            json!({
                "ports": ranges(&x.ports),
                "verdict": x.verdict.code(),
                "blocked_by": blocker(x.blocked_by.as_ref()),
            })
        })
        .collect();
    json!({"open": ranges(&p.open()), "closed": closed})
}

/// Writes the all-ports matrix of `net` as JSON to `out`, computing it as it goes (memory for
/// one pair of classes at a time): `endpoints` (each with its behaviour `class`), `classes`,
/// then `pairs`, one entry per pair of classes (every endpoint of `from_class` to every other
/// endpoint of `to_class` gets it) with `tcp`, `udp` and `icmp`.
pub fn write_all_ports_json(net: &Network, out: &mut impl Write) -> std::io::Result<()> {
    let classes = Classes::new(net);
    let head = json!({
        "protocols": ["tcp", "udp", "icmp"],
        "endpoints": classes.endpoints.iter().map(|e| json!({"id": e.id, "name": e.name, "class": e.class})).collect::<Vec<_>>(),
        "classes": classes.len(),
    })
    .to_string();
    write!(out, "{},\n\"pairs\": [", &head[..head.len() - 1])?;
    let mut first = true;
    each_pair::<std::io::Error>(net, &classes, |from, to, cell| {
        let Some(cell) = cell else {
            return Ok(());
        };
        let mut pair = json!({"from_class": from, "to_class": to});
        for p in &cell {
            pair[p.protocol.to_string()] = protocol_json(p);
        }
        write!(out, "{}\n{pair}", if first { "" } else { "," })?;
        first = false;
        Ok(())
    })?;
    writeln!(out, "]}}")
}

/// A component of a path in words: `web-sg rule 3` for a filter, `igw` otherwise.
fn step_words(s: &PathStep) -> String {
    match (&s.rule, s.kind) {
        (Some(r), Kind::NetworkAcl) => format!("{} rule {}", s.id, r.text()),
        (Some(r), Kind::SecurityGroup) => format!("{} {}", s.id, r.text()),
        _ => s.id.clone(),
    }
}

/// An endpoint as people read it: its name, with its AWS id when it has one.
fn label(e: &crate::engine::matrix::Endpoint) -> String {
    crate::model::part_label(&e.name, &e.id)
}

/// "tcp/22", "tcp/1024-65535", "icmp".
fn service(protocol: Protocol, ports: &PortSet) -> String {
    if protocol.has_ports() {
        format!("{protocol}/{ports}")
    } else {
        protocol.to_string()
    }
}

/// Where an opening is reached from, in words.
fn sources(o: &Opening, from: &str) -> String {
    if o.from.is_empty() {
        return from.to_string();
    }
    let list: Vec<String> = o.from.iter().map(ToString::to_string).collect();
    list.join(", ")
}

/// The exposure report for people: one finding per opening, then the well-known ports that
/// stay closed and what closes them.
pub fn exposure_text(x: &Exposure, from: &str) -> String {
    let mut out = String::new();
    if x.openings.is_empty() {
        let _ = writeln!(out, "Nothing is reachable from {from}.");
    }
    for o in &x.openings {
        let path: Vec<String> = o.path.iter().map(step_words).collect();
        let partly = if o.every_source_port {
            ""
        } else {
            " (for some client source ports only)"
        };
        let _ = writeln!(
            out,
            "{} is reachable from {} on {}{partly} via {}",
            label(&x.endpoints[o.endpoint]),
            sources(o, from),
            service(o.protocol, &o.ports),
            path.join(" → ")
        );
    }
    if !x.closings.is_empty() {
        let _ = writeln!(out, "\nClosed well-known ports:");
    }
    for (e, endpoint) in x.endpoints.iter().enumerate() {
        // The closed ports of one endpoint, grouped by what closes them.
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for c in x.closings.iter().filter(|c| c.endpoint == e) {
            let why = match &c.blocked_by {
                Some(b) if c.verdict == crate::engine::Verdict::NoPublicAddress => {
                    format!("no public address ({})", b.id)
                }
                b => format!("{} by {}", c.verdict.code(), by_words(b.as_ref())),
            };
            let port = format!("{}/{}", c.protocol, c.port);
            match groups.iter_mut().find(|(w, _)| *w == why) {
                Some((_, ports)) => ports.push(port),
                None => groups.push((why, vec![port])),
            }
        }
        for (why, ports) in groups {
            let _ = writeln!(out, "  {}: {} — {why}", label(endpoint), ports.join(", "));
        }
    }
    out.trim_end().to_string()
}

/// The exposure report as JSON: `from`, `atoms` (internet address atoms tried), `openings`
/// (endpoint, protocol, ports, sources, path) and `closed` (well-known ports and what closes
/// them).
pub fn exposure_json(x: &Exposure, from: &str) -> Value {
    let endpoint = |e: usize| json!({"id": x.endpoints[e].id, "name": x.endpoints[e].name});
    let openings: Vec<Value> = (x.openings.iter())
        .map(|o| {
            json!({
                "endpoint": endpoint(o.endpoint),
                "protocol": o.protocol.to_string(),
                "ports": ranges(&o.ports),
                "every_source_port": o.every_source_port,
                "from": o.from.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "path": o.path.iter().map(|s| json!({"id": s.id, "kind": s.kind, "rule": s.rule.as_ref().map(|r| r.text())})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let closed: Vec<Value> = (x.closings.iter())
        .map(|c| {
            json!({
                "endpoint": endpoint(c.endpoint),
                "protocol": c.protocol.to_string(),
                "port": c.port,
                "verdict": c.verdict.code(),
                "blocked_by": blocker(c.blocked_by.as_ref()),
            })
        })
        .collect();
    json!({"from": from, "atoms": x.atoms, "openings": openings, "closed": closed})
}

/// "internet → web tcp/22", with more pairs counted.
fn pairs_words(d: &Diff, c: &Change) -> String {
    let name = |i: usize| d.endpoints[i].name.as_str();
    let (a, b) = c.pairs[0];
    let more = match c.pairs.len() {
        1 => String::new(),
        n => format!(" (and {} more pairs)", n - 1),
    };
    format!(
        "{} → {} {}{more}",
        name(a),
        name(b),
        service(c.protocol, &c.ports)
    )
}

/// What decided, in words: "security group web-sg (no matching rule)".
fn by_words(b: Option<&BlockedBy>) -> String {
    b.map_or_else(String::new, |b| {
        let rule = b.rule_text().map_or(String::new(), |r| format!(" ({r})"));
        format!("{}{rule}", b.id)
    })
}

/// The diff for people: "now open: ..." and "now closed: ..." lines, each naming the
/// component that changed the answer.
pub fn diff_text(d: &Diff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        return "No flow changed.".to_string();
    }
    for c in &d.changes {
        let line = if c.opened {
            format!(
                "now open: {} (was {} by {})",
                pairs_words(d, c),
                c.before.verdict.code(),
                by_words(c.before.blocked_by.as_ref())
            )
        } else {
            format!(
                "now closed: {} ({} by {})",
                pairs_words(d, c),
                c.after.verdict.code(),
                by_words(c.after.blocked_by.as_ref())
            )
        };
        let _ = writeln!(out, "{line}");
    }
    for id in &d.removed {
        let _ = writeln!(out, "removed: {id}");
    }
    for id in &d.added {
        let _ = writeln!(out, "added: {id}");
    }
    out.trim_end().to_string()
}

/// Writes the diff as JSON to `out`: `changes` (each with `pairs` of endpoint ids, `protocol`,
/// `ports`, `change` (`opened` or `closed`), `before` and `after` verdicts and `changed_by`),
/// `removed` and `added` endpoint ids.
pub fn write_diff_json(d: &Diff, out: &mut impl Write) -> std::io::Result<()> {
    write!(out, "{{\"changes\": [")?;
    for (i, c) in d.changes.iter().enumerate() {
        let pairs: Vec<Value> = (c.pairs.iter())
            .map(|&(a, b)| json!({"from": d.endpoints[a].id, "to": d.endpoints[b].id}))
            .collect();
        let v = json!({
            "protocol": c.protocol.to_string(),
            "ports": ranges(&c.ports),
            "change": if c.opened { "opened" } else { "closed" },
            "before": {"verdict": c.before.verdict.code(), "blocked_by": blocker(c.before.blocked_by.as_ref())},
            "after": {"verdict": c.after.verdict.code(), "blocked_by": blocker(c.after.blocked_by.as_ref())},
            "changed_by": blocker(c.changed_by()),
            "pairs": pairs,
        });
        write!(out, "{}\n{v}", if i == 0 { "" } else { "," })?;
    }
    let tail = json!({"removed": d.removed, "added": d.added}).to_string();
    writeln!(out, "],\n{}", &tail[1..])
}
