//! The listeners and target groups of a load balancer, as the AWS console has them: each
//! listener (protocol and port) forwards to a target group (protocol, target port, health-check
//! port and path) whose registered targets are picked by name, each shown with the health the
//! engine's health checks find.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::AppContext;
use super::field::{checkbox, commit, compact_select, select, Check, TextField};
use crate::edit::balancer::{add_listener, new_target_group, set_listener_protocol};
use crate::edit::find::{name_of, vpc_of};
use crate::engine::health::{target_health, Health};
use crate::engine::network::Network;
use crate::model::{LbKind, LbProtocol, Scenario, Target};

/// The protocols a listener or target group can speak, as (value, label).
const PROTOCOLS: [(LbProtocol, &str); 6] = [
    (LbProtocol::Http, "http"),
    (LbProtocol::Https, "https"),
    (LbProtocol::Tcp, "tcp"),
    (LbProtocol::Tls, "tls"),
    (LbProtocol::Udp, "udp"),
    (LbProtocol::TcpUdp, "tcp-udp"),
];

/// The protocols a load balancer of `kind` offers, and `current` when it is not one of them.
fn protocol_options(kind: LbKind, current: LbProtocol) -> Vec<(String, String)> {
    PROTOCOLS
        .iter()
        .filter(|(p, _)| *p == current || p.fits(kind))
        .map(|(p, v)| (v.to_string(), p.label().to_string()))
        .collect()
}

fn protocol_of(value: &str) -> LbProtocol {
    PROTOCOLS
        .iter()
        .find(|(_, v)| *v == value)
        .map_or(LbProtocol::Http, |(p, _)| *p)
}

fn protocol_value(p: LbProtocol) -> &'static str {
    PROTOCOLS
        .iter()
        .find(|(x, _)| *x == p)
        .map_or("http", |(_, v)| v)
}

/// An edit of the scenario made from a field's text, or why the text does not read.
type Edit = dyn Fn(&mut Scenario, &str) -> Result<(), String>;

/// Reads a port number, 1 to 65535.
pub(super) fn parse_port(text: &str, lang: Lang) -> Result<u16, String> {
    let text = text.trim();
    text.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
        tf(
            lang,
            "{} is not a port: use 1 to 65535.",
            &[&format!("{text:?}")],
        )
    })
}

/// Properties of [`LoadBalancerEditor`].
#[derive(Properties, PartialEq)]
pub struct LbProps {
    /// The load balancer's index in the scenario.
    pub index: usize,
}

