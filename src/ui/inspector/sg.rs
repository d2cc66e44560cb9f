//! The security group editor of an instance, database or load balancer: which groups its network
//! interface has (picked by name), and each group's inbound and outbound rules, whose peer is a
//! CIDR block or another group.

use crate::ui::rule_focus::RuleFocusContext;
use yew::prelude::*;

use super::super::lang::{t, tf, use_lang};
use super::super::state::{Action, AppContext};
use super::acl::{parse_ports, ports_text, protocol_options};
use super::field::{commit, commit_checked, judge, rule_input, select, Check};
use super::vpc::parse_cidr;
use crate::edit::find::{interfaces_of, locate, vpc_of, Found};
use crate::edit::place::new_group;
use crate::model::{Interface, Peer, Protocol, Scenario, SgRule};
use std::rc::Rc;

/// Every interface of part `owner`, mutably (load balancer nodes share their groups).
fn ifaces_mut<'a>(s: &'a mut Scenario, owner: &str) -> Vec<&'a mut Interface> {
    match locate(s, owner) {
        Some(Found::Instance(i)) => s.instances[i].interfaces.iter_mut().take(1).collect(),
        Some(Found::Database(i)) => s.databases[i].interfaces.iter_mut().collect(),
        Some(Found::LoadBalancer(i)) => s.load_balancers[i].nodes.iter_mut().collect(),
        _ => Vec::new(),
    }
}

