//! The layer of the canvas where packets travel (drawn above the parts).

use yew::prelude::*;

/// Packets in flight; drawn inside the canvas SVG, above the parts.
#[component]
pub fn PacketLayer() -> Html {
    html! { <g class="packets" aria-hidden="true"></g> }
}
