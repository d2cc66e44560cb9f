//! The subnet editor: name, IPv4 CIDR with its usable-address count, IPv6 block, availability
//! zone, and tabs
//! for its route table and network ACL.

use crate::ui::rule_focus::{RuleFocus, RuleFocusContext};
use yew::prelude::*;

use super::super::lang::{t, tf, use_lang};
use super::super::state::AppContext;
use super::acl::AclEditor;
use super::field::{commit_checked, select, Check, TextField};
use super::routes::{default_route_fix, RouteTableEditor};
use super::tabs;
use super::vpc::{parse_cidr, thousands, PartId};
use crate::edit::alloc::usable_addresses;
use crate::edit::find::{locate, name_of, Found};
use crate::edit::place::is_public;
use crate::geometry::{region_of, zones_of};

/// Editor of subnet `id`.
#[component]
pub fn SubnetEditor(p: &PartId) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let focus = use_context::<RuleFocusContext>().expect("rule focus context");
    let tab = use_state(|| {
        let tab_labels = ["Details", "Route table", "Network ACL"];
        super::opening_tab(
            "subnet",
            RuleFocus::tab_of(&focus, &p.id, &tab_labels),
            &tab_labels,
        )
    });
    let s = &app.scenario;
    let Some(Found::Subnet(i)) = locate(s, &p.id) else {
        return html! {};
    };
    let x = &s.subnets[i];
    let name_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let mut n = (*s).clone();
            let id = n.subnets[i].id.clone();
            crate::edit::rename::rename(&mut n, &id, &t).map_err(|e| e.text(lang))?;
            Ok(n)
        })
    };
    let cidr_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let c = parse_cidr(&t, lang)?;
            let mut n = (*s).clone();
            n.subnets[i].cidr = c;
            Ok(n)
        })
    };
    let hint = tf(
        lang,
        "{} usable addresses (AWS reserves 5)",
        &[&thousands(usable_addresses(x.cidr))],
    );
    let mut zones = zones_of(s, &x.vpc);
    let region = region_of(s);
    for l in ['a', 'b', 'c', 'd'] {
        let z = format!("{region}{l}");
        if !zones.contains(&z) {
            zones.push(z);
        }
    }
    crate::sorting::sort(&mut zones);
    let zone_options: Vec<(String, String)> =
        zones.iter().map(|z| (z.clone(), z.clone())).collect();
    let on_zone = {
        let app = app.clone();
        Callback::from(move |z: String| {
            let mut n = (*app.scenario).clone();
            n.subnets[i].az = z;
            commit_checked(&app, lang, n);
        })
    };
    let public = is_public(s, &x.id);
    let fix = default_route_fix(&app, lang, &x.id);
    let v6 = {
        let add = super::ipv6::edit(&app, lang, x.id.clone(), |n, id| {
            crate::edit::ipv6::add_subnet_block(n, id).map(drop)
        });
        let (app, id) = (app.clone(), x.id.clone());
        let remove = Callback::from(move |_: usize| {
            let mut n = (*app.scenario).clone();
            crate::edit::ipv6::remove_subnet_block(&mut n, &id);
            super::field::commit(&app, n);
        });
        super::ipv6::field(
            lang,
            "subnet-ipv6",
            t(lang, "IPv6 CIDR"),
            x.ipv6_cidr.iter().map(|c| c.to_string()).collect(),
            1,
            t(
                lang,
                "None: IPv4 only. A subnet takes a /64 of its VPC's IPv6 block.",
            ),
            (t(lang, "Add IPv6 block"), add),
            remove,
        )
    };
    let details = html! {
        <div class="form">
            <TextField id="subnet-name" label={t(lang, "Name")} value={x.name.clone()} check={name_check}
                path={format!("subnets[{i}].name")} />
            <TextField id="subnet-cidr" label={t(lang, "IPv4 CIDR")} value={x.cidr.to_string()}
                check={cidr_check} path={format!("subnets[{i}].cidr")} hint={AttrValue::from(hint)}
                placeholder="10.0.1.0/24" />
            { v6 }
            { select("subnet-az", t(lang, "Availability zone"), &zone_options, &x.az, on_zone) }
            <dl class="facts">
                <dt>{ t(lang, "VPC") }</dt>
                <dd>{ name_of(s, &x.vpc) }</dd>
                <dt>{ t(lang, "Type") }</dt>
                <dd>{ if public {
                    t(lang, "Public: its route table sends 0.0.0.0/0 to an internet gateway")
                } else {
                    t(lang, "Private: no route to an internet gateway")
                } }</dd>
            </dl>
            { fix }
        </div>
    };
    let subnet = AttrValue::from(x.id.clone());
    tabs(
        lang,
        "subnet",
        &tab,
        vec![
            ("Details", details),
            (
                "Route table",
                html! { <RouteTableEditor subnet={subnet.clone()} /> },
            ),
            ("Network ACL", html! { <AclEditor {subnet} /> }),
        ],
    )
}
