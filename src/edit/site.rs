//! Placing virtual private gateways and on-premises networks, and editing a site: its address
//! blocks and its links (added, removed, VPN or Direct Connect, static or BGP, up or down); and
//! route propagation from a virtual private gateway into a route table.

use super::alloc::{fresh_id, next_name, unique_title};
use super::place::{edge_rect, label, node_rect};
use super::refusal::Refusal;
use crate::geometry::{vpc_at, vpc_near, NODE_SIZE};
use crate::model::{Id, LinkEnd, LinkKind, OnPremNetwork, Scenario, SiteLink, VpnGateway};
use ipnet::Ipv4Net;

/// The blocks a new site takes, the first one no VPC or site uses.
const SITE_BLOCKS: [&str; 3] = ["192.168.0.0/16", "172.16.0.0/12", "100.64.0.0/10"];

/// Adds a virtual private gateway on the edge of the VPC at (`x`, `y`); every site without a link
/// gets a VPN connection to it. A VPC has at most one.
pub(super) fn place_vpn_gateway(s: &mut Scenario, x: f64, y: f64) -> Result<String, Refusal> {
    let vi = vpc_near(s, x, y, NODE_SIZE).ok_or(Refusal::VgwOffVpc)?;
    let vpc = s.vpcs[vi].id.clone();
    if let Some(g) = (s.vpn_gateways.iter()).find(|g| g.vpc.as_deref() == Some(vpc.as_str())) {
        return Err(Refusal::SecondVgw {
            vpc: label(&s.vpcs[vi].name, &vpc),
            vgw: label(&g.name, &g.id),
        });
    }
    let name = next_name(s, "vgw");
    let id = fresh_id(s, &name);
    let at = edge_rect(s, &vpc, x);
    s.vpn_gateways.push(VpnGateway {
        id: id.clone(),
        name,
        vpc: Some(vpc),
    });
    s.layout.insert(id.clone(), at);
    for n in 0..s.on_prem_networks.len() {
        if s.on_prem_networks[n].links.is_empty() {
            let link = vpn_to(s, LinkEnd::VpnGateway(id.clone()));
            s.on_prem_networks[n].links.push(link);
        }
    }
    Ok(id)
}

/// Adds an on-premises network at (`x`, `y`), outside every VPC, with the first free block of
/// 192.168.0.0/16, 172.16.0.0/12 and 100.64.0.0/10, and a VPN connection to the first virtual
/// private gateway when there is one.
pub(super) fn place_site(s: &mut Scenario, x: f64, y: f64) -> Result<String, Refusal> {
    if let Some(i) = vpc_at(s, x, y) {
        return Err(Refusal::SiteInVpc {
            vpc: label(&s.vpcs[i].name, &s.vpcs[i].id),
        });
    }
    let taken = |b: &Ipv4Net| {
        let vpcs = s.vpcs.iter().flat_map(|v| &v.cidrs);
        let sites = s.on_prem_networks.iter().flat_map(|n| &n.cidrs);
        vpcs.chain(sites).any(|c| c.contains(b) || b.contains(c))
    };
    let cidrs = (SITE_BLOCKS.iter().filter_map(|b| b.parse::<Ipv4Net>().ok()))
        .find(|b| !taken(b))
        .into_iter()
        .collect();
    let name = unique_title(s, "office");
    let id = fresh_id(s, &name);
    let links = (s.vpn_gateways.first().map(|g| g.id.clone()))
        .map(|g| vpn_to(s, LinkEnd::VpnGateway(g)))
        .into_iter()
        .collect();
    s.on_prem_networks.push(OnPremNetwork {
        id: id.clone(),
        name,
        cidrs,
        links,
    });
    s.layout.insert(id.clone(), node_rect(x, y));
    Ok(id)
}

