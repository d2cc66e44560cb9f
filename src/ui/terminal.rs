//! The one-line console of the traffic panel: type `telnet db 5432`, `curl https://web`,
//! `ping db` or `ssh bastion`; it runs from the part chosen in From, prints what the tool would
//! print (see [`crate::console`]) and hands the same flow to the panel, which shows its hops.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::lang::{t, use_lang, Lang};
use super::state::AppContext;
use crate::console::{self, Line, Tone};
use crate::engine::flow::{find_node, Node};
use crate::engine::{trace, FlowSpec, Network};

/// Most lines kept in the console.
const MAX_LINES: usize = 200;

/// Properties of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The From select of the traffic panel: its value is the id of the part to run from.
    pub from: NodeRef,
    /// Gets the flow a command sent, when the engine could trace it.
    pub on_flow: Callback<FlowSpec>,
}

/// The console: an output log and a command line.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("inside the app state");
    let lines = use_state(Vec::<Line>::new);
    let input = use_node_ref();
    let log = use_node_ref();
    {
        let log = log.clone();
        use_effect_with(lines.len(), move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let onsubmit = {
        let (lines, input) = (lines.clone(), input.clone());
        let (from, on_flow) = (props.from.clone(), props.on_flow.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let text = field.value();
            let mut out = (*lines).clone();
            out.push(Line {
                text: format!("$ {}", text.trim()),
                tone: Tone::Note,
            });
            let from = from
                .cast::<web_sys::HtmlSelectElement>()
                .map(|x| x.value())
                .unwrap_or_default();
            out.extend(run(&app, &on_flow, &from, &text, lang));
            let skip = out.len().saturating_sub(MAX_LINES);
            lines.set(out.split_off(skip));
            field.set_value("");
        })
    };
    html! {
        <div class="console">
            <label for="traffic-console" class="console-label">{ t(lang, "Console") }</label>
            <div class="console-log" role="log" aria-label={t(lang, "Console output")} ref={log}>
                if lines.is_empty() {
                    <p class="console-line note">{ t(lang, "Try telnet, curl, ping or ssh. Hosts by name or address.") }</p>
                }
                { for lines.iter().map(|l| html! {
                    <p class={classes!("console-line", tone_class(l.tone))}>{ &l.text }</p>
                }) }
            </div>
            <form class="console-form" {onsubmit}>
                <span class="prompt" aria-hidden="true">{ "$" }</span>
                <input id="traffic-console" ref={input} type="text" autocomplete="off"
                    spellcheck="false" placeholder={t(lang, "telnet db 5432 — runs from the part chosen in From")} />
                <button type="submit" class="secondary">{ t(lang, "Run") }</button>
            </form>
        </div>
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Out => "out",
        Tone::Error => "error",
        Tone::Note => "note",
    }
}

/// Runs one console line from `from`: the tool's output; the flow goes to `on_flow`.
fn run(
    app: &AppContext,
    on_flow: &Callback<FlowSpec>,
    from: &str,
    text: &str,
    lang: Lang,
) -> Vec<Line> {
    let cmd = match console::parse(text) {
        Ok(c) => c,
        Err(e) => {
            return vec![Line {
                text: e.to_string(),
                tone: Tone::Error,
            }]
        }
    };
    if from.is_empty() {
        return vec![Line {
            text: t(lang, "Choose the part to run from in From first.").to_string(),
            tone: Tone::Error,
        }];
    }
    let scenario = &app.scenario;
    let net = Network::new(scenario);
    let spec = cmd.flow(from);
    let traced = trace(&net, &spec);
    let os = match find_node(&net, &cmd.host) {
        Some(Node::Instance(i)) => Some(scenario.instances[i].os),
        Some(Node::InternetHost(i)) => Some(scenario.internet_hosts[i].os),
        _ => None,
    };
    let lines = console::answer(&cmd, traced.as_ref(), console::reply_ttl(os));
    if traced.is_ok() {
        on_flow.emit(spec);
    }
    lines
}
