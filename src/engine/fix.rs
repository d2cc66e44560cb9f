//! One suggested fix per drop: the narrowest change AWS practice recommends that lets the flow
//! past the component that stopped it.
//!
//! - A security group drop gets one allow rule for exactly the flow's protocol and port; the peer
//!   is the client's security group (or its `/32`) when the client is inside the VPC, and
//!   `0.0.0.0/0` only when the packet comes from the internet.
//! - A network ACL drop gets one allow rule numbered just below the deny that matched (or after the
//!   last rule when the implicit `*` deny matched), for the packet's destination port; on the
//!   return path that is the client's ephemeral range as the trace reports it.
//! - A missing route gets a route: to the internet gateway for an address with a public IP, to a
//!   NAT gateway for a private one, to a peering for the peer VPC's block.
//! - A refused connection makes the server listen on the port; a missing public IP gives the part
//!   a public IP.
//!
//! [`apply`] changes the scenario; the result validates when the scenario did.

use super::network::{display, Network, Owner};
use super::trace::{BlockedBy, Hop, Kind, PortView, RuleRef, Side, Trace, Verdict};
use super::FlowSpec;
use crate::edit::alloc::next_public_ip;
use crate::model::{
    AclRule, Action, Connectivity, Destination, Listener, Listening, Peer, PortRange, Protocol,
    Route, RouteState, RouteTarget, Scenario, SgRule,
};
use ipnet::IpNet;
use serde::Serialize;
use std::net::IpAddr;

/// Highest number a user's network ACL rule may have.
const ACL_MAX: u16 = 32766;

/// One change to the scenario that lets a dropped or refused flow go further.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Fix {
    /// Add a rule to a security group.
    AddSgRule {
        /// Id of the group.
        group: String,
        /// Display name of the group.
        group_name: String,
        /// Inbound (true) or outbound (false).
        inbound: bool,
        /// The rule to add.
        rule: SgRule,
    },
    /// Add a numbered allow rule to a network ACL.
    AddAclRule {
        /// Id of the ACL.
        acl: String,
        /// Display name of the ACL.
        acl_name: String,
        /// Inbound (true) or outbound (false).
        inbound: bool,
        /// The rule to add.
        rule: AclRule,
    },
    /// Add a route to a route table.
    AddRoute {
        /// Id of the table.
        table: String,
        /// Display name of the table.
        table_name: String,
        /// The route to add.
        route: Route,
    },
    /// Make an instance or internet host listen on a port.
    Listen {
        /// Id of the instance or internet host.
        node: String,
        /// Display name.
        node_name: String,
        /// The listener to add.
        listener: Listener,
    },
    /// Give an instance's interface a public IP address.
    PublicIp {
        /// Id of the instance.
        node: String,
        /// Display name.
        node_name: String,
        /// Id of the interface that gets the address.
        interface: String,
        /// The address.
        ip: std::net::Ipv4Addr,
    },
}

/// The fix for the drop in `trace`, or `None` when the flow is established or no single change
/// the simulator can make is known to help.
pub fn suggest(s: &Scenario, spec: &FlowSpec, trace: &Trace) -> Option<Fix> {
    let b = trace.blocked_by.as_ref()?;
    let net = Network::new(s);
    let hop = trace
        .hops
        .iter()
        .rev()
        .find(|h| h.decision().stops() && h.component.id == b.id);
    match trace.verdict {
        Verdict::DroppedBySecurityGroup => sg_fix(&net, b, hop?),
        Verdict::DroppedByNetworkAcl => acl_fix(&net, b, hop?),
        Verdict::NoRoute if b.kind == Kind::RouteTable => route_fix(&net, b, hop?),
        Verdict::Refused => listen_fix(s, b, spec, hop),
        Verdict::NoPublicAddress => public_ip_fix(s, b),
        _ => None,
    }
}

fn ports_of(p: &PortView) -> Option<PortRange> {
    match p {
        PortView::None => None,
        PortView::One(n) => Some(PortRange::single(*n)),
        PortView::Set(text) => {
            let mut lo = None::<u16>;
            let mut hi = None::<u16>;
            for part in text.split(',') {
                let part = part.trim();
                let (a, z) = part.split_once('-').unwrap_or((part, part));
                let (Ok(a), Ok(z)) = (a.trim().parse::<u16>(), z.trim().parse::<u16>()) else {
                    continue;
                };
                lo = Some(lo.map_or(a, |l| l.min(a)));
                hi = Some(hi.map_or(z, |h| h.max(z)));
            }
            PortRange::new(lo?, hi?)
        }
    }
}

