//! The `vpcplay` binary: the command line natively, the browser app in wasm.

/// Natively, mimalloc: a trace allocates many small strings and sets, and it serves them about a
/// third faster than the system allocator (see the benches, which use it too).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    vpc_playground::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    vpc_playground::ui::start();
}
