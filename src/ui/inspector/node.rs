//! The editor of nodes: instances (bastions, NAT instances), databases, caches, NAT gateways,
//! Gateway Load Balancer endpoints, load balancers, internet gateways (egress-only ones too) and
//! hosts on the internet. Interfaces show their address, IPv6 address, public IP or Elastic IP and
//! source/destination check; security groups have their own tab.

use crate::ui::rule_focus::{RuleFocus, RuleFocusContext};
use std::net::Ipv4Addr;

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::AppContext;
use super::field::{checkbox, commit, commit_checked, select, Check, TextField};
use super::sg::GroupsEditor;
use super::tabs;
use super::vpc::PartId;
use crate::edit::alloc::next_public_ip;
use crate::edit::find::{first_interface_mut, interfaces_of, locate, name_of, Found};
use crate::model::{Engine, Interface, LbKind, Listener, Listening, Os, Role, Scenario, Scheme};

fn parse_ip(text: &str, lang: Lang) -> Result<Ipv4Addr, String> {
    let text = text.trim();
    text.parse().map_err(|_| {
        tf(
            lang,
            "{} is not an IPv4 address: expected four numbers 0-255, such as 10.0.1.10.",
            &[&format!("{text:?}")],
        )
    })
}

/// Parses listening ports: `any`, or a comma-separated list such as `22, 80, 443, udp/53`.
pub fn parse_listening(text: &str) -> Result<Listening, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("any") {
        return Ok(Listening::Any);
    }
    t.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<Listener>())
        .collect::<Result<Vec<_>, _>>()
        .map(Listening::Ports)
}

