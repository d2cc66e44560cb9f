//! "My laptop": the learner's own computer on the internet, whose address is what the console's
//! "My IP" source means in a security group rule.

use super::place::place;
use super::PartKind;
use crate::layout::NODE_SIZE;
use crate::model::{Id, InternetHost, Scenario};

/// The id the palette gives the first "My laptop" it places.
const LAPTOP_ID: &str = "laptop";

/// The scenario's "My laptop" host: the one the palette placed (id `laptop`, `laptop-2`...),
/// else one named "My laptop".
pub fn my_laptop(s: &Scenario) -> Option<&InternetHost> {
    let placed = |h: &&InternetHost| {
        h.id == LAPTOP_ID
            || h.id
                .strip_prefix("laptop-")
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    s.internet_hosts
        .iter()
        .find(placed)
        .or_else(|| s.internet_hosts.iter().find(|h| h.name == "My laptop"))
}

/// Adds a "My laptop" host right of everything drawn (outside every VPC), as the palette would.
pub fn add_my_laptop(s: &Scenario) -> Result<(Scenario, Id), String> {
    let right = s
        .layout
        .values()
        .map(|r| r.x + r.w.max(NODE_SIZE))
        .fold(0.0_f64, f64::max);
    let top = s.layout.values().map(|r| r.y).fold(f64::INFINITY, f64::min);
    let top = if top.is_finite() { top } else { 0.0 };
    let placed = place(
        s,
        PartKind::Laptop,
        right + 60.0 + NODE_SIZE / 2.0,
        top + NODE_SIZE,
    )?;
    Ok((placed.scenario, placed.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn my_laptop_is_found_by_the_palette_id_or_its_name() {
        let s = templates::get("small-service").unwrap().scenario();
        let mut bare = s.clone();
        bare.internet_hosts.clear();
        assert!(my_laptop(&bare).is_none());
        let (with, id) = add_my_laptop(&bare).unwrap();
        let host = my_laptop(&with).expect("the added laptop");
        assert_eq!(host.id, id);
        assert_eq!(host.name, "My laptop");
        assert!(with
            .vpcs
            .iter()
            .all(|v| v.cidrs.iter().all(|c| !c.contains(&host.ip))));
        let mut renamed = with.clone();
        renamed.internet_hosts[0].id = "pc".into();
        assert!(my_laptop(&renamed).is_some(), "still found by its name");
        renamed.internet_hosts[0].name = "office".into();
        assert!(my_laptop(&renamed).is_none());
    }

    #[test]
    fn the_added_laptop_lies_outside_every_vpc() {
        let s = templates::get("public-private-db").unwrap().scenario();
        let (with, id) = add_my_laptop(&s).unwrap();
        let r = with.layout[&id];
        for v in &with.vpcs {
            let b = with.layout[&v.id];
            assert!(
                r.x >= b.x + b.w || r.y + NODE_SIZE <= b.y,
                "{r:?} overlaps {b:?}"
            );
        }
    }
}
