//! Networks outside AWS. A route table sends a packet to its VPC's virtual private gateway,
//! which passes it over the site link whose blocks hold the destination (a link that is up
//! first, then the longest prefix); a
//! transit gateway route does the same for a VPN or Direct Connect attachment. A link that is
//! down carries nothing.
//!
//! On the site, a packet for one of its blocks is delivered; one for elsewhere goes over the
//! first link (in the site's order) that is up and whose AWS end routes the destination (a
//! virtual private gateway its VPC's blocks, a transit gateway the route table the link is
//! associated with), or else to the internet when the address is public.

use super::*;
use crate::engine::transit::TgwTarget;
use crate::model::{LinkEnd, LinkKind, SiteLink};

impl<'n, 's> Walk<'n, 's> {
    /// Route table `rt` (id, display name) of a subnet in `vpc` sends `pkt` to virtual private
    /// gateway `id`.
    pub(super) fn vpn_gateway(
        &mut self,
        vpc: usize,
        id: &str,
        (rt_id, rt_name): (&str, &str),
        pkt: Packet,
    ) -> Result<Stage, End> {
        let s = self.net.scenario;
        let here = &s.vpcs[vpc];
        let found =
            (s.vpn_gateways.iter()).find(|g| g.id == id && g.vpc.as_ref() == Some(&here.id));
        let Some(g) = found else {
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (rt_id, rt_name, Kind::RouteTable),
                None,
                |_| format!("route table {rt_name} points at virtual private gateway {id}, which is not attached to this VPC"),
            ));
        };
        let who = (g.id.as_str(), g.name.as_str(), Kind::VpnGateway);
        let name = display(&g.name, &g.id);
        let dst = pkt.dst;
        let best = (s.on_prem_networks.iter().enumerate())
            .flat_map(|(n, site)| {
                (site.links.iter().enumerate())
                    .filter(|(_, l)| matches!(&l.to, LinkEnd::VpnGateway(v) if *v == g.id))
                    .flat_map(move |(i, l)| {
                        (site.blocks_over(l).iter())
                            .filter(move |c| crate::engine::network::v4_in(c, dst))
                            .map(move |c| ((l.up, c.prefix_len()), n, i))
                    })
            })
            .fold(
                None,
                |best: Option<((bool, u8), usize, usize)>, c| match best {
                    Some(b) if b.0 >= c.0 => Some(b),
                    _ => Some(c),
                },
            );
        let Some((_, site, link)) = best else {
            return Err(
                self.drop(&pkt, Verdict::NoRoute, who, Some(RuleRef::NoRoute), |_| {
                    format!(
                    "virtual private gateway {name} has no VPN connection or Direct Connect link that carries {}",
                    pkt.dst
                )
                }),
            );
        };
        self.hop(&pkt, who, Step::Forward, |_| {
            let l = &s.on_prem_networks[site].links[link];
            format!(
                "virtual private gateway {name} sends {} over {}",
                pkt.dst,
                display(&l.name, &l.id)
            )
        });
        self.over_to_site(site, link, pkt)
    }

    /// `pkt` crosses link `link` of site `site` towards the site.
    pub(super) fn over_to_site(
        &mut self,
        site: usize,
        link: usize,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let n = &self.net.scenario.on_prem_networks[site];
        let l = &n.links[link];
        self.cross(l, &pkt)?;
        let (link_name, site_name) = (display(&l.name, &l.id), display(&n.name, &n.id));
        self.hop(&pkt, link_who(l), Step::Forward, |_| {
            format!(
                "{} {link_name} carries the packet to {site_name}",
                link_noun(l)
            )
        });
        Ok(Stage::OnPrem { site, pkt })
    }

    /// Drops `pkt` at link `l` when it is down.
    fn cross(&mut self, l: &SiteLink, pkt: &Packet) -> Result<(), End> {
        if l.up {
            return Ok(());
        }
        let name = display(&l.name, &l.id);
        Err(
            self.drop(pkt, Verdict::NoRoute, link_who(l), None, |_| match l.kind {
                LinkKind::Vpn => {
                    format!("both tunnels of VPN connection {name} are down: it carries nothing")
                }
                LinkKind::DirectConnect => {
                    format!("Direct Connect virtual interface {name} is down: it carries nothing")
                }
            }),
        )
    }

    /// The packet is in on-premises network `site`.
    pub(super) fn on_prem(&mut self, site: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let n = &net.scenario.on_prem_networks[site];
        if matches!(pkt.dst, IpAddr::V4(d) if n.holds(d)) {
            return Err(End::OnPrem { site, pkt });
        }
        let who = (n.id.as_str(), n.name.as_str(), Kind::OnPremNetwork);
        let site_name = display(&n.name, &n.id);
        let routes = |l: &SiteLink| self.aws_end_routes(site, l, pkt.dst);
        let pick = (n.links.iter().position(|l| l.up && routes(l)))
            .or_else(|| n.links.iter().position(routes));
        let Some(link) = pick else {
            if !is_private(pkt.dst) && net.vpc_of_address(pkt.dst).is_none() {
                self.hop(&pkt, who, Step::Forward, |_| {
                    format!("{site_name} sends {} out to the internet", pkt.dst)
                });
                return Ok(Stage::Internet { pkt });
            }
            return Err(
                self.drop(&pkt, Verdict::NoRoute, who, Some(RuleRef::NoRoute), |_| {
                    format!(
                        "{site_name} has no link to AWS whose far end routes {}",
                        pkt.dst
                    )
                }),
            );
        };
        let l = &n.links[link];
        self.hop(&pkt, who, Step::Forward, |_| {
            format!(
                "{site_name} sends {} over {}",
                pkt.dst,
                display(&l.name, &l.id)
            )
        });
        self.cross(l, &pkt)?;
        self.hop(&pkt, link_who(l), Step::Forward, |_| {
            format!(
                "{} {} carries the packet to AWS",
                link_noun(l),
                display(&l.name, &l.id)
            )
        });
        self.in_from_site(site, link, pkt)
    }

    /// Whether the AWS end of link `l` (of site `site`) has a way on for `dst`: a virtual
    /// private gateway when its VPC holds it, a transit gateway when the link's route table has
    /// a route for it that does not lead back to the site.
    fn aws_end_routes(&self, site: usize, l: &SiteLink, dst: IpAddr) -> bool {
        let net = self.net;
        let s = net.scenario;
        match &l.to {
            LinkEnd::VpnGateway(id) => (s.vpn_gateways.iter())
                .find(|g| g.id == *id)
                .and_then(|g| net.vpc(g.vpc.as_deref()?))
                .is_some_and(|v| crate::engine::network::vpc_holds(&s.vpcs[v], dst)),
            LinkEnd::TransitGateway(id) => {
                let Some(t) = s.transit_gateways.iter().position(|t| t.id == *id) else {
                    return false;
                };
                let table = (l.route_table.as_ref()).and_then(|r| {
                    s.transit_gateways[t]
                        .route_tables
                        .iter()
                        .position(|x| x.id == *r)
                });
                table
                    .and_then(|table| net.tgws[t].lookup(table, dst))
                    .and_then(|e| e.target)
                    .is_some_and(|t| !matches!(t, TgwTarget::Site { site: x, .. } if x == site))
            }
        }
    }

    /// `pkt` comes over link `link` of site `site` into AWS.
    fn in_from_site(&mut self, site: usize, link: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let l = &s.on_prem_networks[site].links[link];
        let link_name = display(&l.name, &l.id);
        match &l.to {
            LinkEnd::VpnGateway(id) => {
                let g = s.vpn_gateways.iter().find(|g| g.id == *id);
                let vpc = g.and_then(|g| net.vpc(g.vpc.as_deref()?));
                let (Some(g), Some(v)) = (g, vpc) else {
                    return Err(self.drop(&pkt, Verdict::BlackholeRoute, link_who(l), None, |_| {
                        format!("{link_name} ends at virtual private gateway {id}, which is not attached to a VPC of the scenario")
                    }));
                };
                let vpc = &s.vpcs[v];
                self.hop(
                    &pkt,
                    (g.id.as_str(), g.name.as_str(), Kind::VpnGateway),
                    Step::Forward,
                    |_| {
                        format!(
                            "virtual private gateway {} takes the packet from {link_name} into {}",
                            display(&g.name, &g.id),
                            display(&vpc.name, &vpc.id)
                        )
                    },
                );
                match self.ingress(v, &g.id, pkt) {
                    Some(routed) => routed,
                    None => self.deliver_local(v, None, pkt),
                }
            }
            LinkEnd::TransitGateway(id) => {
                let Some(t) = s.transit_gateways.iter().position(|t| t.id == *id) else {
                    return Err(self.drop(&pkt, Verdict::BlackholeRoute, link_who(l), None, |_| {
                        format!("{link_name} ends at transit gateway {id}, which is not in the scenario")
                    }));
                };
                let tgw = &s.transit_gateways[t];
                let who = (tgw.id.as_str(), tgw.name.as_str(), Kind::TransitGateway);
                let tgw_name = display(&tgw.name, &tgw.id);
                self.hop(&pkt, who, Step::Forward, |_| {
                    format!("transit gateway {tgw_name} takes the packet in through {link_name}")
                });
                let what = || link_name.to_string();
                let table = self.association(t, l.route_table.as_ref(), &what, &pkt)?;
                self.tgw_route(t, table, "", pkt, 0)
            }
        }
    }
}

/// A link as the walker names it.
fn link_who(l: &SiteLink) -> (&str, &str, Kind) {
    (l.id.as_str(), l.name.as_str(), Kind::SiteLink)
}

/// "VPN connection" or "Direct Connect virtual interface".
fn link_noun(l: &SiteLink) -> &'static str {
    match l.kind {
        LinkKind::Vpn => "VPN connection",
        LinkKind::DirectConnect => "Direct Connect virtual interface",
    }
}
