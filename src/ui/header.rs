//! The title bar.

use yew::prelude::*;

/// The header bar with the app's name and what it is for.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="topbar">
            <svg class="logo" viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
                <rect x="1" y="1" width="30" height="30" rx="7" class="logo-bg" />
                <path d="M9 11h14M9 21h14M16 11v10" class="logo-line" />
                <circle cx="9" cy="11" r="3" class="logo-node" />
                <circle cx="23" cy="11" r="3" class="logo-node" />
                <circle cx="9" cy="21" r="3" class="logo-node" />
                <circle cx="23" cy="21" r="3" class="logo-node" />
            </svg>
            <h1>{ "VPC Playground" }</h1>
            <p class="tagline">{ "Build a network, send traffic, see where it stops." }</p>
        </header>
    }
}
