//! The embedded view (`embed=1` in a share link): a read-only canvas and the traffic panel,
//! sized to the iframe, with a link that opens the same scenario in the full playground.

use yew::prelude::*;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;

use super::canvas::{fit_view, Canvas};
use super::lang::{t, use_lang};
use super::packets::ShownContext;
use super::share::{link_to, shown_flows};
use super::state::AppContext;
use super::traffic::TrafficPanel;
use super::view::ViewContext;

/// The read-only view for iframes: no palette, no inspector, no editing.
#[component]
pub fn EmbedView() -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let traffic = use_context::<ShownContext>().expect("shown-flow context");
    let view = use_context::<ViewContext>().expect("view context");
    let full = link_to(&app.scenario, &shown_flows(&traffic), false);
    {
        // Show the whole scenario once the frame has its final size, and again when it changes
        // (a host page's layout often settles after the app starts) and after each flow sent
        // (the traffic panel's height changes with it).
        let (view, s) = (view.clone(), app.scenario.clone());
        use_effect_with(traffic.len(), move |_| {
            let fit = move || view.set(fit_view(&s));
            // Once after the layout, and again once the traffic panel has taken its room.
            let soon = Timeout::new(60, fit.clone());
            let later = Timeout::new(400, fit.clone());
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| fit());
            move || drop((soon, later, resize))
        });
    }
    // `view=canvas`: the diagram alone (its flows still drawn and played).
    let canvas_only = *use_memo((), |_| {
        super::startup::fragment_param(&super::startup::location_hash(), "view") == Some("canvas")
    });
    let name = if app.scenario.name.is_empty() {
        t(lang, "Untitled scenario").to_string()
    } else {
        app.scenario.name.clone()
    };
    html! {
        <div class={classes!("embed-shell", canvas_only.then_some("canvas-only"))}>
            <header class="embed-bar">
                <svg class="logo" viewBox="0 0 32 32" width="18" height="18" aria-hidden="true">
                    <rect x="1" y="1" width="30" height="30" rx="7" class="logo-bg" />
                    <path d="M9 11h14M9 21h14M16 11v10" class="logo-line" />
                </svg>
                <span class="embed-title" title={name.clone()}>{ name }</span>
                <span class="embed-badge">{ t(lang, "Read-only") }</span>
                <a class="embed-open" href={full} target="_blank" rel="noopener">
                    { t(lang, "Open in playground ↗") }
                </a>
            </header>
            <main class="workspace embed-workspace">
                <Canvas readonly=true />
                <TrafficPanel />
            </main>
        </div>
    }
}
