//! The traffic panel: pick a source, a destination, a protocol and a port (or a preset), press
//! Send, and watch the packet; play, pause, step and change the speed; read the verdict in plain
//! words; step through the event list or look at the reachability matrix; or type a command in
//! the console.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::events::EventList;
use super::flows::{TrafficContext, SPEEDS};
use super::reachability::Reachability;
use super::state::AppContext;
use super::terminal::Console;
use crate::engine::matrix::Probe;
use crate::engine::{FlowSpec, Verdict};
use crate::model::{Protocol, Scenario};

/// What the verdict line says before anything was sent.
pub const IDLE_VERDICT: &str = "Choose a source and a destination, then press Send.";

/// What the verdict line says when Send is pressed on an empty canvas.
pub const EMPTY_VERDICT: &str =
    "Nothing to send between yet: add at least two parts to the canvas first.";

/// The words of the panel (kept together for translation).
struct Words {
    heading: &'static str,
    from: &'static str,
    to: &'static str,
    protocol: &'static str,
    port: &'static str,
    send: &'static str,
    presets: &'static str,
    no_parts: &'static str,
    need_port: &'static str,
    same_ends: &'static str,
    play: &'static str,
    pause: &'static str,
    back: &'static str,
    forward: &'static str,
    speed: &'static str,
    flows: &'static str,
    remove: &'static str,
    clear: &'static str,
    events: &'static str,
    reachability: &'static str,
    instances: &'static str,
    databases: &'static str,
    balancers: &'static str,
    internet: &'static str,
    step_of: &'static str,
    no_place: &'static str,
}

const WORDS: Words = Words {
    heading: "Traffic",
    from: "From",
    to: "To",
    protocol: "Protocol",
    port: "Port",
    send: "Send",
    presets: "Port presets",
    no_parts: "No parts yet",
    need_port: "Type a port from 1 to 65535, or pick a preset.",
    same_ends: "From and To are the same part: pick two different ones.",
    play: "Play",
    pause: "Pause",
    back: "Step back",
    forward: "Step forward",
    speed: "Speed",
    flows: "Flows",
    remove: "Remove flow",
    clear: "Clear",
    events: "Events",
    reachability: "Reachability",
    instances: "Instances",
    databases: "Databases and caches",
    balancers: "Load balancers",
    internet: "Internet",
    step_of: "Step {step} of {last}",
    no_place: "This flow's parts have no place on the canvas yet, so it is not animated.",
};

/// A port preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Shown on the chip, e.g. "HTTPS 443".
    pub label: &'static str,
    /// The protocol.
    pub protocol: Protocol,
    /// The port (none for ping).
    pub port: Option<u16>,
}

impl Preset {
    /// As a reachability probe.
    pub fn probe(self) -> Probe {
        Probe {
            protocol: self.protocol,
            port: self.port,
        }
    }
}

/// The port presets, in the order shown.
pub const PRESETS: [Preset; 8] = [
    Preset {
        label: "SSH 22",
        protocol: Protocol::Tcp,
        port: Some(22),
    },
    Preset {
        label: "HTTP 80",
        protocol: Protocol::Tcp,
        port: Some(80),
    },
    Preset {
        label: "HTTPS 443",
        protocol: Protocol::Tcp,
        port: Some(443),
    },
    Preset {
        label: "MySQL 3306",
        protocol: Protocol::Tcp,
        port: Some(3306),
    },
    Preset {
        label: "PostgreSQL 5432",
        protocol: Protocol::Tcp,
        port: Some(5432),
    },
    Preset {
        label: "Redis 6379",
        protocol: Protocol::Tcp,
        port: Some(6379),
    },
    Preset {
        label: "memcached 11211",
        protocol: Protocol::Tcp,
        port: Some(11211),
    },
    Preset {
        label: "ICMP ping",
        protocol: Protocol::Icmp,
        port: None,
    },
];

/// A part a flow can start or end at.
struct Endpoint {
    id: String,
    label: String,
}

