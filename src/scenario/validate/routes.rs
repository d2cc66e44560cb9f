//! Route tables: one main table per VPC, one table per subnet, and routes that AWS accepts.

use super::index::Index;
use super::nets::canonical;
use crate::model::{Destination, RouteTable, RouteTarget, Vpc};
use crate::scenario::message::Message;
use crate::scenario::problem::{label, Problem};
use ipnet::IpNet;
use rustc_hash::FxHashMap as HashMap;

/// Reports route table associations and route rules.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut main_of: HashMap<&str, usize> = HashMap::default();
    let mut table_of: HashMap<&str, usize> = HashMap::default();
    let mut edge_of: HashMap<String, usize> = HashMap::default();
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
                    Message::TwoMainTables {
                        vpc: t.vpc.clone(),
                        first,
                        table: label(&f.id, &f.name),
                    },
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
                    Message::SubnetTwiceInTable {
                        subnet: sub.clone(),
                    }
                } else {
                    Message::SubnetInTwoTables {
                        subnet: sub.clone(),
                        first,
                        table: label(&f.id, &f.name),
                    }
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
                    Message::TableSubnetOtherVpc {
                        subnet: sub.clone(),
                        vpc: v.to_string(),
                        table_vpc: t.vpc.clone(),
                    },
                ));
            }
        }
        routes(ix, out, t, &path, &part);
        gateway_rules(ix, out, &mut edge_of, (i, t), (&path, &part));
        propagation_rules(ix, out, t, (&path, &part));
    }
}

/// `propagating-vgw-other-vpc`: a table takes propagated routes only from the virtual private
/// gateway attached to its own VPC.
fn propagation_rules(
    ix: &Index,
    out: &mut Vec<Problem>,
    t: &RouteTable,
    (path, part): (&str, &str),
) {
    for (j, id) in t.propagating_vgws.iter().enumerate() {
        let Some(g) = ix.vpn_gateway(id) else {
            continue;
        };
        if g.vpc.as_deref() != Some(t.vpc.as_str()) && ix.vpc(&t.vpc).is_some() {
            out.push(Problem::error(
                "propagating-vgw-other-vpc",
                format!("{path}.propagating_vgws[{j}]"),
                part,
                Message::PropagationOtherVpc {
                    id: id.clone(),
                    vpc: g.vpc.clone(),
                    here: t.vpc.clone(),
                },
            ));
        }
    }
}

/// The rules for the routes of table `t`.
fn routes(ix: &Index, out: &mut Vec<Problem>, t: &RouteTable, path: &str, part: &str) {
    let vpc = ix.vpc(&t.vpc);
    let mut seen: HashMap<Destination, usize> = HashMap::default();
    for (j, r) in t.routes.iter().enumerate() {
        let at = format!("{path}.routes[{j}]");
        let dest = match &r.destination {
            Destination::Cidr(n) => Destination::Cidr(n.trunc()),
            other => other.clone(),
        };
        if let Some(&first) = seen.get(&dest) {
            out.push(Problem::error(
                "duplicate-route",
                format!("{at}.destination"),
                part,
                Message::DuplicateRoute {
                    first,
                    dest: dest.clone(),
                },
            ));
        } else {
            seen.insert(dest.clone(), j);
        }
        let Some(vpc) = vpc else { continue };
        local_rules(ix, out, vpc, &dest, &r.target, &at, part);
        target_vpc(ix, out, vpc, &dest, &r.target, &at, part);
    }
}

