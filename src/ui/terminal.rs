//! The one-line console under the animation: type `telnet db 5432`, `curl https://web`,
//! `ping db` or `ssh bastion`; it runs from the part chosen in From, prints what the tool would
//! print (see [`crate::console`]) and sends the same flow so it animates on the canvas.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::flows::TrafficContext;
use super::state::AppContext;
use crate::console::{self, Line, Tone};
use crate::engine::flow::{find_node, Node};
use crate::engine::{trace, Network};

/// The words of the console panel (kept together for translation).
struct Words {
    label: &'static str,
    placeholder: &'static str,
    run: &'static str,
    output: &'static str,
    no_source: &'static str,
    hint: &'static str,
}

const WORDS: Words = Words {
    label: "Console",
    placeholder: "telnet db 5432 — runs from the part chosen in From",
    run: "Run",
    output: "Console output",
    no_source: "Choose the part to run from in From first.",
    hint: "Try telnet, curl, ping or ssh. Hosts by name or address.",
};

/// Most lines kept in the console.
const MAX_LINES: usize = 200;

/// Properties of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// Id of the part chosen in From (empty when none).
    pub from: AttrValue,
}

/// The console: an output log and a command line.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let ctx = use_context::<TrafficContext>().expect("inside the traffic context");
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
        let (lines, input, from) = (lines.clone(), input.clone(), props.from.clone());
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
            out.extend(run(&app, &ctx, &from, &text));
            let skip = out.len().saturating_sub(MAX_LINES);
            lines.set(out.split_off(skip));
            field.set_value("");
        })
    };
    html! {
        <div class="console">
            <label for="traffic-console" class="console-label">{ WORDS.label }</label>
            <div class="console-log" role="log" aria-label={WORDS.output} ref={log}>
                if lines.is_empty() {
                    <p class="console-line note">{ WORDS.hint }</p>
                }
                { for lines.iter().map(|l| html! {
                    <p class={classes!("console-line", tone_class(l.tone))}>{ &l.text }</p>
                }) }
            </div>
            <form class="console-form" {onsubmit}>
                <span class="prompt" aria-hidden="true">{ "$" }</span>
                <input id="traffic-console" ref={input} type="text" autocomplete="off"
                    spellcheck="false" placeholder={WORDS.placeholder} />
                <button type="submit" class="secondary">{ WORDS.run }</button>
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

/// Runs one console line from `from`: the tool's output, and the flow sent for animation.
fn run(app: &AppContext, ctx: &TrafficContext, from: &str, text: &str) -> Vec<Line> {
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
            text: WORDS.no_source.to_string(),
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
        ctx.send(spec);
    }
    lines
}
