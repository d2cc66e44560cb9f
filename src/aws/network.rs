//! Mapping the addressing and filtering parts: VPCs, subnets, route tables, network ACLs,
//! security groups, prefix lists and gateway endpoints.

use super::error::ImportError;
use super::raw::*;
use super::read::{unique, Inputs, Located};
use super::report::Notes;
use super::values::{RawAction, RawProtocol};
use crate::model::*;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::collections::BTreeSet;

/// The `Name` tag, else `fallback`.
pub(crate) fn display_name(tags: &[Tag], fallback: &str) -> String {
    name_tag(tags).unwrap_or(fallback).to_string()
}

/// The blocks of an `Ipv6CidrBlockAssociationSet` whose state is absent or `associated`.
fn associated_ipv6(set: &Option<Vec<RawIpv6CidrAssociation>>) -> Vec<Ipv6Net> {
    let mut out: Vec<Ipv6Net> = Vec::new();
    for a in set.iter().flatten() {
        if associated(&a.ipv6_cidr_block_state) && !out.contains(&a.ipv6_cidr_block.0) {
            out.push(a.ipv6_cidr_block.0);
        }
    }
    out
}

/// VPCs with every associated IPv4 block, the primary one first, and their associated IPv6
/// blocks.
pub(crate) fn vpcs(inputs: &Inputs, warnings: &mut Notes) -> Vec<Vpc> {
    unique(&inputs.vpcs, |v| &v.vpc_id, warnings)
        .into_iter()
        .map(|loc| {
            let v = &loc.item;
            let associated: Vec<Ipv4Net> = v
                .cidr_block_association_set
                .iter()
                .filter(|a| {
                    a.cidr_block_state
                        .as_ref()
                        .and_then(|s| s.state.as_deref())
                        .is_none_or(|s| s == "associated")
                })
                .map(|a| a.cidr_block.0)
                .collect();
            let mut cidrs = vec![v.cidr_block.0];
            if !associated.is_empty() && !associated.contains(&v.cidr_block.0) {
                // The primary block is being disassociated: keep only the associated ones.
                cidrs.clear();
            }
            for c in associated {
                if !cidrs.contains(&c) {
                    cidrs.push(c);
                }
            }
            Vpc {
                id: v.vpc_id.clone(),
                name: display_name(&v.tags, &v.vpc_id),
                cidrs,
                ipv6_cidrs: associated_ipv6(&v.ipv6_cidr_block_association_set),
            }
        })
        .collect()
}

/// Subnets with an IPv4 block, and their associated IPv6 block if any; IPv6-only subnets are
/// skipped with a warning.
pub(crate) fn subnets(inputs: &Inputs, warnings: &mut Notes) -> Vec<Subnet> {
    let mut out = Vec::new();
    for loc in unique(&inputs.subnets, |s| &s.subnet_id, warnings) {
        let s = &loc.item;
        let Some(cidr) = s.cidr_block else {
            warnings.ignored(format!(
                "{}: skipped {}: it has no IPv4 block (IPv6-only subnets are not modelled)",
                loc.place(),
                s.subnet_id
            ));
            continue;
        };
        let ipv6 = associated_ipv6(&s.ipv6_cidr_block_association_set);
        if ipv6.len() > 1 {
            warnings.ignored(format!(
                "{}: {} has {} IPv6 blocks; only the first, {}, is imported",
                loc.place(),
                s.subnet_id,
                ipv6.len(),
                ipv6[0]
            ));
        }
        out.push(Subnet {
            id: s.subnet_id.clone(),
            name: display_name(&s.tags, &s.subnet_id),
            vpc: s.vpc_id.clone(),
            az: s.availability_zone.clone(),
            cidr: cidr.0,
            ipv6_cidr: ipv6.first().copied(),
        });
    }
    out
}

/// Whether an association's state is absent or `associated`.
fn associated(state: &Option<RawState>) -> bool {
    state
        .as_ref()
        .and_then(|s| s.state.as_deref())
        .is_none_or(|s| s == "associated")
}