fn group_name(s: &Scenario, id: &str) -> String {
    s.security_groups
        .iter()
        .find(|g| g.id == id)
        .map(|g| {
            if g.name.is_empty() {
                g.id.clone()
            } else {
                g.name.clone()
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// Properties of [`GroupsEditor`].
#[derive(Properties, PartialEq)]
pub struct OwnerProps {
    /// The instance, database or load balancer.
    pub owner: AttrValue,
}

/// The security groups of a part, and their rules.
#[component]
pub fn GroupsEditor(p: &OwnerProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let Some(found) = locate(s, &p.owner) else {
        return html! {};
    };
    let Some(vpc) = vpc_of(s, &p.owner) else {
        return html! {};
    };
    let attached: Vec<String> = interfaces_of(s, found)
        .first()
        .map(|n| n.security_groups.clone())
        .unwrap_or_default();
    let owner = p.owner.to_string();
    let create = {
        let (app, owner, vpc) = (app.clone(), owner.clone(), vpc.clone());
        Callback::from(move |_: MouseEvent| {
            let mut n = (*app.scenario).clone();
            let g = new_group(&n, &vpc, &format!("{owner}-sg"), Vec::new());
            let name = g.name.clone();
            for i in ifaces_mut(&mut n, &owner) {
                i.security_groups.push(g.id.clone());
            }
            n.security_groups.push(g);
            commit(&app, n);
            app.dispatch(Action::Notify(tf(
                lang,
                "Created security group {}: no inbound rules, all outbound allowed.",
                &[&name],
            )));
        })
    };
    html! {
        <div class="form">
            <fieldset class="checks">
                <legend>{ t(lang, "Security groups") }</legend>
                { for s.security_groups.iter().filter(|g| g.vpc == vpc).map(|g| {
                    let on = attached.contains(&g.id);
                    let (app, owner, gid) = (app.clone(), owner.clone(), g.id.clone());
                    let onchange = Callback::from(move |e: Event| {
                        let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                        let mut n = (*app.scenario).clone();
                        for i in ifaces_mut(&mut n, &owner) {
                            i.security_groups.retain(|x| *x != gid);
                            if checked { i.security_groups.push(gid.clone()); }
                        }
                        commit_checked(&app, lang, n);
                    });
                    let id = format!("sg-pick-{}", g.id);
                    html! {
                        <div class="check" key={g.id.clone()}>
                            <input id={id.clone()} type="checkbox" checked={on} {onchange} />
                            <label for={id}>{ group_name(s, &g.id) }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <div class="row-actions">
                <button type="button" class="tool small" onclick={create}>{ t(lang, "Create security group") }</button>
            </div>
            { for attached.iter().map(|g| html! { <GroupRules key={g.clone()} group={g.clone()} /> }) }
            if attached.is_empty() {
                <p class="muted small">{ t(lang, "No security group: the interface takes the VPC's default group.") }</p>
            }
        </div>
    }
}

/// Properties of [`GroupRules`].
#[derive(Properties, PartialEq)]
pub struct GroupProps {
    /// The security group's id.
    pub group: AttrValue,
}

/// One security group's rules, with a form to add one.
#[component]
pub fn GroupRules(p: &GroupProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    // The rule the traffic panel asked to show, if it is in this group.
    let focus = use_context::<RuleFocusContext>()
        .expect("rule focus context")
        .as_ref()
        .filter(|f| f.table == *p.group && f.tab == "Security groups")
        .cloned();
    let inbound = {
        let start = focus.as_ref().is_none_or(|f| f.inbound);
        use_state(move || start)
    };
    let focused = |k: usize| {
        focus
            .as_ref()
            .is_some_and(|f| f.inbound == *inbound && f.group_rule() == Some(k))
    };
    let protocol = use_state(|| "tcp".to_string());
    let ports = use_state(String::new);
    let peer = use_state(|| "cidr".to_string());
    let cidr = use_state(|| "0.0.0.0/0".to_string());
    let description = use_state(String::new);
    let s = &app.scenario;
    let Some(gi) = s.security_groups.iter().position(|g| *g.id == *p.group) else {
        return html! {};
    };
    let g = s.security_groups[gi].clone();
    let gname = group_name(s, &g.id);
    let key = g.id.replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let mut peers: Vec<(String, String)> = vec![("cidr".into(), t(lang, "Custom CIDR").into())];
    peers.extend(
        s.security_groups
            .iter()
            .filter(|x| x.vpc == g.vpc)
            .map(|x| (format!("sg:{}", x.id), group_name(s, &x.id))),
    );
    let dir_word = if *inbound {
        t(lang, "inbound")
    } else {
        t(lang, "outbound")
    };
    let check: Check = {
        let (s, inbound, protocol, peer, cidr, description) = (
            s.clone(),
            *inbound,
            (*protocol).clone(),
            (*peer).clone(),
            (*cidr).clone(),
            (*description).clone(),
        );
        Callback::from(move |ports: String| {
            let protocol: Protocol = protocol.parse()?;
            let peer = match peer.strip_prefix("sg:") {
                Some(id) => Peer::Group(id.to_string()),
                None => Peer::Cidr(parse_cidr(&cidr, lang)?),
            };
            let rule = SgRule {
                protocol,
                ports: parse_ports(protocol, &ports, lang)?,
                icmp: None,
                peer,
                description: description.trim().to_string(),
            };
            let mut n = (*s).clone();
            let g = &mut n.security_groups[gi];
            if inbound {
                g.inbound.push(rule)
            } else {
                g.outbound.push(rule)
            }
            Ok(n)
        })
    };
    let touched = !ports.is_empty() || *protocol != "tcp";
    let (ok, verdict) = judge(s, &check, &ports, &format!("security_groups[{gi}]"));
    let shown = if touched { verdict } else { Default::default() };
    let invalid = !shown.errors.is_empty();
    let msg_id = format!("sg-{key}-msg");
    let text_input =
        |id: String, label: &str, state: &UseStateHandle<String>, placeholder: &str| {
            rule_input(id, label, state, placeholder, invalid, &msg_id)
        };
    let set = |st: &UseStateHandle<String>| {
        let st = st.clone();
        Callback::from(move |v: String| st.set(v))
    };
    let add = {
        let (app, ports, description) = (app.clone(), ports.clone(), description.clone());
        let ok = ok.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = ok.clone() {
                app.dispatch(Action::Edit(Rc::new(n)));
                ports.set(String::new());
                description.set(String::new());
            }
        })
    };
    let rules = if *inbound { &g.inbound } else { &g.outbound };
    let dir_tab = |label: &str, value: bool| {
        let st = inbound.clone();
        let onclick = Callback::from(move |_: MouseEvent| st.set(value));
        html! {
            <button type="button" class="seg" aria-pressed={(*inbound == value).to_string()} {onclick}>
                { label }
            </button>
        }
    };
    html! {
        <section class="group" aria-label={tf(lang, "Security group {}", &[&gname])}>
            <h4>{ &gname }</h4>
            <div class="segmented" role="group" aria-label={t(lang, "Direction")}>
                { dir_tab(t(lang, "Inbound rules"), true) }
                { dir_tab(t(lang, "Outbound rules"), false) }
            </div>
            <table class="rules" aria-label={tf(lang, "{} {} rules", &[&gname, dir_word])}>
                <thead><tr><th>{ t(lang, "Protocol") }</th><th>{ t(lang, "Ports") }</th>
                    <th>{ if *inbound { t(lang, "Source") } else { t(lang, "Destination") } }</th>
                    <th>{ t(lang, "Description") }</th><th><span class="sr-only">{ t(lang, "Actions") }</span></th></tr></thead>
                <tbody>
                    { for rules.iter().enumerate().map(|(k, r)| {
                        let peer = match &r.peer {
                            Peer::Cidr(c) => c.to_string(),
                            Peer::Group(x) => group_name(s, x),
                            Peer::PrefixList(x) => x.clone(),
                        };
                        let remove = {
                            let (app, inbound) = (app.clone(), *inbound);
                            Callback::from(move |_: MouseEvent| {
                                let mut n = (*app.scenario).clone();
                                let g = &mut n.security_groups[gi];
                                if inbound { g.inbound.remove(k); } else { g.outbound.remove(k); }
                                commit(&app, n);
                            })
                        };
                        let proto = if r.protocol == Protocol::All { t(lang, "all").to_string() } else { r.protocol.to_string() };
                        html! {
                            <tr key={k} class={classes!(focused(k).then_some("focused"))}>
                                <td>{ proto }</td>
                                <td>{ ports_text(r.ports, lang) }</td>
                                <td>{ &peer }</td>
                                <td class="muted wrap">{ &r.description }</td>
                                <td><button type="button" class="icon-btn" onclick={remove}
                                    aria-label={tf(lang, "Remove {} rule {} {} from {}", &[dir_word, &r.protocol.to_string(), &ports_text(r.ports, lang), &peer])}>
                                    { "×" }</button></td>
                            </tr>
                        }
                    }) }
                    if rules.is_empty() {
                        <tr class="implicit"><td class="wrap" colspan="5">{
                            if *inbound { t(lang, "No inbound rules: nothing can connect in.") } else { t(lang, "No outbound rules: nothing can connect out.") }
                        }</td></tr>
                    }
                </tbody>
            </table>
            <form class="add-form grid3" onsubmit={add} aria-label={tf(lang, "Add {} rule to {}", &[dir_word, &gname])}>
                { select(&format!("sg-{key}-protocol"), t(lang, "Protocol"), &protocol_options(lang), &protocol, set(&protocol)) }
                { text_input(format!("sg-{key}-ports"), t(lang, "Port range"), &ports, "443") }
                { select(&format!("sg-{key}-peer"), if *inbound { t(lang, "Source") } else { t(lang, "Destination") }, &peers, &peer, set(&peer)) }
                if *peer == "cidr" {
                    { text_input(format!("sg-{key}-cidr"), "CIDR", &cidr, "0.0.0.0/0") }
                }
                { text_input(format!("sg-{key}-desc"), t(lang, "Description"), &description, t(lang, "optional")) }
                <div id={msg_id.clone()} class="field-msg full" aria-live="polite">
                    { for shown.errors.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
                    { for shown.warnings.iter().map(|m| html! { <p class="warn-msg">{ m }</p> }) }
                </div>
                <button type="submit" class="tool" disabled={ok.is_none()}>
                    { if *inbound { t(lang, "Add inbound rule") } else { t(lang, "Add outbound rule") } }
                </button>
            </form>
        </section>
    }
}
