//! The page layout: header on top, then palette | canvas | inspector with the traffic panel
//! under the canvas and inspector.

use yew::prelude::*;

use super::canvas::Canvas;
use super::flows::TrafficProvider;
use super::header::Header;
use super::inspector::Inspector;
use super::palette::Palette;
use super::state::{Action, AppContext, AppState};
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
    // A share link pasted into the address bar of an open page opens its scenario (the flows
    // being shown are traced again against it).
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    match super::startup::scenario_from_location() {
                        Ok(Some(s)) => state.dispatch(Action::Load(std::rc::Rc::new(s))),
                        Ok(None) => {}
                        Err(why) => {
                            gloo::console::warn!(format!("The link could not be opened: {why}"))
                        }
                    }
                });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<AppContext> context={state}>
        <TrafficProvider>
        <div class="shell">
            <Header />
            <main class="workspace">
                <Palette />
                <Canvas />
                <Inspector />
                <TrafficPanel />
            </main>
        </div>
        </TrafficProvider>
        </ContextProvider<AppContext>>
    }
}