/// A new VPN connection (BGP, up) to `to`.
fn vpn_to(s: &Scenario, to: LinkEnd) -> SiteLink {
    let taken: Vec<&str> = (s.on_prem_networks.iter())
        .flat_map(|n| n.links.iter().map(|l| l.id.as_str()))
        .collect();
    let id = (1..)
        .map(|k| format!("vpn-{k}"))
        .find(|id| !taken.contains(&id.as_str()) && fresh_id(s, id) == *id)
        .unwrap_or_default();
    SiteLink {
        name: id.clone(),
        id,
        kind: LinkKind::Vpn,
        to,
        static_routes: Vec::new(),
        up: true,
        attachment: None,
        route_table: None,
        propagates_to: Vec::new(),
    }
}

/// Sets the blocks of on-premises network `site` (index) to `blocks` (each already parsed),
/// without duplicates, in the order given.
pub fn set_blocks(s: &mut Scenario, site: usize, blocks: &[Ipv4Net]) {
    if let Some(n) = s.on_prem_networks.get_mut(site) {
        n.cidrs.clear();
        for b in blocks.iter().map(Ipv4Net::trunc) {
            if !n.cidrs.contains(&b) {
                n.cidrs.push(b);
            }
        }
    }
}

/// Link `link` of on-premises network `site` (indices), if both exist.
fn link_mut(s: &mut Scenario, site: usize, link: usize) -> Option<&mut SiteLink> {
    (s.on_prem_networks.get_mut(site)).and_then(|n| n.links.get_mut(link))
}

/// Brings link `link` of on-premises network `site` (indices) up or down.
pub fn set_link_up(s: &mut Scenario, site: usize, link: usize, up: bool) {
    if let Some(l) = link_mut(s, site, link) {
        l.up = up;
    }
}

/// Makes link `link` of on-premises network `site` a VPN connection or a Direct Connect virtual
/// interface. A Direct Connect interface announces over BGP only, so its static routes go.
pub fn set_link_kind(s: &mut Scenario, site: usize, link: usize, kind: LinkKind) {
    if let Some(l) = link_mut(s, site, link) {
        l.kind = kind;
        if kind == LinkKind::DirectConnect {
            l.static_routes.clear();
        }
    }
}

/// Sets the static routes of VPN connection `link` of on-premises network `site` (none: the
/// connection uses BGP and carries the site's blocks), without duplicates.
pub fn set_static_routes(s: &mut Scenario, site: usize, link: usize, routes: &[Ipv4Net]) {
    if let Some(l) = link_mut(s, site, link) {
        l.static_routes.clear();
        for r in routes.iter().map(Ipv4Net::trunc) {
            if !l.static_routes.contains(&r) {
                l.static_routes.push(r);
            }
        }
    }
}

/// Adds a VPN connection (BGP, up) from on-premises network `site` to `to`: a virtual private
/// gateway, or a transit gateway, where it gets an attachment of its own associated with and
/// propagating to the gateway's first route table, as AWS's defaults do. Returns the link's id.
pub fn add_link(s: &mut Scenario, site: usize, to: &LinkEnd) -> Option<Id> {
    s.on_prem_networks.get(site)?;
    let mut link = vpn_to(s, to.clone());
    if let LinkEnd::TransitGateway(t) = to {
        let table = (s.transit_gateways.iter().find(|g| g.id == *t))?
            .route_tables
            .first()
            .map(|r| r.id.clone());
        link.attachment = Some(fresh_id(s, &format!("{t}-{}", link.id)));
        link.propagates_to = table.iter().cloned().collect();
        link.route_table = table;
    }
    let id = link.id.clone();
    s.on_prem_networks[site].links.push(link);
    Some(id)
}

/// Removes link `link` of on-premises network `site`, with the transit gateway routes that sent
/// to it.
pub fn remove_link(s: &mut Scenario, site: usize, link: usize) {
    let Some(n) = s.on_prem_networks.get_mut(site) else {
        return;
    };
    if link >= n.links.len() {
        return;
    }
    let gone = n.links.remove(link);
    for g in &mut s.transit_gateways {
        for t in &mut g.route_tables {
            (t.routes).retain(|r| !r.attachment.as_deref().is_some_and(|a| gone.is_named(a)));
        }
    }
}

