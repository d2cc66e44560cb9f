//! Every message the engine gives people has Korean: each edit refusal ([`Refusal`]) and each
//! validation message ([`Message`]) is produced here, one sample per variant (the `match`es below
//! list every variant, so a new one does not compile until it has a sample), and its Korean must
//! hold Hangul and no English word beyond names, products and protocols: the same check as
//! `tests/e2e/i18n.test.mjs` makes on the page.

use std::collections::BTreeSet;
use vpc_playground::edit::{PartKind, Refusal};
use vpc_playground::model::{Destination, PortRange, Protocol};
use vpc_playground::scenario::message::PartNoun;
use vpc_playground::scenario::message::{Dir, Holder, Message, RefFound, Reserved};

/// Words that stay in Latin letters in Korean (the list of `tests/e2e/i18n.test.mjs`).
const ALLOWED: &str = "VPC EC2 RDS ALB NAT IGW ACL TCP UDP ICMP SSH HTTP HTTPS MySQL PostgreSQL \
    Redis memcached Memcached ElastiCache CIDR telnet curl ping ssh English Playground AWS JSON \
    SVG PNG HTML Ctrl Shift Esc tcp udp icmp all local WWW Enter NACL ENI ELB PCX VPCE TGW \
    PostGIS API nginx Spring Aurora RabbitMQ webapp web admin unhealthy React certbot Nuxt \
    CloudFront Cloud Monolithic MSA hello vpc stateful stateless ephemeral Windows Linux macOS \
    Amazon DNS";

/// The names the samples use (part names and ids, zones), which may appear as they are.
const NAMES: &[&str] = &[
    "\"web-1\"",
    "\"vpc-1\"",
    "\"subnet-a\"",
    "\"public-a\"",
    "\"main\"",
    "\"igw-1\"",
    "\"nat-1\"",
    "\"pcx-1\"",
    "\"pl-1\"",
    "\"vpce-1\"",
    "\"eni-web-1\"",
    "\"eigw-1\"",
    "\"subnet-1\"",
    "\"db-sg\"",
    "\"default\"",
    "\"ap-northeast-2a\"",
    "\"ap-northeast-2c\"",
    "ap-northeast-2a",
    "ap-northeast-2c",
    "web-1",
    "vpc-1",
    "vpc-2",
    "subnet-a",
    "public-a",
    "igw-1",
    "tgw-1",
    "vgw-1",
    "alb-1",
    "eni-web-1",
    "pl-1",
    "subnet-b",
    "db-sg",
    "i-1",
    "eni-1",
    "eigw-1",
    "internet_hosts[0]",
];

/// The words of `text` that count as English: runs of three or more Latin letters once names,
/// zones, addresses and CIDRs are taken out, and not in [`ALLOWED`].
fn english_words(text: &str) -> Vec<String> {
    english_words_with(text, &[])
}

/// [`english_words`], with `more` names of a scenario.
fn english_words_with(text: &str, more: &[String]) -> Vec<String> {
    let allowed: BTreeSet<&str> = ALLOWED.split_whitespace().collect();
    let mut names: Vec<&str> = NAMES.to_vec();
    names.extend(more.iter().map(String::as_str));
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut rest = text.to_string();
    for n in names {
        rest = rest.replace(n, " ");
    }
    let rest = rest
        .replace("IPv4", " ")
        .replace("IPv6", " ")
        .replace("icmpv6", " ");
    let mut out = Vec::new();
    let mut word = String::new();
    for c in rest.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            if word.len() >= 3 && !allowed.contains(word.as_str()) {
                out.push(word.clone());
            }
            word.clear();
        }
    }
    out
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Asserts every Korean text holds Hangul and no English word; lists all that do not.
fn check_korean(samples: &[(String, String)]) {
    check_korean_with(samples, &[]);
}

