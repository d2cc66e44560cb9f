//! What the app's helper works out about a scenario after each change, for the page to show:
//! every open port between every pair of endpoint classes, what the internet reaches, and what
//! changed since the version before ([`analyse`]), in the form the views read (ranges as pairs,
//! components by id, endpoints by index; the worker keeps the last one, so a change of the
//! ports marked or of the language is rendered again without a walk), and the page's views of
//! it as markup ([`view`]). Built natively and in the helper worker with the `port-sets`
//! feature; the page only inserts the markup the worker sends it and never walks a port set.

use crate::engine::{FlowSpec, Verdict};
use crate::model::Protocol;

/// An inclusive port range, `(from, to)`.
pub type Range = (u16, u16);

/// One endpoint of the scenario (instance, database, load balancer or internet host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Scenario id (`internet` for the stand-in host on the internet).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its behaviour class: endpoints of one class get the same answers.
    pub class: usize,
}

/// Ports that end the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The ports (for ICMP one part standing for the ping).
    pub ports: Vec<Range>,
    /// Their verdict.
    pub verdict: Verdict,
    /// Id of the component that decided, when not established.
    pub by: Option<String>,
}

/// What a flow over one protocol gets, part by part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ports {
    /// The protocol.
    pub protocol: Protocol,
    /// Every port, split where the outcome changes.
    pub parts: Vec<Part>,
}

impl Ports {
    /// The established ranges (for ICMP: non-empty when ping works).
    pub fn open(&self) -> Vec<Range> {
        let mut open: Vec<Range> = (self.parts.iter())
            .filter(|p| p.verdict.is_established())
            .flat_map(|p| p.ports.iter().copied())
            .collect();
        open.sort_unstable();
        open
    }

    /// The part holding `port` (ICMP: its one part, whatever the port).
    pub fn part_of(&self, port: u16) -> Option<&Part> {
        if !self.protocol.has_ports() {
            return self.parts.first();
        }
        (self.parts.iter()).find(|p| p.ports.iter().any(|&(a, b)| (a..=b).contains(&port)))
    }
}

/// What `cell` gives a flow over `protocol` to `port` (any port for ICMP), if the analysis
/// covers that protocol.
pub fn outcome(cell: &[Ports], protocol: Protocol, port: Option<u16>) -> Option<&Part> {
    (cell.iter().find(|p| p.protocol == protocol))?.part_of(port.unwrap_or(0))
}

/// A flow as the `data-flow` attribute carries it: `from|to|protocol|port` (port empty for
/// ICMP); the page reads it back with [`flow_from_attr`].
pub fn flow_attr(spec: &FlowSpec) -> String {
    let port = spec.port.map(|p| p.to_string()).unwrap_or_default();
    format!("{}|{}|{}|{port}", spec.from, spec.to, spec.protocol)
}

/// The flow a `data-flow` attribute carries.
pub fn flow_from_attr(attr: &str) -> Option<FlowSpec> {
    let mut parts = attr.split('|');
    let (from, to) = (parts.next()?, parts.next()?);
    let protocol: Protocol = parts.next()?.parse().ok()?;
    let port = parts.next()?;
    Some(FlowSpec {
        from: from.into(),
        to: to.into(),
        protocol,
        port: if port.is_empty() {
            None
        } else {
            Some(port.parse().ok()?)
        },
        src_port: None,
        ipv6: false,
    })
}

/// A component on the way of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Id of the component.
    pub id: String,
    /// The rule that let the packet through, if a rule did, in English and in Korean
    /// (`inbound rule #5`, `인바운드 규칙 #5`).
    pub rule: Option<(String, String)>,
}

/// An endpoint the internet reaches on some ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposed {
    /// Index into [`Analysis::endpoints`].
    pub endpoint: usize,
    /// The protocol.
    pub protocol: Protocol,
    /// The open ports (empty for ICMP).
    pub ports: Vec<Range>,
    /// Established from every source port (`false`: only from some).
    pub every_source_port: bool,
    /// The internet blocks that reach it (`0.0.0.0/0` when all of the internet does).
    pub from: Vec<String>,
    /// The way in to the lowest open port.
    pub path: Vec<Step>,
}

/// Flows between two endpoints that changed the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Index of the source into [`Analysis::endpoints`].
    pub from: usize,
    /// Index of the destination.
    pub to: usize,
    /// Other pairs of endpoints that changed the same way.
    pub more: usize,
    /// The protocol.
    pub protocol: Protocol,
    /// The ports (empty for ICMP).
    pub ports: Vec<Range>,
    /// Whether the flows became established (`false`: they stopped being).
    pub opened: bool,
    /// The verdict now.
    pub verdict: Verdict,
    /// Id of the component that changed the answer: what used to close the flows, or what
    /// closes them now.
    pub by: Option<String>,
}

