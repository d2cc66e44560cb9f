//! Rule by rule: every rule a filter looked at for one packet, and why each matched or not.
//!
//! A network ACL hop lists its rules in number order: the rules before the deciding one with the
//! field that did not match ("port 22 ≠ 443"), the deciding rule, and the rules after it as not
//! reached (the first match decides). A security group hop lists every rule of every group on the
//! interface (any rule may allow; none denies) with why each did or did not match, or, for a
//! reply, the tracked connection that lets it through. Recorded only when hops are recorded, so
//! the reachability matrix pays nothing.

pub mod words;

use crate::model::{Action, IcmpMatch, PortRange, Protocol};
use ipnet::IpNet;
use std::net::IpAddr;

/// Why a rule did not match a packet: the first field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The rule is for another protocol.
    Protocol {
        /// The rule's protocol.
        rule: Protocol,
    },
    /// The rule's ICMP type or code differs.
    Icmp {
        /// The rule's type and code.
        rule: IcmpMatch,
    },
    /// None of the packet's destination ports lies in the rule's range.
    Ports {
        /// The rule's port range.
        rule: PortRange,
    },
    /// The remote address is outside the rule's CIDR.
    Address {
        /// The rule's CIDR.
        cidr: IpNet,
    },
    /// The remote address is in none of the prefix list's CIDRs.
    PrefixList {
        /// The prefix list's display name.
        list: String,
    },
    /// The remote address is not a private address of a member of the referenced group.
    Group {
        /// The referenced group's display name.
        group: String,
    },
    /// The rule refers to something the scenario does not have.
    MissingPeer,
}

/// What a rule did for the packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The rule matched (an ACL rule: and decided for these ports).
    Matched {
        /// When the rule matched only some of the packet's possible ports, those ports.
        only: Option<String>,
    },
    /// The rule did not match.
    Missed(Mismatch),
    /// An earlier ACL rule had already decided every port.
    NotReached,
}

/// Who a rule lets in or out, as the console writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// A CIDR.
    Cidr(IpNet),
    /// A prefix list, by display name.
    PrefixList(String),
    /// A security group, by display name.
    Group(String),
    /// A reference to something missing.
    Missing,
}

/// The rule as a table row shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    /// The ACL rule number (`None` for the `*` rule), or the group rule's 1-based index.
    pub number: Option<u16>,
    /// The group the rule belongs to (security groups only).
    pub group: Option<String>,
    /// Allow or deny (security group rules always allow).
    pub action: Action,
    /// Protocol.
    pub protocol: Protocol,
    /// Port range, when the rule has one and the protocol has ports.
    pub ports: Option<PortRange>,
    /// The source (inbound) or destination (outbound).
    pub peer: Peer,
}

/// One rule looked at, and what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCheck {
    /// The rule.
    pub row: RuleRow,
    /// What it did for this packet.
    pub outcome: Outcome,
}

/// The connection a reply belongs to, which a security group let out or in earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedEntry {
    /// The protocol.
    pub protocol: Protocol,
    /// The address that opened the connection.
    pub client: IpAddr,
    /// Its port (or the ports it may have picked), empty for ICMP.
    pub client_port: String,
    /// The address it connected to.
    pub server: IpAddr,
    /// Its port, empty for ICMP.
    pub server_port: String,
}

/// Everything a filter hop looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterChecks {
    /// The rules, in the order they were looked at.
    Rules {
        /// Whether these are inbound rules.
        inbound: bool,
        /// The remote address compared with each rule's source or destination.
        remote: IpAddr,
        /// The destination ports compared with each rule's range, as text (`443`,
        /// `32768-60999`), empty for protocols without ports.
        ports: String,
        /// The rules.
        rules: Vec<RuleCheck>,
    },
    /// A reply let through by connection tracking; no rule was looked at.
    Tracked(TrackedEntry),
}

impl FilterChecks {
    /// The rule that decided, if a rule did: the first matched one.
    pub fn deciding(&self) -> Option<&RuleCheck> {
        match self {
            FilterChecks::Rules { rules, .. } => rules
                .iter()
                .find(|c| matches!(c.outcome, Outcome::Matched { .. })),
            FilterChecks::Tracked(_) => None,
        }
    }
}

/// Why `rule` (protocol, ICMP filter, port range) does not match a packet, if it does not. The
/// address is checked by the caller (a CIDR for ACLs, a peer for groups).
pub fn protocol_mismatch(
    rule_protocol: Protocol,
    rule_icmp: Option<IcmpMatch>,
    protocol: Protocol,
    icmp: Option<(u8, u8)>,
) -> Option<Mismatch> {
    if !rule_protocol.matches(protocol) {
        return Some(Mismatch::Protocol {
            rule: rule_protocol,
        });
    }
    if protocol.is_icmp() && !super::acl::icmp_matches(rule_icmp, icmp) {
        return rule_icmp.map(|rule| Mismatch::Icmp { rule });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_is_checked_before_icmp_type() {
        let rule = IcmpMatch {
            icmp_type: Some(8),
            code: None,
        };
        let echo = Some(rule);
        assert_eq!(
            protocol_mismatch(Protocol::Tcp, None, Protocol::Udp, None),
            Some(Mismatch::Protocol {
                rule: Protocol::Tcp
            })
        );
        assert_eq!(
            protocol_mismatch(Protocol::Icmp, echo, Protocol::Icmp, Some((0, 0))),
            Some(Mismatch::Icmp { rule })
        );
        assert_eq!(
            protocol_mismatch(Protocol::Icmp, echo, Protocol::Icmp, Some((8, 0))),
            None
        );
        assert_eq!(
            protocol_mismatch(Protocol::All, None, Protocol::Tcp, None),
            None
        );
    }
}
