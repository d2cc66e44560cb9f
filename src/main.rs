//! The `vpcplay` binary: the command line natively, the browser app in wasm.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    vpc_playground::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    vpc_playground::ui::start();
}
