//! Checking a scenario against the rules AWS enforces, and warning about its limits.
//!
//! [`validate`] runs every check and returns what it found; each check lives in its own module
//! below and reports with a stable [`Problem::code`].

mod acls;
mod addresses;
mod gateways;
mod groups;
mod ids;
mod index;
mod ipv6;
mod limits;
mod nets;
mod nodes;
mod protocols;
mod refs;
mod routes;

#[cfg(test)]
mod tests;

use super::message::Message;
use crate::model::{Scenario, FORMAT_VERSION};
use crate::scenario::problem::Problem;
use index::Index;

/// Every problem of `s`: errors (AWS would refuse the scenario, or it cannot be simulated) first,
/// then warnings (allowed, but past an AWS limit or unlikely to work). Empty when all is well.
///
/// Run it on a [normalized](crate::scenario::normalize()) scenario: without normalization nothing is
/// wrong, but interfaces without security groups are not yet given their VPC's default group.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let ix = Index::new(s);
    let mut out = Vec::new();
    if s.version != FORMAT_VERSION {
        let version = s.version;
        let message = if version > FORMAT_VERSION {
            Message::VersionNewer { version }
        } else {
            Message::VersionUnknown { version }
        };
        out.push(Problem::error(
            "unsupported-version",
            "version",
            "",
            message,
        ));
    }
    ids::check(&ix, &mut out);
    refs::check(&ix, &mut out);
    addresses::check(&ix, &mut out);
    ipv6::check(&ix, &mut out);
    routes::check(&ix, &mut out);
    acls::check(&ix, &mut out);
    groups::check(&ix, &mut out);
    gateways::check(&ix, &mut out);
    nodes::check(&ix, &mut out);
    limits::check(&ix, &mut out);
    crate::sorting::sort_by_key(&mut out, |p| p.severity);
    out
}