/// `local-route-not-vpc-cidr` and `route-inside-vpc-not-local` (which allows a route to a
/// subnet's whole block through an interface, an instance or a NAT gateway: middlebox routing).
fn local_rules(
    ix: &Index,
    out: &mut Vec<Problem>,
    vpc: &Vpc,
    dest: &Destination,
    target: &RouteTarget,
    at: &str,
    part: &str,
) {
    let blocks = || vpc.cidrs.iter().map(|b| canonical(*b)).collect::<Vec<_>>();
    let vpc_label = label(&vpc.id, &vpc.name);
    match (dest, target) {
        (Destination::Cidr(n), RouteTarget::Local) if vpc_blocks(vpc).any(|b| b == *n) => {}
        (_, RouteTarget::Local) => out.push(Problem::error(
            "local-route-not-vpc-cidr",
            format!("{at}.target"),
            part,
            Message::LocalRouteNotVpc {
                blocks: blocks(),
                vpc: vpc_label,
                dest: dest.clone(),
            },
        )),
        (Destination::Cidr(n), _) => {
            let Some(block) = vpc_blocks(vpc).find(|b| b.contains(n)) else {
                return;
            };
            let net = *n;
            let message = match (middlebox_target(target), subnet_block(ix, vpc, *n)) {
                (true, true) => return,
                (true, false) => Message::MiddleboxNotSubnet { net, block },
                (false, _) => Message::RouteInsideVpc { net, block },
            };
            out.push(Problem::error(
                "route-inside-vpc-not-local",
                format!("{at}.destination"),
                part,
                message,
            ));
        }
        _ => {}
    }
}

/// Whether a route more specific than the local route may point at `target` (AWS: a network
/// interface, which an instance target names by its primary one, a Gateway Load Balancer
/// endpoint or a NAT gateway).
fn middlebox_target(target: &RouteTarget) -> bool {
    matches!(
        target,
        RouteTarget::NetworkInterface(_)
            | RouteTarget::Instance(_)
            | RouteTarget::GwlbEndpoint(_)
            | RouteTarget::NatGateway(_)
    )
}

/// Whether `net` is the whole block (IPv4 or IPv6) of a subnet of `vpc`.
fn subnet_block(ix: &Index, vpc: &Vpc, net: IpNet) -> bool {
    let net = net.trunc();
    (ix.s.subnets.iter()).any(|x| {
        x.vpc == vpc.id
            && (IpNet::V4(canonical(x.cidr)) == net
                || x.ipv6_cidr.is_some_and(|c| IpNet::V6(c.trunc()) == net))
    })
}

/// The VPC's blocks, IPv4 then IPv6, at their network addresses.
fn vpc_blocks(vpc: &Vpc) -> impl Iterator<Item = IpNet> + '_ {
    let v4 = vpc.cidrs.iter().map(|b| IpNet::V4(canonical(*b)));
    v4.chain(vpc.ipv6_cidrs.iter().map(|b| IpNet::V6(b.trunc())))
}

/// The rules of a gateway route table (one associated with an internet or virtual private
/// gateway, for ingress routing): the gateway is of the table's VPC and has no other table, and
/// every route sends a subnet's block, or the VPC's, to local, an interface or an instance.
fn gateway_rules(
    ix: &Index,
    out: &mut Vec<Problem>,
    edge_of: &mut HashMap<String, usize>,
    (i, t): (usize, &RouteTable),
    (path, part): (&str, &str),
) {
    for (j, id) in t.gateways.iter().enumerate() {
        let at = format!("{path}.gateways[{j}]");
        if let Some(&first) = edge_of.get(id) {
            let f = &ix.s.route_tables[first];
            let message = Message::GatewayInTwoTables {
                id: id.clone(),
                first,
                table: label(&f.id, &f.name),
            };
            out.push(Problem::error(
                "gateway-in-two-route-tables",
                at,
                part,
                message,
            ));
            continue;
        }
        edge_of.insert(id.clone(), i);
        let vpc = match (ix.internet_gateway(id), ix.vpn_gateway(id)) {
            (Some(g), _) => &g.vpc,
            (_, Some(g)) => &g.vpc,
            _ => continue,
        };
        if vpc.as_deref() != Some(t.vpc.as_str()) && ix.vpc(&t.vpc).is_some() {
            let message = Message::GatewayOtherVpc {
                id: id.clone(),
                vpc: vpc.clone(),
                here: t.vpc.clone(),
            };
            out.push(Problem::error(
                "gateway-route-table-other-vpc",
                at,
                part,
                message,
            ));
        }
    }
    let Some(vpc) = ix.vpc(&t.vpc).filter(|_| !t.gateways.is_empty()) else {
        return;
    };
    for (j, r) in t.routes.iter().enumerate() {
        let to_inside = matches!(
            r.target,
            RouteTarget::Local
                | RouteTarget::NetworkInterface(_)
                | RouteTarget::Instance(_)
                | RouteTarget::GwlbEndpoint(_)
        );
        let whole = match &r.destination {
            Destination::Cidr(n) => {
                subnet_block(ix, vpc, *n) || vpc_blocks(vpc).any(|b| b == n.trunc())
            }
            Destination::PrefixList(_) => false,
        };
        if !(to_inside && whole) {
            out.push(Problem::error(
                "gateway-route-table-route",
                format!("{path}.routes[{j}]"),
                part,
                Message::GatewayTableRoute {
                    dest: r.destination.clone(),
                },
            ));
        }
    }
}

