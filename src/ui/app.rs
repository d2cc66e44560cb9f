//! The page layout: header on top, then palette | canvas | inspector with the traffic panel
//! under the canvas and inspector.

use yew::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::inspector::Inspector;
use super::palette::Palette;
use super::state::{AppContext, AppState};
use super::traffic::TrafficPanel;

/// The whole app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| match super::startup::scenario_from_location() {
        Ok(Some(s)) => AppState::with_scenario(s),
        Ok(None) => AppState::default(),
        Err(why) => {
            gloo::console::warn!(format!("The link could not be opened: {why}"));
            AppState::default()
        }
    });
    html! {
        <ContextProvider<AppContext> context={state}>
        <div class="shell">
            <Header />
            <main class="workspace">
                <Palette />
                <Canvas />
                <Inspector />
                <TrafficPanel />
            </main>
        </div>
        </ContextProvider<AppContext>>
    }
}
