//! The traffic panel: pick two parts, a protocol and a port (or a preset), and send a packet.
//! The engine traces it forward and back; the panel shows the engine's verdict in words and,
//! on request, every hop with its decision, the rule that decided and the packet there.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::change_note::{self, use_note};
use super::fix::FixOffer;
use super::flow_list::{FlowList, FlowRow};
use super::lang::{t, tf, use_lang, Lang};
use super::packets::{clock, position, Play, PlayContext, Shown, ShownContext};
use super::reachability::Reachability;
use super::rule_checks::rule_checks;
use super::rule_focus::{RuleFocus, RuleFocusContext};
use super::state::Action;
use super::state::AppContext;
use super::terminal::Console;
use crate::engine::fix::{suggest, Fix};
use crate::engine::{trace, Direction, FlowSpec, Hop, Network, PortView, Verdict};
use crate::flows::PRESETS;
use crate::model::{Protocol, Scenario};
use crate::playback::Control;
use crate::traffic_state::{Line, Scene, Traffic, TrafficState, MAX_FLOWS};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Flows another part of the page (a share link) asks the panel to show, replacing the ones
/// shown; the panel takes them and sets this back to `None`.
pub type FlowRequestContext = UseStateHandle<Option<Rc<Vec<FlowSpec>>>>;

/// The parts a flow can start or end at, as (id, label) in the order the selects list them:
/// instances, databases and caches, load balancers, hosts on the internet.
pub fn endpoints(s: &Scenario) -> Vec<(String, String)> {
    let label = |name: &str, id: &str, ip: Option<String>| {
        let name = if name.is_empty() { id } else { name };
        match ip {
            Some(ip) => format!("{name} ({ip})"),
            None => name.to_string(),
        }
    };
    let first_ip = |ifs: &[crate::model::Interface]| ifs.first().map(|i| i.private_ip.to_string());
    let mut out: Vec<(String, String)> = Vec::new();
    out.extend(s.instances.iter().map(|x| {
        let l = label(&x.name, &x.id, first_ip(&x.interfaces));
        (x.id.clone(), l)
    }));
    out.extend(s.databases.iter().map(|x| {
        let l = label(&x.name, &x.id, first_ip(&x.interfaces));
        (x.id.clone(), l)
    }));
    out.extend(
        s.load_balancers
            .iter()
            .map(|x| (x.id.clone(), label(&x.name, &x.id, None))),
    );
    out.extend(s.internet_hosts.iter().map(|x| {
        let l = label(&x.name, &x.id, Some(x.ip.to_string()));
        (x.id.clone(), l)
    }));
    out.extend(s.on_prem_networks.iter().map(|x| {
        let l = label(&x.name, &x.id, x.host_address().map(|a| a.to_string()));
        (x.id.clone(), l)
    }));
    out
}

/// The verdict line: its text, whether the flow got through, and the hops of the trace.
#[derive(Clone)]
struct Said {
    text: String,
    /// The engine's Korean for `text`, when a flow was traced.
    text_ko: String,
    /// How the flow ended in a few words, in English and Korean, for the flow list.
    short: (String, String),
    tone: &'static str,
    hops: Vec<Hop>,
    /// What the canvas shows of the flow.
    shown: Option<Rc<Shown>>,
    /// The rule that stopped it, to show in the inspector.
    focus: Option<RuleFocus>,
    /// The engine's suggested fix for a flow that did not get through.
    fix: Option<Fix>,
}

impl Said {
    /// A verdict line with words only: no flow traced.
    fn note(text: impl Into<String>, tone: &'static str) -> Self {
        Said {
            text: text.into(),
            text_ko: String::new(),
            short: (String::new(), String::new()),
            tone,
            hops: Vec::new(),
            shown: None,
            focus: None,
            fix: None,
        }
    }
}