/// The Listeners and Target groups sections of the load balancer at `index`.
#[component]
pub fn LoadBalancerEditor(p: &LbProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let i = p.index;
    let Some(lb) = s.load_balancers.get(i) else {
        return html! {};
    };
    let path = format!("load_balancers[{i}]");
    // Edits the scenario through `f` when `text` reads; the field shows why when it does not.
    let edit = |f: Rc<Edit>| -> Check {
        let s = s.clone();
        Callback::from(move |text: String| {
            let mut n = (*s).clone();
            f(&mut n, &text)?;
            Ok(n)
        })
    };
    let groups: Vec<(String, String)> = lb
        .target_groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();

    let listeners = lb.listeners.iter().enumerate().map(|(li, l)| {
        let on_protocol = {
            let app = app.clone();
            Callback::from(move |v: String| {
                let mut s = (*app.scenario).clone();
                set_listener_protocol(&mut s.load_balancers[i].listeners[li], protocol_of(&v));
                commit(&app, s);
            })
        };
        let port_check = edit(Rc::new(move |s: &mut Scenario, text: &str| {
            let port = parse_port(text, lang)?;
            let lb = &mut s.load_balancers[i];
            if lb.listeners.iter().enumerate().any(|(j, x)| j != li && x.port == port) {
                return Err(tf(lang, "Port {} already has a listener: a load balancer has one listener per port.", &[&port.to_string()]));
            }
            lb.listeners[li].port = port;
            Ok(())
        }));
        let on_group = {
            let app = app.clone();
            Callback::from(move |v: String| {
                let mut s = (*app.scenario).clone();
                s.load_balancers[i].listeners[li].target_group = v;
                commit(&app, s);
            })
        };
        let on_remove = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                let mut s = (*app.scenario).clone();
                s.load_balancers[i].listeners.remove(li);
                commit(&app, s);
            })
        };
        html! {
            <li class="lb-listener">
                { compact_select(&format!("lb-listener-protocol-{li}"), t(lang, "Listener protocol"),
                    &protocol_options(lb.kind, l.protocol), protocol_value(l.protocol), on_protocol) }
                <TextField id={format!("lb-listener-port-{li}")} label={t(lang, "Listener port")}
                    value={l.port.to_string()} check={port_check}
                    path={format!("{path}.listeners[{li}].port")} hide_label=true />
                { compact_select(&format!("lb-listener-group-{li}"), t(lang, "Target group"), &groups,
                    &l.target_group, on_group) }
                <button type="button" class="tool small danger lb-remove" onclick={on_remove}
                    aria-label={tf(lang, "Remove listener {}", &[&(li + 1).to_string()])}>{ "×" }</button>
            </li>
        }
    });
    let on_add_listener = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let mut s = (*app.scenario).clone();
            if add_listener(&mut s, i) {
                commit(&app, s);
            }
        })
    };

    let net = Network::new(s);
    let vpc = vpc_of(s, &lb.id).unwrap_or_default();
    let candidates: Vec<(String, String)> = s
        .instances
        .iter()
        .filter(|x| vpc_of(s, &x.id).as_deref() == Some(vpc.as_str()))
        .map(|x| (x.id.clone(), name_of(s, &x.id)))
        .collect();
    let target_groups = lb.target_groups.iter().enumerate().map(|(gi, g)| {
        let gpath = format!("{path}.target_groups[{gi}]");
        let on_protocol = {
            let app = app.clone();
            Callback::from(move |v: String| {
                let mut s = (*app.scenario).clone();
                s.load_balancers[i].target_groups[gi].protocol = protocol_of(&v);
                commit(&app, s);
            })
        };
        let port_check = edit(Rc::new(move |s: &mut Scenario, text: &str| {
            s.load_balancers[i].target_groups[gi].port = parse_port(text, lang)?;
            Ok(())
        }));
        let check_port_check = edit(Rc::new(move |s: &mut Scenario, text: &str| {
            let port = match text.trim() {
                "" => None,
                t => Some(parse_port(t, lang)?),
            };
            s.load_balancers[i].target_groups[gi].health_check_port = port;
            Ok(())
        }));
        let check_path_check = edit(Rc::new(move |s: &mut Scenario, text: &str| {
            let text = text.trim();
            if !text.is_empty() && !text.starts_with('/') {
                return Err(tf(lang, "{} is not a path: it starts with /, such as /health.", &[&format!("{text:?}")]));
            }
            s.load_balancers[i].target_groups[gi].health_check_path =
                (!text.is_empty() && text != "/").then(|| text.to_string());
            Ok(())
        }));
        let in_use = lb.listeners.iter().any(|l| l.target_group == g.id);
        let on_remove = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                let mut s = (*app.scenario).clone();
                s.load_balancers[i].target_groups.remove(gi);
                commit(&app, s);
            })
        };
        let health: Vec<_> = target_health(&net, i, gi);
        let registered: Vec<&str> = g.targets.iter().map(|t| t.id.as_str()).collect();
        let targets = candidates.iter().map(|(tid, tname)| {
            let on = registered.contains(&tid.as_str());
            let (app, t2) = (app.clone(), tid.clone());
            let onchange = Callback::from(move |on: bool| {
                let mut s = (*app.scenario).clone();
                let tg = &mut s.load_balancers[i].target_groups[gi];
                tg.targets.retain(|t| t.id != t2);
                if on {
                    tg.targets.push(Target { id: t2.clone(), port: None });
                }
                commit(&app, s);
            });
            let state = health.iter().find(|h| h.target == *tid).map(|h| match &h.health {
                Health::Healthy => html! {
                    <span class="lb-health healthy">{ tf(lang, "healthy on port {}", &[&h.check_port.to_string()]) }</span>
                },
                Health::Unhealthy(tr) => html! {
                    <span class="lb-health unhealthy">
                        { tf(lang, "unhealthy on port {}", &[&h.check_port.to_string()]) }
                        <span class="lb-reason">{ crate::engine::explain::summary(tr, lang).into_owned() }</span>
                    </span>
                },
                Health::Unreachable(e) => html! {
                    <span class="lb-health unhealthy">
                        { t(lang, "cannot be checked") }
                        <span class="lb-reason">{ if lang == Lang::Ko { e.ko() } else { e.to_string() } }</span>
                    </span>
                },
            });
            html! {
                <li class="lb-target">
                    { checkbox(&format!("lb-target-{gi}-{tid}"), tname, on, onchange) }
                    { for state }
                </li>
            }
        });
        let has_path = matches!(g.protocol, LbProtocol::Http | LbProtocol::Https);
        // A network load balancer's targets see the client's address or its own.
        let keeps = (lb.kind == LbKind::Network).then(|| {
            let on = g.keeps_client_ip();
            let app = app.clone();
            let onchange = Callback::from(move |on: bool| {
                let mut s = (*app.scenario).clone();
                s.load_balancers[i].target_groups[gi].preserve_client_ip = Some(on);
                commit(&app, s);
            });
            checkbox(&format!("lb-tg-keep-{gi}"), t(lang, "Preserve client IP addresses"), on, onchange)
        });
        html! {
            <section class="lb-group" aria-label={tf(lang, "Target group {}", &[&g.name])}>
                <div class="lb-group-head">
                    <h5>{ &g.name }</h5>
                    if !in_use {
                        <button type="button" class="tool small danger" onclick={on_remove}
                            aria-label={tf(lang, "Remove target group {}", &[&g.name])}>{ t(lang, "Remove") }</button>
                    }
                </div>
                <div class="lb-grid">
                    { select(&format!("lb-tg-protocol-{gi}"), t(lang, "Target group protocol"),
                        &protocol_options(lb.kind, g.protocol), protocol_value(g.protocol), on_protocol) }
                    <TextField id={format!("lb-tg-port-{gi}")} label={t(lang, "Target port")}
                        value={g.port.to_string()} check={port_check} path={format!("{gpath}.port")} />
                    <TextField id={format!("lb-tg-check-port-{gi}")} label={t(lang, "Health check port")}
                        value={g.health_check_port.map(|p| p.to_string()).unwrap_or_default()}
                        check={check_port_check} path={format!("{gpath}.health_check_port")}
                        placeholder={AttrValue::from(t(lang, "traffic port"))} />
                    if has_path {
                        <TextField id={format!("lb-tg-check-path-{gi}")} label={t(lang, "Health check path")}
                            value={g.health_check_path.clone().unwrap_or_else(|| "/".into())}
                            check={check_path_check} path={format!("{gpath}.health_check_path")} />
                    }
                </div>
                { for keeps }
                <fieldset class="checks lb-targets">
                    <legend>{ t(lang, "Targets") }</legend>
                    if candidates.is_empty() {
                        <p class="muted small">{ t(lang, "No instance in this VPC yet: add one to register it.") }</p>
                    }
                    <ul class="lb-target-list">{ for targets }</ul>
                </fieldset>
            </section>
        }
    });
    let on_add_group = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let mut s = (*app.scenario).clone();
            if let Some(g) = new_target_group(&s, i) {
                s.load_balancers[i].target_groups.push(g);
                commit(&app, s);
            }
        })
    };
    html! {
        <>
        <section class="lb-section" aria-labelledby="lb-listeners-h">
            <h4 id="lb-listeners-h">{ t(lang, "Listeners") }</h4>
            if lb.listeners.is_empty() {
                <p class="muted small">{ t(lang, "No listener: nothing reaches the targets.") }</p>
            }
            if !lb.listeners.is_empty() {
                <div class="lb-listener lb-head" aria-hidden="true">
                    <span>{ t(lang, "Protocol") }</span><span>{ t(lang, "Port") }</span>
                    <span>{ t(lang, "Target group") }</span>
                </div>
            }
            <ul class="lb-listeners">{ for listeners }</ul>
            <button type="button" class="tool small" onclick={on_add_listener}>{ t(lang, "Add listener") }</button>
        </section>
        <section class="lb-section" aria-labelledby="lb-groups-h">
            <h4 id="lb-groups-h">{ t(lang, "Target groups") }</h4>
            { for target_groups }
            <button type="button" class="tool small" onclick={on_add_group}>{ t(lang, "Add target group") }</button>
        </section>
        </>
    }
}
