//! Where the canvas's "Open ports" lines go: one between every two endpoints with some port
//! open from one to the other, labelled with those ports ("tcp 22, 443 · icmp"), from the
//! analysis of every port ([`crate::analysis`]). A pair open the same way both ways gets one
//! line with two heads. Plain Rust: the canvas draws what this returns.

use crate::analysis::{Analysis, Range};
use crate::geometry::NODE_SIZE;
use crate::model::{Protocol, Rect};

/// The open ports of one protocol in words (the page's, in its language).
pub type Words<'a> = &'a dyn Fn(Protocol, &[Range]) -> String;

/// Most lines drawn (a large scenario's pairs are read in the reachability view).
pub const MOST: usize = 80;

/// One line to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PortEdge {
    /// A stable key.
    pub key: String,
    /// The endpoints it joins (indices into the analysis's endpoints, source first).
    pub between: (usize, usize),
    /// Where it starts and where it points.
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// Whether it points both ways.
    pub both: bool,
    /// The open ports, in words.
    pub label: String,
    /// Where the label goes: the middle of a line both ways, else beside its own line (so
    /// the labels of the two ways do not cover each other).
    pub label_at: (f64, f64),
    /// Its tooltip: the two ends and the ports.
    pub title: String,
}

/// What is open from endpoint `a` to endpoint `b`, in words ("" when nothing is).
fn open_words(analysis: &Analysis, a: usize, b: usize, words: Words) -> String {
    let Some(cell) = analysis.get(a, b) else {
        return String::new();
    };
    (cell.iter())
        .filter_map(|p| {
            let open = p.open();
            (!open.is_empty()).then(|| words(p.protocol, &open))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The centres of `a` and `b`, each pulled back to just outside its part.
fn ends(a: Rect, b: Rect) -> ((f64, f64), (f64, f64)) {
    let centre = |r: Rect| {
        let (w, h) = if r.w > 0.0 {
            (r.w, r.h)
        } else {
            (NODE_SIZE, NODE_SIZE)
        };
        (r.x + w / 2.0, r.y + h / 2.0)
    };
    let (p, q) = (centre(a), centre(b));
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let pull = (NODE_SIZE / 2.0 + 6.0).min(len / 3.0);
    let (ux, uy) = (dx / len * pull, dy / len * pull);
    ((p.0 + ux, p.1 + uy), (q.0 - ux, q.1 - uy))
}

/// The lines between every two endpoints on the canvas with some port open between them (at
/// most [`MOST`]), with boxes from `rect` and ports said by `words`; two endpoints that are
/// both `outside` AWS (hosts on the internet) are not joined.
pub fn port_edges(
    analysis: &Analysis,
    words: Words,
    rect: &dyn Fn(&str) -> Option<Rect>,
    outside: &dyn Fn(&str) -> bool,
) -> Vec<PortEdge> {
    let placed: Vec<(usize, Rect)> = (analysis.endpoints.iter().enumerate())
        .filter_map(|(i, e)| Some((i, rect(&e.id)?)))
        .collect();
    let mut out = Vec::new();
    for (x, &(a, ra)) in placed.iter().enumerate() {
        for &(b, rb) in &placed[x + 1..] {
            if outside(&analysis.endpoints[a].id) && outside(&analysis.endpoints[b].id) {
                continue;
            }
            let there = open_words(analysis, a, b, words);
            let back = open_words(analysis, b, a, words);
            let (na, nb) = (&analysis.endpoints[a].name, &analysis.endpoints[b].name);
            if !there.is_empty() && there == back {
                let (from, to) = ends(ra, rb);
                out.push(PortEdge {
                    key: format!("{a}<>{b}"),
                    between: (a, b),
                    from,
                    to,
                    label_at: ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0),
                    both: true,
                    title: format!("{na} ↔ {nb}: {there}"),
                    label: there,
                });
                continue;
            }
            for (p, q, rp, rq, label) in [(a, b, ra, rb, there), (b, a, rb, ra, back)] {
                if label.is_empty() {
                    continue;
                }
                // One way each: the two lines run side by side, each on its own right.
                let (from, to) = ends(rp, rq);
                let (dx, dy) = (to.0 - from.0, to.1 - from.1);
                let len = (dx * dx + dy * dy).sqrt().max(1.0);
                let (ox, oy) = (-dy / len, dx / len);
                let (np, nq) = (&analysis.endpoints[p].name, &analysis.endpoints[q].name);
                let (mx, my) = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
                out.push(PortEdge {
                    key: format!("{p}>{q}"),
                    between: (p, q),
                    from: (from.0 + ox * 5.0, from.1 + oy * 5.0),
                    to: (to.0 + ox * 5.0, to.1 + oy * 5.0),
                    label_at: (mx + ox * 14.0, my + oy * 14.0),
                    both: false,
                    title: format!("{np} → {nq}: {label}"),
                    label,
                });
            }
        }
    }
    out.truncate(MOST);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Member, Part, Ports};
    use crate::engine::Verdict;

    fn member(id: &str, class: usize) -> Member {
        Member {
            id: id.into(),
            name: id.into(),
            class,
        }
    }

    fn tcp(open: Option<(u16, u16)>) -> Vec<Ports> {
        let parts = match open {
            Some(r) => vec![Part {
                ports: vec![r],
                verdict: Verdict::Established,
                by: None,
            }],
            None => vec![Part {
                ports: vec![(0, u16::MAX)],
                verdict: Verdict::DroppedBySecurityGroup,
                by: Some("sg".into()),
            }],
        };
        vec![Ports {
            protocol: Protocol::Tcp,
            parts,
        }]
    }

    #[test]
    fn one_line_each_way_unless_both_ways_are_the_same() {
        // Classes 0 (web) and 1 (db): web reaches db on 5432, db reaches nothing; web and
        // the laptop (class 2) reach each other on 22.
        let cells = vec![
            None,
            Some(tcp(Some((5432, 5432)))),
            Some(tcp(Some((22, 22)))),
            Some(tcp(None)),
            None,
            Some(tcp(None)),
            Some(tcp(Some((22, 22)))),
            Some(tcp(None)),
            None,
        ];
        let a = Analysis {
            endpoints: vec![member("web", 0), member("db", 1), member("laptop", 2)],
            classes: 3,
            cells,
            ..Analysis::default()
        };
        let at = |id: &str| {
            let x = match id {
                "web" => 0.0,
                "db" => 200.0,
                _ => 400.0,
            };
            Some(Rect {
                x,
                y: 0.0,
                w: 0.0,
                h: 0.0,
            })
        };
        let words = |p: Protocol, r: &[Range]| format!("{p} {}", r[0].0);
        let edges = port_edges(&a, &words, &at, &|_| false);
        let keyed: Vec<(&str, bool, &str)> = (edges.iter())
            .map(|e| (e.key.as_str(), e.both, e.label.as_str()))
            .collect();
        assert_eq!(
            keyed,
            [("0>1", false, "tcp 5432"), ("0<>2", true, "tcp 22")]
        );
        // The lines stop short of the parts they join; a one-way label sits beside its line.
        let first = &edges[0];
        assert!(first.from.0 > NODE_SIZE && first.to.0 < 200.0, "{first:?}");
        assert!((first.label_at.1 - first.from.1).abs() > 8.0, "{first:?}");
        // Two hosts outside AWS are not joined.
        let outside = |id: &str| id != "db";
        let joined = port_edges(&a, &words, &at, &outside);
        let keys: Vec<&str> = joined.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["0>1"]);
    }
}
