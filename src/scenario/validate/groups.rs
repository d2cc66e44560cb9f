//! Security groups: used only in their own VPC, and rules that name groups AWS can resolve.

use super::index::Index;
use super::protocols;
use crate::model::{Peer, SecurityGroup};
use crate::scenario::problem::{label, Problem};

/// Reports security group problems.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    for f in &ix.ifaces {
        let Some(vpc) = ix.subnet_vpc(&f.iface.subnet) else {
            continue;
        };
        for (k, id) in f.iface.security_groups.iter().enumerate() {
            let other = |g: &&SecurityGroup| g.vpc != vpc && ix.vpc(&g.vpc).is_some();
            let Some(g) = ix.security_group(id).filter(other) else {
                continue;
            };
            out.push(Problem::error(
                "security-group-other-vpc",
                format!("{}.security_groups[{k}]", f.path),
                f.owner_label.clone(),
                format!(
                    "security group {} belongs to VPC {:?}, but interface {:?} is in VPC {vpc:?}; an interface can only use groups of its own VPC",
                    label(&g.id, &g.name),
                    g.vpc,
                    f.iface.id
                ),
            ));
        }
    }
    for (i, g) in ix.s.security_groups.iter().enumerate() {
        let part = label(&g.id, &g.name);
        for (dir, rules) in [("inbound", &g.inbound), ("outbound", &g.outbound)] {
            for (j, r) in rules.iter().enumerate() {
                let at = format!("security_groups[{i}].{dir}[{j}]");
                protocols::check(out, &at, &part, r.protocol, r.ports, r.icmp);
                let Peer::Group(other) = &r.peer else {
                    continue;
                };
                let Some(o) = ix.security_group(other) else {
                    continue;
                };
                let known = ix.vpc(&o.vpc).is_some() && ix.vpc(&g.vpc).is_some();
                if known && o.vpc != g.vpc && !ix.peered(&o.vpc, &g.vpc) {
                    out.push(Problem::warning(
                        "group-rule-unpeered-vpc",
                        format!("{at}.peer"),
                        part.clone(),
                        format!(
                            "stale rule: it names security group {} of VPC {:?}, but this group is in VPC {:?} and no active peering connection joins the two, so the rule matches nothing (a rule can name groups of its own VPC or of a peered VPC)",
                            label(&o.id, &o.name),
                            o.vpc,
                            g.vpc
                        ),
                    ));
                }
            }
        }
    }
}
