//! Instances, databases and load balancers: where their interfaces sit, and how they forward.

use super::index::Index;
use crate::model::{Interface, LbKind, Role};
use crate::scenario::message::Message;
use crate::scenario::message::PartNoun as Kind;
use crate::scenario::problem::{label, Problem};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Reports node problems.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    for (i, n) in s.instances.iter().enumerate() {
        let (path, part) = (format!("instances[{i}]"), label(&n.id, &n.name));
        placement(
            ix,
            out,
            &path,
            "interfaces",
            &part,
            &n.interfaces,
            Kind::Instance,
            n.role != Role::InterfaceEndpoint,
        );
        if n.role == Role::InterfaceEndpoint {
            endpoint_zones(ix, out, &path, &part, &n.interfaces);
        }
        if matches!(n.role, Role::NatInstance | Role::Appliance) {
            if let Some(first) = n.interfaces.first().filter(|f| f.source_dest_check) {
                out.push(Problem::warning(
                    "forwarder-source-dest-check",
                    format!("{path}.interfaces[0].source_dest_check"),
                    part.clone(),
                    Message::ForwarderSourceDestCheck {
                        iface: first.id.clone(),
                    },
                ));
            }
        }
    }
    for (i, d) in s.databases.iter().enumerate() {
        let (path, part) = (format!("databases[{i}]"), label(&d.id, &d.name));
        placement(
            ix,
            out,
            &path,
            "interfaces",
            &part,
            &d.interfaces,
            Kind::Database,
            false,
        );
    }
    for (i, lb) in s.load_balancers.iter().enumerate() {
        let (path, part) = (format!("load_balancers[{i}]"), label(&lb.id, &lb.name));
        placement(
            ix,
            out,
            &path,
            "nodes",
            &part,
            &lb.nodes,
            Kind::LoadBalancer,
            false,
        );
        load_balancer_zones(ix, out, &path, &part, &lb.nodes);
        let mut ports: HashMap<u16, usize> = HashMap::default();
        for (j, l) in lb.listeners.iter().enumerate() {
            if !l.protocol.fits(lb.kind) {
                out.push(Problem::warning(
                    "listener-protocol-for-kind",
                    format!("{path}.listeners[{j}].protocol"),
                    part.clone(),
                    Message::ListenerProtocolForKind {
                        protocol: l.protocol.label(),
                        network: lb.kind == LbKind::Network,
                    },
                ));
            }
            if let Some(&first) = ports.get(&l.port) {
                out.push(Problem::error(
                    "duplicate-listener-port",
                    format!("{path}.listeners[{j}].port"),
                    part.clone(),
                    Message::DuplicateListenerPort {
                        first,
                        port: l.port,
                    },
                ));
            } else {
                ports.insert(l.port, j);
            }
        }
        let Some(vpc) = lb.nodes.first().and_then(|n| ix.subnet_vpc(&n.subnet)) else {
            continue;
        };
        for (j, tg) in lb.target_groups.iter().enumerate() {
            for (k, t) in tg.targets.iter().enumerate() {
                let Some(v) = ix.instance_vpc(&t.id).filter(|v| *v != vpc) else {
                    continue;
                };
                out.push(Problem::error(
                    "target-other-vpc",
                    format!("{path}.target_groups[{j}].targets[{k}].id"),
                    part.clone(),
                    Message::TargetOtherVpc {
                        instance: t.id.clone(),
                        vpc: v.to_string(),
                        lb_vpc: vpc.to_string(),
                    },
                ));
            }
        }
    }
}

