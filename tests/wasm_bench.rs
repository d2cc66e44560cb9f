//! The reachability matrix and the all-ports matrix measured in the browser (wasm in headless
//! Chromium).
//!
//! Ignored in the normal test run (a debug build measures nothing useful); run it with
//! `cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --include-ignored`.
#![cfg(target_arch = "wasm32")]

use vpc_playground::engine::all_ports::all_ports;
use vpc_playground::engine::matrix::{matrix, Probe};
use vpc_playground::engine::synthetic::{tiered_vpc, Size};
use vpc_playground::engine::Network;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The probes the 5-port matrix is timed on.
fn five_probes() -> Vec<Probe> {
    ["22", "80", "443", "5432", "6379"]
        .iter()
        .map(|p| p.parse().unwrap())
        .collect()
}

/// The benches' large tiered VPC with `enis` interfaces.
fn large_vpc(enis: usize) -> vpc_playground::model::Scenario {
    tiered_vpc(Size {
        enis,
        ..Size::LARGE
    })
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with --release --include-ignored"]
fn matrix_of_large_tiered_vpc_in_browser() {
    let probes = five_probes();
    for enis in [500, 1000, 2000] {
        let s = large_vpc(enis);
        let start = now();
        let net = Network::new(&s);
        let m = matrix(&net, &probes);
        let ms = now() - start;
        web_sys::console::log_1(
            &format!(
                "wasm matrix: {enis} ENIs, {} classes, {} flows traced in {ms:.0} ms",
                m.classes, m.traced
            )
            .into(),
        );
        assert_eq!(
            m.endpoints.len(),
            enis + 1,
            "the instances and the internet"
        );
    }
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with --release --include-ignored"]
fn all_ports_of_large_tiered_vpc_in_browser() {
    let probes = five_probes();
    for enis in [500, 1000, 2000] {
        let s = large_vpc(enis);
        let start = now();
        let five = matrix(&Network::new(&s), &probes);
        let five_ms = now() - start;
        let start = now();
        let all = all_ports(&Network::new(&s));
        let all_ms = now() - start;
        web_sys::console::log_1(
            &format!(
                "wasm all ports: {enis} ENIs, {} classes: every tcp+udp port and icmp in {all_ms:.0} ms, 5 ports in {five_ms:.0} ms",
                all.classes
            )
            .into(),
        );
        assert_eq!(all.classes, five.classes);
    }
}
