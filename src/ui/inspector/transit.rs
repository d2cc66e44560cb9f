//! The transit gateway editor: its name; its attachments (which VPC, the subnet of each zone,
//! the route table each is associated with and propagates to); its route tables with every route
//! the gateway uses (static and propagated, as the engine compiles them), and static or blackhole
//! routes to add.

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::{Action, AppContext};
use super::field::{checkbox, commit, select, text_into, value_into, Check, TextField};
use super::vpc::{parse_cidr, PartId};
use crate::edit::find::{locate, name_of, Found};
use crate::edit::transit as edit;
use crate::edit::Refusal;
use crate::engine::transit::{CompiledTgw, TgwTarget};
use crate::model::{Scenario, TransitGateway};

/// Applies edit `f` to a copy of the scenario, or says why it was refused.
fn apply(app: &AppContext, lang: Lang, f: impl FnOnce(&mut Scenario) -> Result<(), Refusal>) {
    let mut n = (*app.scenario).clone();
    match f(&mut n) {
        Ok(()) => commit(app, n),
        Err(why) => app.dispatch(Action::Notify(why.text(lang))),
    }
}

/// Editor of transit gateway `id`.
#[component]
pub fn TransitGatewayEditor(p: &PartId) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let active = use_state(|| {
        let tab_labels = ["Attachments", "Route tables"];
        super::opening_tab("tgw", None, &tab_labels)
    });
    let s = &app.scenario;
    let Some(Found::TransitGateway(i)) = locate(s, &p.id) else {
        return html! {};
    };
    let g = &s.transit_gateways[i];
    let name_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let mut n = (*s).clone();
            let id = n.transit_gateways[i].id.clone();
            crate::edit::rename::rename(&mut n, &id, &t).map_err(|e| e.text(lang))?;
            Ok(n)
        })
    };
    let pages = vec![
        ("Attachments", attachments(&app, lang, g)),
        ("Route tables", route_tables(&app, lang, g)),
    ];
    html! {
        <div class="form">
            <TextField id="tgw-name" label={t(lang, "Name")} value={g.name.clone()} check={name_check}
                path={format!("transit_gateways[{i}].name")} />
            { super::tabs(lang, "tgw", &active, pages) }
        </div>
    }
}