fn has_ports(p: Protocol) -> bool {
    matches!(p, Protocol::Tcp | Protocol::Udp)
}

fn host(ip: IpAddr) -> IpNet {
    IpNet::from(ip)
}

fn anywhere() -> IpNet {
    IpNet::default()
}

/// Every address of `ip`'s family: `0.0.0.0/0` or `::/0`.
fn anywhere_like(ip: IpAddr) -> IpNet {
    match ip {
        IpAddr::V4(_) => anywhere(),
        IpAddr::V6(_) => IpNet::V6(ipnet::Ipv6Net::default()),
    }
}

/// Whether `ip` is a host on the internet: neither inside a VPC nor a public IP of one of its
/// interfaces.
fn on_internet(net: &Network, ip: IpAddr) -> bool {
    net.vpc_of_address(ip).is_none() && net.eni_by_public(ip).is_none()
}

fn sg_fix(net: &Network, b: &BlockedBy, hop: &Hop) -> Option<Fix> {
    let g = net.scenario.security_groups.iter().find(|g| g.id == b.id)?;
    let inbound = hop.site.as_ref().is_none_or(|s| s.side == Side::Entering);
    let peer_ip = if inbound {
        hop.packet.src
    } else {
        hop.packet.dst
    };
    let vpc = net.vpc(&g.vpc);
    let peer = match vpc.and_then(|v| net.eni_by_private(v, peer_ip)) {
        Some(e) => match net.enis[e].iface.security_groups.first() {
            Some(other) => Peer::Group(other.clone()),
            None => Peer::Cidr(host(peer_ip)),
        },
        None if inbound && on_internet(net, peer_ip) => Peer::Cidr(anywhere_like(peer_ip)),
        None => Peer::Cidr(host(peer_ip)),
    };
    let ports = if has_ports(hop.packet.protocol) {
        Some(ports_of(&hop.packet.dst_port)?)
    } else {
        None
    };
    Some(Fix::AddSgRule {
        group: g.id.clone(),
        group_name: display(&g.name, &g.id).to_string(),
        inbound,
        rule: SgRule {
            protocol: hop.packet.protocol,
            ports,
            icmp: None,
            peer,
            description: String::new(),
        },
    })
}

/// The number for a new allow rule: the first free number below the deny that matched, or for the
/// implicit `*` deny the next hundred after the last rule (else the first free below 32767).
fn acl_number(rules: &[AclRule], matched: Option<&RuleRef>) -> Option<u16> {
    let used = |n: u16| rules.iter().any(|r| r.number == n);
    match matched {
        Some(RuleRef::AclRule { number: deny }) => (1..*deny).rev().find(|n| !used(*n)),
        _ => {
            let last = rules.iter().map(|r| r.number).max().unwrap_or(0);
            let next = (last / 100 + 1).saturating_mul(100);
            if next <= ACL_MAX && !used(next) {
                Some(next)
            } else {
                (1..=ACL_MAX).rev().find(|n| !used(*n))
            }
        }
    }
}

fn acl_fix(net: &Network, b: &BlockedBy, hop: &Hop) -> Option<Fix> {
    let acl = net.scenario.network_acls.iter().find(|a| a.id == b.id)?;
    let inbound = hop.site.as_ref().is_none_or(|s| s.side == Side::Entering);
    let rules = if inbound { &acl.inbound } else { &acl.outbound };
    let number = acl_number(rules, b.rule.as_ref())?;
    let peer_ip = if inbound {
        hop.packet.src
    } else {
        hop.packet.dst
    };
    let cidr = if on_internet(net, peer_ip) {
        anywhere_like(peer_ip)
    } else {
        host(peer_ip)
    };
    let ports = if has_ports(hop.packet.protocol) {
        Some(ports_of(&hop.packet.dst_port)?)
    } else {
        None
    };
    Some(Fix::AddAclRule {
        acl: acl.id.clone(),
        acl_name: display(&acl.name, &acl.id).to_string(),
        inbound,
        rule: AclRule {
            number,
            protocol: hop.packet.protocol,
            ports,
            icmp: None,
            cidr,
            action: Action::Allow,
        },
    })
}