/// Route tables, without their `local` routes, IPv4 and IPv6 (implicit in the model).
pub(crate) fn route_tables(inputs: &Inputs, warnings: &mut Notes) -> Vec<RouteTable> {
    let mut out = Vec::new();
    for loc in unique(&inputs.route_tables, |t| &t.route_table_id, warnings) {
        let t = &loc.item;
        let mut table = RouteTable {
            id: t.route_table_id.clone(),
            name: display_name(&t.tags, &t.route_table_id),
            vpc: t.vpc_id.clone(),
            main: false,
            subnets: Vec::new(),
            gateways: Vec::new(),
            propagating_vgws: (t.propagating_vgws.iter())
                .map(|g| g.gateway_id.clone())
                .collect(),
            routes: Vec::new(),
        };
        for a in t
            .associations
            .iter()
            .filter(|a| associated(&a.association_state))
        {
            table.main |= a.main;
            if let Some(subnet) = &a.subnet_id {
                table.subnets.push(subnet.clone());
            }
            if let Some(gw) = &a.gateway_id {
                table.gateways.push(gw.clone());
            }
        }
        for (j, r) in t.routes.iter().enumerate() {
            if let Some(route) = route(r, &format!("{}.Routes[{j}]", loc.place()), warnings) {
                table.routes.push(route);
            }
        }
        out.push(table);
    }
    out
}

/// Keeps each table's gateway associations (ingress routing) that name a gateway of the output;
/// in a gateway route table, keeps the routes a gateway table holds (to local, an interface or an
/// instance) and warns of the rest (a Gateway Load Balancer endpoint is not modelled).
pub(crate) fn edge_associations(
    tables: &mut [RouteTable],
    (igws, vgws): (
        &[crate::model::InternetGateway],
        &[crate::model::VpnGateway],
    ),
    warnings: &mut Notes,
) {
    for t in tables.iter_mut() {
        t.gateways.retain(|gw| {
            let known = igws.iter().any(|g| g.id == *gw) || vgws.iter().any(|g| g.id == *gw);
            if !known {
                warnings.ignored(format!(
                    "route table {} is associated with gateway {gw}, which the output lacks; that association (ingress routing) is ignored",
                    t.id
                ));
            }
            known
        });
        if t.gateways.is_empty() {
            continue;
        }
        let id = t.id.clone();
        t.routes.retain(|r| {
            // A `vpce-` target may be a Gateway Load Balancer endpoint: see `gwlb::retarget`.
            let kept = matches!(
                r.target,
                RouteTarget::NetworkInterface(_)
                    | RouteTarget::Instance(_)
                    | RouteTarget::GatewayEndpoint(_)
            );
            if !kept {
                warnings.ignored(format!(
                    "gateway route table {id}: skipped the route to {}, a target the playground does not model in a gateway route table",
                    crate::engine::walk::target_id(&r.target)
                ));
            }
            kept
        });
    }
}

/// Keeps each table's route propagation from a virtual private gateway of the output attached to
/// the table's VPC, and warns of the rest. (The routes the gateway propagated are in the table's
/// routes as describe-route-tables lists them, and are kept.)
pub(crate) fn propagations(
    tables: &mut [RouteTable],
    vgws: &[crate::model::VpnGateway],
    warnings: &mut Notes,
) {
    for t in tables.iter_mut() {
        let (id, vpc) = (&t.id, &t.vpc);
        t.propagating_vgws.retain(|gw| {
            let known = (vgws.iter()).any(|g| g.id == *gw && g.vpc.as_ref() == Some(vpc));
            if !known {
                warnings.ignored(format!(
                    "route table {id} has route propagation from {gw}, which the output lacks or which is not attached to {vpc}; the propagation is ignored (the routes listed stay)"
                ));
            }
            known
        });
    }
}

