//! A reader for each type of the model, matching its serde attributes: field names in
//! declaration order (`#[serde(rename)]` applied), `#[serde(default)]` fields optional, enum
//! spellings from `rename_all`, and the hand-written impls of `model::proto`.

use super::At;
use crate::model::*;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

const CIDR: &str = "an IPv4 CIDR block such as \"10.0.1.0/24\"";
const IP: &str = "an IPv4 address such as \"10.0.1.10\"";
const CIDR6: &str = "an IPv6 CIDR block such as \"2600:1f18:ab12:3400::/56\"";
const IP6: &str = "an IPv6 address such as \"2600:1f18:ab12:3400::10\"";
const ANY_CIDR: &str = "an IPv4 or IPv6 CIDR block such as \"10.0.1.0/24\" or \"::/0\"";
const PROTOCOL: &str =
    "a protocol: \"all\", \"tcp\", \"udp\", \"icmp\", \"icmpv6\" or a number 0-255";
const PORTS: &str = "a port (443) or a range (\"1024-65535\")";
const LISTENER: &str = "a listening port: 443, \"8080-8081\" or \"udp/53\"";
const LISTENING: &str = "\"any\" or a list of ports such as [80, 443, \"udp/53\"]";

/// The fields of each struct of the model, in declaration order, by the struct's name.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) const STRUCTS: &[(&str, &[&str])] = &[
    ("Scenario", SCENARIO),
    ("Rect", RECT),
    ("IcmpMatch", ICMP_MATCH),
    ("Vpc", VPC),
    ("Subnet", SUBNET),
    ("Route", ROUTE),
    ("RouteTable", ROUTE_TABLE),
    ("AclRule", ACL_RULE),
    ("NetworkAcl", NETWORK_ACL),
    ("SgRule", SG_RULE),
    ("SecurityGroup", SECURITY_GROUP),
    ("PrefixList", PREFIX_LIST),
    ("Interface", INTERFACE),
    ("Upstream", UPSTREAM),
    ("Instance", INSTANCE),
    ("Database", DATABASE),
    ("LbListener", LB_LISTENER),
    ("Target", TARGET),
    ("TargetGroup", TARGET_GROUP),
    ("LoadBalancer", LOAD_BALANCER),
    ("NatGateway", NAT_GATEWAY),
    ("InternetGateway", INTERNET_GATEWAY),
    ("EgressOnlyInternetGateway", EGRESS_ONLY_INTERNET_GATEWAY),
    ("Peering", PEERING),
    ("GatewayEndpoint", GATEWAY_ENDPOINT),
    ("GwlbEndpoint", GWLB_ENDPOINT),
    ("TransitGateway", TRANSIT_GATEWAY),
    ("TgwAttachment", TGW_ATTACHMENT),
    ("TgwRouteTable", TGW_ROUTE_TABLE),
    ("TgwRoute", TGW_ROUTE),
    ("TgwPeering", TGW_PEERING),
    ("InternetHost", INTERNET_HOST),
    ("VpnGateway", VPN_GATEWAY),
    ("OnPremNetwork", ON_PREM_NETWORK),
    ("SiteLink", SITE_LINK),
];

/// Records the error `{what} (found {the value}); expected {expected}`.
fn invalid(at: &At, what: &str, expected: &str) {
    if at.failed() {
        return;
    }
    at.fail(what);
    if let Some(e) = at.doc.error.borrow_mut().as_mut() {
        e.message.push_str("; expected ");
        e.message.push_str(expected);
    }
}

record! {
    /// The whole scenario.
    pub(super) fn scenario -> Scenario as SCENARIO {
        version: must(|a| a.uint(u32::MAX.into()) as u32),
        name: text,
        description: text,
        vpcs: list(vpc),
        subnets: list(subnet),
        route_tables: list(route_table),
        network_acls: list(network_acl),
        security_groups: list(security_group),
        prefix_lists: list(prefix_list),
        instances: list(instance),
        databases: list(database),
        load_balancers: list(load_balancer),
        internet_gateways: list(internet_gateway),
        nat_gateways: list(nat_gateway),
        egress_only_internet_gateways: list(egress_only_internet_gateway),
        peerings: list(peering),
        gateway_endpoints: list(gateway_endpoint),
        gwlb_endpoints: list(gwlb_endpoint),
        transit_gateways: list(transit_gateway),
        internet_hosts: list(internet_host),
        vpn_gateways: list(vpn_gateway),
        on_prem_networks: list(on_prem_network),
        layout: or_default(|a| {
            let mut layout = BTreeMap::new();
            a.entries(&mut |key, at| {
                layout.insert(key.to_string(), rect(at));
            });
            layout
        }),
    }
}

