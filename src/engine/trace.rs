//! What a trace reports: hops, the verdict, and the component and rule that decided.
//!
//! Shaped after Batfish traces: one hop per decision a component makes, the packet as it is at that
//! hop (after any address translation), and one final verdict naming what decided it.

use super::checks::FilterChecks;
use super::portset::PortSet;
use crate::model::{Os, PortRange, Protocol};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::fmt;
use std::net::IpAddr;

/// How a flow ended. Codes are stable kebab-case strings (the CLI's `--json` contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Forward and return paths pass and the service listens.
    Established,
    /// The packet arrived but nothing listens on the port (TCP reset).
    Refused,
    /// A security group had no rule allowing the packet.
    DroppedBySecurityGroup,
    /// A network ACL denied the packet.
    DroppedByNetworkAcl,
    /// No route matched, or the route's target cannot carry the packet there.
    NoRoute,
    /// The matching route is a blackhole.
    BlackholeRoute,
    /// The packet needed a public address the source (or destination) does not have.
    NoPublicAddress,
    /// An instance that does not own the packet's address has its source/destination check on.
    SourceDestCheck,
    /// The packet tried to cross two peerings, or a peering to a network beyond the peer VPC.
    NotTransitive,
    /// The flow works only for some of the client's possible source ports.
    DependsOnSourcePort,
    /// Nothing in the VPC holds the destination address.
    NoHost,
    /// A NAT gateway refused a connection that did not start from inside.
    DroppedByNatGateway,
    /// The packet went round a routing loop.
    ForwardingLoop,
    /// The path uses a component the simulator does not model (transit gateway).
    Unsupported,
}

impl Verdict {
    /// The stable code, e.g. `dropped-by-security-group`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Established => "established",
            Verdict::Refused => "refused",
            Verdict::DroppedBySecurityGroup => "dropped-by-security-group",
            Verdict::DroppedByNetworkAcl => "dropped-by-network-acl",
            Verdict::NoRoute => "no-route",
            Verdict::BlackholeRoute => "blackhole-route",
            Verdict::NoPublicAddress => "no-public-address",
            Verdict::SourceDestCheck => "source-dest-check",
            Verdict::NotTransitive => "not-transitive",
            Verdict::DependsOnSourcePort => "depends-on-source-port",
            Verdict::NoHost => "no-host",
            Verdict::DroppedByNatGateway => "dropped-by-nat-gateway",
            Verdict::ForwardingLoop => "forwarding-loop",
            Verdict::Unsupported => "unsupported",
        }
    }

    /// The verdict in Korean words, for learners (the code stays the stable name).
    pub fn ko(self) -> &'static str {
        match self {
            Verdict::Established => crate::ko_str!("연결됨"),
            Verdict::Refused => crate::ko_str!("연결 거부됨 (수신 대기하는 서비스 없음)"),
            Verdict::DroppedBySecurityGroup => crate::ko_str!("보안 그룹에서 차단됨"),
            Verdict::DroppedByNetworkAcl => crate::ko_str!("네트워크 ACL에서 차단됨"),
            Verdict::NoRoute => crate::ko_str!("경로 없음"),
            Verdict::BlackholeRoute => crate::ko_str!("블랙홀 경로"),
            Verdict::NoPublicAddress => crate::ko_str!("퍼블릭 주소 없음"),
            Verdict::SourceDestCheck => crate::ko_str!("소스/대상 확인에 막힘"),
            Verdict::NotTransitive => crate::ko_str!("피어링은 전이되지 않음"),
            Verdict::DependsOnSourcePort => crate::ko_str!("클라이언트의 소스 포트에 따라 다름"),
            Verdict::NoHost => crate::ko_str!("대상 주소를 가진 호스트 없음"),
            Verdict::DroppedByNatGateway => crate::ko_str!("NAT 게이트웨이에서 차단됨"),
            Verdict::ForwardingLoop => crate::ko_str!("라우팅 루프"),
            Verdict::Unsupported => crate::ko_str!("시뮬레이터가 다루지 않는 구성 요소"),
        }
    }

    /// Whether the flow is established.
    pub fn is_established(self) -> bool {
        self == Verdict::Established
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The kind of component at a hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A security group.
    SecurityGroup,
    /// A network ACL.
    NetworkAcl,
    /// A route table.
    RouteTable,
    /// An internet gateway.
    InternetGateway,
    /// A NAT gateway.
    NatGateway,
    /// An egress-only internet gateway (IPv6).
    EgressOnlyInternetGateway,
    /// An EC2 instance.
    Instance,
    /// A network interface.
    NetworkInterface,
    /// An application load balancer.
    LoadBalancer,
    /// An RDS or ElastiCache endpoint.
    Database,
    /// A VPC peering connection.
    PeeringConnection,
    /// A gateway VPC endpoint.
    GatewayEndpoint,
    /// A Gateway Load Balancer endpoint.
    GwlbEndpoint,
    /// A transit gateway.
    TransitGateway,
    /// A transit gateway's route table.
    TransitGatewayRouteTable,
    /// The internet.
    Internet,
    /// A host on the internet.
    InternetHost,
    /// A VPC.
    Vpc,
    /// A virtual private gateway.
    VpnGateway,
    /// A site-to-site VPN connection or Direct Connect virtual interface.
    SiteLink,
    /// A network outside AWS (on premises).
    OnPremNetwork,
}