/// One route, or `None` for a local route or one the model cannot hold (warned at `place`).
/// The local routes (to the VPC's IPv4 and IPv6 blocks) are implicit in the model.
fn route(r: &RawRoute, place: &str, warnings: &mut Notes) -> Option<Route> {
    if r.gateway_id.as_deref() == Some("local") {
        return None;
    }
    let destination = match (
        &r.destination_cidr_block,
        &r.destination_ipv6_cidr_block,
        &r.destination_prefix_list_id,
    ) {
        (Some(c), _, _) => Destination::Cidr(IpNet::V4(c.0)),
        (None, Some(c), _) => Destination::Cidr(IpNet::V6(c.0)),
        (None, None, Some(pl)) => Destination::PrefixList(pl.clone()),
        (None, None, None) => {
            warnings.ignored(format!("{place}: skipped the route with no destination"));
            return None;
        }
    };
    let target = if let Some(eigw) = &r.egress_only_internet_gateway_id {
        RouteTarget::EgressOnlyInternetGateway(eigw.clone())
    } else if let Some(gw) = &r.gateway_id {
        if gw.starts_with("igw-") {
            RouteTarget::InternetGateway(gw.clone())
        } else if gw.starts_with("eigw-") {
            RouteTarget::EgressOnlyInternetGateway(gw.clone())
        } else if gw.starts_with("vpce-") {
            RouteTarget::GatewayEndpoint(gw.clone())
        } else if gw.starts_with("vgw-") {
            RouteTarget::VpnGateway(gw.clone())
        } else {
            warnings.ignored(format!(
                "{place}: skipped the route to {gw}: a gateway the playground does not model"
            ));
            return None;
        }
    } else if let Some(nat) = &r.nat_gateway_id {
        RouteTarget::NatGateway(nat.clone())
    } else if let Some(i) = &r.instance_id {
        RouteTarget::Instance(i.clone())
    } else if let Some(eni) = &r.network_interface_id {
        RouteTarget::NetworkInterface(eni.clone())
    } else if let Some(pcx) = &r.vpc_peering_connection_id {
        RouteTarget::PeeringConnection(pcx.clone())
    } else if let Some(tgw) = &r.transit_gateway_id {
        RouteTarget::TransitGateway(tgw.clone())
    } else {
        let other = [
            &r.local_gateway_id,
            &r.carrier_gateway_id,
            &r.core_network_arn,
        ]
        .into_iter()
        .flatten()
        .next()
        .map_or("an unknown target".to_string(), |t| t.clone());
        warnings.ignored(format!(
            "{place}: skipped the route to {other}, a target the playground does not model"
        ));
        return None;
    };
    let state = match r.state.as_deref() {
        Some("blackhole") => RouteState::Blackhole,
        _ => RouteState::Active,
    };
    Some(Route {
        destination,
        target,
        state,
    })
}

/// A number that is -1 (any) or 0..=`max`, read at `below` the record.
fn number_or_any<T>(
    loc: &Located<T>,
    below: &str,
    value: Option<i64>,
    max: i64,
    what: &str,
) -> Result<Option<i64>, ImportError> {
    match value {
        None | Some(-1) => Ok(None),
        Some(n) if (0..=max).contains(&n) => Ok(Some(n)),
        Some(n) => Err(loc.error(
            below,
            format!("{what} {n} is outside 0-{max} (or -1 for any)"),
        )),
    }
}

/// A port range from two optional ends; `None` (all ports) when either end is absent or -1.
fn port_range<T>(
    loc: &Located<T>,
    below: &str,
    (from_key, from): (&str, Option<i64>),
    (to_key, to): (&str, Option<i64>),
) -> Result<Option<PortRange>, ImportError> {
    let from = number_or_any(loc, &format!("{below}{from_key}"), from, 65535, "port")?;
    let to = number_or_any(loc, &format!("{below}{to_key}"), to, 65535, "port")?;
    match (from, to) {
        (Some(a), Some(b)) => {
            // Both ends are in 0..=65535 here.
            let (a, b) = (a as u16, b as u16);
            PortRange::new(a, b).map(Some).ok_or_else(|| {
                loc.error(
                    &format!("{below}{from_key}"),
                    format!("port range {a}-{b} runs backwards"),
                )
            })
        }
        _ => Ok(None),
    }
}

