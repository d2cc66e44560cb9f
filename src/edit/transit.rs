//! Editing transit gateways the way the VPC console does: create one (with its default route
//! table), attach a VPC (one subnet per Availability Zone, associated with and propagating to the
//! default table, as AWS does by default), pick an attachment's association and propagations,
//! and write static and blackhole routes.

use super::alloc::{fresh_id, next_name};
use super::refusal::Refusal;
use crate::edit::find::name_of;
use crate::model::{Id, Scenario, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway};
use ipnet::Ipv4Net;

/// Adds a transit gateway with one route table (its default table); returns its id.
pub fn create(s: &mut Scenario) -> Id {
    let name = next_name(s, "tgw");
    let id = fresh_id(s, &name);
    let table = fresh_id(s, &format!("{id}-rt"));
    s.transit_gateways.push(TransitGateway {
        id: id.clone(),
        name,
        attachments: Vec::new(),
        route_tables: vec![TgwRouteTable {
            id: table,
            name: String::new(),
            routes: Vec::new(),
        }],
        peerings: Vec::new(),
    });
    id
}

fn gateway<'a>(s: &'a mut Scenario, tgw: &str) -> Result<&'a mut TransitGateway, Refusal> {
    s.transit_gateways
        .iter_mut()
        .find(|t| t.id == tgw)
        .ok_or_else(|| Refusal::NoPart { id: tgw.into() })
}

/// The subnets an attachment to `vpc` gets: the first subnet (in scenario order) of each of the
/// VPC's Availability Zones, so every zone the VPC uses can reach the gateway.
pub fn attachment_subnets(s: &Scenario, vpc: &str) -> Vec<Id> {
    let mut zones: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for x in s.subnets.iter().filter(|x| x.vpc == vpc) {
        if !zones.contains(&x.az.as_str()) {
            zones.push(&x.az);
            out.push(x.id.clone());
        }
    }
    out
}

/// Attaches `vpc` to transit gateway `tgw` with one subnet per zone, associated with the
/// gateway's first route table and propagating its blocks to it. Returns the attachment's id.
pub fn attach(s: &mut Scenario, tgw: &str, vpc: &str) -> Result<Id, Refusal> {
    let subnets = attachment_subnets(s, vpc);
    let (tgw_name, vpc_name) = (name_of(s, tgw), name_of(s, vpc));
    if subnets.is_empty() {
        return Err(Refusal::AttachmentNeedsSubnet { vpc: vpc_name });
    }
    let id = fresh_id(s, &format!("{tgw}-{vpc}"));
    let t = gateway(s, tgw)?;
    if t.attachments.iter().any(|a| a.vpc == vpc) {
        return Err(Refusal::AlreadyAttached {
            vpc: vpc_name,
            tgw: tgw_name,
        });
    }
    let table = t.route_tables.first().map(|r| r.id.clone());
    t.attachments.push(TgwAttachment {
        id: id.clone(),
        name: String::new(),
        vpc: vpc.into(),
        subnets,
        route_table: table.clone(),
        propagates_to: table.into_iter().collect(),
    });
    Ok(id)
}

/// Removes attachment `attachment` of `tgw` with the static routes that sent to it.
pub fn detach(s: &mut Scenario, tgw: &str, attachment: &str) -> Result<(), Refusal> {
    let t = gateway(s, tgw)?;
    t.attachments.retain(|a| a.id != attachment);
    for table in &mut t.route_tables {
        table
            .routes
            .retain(|r| r.attachment.as_deref() != Some(attachment));
    }
    Ok(())
}

fn attachment_mut<'a>(
    s: &'a mut Scenario,
    tgw: &str,
    attachment: &str,
) -> Result<&'a mut TgwAttachment, Refusal> {
    gateway(s, tgw)?
        .attachments
        .iter_mut()
        .find(|a| a.id == attachment)
        .ok_or_else(|| Refusal::NoPart {
            id: attachment.into(),
        })
}

