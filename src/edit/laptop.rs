//! "My laptop": the learner's own computer on the internet, whose address is what the console's
//! "My IP" source means in a security group rule.

use super::place::place_auto;
use super::title::named_in;
use super::PartKind;
use crate::i18n::Lang;
use crate::model::{Id, Scenario};

/// Adds a "My laptop" host where the palette's keyboard placement puts it (outside every VPC),
/// named in `lang`.
pub fn add_my_laptop(s: &Scenario, lang: Lang) -> Result<(Scenario, Id), super::Refusal> {
    let placed = named_in(s, place_auto(s, PartKind::Laptop, None)?, lang);
    Ok((placed.scenario, placed.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::host_names::my_laptop;
    use crate::templates;

    #[test]
    fn my_laptop_is_found_by_the_palette_id_or_its_name() {
        let s = templates::get("small-service").unwrap().scenario();
        let mut bare = s.clone();
        bare.internet_hosts.clear();
        assert!(my_laptop(&bare).is_none());
        let (with, id) = add_my_laptop(&bare, Lang::En).unwrap();
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
        renamed.internet_hosts[0].name = "내 노트북".into();
        assert!(my_laptop(&renamed).is_some(), "found by its Korean name");
        renamed.internet_hosts[0].name = "office".into();
        assert!(my_laptop(&renamed).is_none());
    }

    #[test]
    fn the_added_laptop_lies_outside_every_vpc() {
        use crate::geometry::NODE_SIZE;
        let s = templates::get("public-private-db").unwrap().scenario();
        let (with, id) = add_my_laptop(&s, Lang::Ko).unwrap();
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
