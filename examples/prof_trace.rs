//! Runs one recorded trace (web → db of tests/data/two-tier.json) in a loop, for profiling.
/// The allocator the native command line uses (src/main.rs).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    use vpc_playground::engine::{trace, FlowSpec, Network};
    let s: vpc_playground::model::Scenario =
        serde_json::from_str(include_str!("../tests/data/two-tier.json")).expect("valid");
    let net = Network::new(&s);
    let spec = FlowSpec::tcp("web", "db", 5432);
    let rounds = 200_000;
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(trace(&net, &spec).unwrap());
    }
    eprintln!("{:?} per trace", t.elapsed() / rounds);
}