fn listening_text(l: &Listening) -> String {
    match l {
        Listening::Any => "any".into(),
        Listening::Ports(p) => p
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The primary interface of part `id` in `s`, mutably.
/// The client operating system, which decides the ephemeral ports the part picks its source port
/// from when it opens a connection (and so which ports a network ACL must let replies back to).
fn os_field(lang: Lang, current: Os, on: Callback<Os>) -> Html {
    const CHOICES: [(Os, &str); 3] = [
        (Os::Linux, "linux"),
        (Os::Windows, "windows"),
        (Os::Any, "any"),
    ];
    let options: Vec<(String, String)> = CHOICES
        .iter()
        .map(|&(os, code)| {
            let r = os.ephemeral_range();
            let label = match os {
                Os::Linux => t(lang, "Linux"),
                Os::Windows => t(lang, "Windows or macOS"),
                Os::Any => t(lang, "Not known"),
            };
            (code.to_string(), format!("{label} · {}-{}", r.from, r.to))
        })
        .collect();
    let selected = CHOICES
        .iter()
        .find(|c| c.0 == current)
        .map_or("any", |c| c.1);
    let onchange = Callback::from(move |v: String| {
        if let Some(&(os, _)) = CHOICES.iter().find(|c| c.1 == v) {
            on.emit(os);
        }
    });
    html! {
        <>
            { select("node-os", t(lang, "Operating system"), &options, selected, onchange) }
            <p class="muted small">{ t(lang, "Its ephemeral ports: as a client it picks its source port from this range, and replies come back to that port, so a network ACL on the way must allow it.") }</p>
        </>
    }
}

fn iface_mut<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut Interface> {
    let found = locate(s, id)?;
    first_interface_mut(s, found)
}

/// Editor of node `id`.
/// The roles an instance can take, with their names in the file format.
const ROLES: [(Role, &str); 8] = [
    (Role::Generic, "generic"),
    (Role::Web, "web"),
    (Role::App, "app"),
    (Role::Bastion, "bastion"),
    (Role::NatInstance, "nat-instance"),
    (Role::ReverseProxy, "reverse-proxy"),
    (Role::Appliance, "appliance"),
    (Role::InterfaceEndpoint, "interface-endpoint"),
];

/// What role `r` is called in the role select, in `lang`.
fn role_label(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Generic => t(lang, "General purpose"),
        Role::Web => t(lang, "Web server"),
        Role::App => t(lang, "Application server"),
        Role::Bastion => t(lang, "Bastion host"),
        Role::NatInstance => t(lang, "NAT instance"),
        Role::ReverseProxy => t(lang, "Reverse proxy"),
        Role::Appliance => t(lang, "Firewall / router"),
        Role::InterfaceEndpoint => t(lang, "Interface endpoint"),
    }
}

#[component]
pub fn NodeEditor(p: &PartId) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let focus = use_context::<RuleFocusContext>().expect("rule focus context");
    let tab = use_state(|| {
        let tab_labels = ["Details", "Security groups"];
        super::opening_tab(
            "node",
            RuleFocus::tab_of(&focus, &p.id, &tab_labels),
            &tab_labels,
        )
    });
    let s = &app.scenario;
    let Some(found) = locate(s, &p.id) else {
        return html! {};
    };
    let id = p.id.to_string();
    let path = found.path();
    let edit = |f: fn(&mut Scenario, &str, String, Lang) -> Result<(), String>| -> Check {
        let (s, id) = (s.clone(), id.clone());
        Callback::from(move |text: String| {
            let mut n = (*s).clone();
            f(&mut n, &id, text, lang)?;
            Ok(n)
        })
    };
    // Renaming also renames what was named after the part; a taken name is refused.
    let name_check = edit(|n, id, text, lang| {
        crate::edit::rename::rename(n, id, &text).map_err(|e| e.text(lang))
    });
    let mut fields: Vec<Html> = vec![html! {
        <TextField id="node-name" label={t(lang, "Name")} value={name_of(s, &id)} check={name_check}
            path={format!("{path}.name")} />
    }];
    let ifs = interfaces_of(s, found);
    if let Some(n) = ifs.first().copied().cloned() {
        let ip_check = edit(|s, id, text, lang| {
            let ip = parse_ip(&text, lang)?;
            if let Some(i) = iface_mut(s, id) {
                i.private_ip = ip;
            }
            Ok(())
        });
        let iface_path = match found {
            Found::NatGateway(_) | Found::GwlbEndpoint(_) => format!("{path}.interface.private_ip"),
            Found::LoadBalancer(_) => format!("{path}.nodes[0].private_ip"),
            _ => format!("{path}.interfaces[0].private_ip"),
        };
        fields.push(html! {
            <TextField id="node-ip" label={t(lang, "Private IPv4 address")} value={n.private_ip.to_string()}
                check={ip_check} path={iface_path}
                hint={AttrValue::from(tf(lang, "In {} ({})", &[&name_of(s, &n.subnet),
                    &s.subnets.iter().find(|x| x.id == n.subnet).map(|x| x.cidr.to_string()).unwrap_or_default()]))} />
        });
        if !matches!(found, Found::NatGateway(_) | Found::LoadBalancer(_)) {
            let add = super::ipv6::edit(&app, lang, n.id.clone(), |s, eni| {
                crate::edit::ipv6::assign_address(s, eni).map(drop)
            });
            let (app, eni, ips) = (app.clone(), n.id.clone(), n.ipv6_addresses.clone());
            let remove = Callback::from(move |k: usize| {
                let mut s = (*app.scenario).clone();
                crate::edit::ipv6::unassign_address(&mut s, &eni, ips[k]);
                commit(&app, s);
            });
            fields.push(super::ipv6::field(
                lang,
                "node-ipv6",
                t(lang, "IPv6 address"),
                n.ipv6_addresses.iter().map(|a| a.to_string()).collect(),
                1,
                t(lang, "None: IPv4 only. IPv6 addresses are global: an internet gateway passes them without NAT."),
                (t(lang, "Assign IPv6 address"), add),
                remove,
            ));
        }
        if !matches!(
            found,
            Found::NatGateway(_) | Found::GwlbEndpoint(_) | Found::LoadBalancer(_)
        ) {
            let on_public = {
                let (app, id) = (app.clone(), id.clone());
                Callback::from(move |on: bool| {
                    let mut s = (*app.scenario).clone();
                    let ip = next_public_ip(&s);
                    if let Some(i) = iface_mut(&mut s, &id) {
                        i.public_ip = on.then_some(ip);
                        if !on {
                            i.elastic_ip = false;
                        }
                    }
                    commit_checked(&app, lang, s);
                })
            };
            let on_eip = {
                let (app, id) = (app.clone(), id.clone());
                Callback::from(move |on: bool| {
                    let mut s = (*app.scenario).clone();
                    let ip = next_public_ip(&s);
                    if let Some(i) = iface_mut(&mut s, &id) {
                        i.elastic_ip = on;
                        if on && i.public_ip.is_none() {
                            i.public_ip = Some(ip);
                        }
                    }
                    commit_checked(&app, lang, s);
                })
            };
            fields.push(checkbox(
                "node-public",
                t(lang, "Public IPv4 address"),
                n.public_ip.is_some(),
                on_public,
            ));
            fields.push(checkbox(
                "node-eip",
                t(lang, "Elastic IP (keeps its address)"),
                n.elastic_ip,
                on_eip,
            ));
            if let Some(ip) = n.public_ip {
                fields
                    .push(html! { <p class="muted small">{ tf(lang, "Public address: {}", &[&ip.to_string()]) }</p> });
            }
        } else if let Some(ip) = n.public_ip {
            let what = if n.elastic_ip {
                t(lang, "Elastic IP")
            } else {
                t(lang, "Public IP")
            };
            fields.push(
                html! { <dl class="facts"><dt>{ what }</dt><dd>{ ip.to_string() }</dd></dl> },
            );
        }
        if let Found::Instance(_) = found {
            let on_sdc = {
                let (app, id) = (app.clone(), id.clone());
                Callback::from(move |on: bool| {
                    let mut s = (*app.scenario).clone();
                    if let Some(i) = iface_mut(&mut s, &id) {
                        i.source_dest_check = on;
                    }
                    commit_checked(&app, lang, s);
                })
            };
            fields.push(checkbox(
                "node-sdc",
                t(
                    lang,
                    "Source/destination check (turn off for NAT instances and routers)",
                ),
                n.source_dest_check,
                on_sdc,
            ));
            if let (Found::Instance(i), false) = (found, n.source_dest_check) {
                let on_stateful = {
                    let app = app.clone();
                    Callback::from(move |on: bool| {
                        let mut s = (*app.scenario).clone();
                        s.instances[i].stateful = on;
                        commit(&app, s);
                    })
                };
                fields.push(checkbox(
                    "node-stateful",
                    t(
                        lang,
                        "Stateful firewall (drops a connection whose reply takes another way)",
                    ),
                    s.instances[i].stateful,
                    on_stateful,
                ));
            }
        }
    }
    match found {
        Found::Instance(i) => {
            let x = &s.instances[i];
            let options: Vec<(String, String)> = ROLES
                .iter()
                .map(|r| (r.1.to_string(), role_label(lang, r.0).to_string()))
                .collect();
            let current = ROLES
                .iter()
                .find(|r| r.0 == x.role)
                .map(|r| r.1)
                .unwrap_or("generic");
            let on_role = {
                let app = app.clone();
                Callback::from(move |v: String| {
                    let mut s = (*app.scenario).clone();
                    if let Some(r) = ROLES.iter().find(|r| r.1 == v) {
                        s.instances[i].role = r.0;
                    }
                    commit(&app, s);
                })
            };
            fields.push(select(
                "node-role",
                t(lang, "Role"),
                &options,
                current,
                on_role,
            ));
            let on_os = {
                let app = app.clone();
                Callback::from(move |os: Os| {
                    let mut s = (*app.scenario).clone();
                    s.instances[i].os = os;
                    commit(&app, s);
                })
            };
            fields.push(os_field(lang, x.os, on_os));
            let listen_check = edit(|s, id, text, _| {
                let l = parse_listening(&text)?;
                if let Some(Found::Instance(i)) = locate(s, id) {
                    s.instances[i].listens = l;
                }
                Ok(())
            });
            fields.push(html! {
                <TextField id="node-listens" label={t(lang, "Listening ports")} value={listening_text(&x.listens)}
                    check={listen_check} path={format!("{path}.listens")} placeholder="22, 80, 443"
                    hint={AttrValue::from(t(lang, "Ports the software on it accepts connections on, or \"any\"."))} />
            });
            if x.role == Role::ReverseProxy || !x.upstreams.is_empty() {
                fields.push(html! { <super::proxy::UpstreamsEditor index={i} /> });
            }
        }
        Found::Database(i) => {
            let x = &s.databases[i];
            let engines = [
                (Engine::Mysql, "mysql", "MySQL"),
                (Engine::Postgres, "postgres", "PostgreSQL"),
                (Engine::Mariadb, "mariadb", "MariaDB"),
                (Engine::AuroraMysql, "aurora-mysql", "Aurora MySQL"),
                (
                    Engine::AuroraPostgres,
                    "aurora-postgres",
                    "Aurora PostgreSQL",
                ),
                (Engine::Sqlserver, "sqlserver", "SQL Server"),
                (Engine::Oracle, "oracle", "Oracle"),
                (Engine::Redis, "redis", "Redis"),
                (Engine::Memcached, "memcached", "Memcached"),
            ];
            let cache = x.engine.is_cache();
            let options: Vec<(String, String)> = engines
                .iter()
                .filter(|e| e.0.is_cache() == cache)
                .map(|e| (e.1.to_string(), e.2.to_string()))
                .collect();
            let current = engines
                .iter()
                .find(|e| e.0 == x.engine)
                .map(|e| e.1)
                .unwrap_or("");
            let on_engine = {
                let app = app.clone();
                Callback::from(move |v: String| {
                    let mut s = (*app.scenario).clone();
                    if let Some(e) = engines.iter().find(|e| e.1 == v) {
                        s.databases[i].engine = e.0;
                    }
                    commit(&app, s);
                })
            };
            fields.push(select(
                "node-engine",
                t(lang, "Engine"),
                &options,
                current,
                on_engine,
            ));
            let port_check = edit(|s, id, text, lang| {
                let text = text.trim().to_string();
                let port = if text.is_empty() {
                    None
                } else {
                    Some(text.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
                        tf(lang, "{} is not a port: use 1 to 65535, or leave empty for the engine's default.", &[&format!("{text:?}")])
                    })?)
                };
                if let Some(Found::Database(i)) = locate(s, id) {
                    s.databases[i].port = port;
                }
                Ok(())
            });
            fields.push(html! {
                <TextField id="node-port" label={t(lang, "Port")} value={x.listen_port().to_string()}
                    check={port_check} path={format!("{path}.port")}
                    hint={AttrValue::from(if cache {
                        t(lang, "A managed cache accepts connections on this port only: there is no SSH or shell on it.")
                    } else {
                        t(lang, "A managed database accepts connections on its engine's port only: there is no SSH to it. To reach it from a bastion, tunnel through the bastion (ssh -L) to this port.")
                    })} />
            });
        }
        Found::LoadBalancer(i) => {
            let x = s.load_balancers[i].clone();
            let options = vec![
                (
                    "internet-facing".to_string(),
                    t(lang, "Internet-facing").to_string(),
                ),
                ("internal".to_string(), t(lang, "Internal").to_string()),
            ];
            let current = if x.scheme == Scheme::Internal {
                "internal"
            } else {
                "internet-facing"
            };
            let on_scheme = {
                let app = app.clone();
                Callback::from(move |v: String| {
                    let mut s = (*app.scenario).clone();
                    s.load_balancers[i].scheme = if v == "internal" {
                        Scheme::Internal
                    } else {
                        Scheme::InternetFacing
                    };
                    commit(&app, s);
                })
            };
            fields.push(select(
                "node-scheme",
                t(lang, "Scheme"),
                &options,
                current,
                on_scheme,
            ));
            let kinds = [
                ("application", t(lang, "Application (HTTP, HTTPS)")),
                ("network", t(lang, "Network (TCP, TLS, UDP)")),
            ]
            .map(|(v, l)| (v.to_string(), l.to_string()));
            let on_kind = {
                let app = app.clone();
                Callback::from(move |v: String| {
                    let mut s = (*app.scenario).clone();
                    let kind = if v == "network" {
                        LbKind::Network
                    } else {
                        LbKind::Application
                    };
                    if crate::edit::balancer::set_kind(&mut s, i, kind) {
                        commit(&app, s);
                    }
                })
            };
            let kind = if x.kind == LbKind::Network {
                "network"
            } else {
                "application"
            };
            fields.push(select(
                "node-lb-kind",
                t(lang, "Type"),
                &kinds,
                kind,
                on_kind,
            ));
            fields.push(html! {
                <dl class="facts">
                    <dt>{ t(lang, "Nodes") }</dt>
                    <dd>{ x.nodes.iter().map(|n| format!("{} ({})", n.private_ip, name_of(s, &n.subnet))).collect::<Vec<_>>().join(", ") }</dd>
                </dl>
            });
            fields.push(html! { <super::lb::LoadBalancerEditor index={i} /> });
        }
        Found::NatGateway(_) => {
            fields.push(html! { <p class="muted small">{ t(lang, "A NAT gateway lets instances in private subnets start connections to the internet; nothing can connect in through it. Route 0.0.0.0/0 to it from a private subnet's route table.") }</p> });
        }
        Found::GwlbEndpoint(_) => {
            fields.push(html! { <p class="muted small">{ t(lang, "Routes send traffic here; its Gateway Load Balancer's appliances inspect it and send it back; it has no security groups — its subnet's network ACL applies.") }</p> });
        }
        Found::InternetGateway(i) => {
            let g = &s.internet_gateways[i];
            let mut options = vec![(String::new(), t(lang, "Detached").to_string())];
            options.extend(s.vpcs.iter().map(|v| (v.id.clone(), name_of(s, &v.id))));
            let on_vpc = {
                let app = app.clone();
                Callback::from(move |v: String| {
                    let mut s = (*app.scenario).clone();
                    s.internet_gateways[i].vpc = (!v.is_empty()).then_some(v);
                    commit_checked(&app, lang, s);
                })
            };
            fields.push(select(
                "node-vpc",
                t(lang, "Attached to VPC"),
                &options,
                g.vpc.as_deref().unwrap_or(""),
                on_vpc,
            ));
            fields.push(
                html! { <super::edge::GatewayTableEditor gateway={AttrValue::from(id.clone())} /> },
            );
        }
        Found::EgressOnlyInternetGateway(i) => {
            let g = &s.egress_only_internet_gateways[i];
            fields.push(html! {
                <dl class="facts">
                    <dt>{ t(lang, "Attached to VPC") }</dt>
                    <dd>{ name_of(s, &g.vpc) }</dd>
                </dl>
            });
            fields.push(html! { <p class="muted small">{ t(lang, "IPv6 out to the internet, and the replies back; nothing can start a connection from the internet through it. Route ::/0 to it from a subnet's route table.") }</p> });
        }
        Found::VpnGateway(_) => {
            fields.push(
                html! { <super::edge::GatewayTableEditor gateway={AttrValue::from(id.clone())} /> },
            );
        }
        Found::Host(i) => {
            let h = &s.internet_hosts[i];
            let ip_check = edit(|s, id, text, lang| {
                let ip = parse_ip(&text, lang)?;
                if let Some(Found::Host(i)) = locate(s, id) {
                    s.internet_hosts[i].ip = ip;
                }
                Ok(())
            });
            fields.push(html! {
                <TextField id="node-public-ip" label={t(lang, "Public IP address")} value={h.ip.to_string()}
                    check={ip_check} path={format!("{path}.ip")}
                    hint={AttrValue::from(t(lang, "Its address on the internet, outside every VPC."))} />
            });
            let on_os = {
                let app = app.clone();
                Callback::from(move |os: Os| {
                    let mut s = (*app.scenario).clone();
                    s.internet_hosts[i].os = os;
                    commit(&app, s);
                })
            };
            fields.push(os_field(lang, h.os, on_os));
        }
        Found::OnPrem(i) => fields.extend(super::site::fields(&app, lang, i)),
        _ => {}
    }
    let details = html! { <div class="form">{ for fields }</div> };
    let has_groups = matches!(
        found,
        Found::Instance(_) | Found::Database(_) | Found::LoadBalancer(_)
    );
    if has_groups {
        tabs(
            lang,
            "node",
            &tab,
            vec![
                ("Details", details),
                (
                    "Security groups",
                    html! { <GroupsEditor owner={AttrValue::from(id)} /> },
                ),
            ],
        )
    } else {
        details
    }
}