record! {
    fn rect -> Rect as RECT {
        x: must(|a| a.f64()),
        y: must(|a| a.f64()),
        w: or_default(|a| a.f64()),
        h: or_default(|a| a.f64()),
    }
}

// ---- values ---------------------------------------------------------------------------------

/// A value read from a string by its `FromStr`; `what` names the error, `expected` the form.
fn parsed<T: FromStr>(at: &At, what: &str, expected: &str, or: T) -> T {
    let parsed = at.str(expected).map(str::parse);
    if let Some(Err(_)) = parsed {
        invalid(at, what, expected);
    }
    parsed.and_then(Result::ok).unwrap_or(or)
}

/// An IPv4 CIDR block.
pub(crate) fn cidr(at: &At) -> Ipv4Net {
    parsed(at, "invalid IPv4 network", CIDR, Ipv4Net::default())
}

/// An IPv6 CIDR block.
fn cidr6(at: &At) -> Ipv6Net {
    parsed(at, "invalid IPv6 network", CIDR6, Ipv6Net::default())
}

/// An IPv4 or IPv6 CIDR block.
fn any_cidr(at: &At) -> IpNet {
    parsed(
        at,
        "invalid IP network",
        ANY_CIDR,
        IpNet::V4(Ipv4Net::default()),
    )
}

fn ip(at: &At) -> Ipv4Addr {
    parsed(at, "invalid IPv4 address", IP, Ipv4Addr::UNSPECIFIED)
}

fn ip6(at: &At) -> Ipv6Addr {
    parsed(at, "invalid IPv6 address", IP6, Ipv6Addr::UNSPECIFIED)
}

fn id(at: &At) -> Id {
    at.string()
}

/// `Protocol`'s serde impl: its `FromStr` for a string, -1 or 0-255 for a number.
pub(crate) fn protocol(at: &At) -> Protocol {
    let protocol = match at.value() {
        Value::String(_) => at.parsed(PROTOCOL),
        Value::Number(n) if !n.is_f64() => match n.as_i64() {
            Some(-1) => Some(Protocol::All),
            Some(v @ 0..=255) => Some(Protocol::from_number(v as u8)),
            _ => {
                at.fail(format!("protocol number {n} is outside 0-255"));
                None
            }
        },
        _ => {
            at.expected(PROTOCOL);
            None
        }
    };
    protocol.unwrap_or(Protocol::All)
}

/// A port given as a JSON number, or else (not a whole number) `None`. A number outside
/// 0-65535 records an error and gives 0.
fn port_number(at: &At) -> Option<u16> {
    let Value::Number(n) = at.value() else {
        return None;
    };
    if n.is_f64() {
        return None;
    }
    let port = n.as_u64().and_then(|v| u16::try_from(v).ok());
    if port.is_none() {
        at.fail(format!("port {n} is outside 0-65535"));
    }
    Some(port.unwrap_or(0))
}

/// `PortRange`'s serde impl: its `FromStr` for a string, one port for a number.
fn ports(at: &At) -> PortRange {
    match port_number(at) {
        Some(port) => PortRange::single(port),
        None => at.parsed(PORTS).unwrap_or(PortRange::ALL),
    }
}

/// `Listener`'s serde impl: its `FromStr` for a string, a TCP port for a number.
fn listener(at: &At) -> Listener {
    match port_number(at) {
        Some(port) => Listener::tcp(port),
        None => at.parsed(LISTENER).unwrap_or(Listener::tcp(0)),
    }
}

/// `Listening`'s serde impl: `"any"` or a list of listeners.
fn listening(at: &At) -> Listening {
    match at.value() {
        Value::Array(_) => Listening::Ports(at.list(listener)),
        Value::String(s) if s == "any" => Listening::Any,
        _ => {
            at.expected(LISTENING);
            Listening::Any
        }
    }
}

record! {
    fn icmp -> IcmpMatch as ICMP_MATCH {
        icmp_type as "type": option(|a| a.u8()),
        code: option(|a| a.u8()),
    }
}

// ---- enums ----------------------------------------------------------------------------------

/// An enum of variants without values: the variant named by `at` among `names`, in `values`.
fn pick<T: Copy>(at: &At, names: &[&str], values: &[T]) -> T {
    values[tagged(at, names, names).0]
}