/// `no-interfaces`, `interfaces-in-different-vpcs` and, when the part's interfaces share one zone
/// (`one_az`: instances other than interface endpoints), `interfaces-in-different-azs`.
#[allow(clippy::too_many_arguments)]
fn placement(
    ix: &Index,
    out: &mut Vec<Problem>,
    path: &str,
    field: &str,
    part: &str,
    ifaces: &[Interface],
    kind: Kind,
    one_az: bool,
) {
    if ifaces.is_empty() {
        if kind != Kind::LoadBalancer {
            out.push(Problem::error(
                "no-interfaces",
                format!("{path}.{field}"),
                part,
                Message::NoInterfaces { kind },
            ));
        }
        return;
    }
    let mut first: Option<(usize, &str, &str)> = None;
    for (j, n) in ifaces.iter().enumerate() {
        let (Some(subnet), Some(in_vpc)) = (ix.subnet(&n.subnet), ix.subnet_vpc(&n.subnet)) else {
            continue;
        };
        let Some((f, vpc, az)) = first else {
            first = Some((j, in_vpc, &subnet.az));
            continue;
        };
        if subnet.vpc != vpc {
            out.push(Problem::error(
                "interfaces-in-different-vpcs",
                format!("{path}.{field}[{j}].subnet"),
                part,
                Message::InterfacesInDifferentVpcs {
                    subnet: subnet.id.clone(),
                    vpc: subnet.vpc.clone(),
                    field: field.to_string(),
                    first: f,
                    first_vpc: vpc.to_string(),
                    kind,
                },
            ));
        } else if one_az && subnet.az != az {
            out.push(Problem::error(
                "interfaces-in-different-azs",
                format!("{path}.{field}[{j}].subnet"),
                part,
                Message::InterfacesInDifferentAzs {
                    subnet: subnet.id.clone(),
                    az: subnet.az.clone(),
                    first: f,
                    first_az: az.to_string(),
                },
            ));
        }
    }
}

/// `endpoint-two-interfaces-in-one-az`: an interface endpoint has one interface per zone.
fn endpoint_zones(
    ix: &Index,
    out: &mut Vec<Problem>,
    path: &str,
    part: &str,
    ifaces: &[Interface],
) {
    let zones: Vec<Option<&str>> = (ifaces.iter())
        .map(|n| {
            ix.subnet(&n.subnet)
                .map(|x| x.az.as_str())
                .filter(|z| !z.is_empty())
        })
        .collect();
    for (j, az) in zones.iter().enumerate() {
        let Some(first) = az.and_then(|_| zones[..j].iter().position(|z| z == az)) else {
            continue;
        };
        out.push(Problem::error(
            "endpoint-two-interfaces-in-one-az",
            format!("{path}.interfaces[{j}].subnet"),
            part,
            Message::EndpointTwoInterfacesInOneAz {
                first,
                az: az.unwrap_or_default().to_string(),
            },
        ));
    }
}

/// `load-balancer-needs-two-azs` and `load-balancer-two-nodes-in-one-subnet`.
fn load_balancer_zones(
    ix: &Index,
    out: &mut Vec<Problem>,
    path: &str,
    part: &str,
    nodes: &[Interface],
) {
    let mut zones = BTreeSet::new();
    let mut subnets: HashMap<&str, usize> = HashMap::default();
    let mut unknown = false;
    for (j, n) in nodes.iter().enumerate() {
        if let Some(&first) = subnets.get(n.subnet.as_str()) {
            out.push(Problem::error(
                "load-balancer-two-nodes-in-one-subnet",
                format!("{path}.nodes[{j}].subnet"),
                part,
                Message::TwoNodesInOneSubnet {
                    first,
                    subnet: n.subnet.clone(),
                },
            ));
        } else {
            subnets.insert(&n.subnet, j);
        }
        match ix.subnet(&n.subnet) {
            Some(s) => {
                zones.insert(s.az.as_str());
            }
            None => unknown = true,
        }
    }
    if zones.len() < 2 && !unknown {
        out.push(Problem::error(
            "load-balancer-needs-two-azs",
            format!("{path}.nodes"),
            part,
            Message::NeedsTwoAzs {
                zones: zones.iter().map(|z| z.to_string()).collect(),
            },
        ));
    }
}
