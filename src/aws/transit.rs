//! Transit gateways from `describe-transit-gateways`, `describe-transit-gateway-vpc-attachments`,
//! `describe-transit-gateway-attachments` (associations), `describe-transit-gateway-route-tables`
//! and, as a Batfish snapshot keeps them, each table's propagations
//! (`TransitGatewayPropagations`) and static routes (`TransitGatewayStaticRoutes`).
//!
//! VPC and peering attachments are read here, VPN and Direct Connect attachments with the
//! on-premises network (see `super::site`); routes to other attachments are left out with a
//! warning. Propagated routes are worked out from the propagations and the
//! VPCs' blocks, so the `propagated` routes of a route search are not read.

use super::network::display_name;
use super::read::{unique, Inputs};
use super::report::Notes;
use super::values::AnyCidr;
use crate::model::*;
use std::collections::BTreeMap;

/// Every transit gateway of `inputs` with its VPC attachments and route tables. An attachment to
/// a VPC the output lacks (another account's) is left out with a warning, and so are subnets it
/// lacks.
pub(crate) fn transit_gateways(
    inputs: &Inputs,
    (vpcs, subnets): (&[Vpc], &[Subnet]),
    warnings: &mut Notes,
) -> Vec<TransitGateway> {
    let gone = |state: &Option<String>| {
        matches!(
            state.as_deref(),
            Some("deleted" | "deleting" | "failed" | "rejected")
        )
    };
    let mut out: Vec<TransitGateway> = Vec::new();
    for loc in unique(
        &inputs.transit_gateways,
        |t| &t.transit_gateway_id,
        warnings,
    ) {
        let t = &loc.item;
        if !gone(&t.state) {
            out.push(TransitGateway {
                id: t.transit_gateway_id.clone(),
                name: display_name(&t.tags, &t.transit_gateway_id),
                attachments: Vec::new(),
                route_tables: Vec::new(),
                peerings: Vec::new(),
            });
        }
    }
    let association = |attachment: &str, tgw: &str| association(inputs, attachment, tgw);
    let mut propagations = propagations(inputs);
    let vpc_attachments = unique(
        &inputs.tgw_vpc_attachments,
        |a| &a.transit_gateway_attachment_id,
        warnings,
    );
    for loc in vpc_attachments {
        let a = &loc.item;
        if gone(&a.state) {
            continue;
        }
        let Some(tgw) = out.iter_mut().find(|t| t.id == a.transit_gateway_id) else {
            warnings.ignored(format!(
                "{}: {} belongs to transit gateway {}, which is not in the output (add describe-transit-gateways); it is left out",
                loc.place(),
                a.transit_gateway_attachment_id,
                a.transit_gateway_id
            ));
            continue;
        };
        let id = a.transit_gateway_attachment_id.as_str();
        if !vpcs.iter().any(|v| v.id == a.vpc_id) {
            warnings.ignored(format!(
                "{}: {id} attaches {}, which is not in the imported VPCs (add its describe-vpcs output, from its account); it is left out",
                loc.place(),
                a.vpc_id
            ));
            continue;
        }
        let (known, unknown): (Vec<&String>, Vec<&String>) =
            (a.subnet_ids.iter()).partition(|s| subnets.iter().any(|x| x.id == **s));
        for s in unknown {
            warnings.ignored(format!(
                "{}: {id} has an interface in subnet {s}, which is not in the imported subnets; it is left out",
                loc.place()
            ));
        }
        tgw.attachments.push(TgwAttachment {
            id: id.to_string(),
            name: display_name(&a.tags, id),
            vpc: a.vpc_id.clone(),
            subnets: known.into_iter().cloned().collect(),
            route_table: association(id, &a.transit_gateway_id),
            propagates_to: propagations.remove(id).unwrap_or_default(),
        });
    }
    for loc in &inputs.tgw_attachments {
        let a = &loc.item;
        let (Some("peering"), Some(tgw), Some(peer)) = (
            a.resource_type.as_deref(),
            a.transit_gateway_id.as_deref(),
            a.resource_id.as_deref(),
        ) else {
            continue;
        };
        let id = a.transit_gateway_attachment_id.as_str();
        let Some(gw) = out.iter_mut().find(|t| t.id == tgw) else {
            continue;
        };
        if gone(&a.state) || gw.peerings.iter().any(|p| p.id == id) {
            continue;
        }
        gw.peerings.push(TgwPeering {
            id: id.to_string(),
            name: id.to_string(),
            peer: peer.to_string(),
            route_table: association(id, tgw),
        });
    }
    for loc in unique(
        &inputs.tgw_route_tables,
        |t| &t.transit_gateway_route_table_id,
        warnings,
    ) {
        let t = &loc.item;
        let Some(tgw) = out.iter_mut().find(|g| g.id == t.transit_gateway_id) else {
            warnings.ignored(format!(
                "{}: route table {} belongs to transit gateway {}, which is not in the output; it is left out",
                loc.place(),
                t.transit_gateway_route_table_id,
                t.transit_gateway_id
            ));
            continue;
        };
        let id = &t.transit_gateway_route_table_id;
        tgw.route_tables.push(TgwRouteTable {
            id: id.clone(),
            name: display_name(&t.tags, id),
            routes: static_routes(inputs, tgw, id, warnings),
        });
    }
    out.iter_mut()
        .for_each(|t| drop_unknown_tables(t, warnings));
    out
}

