//! The filters a packet meets: the source/destination check of an interface, security groups
//! (stateful: a reply to a tracked connection passes) and network ACLs (stateless, numbered
//! rules in order, then `*`).

use super::*;
use crate::engine::explain::en;

impl<'n, 's> Walk<'n, 's> {
    pub(super) fn src_dst_drop(&mut self, eni: usize, pkt: &Packet, sending: bool) -> End {
        let e = &self.net.enis[eni];
        let (id, name) = (self.net.owner_id(e.owner), self.net.owner_name(e.owner));
        let addr = e.iface.private_ip;
        let detail = |_: &Self| {
            if sending {
                format!(
                "{name} has source/destination check on, so it cannot send a packet whose source {} is not its own address {addr}; turn the check off to let it forward traffic",
                pkt.src
            )
            } else {
                format!(
                "{name} has source/destination check on, so it drops a packet for {} that is not addressed to it ({addr}); turn the check off to let it forward traffic",
                pkt.dst
            )
            }
        };
        let kind = owner_kind(e.owner);
        self.drop(
            pkt,
            Verdict::SourceDestCheck,
            (id, name, kind),
            None,
            detail,
        )
    }

    /// A reply passing a security group that allowed its request (groups are stateful).
    fn tracked_reply(&mut self, pkt: &Packet, id: &str, names: &str) {
        if self.record {
            self.checks = Some(Box::new(FilterChecks::Tracked(TrackedEntry {
                protocol: pkt.protocol,
                client: pkt.dst,
                client_port: self.port_text(pkt.dport),
                server: pkt.src,
                server_port: self.port_text(pkt.sport),
            })));
        }
        self.hop(
            pkt,
            (id, names, Kind::SecurityGroup),
            Step::Filter {
                action: Action::Allow,
                rule: RuleRef::TrackedConnection,
            },
            |_| "reply to a connection the security group allowed: stateful, so it passes".into(),
        );
    }

