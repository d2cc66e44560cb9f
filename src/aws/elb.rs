//! Elastic Load Balancing (`aws elbv2 describe-*`) output: application and network load
//! balancers (`describe-load-balancers`), their listeners (`describe-listeners`, or Batfish's
//! `LoadBalancerListeners`), target groups (`describe-target-groups`) and registered targets
//! (Batfish's `LoadBalancerTargetHealth`, `describe-target-health` per group).
//!
//! A load balancer's nodes are the network interfaces AWS describes as `ELB app/NAME/ID` or
//! `ELB net/NAME/ID`, the end of its ARN. Only `forward` actions are simulated; a listener that
//! redirects or answers itself is left out with a warning, and so are gateway load balancers.
//! Target health is worked out by the engine's health checks, not read.

use super::raw::{RawEni, RawListener, RawTargetGroup};
use super::read::{unique, Inputs};
use super::report::Notes;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The key of a load balancer in its ARN (`app/NAME/ID`, `net/NAME/ID`).
fn key_of_arn(arn: &str) -> Option<&str> {
    arn.split_once(":loadbalancer/").map(|(_, key)| key)
}

/// The key of the load balancer a network interface is a node of, from its description.
pub(crate) fn node_key(eni: &RawEni) -> Option<&str> {
    let key = eni.description.as_deref()?.strip_prefix("ELB ")?;
    (key.starts_with("app/") || key.starts_with("net/")).then_some(key)
}

/// The keys of the application and network load balancers the output describes.
pub(crate) fn keys(inputs: &Inputs) -> BTreeSet<String> {
    (inputs.load_balancers.iter())
        .filter(|l| {
            matches!(
                l.item.lb_type.as_deref(),
                None | Some("application" | "network")
            )
        })
        .filter_map(|l| key_of_arn(&l.item.load_balancer_arn).map(str::to_string))
        .collect()
}

/// A listener or target group protocol, if the model has it.
fn protocol(name: Option<&str>) -> Option<LbProtocol> {
    Some(match name? {
        "HTTP" => LbProtocol::Http,
        "HTTPS" => LbProtocol::Https,
        "TCP" => LbProtocol::Tcp,
        "TLS" => LbProtocol::Tls,
        "UDP" => LbProtocol::Udp,
        "TCP_UDP" => LbProtocol::TcpUdp,
        _ => return None,
    })
}

/// A port from the output, if it is one.
fn port(n: Option<i64>) -> Option<u16> {
    n.and_then(|n| u16::try_from(n).ok())
}

/// Every application and network load balancer of `inputs` that has nodes among `nodes` (the
/// interfaces by load balancer key), with its listeners and target groups. A target that is an
/// instance must be one of `instances`.
pub(crate) fn load_balancers(
    inputs: &Inputs,
    mut nodes: BTreeMap<String, Vec<Interface>>,
    instances: &[Instance],
    warnings: &mut Notes,
) -> Vec<LoadBalancer> {
    let groups: BTreeMap<&str, &RawTargetGroup> = (inputs.target_groups.iter())
        .map(|g| (g.item.target_group_arn.as_str(), &g.item))
        .collect();
    let mut out = Vec::new();
    for loc in unique(&inputs.load_balancers, |l| &l.load_balancer_arn, warnings) {
        let lb = &loc.item;
        let arn = lb.load_balancer_arn.as_str();
        let kind = match lb.lb_type.as_deref() {
            Some("network") => LbKind::Network,
            None | Some("application") => LbKind::Application,
            Some(other) => {
                warnings.ignored(format!(
                    "{}: skipped {arn}: a {other} load balancer is not modelled",
                    loc.place()
                ));
                continue;
            }
        };
        let node_list = key_of_arn(arn).and_then(|k| nodes.remove(k));
        let Some(node_list) = node_list.filter(|n| !n.is_empty()) else {
            warnings.ignored(format!(
                "{}: skipped {arn}: none of its nodes' network interfaces is in the output; add `aws ec2 describe-network-interfaces`",
                loc.place()
            ));
            continue;
        };
        let mut balancer = LoadBalancer {
            id: arn.to_string(),
            name: lb
                .load_balancer_name
                .clone()
                .unwrap_or_else(|| arn.to_string()),
            kind,
            scheme: match lb.scheme.as_deref() {
                Some("internal") => Scheme::Internal,
                _ => Scheme::InternetFacing,
            },
            nodes: node_list,
            listeners: Vec::new(),
            target_groups: Vec::new(),
        };
        let mut described = false;
        for l in inputs.listeners.iter().filter(|l| l.item.0 == arn) {
            described = true;
            let place = l.place();
            let Some(listener) = listener(&l.item.1, &place, warnings) else {
                continue;
            };
            let tg = listener.target_group.clone();
            if !balancer.target_groups.iter().any(|g| g.id == tg) {
                match groups.get(tg.as_str()) {
                    Some(g) => match target_group(inputs, g, instances, warnings) {
                        Some(g) => balancer.target_groups.push(g),
                        None => continue,
                    },
                    None => {
                        warnings.ignored(format!(
                            "{place}: skipped the listener on port {}: its target group {tg} is not in the output; add `aws elbv2 describe-target-groups`",
                            listener.port
                        ));
                        continue;
                    }
                }
            }
            balancer.listeners.push(listener);
        }
        if !described {
            warnings.ignored(format!(
                "{}: {arn} has no listeners in the output, so it takes no connections; add `aws elbv2 describe-listeners`",
                loc.place()
            ));
        }
        out.push(balancer);
    }
    out
}

