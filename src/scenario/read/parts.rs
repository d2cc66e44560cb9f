//! A reader for each type of the model, matching its serde attributes: field names in
//! declaration order (`#[serde(rename)]` applied), `#[serde(default)]` fields optional, enum
//! spellings from `rename_all`, and the hand-written impls of `model::proto`.

use super::At;
use crate::model::*;
use ipnet::Ipv4Net;
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

const CIDR: &str = "an IPv4 CIDR block such as \"10.0.1.0/24\"";
const IP: &str = "an IPv4 address such as \"10.0.1.10\"";
const PROTOCOL: &str = "a protocol: \"all\", \"tcp\", \"udp\", \"icmp\" or a number 0-255";
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
    ("Peering", PEERING),
    ("GatewayEndpoint", GATEWAY_ENDPOINT),
    ("InternetHost", INTERNET_HOST),
];

const SCENARIO: &[&str] = &[
    "version",
    "name",
    "description",
    "vpcs",
    "subnets",
    "route_tables",
    "network_acls",
    "security_groups",
    "prefix_lists",
    "instances",
    "databases",
    "load_balancers",
    "internet_gateways",
    "nat_gateways",
    "peerings",
    "gateway_endpoints",
    "internet_hosts",
    "layout",
];
const RECT: &[&str] = &["x", "y", "w", "h"];
const ICMP_MATCH: &[&str] = &["type", "code"];
const VPC: &[&str] = &["id", "name", "cidrs"];
const SUBNET: &[&str] = &["id", "name", "vpc", "az", "cidr"];
const ROUTE: &[&str] = &["destination", "target", "state"];
const ROUTE_TABLE: &[&str] = &["id", "name", "vpc", "main", "subnets", "routes"];
const ACL_RULE: &[&str] = &["number", "protocol", "ports", "icmp", "cidr", "action"];
const NETWORK_ACL: &[&str] = &[
    "id", "name", "vpc", "default", "subnets", "inbound", "outbound",
];
const SG_RULE: &[&str] = &["protocol", "ports", "icmp", "peer", "description"];
const SECURITY_GROUP: &[&str] = &["id", "name", "vpc", "inbound", "outbound"];
const PREFIX_LIST: &[&str] = &["id", "name", "cidrs"];
const INTERFACE: &[&str] = &[
    "id",
    "subnet",
    "private_ip",
    "public_ip",
    "elastic_ip",
    "security_groups",
    "source_dest_check",
];
const UPSTREAM: &[&str] = &["listen_port", "target", "port"];
const INSTANCE: &[&str] = &[
    "id",
    "name",
    "role",
    "os",
    "interfaces",
    "listens",
    "upstreams",
    "stopped",
];
const DATABASE: &[&str] = &["id", "name", "engine", "port", "interfaces"];
const LB_LISTENER: &[&str] = &["protocol", "port", "target_group"];
const TARGET: &[&str] = &["id", "port"];
const TARGET_GROUP: &[&str] = &[
    "id",
    "name",
    "protocol",
    "port",
    "health_check_port",
    "health_check_path",
    "targets",
];
const LOAD_BALANCER: &[&str] = &[
    "id",
    "name",
    "scheme",
    "nodes",
    "listeners",
    "target_groups",
];
const NAT_GATEWAY: &[&str] = &["id", "name", "connectivity", "interface"];
const INTERNET_GATEWAY: &[&str] = &["id", "name", "vpc"];
const PEERING: &[&str] = &["id", "name", "requester", "accepter", "active"];
const GATEWAY_ENDPOINT: &[&str] = &["id", "name", "vpc", "prefix_list"];
const INTERNET_HOST: &[&str] = &["id", "name", "ip", "os", "listens"];

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

/// The whole scenario.
pub(super) fn scenario(at: &At) -> Scenario {
    let f = at.fields(SCENARIO);
    Scenario {
        version: f.must("version", |a| a.uint(u32::MAX.into())) as u32,
        name: f.text("name"),
        description: f.text("description"),
        vpcs: f.list("vpcs", vpc),
        subnets: f.list("subnets", subnet),
        route_tables: f.list("route_tables", route_table),
        network_acls: f.list("network_acls", network_acl),
        security_groups: f.list("security_groups", security_group),
        prefix_lists: f.list("prefix_lists", prefix_list),
        instances: f.list("instances", instance),
        databases: f.list("databases", database),
        load_balancers: f.list("load_balancers", load_balancer),
        internet_gateways: f.list("internet_gateways", internet_gateway),
        nat_gateways: f.list("nat_gateways", nat_gateway),
        peerings: f.list("peerings", peering),
        gateway_endpoints: f.list("gateway_endpoints", gateway_endpoint),
        internet_hosts: f.list("internet_hosts", internet_host),
        layout: f.or_default("layout", |a| {
            let mut layout = BTreeMap::new();
            a.entries(&mut |key, at| {
                layout.insert(key.to_string(), rect(at));
            });
            layout
        }),
    }
}