/// What changed since the version before.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Flows that opened or closed, by pair of endpoints.
    pub changed: Vec<Changed>,
    /// Names of endpoints that are new.
    pub added: Vec<String>,
    /// Names of endpoints that are gone.
    pub removed: Vec<String>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

/// Everything the page shows about one version of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// The endpoints, each with its class.
    pub endpoints: Vec<Member>,
    /// Number of classes.
    pub classes: usize,
    /// Per pair of classes (row-major: `from * classes + to`) what every endpoint of the first
    /// gets to every other endpoint of the second, tcp, udp and icmp; `None` when there is no
    /// such pair.
    pub cells: Vec<Option<Vec<Ports>>>,
    /// What the internet reaches, by endpoint then protocol.
    pub exposed: Vec<Exposed>,
    /// What changed since the version asked about with it (`None` when none was).
    pub changes: Option<Changes>,
}

impl Analysis {
    /// What every endpoint of class `from` gets to every other endpoint of class `to`.
    pub fn class_cell(&self, from: usize, to: usize) -> Option<&[Ports]> {
        self.cells.get(from * self.classes + to)?.as_deref()
    }

    /// What endpoint `a` gets to endpoint `b` (`None` when `a == b`).
    pub fn get(&self, a: usize, b: usize) -> Option<&[Ports]> {
        if a == b {
            return None;
        }
        let class = |i: usize| self.endpoints.get(i).map(|e| e.class);
        self.class_cell(class(a)?, class(b)?)
    }
}

#[cfg(feature = "port-sets")]
mod compute {
    use super::*;
    use crate::engine::all_ports::{all_ports, AllPorts, ProtocolPorts};
    use crate::engine::diff::compare;
    use crate::engine::explain::rule_words;
    use crate::engine::exposure::{exposure, Source};
    use crate::engine::portset::PortSet;
    use crate::engine::Network;
    use crate::i18n::Lang;

    fn ranges(ports: &PortSet) -> Vec<Range> {
        ports.ranges().iter().map(|r| (r.from, r.to)).collect()
    }

    fn ports(p: &ProtocolPorts) -> Ports {
        Ports {
            protocol: p.protocol,
            parts: (p.parts.iter())
                .map(|x| Part {
                    ports: ranges(&p.shown(x.ports.clone())),
                    verdict: x.verdict,
                    by: x.blocked_by.as_ref().map(|b| b.id.clone()),
                })
                .collect(),
        }
    }

    /// What changed from `before` to `after`, with endpoints as indices into `after`.
    fn changes(before: &AllPorts, after: &AllPorts) -> Changes {
        let diff = compare(before, after);
        let index = |i: usize| after.position(&diff.endpoints[i].id);
        let name = |m: &AllPorts, id: &str| {
            let e = m.position(id).map(|i| m.endpoints[i].name.clone());
            e.unwrap_or_else(|| id.to_string())
        };
        let changed = (diff.changes.iter())
            .filter_map(|c| {
                let &(a, b) = c.pairs.first()?;
                Some(Changed {
                    from: index(a)?,
                    to: index(b)?,
                    more: c.pairs.len() - 1,
                    protocol: c.protocol,
                    ports: ranges(&c.ports),
                    opened: c.opened,
                    verdict: c.after.verdict,
                    by: c.changed_by().map(|b| b.id.clone()),
                })
            })
            .collect();
        Changes {
            changed,
            added: diff.added.iter().map(|id| name(after, id)).collect(),
            removed: diff.removed.iter().map(|id| name(before, id)).collect(),
        }
    }

    /// Everything the page shows about `net`, and what changed since `before` when it is
    /// given; also returns the all-ports result, to compare the next version with.
    pub fn analyse(net: &Network, before: Option<&AllPorts>) -> (Analysis, AllPorts) {
        let all = all_ports(net);
        let n = all.classes;
        let mut cells = Vec::with_capacity(n * n);
        for a in 0..n {
            for b in 0..n {
                cells.push(all.class_cell(a, b).map(|c| c.iter().map(ports).collect()));
            }
        }
        let found = exposure(net, Source::Internet);
        let exposed = (found.openings.iter())
            .filter_map(|o| {
                Some(Exposed {
                    endpoint: all.position(&found.endpoints[o.endpoint].id)?,
                    protocol: o.protocol,
                    ports: ranges(&o.ports),
                    every_source_port: o.every_source_port,
                    from: o.from.iter().map(|c| c.to_string()).collect(),
                    path: (o.path.iter())
                        .map(|s| Step {
                            id: s.id.clone(),
                            rule: s
                                .rule
                                .as_ref()
                                .map(|r| (rule_words(r, Lang::En), rule_words(r, Lang::Ko))),
                        })
                        .collect(),
                })
            })
            .collect();
        let analysis = Analysis {
            endpoints: (all.endpoints.iter())
                .map(|e| Member {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    class: e.class,
                })
                .collect(),
            classes: n,
            cells,
            exposed,
            changes: before.map(|b| changes(b, &all)),
        };
        (analysis, all)
    }
}