/// An ICMP type and code (-1 or absent for any); `None` when both are any.
fn icmp_match<T>(
    loc: &Located<T>,
    (type_path, icmp_type): (&str, Option<i64>),
    (code_path, code): (&str, Option<i64>),
) -> Result<Option<IcmpMatch>, ImportError> {
    let icmp_type = number_or_any(loc, type_path, icmp_type, 255, "ICMP type")?;
    let code = number_or_any(loc, code_path, code, 255, "ICMP code")?;
    Ok(
        (icmp_type.is_some() || code.is_some()).then_some(IcmpMatch {
            icmp_type: icmp_type.map(|t| t as u8),
            code: code.map(|c| c as u8),
        }),
    )
}

/// Network ACLs; the implicit `*` rule (32767) and IPv6 entries are left out.
pub(crate) fn network_acls(
    inputs: &Inputs,
    warnings: &mut Notes,
) -> Result<Vec<NetworkAcl>, ImportError> {
    let mut out = Vec::new();
    for loc in unique(&inputs.network_acls, |a| &a.network_acl_id, warnings) {
        let a = &loc.item;
        let mut acl = NetworkAcl {
            id: a.network_acl_id.clone(),
            name: display_name(&a.tags, &a.network_acl_id),
            vpc: a.vpc_id.clone(),
            default: a.is_default,
            subnets: a
                .associations
                .iter()
                .filter_map(|s| s.subnet_id.clone())
                .collect(),
            inbound: Vec::new(),
            outbound: Vec::new(),
        };
        for (j, e) in a.entries.iter().enumerate() {
            let below = format!(".Entries[{j}]");
            if let Some(rule) = acl_rule(loc, &below, e)? {
                if e.egress {
                    acl.outbound.push(rule);
                } else {
                    acl.inbound.push(rule);
                }
            }
        }
        crate::sorting::sort_by_key(&mut acl.inbound, |r| r.number);
        crate::sorting::sort_by_key(&mut acl.outbound, |r| r.number);
        out.push(acl);
    }
    Ok(out)
}

/// One ACL entry, or `None` for the `*` rules: 32767 for IPv4 and 32768 for IPv6, as
/// describe-network-acls prints them (the model's ACLs end in an implicit deny).
fn acl_rule(
    loc: &Located<RawAcl>,
    below: &str,
    e: &RawAclEntry,
) -> Result<Option<AclRule>, ImportError> {
    let last = if e.ipv6_cidr_block.is_some() && e.cidr_block.is_none() {
        32768
    } else {
        32767
    };
    if e.rule_number == last {
        return Ok(None);
    }
    if !(1..=32766).contains(&e.rule_number) {
        return Err(loc.error(
            &format!("{below}.RuleNumber"),
            format!("rule number {} is outside 1-32766", e.rule_number),
        ));
    }
    let cidr = match (e.cidr_block, e.ipv6_cidr_block) {
        (Some(c), _) => IpNet::V4(c.0),
        (None, Some(c)) => IpNet::V6(c.0),
        (None, None) => {
            return Err(loc.error(below, "missing field `CidrBlock` (or `Ipv6CidrBlock`)"));
        }
    };
    let RawProtocol(protocol) = e.protocol;
    let ports = match (&e.port_range, protocol.has_ports()) {
        (Some(r), true) => port_range(
            loc,
            &format!("{below}.PortRange"),
            (".From", r.from),
            (".To", r.to),
        )?,
        _ => None,
    };
    let icmp = match (&e.icmp_type_code, protocol.is_icmp()) {
        (Some(tc), true) => icmp_match(
            loc,
            (&format!("{below}.IcmpTypeCode.Type"), tc.icmp_type),
            (&format!("{below}.IcmpTypeCode.Code"), tc.code),
        )?,
        _ => None,
    };
    Ok(Some(AclRule {
        number: e.rule_number,
        protocol,
        ports,
        icmp,
        cidr,
        action: match e.rule_action {
            RawAction::Allow => Action::Allow,
            RawAction::Deny => Action::Deny,
        },
    }))
}