/// The route table attachment `attachment` is associated with on gateway `tgw` (a peering is
/// listed by both of its gateways, under one id).
pub(crate) fn association(inputs: &Inputs, attachment: &str, tgw: &str) -> Option<String> {
    (inputs.tgw_attachments.iter())
        .map(|loc| &loc.item)
        .filter(|a| a.transit_gateway_attachment_id == attachment)
        .filter(|a| a.transit_gateway_id.as_deref().is_none_or(|t| t == tgw))
        .find_map(|a| {
            let assoc = a.association.as_ref()?;
            let live = assoc.state.as_deref().is_none_or(|s| s == "associated");
            live.then(|| assoc.transit_gateway_route_table_id.clone())?
        })
}

/// The route tables each attachment propagates to (enabled propagations), by attachment id.
pub(crate) fn propagations(inputs: &Inputs) -> BTreeMap<&str, Vec<String>> {
    let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for loc in &inputs.tgw_propagations {
        let table = &loc.item.transit_gateway_route_table_id;
        for p in &loc.item.transit_gateway_route_table_propagations {
            if p.state.as_deref().is_none_or(|s| s == "enabled") {
                let to = out
                    .entry(p.transit_gateway_attachment_id.as_str())
                    .or_default();
                to.push(table.clone());
            }
        }
    }
    out
}

/// Whether `attachment` is a VPN or Direct Connect gateway attachment of the output (the
/// on-premises network's links carry it).
pub(crate) fn is_site_attachment(inputs: &Inputs, attachment: &str) -> bool {
    (inputs.tgw_attachments.iter()).any(|l| {
        l.item.transit_gateway_attachment_id == attachment
            && matches!(
                l.item.resource_type.as_deref(),
                Some("vpn" | "direct-connect-gateway")
            )
    })
}

/// Associations and propagations that name a route table the output lacks are left out, with a
/// warning (add describe-transit-gateway-route-tables).
fn drop_unknown_tables(tgw: &mut TransitGateway, warnings: &mut Notes) {
    let known: Vec<String> = tgw.route_tables.iter().map(|r| r.id.clone()).collect();
    for a in &mut tgw.attachments {
        let named = a.route_table.iter().chain(&a.propagates_to);
        for t in named.filter(|t| !known.contains(t)) {
            warnings.ignored(format!(
                "{}: route table {t} of transit gateway {} is not in the output (add describe-transit-gateway-route-tables); the attachment's association or propagation to it is left out",
                a.id, tgw.id
            ));
        }
        a.route_table.take_if(|t| !known.contains(t));
        a.propagates_to.retain(|t| known.contains(t));
    }
    for p in &mut tgw.peerings {
        if p.route_table.take_if(|t| !known.contains(t)).is_some() {
            warnings.ignored(format!(
                "{}: the route table of transit gateway {} it is associated with is not in the output; the association is left out",
                p.id, tgw.id
            ));
        }
    }
}

/// The static and blackhole routes of table `table` of `tgw` (its attachments read already).
fn static_routes(
    inputs: &Inputs,
    tgw: &TransitGateway,
    table: &str,
    warnings: &mut Notes,
) -> Vec<TgwRoute> {
    let mut out = Vec::new();
    let of_table = (inputs.tgw_static_routes.iter())
        .filter(|l| l.item.transit_gateway_route_table_id == table);
    for loc in of_table {
        for (i, r) in loc.item.routes.iter().enumerate() {
            if r.route_type.as_deref() == Some("propagated") {
                continue;
            }
            let Some(destination) = r.destination_cidr_block.map(AnyCidr::net) else {
                continue;
            };
            let attachment = (r.transit_gateway_attachments.iter())
                .find_map(|a| a.transit_gateway_attachment_id.clone());
            let blackhole = r.state.as_deref() == Some("blackhole");
            match attachment {
                _ if blackhole => out.push(TgwRoute {
                    destination,
                    attachment: None,
                }),
                Some(a)
                    if tgw.attachments.iter().any(|x| x.id == a)
                        || tgw.peerings.iter().any(|x| x.id == a)
                        || is_site_attachment(inputs, &a) =>
                {
                    out.push(TgwRoute {
                        destination,
                        attachment: Some(a),
                    })
                }
                other => warnings.ignored(format!(
                    "{}: Routes[{i}]: the route {destination} of {table} goes to {}, which is not a VPC, peering, VPN or Direct Connect attachment in the output; it is left out",
                    loc.place(),
                    other.as_deref().unwrap_or("no attachment")
                )),
            }
        }
    }
    out
}
