//! Network ACLs: one default ACL per VPC, one ACL per subnet, and well-formed numbered rules.

use super::index::Index;
use super::protocols;
use crate::scenario::problem::{label, Problem};
use std::collections::HashMap;

/// The rule numbers AWS accepts (32767 is the implicit `*` rule).
const NUMBERS: std::ops::RangeInclusive<u16> = 1..=32766;

/// Reports ACL association and rule problems.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut default_of: HashMap<&str, usize> = HashMap::new();
    let mut acl_of: HashMap<&str, usize> = HashMap::new();
    for (i, a) in s.network_acls.iter().enumerate() {
        let part = label(&a.id, &a.name);
        let path = format!("network_acls[{i}]");
        if a.default {
            if let Some(&first) = default_of.get(a.vpc.as_str()) {
                let f = &s.network_acls[first];
                out.push(Problem::error(
                    "two-default-acls",
                    format!("{path}.default"),
                    part.clone(),
                    format!(
                        "VPC {:?} already has a default network ACL, network_acls[{first}] {}; a VPC has exactly one",
                        a.vpc,
                        label(&f.id, &f.name)
                    ),
                ));
            } else {
                default_of.insert(&a.vpc, i);
            }
        }
        for (j, sub) in a.subnets.iter().enumerate() {
            let at = format!("{path}.subnets[{j}]");
            if let Some(&first) = acl_of.get(sub.as_str()) {
                let f = &s.network_acls[first];
                let message = if first == i {
                    format!("subnet {sub:?} is listed twice in this network ACL")
                } else {
                    format!(
                        "subnet {sub:?} is already associated with network_acls[{first}] {}; a subnet has exactly one network ACL",
                        label(&f.id, &f.name)
                    )
                };
                out.push(Problem::error(
                    "subnet-in-two-acls",
                    at.clone(),
                    part.clone(),
                    message,
                ));
            } else {
                acl_of.insert(sub, i);
            }
            let here = ix.known_vpc(&a.vpc);
            if let Some(v) = ix.subnet_vpc(sub).filter(|v| here.is_some_and(|h| h != *v)) {
                out.push(Problem::error(
                    "acl-subnet-other-vpc",
                    at,
                    part.clone(),
                    format!(
                        "subnet {sub:?} is in VPC {v:?}, but this network ACL belongs to VPC {:?}; an ACL serves subnets of its own VPC only",
                        a.vpc
                    ),
                ));
            }
        }
        for (dir, rules) in [("inbound", &a.inbound), ("outbound", &a.outbound)] {
            let mut numbers: HashMap<u16, usize> = HashMap::new();
            for (j, r) in rules.iter().enumerate() {
                let at = format!("{path}.{dir}[{j}]");
                if !NUMBERS.contains(&r.number) {
                    out.push(Problem::error(
                        "acl-rule-number-range",
                        format!("{at}.number"),
                        part.clone(),
                        format!(
                            "rule number {} is outside 1-32766; AWS numbers ACL rules from 1 to 32766 (the last rule, *, denies everything else)",
                            r.number
                        ),
                    ));
                }
                if let Some(&first) = numbers.get(&r.number) {
                    out.push(Problem::error(
                        "duplicate-acl-rule-number",
                        format!("{at}.number"),
                        part.clone(),
                        format!(
                            "{dir} rule number {} is already used by {dir}[{first}]; each {dir} rule needs its own number",
                            r.number
                        ),
                    ));
                } else {
                    numbers.insert(r.number, j);
                }
                protocols::check(out, &at, &part, r.protocol, r.ports, r.icmp);
            }
        }
    }
}
