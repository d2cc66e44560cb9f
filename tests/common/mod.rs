//! A small builder for complete playground scenarios, and helpers to trace flows and check
//! verdicts, so each behaviour test reads like the rule it checks.
//!
//! Scenarios are written in full, as AWS would hold them: [`Sc::vpc`] adds the VPC's main route
//! table (`<vpc>-main`), its default network ACL (`<vpc>-acl`, rule 100 allows everything in and
//! out) and its default security group (`<vpc>-default`, all traffic in from members, all out).
//! Every interface must name its security groups; [`Sc::build`] refuses one that names none.
//!
//! Rules are written as short strings:
//! - security group rules: `"tcp 443 from 0.0.0.0/0"`, `"all to 0.0.0.0/0"`,
//!   `"tcp 5432 from sg:db-sg"`, `"icmp from 10.0.0.0/16"`, `"udp 53 to pl:pl-s3"`,
//!   `"icmp:8 from 0.0.0.0/0"` (ICMP type 8 only);
//! - network ACL rules: `"100 allow tcp 22 10.0.0.0/16"`, `"200 deny all 0.0.0.0/0"`,
//!   `"110 allow tcp 1024-65535 0.0.0.0/0"`, `"120 allow icmp:0 0.0.0.0/0"`;
//! - route targets: `"igw:<id>"`, `"nat:<id>"`, `"instance:<id>"`, `"eni:<id>"`, `"pcx:<id>"`,
//!   `"vpce:<id>"`, `"tgw:<id>"`; destinations: a CIDR or `"pl:<id>"`.
#![allow(dead_code)]

use std::net::Ipv4Addr;
use vpc_playground::engine::trace::Decision;
use vpc_playground::engine::{trace, Direction, FlowSpec, Hop, Kind, Network, Trace, Verdict};
use vpc_playground::model::*;

/// A scenario being built. Methods that add a node (instance, NAT gateway, ...) make it the
/// "current" one, which the modifiers after them (`public_ip`, `sg`, `listens`, ...) change.
pub struct Sc {
    s: Scenario,
    vpc: Option<String>,
    current: Current,
}

enum Current {
    None,
    Instance(usize),
    Database(usize),
}

fn net(text: &str) -> ipnet::Ipv4Net {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a CIDR: {e}"))
}

/// An IPv4 or IPv6 CIDR, as routes and rules take them.
pub fn any_net(text: &str) -> ipnet::IpNet {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a CIDR: {e}"))
}

/// An IPv4 or IPv6 address, as packets carry them.
pub fn addr(text: &str) -> std::net::IpAddr {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not an IP address: {e}"))
}

pub fn ip(text: &str) -> Ipv4Addr {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not an IPv4 address: {e}"))
}

/// `"tcp"`, `"all"`, `"icmp"`, `"icmp:8"` (type 8), `"icmp:3:4"` (type 3 code 4), `"50"`.
fn protocol_and_icmp(text: &str) -> (Protocol, Option<IcmpMatch>) {
    let mut parts = text.split(':');
    let protocol: Protocol = parts.next().unwrap().parse().unwrap();
    let icmp_type = parts.next().map(|t| t.parse().unwrap());
    let code = parts.next().map(|c| c.parse().unwrap());
    let icmp = icmp_type.map(|t| IcmpMatch {
        icmp_type: Some(t),
        code,
    });
    (protocol, icmp)
}

