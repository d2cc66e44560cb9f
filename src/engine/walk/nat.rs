//! Address translation: NAT gateways and NAT instances (the source, remembered for the reply),
//! and the internet gateway's 1:1 NAT between private and public addresses, with the internet
//! beyond it.

use super::*;

impl<'n, 's> Walk<'n, 's> {
    /// NAT: put the device's own address (and, for a NAT gateway, a port of its own) in place of
    /// the source, and remember it for the reply.
    pub(super) fn translate_source(&mut self, eni: usize, pkt: Packet, new_port: bool) -> Stage {
        let pkt = self.source_nat(eni, pkt, new_port, false);
        Stage::Send { eni, pkt }
    }

    /// Puts interface `eni`'s address (and, with `new_port`, a port of its own) in place of the
    /// source and remembers it; `nat64` marks a NAT64 translation (its reply goes back to IPv6).
    fn source_nat(&mut self, eni: usize, mut pkt: Packet, new_port: bool, nat64: bool) -> Packet {
        let net = self.net;
        let e = &net.enis[eni];
        let name = net.owner_name(e.owner);
        let before = pkt;
        pkt.src = IpAddr::V4(e.iface.private_ip);
        if new_port && pkt.sport != PortVal::None {
            pkt.sport = self.new_var(format!("NAT gateway {name}"), NAT_EPHEMERAL, None);
        }
        self.sessions.push(Session {
            eni,
            inside: (before.src, before.sport),
            outside: (pkt.src, pkt.sport),
            nat64,
        });
        let kind = owner_kind(e.owner);
        let step = self.translated(Rewrote::Source, &before, &pkt);
        self.hop(&pkt, (net.owner_id(e.owner), name, kind), step, |w| {
            format!(
                "{name} translates the source {}:{} → {}:{}{}",
                before.src,
                w.port_text(before.sport),
                pkt.src,
                w.port_text(pkt.sport),
                if nat64 { " (NAT64)" } else { "" }
            )
        });
        pkt
    }