/// `address:port` as the packet shows it at a hop.
fn endpoint(ip: std::net::IpAddr, port: &PortView) -> String {
    match port {
        PortView::None => ip.to_string(),
        p if ip.is_ipv6() => format!("[{ip}]:{p}"),
        p => format!("{ip}:{p}"),
    }
}

/// One row of the hop list; its number shows the packet at that hop on the canvas.
fn hop_row(lang: Lang, i: usize, h: &Hop, current: bool, jump: Callback<usize>) -> Html {
    let (way, way_name) = match h.direction {
        Direction::Forward => ("→", t(lang, "forward")),
        Direction::Return => ("←", t(lang, "return")),
    };
    let bad = h.decision().stops();
    let onclick = Callback::from(move |_: MouseEvent| jump.emit(i + 1));
    html! {
        <tr class={classes!(bad.then_some("bad"), current.then_some("current"))}
            aria-current={current.then_some("step")}>
            <td><button type="button" class="hop-jump" {onclick}
                aria-label={tf(lang, "Show hop {} on the canvas", &[&(i + 1).to_string()])}>{ i + 1 }</button></td>
            <td><span aria-label={way_name} title={way_name}>{ way }</span></td>
            <td>{ crate::engine::explain::hop(h, lang).into_owned() }{ if current { rule_checks(lang, h) } else { Html::default() } }</td>
            <td>{ h.rule().map(|r| crate::engine::explain::rule_words(r, lang)).unwrap_or_default() }</td>
            <td class="packet">{ format!("{} → {}", endpoint(h.packet.src, &h.packet.src_port), endpoint(h.packet.dst, &h.packet.dst_port)) }</td>
        </tr>
    }
}

/// Speeds offered, as multiples of the normal pace, with their labels.
const SPEEDS: [(f64, &str); 5] = [
    (0.25, "¼×"),
    (0.5, "½×"),
    (1.0, "1×"),
    (2.0, "2×"),
    (4.0, "4×"),
];

