//! The page's fragment (`#s=...&embed=1&lang=ko`): reading it and its parameters.

/// The current page's fragment (with its `#`), or empty.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Whether the fragment asks for the read-only embedded view (`embed=1`).
pub fn is_embed(hash: &str) -> bool {
    hash.trim_start_matches('#')
        .split('&')
        .any(|p| p == "embed=1" || p == "embed")
}

/// The value of parameter `key` in a fragment such as `#s=...&lang=ko`, if it has one.
pub fn fragment_param<'a>(hash: &'a str, key: &str) -> Option<&'a str> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
}
