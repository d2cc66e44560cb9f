//! Fields that validate as you type: the text stays in the field, the engine's own messages show
//! under it (`aria-invalid`, `aria-describedby`), and nothing is applied until it is valid.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Scenario;

use super::super::lang::{tf, Lang};
use super::super::state::{Action, AppContext};

/// What a field's text makes of the scenario: an edited copy, or why the text does not parse.
pub type Check = Callback<String, Result<Scenario, String>>;

pub use super::super::guard::new_problems;

/// What a field shows under itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// Errors: the text is not applied.
    pub errors: Vec<String>,
    /// Warnings: applied, but worth knowing.
    pub warnings: Vec<String>,
}

/// Checks `text` with `check`: `Ok(next)` when it can be applied (with any warnings); the
/// engine's messages in `lang`.
pub fn judge(
    lang: Lang,
    current: &Scenario,
    check: &Check,
    text: &str,
    path: &str,
) -> (Option<Scenario>, Verdict) {
    match check.emit(text.to_string()) {
        Err(why) => (
            None,
            Verdict {
                errors: vec![why],
                warnings: Vec::new(),
            },
        ),
        Ok(next) => {
            let found = new_problems(current, &next, path);
            let errors: Vec<String> = found
                .iter()
                .filter(|p| p.is_error())
                .map(|p| p.text(lang))
                .collect();
            let warnings = found
                .iter()
                .filter(|p| !p.is_error())
                .map(|p| p.text(lang))
                .collect();
            let ok = errors.is_empty().then_some(next);
            (ok, Verdict { errors, warnings })
        }
    }
}

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element id (also ties the label to the input).
    pub id: AttrValue,
    /// The visible label (the input's accessible name).
    pub label: AttrValue,
    /// The current value in the scenario.
    pub value: AttrValue,
    /// Turns text into an edited scenario.
    pub check: Check,
    /// The JSON path of the field, to put its own problems first.
    #[prop_or_default]
    pub path: AttrValue,
    /// A note under the field (e.g. the usable-address count).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Keeps the label for screen readers only (fields inside table rows).
    #[prop_or_default]
    pub hide_label: bool,
}

/// A labelled text input applied on Enter or when it loses focus, if valid.
#[component]
pub fn TextField(p: &TextFieldProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = super::super::lang::use_lang();
    let text = use_state(|| p.value.to_string());
    let verdict = use_state(Verdict::default);
    {
        // The scenario changed under the field (undo, another edit): show its value again.
        let (text, verdict) = (text.clone(), verdict.clone());
        use_effect_with(p.value.clone(), move |v| {
            text.set(v.to_string());
            verdict.set(Verdict::default());
        });
    }
    let oninput = {
        let (text, verdict, app, check, path) = (
            text.clone(),
            verdict.clone(),
            app.clone(),
            p.check.clone(),
            p.path.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let (_, judged) = judge(lang, &app.scenario, &check, &v, &path);
            verdict.set(judged);
            text.set(v);
        })
    };
    let apply = {
        let (text, verdict, app, check, path, value) = (
            text.clone(),
            verdict.clone(),
            app.clone(),
            p.check.clone(),
            p.path.clone(),
            p.value.clone(),
        );
        move || {
            if *text == *value {
                return;
            }
            let (next, judged) = judge(lang, &app.scenario, &check, &text, &path);
            verdict.set(judged);
            if let Some(next) = next {
                app.dispatch(Action::Edit(Rc::new(next)));
            }
        }
    };
    let onchange = {
        let apply = apply.clone();
        Callback::from(move |_: Event| apply())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            apply();
        }
    });
    let msg_id = format!("{}-msg", p.id);
    let invalid = !verdict.errors.is_empty();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), p.hide_label.then_some("compact"))}>
            <label for={p.id.clone()} class={classes!(p.hide_label.then_some("sr-only"))}>{ &p.label }</label>
            <input id={p.id.clone()} type="text" value={(*text).clone()} {oninput} {onchange}
                {onkeydown} spellcheck="false" autocomplete="off" placeholder={p.placeholder.clone()}
                aria-invalid={invalid.to_string()} aria-describedby={msg_id.clone()} />
            <div id={msg_id} class="field-msg" aria-live="polite">
                { for verdict.errors.iter().map(|m| html! { <p class="error-msg">{ m }</p> }) }
                { for verdict.warnings.iter().map(|m| html! { <p class="warn-msg">{ m }</p> }) }
                if !invalid {
                    if let Some(h) = &p.hint { <p class="hint">{ h }</p> }
                }
            </div>
        </div>
    }
}

/// A text field of a rule form: its state follows what is typed; `invalid` marks it, and
/// `described_by` names the element holding the form's messages.
pub fn rule_input(
    id: String,
    label: &str,
    state: &UseStateHandle<String>,
    placeholder: &str,
    invalid: bool,
    described_by: &str,
) -> Html {
    let st = state.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        st.set(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ label }</label>
            <input {id} type="text" value={(**state).clone()} {oninput}
                placeholder={placeholder.to_string()} spellcheck="false" autocomplete="off"
                aria-invalid={invalid.to_string()} aria-describedby={described_by.to_string()} />
        </div>
    }
}

/// A labelled checkbox that applies at once.
pub fn checkbox(id: &str, label: &str, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        onchange.emit(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked(),
        )
    });
    html! {
        <div class="check">
            <input id={id.to_string()} type="checkbox" {checked} {onchange} />
            <label for={id.to_string()}>{ label }</label>
        </div>
    }
}

/// A labelled select of (value, text) options that applies at once.
pub fn select(
    id: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
    onchange: Callback<String>,
) -> Html {
    select_labelled(id, label, false, options, selected, onchange)
}

/// A select whose label is for screen readers only (a row under visible column heads).
pub fn compact_select(
    id: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
    onchange: Callback<String>,
) -> Html {
    select_labelled(id, label, true, options, selected, onchange)
}

fn select_labelled(
    id: &str,
    label: &str,
    hide_label: bool,
    options: &[(String, String)],
    selected: &str,
    onchange: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        onchange.emit(
            e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value(),
        )
    });
    html! {
        <div class={classes!("field", hide_label.then_some("compact"))}>
            <label for={id.to_string()} class={classes!(hide_label.then_some("sr-only"))}>{ label }</label>
            <select id={id.to_string()} {onchange}>
                { for options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={v == selected}>{ t }</option>
                }) }
            </select>
        </div>
    }
}

/// Dispatches `next` as one undo step.
pub fn commit(app: &AppContext, next: Scenario) {
    app.dispatch(Action::Edit(Rc::new(next)));
}

/// Applies `next` if it adds no errors, else says which (the engine's message) on the status line.
pub fn commit_checked(app: &AppContext, lang: Lang, next: Scenario) -> bool {
    super::super::guard::apply_checked(app, lang, next)
}

/// An `oninput` that keeps a text field's value in `state`.
pub fn text_into(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    })
}

/// A select's `onchange` (as [`select`] gives it) that keeps its value in `state`.
pub fn value_into(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

/// A choice of a select: the value `id` labelled with `name` (the id when unnamed), put into
/// `tag` (a pattern such as `{} (main)`, already in `lang`) when one is given.
pub fn choice(id: &str, name: &str, tag: Option<&'static str>, lang: Lang) -> (String, String) {
    let name = crate::engine::network::display(name, id);
    let label = match tag {
        Some(pattern) => tf(lang, pattern, &[name]),
        None => name.to_string(),
    };
    (id.to_string(), label)
}
