//! References: every id a part names must be the id of a part of the right kind.

use super::index::Index;
use crate::model::{Destination, Peer, RouteState, RouteTarget};
use crate::scenario::message::Message;
use crate::scenario::message::PartNoun as Kind;
use crate::scenario::problem::{label, Problem};
use std::net::Ipv4Addr;

/// Reports `unknown-reference` for every id that names no part, or a part of the wrong kind.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    for (i, x) in s.subnets.iter().enumerate() {
        let part = label(&x.id, &x.name);
        ix.check_ref(
            out,
            format!("subnets[{i}].vpc"),
            &part,
            &x.vpc,
            &[Kind::Vpc],
        );
    }
    for (i, t) in s.route_tables.iter().enumerate() {
        let part = label(&t.id, &t.name);
        let path = format!("route_tables[{i}]");
        ix.check_ref(out, format!("{path}.vpc"), &part, &t.vpc, &[Kind::Vpc]);
        for (j, sub) in t.subnets.iter().enumerate() {
            let at = format!("{path}.subnets[{j}]");
            ix.check_ref(out, at, &part, sub, &[Kind::Subnet]);
        }
        for (j, gw) in t.gateways.iter().enumerate() {
            let at = format!("{path}.gateways[{j}]");
            let kinds = [Kind::InternetGateway, Kind::VpnGateway];
            ix.check_ref(out, at, &part, gw, &kinds);
        }
        for (j, gw) in t.propagating_vgws.iter().enumerate() {
            let at = format!("{path}.propagating_vgws[{j}]");
            ix.check_ref(out, at, &part, gw, &[Kind::VpnGateway]);
        }
        for (j, r) in t.routes.iter().enumerate() {
            if let Destination::PrefixList(pl) = &r.destination {
                let at = format!("{path}.routes[{j}].destination");
                ix.check_ref(out, at, &part, pl, &[Kind::PrefixList]);
            }
            // AWS keeps a route whose target was deleted, in state blackhole: not an error.
            if r.state == RouteState::Blackhole {
                continue;
            }
            let (id, kind) = match &r.target {
                RouteTarget::Local | RouteTarget::TransitGateway(_) => continue,
                RouteTarget::VpnGateway(id) => (id, Kind::VpnGateway),
                RouteTarget::InternetGateway(id) => (id, Kind::InternetGateway),
                RouteTarget::NatGateway(id) => (id, Kind::NatGateway),
                RouteTarget::Instance(id) => (id, Kind::Instance),
                RouteTarget::NetworkInterface(id) => (id, Kind::Interface),
                RouteTarget::PeeringConnection(id) => (id, Kind::Peering),
                RouteTarget::GatewayEndpoint(id) => (id, Kind::GatewayEndpoint),
                RouteTarget::GwlbEndpoint(id) => (id, Kind::GwlbEndpoint),
                RouteTarget::EgressOnlyInternetGateway(id) => (id, Kind::EgressOnlyInternetGateway),
            };
            let at = format!("{path}.routes[{j}].target");
            ix.check_ref(out, at, &part, id, &[kind]);
        }
    }
    for (i, g) in s.vpn_gateways.iter().enumerate() {
        if let Some(v) = &g.vpc {
            let at = format!("vpn_gateways[{i}].vpc");
            ix.check_ref(out, at, &label(&g.id, &g.name), v, &[Kind::Vpc]);
        }
    }
    for (i, n) in s.on_prem_networks.iter().enumerate() {
        let part = label(&n.id, &n.name);
        for (j, l) in n.links.iter().enumerate() {
            let at = format!("on_prem_networks[{i}].links[{j}].to");
            let (id, kind) = match &l.to {
                crate::model::LinkEnd::VpnGateway(id) => (id, Kind::VpnGateway),
                crate::model::LinkEnd::TransitGateway(id) => (id, Kind::TransitGateway),
            };
            ix.check_ref(out, at, &part, id, &[kind]);
        }
    }
    for (i, a) in s.network_acls.iter().enumerate() {
        let part = label(&a.id, &a.name);
        let path = format!("network_acls[{i}]");
        ix.check_ref(out, format!("{path}.vpc"), &part, &a.vpc, &[Kind::Vpc]);
        for (j, sub) in a.subnets.iter().enumerate() {
            let at = format!("{path}.subnets[{j}]");
            ix.check_ref(out, at, &part, sub, &[Kind::Subnet]);
        }
    }
    for (i, g) in s.security_groups.iter().enumerate() {
        let part = label(&g.id, &g.name);
        let path = format!("security_groups[{i}]");
        ix.check_ref(out, format!("{path}.vpc"), &part, &g.vpc, &[Kind::Vpc]);
        for (dir, rules) in [("inbound", &g.inbound), ("outbound", &g.outbound)] {
            for (j, r) in rules.iter().enumerate() {
                let at = format!("{path}.{dir}[{j}].peer");
                match &r.peer {
                    Peer::Cidr(_) => {}
                    Peer::Group(id) => {
                        ix.check_ref(out, at, &part, id, &[Kind::SecurityGroup]);
                    }
                    Peer::PrefixList(id) => {
                        ix.check_ref(out, at, &part, id, &[Kind::PrefixList]);
                    }
                }
            }
        }
    }
    for f in &ix.ifaces {
        let (n, part) = (f.iface, &f.owner_label);
        let at = format!("{}.subnet", f.path);
        ix.check_ref(out, at, part, &n.subnet, &[Kind::Subnet]);
        for (k, g) in n.security_groups.iter().enumerate() {
            let at = format!("{}.security_groups[{k}]", f.path);
            ix.check_ref(out, at, part, g, &[Kind::SecurityGroup]);
        }
    }
    check_node_refs(ix, out);
    for (i, g) in s.internet_gateways.iter().enumerate() {
        if let Some(vpc) = &g.vpc {
            let (at, part) = (format!("internet_gateways[{i}].vpc"), label(&g.id, &g.name));
            ix.check_ref(out, at, &part, vpc, &[Kind::Vpc]);
        }
    }
    for (i, g) in s.egress_only_internet_gateways.iter().enumerate() {
        let at = format!("egress_only_internet_gateways[{i}].vpc");
        ix.check_ref(out, at, &label(&g.id, &g.name), &g.vpc, &[Kind::Vpc]);
    }
    for (i, p) in s.peerings.iter().enumerate() {
        let part = label(&p.id, &p.name);
        for (field, vpc) in [("requester", &p.requester), ("accepter", &p.accepter)] {
            let at = format!("peerings[{i}].{field}");
            ix.check_ref(out, at, &part, vpc, &[Kind::Vpc]);
        }
    }
    for (i, t) in s.transit_gateways.iter().enumerate() {
        let part = label(&t.id, &t.name);
        for (j, a) in t.attachments.iter().enumerate() {
            let path = format!("transit_gateways[{i}].attachments[{j}]");
            ix.check_ref(out, format!("{path}.vpc"), &part, &a.vpc, &[Kind::Vpc]);
            for (k, sub) in a.subnets.iter().enumerate() {
                let at = format!("{path}.subnets[{k}]");
                ix.check_ref(out, at, &part, sub, &[Kind::Subnet]);
            }
            let tables = a
                .route_table
                .iter()
                .map(|t| (format!("{path}.route_table"), t));
            let propagated = (a.propagates_to.iter().enumerate())
                .map(|(k, t)| (format!("{path}.propagates_to[{k}]"), t));
            for (at, table) in tables.chain(propagated) {
                ix.check_ref(out, at, &part, table, &[Kind::TgwRouteTable]);
            }
        }
        // A peering is listed by both of its gateways, under one id, so it is no part of its own.
        let peering = |id: &str| t.peerings.iter().any(|p| p.id == id);
        for (j, p) in t.peerings.iter().enumerate() {
            if let Some(table) = &p.route_table {
                let at = format!("transit_gateways[{i}].peerings[{j}].route_table");
                ix.check_ref(out, at, &part, table, &[Kind::TgwRouteTable]);
            }
        }
        for (j, r) in t.route_tables.iter().enumerate() {
            for (k, route) in r.routes.iter().enumerate() {
                if let Some(a) = route.attachment.as_ref().filter(|a| !peering(a)) {
                    let at =
                        format!("transit_gateways[{i}].route_tables[{j}].routes[{k}].attachment");
                    ix.check_ref(out, at, &part, a, &[Kind::TgwAttachment]);
                }
            }
        }
    }
    for (i, e) in s.gateway_endpoints.iter().enumerate() {
        let part = label(&e.id, &e.name);
        let at = format!("gateway_endpoints[{i}].vpc");
        ix.check_ref(out, at, &part, &e.vpc, &[Kind::Vpc]);
        let at = format!("gateway_endpoints[{i}].prefix_list");
        ix.check_ref(out, at, &part, &e.prefix_list, &[Kind::PrefixList]);
    }
}

