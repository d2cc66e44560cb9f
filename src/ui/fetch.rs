//! Files fetched from beside the page (the lessons, the templates, the Korean texts): a fetch is
//! started with [`begin`] (so several run side by side) and read with [`text`].

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Starts fetching `path`.
pub fn begin(path: &str) -> JsFuture {
    JsFuture::from(gloo::utils::window().fetch_with_str(path))
}

/// The text `response` (a fetch of `path` started with [`begin`]) brings, or why there is none,
/// naming the file (without its version query).
pub async fn text(response: JsFuture, path: &str) -> Result<String, String> {
    let name = path.split('?').next().unwrap_or(path);
    let unreachable = || format!("{name} could not be loaded; check your connection and try again");
    let response: web_sys::Response = response
        .await
        .map_err(|_| unreachable())?
        .dyn_into()
        .map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(format!(
            "{name} could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let body = response.text().map_err(|_| unreachable())?;
    Ok(JsFuture::from(body)
        .await
        .map_err(|_| unreachable())?
        .as_string()
        .unwrap_or_default())
}
