//! Transit gateways compiled for simulation: each route table's routes ready for longest-prefix
//! match (static and propagated in one list), and which VPCs each gateway joins.

use crate::model::{Scenario, TransitGateway};
use ipnet::IpNet;
use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

/// Where a transit gateway route sends: a VPC attachment or a peering, by index in the gateway's
/// `attachments` or `peerings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TgwTarget {
    /// `attachments[i]`.
    Attachment(usize),
    /// `peerings[i]`.
    Peering(usize),
    /// Link `link` of on-premises network `site` (indices in the scenario), a VPN or Direct
    /// Connect attachment of the gateway.
    Site {
        /// The network's index in `on_prem_networks`.
        site: usize,
        /// The link's index in its `links`.
        link: usize,
    },
}

/// One route of a transit gateway route table, static or propagated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TgwEntry {
    /// The block it matches.
    pub destination: IpNet,
    /// Where it sends; `None` for a blackhole route or a static route to an attachment the
    /// scenario lacks.
    pub target: Option<TgwTarget>,
    /// Whether an attachment propagated it (else it is static).
    pub propagated: bool,
}

/// A transit gateway's route tables, compiled.
#[derive(Debug, Clone, Default)]
pub struct CompiledTgw {
    /// The routes of each route table (same order as the gateway's `route_tables`), longest
    /// prefix first and, for one block, the static route before the propagated ones.
    pub tables: Vec<Vec<TgwEntry>>,
}

impl CompiledTgw {
    /// Compiles the route tables of `tgw`; propagated routes are the blocks (IPv4 and IPv6) of
    /// each propagating attachment's VPC, and those each propagating site link carries.
    pub fn new(
        scenario: &Scenario,
        tgw: &TransitGateway,
        vpc_index: &HashMap<&str, usize>,
    ) -> Self {
        let attachment = |id: &str| {
            (tgw.attachments
                .iter()
                .position(|a| a.id == id)
                .map(TgwTarget::Attachment))
            .or_else(|| (tgw.peerings.iter().position(|p| p.id == id)).map(TgwTarget::Peering))
            .or_else(|| {
                links_of(scenario, &tgw.id)
                    .find(|(_, _, l)| l.is_named(id))
                    .map(|(site, link, _)| TgwTarget::Site { site, link })
            })
        };
        let tables = (tgw.route_tables.iter())
            .map(|table| {
                let statics = table.routes.iter().map(|r| TgwEntry {
                    destination: r.destination,
                    target: r.attachment.as_deref().and_then(attachment),
                    propagated: false,
                });
                let propagated = (tgw.attachments.iter().enumerate())
                    .filter(|(_, a)| a.propagates_to.contains(&table.id))
                    .flat_map(|(i, a)| {
                        let vpc = vpc_index.get(a.vpc.as_str()).map(|&v| &scenario.vpcs[v]);
                        // A VPC attachment propagates the VPC's IPv4 and IPv6 blocks.
                        let v4 = vpc.into_iter().flat_map(|v| &v.cidrs).map(|c| (*c).into());
                        let v6 = vpc
                            .into_iter()
                            .flat_map(|v| &v.ipv6_cidrs)
                            .map(|c| (*c).into());
                        v4.chain(v6).map(move |destination| TgwEntry {
                            destination,
                            target: Some(TgwTarget::Attachment(i)),
                            propagated: true,
                        })
                    });
                let from_sites = links_of(scenario, &tgw.id)
                    .filter(|(_, _, l)| l.propagates_to.contains(&table.id))
                    .flat_map(|(site, link, l)| {
                        let blocks = scenario.on_prem_networks[site].blocks_over(l);
                        blocks.iter().map(move |c| TgwEntry {
                            destination: ipnet::IpNet::V4(*c),
                            target: Some(TgwTarget::Site { site, link }),
                            propagated: true,
                        })
                    });
                let mut list: Vec<TgwEntry> = statics.chain(propagated).chain(from_sites).collect();
                crate::sorting::sort_by_key(&mut list, |e| {
                    (std::cmp::Reverse(e.destination.prefix_len()), e.propagated)
                });
                list
            })
            .collect();
        CompiledTgw { tables }
    }

    /// Compiles `tgw` of `scenario` on its own (the inspector lists its routes this way).
    pub fn of(scenario: &Scenario, tgw: &TransitGateway) -> Self {
        let vpc_index = (scenario.vpcs.iter().enumerate())
            .map(|(i, v)| (v.id.as_str(), i))
            .collect();
        CompiledTgw::new(scenario, tgw, &vpc_index)
    }

    /// The route of route table `table` that wins for `dst`.
    pub fn lookup(&self, table: usize, dst: IpAddr) -> Option<&TgwEntry> {
        (self.tables.get(table)?.iter()).find(|e| e.destination.contains(&dst))
    }
}

/// The links of on-premises networks that end at transit gateway `tgw`: (network, link, the
/// link), by index.
pub fn links_of<'a>(
    scenario: &'a Scenario,
    tgw: &'a str,
) -> impl Iterator<Item = (usize, usize, &'a crate::model::SiteLink)> + 'a {
    (scenario.on_prem_networks.iter().enumerate()).flat_map(move |(s, n)| {
        (n.links.iter().enumerate())
            .filter(
                move |(_, l)| matches!(&l.to, crate::model::LinkEnd::TransitGateway(t) if t == tgw),
            )
            .map(move |(i, l)| (s, i, l))
    })
}

/// For each VPC, the indices of the transit gateways it is attached to.
pub fn gateways_of_vpc(scenario: &Scenario, vpc_index: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); scenario.vpcs.len()];
    for (i, t) in scenario.transit_gateways.iter().enumerate() {
        for a in &t.attachments {
            if let Some(&v) = vpc_index.get(a.vpc.as_str()) {
                if !of[v].contains(&i) {
                    of[v].push(i);
                }
            }
        }
    }
    of
}
