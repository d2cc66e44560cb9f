//! Share links made by earlier releases keep opening: `tests/data/frozen-links.txt` holds links
//! (format 1 and format 2) with the scenario name and a hash of the JSON they decode to. Never
//! edit or remove a line; add new ones (for a new format or release) with
//! `cargo test --test frozen_links -- --ignored --nocapture print_frozen_links`.
//!
//! Also measures link lengths: every template under 1,500 characters, a 100-part scenario under
//! 8 KB. The link decoder is fuzzed by the `share_link` target in `tests/fuzz`.

use vpc_playground::engine::synthetic::{tiered_vpc, Size};
use vpc_playground::scenario::load_str;
use vpc_playground::share::{decode_flows, decode_link, encode_fragment, encode_payload_v1};
use vpc_playground::templates::{self, drawn_parts};

/// 64-bit FNV-1a of the decoded scenario JSON, as written in the frozen list.
fn fnv(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

const FROZEN: &str = include_str!("data/frozen-links.txt");

#[test]
fn frozen_links_keep_opening() {
    let mut count = [0usize; 3];
    for (n, line) in FROZEN.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, hash, flows, link] = fields[..] else {
            panic!("line {}: expected name, hash, flows and link", n + 1);
        };
        let parts = decode_link(link).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        assert_eq!(fnv(&parts.scenario_json), hash, "line {}", n + 1);
        let s = load_str(&parts.scenario_json)
            .unwrap_or_else(|e| panic!("line {}: {e}", n + 1))
            .scenario;
        assert_eq!(s.name, name, "line {}", n + 1);
        let decoded = parts.param("f").map(decode_flows).unwrap_or_default();
        assert_eq!(decoded.len().to_string(), flows, "line {}", n + 1);
        let format = link.split("s=").nth(1).and_then(|p| p.split('.').next());
        match format {
            Some("1") => count[1] += 1,
            Some("2") => count[2] += 1,
            other => panic!("line {}: format {other:?}", n + 1),
        }
    }
    assert!(count[1] >= 6 && count[2] >= 6, "{count:?}");
}

/// Prints frozen-list lines for this release's links (format 1 and format 2 of every
/// template; one with flows and the embed flag).
#[test]
#[ignore = "prints lines to add to tests/data/frozen-links.txt"]
fn print_frozen_links() {
    for t in templates::all() {
        let json = serde_json::to_string(&t.scenario()).unwrap();
        let name = t.scenario().name;
        let v2 = encode_fragment(&json, &[]);
        let v1 = format!("s={}", encode_payload_v1(&json));
        for frag in [v1, v2] {
            println!(
                "{name}\t{}\t0\thttps://example.org/playground/#{frag}",
                fnv(&json)
            );
        }
    }
    let t = &templates::all()[0];
    let json = serde_json::to_string(&t.scenario()).unwrap();
    let frag = encode_fragment(
        &json,
        &[
            ("f", "internet~service~tcp~443!service~postgis~tcp~5432"),
            ("embed", "1"),
        ],
    );
    println!(
        "{}\t{}\t2\thttps://example.org/blog/#{frag}",
        t.scenario().name,
        fnv(&json)
    );
}

/// A scenario of exactly 100 drawn parts (1 VPC, 10 subnets, 88 instances and an internet gateway), laid out.
fn hundred_parts() -> vpc_playground::model::Scenario {
    let mut s = tiered_vpc(Size {
        subnets: 10,
        enis: 88,
        groups: 10,
        rules_per_group: 4,
    });
    vpc_playground::layout::fill_missing(&mut s);
    let json = serde_json::to_string(&s).unwrap();
    load_str(&json).unwrap().scenario
}

#[test]
fn link_lengths_stay_within_targets() {
    let mut report = Vec::new();
    for t in templates::all() {
        let json = serde_json::to_string(&t.scenario()).unwrap();
        let len = encode_fragment(&json, &[]).len();
        report.push(format!("{:<28} {len:>5} characters", t.id));
        assert!(len < 1500, "{}: {len}", t.id);
    }
    let s = hundred_parts();
    assert_eq!(drawn_parts(&s).len(), 100);
    let json = serde_json::to_string(&s).unwrap();
    let frag = encode_fragment(&json, &[]);
    report.push(format!(
        "{:<28} {:>5} characters ({} bytes of JSON; format 1: {})",
        "100 parts",
        frag.len(),
        json.len(),
        encode_payload_v1(&json).len() + 2
    ));
    println!("{}", report.join("\n"));
    assert!(frag.len() < 8 * 1024, "100 parts: {}", frag.len());
    let back = decode_link(&frag).unwrap();
    assert_eq!(load_str(&back.scenario_json).unwrap().scenario, s);
}
