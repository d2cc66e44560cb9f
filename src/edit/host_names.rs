//! The names the palette gives new internet hosts ("My laptop", "Internet") in both languages,
//! and how the scenario's "My laptop" is found again.

use crate::i18n::{Lang, NamePair};
use crate::model::{InternetHost, Scenario};

/// The name of a new "My laptop" host.
pub const LAPTOP: NamePair = NamePair {
    en: "My laptop",
    ko: "내 노트북",
};

/// The name of a new "Internet" host.
pub const INTERNET: NamePair = NamePair {
    en: "Internet",
    ko: "인터넷",
};

/// Every name the palette gives a new host.
pub const ALL: [NamePair; 2] = [LAPTOP, INTERNET];

/// The id the palette gives the first "My laptop" it places.
const LAPTOP_ID: &str = "laptop";

/// The scenario's "My laptop" host: the one the palette placed (id `laptop`, `laptop-2`...),
/// else one named "My laptop" (or "내 노트북", its Korean name).
pub fn my_laptop(s: &Scenario) -> Option<&InternetHost> {
    let placed = |h: &&InternetHost| {
        h.id == LAPTOP_ID
            || h.id
                .strip_prefix("laptop-")
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    s.internet_hosts.iter().find(placed).or_else(|| {
        let named = |h: &&InternetHost| Lang::ALL.iter().any(|&l| h.name == LAPTOP.get(l));
        s.internet_hosts.iter().find(named)
    })
}
