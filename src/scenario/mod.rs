//! Reading a scenario file: parse it, complete it the way AWS would, and check it.
//!
//! - [`load_str`] turns JSON text into a [`Scenario`](crate::model::Scenario) that is safe to
//!   simulate, or a [`LoadError`] that says what is wrong and where.
//! - [`normalize()`] adds what AWS always creates with a VPC (main route table, default network ACL,
//!   default security group) and gives group-less network interfaces the default group.
//! - [`validate()`] lists every [`Problem`] of a scenario: errors (AWS would refuse it) and warnings
//!   (allowed here, but past an AWS limit or unlikely to work).
//! - [`json_schema`] describes the file format as JSON Schema.

pub mod load;
pub mod message;
mod message_ko;
pub mod normalize;
pub mod pretty;
pub mod problem;
pub(crate) mod read;
pub mod schema;
pub mod validate;

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

pub use load::{load_str, parse_str, LoadError, Loaded, MAX_INPUT_BYTES};
pub use message::Message;
pub use normalize::normalize;
pub use pretty::to_pretty_json;
pub use problem::{Problem, Severity};
pub use schema::json_schema;
pub use validate::validate;
