//! Suggested fixes (engine::fix): for each kind of drop, the fix the engine suggests, applied,
//! either establishes the flow or moves the drop later along the path, and leaves a scenario AWS
//! would accept.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use vpc_playground::engine::fix::{apply, describe_en, describe_ko, suggest, Fix};
use vpc_playground::engine::{trace, FlowSpec, Network, Trace, Verdict};
use vpc_playground::model::{Os, Peer, RouteTarget, Scenario};
use vpc_playground::templates;

fn spec(from: &str, to: &str, port: u16) -> FlowSpec {
    FlowSpec::tcp(from, to, port)
}

fn errors(s: &Scenario) -> Vec<String> {
    vpc_playground::scenario::validate(s)
        .into_iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect()
}

/// Suggests a fix for the flow, applies it, checks validation and returns the fix and the new
/// trace.
fn fix_and_retrace(s: &mut Scenario, spec: &FlowSpec) -> (Fix, Trace) {
    let before = run_spec(s, spec.clone());
    let fix = suggest(s, spec, &before)
        .unwrap_or_else(|| panic!("no fix suggested for\n{}", explain(&before)));
    apply(&fix, s).unwrap();
    assert!(
        errors(s).is_empty(),
        "{fix:?} broke validation: {:?}",
        errors(s)
    );
    assert!(!describe_en(&fix, s).is_empty() && !describe_ko(&fix, s).is_empty());
    (fix, run_spec(s, spec.clone()))
}

/// VPC 10.0.0.0/16 with `igw`, public subnet `pub`, private subnet `priv` (main table, local
/// only), NAT gateway `nat` in `pub`, `laptop` on the internet (Linux), `site` listening on 443.
fn base() -> Sc {
    Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .subnet("priv", "10.0.1.0/24")
        .sg("web-sg", &["tcp 443 from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .sg("closed-sg", &[], &["all to 0.0.0.0/0"])
        .internet_host("laptop", "203.0.113.10", Os::Linux)
        .internet_server("site", "198.51.100.7", &["443"])
}

#[test]
fn sg_inbound_from_internet_fix_opens_the_port_to_0_0_0_0_only() {
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["closed-sg"])
        .listens(&["443"])
        .build();
    let spec = spec("laptop", "web", 443);
    assert_eq!(
        run_spec(&s, spec.clone()).verdict,
        Verdict::DroppedBySecurityGroup
    );
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddSgRule {
        group,
        inbound,
        rule,
        ..
    } = &fix
    else {
        panic!("{fix:?}")
    };
    assert_eq!((group.as_str(), *inbound), ("closed-sg", true));
    assert_eq!(rule.peer, Peer::Cidr("0.0.0.0/0".parse().unwrap()));
    assert_eq!(rule.ports.map(|p| (p.from, p.to)), Some((443, 443)));
    assert_eq!(
        describe_en(&fix, &s),
        "Add an inbound rule tcp/443 from 0.0.0.0/0 to closed-sg"
    );
}

#[test]
fn sg_inbound_from_inside_the_vpc_fix_names_the_source_group() {
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .sgs(&["web-sg"])
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["closed-sg"])
        .listens(&["8080"])
        .build();
    let spec = spec("web", "app", 8080);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddSgRule { rule, .. } = &fix else {
        panic!("{fix:?}")
    };
    assert_eq!(rule.peer, Peer::Group("web-sg".into()));
}

#[test]
fn nacl_return_path_fix_allows_the_clients_ephemeral_ports() {
    // Stateless ACL: the reply to the laptop leaves `pub` on the laptop's ephemeral port.
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .acl("pub-acl", &["pub"], &["100 allow tcp 443 0.0.0.0/0"], &[])
        .build();
    let spec = spec("laptop", "web", 443);
    let before = run_spec(&s, spec.clone());
    assert_eq!(
        before.verdict,
        Verdict::DroppedByNetworkAcl,
        "{}",
        explain(&before)
    );
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddAclRule { inbound, rule, .. } = &fix else {
        panic!("{fix:?}")
    };
    assert!(!inbound);
    let linux = Os::Linux.ephemeral_range();
    assert_eq!(rule.ports, Some(linux));
    assert_eq!(rule.cidr, "0.0.0.0/0".parse().unwrap());
    assert_eq!(rule.number, 100);
}

#[test]
fn nacl_numbered_deny_fix_goes_just_below_the_deny() {
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .acl(
            "pub-acl",
            &["pub"],
            &["100 deny tcp 443 203.0.113.0/24", "200 allow all 0.0.0.0/0"],
            &["100 allow all 0.0.0.0/0"],
        )
        .build();
    let spec = spec("laptop", "web", 443);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddAclRule { inbound, rule, .. } = &fix else {
        panic!("{fix:?}")
    };
    assert!(inbound);
    assert_eq!(rule.number, 99);
}

