//! Route tables: one main table per VPC, one table per subnet, and routes that AWS accepts.

use super::index::Index;
use super::nets::{canonical, within};
use crate::model::{Destination, RouteTable, RouteTarget, Vpc};
use crate::scenario::problem::{label, Problem};
use std::collections::HashMap;

/// Reports route table associations and route rules.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut main_of: HashMap<&str, usize> = HashMap::new();
    let mut table_of: HashMap<&str, usize> = HashMap::new();
    for (i, t) in s.route_tables.iter().enumerate() {
        let part = label(&t.id, &t.name);
        let path = format!("route_tables[{i}]");
        if t.main {
            if let Some(&first) = main_of.get(t.vpc.as_str()) {
                let f = &s.route_tables[first];
                out.push(Problem::error(
                    "two-main-route-tables",
                    format!("{path}.main"),
                    part.clone(),
                    format!(
                        "VPC {:?} already has a main route table, route_tables[{first}] {}; a VPC has exactly one",
                        t.vpc,
                        label(&f.id, &f.name)
                    ),
                ));
            } else {
                main_of.insert(&t.vpc, i);
            }
        }
        for (j, sub) in t.subnets.iter().enumerate() {
            let at = format!("{path}.subnets[{j}]");
            if let Some(&first) = table_of.get(sub.as_str()) {
                let f = &s.route_tables[first];
                let message = if first == i {
                    format!("subnet {sub:?} is listed twice in this route table")
                } else {
                    format!(
                        "subnet {sub:?} is already associated with route_tables[{first}] {}; a subnet uses exactly one route table",
                        label(&f.id, &f.name)
                    )
                };
                out.push(Problem::error(
                    "subnet-in-two-route-tables",
                    at.clone(),
                    part.clone(),
                    message,
                ));
            } else {
                table_of.insert(sub, i);
            }
            let here = ix.known_vpc(&t.vpc);
            if let Some(v) = ix.subnet_vpc(sub).filter(|v| here.is_some_and(|h| h != *v)) {
                out.push(Problem::error(
                    "route-table-subnet-other-vpc",
                    at,
                    part.clone(),
                    format!(
                        "subnet {sub:?} is in VPC {v:?}, but this route table belongs to VPC {:?}; a route table serves subnets of its own VPC only",
                        t.vpc
                    ),
                ));
            }
        }
        routes(ix, out, t, &path, &part);
    }
}

/// The rules for the routes of table `t`.
fn routes(ix: &Index, out: &mut Vec<Problem>, t: &RouteTable, path: &str, part: &str) {
    let vpc = ix.vpc(&t.vpc);
    let mut seen: HashMap<Destination, usize> = HashMap::new();
    for (j, r) in t.routes.iter().enumerate() {
        let at = format!("{path}.routes[{j}]");
        let dest = match &r.destination {
            Destination::Cidr(n) => Destination::Cidr(canonical(*n)),
            other => other.clone(),
        };
        let shown = match &dest {
            Destination::Cidr(n) => n.to_string(),
            Destination::PrefixList(p) => format!("prefix list {p:?}"),
        };
        if let Some(&first) = seen.get(&dest) {
            out.push(Problem::error(
                "duplicate-route",
                format!("{at}.destination"),
                part,
                format!(
                    "routes[{first}] already has destination {shown}; a route table holds one route per destination"
                ),
            ));
        } else {
            seen.insert(dest.clone(), j);
        }
        let Some(vpc) = vpc else { continue };
        local_rules(out, vpc, &dest, &r.target, &at, part, &shown);
        target_vpc(ix, out, vpc, &dest, &r.target, &at, part);
    }
}

