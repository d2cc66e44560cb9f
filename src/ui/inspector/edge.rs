//! The gateway route table of an internet or virtual private gateway (ingress routing): what
//! enters the VPC through the gateway can be sent to an appliance (a firewall that inspects it)
//! before it reaches its subnet. Adding one, its routes (a subnet's block to a Gateway Load
//! Balancer endpoint or an instance), and ending the association.

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::AppContext;
use super::field::{commit, commit_checked, select};
use crate::edit::associate::{drop_edge_table, edge_table, edge_table_of, gateway_vpc};
use crate::edit::find::{locate, name_of, Found};
use crate::model::{Destination, Role, Route, RouteState, RouteTarget, Scenario};

/// Properties of [`GatewayTableEditor`].
#[derive(Properties, PartialEq)]
pub struct GatewayProps {
    /// The gateway's id.
    pub gateway: AttrValue,
}

/// What a gateway route of `vpc` may send to, as (id, label): its Gateway Load Balancer
/// endpoints, then its instances, appliances first.
fn appliances(s: &Scenario, vpc: &str, lang: Lang) -> Vec<(String, String)> {
    let in_vpc = |subnet: &str| s.subnets.iter().any(|x| x.id == subnet && x.vpc == vpc);
    let of = |appliance: bool| {
        (s.instances.iter())
            .filter(move |i| (i.role == Role::Appliance) == appliance)
            .filter(|i| i.interfaces.first().is_some_and(|n| in_vpc(&n.subnet)))
            .map(|i| (i.id.clone(), name_of(s, &i.id)))
    };
    (s.gwlb_endpoints.iter())
        .filter(|e| in_vpc(&e.interface.subnet))
        .map(|e| {
            (
                e.id.clone(),
                target_text(s, &RouteTarget::GwlbEndpoint(e.id.clone()), lang),
            )
        })
        .chain(of(true))
        .chain(of(false))
        .collect()
}

/// What a gateway route sends to, in words.
fn target_text(s: &Scenario, target: &RouteTarget, lang: Lang) -> String {
    match target {
        RouteTarget::Instance(x) | RouteTarget::NetworkInterface(x) => name_of(s, x),
        RouteTarget::GwlbEndpoint(x) => tf(lang, "{} (GWLB endpoint)", &[&name_of(s, x)]),
        other => crate::engine::walk::target_id(other),
    }
}

