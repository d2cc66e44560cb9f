//! The simulator: how a packet moves through AWS VPC components, hop by hop.
//!
//! One module per AWS component, each stating the rule it implements: [`acl`] (network ACLs),
//! [`sg`] (security groups), [`route`] (route tables); [`walk`] moves a packet through them,
//! including gateways and NAT; [`flow`] runs whole connections forward and back; [`health`]
//! says which load balancer targets pass their health checks; [`matrix`] answers who reaches
//! whom.

pub mod acl;
#[cfg(feature = "port-sets")]
pub mod all_ports;
pub mod checks;
#[cfg(feature = "port-sets")]
pub mod diff;
pub mod explain;
#[cfg(feature = "port-sets")]
pub mod exposure;
pub mod fix;
pub mod flow;
pub mod health;
pub mod matrix;
pub mod network;
#[cfg(feature = "port-sets")]
pub mod port_walk;
pub mod portset;
pub mod route;
pub mod sg;
pub mod synthetic;
pub mod trace;
pub mod transit;
pub mod walk;

pub use flow::{trace, FlowError, FlowSpec, Node};
pub use network::Network;
pub use trace::{
    Action, BlockedBy, Decision, Direction, Endpoint, Hop, Kind, PortView, Rewrote, RuleDirection,
    RuleRef, Side, Site, Step, Trace, Verdict,
};