/// Forward (request) or return (reply) direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// From the client towards the server.
    Forward,
    /// The reply, from the server back to the client.
    Return,
}

/// What a component did with the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// A filter let it through.
    Allow,
    /// A filter dropped it.
    Deny,
    /// A router or forwarder passed it on.
    Forward,
    /// Addresses or ports were rewritten.
    Translate,
    /// It reached the host it was for.
    Deliver,
    /// It was dropped for a reason other than a filter.
    Drop,
    /// The host answered with a reset: nothing listens.
    Refuse,
}

impl Decision {
    /// Whether the packet goes no further at this hop (denied, dropped or refused).
    pub fn stops(self) -> bool {
        matches!(self, Decision::Deny | Decision::Drop | Decision::Refuse)
    }
}

/// A port as seen at a hop: one port, or the set the client may pick from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortView {
    /// No ports (ICMP and other protocols).
    None,
    /// One port.
    One(u16),
    /// Any of these ports (the client's ephemeral range, as narrowed so far); shared by the
    /// hops that see the same range.
    Set(std::sync::Arc<str>),
}

impl Serialize for PortView {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PortView::None => s.serialize_none(),
            PortView::One(p) => s.serialize_u16(*p),
            PortView::Set(t) => s.serialize_str(t),
        }
    }
}

impl JsonSchema for PortView {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PortView".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "null (no ports: ICMP and other protocols), one port, or the set the client picks from (\"1024-65535\", \"32768-60999 except 40000\")",
            "anyOf": [
                {"type": "null"},
                {"type": "integer", "minimum": 0, "maximum": 65535},
                {"type": "string"}
            ]
        })
    }
}

/// The JSON Schema of a trace as `vpcplay trace --json` prints it.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(Trace).to_value()
}

impl fmt::Display for PortView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortView::None => Ok(()),
            PortView::One(p) => write!(f, "{p}"),
            PortView::Set(t) => f.write_str(t),
        }
    }
}

/// Which way a packet crosses the place where a decision is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Leaving an interface or a subnet (outbound rules apply).
    Leaving,
    /// Entering a subnet or an interface (inbound rules apply).
    Entering,
}

/// Where along the path a decision was made: the part the packet was at, and which way it
/// crossed it. Security groups are decided at the interface's owner (`web`, `db`), network ACLs
/// and route tables at a subnet, internet gateways at their VPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Site {
    /// Id of the part: an instance, database, load balancer or NAT gateway, a subnet or a VPC.
    pub part: String,
    /// Leaving or entering it.
    pub side: Side,
}

/// The rule that decided at a hop, as data (its words are left to [`super::explain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RuleRef {
    /// A numbered network ACL rule.
    AclRule {
        /// Its number.
        number: u16,
    },
    /// The network ACL's `*` rule: no numbered rule matched.
    AclDefault,
    /// A security group rule.
    SgRule {
        /// Inbound or outbound.
        direction: RuleDirection,
        /// Its position among the group's rules of that direction, from 1.
        index: usize,
    },
    /// A reply to a connection the security group allowed (groups are stateful).
    TrackedConnection,
    /// No rule of the security groups matched.
    NoMatch,
    /// The route that won (longest prefix): its destination, or `local`.
    Route {
        /// A CIDR block, a prefix list id, or `local`.
        destination: RouteDest,
    },
    /// No route matched the destination.
    NoRoute,
    /// The transit gateway has no attachment to the sending VPC.
    NotAttached,
    /// The transit gateway's attachment has no subnet in the sending subnet's Availability Zone
    /// (a VPC attachment serves only the zones it has a subnet in).
    NoSubnetInZone {
        /// The sending subnet's zone.
        zone: String,
    },
    /// The attachment the packet came in by is associated with no transit gateway route table.
    NoAssociation,
    /// A stateful appliance saw only one way of the connection (asymmetric routing): the reply
    /// skipped it, or came through it without the request.
    OneWay,
}

