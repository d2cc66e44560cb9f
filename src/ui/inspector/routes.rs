//! The route table editor of a subnet: which table it uses (associate, create), the table's
//! routes (the implicit local ones first, the propagated ones last), adding routes with a target
//! picker for internet gateways, NAT gateways, Gateway Load Balancer endpoints, instances and
//! peering connections, and route propagation from the VPC's virtual private gateway.

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::{Action, AppContext};
use super::field::{
    checkbox, choice, commit, commit_checked, judge, select, text_into, value_into, Check,
};
use super::vpc::parse_any_cidr;
use crate::edit::associate::{associate_table, new_table, own_table, table_of};
use crate::edit::find::name_of;
use crate::model::{Destination, Role, Route, RouteState, RouteTarget, Scenario};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::rc::Rc;

fn default_route() -> Destination {
    Destination::Cidr(IpNet::V4(Ipv4Net::default()))
}

fn default_v6_route() -> Destination {
    Destination::Cidr(IpNet::V6(Ipv6Net::default()))
}

/// Buttons that add the usual default route: to the internet gateway (public subnet) or to a NAT
/// gateway (private subnet), when the subnet has none; and `::/0` to the egress-only internet
/// gateway for a subnet with an IPv6 block.
pub fn default_route_fix(app: &AppContext, lang: Lang, subnet: &str) -> Html {
    let s = &app.scenario;
    let Some(x) = s.subnets.iter().find(|x| x.id == subnet) else {
        return html! {};
    };
    let has = |d: Destination| {
        table_of(s, subnet)
            .is_some_and(|t| s.route_tables[t].routes.iter().any(|r| r.destination == d))
    };
    let mut offers: Vec<(String, RouteTarget)> = Vec::new();
    let eigw = (s.egress_only_internet_gateways.iter()).find(|g| g.vpc == x.vpc);
    if let Some(g) = eigw.filter(|_| x.ipv6_cidr.is_some() && !has(default_v6_route())) {
        offers.push((
            tf(
                lang,
                "Route ::/0 to {} (IPv6 outbound only)",
                &[&name_of(s, &g.id)],
            ),
            RouteTarget::EgressOnlyInternetGateway(g.id.clone()),
        ));
    }
    let six = offers.len();
    if let Some(g) = s
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_deref() == Some(x.vpc.as_str()))
    {
        offers.push((
            tf(
                lang,
                "Make public: route 0.0.0.0/0 to {}",
                &[&name_of(s, &g.id)],
            ),
            RouteTarget::InternetGateway(g.id.clone()),
        ));
    }
    for n in &s.nat_gateways {
        let in_vpc = s
            .subnets
            .iter()
            .any(|y| y.id == n.interface.subnet && y.vpc == x.vpc && y.id != x.id);
        if in_vpc {
            offers.push((
                tf(
                    lang,
                    "Route 0.0.0.0/0 to {} (outbound only)",
                    &[&name_of(s, &n.id)],
                ),
                RouteTarget::NatGateway(n.id.clone()),
            ));
        }
    }
    for i in s.instances.iter().filter(|i| i.role == Role::NatInstance) {
        let in_vpc = i.interfaces.first().is_some_and(|n| {
            s.subnets
                .iter()
                .any(|y| y.id == n.subnet && y.vpc == x.vpc && y.id != x.id)
        });
        if in_vpc {
            offers.push((
                tf(
                    lang,
                    "Route 0.0.0.0/0 to NAT instance {} (outbound only)",
                    &[&name_of(s, &i.id)],
                ),
                RouteTarget::Instance(i.id.clone()),
            ));
        }
    }
    if has(default_route()) {
        offers.truncate(six);
    }
    html! {
        <div class="offers">
            { for offers.into_iter().map(|(label, target)| {
                let (app, subnet) = (app.clone(), subnet.to_string());
                let destination = match target {
                    RouteTarget::EgressOnlyInternetGateway(_) => default_v6_route(),
                    _ => default_route(),
                };
                let onclick = Callback::from(move |_: MouseEvent| {
                    let mut n = (*app.scenario).clone();
                    if let Some(k) = own_table(&mut n, &subnet) {
                        let d = destination.clone();
                        n.route_tables[k].routes.push(Route {
                            destination: d.clone(),
                            target: target.clone(),
                            state: RouteState::Active,
                        });
                        let name = n.route_tables[k].name.clone();
                        commit(&app, n);
                        let d = match d { Destination::Cidr(c) => c.to_string(), Destination::PrefixList(p) => p };
                        app.dispatch(Action::Notify(tf(lang, "Added {} to route table {}.", &[&d, &name])));
                    }
                });
                html! { <button type="button" class="tool small" {onclick}>{ label }</button> }
            }) }
        </div>
    }
}

