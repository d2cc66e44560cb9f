//! The page's views of an analysis, as markup: the reachability table (a row per class of
//! sources, a column per class of destinations, each cell every port open between them and a
//! mark per chosen port), the "Exposed to the internet" list, the "what changed" note and the
//! open-port lines of the canvas. The helper worker renders them, so the page's own bundle
//! carries neither the analysis nor its words; the page inserts the markup and listens for
//! clicks on it: a mark's row names its source (`data-from`), its cell the destination
//! (`data-to`), the mark its port (`data-probe`); every other button that sends a flow carries
//! it whole (`data-flow`, see [`flow_attr`]).

use std::fmt::Write;

use super::{flow_attr, outcome, Analysis, Changed, Exposed, Range};
use crate::edit::find::name_of;
use crate::engine::explain::cell_words;
use crate::engine::matrix::{Probe, INTERNET_PROBE};
use crate::engine::{FlowSpec, Verdict};
use crate::i18n::Lang;
use crate::model::{Protocol, Rect, Scenario};
use crate::port_lines::{port_edges, PortEdge};

/// Members named in a row or column header before "+N".
const NAMED: usize = 2;
/// Port ranges named before "+N more".
const RANGES_NAMED: usize = 4;
/// Changes the note lists before "and N more".
const LISTED: usize = 3;

/// `text` with the characters that mean something in markup escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The ports of one protocol in a few words: "tcp 22, 443, 1024-65535", "udp all ports",
/// "icmp" (ICMP has no ports: it is named when ping works).
pub fn ports_words(lang: Lang, protocol: Protocol, ranges: &[Range]) -> String {
    if !protocol.has_ports() {
        return protocol.to_string();
    }
    if ranges == [(0, u16::MAX)] {
        let all = match lang {
            Lang::En => "all ports",
            Lang::Ko => crate::ko_str!("모든 포트"),
        };
        return format!("{protocol} {all}");
    }
    let mut words: Vec<String> = (ranges.iter().take(RANGES_NAMED))
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if ranges.len() > RANGES_NAMED {
        let more = ranges.len() - RANGES_NAMED;
        words.push(match lang {
            Lang::En => format!("+{more} more"),
            Lang::Ko => crate::ko!("+{}개 더", more),
        });
    }
    format!("{protocol} {}", words.join(", "))
}

/// The flow from `from` to `port` of `to` over `protocol`, from the client's ephemeral ports.
fn flow_spec(from: String, to: String, protocol: Protocol, port: Option<u16>) -> FlowSpec {
    FlowSpec {
        from,
        to,
        ..FlowSpec::resolved(protocol, port)
    }
}

/// The lowest port of `ranges`, for a protocol with ports.
fn lowest(protocol: Protocol, ranges: &[Range]) -> Option<u16> {
    ranges.first().map(|r| r.0).filter(|_| protocol.has_ports())
}

/// A button that sends `spec`.
fn trace_button(spec: &FlowSpec, label: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::En => "Trace",
        Lang::Ko => crate::ko_str!("추적"),
    };
    format!(
        "<button type=\"button\" class=\"tool small\" data-flow=\"{}\" aria-label=\"{}\">{text}</button>",
        escape(&flow_attr(spec)),
        escape(label)
    )
}