/// [`check_korean`], with `names` of a scenario allowed too.
fn check_korean_with(samples: &[(String, String)], names: &[String]) {
    let bad: Vec<String> = samples
        .iter()
        .filter_map(|(en, ko)| {
            let words = english_words_with(ko, names);
            (!has_hangul(ko) || !words.is_empty() || ko == en)
                .then(|| format!("  {ko:?} (English: {words:?})"))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} Korean texts are not Korean:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The index of `r`'s variant: lists every variant, so a new one must be added here.
fn refusal_variant(r: &Refusal) -> usize {
    use Refusal as R;
    match r {
        R::VpcInVpc { .. } => 0,
        R::NoVpcBlock => 1,
        R::SubnetOffVpc => 2,
        R::SubnetOverlap { .. } => 3,
        R::NoSubnetBlock { .. } => 4,
        R::IgwOffVpc => 5,
        R::SecondIgw { .. } => 6,
        R::HostInVpc { .. } => 7,
        R::NotInSubnet { .. } => 8,
        R::SubnetFull { .. } => 9,
        R::AlbOffVpc => 10,
        R::AlbZones { .. } => 11,
        R::AlbNoSubnets { .. } => 12,
        R::SubnetNeedsVpc => 13,
        R::IgwNeedsVpc => 14,
        R::AlbNeedsSubnets { .. } => 15,
        R::NeedsSubnet { .. } => 16,
        R::NoRoom { .. } => 17,
        R::HostIntoVpc { .. } => 18,
        R::SubnetLeavesVpc { .. } => 19,
        R::BalancerOwnSubnets { .. } => 20,
        R::StayInSubnet { .. } => 21,
        R::OtherVpc { .. } => 22,
        R::NameTaken { .. } => 23,
        R::NameIsId { .. } => 24,
        R::NoPart { .. } => 25,
        R::TransitGatewayIntoVpc { .. } => 26,
        R::AttachmentNeedsSubnet { .. } => 27,
        R::AlreadyAttached { .. } => 28,
        R::DuplicateTgwRoute { .. } => 29,
        R::VgwOffVpc => 30,
        R::SecondVgw { .. } => 31,
        R::VgwNeedsVpc => 32,
        R::SiteInVpc { .. } => 33,
        R::EigwOffVpc => 34,
        R::SecondEigw { .. } => 35,
        R::EigwNeedsVpc => 36,
        R::NoIpv6Block => 37,
        R::VpcWithoutIpv6 { .. } => 38,
        R::SubnetWithoutIpv6 { .. } => 39,
    }
}
const REFUSAL_VARIANTS: usize = 40;

fn refusals() -> Vec<Refusal> {
    use Refusal as R;
    let s = |x: &str| x.to_string();
    let mut out = vec![
        R::VpcInVpc { vpc: s("vpc-1") },
        R::NoVpcBlock,
        R::SubnetOffVpc,
        R::SubnetOverlap {
            subnet: s("subnet-a"),
        },
        R::NoSubnetBlock { vpc: s("vpc-1") },
        R::IgwOffVpc,
        R::SecondIgw {
            vpc: s("vpc-1"),
            igw: s("igw-1"),
        },
        R::HostInVpc { vpc: s("vpc-1") },
        R::VgwOffVpc,
        R::SecondVgw {
            vpc: s("vpc-1"),
            vgw: s("vgw-1"),
        },
        R::VgwNeedsVpc,
        R::SiteInVpc { vpc: s("vpc-1") },
        R::EigwOffVpc,
        R::SecondEigw {
            vpc: s("vpc-1"),
            eigw: s("eigw-1"),
        },
        R::EigwNeedsVpc,
        R::NoIpv6Block,
        R::VpcWithoutIpv6 { vpc: s("vpc-1") },
        R::SubnetWithoutIpv6 {
            subnet: s("subnet-a"),
        },
        R::SubnetFull {
            subnet: s("subnet-a"),
            cidr: Some("10.0.1.0/28".parse().unwrap()),
        },
        R::SubnetFull {
            subnet: s("subnet-a"),
            cidr: None,
        },
        R::AlbOffVpc,
        R::AlbZones {
            vpc: s("vpc-1"),
            zone: None,
            kind: PartKind::LoadBalancer,
        },
        R::AlbZones {
            vpc: s("vpc-1"),
            zone: Some(s("ap-northeast-2a")),
            kind: PartKind::NetworkLoadBalancer,
        },
        R::AlbNoSubnets { vpc: s("vpc-1") },
        R::SubnetNeedsVpc,
        R::IgwNeedsVpc,
        R::AlbNeedsSubnets {
            kind: PartKind::LoadBalancer,
        },
        R::HostIntoVpc {
            name: s("web-1"),
            vpc: s("vpc-1"),
        },
        R::SubnetLeavesVpc {
            name: s("subnet-a"),
            vpc: s("vpc-1"),
        },
        R::TransitGatewayIntoVpc {
            name: s("tgw-1"),
            vpc: s("vpc-1"),
        },
        R::AttachmentNeedsSubnet { vpc: s("vpc-1") },
        R::AlreadyAttached {
            vpc: s("vpc-1"),
            tgw: s("tgw-1"),
        },
        R::DuplicateTgwRoute {
            destination: "10.0.0.0/8".parse().unwrap(),
        },
        R::BalancerOwnSubnets { name: s("alb-1") },
        R::StayInSubnet { name: s("web-1") },
        R::OtherVpc {
            name: s("web-1"),
            vpc: s("vpc-2"),
        },
        R::NameTaken {
            name: s("web-1"),
            part: s("subnet-b"),
        },
        R::NameIsId {
            name: s("eni-web-1"),
            owner: Some(s("web-1")),
            part: s("subnet-b"),
        },
        R::NameIsId {
            name: s("i-1"),
            owner: None,
            part: s("subnet-b"),
        },
        R::NoPart { id: s("web-1") },
    ];
    // Every kind of part, where the message names one.
    for kind in [
        PartKind::Vpc,
        PartKind::Subnet,
        PartKind::InternetGateway,
        PartKind::NatGateway,
        PartKind::LoadBalancer,
        PartKind::NetworkLoadBalancer,
        PartKind::Instance,
        PartKind::Bastion,
        PartKind::InterfaceEndpoint,
        PartKind::NatInstance,
        PartKind::Database,
        PartKind::Cache,
        PartKind::Internet,
        PartKind::Laptop,
    ] {
        out.extend([
            R::NotInSubnet { kind },
            R::NeedsSubnet { kind },
            R::NoRoom { kind },
        ]);
    }
    out
}

#[test]
fn every_edit_refusal_has_korean() {
    let all = refusals();
    let seen: BTreeSet<usize> = all.iter().map(refusal_variant).collect();
    assert_eq!(seen.len(), REFUSAL_VARIANTS, "a variant has no sample");
    let samples: Vec<(String, String)> = all.iter().map(|r| (r.en(), r.ko())).collect();
    check_korean(&samples);
    // The English is the one the command line and the tests have always read.
    assert_eq!(
        Refusal::NotInSubnet {
            kind: PartKind::Instance
        }
        .to_string(),
        "An EC2 instance lives in a subnet: drop it on a subnet."
    );
    assert_eq!(
        Refusal::NoRoom {
            kind: PartKind::Subnet
        }
        .ko(),
        "서브넷을 더 놓을 자리가 없습니다."
    );
}

/// The index of `m`'s variant: lists every variant, so a new one must be added here.
fn message_variant(m: &Message) -> usize {
    use Message as M;
    match m {
        M::VersionNewer { .. } => 0,
        M::VersionUnknown { .. } => 1,
        M::MissingId { .. } => 2,
        M::DuplicateId { .. } => 3,
        M::UnknownRef { .. } => 4,
        M::ForeignTargetGroup { .. } => 5,
        M::HostBits { .. } => 6,
        M::VpcWithoutCidr => 7,
        M::VpcCidrSize { .. } => 8,
        M::OverlappingVpcCidrs { .. } => 9,
        M::SubnetCidrSize { .. } => 10,
        M::SubnetOutsideVpc { .. } => 11,
        M::OverlappingSubnets { .. } => 12,
        M::IpOutsideSubnet { .. } => 13,
        M::ReservedIp { .. } => 14,
        M::DuplicatePrivateIp { .. } => 15,
        M::PublicIpInVpc { .. } => 16,
        M::InternetHostInVpc { .. } => 17,
        M::DuplicatePublicIp { .. } => 18,
        M::TwoDefaultAcls { .. } => 19,
        M::SubnetTwiceInAcl { .. } => 20,
        M::SubnetInTwoAcls { .. } => 21,
        M::AclSubnetOtherVpc { .. } => 22,
        M::AclRuleNumberRange { .. } => 23,
        M::DuplicateAclRuleNumber { .. } => 24,
        M::TwoInternetGateways { .. } => 25,
        M::NatGatewayGroups => 26,
        M::PublicNatWithoutIp => 27,
        M::PeeringWithItself { .. } => 28,
        M::DuplicatePeering { .. } => 29,
        M::PeeringOverlap { .. } => 30,
        M::GroupOtherVpc { .. } => 31,
        M::StaleGroupRule { .. } => 32,
        M::TooManyGroups { .. } => 33,
        M::TooManyGroupRules { .. } => 34,
        M::TooManyAclRules { .. } => 35,
        M::TooManySubnets { .. } => 36,
        M::ForwarderSourceDestCheck { .. } => 37,
        M::DuplicateListenerPort { .. } => 38,
        M::TargetOtherVpc { .. } => 39,
        M::NoInterfaces { .. } => 40,
        M::InterfacesInDifferentVpcs { .. } => 41,
        M::InterfacesInDifferentAzs { .. } => 42,
        M::TwoNodesInOneSubnet { .. } => 43,
        M::NeedsTwoAzs { .. } => 44,
        M::PortsOnAll { .. } => 45,
        M::PortsWithoutTcpUdp { .. } => 46,
        M::IcmpWithoutIcmp { .. } => 47,
        M::TwoMainTables { .. } => 48,
        M::SubnetTwiceInTable { .. } => 49,
        M::SubnetInTwoTables { .. } => 50,
        M::TableSubnetOtherVpc { .. } => 51,
        M::DuplicateRoute { .. } => 52,
        M::LocalRouteNotVpc { .. } => 53,
        M::RouteInsideVpc { .. } => 54,
        M::EndpointRouteDestination { .. } => 55,
        M::IgwOtherVpc { .. } => 56,
        M::IgwDetached { .. } => 57,
        M::NatOtherVpc { .. } => 58,
        M::InstanceOtherVpc { .. } => 59,
        M::InterfaceOtherVpc { .. } => 60,
        M::PeeringOtherVpc { .. } => 61,
        M::EndpointOtherVpc { .. } => 62,
        M::ListenerProtocolForKind { .. } => 63,
        M::MiddleboxNotSubnet { .. } => 64,
        M::GatewayOtherVpc { .. } => 65,
        M::GatewayInTwoTables { .. } => 66,
        M::GatewayTableRoute { .. } => 67,
        M::GwlbEndpointGroups => 68,
        M::GwlbEndpointOtherVpc { .. } => 69,
        M::VpcIpv6CidrSize { .. } => 70,
        M::SubnetIpv6Cidr { .. } => 71,
        M::Ipv6Address { .. } => 72,
        M::EigwOtherVpc { .. } => 73,
        M::EigwIpv4Route { .. } => 74,
        M::EndpointTwoInterfacesInOneAz { .. } => 76,
        M::PropagationOtherVpc { .. } => 75,
    }
}
const MESSAGE_VARIANTS: usize = 77;

const NOUNS: [PartNoun; 16] = [
    PartNoun::Vpc,
    PartNoun::Subnet,
    PartNoun::RouteTable,
    PartNoun::NetworkAcl,
    PartNoun::SecurityGroup,
    PartNoun::PrefixList,
    PartNoun::Instance,
    PartNoun::Interface,
    PartNoun::Database,
    PartNoun::LoadBalancer,
    PartNoun::TargetGroup,
    PartNoun::InternetGateway,
    PartNoun::NatGateway,
    PartNoun::Peering,
    PartNoun::GatewayEndpoint,
    PartNoun::InternetHost,
];

fn messages() -> Vec<Message> {
    use Message as M;
    let s = |x: &str| x.to_string();
    let net = |x: &str| x.parse::<ipnet::Ipv4Net>().unwrap();
    let any = |x: &str| x.parse::<ipnet::IpNet>().unwrap();
    let net6 = |x: &str| x.parse::<ipnet::Ipv6Net>().unwrap();
    use vpc_playground::scenario::message::Ipv6Why;
    let ip = |x: &str| x.parse::<std::net::Ipv4Addr>().unwrap();
    let ports = PortRange::new(80, 443).unwrap();
    let usable = Some((ip("10.0.1.4"), ip("10.0.1.254")));
    let mut out = vec![
        M::VersionNewer { version: 9 },
        M::VersionUnknown { version: 0 },
        M::DuplicateId {
            id: s("web-1"),
            first: s("subnets[0]"),
            first_label: s("\"public-a\""),
            kind: PartNoun::Subnet,
        },
        M::UnknownRef {
            wanted: vec![PartNoun::Subnet],
            found: RefFound::Missing,
            address: false,
        },
        M::UnknownRef {
            wanted: vec![
                PartNoun::Instance,
                PartNoun::Database,
                PartNoun::LoadBalancer,
            ],
            found: RefFound::Wrong {
                id: s("subnet-a"),
                kind: PartNoun::Subnet,
                path: s("subnets[0]"),
            },
            address: true,
        },
        M::UnknownRef {
            wanted: vec![PartNoun::Vpc],
            found: RefFound::Nothing {
                id: s("vpc-2"),
                known: vec![s("vpc-1")],
            },
            address: false,
        },
        M::UnknownRef {
            wanted: vec![PartNoun::PrefixList],
            found: RefFound::Nothing {
                id: s("pl-1"),
                known: vec![],
            },
            address: false,
        },
        M::ForeignTargetGroup {
            id: s("web-1"),
            path: s("load_balancers[1].target_groups[0]"),
        },
        M::HostBits {
            net: any("10.0.1.5/24"),
            canonical: any("10.0.1.0/24"),
        },
        M::VpcIpv6CidrSize {
            net: net6("2600:1f18::/40"),
        },
        M::SubnetIpv6Cidr {
            net: net6("2600:1f18:0:100::/56"),
            why: Ipv6Why::NotSlash64,
        },
        M::SubnetIpv6Cidr {
            net: net6("2600:1f19::/64"),
            why: Ipv6Why::Outside(s("2600:1f18::/56")),
        },
        M::Ipv6Address {
            ip: "2600:1f18::1".parse().unwrap(),
            why: Ipv6Why::Reserved(net6("2600:1f18::/64")),
        },
        M::Ipv6Address {
            ip: "2600:1f18::10".parse().unwrap(),
            why: Ipv6Why::NoBlock(s("subnet-1")),
        },
        M::Ipv6Address {
            ip: "2600:1f18::10".parse().unwrap(),
            why: Ipv6Why::Taken(s("eni-1")),
        },
        M::EigwOtherVpc {
            id: s("eigw-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::EigwIpv4Route { id: s("eigw-1") },
        M::VpcWithoutCidr,
        M::VpcCidrSize {
            net: net("10.0.0.0/8"),
        },
        M::OverlappingVpcCidrs {
            net: net("10.0.0.0/16"),
            first: 0,
            other: net("10.0.0.0/20"),
        },
        M::SubnetCidrSize {
            net: net("10.0.0.0/30"),
        },
        M::SubnetOutsideVpc {
            net: net("10.9.0.0/24"),
            vpc: s("\"vpc-1\""),
            blocks: vec![net("10.0.0.0/16"), net("10.1.0.0/16")],
        },
        M::OverlappingSubnets {
            net: net("10.0.1.0/24"),
            first: 0,
            other: s("\"public-a\""),
            other_net: net("10.0.0.0/23"),
        },
        M::IpOutsideSubnet {
            iface: s("eni-web-1"),
            ip: ip("10.0.9.9"),
            subnet: s("\"subnet-a\""),
            net: net("10.0.1.0/24"),
            usable,
        },
        M::IpOutsideSubnet {
            iface: s("eni-web-1"),
            ip: ip("10.0.9.9"),
            subnet: s("\"subnet-a\""),
            net: net("10.0.1.0/32"),
            usable: None,
        },
        M::DuplicatePrivateIp {
            ip: ip("10.0.1.10"),
            iface: s("eni-web-1"),
            path: s("instances[0].interfaces[0]"),
            owner: s("\"web-1\""),
        },
        M::PublicIpInVpc {
            ip: ip("10.0.1.10"),
            iface: s("eni-web-1"),
            vpc: s("\"vpc-1\""),
        },
        M::InternetHostInVpc {
            ip: ip("10.0.1.10"),
            vpc: s("\"vpc-1\""),
        },
        M::DuplicatePublicIp {
            ip: ip("203.0.113.10"),
            first: Holder::Interface {
                id: s("eni-web-1"),
                path: s("instances[0].interfaces[0]"),
                owner: s("\"web-1\""),
            },
        },
        M::DuplicatePublicIp {
            ip: ip("203.0.113.10"),
            first: Holder::Host {
                label: s("\"web-1\""),
                index: 0,
            },
        },
        M::TwoDefaultAcls {
            vpc: s("vpc-1"),
            first: 0,
            acl: s("\"default\""),
        },
        M::SubnetTwiceInAcl {
            subnet: s("subnet-a"),
        },
        M::SubnetInTwoAcls {
            subnet: s("subnet-a"),
            first: 0,
            acl: s("\"default\""),
        },
        M::AclSubnetOtherVpc {
            subnet: s("subnet-a"),
            vpc: s("vpc-1"),
            acl_vpc: s("vpc-2"),
        },
        M::AclRuleNumberRange { number: 40000 },
        M::TwoInternetGateways {
            vpc: s("vpc-1"),
            first: 0,
            igw: s("\"igw-1\""),
        },
        M::NatGatewayGroups,
        M::GwlbEndpointGroups,
        M::PublicNatWithoutIp,
        M::PeeringWithItself { vpc: s("vpc-1") },
        M::DuplicatePeering {
            a: s("vpc-1"),
            b: s("vpc-2"),
            first: 0,
            id: s("pcx-1"),
        },
        M::PeeringOverlap {
            a: s("vpc-1"),
            x: net("10.0.0.0/16"),
            b: s("vpc-2"),
            y: net("10.0.0.0/16"),
        },
        M::GroupOtherVpc {
            group: s("\"db-sg\""),
            group_vpc: s("vpc-2"),
            iface: s("eni-web-1"),
            vpc: s("vpc-1"),
        },
        M::StaleGroupRule {
            group: s("\"db-sg\""),
            group_vpc: s("vpc-2"),
            vpc: s("vpc-1"),
        },
        M::TooManyGroups {
            iface: s("eni-web-1"),
            n: 6,
            max: 5,
        },
        M::TooManySubnets { n: 201, max: 200 },
        M::ForwarderSourceDestCheck {
            iface: s("eni-web-1"),
        },
        M::DuplicateListenerPort { first: 0, port: 80 },
        M::ListenerProtocolForKind {
            protocol: "UDP",
            network: false,
        },
        M::TargetOtherVpc {
            instance: s("web-1"),
            vpc: s("vpc-2"),
            lb_vpc: s("vpc-1"),
        },
        M::InterfacesInDifferentVpcs {
            subnet: s("subnet-b"),
            vpc: s("vpc-2"),
            field: s("interfaces"),
            first: 0,
            first_vpc: s("vpc-1"),
            kind: PartNoun::Instance,
        },
        M::InterfacesInDifferentAzs {
            subnet: s("subnet-b"),
            az: s("ap-northeast-2c"),
            first: 0,
            first_az: s("ap-northeast-2a"),
        },
        M::TwoNodesInOneSubnet {
            first: 0,
            subnet: s("subnet-a"),
        },
        M::EndpointTwoInterfacesInOneAz {
            first: 0,
            az: s("ap-northeast-2a"),
        },
        M::NeedsTwoAzs { zones: vec![] },
        M::NeedsTwoAzs {
            zones: vec![s("ap-northeast-2a")],
        },
        M::NeedsTwoAzs { zones: vec![s("")] },
        M::PortsOnAll { ports },
        M::PortsWithoutTcpUdp {
            ports,
            protocol: Protocol::Icmp,
        },
        M::IcmpWithoutIcmp {
            protocol: Protocol::Tcp,
        },
        M::TwoMainTables {
            vpc: s("vpc-1"),
            first: 0,
            table: s("\"main\""),
        },
        M::SubnetTwiceInTable {
            subnet: s("subnet-a"),
        },
        M::SubnetInTwoTables {
            subnet: s("subnet-a"),
            first: 0,
            table: s("\"main\""),
        },
        M::TableSubnetOtherVpc {
            subnet: s("subnet-a"),
            vpc: s("vpc-1"),
            table_vpc: s("vpc-2"),
        },
        M::DuplicateRoute {
            first: 0,
            dest: Destination::Cidr(any("0.0.0.0/0")),
        },
        M::DuplicateRoute {
            first: 0,
            dest: Destination::PrefixList(s("pl-1")),
        },
        M::LocalRouteNotVpc {
            blocks: vec![net("10.0.0.0/16")],
            vpc: s("\"vpc-1\""),
            dest: Destination::Cidr(any("0.0.0.0/0")),
        },
        M::RouteInsideVpc {
            net: any("10.0.1.0/24"),
            block: any("10.0.0.0/16"),
        },
        M::MiddleboxNotSubnet {
            net: any("10.0.1.0/25"),
            block: any("10.0.0.0/16"),
        },
        M::GatewayOtherVpc {
            id: s("igw-1"),
            vpc: Some(s("vpc-2")),
            here: s("vpc-1"),
        },
        M::GatewayOtherVpc {
            id: s("vgw-1"),
            vpc: None,
            here: s("vpc-1"),
        },
        M::PropagationOtherVpc {
            id: s("vgw-1"),
            vpc: Some(s("vpc-2")),
            here: s("vpc-1"),
        },
        M::PropagationOtherVpc {
            id: s("vgw-1"),
            vpc: None,
            here: s("vpc-1"),
        },
        M::GatewayInTwoTables {
            id: s("igw-1"),
            first: 0,
            table: s("\"엣지\""),
        },
        M::GatewayTableRoute {
            dest: Destination::Cidr(any("0.0.0.0/0")),
        },
        M::EndpointRouteDestination {
            id: s("vpce-1"),
            prefix_list: s("pl-1"),
        },
        M::IgwOtherVpc {
            id: s("igw-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::IgwDetached {
            id: s("igw-1"),
            here: s("vpc-1"),
        },
        M::NatOtherVpc {
            id: s("nat-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::GwlbEndpointOtherVpc {
            id: s("vpce-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::InstanceOtherVpc {
            id: s("web-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::InterfaceOtherVpc {
            id: s("eni-web-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::PeeringOtherVpc {
            id: s("pcx-1"),
            a: s("vpc-2"),
            b: s("vpc-2"),
            here: s("vpc-1"),
        },
        M::EndpointOtherVpc {
            id: s("vpce-1"),
            vpc: s("vpc-2"),
            here: s("vpc-1"),
        },
    ];
    for why in [
        Reserved::Network,
        Reserved::Broadcast,
        Reserved::Router,
        Reserved::Dns,
        Reserved::Future,
    ] {
        out.push(M::ReservedIp {
            iface: s("eni-web-1"),
            ip: ip("10.0.1.1"),
            why,
            subnet: s("\"subnet-a\""),
            net: net("10.0.1.0/24"),
            usable,
        });
    }
    for dir in [Dir::Inbound, Dir::Outbound] {
        out.push(M::DuplicateAclRuleNumber {
            dir,
            number: 100,
            first: 0,
        });
        out.push(M::TooManyGroupRules {
            n: 61,
            dir,
            max: 60,
        });
        out.push(M::TooManyAclRules {
            n: 21,
            dir,
            max: 20,
        });
    }
    for kind in NOUNS {
        out.push(M::MissingId { kind });
        out.push(M::NoInterfaces { kind });
        out.push(M::UnknownRef {
            wanted: vec![kind],
            found: RefFound::Missing,
            address: false,
        });
    }
    out
}

#[test]
fn every_validation_message_has_korean() {
    let all = messages();
    let seen: BTreeSet<usize> = all.iter().map(message_variant).collect();
    assert_eq!(seen.len(), MESSAGE_VARIANTS, "a variant has no sample");
    let samples: Vec<(String, String)> = all.iter().map(|m| (m.en(), m.ko())).collect();
    check_korean(&samples);
}

/// The validation of a real scenario: a subnet outside its VPC and overlapping another is
/// reported with both languages, the English as it always was.
#[test]
fn a_validated_scenario_speaks_both_languages() {
    use vpc_playground::i18n::Lang;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/two-tier.json"
    ))
    .unwrap();
    let mut s = vpc_playground::scenario::load_str(&text).unwrap().scenario;
    let first = s.subnets[0].cidr;
    s.subnets[1].cidr = first;
    let problems = vpc_playground::scenario::validate(&s);
    let p = problems
        .iter()
        .find(|p| p.code == "overlapping-subnets")
        .expect("the overlap is found");
    assert_eq!(p.message, p.text(Lang::En));
    assert!(p
        .message
        .contains("subnets of one VPC must not share addresses"));
    let ko = p.text(Lang::Ko);
    assert!(
        ko.contains("겹칩니다") && ko.contains(&first.to_string()),
        "{ko}"
    );
    // The checker itself finds English, so the checks above can fail.
    assert!(!english_words(&p.message).is_empty());
    assert_eq!(
        english_words("서브넷 web-1 (tcp/443, 10.0.0.0/16)"),
        Vec::<String>::new()
    );
}

/// Every string of a JSON value (names, ids, addresses), as the e2e check collects them.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The checklist of every built-in lesson, graded on its starting network (where objectives
/// fail) and on its solution, gives each line's reason in Korean; so does a network with errors.
#[test]
fn every_lesson_reason_has_korean() {
    use vpc_playground::lesson::{check, check_scenario, check_solution};
    let mut failed = 0;
    for b in vpc_playground::lesson::builtin::all() {
        let lesson = b.lesson();
        let mut names = Vec::new();
        strings(&serde_json::to_value(&lesson.scenario).unwrap(), &mut names);
        if let Some(sol) = &lesson.solution {
            strings(&serde_json::to_value(sol).unwrap(), &mut names);
        }
        names.extend(["the internet".to_string(), "internet".to_string()]);
        let mut broken = lesson.scenario.clone();
        if let Some(x) = broken.subnets.get_mut(0) {
            x.cidr = "10.200.0.0/24".parse().unwrap();
        }
        let reports = [
            check(&lesson),
            check_solution(&lesson).expect("built-in lessons have a solution"),
            check_scenario(&lesson, &broken),
        ];
        let lines: Vec<(String, String)> = reports
            .iter()
            .flat_map(|r| &r.lines)
            .inspect(|l| failed += usize::from(!l.passed))
            .map(|l| (l.reason.clone(), l.reason_ko.clone()))
            .collect();
        check_korean_with(&lines, &names);
    }
    assert!(
        failed > 10,
        "only {failed} failing lines: the test sees too little"
    );
}
