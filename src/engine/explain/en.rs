//! Traces in English. The words of each hop are written where the walker decides (its
//! `detail`); the flow's summary is put together here from the trace's data.

use super::super::trace::{
    Direction, Ends, Hop, Kind, PortVar, RuleDirection, RuleRef, SourcePorts, Trace, Verdict,
};
use super::super::walk::Stop;
use crate::model::{Os, Protocol};

/// The summary of a trace: one sentence in plain words.
pub fn summary(t: &Trace) -> &str {
    &t.summary
}

/// What a hop did and why, in plain words.
pub fn hop(h: &Hop) -> &str {
    &h.detail
}

/// The rule that decided at a hop, in words: `inbound rule #2`, `rule 100`, `the * rule`, ...
pub fn rule(r: &RuleRef) -> String {
    match r {
        RuleRef::AclRule { number } => format!("rule {number}"),
        RuleRef::AclDefault => "the * rule".into(),
        RuleRef::SgRule {
            direction: RuleDirection::Inbound,
            index,
        } => format!("inbound rule #{index}"),
        RuleRef::SgRule {
            direction: RuleDirection::Outbound,
            index,
        } => format!("outbound rule #{index}"),
        RuleRef::TrackedConnection => "reply to a tracked connection".into(),
        RuleRef::NoMatch => "no matching rule".into(),
        RuleRef::Route { destination } => format!("route {destination}"),
        RuleRef::NoRoute => "no matching route".into(),
        RuleRef::NotAttached => "no attachment to this VPC".into(),
        RuleRef::NoSubnetInZone { zone } => format!("no attachment subnet in {zone}"),
        RuleRef::NoAssociation => "attachment has no route table".into(),
        RuleRef::OneWay => "saw one way of the connection only".into(),
    }
}

/// A verdict in the fewest words, for a cell of the reachability table: "service-sg blocks",
/// "no route in private-rt", "nothing listens". `by` is the name of what decided, never empty.
pub fn cell(verdict: Verdict, by: &str) -> String {
    match verdict {
        Verdict::Established => "established".into(),
        Verdict::Refused => "nothing listens".into(),
        Verdict::DroppedBySecurityGroup => format!("{by} blocks"),
        Verdict::DroppedByNetworkAcl => format!("{by} denies"),
        Verdict::NoRoute => format!("no route in {by}"),
        Verdict::BlackholeRoute => format!("blackhole in {by}"),
        Verdict::NoPublicAddress => "no public IP".into(),
        Verdict::SourceDestCheck => format!("source/dest check on {by}"),
        Verdict::NotTransitive => "peering is not transitive".into(),
        Verdict::DependsOnSourcePort => format!("{by} allows some source ports"),
        Verdict::NoHost => "no such host".into(),
        Verdict::DroppedByNatGateway => format!("{by} takes no inbound connection"),
        Verdict::ForwardingLoop => "routing loop".into(),
        Verdict::Unsupported => format!("{by} is not simulated"),
    }
}

/// Whose ephemeral range `v` is: "the range Linux clients pick from".
fn range_owner(v: &PortVar) -> String {
    match v.os {
        Some(Os::Linux) => "the range Linux clients pick from".into(),
        Some(Os::Windows) => "the range Windows and macOS clients pick from".into(),
        Some(Os::Any) => "the widest range a client of unknown OS may pick from".into(),
        None => format!("the range {} picks from", v.picked_by),
    }
}

/// The client's source ports `ports` (as narrowed so far) named as ephemeral ports, with the range
/// and whose it is: "ephemeral ports 32768-60999 (the range Linux clients pick from)".
pub fn ephemeral(v: &PortVar, ports: &str) -> String {
    let full = v.full.to_string();
    if ports == full {
        format!("ephemeral ports {ports} ({})", range_owner(v))
    } else {
        format!("ephemeral ports {ports} (of {full}, {})", range_owner(v))
    }
}