fn rect(at: &At) -> Rect {
    let f = at.fields(RECT);
    Rect {
        x: f.must("x", |a| a.f64()),
        y: f.must("y", |a| a.f64()),
        w: f.or_default("w", |a| a.f64()),
        h: f.or_default("h", |a| a.f64()),
    }
}

// ---- values ---------------------------------------------------------------------------------

/// An IPv4 CIDR block.
pub(crate) fn cidr(at: &At) -> Ipv4Net {
    let parsed = at.str(CIDR).map(str::parse);
    if let Some(Err(_)) = parsed {
        invalid(at, "invalid IPv4 network", CIDR);
    }
    parsed.and_then(Result::ok).unwrap_or_default()
}

fn ip(at: &At) -> Ipv4Addr {
    let parsed = at.str(IP).map(str::parse);
    if let Some(Err(_)) = parsed {
        invalid(at, "invalid IPv4 address", IP);
    }
    parsed.and_then(Result::ok).unwrap_or(Ipv4Addr::UNSPECIFIED)
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

fn icmp(at: &At) -> IcmpMatch {
    let f = at.fields(ICMP_MATCH);
    IcmpMatch {
        icmp_type: f.option("type", |a| a.u8()),
        code: f.option("code", |a| a.u8()),
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
    ("Destination", DESTINATION),
    ("RouteTarget", ROUTE_TARGET),
    ("Peer", PEER),
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
const LB_PROTOCOL: &[&str] = &["http", "https", "tcp"];
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
];
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
    pick(at, LB_PROTOCOL, &[Http, Https, Tcp])
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
        (_, v) => Destination::Cidr(v.map_or_else(Ipv4Net::default, |v| cidr(&v))),
    }
}

fn route_target(at: &At) -> RouteTarget {
    use RouteTarget::*;
    const MAKE: [fn(Id) -> RouteTarget; 7] = [
        InternetGateway,
        NatGateway,
        Instance,
        NetworkInterface,
        PeeringConnection,
        GatewayEndpoint,
        TransitGateway,
    ];
    match tagged(at, ROUTE_TARGET, &["local"]) {
        (i @ 1.., Some(v)) => MAKE[i - 1](v.string()),
        _ => Local,
    }
}

fn peer(at: &At) -> Peer {
    match tagged(at, PEER, &[]) {
        (1, Some(v)) => Peer::Group(v.string()),
        (2, Some(v)) => Peer::PrefixList(v.string()),
        (_, v) => Peer::Cidr(v.map_or_else(Ipv4Net::default, |v| cidr(&v))),
    }
}

// ---- network --------------------------------------------------------------------------------

fn vpc(at: &At) -> Vpc {
    let f = at.fields(VPC);
    Vpc {
        id: f.string("id"),
        name: f.text("name"),
        cidrs: f.req_list("cidrs", cidr),
    }
}

fn subnet(at: &At) -> Subnet {
    let f = at.fields(SUBNET);
    Subnet {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.string("vpc"),
        az: f.text("az"),
        cidr: f.must("cidr", cidr),
    }
}

fn route(at: &At) -> Route {
    let f = at.fields(ROUTE);
    Route {
        destination: f.must("destination", destination),
        target: f.must("target", route_target),
        state: f.or_default("state", route_state),
    }
}

fn route_table(at: &At) -> RouteTable {
    let f = at.fields(ROUTE_TABLE);
    RouteTable {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.string("vpc"),
        main: f.flag("main", false),
        subnets: f.list("subnets", id),
        routes: f.list("routes", route),
    }
}

fn acl_rule(at: &At) -> AclRule {
    let f = at.fields(ACL_RULE);
    AclRule {
        number: f.must("number", |a| a.u16()),
        protocol: f.must("protocol", protocol),
        ports: f.option("ports", ports),
        icmp: f.option("icmp", icmp),
        cidr: f.must("cidr", cidr),
        action: f.must("action", action),
    }
}

fn network_acl(at: &At) -> NetworkAcl {
    let f = at.fields(NETWORK_ACL);
    NetworkAcl {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.string("vpc"),
        default: f.flag("default", false),
        subnets: f.list("subnets", id),
        inbound: f.list("inbound", acl_rule),
        outbound: f.list("outbound", acl_rule),
    }
}

fn sg_rule(at: &At) -> SgRule {
    let f = at.fields(SG_RULE);
    SgRule {
        protocol: f.must("protocol", protocol),
        ports: f.option("ports", ports),
        icmp: f.option("icmp", icmp),
        peer: f.must("peer", peer),
        description: f.text("description"),
    }
}