/// The parts that can send or receive, grouped as the selects show them.
fn endpoints(s: &Scenario) -> Vec<(&'static str, Vec<Endpoint>)> {
    let pick = |name: &str, id: &str| if name.is_empty() { id } else { name }.to_string();
    let with_ip = |name: String, ip: Option<String>| match ip {
        Some(ip) => format!("{name} ({ip})"),
        None => name,
    };
    let first_ip = |ifs: &[crate::model::Interface]| ifs.first().map(|i| i.private_ip.to_string());
    vec![
        (
            WORDS.instances,
            s.instances
                .iter()
                .map(|x| Endpoint {
                    id: x.id.clone(),
                    label: with_ip(pick(&x.name, &x.id), first_ip(&x.interfaces)),
                })
                .collect(),
        ),
        (
            WORDS.databases,
            s.databases
                .iter()
                .map(|x| Endpoint {
                    id: x.id.clone(),
                    label: with_ip(pick(&x.name, &x.id), first_ip(&x.interfaces)),
                })
                .collect(),
        ),
        (
            WORDS.balancers,
            s.load_balancers
                .iter()
                .map(|x| Endpoint {
                    id: x.id.clone(),
                    label: pick(&x.name, &x.id),
                })
                .collect(),
        ),
        (
            WORDS.internet,
            s.internet_hosts
                .iter()
                .map(|x| Endpoint {
                    id: x.id.clone(),
                    label: with_ip(pick(&x.name, &x.id), Some(x.ip.to_string())),
                })
                .collect(),
        ),
    ]
}