/// The reachability table for `probes`: its opening (caption and column headers, an empty
/// body) and its rows (the page puts them in a slice at a time).
pub fn table(
    a: &Analysis,
    probes: &[Probe],
    scenario: &Scenario,
    lang: Lang,
) -> (String, Vec<String>) {
    // For each class: the index of its first endpoint, and the names of its members.
    let mut classes: Vec<(usize, Vec<&str>)> = vec![(0, Vec::new()); a.classes];
    for (i, e) in a.endpoints.iter().enumerate() {
        if let Some(c) = classes.get_mut(e.class) {
            if c.1.is_empty() {
                c.0 = i;
            }
            c.1.push(&e.name);
        }
    }
    let header = |names: &[&str]| {
        let mut s = names
            .iter()
            .take(NAMED)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if names.len() > NAMED {
            let more = names.len() - NAMED;
            s.push(' ');
            s.push_str(&match lang {
                Lang::En => format!("+{more} more"),
                Lang::Ko => crate::ko!("+{}개 더", more),
            });
        }
        s
    };
    let (caption, corner, itself, nothing) = match lang {
        Lang::En => (
            "Who reaches whom: rows are sources, columns destinations, each cell the ports open between them",
            "From \\ To",
            "itself",
            "nothing open",
        ),
        Lang::Ko => (
            crate::ko_str!("누가 누구에게 도달하나: 행은 출발지, 열은 목적지, 각 칸은 둘 사이에 열린 포트"),
            crate::ko_str!("출발지 \\ 목적지"),
            crate::ko_str!("자기 자신"),
            crate::ko_str!("열린 포트 없음"),
        ),
    };
    let mut h = String::new();
    if a.endpoints.is_empty() {
        let empty = match lang {
            Lang::En => "Add instances, databases, load balancers or internet hosts to see who reaches whom.",
            Lang::Ko => crate::ko_str!("인스턴스, 데이터베이스, 로드 밸런서 또는 인터넷 호스트를 추가하면 누가 누구에게 도달하는지 볼 수 있습니다."),
        };
        let _ = write!(h, "<p class=\"muted\">{}</p>", escape(empty));
        return (h, Vec::new());
    }
    let _ = write!(
        h,
        "<table class=\"matrix\"><caption>{}</caption><thead><tr><th scope=\"col\" class=\"corner\">{}</th>",
        escape(caption),
        escape(corner)
    );
    for (_, names) in &classes {
        let _ = write!(
            h,
            "<th scope=\"col\" title=\"{}\">{}</th>",
            escape(&names.join(", ")),
            escape(&header(names))
        );
    }
    h.push_str("</tr></thead><tbody></tbody></table>");
    let mut rows = Vec::with_capacity(classes.len());
    for (c, (ea, names)) in classes.iter().enumerate() {
        let mut r = String::new();
        let _ = write!(
            r,
            "<tr data-from=\"{}\"><th scope=\"row\" title=\"{}\">{}</th>",
            escape(&a.endpoints[*ea].id),
            escape(&names.join(", ")),
            escape(&header(names))
        );
        for (d, (eb, _)) in classes.iter().enumerate() {
            // Within a class: two members, if there are two.
            let pair = if c == d {
                (a.endpoints.iter().enumerate())
                    .filter(|(_, e)| e.class == c)
                    .nth(1)
                    .map(|(second, _)| (*ea, second))
            } else {
                Some((*ea, *eb))
            };
            let Some((from, to)) = pair else {
                let _ = write!(r, "<td class=\"self\">{}</td>", escape(itself));
                continue;
            };
            let cell = a.get(from, to).unwrap_or_default();
            let _ = write!(r, "<td data-to=\"{}\">", escape(&a.endpoints[to].id));
            // Every port open, protocol by protocol.
            let open: Vec<String> = (cell.iter())
                .filter_map(|p| {
                    let ranges = p.open();
                    (!ranges.is_empty()).then(|| ports_words(lang, p.protocol, &ranges))
                })
                .collect();
            let _ = if open.is_empty() {
                write!(r, "<b class=\"open none\">{}</b>", escape(nothing))
            } else {
                write!(r, "<b class=\"open\">{}</b>", escape(&open.join(" · ")))
            };
            let mut why: Vec<(String, Vec<String>)> = Vec::new();
            for probe in probes {
                let (tone, words, code) = match outcome(cell, probe.protocol, probe.port) {
                    Some(part) => {
                        let by = part.by.as_deref().map(|id| name_of(scenario, id));
                        let tone = match part.verdict {
                            Verdict::Established => "ok",
                            Verdict::DependsOnSourcePort => "partial",
                            _ => "bad",
                        };
                        let words = cell_words(part.verdict, by.as_deref(), lang);
                        (tone, words, Some(part.verdict))
                    }
                    None => {
                        let words = match lang {
                            Lang::En => "not traced",
                            Lang::Ko => crate::ko_str!("추적 안 됨"),
                        };
                        ("none", words.to_string(), None)
                    }
                };
                // The English tooltip adds the verdict's stable code, as the CLI prints it.
                let title = match (code, lang) {
                    (Some(v), Lang::En) if !v.is_established() => format!("{words} ({v})"),
                    _ => words.clone(),
                };
                if tone == "bad" || tone == "partial" {
                    match why.iter_mut().find(|(w, _)| *w == words) {
                        Some((_, probes)) => probes.push(probe.to_string()),
                        None => why.push((words.clone(), vec![probe.to_string()])),
                    }
                }
                let (src, dst) = (&a.endpoints[from].id, &a.endpoints[to].id);
                let spec = flow_spec(src.clone(), dst.clone(), probe.protocol, probe.port);
                let _ = write!(
                    r,
                    "<span role=\"button\" tabindex=\"0\" class=\"mark {tone}\" data-probe=\"{probe}\" data-flow=\"{}\" title=\"{probe}: {}\" aria-label=\"{} → {} {probe}: {}\">{probe}</span>",
                    escape(&flow_attr(&spec)),
                    escape(&title),
                    escape(&a.endpoints[from].name),
                    escape(&a.endpoints[to].name),
                    escape(&words)
                );
            }
            // Why, in words, once per reason: "22, 5432: db-sg blocks", or only the words when
            // every port of the cell stops for the same reason.
            for (words, which) in &why {
                let _ = if which.len() == probes.len() {
                    write!(r, "<i aria-hidden=\"true\">{}</i>", escape(words))
                } else {
                    write!(
                        r,
                        "<i aria-hidden=\"true\">{}: {}</i>",
                        escape(&which.join(", ")),
                        escape(words)
                    )
                };
            }
            r.push_str("</td>");
        }
        r.push_str("</tr>");
        rows.push(r);
    }
    (h, rows)
}