fn route_fix(net: &Network, b: &BlockedBy, hop: &Hop) -> Option<Fix> {
    let s = net.scenario;
    let rt = s.route_tables.iter().find(|t| t.id == b.id)?;
    let vpc = net.vpc(&rt.vpc)?;
    let route = |dest: IpNet, target: RouteTarget| Route {
        destination: Destination::Cidr(dest),
        target,
        state: RouteState::Active,
    };
    let found = if let Some(peer_vpc) = net.vpc_of_address(hop.packet.dst) {
        // A peered VPC: route its block to the active peering between the two.
        let (mine, theirs) = (&s.vpcs[vpc].id, &s.vpcs[peer_vpc]);
        let pcx = s.peerings.iter().find(|p| {
            p.active
                && ((p.requester == *mine && p.accepter == theirs.id)
                    || (p.accepter == *mine && p.requester == theirs.id))
        })?;
        let block = theirs
            .cidrs
            .iter()
            .find(|c| crate::engine::network::v4_in(c, hop.packet.dst))
            .copied()?;
        route(
            ipnet::IpNet::V4(block),
            RouteTarget::PeeringConnection(pcx.id.clone()),
        )
    } else {
        // The internet: an address with a public IP goes out through the internet gateway, a
        // private one through a NAT gateway in another subnet.
        let igw = s
            .internet_gateways
            .iter()
            .find(|g| g.vpc.as_deref() == Some(rt.vpc.as_str()));
        let src = net.eni_by_private(vpc, hop.packet.src);
        if hop.packet.dst.is_ipv6() {
            // IPv6 needs no translation: the internet gateway, else an egress-only one.
            let dest = anywhere_like(hop.packet.dst);
            let eigw = (s.egress_only_internet_gateways.iter()).find(|g| g.vpc == rt.vpc);
            let target = match (igw, eigw) {
                (Some(g), _) => RouteTarget::InternetGateway(g.id.clone()),
                (None, Some(g)) => RouteTarget::EgressOnlyInternetGateway(g.id.clone()),
                _ => return None,
            };
            return Some(Fix::AddRoute {
                table: rt.id.clone(),
                table_name: display(&rt.name, &rt.id).to_string(),
                route: route(dest, target),
            });
        }
        let public = src.is_some_and(|e| {
            net.enis[e].iface.public_ip.is_some()
                || matches!(net.enis[e].owner, Owner::NatGateway(_))
        });
        let src_subnet = src.map(|e| net.enis[e].subnet);
        // A public NAT gateway of this VPC, in another subnet than the sender's.
        let nat = s.nat_gateways.iter().find(|n| {
            n.connectivity == Connectivity::Public
                && net
                    .subnet(&n.interface.subnet)
                    .is_some_and(|sn| net.subnets[sn].vpc == vpc && Some(sn) != src_subnet)
        });
        match (public, igw, nat) {
            (true, Some(g), _) => route(anywhere(), RouteTarget::InternetGateway(g.id.clone())),
            (false, _, Some(n)) => route(anywhere(), RouteTarget::NatGateway(n.id.clone())),
            (false, Some(g), None) => route(anywhere(), RouteTarget::InternetGateway(g.id.clone())),
            _ => return None,
        }
    };
    Some(Fix::AddRoute {
        table: rt.id.clone(),
        table_name: display(&rt.name, &rt.id).to_string(),
        route: found,
    })
}

fn listen_fix(s: &Scenario, b: &BlockedBy, spec: &FlowSpec, hop: Option<&Hop>) -> Option<Fix> {
    // The hop's port, which on a later leg is the target's, not the one the client asked for.
    let protocol = hop.map_or(spec.protocol, |h| h.packet.protocol);
    let port = match hop.map(|h| &h.packet.dst_port) {
        Some(PortView::One(p)) => *p,
        _ => spec.port?,
    };
    if !has_ports(protocol) {
        return None;
    }
    let known =
        s.instances.iter().any(|i| i.id == b.id) || s.internet_hosts.iter().any(|h| h.id == b.id);
    known.then(|| Fix::Listen {
        node: b.id.clone(),
        node_name: b.name.clone(),
        listener: Listener {
            protocol,
            ports: PortRange::single(port),
        },
    })
}

fn public_ip_fix(s: &Scenario, b: &BlockedBy) -> Option<Fix> {
    let i = s.instances.iter().find(|i| i.id == b.id)?;
    let iface = i.interfaces.first()?;
    Some(Fix::PublicIp {
        node: i.id.clone(),
        node_name: b.name.clone(),
        interface: iface.id.clone(),
        ip: next_public_ip(s),
    })
}