/// Parses `"tcp 443 from 0.0.0.0/0"` (ports optional; peer a CIDR, `sg:<id>` or `pl:<id>`).
pub fn sg_rule(text: &str) -> SgRule {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (protocol, icmp) = protocol_and_icmp(words[0]);
    let (ports, rest) = if words[1] == "from" || words[1] == "to" {
        (None, &words[1..])
    } else {
        (Some(words[1].parse::<PortRange>().unwrap()), &words[2..])
    };
    assert!(
        rest.len() == 2 && (rest[0] == "from" || rest[0] == "to"),
        "security group rule {text:?}: expected `<proto> [ports] from|to <peer>`"
    );
    let peer = match rest[1].split_once(':') {
        Some(("sg", id)) => Peer::Group(id.into()),
        Some(("pl", id)) => Peer::PrefixList(id.into()),
        _ => Peer::Cidr(any_net(rest[1])),
    };
    SgRule {
        protocol,
        ports,
        icmp,
        peer,
        description: String::new(),
    }
}

/// Parses `"100 allow tcp 22 10.0.0.0/16"` (ports optional).
pub fn acl_rule(text: &str) -> AclRule {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = words[0].parse().unwrap();
    let action = match words[1] {
        "allow" => Action::Allow,
        "deny" => Action::Deny,
        other => panic!("ACL rule {text:?}: {other:?} is neither allow nor deny"),
    };
    let (protocol, icmp) = protocol_and_icmp(words[2]);
    let (ports, cidr) = match words.len() {
        4 => (None, words[3]),
        5 => (Some(words[3].parse::<PortRange>().unwrap()), words[4]),
        _ => panic!("ACL rule {text:?}: expected `<number> allow|deny <proto> [ports] <cidr>`"),
    };
    AclRule {
        number,
        protocol,
        ports,
        icmp,
        cidr: any_net(cidr),
        action,
    }
}

/// Parses a route target: `"igw:<id>"`, `"nat:<id>"`, `"instance:<id>"`, ...
pub fn target(text: &str) -> RouteTarget {
    let (kind, id) = text
        .split_once(':')
        .unwrap_or_else(|| panic!("route target {text:?}: expected <kind>:<id>"));
    let id = id.to_string();
    match kind {
        "igw" => RouteTarget::InternetGateway(id),
        "nat" => RouteTarget::NatGateway(id),
        "instance" => RouteTarget::Instance(id),
        "eni" => RouteTarget::NetworkInterface(id),
        "pcx" => RouteTarget::PeeringConnection(id),
        "vpce" => RouteTarget::GatewayEndpoint(id),
        "tgw" => RouteTarget::TransitGateway(id),
        "vgw" => RouteTarget::VpnGateway(id),
        "gwlbe" => RouteTarget::GwlbEndpoint(id),
        "eigw" => RouteTarget::EgressOnlyInternetGateway(id),
        other => panic!("route target {text:?}: unknown kind {other:?}"),
    }
}

fn destination(text: &str) -> Destination {
    match text.strip_prefix("pl:") {
        Some(pl) => Destination::PrefixList(pl.into()),
        None => Destination::Cidr(any_net(text)),
    }
}

fn iface(id: &str, subnet: &str, private_ip: &str) -> Interface {
    Interface {
        ipv6_addresses: Default::default(),
        id: id.into(),
        subnet: subnet.into(),
        private_ip: ip(private_ip),
        public_ip: None,
        elastic_ip: false,
        security_groups: Vec::new(),
        source_dest_check: true,
    }
}

impl Default for Sc {
    fn default() -> Self {
        Self::new()
    }
}

impl Sc {
    pub fn new() -> Self {
        Sc {
            s: Scenario::new(),
            vpc: None,
            current: Current::None,
        }
    }

    fn vpc_id(&self) -> String {
        self.vpc.clone().expect("add a VPC first")
    }

