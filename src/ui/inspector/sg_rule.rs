//! The form of one security group rule, as the console's "Edit inbound rules" row has it: a type
//! (SSH, HTTPS, MySQL/Aurora... which sets the protocol and ports), the protocol and port range,
//! the source or destination (a CIDR block or a bare address, My IP, a prefix list or a group
//! picked by name) and a description. It adds a new rule or replaces the one being edited.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lang::{t, tf, use_lang, Lang};
use super::super::state::{Action, AppContext};
use super::acl::{parse_ports, protocol_options};
use super::field::{commit, judge, rule_input, select, Check};
use super::vpc::parse_rule_cidr;
use crate::edit::host_names::my_laptop;
use crate::edit::laptop::add_my_laptop;
use crate::model::{Peer, PortRange, Protocol, Scenario, SgRule};

/// The console's rule types: (value, label, protocol, ports).
const TYPES: [(&str, &str, &str, &str); 10] = [
    ("custom", "Custom", "", ""),
    ("ssh", "SSH", "tcp", "22"),
    ("http", "HTTP", "tcp", "80"),
    ("https", "HTTPS", "tcp", "443"),
    ("mysql", "MySQL/Aurora", "tcp", "3306"),
    ("postgres", "PostgreSQL", "tcp", "5432"),
    ("redis", "Redis", "tcp", "6379"),
    ("all-tcp", "All TCP", "tcp", "0-65535"),
    ("all-icmp", "All ICMP", "icmp", ""),
    ("all", "All traffic", "all", ""),
];

/// The label of rule type `value` in `lang` (product names stay as they are).
fn type_label(lang: Lang, value: &str, label: &'static str) -> &'static str {
    match value {
        "custom" => t(lang, "Custom"),
        "all-tcp" => t(lang, "All TCP"),
        "all-icmp" => t(lang, "All ICMP"),
        "all" => t(lang, "All traffic"),
        _ => label,
    }
}

/// The type whose protocol and ports these are, or `custom`.
fn type_of(protocol: &str, ports: &str) -> &'static str {
    TYPES
        .iter()
        .skip(1)
        .find(|(_, _, p, r)| *p == protocol && (*r == ports.trim() || r.is_empty()))
        .map_or("custom", |t| t.0)
}

/// How a peer is picked in the form: `cidr`, `myip`, `sg:ID` or `pl:ID`.
fn peer_choice(peer: &Peer) -> (String, String) {
    match peer {
        Peer::Cidr(c) => ("cidr".into(), c.to_string()),
        Peer::Group(g) => (format!("sg:{g}"), String::new()),
        Peer::PrefixList(p) => (format!("pl:{p}"), String::new()),
    }
}

/// Reads the form's choice of peer.
fn read_peer(s: &Scenario, choice: &str, cidr: &str, lang: Lang) -> Result<Peer, String> {
    if let Some(id) = choice.strip_prefix("sg:") {
        return Ok(Peer::Group(id.to_string()));
    }
    if let Some(id) = choice.strip_prefix("pl:") {
        return Ok(Peer::PrefixList(id.to_string()));
    }
    if choice == "myip" {
        return match my_laptop(s) {
            Some(h) => Ok(Peer::Cidr(std::net::IpAddr::V4(h.ip).into())),
            None => Err(t(
                lang,
                "My IP is the address of \"My laptop\": there is none yet. Add it, or type an address.",
            )
            .into()),
        };
    }
    parse_rule_cidr(cidr, lang).map(Peer::Cidr)
}

/// Properties of [`RuleForm`].
#[derive(Properties, PartialEq)]
pub struct RuleFormProps {
    /// The security group's index in the scenario.
    pub group: usize,
    /// Inbound (source) or outbound (destination) rules.
    pub inbound: bool,
    /// The rule being edited (its index), or `None` to add one.
    #[prop_or_default]
    pub editing: Option<usize>,
    /// Called when an edit is saved or cancelled.
    #[prop_or_default]
    pub on_done: Callback<()>,
}

