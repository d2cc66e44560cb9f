//! Criterion benchmarks for the engine: one trace, the large matrix, how the matrix grows, the
//! all-ports matrix beside the 5-port one (their ratio is the cost of every port), and how the
//! all-ports matrix grows with the network (500 → 8,000 interfaces; it prints the number of
//! behaviour classes of each size, the figure its time follows).

/// The allocator the native command line uses (src/main.rs).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use std::hint::black_box;
    use std::time::Duration;
    use vpc_playground::engine::all_ports::all_ports;
    use vpc_playground::engine::matrix::{matrix, Classes, Probe};
    use vpc_playground::engine::synthetic::{tiered_vpc, Size};
    use vpc_playground::engine::{trace, FlowSpec, Network};
    use vpc_playground::model::{Protocol, Scenario};

    fn probes() -> Vec<Probe> {
        ["22", "80", "443", "5432", "6379"]
            .iter()
            .map(|p| p.parse().expect("valid probe"))
            .collect()
    }

    pub fn bench_trace(c: &mut Criterion) {
        let s: Scenario =
            serde_json::from_str(include_str!("../data/two-tier.json")).expect("valid scenario");
        let net = Network::new(&s);
        // web → db: security group, ACL, route, ACL, security group: five hops forward.
        let spec = FlowSpec {
            ipv6: Default::default(),
            from: "web".into(),
            to: "db".into(),
            protocol: Protocol::Tcp,
            port: Some(5432),
            src_port: None,
        };
        assert!(trace(&net, &spec).unwrap().verdict.is_established());
        c.bench_function("trace web→db (5 hops each way)", |b| {
            b.iter(|| trace(black_box(&net), black_box(&spec)).unwrap())
        });
    }

    fn bench_matrix(c: &mut Criterion) {
        let probes = probes();
        let mut g = c.benchmark_group("matrix");
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        for enis in [500, 1000, 2000] {
            let s = tiered_vpc(Size {
                enis,
                ..Size::LARGE
            });
            g.bench_with_input(BenchmarkId::new("tiered VPC, 5 ports", enis), &s, |b, s| {
                b.iter(|| {
                    let net = Network::new(s);
                    matrix(&net, &probes)
                })
            });
        }
        g.finish();
    }

    fn bench_all_ports(c: &mut Criterion) {
        let probes = probes();
        let s = tiered_vpc(Size::LARGE);
        let mut g = c.benchmark_group("all ports vs 5 ports");
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        g.bench_function("tiered VPC 2000, 5 ports", |b| {
            b.iter(|| matrix(&Network::new(&s), &probes))
        });
        g.bench_function("tiered VPC 2000, every tcp+udp port and icmp", |b| {
            b.iter(|| all_ports(&Network::new(&s)))
        });
        g.finish();
    }

    /// The sizes the growth bench walks: interfaces, subnets, groups.
    const GROWTH: [(usize, usize, usize); 5] = [
        (500, 10, 10),
        (1000, 25, 40),
        (2000, 50, 100),
        (4000, 100, 200),
        (8000, 200, 300),
    ];

    fn bench_growth(c: &mut Criterion) {
        let mut g = c.benchmark_group("all ports growth");
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        for (enis, subnets, groups) in GROWTH {
            let s = tiered_vpc(Size {
                enis,
                subnets,
                groups,
                rules_per_group: 20,
            });
            let classes = Classes::new(&Network::new(&s)).len();
            eprintln!("{enis} interfaces, {subnets} subnets, {groups} groups: {classes} classes");
            let id = format!("{enis} ENIs, {classes} classes");
            g.bench_with_input(BenchmarkId::new("tiered VPC", id), &s, |b, s| {
                b.iter(|| all_ports(&Network::new(s)))
            });
        }
        g.finish();
    }

    criterion_group!(
        benches,
        bench_trace,
        bench_matrix,
        bench_all_ports,
        bench_growth
    );
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