/// Associates `attachment` with route table `table` (none: what comes in through it is dropped).
pub fn associate(
    s: &mut Scenario,
    tgw: &str,
    attachment: &str,
    table: Option<&str>,
) -> Result<(), Refusal> {
    attachment_mut(s, tgw, attachment)?.route_table = table.map(Into::into);
    Ok(())
}

/// Turns the propagation of `attachment`'s VPC blocks to route table `table` on or off.
pub fn propagate(
    s: &mut Scenario,
    tgw: &str,
    attachment: &str,
    table: &str,
    on: bool,
) -> Result<(), Refusal> {
    let a = attachment_mut(s, tgw, attachment)?;
    a.propagates_to.retain(|t| t != table);
    if on {
        a.propagates_to.push(table.into());
    }
    Ok(())
}

/// Adds a route table to `tgw` (associated with nothing yet); returns its id.
pub fn add_table(s: &mut Scenario, tgw: &str) -> Result<Id, Refusal> {
    let n = gateway(s, tgw)?.route_tables.len() + 1;
    let id = fresh_id(s, &format!("{tgw}-rt-{n}"));
    gateway(s, tgw)?.route_tables.push(TgwRouteTable {
        id: id.clone(),
        name: String::new(),
        routes: Vec::new(),
    });
    Ok(id)
}

/// Adds a static route for `destination` to table `table` of `tgw`, to `attachment` (none: a
/// blackhole route). Refuses a second static route for the same block, as AWS does.
pub fn add_route(
    s: &mut Scenario,
    tgw: &str,
    table: &str,
    destination: Ipv4Net,
    attachment: Option<&str>,
) -> Result<(), Refusal> {
    let t = gateway(s, tgw)?;
    let Some(rt) = t.route_tables.iter_mut().find(|r| r.id == table) else {
        return Err(Refusal::NoPart { id: table.into() });
    };
    let destination = destination.trunc();
    if rt
        .routes
        .iter()
        .any(|r| r.destination.trunc() == ipnet::IpNet::V4(destination))
    {
        return Err(Refusal::DuplicateTgwRoute { destination });
    }
    rt.routes.push(TgwRoute {
        destination: ipnet::IpNet::V4(destination),
        attachment: attachment.map(Into::into),
    });
    Ok(())
}

