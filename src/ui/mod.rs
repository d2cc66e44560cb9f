//! The browser app (wasm only).
//!
//! The shell lays out the page that later features fill: a header, the palette of parts on the
//! left, the canvas in the middle, the inspector on the right and the traffic panel below. Each
//! region is its own small component; [`error_banner`] turns a crash into a visible message
//! instead of a blank page.

mod analysis;
mod app;
mod canvas;
mod catalogue;
mod change_note;
pub mod dialog;
pub mod dock;
mod download;
mod embed;
pub mod error_banner;
mod fetch;
pub mod files;
mod fix;
mod flow_list;
pub mod fragment;
mod gallery;
pub mod guard;
mod header;
mod host;
pub mod importer;
mod inflate;
mod inspector;
mod ko;
pub mod lang;
mod lessons;
mod packets;
mod palette;
pub mod parts;
pub mod path;
pub mod picture;
pub mod picture_export;
mod reachability;
mod replace;
pub mod rule_checks;
pub mod rule_focus;
pub mod share;
pub mod startup;
pub mod state;
pub mod storage;
mod terminal;
mod traffic;
pub mod view;

pub use app::App;

/// The id of the element in `index.html` that the app renders into.
pub const ROOT_ID: &str = "app";

/// Starts the app in the page: installs the panic hook, then mounts [`App`] into the element
/// with id [`ROOT_ID`] (replacing its loading placeholder), or into `<body>` when there is none.
pub fn start() {
    error_banner::install_panic_hook();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("the app runs in a browser page");
    let root = match document.get_element_by_id(ROOT_ID) {
        Some(root) => {
            root.set_inner_html("");
            root
        }
        None => document.body().expect("the page has a <body>").into(),
    };
    startup::apply_embed_theme();
    let korean = lang::initial() == crate::i18n::Lang::Ko && !ko::loaded();
    let hash = fragment::location_hash();
    let remembered = lessons::remembered_payload();
    if !korean && hash.is_empty() && remembered.is_none() {
        // The handle lives as long as the page; dropping it would not unmount, so forget is fine.
        std::mem::forget(mount(root));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // The Korean texts come first, so the page never shows in English on the way.
        if korean {
            if let Err(why) = ko::load().await {
                gloo::console::warn!(why);
            }
        }
        // The link's scenario or lesson (and a lesson an earlier release remembered as a link)
        // is inflated before the app reads it.
        inflate::prepare(&hash).await;
        if let Some(saved) = remembered {
            inflate::prepare(&saved).await;
        }
        std::mem::forget(mount(root));
    });
}

/// Mounts a fresh [`App`] into `root` (appending to what is there) and returns its handle.
///
/// Rendering happens on the next tick of Yew's scheduler, not before this returns.
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}
