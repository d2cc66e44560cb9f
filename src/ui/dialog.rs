//! A modal dialog: a titled box over a dimmed page, closed with Escape, its Close button or a
//! click on the backdrop. Focus moves into it when it opens.

use super::lang::{t, use_lang};
use web_sys::HtmlElement;
use yew::prelude::*;

/// Properties of [`Dialog`].
#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// Element id prefix (the title gets `{id}-title`).
    pub id: AttrValue,
    /// The heading.
    pub title: AttrValue,
    /// Called to close the dialog.
    pub on_close: Callback<()>,
    /// Extra classes for the box (e.g. `wide`).
    #[prop_or_default]
    pub class: Classes,
    /// The body.
    #[prop_or_default]
    pub children: Html,
}

/// A modal dialog with a heading, a body and a Close button in the corner.
#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let lang = use_lang();
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            // Focus the element marked autofocus, else the box itself.
            if let Some(el) = node.cast::<HtmlElement>() {
                let first = el
                    .query_selector(
                        "[autofocus], textarea, input:not([type=file]), .dialog-actions button",
                    )
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok());
                let _ = first.unwrap_or(el).focus();
            }
        });
    }
    let onkeydown = {
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                close.emit(());
            }
        })
    };
    let backdrop = {
        let close = props.on_close.clone();
        let node = node.clone();
        Callback::from(move |e: MouseEvent| {
            let inside = node
                .get()
                .zip(e.target_dyn_into::<web_sys::Node>())
                .is_some_and(|(d, t)| d.contains(Some(&t)));
            if !inside {
                close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let title_id = format!("{}-title", props.id);
    html! {
        <div class="dialog-backdrop" onclick={backdrop}>
            <div ref={node} id={props.id.clone()} class={classes!("dialog", "share-dialog", props.class.clone())}
                role="dialog" aria-modal="true" aria-labelledby={title_id.clone()} tabindex="-1" {onkeydown}>
                <div class="dialog-head">
                    <h2 id={title_id}>{ &props.title }</h2>
                    <button type="button" class="dialog-close" aria-label={t(lang, "Close")} title={t(lang, "Close (Esc)")}
                        onclick={close}>{ "×" }</button>
                </div>
                { props.children.clone() }
            </div>
        </div>
    }
}

/// Properties of [`ConfirmDialog`].
#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    /// Element id prefix.
    pub id: AttrValue,
    /// The question, as the heading.
    pub title: AttrValue,
    /// What saying yes does.
    pub lead: AttrValue,
    /// The label of the button that says yes.
    pub yes_label: AttrValue,
    /// Called when the user says yes.
    pub on_yes: Callback<()>,
    /// Called when the user says no (Cancel, Escape, the backdrop).
    pub on_no: Callback<()>,
}

/// A question with Cancel and a yes button (which has the focus).
#[component]
pub fn ConfirmDialog(p: &ConfirmProps) -> Html {
    let lang = use_lang();
    let yes = p.on_yes.reform(|_: MouseEvent| ());
    let no = p.on_no.reform(|_: MouseEvent| ());
    html! {
        <Dialog id={p.id.clone()} title={p.title.clone()} on_close={p.on_no.clone()}>
            <p class="dialog-lead">{ &p.lead }</p>
            <div class="dialog-actions">
                <button type="button" class="tool" onclick={no}>{ t(lang, "Cancel") }</button>
                <button type="button" class="primary" onclick={yes} autofocus=true>{ &p.yes_label }</button>
            </div>
        </Dialog>
    }
}
