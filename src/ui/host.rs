//! An embed's messages with the page around it (`window.postMessage`), for hosts that size
//! their frames to the content or drive the embed from their own text:
//!
//! - the embed posts `{"type": "vpcplay:height", "height": 612}` to its parent whenever the
//!   height its content needs changes (at start, when the frame's width changes, after a flow);
//! - it takes `{"type": "vpcplay:show-flow", "flow": 2}`: the second flow of its link (numbered
//!   from 1, in the order they were sent) becomes the current one, played from the start.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The `type` of the message that reports the height.
const HEIGHT: &str = "vpcplay:height";
/// The `type` of the message that asks for a flow.
const SHOW_FLOW: &str = "vpcplay:show-flow";

/// Tells the parent page that the embed's content needs `height` CSS pixels.
pub fn post_height(height: u32) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    // Only a height goes out, so any host may read it.
    let _ = parent.post_message(&message, "*");
}

/// The flow number a message asks for, if it is a `vpcplay:show-flow` message.
fn asked_flow(data: &JsValue) -> Option<usize> {
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
    if field("type")?.as_string()? != SHOW_FLOW {
        return None;
    }
    let n = field("flow")?.as_f64()?;
    (n >= 1.0 && n.fract() == 0.0).then_some(n as usize)
}

/// Calls `show` with the flow number of each `vpcplay:show-flow` message the embed receives
/// (an embed only: the full playground takes no orders from other windows).
#[hook]
pub fn use_show_flow(show: Callback<usize>) {
    let latest = use_mut_ref(|| show.clone());
    *latest.borrow_mut() = show;
    use_effect_with((), move |_| {
        let embed = super::fragment::is_embed(&super::fragment::location_hash());
        let listener = embed.then(|| {
            EventListener::new(&gloo::utils::window(), "message", move |e| {
                let data = e.dyn_ref::<web_sys::MessageEvent>().map(|m| m.data());
                if let Some(n) = data.as_ref().and_then(asked_flow) {
                    latest.borrow().emit(n);
                }
            })
        });
        move || drop(listener)
    });
}
