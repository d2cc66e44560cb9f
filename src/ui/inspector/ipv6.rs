//! The IPv6 field of the VPC, subnet and interface editors: the blocks or addresses the part has,
//! each with a remove button, and a button that adds the next free one (see
//! [`crate::edit::ipv6`]).

use yew::prelude::*;

use super::super::lang::{tf, Lang};
use super::super::state::{Action, AppContext};
use super::field::commit_checked;
use crate::edit::Refusal;
use crate::model::Scenario;

/// Applies `f` to a copy of the scenario for part `id`: the result when it adds no errors, else
/// the refusal's reason on the status line. (A plain function, so the edits are not copied into
/// each button's handler.)
pub fn edit(
    app: &AppContext,
    lang: Lang,
    id: String,
    f: fn(&mut Scenario, &str) -> Result<(), Refusal>,
) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_: MouseEvent| {
        let mut n = (*app.scenario).clone();
        match f(&mut n, &id) {
            Ok(_) => {
                commit_checked(&app, lang, n);
            }
            Err(why) => app.dispatch(Action::Notify(why.text(lang))),
        }
    })
}

/// The field `label` listing `values`, each removed by `remove(index)`, and a button `add_label`
/// that runs `add` (shown while there are fewer than `most` values); `none` says what having
/// none means. The texts come in `lang` already.
#[allow(clippy::too_many_arguments)]
pub fn field(
    lang: Lang,
    id: &str,
    label: &'static str,
    values: Vec<String>,
    most: usize,
    none: &'static str,
    (add_label, add): (&'static str, Callback<MouseEvent>),
    remove: Callback<usize>,
) -> Html {
    let full = values.len() >= most;
    html! {
        <div class="field v6" id={id.to_string()}>
            <span class="label">{ label }</span>
            if values.is_empty() {
                <p class="muted small">{ none }</p>
            }
            { for values.into_iter().enumerate().map(|(k, v)| {
                let remove = remove.reform(move |_: MouseEvent| k);
                html! {
                    <p class="v6-value"><code>{ &v }</code>
                        <button type="button" class="icon-btn" onclick={remove}
                            aria-label={tf(lang, "Remove {}", &[&v])}>{ "×" }</button></p>
                }
            }) }
            if !full {
                <button type="button" class="tool small" onclick={add}>{ add_label }</button>
            }
        </div>
    }
}