fn target_code(t: &RouteTarget) -> String {
    match t {
        RouteTarget::Local => "local".into(),
        RouteTarget::InternetGateway(x) => format!("igw:{x}"),
        RouteTarget::NatGateway(x) => format!("nat:{x}"),
        RouteTarget::GwlbEndpoint(x) => format!("gwlbe:{x}"),
        RouteTarget::Instance(x) => format!("i:{x}"),
        RouteTarget::NetworkInterface(x) => format!("eni:{x}"),
        RouteTarget::PeeringConnection(x) => format!("pcx:{x}"),
        RouteTarget::GatewayEndpoint(x) => format!("vpce:{x}"),
        RouteTarget::TransitGateway(x) => format!("tgw:{x}"),
        RouteTarget::VpnGateway(x) => format!("vgw:{x}"),
        RouteTarget::EgressOnlyInternetGateway(x) => format!("eigw:{x}"),
    }
}

fn parse_target(code: &str) -> Option<RouteTarget> {
    let (k, id) = code.split_once(':')?;
    let id = id.to_string();
    Some(match k {
        "igw" => RouteTarget::InternetGateway(id),
        "nat" => RouteTarget::NatGateway(id),
        "gwlbe" => RouteTarget::GwlbEndpoint(id),
        "i" => RouteTarget::Instance(id),
        "pcx" => RouteTarget::PeeringConnection(id),
        "tgw" => RouteTarget::TransitGateway(id),
        "vgw" => RouteTarget::VpnGateway(id),
        "eigw" => RouteTarget::EgressOnlyInternetGateway(id),
        _ => return None,
    })
}

fn target_label(s: &Scenario, target: &RouteTarget, lang: Lang) -> String {
    match target {
        RouteTarget::Local => "local".into(),
        RouteTarget::InternetGateway(x) => tf(lang, "{} (internet gateway)", &[&name_of(s, x)]),
        RouteTarget::EgressOnlyInternetGateway(x) => {
            tf(lang, "{} (egress-only internet gateway)", &[&name_of(s, x)])
        }
        RouteTarget::NatGateway(x) => tf(lang, "{} (NAT gateway)", &[&name_of(s, x)]),
        RouteTarget::GwlbEndpoint(x) => tf(lang, "{} (GWLB endpoint)", &[&name_of(s, x)]),
        RouteTarget::Instance(x) => tf(lang, "{} (instance)", &[&name_of(s, x)]),
        RouteTarget::PeeringConnection(x) => tf(lang, "{} (peering)", &[x]),
        RouteTarget::TransitGateway(x) => {
            let tgw = s.transit_gateways.iter().find(|t| t.id == *x);
            let name = tgw.map_or(x.as_str(), |t| {
                crate::engine::network::display(&t.name, &t.id)
            });
            tf(lang, "{} (transit gateway)", &[name])
        }
        RouteTarget::VpnGateway(x) => {
            let vgw = s.vpn_gateways.iter().find(|g| g.id == *x);
            let name = vgw.map_or(x.as_str(), |g| {
                crate::engine::network::display(&g.name, &g.id)
            });
            tf(lang, "{} (virtual private gateway)", &[name])
        }
        other => target_code(other),
    }
}

/// The targets a route of VPC `vpc` can use.
fn targets(s: &Scenario, vpc: &str) -> Vec<RouteTarget> {
    let in_vpc = |subnet: &str| s.subnets.iter().any(|x| x.id == subnet && x.vpc == vpc);
    let mut out: Vec<RouteTarget> = s
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.as_deref() == Some(vpc))
        .map(|g| RouteTarget::InternetGateway(g.id.clone()))
        .collect();
    out.extend(
        (s.egress_only_internet_gateways.iter())
            .filter(|g| g.vpc == vpc)
            .map(|g| RouteTarget::EgressOnlyInternetGateway(g.id.clone())),
    );
    out.extend(
        s.nat_gateways
            .iter()
            .filter(|n| in_vpc(&n.interface.subnet))
            .map(|n| RouteTarget::NatGateway(n.id.clone())),
    );
    out.extend(
        (s.gwlb_endpoints.iter())
            .filter(|n| in_vpc(&n.interface.subnet))
            .map(|n| RouteTarget::GwlbEndpoint(n.id.clone())),
    );
    out.extend(
        s.instances
            .iter()
            .filter(|i| i.interfaces.first().is_some_and(|n| in_vpc(&n.subnet)))
            .map(|i| RouteTarget::Instance(i.id.clone())),
    );
    out.extend(
        s.peerings
            .iter()
            .filter(|p| p.requester == vpc || p.accepter == vpc)
            .map(|p| RouteTarget::PeeringConnection(p.id.clone())),
    );
    out.extend(
        s.transit_gateways
            .iter()
            .filter(|t| t.attachments.iter().any(|a| a.vpc == vpc))
            .map(|t| RouteTarget::TransitGateway(t.id.clone())),
    );
    out.extend(
        (s.vpn_gateways.iter())
            .filter(|g| g.vpc.as_deref() == Some(vpc))
            .map(|g| RouteTarget::VpnGateway(g.id.clone())),
    );
    out
}