    /// Security group check for a packet leaving or arriving at `eni`.
    pub(super) fn security_groups(
        &mut self,
        eni: usize,
        pkt: &Packet,
        dir: SgDirection,
    ) -> Result<(), End> {
        let net = self.net;
        let e = &net.enis[eni];
        if e.groups.is_empty() {
            return Ok(());
        }
        let first = &net.scenario.security_groups[e.groups[0]];
        let names = || {
            e.groups
                .iter()
                .map(|&g| {
                    let sg = &net.scenario.security_groups[g];
                    display(&sg.name, &sg.id).to_string()
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.is_tracked(eni) {
            self.tracked_reply(pkt, &first.id, &names());
            return Ok(());
        }
        let (remote, word, towards, rule_direction) = match dir {
            SgDirection::Inbound => (pkt.src, "inbound", "from", RuleDirection::Inbound),
            SgDirection::Outbound => (pkt.dst, "outbound", "to", RuleDirection::Outbound),
        };
        let ports = self.port_set(pkt.dport);
        let seen = sg::Remote {
            ip: remote,
            via: self.kept_by.filter(|_| dir == SgDirection::Inbound),
        };
        let out = sg::evaluate(net, eni, dir, seen, pkt.protocol, pkt.icmp, &ports);
        if self.record {
            self.checks = Some(Box::new(FilterChecks::Rules {
                inbound: dir == SgDirection::Inbound,
                remote,
                ports: self.port_text(pkt.dport),
                rules: sg::checks(net, eni, dir, seen, pkt.protocol, pkt.icmp, &ports),
            }));
        }
        if out.allowed.is_empty() {
            let whose = if e.groups.len() == 1 {
                format!("security group {}", display(&first.name, &first.id))
            } else {
                format!("none of the security groups ({})", names())
            };
            let verb = if e.groups.len() == 1 { "has" } else { "have" };
            let detail = |w: &Self| {
                format!(
                    "{whose} {verb} no {word} rule allowing {} {towards} {remote}",
                    w.service_text(pkt)
                )
            };
            let name = display(&first.name, &first.id).to_string();
            return Err(self.drop(
                pkt,
                Verdict::DroppedBySecurityGroup,
                (&first.id, &name, Kind::SecurityGroup),
                Some(RuleRef::NoMatch),
                detail,
            ));
        }
        if self.probing(pkt.dport) {
            let name = display(&first.name, &first.id).to_string();
            self.close_ports(
                ports.difference(&out.allowed),
                Verdict::DroppedBySecurityGroup,
                (&first.id, &name, Kind::SecurityGroup),
                Some(RuleRef::NoMatch),
            );
        }
        let r = out.rule.expect("an allowed packet has an allowing rule");
        let sg = &net.scenario.security_groups[r.group];
        let rule = RuleRef::SgRule {
            direction: rule_direction,
            index: r.rule + 1,
        };
        self.narrow(pkt.dport, out.allowed, |w| Stop {
            verdict: Verdict::DroppedBySecurityGroup,
            by: w.blocked_by(
                (&sg.id, display(&sg.name, &sg.id), Kind::SecurityGroup),
                Some(rule.clone()),
            ),
            detail: w.words(|_| {
                format!(
                    "security group {} allows only part of the ports",
                    display(&sg.name, &sg.id)
                )
            }),
        });
        self.track(eni);
        self.hop(
            pkt,
            (&sg.id, &sg.name, Kind::SecurityGroup),
            Step::Filter {
                action: Action::Allow,
                rule,
            },
            |w| {
                format!(
                    "{word} rule #{} of {} allows {} {towards} {remote}",
                    r.rule + 1,
                    display(&sg.name, &sg.id),
                    w.service_text(pkt)
                )
            },
        );
        Ok(())
    }

    /// What a network ACL `acl` denied, in words: the service, or the client's ephemeral ports
    /// for a reply; `rule` is the rule that denied it.
    fn acl_denial(&self, pkt: &Packet, inbound: bool, acl: &str, rule: &str) -> String {
        let (word, towards) = if inbound {
            ("inbound", "from")
        } else {
            ("outbound", "to")
        };
        let remote = if inbound { pkt.src } else { pkt.dst };
        if let PortVal::Var(v) = pkt.dport {
            let side = if inbound { "to" } else { "on" };
            let ports = en::ephemeral(&self.vars[v], &self.port_text(pkt.dport));
            format!(
                "network ACL {acl} denies {word} {} {towards} {remote} {side} the client's {ports}: {rule}",
                pkt.protocol
            )
        } else {
            format!(
                "network ACL {acl} denies {word} {} {towards} {remote}: {rule}",
                self.service_text(pkt)
            )
        }
    }

    /// Network ACL check at the edge of `subnet`.
    pub(super) fn network_acl(
        &mut self,
        subnet: usize,
        pkt: &Packet,
        inbound: bool,
    ) -> Result<(), End> {
        let net = self.net;
        let Some(a) = net.subnets[subnet].acl else {
            return Ok(());
        };
        let acl = &net.scenario.network_acls[a];
        let rules = if inbound {
            &net.acl_in[a]
        } else {
            &net.acl_out[a]
        };
        let remote = if inbound { pkt.src } else { pkt.dst };
        let ports = self.port_set(pkt.dport);
        let mut seen = self.record.then(Vec::new);
        // A walk over a set of ports names each denied port with the rule a packet to it alone
        // meets.
        let probing = self.probing(pkt.dport);
        let mut denied = probing.then(acl::Denials::new);
        let out = acl::evaluate_recording(
            rules,
            AclPacket {
                remote,
                protocol: pkt.protocol,
                icmp: pkt.icmp,
            },
            &ports,
            seen.as_mut(),
            denied.as_mut(),
        );
        if let Some(rules) = seen {
            self.checks = Some(Box::new(FilterChecks::Rules {
                inbound,
                remote,
                ports: self.port_text(pkt.dport),
                rules,
            }));
        }
        let word = if inbound { "inbound" } else { "outbound" };
        let towards = if inbound { "from" } else { "to" };
        let acl_name = || display(&acl.name, &acl.id).to_string();
        let rule_words = |r: AclRuleRef| match r {
            AclRuleRef::Number(n) => format!("rule {n}"),
            AclRuleRef::Star => "the * rule (no rule matches)".to_string(),
        };
        let partial = out.allowed != ports;
        if let Some(denied) = denied.filter(|_| partial) {
            let name = acl_name();
            for (closed, rule) in denied {
                let who = (acl.id.as_str(), name.as_str(), Kind::NetworkAcl);
                self.close_ports(closed, Verdict::DroppedByNetworkAcl, who, Some(rule.into()));
            }
            self.restrict(pkt.dport, out.allowed.clone());
        }
        if out.allowed.is_empty() {
            let deny = out.deny_rule.unwrap_or(AclRuleRef::Star);
            match pkt.dport {
                PortVal::Var(v) if !probing => self.denied_var = Some(v),
                _ => {}
            }
            let detail = |w: &Self| w.acl_denial(pkt, inbound, &acl_name(), &rule_words(deny));
            return Err(self.drop(
                pkt,
                Verdict::DroppedByNetworkAcl,
                (&acl.id, &acl.name, Kind::NetworkAcl),
                Some(deny.into()),
                detail,
            ));
        }
        if partial {
            let deny = out.deny_rule.unwrap_or(AclRuleRef::Star);
            let allowed = out.allowed.clone();
            self.narrow(pkt.dport, out.allowed.clone(), |w| Stop {
                verdict: Verdict::DroppedByNetworkAcl,
                by: w.blocked_by((&acl.id, &acl_name(), Kind::NetworkAcl), Some(deny.into())),
                detail: w.words(|w| format!(
                    "network ACL {} allows {word} {} only to ports {allowed} of {}; {} denies the rest",
                    acl_name(),
                    pkt.protocol,
                    w.port_text(pkt.dport),
                    rule_words(deny)
                )),
            });
        }
        let allow = out.allow_rule.unwrap_or(AclRuleRef::Star);
        self.hop(
            pkt,
            (&acl.id, &acl.name, Kind::NetworkAcl),
            Step::Filter {
                action: Action::Allow,
                rule: allow.into(),
            },
            |w| {
                let mut d = format!(
                    "{word} {} of {} allows {} {towards} {remote}",
                    rule_words(allow),
                    acl_name(),
                    w.service_text(pkt)
                );
                if partial {
                    d.push_str(&format!(" (only ports {} of {})", out.allowed, ports));
                }
                d
            },
        );
        Ok(())
    }
}
