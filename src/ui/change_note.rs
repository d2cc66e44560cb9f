//! The note by the canvas that says, after each edit, which flows it opened or closed ("Now
//! open: internet → web tcp 22 · opened by web-sg"), each with a button that sends that flow,
//! so its trace shows what changed. The helper worker writes the list
//! ([`crate::analysis::view::note`]); the canvas puts it into `holder`, and this frames it and
//! handles its buttons.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis::{AnalysisContext, Do};
use super::lang::{t, Lang};
use super::reachability::clicked_flow;
use super::traffic::{FlowRequest, FlowRequestContext};

/// The note's frame (nothing when the last edit has no note): its heading, a button that puts
/// it away, and `holder` for the list; a button in the list sends its flow through `send`.
pub fn note(
    note: Option<&(u32, Rc<str>)>,
    holder: NodeRef,
    analyses: Option<&AnalysisContext>,
    send: Option<FlowRequestContext>,
    lang: Lang,
) -> Html {
    let (Some((seq, _)), Some(analyses)) = (note, analyses) else {
        return Html::default();
    };
    let dismiss = {
        let analyses = analyses.clone();
        Callback::from(move |_: MouseEvent| analyses.dispatch(Do::Dismiss))
    };
    let onclick = Callback::from(move |e: MouseEvent| {
        if let (Some(spec), Some(send)) = (clicked_flow(&e), &send) {
            send.set(Some(FlowRequest::Send(spec)));
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
