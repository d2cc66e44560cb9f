//! The inspector: settings of the selected part, with the fields the AWS console has for it.
//! One editor per kind of part, each in its own module; every field validates as you type.

mod acl;
mod edge;
mod field;
mod ipv6;
mod lb;
mod node;
mod proxy;
mod routes;
mod sg;
mod sg_rule;
mod site;
mod subnet;
mod transit;
mod vpc;

use yew::prelude::*;

use super::canvas::delete;
use super::lang::{t, tf, use_lang, Lang};
use super::state::AppContext;
use crate::edit::find::{locate, name_of, Found};
use crate::ui::rule_focus::RuleFocusContext;

thread_local! {
    /// The tab last picked in each kind of editor (by the `id` given to [`tabs`]).
    static LAST_TAB: std::cell::RefCell<rustc_hash::FxHashMap<String, &'static str>> =
        Default::default();
}

/// The tab an editor of kind `id` opens on: the one a rule focus asks for (`focused`), else the
/// one last picked in an editor of the same kind (so routes of four subnets are written one
/// after the other without picking the tab each time), else the first.
pub(crate) fn opening_tab(id: &str, focused: Option<usize>, labels: &[&str]) -> usize {
    focused
        .or_else(|| {
            LAST_TAB.with(|l| {
                let last = *l.borrow().get(id)?;
                labels.iter().position(|x| *x == last)
            })
        })
        .unwrap_or(0)
}

/// The tabs of an editor: (label, content), one shown at a time.
/// The labels are English and shown in `lang`.
pub(crate) fn tabs(
    lang: Lang,
    id: &str,
    active: &UseStateHandle<usize>,
    pages: Vec<(&'static str, Html)>,
) -> Html {
    let n = pages.len();
    let current = (**active).min(n.saturating_sub(1));
    let mut heads = Vec::new();
    let mut body = Html::default();
    for (i, (label, content)) in pages.into_iter().enumerate() {
        let onclick = {
            let (active, kind) = (active.clone(), id.to_string());
            Callback::from(move |_: MouseEvent| {
                LAST_TAB.with(|l| l.borrow_mut().insert(kind.clone(), label));
                active.set(i)
            })
        };
        heads.push(html! {
            <button type="button" role="tab" id={format!("{id}-tab-{i}")}
                aria-selected={(i == current).to_string()}
                aria-controls={format!("{id}-panel")} class="tab" {onclick}>{ t(lang, label) }</button>
        });
        if i == current {
            body = content;
        }
    }
    html! {
        <>
        <div class="tabs" role="tablist" aria-label={t(lang, "Sections")}>{ for heads }</div>
        <div id={format!("{id}-panel")} role="tabpanel"
            aria-labelledby={format!("{id}-tab-{current}")} class="tab-panel">{ body }</div>
        </>
    }
}

/// The right column: the selected part's editor, a summary of a multiple selection, or how to
/// get started.
#[component]
pub fn Inspector() -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let sel = &app.selection;
    let focus = use_context::<RuleFocusContext>().expect("rule focus context");
    let body = match sel.as_slice() {
        [] => html! {
            <div class="empty-note">
                <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" class="empty-icon">
                    <path d="M4 4l6.5 16 2.3-6.7L19.5 11z" />
                </svg>
                <p>{ t(lang, "Select a part to see its settings") }</p>
                <p class="muted">
                    { t(lang, "Addresses, route tables, network ACLs and security groups show up here.") }
                </p>
            </div>
        },
        [id] => match locate(s, id) {
            Some(found) => {
                let serial = focus.as_ref().filter(|f| f.part == *id).map(|f| f.serial);
                editor(&app, lang, id, found, serial)
            }
            None => html! {},
        },
        many => {
            let ondelete = {
                let (app, ids) = (app.clone(), many.to_vec());
                Callback::from(move |_: MouseEvent| delete(&app, lang, &ids))
            };
            let names: Vec<String> = many.iter().map(|id| name_of(s, id)).collect();
            html! {
                <div class="editor">
                    <p class="kind">{ tf(lang, "{} parts selected", &[&many.len().to_string()]) }</p>
                    <p class="muted">{ names.join(", ") }</p>
                    <p class="muted">{ t(lang, "Drag any of them to move them together, or use the arrow keys.") }</p>
                    <button type="button" class="tool danger" onclick={ondelete}>{ t(lang, "Delete selected") }</button>
                </div>
            }
        }
    };
    html! {
        <section class="inspector panel" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading" class="panel-heading">{ t(lang, "Inspector") }</h2>
            { body }
        </section>
    }
}

fn kind_name(lang: Lang, found: Found, s: &crate::model::Scenario) -> &'static str {
    match found {
        Found::Vpc(_) => "VPC",
        Found::Subnet(_) => t(lang, "Subnet"),
        Found::Instance(i) => match s.instances[i].role {
            crate::model::Role::Bastion => t(lang, "Bastion host"),
            crate::model::Role::NatInstance => t(lang, "NAT instance"),
            crate::model::Role::InterfaceEndpoint => t(lang, "Interface endpoint"),
            _ => t(lang, "EC2 instance"),
        },
        Found::Database(i) if s.databases[i].engine.is_cache() => "ElastiCache",
        Found::Database(_) => t(lang, "RDS database"),
        Found::LoadBalancer(i) if s.load_balancers[i].kind == crate::model::LbKind::Network => {
            t(lang, "Network load balancer")
        }
        Found::LoadBalancer(_) => t(lang, "Application load balancer"),
        Found::InternetGateway(_) => t(lang, "Internet gateway"),
        Found::EgressOnlyInternetGateway(_) => t(lang, "Egress-only internet gateway"),
        Found::NatGateway(_) => t(lang, "NAT gateway"),
        Found::GwlbEndpoint(_) => t(lang, "Gateway Load Balancer endpoint"),
        Found::Host(_) => t(lang, "Internet host"),
        Found::TransitGateway(_) => t(lang, "Transit gateway"),
        Found::VpnGateway(_) => t(lang, "Virtual private gateway"),
        Found::OnPrem(_) => t(lang, "On-premises network"),
    }
}

fn editor(app: &AppContext, lang: Lang, id: &str, found: Found, focus: Option<u32>) -> Html {
    let s = &app.scenario;
    let ondelete = {
        let (app, ids) = (app.clone(), vec![id.to_string()]);
        Callback::from(move |_: MouseEvent| delete(&app, lang, &ids))
    };
    let key = id.to_string();
    // A new request to show a rule opens the editor again, on that rule.
    let ekey = match focus {
        Some(n) => format!("{key}#{n}"),
        None => key.clone(),
    };
    let id = AttrValue::from(id.to_string());
    let content = match found {
        Found::Vpc(_) => html! { <vpc::VpcEditor key={ekey} {id} /> },
        Found::Subnet(_) => html! { <subnet::SubnetEditor key={ekey} {id} /> },
        Found::TransitGateway(_) => html! { <transit::TransitGatewayEditor key={ekey} {id} /> },
        _ => html! { <node::NodeEditor key={ekey} {id} /> },
    };
    html! {
        <div class="editor">
            <div class="editor-head">
                <div>
                    <p class="kind">{ kind_name(lang, found, s) }</p>
                    <h3 class="part-title">{ name_of(s, &key) }</h3>
                </div>
                <button type="button" class="tool small danger" onclick={ondelete}
                    aria-label={tf(lang, "Delete {}", &[&name_of(s, &key)])}>{ t(lang, "Delete") }</button>
            </div>
            { content }
        </div>
    }
}
