//! Times the 5-port and the all-ports matrix of the 2,000-interface tiered VPC (for profiling).
fn main() {
    use vpc_playground::engine::all_ports::all_ports;
    use vpc_playground::engine::matrix::{matrix, Probe};
    use vpc_playground::engine::synthetic::{tiered_vpc, Size};
    use vpc_playground::engine::Network;
    let s = tiered_vpc(Size::LARGE);
    let probes: Vec<Probe> = ["22", "80", "443", "5432", "6379"]
        .iter()
        .map(|p| p.parse().unwrap())
        .collect();
    let only = std::env::args().nth(1).unwrap_or_default();
    if only != "all" {
        let t = std::time::Instant::now();
        for _ in 0..10 {
            std::hint::black_box(matrix(&Network::new(&s), &probes));
        }
        eprintln!("5 ports: {:?} per matrix", t.elapsed() / 10);
    }
    if only != "five" {
        let t = std::time::Instant::now();
        for _ in 0..10 {
            std::hint::black_box(all_ports(&Network::new(&s)));
        }
        eprintln!("all ports: {:?} per matrix", t.elapsed() / 10);
    }
}
