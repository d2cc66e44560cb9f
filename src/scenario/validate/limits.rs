//! AWS's default quotas: allowed in the playground, but warned about.

use super::index::Index;
use crate::scenario::message::{Dir, Message};
use crate::scenario::problem::{label, Problem};
use rustc_hash::FxHashMap as HashMap;

/// Security groups per network interface.
pub(crate) const GROUPS_PER_INTERFACE: usize = 5;
/// Inbound (and, separately, outbound) rules per security group.
pub(crate) const RULES_PER_GROUP: usize = 60;
/// Inbound (and, separately, outbound) rules per network ACL.
pub(crate) const RULES_PER_ACL: usize = 20;
/// Subnets per VPC.
pub(crate) const SUBNETS_PER_VPC: usize = 200;

/// Reports the `too-many-*` warnings.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    for f in &ix.ifaces {
        let n = f.iface.security_groups.len();
        if n > GROUPS_PER_INTERFACE {
            out.push(Problem::warning(
                "too-many-security-groups",
                format!("{}.security_groups", f.path),
                f.owner_label.clone(),
                Message::TooManyGroups {
                    iface: f.iface.id.clone(),
                    n,
                    max: GROUPS_PER_INTERFACE,
                },
            ));
        }
    }
    for (i, g) in s.security_groups.iter().enumerate() {
        for (dir, n) in [
            (Dir::Inbound, g.inbound.len()),
            (Dir::Outbound, g.outbound.len()),
        ] {
            if n > RULES_PER_GROUP {
                out.push(Problem::warning(
                    "too-many-group-rules",
                    format!("security_groups[{i}].{}", dir.en()),
                    label(&g.id, &g.name),
                    Message::TooManyGroupRules {
                        n,
                        dir,
                        max: RULES_PER_GROUP,
                    },
                ));
            }
        }
    }
    for (i, a) in s.network_acls.iter().enumerate() {
        for (dir, n) in [
            (Dir::Inbound, a.inbound.len()),
            (Dir::Outbound, a.outbound.len()),
        ] {
            if n > RULES_PER_ACL {
                out.push(Problem::warning(
                    "too-many-acl-rules",
                    format!("network_acls[{i}].{}", dir.en()),
                    label(&a.id, &a.name),
                    Message::TooManyAclRules {
                        n,
                        dir,
                        max: RULES_PER_ACL,
                    },
                ));
            }
        }
    }
    let mut per_vpc: HashMap<&str, usize> = HashMap::default();
    for x in &s.subnets {
        *per_vpc.entry(x.vpc.as_str()).or_default() += 1;
    }
    for (i, v) in s.vpcs.iter().enumerate() {
        let n = per_vpc.get(v.id.as_str()).copied().unwrap_or(0);
        if n > SUBNETS_PER_VPC {
            out.push(Problem::warning(
                "too-many-subnets",
                format!("vpcs[{i}]"),
                label(&v.id, &v.name),
                Message::TooManySubnets {
                    n,
                    max: SUBNETS_PER_VPC,
                },
            ));
        }
    }
}
