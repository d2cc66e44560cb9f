//! The `vpcplay-import` binary: the browser app's AWS importer, run as a Web Worker (see
//! `ui::importer`). It has no use outside a browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The worker is fetched only when an import starts, so it carries its Korean with it.
    let catalog = include_str!("../www/i18n/ko-engine.json");
    if let Err(why) = vpc_playground::i18n::catalog::install(catalog) {
        gloo::console::warn!(why);
    }
    vpc_playground::ui::importer::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "vpcplay-import is the playground's AWS importer for the browser; on the command line, give vpcplay a folder of describe output"
    );
    std::process::ExitCode::from(2)
}
