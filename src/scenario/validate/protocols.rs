//! The protocol fields of network ACL and security group rules.

use crate::model::{IcmpMatch, PortRange, Protocol};
use crate::scenario::message::Message;
use crate::scenario::problem::Problem;

/// `ports-without-tcp-udp`: ports only on TCP and UDP rules; `icmp-without-icmp`: an ICMP type and
/// code only on ICMP rules. `rule` is the rule's path.
pub(super) fn check(
    out: &mut Vec<Problem>,
    rule: &str,
    part: &str,
    protocol: Protocol,
    ports: Option<PortRange>,
    icmp: Option<IcmpMatch>,
) {
    if let Some(ports) = ports.filter(|_| !protocol.has_ports()) {
        let message = if protocol == Protocol::All {
            Message::PortsOnAll { ports }
        } else {
            Message::PortsWithoutTcpUdp { ports, protocol }
        };
        out.push(Problem::error(
            "ports-without-tcp-udp",
            format!("{rule}.ports"),
            part,
            message,
        ));
    }
    if icmp.is_some() && !protocol.is_icmp() {
        out.push(Problem::error(
            "icmp-without-icmp",
            format!("{rule}.icmp"),
            part,
            Message::IcmpWithoutIcmp { protocol },
        ));
    }
}
