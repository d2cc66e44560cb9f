//! The note by the canvas that says, after each edit, which flows it opened or closed ("Now
//! open: internet → web tcp 22 · opened by web-sg"), each with a button that sends that flow,
//! so its trace shows what changed. The helper worker writes the list
//! ([`crate::analysis::view::note`]); this puts it by the canvas and handles its buttons.

use yew::prelude::*;

use super::analysis::{AnalysisContext, Do};
use super::lang::{t, use_lang};
use super::reachability::clicked_flow;
use super::traffic::SendRequestContext;

/// The note; nothing when the last edit has none.
#[component]
pub fn ChangeNote() -> Html {
    let lang = use_lang();
    let analyses = use_context::<AnalysisContext>().expect("inside the analyses");
    let send = use_context::<SendRequestContext>();
    let holder = use_node_ref();
    let note = analyses.note.clone();
    {
        let holder = holder.clone();
        use_effect_with(note.clone(), move |note| {
            if let (Some(el), Some((_, html))) = (holder.cast::<web_sys::Element>(), note) {
                el.set_inner_html(html);
            }
        });
    }
    let Some((seq, _)) = note else {
        return Html::default();
    };
    let dismiss = {
        let analyses = analyses.clone();
        Callback::from(move |_: MouseEvent| analyses.dispatch(Do::Dismiss))
    };
    let onclick = Callback::from(move |e: MouseEvent| {
        if let (Some(spec), Some(send)) = (clicked_flow(&e), &send) {
            send.set(Some(spec));
        }
    });
    html! {
        <section class="change-note" aria-labelledby="change-note-heading" key={seq.to_string()}>
            <div class="change-head">
                <h2 id="change-note-heading">{ t(lang, "What changed") }</h2>
                <button type="button" class="close" aria-label={t(lang, "Close the note")}
                    onclick={dismiss}>{ "×" }</button>
            </div>
            <div role="status" aria-live="polite" aria-atomic="true" ref={holder} {onclick}></div>
        </section>
    }
}