fn table_name(g: &TransitGateway, id: &str) -> String {
    (g.route_tables.iter().find(|r| r.id == id))
        .map(|r| {
            if r.name.is_empty() {
                r.id.clone()
            } else {
                r.name.clone()
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// The attachments tab: one block per attached VPC, then "attach a VPC".
fn attachments(app: &AppContext, lang: Lang, g: &TransitGateway) -> Html {
    let s = &app.scenario;
    let tgw = g.id.clone();
    let mut table_options = vec![(
        String::new(),
        t(lang, "None (drops what comes in)").to_string(),
    )];
    table_options.extend(
        g.route_tables
            .iter()
            .map(|r| (r.id.clone(), table_name(g, &r.id))),
    );
    let blocks = g.attachments.iter().enumerate().map(|(k, a)| {
        let vpc = name_of(s, &a.vpc);
        let zones: Vec<String> = (a.subnets.iter())
            .map(|id| {
                let az = s.subnets.iter().find(|x| x.id == *id).map_or("", |x| x.az.as_str());
                format!("{} ({az})", name_of(s, id))
            })
            .collect();
        let on_table = {
            let (app, tgw, att) = (app.clone(), tgw.clone(), a.id.clone());
            Callback::from(move |v: String| {
                let table = (!v.is_empty()).then_some(v.as_str());
                apply(&app, lang, |n| edit::associate(n, &tgw, &att, table));
            })
        };
        let propagations = g.route_tables.iter().map(|r| {
            let on = a.propagates_to.contains(&r.id);
            let onchange = {
                let (app, tgw, att, table) = (app.clone(), tgw.clone(), a.id.clone(), r.id.clone());
                Callback::from(move |on: bool| {
                    apply(&app, lang, |n| edit::propagate(n, &tgw, &att, &table, on));
                })
            };
            checkbox(
                &format!("tgw-prop-{k}-{}", r.id),
                &tf(lang, "Propagates {} to {}", &[&vpc, &table_name(g, &r.id)]),
                on,
                onchange,
            )
        });
        let detach = {
            let (app, tgw, att) = (app.clone(), tgw.clone(), a.id.clone());
            Callback::from(move |_: MouseEvent| apply(&app, lang, |n| edit::detach(n, &tgw, &att)))
        };
        html! {
            <fieldset class="attachment" key={a.id.clone()}>
                <legend>{ &vpc }</legend>
                <p class="muted small">{ tf(lang, "Subnets: {}", &[&zones.join(", ")]) }</p>
                { select(&format!("tgw-assoc-{k}"), t(lang, "Associated route table"), &table_options,
                    a.route_table.as_deref().unwrap_or(""), on_table) }
                { for propagations }
                <div class="row-actions">
                    <button type="button" class="tool small danger" onclick={detach}
                        aria-label={tf(lang, "Detach {}", &[&vpc])}>{ t(lang, "Detach") }</button>
                </div>
            </fieldset>
        }
    });
    let free: Vec<(String, String)> = (s.vpcs.iter())
        .filter(|v| !g.attachments.iter().any(|a| a.vpc == v.id))
        .map(|v| (v.id.clone(), name_of(s, &v.id)))
        .collect();
    let attach = free.iter().map(|(vpc, label)| {
        let onclick = {
            let (app, tgw, vpc) = (app.clone(), tgw.clone(), vpc.clone());
            Callback::from(move |_: MouseEvent| {
                apply(&app, lang, |n| edit::attach(n, &tgw, &vpc).map(|_| ()))
            })
        };
        html! {
            <button type="button" class="tool small" key={vpc.clone()} {onclick}>
                { tf(lang, "Attach {}", &[label]) }</button>
        }
    });
    html! {
        <>
        if g.attachments.is_empty() {
            <p class="muted">{ t(lang, "No VPC is attached yet. Attach one: the gateway gets an interface in one subnet of each of its zones.") }</p>
        }
        { for blocks }
        if !free.is_empty() {
            <div class="row-actions wrap">{ for attach }</div>
        }
        </>
    }
}

/// The route tables tab: every route of each table, static ones removable, and a form to add one.
fn route_tables(app: &AppContext, lang: Lang, g: &TransitGateway) -> Html {
    let s = &app.scenario;
    let compiled = CompiledTgw::of(s, g);
    let tgw = g.id.clone();
    let tables = g.route_tables.iter().enumerate().map(|(ti, rt)| {
        let rows = compiled.tables[ti].iter().map(|e| {
            let target = match e.target {
                Some(TgwTarget::Attachment(k)) => name_of(s, &g.attachments[k].vpc),
                Some(TgwTarget::Peering(k)) => {
                    tf(lang, "peering to {}", &[&name_of(s, &g.peerings[k].peer)])
                }
                Some(TgwTarget::Site { site, link }) => {
                    let l = &s.on_prem_networks[site].links[link];
                    crate::engine::network::display(&l.name, &l.id).to_string()
                }
                None => t(lang, "blackhole").to_string(),
            };
            let kind = if e.propagated { t(lang, "propagated") } else { t(lang, "static") };
            let static_index = (!e.propagated)
                .then(|| rt.routes.iter().position(|r| r.destination == e.destination))
                .flatten();
            let remove = static_index.map(|index| {
                let (app, tgw, table) = (app.clone(), tgw.clone(), rt.id.clone());
                let d = e.destination.to_string();
                let onclick = Callback::from(move |_: MouseEvent| {
                    apply(&app, lang, |n| edit::remove_route(n, &tgw, &table, index))
                });
                html! { <button type="button" class="icon-btn" {onclick}
                    aria-label={tf(lang, "Remove route {}", &[&d])}>{ "×" }</button> }
            });
            html! {
                <tr key={format!("{}>{}", e.destination, e.propagated)}>
                    <td>{ e.destination.to_string() }</td>
                    <td class="wrap">{ target }
                        if e.target.is_none() { <span class="tag bad">{ t(lang, "blackhole") }</span> }
                    </td>
                    <td>{ kind }</td>
                    <td>{ for remove }</td>
                </tr>
            }
        });
        html! {
            <div class="tgw-table" key={rt.id.clone()}>
                <h4>{ table_name(g, &rt.id) }</h4>
                <table class="rules" aria-label={tf(lang, "Routes of {}", &[&table_name(g, &rt.id)])}>
                    <thead><tr><th>{ t(lang, "Destination") }</th><th>{ t(lang, "Target") }</th>
                        <th>{ t(lang, "Type") }</th><th><span class="sr-only">{ t(lang, "Actions") }</span></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <AddTgwRoute tgw={tgw.clone()} table={rt.id.clone()} />
            </div>
        }
    });
    let add_table = {
        let (app, tgw) = (app.clone(), tgw.clone());
        Callback::from(move |_: MouseEvent| {
            apply(&app, lang, |n| edit::add_table(n, &tgw).map(|_| ()))
        })
    };
    html! {
        <>
        { for tables }
        <div class="row-actions">
            <button type="button" class="tool small" onclick={add_table}>{ t(lang, "Add route table") }</button>
        </div>
        </>
    }
}

/// Properties of [`AddTgwRoute`].
#[derive(Properties, PartialEq)]
struct AddRouteProps {
    tgw: AttrValue,
    table: AttrValue,
}

/// The form that adds a static (or blackhole) route to one transit gateway route table.
#[component]
fn AddTgwRoute(p: &AddRouteProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let dest = use_state(String::new);
    let target = use_state(String::new);
    let s = &app.scenario;
    let Some(g) = s.transit_gateways.iter().find(|g| *g.id == *p.tgw) else {
        return html! {};
    };
    let mut options = vec![(String::new(), t(lang, "Blackhole (drop)").to_string())];
    options.extend(
        g.attachments
            .iter()
            .map(|a| (a.id.clone(), name_of(s, &a.vpc))),
    );
    let parsed = (!dest.is_empty()).then(|| parse_cidr(&dest, lang));
    let error = parsed.as_ref().and_then(|r| r.as_ref().err().cloned());
    let id = format!("tgw-dest-{}", p.table);
    let on_dest = text_into(&dest);
    let on_target = value_into(&target);
    let ok = matches!(parsed, Some(Ok(_)));
    let add = {
        let (app, dest, target) = (app.clone(), dest.clone(), target.clone());
        let (tgw, table) = (p.tgw.to_string(), p.table.to_string());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(cidr) = parse_cidr(&dest, lang) else {
                return;
            };
            let to = (!target.is_empty()).then(|| target.to_string());
            apply(&app, lang, |n| {
                edit::add_route(n, &tgw, &table, cidr, to.as_deref())
            });
            dest.set(String::new());
        })
    };
    let invalid = error.is_some();
    html! {
        <form class="add-form" onsubmit={add} aria-label={t(lang, "Add route")}>
            <div class={classes!("field", invalid.then_some("invalid"))}>
                <label for={id.clone()}>{ t(lang, "Destination") }</label>
                <input id={id.clone()} type="text" value={(*dest).clone()} oninput={on_dest}
                    placeholder="10.0.0.0/8" spellcheck="false" autocomplete="off"
                    aria-invalid={invalid.to_string()} aria-describedby={format!("{id}-msg")} />
            </div>
            { select(&format!("tgw-target-{}", p.table), t(lang, "Target"), &options, &target, on_target) }
            <div id={format!("{id}-msg")} class="field-msg full" aria-live="polite">
                { for error.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
            </div>
            <button type="submit" class="tool" disabled={!ok}>{ t(lang, "Add route") }</button>
        </form>
    }
}