    /// A VPC with AWS's defaults: main route table `<id>-main`, default network ACL `<id>-acl`
    /// (rule 100 allows all in and out) and default security group `<id>-default`.
    pub fn vpc(mut self, id: &str, cidr: &str) -> Self {
        self.s.vpcs.push(Vpc {
            ipv6_cidrs: Default::default(),
            id: id.into(),
            name: id.into(),
            cidrs: vec![net(cidr)],
        });
        self.s.route_tables.push(RouteTable {
            id: format!("{id}-main"),
            name: format!("{id}-main"),
            vpc: id.into(),
            main: true,
            subnets: Vec::new(),
            gateways: Vec::new(),
            propagating_vgws: Vec::new(),
            routes: Vec::new(),
        });
        self.s.network_acls.push(NetworkAcl {
            id: format!("{id}-acl"),
            name: format!("{id}-acl"),
            vpc: id.into(),
            default: true,
            subnets: Vec::new(),
            inbound: vec![acl_rule("100 allow all 0.0.0.0/0")],
            outbound: vec![acl_rule("100 allow all 0.0.0.0/0")],
        });
        let default_sg = format!("{id}-default");
        self.s.security_groups.push(SecurityGroup {
            id: default_sg.clone(),
            name: "default".into(),
            vpc: id.into(),
            inbound: vec![sg_rule(&format!("all from sg:{default_sg}"))],
            outbound: vec![sg_rule("all to 0.0.0.0/0")],
        });
        self.vpc = Some(id.into());
        self
    }

    /// Switches the VPC that the next subnets, tables, ACLs and groups go into.
    pub fn in_vpc(mut self, id: &str) -> Self {
        assert!(self.s.vpcs.iter().any(|v| v.id == id), "no VPC {id}");
        self.vpc = Some(id.into());
        self
    }

    /// Adds a secondary CIDR block to the current VPC.
    pub fn cidr(mut self, cidr: &str) -> Self {
        let id = self.vpc_id();
        let v = self.s.vpcs.iter_mut().find(|v| v.id == id).unwrap();
        v.cidrs.push(net(cidr));
        self
    }

    /// Gives the current VPC an IPv6 block.
    pub fn ipv6(mut self, cidr: &str) -> Self {
        let id = self.vpc_id();
        let v = self.s.vpcs.iter_mut().find(|v| v.id == id).unwrap();
        v.ipv6_cidrs.push(cidr.parse().unwrap());
        self
    }

    /// Gives subnet `id` an IPv6 block.
    pub fn subnet_ipv6(mut self, id: &str, cidr: &str) -> Self {
        let sn = self.s.subnets.iter_mut().find(|x| x.id == id).unwrap();
        sn.ipv6_cidr = Some(cidr.parse().unwrap());
        self
    }

    /// An egress-only internet gateway of the current VPC.
    pub fn eigw(mut self, id: &str) -> Self {
        let vpc = self.vpc_id();
        self.s
            .egress_only_internet_gateways
            .push(EgressOnlyInternetGateway {
                id: id.into(),
                name: id.into(),
                vpc,
            });
        self
    }

    /// A subnet of the current VPC (zone `a`).
    pub fn subnet(self, id: &str, cidr: &str) -> Self {
        self.subnet_in(id, cidr, "ap-northeast-2a")
    }

    /// A subnet of the current VPC in availability zone `az`.
    pub fn subnet_in(mut self, id: &str, cidr: &str, az: &str) -> Self {
        let vpc = self.vpc_id();
        self.s.subnets.push(Subnet {
            ipv6_cidr: Default::default(),
            id: id.into(),
            name: id.into(),
            vpc,
            az: az.into(),
            cidr: net(cidr),
        });
        self
    }

    /// An internet gateway attached to the current VPC.
    pub fn igw(mut self, id: &str) -> Self {
        let vpc = self.vpc_id();
        self.s.internet_gateways.push(InternetGateway {
            id: id.into(),
            name: id.into(),
            vpc: Some(vpc),
        });
        self
    }

    /// A route table of the current VPC, explicitly associated with `subnets`.
    pub fn route_table(mut self, id: &str, subnets: &[&str]) -> Self {
        let vpc = self.vpc_id();
        self.s.route_tables.push(RouteTable {
            id: id.into(),
            name: id.into(),
            vpc,
            main: false,
            subnets: subnets.iter().map(|s| s.to_string()).collect(),
            gateways: Vec::new(),
            propagating_vgws: Vec::new(),
            routes: Vec::new(),
        });
        self
    }