/// The destination of a route, as a hop names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteDest {
    /// Within the subnet itself: delivered directly.
    Local,
    /// A CIDR block (the VPC's own block for its implicit local route).
    Cidr(ipnet::IpNet),
    /// A managed prefix list, by id.
    PrefixList(String),
}

impl fmt::Display for RouteDest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteDest::Local => f.write_str("local"),
            RouteDest::Cidr(c) => write!(f, "{c}"),
            RouteDest::PrefixList(p) => f.write_str(p),
        }
    }
}

impl Serialize for RouteDest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for RouteDest {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RouteDest".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

/// Which rules of a filter apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RuleDirection {
    /// Rules for packets coming in.
    Inbound,
    /// Rules for packets going out.
    Outbound,
}

impl RuleRef {
    /// The hop's `rule` text in the CLI's JSON: `100`, `*`, `inbound #2`, `tracked connection`,
    /// `no matching rule`, a route's destination, `no matching route`.
    pub fn text(&self) -> String {
        match self {
            RuleRef::AclRule { number } => number.to_string(),
            RuleRef::AclDefault => "*".into(),
            RuleRef::SgRule { direction, index } => format!(
                "{} #{index}",
                match direction {
                    RuleDirection::Inbound => "inbound",
                    RuleDirection::Outbound => "outbound",
                }
            ),
            RuleRef::TrackedConnection => "tracked connection".into(),
            RuleRef::NoMatch => "no matching rule".into(),
            RuleRef::Route { destination } => destination.to_string(),
            RuleRef::NoRoute => "no matching route".into(),
            RuleRef::NotAttached => "no attachment".into(),
            RuleRef::NoSubnetInZone { zone } => format!("no attachment subnet in {zone}"),
            RuleRef::NoAssociation => "no associated route table".into(),
            RuleRef::OneWay => "one way of the connection only".into(),
        }
    }
}

impl From<super::acl::AclRuleRef> for RuleRef {
    fn from(r: super::acl::AclRuleRef) -> Self {
        match r {
            super::acl::AclRuleRef::Number(number) => RuleRef::AclRule { number },
            super::acl::AclRuleRef::Star => RuleRef::AclDefault,
        }
    }
}

/// What a filter did with a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Let it through.
    Allow,
    /// Dropped it.
    Deny,
}

/// Which address a translation rewrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rewrote {
    /// The source (NAT on the way out).
    Source,
    /// The destination (the reply, translated back).
    Destination,
}

/// An address and port of a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Endpoint {
    /// The address.
    pub ip: IpAddr,
    /// The port, or the set it is picked from.
    pub port: PortView,
}

/// What happened at a hop, as data: the `step` of each hop in the CLI's JSON
/// (`{"type": "filter", "action": "deny", "rule": {"kind": "acl-rule", "number": 100}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Step {
    /// A security group or network ACL allowed or denied the packet by `rule`.
    Filter {
        /// Allowed or denied.
        action: Action,
        /// The rule that decided.
        rule: RuleRef,
    },
    /// A route table sent the packet on by `rule` (the route that won).
    Route {
        /// The route.
        rule: RuleRef,
    },
    /// Addresses or ports were rewritten (NAT).
    Translate {
        /// Which end.
        rewrote: Rewrote,
        /// That end before.
        before: Endpoint,
        /// That end after.
        after: Endpoint,
    },
    /// Passed on by a part that forwards (a gateway, a peering, an appliance), with no rule.
    Forward,
    /// The packet reached the host it was for.
    Deliver,
    /// The host answered with a reset: nothing listens there.
    Refuse,
    /// Dropped for a reason other than a filter.
    Drop {
        /// The verdict it gives the flow.
        verdict: Verdict,
        /// The rule, when one decided (a blackhole route, no route).
        #[serde(skip_serializing_if = "Option::is_none")]
        rule: Option<RuleRef>,
    },
}