/// Security groups; each AWS permission becomes one rule per peer (CIDR, group, prefix list).
pub(crate) fn security_groups(
    inputs: &Inputs,
    warnings: &mut Notes,
) -> Result<Vec<SecurityGroup>, ImportError> {
    let mut out = Vec::new();
    for loc in unique(&inputs.security_groups, |g| &g.group_id, warnings) {
        let g = &loc.item;
        let Some(vpc) = &g.vpc_id else {
            warnings.ignored(format!(
                "{}: skipped {}: it belongs to no VPC (EC2-Classic)",
                loc.place(),
                g.group_id
            ));
            continue;
        };
        let fallback = g.group_name.as_deref().unwrap_or(&g.group_id);
        let mut group = SecurityGroup {
            id: g.group_id.clone(),
            name: display_name(&g.tags, fallback),
            vpc: vpc.clone(),
            inbound: Vec::new(),
            outbound: Vec::new(),
        };
        for (key, perms, rules) in [
            ("IpPermissions", &g.ip_permissions, &mut group.inbound),
            (
                "IpPermissionsEgress",
                &g.ip_permissions_egress,
                &mut group.outbound,
            ),
        ] {
            for (k, perm) in perms.iter().enumerate() {
                let below = format!(".{key}[{k}]");
                sg_rules(loc, &below, perm, rules, warnings)?;
            }
        }
        out.push(group);
    }
    Ok(out)
}

/// Expands one permission into `rules`.
fn sg_rules(
    loc: &Located<RawSecurityGroup>,
    below: &str,
    perm: &RawPermission,
    rules: &mut Vec<SgRule>,
    warnings: &mut Notes,
) -> Result<(), ImportError> {
    let RawProtocol(protocol) = perm.ip_protocol;
    let (ports, icmp) = match protocol {
        Protocol::Tcp | Protocol::Udp => (
            port_range(
                loc,
                below,
                (".FromPort", perm.from_port),
                (".ToPort", perm.to_port),
            )?,
            None,
        ),
        Protocol::Icmp | Protocol::Icmpv6 => (
            None,
            icmp_match(
                loc,
                (&format!("{below}.FromPort"), perm.from_port),
                (&format!("{below}.ToPort"), perm.to_port),
            )?,
        ),
        _ => (None, None),
    };
    let rule = |peer: Peer, description: &Option<String>| SgRule {
        protocol,
        ports,
        icmp,
        peer,
        description: description.clone().unwrap_or_default(),
    };
    for r in &perm.ip_ranges {
        rules.push(rule(Peer::Cidr(IpNet::V4(r.cidr_ip.0)), &r.description));
    }
    for r in perm.ipv6_ranges.iter().flatten() {
        rules.push(rule(Peer::Cidr(IpNet::V6(r.cidr_ipv6.0)), &r.description));
    }
    for (m, pair) in perm.user_id_group_pairs.iter().enumerate() {
        match &pair.group_id {
            Some(id) => rules.push(rule(Peer::Group(id.clone()), &pair.description)),
            None => warnings.ignored(format!(
                "{}{below}.UserIdGroupPairs[{m}]: skipped: the pair names no GroupId",
                loc.place()
            )),
        }
    }
    for pl in &perm.prefix_list_ids {
        rules.push(rule(
            Peer::PrefixList(pl.prefix_list_id.clone()),
            &pl.description,
        ));
    }
    Ok(())
}

