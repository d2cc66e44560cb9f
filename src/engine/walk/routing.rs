//! Routing: a subnet's route table picks the route that wins (longest prefix), and the packet
//! goes to its target (local delivery, a gateway, an instance or interface, a peering, a gateway
//! endpoint), or is dropped with the reason.

use super::*;

impl<'n, 's> Walk<'n, 's> {
    pub(super) fn no_host(&mut self, pkt: &Packet, vpc: usize) -> End {
        let v = &self.net.scenario.vpcs[vpc];
        let detail = |_: &Self| {
            format!(
                "nothing in {} has the address {}, so nobody answers",
                display(&v.name, &v.id),
                pkt.dst
            )
        };
        self.drop(
            pkt,
            Verdict::NoHost,
            (&v.id, &v.name, Kind::Vpc),
            None,
            detail,
        )
    }

    /// Delivery inside VPC `vpc` to the interface holding `pkt.dst`.
    pub(super) fn deliver_local(
        &mut self,
        vpc: usize,
        from: Option<usize>,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        match net.eni_by_private(vpc, pkt.dst) {
            Some(eni) => Ok(Stage::Enter {
                subnet: net.enis[eni].subnet,
                eni,
                from,
                pkt,
            }),
            None => Err(self.no_host(&pkt, vpc)),
        }
    }

    pub(super) fn leave(&mut self, subnet: usize, pkt: Packet) -> Result<Stage, End> {
        if let Some(node) = self.kept_by.filter(|_| self.dir == Direction::Return) {
            return self.back_to_balancer(subnet, node, pkt);
        }
        let net = self.net;
        let sn = &net.subnets[subnet];
        let vpc = sn.vpc;
        if crate::engine::network::subnet_holds(sn.subnet, pkt.dst) {
            if let Some(t) = sn.route_table {
                let rt = &net.scenario.route_tables[t];
                // The block of the packet's family, named only when the hop is recorded.
                let (v4, v6) = (sn.subnet.cidr, sn.subnet.ipv6_cidr);
                self.hop(
                    &pkt,
                    (&rt.id, &rt.name, Kind::RouteTable),
                    Step::Route {
                        rule: RuleRef::Route {
                            destination: RouteDest::Local,
                        },
                    },
                    |_| {
                        let cidr = match pkt.dst {
                            std::net::IpAddr::V6(_) => v6.map(|b| b.to_string()).unwrap_or_default(),
                            std::net::IpAddr::V4(_) => v4.to_string(),
                        };
                        format!("{} is in the same subnet ({cidr}): delivered directly, no network ACL in between", pkt.dst)
                    },
                );
            }
            return self.deliver_local(vpc, Some(subnet), pkt);
        }
        self.network_acl(subnet, &pkt, false)?;
        self.route_from(subnet, pkt)
    }

    /// A reply from `subnet` to a client whose address a network load balancer kept: the VPC
    /// hands it back to the balancer's node `node`, which holds the connection, whatever the
    /// route tables say of the client's address (the network ACLs between still apply).
    fn back_to_balancer(&mut self, subnet: usize, node: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let to = net.enis[node].subnet;
        if to != subnet {
            self.network_acl(subnet, &pkt, false)?;
        }
        let owner = net.enis[node].owner;
        let name = net.owner_name(owner);
        self.hop(
            &pkt,
            (net.owner_id(owner), name, Kind::LoadBalancer),
            Step::Forward,
            |_| format!("load balancer {name} holds this connection: the reply to {} goes back through it, not by the route tables", pkt.dst),
        );
        Ok(Stage::Enter {
            subnet: to,
            eni: node,
            from: Some(subnet),
            pkt,
        })
    }

