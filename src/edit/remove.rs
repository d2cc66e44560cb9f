//! Deleting parts with what depends on them: a VPC takes its subnets, tables, groups and
//! gateways; a subnet takes the nodes in it; a transit gateway takes its attachments and route
//! tables; routes and rules that point at deleted parts go too.

use super::find::{descendants, locate};
use crate::model::{Peer, RouteTarget, Scenario};
use crate::sorting::set_of;
use std::collections::BTreeSet;

/// The parts deleted along with `ids`: the parts, everything inside them, and for VPCs their
/// internet gateways.
pub fn doomed(s: &Scenario, ids: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for id in ids {
        if locate(s, id).is_some() {
            out.insert(id.clone());
            out.extend(descendants(s, id));
        }
    }
    out
}

/// `s` without `ids` and their dependants.
pub fn remove_parts(s: &Scenario, ids: &[String]) -> Scenario {
    let gone = doomed(s, ids);
    let mut s = s.clone();
    let vpcs: BTreeSet<String> = set_of(
        (s.vpcs.iter())
            .filter(|v| gone.contains(&v.id))
            .map(|v| v.id.clone()),
    );
    let subnets: BTreeSet<String> = set_of(
        (s.subnets.iter())
            .filter(|x| gone.contains(&x.id) || vpcs.contains(&x.vpc))
            .map(|x| x.id.clone()),
    );
    let in_gone = |subnet: &String| subnets.contains(subnet);
    // Routes to a deleted subnet's block that are more specific than local (middlebox routing)
    // go with it: such a route needs a subnet's whole block.
    let blocks: Vec<(String, ipnet::Ipv4Net)> = (s.subnets.iter())
        .filter(|x| in_gone(&x.id))
        .map(|x| (x.vpc.clone(), x.cidr.trunc()))
        .collect();
    for t in &mut s.route_tables {
        t.routes.retain(|r| match r.destination {
            crate::model::Destination::Cidr(ipnet::IpNet::V4(c)) => {
                !blocks.contains(&(t.vpc.clone(), c.trunc()))
            }
            _ => true,
        });
    }
    s.vpcs.retain(|v| !vpcs.contains(&v.id));
    s.subnets.retain(|x| !subnets.contains(&x.id));
    s.instances
        .retain(|x| !gone.contains(&x.id) && !x.interfaces.iter().any(|n| in_gone(&n.subnet)));
    s.databases
        .retain(|x| !gone.contains(&x.id) && !x.interfaces.iter().any(|n| in_gone(&n.subnet)));
    s.nat_gateways
        .retain(|x| !gone.contains(&x.id) && !in_gone(&x.interface.subnet));
    s.gwlb_endpoints
        .retain(|x| !gone.contains(&x.id) && !in_gone(&x.interface.subnet));
    for lb in &mut s.load_balancers {
        lb.nodes.retain(|n| !in_gone(&n.subnet));
    }
    // A load balancer needs nodes in two zones: one that loses a zone goes with its subnet.
    let zone_of = |subnet: &String| {
        s.subnets
            .iter()
            .find(|x| &x.id == subnet)
            .map(|x| x.az.clone())
    };
    let keep: Vec<bool> = s
        .load_balancers
        .iter()
        .map(|x| {
            let mut zones: Vec<Option<String>> = Vec::new();
            for z in x.nodes.iter().map(|n| zone_of(&n.subnet)) {
                if !zones.contains(&z) {
                    zones.push(z);
                }
            }
            !gone.contains(&x.id) && zones.len() >= 2
        })
        .collect();
    let mut k = 0;
    s.load_balancers.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    s.internet_gateways
        .retain(|g| !gone.contains(&g.id) && !g.vpc.as_ref().is_some_and(|v| vpcs.contains(v)));
    s.egress_only_internet_gateways
        .retain(|g| !gone.contains(&g.id) && !vpcs.contains(&g.vpc));
    s.internet_hosts.retain(|h| !gone.contains(&h.id));
    s.route_tables.retain(|t| !vpcs.contains(&t.vpc));
    s.network_acls.retain(|t| !vpcs.contains(&t.vpc));
    s.security_groups.retain(|t| !vpcs.contains(&t.vpc));
    s.gateway_endpoints.retain(|t| !vpcs.contains(&t.vpc));
    s.peerings
        .retain(|p| !vpcs.contains(&p.requester) && !vpcs.contains(&p.accepter));
    let had: BTreeSet<String> = set_of(
        (s.vpn_gateways.iter().map(|g| g.id.clone()))
            .chain(s.transit_gateways.iter().map(|t| t.id.clone())),
    );
    s.transit_gateways.retain(|t| !gone.contains(&t.id));
    for t in &mut s.transit_gateways {
        t.attachments.retain(|a| !vpcs.contains(&a.vpc));
    }
    // A virtual private gateway goes with its VPC; a site's links go with their far end.
    s.vpn_gateways
        .retain(|g| !gone.contains(&g.id) && !g.vpc.as_ref().is_some_and(|v| vpcs.contains(v)));
    s.on_prem_networks.retain(|n| !gone.contains(&n.id));
    let ends: BTreeSet<String> = set_of(
        (s.vpn_gateways.iter().map(|g| g.id.clone()))
            .chain(s.transit_gateways.iter().map(|t| t.id.clone())),
    );
    for n in &mut s.on_prem_networks {
        n.links.retain(|l| {
            let (crate::model::LinkEnd::VpnGateway(g) | crate::model::LinkEnd::TransitGateway(g)) =
                &l.to;
            // A far end the scenario never had (a partial import) is not the user's deletion.
            ends.contains(g) || !had.contains(g)
        });
    }

    // What is left may point at what is gone.
    let alive: BTreeSet<String> = set_of(super::alloc::taken_ids(&s));
    for t in &mut s.route_tables {
        t.subnets.retain(|n| alive.contains(n));
        t.gateways.retain(|n| alive.contains(n));
        t.propagating_vgws.retain(|n| alive.contains(n));
        t.routes.retain(|r| match &r.target {
            RouteTarget::Local => true,
            RouteTarget::InternetGateway(x)
            | RouteTarget::NatGateway(x)
            | RouteTarget::Instance(x)
            | RouteTarget::NetworkInterface(x)
            | RouteTarget::PeeringConnection(x)
            | RouteTarget::GatewayEndpoint(x)
            | RouteTarget::GwlbEndpoint(x)
            | RouteTarget::EgressOnlyInternetGateway(x) => alive.contains(x),
            // A gateway the scenario never had (a partial import) is not the user's deletion.
            RouteTarget::TransitGateway(x) | RouteTarget::VpnGateway(x) => !gone.contains(x),
        });
    }
    for a in &mut s.network_acls {
        a.subnets.retain(|n| alive.contains(n));
    }
    for t in &mut s.transit_gateways {
        for a in &mut t.attachments {
            a.subnets.retain(|n| alive.contains(n));
        }
        for r in &mut t.route_tables {
            (r.routes).retain(|x| x.attachment.as_ref().is_none_or(|a| alive.contains(a)));
        }
    }
    let groups: BTreeSet<String> = set_of(s.security_groups.iter().map(|g| g.id.clone()));
    for g in &mut s.security_groups {
        for rules in [&mut g.inbound, &mut g.outbound] {
            rules.retain(|r| !matches!(&r.peer, Peer::Group(x) if !groups.contains(x)));
        }
    }
    for lb in &mut s.load_balancers {
        for tg in &mut lb.target_groups {
            tg.targets
                .retain(|t| alive.contains(&t.id) || t.id.parse::<std::net::Ipv4Addr>().is_ok());
        }
    }
    let parts: BTreeSet<String> = set_of(super::find::part_ids(&s));
    s.layout.retain(|id, _| parts.contains(id));
    s
}