/// Load balancer listeners and targets, and reverse-proxy upstreams.
fn check_node_refs(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    for (i, lb) in s.load_balancers.iter().enumerate() {
        let part = label(&lb.id, &lb.name);
        let path = format!("load_balancers[{i}]");
        for (j, l) in lb.listeners.iter().enumerate() {
            let at = format!("{path}.listeners[{j}].target_group");
            let Some(tg) = ix.check_ref(
                out,
                at.clone(),
                &part,
                &l.target_group,
                &[Kind::TargetGroup],
            ) else {
                continue;
            };
            if !tg.path.starts_with(&format!("{path}.")) {
                let message = Message::ForeignTargetGroup {
                    id: tg.id.to_string(),
                    path: tg.path.clone(),
                };
                out.push(Problem::error(
                    "unknown-reference",
                    at,
                    part.clone(),
                    message,
                ));
            }
        }
        for (j, tg) in lb.target_groups.iter().enumerate() {
            for (k, t) in tg.targets.iter().enumerate() {
                if t.id.parse::<Ipv4Addr>().is_err() {
                    let at = format!("{path}.target_groups[{j}].targets[{k}].id");
                    if ix
                        .check_ref(out, at, &part, &t.id, &[Kind::Instance])
                        .is_none()
                    {
                        or_an_address(out);
                    }
                }
            }
        }
    }
    for (i, inst) in s.instances.iter().enumerate() {
        let part = label(&inst.id, &inst.name);
        for (j, u) in inst.upstreams.iter().enumerate() {
            if u.target.parse::<Ipv4Addr>().is_err() {
                let at = format!("instances[{i}].upstreams[{j}].target");
                let kinds = [Kind::Instance, Kind::Database, Kind::LoadBalancer];
                if ix.check_ref(out, at, &part, &u.target, &kinds).is_none() {
                    or_an_address(out);
                }
            }
        }
    }
}

/// Adds to the last problem that an IPv4 address would do as well.
fn or_an_address(out: &mut [Problem]) {
    if let Some(p) = out.last_mut() {
        p.or_an_address();
    }
}
