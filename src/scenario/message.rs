//! What a validation [`Problem`](super::Problem) says, as a [`Message`] holding the names and
//! values it mentions: [`Message::en`] is the English every tool and test reads,
//! [`Message::ko`] (in `message_ko`) the Korean the app shows.

use crate::i18n::Lang;
use crate::model::{Destination, PortRange, Protocol, FORMAT_VERSION};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::Ipv4Addr;

/// The kinds of scenario parts that have an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartNoun {
    /// A VPC.
    Vpc,
    /// A subnet.
    Subnet,
    /// A route table.
    RouteTable,
    /// A network ACL.
    NetworkAcl,
    /// A security group.
    SecurityGroup,
    /// A prefix list.
    PrefixList,
    /// A instance.
    Instance,
    /// A network interface.
    Interface,
    /// A database.
    Database,
    /// A load balancer.
    LoadBalancer,
    /// A target group.
    TargetGroup,
    /// A internet gateway.
    InternetGateway,
    /// A NAT gateway.
    NatGateway,
    /// A peering connection.
    Peering,
    /// A gateway endpoint.
    GatewayEndpoint,
    /// A transit gateway.
    TransitGateway,
    /// A transit gateway's VPC attachment.
    TgwAttachment,
    /// A transit gateway's route table.
    TgwRouteTable,
    /// A internet host.
    InternetHost,
    /// A virtual private gateway.
    VpnGateway,
    /// A Gateway Load Balancer endpoint.
    GwlbEndpoint,
    /// An on-premises network.
    OnPremNetwork,
    /// An egress-only internet gateway.
    EgressOnlyInternetGateway,
}

/// Why an IPv6 block or address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ipv6Why {
    /// A subnet's IPv6 block is not a /64.
    NotSlash64,
    /// The VPC (or subnet) named has no IPv6 block.
    NoBlock(String),
    /// Outside these blocks.
    Outside(String),
    /// One of the first four or the last address of the subnet's block.
    Reserved(Ipv6Net),
    /// Another part (named) has it already.
    Taken(String),
}

impl Ipv6Why {
    /// In English.
    pub fn en(&self) -> String {
        match self {
            Ipv6Why::NotSlash64 => "an IPv6 subnet block is a /64".into(),
            Ipv6Why::NoBlock(of) => format!("{of:?} has no IPv6 block"),
            Ipv6Why::Outside(blocks) => format!("it is outside {blocks}"),
            Ipv6Why::Reserved(n) => {
                format!("AWS reserves the first four and the last address of {n}")
            }
            Ipv6Why::Taken(by) => format!("{by} has it already"),
        }
    }
}

impl PartNoun {
    /// The kind's name in messages: `VPC`, `route table`.
    pub fn noun(self) -> &'static str {
        match self {
            PartNoun::Vpc => "VPC",
            PartNoun::Subnet => "subnet",
            PartNoun::RouteTable => "route table",
            PartNoun::NetworkAcl => "network ACL",
            PartNoun::SecurityGroup => "security group",
            PartNoun::PrefixList => "prefix list",
            PartNoun::Instance => "instance",
            PartNoun::Interface => "network interface",
            PartNoun::Database => "database",
            PartNoun::LoadBalancer => "load balancer",
            PartNoun::TargetGroup => "target group",
            PartNoun::InternetGateway => "internet gateway",
            PartNoun::NatGateway => "NAT gateway",
            PartNoun::Peering => "peering connection",
            PartNoun::GatewayEndpoint => "gateway endpoint",
            PartNoun::TransitGateway => "transit gateway",
            PartNoun::TgwAttachment => "transit gateway attachment",
            PartNoun::TgwRouteTable => "transit gateway route table",
            PartNoun::InternetHost => "internet host",
            PartNoun::VpnGateway => "virtual private gateway",
            PartNoun::GwlbEndpoint => "Gateway Load Balancer endpoint",
            PartNoun::OnPremNetwork => "on-premises network",
            PartNoun::EgressOnlyInternetGateway => "egress-only internet gateway",
        }
    }

    /// The noun with its article: `a VPC`, `an instance`.
    pub fn a(self) -> String {
        let noun = self.noun();
        let article = match self {
            PartNoun::Instance
            | PartNoun::InternetGateway
            | PartNoun::InternetHost
            | PartNoun::EgressOnlyInternetGateway
            | PartNoun::OnPremNetwork => "an",
            _ => "a",
        };
        format!("{article} {noun}")
    }
}

