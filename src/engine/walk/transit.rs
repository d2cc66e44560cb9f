//! Transit gateways: a packet a route table sends to a transit gateway enters it through its
//! VPC's attachment, in the sending subnet's Availability Zone; the route table the attachment
//! is associated with picks the attachment it leaves by (longest prefix; a static route before a
//! propagated one), and it comes out in that VPC's attachment subnet, whose route table takes it
//! on.
//!
//! Network ACLs: the attachment subnet's outbound rules apply on the way into the gateway (when
//! it is not the sending subnet, whose outbound rules applied already), and its inbound rules on
//! the way out of it, before the destination subnet's inbound rules.

use super::*;
use crate::engine::transit::TgwTarget;
use crate::model::TgwAttachment;

/// A component as the walker names it: id, display name, kind.
type Who3<'a> = (&'a str, &'a str, Kind);

/// Peerings a packet may cross before it counts as going round a loop.
const MAX_PEERINGS: u8 = 4;

impl<'n, 's> Walk<'n, 's> {
    /// Route table `rt` (id, display name) of `subnet` sends `pkt` to transit gateway `id`.
    pub(super) fn transit(
        &mut self,
        subnet: usize,
        id: &str,
        (rt_id, rt_name): (&str, &str),
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let sn = &net.subnets[subnet];
        let vpc = &s.vpcs[sn.vpc];
        let Some(t) = s.transit_gateways.iter().position(|t| t.id == id) else {
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (rt_id, rt_name, Kind::RouteTable),
                None,
                |_| format!("route table {rt_name} points at transit gateway {id}, which is not in the scenario"),
            ));
        };
        let tgw = &s.transit_gateways[t];
        let who = (tgw.id.as_str(), tgw.name.as_str(), Kind::TransitGateway);
        let tgw_name = display(&tgw.name, &tgw.id);
        let vpc_name = display(&vpc.name, &vpc.id);
        let Some(att) = tgw.attachments.iter().find(|a| a.vpc == vpc.id) else {
            let rule = Some(RuleRef::NotAttached);
            return Err(self.drop(&pkt, Verdict::BlackholeRoute, who, rule, |_| {
                format!("transit gateway {tgw_name} has no attachment to {vpc_name}")
            }));
        };
        let az = &sn.subnet.az;
        let Some(entry) = self.attachment_subnet(att, az) else {
            let rule = Some(RuleRef::NoSubnetInZone { zone: az.clone() });
            return Err(self.drop(&pkt, Verdict::NoRoute, who, rule, |_| {
                format!(
                    "attachment {} of transit gateway {tgw_name} has no subnet in {az}, so {} cannot reach it: a VPC attachment serves only the Availability Zones it has a subnet in",
                    display(&att.name, &att.id),
                    display(&sn.subnet.name, &sn.subnet.id)
                )
            }));
        };
        if entry != subnet {
            self.at_subnet(entry, Side::Leaving);
            self.network_acl(entry, &pkt, false)?;
        }
        self.site = None;
        self.hop(&pkt, who, Step::Forward, |_| {
            format!(
                "transit gateway {tgw_name} takes the packet in through attachment {} ({vpc_name})",
                display(&att.name, &att.id)
            )
        });
        let what = || format!("attachment {}", display(&att.name, &att.id));
        let table = self.association(t, att.route_table.as_ref(), &what, &pkt)?;
        self.tgw_route(t, table, az, pkt, 0)
    }

    /// The index of route table `id` of transit gateway `t`, which `what` (an attachment, a
    /// peering, a site link, named only when the walk records) is associated with; without one,
    /// the packet is dropped.
    pub(super) fn association(
        &mut self,
        t: usize,
        id: Option<&String>,
        what: &dyn Fn() -> String,
        pkt: &Packet,
    ) -> Result<usize, End> {
        let tgw = &self.net.scenario.transit_gateways[t];
        if let Some(i) = id.and_then(|id| tgw.route_tables.iter().position(|r| r.id == *id)) {
            return Ok(i);
        }
        let who = (tgw.id.as_str(), tgw.name.as_str(), Kind::TransitGateway);
        let tgw_name = display(&tgw.name, &tgw.id);
        Err(self.drop(
            pkt,
            Verdict::NoRoute,
            who,
            Some(RuleRef::NoAssociation),
            |_| {
                format!(
                    "{} is associated with no route table of transit gateway {tgw_name}",
                    what()
                )
            },
        ))
    }

    /// Route table `table` of transit gateway `t` (indices) sends `pkt` on; `az` is the zone it
    /// came in from, `crossed` the peerings it has crossed so far.
    pub(super) fn tgw_route(
        &mut self,
        t: usize,
        table: usize,
        az: &str,
        pkt: Packet,
        crossed: u8,
    ) -> Result<Stage, End> {
        let net = self.net;
        let tgw = &net.scenario.transit_gateways[t];
        let table_index = table;
        let table = &tgw.route_tables[table];
        let who = (
            table.id.as_str(),
            table.name.as_str(),
            Kind::TransitGatewayRouteTable,
        );
        let table_name = display(&table.name, &table.id);
        let Some(&m) = net.tgws[t].lookup(table_index, pkt.dst) else {
            return Err(
                self.drop(&pkt, Verdict::NoRoute, who, Some(RuleRef::NoRoute), |_| {
                    format!(
                        "transit gateway route table {table_name} has no route to {}",
                        pkt.dst
                    )
                }),
            );
        };
        let rule = RuleRef::Route {
            destination: RouteDest::Cidr(m.destination),
        };
        let dest = m.destination;
        let out = match m.target {
            Some(TgwTarget::Attachment(a)) => Some(&tgw.attachments[a]),
            Some(TgwTarget::Peering(p)) => {
                return self.over_peering(t, p, (who, rule, dest), (az, crossed), pkt)
            }
            Some(TgwTarget::Site { site, link }) => {
                let l = &net.scenario.on_prem_networks[site].links[link];
                let how = if m.propagated { "propagated" } else { "static" };
                self.hop(&pkt, who, Step::Route { rule }, |_| {
                    format!(
                        "{how} route {dest} → {} matches {}",
                        display(&l.name, &l.id),
                        pkt.dst
                    )
                });
                return self.over_to_site(site, link, pkt);
            }
            None => None,
        };
        let Some(out) = out else {
            return Err(self.drop(&pkt, Verdict::BlackholeRoute, who, Some(rule), |_| {
                format!("transit gateway route table {table_name} has a blackhole route for {dest}: the packet is dropped")
            }));
        };
        let exit = net.vpc(&out.vpc).and_then(|_| {
            self.attachment_subnet(out, az)
                .or_else(|| self.first_subnet(out))
        });
        let Some(exit) = exit else {
            return Err(
                self.drop(&pkt, Verdict::BlackholeRoute, who, Some(rule), |_| {
                    format!(
                        "route {dest} sends to attachment {}, which has no subnet in the scenario",
                        display(&out.name, &out.id)
                    )
                }),
            );
        };
        let how = if m.propagated { "propagated" } else { "static" };
        self.hop(&pkt, who, Step::Route { rule }, |_| {
            format!(
                "{how} route {dest} → attachment {} matches {}",
                display(&out.name, &out.id),
                pkt.dst
            )
        });
        self.at_subnet(exit, Side::Entering);
        self.network_acl(exit, &pkt, true)?;
        self.site = self.record.then(|| Site {
            part: net.subnets[exit].subnet.id.clone(),
            side: Side::Leaving,
        });
        self.route_from(exit, pkt)
    }

    /// Route `rule` (for block `dest`) of a table of transit gateway `t`, component `table`,
    /// sends `pkt` over peering `p`: it comes out at the gateway at the other end, whose side of
    /// the peering is associated with the route table that takes it on. `az` is the zone it came
    /// in from and `crossed` the peerings crossed so far (a loop of static routes between peered
    /// gateways ends as a forwarding loop).
    fn over_peering(
        &mut self,
        t: usize,
        p: usize,
        (table, rule, dest): (Who3<'_>, RuleRef, ipnet::IpNet),
        (az, crossed): (&str, u8),
        pkt: Packet,
    ) -> Result<Stage, End> {
        let s = self.net.scenario;
        let peering = &s.transit_gateways[t].peerings[p];
        let name = display(&peering.name, &peering.id);
        if crossed >= MAX_PEERINGS {
            return Err(self.drop(&pkt, Verdict::ForwardingLoop, table, Some(rule), |_| {
                format!("the packet crossed {MAX_PEERINGS} transit gateway peerings without arriving: static routes send it round in a loop")
            }));
        }
        let far = (s.transit_gateways.iter().enumerate()).find_map(|(i, g)| {
            let side = g.peerings.iter().find(|q| q.id == peering.id)?;
            (g.id == peering.peer).then_some((i, side))
        });
        let Some((far, side)) = far else {
            return Err(self.drop(&pkt, Verdict::BlackholeRoute, table, Some(rule), |_| {
                format!(
                    "route {dest} sends to peering {name}, but transit gateway {} at its other end is not in the scenario",
                    peering.peer
                )
            }));
        };
        let g = &s.transit_gateways[far];
        let g_name = display(&g.name, &g.id);
        self.hop(&pkt, table, Step::Route { rule }, |_| {
            format!(
                "static route {dest} → peering {name} matches {}: over to transit gateway {g_name}",
                pkt.dst
            )
        });
        let who = (g.id.as_str(), g.name.as_str(), Kind::TransitGateway);
        self.hop(&pkt, who, Step::Forward, |_| {
            format!("transit gateway {g_name} takes the packet in over peering {name}")
        });
        let what = || format!("peering {name}");
        let next = self.association(far, side.route_table.as_ref(), &what, &pkt)?;
        self.tgw_route(far, next, az, pkt, crossed + 1)
    }

    /// The hops that follow happen where the packet crosses the edge of `subnet`, on `side`.
    fn at_subnet(&mut self, subnet: usize, side: Side) {
        if self.record {
            let part = self.net.subnets[subnet].subnet.id.clone();
            self.site = Some(Site { part, side });
        }
    }

    /// The subnet of attachment `att` in Availability Zone `az`.
    fn attachment_subnet(&self, att: &TgwAttachment, az: &str) -> Option<usize> {
        let net = self.net;
        (att.subnets.iter())
            .filter_map(|id| net.subnet(id))
            .find(|&i| net.subnets[i].subnet.az == az)
    }

    /// The first subnet of attachment `att` the scenario has.
    fn first_subnet(&self, att: &TgwAttachment) -> Option<usize> {
        att.subnets.iter().find_map(|id| self.net.subnet(id))
    }
}
