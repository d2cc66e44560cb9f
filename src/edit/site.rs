//! Editing an on-premises network: its address blocks and whether each of its links is up.

use crate::model::Scenario;
use ipnet::Ipv4Net;

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

/// Brings link `link` of on-premises network `site` (indices) up or down.
pub fn set_link_up(s: &mut Scenario, site: usize, link: usize, up: bool) {
    if let Some(l) = (s.on_prem_networks.get_mut(site)).and_then(|n| n.links.get_mut(link)) {
        l.up = up;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkEnd, LinkKind, OnPremNetwork, SiteLink};

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
