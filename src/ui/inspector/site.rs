//! The inspector's fields for an on-premises network: its address blocks, and a switch per link
//! (a VPN connection's tunnels, a Direct Connect virtual interface) to bring it down or up.

use yew::prelude::*;

use super::super::lang::{t, tf, Lang};
use super::super::state::AppContext;
use super::field::{checkbox, commit, Check, TextField};
use super::vpc::parse_cidr;
use crate::edit::find::name_of;
use crate::model::{LinkEnd, LinkKind};

/// The fields of `on_prem_networks[i]`.
pub fn fields(app: &AppContext, lang: Lang, i: usize) -> Vec<Html> {
    let s = &app.scenario;
    let n = &s.on_prem_networks[i];
    let blocks_check: Check = {
        let s = s.clone();
        Callback::from(move |text: String| {
            let blocks = (text.split([',', ' ']).filter(|x| !x.trim().is_empty()))
                .map(|x| parse_cidr(x, lang))
                .collect::<Result<Vec<_>, _>>()?;
            let mut n = (*s).clone();
            crate::edit::site::set_blocks(&mut n, i, &blocks);
            Ok(n)
        })
    };
    let mut out = vec![html! {
        <TextField id="site-blocks" label={t(lang, "Address blocks")}
            value={crate::edit::room::site_blocks(n)} check={blocks_check}
            path={format!("on_prem_networks[{i}].cidrs")}
            hint={AttrValue::from(t(lang, "Its hosts' addresses; over BGP links AWS learns them as routes."))} />
    }];
    for (k, l) in n.links.iter().enumerate() {
        let onchange = {
            let app = app.clone();
            Callback::from(move |up: bool| {
                let mut s = (*app.scenario).clone();
                crate::edit::site::set_link_up(&mut s, i, k, up);
                commit(&app, s);
            })
        };
        let (LinkEnd::VpnGateway(to) | LinkEnd::TransitGateway(to)) = &l.to;
        let what = match l.kind {
            LinkKind::Vpn => t(lang, "VPN connection {} to {} is up"),
            LinkKind::DirectConnect => t(lang, "Direct Connect link {} to {} is up"),
        };
        let name = crate::engine::network::display(&l.name, &l.id);
        let label = tf(lang, what, &[name, &name_of(s, to)]);
        out.push(checkbox(&format!("site-link-{k}"), &label, l.up, onchange));
    }
    out
}
