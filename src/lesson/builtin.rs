//! The built-in track: lessons from a first public subnet to the template architectures.
//!
//! Each lesson file (`builtin/<name>.json`) starts from a broken or unfinished scenario and
//! carries a full solution scenario; the tests check that every start fails at least one
//! objective and every solution passes them all. Natively (the CLI, the tests) the files are
//! embedded at build time; the browser app fetches them when it needs them (from
//! [`BuiltinLesson::path`], copied there by Trunk), so its bundle does not carry them.

#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
use super::{from_json, Lesson};

/// A built-in lesson: its name (the file name) and, natively, its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinLesson {
    /// Name, e.g. `bastion`.
    pub name: &'static str,
    /// The lesson file.
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub json: &'static str,
}

impl BuiltinLesson {
    /// Where the browser app finds the lesson file, relative to the page.
    pub fn path(&self) -> String {
        format!("lessons/{}.json?v={}", self.name, env!("CARGO_PKG_VERSION"))
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
impl BuiltinLesson {
    /// The lesson, read and checked.
    ///
    /// # Panics
    /// Never for the built-in lessons: the tests read every one of them.
    pub fn lesson(&self) -> Lesson {
        match from_json(self.json) {
            Ok(l) => l,
            Err(e) => panic!("built-in lesson {} does not load: {e}", self.name),
        }
    }
}

macro_rules! lesson {
    ($name:literal) => {
        BuiltinLesson {
            name: $name,
            #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
            json: include_str!(concat!("builtin/", $name, ".json")),
        }
    };
}

const TRACK: [BuiltinLesson; 15] = [
    lesson!("public-subnet"),
    lesson!("private-subnet-nat"),
    lesson!("bastion"),
    lesson!("security-group-references"),
    lesson!("stateless-acl"),
    lesson!("deny-an-address"),
    lesson!("main-route-table"),
    lesson!("load-balancer"),
    lesson!("nlb-client-ip"),
    lesson!("peering-not-transitive"),
    lesson!("transit-gateway-route-tables"),
    lesson!("vpn-route-back"),
    lesson!("firewall-return-path"),
    lesson!("gwlb-ingress-routing"),
    lesson!("ipv6-egress-only"),
];

/// The built-in lessons, in track order.
pub fn all() -> &'static [BuiltinLesson] {
    &TRACK
}

/// The built-in lesson called `name`, read and checked.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
pub fn load(name: &str) -> Option<Lesson> {
    TRACK
        .iter()
        .find(|l| l.name == name)
        .map(BuiltinLesson::lesson)
}

/// The names of the built-in lessons, in track order.
pub fn names() -> Vec<&'static str> {
    TRACK.iter().map(|l| l.name).collect()
}
