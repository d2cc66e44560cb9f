//! The upstreams of a reverse proxy (nginx's `proxy_pass`): connections the instance accepts on
//! a listen port are passed on to another part on its port, as a load balancer's listener
//! passes them to its targets.

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang};
use super::super::state::AppContext;
use super::field::{commit, compact_select, Check, TextField};
use super::lb::parse_port;
use crate::edit::find::name_of;
use crate::model::{Scenario, Upstream};

/// Properties of [`UpstreamsEditor`].
#[derive(Properties, PartialEq)]
pub struct ProxyProps {
    /// The instance's index in the scenario.
    pub index: usize,
}

/// The Upstreams section of the reverse proxy at `index`.
#[component]
pub fn UpstreamsEditor(p: &ProxyProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let i = p.index;
    let Some(proxy) = s.instances.get(i) else {
        return html! {};
    };
    let path = format!("instances[{i}].upstreams");
    // Every part a proxy can pass connections to, by name.
    let targets: Vec<(String, String)> = s
        .instances
        .iter()
        .filter(|x| x.id != proxy.id)
        .map(|x| x.id.clone())
        .chain(s.databases.iter().map(|x| x.id.clone()))
        .chain(s.load_balancers.iter().map(|x| x.id.clone()))
        .map(|id| {
            let name = name_of(s, &id);
            (id, name)
        })
        .collect();
    let edit = |f: fn(&mut Upstream, u16)| -> Box<dyn Fn(usize) -> Check> {
        let s = s.clone();
        Box::new(move |ui: usize| {
            let s = s.clone();
            Callback::from(move |text: String| {
                let port = parse_port(&text, lang)?;
                let mut n: Scenario = (*s).clone();
                if let Some(u) = n.instances[i].upstreams.get_mut(ui) {
                    f(u, port);
                }
                Ok(n)
            })
        })
    };
    let listen_check = edit(|u, p| u.listen_port = p);
    let port_check = edit(|u, p| u.port = p);
    let rows = proxy.upstreams.iter().enumerate().map(|(ui, u)| {
        let mut options = targets.clone();
        if !options.iter().any(|(id, _)| *id == u.target) {
            // An address, or a part that is gone: keep it choosable as it is.
            options.insert(0, (u.target.clone(), u.target.clone()));
        }
        let on_target = {
            let app = app.clone();
            Callback::from(move |v: String| {
                let mut s = (*app.scenario).clone();
                s.instances[i].upstreams[ui].target = v;
                commit(&app, s);
            })
        };
        let on_remove = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                let mut s = (*app.scenario).clone();
                s.instances[i].upstreams.remove(ui);
                commit(&app, s);
            })
        };
        html! {
            <li class="lb-listener proxy-row">
                <TextField id={format!("proxy-listen-{ui}")} label={t(lang, "Listen port")}
                    value={u.listen_port.to_string()} check={listen_check(ui)}
                    path={format!("{path}[{ui}].listen_port")} hide_label=true />
                { compact_select(&format!("proxy-target-{ui}"), t(lang, "Upstream target"), &options,
                    &u.target, on_target) }
                <TextField id={format!("proxy-port-{ui}")} label={t(lang, "Upstream port")}
                    value={u.port.to_string()} check={port_check(ui)}
                    path={format!("{path}[{ui}].port")} hide_label=true />
                <button type="button" class="tool small danger lb-remove" onclick={on_remove}
                    aria-label={tf(lang, "Remove upstream {}", &[&(ui + 1).to_string()])}>{ "×" }</button>
            </li>
        }
    });
    let on_add = {
        let app = app.clone();
        let first = targets.first().map(|(id, _)| id.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(target) = first.clone() else { return };
            let mut s = (*app.scenario).clone();
            let taken: Vec<u16> = s.instances[i]
                .upstreams
                .iter()
                .map(|u| u.listen_port)
                .collect();
            let listen_port = [80, 443, 8080]
                .into_iter()
                .chain(8081..=u16::MAX)
                .find(|p| !taken.contains(p))
                .unwrap_or(80);
            s.instances[i].upstreams.push(Upstream {
                listen_port,
                target,
                port: 8080,
            });
            commit(&app, s);
        })
    };
    html! {
        <section class="lb-section" aria-labelledby="proxy-upstreams-h">
            <h4 id="proxy-upstreams-h">{ t(lang, "Upstreams") }</h4>
            if proxy.upstreams.is_empty() {
                <p class="muted small">{ t(lang, "No upstream: connections end at this instance.") }</p>
            }
            if !proxy.upstreams.is_empty() {
                <div class="lb-listener proxy-row lb-head" aria-hidden="true">
                    <span>{ t(lang, "Listen port") }</span><span>{ t(lang, "Upstream") }</span>
                    <span>{ t(lang, "Port") }</span>
                </div>
            }
            <ul class="lb-listeners">{ for rows }</ul>
            if targets.is_empty() {
                <p class="muted small">{ t(lang, "Add the part it passes connections to first.") }</p>
            } else {
                <button type="button" class="tool small" onclick={on_add}>{ t(lang, "Add upstream") }</button>
            }
        </section>
    }
}
