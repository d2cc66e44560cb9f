//! Showing a crash to the person using the app instead of leaving a blank or frozen page.
//!
//! `index.html` holds a hidden banner (`role="alert"`, id [`BANNER_ID`]); its inline script shows
//! it when the app fails to load, and [`install_panic_hook`] shows it when the app panics.

use std::panic::PanicHookInfo;

/// The id of the banner element in `index.html`.
pub const BANNER_ID: &str = "error-banner";
/// The id of the element inside the banner that holds the message.
pub const MESSAGE_ID: &str = "error-message";

/// Installs a panic hook that logs to the console (with `console_error_panic_hook`) and then
/// shows the panic message in the error banner. Yew keeps this hook instead of its own.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show_error(&panic_message(info));
    }));
}

/// The text shown for a panic: its message and, when known, where it happened.
fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_owned());
    match info.location() {
        Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
        None => message,
    }
}

/// Shows `message` in the error banner, unless the banner already shows an error (the first
/// error is usually the cause). Returns whether the banner now shows this message.
pub fn show_error(message: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(banner) = document.get_element_by_id(BANNER_ID) else {
        return false;
    };
    if !banner.has_attribute("hidden") {
        return false;
    }
    if let Some(text) = document.get_element_by_id(MESSAGE_ID) {
        text.set_text_content(Some(message));
    }
    banner.remove_attribute("hidden").is_ok()
}
