//! The browser app (wasm only).

/// Mounts the app.
pub fn start() {}
