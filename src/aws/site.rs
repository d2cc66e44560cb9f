//! Virtual private gateways (`describe-vpn-gateways`) and the on-premises network behind the
//! VPN connections (`describe-vpn-connections`) and Direct Connect virtual interfaces
//! (`directconnect describe-virtual-interfaces`, with `describe-direct-connect-gateway-associations`
//! and the transit gateways' `direct-connect-gateway` attachments).
//!
//! The describe output says which links exist, whether they are up (a VPN with a tunnel `UP`, a
//! virtual interface `available` with a BGP session up) and, for static VPNs, which blocks are
//! sent over them. It does not say what a site announces over BGP: those blocks come from the
//! `network` statements of the `router bgp` sections of router configurations beside the output
//! (a Batfish snapshot's `configs/`), a default route (`0.0.0.0`) aside. Every link joins one
//! on-premises network, `on-premises`, which holds those blocks; Direct Connect links come first.

use super::network::display_name;
use super::raw::RawVpnConnection;
use super::read::{unique, Inputs};
use super::report::Notes;
use super::transit::{association, propagations};
use super::values::AnyCidr;
use crate::model::*;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// The id of the imported on-premises network.
pub(crate) const SITE_ID: &str = "on-premises";

/// Whether an AWS state means the resource is gone.
fn gone(state: Option<&str>) -> bool {
    matches!(
        state,
        Some("deleted" | "deleting" | "failed" | "rejected" | "detached")
    )
}

/// Every virtual private gateway of `inputs`, with the VPC it is attached to.
pub(crate) fn vpn_gateways(inputs: &Inputs, warnings: &mut Notes) -> Vec<VpnGateway> {
    let items = unique(&inputs.vpn_gateways, |g| &g.vpn_gateway_id, warnings);
    (items.into_iter())
        .map(|l| &l.item)
        .filter(|g| !gone(g.state.as_deref()))
        .map(|g| VpnGateway {
            id: g.vpn_gateway_id.clone(),
            name: display_name(&g.tags, &g.vpn_gateway_id),
            vpc: (g.vpc_attachments.iter())
                .find(|a| a.state.as_deref().is_none_or(|s| s == "attached"))
                .and_then(|a| a.vpc_id.clone()),
        })
        .collect()
}

/// Adds a stand-in virtual private gateway, attached to the table's VPC, for each one a route
/// names that the output lacks (a partial dump), with a warning.
pub(crate) fn infer_vpn_gateways(
    gateways: &mut Vec<VpnGateway>,
    tables: &[RouteTable],
    warnings: &mut Notes,
) {
    for t in tables {
        for r in &t.routes {
            let RouteTarget::VpnGateway(id) = &r.target else {
                continue;
            };
            if gateways.iter().any(|g| g.id == *id) {
                continue;
            }
            warnings.inferred(format!(
                "route table {}: virtual private gateway {id} is not in the output (add describe-vpn-gateways); a stand-in attached to {} with no VPN connection is used",
                t.id, t.vpc
            ));
            gateways.push(VpnGateway {
                id: id.clone(),
                name: id.clone(),
                vpc: Some(t.vpc.clone()),
            });
        }
    }
}

