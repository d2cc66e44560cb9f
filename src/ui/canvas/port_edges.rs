//! The canvas's "Open ports" lines: the helper worker draws them as SVG with the latest
//! analysis, where the scenario it was given places the parts
//! ([`crate::analysis::view::edges`]); they are left out while parts are being dragged and
//! come back where the parts were dropped. Only this component follows the analyses, so the
//! canvas itself is not drawn again when one comes back.

use yew::prelude::*;

use crate::ui::analysis::AnalysisContext;

/// Properties of [`PortLines`].
#[derive(Properties, PartialEq)]
pub struct PortLinesProps {
    /// Whether parts are being moved or resized.
    pub moving: bool,
}

/// The open-port lines of the latest analysis.
#[component]
pub fn PortLines(props: &PortLinesProps) -> Html {
    let analyses = use_context::<AnalysisContext>();
    let holder = use_node_ref();
    let svg = (analyses.as_ref())
        .and_then(|a| a.latest.as_ref())
        .map(|(_, r)| r.edges.clone())
        .filter(|_| !props.moving)
        .unwrap_or_default();
    {
        let holder = holder.clone();
        use_effect_with(svg, move |svg| {
            if let Some(el) = holder.cast::<web_sys::Element>() {
                el.set_inner_html(svg);
            }
        });
    }
    html! { <g class="port-edges" aria-hidden="true" ref={holder}></g> }
}