/// What the client sees when a flow ends with `verdict`, as a sentence to append to the summary
/// (with a leading space), or empty when the flow is established or the answer depends on ports.
pub fn client_sees(verdict: Verdict, protocol: Protocol) -> &'static str {
    match verdict {
        Verdict::Established | Verdict::DependsOnSourcePort => "",
        Verdict::Refused if protocol == Protocol::Tcp => {
            " The host answers at once with a TCP reset, so the client sees \"connection refused\" right away, unlike a dropped packet, which gets no answer."
        }
        Verdict::Refused => "",
        _ => {
            " A dropped packet gets no answer at all, so the client waits until it times out (telnet hangs), unlike a refused port, which answers at once with a reset."
        }
    }
}

/// `tcp/443`, or the protocol alone when it has no port.
pub(super) fn service(protocol: Protocol, port: Option<u16>) -> String {
    match port {
        Some(p) => format!("{protocol}/{p}"),
        None => protocol.to_string(),
    }
}

/// What a flow's summary is made of.
pub(crate) struct Summary<'a> {
    /// The flow's protocol.
    pub protocol: Protocol,
    /// Its destination port, when it has one.
    pub port: Option<u16>,
    /// Its two ends.
    pub ends: &'a Ends,
    /// Which source ports work, when only some do.
    pub source_ports: Option<&'a SourcePorts>,
}

impl Summary<'_> {
    /// "Dropped (leg 2: ...): <what stopped it>. <what the client sees>"
    pub fn stopped(&self, d: &Stop) -> String {
        let lead = match (d.verdict, d.by.direction) {
            (Verdict::Refused, _) => "Refused",
            (_, Direction::Return) => "Dropped on the way back",
            _ => "Dropped",
        };
        let leg = if d.by.leg > 1 {
            format!(
                " (leg {}: the connection the load balancer or proxy opens)",
                d.by.leg
            )
        } else {
            String::new()
        };
        let seen = client_sees(d.verdict, self.protocol);
        format!("{lead}{leg}: {}.{seen}", d.detail)
    }

    /// "Depends on the client's source port: ..., and the flow works only for ...", then
    /// `detail`, the words of the filter that let only some through.
    pub fn depends(&self, detail: &str) -> String {
        let (picked_by, range, working) = self
            .source_ports
            .map_or(("", "", ""), |p| (&p.picked_by, &p.range, &p.working));
        format!(
            "Depends on the client's source port: {picked_by} picks a port from {range}, and the flow works only for {working}. {detail}."
        )
    }

    /// "Established: <from> reached <to> on tcp/443, and the reply came back."
    pub fn established(&self) -> String {
        format!(
            "Established: {} reached {} on {}, and the reply came back.",
            self.ends.from,
            self.ends.to,
            service(self.protocol, self.port)
        )
    }
}

/// The English name of a kind of component.
pub fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::SecurityGroup => "security group",
        Kind::NetworkAcl => "network ACL",
        Kind::RouteTable => "route table",
        Kind::InternetGateway => "internet gateway",
        Kind::NatGateway => "NAT gateway",
        Kind::GwlbEndpoint => "Gateway Load Balancer endpoint",
        Kind::EgressOnlyInternetGateway => "egress-only internet gateway",
        Kind::Instance => "instance",
        Kind::NetworkInterface => "interface",
        Kind::LoadBalancer => "load balancer",
        Kind::Database => "database",
        Kind::PeeringConnection => "peering",
        Kind::GatewayEndpoint => "gateway endpoint",
        Kind::TransitGateway => "transit gateway",
        Kind::TransitGatewayRouteTable => "transit gateway route table",
        Kind::Internet => "internet",
        Kind::InternetHost => "internet host",
        Kind::VpnGateway => "virtual private gateway",
        Kind::SiteLink => "VPN or Direct Connect link",
        Kind::OnPremNetwork => "on-premises network",
        Kind::Vpc => "VPC",
    }
}