/// An internet address in the first block that reaches the endpoint: the block's first
/// address, or the playground's stand-in host when all of the internet does.
fn source_of(e: &Exposed) -> String {
    let first = e
        .from
        .first()
        .and_then(|c| c.parse::<ipnet::Ipv4Net>().ok());
    match first {
        Some(net) if net.prefix_len() > 0 => net.network().to_string(),
        _ => INTERNET_PROBE.to_string(),
    }
}

/// The way in, component by component: "igw → public-acl rule 100 → web-sg inbound rule #2".
fn path_words(e: &Exposed, scenario: &Scenario, lang: Lang) -> String {
    (e.path.iter())
        .map(|s| {
            let name = name_of(scenario, &s.id);
            match (&s.rule, lang) {
                (Some((en, _)), Lang::En) => format!("{name} {en}"),
                (Some((_, ko)), Lang::Ko) => format!("{name} {ko}"),
                (None, _) => name,
            }
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// "Exposed to the internet": an item per endpoint and protocol the internet reaches, with the
/// open ports, the blocks that reach them, the way in and a button that traces it.
pub fn exposure(a: &Analysis, scenario: &Scenario, lang: Lang) -> String {
    let heading = match lang {
        Lang::En => "Exposed to the internet",
        Lang::Ko => crate::ko_str!("인터넷에 노출됨"),
    };
    let mut h = format!("<h3 id=\"exposure-heading\">{}</h3>", escape(heading));
    if a.exposed.is_empty() {
        let none = match lang {
            Lang::En => "Nothing here is reachable from the internet.",
            Lang::Ko => crate::ko_str!("인터넷에서 도달할 수 있는 것이 없습니다."),
        };
        let _ = write!(h, "<p class=\"muted\">{}</p>", escape(none));
        return h;
    }
    h.push_str("<ul>");
    for e in &a.exposed {
        let Some(endpoint) = a.endpoints.get(e.endpoint) else {
            continue;
        };
        let ports = ports_words(lang, e.protocol, &e.ports);
        let from = match lang {
            _ if e.from.iter().any(|c| c == "0.0.0.0/0") => match lang {
                Lang::En => "from anywhere".to_string(),
                Lang::Ko => crate::ko_str!("모든 곳에서").to_string(),
            },
            Lang::En => format!("from {}", e.from.join(", ")),
            Lang::Ko => crate::ko!("{}에서", e.from.join(", ")),
        };
        let some = match lang {
            _ if e.every_source_port => "",
            Lang::En => " (from some source ports only)",
            Lang::Ko => crate::ko_str!(" (일부 출발지 포트에서만)"),
        };
        let path = path_words(e, scenario, lang);
        let via = match lang {
            Lang::En => format!("via {path}"),
            Lang::Ko => crate::ko!("경로: {}", path),
        };
        let spec = flow_spec(
            source_of(e),
            endpoint.id.clone(),
            e.protocol,
            lowest(e.protocol, &e.ports),
        );
        let what = format!("{} {ports}", endpoint.name);
        let label = match lang {
            Lang::En => format!("Trace {what} from the internet"),
            Lang::Ko => crate::ko!("인터넷에서 {} 추적", what),
        };
        let _ = write!(
            h,
            "<li><span class=\"exposed-what\"><b>{}</b> <span class=\"ports\">{}</span></span><span class=\"exposed-from\">{}{}</span><span class=\"exposed-path\">{}</span>{}</li>",
            escape(&endpoint.name),
            escape(&ports),
            escape(&from),
            escape(some),
            escape(&via),
            trace_button(&spec, &label, lang)
        );
    }
    h.push_str("</ul>");
    h
}

/// One change in words: "stranger → coupon-api tcp 22 (+2 more pairs)".
fn change_words(c: &Changed, a: &Analysis, lang: Lang) -> String {
    let name = |i: usize| a.endpoints.get(i).map_or("?", |e| e.name.as_str());
    let mut words = format!(
        "{} → {} {}",
        name(c.from),
        name(c.to),
        ports_words(lang, c.protocol, &c.ports)
    );
    if c.more > 0 {
        words.push(' ');
        words.push_str(&match lang {
            Lang::En => format!("(+{} more pairs)", c.more),
            Lang::Ko => crate::ko!("(다른 쌍 {}개 더)", c.more),
        });
    }
    words
}

/// The note's list: each change with what changed the answer (the component that opened the
/// flows, or what now closes them: "db-sg blocks") and a button that sends its first flow;
/// `None` when the analysis was not asked about a version before.
pub fn note(a: &Analysis, scenario: &Scenario, lang: Lang) -> Option<String> {
    let changes = a.changes.as_ref()?;
    let mut h = String::new();
    if changes.is_empty() {
        let none = match lang {
            Lang::En => "This edit changed no flow.",
            Lang::Ko => crate::ko_str!("이 편집으로 바뀐 흐름이 없습니다."),
        };
        let _ = write!(h, "<p class=\"muted\">{}</p>", escape(none));
        return Some(h);
    }
    if !changes.changed.is_empty() {
        h.push_str("<ul>");
    }
    for c in changes.changed.iter().take(LISTED) {
        let flow = change_words(c, a, lang);
        let by = c.by.as_deref().map(|id| name_of(scenario, id));
        let cause = match (c.opened, by, lang) {
            (true, Some(b), Lang::En) => format!("opened by {b}"),
            (true, Some(b), Lang::Ko) => crate::ko!("{}에서 열림", b),
            (true, None, _) => String::new(),
            (false, by, _) => cell_words(c.verdict, by.as_deref(), lang),
        };
        let (class, said) = match (c.opened, lang) {
            (true, Lang::En) => ("opened", "Now open:"),
            (true, Lang::Ko) => ("opened", crate::ko_str!("이제 열림:")),
            (false, Lang::En) => ("closed", "Now closed:"),
            (false, Lang::Ko) => ("closed", crate::ko_str!("이제 닫힘:")),
        };
        let id = |i: usize| a.endpoints.get(i).map(|e| e.id.clone()).unwrap_or_default();
        let spec = flow_spec(
            id(c.from),
            id(c.to),
            c.protocol,
            lowest(c.protocol, &c.ports),
        );
        let label = match lang {
            Lang::En => format!("Trace {flow}"),
            Lang::Ko => crate::ko!("{} 추적", flow),
        };
        let _ = write!(
            h,
            "<li class=\"{class}\"><span class=\"change-kind\">{}</span> <span class=\"change-flow\">{}</span>{}{}</li>",
            escape(said),
            escape(&flow),
            if cause.is_empty() {
                String::new()
            } else {
                format!("<span class=\"change-cause\">{}</span>", escape(&cause))
            },
            trace_button(&spec, &label, lang)
        );
    }
    if !changes.changed.is_empty() {
        h.push_str("</ul>");
    }
    let hidden = changes.changed.len().saturating_sub(LISTED);
    if hidden > 0 {
        let more = match lang {
            Lang::En => format!("and {hidden} more: see Who reaches whom"),
            Lang::Ko => crate::ko!("그 밖에 {}개: '누가 누구에게 도달하나'를 보세요", hidden),
        };
        let _ = write!(h, "<p class=\"muted\">{}</p>", escape(&more));
    }
    let mut others = Vec::new();
    if !changes.added.is_empty() {
        let names = changes.added.join(", ");
        others.push(match lang {
            Lang::En => format!("New: {names}"),
            Lang::Ko => crate::ko!("새로 생김: {}", names),
        });
    }
    if !changes.removed.is_empty() {
        let names = changes.removed.join(", ");
        others.push(match lang {
            Lang::En => format!("Gone: {names}"),
            Lang::Ko => crate::ko!("사라짐: {}", names),
        });
    }
    for o in others {
        let _ = write!(h, "<p class=\"muted\">{}</p>", escape(&o));
    }
    Some(h)
}

/// The canvas's open-port lines for the parts where `scenario` places them, as SVG: those of
/// the endpoint `focus` when it is one (the part selected), else all of them.
pub fn edges(a: &Analysis, scenario: &Scenario, lang: Lang, focus: Option<&str>) -> String {
    let focus = focus.and_then(|id| a.endpoints.iter().position(|e| e.id == id));
    let words = |p: Protocol, r: &[Range]| ports_words(lang, p, r);
    let rect = |id: &str| -> Option<Rect> { scenario.layout.get(id).copied() };
    let outside = |id: &str| scenario.internet_hosts.iter().any(|h| h.id == id);
    let mut h = String::new();
    let lines = port_edges(a, &words, &rect, &outside);
    let shown = |e: &&PortEdge| focus.is_none_or(|f| e.between.0 == f || e.between.1 == f);
    for e in lines.iter().filter(shown) {
        let (mx, my) = e.label_at;
        let _ = write!(
            h,
            "<g class=\"port-edge{}\"><title>{}</title><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" marker-end=\"url(#port-arrow)\"{}/><text x=\"{mx:.1}\" y=\"{my:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\">{}</text></g>",
            if e.both { " both" } else { "" },
            escape(&e.title),
            e.from.0,
            e.from.1,
            e.to.0,
            e.to.1,
            if e.both {
                " marker-start=\"url(#port-arrow)\""
            } else {
                ""
            },
            escape(&e.label)
        );
    }
    h
}