/// Makes the change `fix` describes. Errors name what is missing (a part deleted since the fix
/// was suggested) or already there.
pub fn apply(fix: &Fix, s: &mut Scenario) -> Result<(), String> {
    match fix {
        Fix::AddSgRule {
            group,
            inbound,
            rule,
            ..
        } => {
            let g = s
                .security_groups
                .iter_mut()
                .find(|g| g.id == *group)
                .ok_or_else(|| format!("security group {group} no longer exists"))?;
            let list = if *inbound {
                &mut g.inbound
            } else {
                &mut g.outbound
            };
            list.push(rule.clone());
        }
        Fix::AddAclRule {
            acl, inbound, rule, ..
        } => {
            let a = s
                .network_acls
                .iter_mut()
                .find(|a| a.id == *acl)
                .ok_or_else(|| format!("network ACL {acl} no longer exists"))?;
            let list = if *inbound {
                &mut a.inbound
            } else {
                &mut a.outbound
            };
            if list.iter().any(|r| r.number == rule.number) {
                return Err(format!(
                    "network ACL {acl} already has rule {}",
                    rule.number
                ));
            }
            list.push(rule.clone());
            crate::sorting::sort_by_key(list, |r| r.number);
        }
        Fix::AddRoute { table, route, .. } => {
            let t = s
                .route_tables
                .iter_mut()
                .find(|t| t.id == *table)
                .ok_or_else(|| format!("route table {table} no longer exists"))?;
            if t.routes.iter().any(|r| r.destination == route.destination) {
                return Err(format!("route table {table} already has this destination"));
            }
            t.routes.push(route.clone());
        }
        Fix::Listen { node, listener, .. } => {
            let listens = if let Some(i) = s.instances.iter_mut().find(|i| i.id == *node) {
                &mut i.listens
            } else if let Some(h) = s.internet_hosts.iter_mut().find(|h| h.id == *node) {
                &mut h.listens
            } else {
                return Err(format!("{node} no longer exists"));
            };
            match listens {
                Listening::Any => {}
                Listening::Ports(list) => {
                    if !list.contains(listener) {
                        list.push(*listener);
                    }
                }
            }
        }
        Fix::PublicIp {
            node,
            interface,
            ip,
            ..
        } => {
            let i = s
                .instances
                .iter_mut()
                .find(|i| i.id == *node)
                .ok_or_else(|| format!("{node} no longer exists"))?;
            let n = i
                .interfaces
                .iter_mut()
                .find(|n| n.id == *interface)
                .ok_or_else(|| format!("interface {interface} no longer exists"))?;
            n.public_ip = Some(*ip);
        }
    }
    Ok(())
}

fn proto_ports(p: Protocol, ports: Option<PortRange>) -> String {
    match ports {
        Some(r) => format!("{p}/{r}"),
        None => p.to_string(),
    }
}

fn peer_text(s: &Scenario, p: &Peer) -> String {
    match p {
        Peer::Cidr(c) => c.to_string(),
        Peer::Group(g) => s
            .security_groups
            .iter()
            .find(|x| x.id == *g)
            .map_or(g.clone(), |x| display(&x.name, &x.id).to_string()),
        Peer::PrefixList(l) => l.clone(),
    }
}

fn dest_text(d: &Destination) -> String {
    match d {
        Destination::Cidr(c) => c.to_string(),
        Destination::PrefixList(l) => l.clone(),
    }
}