#[test]
fn route_private_subnet_without_default_route_fix_routes_to_the_nat_gateway() {
    let mut s = base()
        .nat_gw("nat", "pub", "10.0.0.30", "54.0.0.30")
        .instance("app", "priv", "10.0.1.10")
        .sgs(&["closed-sg"])
        .build();
    let spec = spec("app", "site", 443);
    assert_eq!(run_spec(&s, spec.clone()).verdict, Verdict::NoRoute);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddRoute { route, .. } = &fix else {
        panic!("{fix:?}")
    };
    assert_eq!(route.target, RouteTarget::NatGateway("nat".into()));
}

#[test]
fn route_public_instance_without_default_route_fix_routes_to_the_internet_gateway() {
    let mut s = base()
        .instance("web", "priv", "10.0.1.10")
        .public_ip("54.0.0.10")
        .sgs(&["closed-sg"])
        .build();
    let spec = spec("web", "site", 443);
    assert_eq!(run_spec(&s, spec.clone()).verdict, Verdict::NoRoute);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert_established(&after);
    let Fix::AddRoute { route, .. } = &fix else {
        panic!("{fix:?}")
    };
    assert_eq!(route.target, RouteTarget::InternetGateway("igw".into()));
}

#[test]
fn refused_port_fix_makes_the_server_listen() {
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["80"])
        .build();
    let spec = spec("laptop", "web", 443);
    assert_eq!(run_spec(&s, spec.clone()).verdict, Verdict::Refused);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert!(matches!(fix, Fix::Listen { .. }), "{fix:?}");
    assert_established(&after);
}

#[test]
fn no_public_address_fix_gives_the_instance_a_public_ip() {
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let spec = spec("laptop", "web", 443);
    assert_eq!(run_spec(&s, spec.clone()).verdict, Verdict::NoPublicAddress);
    let (fix, after) = fix_and_retrace(&mut s, &spec);
    assert!(matches!(fix, Fix::PublicIp { .. }), "{fix:?}");
    assert_established(&after);
}

#[test]
fn sg_fix_that_uncovers_a_later_drop_moves_the_drop_along_the_path() {
    // The group is closed and the server does not listen: the fix gets the packet to the host.
    let mut s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["closed-sg"])
        .listens(&["80"])
        .build();
    let spec = spec("laptop", "web", 443);
    let (_, after) = fix_and_retrace(&mut s, &spec);
    assert_eq!(after.verdict, Verdict::Refused);
    let (_, last) = fix_and_retrace(&mut s, &spec);
    assert_established(&last);
}

#[test]
fn established_flows_get_no_fix() {
    let s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let spec = spec("laptop", "web", 443);
    let t = run_spec(&s, spec.clone());
    assert_established(&t);
    assert!(suggest(&s, &spec, &t).is_none());
}

/// How far along its path the flow got: the index of the hop that dropped it, or the hop count
/// when nothing dropped it (established, or refused: the reset made the whole way back).
fn stop_at(t: &Trace) -> usize {
    match t.verdict {
        Verdict::Established | Verdict::Refused => t.hops.len(),
        _ => t
            .hops
            .iter()
            .rposition(|h| h.decision().stops())
            .unwrap_or(t.hops.len()),
    }
}

#[test]
fn template_fixes_establish_or_move_the_drop_later() {
    let mut tried = 0;
    let mut tally = std::collections::BTreeMap::new();
    for tpl in templates::all() {
        let s0 = tpl.scenario();
        let mut ends: Vec<String> = s0.instances.iter().map(|i| i.id.clone()).collect();
        ends.extend(s0.internet_hosts.iter().map(|h| h.id.clone()));
        ends.extend(s0.databases.iter().map(|d| d.id.clone()));
        for from in &ends {
            for to in &ends {
                if from == to {
                    continue;
                }
                for port in [22, 443, 5432] {
                    let spec = spec(from, to, port);
                    let net = Network::new(&s0);
                    let Ok(before) = trace(&net, &spec) else {
                        continue;
                    };
                    let Some(fix) = suggest(&s0, &spec, &before) else {
                        continue;
                    };
                    let mut s = s0.clone();
                    apply(&fix, &mut s).unwrap();
                    assert!(
                        errors(&s).is_empty(),
                        "{}: {fix:?}: {:?}",
                        tpl.id,
                        errors(&s)
                    );
                    let after = run_spec(&s, spec.clone());
                    let kind = serde_json::to_value(&fix).unwrap()["kind"].to_string();
                    let how = if after.verdict == Verdict::Established {
                        "established"
                    } else if stop_at(&after) > stop_at(&before) {
                        "later"
                    } else {
                        "other-blocker"
                    };
                    *tally.entry((kind, how)).or_insert(0) += 1;
                    assert!(
                        how != "other-blocker",
                        "{}: {fix:?} did not help\nbefore:\n{}\nafter:\n{}",
                        tpl.id,
                        explain(&before),
                        explain(&after)
                    );
                    tried += 1;
                }
            }
        }
    }
    eprintln!("{tried} template fixes tried: {tally:?}");
    assert!(tried > 0);
}