/// The variants of each enum of the model, in declaration order, by the enum's name.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) const ENUMS: &[(&str, &[&str])] = &[
    ("RouteState", ROUTE_STATE),
    ("Action", ACTION),
    ("Os", OS),
    ("Role", ROLE),
    ("Engine", ENGINE),
    ("Scheme", SCHEME),
    ("Connectivity", CONNECTIVITY),
    ("LbProtocol", LB_PROTOCOL),
    ("LbKind", LB_KIND),
    ("Destination", DESTINATION),
    ("RouteTarget", ROUTE_TARGET),
    ("Peer", PEER),
    ("LinkKind", LINK_KIND),
    ("LinkEnd", LINK_END),
];

const ROUTE_STATE: &[&str] = &["active", "blackhole"];
const ACTION: &[&str] = &["allow", "deny"];
const OS: &[&str] = &["linux", "windows", "any"];
const ROLE: &[&str] = &[
    "generic",
    "web",
    "app",
    "bastion",
    "nat-instance",
    "reverse-proxy",
    "appliance",
    "interface-endpoint",
];
const ENGINE: &[&str] = &[
    "mysql",
    "mariadb",
    "postgres",
    "aurora-mysql",
    "aurora-postgres",
    "sqlserver",
    "oracle",
    "redis",
    "memcached",
];
const SCHEME: &[&str] = &["internet-facing", "internal"];
const CONNECTIVITY: &[&str] = &["public", "private"];
const LB_PROTOCOL: &[&str] = &["http", "https", "tcp", "tls", "udp", "tcp-udp"];
const LB_KIND: &[&str] = &["application", "network"];
const DESTINATION: &[&str] = &["cidr", "prefix_list"];
const ROUTE_TARGET: &[&str] = &[
    "local",
    "internet_gateway",
    "nat_gateway",
    "instance",
    "network_interface",
    "peering_connection",
    "gateway_endpoint",
    "transit_gateway",
    "vpn_gateway",
    "gwlb_endpoint",
    "egress_only_internet_gateway",
];
const LINK_KIND: &[&str] = &["vpn", "direct_connect"];
const LINK_END: &[&str] = &["vpn_gateway", "transit_gateway"];
const PEER: &[&str] = &["cidr", "group", "prefix_list"];

fn route_state(at: &At) -> RouteState {
    use RouteState::*;
    pick(at, ROUTE_STATE, &[Active, Blackhole])
}

fn action(at: &At) -> Action {
    pick(at, ACTION, &[Action::Allow, Action::Deny])
}

fn os(at: &At) -> Os {
    pick(at, OS, &[Os::Linux, Os::Windows, Os::Any])
}

fn role(at: &At) -> Role {
    use Role::*;
    let roles = [
        Generic,
        Web,
        App,
        Bastion,
        NatInstance,
        ReverseProxy,
        Appliance,
        InterfaceEndpoint,
    ];
    pick(at, ROLE, &roles)
}

fn engine(at: &At) -> Engine {
    use Engine::*;
    let engines = [
        Mysql,
        Mariadb,
        Postgres,
        AuroraMysql,
        AuroraPostgres,
        Sqlserver,
        Oracle,
        Redis,
        Memcached,
    ];
    pick(at, ENGINE, &engines)
}

fn scheme(at: &At) -> Scheme {
    pick(at, SCHEME, &[Scheme::InternetFacing, Scheme::Internal])
}

fn lb_protocol(at: &At) -> LbProtocol {
    use LbProtocol::*;
    pick(at, LB_PROTOCOL, &[Http, Https, Tcp, Tls, Udp, TcpUdp])
}

fn lb_kind(at: &At) -> LbKind {
    pick(at, LB_KIND, &[LbKind::Application, LbKind::Network])
}

fn connectivity(at: &At) -> Connectivity {
    use Connectivity::*;
    pick(at, CONNECTIVITY, &[Public, Private])
}

/// An enum whose variants carry a value (`{"cidr": "10.0.0.0/16"}`), but for the ones named in
/// `units` (`"local"`): the position of the variant in `names` (0 after an error), and its
/// value (`None` for a variant that carries none, and after an error).
fn tagged<'v, 'q>(
    at: &'q At<'v, '_>,
    names: &[&str],
    units: &[&str],
) -> (usize, Option<At<'v, 'q>>) {
    let Some((name, value)) = at.variant(names) else {
        return (0, None);
    };
    let Some(i) = names.iter().position(|n| *n == name) else {
        at.unknown(name, names);
        return (0, None);
    };
    match value {
        Some(v) if units.contains(&name) => {
            v.unit_value();
            (i, None)
        }
        None if !units.contains(&name) => {
            at.fail(format!("{name:?} needs a value, as in {{{name:?}: ...}}"));
            (0, None)
        }
        value => (i, value),
    }
}

