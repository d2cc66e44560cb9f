//! What changed between two versions of a network: the flows that became established or
//! stopped being so, port range by port range, each with the component that changed the
//! answer (what used to close it, or what closes it now).
//!
//! Endpoints are matched by their scenario id. Pairs of endpoints whose classes are the same
//! pair on both sides share one comparison, so the work follows the classes, and changes are
//! reported once for all the endpoint pairs they concern.

use super::all_ports::{all_ports, AllPorts, ProtocolPorts, PROTOCOLS};
use super::network::Network;
use super::portset::PortSet;
use super::trace::{BlockedBy, Verdict};
use crate::model::Protocol;
use rustc_hash::FxHashMap as HashMap;

/// How a flow ended on one side of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// What decided, when not established.
    pub blocked_by: Option<BlockedBy>,
}

/// Flows that changed the same way, for one or more pairs of endpoints.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The pairs of endpoints, as indices into [`Diff::endpoints`] (from, to).
    pub pairs: Vec<(usize, usize)>,
    /// The protocol.
    pub protocol: Protocol,
    /// The ports (empty for ICMP).
    pub ports: PortSet,
    /// Whether the flows became established (`false`: they stopped being established).
    pub opened: bool,
    /// How they ended before.
    pub before: Outcome,
    /// How they end now.
    pub after: Outcome,
}

impl Change {
    /// The component that changed the answer: what used to close the flows, or what closes
    /// them now.
    pub fn changed_by(&self) -> Option<&BlockedBy> {
        if self.opened {
            self.before.blocked_by.as_ref()
        } else {
            self.after.blocked_by.as_ref()
        }
    }
}

/// One endpoint found on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffEndpoint {
    /// Scenario id.
    pub id: String,
    /// Display name (after the change).
    pub name: String,
}

/// Everything that changed.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The endpoints found on both sides.
    pub endpoints: Vec<DiffEndpoint>,
    /// The changes, by pair of endpoints then protocol and port.
    pub changes: Vec<Change>,
    /// Ids of endpoints only the first network has.
    pub removed: Vec<String>,
    /// Ids of endpoints only the second network has.
    pub added: Vec<String>,
}

impl Diff {
    /// Whether nothing changed (no flow, no endpoint).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.removed.is_empty() && self.added.is_empty()
    }
}

/// The changes of one protocol between the parts `before` and `after`.
fn protocol_changes(before: &ProtocolPorts, after: &ProtocolPorts) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for b in &before.parts {
        for a in &after.parts {
            if a.verdict.is_established() == b.verdict.is_established() {
                continue;
            }
            let ports = b.ports.intersection(&a.ports);
            if ports.is_empty() {
                continue;
            }
            out.push(Change {
                pairs: Vec::new(),
                protocol: before.protocol,
                ports: before.shown(ports),
                opened: a.verdict.is_established(),
                before: Outcome {
                    verdict: b.verdict,
                    blocked_by: b.blocked_by.clone(),
                },
                after: Outcome {
                    verdict: a.verdict,
                    blocked_by: a.blocked_by.clone(),
                },
            });
        }
    }
    crate::sorting::sort_by_key(&mut out, |c| c.ports.first());
    out
}

/// The changes between two results for one pair.
fn pair_changes(before: &[ProtocolPorts], after: &[ProtocolPorts]) -> Vec<Change> {
    PROTOCOLS
        .iter()
        .enumerate()
        .flat_map(|(i, _)| protocol_changes(&before[i], &after[i]))
        .collect()
}

/// What changed from `before` to `after`.
pub fn diff(before: &Network, after: &Network) -> Diff {
    compare(&all_ports(before), &all_ports(after))
}

/// What changed between two all-ports results.
pub fn compare(before: &AllPorts, after: &AllPorts) -> Diff {
    let index: HashMap<&str, usize> = (after.endpoints.iter().enumerate())
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // Endpoints on both sides: (index before, index after).
    let both: Vec<(usize, usize)> = (before.endpoints.iter().enumerate())
        .filter_map(|(i, e)| index.get(e.id.as_str()).map(|&j| (i, j)))
        .collect();
    let endpoints = both
        .iter()
        .map(|&(_, j)| DiffEndpoint {
            id: after.endpoints[j].id.clone(),
            name: after.endpoints[j].name.clone(),
        })
        .collect();
    let removed = (before.endpoints.iter())
        .filter(|e| !index.contains_key(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    let kept: std::collections::HashSet<&str> =
        before.endpoints.iter().map(|e| e.id.as_str()).collect();
    let added = (after.endpoints.iter())
        .filter(|e| !kept.contains(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    // One comparison per combination of classes; its changes collect every pair it concerns.
    let mut groups: HashMap<[usize; 4], Vec<Change>> = HashMap::default();
    let mut order: Vec<[usize; 4]> = Vec::new();
    for (x, &(ib, ia)) in both.iter().enumerate() {
        for (y, &(jb, ja)) in both.iter().enumerate() {
            if x == y {
                continue;
            }
            let (Some(b), Some(a)) = (before.get(ib, jb), after.get(ia, ja)) else {
                continue;
            };
            let key = [
                before.endpoints[ib].class,
                before.endpoints[jb].class,
                after.endpoints[ia].class,
                after.endpoints[ja].class,
            ];
            let changes = groups.entry(key).or_insert_with(|| {
                order.push(key);
                pair_changes(b, a)
            });
            for c in changes.iter_mut() {
                c.pairs.push((x, y));
            }
        }
    }
    let mut changes: Vec<Change> = Vec::new();
    for key in order {
        changes.extend(groups.remove(&key).unwrap_or_default());
    }
    changes.retain(|c| !c.pairs.is_empty());
    crate::sorting::sort_by_key(&mut changes, |c| c.pairs[0]);
    Diff {
        endpoints,
        changes,
        removed,
        added,
    }
}