/// Turns route propagation from virtual private gateway `vgw` into route table `table` (index)
/// on or off.
pub fn set_propagation(s: &mut Scenario, table: usize, vgw: &str, on: bool) {
    if let Some(t) = s.route_tables.get_mut(table) {
        t.propagating_vgws.retain(|g| g != vgw);
        if on {
            t.propagating_vgws.push(vgw.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Scenario {
        let mut s = Scenario::new();
        s.on_prem_networks.push(OnPremNetwork {
            id: "dc".into(),
            name: String::new(),
            cidrs: Vec::new(),
            links: vec![SiteLink {
                id: "vpn-1".into(),
                name: String::new(),
                kind: LinkKind::Vpn,
                to: LinkEnd::VpnGateway("vgw".into()),
                static_routes: Vec::new(),
                up: true,
                attachment: None,
                route_table: None,
                propagates_to: Vec::new(),
            }],
        });
        s
    }

    #[test]
    fn blocks_are_kept_once_each_with_their_host_bits_cleared() {
        let mut s = site();
        let b: Vec<Ipv4Net> = ["192.168.1.7/24", "10.0.0.0/8", "192.168.1.0/24"]
            .iter()
            .map(|x| x.parse().unwrap())
            .collect();
        set_blocks(&mut s, 0, &b);
        let got: Vec<String> = s.on_prem_networks[0]
            .cidrs
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(got, ["192.168.1.0/24", "10.0.0.0/8"]);
        set_blocks(&mut s, 7, &b);
    }

    #[test]
    fn links_are_added_retyped_given_static_routes_and_removed() {
        use crate::model::TgwRoute;
        let mut s = site();
        let tgw = crate::edit::transit::create(&mut s);
        let table = s.transit_gateways[0].route_tables[0].id.clone();
        let id = add_link(&mut s, 0, &LinkEnd::TransitGateway(tgw)).unwrap();
        let l = &s.on_prem_networks[0].links[1];
        assert_eq!(
            (l.id.as_str(), l.route_table.as_ref()),
            (id.as_str(), Some(&table))
        );
        assert_eq!(l.propagates_to, [table]);
        assert_ne!(l.id, "vpn-1", "a fresh id");
        let attachment = l.attachment.clone().unwrap();
        assert!(add_link(&mut s, 0, &LinkEnd::TransitGateway("nope".into())).is_none());
        assert!(add_link(&mut s, 5, &LinkEnd::VpnGateway("vgw".into())).is_none());
        let routes: Vec<Ipv4Net> = ["192.168.1.9/24", "192.168.1.0/24"]
            .iter()
            .map(|x| x.parse().unwrap())
            .collect();
        set_static_routes(&mut s, 0, 0, &routes);
        assert_eq!(s.on_prem_networks[0].links[0].static_routes.len(), 1);
        set_link_kind(&mut s, 0, 0, LinkKind::DirectConnect);
        let l = &s.on_prem_networks[0].links[0];
        assert!(l.kind == LinkKind::DirectConnect && l.static_routes.is_empty());
        s.transit_gateways[0].route_tables[0].routes.push(TgwRoute {
            destination: "192.168.0.0/16".parse().unwrap(),
            attachment: Some(attachment),
        });
        remove_link(&mut s, 0, 1);
        remove_link(&mut s, 0, 9);
        assert_eq!(s.on_prem_networks[0].links.len(), 1);
        assert!(s.transit_gateways[0].route_tables[0].routes.is_empty());
    }

    #[test]
    fn propagation_is_turned_on_once_and_off() {
        let mut s = site();
        s.route_tables.push(crate::model::RouteTable {
            id: "rt".into(),
            name: String::new(),
            vpc: "vpc".into(),
            main: true,
            subnets: Vec::new(),
            gateways: Vec::new(),
            propagating_vgws: Vec::new(),
            routes: Vec::new(),
        });
        set_propagation(&mut s, 0, "vgw", true);
        set_propagation(&mut s, 0, "vgw", true);
        assert_eq!(s.route_tables[0].propagating_vgws, ["vgw"]);
        set_propagation(&mut s, 0, "vgw", false);
        assert!(s.route_tables[0].propagating_vgws.is_empty());
        set_propagation(&mut s, 4, "vgw", true);
    }

    #[test]
    fn a_link_goes_down_and_up_and_a_missing_one_is_left_alone() {
        let mut s = site();
        set_link_up(&mut s, 0, 0, false);
        assert!(!s.on_prem_networks[0].links[0].up);
        set_link_up(&mut s, 0, 0, true);
        assert!(s.on_prem_networks[0].links[0].up);
        set_link_up(&mut s, 0, 3, false);
        set_link_up(&mut s, 2, 0, false);
        assert!(s.on_prem_networks[0].links[0].up);
    }
}

#[cfg(test)]
mod placing {
    use crate::edit::place::place;
    use crate::edit::PartKind;
    use crate::model::{LinkEnd, Scenario};

    #[test]
    fn a_gateway_goes_on_a_vpc_and_a_site_outside_with_a_vpn_to_it() {
        let s = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0)
            .unwrap()
            .scenario;
        let v = s.layout[&s.vpcs[0].id];
        let off = place(
            &s,
            PartKind::VpnGateway,
            v.x + v.w + 300.0,
            v.y + v.h + 300.0,
        );
        assert!(off.is_err());
        let s = place(&s, PartKind::VpnGateway, v.x + 100.0, v.y)
            .unwrap()
            .scenario;
        assert_eq!(
            s.vpn_gateways[0].vpc.as_deref(),
            Some(s.vpcs[0].id.as_str())
        );
        assert!(
            place(&s, PartKind::VpnGateway, v.x + 200.0, v.y).is_err(),
            "one per VPC"
        );
        let inside = place(&s, PartKind::OnPremises, v.x + 50.0, v.y + 60.0);
        assert!(inside.is_err());
        let s = place(&s, PartKind::OnPremises, v.x, v.y + v.h + 200.0)
            .unwrap()
            .scenario;
        let site = &s.on_prem_networks[0];
        assert_eq!(site.cidrs[0].to_string(), "192.168.0.0/16");
        assert_eq!(
            site.links[0].to,
            LinkEnd::VpnGateway(s.vpn_gateways[0].id.clone())
        );
        assert!(crate::scenario::validate(&s).iter().all(|p| !p.is_error()));
        let s = place(&s, PartKind::OnPremises, v.x + 300.0, v.y + v.h + 200.0)
            .unwrap()
            .scenario;
        assert_eq!(s.on_prem_networks[1].cidrs[0].to_string(), "172.16.0.0/12");
        assert_ne!(
            s.on_prem_networks[1].links[0].id,
            s.on_prem_networks[0].links[0].id
        );
    }

    #[test]
    fn deleting_a_gateway_or_its_vpc_drops_the_links_that_end_there() {
        use crate::edit::remove::remove_parts;
        let s = place(&Scenario::new(), PartKind::Vpc, 300.0, 300.0)
            .unwrap()
            .scenario;
        let v = s.layout[&s.vpcs[0].id];
        let s = place(&s, PartKind::VpnGateway, v.x + 100.0, v.y)
            .unwrap()
            .scenario;
        let s = place(&s, PartKind::OnPremises, v.x, v.y + v.h + 200.0)
            .unwrap()
            .scenario;
        let vgw = s.vpn_gateways[0].id.clone();
        let without_gateway = remove_parts(&s, std::slice::from_ref(&vgw));
        assert!(without_gateway.vpn_gateways.is_empty());
        assert!(without_gateway.on_prem_networks[0].links.is_empty());
        let without_vpc = remove_parts(&s, std::slice::from_ref(&s.vpcs[0].id));
        assert!(without_vpc.vpn_gateways.is_empty());
        assert!(
            without_vpc.on_prem_networks[0].links.is_empty(),
            "the site stays, its link goes"
        );
        let site = s.on_prem_networks[0].id.clone();
        assert!(remove_parts(&s, &[site]).on_prem_networks.is_empty());
    }
}