/// The form adding a rule to a security group, or editing one in place.
#[component]
pub fn RuleForm(p: &RuleFormProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let s = &app.scenario;
    let (gi, inbound) = (p.group, p.inbound);
    let start: Option<SgRule> = p.editing.and_then(|k| {
        let g = s.security_groups.get(gi)?;
        if inbound { &g.inbound } else { &g.outbound }
            .get(k)
            .cloned()
    });
    let protocol = {
        let v = start
            .as_ref()
            .map_or("tcp".into(), |r| r.protocol.to_string());
        use_state(move || v)
    };
    let ports = {
        let v = start
            .as_ref()
            .and_then(|r| r.ports)
            .map(|r| {
                if r == PortRange::ALL {
                    "0-65535".to_string()
                } else {
                    r.to_string()
                }
            })
            .unwrap_or_default();
        use_state(move || v)
    };
    let (peer0, cidr0) = start
        .as_ref()
        .map_or(("cidr".into(), "0.0.0.0/0".into()), |r| {
            let (c, v) = peer_choice(&r.peer);
            (c, if v.is_empty() { "0.0.0.0/0".into() } else { v })
        });
    let peer = use_state(move || peer0);
    let cidr = use_state(move || cidr0);
    let description = {
        let v = start
            .as_ref()
            .map(|r| r.description.clone())
            .unwrap_or_default();
        use_state(move || v)
    };
    let Some(g) = s.security_groups.get(gi) else {
        return html! {};
    };
    let key = format!(
        "sg-{}{}",
        g.id.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        p.editing.map(|k| format!("-edit-{k}")).unwrap_or_default()
    );
    let laptop = my_laptop(s).map(|h| h.ip);
    let mut peers: Vec<(String, String)> = vec![
        ("cidr".into(), t(lang, "Custom CIDR").into()),
        (
            "myip".into(),
            match laptop {
                Some(ip) => tf(lang, "My IP ({})", &[&format!("{ip}/32")]),
                None => t(lang, "My IP").into(),
            },
        ),
    ];
    peers.extend(
        s.security_groups
            .iter()
            .filter(|x| x.vpc == g.vpc)
            .map(|x| {
                (
                    format!("sg:{}", x.id),
                    if x.name.is_empty() {
                        x.id.clone()
                    } else {
                        x.name.clone()
                    },
                )
            }),
    );
    peers.extend(s.prefix_lists.iter().map(|x| {
        (
            format!("pl:{}", x.id),
            if x.name.is_empty() {
                x.id.clone()
            } else {
                x.name.clone()
            },
        )
    }));
    let editing = p.editing;
    let check: Check = {
        let (s, protocol, peer, cidr, description) = (
            s.clone(),
            (*protocol).clone(),
            (*peer).clone(),
            (*cidr).clone(),
            (*description).clone(),
        );
        Callback::from(move |ports: String| {
            let protocol: Protocol = protocol.parse()?;
            let peer = read_peer(&s, &peer, &cidr, lang)?;
            // Several ports at once ("8080, 3000, 80, 443") make one rule each, as the
            // console's "Add rule" repeated would.
            let texts: Vec<&str> = if protocol.has_ports() {
                ports
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            } else {
                Vec::new()
            };
            if editing.is_some() && texts.len() > 1 {
                return Err(t(
                    lang,
                    "A rule has one port or range: add the others as new rules.",
                )
                .into());
            }
            let texts = if texts.is_empty() { vec![""] } else { texts };
            let new: Vec<SgRule> = texts
                .into_iter()
                .map(|p| {
                    Ok(SgRule {
                        protocol,
                        ports: parse_ports(protocol, p, lang)?,
                        icmp: None,
                        peer: peer.clone(),
                        description: description.trim().to_string(),
                    })
                })
                .collect::<Result<_, String>>()?;
            let mut n = (*s).clone();
            let g = &mut n.security_groups[gi];
            let rules = if inbound {
                &mut g.inbound
            } else {
                &mut g.outbound
            };
            match editing {
                Some(k) if k < rules.len() => {
                    rules.splice(k..=k, new);
                }
                _ => rules.extend(new),
            }
            Ok(n)
        })
    };
    let touched = editing.is_some() || !ports.is_empty() || *protocol != "tcp";
    let (ok, verdict) = judge(lang, s, &check, &ports, &format!("security_groups[{gi}]"));
    let shown = if touched { verdict } else { Default::default() };
    let invalid = !shown.errors.is_empty();
    let msg_id = format!("{key}-msg");
    let text_input =
        |id: String, label: &str, state: &UseStateHandle<String>, placeholder: &str| {
            rule_input(id, label, state, placeholder, invalid, &msg_id)
        };
    let set = |st: &UseStateHandle<String>| {
        let st = st.clone();
        Callback::from(move |v: String| st.set(v))
    };
    let on_type = {
        let (protocol, ports) = (protocol.clone(), ports.clone());
        Callback::from(move |v: String| {
            if let Some((_, _, p, r)) = TYPES.iter().skip(1).find(|x| x.0 == v) {
                protocol.set(p.to_string());
                ports.set(r.to_string());
            }
        })
    };
    let types: Vec<(String, String)> = TYPES
        .iter()
        .map(|(v, l, _, _)| (v.to_string(), type_label(lang, v, l).to_string()))
        .collect();
    let submit = {
        let (app, ports, description, done) = (
            app.clone(),
            ports.clone(),
            description.clone(),
            p.on_done.clone(),
        );
        let ok = ok.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = ok.clone() {
                app.dispatch(Action::Edit(Rc::new(n)));
                if editing.is_some() {
                    done.emit(());
                } else {
                    ports.set(String::new());
                    description.set(String::new());
                }
            }
        })
    };
    let add_laptop = {
        let app = app.clone();
        Callback::from(
            move |_: MouseEvent| match add_my_laptop(&app.scenario, lang) {
                Ok((n, _)) => commit(&app, n),
                Err(why) => app.dispatch(Action::Notify(why.text(lang))),
            },
        )
    };
    let cancel = {
        let done = p.on_done.clone();
        Callback::from(move |_: MouseEvent| done.emit(()))
    };
    let dir_word = if inbound {
        t(lang, "inbound")
    } else {
        t(lang, "outbound")
    };
    let peer_label = if inbound {
        t(lang, "Source")
    } else {
        t(lang, "Destination")
    };
    let name = if g.name.is_empty() {
        g.id.clone()
    } else {
        g.name.clone()
    };
    let form_label = match editing {
        Some(k) => tf(
            lang,
            "Edit {} rule {} of {}",
            &[dir_word, &(k + 1).to_string(), &name],
        ),
        None => tf(lang, "Add {} rule to {}", &[dir_word, &name]),
    };
    let has_ports = protocol.parse::<Protocol>().is_ok_and(|p| p.has_ports());
    html! {
        <form class={classes!("add-form", "rule-form", editing.is_some().then_some("editing"))}
            onsubmit={submit} aria-label={form_label}>
            { select(&format!("{key}-type"), t(lang, "Type"), &types, type_of(&protocol, &ports), on_type) }
            { select(&format!("{key}-protocol"), t(lang, "Protocol"), &protocol_options(lang), &protocol, set(&protocol)) }
            if has_ports {
                { text_input(format!("{key}-ports"), t(lang, "Port range"), &ports, if editing.is_some() { "443" } else { "80, 443" }) }
            }
            { select(&format!("{key}-peer"), peer_label, &peers, &peer, set(&peer)) }
            if *peer == "cidr" {
                { text_input(format!("{key}-cidr"), "CIDR", &cidr, "0.0.0.0/0") }
            }
            if *peer == "myip" && laptop.is_none() {
                <div class="full myip-offer">
                    <p class="muted small">{ t(lang, "My IP is the address of \"My laptop\" on the internet. There is none on the canvas yet.") }</p>
                    <button type="button" class="tool small" onclick={add_laptop}>{ t(lang, "Add My laptop") }</button>
                </div>
            }
            <div class="full">
                { text_input(format!("{key}-desc"), t(lang, "Description"), &description, t(lang, "optional")) }
            </div>
            <div id={msg_id.clone()} class="field-msg full" aria-live="polite">
                { for shown.errors.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
                { for shown.warnings.iter().map(|m| html! { <p class="warn-msg">{ m }</p> }) }
            </div>
            <div class="full row-actions">
                <button type="submit" class="tool" disabled={ok.is_none()}>
                    { match (editing, inbound) {
                        (Some(_), _) => t(lang, "Save rule"),
                        (None, true) => t(lang, "Add inbound rule"),
                        (None, false) => t(lang, "Add outbound rule"),
                    } }
                </button>
                if editing.is_some() {
                    <button type="button" class="tool" onclick={cancel}>{ t(lang, "Cancel") }</button>
                }
            </div>
        </form>
    }
}