/// `local-route-not-vpc-cidr` and `route-inside-vpc-not-local`.
fn local_rules(
    out: &mut Vec<Problem>,
    vpc: &Vpc,
    dest: &Destination,
    target: &RouteTarget,
    at: &str,
    part: &str,
    shown: &str,
) {
    let blocks = || {
        vpc.cidrs
            .iter()
            .map(|b| canonical(*b).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let vpc_label = label(&vpc.id, &vpc.name);
    match (dest, target) {
        (Destination::Cidr(n), RouteTarget::Local) if vpc.cidrs.iter().any(|b| canonical(*b) == *n) => {}
        (_, RouteTarget::Local) => out.push(Problem::error(
            "local-route-not-vpc-cidr",
            format!("{at}.target"),
            part,
            format!(
                "a local route must have one of the VPC's own blocks as its destination ({} for VPC {vpc_label}), not {shown}",
                blocks()
            ),
        )),
        (Destination::Cidr(n), _) => {
            if let Some(b) = vpc.cidrs.iter().find(|b| within(*n, **b)) {
                out.push(Problem::error(
                    "route-inside-vpc-not-local",
                    format!("{at}.destination"),
                    part,
                    format!(
                        "{n} lies inside the VPC's block {}, which the implicit local route serves; a route to addresses of the VPC itself cannot point elsewhere (nothing more specific than the local route may)",
                        canonical(*b)
                    ),
                ));
            }
        }
        _ => {}
    }
}

/// `route-target-other-vpc` and `endpoint-route-destination`.
fn target_vpc(
    ix: &Index,
    out: &mut Vec<Problem>,
    vpc: &Vpc,
    dest: &Destination,
    target: &RouteTarget,
    at: &str,
    part: &str,
) {
    let here = vpc.id.as_str();
    let what = |kind: &str, id: &str| format!("{kind} {id:?}");
    let problem = match target {
        RouteTarget::Local | RouteTarget::TransitGateway(_) => None,
        RouteTarget::InternetGateway(id) => ix.internet_gateway(id).and_then(|g| match &g.vpc {
            Some(v) if v == here || ix.vpc(v).is_none() => None,
            Some(v) => Some(format!("{} is attached to VPC {v:?}, not to this route table's VPC {here:?}", what("internet gateway", id))),
            None => Some(format!("{} is not attached to any VPC; attach it to {here:?} (set its \"vpc\")", what("internet gateway", id))),
        }),
        RouteTarget::NatGateway(id) => ix.nat_gateway(id).and_then(|n| {
            let v = ix.subnet_vpc(&n.interface.subnet)?;
            (v != here).then(|| format!("{} is in a subnet of VPC {v:?}, not of this route table's VPC {here:?}", what("NAT gateway", id)))
        }),
        RouteTarget::Instance(id) => ix.instance_vpc(id).and_then(|v| {
            (v != here).then(|| format!("{} is in VPC {v:?}, not in this route table's VPC {here:?}", what("instance", id)))
        }),
        RouteTarget::NetworkInterface(id) => ix.iface(id).and_then(|f| {
            let v = ix.subnet_vpc(&f.iface.subnet)?;
            (v != here).then(|| format!("{} is in VPC {v:?}, not in this route table's VPC {here:?}", what("network interface", id)))
        }),
        RouteTarget::PeeringConnection(id) => ix.peering(id).and_then(|p| {
            (p.requester != here && p.accepter != here).then(|| format!(
                "{} joins VPCs {:?} and {:?}, not this route table's VPC {here:?}",
                what("peering connection", id), p.requester, p.accepter
            ))
        }),
        RouteTarget::GatewayEndpoint(id) => ix.gateway_endpoint(id).and_then(|e| {
            if e.vpc != here && ix.vpc(&e.vpc).is_some() {
                return Some(format!("{} serves VPC {:?}, not this route table's VPC {here:?}", what("gateway endpoint", id), e.vpc));
            }
            if *dest != Destination::PrefixList(e.prefix_list.clone()) {
                out.push(Problem::error(
                    "endpoint-route-destination",
                    format!("{at}.destination"),
                    part,
                    format!("a route to gateway endpoint {id:?} must have the endpoint's prefix list {:?} as its destination", e.prefix_list),
                ));
            }
            None
        }),
    };
    if let Some(message) = problem {
        out.push(Problem::error(
            "route-target-other-vpc",
            format!("{at}.target"),
            part,
            message,
        ));
    }
}