#[cfg(feature = "port-sets")]
pub use compute::analyse;

#[cfg(feature = "port-sets")]
pub mod view;

#[cfg(all(test, feature = "port-sets"))]
mod tests {
    use super::*;
    use crate::engine::{trace, FlowSpec, Network};
    use crate::model::Peer;

    fn template(name: &str) -> crate::model::Scenario {
        crate::templates::load(name).expect("template")
    }

    #[test]
    fn every_cell_agrees_with_single_traces_on_the_ports_it_names() {
        let s = template("public-private-db");
        let net = Network::new(&s);
        let (a, _) = analyse(&net, None);
        let mut checked = 0;
        for (i, from) in a.endpoints.iter().enumerate() {
            for (j, to) in a.endpoints.iter().enumerate() {
                let Some(cell) = a.get(i, j) else { continue };
                for port in [22, 80, 443, 5432, 3306, 8080] {
                    let t = trace(&net, &FlowSpec::tcp(&from.id, &to.id, port)).expect("traces");
                    let part = cell[0].part_of(port).expect("every port is in a part");
                    assert_eq!(
                        part.verdict, t.verdict,
                        "{} → {} tcp/{port}",
                        from.id, to.id
                    );
                    let by = t.blocked_by.as_ref().map(|b| b.id.clone());
                    assert_eq!(part.by, by, "{} → {} tcp/{port}", from.id, to.id);
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} flows checked");
    }

    #[test]
    fn opening_ssh_to_the_world_is_reported_as_a_change_and_an_exposure() {
        let before = template("public-private-db");
        let (_, all_before) = analyse(&Network::new(&before), None);
        let mut after = before.clone();
        let api = after.instances.iter().find(|i| i.id == "api-1");
        let group = api.and_then(|w| w.interfaces[0].security_groups.first().cloned());
        let group = group.expect("the API server has a group");
        let sg = (after.security_groups.iter_mut().find(|g| g.id == group)).expect("group");
        sg.inbound.push(crate::scenario::testkit::sg_rule(
            Protocol::Tcp,
            Some("22"),
            Peer::Cidr("0.0.0.0/0".parse().unwrap()),
        ));
        let (a, _) = analyse(&Network::new(&after), Some(&all_before));
        let changes = a.changes.expect("a version before was given");
        let opened: Vec<&Changed> = (changes.changed.iter())
            .filter(|c| c.opened && c.ports.contains(&(22, 22)))
            .collect();
        // The laptop already had SSH; the stranger on the internet now has it too.
        assert!(!opened.is_empty(), "{changes:?}");
        assert!(opened.iter().all(|c| a.endpoints[c.from].id == "stranger"));
        assert!(opened
            .iter()
            .all(|c| c.by.as_deref() == Some(group.as_str())));
        let exposed = a.exposed.iter().any(|e| {
            e.protocol == Protocol::Tcp && e.ports.iter().any(|&(f, t)| f <= 22 && 22 <= t)
        });
        assert!(exposed, "{:?}", a.exposed);
    }

    #[test]
    fn an_unchanged_network_has_no_changes() {
        let s = template("transit-hub");
        let net = Network::new(&s);
        let (_, all) = analyse(&net, None);
        let (a, _) = analyse(&net, Some(&all));
        assert_eq!(a.changes, Some(Changes::default()));
    }

    #[test]
    fn a_flow_reads_back_from_its_attribute() {
        let tcp = FlowSpec::tcp("laptop", "web-1", 22);
        assert_eq!(flow_from_attr(&flow_attr(&tcp)), Some(tcp));
        let ping = FlowSpec {
            from: "198.51.100.1".into(),
            to: "db".into(),
            ..FlowSpec::resolved(Protocol::Icmp, None)
        };
        assert_eq!(flow_from_attr(&flow_attr(&ping)), Some(ping));
        assert_eq!(flow_from_attr("a|b|tcp|http"), None);
        assert_eq!(flow_from_attr("a|b"), None);
    }
}