/// Inbound or outbound rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Inbound rules.
    Inbound,
    /// Outbound rules.
    Outbound,
}

impl Dir {
    /// `inbound`, `outbound`: the field name in the file.
    pub fn en(self) -> &'static str {
        match self {
            Dir::Inbound => "inbound",
            Dir::Outbound => "outbound",
        }
    }
}

/// Why AWS reserves an address of a subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    /// The first address.
    Network,
    /// The last address.
    Broadcast,
    /// Network address + 1.
    Router,
    /// Network address + 2.
    Dns,
    /// Network address + 3.
    Future,
}

/// Who already holds a public address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// A network interface: its id, its path and its owner's label.
    Interface {
        /// The interface id.
        id: String,
        /// Its JSON path.
        path: String,
        /// Its owner, named.
        owner: String,
    },
    /// A host on the internet: its label and index in `internet_hosts`.
    Host {
        /// The host, named.
        label: String,
        /// Its index.
        index: usize,
    },
}

/// What an id that names no right part names instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefFound {
    /// No id was given.
    Missing,
    /// A part of another kind.
    Wrong {
        /// The id.
        id: String,
        /// Its kind.
        kind: PartNoun,
        /// Its JSON path.
        path: String,
    },
    /// Nothing; with some ids of the wanted kinds.
    Nothing {
        /// The id.
        id: String,
        /// Up to five ids that would do.
        known: Vec<String>,
    },
}