    /// Associates route table `table` with gateway `gateway` (a gateway route table).
    pub fn edge(mut self, table: &str, gateway: &str) -> Self {
        self.table(table).gateways.push(gateway.into());
        self
    }

    fn table(&mut self, id: &str) -> &mut RouteTable {
        self.s
            .route_tables
            .iter_mut()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("no route table {id}"))
    }

    /// Associates `subnet` explicitly with route table `table`.
    pub fn associate(mut self, table: &str, subnet: &str) -> Self {
        self.table(table).subnets.push(subnet.into());
        self
    }

    /// An active route in table `table`: `route("pub-rt", "0.0.0.0/0", "igw:igw")`.
    pub fn route(mut self, table: &str, dest: &str, to: &str) -> Self {
        self.table(table).routes.push(Route {
            destination: destination(dest),
            target: target(to),
            state: RouteState::Active,
        });
        self
    }

    /// A route in state blackhole (its target was deleted).
    pub fn blackhole_route(mut self, table: &str, dest: &str, to: &str) -> Self {
        self.table(table).routes.push(Route {
            destination: destination(dest),
            target: target(to),
            state: RouteState::Blackhole,
        });
        self
    }

    /// A subnet with its own route table `<id>-rt` sending 0.0.0.0/0 to internet gateway `igw`.
    pub fn public_subnet(self, id: &str, cidr: &str, igw: &str) -> Self {
        let rt = format!("{id}-rt");
        self.subnet(id, cidr)
            .route_table(&rt, &[id])
            .route(&rt, "0.0.0.0/0", &format!("igw:{igw}"))
    }

    /// A custom network ACL of the current VPC, associated with `subnets`.
    pub fn acl(mut self, id: &str, subnets: &[&str], inbound: &[&str], outbound: &[&str]) -> Self {
        let vpc = self.vpc_id();
        for a in &mut self.s.network_acls {
            a.subnets.retain(|s| !subnets.contains(&s.as_str()));
        }
        self.s.network_acls.push(NetworkAcl {
            id: id.into(),
            name: id.into(),
            vpc,
            default: false,
            subnets: subnets.iter().map(|s| s.to_string()).collect(),
            inbound: inbound.iter().map(|r| acl_rule(r)).collect(),
            outbound: outbound.iter().map(|r| acl_rule(r)).collect(),
        });
        self
    }

    /// Replaces the rules of an existing network ACL (e.g. the default `<vpc>-acl`).
    pub fn acl_rules(mut self, id: &str, inbound: &[&str], outbound: &[&str]) -> Self {
        let a = self
            .s
            .network_acls
            .iter_mut()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("no network ACL {id}"));
        a.inbound = inbound.iter().map(|r| acl_rule(r)).collect();
        a.outbound = outbound.iter().map(|r| acl_rule(r)).collect();
        self
    }

    /// A security group of the current VPC.
    pub fn sg(mut self, id: &str, inbound: &[&str], outbound: &[&str]) -> Self {
        let vpc = self.vpc_id();
        self.s.security_groups.push(SecurityGroup {
            id: id.into(),
            name: id.into(),
            vpc,
            inbound: inbound.iter().map(|r| sg_rule(r)).collect(),
            outbound: outbound.iter().map(|r| sg_rule(r)).collect(),
        });
        self
    }

    /// Adds a rule to an existing group's inbound rules.
    pub fn sg_inbound(mut self, id: &str, rule: &str) -> Self {
        let g = self
            .s
            .security_groups
            .iter_mut()
            .find(|g| g.id == id)
            .unwrap_or_else(|| panic!("no security group {id}"));
        g.inbound.push(sg_rule(rule));
        self
    }

    /// A Linux instance with one interface `<id>-eni`; it listens on nothing until `listens`.
    pub fn instance(mut self, id: &str, subnet: &str, private_ip: &str) -> Self {
        self.s.instances.push(Instance {
            id: id.into(),
            name: id.into(),
            role: Role::Generic,
            os: Os::Linux,
            interfaces: vec![iface(&format!("{id}-eni"), subnet, private_ip)],
            listens: Listening::Ports(Vec::new()),
            upstreams: Vec::new(),
            stopped: false,
            stateful: false,
        });
        self.current = Current::Instance(self.s.instances.len() - 1);
        self
    }

    /// A database endpoint with one interface `<id>-eni`.
    pub fn database(mut self, id: &str, engine: Engine, subnet: &str, private_ip: &str) -> Self {
        self.s.databases.push(Database {
            id: id.into(),
            name: id.into(),
            engine,
            port: None,
            interfaces: vec![iface(&format!("{id}-eni"), subnet, private_ip)],
        });
        self.current = Current::Database(self.s.databases.len() - 1);
        self
    }

    fn current_iface(&mut self) -> &mut Interface {
        match self.current {
            Current::Instance(i) => self.s.instances[i].interfaces.last_mut().unwrap(),
            Current::Database(i) => self.s.databases[i].interfaces.last_mut().unwrap(),
            Current::None => panic!("add an instance or database first"),
        }
    }

    fn current_instance(&mut self) -> &mut Instance {
        match self.current {
            Current::Instance(i) => &mut self.s.instances[i],
            _ => panic!("add an instance first"),
        }
    }

    /// Gives the current interface an IPv6 address.
    pub fn ipv6_address(mut self, address: &str) -> Self {
        self.current_iface()
            .ipv6_addresses
            .push(address.parse().unwrap());
        self
    }

    /// Gives the current interface a public IPv4 address.
    pub fn public_ip(mut self, public: &str) -> Self {
        self.current_iface().public_ip = Some(ip(public));
        self
    }

    /// Gives the current interface an Elastic IP.
    pub fn elastic_ip(mut self, public: &str) -> Self {
        let i = self.current_iface();
        i.public_ip = Some(ip(public));
        i.elastic_ip = true;
        self
    }

    /// Puts the current interface in security groups `groups`.
    pub fn sgs(mut self, groups: &[&str]) -> Self {
        self.current_iface().security_groups = groups.iter().map(|g| g.to_string()).collect();
        self
    }

    /// Makes the current instance a stateful appliance (it tracks connections).
    pub fn stateful(mut self) -> Self {
        self.s.instances.last_mut().expect("an instance").stateful = true;
        self
    }

    /// Turns the current interface's source/destination check off.
    pub fn no_src_dst_check(mut self) -> Self {
        self.current_iface().source_dest_check = false;
        self
    }

    /// The ports the current instance listens on: `"443"`, `"udp/53"`, `"8080-8081"`.
    pub fn listens(mut self, ports: &[&str]) -> Self {
        let list = ports.iter().map(|p| p.parse().unwrap()).collect();
        self.current_instance().listens = Listening::Ports(list);
        self
    }

    /// The current instance listens on every port (as imported instances do).
    pub fn listens_any(mut self) -> Self {
        self.current_instance().listens = Listening::Any;
        self
    }

    /// The current instance's operating system.
    pub fn os(mut self, os: Os) -> Self {
        self.current_instance().os = os;
        self
    }

    /// The current instance's role.
    pub fn role(mut self, role: Role) -> Self {
        self.current_instance().role = role;
        self
    }

    /// Makes the current instance a reverse proxy passing `listen_port` to `target`:`port`.
    pub fn upstream(mut self, listen_port: u16, target: &str, port: u16) -> Self {
        let i = self.current_instance();
        i.role = Role::ReverseProxy;
        i.upstreams.push(Upstream {
            listen_port,
            target: target.into(),
            port,
        });
        self
    }

    /// A public NAT gateway with interface `<id>-eni`, an Elastic IP and no security group.
    pub fn nat_gw(mut self, id: &str, subnet: &str, private_ip: &str, public: &str) -> Self {
        let mut interface = iface(&format!("{id}-eni"), subnet, private_ip);
        interface.public_ip = Some(ip(public));
        interface.elastic_ip = true;
        interface.source_dest_check = false;
        self.s.nat_gateways.push(NatGateway {
            id: id.into(),
            name: id.into(),
            connectivity: Connectivity::Public,
            interface,
        });
        self.current = Current::None;
        self
    }

    /// Changes a NAT gateway's interface (e.g. to leave its source/destination check on).
    pub fn nat_gw_iface(mut self, id: &str, f: impl FnOnce(&mut Interface)) -> Self {
        let n = self
            .s
            .nat_gateways
            .iter_mut()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("no NAT gateway {id}"));
        f(&mut n.interface);
        self
    }

    /// A Gateway Load Balancer endpoint at `private_ip` in `subnet` (interface `<id>-eni`, no
    /// security groups).
    pub fn gwlb_endpoint(mut self, id: &str, subnet: &str, private_ip: &str) -> Self {
        let interface = iface(&format!("{id}-eni"), subnet, private_ip);
        self.s
            .gwlb_endpoints
            .push(vpc_playground::model::GwlbEndpoint {
                id: id.into(),
                name: id.into(),
                interface,
            });
        self.current = Current::None;
        self
    }

    /// A host on the internet.
    pub fn internet_host(mut self, id: &str, address: &str, os: Os) -> Self {
        self.s.internet_hosts.push(InternetHost {
            ipv6: Default::default(),
            id: id.into(),
            name: id.into(),
            ip: ip(address),
            os,
            listens: Listening::Any,
        });
        self
    }

    /// An internet host that listens only on `ports`.
    pub fn internet_server(mut self, id: &str, address: &str, ports: &[&str]) -> Self {
        self.s.internet_hosts.push(InternetHost {
            ipv6: Default::default(),
            id: id.into(),
            name: id.into(),
            ip: ip(address),
            os: Os::Linux,
            listens: Listening::Ports(ports.iter().map(|p| p.parse().unwrap()).collect()),
        });
        self
    }

    /// An active VPC peering connection.
    pub fn peering(mut self, id: &str, requester: &str, accepter: &str) -> Self {
        self.s.peerings.push(Peering {
            id: id.into(),
            name: id.into(),
            requester: requester.into(),
            accepter: accepter.into(),
            active: true,
        });
        self
    }

    /// A managed prefix list.
    pub fn prefix_list(mut self, id: &str, cidrs: &[&str]) -> Self {
        self.s.prefix_lists.push(PrefixList {
            id: id.into(),
            name: id.into(),
            cidrs: cidrs.iter().map(|c| net(c).into()).collect(),
        });
        self
    }

    /// A gateway VPC endpoint of the current VPC for prefix list `pl`.
    pub fn gateway_endpoint(mut self, id: &str, pl: &str) -> Self {
        let vpc = self.vpc_id();
        self.s.gateway_endpoints.push(GatewayEndpoint {
            id: id.into(),
            name: id.into(),
            vpc,
            prefix_list: pl.into(),
        });
        self
    }

    /// An internet-facing application load balancer with one node per `(subnet, private, public)`
    /// in `sgs`, one listener on `port` forwarding to target group `<id>-tg` on `target_port`.
    pub fn alb(
        mut self,
        id: &str,
        nodes: &[(&str, &str, &str)],
        sgs: &[&str],
        port: u16,
        target_port: u16,
        targets: &[&str],
    ) -> Self {
        let nodes = nodes
            .iter()
            .enumerate()
            .map(|(n, (subnet, private, public))| {
                let mut i = iface(&format!("{id}-node{n}"), subnet, private);
                i.public_ip = Some(ip(public));
                i.security_groups = sgs.iter().map(|g| g.to_string()).collect();
                i
            })
            .collect();
        let tg = format!("{id}-tg");
        self.s.load_balancers.push(LoadBalancer {
            id: id.into(),
            kind: LbKind::Application,
            name: id.into(),
            scheme: Scheme::InternetFacing,
            nodes,
            listeners: vec![LbListener {
                protocol: LbProtocol::Http,
                port,
                target_group: tg.clone(),
            }],
            target_groups: vec![TargetGroup {
                id: tg.clone(),
                name: tg,
                protocol: LbProtocol::Http,
                port: target_port,
                health_check_port: None,
                health_check_path: None,
                preserve_client_ip: None,
                targets: targets
                    .iter()
                    .map(|t| Target {
                        id: t.to_string(),
                        port: None,
                    })
                    .collect(),
            }],
        });
        self.current = Current::None;
        self
    }

    /// The finished scenario, which must pass validation (no errors: AWS would accept it).
    /// Every interface of an instance, database and load balancer must name at least one
    /// security group, so no test relies on an interface without one.
    pub fn build(self) -> Scenario {
        let s = self.build_unvalidated();
        let errors: Vec<String> = vpc_playground::scenario::validate(&s)
            .into_iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "the test scenario is not one AWS would accept:\n  {}",
            errors.join("\n  ")
        );
        s
    }

    /// The finished scenario without validation, for states that validation does not accept
    /// (a route left pointing at a deleted target). Security groups are still required.
    pub fn build_unvalidated(self) -> Scenario {
        let s = self.s;
        let ifaces = s
            .instances
            .iter()
            .flat_map(|i| &i.interfaces)
            .chain(s.databases.iter().flat_map(|d| &d.interfaces))
            .chain(s.load_balancers.iter().flat_map(|l| &l.nodes));
        for i in ifaces {
            assert!(
                !i.security_groups.is_empty(),
                "interface {} has no security group: give it one with .sgs(..)",
                i.id
            );
        }
        s
    }
}

