//! Lessons: a scenario, objectives the engine checks, constraints on how they are met, hints and
//! text in English and Korean.
//!
//! A lesson file is JSON with `"version": 1`:
//!
//! ```json
//! {
//!   "version": 1,
//!   "id": "bastion",
//!   "title": {"en": "Reach private hosts through a bastion", "ko": "배스천으로 프라이빗 호스트 접속하기"},
//!   "intro": {"en": "...", "ko": "..."},
//!   "scenario": { "version": 1, "vpcs": [...] },
//!   "objectives": [
//!     {"label": {"en": "My laptop reaches the bastion on 22", "ko": "..."},
//!      "flow": {"from": "laptop", "to": "bastion", "port": 22}, "expect": "established"},
//!     {"label": {"en": "Nobody on the internet reaches the app", "ko": "..."},
//!      "flow": {"from": "internet", "to": "app", "port": 22}, "expect": "blocked"},
//!     {"label": {"en": "app:22 is reachable only from the bastion", "ko": "..."},
//!      "only_from": {"to": "app", "port": 22, "sources": ["bastion"]}}
//!   ],
//!   "constraints": [
//!     {"label": {"en": "No security group opens 22 to 0.0.0.0/0", "ko": "..."},
//!      "no_open_rule": {"port": 22}}
//!   ],
//!   "hints": [{"en": "...", "ko": "..."}],
//!   "success": {"en": "...", "ko": "..."},
//!   "solution": { "version": 1, "vpcs": [...] }
//! }
//! ```
//!
//! - A `flow` names its ends as the trace command does (node id or name, interface id, IPv4
//!   address); `"internet"` (when nothing in the scenario is called that) stands for an arbitrary
//!   host on the internet, [`INTERNET_STAND_IN`]. `protocol` is `tcp` unless given; `port` is
//!   needed for tcp and udp. `expect` is `established`, `blocked` (anything else), or one verdict
//!   code (`not-transitive`, `refused`, `dropped-by-security-group`, ...).
//! - `only_from` traces from every endpoint (instances, databases, load balancers, internet
//!   hosts and the internet stand-in) to `to`: exactly the endpoints matched by `sources` (node
//!   ids or names, security group ids or names, subnet ids or names, or `internet`) must be
//!   established.
//! - Constraints: `no_open_rule` (no security group admits `cidr`, by default `0.0.0.0/0`, on
//!   `protocol`/`port` inbound) and `no_public_ip` (these nodes have no public address).
//!
//! [`check`] grades a lesson's scenario, one [`Line`] per objective and constraint.

pub mod builtin;
mod grade;
pub mod link;
mod load;
mod read;

pub use crate::i18n::{Lang, Text};
pub use grade::{check, check_scenario, check_solution, Line, LineKind, Report};
pub use load::{from_json, LessonError};

use crate::engine::Verdict;
use crate::model::{Protocol, Scenario};
use ipnet::Ipv4Net;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

/// The lesson format version this release reads and writes.
pub const LESSON_VERSION: u32 = 1;

/// The address that `"internet"` stands for in objectives when no part of the scenario has that
/// id or name: a host on the internet (TEST-NET-2), outside every VPC.
pub const INTERNET_STAND_IN: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 200);

/// A lesson: a starting scenario, what must become true, and how to get there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lesson {
    /// Format version, 1.
    pub version: u32,
    /// Short stable id, e.g. `bastion` (built-in lessons: the file name).
    pub id: String,
    /// Title.
    pub title: Text,
    /// What the learner is asked to do, and why it matters.
    pub intro: Text,
    /// The scenario the learner starts from (normalized).
    pub scenario: Scenario,
    /// What must become true, checked by the engine.
    pub objectives: Vec<Objective>,
    /// Rules on how the objectives may be met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    /// Hints, to show one at a time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<Text>,
    /// Shown when every objective and constraint passes.
    pub success: Text,
    /// A finished scenario that passes everything (normalized), if the author gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution: Option<Scenario>,
}

/// Something the engine checks: one flow, or who may reach a service.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// What people read: "The internet reaches web on 443".
    pub label: Text,
    /// A flow and the verdict it must get (with `expect`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<FlowGoal>,
    /// The verdict `flow` must get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
    /// Exactly these sources reach a service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_from: Option<OnlyFrom>,
}