/// Properties of [`RouteTableEditor`].
#[derive(Properties, PartialEq)]
pub struct SubnetProps {
    /// The subnet whose table is edited.
    pub subnet: AttrValue,
}

/// The route table of a subnet.
#[component]
pub fn RouteTableEditor(p: &SubnetProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let dest = use_state(String::new);
    let target = use_state(String::new);
    let s = &app.scenario;
    let Some(x) = s.subnets.iter().find(|x| *x.id == *p.subnet).cloned() else {
        return html! {};
    };
    let Some(ti) = table_of(s, &x.id) else {
        return html! { <p class="muted">{ t(lang, "This VPC has no route table.") }</p> };
    };
    let table = s.route_tables[ti].clone();
    let tables: Vec<(String, String)> = (s.route_tables.iter())
        .filter(|r| r.vpc == x.vpc)
        .map(|r| choice(&r.id, &r.name, r.main.then(|| t(lang, "{} (main)")), lang))
        .collect();
    let on_table = {
        let (app, subnet) = (app.clone(), x.id.clone());
        Callback::from(move |id: String| {
            let mut n = (*app.scenario).clone();
            associate_table(&mut n, &subnet, &id);
            commit(&app, n);
        })
    };
    let create = {
        let (app, subnet) = (app.clone(), x.id.clone());
        Callback::from(move |_: MouseEvent| {
            let mut n = (*app.scenario).clone();
            if let Some(k) = new_table(&mut n, &subnet) {
                let name = n.route_tables[k].name.clone();
                commit(&app, n);
                app.dispatch(Action::Notify(tf(
                    lang,
                    "Created route table {}.",
                    &[&name],
                )));
            }
        })
    };
    let all_targets = targets(s, &x.vpc);
    let mut target_options: Vec<(String, String)> =
        vec![(String::new(), t(lang, "Choose a target").into())];
    target_options.extend(
        all_targets
            .iter()
            .map(|x| (target_code(x), target_label(s, x, lang))),
    );
    let check: Check = {
        let (s, target) = (s.clone(), target.clone());
        Callback::from(move |d: String| {
            let cidr = parse_any_cidr(&d, lang)?;
            let tgt = parse_target(&target).ok_or_else(|| {
                t(lang, "Choose where the route sends traffic (its target).").to_string()
            })?;
            let mut n = (*s).clone();
            n.route_tables[ti].routes.push(Route {
                destination: Destination::Cidr(cidr),
                target: tgt,
                state: RouteState::Active,
            });
            Ok(n)
        })
    };
    let path = format!("route_tables[{ti}]");
    let (ok, verdict) = if dest.is_empty() {
        (None, Default::default())
    } else {
        judge(lang, s, &check, &dest, &path)
    };
    let invalid = !verdict.errors.is_empty();
    let on_dest = text_into(&dest);
    let on_target = value_into(&target);
    let add = {
        let (app, dest) = (app.clone(), dest.clone());
        let ok = ok.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = ok.clone() {
                app.dispatch(Action::Edit(Rc::new(n)));
                dest.set(String::new());
            }
        })
    };
    let vpc_cidrs: Vec<String> = s
        .vpcs
        .iter()
        .find(|v| v.id == x.vpc)
        .map(|v| {
            let v6 = v.ipv6_cidrs.iter().map(|c| c.to_string());
            v.cidrs.iter().map(|c| c.to_string()).chain(v6).collect()
        })
        .unwrap_or_default();
    let propagated = crate::engine::network::propagated_routes(s, &table);
    let vgw = (s.vpn_gateways.iter()).find(|g| g.vpc.as_deref() == Some(x.vpc.as_str()));
    let propagation = vgw.map(|g| {
        let on = table.propagating_vgws.contains(&g.id);
        let (app, vgw) = (app.clone(), g.id.clone());
        let onchange = Callback::from(move |on: bool| {
            let mut n = (*app.scenario).clone();
            crate::edit::site::set_propagation(&mut n, ti, &vgw, on);
            commit(&app, n);
        });
        let label = tf(lang, "Propagate routes from {}", &[&name_of(s, &g.id)]);
        checkbox("rt-propagate", &label, on, onchange)
    });
    html! {
        <div class="form">
            { select("rt-table", t(lang, "Route table"), &tables, &table.id, on_table) }
            <div class="row-actions">
                <button type="button" class="tool small" onclick={create}>{ t(lang, "Create route table") }</button>
            </div>
            if table.main {
                <p class="muted small">{ t(lang, "The VPC's main route table: every subnet without a table of its own uses it.") }</p>
            }
            <table class="rules" aria-label={t(lang, "Routes")}>
                <thead><tr><th>{ t(lang, "Destination") }</th><th>{ t(lang, "Target") }</th><th><span class="sr-only">{ t(lang, "Actions") }</span></th></tr></thead>
                <tbody>
                    { for vpc_cidrs.iter().map(|c| html! {
                        <tr class="implicit"><td>{ c }</td><td>{ "local" }</td><td></td></tr>
                    }) }
                    { for table.routes.iter().enumerate().map(|(k, r)| {
                        let d = match &r.destination {
                            Destination::Cidr(c) => c.to_string(),
                            Destination::PrefixList(p) => p.clone(),
                        };
                        let remove = {
                            let app = app.clone();
                            Callback::from(move |_: MouseEvent| {
                                let mut n = (*app.scenario).clone();
                                n.route_tables[ti].routes.remove(k);
                                commit(&app, n);
                            })
                        };
                        let current = target_code(&r.target);
                        let mut options: Vec<(String, String)> = all_targets
                            .iter()
                            .map(|x| (target_code(x), target_label(s, x, lang)))
                            .collect();
                        if !options.iter().any(|o| o.0 == current) {
                            options.insert(0, (current.clone(), target_label(s, &r.target, lang)));
                        }
                        let retarget = {
                            let app = app.clone();
                            Callback::from(move |e: Event| {
                                let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                                if let Some(tgt) = parse_target(&v) {
                                    let mut n = (*app.scenario).clone();
                                    n.route_tables[ti].routes[k].target = tgt;
                                    commit_checked(&app, lang, n);
                                }
                            })
                        };
                        html! {
                            <tr key={format!("{d}>{k}")}>
                                <td>{ &d }</td>
                                <td class="wrap">
                                    <select class="cell-select" aria-label={tf(lang, "Target of route {}", &[&d])}
                                        onchange={retarget}>
                                        { for options.iter().map(|(v, l)| html! {
                                            <option value={v.clone()} selected={*v == current}>{ l }</option>
                                        }) }
                                    </select>
                                    if r.state == RouteState::Blackhole { <span class="tag bad">{ t(lang, "blackhole") }</span> }
                                </td>
                                <td><button type="button" class="icon-btn" onclick={remove}
                                    aria-label={tf(lang, "Remove route {}", &[&d])}>{ "×" }</button></td>
                            </tr>
                        }
                    }) }
                    { for propagated.iter().map(|(c, vgw)| html! {
                        <tr class="implicit"><td>{ c.to_string() }</td><td class="wrap">{ name_of(s, vgw) }{ " " }<span class="tag">{ t(lang, "propagated") }</span></td><td></td></tr>
                    }) }
                </tbody>
            </table>
            { for propagation }
            <form class="add-form" onsubmit={add} aria-label={t(lang, "Add route")}>
                <div class={classes!("field", invalid.then_some("invalid"))}>
                    <label for="rt-dest">{ t(lang, "Destination") }</label>
                    <input id="rt-dest" type="text" value={(*dest).clone()} oninput={on_dest}
                        placeholder="0.0.0.0/0" spellcheck="false" autocomplete="off"
                        aria-invalid={invalid.to_string()} aria-describedby="rt-dest-msg" />
                </div>
                { select("rt-target", t(lang, "Target"), &target_options, &target, on_target) }
                <div id="rt-dest-msg" class="field-msg full" aria-live="polite">
                    { for verdict.errors.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
                    { for verdict.warnings.iter().map(|m| html! { <p class="warn-msg">{ m }</p> }) }
                </div>
                <button type="submit" class="tool" disabled={ok.is_none()}>{ t(lang, "Add route") }</button>
            </form>
            { default_route_fix(&app, lang, &x.id) }
        </div>
    }
}