thread_local! {
    /// Milliseconds the last trace took (network compile and trace).
    static TRACE_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Keeps what `book` shows for the page's next start.
fn remember(book: &TrafficState) {
    super::storage::save_flows(&book.all());
}

/// An earlier flow traced again: its drawing (when it could be traced) and its verdict.
#[derive(Clone, PartialEq)]
struct Drawn {
    spec: FlowSpec,
    colour: usize,
    shown: Option<Rc<Shown>>,
    /// How it ended in a few words (or why it could not be traced), in English and Korean.
    short: (String, String),
    ok: bool,
}

/// The engine's verdict of a trace in a few words, in English and Korean.
fn short_words(t: &crate::engine::Trace) -> (String, String) {
    (
        crate::flows::short_verdict(t, Lang::En),
        crate::flows::short_verdict(t, Lang::Ko),
    )
}

/// `flows` traced in `s`: what the canvas draws of each and how each ended.
fn trace_all(s: &Scenario, flows: &[(FlowSpec, usize)]) -> Vec<Drawn> {
    if flows.is_empty() {
        return Vec::new();
    }
    let net = Network::new(s);
    flows
        .iter()
        .map(|(spec, colour)| {
            // Earlier flows are only drawn and listed: no hop list and no fix to work out.
            let (spec, colour) = (spec.clone(), *colour);
            match trace(&net, &spec) {
                Ok(t) => Drawn {
                    shown: Some(Rc::new(Shown::new(
                        s,
                        &spec,
                        &t.hops,
                        t.verdict != Verdict::Established,
                        (SERIAL.fetch_add(1, Ordering::Relaxed), colour),
                    ))),
                    short: short_words(&t),
                    ok: t.verdict == Verdict::Established,
                    spec,
                    colour,
                },
                Err(e) => Drawn {
                    shown: None,
                    short: (e.to_string(), e.ko()),
                    ok: false,
                    spec,
                    colour,
                },
            }
        })
        .collect()
}

/// The verdict line when a part of the current flow is no longer on the canvas.
fn gone_note(lang: Lang, id: &str) -> Said {
    let short = |lang: Lang| tf(lang, "{} is not on the canvas", &[id]);
    Said {
        short: (short(Lang::En), short(Lang::Ko)),
        ..Said::note(
            tf(
                lang,
                "{} is no longer on the canvas: put it back (or Undo) to trace the flow again.",
                &[id],
            ),
            "",
        )
    }
}

/// Sets From, To, Protocol and Port to flow `spec` (one sent from the console, a link or the
/// flow list too) and returns the ids of its parts, when From and To can name them.
fn show_in_fields(
    s: &Scenario,
    spec: &FlowSpec,
    (from, to, protocol, port, v6): &(NodeRef, NodeRef, NodeRef, NodeRef, NodeRef),
) -> Option<(String, String)> {
    let parts = endpoints(s);
    let pick = |x: &str| {
        parts
            .iter()
            .find(|(id, label)| id == x || label == x || label.starts_with(&format!("{x} (")))
            .map(|(id, _)| id.clone())
    };
    let (a, b) = (pick(&spec.from)?, pick(&spec.to)?);
    for (select, id) in [(from, &a), (to, &b)] {
        if let Some(x) = select.cast::<HtmlSelectElement>() {
            x.set_value(id);
        }
    }
    if let Some(x) = protocol.cast::<HtmlSelectElement>() {
        x.set_value(&spec.protocol.to_string());
    }
    if let Some(x) = port.cast::<HtmlInputElement>() {
        x.set_value(&spec.port.map(|p| p.to_string()).unwrap_or_default());
    }
    if let Some(x) = v6.cast::<HtmlInputElement>() {
        x.set_checked(spec.is_ipv6());
    }
    Some((a, b))
}

/// The flow list's rows, newest first: the current flow, then the earlier ones.
fn rows(
    s: &Scenario,
    said: &Said,
    last: Option<&(FlowSpec, usize)>,
    earlier: &[Drawn],
) -> Vec<FlowRow> {
    let row =
        |spec: &FlowSpec, colour: usize, short: &(String, String), ok: bool, current: bool| {
            FlowRow {
                spec: spec.clone(),
                colour,
                name: crate::flows::flow_name(s, spec),
                verdict: short.clone(),
                ok,
                current,
            }
        };
    last.iter()
        .map(|(spec, colour)| row(spec, *colour, &said.short, said.tone == "ok", true))
        .chain(
            earlier
                .iter()
                .rev()
                .map(|d| row(&d.spec, d.colour, &d.short, d.ok, false)),
        )
        .collect()
}

/// Numbers the flows shown, so each one's animation starts over.
static SERIAL: AtomicU32 = AtomicU32::new(0);

/// Traces `spec` in `s` and says how it ended, as the engine words it.
fn send(s: &Scenario, spec: &FlowSpec, colour: usize) -> Said {
    let started = clock();
    let traced = trace(&Network::new(s), spec);
    // How long the engine took, for the figures (`data-trace-ms` on the panel).
    TRACE_MS.with(|t| t.set(clock() - started));
    said_of(s, traced, spec, colour)
}

/// The verdict line and canvas drawing of flow `spec` (drawn in `colour`) traced in `s`.
fn said_of(
    s: &Scenario,
    traced: Result<crate::engine::Trace, crate::engine::FlowError>,
    spec: &FlowSpec,
    colour: usize,
) -> Said {
    match traced {
        Ok(t) => Said {
            fix: suggest(s, spec, &t),
            tone: if t.verdict == Verdict::Established {
                "ok"
            } else {
                "bad"
            },
            shown: Some(Rc::new(Shown::new(
                s,
                spec,
                &t.hops,
                t.verdict != Verdict::Established,
                (SERIAL.fetch_add(1, Ordering::Relaxed), colour),
            ))),
            focus: match t.verdict {
                Verdict::Established => None,
                _ => t.deciding_hop().and_then(|h| RuleFocus::of(h, 0)),
            },
            short: short_words(&t),
            text_ko: crate::engine::explain::ko::summary(&t),
            text: t.summary,
            hops: t.hops,
        },
        Err(e) => Said {
            text_ko: e.ko(),
            short: (e.to_string(), e.ko()),
            ..Said::note(e.to_string(), "bad")
        },
    }
}

/// The panel under the canvas.
#[component]
pub fn TrafficPanel() -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let lang = use_lang();
    // Empty until something is sent: the line then invites to send (in the current language).
    let said = use_state(|| Said::note("", ""));
    let (from, to, protocol, port, v6) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    // The flows shown: the current one, the earlier ones in their colours, a link's list.
    let book = use_mut_ref(TrafficState::default);
    // Redraws the panel after an action that changes only the book.
    let redraw = use_force_update();
    // The earlier flows as traced in the scenario on the canvas: traced again only when the
    // scenario, the earlier flows or the language change (the Korean words of a trace need the
    // catalog that choosing Korean fetches).
    let others: Rc<Vec<Drawn>> = use_memo(
        (app.scenario.clone(), book.borrow().earlier().to_vec(), lang),
        |(s, earlier, _)| trace_all(s, earlier),
    );
    {
        // The canvas animates the flows.
        let shown = use_context::<ShownContext>().expect("shown-flow context");
        let play = use_context::<PlayContext>().expect("play context");
        use_effect_with(
            (others.clone(), said.shown.clone()),
            move |(others, flow)| {
                let all: Vec<Rc<Shown>> = others
                    .iter()
                    .filter_map(|d| d.shown.clone())
                    .chain(flow.clone())
                    .collect();
                if *shown != all {
                    shown.set(all);
                    play.set(Play::running(0, play.speed, clock()));
                }
            },
        );
    }
    // Counts the scenarios opened in place of the one before (a template, an import, a link, a
    // lesson, or the undo of one): the console starts over with each.
    let scene = use_state(|| 0u32);
    let seen = use_mut_ref(Vec::<String>::new);
    // The parts chosen in From and To, kept across edits (an undo redraws the options).
    let chosen = use_state(|| (String::new(), String::new()));
    // Does `action` to the flows (see `TrafficState::apply`) and shows what it says.
    let act = {
        let (said, book, chosen, redraw) =
            (said.clone(), book.clone(), chosen.clone(), redraw.clone());
        let fields = (
            from.clone(),
            to.clone(),
            protocol.clone(),
            port.clone(),
            v6.clone(),
        );
        let notify = app.clone();
        Rc::new(move |s: &Scenario, action: Traffic| {
            let update = book.borrow_mut().apply(action);
            if update.trimmed {
                notify.dispatch(Action::Notify(tf(
                    lang,
                    "The canvas shows the last {} flows: the oldest one was cleared.",
                    &[&MAX_FLOWS.to_string()],
                )));
            }
            match update.line {
                Line::Same => {}
                Line::Blank => said.set(Said::note("", "")),
                Line::Trace(spec, colour) => {
                    if update.sent {
                        if let Some(ids) = show_in_fields(s, &spec, &fields) {
                            chosen.set(ids);
                        }
                    }
                    said.set(send(s, &spec, colour));
                }
                Line::Gone(id) => said.set(gone_note(lang, &id)),
            }
            if update.changed {
                remember(&book.borrow());
            }
            if update.earlier_changed {
                redraw.force_update();
            }
        })
    };
    {
        let (scene, seen, chosen, act) = (scene.clone(), seen.clone(), chosen.clone(), act.clone());
        // A change of language traces the current flow again, as an edit would: its Korean words
        // need the catalog that choosing Korean fetches.
        use_effect_with((app.scenario.clone(), lang), move |(s, _)| {
            let opened = super::view::take_opened();
            let now: Vec<String> = endpoints(s).into_iter().map(|(id, _)| id).collect();
            let switched = super::view::replaced(&seen.borrow(), &now);
            *seen.borrow_mut() = now.clone();
            let in_scenario = |x: &str| crate::flows::find_part(s, x).is_some();
            let on_canvas = |x: &str| now.iter().any(|id| id == x);
            let (scene_change, has): (Scene, &dyn Fn(&str) -> bool) = if switched {
                // The console starts over, and the form's choices with it.
                scene.set(*scene + 1);
                chosen.set((String::new(), String::new()));
                (Scene::Switched, &on_canvas)
            } else if opened {
                (Scene::Opened, &in_scenario)
            } else {
                (Scene::Edited, &on_canvas)
            };
            act(
                s,
                Traffic::Scenario {
                    scene: scene_change,
                    has,
                },
            );
        });
    }
    {
        // Flows a share link asked for: they replace what is shown, the last one current (a flow
        // given again at the end, as an embed's `flow=` gives it, is opened again).
        let requested = use_context::<FlowRequestContext>();
        let (act, s) = (act.clone(), app.scenario.clone());
        let asked = requested.as_ref().and_then(|r| (**r).clone());
        use_effect_with(asked, move |asked| {
            if let (Some(flows), Some(requested)) = (asked, requested) {
                act(&s, Traffic::Show(flows.to_vec()));
                requested.set(None);
            }
        });
    }
    // A host page asks an embed for flow `n` of its link.
    super::host::use_show_flow({
        let (act, s, book) = (act.clone(), app.scenario.clone(), book.clone());
        Callback::from(move |n: usize| {
            let spec = book.borrow().listed(n).cloned();
            if let Some(spec) = spec {
                act(&s, Traffic::Send(spec));
            }
        })
    });
    let on = |action: fn() -> Traffic<'static>| {
        let (act, s) = (act.clone(), app.scenario.clone());
        Callback::from(move |_: MouseEvent| act(&s, action()))
    };
    let clear = on(|| Traffic::ClearEarlier);
    let replay = on(|| Traffic::Replay);
    let on_remove = {
        let (act, s) = (act.clone(), app.scenario.clone());
        Callback::from(move |spec: FlowSpec| act(&s, Traffic::Remove(spec)))
    };
    let on_clear = {
        let (act, s) = (act.clone(), app.scenario.clone());
        Callback::from(move |()| act(&s, Traffic::Clear))
    };
    let on_flow = {
        let (act, s) = (act.clone(), app.scenario.clone());
        Callback::from(move |spec: FlowSpec| act(&s, Traffic::Send(spec)))
    };
    // What the last edit opened or closed.
    let note = use_note();
    let parts = endpoints(&app.scenario);
    let onsubmit = {
        let (said, s, act) = (said.clone(), app.scenario.clone(), act.clone());
        let (from, to, protocol, port) = (from.clone(), to.clone(), protocol.clone(), port.clone());
        let v6 = v6.clone();
        let enough = parts.len() >= 2;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !enough {
                said.set(Said::note(
                    t(
                        lang,
                        "Nothing to send between yet: add at least two parts to the canvas first.",
                    ),
                    "",
                ));
                return;
            }
            let value = |r: &NodeRef| {
                r.cast::<HtmlSelectElement>()
                    .map(|x| x.value())
                    .unwrap_or_default()
            };
            let proto: Protocol = value(&protocol).parse().unwrap_or(Protocol::Tcp);
            let port_text = port
                .cast::<HtmlInputElement>()
                .map(|x| x.value())
                .unwrap_or_default();
            let port_text = if port_text.trim().is_empty() {
                "443".to_string()
            } else {
                port_text
            };
            let port = match proto {
                p if p.is_icmp() => None,
                _ => match port_text.trim().parse::<u16>() {
                    Ok(p) if p > 0 => Some(p),
                    _ => {
                        said.set(Said::note(t(lang, "Type a port from 1 to 65535."), "bad"));
                        return;
                    }
                },
            };
            let spec = FlowSpec {
                from: value(&from),
                to: value(&to),
                protocol: proto,
                port,
                src_port: None,
                ipv6: v6.cast::<HtmlInputElement>().is_some_and(|x| x.checked()),
            };
            act(&s, Traffic::Send(spec));
        })
    };
    let on_preset = {
        let (protocol, port) = (protocol.clone(), port.clone());
        Callback::from(move |e: Event| {
            let pick = e.target_unchecked_into::<HtmlSelectElement>();
            if let Some((_, proto, number)) = PRESETS.iter().find(|p| p.0 == pick.value()) {
                if let Some(x) = protocol.cast::<HtmlSelectElement>() {
                    x.set_value(proto);
                }
                if let Some(x) = port.cast::<HtmlInputElement>() {
                    x.set_value(number);
                }
            }
            pick.set_value("");
        })
    };
    let play = use_context::<PlayContext>().expect("play context");
    let last_point = said.hops.len();
    // Every control works from wherever the packet is: playing, paused, or at the end.
    let control = |c: Control| {
        let (play, flow) = (play.clone(), said.shown.clone());
        Callback::from(move |_: ()| {
            let now = clock();
            let at = flow.as_ref().map_or(play.at, |f| position(&play, f, now));
            play.set(play.after(c, at, last_point, now));
        })
    };
    let toggle_pause = control(Control::Toggle);
    let step_back = control(Control::StepBack);
    let step_forward = control(Control::StepForward);
    let to_start = control(Control::ToStart);
    let to_end = control(Control::ToEnd);
    let jump = {
        let play = play.clone();
        Callback::from(move |k: usize| {
            let now = clock();
            play.set(play.after(Control::Jump(k), k, last_point, now))
        })
    };
    {
        // Keyboard: K plays or pauses, comma and full stop step, Home and End go to the ends
        // (as video players do), unless a field has the focus.
        let keys = (
            toggle_pause.clone(),
            step_back.clone(),
            step_forward.clone(),
            to_start.clone(),
            to_end.clone(),
        );
        let handler = use_mut_ref(|| None::<Callback<KeyboardEvent>>);
        let has_flow = said.shown.is_some();
        *handler.borrow_mut() = Some(Callback::from(move |e: KeyboardEvent| {
            let typing = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                        || el.closest("[role=application]").ok().flatten().is_some()
                });
            if !has_flow || typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let act = match e.key().as_str() {
                "k" | "K" => &keys.0,
                "," => &keys.1,
                "." => &keys.2,
                "Home" => &keys.3,
                "End" => &keys.4,
                _ => return,
            };
            e.prevent_default();
            act.emit(());
        }));
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    if let (Some(h), Some(e)) =
                        (handler.borrow().as_ref(), e.dyn_ref::<KeyboardEvent>())
                    {
                        h.emit(e.clone());
                    }
                },
            );
            move || drop(listener)
        });
    }
    let click = |c: &Callback<()>| {
        let c = c.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let on_speed = {
        let (play, flow) = (play.clone(), said.shown.clone());
        Callback::from(move |e: Event| {
            let pick = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((x, _)) = SPEEDS.iter().find(|(_, label)| *label == pick) {
                let now = clock();
                let at = flow.as_ref().map_or(play.at, |f| position(&play, f, now));
                play.set(play.after(Control::Speed(*x), at, last_point, now));
            }
        })
    };
    let rule_focus = use_context::<RuleFocusContext>();
    let show_rule = said.focus.clone().map(|f| {
        let (app, focus) = (app.clone(), rule_focus.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(focus) = &focus else { return };
            let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
            let part = f.part.clone();
            focus.set(Some(Rc::new(RuleFocus {
                serial,
                ..f.clone()
            })));
            app.dispatch(Action::Select(vec![part]));
            // Once the inspector has drawn it, bring the rule's row into view.
            gloo::timers::callback::Timeout::new(60, || {
                let doc = gloo::utils::document();
                let find = |q: &str| doc.query_selector(q).ok().flatten();
                if let Some(el) = find(".inspector table.rules tr.focused")
                    .or_else(|| find(".inspector table.rules"))
                {
                    el.scroll_into_view_with_bool(false);
                }
                // Only down to the rule: keep the inspector's left edge where it was.
                if let Some(panel) = find(".inspector") {
                    panel.set_scroll_left(0);
                }
            })
            .forget();
        })
    });
    let player = if said.shown.is_some() {
        html! {
            <div class="player" role="group" aria-label={t(lang, "Animation")}>
                <button type="button" class="secondary" onclick={click(&to_start)}
                    aria-label={t(lang, "Go to start")} title={t(lang, "Go to start (Home)")}>
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M3 3h2v10H3zM13 3v10L6 8z" /></svg>
                </button>
                <button type="button" class="secondary" onclick={click(&step_back)}
                    aria-label={t(lang, "Step back")} title={t(lang, "Step back (,)")}>{ "◀" }</button>
                <button type="button" class="secondary" onclick={click(&toggle_pause)}
                    title={t(lang, "Play or pause (K)")}>
                    { if play.paused { t(lang, "Play") } else { t(lang, "Pause") } }
                </button>
                <button type="button" class="secondary" onclick={click(&step_forward)}
                    aria-label={t(lang, "Step forward")} title={t(lang, "Step forward (.)")}>{ "▶" }</button>
                <button type="button" class="secondary" onclick={click(&to_end)}
                    aria-label={t(lang, "Go to end")} title={t(lang, "Go to end (End)")}>
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M11 3h2v10h-2zM3 3v10l7-5z" /></svg>
                </button>
                <button type="button" class="secondary" onclick={replay}>{ t(lang, "Replay") }</button>
                if !others.is_empty() {
                    <button type="button" class="secondary" onclick={clear.clone()}
                        title={t(lang, "Keep only the current flow on the canvas")}>
                        { tf(lang, "Clear {} earlier", &[&others.len().to_string()]) }
                    </button>
                }
                if let Some(onclick) = show_rule.clone() {
                    <button type="button" class="secondary" {onclick}>{ t(lang, "Show the rule") }</button>
                }
                <label class="speed">{ t(lang, "Speed") }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().map(|(x, label)| html! {
                            <option value={*label} selected={*x == play.speed}>{ *label }</option>
                        }) }
                    </select>
                </label>
            </div>
        }
    } else {
        Html::default()
    };
    let current = play.paused.then_some(play.at).filter(|&k| k > 0);
    // The hop the packet is held at stays in view in the hop list.
    use_effect_with(current, |current| {
        if current.is_some() {
            let find = |q: &str| {
                gloo::utils::document()
                    .query_selector(q)
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            };
            if let (Some(list), Some(row)) = (find(".hops-scroll"), find(".hops tr.current")) {
                let (top, bottom) = (row.offset_top(), row.offset_top() + row.offset_height());
                let (from, to) = (list.scroll_top(), list.scroll_top() + list.client_height());
                if top < from || bottom > to {
                    list.set_scroll_top(top - list.client_height() / 2);
                }
            }
        }
    });
    let hops = if said.hops.is_empty() {
        Html::default()
    } else {
        html! {
            <details class="hops">
                <summary>{ tf(lang, "Every hop ({})", &[&said.hops.len().to_string()]) }</summary>
                <div class="hops-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{ "#" }</th><th scope="col">{ t(lang, "Way") }</th>
                            <th scope="col">{ t(lang, "What happened") }</th><th scope="col">{ t(lang, "Rule") }</th>
                            <th scope="col">{ t(lang, "Packet there") }</th>
                        </tr></thead>
                        <tbody>{ for said.hops.iter().enumerate().map(|(i, h)| {
                            hop_row(lang, i, h, current == Some(i + 1), jump.clone())
                        }) }</tbody>
                    </table>
                </div>
            </details>
        }
    };
    // The matrix is computed only while its section is open.
    let reach_open = use_state(|| false);
    let on_reach_toggle = {
        let reach_open = reach_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            reach_open.set(open);
        })
    };
    let on_pick = |to: bool| {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            let (mut from, mut dest) = (*chosen).clone();
            if to {
                dest = id;
            } else {
                from = id;
            }
            chosen.set((from, dest));
        })
    };
    let options = |pick: &str, default: usize| -> Html {
        if parts.is_empty() {
            return html! { <option value="">{ t(lang, "No parts yet") }</option> };
        }
        let selected = parts
            .iter()
            .position(|(id, _)| id == pick)
            .unwrap_or(default);
        parts
            .iter()
            .enumerate()
            .map(|(i, (id, label))| {
                html! { <option value={id.clone()} selected={i == selected}>{ label }</option> }
            })
            .collect()
    };
    html! {
        <section class="traffic panel" aria-labelledby="traffic-heading"
            data-trace-ms={super::path::fixed(TRACE_MS.with(|t| t.get()), 2)}>
            <h2 id="traffic-heading" class="panel-heading">{ t(lang, "Traffic") }</h2>
            <form class="traffic-form" {onsubmit}>
                <div class="field">
                    <label for="traffic-from">{ t(lang, "From") }</label>
                    <select id="traffic-from" name="from" ref={from.clone()} onchange={on_pick(false)}>
                        { options(&chosen.0, 0) }
                    </select>
                </div>
                <div class="field">
                    <label for="traffic-to">{ t(lang, "To") }</label>
                    <select id="traffic-to" name="to" ref={to} onchange={on_pick(true)}>
                        { options(&chosen.1, 1) }
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="traffic-protocol">{ t(lang, "Protocol") }</label>
                    <select id="traffic-protocol" name="protocol" ref={protocol}>
                        <option value="tcp" selected=true>{ "TCP" }</option>
                        <option value="udp">{ "UDP" }</option>
                        <option value="icmp">{ "ICMP" }</option>
                        <option value="icmpv6">{ "ICMPv6" }</option>
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="traffic-preset">{ t(lang, "Preset") }</label>
                    <select id="traffic-preset" name="preset" onchange={on_preset}>
                        <option value="" selected=true>{ t(lang, "Pick…") }</option>
                        { for PRESETS.iter().map(|p| html! { <option value={p.0}>{ p.0 }</option> }) }
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="traffic-port">{ t(lang, "Port") }</label>
                    <input id="traffic-port" name="port" type="number" min="1" max="65535"
                        placeholder="443" inputmode="numeric" ref={port} />
                </div>
                <label class="v6-toggle" title={t(lang, "Send over the endpoints' IPv6 addresses")}>
                    <input type="checkbox" id="traffic-ipv6" name="ipv6" ref={v6} />{ "IPv6" }
                </label>
                <button type="submit" class="primary">{ t(lang, "Send") }</button>
            </form>
            <div class="verdict-row">
                <p class={classes!("verdict", said.tone)} role="status" aria-live="polite">{
                    if said.text.is_empty() && said.tone.is_empty() {
                        t(lang, "Choose a source and a destination, then press Send.")
                    } else if lang == Lang::Ko && !said.text_ko.is_empty() {
                        &said.text_ko
                    } else {
                        &said.text
                    }
                }</p>
                { player }
            </div>
            <FixOffer fix={said.fix.clone()} />
            { change_note::by_canvas(change_note::note(note, on_flow.clone(), lang)) }
            { hops }
            <FlowList rows={Rc::new(rows(&app.scenario, &said, book.borrow().current(), &others))}
                full={book.borrow().full()} max={MAX_FLOWS}
                on_open={on_flow.clone()} {on_remove} {on_clear} />
            <Console key={*scene} from={from.clone()} on_flow={on_flow.clone()} />
            <details class="reach" ontoggle={on_reach_toggle}>
                <summary>{ t(lang, "Who reaches whom") }</summary>
                if *reach_open { <Reachability on_flow={on_flow.clone()} /> }
            </details>
        </section>
    }
}