    /// The VPC router takes the packet from `subnet`: the subnet's route table decides.
    pub(super) fn route_from(&mut self, subnet: usize, pkt: Packet) -> Result<Stage, End> {
        let net = self.net;
        let sn = &net.subnets[subnet];
        let vpc = sn.vpc;
        let Some(t) = sn.route_table else {
            let detail = |_: &Self| {
                format!(
                    "subnet {} has no route table",
                    display(&sn.subnet.name, &sn.subnet.id)
                )
            };
            return Err(self.drop(
                &pkt,
                Verdict::NoRoute,
                (&sn.subnet.id, &sn.subnet.name, Kind::Vpc),
                None,
                detail,
            ));
        };
        let rt = &net.scenario.route_tables[t];
        let target = self.pick_route(t, &pkt, false)?;
        self.follow_target(vpc, subnet, &target, &rt.id, display(&rt.name, &rt.id), pkt)
    }

    /// Route table `t` picks the route for `pkt` (recording its hop, which names a gateway route
    /// table as one when `edge`), or drops the packet: no route, or a blackhole route.
    fn pick_route(
        &mut self,
        t: usize,
        pkt: &Packet,
        edge: bool,
    ) -> Result<Cow<'s, RouteTarget>, End> {
        let net = self.net;
        let pkt = *pkt;
        let rt = &net.scenario.route_tables[t];
        let rt_name = display(&rt.name, &rt.id);
        let Some(r) = route::lookup(net, t, pkt.dst) else {
            let detail = |_: &Self| format!("route table {rt_name} has no route to {}", pkt.dst);
            return Err(self.drop(
                &pkt,
                Verdict::NoRoute,
                (&rt.id, &rt.name, Kind::RouteTable),
                Some(RuleRef::NoRoute),
                detail,
            ));
        };
        let dest = r
            .route
            .map_or(RouteDest::Cidr(r.net), |x| match &x.destination {
                crate::model::Destination::Cidr(c) => RouteDest::Cidr(*c),
                crate::model::Destination::PrefixList(p) => RouteDest::PrefixList(p.clone()),
            });
        let target = match (r.route, r.propagated_from) {
            (Some(x), _) => Cow::Borrowed(&x.target),
            (None, Some(vgw)) => Cow::Owned(RouteTarget::VpnGateway(vgw.to_string())),
            (None, None) => Cow::Borrowed(&RouteTarget::Local),
        };
        let target_ref: &RouteTarget = &target;
        let kind = if r.propagated_from.is_some() {
            "propagated route"
        } else {
            "route"
        };
        if r.route.is_some_and(|x| x.state == RouteState::Blackhole) {
            let detail = |_: &Self| {
                format!(
                "route table {rt_name} sends {dest} to {}, which no longer exists: a blackhole route drops the packet",
                target_id(target_ref)
            )
            };
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (&rt.id, &rt.name, Kind::RouteTable),
                Some(RuleRef::Route {
                    destination: dest.clone(),
                }),
                detail,
            ));
        }
        self.hop(
            &pkt,
            (&rt.id, &rt.name, Kind::RouteTable),
            Step::Route {
                rule: RuleRef::Route {
                    destination: dest.clone(),
                },
            },
            |_| {
                let words = format!(
                    "{kind} {dest} → {} matches {}",
                    target_id(target_ref),
                    pkt.dst
                );
                match edge {
                    true => format!("gateway route table {rt_name}: {words}"),
                    false => words,
                }
            },
        );
        Ok(target)
    }

    /// What enters VPC `vpc` through gateway `gw` (its id): the gateway's route table (ingress
    /// routing) sends it to an appliance's interface or delivers it locally; `None` when the
    /// gateway has no route table (the packet then goes straight to its destination).
    pub(super) fn ingress(
        &mut self,
        vpc: usize,
        gw: &str,
        pkt: Packet,
    ) -> Option<Result<Stage, End>> {
        let net = self.net;
        let &t = net.edge_tables.get(gw)?;
        let rt = &net.scenario.route_tables[t];
        let rt_name = display(&rt.name, &rt.id);
        let target = match self.pick_route(t, &pkt, true) {
            Ok(target) => target,
            Err(end) => return Some(Err(end)),
        };
        if *target == RouteTarget::Local {
            return Some(self.deliver_local(vpc, None, pkt));
        }
        let found = target_eni(net, &target);
        Some(match found {
            Some(eni) if net.enis[eni].vpc == vpc => Ok(Stage::Enter {
                subnet: net.enis[eni].subnet,
                eni,
                from: None,
                pkt,
            }),
            _ => {
                let detail = |_: &Self| {
                    format!("gateway route table {rt_name} points at {}, which is not an interface in this VPC", target_id(&target))
                };
                Err(self.drop(
                    &pkt,
                    Verdict::BlackholeRoute,
                    (&rt.id, &rt.name, Kind::RouteTable),
                    None,
                    detail,
                ))
            }
        })
    }

    pub(super) fn follow_target(
        &mut self,
        vpc: usize,
        subnet: usize,
        target: &RouteTarget,
        rt_id: &str,
        rt_name: &str,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let missing = |w: &mut Self, what: &str, id: &str| {
            let detail = |_: &Self| {
                format!("route table {rt_name} points at {what} {id}, which is not in this VPC")
            };
            w.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (rt_id, rt_name, Kind::RouteTable),
                None,
                detail,
            )
        };
        match target {
            RouteTarget::Local => self.deliver_local(vpc, Some(subnet), pkt),
            RouteTarget::InternetGateway(id) => {
                match s.internet_gateways.iter().position(|g| g.id == *id) {
                    Some(g) if s.internet_gateways[g].vpc.as_deref() == Some(&s.vpcs[vpc].id) => {
                        Ok(Stage::IgwOut { igw: g, vpc, pkt })
                    }
                    _ => Err(missing(self, "internet gateway", id)),
                }
            }
            RouteTarget::NatGateway(id) => {
                let found = net.enis.iter().position(
                    |e| matches!(e.owner, Owner::NatGateway(i) if s.nat_gateways[i].id == *id),
                );
                match found {
                    Some(eni) if net.enis[eni].vpc == vpc => Ok(Stage::Enter {
                        subnet: net.enis[eni].subnet,
                        eni,
                        from: Some(subnet),
                        pkt,
                    }),
                    _ => Err(missing(self, "NAT gateway", id)),
                }
            }
            RouteTarget::Instance(id) => {
                let found = target_eni(net, target);
                self.enter_eni(found, (vpc, subnet), ("instance", id), pkt, &missing)
            }
            RouteTarget::NetworkInterface(id) => {
                let found = target_eni(net, target);
                self.enter_eni(
                    found,
                    (vpc, subnet),
                    ("network interface", id),
                    pkt,
                    &missing,
                )
            }
            RouteTarget::PeeringConnection(id) => self.peering(vpc, id, rt_name, pkt),
            RouteTarget::GatewayEndpoint(id) => {
                match s.gateway_endpoints.iter().position(|g| g.id == *id) {
                    Some(ep) => {
                        let g = &s.gateway_endpoints[ep];
                        self.hop(
                            &pkt,
                            (&g.id, &g.name, Kind::GatewayEndpoint),
                            Step::Deliver,
                            |_| {
                                format!(
                                    "gateway endpoint {} carries the packet to the AWS service",
                                    display(&g.name, &g.id)
                                )
                            },
                        );
                        Err(End::Service {
                            endpoint: ep,
                            vpc,
                            pkt,
                        })
                    }
                    None => Err(missing(self, "gateway endpoint", id)),
                }
            }
            RouteTarget::GwlbEndpoint(id) => {
                let found = target_eni(net, target);
                let what = "Gateway Load Balancer endpoint";
                self.enter_eni(found, (vpc, subnet), (what, id), pkt, &missing)
            }
            RouteTarget::TransitGateway(id) => self.transit(subnet, id, (rt_id, rt_name), pkt),
            RouteTarget::VpnGateway(id) => self.vpn_gateway(vpc, id, (rt_id, rt_name), pkt),
            RouteTarget::EgressOnlyInternetGateway(id) => {
                match s
                    .egress_only_internet_gateways
                    .iter()
                    .position(|g| g.id == *id)
                {
                    Some(g) if s.egress_only_internet_gateways[g].vpc == s.vpcs[vpc].id => {
                        self.eigw_out(g, vpc, pkt)
                    }
                    _ => Err(missing(self, "egress-only internet gateway", id)),
                }
            }
        }
    }

    /// Sends the packet on to interface `found` (the target `what` `id` of a route of `subnet`
    /// in `vpc`), or reports it missing.
    pub(super) fn enter_eni(
        &mut self,
        found: Option<usize>,
        (vpc, subnet): (usize, usize),
        (what, id): (&str, &str),
        pkt: Packet,
        missing: &dyn Fn(&mut Self, &str, &str) -> End,
    ) -> Result<Stage, End> {
        match found {
            Some(eni) if self.net.enis[eni].vpc == vpc => Ok(Stage::Enter {
                subnet: self.net.enis[eni].subnet,
                eni,
                from: Some(subnet),
                pkt,
            }),
            _ => Err(missing(self, what, id)),
        }
    }

    pub(super) fn peering(
        &mut self,
        vpc: usize,
        id: &str,
        rt_name: &str,
        pkt: Packet,
    ) -> Result<Stage, End> {
        let net = self.net;
        let s = net.scenario;
        let Some(p) = s.peerings.iter().position(|p| p.id == id) else {
            let detail = |_: &Self| {
                format!("route table {rt_name} points at peering {id}, which does not exist")
            };
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (id, id, Kind::PeeringConnection),
                None,
                detail,
            ));
        };
        let pcx = &s.peerings[p];
        let Some(&(other, _)) = net.peers[vpc].iter().find(|(_, i)| *i == p) else {
            let detail = |_: &Self| {
                format!(
                    "peering {} is not active between this VPC and another one",
                    display(&pcx.name, &pcx.id)
                )
            };
            return Err(self.drop(
                &pkt,
                Verdict::BlackholeRoute,
                (&pcx.id, &pcx.name, Kind::PeeringConnection),
                None,
                detail,
            ));
        };
        let peer = &s.vpcs[other];
        if !crate::engine::network::vpc_holds(peer, pkt.dst) {
            let detail = |_: &Self| {
                format!(
                "peering {} reaches only {} ({}); {} is beyond it, and peering is not transitive",
                display(&pcx.name, &pcx.id),
                display(&peer.name, &peer.id),
                peer.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "),
                pkt.dst
            )
            };
            return Err(self.drop(
                &pkt,
                Verdict::NotTransitive,
                (&pcx.id, &pcx.name, Kind::PeeringConnection),
                None,
                detail,
            ));
        }
        self.hop(
            &pkt,
            (&pcx.id, &pcx.name, Kind::PeeringConnection),
            Step::Forward,
            |_| {
                format!(
                    "peering {} carries the packet into {}",
                    display(&pcx.name, &pcx.id),
                    display(&peer.name, &peer.id)
                )
            },
        );
        self.deliver_local(other, None, pkt)
    }
}

/// The interface a route to an instance (its primary interface) or to a network interface
/// sends to, if it exists.
fn target_eni(net: &Network, target: &RouteTarget) -> Option<usize> {
    match target {
        RouteTarget::Instance(id) => (net.scenario.instances.iter())
            .find(|i| i.id == *id)
            .and_then(|i| i.interfaces.first())
            .and_then(|f| net.eni(&f.id)),
        RouteTarget::NetworkInterface(id) => net.eni(id),
        RouteTarget::GwlbEndpoint(id) => (net.scenario.gwlb_endpoints.iter())
            .position(|e| e.id == *id)
            .and_then(|i| net.first_eni_of(Owner::GwlbEndpoint(i))),
        _ => None,
    }
}
