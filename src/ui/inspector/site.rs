//! The inspector's fields for an on-premises network: its address blocks, and its links (a VPN
//! connection's tunnels, a Direct Connect virtual interface): each one's kind, static routes and
//! whether it is up, removing one, and adding a VPN connection to a virtual private gateway or a
//! transit gateway.

use yew::prelude::*;

use super::super::lang::{t, tf, Lang};
use super::super::state::AppContext;
use super::field::{checkbox, commit, select, Check, TextField};
use super::vpc::parse_cidr;
use crate::edit::find::name_of;
use crate::edit::room::blocks_text;
use crate::edit::site;
use crate::model::{LinkEnd, LinkKind, Scenario};
use ipnet::Ipv4Net;
use std::rc::Rc;

/// IPv4 blocks typed as a list separated by commas or spaces.
fn parse_blocks(text: &str, lang: Lang) -> Result<Vec<Ipv4Net>, String> {
    (text.split([',', ' ']).filter(|x| !x.trim().is_empty()))
        .map(|x| parse_cidr(x, lang))
        .collect()
}

/// An edit of a scenario with blocks typed in a field.
type BlocksEdit = Rc<dyn Fn(&mut Scenario, &[Ipv4Net])>;

/// A check that applies `edit` to a copy of the scenario with the blocks typed.
fn blocks_check(s: &Rc<Scenario>, lang: Lang, edit: BlocksEdit) -> Check {
    let s = s.clone();
    Callback::from(move |text: String| {
        let blocks = parse_blocks(&text, lang)?;
        let mut n = (*s).clone();
        edit(&mut n, &blocks);
        Ok(n)
    })
}

/// Commits `edit` applied to the current scenario.
fn apply(app: &AppContext, edit: &dyn Fn(&mut Scenario)) {
    let mut s = (*app.scenario).clone();
    edit(&mut s);
    commit(app, s);
}

/// The fields of `on_prem_networks[i]`.
pub fn fields(app: &AppContext, lang: Lang, i: usize) -> Vec<Html> {
    let s = &app.scenario;
    let n = &s.on_prem_networks[i];
    let mut out = vec![html! {
        <TextField id="site-blocks" label={t(lang, "Address blocks")}
            value={blocks_text(&n.cidrs)}
            check={blocks_check(s, lang, Rc::new(move |n, b| site::set_blocks(n, i, b)))}
            path={format!("on_prem_networks[{i}].cidrs")}
            hint={AttrValue::from(t(lang, "Its hosts' addresses; over BGP links AWS learns them as routes."))} />
    }];
    let kinds = [
        ("vpn".to_string(), t(lang, "VPN connection").to_string()),
        ("dx".to_string(), t(lang, "Direct Connect").to_string()),
    ];
    for (k, l) in n.links.iter().enumerate() {
        let (LinkEnd::VpnGateway(to) | LinkEnd::TransitGateway(to)) = &l.to;
        let name = crate::engine::network::display(&l.name, &l.id);
        let what = match l.kind {
            LinkKind::Vpn => t(lang, "VPN connection {} to {} is up"),
            LinkKind::DirectConnect => t(lang, "Direct Connect link {} to {} is up"),
        };
        let label = tf(lang, what, &[name, &name_of(s, to)]);
        let a = app.clone();
        let up = Callback::from(move |up| apply(&a, &|s| site::set_link_up(s, i, k, up)));
        let a = app.clone();
        let kind = Callback::from(move |v: String| {
            let kind = if v == "dx" {
                LinkKind::DirectConnect
            } else {
                LinkKind::Vpn
            };
            apply(&a, &|s| site::set_link_kind(s, i, k, kind))
        });
        let a = app.clone();
        let remove = Callback::from(move |_| apply(&a, &|s| site::remove_link(s, i, k)));
        let current = if l.kind == LinkKind::Vpn { "vpn" } else { "dx" };
        out.push(html! {
            <fieldset class="site-link" key={l.id.clone()}>
                <legend>{ name }</legend>
                { checkbox(&format!("site-link-{k}"), &label, l.up, up) }
                { select(&format!("site-link-{k}-kind"), &tf(lang, "Kind of {}", &[name]), &kinds, current, kind) }
                if l.kind == LinkKind::Vpn {
                    <TextField id={format!("site-link-{k}-routes")}
                        label={tf(lang, "Static routes of {}", &[name])}
                        value={blocks_text(&l.static_routes)} placeholder="BGP"
                        check={blocks_check(s, lang, Rc::new(move |n, b| site::set_static_routes(n, i, k, b)))}
                        path={format!("on_prem_networks[{i}].links[{k}].static_routes")}
                        hint={AttrValue::from(t(lang, "Empty: BGP, and AWS learns the site's blocks."))} />
                }
                <button type="button" class="tool small" onclick={remove}>
                    { tf(lang, "Remove link {}", &[name]) }
                </button>
            </fieldset>
        });
    }
    let ends = (s.vpn_gateways.iter().map(|g| ("vgw", &g.id, &g.name)))
        .chain(s.transit_gateways.iter().map(|g| ("tgw", &g.id, &g.name)));
    let mut options = vec![(
        String::new(),
        t(lang, "Add a VPN connection to…").to_string(),
    )];
    options.extend(ends.map(|(kind, id, name)| {
        let shown = crate::engine::network::display(name, id);
        (format!("{kind}:{id}"), shown.to_string())
    }));
    if options.len() > 1 {
        let a = app.clone();
        let add = Callback::from(move |v: String| {
            let to = match v.split_once(':') {
                Some(("vgw", id)) => LinkEnd::VpnGateway(id.to_string()),
                Some(("tgw", id)) => LinkEnd::TransitGateway(id.to_string()),
                _ => return,
            };
            apply(&a, &|s| {
                site::add_link(s, i, &to);
            })
        });
        out.push(select(
            "site-add-link",
            t(lang, "New link"),
            &options,
            "",
            add,
        ));
    }
    out
}