/// The on-premises network behind the links of `inputs`, if there is any link; `gateways` are
/// the imported virtual private gateways and `tgws` the imported transit gateways.
pub(crate) fn on_prem_networks(
    inputs: &Inputs,
    (gateways, tgws): (&[VpnGateway], &[TransitGateway]),
    warnings: &mut Notes,
) -> Vec<OnPremNetwork> {
    let mut links = direct_connect_links(inputs, (gateways, tgws), warnings);
    links.extend(vpn_links(inputs, (gateways, tgws), warnings));
    if links.is_empty() {
        return Vec::new();
    }
    let mut cidrs: Vec<Ipv4Net> = Vec::new();
    for (file, text) in &inputs.router_configs {
        let found = announced(text);
        if !found.is_empty() {
            let shown: Vec<String> = found.iter().map(|c| c.to_string()).collect();
            warnings.inferred(format!(
                "{file}: the on-premises network announces {} over BGP (read from its network statements)",
                shown.join(", ")
            ));
        }
        cidrs.extend(found);
    }
    for l in &links {
        cidrs.extend(l.static_routes.iter().copied());
    }
    cidrs.sort();
    cidrs.dedup();
    if cidrs.is_empty() && links.iter().any(|l| l.static_routes.is_empty()) {
        warnings.inferred(format!(
            "{SITE_ID}: the describe output does not say which blocks the site announces over BGP; add them to the on-premises network (or give the routers' configs, as a Batfish snapshot's configs/ folder)"
        ));
    }
    vec![OnPremNetwork {
        id: SITE_ID.to_string(),
        name: "On-premises network".to_string(),
        cidrs,
        links,
    }]
}

/// A link's AWS end: where it ends, its transit gateway attachment id, the route table that
/// attachment is associated with and those it propagates to.
type End = (LinkEnd, Option<Id>, Option<Id>, Vec<Id>);

/// A link of transit gateway attachment `attachment` on `tgw`, or `None` (with a warning) when
/// the gateway is not imported.
fn tgw_end(
    inputs: &Inputs,
    tgws: &[TransitGateway],
    (tgw, attachment): (&str, &str),
    place: &str,
    warnings: &mut Notes,
) -> Option<End> {
    let Some(t) = tgws.iter().find(|t| t.id == tgw) else {
        warnings.ignored(format!(
            "{place}: it ends at transit gateway {tgw}, which is not in the output; it is left out"
        ));
        return None;
    };
    let known = |r: &String| t.route_tables.iter().any(|x| x.id == *r);
    let route_table = association(inputs, attachment, tgw).filter(known);
    let propagates_to = (propagations(inputs).remove(attachment).unwrap_or_default())
        .into_iter()
        .filter(known)
        .collect();
    Some((
        LinkEnd::TransitGateway(tgw.to_string()),
        Some(attachment.to_string()),
        route_table,
        propagates_to,
    ))
}

/// The transit gateway attachment of resource `resource` (of `kind`), as (gateway, attachment).
fn attachment_of<'a>(inputs: &'a Inputs, kind: &str, resource: &str) -> Option<(&'a str, &'a str)> {
    (inputs.tgw_attachments.iter()).find_map(|l| {
        let a = &l.item;
        (a.resource_type.as_deref() == Some(kind) && a.resource_id.as_deref() == Some(resource))
            .then_some(())?;
        Some((
            a.transit_gateway_id.as_deref()?,
            a.transit_gateway_attachment_id.as_str(),
        ))
    })
}

/// A VPN connection's link, when it is live and its AWS end is imported.
fn vpn_link(
    inputs: &Inputs,
    (gateways, tgws): (&[VpnGateway], &[TransitGateway]),
    (v, place): (&RawVpnConnection, String),
    warnings: &mut Notes,
) -> Option<SiteLink> {
    let id = v.vpn_connection_id.clone();
    let (to, attachment, route_table, propagates_to) = match (
        &v.vpn_gateway_id,
        &v.transit_gateway_id,
    ) {
        (Some(g), _) if gateways.iter().any(|x| x.id == *g) => {
            (LinkEnd::VpnGateway(g.clone()), None, None, Vec::new())
        }
        (_, Some(t)) => {
            let attachment = attachment_of(inputs, "vpn", &id).map_or(id.as_str(), |(_, a)| a);
            tgw_end(inputs, tgws, (t, attachment), &place, warnings)?
        }
        (Some(g), None) => {
            warnings.ignored(format!(
                "{place}: it ends at virtual private gateway {g}, which is not in the output (add describe-vpn-gateways); it is left out"
            ));
            return None;
        }
        (None, None) => {
            warnings.ignored(format!("{place}: it names no gateway; it is left out"));
            return None;
        }
    };
    let statics = v.options.as_ref().and_then(|o| o.static_routes_only) == Some(true);
    let static_routes = (v.routes.iter())
        .filter(|_| statics)
        .filter(|r| !gone(r.state.as_deref()))
        .filter_map(|r| match r.destination_cidr_block {
            Some(AnyCidr::V4(n)) => Some(n),
            _ => None,
        })
        .collect();
    let tunnels = &v.vgw_telemetry;
    let up = tunnels.is_empty() || tunnels.iter().any(|t| t.status.as_deref() == Some("UP"));
    if !up {
        warnings.ignored(format!(
            "{place}: both tunnels of {id} are down, so it carries nothing"
        ));
    }
    Some(SiteLink {
        name: display_name(&v.tags, &id),
        id,
        kind: LinkKind::Vpn,
        to,
        static_routes,
        up,
        attachment,
        route_table,
        propagates_to,
    })
}