    /// NAT64 at a NAT gateway: an IPv6 packet for `64:ff9b::` and an IPv4 address leaves as
    /// IPv4 from the gateway's own address and a port of its own, to that address (ICMPv6 echo
    /// becomes ICMP echo), and the gateway remembers it for the reply.
    pub(super) fn translate_nat64(&mut self, eni: usize, pkt: Packet) -> Stage {
        let net = self.net;
        let e = &net.enis[eni];
        let (id, name, kind) = (
            net.owner_id(e.owner),
            net.owner_name(e.owner),
            owner_kind(e.owner),
        );
        let v4 = nat64_target(pkt.dst).unwrap_or(std::net::Ipv4Addr::UNSPECIFIED);
        let mid = self.source_nat(eni, pkt, true, true);
        let mut pkt = mid;
        pkt.dst = IpAddr::V4(v4);
        if pkt.protocol == Protocol::Icmpv6 {
            pkt.protocol = Protocol::Icmp;
            pkt.icmp = pkt.icmp.map(|(t, c)| (if t == 128 { 8 } else { t }, c));
        }
        let step = self.translated(Rewrote::Destination, &mid, &pkt);
        self.hop(&pkt, (id, name, kind), step, |_| {
            format!(
                "{name} takes the IPv4 address out of {}: the packet goes on to {v4} over IPv4 (NAT64)",
                mid.dst
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
            // IPv6 addresses are global: the gateway passes them as they are.
            Some(_) if pkt.src.is_ipv6() => {
                self.hop(
                    &pkt,
                    (&g.id, &g.name, Kind::InternetGateway),
                    Step::Forward,
                    |_| "internet gateway passes the IPv6 packet to the internet as it is (IPv6 addresses are public; no translation)".into(),
                );
            }
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
                pkt.src = std::net::IpAddr::V4(public);
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

    /// Out through egress-only internet gateway `eigw` of VPC `vpc`: IPv6 from an address of
    /// the VPC leaves unchanged, and the gateway remembers the connection so that its replies,
    /// and only they, come back in; a reply to a connection started outside goes no further.
    pub(super) fn eigw_out(&mut self, eigw: usize, vpc: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let g = &net.scenario.egress_only_internet_gateways[eigw];
        let who = (
            g.id.as_str(),
            g.name.as_str(),
            Kind::EgressOnlyInternetGateway,
        );
        let ours = pkt.src.is_ipv6() && net.eni_by_private(vpc, pkt.src).is_some();
        if !ours {
            let detail = |_: &Self| {
                if pkt.src.is_ipv6() {
                    format!("{} is not an IPv6 address of this VPC, so the egress-only internet gateway drops it", pkt.src)
                } else {
                    "an egress-only internet gateway carries IPv6 only; IPv4 goes out through an internet gateway or a NAT gateway".to_string()
                }
            };
            return Err(self.drop(&pkt, Verdict::NoRoute, who, None, detail));
        }
        // Stateful: it carries only connections started inside, so the reply to one that came
        // in another way (through the internet gateway) is dropped here.
        if self.dir == Direction::Return {
            let detail = |_: &Self| {
                format!(
                    "egress-only internet gateway {} carries only connections started inside the VPC; this is the reply to one that came in from the internet, so it is dropped",
                    display(&g.name, &g.id)
                )
            };
            return Err(self.drop(&pkt, Verdict::NoRoute, who, None, detail));
        }
        self.egress_only.push((eigw, pkt.src, pkt.dst));
        self.hop(&pkt, who, Step::Forward, |_| {
            "egress-only internet gateway passes the IPv6 packet to the internet and remembers the connection for its replies".into()
        });
        Ok(Stage::Internet { pkt })
    }

    /// An IPv6 packet from the internet for interface `e`: in through the egress-only internet
    /// gateway that carried the connection out, else the VPC's internet gateway; an
    /// egress-only gateway alone lets nothing in that did not leave through it.
    fn internet_v6(&mut self, e: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let eni = &net.enis[e];
        let s = net.scenario;
        let vpc = &s.vpcs[eni.vpc];
        let reply_of = (self.egress_only.iter())
            .find(|(_, inside, outside)| *inside == pkt.dst && *outside == pkt.src)
            .map(|(g, ..)| *g);
        if let Some(g) = reply_of {
            let eigw = &s.egress_only_internet_gateways[g];
            self.hop(
                &pkt,
                (&eigw.id, &eigw.name, Kind::EgressOnlyInternetGateway),
                Step::Forward,
                |_| {
                    "egress-only internet gateway lets the reply in: the connection left through it"
                        .into()
                },
            );
            return Ok(Stage::Enter {
                subnet: eni.subnet,
                eni: e,
                from: None,
                pkt,
            });
        }
        let Some(g) = net.igw_of_vpc[eni.vpc] else {
            let eigw = (s.egress_only_internet_gateways.iter()).find(|g| g.vpc == vpc.id);
            if let Some(eigw) = eigw {
                let detail = |_: &Self| {
                    format!(
                        "egress-only internet gateway {} lets no connection in from the internet; only replies to connections that left through it",
                        display(&eigw.name, &eigw.id)
                    )
                };
                let who = (
                    eigw.id.as_str(),
                    eigw.name.as_str(),
                    Kind::EgressOnlyInternetGateway,
                );
                return Err(self.drop(&pkt, Verdict::NoRoute, who, None, detail));
            }
            return Err(self.no_internet_gateway(&pkt, eni.vpc));
        };
        let igw = &s.internet_gateways[g];
        self.hop(&pkt, (&igw.id, &igw.name, Kind::InternetGateway), Step::Forward, |_| {
            format!("internet gateway passes the IPv6 packet for {} into the VPC as it is (no translation)", pkt.dst)
        });
        if let Some(routed) = self.ingress(eni.vpc, &igw.id, pkt) {
            return routed;
        }
        Ok(Stage::Enter {
            subnet: eni.subnet,
            eni: e,
            from: None,
            pkt,
        })
    }

    /// What comes from the internet for VPC `vpc`, which has no internet gateway, is dropped.
    fn no_internet_gateway(&mut self, pkt: &Packet, vpc: usize) -> End {
        let vpc = &self.net.scenario.vpcs[vpc];
        let detail = |_: &Self| {
            format!(
                "{} has no internet gateway, so nothing from the internet reaches {}",
                display(&vpc.name, &vpc.id),
                pkt.dst
            )
        };
        let who = (vpc.id.as_str(), vpc.name.as_str(), Kind::Vpc);
        self.drop(pkt, Verdict::NoRoute, who, None, detail)
    }

    pub(super) fn internet(&mut self, mut pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        if let Some(e) = net.eni_by_public(pkt.dst) {
            if pkt.dst.is_ipv6() {
                return self.internet_v6(e, pkt);
            }
            let eni = &net.enis[e];
            let Some(g) = net.igw_of_vpc[eni.vpc] else {
                return Err(self.no_internet_gateway(&pkt, eni.vpc));
            };
            let igw = &net.scenario.internet_gateways[g];
            let (before, public) = (pkt, pkt.dst);
            pkt.dst = std::net::IpAddr::V4(eni.iface.private_ip);
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
            if pkt.dst.is_ipv6() {
                let detail = |_: &Self| {
                    format!(
                        "{} is in {}'s IPv6 block, but no network interface holds it",
                        pkt.dst,
                        display(&vpc.name, &vpc.id)
                    )
                };
                let who = (vpc.id.as_str(), vpc.name.as_str(), Kind::Vpc);
                return Err(self.drop(&pkt, Verdict::NoHost, who, None, detail));
            }
            return Err(self.private_on_internet(&pkt, display(&vpc.name, &vpc.id)));
        }
        // The internet carries a site's public addresses to it, but not its private ones.
        if let Some(site) = net.site_holding(pkt.dst) {
            if !is_private(pkt.dst) {
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

/// The IPv4 address a NAT gateway's NAT64 sends to for `dst`: the last 32 bits of an address in
/// the well-known prefix `64:ff9b::/96`.
pub(super) fn nat64_target(dst: IpAddr) -> Option<std::net::Ipv4Addr> {
    let IpAddr::V6(a) = dst else { return None };
    let bits = u128::from(a);
    (bits >> 32 == 0x0064_ff9b_0000_0000_0000_0000).then(|| std::net::Ipv4Addr::from(bits as u32))
}

/// A NAT64 reply turned back into IPv6: its IPv4 source under `64:ff9b::`, ICMP echo reply as
/// ICMPv6 echo reply.
pub(super) fn back_to_ipv6(mut pkt: Packet) -> Packet {
    if let IpAddr::V4(src) = pkt.src {
        let prefix = 0x0064_ff9b_u128 << 96;
        pkt.src = IpAddr::V6(std::net::Ipv6Addr::from(
            prefix | u128::from(u32::from(src)),
        ));
    }
    if pkt.protocol == Protocol::Icmp {
        pkt.protocol = Protocol::Icmpv6;
        pkt.icmp = pkt.icmp.map(|(t, c)| (if t == 0 { 129 } else { t }, c));
    }
    pkt
}
