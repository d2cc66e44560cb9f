//! The event list: one row per hop of the current flow, like a debugger's call stack. A row
//! shows the component, the direction, the decision, the rule and the packet's addresses and
//! ports after any translation. Clicking a row (or Enter/Space on it, after moving with the
//! arrow keys, Home and End) puts the animation's playhead there.

use yew::prelude::*;

use super::flows::{TracedFlow, TrafficContext};
use crate::engine::trace::{Decision, PortView};
use crate::engine::{Direction, Hop, Kind};

/// The words of the event list (kept together for translation).
struct Words {
    caption: &'static str,
    step: &'static str,
    component: &'static str,
    direction: &'static str,
    decision: &'static str,
    rule: &'static str,
    packet: &'static str,
    forward: &'static str,
    back: &'static str,
    sends: &'static str,
    empty: &'static str,
}

const WORDS: Words = Words {
    caption: "Events of the selected flow",
    step: "#",
    component: "Component",
    direction: "Direction",
    decision: "Decision",
    rule: "Rule",
    packet: "Packet (after translation)",
    forward: "→ there",
    back: "← back",
    sends: "sends",
    empty: "Send a flow to see its hops here.",
};

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::SecurityGroup => "security group",
        Kind::NetworkAcl => "network ACL",
        Kind::RouteTable => "route table",
        Kind::InternetGateway => "internet gateway",
        Kind::NatGateway => "NAT gateway",
        Kind::Instance => "instance",
        Kind::NetworkInterface => "interface",
        Kind::LoadBalancer => "load balancer",
        Kind::Database => "database",
        Kind::PeeringConnection => "peering",
        Kind::GatewayEndpoint => "gateway endpoint",
        Kind::TransitGateway => "transit gateway",
        Kind::Internet => "internet",
        Kind::InternetHost => "internet host",
        Kind::Vpc => "VPC",
    }
}

fn decision_word(d: Decision) -> (&'static str, &'static str) {
    match d {
        Decision::Allow => ("allow", "ok"),
        Decision::Deny => ("deny", "bad"),
        Decision::Forward => ("forward", "ok"),
        Decision::Translate => ("translate", "ok"),
        Decision::Deliver => ("deliver", "ok"),
        Decision::Drop => ("drop", "bad"),
        Decision::Refuse => ("refuse (reset)", "bad"),
    }
}

fn endpoint(ip: std::net::Ipv4Addr, port: &PortView) -> String {
    match port {
        PortView::None => ip.to_string(),
        p => format!("{ip}:{p}"),
    }
}

/// The packet at a hop: `10.0.0.10:443 → 203.0.113.10:49152-65535`.
pub fn packet_text(h: &Hop) -> String {
    format!(
        "{} → {}",
        endpoint(h.src, &h.src_port),
        endpoint(h.dst, &h.dst_port)
    )
}

/// The event list of the current flow.
#[component]
pub fn EventList() -> Html {
    let ctx = use_context::<TrafficContext>().expect("inside the traffic context");
    let Some(f) = ctx.current() else {
        return html! { <p class="events-empty muted">{ WORDS.empty }</p> };
    };
    let step = ctx.step();
    let last = f.steps() - 1;
    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowDown" => (step + 1).min(last),
                "ArrowUp" => step.saturating_sub(1),
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            ctx.seek(to);
            focus_row(to);
        })
    };
    html! {
        <table class="events" role="grid" aria-label={WORDS.caption} {onkeydown}>
            <thead>
                <tr>
                    <th scope="col" class="num">{ WORDS.step }</th>
                    <th scope="col">{ WORDS.component }</th>
                    <th scope="col">{ WORDS.direction }</th>
                    <th scope="col">{ WORDS.decision }</th>
                    <th scope="col">{ WORDS.rule }</th>
                    <th scope="col">{ WORDS.packet }</th>
                </tr>
            </thead>
            <tbody>
                { source_row(&ctx, f, step) }
                { for f.hops().iter().enumerate().map(|(i, h)| hop_row(&ctx, h, i + 1, step)) }
            </tbody>
        </table>
    }
}

/// Moves keyboard focus to the row of `step` once it is drawn.
fn focus_row(step: usize) {
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("event-{step}")))
        {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    })
    .forget();
}

fn row_events(
    ctx: &TrafficContext,
    step: usize,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let c = ctx.clone();
    let onclick = Callback::from(move |_| c.seek(step));
    let c = ctx.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            c.seek(step);
        }
    });
    (onclick, onkeydown)
}

fn source_row(ctx: &TrafficContext, f: &TracedFlow, step: usize) -> Html {
    let (onclick, onkeydown) = row_events(ctx, 0);
    let selected = step == 0;
    let packet = match &f.result {
        Ok(t) => {
            let port = t.flow.port.map_or(PortView::None, PortView::One);
            format!(
                "{} → {}",
                endpoint(t.flow.src, &t.flow.src_port),
                endpoint(t.flow.dst, &port)
            )
        }
        Err(_) => String::new(),
    };
    html! {
        <tr id="event-0" class={classes!("event", selected.then_some("selected"))}
            aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
            {onclick} {onkeydown}>
            <td class="num">{ "0" }</td>
            <td><span class="comp">{ &f.from_name }</span></td>
            <td>{ WORDS.forward }</td>
            <td><span class="decision ok">{ WORDS.sends }</span></td>
            <td></td>
            <td class="mono">{ packet }</td>
        </tr>
    }
}

fn hop_row(ctx: &TrafficContext, h: &Hop, step: usize, current: usize) -> Html {
    let (onclick, onkeydown) = row_events(ctx, step);
    let selected = step == current;
    let passed = step <= current;
    let (word, tone) = decision_word(h.decision);
    let dir = match h.direction {
        Direction::Forward => WORDS.forward,
        Direction::Return => WORDS.back,
    };
    let leg = (h.leg > 1).then(|| html! { <span class="leg">{ format!("leg {}", h.leg) }</span> });
    html! {
        <tr id={format!("event-{step}")}
            class={classes!("event", selected.then_some("selected"), (!passed).then_some("ahead"))}
            aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
            title={h.detail.clone()} {onclick} {onkeydown}>
            <td class="num">{ step }</td>
            <td>
                <span class="comp">{ &h.name }</span>
                <span class="kind">{ kind_word(h.kind) }</span>
                { leg.unwrap_or_default() }
            </td>
            <td>{ dir }</td>
            <td><span class={classes!("decision", tone)}>{ word }</span></td>
            <td class="mono">{ h.rule.clone().unwrap_or_default() }</td>
            <td class="mono">{ packet_text(h) }</td>
        </tr>
    }
}
