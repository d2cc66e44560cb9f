//! Things that hold network interfaces or move packets between networks: instances,
//! databases, load balancers, gateways, peering connections and hosts on the internet.

use super::network::is_default;
use super::proto::{Listening, Os};
use super::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::net::{Ipv4Addr, Ipv6Addr};

/// A network interface (ENI) in a subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interface {
    /// Scenario id (`eni-...` when imported).
    pub id: Id,
    /// The subnet it lives in.
    pub subnet: Id,
    /// Primary private IPv4 address (not one of the subnet's 5 reserved addresses).
    #[schemars(with = "String")]
    pub private_ip: Ipv4Addr,
    /// Public IPv4 address or Elastic IP, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub public_ip: Option<Ipv4Addr>,
    /// IPv6 addresses, from its subnet's IPv6 block; the first is the one flows use. They are
    /// global: the internet reaches them through an internet gateway without translation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub ipv6_addresses: Vec<Ipv6Addr>,
    /// Whether `public_ip` is an Elastic IP (kept across stop/start).
    #[serde(default, skip_serializing_if = "is_default")]
    pub elastic_ip: bool,
    /// Up to 5 security groups (more is allowed here but warned about).
    #[serde(default)]
    pub security_groups: Vec<Id>,
    /// Source/destination check; must be off for an instance that forwards traffic.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub source_dest_check: bool,
}

impl Interface {
    /// Whether `ip` is one of the interface's own private addresses (IPv4 or IPv6).
    pub fn owns(&self, ip: std::net::IpAddr) -> bool {
        match ip {
            std::net::IpAddr::V4(a) => a == self.private_ip,
            std::net::IpAddr::V6(a) => self.ipv6_addresses.contains(&a),
        }
    }
}

/// What an instance does, which decides how it handles traffic it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A general-purpose instance.
    #[default]
    Generic,
    /// A web server.
    Web,
    /// An application server.
    App,
    /// A bastion (jump) host.
    Bastion,
    /// A NAT instance: forwards traffic, putting its own address in place of the source.
    NatInstance,
    /// A reverse proxy (nginx) that opens a new connection to an upstream.
    ReverseProxy,
    /// A firewall or router appliance: forwards traffic without translation.
    Appliance,
    /// An interface VPC endpoint of a service (AWS PrivateLink): one interface per subnet it
    /// serves (at most one subnet per availability zone), accepting what the service listens on
    /// (tcp/443 for AWS services) with the endpoint's security groups; it starts no connections.
    /// Its policy and private DNS are not modelled.
    InterfaceEndpoint,
}

/// A reverse-proxy rule: connections on `listen_port` are passed to `target` on `port`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    /// The port the proxy accepts on.
    pub listen_port: u16,
    /// Node id (instance, database, load balancer) or IPv4 address of the upstream.
    pub target: String,
    /// The upstream's port.
    pub port: u16,
}

/// An EC2 instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// Scenario id (`i-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// What it does.
    #[serde(default, skip_serializing_if = "is_default")]
    pub role: Role,
    /// Operating system, which sets its ephemeral port range.
    #[serde(default, skip_serializing_if = "is_default")]
    pub os: Os,
    /// Its network interfaces; the first is the primary one.
    pub interfaces: Vec<Interface>,
    /// Ports it listens on; `"any"` when unknown.
    #[serde(default)]
    pub listens: Listening,
    /// Reverse-proxy upstreams (role `reverse-proxy`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upstreams: Vec<Upstream>,
    /// A stopped instance keeps its interfaces and addresses, but nothing on it answers and it
    /// sends and forwards nothing.
    #[serde(default, skip_serializing_if = "is_default")]
    pub stopped: bool,
    /// An appliance that tracks connections, as a firewall does: it drops a packet of a
    /// connection whose other way did not pass through it. (AWS itself enforces no symmetry:
    /// an appliance that is not stateful forwards whatever reaches it.)
    #[serde(default, skip_serializing_if = "is_default")]
    pub stateful: bool,
}

/// The database or cache engine behind an endpoint, which sets its default port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// RDS MySQL, port 3306.
    Mysql,
    /// RDS MariaDB, port 3306.
    Mariadb,
    /// RDS PostgreSQL, port 5432.
    Postgres,
    /// Aurora MySQL, port 3306.
    AuroraMysql,
    /// Aurora PostgreSQL, port 5432.
    AuroraPostgres,
    /// RDS SQL Server, port 1433.
    Sqlserver,
    /// RDS Oracle, port 1521.
    Oracle,
    /// ElastiCache Redis, port 6379.
    Redis,
    /// ElastiCache Memcached, port 11211.
    Memcached,
}

impl Engine {
    /// The engine's default port.
    pub fn default_port(self) -> u16 {
        match self {
            Engine::Mysql | Engine::Mariadb | Engine::AuroraMysql => 3306,
            Engine::Postgres | Engine::AuroraPostgres => 5432,
            Engine::Sqlserver => 1433,
            Engine::Oracle => 1521,
            Engine::Redis => 6379,
            Engine::Memcached => 11211,
        }
    }