/// Traces one flow; panics on an input error.
pub fn run(s: &Scenario, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Trace {
    run_spec(
        s,
        FlowSpec {
            ipv6: Default::default(),
            from: from.into(),
            to: to.into(),
            protocol,
            port,
            src_port: None,
        },
    )
}

pub fn run_spec(s: &Scenario, spec: FlowSpec) -> Trace {
    let net = Network::new(s);
    trace(&net, &spec).unwrap_or_else(|e| panic!("{} -> {}: {e}", spec.from, spec.to))
}

/// A TCP flow to `port`, from the client's whole ephemeral range.
pub fn tcp(s: &Scenario, from: &str, to: &str, port: u16) -> Trace {
    run(s, from, to, Protocol::Tcp, Some(port))
}

/// A TCP flow from one fixed source port.
pub fn tcp_from_port(s: &Scenario, from: &str, to: &str, port: u16, src_port: u16) -> Trace {
    run_spec(
        s,
        FlowSpec {
            ipv6: Default::default(),
            from: from.into(),
            to: to.into(),
            protocol: Protocol::Tcp,
            port: Some(port),
            src_port: Some(src_port),
        },
    )
}

/// A UDP flow to `port`.
pub fn udp(s: &Scenario, from: &str, to: &str, port: u16) -> Trace {
    run(s, from, to, Protocol::Udp, Some(port))
}

/// An ICMP echo request (ping).
pub fn ping(s: &Scenario, from: &str, to: &str) -> Trace {
    run(s, from, to, Protocol::Icmp, None)
}

/// The trace in words, one hop a line, for failure messages.
pub fn explain(t: &Trace) -> String {
    let mut out = format!(
        "{} {} -> {} ({}:{} -> {}): {}\n  summary: {}\n",
        t.flow.protocol,
        t.flow.from,
        t.flow.to,
        t.flow.src,
        t.flow.src_port,
        t.flow.dst,
        t.verdict,
        t.summary
    );
    if let Some(b) = &t.blocked_by {
        out.push_str(&format!(
            "  blocked by: {} ({:?}) {:?} rule {:?} leg {}\n",
            b.id,
            b.kind,
            b.direction,
            b.rule_text(),
            b.leg
        ));
    }
    for h in &t.hops {
        out.push_str(&format!(
            "  [{} {:?}] {:?} {} {:?} {:?} {}:{} -> {}:{} | {}\n",
            h.leg,
            h.direction,
            h.component.kind,
            h.component.id,
            h.decision(),
            h.rule_text(),
            h.packet.src,
            h.packet.src_port,
            h.packet.dst,
            h.packet.dst_port,
            h.detail
        ));
    }
    out
}

/// Asserts the flow is established.
#[track_caller]
pub fn assert_established(t: &Trace) {
    assert_eq!(
        t.verdict,
        Verdict::Established,
        "expected established\n{}",
        explain(t)
    );
    assert!(
        t.blocked_by.is_none(),
        "established but blocked_by set\n{}",
        explain(t)
    );
}

/// Asserts the verdict and what decided it: component id, kind, direction and (when given) rule.
#[track_caller]
pub fn assert_blocked(
    t: &Trace,
    verdict: Verdict,
    id: &str,
    kind: Kind,
    direction: Direction,
    rule: Option<&str>,
) {
    assert_eq!(t.verdict, verdict, "wrong verdict\n{}", explain(t));
    let b = t
        .blocked_by
        .as_ref()
        .unwrap_or_else(|| panic!("no blocked_by\n{}", explain(t)));
    assert_eq!(b.id, id, "wrong deciding component\n{}", explain(t));
    assert_eq!(b.kind, kind, "wrong kind\n{}", explain(t));
    assert_eq!(b.direction, direction, "wrong direction\n{}", explain(t));
    if let Some(rule) = rule {
        assert_eq!(
            b.rule_text().as_deref(),
            Some(rule),
            "wrong rule\n{}",
            explain(t)
        );
    }
}

/// The hops at component `id`, in order.
pub fn hops_at<'t>(t: &'t Trace, id: &str) -> Vec<&'t Hop> {
    t.hops.iter().filter(|h| h.component.id == id).collect()
}