/// A listener that forwards to a target group, or `None` (warned at `place`).
fn listener(l: &RawListener, place: &str, warnings: &mut Notes) -> Option<LbListener> {
    let Some(p) = port(l.port) else {
        warnings.ignored(format!("{place}: skipped a listener with no port"));
        return None;
    };
    let Some(protocol) = protocol(l.protocol.as_deref()) else {
        warnings.ignored(format!(
            "{place}: skipped the listener on port {p}: protocol {} is not modelled",
            l.protocol.as_deref().unwrap_or("(none)")
        ));
        return None;
    };
    let forward = (l.default_actions.iter()).find(|a| a.action_type.as_deref() == Some("forward"));
    let target_group = forward.and_then(|a| {
        let weighted = a.forward_config.as_ref().into_iter().flat_map(|c| &c.target_groups);
        a.target_group_arn.clone().or_else(|| {
            let mut all = weighted.map(|t| t.target_group_arn.clone());
            let first = all.next();
            if all.next().is_some() {
                warnings.ignored(format!(
                    "{place}: the listener on port {p} forwards to several target groups by weight; only the first is simulated"
                ));
            }
            first
        })
    });
    let Some(target_group) = target_group else {
        warnings.ignored(format!(
            "{place}: skipped the listener on port {p}: only forward actions are simulated, not redirects, fixed responses or authentication"
        ));
        return None;
    };
    Some(LbListener {
        protocol,
        port: p,
        target_group,
    })
}

/// The target group `g` with the targets registered to it, or `None` (warned).
fn target_group(
    inputs: &Inputs,
    g: &RawTargetGroup,
    instances: &[Instance],
    warnings: &mut Notes,
) -> Option<TargetGroup> {
    let arn = &g.target_group_arn;
    let (Some(protocol), Some(group_port)) = (protocol(g.protocol.as_deref()), port(g.port)) else {
        warnings.ignored(format!(
            "target group {arn}: skipped: its targets are {} (no protocol and port the playground models)",
            g.target_type.as_deref().unwrap_or("unknown")
        ));
        return None;
    };
    let by_ip = g.target_type.as_deref() == Some("ip");
    let mut targets = Vec::new();
    let registered = inputs
        .target_health
        .iter()
        .filter(|h| h.item.target_group_arn == *arn);
    let mut known = false;
    for h in registered {
        known = true;
        for (k, d) in h.item.target_health_descriptions.iter().enumerate() {
            let id = &d.target.id;
            if !by_ip && !instances.iter().any(|i| i.id == *id) {
                warnings.ignored(format!(
                    "{}.TargetHealthDescriptions[{k}]: left out target {id}: no such instance in the output",
                    h.place()
                ));
                continue;
            }
            let p = port(d.target.port).filter(|p| *p != group_port);
            targets.push(Target {
                id: id.clone(),
                port: p,
            });
        }
    }
    if !known {
        warnings.ignored(format!(
            "target group {arn}: its registered targets are not in the output, so it has none; add `aws elbv2 describe-target-health` for it"
        ));
    }
    Some(TargetGroup {
        id: arn.clone(),
        name: g.target_group_name.clone().unwrap_or_else(|| arn.clone()),
        protocol,
        port: group_port,
        health_check_port: g.health_check_port.as_deref().and_then(|p| p.parse().ok()),
        health_check_path: g.health_check_path.clone(),
        preserve_client_ip: None,
        targets,
    })
}
