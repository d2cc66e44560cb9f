//! Times the 5-port and the all-ports matrix of a tiered VPC (for profiling), or writes one as a
//! scenario file for the command line:
//!
//! ```sh
//! cargo run --release --example prof_matrix                 # 2,000 interfaces, both matrices
//! cargo run --release --example prof_matrix -- all 2040 60 30   # all-ports only, that size
//! cargo run --release --example prof_matrix -- write big.json 2040 60 30
//! ```
use vpc_playground::engine::all_ports::all_ports;
use vpc_playground::engine::matrix::{matrix, Classes, Probe};
use vpc_playground::engine::synthetic::{tiered_vpc, Size};
use vpc_playground::engine::Network;

/// The allocator the native command line uses (src/main.rs).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let what = args.first().map_or("both", String::as_str);
    let at = usize::from(what == "write");
    let s = tiered_vpc(Size {
        enis: number(1 + at, 2000),
        subnets: number(2 + at, 50),
        groups: number(3 + at, 200),
        rules_per_group: 20,
    });
    if what == "write" {
        let path = args.get(1).expect("a file to write");
        std::fs::write(path, serde_json::to_string(&s).unwrap()).expect("written");
        return;
    }
    let net = Network::new(&s);
    eprintln!("{} classes", Classes::new(&net).len());
    let probes: Vec<Probe> = ["22", "80", "443", "5432", "6379"]
        .iter()
        .map(|p| p.parse().unwrap())
        .collect();
    let rounds = 5;
    if what != "all" {
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(matrix(&Network::new(&s), &probes));
        }
        eprintln!("5 ports: {:?} per matrix", t.elapsed() / rounds);
    }
    if what != "five" {
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(all_ports(&Network::new(&s)));
        }
        eprintln!("all ports: {:?} per matrix", t.elapsed() / rounds);
    }
}