/// One validation message. Labels (`part`, `vpc`...) are written as [`super::problem`] names
/// parts: `"web"`, or `"web" (i-0abc...)`; bare ids are quoted when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // the fields are the values the message names, as its text shows
pub enum Message {
    /// The file's version is newer than this release.
    VersionNewer { version: u32 },
    /// The file's version is not one.
    VersionUnknown { version: u32 },
    /// A part without id.
    MissingId { kind: PartNoun },
    /// Two parts with one id; `first` is the earlier part's path and label.
    DuplicateId {
        id: String,
        first: String,
        first_label: String,
        kind: PartNoun,
    },
    /// A reference to a missing or wrong part; `address` when an IPv4 address would do too.
    UnknownRef {
        wanted: Vec<PartNoun>,
        found: RefFound,
        address: bool,
    },
    /// A listener forwarding to another load balancer's target group.
    ForeignTargetGroup { id: String, path: String },
    /// A CIDR with host bits set.
    HostBits { net: IpNet, canonical: IpNet },
    /// A VPC without a block.
    VpcWithoutCidr,
    /// A VPC block of the wrong size.
    VpcCidrSize { net: Ipv4Net },
    /// Two blocks of one VPC overlap.
    OverlappingVpcCidrs {
        net: Ipv4Net,
        first: usize,
        other: Ipv4Net,
    },
    /// A subnet block of the wrong size.
    SubnetCidrSize { net: Ipv4Net },
    /// A subnet outside its VPC's blocks.
    SubnetOutsideVpc {
        net: Ipv4Net,
        vpc: String,
        blocks: Vec<Ipv4Net>,
    },
    /// Two subnets of one VPC overlap.
    OverlappingSubnets {
        net: Ipv4Net,
        first: usize,
        other: String,
        other_net: Ipv4Net,
    },
    /// An address outside its subnet; `usable` is the subnet's usable range.
    IpOutsideSubnet {
        iface: String,
        ip: Ipv4Addr,
        subnet: String,
        net: Ipv4Net,
        usable: Option<(Ipv4Addr, Ipv4Addr)>,
    },
    /// An address AWS reserves.
    ReservedIp {
        iface: String,
        ip: Ipv4Addr,
        why: Reserved,
        subnet: String,
        net: Ipv4Net,
        usable: Option<(Ipv4Addr, Ipv4Addr)>,
    },
    /// Two interfaces of one VPC with one address.
    DuplicatePrivateIp {
        ip: Ipv4Addr,
        iface: String,
        path: String,
        owner: String,
    },
    /// A public address inside a VPC.
    PublicIpInVpc {
        ip: Ipv4Addr,
        iface: String,
        vpc: String,
    },
    /// A host on the internet with an address inside a VPC.
    InternetHostInVpc { ip: Ipv4Addr, vpc: String },
    /// A public address held twice.
    DuplicatePublicIp { ip: Ipv4Addr, first: Holder },
    /// Two default network ACLs in a VPC.
    TwoDefaultAcls {
        vpc: String,
        first: usize,
        acl: String,
    },
    /// A subnet listed twice in one network ACL.
    SubnetTwiceInAcl { subnet: String },
    /// A subnet in two network ACLs.
    SubnetInTwoAcls {
        subnet: String,
        first: usize,
        acl: String,
    },
    /// A network ACL serving a subnet of another VPC.
    AclSubnetOtherVpc {
        subnet: String,
        vpc: String,
        acl_vpc: String,
    },
    /// An ACL rule number outside 1-32766.
    AclRuleNumberRange { number: u16 },
    /// Two ACL rules with one number.
    DuplicateAclRuleNumber { dir: Dir, number: u16, first: usize },
    /// Two internet gateways on a VPC.
    TwoInternetGateways {
        vpc: String,
        first: usize,
        igw: String,
    },
    /// A NAT gateway with security groups.
    NatGatewayGroups,
    /// A Gateway Load Balancer endpoint given security groups.
    GwlbEndpointGroups,
    /// A public NAT gateway without Elastic IP.
    PublicNatWithoutIp,
    /// A peering of a VPC with itself.
    PeeringWithItself { vpc: String },
    /// Two active peerings between the same VPCs.
    DuplicatePeering {
        a: String,
        b: String,
        first: usize,
        id: String,
    },
    /// A peering of overlapping VPCs.
    PeeringOverlap {
        a: String,
        x: Ipv4Net,
        b: String,
        y: Ipv4Net,
    },
    /// An interface using a group of another VPC.
    GroupOtherVpc {
        group: String,
        group_vpc: String,
        iface: String,
        vpc: String,
    },
    /// A rule naming a group of an unpeered VPC.
    StaleGroupRule {
        group: String,
        group_vpc: String,
        vpc: String,
    },
    /// Too many groups on an interface.
    TooManyGroups { iface: String, n: usize, max: usize },
    /// Too many rules in a security group.
    TooManyGroupRules { n: usize, dir: Dir, max: usize },
    /// Too many rules in a network ACL.
    TooManyAclRules { n: usize, dir: Dir, max: usize },
    /// Too many subnets in a VPC.
    TooManySubnets { n: usize, max: usize },
    /// A forwarding instance with source/destination check on.
    ForwarderSourceDestCheck { iface: String },
    /// Two listeners on one port.
    DuplicateListenerPort { first: usize, port: u16 },
    /// A listener protocol the kind of load balancer does not offer.
    ListenerProtocolForKind {
        protocol: &'static str,
        network: bool,
    },
    /// A target instance in another VPC.
    TargetOtherVpc {
        instance: String,
        vpc: String,
        lb_vpc: String,
    },
    /// A node without interfaces.
    NoInterfaces { kind: PartNoun },
    /// Interfaces of one part in two VPCs; `field` is `interfaces` or `nodes`.
    InterfacesInDifferentVpcs {
        subnet: String,
        vpc: String,
        field: String,
        first: usize,
        first_vpc: String,
        kind: PartNoun,
    },
    /// Interfaces of one instance in two zones.
    InterfacesInDifferentAzs {
        subnet: String,
        az: String,
        first: usize,
        first_az: String,
    },
    /// Two load balancer nodes in one subnet.
    TwoNodesInOneSubnet { first: usize, subnet: String },
    /// Two interfaces of one interface endpoint in one zone.
    EndpointTwoInterfacesInOneAz { first: usize, az: String },
    /// A load balancer in fewer than two zones; an empty zone is a subnet without `az`.
    NeedsTwoAzs { zones: Vec<String> },
    /// Ports on protocol `all`.
    PortsOnAll { ports: PortRange },
    /// Ports on a protocol without ports.
    PortsWithoutTcpUdp {
        ports: PortRange,
        protocol: Protocol,
    },
    /// An ICMP type on another protocol.
    IcmpWithoutIcmp { protocol: Protocol },
    /// Two main route tables in a VPC.
    TwoMainTables {
        vpc: String,
        first: usize,
        table: String,
    },
    /// A subnet listed twice in one route table.
    SubnetTwiceInTable { subnet: String },
    /// A subnet in two route tables.
    SubnetInTwoTables {
        subnet: String,
        first: usize,
        table: String,
    },
    /// A route table serving a subnet of another VPC.
    TableSubnetOtherVpc {
        subnet: String,
        vpc: String,
        table_vpc: String,
    },
    /// Two routes to one destination.
    DuplicateRoute { first: usize, dest: Destination },
    /// A local route to something else than a VPC block.
    LocalRouteNotVpc {
        blocks: Vec<Ipv4Net>,
        vpc: String,
        dest: Destination,
    },
    /// A route inside the VPC that is not local.
    RouteInsideVpc { net: IpNet, block: IpNet },
    /// A route to a gateway endpoint whose destination is not its prefix list.
    EndpointRouteDestination { id: String, prefix_list: String },
    /// A route to another VPC's internet gateway.
    IgwOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A VPC IPv6 block of the wrong size.
    VpcIpv6CidrSize { net: Ipv6Net },
    /// A subnet IPv6 block that is not a /64 of its VPC's own, or is another subnet's.
    SubnetIpv6Cidr { net: Ipv6Net, why: Ipv6Why },
    /// An interface IPv6 address outside its subnet's block, reserved, or taken.
    Ipv6Address {
        ip: std::net::Ipv6Addr,
        why: Ipv6Why,
    },
    /// A route to an egress-only internet gateway of another VPC.
    EigwOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// An IPv4 route to an egress-only internet gateway.
    EigwIpv4Route { id: String },
    /// A route to an unattached internet gateway.
    IgwDetached { id: String, here: String },
    /// A route to another VPC's NAT gateway.
    NatOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A route to another VPC's Gateway Load Balancer endpoint.
    GwlbEndpointOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A route to another VPC's instance.
    InstanceOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A route to another VPC's network interface.
    InterfaceOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A route to a peering that does not join this VPC.
    PeeringOtherVpc {
        id: String,
        a: String,
        b: String,
        here: String,
    },
    /// A route to another VPC's gateway endpoint.
    EndpointOtherVpc {
        id: String,
        vpc: String,
        here: String,
    },
    /// A route more specific than the local route (middlebox routing) whose destination is not
    /// a whole subnet's block.
    MiddleboxNotSubnet { net: IpNet, block: IpNet },
    /// A gateway route table associated with a gateway of another VPC (or of none).
    GatewayOtherVpc {
        id: String,
        vpc: Option<String>,
        here: String,
    },
    /// A route table takes propagated routes from a virtual private gateway of another VPC.
    PropagationOtherVpc {
        id: String,
        vpc: Option<String>,
        here: String,
    },
    /// A gateway associated with two route tables.
    GatewayInTwoTables {
        id: String,
        first: usize,
        table: String,
    },
    /// A route a gateway route table cannot hold.
    GatewayTableRoute { dest: Destination },
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn one_of(words: &[String], or: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}

fn joined(nets: &[Ipv4Net]) -> String {
    nets.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a route destination is shown: the CIDR, or `prefix list "pl-1"`.
fn shown_en(d: &Destination) -> String {
    match d {
        Destination::Cidr(n) => n.to_string(),
        Destination::PrefixList(p) => format!("prefix list {p:?}"),
    }
}

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ko => self.ko(),
        }
    }

    /// The message in English, as tools and tests read it.
    pub fn en(&self) -> String {
        use Message as M;
        let range = |u: &Option<(Ipv4Addr, Ipv4Addr)>| match u {
            Some((a, b)) => format!("; pick one from {a} to {b}"),
            None => String::new(),
        };
        let size = |n: &Ipv4Net, what: &str| {
            format!(
                "{n} is a /{} block; {what} must be between /16 (65,536 addresses) and /28 (16 addresses)",
                n.prefix_len()
            )
        };
        match self {
            M::VersionNewer { version } => {
                format!("version {version} is newer than this release (reads {FORMAT_VERSION})")
            }
            M::VersionUnknown { version } => format!(
                "version {version} is not a scenario format version; this release reads version {FORMAT_VERSION}"
            ),
            M::MissingId { kind } => format!(
                "this {} has no id; every part needs an id that no other part uses",
                kind.noun()
            ),
            M::DuplicateId { id, first, first_label, kind } => format!(
                "id {id:?} is already used by {first} {first_label} ({}); every part needs its own id",
                kind.noun()
            ),
            M::UnknownRef { wanted, found, address } => {
                let wanted = one_of(&wanted.iter().map(|k| k.a()).collect::<Vec<_>>(), "or");
                let text = match found {
                    RefFound::Missing => format!("missing: give the id of {wanted}"),
                    RefFound::Wrong { id, kind, path } => {
                        format!("{id:?} is {} ({path}), but this needs {wanted}", kind.a())
                    }
                    RefFound::Nothing { id, known } => {
                        let hint = if known.is_empty() {
                            "this scenario has none".to_string()
                        } else {
                            format!("known ids: {}", known.join(", "))
                        };
                        format!("there is no part with id {id:?}; expected {wanted} ({hint})")
                    }
                };
                match address {
                    true => format!("{text}, or an IPv4 address such as 10.0.1.10"),
                    false => text,
                }
            }
            M::ForeignTargetGroup { id, path } => format!(
                "target group {id:?} belongs to another load balancer ({path}); a listener forwards only to its own load balancer's target groups"
            ),
            M::HostBits { net, canonical } => format!(
                "{net} has host bits set; a CIDR block starts at its network address: did you mean {canonical}?"
            ),
            M::VpcWithoutCidr => {
                "a VPC needs at least one IPv4 CIDR block, such as 10.0.0.0/16".into()
            }
            M::VpcCidrSize { net } => size(net, "a VPC block"),
            M::OverlappingVpcCidrs { net, first, other } => format!(
                "{net} overlaps the VPC's block cidrs[{first}] ({other}); a VPC's blocks must not share addresses"
            ),
            M::SubnetCidrSize { net } => size(net, "a subnet"),
            M::SubnetOutsideVpc { net, vpc, blocks } => format!(
                "{net} is not inside its VPC {vpc}, whose blocks are {}; a subnet takes its addresses from one of its VPC's blocks",
                joined(blocks)
            ),
            M::OverlappingSubnets { net, first, other, other_net } => format!(
                "{net} overlaps subnets[{first}] {other} ({other_net}); subnets of one VPC must not share addresses"
            ),
            M::IpOutsideSubnet { iface, ip, subnet, net, usable } => format!(
                "interface {iface:?} has address {ip}, which is not in its subnet {subnet} ({net}){}",
                range(usable)
            ),
            M::ReservedIp { iface, ip, why, subnet, net, usable } => {
                let why = match why {
                    Reserved::Network => "the network address",
                    Reserved::Broadcast => "the broadcast address (the last address of the subnet)",
                    Reserved::Router => "the VPC router's address (network address + 1)",
                    Reserved::Dns => "the Amazon DNS server's address (network address + 2)",
                    Reserved::Future => "reserved by AWS for future use (network address + 3)",
                };
                format!(
                    "interface {iface:?} has address {ip}, which is {why} of subnet {subnet} ({net}); AWS reserves the first four addresses and the last one of every subnet{}",
                    range(usable)
                )
            }
            M::DuplicatePrivateIp { ip, iface, path, owner } => format!(
                "{ip} is already the address of interface {iface:?} ({path} {owner}) in the same VPC; each interface needs its own private IP"
            ),
            M::PublicIpInVpc { ip, iface, vpc } => format!(
                "public IP {ip} of interface {iface:?} lies inside VPC {vpc}'s addresses; a public IP must be outside every VPC"
            ),
            M::InternetHostInVpc { ip, vpc } => format!(
                "{ip} lies inside VPC {vpc}'s addresses; a host on the internet needs an address outside every VPC"
            ),
            M::DuplicatePublicIp { ip, first } => {
                let first = match first {
                    Holder::Interface { id, path, owner } => {
                        format!("interface {id:?} ({path} {owner})")
                    }
                    Holder::Host { label, index } => {
                        format!("internet host {label} (internet_hosts[{index}])")
                    }
                };
                format!("public IP {ip} is already used by {first}; each public address belongs to one holder")
            }
            M::TwoDefaultAcls { vpc, first, acl } => format!(
                "VPC {vpc:?} already has a default network ACL, network_acls[{first}] {acl}; a VPC has exactly one"
            ),
            M::SubnetTwiceInAcl { subnet } => {
                format!("subnet {subnet:?} is listed twice in this network ACL")
            }
            M::SubnetInTwoAcls { subnet, first, acl } => format!(
                "subnet {subnet:?} is already associated with network_acls[{first}] {acl}; a subnet has exactly one network ACL"
            ),
            M::AclSubnetOtherVpc { subnet, vpc, acl_vpc } => format!(
                "subnet {subnet:?} is in VPC {vpc:?}, but this network ACL belongs to VPC {acl_vpc:?}; an ACL serves subnets of its own VPC only"
            ),
            M::AclRuleNumberRange { number } => format!(
                "rule number {number} is outside 1-32766; AWS numbers ACL rules from 1 to 32766 (the last rule, *, denies everything else)"
            ),
            M::DuplicateAclRuleNumber { dir, number, first } => {
                let dir = dir.en();
                format!(
                    "{dir} rule number {number} is already used by {dir}[{first}]; each {dir} rule needs its own number"
                )
            }
            M::TwoInternetGateways { vpc, first, igw } => format!(
                "VPC {vpc:?} already has internet gateway internet_gateways[{first}] {igw}; AWS attaches at most one internet gateway to a VPC"
            ),
            M::NatGatewayGroups => "a NAT gateway has no security groups (only its subnet's network ACL filters its traffic); remove them".into(),
            M::GwlbEndpointGroups => "a Gateway Load Balancer endpoint has no security groups (its subnet's network ACL and its appliances filter its traffic); remove them".into(),
            M::PublicNatWithoutIp => "this public NAT gateway has no Elastic IP, so it cannot reach the internet; give its interface a public_ip, or make it a private NAT gateway".into(),
            M::PeeringWithItself { vpc } => format!(
                "the peering connection joins VPC {vpc:?} to itself; a peering connection joins two different VPCs"
            ),
            M::DuplicatePeering { a, b, first, id } => format!(
                "VPCs {a:?} and {b:?} are already joined by active peering connection peerings[{first}] {id:?}; AWS allows one between the same two VPCs"
            ),
            M::PeeringOverlap { a, x, b, y } => format!(
                "VPC {a:?} ({x}) and VPC {b:?} ({y}) share addresses; AWS cannot peer VPCs whose CIDR blocks overlap"
            ),
            M::GroupOtherVpc { group, group_vpc, iface, vpc } => format!(
                "security group {group} belongs to VPC {group_vpc:?}, but interface {iface:?} is in VPC {vpc:?}; an interface can only use groups of its own VPC"
            ),
            M::StaleGroupRule { group, group_vpc, vpc } => format!(
                "stale rule: it names security group {group} of VPC {group_vpc:?}, but this group is in VPC {vpc:?} and no active peering connection joins the two, so the rule matches nothing (a rule can name groups of its own VPC or of a peered VPC)"
            ),
            M::TooManyGroups { iface, n, max } => format!(
                "interface {iface:?} has {n} security groups; AWS allows {max} per network interface by default"
            ),
            M::TooManyGroupRules { n, dir, max } => {
                let dir = dir.en();
                format!("{n} {dir} rules; AWS allows {max} {dir} rules per security group by default")
            }
            M::TooManyAclRules { n, dir, max } => {
                let dir = dir.en();
                format!("{n} {dir} rules; AWS allows {max} {dir} rules per network ACL by default")
            }
            M::TooManySubnets { n, max } => {
                format!("{n} subnets; AWS allows {max} subnets per VPC by default")
            }
            M::ForwarderSourceDestCheck { iface } => format!(
                "this instance forwards traffic for others, but source/destination check is on for interface {iface:?}, so AWS drops what it forwards; set source_dest_check to false"
            ),
            M::DuplicateListenerPort { first, port } => format!(
                "listeners[{first}] already listens on port {port}; a load balancer has one listener per port"
            ),
            M::ListenerProtocolForKind { protocol, network } => {
                let (kind, offers) = match network {
                    true => ("a network", "TCP, TLS, UDP and TCP_UDP"),
                    false => ("an application", "HTTP and HTTPS"),
                };
                format!("AWS offers no {protocol} listener on {kind} load balancer, only {offers}")
            }
            M::TargetOtherVpc { instance, vpc, lb_vpc } => format!(
                "instance {instance:?} is in VPC {vpc:?}, but the load balancer is in VPC {lb_vpc:?}; instance targets must be in the load balancer's VPC"
            ),
            M::NoInterfaces { kind } => format!(
                "this {} has no network interface; give it at least one, in a subnet",
                kind.noun()
            ),
            M::InterfacesInDifferentVpcs { subnet, vpc, field, first, first_vpc, kind } => format!(
                "subnet {subnet:?} is in VPC {vpc:?}, but {field}[{first}] is in VPC {first_vpc:?}; all network interfaces of {} are in one VPC",
                kind.a()
            ),
            M::InterfacesInDifferentAzs { subnet, az, first, first_az } => format!(
                "subnet {subnet:?} is in availability zone {az:?}, but interfaces[{first}] is in {first_az:?}; an instance's interfaces are all in its own availability zone"
            ),
            M::TwoNodesInOneSubnet { first, subnet } => format!(
                "nodes[{first}] is already in subnet {subnet:?}; a load balancer has one node per subnet"
            ),
            M::EndpointTwoInterfacesInOneAz { first, az } => format!(
                "interfaces[{first}] is already in availability zone {az:?}; an interface endpoint has one interface per availability zone"
            ),
            M::NeedsTwoAzs { zones } => {
                let listed = if zones.is_empty() {
                    "none".to_string()
                } else {
                    zones
                        .iter()
                        .map(|z| match z.is_empty() {
                            true => "a subnet without \"az\"".to_string(),
                            false => z.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!(
                    "the load balancer has nodes in {} availability zone{} ({listed}); an application load balancer needs nodes in subnets of at least two availability zones",
                    zones.len(),
                    if zones.len() == 1 { "" } else { "s" }
                )
            }
            M::PortsOnAll { ports } => format!(
                "protocol \"all\" already covers every port, and AWS does not accept ports {ports} on it; remove \"ports\", or set protocol tcp or udp"
            ),
            M::PortsWithoutTcpUdp { ports, protocol } => format!(
                "ports ({ports}) are given for protocol {protocol}, but only tcp and udp have ports; remove \"ports\", or set protocol tcp or udp"
            ),
            M::IcmpWithoutIcmp { protocol } => format!(
                "an ICMP type and code only apply to protocols icmp and icmpv6, not {protocol}; remove \"icmp\", or set protocol icmp"
            ),
            M::TwoMainTables { vpc, first, table } => format!(
                "VPC {vpc:?} already has a main route table, route_tables[{first}] {table}; a VPC has exactly one"
            ),
            M::SubnetTwiceInTable { subnet } => {
                format!("subnet {subnet:?} is listed twice in this route table")
            }
            M::SubnetInTwoTables { subnet, first, table } => format!(
                "subnet {subnet:?} is already associated with route_tables[{first}] {table}; a subnet uses exactly one route table"
            ),
            M::TableSubnetOtherVpc { subnet, vpc, table_vpc } => format!(
                "subnet {subnet:?} is in VPC {vpc:?}, but this route table belongs to VPC {table_vpc:?}; a route table serves subnets of its own VPC only"
            ),
            M::DuplicateRoute { first, dest } => format!(
                "routes[{first}] already has destination {}; a route table holds one route per destination",
                shown_en(dest)
            ),
            M::LocalRouteNotVpc { blocks, vpc, dest } => format!(
                "a local route must have one of the VPC's own blocks as its destination ({} for VPC {vpc}), not {}",
                joined(blocks),
                shown_en(dest)
            ),
            M::RouteInsideVpc { net, block } => format!(
                "{net} lies inside the VPC's block {block}, which the implicit local route serves; only a network interface, an instance, a Gateway Load Balancer endpoint or a NAT gateway may take a subnet's addresses from it (middlebox routing)"
            ),
            M::EndpointRouteDestination { id, prefix_list } => format!(
                "a route to gateway endpoint {id:?} must have the endpoint's prefix list {prefix_list:?} as its destination"
            ),
            M::IgwOtherVpc { id, vpc, here } => format!(
                "internet gateway {id:?} is attached to VPC {vpc:?}, not to this route table's VPC {here:?}"
            ),
            M::VpcIpv6CidrSize { net } => format!(
                "{net}: a VPC's IPv6 block is a /44 to /60 (Amazon provides /56)"
            ),
            M::SubnetIpv6Cidr { net, why } => format!(
                "{net} cannot be this subnet's IPv6 block: {}; a subnet takes a /64 of its VPC's IPv6 block",
                why.en()
            ),
            M::Ipv6Address { ip, why } => format!(
                "{ip} cannot be this interface's IPv6 address: {}",
                why.en()
            ),
            M::EigwOtherVpc { id, vpc, here } => format!(
                "egress-only internet gateway {id:?} belongs to VPC {vpc:?}, not to this route table's VPC {here:?}"
            ),
            M::EigwIpv4Route { id } => format!(
                "egress-only internet gateway {id:?} carries IPv6 only; route an IPv6 block such as ::/0 to it"
            ),
            M::IgwDetached { id, here } => format!(
                "internet gateway {id:?} is not attached to any VPC; attach it to {here:?} (set its \"vpc\")"
            ),
            M::NatOtherVpc { id, vpc, here } => format!(
                "NAT gateway {id:?} is in a subnet of VPC {vpc:?}, not of this route table's VPC {here:?}"
            ),
            M::GwlbEndpointOtherVpc { id, vpc, here } => format!(
                "Gateway Load Balancer endpoint {id:?} is in a subnet of VPC {vpc:?}, not of this route table's VPC {here:?}"
            ),
            M::InstanceOtherVpc { id, vpc, here } => format!(
                "instance {id:?} is in VPC {vpc:?}, not in this route table's VPC {here:?}"
            ),
            M::InterfaceOtherVpc { id, vpc, here } => format!(
                "network interface {id:?} is in VPC {vpc:?}, not in this route table's VPC {here:?}"
            ),
            M::PeeringOtherVpc { id, a, b, here } => format!(
                "peering connection {id:?} joins VPCs {a:?} and {b:?}, not this route table's VPC {here:?}"
            ),
            M::EndpointOtherVpc { id, vpc, here } => format!(
                "gateway endpoint {id:?} serves VPC {vpc:?}, not this route table's VPC {here:?}"
            ),
            M::MiddleboxNotSubnet { net, block } => format!(
                "{net} lies inside the VPC's block {block} but is not the block of one of its subnets; a route more specific than the local route must have a whole subnet's block as its destination"
            ),
            M::GatewayOtherVpc { id, vpc: Some(vpc), here } => format!(
                "gateway {id:?} is attached to VPC {vpc:?}, not to this route table's VPC {here:?}; a gateway route table serves its own VPC's gateway"
            ),
            M::GatewayOtherVpc { id, vpc: None, here } => format!(
                "gateway {id:?} is not attached to any VPC; attach it to {here:?} before associating a route table with it"
            ),
            M::PropagationOtherVpc { id, vpc: Some(vpc), here } => format!(
                "virtual private gateway {id:?} is attached to VPC {vpc:?}, not to this route table's VPC {here:?}; only the VPC's own gateway propagates routes into its tables"
            ),
            M::PropagationOtherVpc { id, vpc: None, here } => format!(
                "virtual private gateway {id:?} is not attached to any VPC, so it propagates no routes; attach it to {here:?}"
            ),
            M::GatewayInTwoTables { id, first, table } => format!(
                "gateway {id:?} is already associated with route_tables[{first}] {table}; a gateway has at most one route table"
            ),
            M::GatewayTableRoute { dest } => format!(
                "this table is associated with a gateway, so it routes what enters the VPC: its routes must have the VPC's block or a whole subnet's block as destination ({} is neither) and point at local, a network interface, an instance or a Gateway Load Balancer endpoint",
                shown_en(dest)
            ),
        }
    }
}