/// The gateway route table editor of a gateway.
#[component]
pub fn GatewayTableEditor(p: &GatewayProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let dest = use_state(String::new);
    let target = use_state(String::new);
    let s = &app.scenario;
    let gw = p.gateway.to_string();
    let heading = html! { <h4 id="edge-h">{ t(lang, "Ingress routing") }</h4> };
    let Some(vpc) = gateway_vpc(s, &gw).map(str::to_string) else {
        return html! {};
    };
    let Some(k) = edge_table_of(s, &gw) else {
        let add = {
            let (app, gw) = (app.clone(), gw.clone());
            Callback::from(move |_: MouseEvent| {
                let mut n = (*app.scenario).clone();
                if edge_table(&mut n, &gw).is_some() {
                    commit(&app, n);
                }
            })
        };
        return html! {
            <section class="lb-section edge-table" aria-labelledby="edge-h">
                { heading }
                <p class="muted small">{ t(lang, "What enters through this gateway goes straight to its subnet. A gateway route table can send it through an appliance first, such as a firewall that inspects it.") }</p>
                <button type="button" class="tool small" onclick={add}>{ t(lang, "Add a gateway route table") }</button>
            </section>
        };
    };
    let table = s.route_tables[k].clone();
    let subnets: Vec<(String, String)> = (s.subnets.iter())
        .filter(|x| x.vpc == vpc)
        .filter(|x| {
            !(table.routes.iter())
                .any(|r| r.destination == Destination::Cidr(x.cidr.trunc().into()))
        })
        .map(|x| {
            let label = format!("{} ({})", name_of(s, &x.id), x.cidr.trunc());
            (x.cidr.trunc().to_string(), label)
        })
        .collect();
    let choices = appliances(s, &vpc, lang);
    let mut dest_options = vec![(String::new(), t(lang, "Choose a subnet").to_string())];
    dest_options.extend(subnets);
    let mut target_options = vec![(String::new(), t(lang, "Choose an appliance").to_string())];
    target_options.extend(choices.iter().cloned());
    let on_dest = {
        let dest = dest.clone();
        Callback::from(move |v: String| dest.set(v))
    };
    let on_target = {
        let target = target.clone();
        Callback::from(move |v: String| target.set(v))
    };
    let ready =
        dest_options.iter().skip(1).any(|o| o.0 == *dest) && choices.iter().any(|o| o.0 == *target);
    let add = {
        let (app, dest, target) = (app.clone(), dest.clone(), target.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(cidr) = dest.parse() else { return };
            let mut n = (*app.scenario).clone();
            let to = (*target).clone();
            let through = match locate(&n, &to) {
                Some(Found::GwlbEndpoint(_)) => RouteTarget::GwlbEndpoint(to),
                _ => RouteTarget::Instance(to),
            };
            n.route_tables[k].routes.push(Route {
                destination: Destination::Cidr(cidr),
                target: through,
                state: RouteState::Active,
            });
            if commit_checked(&app, lang, n) {
                dest.set(String::new());
            }
        })
    };
    let end = {
        let (app, gw) = (app.clone(), gw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut n = (*app.scenario).clone();
            drop_edge_table(&mut n, &gw);
            commit(&app, n);
        })
    };
    let table_name = crate::engine::network::display(&table.name, &table.id).to_string();
    html! {
        <section class="lb-section edge-table" aria-labelledby="edge-h">
            { heading }
            <p class="muted small">{ tf(lang, "Gateway route table {}: it routes what enters the VPC through this gateway, after the gateway's address translation.", &[&table_name]) }</p>
            <table class="rules" aria-label={t(lang, "Gateway routes")}>
                <thead><tr><th>{ t(lang, "Destination") }</th><th>{ t(lang, "Target") }</th><th><span class="sr-only">{ t(lang, "Actions") }</span></th></tr></thead>
                <tbody>
                    if table.routes.is_empty() {
                        <tr class="implicit"><td colspan="3">{ t(lang, "No routes yet: everything goes straight to its subnet.") }</td></tr>
                    }
                    { for table.routes.iter().enumerate().map(|(j, r)| {
                        let d = match &r.destination {
                            Destination::Cidr(c) => c.to_string(),
                            Destination::PrefixList(p) => p.clone(),
                        };
                        let remove = {
                            let app = app.clone();
                            Callback::from(move |_: MouseEvent| {
                                let mut n = (*app.scenario).clone();
                                n.route_tables[k].routes.remove(j);
                                commit(&app, n);
                            })
                        };
                        html! {
                            <tr key={format!("{d}>{j}")}>
                                <td>{ &d }</td>
                                <td class="wrap">{ target_text(s, &r.target, lang) }</td>
                                <td><button type="button" class="icon-btn" onclick={remove}
                                    aria-label={tf(lang, "Remove route {}", &[&d])}>{ "×" }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <form class="add-form" onsubmit={add} aria-label={t(lang, "Add gateway route")}>
                { select("edge-dest", t(lang, "Subnet"), &dest_options, &dest, on_dest) }
                { select("edge-target", t(lang, "Through"), &target_options, &target, on_target) }
                <button type="submit" class="tool" disabled={!ready}>{ t(lang, "Add route") }</button>
            </form>
            <div class="row-actions">
                <button type="button" class="tool small" onclick={end}>{ t(lang, "Remove the gateway route table") }</button>
            </div>
        </section>
    }
}