/// Default source and destination: an internet host to the first instance when there are both.
fn defaults(s: &Scenario) -> (String, String) {
    let from = s
        .internet_hosts
        .first()
        .map(|h| h.id.clone())
        .or_else(|| s.instances.first().map(|i| i.id.clone()))
        .unwrap_or_default();
    let to = s
        .instances
        .iter()
        .map(|i| &i.id)
        .chain(s.databases.iter().map(|d| &d.id))
        .find(|id| **id != from)
        .cloned()
        .unwrap_or_default();
    (from, to)
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The form's fields.
#[derive(Clone, PartialEq)]
struct Form {
    from: String,
    to: String,
    protocol: Protocol,
    port: String,
}

/// The panel under the canvas.
#[component]
pub fn TrafficPanel() -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let ctx = use_context::<TrafficContext>().expect("inside the traffic context");
    let scenario = app.scenario.clone();
    let form = use_state(|| {
        let (from, to) = defaults(&scenario);
        Form {
            from,
            to,
            protocol: Protocol::Tcp,
            port: "443".into(),
        }
    });
    let message = use_state(|| None::<&'static str>);
    let tab = use_state(|| 0_usize);
    let groups = endpoints(&scenario);
    let exists = |id: &str| groups.iter().any(|(_, g)| g.iter().any(|e| e.id == id));
    // A part removed from the scenario is no longer selected.
    {
        let form = form.clone();
        let (from_ok, to_ok) = (exists(&form.from), exists(&form.to));
        let scenario = scenario.clone();
        use_effect_with((from_ok, to_ok), move |&(from_ok, to_ok)| {
            if !from_ok || !to_ok {
                let (f, t) = defaults(&scenario);
                let mut next = (*form).clone();
                if !from_ok {
                    next.from = f;
                }
                if !to_ok {
                    next.to = t;
                }
                if next != *form {
                    form.set(next);
                }
            }
        });
    }
    let count: usize = groups.iter().map(|(_, g)| g.len()).sum();

    let onsubmit = {
        let (form, message, ctx) = (form.clone(), message.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if count < 2 {
                message.set(Some(EMPTY_VERDICT));
                return;
            }
            if form.from == form.to {
                message.set(Some(WORDS.same_ends));
                return;
            }
            let port = match form.protocol {
                Protocol::Icmp => None,
                _ => match form.port.trim().parse::<u16>() {
                    Ok(p) if p > 0 => Some(p),
                    _ => {
                        message.set(Some(WORDS.need_port));
                        return;
                    }
                },
            };
            message.set(None);
            ctx.send(FlowSpec {
                from: form.from.clone(),
                to: form.to.clone(),
                protocol: form.protocol,
                port,
                src_port: None,
            });
        })
    };
    let set = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, select_value(&e));
            form.set(next);
        })
    };
    let on_from = set(|f, v| f.from = v);
    let on_to = set(|f, v| f.to = v);
    let on_protocol = set(|f, v| f.protocol = v.parse().unwrap_or(Protocol::Tcp));
    let on_port = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            next.port = e.target_unchecked_into::<HtmlInputElement>().value();
            form.set(next);
        })
    };
    let options = |selected: &str| {
        if count == 0 {
            return html! { <option value="">{ WORDS.no_parts }</option> };
        }
        html! {
            { for groups.iter().filter(|(_, g)| !g.is_empty()).map(|(title, g)| html! {
                <optgroup label={*title}>
                    { for g.iter().map(|e| html! {
                        <option value={e.id.clone()} selected={e.id == selected}>{ &e.label }</option>
                    }) }
                </optgroup>
            }) }
        }
    };
    let presets = PRESETS.iter().map(|p| {
        let on = form.protocol == p.protocol
            && (p.port.is_none()
                || form.port.trim() == p.port.map(|x| x.to_string()).unwrap_or_default());
        let onclick = {
            let (form, p) = (form.clone(), *p);
            Callback::from(move |_| {
                let mut next = (*form).clone();
                next.protocol = p.protocol;
                if let Some(port) = p.port {
                    next.port = port.to_string();
                }
                form.set(next);
            })
        };
        html! {
            <button type="button" class={classes!("chip", on.then_some("on"))}
                aria-pressed={on.to_string()} {onclick}>{ p.label }</button>
        }
    });
    let status = match (*message, ctx.current()) {
        (Some(m), _) => m.to_string(),
        (None, Some(f)) => f.sentence.clone(),
        (None, None) => IDLE_VERDICT.to_string(),
    };
    let tone = match ctx.current().map(|f| f.result.as_ref().map(|t| t.verdict)) {
        _ if message.is_some() => "",
        Some(Ok(Verdict::Established)) => "ok",
        Some(Ok(Verdict::DependsOnSourcePort)) => "partial",
        Some(_) => "bad",
        None => "",
    };
    let tabs = [WORDS.events, WORDS.reachability];
    let tab_buttons = tabs.iter().enumerate().map(|(i, name)| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(i))
        };
        let on = *tab == i;
        html! {
            <button type="button" role="tab" id={format!("traffic-tab-{i}")}
                aria-selected={on.to_string()} aria-controls={format!("traffic-tabpanel-{i}")}
                tabindex={if on { "0" } else { "-1" }}
                class={classes!("tab", on.then_some("on"))} {onclick}>{ *name }</button>
        }
    });
    html! {
        <section class="traffic panel" aria-labelledby="traffic-heading"
            data-recompute-ms={format!("{:.3}", ctx.traced.millis)}
            data-compile-ms={format!("{:.3}", ctx.traced.compile_millis)}>
            <div class="traffic-side">
                <h2 id="traffic-heading" class="panel-heading">{ WORDS.heading }</h2>
                <form class="traffic-form" {onsubmit}>
                    <div class="field">
                        <label for="traffic-from">{ WORDS.from }</label>
                        <select id="traffic-from" name="from" onchange={on_from}>{ options(&form.from) }</select>
                    </div>
                    <div class="field">
                        <label for="traffic-to">{ WORDS.to }</label>
                        <select id="traffic-to" name="to" onchange={on_to}>{ options(&form.to) }</select>
                    </div>
                    <div class="form-row">
                        <div class="field">
                            <label for="traffic-protocol">{ WORDS.protocol }</label>
                            <select id="traffic-protocol" name="protocol" onchange={on_protocol}>
                                <option value="tcp" selected={form.protocol == Protocol::Tcp}>{ "TCP" }</option>
                                <option value="udp" selected={form.protocol == Protocol::Udp}>{ "UDP" }</option>
                                <option value="icmp" selected={form.protocol == Protocol::Icmp}>{ "ICMP" }</option>
                            </select>
                        </div>
                        <div class="field">
                            <label for="traffic-port">{ WORDS.port }</label>
                            <input id="traffic-port" name="port" type="number" min="1" max="65535"
                                placeholder="443" inputmode="numeric" value={form.port.clone()}
                                disabled={form.protocol == Protocol::Icmp} oninput={on_port} />
                        </div>
                        <button type="submit" class="primary">{ WORDS.send }</button>
                    </div>
                </form>
                <div class="chips" role="group" aria-label={WORDS.presets}>{ for presets }</div>
                <Console from={AttrValue::from(form.from.clone())} />
            </div>
            <div class="traffic-main">
                <Player />
                <p class={classes!("verdict", tone)} role="status" aria-live="polite">{ status }</p>
                <HopDetail />
                <div class="tabs" role="tablist" aria-label={WORDS.heading}>{ for tab_buttons }</div>
                <div class="tabpanel" role="tabpanel" id={format!("traffic-tabpanel-{}", *tab)}
                    aria-labelledby={format!("traffic-tab-{}", *tab)}>
                    if *tab == 0 { <EventList /> } else { <Reachability /> }
                </div>
            </div>
        </section>
    }
}

