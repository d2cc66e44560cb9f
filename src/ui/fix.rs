//! The suggested fix under a verdict: the engine's sentence for the one change that lets the flow
//! go further, and a button that applies it as one undo step (the flow is then traced again like
//! after any edit).

use yew::prelude::*;

use super::guard::apply_checked;
use super::lang::{t, tf, use_lang, Lang};
use super::state::{Action, AppContext};
use crate::engine::fix::{apply, describe_en, describe_ko, Fix};

/// Props of [`FixOffer`].
#[derive(Properties, PartialEq)]
pub struct FixProps {
    /// The fix the engine suggests for the flow shown, if any.
    pub fix: Option<Fix>,
}

/// "Suggested fix: ..." with an "Apply fix" button; nothing when there is no fix.
#[component]
pub fn FixOffer(props: &FixProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let lang = use_lang();
    let Some(fix) = props.fix.clone() else {
        return html! {};
    };
    let sentence = match lang {
        Lang::Ko => describe_ko(&fix, &app.scenario),
        _ => describe_en(&fix, &app.scenario),
    };
    let onclick = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*app.scenario).clone();
            match apply(&fix, &mut next) {
                Ok(()) => {
                    apply_checked(&app, lang, next);
                }
                Err(e) => app.dispatch(Action::Notify(tf(lang, "Not applied. {}", &[&e]))),
            }
        })
    };
    html! {
        <p class="fix-offer" data-fix="suggested">
            <span class="fix-label">{ t(lang, "Suggested fix:") }</span>
            { " " }
            <span class="fix-sentence">{ sentence }</span>
            { " " }
            <button type="button" class="secondary fix-apply" {onclick}>{ t(lang, "Apply fix") }</button>
        </p>
    }
}
