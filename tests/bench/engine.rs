//! Criterion benchmarks for the engine: one trace, the large matrix, and how the matrix grows.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use std::hint::black_box;
    use std::time::Duration;
    use vpc_playground::engine::matrix::{matrix, Probe};
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

    criterion_group!(benches, bench_trace, bench_matrix);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
