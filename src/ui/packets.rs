//! The layer of the canvas drawn above the parts: the part where the last flow sent from the
//! traffic panel was stopped, outlined with a drop marker.

use yew::prelude::*;

use super::state::AppContext;
use crate::engine::{Hop, Kind};
use crate::layout::NODE_SIZE;
use crate::model::Scenario;

/// The part where the flow shown in the traffic panel was stopped (`None` when it got through or
/// nothing was sent). Set by the traffic panel, drawn by [`PacketLayer`].
pub type StoppedAt = UseStateHandle<Option<String>>;

/// The canvas part a hop happened at: the component itself when it is a part (instance,
/// database, load balancer, gateway, internet host, or the owner of an interface), else the part
/// the engine says the decision was made at (the subnet of a network ACL or route table, the
/// instance of a security group).
pub fn hop_part(s: &Scenario, hop: &Hop) -> Option<String> {
    let id = hop.component.as_str();
    let own = match hop.kind {
        Kind::InternetHost => s
            .internet_hosts
            .iter()
            .find(|h| h.id == id || h.ip.to_string() == id)
            .map(|h| h.id.clone()),
        Kind::NetworkInterface => s
            .instances
            .iter()
            .find(|x| x.interfaces.iter().any(|i| i.id == id))
            .map(|x| x.id.clone()),
        Kind::SecurityGroup | Kind::NetworkAcl | Kind::RouteTable | Kind::Vpc => None,
        _ => Some(id.to_string()),
    };
    own.filter(|p| s.layout.contains_key(p))
        .or_else(|| hop.site.as_ref().map(|site| site.part.clone()))
        .filter(|p| s.layout.contains_key(p))
}

/// Drawn inside the canvas SVG, above the parts.
#[component]
pub fn PacketLayer() -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let stopped = use_context::<StoppedAt>().expect("stopped-at context");
    let outline = stopped
        .as_ref()
        .and_then(|id| app.scenario.layout.get(id))
        .map(|r| {
            let (w, h) = if r.w > 0.0 && r.h > 0.0 {
                (r.w, r.h)
            } else {
                (NODE_SIZE, NODE_SIZE)
            };
            const PAD: f64 = 6.0;
            html! {
                <g class="stopped">
                    <rect class="stopped-outline" x={(r.x - PAD).to_string()} y={(r.y - PAD).to_string()}
                        width={(w + 2.0 * PAD).to_string()} height={(h + 2.0 * PAD).to_string()} rx="10" />
                    <g transform={format!("translate({} {})", r.x + w + PAD, r.y - PAD)}>
                        <circle r="10" />
                        <path d="M-4 -4L4 4M4 -4L-4 4" />
                    </g>
                </g>
            }
        });
    html! { <g class="packets" aria-hidden="true">{ for outline }</g> }
}