/// The fix in one English sentence, e.g. "Add an inbound rule tcp/443 from 0.0.0.0/0 to web-sg".
pub fn describe_en(fix: &Fix, s: &Scenario) -> String {
    match fix {
        Fix::AddSgRule {
            group_name,
            inbound: true,
            rule,
            ..
        } => format!(
            "Add an inbound rule {} from {} to {group_name}",
            proto_ports(rule.protocol, rule.ports),
            peer_text(s, &rule.peer)
        ),
        Fix::AddSgRule {
            group_name, rule, ..
        } => format!(
            "Add an outbound rule {} to {} in {group_name}",
            proto_ports(rule.protocol, rule.ports),
            peer_text(s, &rule.peer)
        ),
        Fix::AddAclRule {
            acl_name,
            inbound,
            rule,
            ..
        } => format!(
            "Add {} rule {} to network ACL {acl_name}: allow {} {} {}",
            if *inbound { "inbound" } else { "outbound" },
            rule.number,
            proto_ports(rule.protocol, rule.ports),
            if *inbound { "from" } else { "to" },
            rule.cidr
        ),
        Fix::AddRoute {
            table_name, route, ..
        } => format!(
            "Add a route {} → {} to route table {table_name}",
            dest_text(&route.destination),
            super::walk::target_id(&route.target)
        ),
        Fix::Listen {
            node_name,
            listener,
            ..
        } => format!(
            "Make {node_name} listen on {}",
            proto_ports(listener.protocol, Some(listener.ports))
        ),
        Fix::PublicIp { node_name, ip, .. } => {
            format!("Give {node_name} a public IP address ({ip})")
        }
    }
}

/// The fix in one Korean sentence.
pub fn describe_ko(fix: &Fix, s: &Scenario) -> String {
    match fix {
        Fix::AddSgRule {
            group_name,
            inbound: true,
            rule,
            ..
        } => crate::ko!(
            "{}에 인바운드 규칙 {} (소스 {})을 추가하세요",
            group_name,
            proto_ports(rule.protocol, rule.ports),
            peer_text(s, &rule.peer)
        ),
        Fix::AddSgRule {
            group_name, rule, ..
        } => crate::ko!(
            "{}에 아웃바운드 규칙 {} (대상 {})을 추가하세요",
            group_name,
            proto_ports(rule.protocol, rule.ports),
            peer_text(s, &rule.peer)
        ),
        Fix::AddAclRule {
            acl_name,
            inbound,
            rule,
            ..
        } => crate::ko!(
            "네트워크 ACL {}에 {} 규칙 {}을 추가하세요: {} 허용 ({} {})",
            acl_name,
            if *inbound {
                crate::ko_str!("인바운드")
            } else {
                crate::ko_str!("아웃바운드")
            },
            rule.number,
            proto_ports(rule.protocol, rule.ports),
            if *inbound {
                crate::ko_str!("소스")
            } else {
                crate::ko_str!("대상")
            },
            rule.cidr
        ),
        Fix::AddRoute {
            table_name, route, ..
        } => crate::ko!(
            "라우팅 테이블 {}에 경로 {} → {}을 추가하세요",
            table_name,
            dest_text(&route.destination),
            super::walk::target_id(&route.target)
        ),
        Fix::Listen {
            node_name,
            listener,
            ..
        } => crate::ko!(
            "{}이(가) {}에서 수신하도록 하세요",
            node_name,
            proto_ports(listener.protocol, Some(listener.ports))
        ),
        Fix::PublicIp { node_name, ip, .. } => {
            crate::ko!("{}에 퍼블릭 IP 주소({})를 부여하세요", node_name, ip)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(number: u16) -> AclRule {
        AclRule {
            number,
            protocol: Protocol::All,
            ports: None,
            icmp: None,
            cidr: anywhere(),
            action: Action::Deny,
        }
    }

    #[test]
    fn acl_number_is_the_first_free_number_below_the_deny() {
        let rules = [rule(98), rule(99), rule(100)];
        let number = |number| RuleRef::AclRule { number };
        assert_eq!(acl_number(&rules, Some(&number(100))), Some(97));
        // Nothing can go before rule 1.
        assert_eq!(acl_number(&[rule(1)], Some(&number(1))), None);
    }

    #[test]
    fn acl_number_after_the_star_is_the_next_hundred_or_the_highest_free() {
        assert_eq!(acl_number(&[], Some(&RuleRef::AclDefault)), Some(100));
        assert_eq!(
            acl_number(&[rule(100), rule(250)], Some(&RuleRef::AclDefault)),
            Some(300)
        );
        assert_eq!(
            acl_number(&[rule(32766)], Some(&RuleRef::AclDefault)),
            Some(32765)
        );
    }

    #[test]
    fn port_sets_read_as_the_range_that_covers_them() {
        let r = ports_of(&PortView::Set("32768-40000,50000-60999".into()));
        assert_eq!(r, PortRange::new(32768, 60999));
        assert_eq!(ports_of(&PortView::One(443)), Some(PortRange::single(443)));
        assert_eq!(ports_of(&PortView::Set("nonsense".into())), None);
        assert_eq!(ports_of(&PortView::None), None);
    }
}
