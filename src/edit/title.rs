//! New internet hosts named in the language the page speaks (their names are
//! [`super::host_names`]). Ids stay ASCII (`laptop`, `internet`); only the shown name changes.

use super::alloc::unique_title;
use super::host_names::ALL;
use super::place::Placed;
use crate::i18n::Lang;
use crate::model::Scenario;

/// `placed` with its new internet host named in `lang`: a host the palette named "My laptop"
/// (or "My laptop 2"...) in `before` is renamed "내 노트북" (made unique among `before`'s names)
/// when `lang` is Korean. Other parts, other names and English are left as they are.
pub fn named_in(before: &Scenario, mut placed: Placed, lang: Lang) -> Placed {
    if lang == Lang::En {
        return placed;
    }
    let Some(host) = placed
        .scenario
        .internet_hosts
        .iter_mut()
        .find(|h| h.id == placed.id)
    else {
        return placed;
    };
    let given = |en: &str| {
        host.name == en
            || host
                .name
                .strip_prefix(en)
                .and_then(|n| n.strip_prefix(' '))
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    if let Some(title) = ALL.iter().find(|t| given(t.en)) {
        host.name = unique_title(before, title.get(lang));
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::place::place_auto;
    use crate::edit::PartKind;
    use crate::templates;

    #[test]
    fn korean_pages_name_new_hosts_in_korean_with_ascii_ids() {
        let s = templates::get("small-service").unwrap().scenario();
        let placed = place_auto(&s, PartKind::Laptop, None).unwrap();
        let placed = named_in(&s, placed, Lang::Ko);
        let host = placed
            .scenario
            .internet_hosts
            .iter()
            .find(|h| h.id == placed.id)
            .unwrap();
        assert_eq!(host.name, "내 노트북");
        assert!(host.id.starts_with("laptop"));
        let again = place_auto(&placed.scenario, PartKind::Laptop, None).unwrap();
        let again = named_in(&placed.scenario, again, Lang::Ko);
        let second = again
            .scenario
            .internet_hosts
            .iter()
            .find(|h| h.id == again.id)
            .unwrap();
        assert_eq!(second.name, "내 노트북 2");
        let net = place_auto(&s, PartKind::Internet, None).unwrap();
        let net = named_in(&s, net, Lang::Ko);
        let host = net
            .scenario
            .internet_hosts
            .iter()
            .find(|h| h.id == net.id)
            .unwrap();
        assert_eq!(host.name, "인터넷");
        assert!(host.id.starts_with("internet"));
    }

    #[test]
    fn english_names_stay_english() {
        let s = templates::get("small-service").unwrap().scenario();
        let placed = place_auto(&s, PartKind::Laptop, None).unwrap();
        let kept = named_in(&s, placed.clone(), Lang::En);
        assert_eq!(kept.scenario, placed.scenario);
    }
}