/// `route-target-other-vpc`, `endpoint-route-destination` and `egress-only-route-ipv4`.
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
    let (id_of, here_s) = (|id: &str| id.to_string(), here.to_string());
    let problem = match target {
        RouteTarget::Local | RouteTarget::TransitGateway(_) | RouteTarget::VpnGateway(_) => None,
        RouteTarget::InternetGateway(id) => ix.internet_gateway(id).and_then(|g| match &g.vpc {
            Some(v) if v == here || ix.vpc(v).is_none() => None,
            Some(v) => Some(Message::IgwOtherVpc {
                id: id_of(id),
                vpc: v.clone(),
                here: here_s.clone(),
            }),
            None => Some(Message::IgwDetached {
                id: id_of(id),
                here: here_s.clone(),
            }),
        }),
        RouteTarget::NatGateway(id) => ix.nat_gateway(id).and_then(|n| {
            let v = ix.subnet_vpc(&n.interface.subnet)?;
            (v != here).then(|| Message::NatOtherVpc {
                id: id_of(id),
                vpc: v.to_string(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::EgressOnlyInternetGateway(id) => ix.egress_only_gateway(id).and_then(|g| {
            if matches!(dest, Destination::Cidr(IpNet::V4(_))) {
                out.push(Problem::error(
                    "egress-only-route-ipv4",
                    format!("{at}.destination"),
                    part,
                    Message::EigwIpv4Route { id: id_of(id) },
                ));
            }
            (g.vpc != here && ix.vpc(&g.vpc).is_some()).then(|| Message::EigwOtherVpc {
                id: id_of(id),
                vpc: g.vpc.clone(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::GwlbEndpoint(id) => ix.gwlb_endpoint(id).and_then(|n| {
            let v = ix.subnet_vpc(&n.interface.subnet)?;
            (v != here).then(|| Message::GwlbEndpointOtherVpc {
                id: id_of(id),
                vpc: v.to_string(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::Instance(id) => ix.instance_vpc(id).and_then(|v| {
            (v != here).then(|| Message::InstanceOtherVpc {
                id: id_of(id),
                vpc: v.to_string(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::NetworkInterface(id) => ix.iface(id).and_then(|f| {
            let v = ix.subnet_vpc(&f.iface.subnet)?;
            (v != here).then(|| Message::InterfaceOtherVpc {
                id: id_of(id),
                vpc: v.to_string(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::PeeringConnection(id) => ix.peering(id).and_then(|p| {
            (p.requester != here && p.accepter != here).then(|| Message::PeeringOtherVpc {
                id: id_of(id),
                a: p.requester.clone(),
                b: p.accepter.clone(),
                here: here_s.clone(),
            })
        }),
        RouteTarget::GatewayEndpoint(id) => ix.gateway_endpoint(id).and_then(|e| {
            if e.vpc != here && ix.vpc(&e.vpc).is_some() {
                return Some(Message::EndpointOtherVpc {
                    id: id_of(id),
                    vpc: e.vpc.clone(),
                    here: here_s.clone(),
                });
            }
            if *dest != Destination::PrefixList(e.prefix_list.clone()) {
                out.push(Problem::error(
                    "endpoint-route-destination",
                    format!("{at}.destination"),
                    part,
                    Message::EndpointRouteDestination {
                        id: id_of(id),
                        prefix_list: e.prefix_list.clone(),
                    },
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