    /// True for ElastiCache engines, false for RDS.
    pub fn is_cache(self) -> bool {
        matches!(self, Engine::Redis | Engine::Memcached)
    }
}

/// An RDS database or ElastiCache endpoint: network interfaces in subnets, one port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Scenario id.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Engine.
    pub engine: Engine,
    /// Port; the engine's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Its network interfaces (one per subnet it has a node in).
    pub interfaces: Vec<Interface>,
}

impl Database {
    /// The port the endpoint listens on.
    pub fn listen_port(&self) -> u16 {
        self.port.unwrap_or_else(|| self.engine.default_port())
    }
}

/// Internet-facing or internal load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// Nodes have public addresses and take clients from the internet.
    #[default]
    InternetFacing,
    /// Nodes have private addresses only.
    Internal,
}

/// The protocol a load balancer listener or target group speaks. HTTP, HTTPS, TCP and TLS are
/// carried over TCP (HTTPS and TLS end at the load balancer, which holds the certificate); UDP
/// over UDP; TCP_UDP over either. An application load balancer speaks HTTP and HTTPS, a network
/// load balancer TCP, TLS, UDP and TCP_UDP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LbProtocol {
    /// HTTP (the default).
    #[default]
    Http,
    /// HTTPS: TLS ends at the load balancer.
    Https,
    /// Plain TCP.
    Tcp,
    /// TLS: ends at the load balancer (network load balancers).
    Tls,
    /// UDP (network load balancers).
    Udp,
    /// TCP and UDP on the same port (network load balancers).
    TcpUdp,
}

impl LbProtocol {
    /// The name the AWS console shows: `HTTP`, `HTTPS`, `TCP`.
    pub fn label(self) -> &'static str {
        match self {
            LbProtocol::Http => "HTTP",
            LbProtocol::Https => "HTTPS",
            LbProtocol::Tcp => "TCP",
            LbProtocol::Tls => "TLS",
            LbProtocol::Udp => "UDP",
            LbProtocol::TcpUdp => "TCP_UDP",
        }
    }

    /// Whether a listener of this protocol takes packets of IP protocol `p`.
    pub fn carries(self, p: super::proto::Protocol) -> bool {
        use super::proto::Protocol;
        match self {
            LbProtocol::Udp => p == Protocol::Udp,
            LbProtocol::TcpUdp => matches!(p, Protocol::Tcp | Protocol::Udp),
            _ => p == Protocol::Tcp,
        }
    }

    /// Whether a load balancer of `kind` can have a listener of this protocol.
    pub fn fits(self, kind: LbKind) -> bool {
        kind.protocols().contains(&self)
    }
}

/// Application (layer 7) or network (layer 4) load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LbKind {
    /// An application load balancer: it ends each connection and opens its own to a target, so
    /// the target sees the load balancer's address.
    #[default]
    Application,
    /// A network load balancer: it passes connections on, by default keeping the client's
    /// address, and needs no security group of its own.
    Network,
}

impl LbKind {
    /// The listener protocols a load balancer of this kind offers, the plain one first.
    pub fn protocols(self) -> &'static [LbProtocol] {
        use LbProtocol::*;
        match self {
            LbKind::Application => &[Http, Https],
            LbKind::Network => &[Tcp, Tls, Udp, TcpUdp],
        }
    }
}

/// A listener of a load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LbListener {
    /// The protocol clients speak to it (HTTP by default).
    #[serde(default, skip_serializing_if = "is_default")]
    pub protocol: LbProtocol,
    /// The port clients connect to.
    pub port: u16,
    /// The target group it forwards to.
    pub target_group: Id,
}

/// A target of a target group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Instance id or IPv4 address.
    pub id: String,
    /// Port override; the group's port when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
}

/// A target group: where a listener sends connections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    /// Scenario id.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The protocol the load balancer speaks to the targets (HTTP by default).
    #[serde(default, skip_serializing_if = "is_default")]
    pub protocol: LbProtocol,
    /// Default target port.
    pub port: u16,
    /// The port health checks go to; the target's traffic port when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_port: Option<u16>,
    /// The path HTTP and HTTPS health checks ask for; `/` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_path: Option<String>,
    /// Whether the targets see the client's address rather than the load balancer's (network
    /// load balancers; AWS's `preserve_client_ip.enabled`). When absent, AWS's default: on for
    /// instance targets and for UDP, off for IP targets over TCP and TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_client_ip: Option<bool>,
    /// The registered targets.
    #[serde(default)]
    pub targets: Vec<Target>,
}

impl TargetGroup {
    /// The port traffic goes to on `target`: its own port, or the group's.
    pub fn target_port(&self, target: &Target) -> u16 {
        target.port.unwrap_or(self.port)
    }

