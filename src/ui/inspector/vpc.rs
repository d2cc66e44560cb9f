//! The VPC editor: name, IPv4 CIDR with its address count, IPv6 blocks, the internet gateways,
//! and what the VPC holds.

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::{Action, AppContext};
use super::field::{Check, TextField};
use crate::edit::find::{locate, name_of, Found};
use crate::edit::place::place_auto;
use crate::edit::PartKind;
use ipnet::{IpNet, Ipv4Net};
use std::rc::Rc;

/// Properties of the editors: the id of the part they edit.
#[derive(Properties, PartialEq)]
pub struct PartId {
    /// The part's id.
    pub id: AttrValue,
}

/// "65,536": `n` with thousands separators.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses a CIDR block, with a message people can act on.
pub fn parse_cidr(text: &str, lang: Lang) -> Result<Ipv4Net, String> {
    let text = text.trim();
    let quoted = format!("{text:?}");
    if !text.contains('/') {
        return Err(tf(
            lang,
            "{} is not a CIDR block: write an address and a prefix length, such as 10.0.0.0/16.",
            &[&quoted],
        ));
    }
    text.parse::<Ipv4Net>().map_err(|_| {
        tf(lang, "{} is not a valid IPv4 CIDR block: expected four numbers 0-255 and a prefix length 0-32, such as 10.0.0.0/16.", &[&quoted])
    })
}

/// Parses an IPv4 or IPv6 CIDR block (`::/0`, `2600:1f18::/56`), for routes and rules.
pub fn parse_any_cidr(text: &str, lang: Lang) -> Result<IpNet, String> {
    let text = text.trim();
    if !text.contains(':') {
        return parse_cidr(text, lang).map(IpNet::V4);
    }
    text.parse::<ipnet::Ipv6Net>().map(IpNet::V6).map_err(|_| {
        tf(
            lang,
            "{} is not a valid IPv6 CIDR block: expected an IPv6 address and a prefix length 0-128, such as ::/0.",
            &[&format!("{text:?}")],
        )
    })
}

/// Parses the CIDR block of a rule's source or destination: a bare address is that one address
/// (`203.0.113.7` is `203.0.113.7/32`, an IPv6 address a /128), as the console reads it.
pub fn parse_rule_cidr(text: &str, lang: Lang) -> Result<IpNet, String> {
    match text.trim().parse::<std::net::IpAddr>() {
        Ok(ip) => Ok(IpNet::from(ip)),
        Err(_) => parse_any_cidr(text, lang),
    }
}

/// Editor of VPC `id`.
#[component]
pub fn VpcEditor(p: &PartId) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let Some(Found::Vpc(i)) = locate(s, &p.id) else {
        return html! {};
    };
    let v = &s.vpcs[i];
    let name_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let mut n = (*s).clone();
            let id = n.vpcs[i].id.clone();
            crate::edit::rename::rename(&mut n, &id, &t).map_err(|e| e.text(lang))?;
            Ok(n)
        })
    };
    let cidr_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let c = parse_cidr(&t, lang)?;
            let mut n = (*s).clone();
            n.vpcs[i].cidrs[0] = c;
            Ok(n)
        })
    };
    let cidr = v.cidrs.first().map(|c| c.to_string()).unwrap_or_default();
    let hint = v.cidrs.first().map(|c| {
        tf(
            lang,
            "{} addresses; each subnet keeps 5 for AWS",
            &[&thousands(1u64 << (32 - u32::from(c.prefix_len())))],
        )
    });
    let igw = s
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_deref() == Some(v.id.as_str()));
    let add_igw = {
        let (app, id) = (app.clone(), v.id.clone());
        Callback::from(move |_: MouseEvent| {
            match place_auto(&app.scenario, PartKind::InternetGateway, Some(&id)) {
                Ok(p) => app.dispatch(Action::Edit(Rc::new(p.scenario))),
                Err(why) => app.dispatch(Action::Notify(why.text(lang))),
            }
        })
    };
    let v6 = {
        let add = super::ipv6::edit(&app, lang, v.id.clone(), |n, id| {
            crate::edit::ipv6::add_vpc_block(n, id).map(drop)
        });
        let (app, id, blocks) = (app.clone(), v.id.clone(), v.ipv6_cidrs.clone());
        let remove = Callback::from(move |k: usize| {
            let mut n = (*app.scenario).clone();
            crate::edit::ipv6::remove_vpc_block(&mut n, &id, blocks[k]);
            super::field::commit(&app, n);
        });
        super::ipv6::field(
            lang,
            "vpc-ipv6",
            t(lang, "IPv6 CIDR"),
            v.ipv6_cidrs.iter().map(|c| c.to_string()).collect(),
            5,
            t(
                lang,
                "None: IPv4 only. Amazon gives a VPC a /56; its subnets take /64s of it.",
            ),
            (t(lang, "Add IPv6 block"), add),
            remove,
        )
    };
    let eigw = (s.egress_only_internet_gateways.iter()).find(|g| g.vpc == v.id);
    let subnets = s.subnets.iter().filter(|x| x.vpc == v.id).count();
    let tables = s.route_tables.iter().filter(|x| x.vpc == v.id).count();
    let acls = s.network_acls.iter().filter(|x| x.vpc == v.id).count();
    let groups = s.security_groups.iter().filter(|x| x.vpc == v.id).count();
    html! {
        <div class="form">
            <TextField id="vpc-name" label={t(lang, "Name")} value={v.name.clone()} check={name_check}
                path={format!("vpcs[{i}].name")} />
            <TextField id="vpc-cidr" label={t(lang, "IPv4 CIDR")} value={cidr} check={cidr_check}
                path={format!("vpcs[{i}].cidrs")} hint={hint.map(AttrValue::from)}
                placeholder="10.0.0.0/16" />
            { v6 }
            <div class="field">
                <span class="label">{ t(lang, "Internet gateway") }</span>
                if let Some(g) = igw {
                    <p>{ tf(lang, "{} is attached", &[&name_of(s, &g.id)]) }</p>
                } else {
                    <p class="muted">{ t(lang, "None: nothing in this VPC can reach the internet directly.") }</p>
                    <button type="button" class="tool small" onclick={add_igw}>
                        { t(lang, "Attach an internet gateway") }
                    </button>
                }
                if let Some(g) = eigw {
                    <p>{ tf(lang, "Egress-only internet gateway {} (IPv6 out)", &[&name_of(s, &g.id)]) }</p>
                }
            </div>
            <dl class="facts">
                <dt>{ t(lang, "Contains") }</dt>
                <dd>{ if subnets == 1 {
                    t(lang, "1 subnet").to_string()
                } else {
                    tf(lang, "{} subnets", &[&subnets.to_string()])
                } }</dd>
                <dt>{ t(lang, "Route tables") }</dt>
                <dd>{ tables }</dd>
                <dt>{ t(lang, "Network ACLs") }</dt>
                <dd>{ acls }</dd>
                <dt>{ t(lang, "Security groups") }</dt>
                <dd>{ groups }</dd>
            </dl>
            <p class="muted small">{ t(lang, "Route tables and network ACLs are edited from a subnet; security groups from an instance.") }</p>
        </div>
    }
}
