//! Every open port between every pair of endpoints, at once.
//!
//! For each pair of behaviour classes ([`Classes`]) one walk over every TCP port, one over
//! every UDP port and one ping answer the question for all 131,072 ports
//! ([`super::port_walk`]): which port ranges are established, and for the rest what closes
//! them.

use super::flow::{Client, Node};
use super::matrix::{Classes, Endpoint};
use super::network::Network;
use super::port_walk::{merge, trace_ports, PortOutcome};
use super::portset::PortSet;
use crate::model::Protocol;

/// The protocols an all-ports analysis covers, in the order it reports them.
pub const PROTOCOLS: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp];

/// What a flow gets over one protocol, port range by port range.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolPorts {
    /// The protocol.
    pub protocol: Protocol,
    /// The ports (every port, 0-65535; for ICMP one part standing for the ping) split into
    /// parts, each with its verdict and what decided; parts with the same outcome are joined.
    pub parts: Vec<PortOutcome>,
}

impl ProtocolPorts {
    /// The ports on which the flow is established (for ICMP: every port when ping works).
    pub fn open(&self) -> PortSet {
        (self.parts.iter())
            .filter(|p| p.verdict.is_established())
            .fold(PortSet::empty(), |all, p| all.union(&p.ports))
    }

    /// `ports` as a report shows them for this protocol: as they are, or none for ICMP (its
    /// one part stands for the ping, not for ports).
    pub fn shown(&self, ports: PortSet) -> PortSet {
        if self.protocol.has_ports() {
            ports
        } else {
            PortSet::empty()
        }
    }

    /// The part holding `port`.
    pub fn part_of(&self, port: u16) -> Option<&PortOutcome> {
        self.parts.iter().find(|p| p.ports.contains(port))
    }
}

/// Every port of every protocol in [`PROTOCOLS`] from `client` to `to` (IPv4).
pub fn pair_ports(net: &Network, client: Client, to: Node) -> Vec<ProtocolPorts> {
    PROTOCOLS
        .iter()
        .map(|&protocol| ProtocolPorts {
            protocol,
            parts: merge(trace_ports(net, client, to, protocol, &PortSet::all())),
        })
        .collect()
}

/// Every open port between every pair of endpoints.
#[derive(Debug, Clone)]
pub struct AllPorts {
    /// The endpoints, each with its behaviour class.
    pub endpoints: Vec<Endpoint>,
    /// Number of classes.
    pub classes: usize,
    cells: Vec<Option<Vec<ProtocolPorts>>>,
}

impl AllPorts {
    /// What every endpoint of class `from` gets to every other endpoint of class `to`; `None`
    /// when there is no such pair or `from` starts no connections.
    pub fn class_cell(&self, from: usize, to: usize) -> Option<&[ProtocolPorts]> {
        self.cells[from * self.classes + to].as_deref()
    }

    /// What endpoint `a` gets to endpoint `b` (`None` when `a == b`).
    pub fn get(&self, a: usize, b: usize) -> Option<&[ProtocolPorts]> {
        if a == b {
            return None;
        }
        self.class_cell(self.endpoints[a].class, self.endpoints[b].class)
    }

    /// Index of the endpoint with scenario id `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.endpoints.iter().position(|e| e.id == id)
    }
}

/// Computes every open port between every pair of endpoints of `net`.
pub fn all_ports(net: &Network) -> AllPorts {
    let classes = Classes::new(net);
    let n = classes.len();
    let mut cells = Vec::with_capacity(n * n);
    let _ = each_pair::<()>(net, &classes, |_, _, cell| {
        cells.push(cell);
        Ok(())
    });
    AllPorts {
        endpoints: classes.endpoints,
        classes: n,
        cells,
    }
}

/// Computes what every pair of classes `(from, to)` gets, in order, and hands it to `each`
/// without keeping it (`None` for a pair with no flow), so a caller that writes the results as
/// it goes needs memory for one pair at a time; the first error of `each` stops it.
pub fn each_pair<E>(
    net: &Network,
    classes: &Classes,
    mut each: impl FnMut(usize, usize, Option<Vec<ProtocolPorts>>) -> Result<(), E>,
) -> Result<(), E> {
    let n = classes.len();
    for a in 0..n {
        for b in 0..n {
            let cell = classes
                .pair(net, a, b)
                .map(|(client, to)| pair_ports(net, client, to));
            each(a, b, cell)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::matrix::{matrix, Probe};
    use crate::engine::synthetic::{tiered_vpc, Size};

    #[test]
    fn all_ports_agrees_with_the_probe_matrix() {
        let s = tiered_vpc(Size {
            subnets: 10,
            enis: 120,
            groups: 20,
            rules_per_group: 4,
        });
        let net = Network::new(&s);
        let probes: Vec<Probe> = ["22", "80", "443", "5432", "udp/53", "udp/123", "icmp"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect();
        let m = matrix(&net, &probes);
        let all = all_ports(&net);
        assert_eq!(all.classes, m.classes);
        let mut open = 0;
        for a in 0..all.classes {
            for b in 0..all.classes {
                for (p, probe) in probes.iter().enumerate() {
                    let cell = m.class_cell(a, b, p);
                    let ports = all.class_cell(a, b);
                    assert_eq!(cell.is_some(), ports.is_some());
                    let (Some(cell), Some(ports)) = (cell, ports) else {
                        continue;
                    };
                    let proto = ports.iter().find(|x| x.protocol == probe.protocol).unwrap();
                    let part = proto.part_of(probe.port.unwrap_or(0)).unwrap();
                    assert_eq!(part.verdict, cell.verdict, "{a} -> {b} on {probe}");
                    assert_eq!(
                        part.blocked_by.as_ref().map(|b| &b.id),
                        cell.blocked_by.as_ref(),
                        "{a} -> {b} on {probe}"
                    );
                    open += usize::from(cell.verdict.is_established());
                }
            }
        }
        assert!(open > 0, "some probes are open");
    }
}