/// A flow as a lesson names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct FlowGoal {
    /// Source: node id or name, interface id, IPv4 address, or `internet`.
    pub from: String,
    /// Destination: node id or name, interface id, IPv4 address, or `internet`.
    pub to: String,
    /// Protocol; tcp when absent.
    #[serde(default = "tcp", skip_serializing_if = "is_tcp")]
    pub protocol: Protocol,
    /// Destination port (tcp and udp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// A part (id or name) the flow must pass through both ways, such as an appliance that
    /// inspects it; only an established flow can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<String>,
    /// Over the endpoints' IPv6 addresses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ipv6: bool,
}

/// "Only these reach `to` on `port`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct OnlyFrom {
    /// The service: node id or name.
    pub to: String,
    /// Protocol; tcp when absent.
    #[serde(default = "tcp", skip_serializing_if = "is_tcp")]
    pub protocol: Protocol,
    /// Port (tcp and udp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Who may reach it: node ids or names, security group ids or names (their members),
    /// subnet ids or names (what is in them), or `internet` (every host on the internet).
    pub sources: Vec<String>,
}

/// The verdict a flow objective expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The flow is established.
    Established,
    /// The flow is not established, whatever stops it.
    Blocked,
    /// Exactly this verdict.
    Verdict(Verdict),
}

/// Every verdict, to read verdict codes back.
pub const VERDICTS: [Verdict; 14] = [
    Verdict::Established,
    Verdict::Refused,
    Verdict::DroppedBySecurityGroup,
    Verdict::DroppedByNetworkAcl,
    Verdict::NoRoute,
    Verdict::BlackholeRoute,
    Verdict::NoPublicAddress,
    Verdict::SourceDestCheck,
    Verdict::NotTransitive,
    Verdict::DependsOnSourcePort,
    Verdict::NoHost,
    Verdict::DroppedByNatGateway,
    Verdict::ForwardingLoop,
    Verdict::Unsupported,
];

impl Expect {
    /// Whether a flow that ended in `v` meets this expectation.
    pub fn is_met_by(self, v: Verdict) -> bool {
        match self {
            Expect::Established => v.is_established(),
            Expect::Blocked => !v.is_established(),
            Expect::Verdict(want) => v == want,
        }
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Established => f.write_str("established"),
            Expect::Blocked => f.write_str("blocked"),
            Expect::Verdict(v) => f.write_str(v.code()),
        }
    }
}

impl FromStr for Expect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "established" => Ok(Expect::Established),
            "blocked" | "not-established" => Ok(Expect::Blocked),
            code => VERDICTS
                .iter()
                .find(|v| v.code() == code)
                .map(|&v| Expect::Verdict(v))
                .ok_or_else(|| {
                    let codes: Vec<&str> = VERDICTS.iter().map(|v| v.code()).collect();
                    format!(
                        "unknown expectation {code:?}: use established, blocked, or a verdict code ({})",
                        codes.join(", ")
                    )
                }),
        }
    }
}

impl Serialize for Expect {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Expect {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A rule on how the objectives may be met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// What people read: "No security group opens SSH to the world".
    pub label: Text,
    /// No security group inbound rule admits this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_open_rule: Option<NoOpenRule>,
    /// These nodes (ids or names) have no public IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_public_ip: Option<Vec<String>>,
}

/// "No security group rule open to `cidr` on `port`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct NoOpenRule {
    /// Protocol; tcp when absent.
    #[serde(default = "tcp", skip_serializing_if = "is_tcp")]
    pub protocol: Protocol,
    /// The port no rule may open (tcp and udp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The addresses no rule may admit; `0.0.0.0/0` (everyone) when absent. A rule admits them
    /// when its CIDR holds this whole block.
    #[serde(default = "anywhere", skip_serializing_if = "is_anywhere")]
    pub cidr: Ipv4Net,
}

#[cfg(test)]
fn tcp() -> Protocol {
    Protocol::Tcp
}

fn is_tcp(p: &Protocol) -> bool {
    *p == Protocol::Tcp
}

#[cfg(test)]
fn anywhere() -> Ipv4Net {
    Ipv4Net::default()
}

fn is_anywhere(n: &Ipv4Net) -> bool {
    *n == Ipv4Net::default()
}

impl Lesson {
    /// The lesson as JSON (the file format), with normalized scenarios.
    pub fn to_json(&self) -> String {
        crate::scenario::to_pretty_json(self)
    }

    /// The lesson as compact JSON (what the page remembers).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
