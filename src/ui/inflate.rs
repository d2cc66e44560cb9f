//! Share and lesson links inflated by the browser's own DEFLATE decoder (`DecompressionStream`,
//! raw DEFLATE), so the page's bundle carries no decompressor. A link's payload is inflated
//! asynchronously before the page reads the link (at start, and when a link is pasted into the
//! address bar); [`crate::share::decode_payload`] then finds what it decoded to.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableWritablePair, Response};

use crate::share::{self, LinkError, MAX_LINK_CHARS};

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (a transform stream with `readable` and `writable`).
    #[wasm_bindgen(extends = js_sys::Object)]
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// The payloads in `text` (a fragment, or a remembered lesson of an earlier release): the value
/// of every `s=` and `l=` part.
fn payloads(text: &str) -> Vec<&str> {
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    (fragment.split('&'))
        .filter_map(|p| p.strip_prefix("s=").or_else(|| p.strip_prefix("l=")))
        .collect()
}

/// Decodes every payload of `text` (see [`payloads`]), keeping what each decoded to for
/// [`share::decode_payload`]. A malformed payload is left to it, which says what is wrong.
pub async fn prepare(text: &str) {
    if text.len() > MAX_LINK_CHARS {
        return;
    }
    for payload in payloads(text) {
        let Ok(d) = share::deflated(payload) else {
            continue;
        };
        let decoded = inflate(&d.stream)
            .await
            .and_then(|bytes| share::inflated_text(&d, bytes));
        share::remember_decoded(payload, decoded);
    }
}

/// Raw DEFLATE `stream`, inflated by the browser; any failure reads as damaged data.
async fn inflate(stream: &[u8]) -> Result<Vec<u8>, LinkError> {
    let bad = |_| LinkError::BadCompression;
    let body = Response::new_with_opt_u8_array(Some(&mut stream.to_vec())).map_err(bad)?;
    let input = body.body().ok_or(LinkError::BadCompression)?;
    let transform = DecompressionStream::new("deflate-raw").map_err(bad)?;
    let pair: &ReadableWritablePair = transform.unchecked_ref();
    let output = input.pipe_through(pair);
    let buffer = Response::new_with_opt_readable_stream(Some(&output))
        .and_then(|r| r.array_buffer())
        .map_err(bad)?;
    let buffer = JsFuture::from(buffer).await.map_err(bad)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