/// Prefix lists with their IPv4 and IPv6 blocks. Lists from describe-managed-prefix-lists carry no entries;
/// they are kept empty, with a warning.
pub(crate) fn prefix_lists(inputs: &Inputs, warnings: &mut Notes) -> Vec<PrefixList> {
    let mut out = Vec::new();
    for loc in unique(&inputs.prefix_lists, |p| &p.prefix_list_id, warnings) {
        let p = &loc.item;
        let cidrs = match &p.cidrs {
            Some(list) => list.iter().map(|c| c.net()).collect(),
            None => {
                warnings.inferred(format!(
                    "{}: {} lists no addresses (describe-managed-prefix-lists does not print them); it is imported empty, so it matches nothing",
                    loc.place(),
                    p.prefix_list_id
                ));
                Vec::new()
            }
        };
        out.push(PrefixList {
            id: p.prefix_list_id.clone(),
            name: p
                .prefix_list_name
                .clone()
                .unwrap_or_else(|| p.prefix_list_id.clone()),
            cidrs,
        });
    }
    out
}

/// Whether a VPC endpoint in `state` is gone (or never came to be).
pub(crate) fn endpoint_gone(state: Option<&str>) -> bool {
    matches!(
        state.map(str::to_ascii_lowercase).as_deref(),
        Some("deleting" | "deleted" | "rejected" | "failed" | "expired")
    )
}

/// Gateway endpoints: from describe-vpc-endpoints, and for any route to a `vpce-` target that
/// output does not list, from the route itself (its prefix-list destination names the service).
pub(crate) fn gateway_endpoints(
    inputs: &Inputs,
    tables: &[RouteTable],
    prefix_lists: &[PrefixList],
    warnings: &mut Notes,
) -> Vec<GatewayEndpoint> {
    // (endpoint, VPC, prefix list) for every prefix-list route to an endpoint.
    let routed: Vec<(&str, &str, &str)> = tables
        .iter()
        .flat_map(|t| {
            t.routes
                .iter()
                .filter_map(|r| match (&r.target, &r.destination) {
                    (RouteTarget::GatewayEndpoint(e), Destination::PrefixList(pl)) => {
                        Some((e.as_str(), t.vpc.as_str(), pl.as_str()))
                    }
                    _ => None,
                })
        })
        .collect();
    let mut out: Vec<GatewayEndpoint> = Vec::new();
    let mut skipped = BTreeSet::new();
    for loc in unique(&inputs.endpoints, |e| &e.vpc_endpoint_id, warnings) {
        let e = &loc.item;
        let gateway = e
            .vpc_endpoint_type
            .as_deref()
            .is_none_or(|t| t.eq_ignore_ascii_case("gateway"));
        if !gateway || endpoint_gone(e.state.as_deref()) {
            // Interface and Gateway Load Balancer endpoints have interfaces; gone ones carry
            // nothing.
            skipped.insert(e.vpc_endpoint_id.as_str());
            continue;
        }
        let service = e.service_name.as_deref().unwrap_or_default();
        let prefix_list = routed
            .iter()
            .find(|(id, _, _)| *id == e.vpc_endpoint_id)
            .map(|(_, _, pl)| pl.to_string())
            .or_else(|| {
                prefix_lists
                    .iter()
                    .find(|p| !service.is_empty() && p.name == service)
                    .map(|p| p.id.clone())
            });
        let Some(prefix_list) = prefix_list else {
            warnings.ignored(format!(
                "{}: skipped {}: no route or prefix list tells which prefix list serves {}",
                loc.place(),
                e.vpc_endpoint_id,
                if service.is_empty() { "it" } else { service }
            ));
            continue;
        };
        let short = service.rsplit('.').next().filter(|s| !s.is_empty());
        out.push(GatewayEndpoint {
            id: e.vpc_endpoint_id.clone(),
            name: display_name(&e.tags, short.unwrap_or(&e.vpc_endpoint_id)),
            vpc: e.vpc_id.clone(),
            prefix_list,
        });
    }
    for (id, vpc, pl) in routed {
        if skipped.contains(id) || out.iter().any(|e| e.id == id) {
            continue;
        }
        out.push(GatewayEndpoint {
            id: id.to_string(),
            name: id.to_string(),
            vpc: vpc.to_string(),
            prefix_list: pl.to_string(),
        });
    }
    out
}
