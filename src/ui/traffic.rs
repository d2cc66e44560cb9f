//! The traffic panel: pick two endpoints, a protocol and a port, and send a packet.

use yew::prelude::*;

/// What the verdict line says before anything was sent.
pub const IDLE_VERDICT: &str = "Choose a source and a destination, then press Send.";

/// What the verdict line says when Send is pressed on an empty canvas.
pub const EMPTY_VERDICT: &str =
    "Nothing to send between yet: add at least two parts to the canvas first.";

/// The panel under the canvas. Until the engine is wired in, Send only explains what is missing.
#[component]
pub fn TrafficPanel() -> Html {
    let verdict = use_state(|| IDLE_VERDICT);
    let onsubmit = {
        let verdict = verdict.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            verdict.set(EMPTY_VERDICT);
        })
    };
    html! {
        <section class="traffic panel" aria-labelledby="traffic-heading">
            <h2 id="traffic-heading" class="panel-heading">{ "Traffic" }</h2>
            <form class="traffic-form" {onsubmit}>
                <div class="field">
                    <label for="traffic-from">{ "From" }</label>
                    <select id="traffic-from" name="from">
                        <option value="">{ "No parts yet" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="traffic-to">{ "To" }</label>
                    <select id="traffic-to" name="to">
                        <option value="">{ "No parts yet" }</option>
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="traffic-protocol">{ "Protocol" }</label>
                    <select id="traffic-protocol" name="protocol">
                        <option value="tcp" selected=true>{ "TCP" }</option>
                        <option value="udp">{ "UDP" }</option>
                        <option value="icmp">{ "ICMP" }</option>
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="traffic-port">{ "Port" }</label>
                    <input id="traffic-port" name="port" type="number" min="1" max="65535"
                        placeholder="443" inputmode="numeric" />
                </div>
                <button type="submit" class="primary">{ "Send" }</button>
            </form>
            <p class="verdict" role="status" aria-live="polite">{ *verdict }</p>
        </section>
    }
}