/// Runs `vpcplay trace` on `s` saved to a file.
fn cli_trace(s: &Scenario, name: &str, args: &[&str]) -> (String, i32) {
    let path = std::env::temp_dir().join(format!("vpcplay-fix-{name}-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(s).unwrap()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .arg("trace")
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_trace_prints_the_suggested_fix_in_text_and_json() {
    let s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["closed-sg"])
        .listens(&["443"])
        .build();
    let args = ["--from", "laptop", "--to", "web", "--port", "443"];
    let (text, code) = cli_trace(&s, "text", &args);
    assert_eq!(code, 1);
    assert!(
        text.contains("Suggested fix: Add an inbound rule tcp/443 from 0.0.0.0/0 to closed-sg"),
        "{text}"
    );
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let (json, _) = cli_trace(&s, "json", &json_args);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["fix"]["kind"], "add-sg-rule");
    assert_eq!(v["fix"]["group"], "closed-sg");
    assert_eq!(v["verdict"], "dropped-by-security-group");
}

#[test]
fn cli_trace_json_fix_is_null_when_established() {
    let s = base()
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
        .build();
    let (json, code) = cli_trace(
        &s,
        "ok",
        &["--from", "laptop", "--to", "web", "--port", "443", "--json"],
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["fix"].is_null(), "{json}");
}

#[test]
fn nacl_fixes_on_templates_with_empty_acls_reach_established_step_by_step() {
    // Every ACL emptied: only the implicit `*` deny is left, in both directions. Repeated fixes
    // add inbound and outbound allow rules (the return path on the client's ephemeral ports)
    // until the flow is established; each one moves the drop strictly later.
    let mut acl_fixes = 0;
    for tpl in templates::all() {
        let mut s = tpl.scenario();
        for a in &mut s.network_acls {
            a.inbound.clear();
            a.outbound.clear();
        }
        let hosts: Vec<String> = s.internet_hosts.iter().map(|h| h.id.clone()).collect();
        let servers: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
        for from in &hosts {
            for to in &servers {
                let spec = spec(from, to, 443);
                let mut s = s.clone();
                let mut t = run_spec(&s, spec.clone());
                for _ in 0..12 {
                    let Some(fix) = suggest(&s, &spec, &t) else {
                        break;
                    };
                    acl_fixes += usize::from(matches!(fix, Fix::AddAclRule { .. }));
                    apply(&fix, &mut s).unwrap();
                    assert!(
                        errors(&s).is_empty(),
                        "{}: {fix:?}: {:?}",
                        tpl.id,
                        errors(&s)
                    );
                    let next = run_spec(&s, spec.clone());
                    assert!(
                        next.verdict == Verdict::Established || stop_at(&next) > stop_at(&t),
                        "{}: {fix:?} did not help\nbefore:\n{}\nafter:\n{}",
                        tpl.id,
                        explain(&t),
                        explain(&next)
                    );
                    t = next;
                }
            }
        }
    }
    assert!(acl_fixes > 0, "no template flow met an ACL");
}

/// IPv6: the group, ACL and route fixes of an IPv6 flow name IPv6 blocks, and the route goes to
/// the internet gateway (IPv6 needs no NAT).
#[test]
fn ipv6_fixes_open_and_route_the_ipv6_family() {
    let mut s = Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .ipv6("2600:1f18:ab00:1200::/56")
        .igw("igw")
        .eigw("eigw")
        .subnet("app-net", "10.0.1.0/24")
        .subnet_ipv6("app-net", "2600:1f18:ab00:1201::/64")
        .route_table("app-rt", &["app-net"])
        .sg("app-sg", &[], &["all to 0.0.0.0/0"])
        .instance("app", "app-net", "10.0.1.10")
        .ipv6_address("2600:1f18:ab00:1201::10")
        .sgs(&["app-sg"])
        .listens(&["443"])
        .internet_server("site", "198.51.100.7", &["443"])
        .build();
    let out = FlowSpec {
        ipv6: true,
        ..spec("app", "site", 443)
    };
    // One fix at a time until it is established: each opens or routes the IPv6 family.
    let mut fixes = Vec::new();
    while !run_spec(&s, out.clone()).verdict.is_established() && fixes.len() < 6 {
        fixes.push(fix_and_retrace(&mut s, &out).0);
    }
    assert!(
        run_spec(&s, out.clone()).verdict.is_established(),
        "{fixes:#?}"
    );
    for fix in &fixes {
        match fix {
            Fix::AddSgRule { rule, .. } => {
                assert_eq!(rule.peer, Peer::Cidr(any_net("2001:db8::c633:6407/128")))
            }
            Fix::AddAclRule { rule, .. } => assert!(rule.cidr.addr().is_ipv6(), "{fix:?}"),
            Fix::AddRoute { route, .. } => {
                assert_eq!(route.target, RouteTarget::InternetGateway("igw".into()));
                assert_eq!(
                    route.destination,
                    vpc_playground::model::Destination::Cidr(any_net("::/0"))
                );
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(
        fixes.iter().any(|f| matches!(f, Fix::AddRoute { .. })),
        "{fixes:#?}"
    );
}