/// Removes static route `index` of table `table` of `tgw`.
pub fn remove_route(s: &mut Scenario, tgw: &str, table: &str, index: usize) -> Result<(), Refusal> {
    let t = gateway(s, tgw)?;
    if let Some(rt) = t.route_tables.iter_mut().find(|r| r.id == table) {
        if index < rt.routes.len() {
            rt.routes.remove(index);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{trace, FlowSpec, Verdict};

    /// Two VPCs with an instance each, every port open.
    fn two_vpcs() -> Scenario {
        crate::templates::load("peering-not-transitive").expect("template")
    }

    #[test]
    fn attaching_picks_one_subnet_per_zone_and_uses_the_default_table() {
        let mut s = two_vpcs();
        let tgw = create(&mut s);
        let vpc = s.vpcs[0].id.clone();
        let a = attach(&mut s, &tgw, &vpc).unwrap();
        let t = &s.transit_gateways[0];
        let att = t.attachments.iter().find(|x| x.id == a).unwrap();
        let zones: Vec<&str> = (att.subnets.iter())
            .map(|id| s.subnets.iter().find(|x| x.id == *id).unwrap().az.as_str())
            .collect();
        let mut unique = zones.clone();
        unique.dedup();
        assert_eq!(zones, unique, "one subnet per zone");
        assert_eq!(att.route_table.as_ref(), Some(&t.route_tables[0].id));
        assert_eq!(att.propagates_to, vec![t.route_tables[0].id.clone()]);
        assert!(matches!(
            attach(&mut s, &tgw, &vpc),
            Err(Refusal::AlreadyAttached { .. })
        ));
        assert!(crate::scenario::validate(&s)
            .iter()
            .all(|p| p.severity != crate::scenario::Severity::Error));
    }

    #[test]
    fn a_vpc_without_subnets_cannot_be_attached() {
        let mut s = two_vpcs();
        let tgw = create(&mut s);
        let vpc = s.vpcs[0].id.clone();
        s.subnets.retain(|x| x.vpc != vpc);
        assert!(matches!(
            attach(&mut s, &tgw, &vpc),
            Err(Refusal::AttachmentNeedsSubnet { .. })
        ));
    }

    #[test]
    fn detaching_removes_the_static_routes_to_the_attachment() {
        let mut s = two_vpcs();
        let tgw = create(&mut s);
        let vpc = s.vpcs[0].id.clone();
        let a = attach(&mut s, &tgw, &vpc).unwrap();
        let table = s.transit_gateways[0].route_tables[0].id.clone();
        let block: Ipv4Net = "192.168.0.0/16".parse().unwrap();
        add_route(&mut s, &tgw, &table, block, Some(&a)).unwrap();
        assert!(matches!(
            add_route(
                &mut s,
                &tgw,
                &table,
                "192.168.1.0/16".parse().unwrap(),
                None
            ),
            Err(Refusal::DuplicateTgwRoute { .. })
        ));
        detach(&mut s, &tgw, &a).unwrap();
        assert!(s.transit_gateways[0].attachments.is_empty());
        assert!(s.transit_gateways[0].route_tables[0].routes.is_empty());
    }

    #[test]
    fn vpcs_a_peering_cannot_join_reach_each_other_through_the_gateway() {
        use crate::model::{Destination, Route, RouteTarget};
        let mut s = two_vpcs();
        let before = trace(
            &crate::engine::Network::new(&s),
            &FlowSpec::tcp("a-app", "c-app", 22),
        )
        .unwrap();
        assert_ne!(before.verdict, Verdict::Established);
        let tgw = create(&mut s);
        attach(&mut s, &tgw, "vpc-a").unwrap();
        attach(&mut s, &tgw, "vpc-c").unwrap();
        for (vpc, other) in [("vpc-a", "10.3.0.0/16"), ("vpc-c", "10.1.0.0/16")] {
            let other = Destination::Cidr(other.parse().unwrap());
            for rt in s.route_tables.iter_mut().filter(|t| t.vpc == vpc) {
                rt.routes.retain(|r| r.destination != other);
                rt.routes.push(Route {
                    destination: other.clone(),
                    target: RouteTarget::TransitGateway(tgw.clone()),
                    state: Default::default(),
                });
            }
        }
        let t = trace(
            &crate::engine::Network::new(&s),
            &FlowSpec::tcp("a-app", "c-app", 22),
        )
        .unwrap();
        let summary = crate::engine::explain::en::summary(&t);
        assert!(t.hops.iter().any(|h| h.component.id == tgw), "{summary}");
        assert!(
            !matches!(t.verdict, Verdict::NoRoute | Verdict::BlackholeRoute),
            "{summary}"
        );
    }

    #[test]
    fn deleting_a_gateway_takes_the_routes_to_it_and_nothing_else() {
        use crate::model::{Destination, Route, RouteTarget};
        let mut s = two_vpcs();
        let tgw = create(&mut s);
        attach(&mut s, &tgw, "vpc-a").unwrap();
        let to = |g: &str| Route {
            destination: Destination::Cidr("10.9.0.0/16".parse().unwrap()),
            target: RouteTarget::TransitGateway(g.into()),
            state: Default::default(),
        };
        s.route_tables[0].routes.push(to(&tgw));
        s.route_tables[0].routes.push(to("tgw-0imported"));
        let n = s.route_tables[0].routes.len();
        let after = crate::edit::remove::remove_parts(&s, std::slice::from_ref(&tgw));
        assert!(after.transit_gateways.is_empty());
        assert_eq!(after.route_tables[0].routes.len(), n - 1);
        assert!(after.route_tables[0].routes.contains(&to("tgw-0imported")));
        assert_eq!(after.vpcs, s.vpcs);
    }
}
