//! Address translation: NAT gateways and NAT instances (the source, remembered for the reply),
//! and the internet gateway's 1:1 NAT between private and public addresses, with the internet
//! beyond it.

use super::*;

impl<'n, 's> Walk<'n, 's> {
    /// NAT: put the device's own address (and, for a NAT gateway, a port of its own) in place of
    /// the source, and remember it for the reply.
    pub(super) fn translate_source(
        &mut self,
        eni: usize,
        mut pkt: Packet,
        new_port: bool,
    ) -> Stage {
        let net = self.net;
        let e = &net.enis[eni];
        let name = net.owner_name(e.owner);
        let before = pkt;
        pkt.src = e.iface.private_ip;
        if new_port && pkt.sport != PortVal::None {
            pkt.sport = self.new_var(format!("NAT gateway {name}"), NAT_EPHEMERAL, None);
        }
        self.sessions.push(Session {
            eni,
            inside: (before.src, before.sport),
            outside: (pkt.src, pkt.sport),
        });
        let kind = owner_kind(e.owner);
        let step = self.translated(Rewrote::Source, &before, &pkt);
        self.hop(&pkt, (net.owner_id(e.owner), name, kind), step, |w| {
            format!(
                "{name} translates the source {}:{} → {}:{}",
                before.src,
                w.port_text(before.sport),
                pkt.src,
                w.port_text(pkt.sport)
            )
        });
        Stage::Send { eni, pkt }
    }

    pub(super) fn igw_out(
        &mut self,
        igw: usize,
        vpc: usize,
        mut pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        let g = &net.scenario.internet_gateways[igw];
        match net.eni_by_private(vpc, pkt.src) {
            Some(e) => {
                let eni = &net.enis[e];
                let Some(public) = eni.iface.public_ip else {
                    let (id, name) = (net.owner_id(eni.owner), net.owner_name(eni.owner));
                    let detail = |_: &Self| {
                        format!(
                        "{name} ({}) has no public IP address, so internet gateway {} cannot carry its traffic to the internet",
                        pkt.src,
                        display(&g.name, &g.id)
                    )
                    };
                    let kind = owner_kind(eni.owner);
                    return Err(self.drop(
                        &pkt,
                        Verdict::NoPublicAddress,
                        (id, name, kind),
                        None,
                        detail,
                    ));
                };
                let (before, private) = (pkt, pkt.src);
                pkt.src = public;
                let step = self.translated(Rewrote::Source, &before, &pkt);
                self.hop(&pkt, (&g.id, &g.name, Kind::InternetGateway), step, |_| {
                    format!("internet gateway translates the source {private} → {public} (1:1 NAT)")
                });
            }
            None if net
                .eni_by_public(pkt.src)
                .is_some_and(|e| net.enis[e].vpc == vpc) =>
            {
                self.hop(
                    &pkt,
                    (&g.id, &g.name, Kind::InternetGateway),
                    Step::Forward,
                    |_| "internet gateway passes the packet to the internet".into(),
                );
            }
            None => {
                let detail = |_: &Self| {
                    format!(
                    "{} is not an address of this VPC with a public IP, so the internet gateway drops it",
                    pkt.src
                )
                };
                return Err(self.drop(
                    &pkt,
                    Verdict::NoPublicAddress,
                    (&g.id, &g.name, Kind::InternetGateway),
                    None,
                    detail,
                ));
            }
        }
        Ok(Stage::Internet { pkt })
    }

    pub(super) fn internet(&mut self, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        if let Some(e) = net.eni_by_public(pkt.dst) {
            let eni = &net.enis[e];
            let vpc = &net.scenario.vpcs[eni.vpc];
            let Some(g) = net.igw_of_vpc[eni.vpc] else {
                let detail = |_: &Self| {
                    format!(
                        "{} has no internet gateway, so nothing from the internet reaches {}",
                        display(&vpc.name, &vpc.id),
                        pkt.dst
                    )
                };
                return Err(self.drop(
                    &pkt,
                    Verdict::NoRoute,
                    (&vpc.id, &vpc.name, Kind::Vpc),
                    None,
                    detail,
                ));
            };
            let igw = &net.scenario.internet_gateways[g];
            let (before, public) = (pkt, pkt.dst);
            pkt.dst = eni.iface.private_ip;
            let step = self.translated(Rewrote::Destination, &before, &pkt);
            self.hop(
                &pkt,
                (&igw.id, &igw.name, Kind::InternetGateway),
                step,
                |_| {
                    format!(
                        "internet gateway translates the destination {public} → {} (1:1 NAT)",
                        pkt.dst
                    )
                },
            );
            if let Some(routed) = self.ingress(eni.vpc, &igw.id, pkt) {
                return routed;
            }
            return Ok(Stage::Enter {
                subnet: eni.subnet,
                eni: e,
                from: None,
                pkt,
            });
        }
        if let Some(v) = net.vpc_of_address(pkt.dst) {
            let vpc = &net.scenario.vpcs[v];
            return Err(self.private_on_internet(&pkt, display(&vpc.name, &vpc.id)));
        }
        // The internet carries a site's public addresses to it, but not its private ones.
        if let Some(site) = net.site_holding(pkt.dst) {
            if !pkt.dst.is_private() {
                return Ok(Stage::OnPrem { site, pkt });
            }
            let n = &net.scenario.on_prem_networks[site];
            return Err(self.private_on_internet(&pkt, display(&n.name, &n.id)));
        }
        Err(End::Internet { pkt })
    }

    /// Drops `pkt` on the internet: its destination is a private address of `owner`.
    fn private_on_internet(&mut self, pkt: &Packet, owner: &str) -> End {
        let detail = |_: &Self| {
            format!(
                "{} is a private address of {owner}; the internet does not route private addresses",
                pkt.dst
            )
        };
        let who = ("internet", "internet", Kind::Internet);
        self.drop(pkt, Verdict::NoRoute, who, None, detail)
    }
}
