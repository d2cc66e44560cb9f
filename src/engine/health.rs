//! Target health: what a load balancer's health checks find.
//!
//! AWS rule: each load balancer node checks every registered target on the target group's
//! health-check port (the target's traffic port unless set); a target is healthy when the check
//! connects. The check is an ordinary connection from the node, so the target's security groups,
//! both subnets' network ACLs and the routes decide it, and nothing listening on the port makes
//! the target unhealthy. When every target is unhealthy the load balancer fails open and sends
//! to them anyway.

use super::flow::{trace, FlowError, FlowSpec};
use super::network::{Network, Owner};
use super::trace::Trace;
use crate::model::Protocol;

/// What the health checks say of one target.
#[derive(Debug, Clone)]
pub enum Health {
    /// Every node's check connects.
    Healthy,
    /// A node's check does not connect; the trace of that check says why.
    Unhealthy(Box<Trace>),
    /// The target cannot be checked at all (not in the scenario, no address).
    Unreachable(FlowError),
}

impl Health {
    /// Whether the target takes traffic.
    pub fn is_healthy(&self) -> bool {
        matches!(self, Health::Healthy)
    }
}

/// One registered target and its health.
#[derive(Debug, Clone)]
pub struct TargetHealth {
    /// The target as registered (instance id or address).
    pub target: String,
    /// The port traffic goes to.
    pub port: u16,
    /// The port health checks go to.
    pub check_port: u16,
    /// What the checks found.
    pub health: Health,
}

/// The health of every target of target group `tg` of load balancer `lb`
/// (indexes into the scenario), in registration order.
pub fn target_health(net: &Network, lb: usize, tg: usize) -> Vec<TargetHealth> {
    let s = net.scenario;
    let Some(group) = s
        .load_balancers
        .get(lb)
        .and_then(|l| l.target_groups.get(tg))
    else {
        return Vec::new();
    };
    let nodes: Vec<usize> = (0..net.enis.len())
        .filter(|&e| net.enis[e].owner == Owner::LoadBalancer(lb))
        .collect();
    group
        .targets
        .iter()
        .map(|t| {
            let check_port = group.check_port(t);
            let mut health = Health::Healthy;
            for &node in &nodes {
                match check(net, node, &t.id, check_port) {
                    Ok(tr) if tr.verdict.is_established() => {}
                    Ok(tr) => {
                        health = Health::Unhealthy(Box::new(tr));
                        break;
                    }
                    Err(e) => {
                        health = Health::Unreachable(e);
                        break;
                    }
                }
            }
            TargetHealth {
                target: t.id.clone(),
                port: group.target_port(t),
                check_port,
                health,
            }
        })
        .collect()
}

/// The health check of `target` on `port` from load balancer node `node` (an interface index).
fn check(net: &Network, node: usize, target: &str, port: u16) -> Result<Trace, FlowError> {
    let spec = FlowSpec {
        ipv6: Default::default(),
        from: net.enis[node].iface.id.clone(),
        to: target.to_string(),
        protocol: Protocol::Tcp,
        port: Some(port),
        src_port: None,
    };
    trace(net, &spec)
}