/// The links of the VPN connections of `inputs`, and of VPN attachments whose connection the
/// output lacks (assumed up, with a warning).
fn vpn_links(
    inputs: &Inputs,
    ends: (&[VpnGateway], &[TransitGateway]),
    warnings: &mut Notes,
) -> Vec<SiteLink> {
    let mut out = Vec::new();
    for loc in unique(&inputs.vpn_connections, |v| &v.vpn_connection_id, warnings) {
        let v = &loc.item;
        if gone(v.state.as_deref()) {
            continue;
        }
        out.extend(vpn_link(inputs, ends, (v, loc.place()), warnings));
    }
    for loc in &inputs.tgw_attachments {
        let a = &loc.item;
        let (Some("vpn"), Some(vpn), Some(tgw)) = (
            a.resource_type.as_deref(),
            a.resource_id.as_deref(),
            a.transit_gateway_id.as_deref(),
        ) else {
            continue;
        };
        let listed = inputs
            .vpn_connections
            .iter()
            .any(|v| v.item.vpn_connection_id == vpn);
        if listed || gone(a.state.as_deref()) || out.iter().any(|l: &SiteLink| l.id == vpn) {
            continue;
        }
        let place = loc.place();
        let id = a.transit_gateway_attachment_id.as_str();
        if let Some((to, attachment, route_table, propagates_to)) =
            tgw_end(inputs, ends.1, (tgw, id), &place, warnings)
        {
            warnings.inferred(format!(
                "{place}: VPN connection {vpn} is not in the output (add describe-vpn-connections); it is taken to be up, with BGP"
            ));
            out.push(SiteLink {
                id: vpn.to_string(),
                name: vpn.to_string(),
                kind: LinkKind::Vpn,
                to,
                static_routes: Vec::new(),
                up: true,
                attachment,
                route_table,
                propagates_to,
            });
        }
    }
    out
}

