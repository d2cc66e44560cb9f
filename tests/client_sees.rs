//! What the client sees, in the trace summary in both languages: a dropped packet gets no answer
//! (the client times out), a refused port answers at once with a reset, and a network ACL that
//! denies the client's source ports names them as ephemeral ports with the client's OS.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use vpc_playground::engine::Verdict;

/// The trace's summary in Korean.
fn ko_summary(t: &vpc_playground::engine::Trace) -> String {
    vpc_playground::engine::explain::ko::summary(t)
}
use vpc_playground::model::Os;

fn base(os: Os) -> Sc {
    Sc::new()
        .vpc("vpc", "10.0.0.0/16")
        .igw("igw")
        .public_subnet("pub", "10.0.0.0/24", "igw")
        .sg("web-sg", &["tcp 443 from 0.0.0.0/0"], &["all to 0.0.0.0/0"])
        .internet_host("laptop", "203.0.113.10", os)
        .instance("web", "pub", "10.0.0.10")
        .public_ip("54.0.0.10")
        .sgs(&["web-sg"])
        .listens(&["443"])
}

#[test]
fn sg_drop_summary_says_the_client_times_out_unlike_a_refused_port() {
    let s = base(Os::Linux).build();
    let t = tcp(&s, "laptop", "web", 22);
    assert_eq!(t.verdict, Verdict::DroppedBySecurityGroup);
    assert!(
        t.summary.contains("no answer") && t.summary.contains("times out"),
        "{}",
        t.summary
    );
    assert!(t.summary.contains("refused port"), "{}", t.summary);
    assert!(ko_summary(&t).contains("시간이 초과"), "{}", ko_summary(&t));
}

#[test]
fn refused_port_summary_says_the_reset_comes_at_once() {
    let s = base(Os::Linux)
        .sg_inbound("web-sg", "tcp 8080 from 0.0.0.0/0")
        .build();
    let t = tcp(&s, "laptop", "web", 8080);
    assert_eq!(t.verdict, Verdict::Refused, "{}", explain(&t));
    assert!(t.summary.contains("TCP reset"), "{}", t.summary);
    assert!(!t.summary.contains("times out"), "{}", t.summary);
    assert!(ko_summary(&t).contains("TCP 리셋"), "{}", ko_summary(&t));
}

#[test]
fn established_summary_has_no_client_sentence() {
    let t = tcp(&base(Os::Linux).build(), "laptop", "web", 443);
    assert_established(&t);
    assert!(!t.summary.contains("times out") && !t.summary.contains("reset"));
}

/// The reply to the client leaves on the client's ephemeral port; the ACL allows only 443 out.
fn acl_return_drop(os: Os) -> vpc_playground::engine::Trace {
    let s = base(os)
        .acl(
            "pub-acl",
            &["pub"],
            &["100 allow tcp 443 0.0.0.0/0"],
            &["100 allow tcp 443 0.0.0.0/0"],
        )
        .build();
    let t = tcp(&s, "laptop", "web", 443);
    assert_eq!(t.verdict, Verdict::DroppedByNetworkAcl, "{}", explain(&t));
    t
}

#[test]
fn nacl_return_drop_names_linux_ephemeral_ports() {
    let t = acl_return_drop(Os::Linux);
    assert!(
        t.summary
            .contains("ephemeral ports 32768-60999 (the range Linux clients pick from)"),
        "{}",
        t.summary
    );
    assert!(
        ko_summary(&t).contains("임시(ephemeral) 포트 32768-60999")
            && ko_summary(&t).contains("Linux 클라이언트"),
        "{}",
        ko_summary(&t)
    );
}

#[test]
fn nacl_return_drop_names_windows_ephemeral_ports() {
    let t = acl_return_drop(Os::Windows);
    assert!(
        t.summary.contains(
            "ephemeral ports 49152-65535 (the range Windows and macOS clients pick from)"
        ),
        "{}",
        t.summary
    );
    assert!(ko_summary(&t).contains("Windows"), "{}", ko_summary(&t));
}
