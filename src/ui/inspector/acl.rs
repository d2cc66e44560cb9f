//! The network ACL editor of a subnet: which ACL it uses (associate, create), its numbered inbound
//! and outbound rules in evaluation order, and adding or removing rules.

use crate::engine::RuleRef;
use crate::ui::rule_focus::RuleFocusContext;
use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::{Action, AppContext};
use super::field::{choice, commit, judge, rule_input, select, Check, TextField};
use super::routes::SubnetProps;
use super::vpc::parse_rule_cidr;
use crate::edit::associate::{acl_of, associate_acl, new_acl};
use crate::model::{AclRule, Action as Verdict, PortRange, Protocol};
use std::rc::Rc;

/// The protocol choices of rule forms.
pub fn protocol_options(lang: Lang) -> Vec<(String, String)> {
    [
        ("tcp", "TCP"),
        ("udp", "UDP"),
        ("icmp", "ICMP"),
        ("icmpv6", "ICMPv6"),
        ("all", t(lang, "All traffic")),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// Parses a port field for `protocol`: a port or range for TCP and UDP, nothing otherwise.
pub fn parse_ports(
    protocol: Protocol,
    text: &str,
    lang: Lang,
) -> Result<Option<PortRange>, String> {
    let text = text.trim();
    if !protocol.has_ports() {
        return Ok(None);
    }
    if text.is_empty() {
        return Err(t(lang, "Enter a port (443) or a range (1024-65535).").into());
    }
    if text.eq_ignore_ascii_case("all") {
        return Ok(Some(PortRange::ALL));
    }
    text.parse::<PortRange>().map(Some).map_err(|_| {
        tf(
            lang,
            "{} is not a port or range: expected 0-65535, such as 443 or 1024-65535.",
            &[&format!("{text:?}")],
        )
    })
}

/// Shows a rule's ports: `443`, `1024-65535`, or `all`.
pub fn ports_text(p: Option<PortRange>, lang: Lang) -> String {
    match p {
        None => t(lang, "all").into(),
        Some(r) if r == PortRange::ALL => t(lang, "all").into(),
        Some(r) => r.to_string(),
    }
}

/// The network ACL of a subnet.
#[component]
pub fn AclEditor(p: &SubnetProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    // The rule the traffic panel asked to show, if it is in this subnet's ACL.
    let focus = use_context::<RuleFocusContext>()
        .expect("rule focus context")
        .as_ref()
        .filter(|f| f.part == *p.subnet && f.tab == "Network ACL")
        .cloned();
    let inbound = {
        let start = focus.as_ref().is_none_or(|f| f.inbound);
        use_state(move || start)
    };
    let focused = |rule: RuleRef| {
        focus
            .as_ref()
            .is_some_and(|f| f.inbound == *inbound && f.rule.as_ref() == Some(&rule))
    };
    let number = use_state(String::new);
    let protocol = use_state(|| "tcp".to_string());
    let ports = use_state(String::new);
    let cidr = use_state(|| "0.0.0.0/0".to_string());
    let action = use_state(|| "allow".to_string());
    let s = &app.scenario;
    let Some(x) = s.subnets.iter().find(|x| *x.id == *p.subnet).cloned() else {
        return html! {};
    };
    let Some(ai) = acl_of(s, &x.id) else {
        return html! { <p class="muted">{ t(lang, "This VPC has no network ACL.") }</p> };
    };
    let acl = s.network_acls[ai].clone();
    let acls: Vec<(String, String)> = (s.network_acls.iter())
        .filter(|a| a.vpc == x.vpc)
        .map(|a| {
            choice(
                &a.id,
                &a.name,
                a.default.then(|| t(lang, "{} (default)")),
                lang,
            )
        })
        .collect();
    let on_acl = {
        let (app, subnet) = (app.clone(), x.id.clone());
        Callback::from(move |id: String| {
            let mut n = (*app.scenario).clone();
            associate_acl(&mut n, &subnet, &id);
            commit(&app, n);
        })
    };
    let create = {
        let (app, subnet) = (app.clone(), x.id.clone());
        Callback::from(move |_: MouseEvent| {
            let mut n = (*app.scenario).clone();
            let Some(k) = new_acl(&mut n, &subnet) else {
                return;
            };
            let name = n.network_acls[k].name.clone();
            commit(&app, n);
            app.dispatch(Action::Notify(tf(
                lang,
                "Created network ACL {}: like AWS, a new ACL denies everything until you add rules.",
                &[&name],
            )));
        })
    };
    let rules = if *inbound {
        &acl.inbound
    } else {
        &acl.outbound
    };
    let mut order: Vec<usize> = (0..rules.len()).collect();
    crate::sorting::sort_by_key(&mut order, |&k| rules[k].number);
    let next_number = rules
        .iter()
        .map(|r| r.number)
        .max()
        .map(|m| (m / 100 + 1) * 100)
        .unwrap_or(100)
        .min(32766);
    let dir = if *inbound { "inbound" } else { "outbound" };
    let dir_word = if *inbound {
        t(lang, "inbound")
    } else {
        t(lang, "outbound")
    };
    let check: Check = {
        let (s, inbound, protocol, ports, cidr, action) = (
            s.clone(),
            *inbound,
            (*protocol).clone(),
            (*ports).clone(),
            (*cidr).clone(),
            (*action).clone(),
        );
        Callback::from(move |num: String| {
            let num = num.trim();
            let number: u16 = if num.is_empty() {
                next_number
            } else {
                num.parse()
                    .ok()
                    .filter(|n| (1..=32766).contains(n))
                    .ok_or_else(|| {
                        tf(
                            lang,
                            "{} is not a rule number: use 1 to 32766.",
                            &[&format!("{num:?}")],
                        )
                    })?
            };
            let protocol: Protocol = protocol.parse()?;
            let rule = AclRule {
                number,
                protocol,
                ports: parse_ports(protocol, &ports, lang)?,
                icmp: None,
                cidr: parse_rule_cidr(&cidr, lang)?,
                action: if action == "deny" {
                    Verdict::Deny
                } else {
                    Verdict::Allow
                },
            };
            let mut n = (*s).clone();
            let a = &mut n.network_acls[ai];
            if inbound {
                a.inbound.push(rule)
            } else {
                a.outbound.push(rule)
            }
            Ok(n)
        })
    };
    let path = format!("network_acls[{ai}].{dir}");
    let touched = !number.is_empty() || !ports.is_empty() || *protocol != "tcp";
    let (ok, verdict) = judge(lang, s, &check, &number, &path);
    let shown = if touched { verdict } else { Default::default() };
    let invalid = !shown.errors.is_empty();
    let text_input = |id: &str, label: &str, state: &UseStateHandle<String>, placeholder: &str| {
        rule_input(
            id.to_string(),
            label,
            state,
            placeholder,
            invalid,
            "acl-msg",
        )
    };
    let set = |st: &UseStateHandle<String>| {
        let st = st.clone();
        Callback::from(move |v: String| st.set(v))
    };
    let add = {
        let (app, number, ports) = (app.clone(), number.clone(), ports.clone());
        let ok = ok.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = ok.clone() {
                app.dispatch(Action::Edit(Rc::new(n)));
                number.set(String::new());
                ports.set(String::new());
            }
        })
    };
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
        <div class="form">
            { select("acl-select", t(lang, "Network ACL"), &acls, &acl.id, on_acl) }
            <div class="row-actions">
                <button type="button" class="tool small" onclick={create}>{ t(lang, "Create network ACL") }</button>
            </div>
            <p class="muted small">{ t(lang, "Stateless: rules are checked in number order, lowest first; the first match decides. Return traffic needs its own rule. Change a number to reorder.") }</p>
            <div class="segmented" role="group" aria-label={t(lang, "Direction")}>
                { dir_tab(t(lang, "Inbound rules"), true) }
                { dir_tab(t(lang, "Outbound rules"), false) }
            </div>
            <table class="rules" aria-label={if *inbound { t(lang, "Inbound rules") } else { t(lang, "Outbound rules") }}>
                <thead><tr>
                    <th>{ t(lang, "Rule #") }</th><th>{ t(lang, "Proto") }</th><th>{ t(lang, "Ports") }</th>
                    <th>{ if *inbound { t(lang, "Source") } else { t(lang, "Dest.") } }</th><th>{ t(lang, "Action") }</th>
                    <th><span class="sr-only">{ t(lang, "Actions") }</span></th>
                </tr></thead>
                <tbody>
                    { for order.iter().map(|&k| {
                        let r = &rules[k];
                        let remove = {
                            let (app, inbound) = (app.clone(), *inbound);
                            Callback::from(move |_: MouseEvent| {
                                let mut n = (*app.scenario).clone();
                                let a = &mut n.network_acls[ai];
                                if inbound { a.inbound.remove(k); } else { a.outbound.remove(k); }
                                commit(&app, n);
                            })
                        };
                        let allow = r.action == Verdict::Allow;
                        let renumber: Check = {
                            let (s, inbound) = (s.clone(), *inbound);
                            Callback::from(move |text: String| {
                                let text = text.trim().to_string();
                                let n: u16 = text.parse().ok().filter(|n| (1..=32766).contains(n)).ok_or_else(|| {
                                    tf(lang, "{} is not a rule number: use 1 to 32766.", &[&format!("{text:?}")])
                                })?;
                                let mut next = (*s).clone();
                                let a = &mut next.network_acls[ai];
                                if inbound { a.inbound[k].number = n } else { a.outbound[k].number = n }
                                Ok(next)
                            })
                        };
                        html! {
                            <tr key={r.number.to_string()} class={classes!(focused(RuleRef::AclRule { number: r.number }).then_some("focused"))}>
                                <td class="num"><TextField id={format!("acl-{dir}-{}-number", r.number)}
                                    label={tf(lang, "Number of {} rule {}", &[dir_word, &r.number.to_string()])} hide_label=true
                                    value={r.number.to_string()} check={renumber}
                                    path={format!("network_acls[{ai}].{dir}[{k}].number")} /></td>
                                <td>{ if r.protocol == Protocol::All { t(lang, "all").to_string() } else { r.protocol.to_string() } }</td>
                                <td>{ ports_text(r.ports, lang) }</td>
                                <td>{ r.cidr.to_string() }</td>
                                <td><span class={classes!("tag", if allow { "good" } else { "bad" })}>
                                    { if allow { t(lang, "Allow") } else { t(lang, "Deny") } }</span></td>
                                <td><button type="button" class="icon-btn" onclick={remove}
                                    aria-label={tf(lang, "Remove {} rule {}", &[dir_word, &r.number.to_string()])}>{ "×" }</button></td>
                            </tr>
                        }
                    }) }
                    <tr class={classes!("implicit", focused(RuleRef::AclDefault).then_some("focused"))}><td>{ "*" }</td><td>{ t(lang, "all") }</td><td>{ t(lang, "all") }</td>
                        <td>{ "0.0.0.0/0" }</td><td><span class="tag bad">{ t(lang, "Deny") }</span></td><td></td></tr>
                </tbody>
            </table>
            <form class="add-form grid3" onsubmit={add} aria-label={tf(lang, "Add {} rule", &[dir_word])}>
                { text_input("acl-number", t(lang, "Rule number"), &number, &next_number.to_string()) }
                { select("acl-protocol", t(lang, "Protocol"), &protocol_options(lang), &protocol, set(&protocol)) }
                { text_input("acl-ports", t(lang, "Port range"), &ports, "443") }
                { text_input("acl-cidr", if *inbound { t(lang, "Source CIDR") } else { t(lang, "Destination CIDR") }, &cidr, "0.0.0.0/0") }
                { select("acl-action", t(lang, "Allow/Deny"),
                    &[("allow".to_string(), t(lang, "Allow").to_string()), ("deny".to_string(), t(lang, "Deny").to_string())],
                    &action, set(&action)) }
                <div id="acl-msg" class="field-msg full" aria-live="polite">
                    { for shown.errors.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
                    { for shown.warnings.iter().map(|m| html! { <p class="warn-msg">{ m }</p> }) }
                </div>
                <button type="submit" class="tool" disabled={ok.is_none()}>
                    { if *inbound { t(lang, "Add inbound rule") } else { t(lang, "Add outbound rule") } }
                </button>
            </form>
        </div>
    }
}