fn security_group(at: &At) -> SecurityGroup {
    let f = at.fields(SECURITY_GROUP);
    SecurityGroup {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.string("vpc"),
        inbound: f.list("inbound", sg_rule),
        outbound: f.list("outbound", sg_rule),
    }
}

fn prefix_list(at: &At) -> PrefixList {
    let f = at.fields(PREFIX_LIST);
    PrefixList {
        id: f.string("id"),
        name: f.text("name"),
        cidrs: f.req_list("cidrs", cidr),
    }
}

// ---- nodes ----------------------------------------------------------------------------------

fn interface(at: &At) -> Interface {
    let f = at.fields(INTERFACE);
    Interface {
        id: f.string("id"),
        subnet: f.string("subnet"),
        private_ip: f.must("private_ip", ip),
        public_ip: f.option("public_ip", ip),
        elastic_ip: f.flag("elastic_ip", false),
        security_groups: f.list("security_groups", id),
        source_dest_check: f.flag("source_dest_check", true),
    }
}

fn upstream(at: &At) -> Upstream {
    let f = at.fields(UPSTREAM);
    Upstream {
        listen_port: f.must("listen_port", |a| a.u16()),
        target: f.string("target"),
        port: f.must("port", |a| a.u16()),
    }
}

fn instance(at: &At) -> Instance {
    let f = at.fields(INSTANCE);
    Instance {
        id: f.string("id"),
        name: f.text("name"),
        role: f.or_default("role", role),
        os: f.or_default("os", os),
        interfaces: f.req_list("interfaces", interface),
        listens: f.or_default("listens", listening),
        upstreams: f.list("upstreams", upstream),
        stopped: f.flag("stopped", false),
    }
}

fn database(at: &At) -> Database {
    let f = at.fields(DATABASE);
    Database {
        id: f.string("id"),
        name: f.text("name"),
        engine: f.must("engine", engine),
        port: f.option("port", |a| a.u16()),
        interfaces: f.req_list("interfaces", interface),
    }
}

fn lb_listener(at: &At) -> LbListener {
    let f = at.fields(LB_LISTENER);
    LbListener {
        protocol: f.or_default("protocol", lb_protocol),
        port: f.must("port", |a| a.u16()),
        target_group: f.string("target_group"),
    }
}

fn target(at: &At) -> Target {
    let f = at.fields(TARGET);
    Target {
        id: f.string("id"),
        port: f.option("port", |a| a.u16()),
    }
}

fn target_group(at: &At) -> TargetGroup {
    let f = at.fields(TARGET_GROUP);
    TargetGroup {
        id: f.string("id"),
        name: f.text("name"),
        protocol: f.or_default("protocol", lb_protocol),
        port: f.must("port", |a| a.u16()),
        health_check_port: f.option("health_check_port", |a| a.u16()),
        health_check_path: f.option("health_check_path", |a| a.string()),
        targets: f.list("targets", target),
    }
}

fn load_balancer(at: &At) -> LoadBalancer {
    let f = at.fields(LOAD_BALANCER);
    LoadBalancer {
        id: f.string("id"),
        name: f.text("name"),
        scheme: f.or_default("scheme", scheme),
        nodes: f.req_list("nodes", interface),
        listeners: f.list("listeners", lb_listener),
        target_groups: f.list("target_groups", target_group),
    }
}

fn nat_gateway(at: &At) -> NatGateway {
    let f = at.fields(NAT_GATEWAY);
    NatGateway {
        id: f.string("id"),
        name: f.text("name"),
        connectivity: f.or_default("connectivity", connectivity),
        interface: f.must("interface", interface),
    }
}

fn internet_gateway(at: &At) -> InternetGateway {
    let f = at.fields(INTERNET_GATEWAY);
    InternetGateway {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.option("vpc", id),
    }
}

fn peering(at: &At) -> Peering {
    let f = at.fields(PEERING);
    Peering {
        id: f.string("id"),
        name: f.text("name"),
        requester: f.string("requester"),
        accepter: f.string("accepter"),
        active: f.flag("active", true),
    }
}

fn gateway_endpoint(at: &At) -> GatewayEndpoint {
    let f = at.fields(GATEWAY_ENDPOINT);
    GatewayEndpoint {
        id: f.string("id"),
        name: f.text("name"),
        vpc: f.string("vpc"),
        prefix_list: f.string("prefix_list"),
    }
}

fn internet_host(at: &At) -> InternetHost {
    let f = at.fields(INTERNET_HOST);
    InternetHost {
        id: f.string("id"),
        name: f.text("name"),
        ip: f.must("ip", ip),
        os: f.get("os").map_or(Os::Any, |a| os(&a)),
        listens: f.or_default("listens", listening),
    }
}