/// The links of the Direct Connect virtual interfaces of `inputs`: a private one on a virtual
/// private gateway, or one on a Direct Connect gateway, which joins the virtual private gateways
/// it is associated with or the transit gateway it is attached to.
fn direct_connect_links(
    inputs: &Inputs,
    (gateways, tgws): (&[VpnGateway], &[TransitGateway]),
    warnings: &mut Notes,
) -> Vec<SiteLink> {
    let mut out = Vec::new();
    for loc in unique(
        &inputs.virtual_interfaces,
        |v| &v.virtual_interface_id,
        warnings,
    ) {
        let v = &loc.item;
        if gone(v.virtual_interface_state.as_deref()) {
            continue;
        }
        let up = v
            .virtual_interface_state
            .as_deref()
            .is_none_or(|s| s == "available")
            && (v.bgp_peers.is_empty()
                || v.bgp_peers
                    .iter()
                    .any(|p| p.bgp_status.as_deref() == Some("up")));
        let id = v.virtual_interface_id.clone();
        let name = v
            .virtual_interface_name
            .clone()
            .unwrap_or_else(|| id.clone());
        let place = loc.place();
        let mut ends = Vec::new();
        if let Some(g) = v.virtual_gateway_id.as_ref().filter(|g| !g.is_empty()) {
            ends.push((LinkEnd::VpnGateway(g.clone()), None, None, Vec::new()));
        }
        if let Some(dx) = &v.direct_connect_gateway_id {
            for a in inputs.dx_associations.iter().map(|l| &l.item) {
                let live = a
                    .association_state
                    .as_deref()
                    .is_none_or(|s| s == "associated");
                let gw = a.associated_gateway.as_ref().map(|g| g.id.clone());
                if let (true, true, Some(g)) = (live, a.direct_connect_gateway_id == *dx, gw) {
                    if gateways.iter().any(|x| x.id == g) {
                        ends.push((LinkEnd::VpnGateway(g), None, None, Vec::new()));
                    }
                }
            }
            if let Some((tgw, att)) = attachment_of(inputs, "direct-connect-gateway", dx) {
                ends.extend(tgw_end(inputs, tgws, (tgw, att), &place, warnings));
            }
        }
        if ends.is_empty() {
            warnings.ignored(format!(
                "{place}: {id} reaches no virtual private gateway or transit gateway in the output; it is left out"
            ));
        }
        let many = ends.len() > 1;
        for (i, (to, attachment, route_table, propagates_to)) in ends.into_iter().enumerate() {
            let suffix = if many {
                format!("-{}", i + 1)
            } else {
                String::new()
            };
            out.push(SiteLink {
                id: format!("{id}{suffix}"),
                name: format!("{name}{suffix}"),
                kind: LinkKind::DirectConnect,
                to,
                static_routes: Vec::new(),
                up,
                attachment,
                route_table,
                propagates_to,
            });
        }
    }
    out
}

/// The blocks a router configuration announces over BGP: the `network` statements of its
/// `router bgp` sections (`network 10.0.0.0 mask 255.255.0.0` or `network 10.0.0.0/16`), the
/// default route and statements without a mask left out.
pub(crate) fn announced(config: &str) -> Vec<Ipv4Net> {
    let mut out = Vec::new();
    let mut in_bgp = false;
    for line in config.lines() {
        let indented = line.starts_with(' ') || line.starts_with('\t');
        let words: Vec<&str> = line.split_whitespace().collect();
        if !indented {
            in_bgp = words.first() == Some(&"router") && words.get(1) == Some(&"bgp");
            continue;
        }
        let net = match (in_bgp, words.as_slice()) {
            (true, ["network", addr, "mask", mask, ..]) => {
                let addr = addr.parse::<Ipv4Addr>().ok();
                let len = (mask.parse::<Ipv4Addr>().ok())
                    .and_then(|m| ipnet::ipv4_mask_to_prefix(m).ok());
                addr.zip(len).and_then(|(a, l)| Ipv4Net::new(a, l).ok())
            }
            (true, ["network", cidr, ..]) if cidr.contains('/') => cidr.parse().ok(),
            _ => None,
        };
        if let Some(n) = net
            .map(|n: Ipv4Net| n.trunc())
            .filter(|n| n.prefix_len() > 0)
        {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::announced;

    #[test]
    fn bgp_network_statements_are_read_in_both_forms_and_only_in_router_bgp() {
        let config = "hostname r\ninterface Loopback0\n network 9.9.9.0/24\nrouter bgp 65001\n bgp router-id 1.1.1.1\n network 10.10.0.0 mask 255.255.0.0\n address-family ipv4\n   network 203.0.113.0/24\n   network 0.0.0.0\n   network 0.0.0.0/0\n!\nip route 0.0.0.0 0.0.0.0 1.1.1.1\n";
        let got: Vec<String> = announced(config).iter().map(|n| n.to_string()).collect();
        assert_eq!(got, ["10.10.0.0/16", "203.0.113.0/24"]);
    }
}