impl Step {
    /// The hop's decision.
    pub fn decision(&self) -> Decision {
        match self {
            Step::Filter {
                action: Action::Allow,
                ..
            } => Decision::Allow,
            Step::Filter {
                action: Action::Deny,
                ..
            } => Decision::Deny,
            Step::Route { .. } | Step::Forward => Decision::Forward,
            Step::Translate { .. } => Decision::Translate,
            Step::Deliver => Decision::Deliver,
            Step::Refuse => Decision::Refuse,
            Step::Drop { .. } => Decision::Drop,
        }
    }

    /// The rule that decided, if one did.
    pub fn rule(&self) -> Option<&RuleRef> {
        match self {
            Step::Filter { rule, .. } | Step::Route { rule } => Some(rule),
            Step::Drop { rule, .. } => rule.as_ref(),
            _ => None,
        }
    }
}

/// A component of the network that made a decision: a gateway, a route table, a filter, an
/// interface, a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Id of the component (an AWS id when imported; an internet host's address).
    pub id: String,
    /// Display name of the component.
    pub name: String,
    /// Kind of component.
    pub kind: Kind,
    /// The part on the canvas it is drawn as, if it is one of its own or belongs to one: an
    /// interface's instance, database, load balancer or NAT gateway, an internet host's part.
    /// Filters, route tables and VPCs have none: they are drawn where they decided ([`Hop::site`]).
    pub owner: Option<String>,
}

/// The packet as a hop saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopPacket {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// Protocol.
    pub protocol: Protocol,
    /// Source port.
    pub src_port: PortView,
    /// Destination port.
    pub dst_port: PortView,
}

/// One decision along the path.
#[derive(Debug, Clone)]
pub struct Hop {
    /// Leg of the flow (1 is client to first server; 2 is a load balancer or proxy onwards).
    pub leg: u8,
    /// Forward or return.
    pub direction: Direction,
    /// The component that decided.
    pub component: Component,
    /// Where the decision was made (absent on the internet).
    pub site: Option<Site>,
    /// The packet at this hop.
    pub packet: HopPacket,
    /// What happened, as data.
    pub step: Step,
    /// Plain words: what happened and why.
    pub detail: String,
    /// For a network ACL or security group hop, every rule it looked at and what each did.
    pub checks: Option<Box<FilterChecks>>,
}

impl Hop {
    /// What the component did (from its step).
    pub fn decision(&self) -> Decision {
        self.step.decision()
    }

    /// The rule that decided, if one did (from its step).
    pub fn rule(&self) -> Option<&RuleRef> {
        self.step.rule()
    }

    /// The rule as the CLI's JSON writes it ([`RuleRef::text`]).
    pub fn rule_text(&self) -> Option<String> {
        self.rule().map(RuleRef::text)
    }
}

/// A hop as `vpcplay trace --json` writes it: its fields, with the decision and the rule's text
/// taken from its step.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Hop", description = "One decision along the path.")]
struct HopJson<'a> {
    /// Leg of the flow (1 is client to first server; 2 is a load balancer or proxy onwards).
    leg: u8,
    /// Forward or return.
    direction: Direction,
    /// Id of the component (an AWS id when imported).
    component: &'a str,
    /// Display name of the component.
    name: &'a str,
    /// Kind of component.
    kind: Kind,
    /// What it did.
    decision: Decision,
    /// The rule that decided: an ACL rule number, `*`, a security group rule index (`#2`), a route
    /// destination, or `tracked connection`.
    rule: Option<String>,
    /// What happened, as data.
    step: &'a Step,
    /// Plain words: what happened and why.
    detail: &'a str,
    /// Source address of the packet at this hop.
    src: IpAddr,
    /// Destination address.
    dst: IpAddr,
    /// Protocol.
    protocol: Protocol,
    /// Source port.
    src_port: &'a PortView,
    /// Destination port.
    dst_port: &'a PortView,
    /// Where the decision was made (absent on the internet).
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a Site>,
}

impl Serialize for Hop {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, p) = (&self.component, &self.packet);
        HopJson {
            leg: self.leg,
            direction: self.direction,
            component: &c.id,
            name: &c.name,
            kind: c.kind,
            decision: self.decision(),
            rule: self.rule_text(),
            step: &self.step,
            detail: &self.detail,
            src: p.src,
            dst: p.dst,
            protocol: p.protocol,
            src_port: &p.src_port,
            dst_port: &p.dst_port,
            site: self.site.as_ref(),
        }
        .serialize(s)
    }
}

impl JsonSchema for Hop {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        HopJson::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        HopJson::json_schema(g)
    }
}

