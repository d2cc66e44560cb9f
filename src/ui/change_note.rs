//! The note that says, after each edit, which flows it opened or closed ("Now open: internet →
//! web tcp 22 · opened by web-sg"), each with a button that sends that flow, so its trace shows
//! what changed. The helper worker writes the list ([`crate::analysis::view::note`]); the
//! traffic panel owns the note (its buttons send flows there) and shows it over the canvas's
//! corner ([`by_canvas`]), where it moves nothing when it comes and lets clicks through to the
//! parts under it but for its buttons.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis::{AnalysisContext, Do};
use super::lang::{t, Lang};
use super::reachability::clicked_flow;
use crate::engine::FlowSpec;

/// What [`use_note`] gives: the note of the last edit, if any, the holder its list is put
/// into, and the analyses (to put the note away).
pub type NoteParts = (Option<Rc<str>>, NodeRef, Option<AnalysisContext>);

/// The note of the last edit, with the holder its list is put into.
#[hook]
pub fn use_note() -> NoteParts {
    let analyses = use_context::<AnalysisContext>();
    let holder = use_node_ref();
    let note = analyses.as_ref().and_then(|a| a.note.clone());
    {
        let holder = holder.clone();
        use_effect_with(note.clone(), move |note| {
            if let (Some(el), Some(html)) = (holder.cast::<web_sys::Element>(), note) {
                el.set_inner_html(html);
            }
        });
    }
    (note, holder, analyses)
}

/// `note` drawn in the canvas's corner (nothing where there is no canvas).
pub fn by_canvas(note: Html) -> Html {
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".canvas-wrap").ok().flatten());
    match host {
        Some(host) => create_portal(note, host),
        None => Html::default(),
    }
}

/// The note's frame (nothing without a note): its heading, a button that puts it away, and
/// `holder` for the list, whose buttons send their flow to `on_flow`.
pub fn note(parts: NoteParts, on_flow: Callback<FlowSpec>, lang: Lang) -> Html {
    let (Some(_), holder, Some(analyses)) = parts else {
        return Html::default();
    };
    let dismiss = Callback::from(move |_: MouseEvent| analyses.dispatch(Do::Dismiss));
    let onclick = Callback::from(move |e: MouseEvent| {
        if let Some(spec) = clicked_flow(&e) {
            on_flow.emit(spec);
        }
    });
    html! {
        <section class="change-note" aria-labelledby="change-note-heading">
            <div class="change-head">
                <h2 id="change-note-heading">{ t(lang, "What changed") }</h2>
                <button type="button" class="close" aria-label={t(lang, "Close the note")}
                    onclick={dismiss}>{ "×" }</button>
            </div>
            <div aria-live="polite" aria-atomic="true" ref={holder} {onclick}></div>
        </section>
    }
}
