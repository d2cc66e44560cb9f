//! Templates: the classic architectures, ready to open in one click.
//!
//! Each template is a scenario in the playground's own JSON format (one file per template in this
//! folder, embedded at build time), built from the real parts — instances with roles and
//! listening ports, security groups that reference each other, route tables, NAT, load balancer
//! nodes in two availability zones — so every flow its description promises works in the engine.
//! Every drawn part has a `layout` entry (see [`drawn_parts`]). Names and descriptions are
//! translated in [`i18n`]; the scenario files hold the English text. Five templates rebuild the
//! network of a blog post (its parts, the addresses and ports it gives, its security group
//! tables), and their descriptions name that post.

pub mod i18n;

use crate::model::{Id, Scenario};

pub use i18n::Lang;

/// A built-in template: a stable id and, natively, its scenario JSON (the browser app fetches
/// it from [`Template::path`], so its bundle does not carry the templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Stable id, e.g. `small-service` (also the file name without `.json`).
    pub id: &'static str,
    /// The scenario, in the playground's JSON format (`"version": 1`).
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub scenario_json: &'static str,
}

impl Template {
    /// Where the browser app finds the template's scenario, relative to the page.
    pub fn path(&self) -> String {
        format!("templates/{}.json?v={}", self.id, env!("CARGO_PKG_VERSION"))
    }

    /// The template's name in `lang`.
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub fn name(&self, lang: Lang) -> &'static str {
        let pick = |t: &i18n::TemplateText| match lang {
            Lang::En => t.name.en,
            Lang::Ko => t.name.ko.get(),
        };
        i18n::text(self.id).map_or(self.id, pick)
    }

    /// The template's short description in `lang`.
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub fn description(&self, lang: Lang) -> &'static str {
        let pick = |t: &i18n::TemplateText| match lang {
            Lang::En => t.description.en,
            Lang::Ko => t.description.ko.get(),
        };
        i18n::text(self.id).map_or("", pick)
    }

    /// The name and description of the template, whose scenario is `s`, in `lang`: in English
    /// the scenario's own.
    pub fn shown<'a>(&self, lang: Lang, s: &'a Scenario) -> (&'a str, &'a str) {
        match (lang, i18n::text(self.id)) {
            (Lang::Ko, Some(t)) => (t.name.ko.get(), t.description.ko.get()),
            _ => (&s.name, &s.description),
        }
    }

    /// The template's scenario, loaded, normalized and validated.
    ///
    /// # Panics
    /// Never for the built-in templates: the tests load every one of them.
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
    pub fn scenario(&self) -> Scenario {
        match crate::scenario::load_str(self.scenario_json) {
            Ok(l) => l.scenario,
            Err(e) => panic!("built-in template {} does not load: {e}", self.id),
        }
    }
}

macro_rules! template {
    ($id:literal) => {
        Template {
            id: $id,
            #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
            scenario_json: include_str!(concat!($id, ".json")),
        }
    };
}

/// Every built-in template, in the order the app lists them.
const ALL: [Template; 12] = [
    template!("service-postgis-memcached"),
    template!("public-private-db"),
    template!("small-service"),
    template!("alb-autoscaling"),
    template!("refactored-web"),
    template!("peering-not-transitive"),
    template!("transit-hub"),
    template!("vpn-site"),
    template!("inspection-vpc"),
    template!("gwlb-inspection"),
    template!("ipv6-egress-only"),
    template!("nlb-client-ip"),
];

/// Every built-in template, in the order the app lists them.
///
/// ```
/// let ids: Vec<_> = vpc_playground::templates::all().iter().map(|t| t.id).collect();
/// assert!(ids.contains(&"small-service"));
/// ```
pub fn all() -> &'static [Template] {
    &ALL
}

/// The template with this id.
pub fn get(id: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.id == id)
}

/// The scenario of template `id`, loaded and normalized; `None` for an unknown id.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-catalogue"))]
pub fn load(id: &str) -> Option<Scenario> {
    get(id).map(Template::scenario)
}

/// The ids of the parts a canvas draws, each of which needs a `layout` entry: VPCs, subnets,
/// internet gateways, NAT gateways, instances, databases, load balancer nodes (by interface id:
/// one per subnet), internet hosts, peering connections and transit gateways. Route tables, network ACLs and
/// security groups are properties of these, not drawn on their own.
pub fn drawn_parts(s: &Scenario) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    out.extend(s.vpcs.iter().map(|p| p.id.clone()));
    out.extend(s.subnets.iter().map(|p| p.id.clone()));
    out.extend(s.internet_gateways.iter().map(|p| p.id.clone()));
    out.extend(s.nat_gateways.iter().map(|p| p.id.clone()));
    out.extend(s.instances.iter().map(|p| p.id.clone()));
    out.extend(s.databases.iter().map(|p| p.id.clone()));
    out.extend(
        s.load_balancers
            .iter()
            .flat_map(|lb| lb.nodes.iter().map(|n| n.id.clone())),
    );
    out.extend(s.internet_hosts.iter().map(|p| p.id.clone()));
    out.extend(s.peerings.iter().map(|p| p.id.clone()));
    out.extend(s.transit_gateways.iter().map(|p| p.id.clone()));
    out
}
