//! The VPC editor: name, IPv4 CIDR with its address count, the internet gateway, and what the
//! VPC holds.

use yew::prelude::*;

use super::super::state::{Action, AppContext};
use super::field::{Check, TextField};
use crate::edit::find::{locate, name_of, Found};
use crate::edit::place::place_auto;
use crate::edit::PartKind;
use ipnet::Ipv4Net;
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
pub fn parse_cidr(text: &str) -> Result<Ipv4Net, String> {
    let t = text.trim();
    if !t.contains('/') {
        return Err(format!(
            "{t:?} is not a CIDR block: write an address and a prefix length, such as 10.0.0.0/16."
        ));
    }
    t.parse::<Ipv4Net>().map_err(|_| {
        format!("{t:?} is not a valid IPv4 CIDR block: expected four numbers 0-255 and a prefix length 0-32, such as 10.0.0.0/16.")
    })
}

/// Editor of VPC `id`.
#[component]
pub fn VpcEditor(p: &PartId) -> Html {
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
            n.vpcs[i].name = t.trim().to_string();
            Ok(n)
        })
    };
    let cidr_check: Check = {
        let s = s.clone();
        Callback::from(move |t: String| {
            let c = parse_cidr(&t)?;
            let mut n = (*s).clone();
            n.vpcs[i].cidrs[0] = c;
            Ok(n)
        })
    };
    let cidr = v.cidrs.first().map(|c| c.to_string()).unwrap_or_default();
    let hint = v.cidrs.first().map(|c| {
        format!(
            "{} addresses; each subnet keeps 5 for AWS",
            thousands(1u64 << (32 - u32::from(c.prefix_len())))
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
                Err(why) => app.dispatch(Action::Notify(why)),
            }
        })
    };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let subnets = s.subnets.iter().filter(|x| x.vpc == v.id).count();
    let tables = s.route_tables.iter().filter(|x| x.vpc == v.id).count();
    let acls = s.network_acls.iter().filter(|x| x.vpc == v.id).count();
    let groups = s.security_groups.iter().filter(|x| x.vpc == v.id).count();
    html! {
        <div class="form">
            <TextField id="vpc-name" label="Name" value={v.name.clone()} check={name_check}
                path={format!("vpcs[{i}].name")} />
            <TextField id="vpc-cidr" label="IPv4 CIDR" value={cidr} check={cidr_check}
                path={format!("vpcs[{i}].cidrs")} hint={hint.map(AttrValue::from)}
                placeholder="10.0.0.0/16" />
            <div class="field">
                <span class="label">{ "Internet gateway" }</span>
                if let Some(g) = igw {
                    <p>{ format!("{} is attached", name_of(s, &g.id)) }</p>
                } else {
                    <p class="muted">{ "None: nothing in this VPC can reach the internet directly." }</p>
                    <button type="button" class="tool small" onclick={add_igw}>
                        { "Attach an internet gateway" }
                    </button>
                }
            </div>
            <dl class="facts">
                <dt>{ "Contains" }</dt>
                <dd>{ count(subnets, "subnet", "subnets") }</dd>
                <dt>{ "Route tables" }</dt>
                <dd>{ tables }</dd>
                <dt>{ "Network ACLs" }</dt>
                <dd>{ acls }</dd>
                <dt>{ "Security groups" }</dt>
                <dd>{ groups }</dd>
            </dl>
            <p class="muted small">{ "Route tables and network ACLs are edited from a subnet; security groups from an instance." }</p>
        </div>
    }
}