/// The one hop at component `id` in `direction` with `decision`; panics unless exactly one.
#[track_caller]
pub fn hop<'t>(t: &'t Trace, id: &str, direction: Direction, decision: Decision) -> &'t Hop {
    let found: Vec<&Hop> = t
        .hops
        .iter()
        .filter(|h| h.component.id == id && h.direction == direction && h.decision() == decision)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {decision:?} hop at {id} ({direction:?})\n{}",
        explain(t)
    );
    found[0]
}

/// The hop where the packet reached a host on the internet, in `direction`.
#[track_caller]
pub fn at_internet_host(t: &Trace, direction: Direction) -> &Hop {
    t.hops
        .iter()
        .find(|h| {
            h.component.kind == Kind::InternetHost
                && h.direction == direction
                && h.decision() == Decision::Deliver
        })
        .unwrap_or_else(|| panic!("never reached the internet host\n{}", explain(t)))
}

/// The ids of the network ACLs the trace passed (or was stopped by) in `direction`, in order.
pub fn acls_crossed(t: &Trace, direction: Direction) -> Vec<String> {
    t.hops
        .iter()
        .filter(|h| h.component.kind == Kind::NetworkAcl && h.direction == direction)
        .map(|h| h.component.id.clone())
        .collect()
}

/// The order in which components of `kind` appear (any direction), ids only.
pub fn components(t: &Trace, kind: Kind) -> Vec<(Direction, String)> {
    t.hops
        .iter()
        .filter(|h| h.component.kind == kind)
        .map(|h| (h.direction, h.component.id.clone()))
        .collect()
}