fn destination(at: &At) -> Destination {
    match tagged(at, DESTINATION, &[]) {
        (1, Some(v)) => Destination::PrefixList(v.string()),
        (_, v) => {
            Destination::Cidr(v.map_or_else(|| IpNet::V4(Ipv4Net::default()), |v| any_cidr(&v)))
        }
    }
}

fn route_target(at: &At) -> RouteTarget {
    use RouteTarget::*;
    const MAKE: [fn(Id) -> RouteTarget; 10] = [
        InternetGateway,
        NatGateway,
        Instance,
        NetworkInterface,
        PeeringConnection,
        GatewayEndpoint,
        TransitGateway,
        VpnGateway,
        GwlbEndpoint,
        EgressOnlyInternetGateway,
    ];
    match tagged(at, ROUTE_TARGET, &["local"]) {
        (i @ 1.., Some(v)) => MAKE[i - 1](v.string()),
        _ => Local,
    }
}

fn link_kind(at: &At) -> LinkKind {
    pick(at, LINK_KIND, &[LinkKind::Vpn, LinkKind::DirectConnect])
}

fn link_end(at: &At) -> LinkEnd {
    match tagged(at, LINK_END, &[]) {
        (1, Some(v)) => LinkEnd::TransitGateway(v.string()),
        (_, v) => LinkEnd::VpnGateway(v.map(|v| v.string()).unwrap_or_default()),
    }
}

fn peer(at: &At) -> Peer {
    match tagged(at, PEER, &[]) {
        (1, Some(v)) => Peer::Group(v.string()),
        (2, Some(v)) => Peer::PrefixList(v.string()),
        (_, v) => Peer::Cidr(v.map_or_else(|| IpNet::V4(Ipv4Net::default()), |v| any_cidr(&v))),
    }
}

// ---- network --------------------------------------------------------------------------------

record! {
    fn vpc -> Vpc as VPC {
        id: string,
        name: text,
        cidrs: req_list(cidr),
        ipv6_cidrs: list(cidr6),
    }
}

record! {
    fn subnet -> Subnet as SUBNET {
        id: string,
        name: text,
        vpc: string,
        az: text,
        cidr: must(cidr),
        ipv6_cidr: option(cidr6),
    }
}

record! {
    fn route -> Route as ROUTE {
        destination: must(destination),
        target: must(route_target),
        state: or_default(route_state),
    }
}

record! {
    fn route_table -> RouteTable as ROUTE_TABLE {
        id: string,
        name: text,
        vpc: string,
        main: flag(false),
        subnets: list(id),
        gateways: list(id),
        propagating_vgws: list(id),
        routes: list(route),
    }
}

record! {
    fn acl_rule -> AclRule as ACL_RULE {
        number: must(|a| a.u16()),
        protocol: must(protocol),
        ports: option(ports),
        icmp: option(icmp),
        cidr: must(any_cidr),
        action: must(action),
    }
}

record! {
    fn network_acl -> NetworkAcl as NETWORK_ACL {
        id: string,
        name: text,
        vpc: string,
        default: flag(false),
        subnets: list(id),
        inbound: list(acl_rule),
        outbound: list(acl_rule),
    }
}

record! {
    fn sg_rule -> SgRule as SG_RULE {
        protocol: must(protocol),
        ports: option(ports),
        icmp: option(icmp),
        peer: must(peer),
        description: text,
    }
}

record! {
    fn security_group -> SecurityGroup as SECURITY_GROUP {
        id: string,
        name: text,
        vpc: string,
        inbound: list(sg_rule),
        outbound: list(sg_rule),
    }
}

record! {
    fn prefix_list -> PrefixList as PREFIX_LIST {
        id: string,
        name: text,
        cidrs: req_list(any_cidr),
    }
}

// ---- nodes ----------------------------------------------------------------------------------

record! {
    fn interface -> Interface as INTERFACE {
        id: string,
        subnet: string,
        private_ip: must(ip),
        public_ip: option(ip),
        ipv6_addresses: list(ip6),
        elastic_ip: flag(false),
        security_groups: list(id),
        source_dest_check: flag(true),
    }
}

record! {
    fn upstream -> Upstream as UPSTREAM {
        listen_port: must(|a| a.u16()),
        target: string,
        port: must(|a| a.u16()),
    }
}

