//! The security group editor of an instance, database or load balancer: which groups its network
//! interface has (picked by name), and each group's inbound and outbound rules, whose peer is a
//! CIDR block or another group.

use crate::ui::rule_focus::RuleFocusContext;
use yew::prelude::*;

use super::super::lang::{t, tf, use_lang};
use super::super::state::{Action, AppContext};
use super::acl::ports_text;
use super::field::{commit, commit_checked};
use super::sg_rule::RuleForm;
use crate::edit::find::{interfaces_of, locate, name_of, vpc_of, Found};
use crate::edit::host_names::my_laptop;
use crate::edit::place::new_group;
use crate::model::{Interface, Peer, Protocol, Scenario, SgRule};

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
            let g = new_group(&n, &vpc, &format!("{}-sg", name_of(&n, &owner)), Vec::new());
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

/// One security group's rules, each editable in place, with a form to add one.
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
    // The rule being edited in place.
    let editing = use_state(|| None::<usize>);
    let focused = |k: usize| {
        focus
            .as_ref()
            .is_some_and(|f| f.inbound == *inbound && f.group_rule() == Some(k))
    };
    // A drop no rule allowed is decided by the group's implicit deny: its row is the one shown.
    let denied = focus
        .as_ref()
        .is_some_and(|f| f.inbound == *inbound && f.group_rule().is_none());
    let s = &app.scenario;
    let Some(gi) = s.security_groups.iter().position(|g| *g.id == *p.group) else {
        return html! {};
    };
    let g = &s.security_groups[gi];
    let gname = group_name(s, &g.id);
    let dir_word = if *inbound {
        t(lang, "inbound")
    } else {
        t(lang, "outbound")
    };
    let rules = if *inbound { &g.inbound } else { &g.outbound };
    let laptop = my_laptop(s).map(|h| h.ip);
    let dir_tab = |label: &str, value: bool| {
        let (st, editing) = (inbound.clone(), editing.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            st.set(value);
            editing.set(None);
        });
        html! {
            <button type="button" class="seg" aria-pressed={(*inbound == value).to_string()} {onclick}>
                { label }
            </button>
        }
    };
    let done = {
        let editing = editing.clone();
        Callback::from(move |_: ()| editing.set(None))
    };
    let row = |k: usize, r: &SgRule| -> Html {
        if *editing == Some(k) {
            return html! {
                <tr key={format!("edit-{k}")} class="editing-row"><td colspan="4">
                    <RuleForm group={gi} inbound={*inbound} editing={Some(k)} on_done={done.clone()} />
                </td></tr>
            };
        }
        let mine = matches!(&r.peer, Peer::Cidr(c) if c.prefix_len() == 32 && laptop.map(Into::into) == Some(c.addr()));
        let peer = match &r.peer {
            Peer::Cidr(c) => c.to_string(),
            Peer::Group(x) => group_name(s, x),
            Peer::PrefixList(x) => s
                .prefix_lists
                .iter()
                .find(|l| l.id == *x && !l.name.is_empty())
                .map_or_else(|| x.clone(), |l| l.name.clone()),
        };
        let remove = {
            let (app, inbound, editing) = (app.clone(), *inbound, editing.clone());
            Callback::from(move |_: MouseEvent| {
                let mut n = (*app.scenario).clone();
                let g = &mut n.security_groups[gi];
                if inbound {
                    g.inbound.remove(k);
                } else {
                    g.outbound.remove(k);
                }
                editing.set(None);
                commit(&app, n);
            })
        };
        let edit = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(Some(k)))
        };
        let proto = if r.protocol == Protocol::All {
            t(lang, "all").to_string()
        } else {
            r.protocol.to_string()
        };
        let what = [
            dir_word,
            &r.protocol.to_string(),
            &ports_text(r.ports, lang),
            &peer,
        ];
        html! {
            <tr key={k} class={classes!(focused(k).then_some("focused"))}>
                <td>{ proto }</td>
                <td>{ ports_text(r.ports, lang) }</td>
                <td class="peer"><span class="addr">{ &peer }</span>
                    if mine { { " " }<span class="muted small">{ t(lang, "(My IP)") }</span> }
                    if !r.description.is_empty() {
                        <span class="rule-desc muted">{ &r.description }</span>
                    }
                </td>
                <td class="actions">
                    <button type="button" class="icon-btn" onclick={edit}
                        aria-label={tf(lang, "Edit {} rule {} {} from {}", &what)}>{ "✎" }</button>
                    <button type="button" class="icon-btn" onclick={remove}
                        aria-label={tf(lang, "Remove {} rule {} {} from {}", &what)}>{ "×" }</button>
                </td>
            </tr>
        }
    };
    html! {
        <section class="group" aria-label={tf(lang, "Security group {}", &[&gname])}>
            <h4>{ &gname }</h4>
            <div class="segmented" role="group" aria-label={t(lang, "Direction")}>
                { dir_tab(t(lang, "Inbound rules"), true) }
                { dir_tab(t(lang, "Outbound rules"), false) }
            </div>
            <table class="rules sg-rules" aria-label={tf(lang, "{} {} rules", &[&gname, dir_word])}>
                <thead><tr><th>{ t(lang, "Protocol") }</th><th>{ t(lang, "Ports") }</th>
                    <th>{ if *inbound { t(lang, "Source") } else { t(lang, "Destination") } }</th>
                    <th><span class="sr-only">{ t(lang, "Actions") }</span></th></tr></thead>
                <tbody>
                    { for rules.iter().enumerate().map(|(k, r)| row(k, r)) }
                    if rules.is_empty() {
                        <tr class={classes!("implicit", denied.then_some("focused"))}><td class="wrap" colspan="4">{
                            if *inbound { t(lang, "No inbound rules: nothing can connect in.") } else { t(lang, "No outbound rules: nothing can connect out.") }
                        }</td></tr>
                    } else {
                        <tr class={classes!("implicit", denied.then_some("focused"))}><td class="wrap" colspan="4">{
                            t(lang, "Anything no rule allows: denied (implicit, cannot be removed).")
                        }</td></tr>
                    }
                </tbody>
            </table>
            if editing.is_none() {
                <RuleForm key={format!("{gi}-{}", *inbound)} group={gi} inbound={*inbound} />
            }
        </section>
    }
}
