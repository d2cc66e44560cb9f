//! VPC Playground: a simulator of how traffic moves through AWS VPCs.
//!
//! The engine (model, scenario format, simulation, AWS import) is plain Rust with no browser
//! types; it runs natively in tests, benchmarks and the `vpcplay` CLI, and unchanged in wasm,
//! where the `ui` module draws what it returns.

pub mod analysis;
pub mod aws;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod console;
pub mod edit;
pub mod engine;
pub mod flows;
pub mod geometry;
pub mod i18n;
pub mod layout;
pub mod lesson;
pub mod lines;
pub mod model;
pub mod playback;
pub mod port_lines;
pub mod publish;
pub mod scenario;
pub mod share;
pub mod sorting;
pub mod templates;
pub mod traffic_state;
pub mod worker_job;

#[cfg(target_arch = "wasm32")]
pub mod ui;