/// The component and rule that decided a flow that is not established.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BlockedBy {
    /// Id of the component (`sg-...`, `acl-...`, `rtb-...`, `i-...`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of component.
    pub kind: Kind,
    /// Forward or return path.
    pub direction: Direction,
    /// The deciding rule, if a rule decided.
    #[serde(serialize_with = "rule_as_text")]
    #[schemars(with = "Option<String>")]
    pub rule: Option<RuleRef>,
    /// The leg it happened in.
    pub leg: u8,
}

impl BlockedBy {
    /// What decided at `hop`: its component, leg and direction, and the rule its step names.
    pub fn of(hop: &Hop) -> Self {
        let rule = hop.rule().cloned();
        BlockedBy {
            id: hop.component.id.clone(),
            name: hop.component.name.clone(),
            kind: hop.component.kind,
            direction: hop.direction,
            rule,
            leg: hop.leg,
        }
    }

    /// The rule as the CLI's JSON writes it ([`RuleRef::text`]).
    pub fn rule_text(&self) -> Option<String> {
        self.rule.as_ref().map(RuleRef::text)
    }
}

fn rule_as_text<S: Serializer>(rule: &Option<RuleRef>, s: S) -> Result<S::Ok, S::Error> {
    match rule {
        Some(r) => s.collect_str(&r.text()),
        None => s.serialize_none(),
    }
}

/// The flow that was traced.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FlowView {
    /// Source as given.
    pub from: String,
    /// Destination as given.
    pub to: String,
    /// Source address used.
    pub src: IpAddr,
    /// Destination address used.
    pub dst: IpAddr,
    /// Protocol.
    pub protocol: Protocol,
    /// Destination port (absent for ICMP).
    pub port: Option<u16>,
    /// Source port: fixed, or the client's ephemeral range.
    pub src_port: PortView,
}

/// Which of the client's source ports work, when the answer depends on it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourcePorts {
    /// Who picks the port and from which range, e.g. `web (linux) 32768-60999`.
    pub picked_by: String,
    /// The full range.
    pub range: String,
    /// The ports for which the flow is established.
    pub working: String,
}

/// A traced flow, forward and back, with its verdict.
///
/// (`explain::summary` and `explain::hop` put it in words, in English and Korean.)
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Trace {
    /// The flow.
    pub flow: FlowView,
    /// How it ended.
    pub verdict: Verdict,
    /// What decided, when not established.
    pub blocked_by: Option<BlockedBy>,
    /// One sentence in plain words.
    pub summary: String,
    /// Every hop, in order.
    pub hops: Vec<Hop>,
    /// Source-port detail when only some ports work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ports: Option<SourcePorts>,
    /// The flow's two ends as people read them (empty when the trace recorded nothing).
    #[serde(skip)]
    pub ends: Ends,
    /// The client's source ports a network ACL denied outright, when one did.
    #[serde(skip)]
    pub denied_ports: Option<PortVar>,
}

impl Trace {
    /// The hop where the flow was decided: the last hop at the component that blocked it, in
    /// its leg and direction. `None` when the flow is established, or was stopped before a
    /// packet was sent (a destination with no public address, a stopped instance).
    pub fn deciding_hop(&self) -> Option<&Hop> {
        let by = self.blocked_by.as_ref()?;
        self.hops
            .iter()
            .rev()
            .find(|h| h.component.id == by.id && h.leg == by.leg && h.direction == by.direction)
    }
}

/// The two ends of a flow as people read them: `web (i-0abc)`, `203.0.113.9`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ends {
    /// The client.
    pub from: String,
    /// The destination.
    pub to: String,
}

/// A source port chosen by a client or a translating device, as a set that filters narrow.
#[derive(Debug, Clone)]
pub struct PortVar {
    /// Who picks it, in words (empty when the walk records nothing).
    pub picked_by: String,
    /// The range it is picked from.
    pub full: PortRange,
    /// The OS whose ephemeral range it is (`None` for NAT gateways and load balancers).
    pub os: Option<Os>,
    /// The ports still working after the filters seen so far.
    pub allowed: PortSet,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod schema_tests {
    use super::json_schema;

    /// A copy of the trace's schema is kept in `tests/data/trace.schema.json`, for tools that
    /// read `vpcplay trace --json`.
    #[test]
    fn committed_trace_schema_is_up_to_date() {
        crate::scenario::schema::committed_copy_is_current(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/trace.schema.json"),
            &json_schema(),
            "UPDATE_SCHEMA=1 cargo test --lib engine::trace",
        );
    }
}