    /// The port a health check of `target` goes to: the group's health-check port, or the
    /// target's traffic port.
    pub fn check_port(&self, target: &Target) -> u16 {
        self.health_check_port
            .unwrap_or_else(|| self.target_port(target))
    }

    /// Whether a network load balancer passing a connection to `target` keeps the client's
    /// address: as set, or AWS's default for the target's type and the group's protocol.
    pub fn preserves_client_ip(&self, target: &Target) -> bool {
        let by_ip = target.id.parse::<Ipv4Addr>().is_ok();
        let udp = matches!(self.protocol, LbProtocol::Udp | LbProtocol::TcpUdp);
        self.preserve_client_ip.unwrap_or(!by_ip || udp)
    }

    /// Whether the group keeps the client's address: as for its first target, or for instance
    /// targets (the console's default target type) while it has none.
    pub fn keeps_client_ip(&self) -> bool {
        let instance = Target {
            id: String::new(),
            port: None,
        };
        self.preserves_client_ip(self.targets.first().unwrap_or(&instance))
    }
}

/// An application or network load balancer with a node (network interface) per subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    /// Scenario id.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Application (default) or network.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: LbKind,
    /// Internet-facing (default) or internal.
    #[serde(default, skip_serializing_if = "is_default")]
    pub scheme: Scheme,
    /// One node per subnet, in at least two availability zones.
    pub nodes: Vec<Interface>,
    /// Listeners.
    #[serde(default)]
    pub listeners: Vec<LbListener>,
    /// Target groups.
    #[serde(default)]
    pub target_groups: Vec<TargetGroup>,
}

/// Public (to the internet) or private (to other networks) NAT gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Connectivity {
    /// Needs an Elastic IP and a route to an internet gateway.
    #[default]
    Public,
    /// Translates to its private address only.
    Private,
}

/// A NAT gateway: lets private subnets start connections out, never in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    /// Scenario id (`nat-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Public (default) or private.
    #[serde(default, skip_serializing_if = "is_default")]
    pub connectivity: Connectivity,
    /// Its network interface (it has no security group).
    pub interface: Interface,
}

/// An internet gateway, attached to at most one VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    /// Scenario id (`igw-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC it is attached to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<Id>,
}

/// An egress-only internet gateway: a VPC's IPv6 traffic leaves for the internet and its replies
/// return, but the internet cannot start a connection through it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EgressOnlyInternetGateway {
    /// Scenario id (`eigw-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The VPC it is attached to.
    pub vpc: Id,
}

/// A VPC peering connection between two VPCs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Peering {
    /// Scenario id (`pcx-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Requester VPC.
    pub requester: Id,
    /// Accepter VPC.
    pub accepter: Id,
    /// Whether the connection is active (accepted); inactive ones carry nothing.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub active: bool,
}

/// A gateway VPC endpoint (S3 or DynamoDB) reached through a prefix-list route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GatewayEndpoint {
    /// Scenario id (`vpce-...`).
    pub id: Id,
    /// Display name, e.g. `s3`.
    #[serde(default)]
    pub name: String,
    /// The VPC it serves.
    pub vpc: Id,
    /// The prefix list of the service's addresses.
    pub prefix_list: Id,
}

/// A Gateway Load Balancer endpoint: routes send traffic to it, it hands the traffic to its
/// load balancer's appliances (a firewall fleet, assumed to pass it) and routes what they return
/// by its subnet's route table. It has no security groups; its subnet's network ACL applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GwlbEndpoint {
    /// Scenario id (`vpce-...` when imported).
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Its network interface (no security groups).
    pub interface: Interface,
}

/// A host on the internet ("Internet", "My laptop").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternetHost {
    /// Scenario id.
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Its public IPv4 address (outside every VPC).
    #[schemars(with = "String")]
    pub ip: Ipv4Addr,
    /// Its IPv6 address, if it has one; an IPv6 flow from a host without one uses
    /// `2001:db8::` followed by the 32 bits of its IPv4 address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub ipv6: Option<Ipv6Addr>,
    /// Operating system; `any` (1024-65535) when unknown.
    #[serde(default = "any_os")]
    pub os: Os,
    /// Ports it listens on; `"any"` by default.
    #[serde(default)]
    pub listens: Listening,
}

impl InternetHost {
    /// The address the host uses for IPv6 flows: its own, else `2001:db8::` followed by the bits
    /// of its IPv4 address.
    pub fn ipv6_or_stand_in(&self) -> Ipv6Addr {
        self.ipv6.unwrap_or_else(|| stand_in_ipv6(self.ip))
    }
}

/// `2001:db8::` followed by the 32 bits of `ip`: the IPv6 stand-in of an internet host known
/// only by its IPv4 address.
pub fn stand_in_ipv6(ip: Ipv4Addr) -> Ipv6Addr {
    Ipv6Addr::from((0x2001_0db8_u128 << 96) | u128::from(u32::from(ip)))
}

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn is_true(b: &bool) -> bool {
    *b
}

fn any_os() -> Os {
    Os::Any
}
