//! Security groups: used only in their own VPC, and rules that name groups AWS can resolve.

use super::index::Index;
use super::protocols;
use crate::model::{Peer, SecurityGroup};
use crate::scenario::message::Message;
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
                Message::GroupOtherVpc {
                    group: label(&g.id, &g.name),
                    group_vpc: g.vpc.clone(),
                    iface: f.iface.id.clone(),
                    vpc: vpc.to_string(),
                },
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
                        Message::StaleGroupRule {
                            group: label(&o.id, &o.name),
                            group_vpc: o.vpc.clone(),
                            vpc: g.vpc.clone(),
                        },
                    ));
                }
            }
        }
    }
}
