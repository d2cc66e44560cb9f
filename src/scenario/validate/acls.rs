//! Network ACLs: one default ACL per VPC, one ACL per subnet, and well-formed numbered rules.

use super::index::Index;
use super::protocols;
use crate::scenario::message::{Dir, Message};
use crate::scenario::problem::{label, Problem};
use rustc_hash::FxHashMap as HashMap;

/// The rule numbers AWS accepts (32767 is the implicit `*` rule).
const NUMBERS: std::ops::RangeInclusive<u16> = 1..=32766;

/// Reports ACL association and rule problems.
pub(super) fn check(ix: &Index, out: &mut Vec<Problem>) {
    let s = ix.s;
    let mut default_of: HashMap<&str, usize> = HashMap::default();
    let mut acl_of: HashMap<&str, usize> = HashMap::default();
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
                    Message::TwoDefaultAcls {
                        vpc: a.vpc.clone(),
                        first,
                        acl: label(&f.id, &f.name),
                    },
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
                    Message::SubnetTwiceInAcl {
                        subnet: sub.clone(),
                    }
                } else {
                    Message::SubnetInTwoAcls {
                        subnet: sub.clone(),
                        first,
                        acl: label(&f.id, &f.name),
                    }
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
                    Message::AclSubnetOtherVpc {
                        subnet: sub.clone(),
                        vpc: v.to_string(),
                        acl_vpc: a.vpc.clone(),
                    },
                ));
            }
        }
        for (dir, rules) in [(Dir::Inbound, &a.inbound), (Dir::Outbound, &a.outbound)] {
            let dir_en = dir.en();
            let mut numbers: HashMap<u16, usize> = HashMap::default();
            for (j, r) in rules.iter().enumerate() {
                let at = format!("{path}.{dir_en}[{j}]");
                if !NUMBERS.contains(&r.number) {
                    out.push(Problem::error(
                        "acl-rule-number-range",
                        format!("{at}.number"),
                        part.clone(),
                        Message::AclRuleNumberRange { number: r.number },
                    ));
                }
                if let Some(&first) = numbers.get(&r.number) {
                    out.push(Problem::error(
                        "duplicate-acl-rule-number",
                        format!("{at}.number"),
                        part.clone(),
                        Message::DuplicateAclRuleNumber {
                            dir,
                            number: r.number,
                            first,
                        },
                    ));
                } else {
                    numbers.insert(r.number, j);
                }
                protocols::check(out, &at, &part, r.protocol, r.ports, r.icmp);
            }
        }
    }
}