record! {
    fn instance -> Instance as INSTANCE {
        id: string,
        name: text,
        role: or_default(role),
        os: or_default(os),
        interfaces: req_list(interface),
        listens: or_default(listening),
        upstreams: list(upstream),
        stopped: flag(false),
        stateful: flag(false),
    }
}

record! {
    fn database -> Database as DATABASE {
        id: string,
        name: text,
        engine: must(engine),
        port: option(|a| a.u16()),
        interfaces: req_list(interface),
    }
}

record! {
    fn lb_listener -> LbListener as LB_LISTENER {
        protocol: or_default(lb_protocol),
        port: must(|a| a.u16()),
        target_group: string,
    }
}

record! {
    fn target -> Target as TARGET {
        id: string,
        port: option(|a| a.u16()),
    }
}

record! {
    fn target_group -> TargetGroup as TARGET_GROUP {
        id: string,
        name: text,
        protocol: or_default(lb_protocol),
        port: must(|a| a.u16()),
        health_check_port: option(|a| a.u16()),
        health_check_path: option(|a| a.string()),
        preserve_client_ip: option(|a| a.bool()),
        targets: list(target),
    }
}

record! {
    fn load_balancer -> LoadBalancer as LOAD_BALANCER {
        id: string,
        name: text,
        kind: or_default(lb_kind),
        scheme: or_default(scheme),
        nodes: req_list(interface),
        listeners: list(lb_listener),
        target_groups: list(target_group),
    }
}

record! {
    fn nat_gateway -> NatGateway as NAT_GATEWAY {
        id: string,
        name: text,
        connectivity: or_default(connectivity),
        interface: must(interface),
    }
}

record! {
    fn internet_gateway -> InternetGateway as INTERNET_GATEWAY {
        id: string,
        name: text,
        vpc: option(id),
    }
}

record! {
    fn peering -> Peering as PEERING {
        id: string,
        name: text,
        requester: string,
        accepter: string,
        active: flag(true),
    }
}

record! {
    fn gateway_endpoint -> GatewayEndpoint as GATEWAY_ENDPOINT {
        id: string,
        name: text,
        vpc: string,
        prefix_list: string,
    }
}

record! {
    fn egress_only_internet_gateway -> EgressOnlyInternetGateway as EGRESS_ONLY_INTERNET_GATEWAY {
        id: string,
        name: text,
        vpc: string,
    }
}

record! {
    fn gwlb_endpoint -> GwlbEndpoint as GWLB_ENDPOINT {
        id: string,
        name: text,
        interface: must(interface),
    }
}

record! {
    fn internet_host -> InternetHost as INTERNET_HOST {
        id: string,
        name: text,
        ip: must(ip),
        ipv6: option(ip6),
        os: or(os, Os::Any),
        listens: or_default(listening),
    }
}

record! {
    fn transit_gateway -> TransitGateway as TRANSIT_GATEWAY {
        id: string,
        name: text,
        attachments: list(tgw_attachment),
        route_tables: list(tgw_route_table),
        peerings: list(tgw_peering),
    }
}

record! {
    fn tgw_peering -> TgwPeering as TGW_PEERING {
        id: string,
        name: text,
        peer: string,
        route_table: option(id),
    }
}

record! {
    fn tgw_attachment -> TgwAttachment as TGW_ATTACHMENT {
        id: string,
        name: text,
        vpc: string,
        subnets: req_list(id),
        route_table: option(id),
        propagates_to: list(id),
    }
}

record! {
    fn tgw_route_table -> TgwRouteTable as TGW_ROUTE_TABLE {
        id: string,
        name: text,
        routes: list(tgw_route),
    }
}

record! {
    fn tgw_route -> TgwRoute as TGW_ROUTE {
        destination: must(any_cidr),
        attachment: option(id),
    }
}

record! {
    fn vpn_gateway -> VpnGateway as VPN_GATEWAY {
        id: string,
        name: text,
        vpc: option(id),
    }
}

record! {
    fn on_prem_network -> OnPremNetwork as ON_PREM_NETWORK {
        id: string,
        name: text,
        cidrs: list(cidr),
        links: list(site_link),
    }
}

record! {
    fn site_link -> SiteLink as SITE_LINK {
        id: string,
        name: text,
        kind: or_default(link_kind),
        to: must(link_end),
        static_routes: list(cidr),
        up: flag(true),
        attachment: option(id),
        route_table: option(id),
        propagates_to: list(id),
    }
}