/// Play, pause, step and speed controls, and the list of flows.
#[component]
fn Player() -> Html {
    let ctx = use_context::<TrafficContext>().expect("inside the traffic context");
    if ctx.flows().is_empty() {
        return Html::default();
    }
    let playing = ctx.state.playing;
    let step = ctx.step();
    let last = ctx.current().map_or(0, |f| f.steps() - 1);
    let toggle = {
        let ctx = ctx.clone();
        Callback::from(move |_| if playing { ctx.pause() } else { ctx.play() })
    };
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.seek(step.saturating_sub(1)))
    };
    let forward = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.seek(step + 1))
    };
    let on_speed = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Ok(x) = select_value(&e).parse::<f64>() {
                ctx.state.dispatch(super::flows::TrafficAction::Speed(x));
            }
        })
    };
    let speed = ctx.state.speed;
    let chips = ctx.flows().iter().map(|f| {
        let id = f.flow.id;
        let on = ctx.state.current == Some(id);
        let select = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.state.dispatch(super::flows::TrafficAction::Select(id)))
        };
        let remove = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.state.dispatch(super::flows::TrafficAction::Remove(id)))
        };
        let service = match f.flow.spec.port {
            Some(p) => format!("{}/{p}", f.flow.spec.protocol),
            None => f.flow.spec.protocol.to_string(),
        };
        let tone = match &f.result {
            Ok(t) if t.verdict == Verdict::Established => "ok",
            Ok(t) if t.verdict == Verdict::DependsOnSourcePort => "partial",
            _ => "bad",
        };
        let name = format!("{} → {} {service}", f.from_name, f.to_name);
        html! {
            <li class={classes!("flow-chip", format!("flow-c{}", f.flow.colour), on.then_some("on"))}>
                <button type="button" class="flow-pick" aria-pressed={on.to_string()} onclick={select}>
                    <span class="swatch" aria-hidden="true"></span>
                    { name.clone() }
                    <span class={classes!("dot", tone)} aria-hidden="true"></span>
                </button>
                <button type="button" class="flow-remove" aria-label={format!("{} {name}", WORDS.remove)}
                    onclick={remove}>{ "×" }</button>
            </li>
        }
    });
    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.state.dispatch(super::flows::TrafficAction::Clear))
    };
    let unplaced = ctx.current().is_some_and(|f| f.points.is_none());
    html! {
        <div class="player">
            <div class="controls">
                <button type="button" class="icon" aria-label={WORDS.back} title={WORDS.back}
                    onclick={back} disabled={step == 0}>{ "⏮" }</button>
                <button type="button" class="icon play" aria-label={if playing { WORDS.pause } else { WORDS.play }}
                    title={if playing { WORDS.pause } else { WORDS.play }} onclick={toggle}>
                    { if playing { "⏸" } else { "▶" } }
                </button>
                <button type="button" class="icon" aria-label={WORDS.forward} title={WORDS.forward}
                    onclick={forward} disabled={step >= last}>{ "⏭" }</button>
                <span class="step-count">
                    { WORDS.step_of.replace("{step}", &step.to_string()).replace("{last}", &last.to_string()) }
                </span>
                <label class="speed">
                    { WORDS.speed }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().map(|&x| html! {
                            <option value={x.to_string()} selected={x == speed}>{ format!("{x}×") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <ul class="flows" aria-label={WORDS.flows}>{ for chips }</ul>
            <button type="button" class="link" onclick={clear}>{ WORDS.clear }</button>
            if unplaced { <p class="muted small">{ WORDS.no_place }</p> }
        </div>
    }
}

/// What happened at the hop under the playhead, in the engine's words.
#[component]
fn HopDetail() -> Html {
    let ctx = use_context::<TrafficContext>().expect("inside the traffic context");
    let Some(f) = ctx.current() else {
        return Html::default();
    };
    let step = ctx.step();
    let text = match step.checked_sub(1).and_then(|i| f.hops().get(i)) {
        Some(h) => format!("{step}. {}: {}", h.name, h.detail),
        None => format!("0. {} sends the packet", f.from_name),
    };
    html! { <p class="hop-detail">{ text }</p> }
}
