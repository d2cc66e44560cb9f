//! The canvas where the network is drawn.

use yew::prelude::*;

use super::packets::PacketLayer;

/// The drawing area: an SVG with a grid and, while it is empty, a hint on how to start.
#[component]
pub fn Canvas() -> Html {
    html! {
        <div class="canvas-wrap">
            <svg class="canvas" role="application" aria-label="Canvas"
                aria-describedby="canvas-hint">
                <defs>
                    <pattern id="grid-minor" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path d="M20 0H0V20" class="grid-minor" />
                    </pattern>
                    <pattern id="grid-major" width="100" height="100" patternUnits="userSpaceOnUse">
                        <rect width="100" height="100" fill="url(#grid-minor)" />
                        <path d="M100 0H0V100" class="grid-major" />
                    </pattern>
                </defs>
                <rect width="100%" height="100%" fill="url(#grid-major)" />
                <EmptyHint />
                <PacketLayer />
            </svg>
        </div>
    }
}

/// The empty-state hint, centred in the canvas.
#[component]
fn EmptyHint() -> Html {
    html! {
        <svg x="50%" y="50%" overflow="visible" class="empty-hint">
            <g transform="translate(-190 -78)">
                <rect width="380" height="156" rx="14" class="empty-frame" />
                <text x="190" y="62" class="empty-title" text-anchor="middle">
                    { "Your canvas is empty" }
                </text>
                <text id="canvas-hint" x="190" y="92" class="empty-text" text-anchor="middle">
                    { "Start with a VPC from the palette," }
                    <tspan x="190" dy="20">{ "then add subnets, instances and gateways." }</tspan>
                </text>
            </g>
        </svg>
    }
}
