//! Checked leaf values of the AWS output: CIDRs, addresses, protocols and ACL actions.
//!
//! Each type has a converter for [`Obj`](super::json::Obj) that rejects a malformed value, so
//! the error carries the JSON path of the field
//! (`Subnets[1].CidrBlock: invalid IPv4 CIDR "10.0.1.0/33"`).

use super::json::expected;
use crate::model::Protocol;
use ipnet::{IpNet, Ipv4Net};
use serde_json::Value;
use std::net::Ipv4Addr;

/// A string value parsed by `parse`, with `what` as the description of a valid value.
fn parse_str<T>(v: &Value, what: &str, parse: fn(&str) -> Result<T, String>) -> Result<T, String> {
    match v.as_str() {
        Some(s) => parse(s),
        None => Err(expected(what, v)),
    }
}

/// An IPv4 CIDR block such as `10.0.0.0/16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr4(pub Ipv4Net);

impl Cidr4 {
    /// Reads a JSON string such as `"10.0.0.0/16"`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        parse_str(v, "an IPv4 CIDR such as \"10.0.0.0/16\"", |s| {
            s.parse()
                .map(Cidr4)
                .map_err(|_| format!("invalid IPv4 CIDR {s:?}"))
        })
    }
}

/// An IPv4 or IPv6 CIDR block; IPv6 blocks are recognised so that they can be skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnyCidr {
    /// An IPv4 block.
    V4(Ipv4Net),
    /// An IPv6 block (the playground models IPv4 only).
    V6,
}

impl AnyCidr {
    /// Reads a JSON string such as `"10.0.0.0/16"` or `"2600:1f18::/40"`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        parse_str(v, "a CIDR such as \"10.0.0.0/16\"", |s| match s.parse() {
            Ok(IpNet::V4(n)) => Ok(AnyCidr::V4(n)),
            Ok(IpNet::V6(_)) => Ok(AnyCidr::V6),
            Err(_) => Err(format!("invalid CIDR {s:?}")),
        })
    }
}

/// An IPv4 address such as `10.0.1.10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ip4(pub Ipv4Addr);

impl Ip4 {
    /// Reads a JSON string such as `"10.0.1.10"`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        parse_str(v, "an IPv4 address such as \"10.0.1.10\"", |s| {
            s.parse()
                .map(Ip4)
                .map_err(|_| format!("invalid IPv4 address {s:?}"))
        })
    }
}

/// A protocol as security groups (`"tcp"`, `"-1"`, `"icmpv6"`) and ACLs (`"6"`) write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawProtocol {
    /// An IPv4 protocol the model knows.
    Ip(Protocol),
    /// ICMP for IPv6, which only IPv6 rules use.
    Icmpv6,
}

impl RawProtocol {
    /// Reads a protocol name or number, as a JSON string or number.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        match v {
            Value::String(s) if s.trim().eq_ignore_ascii_case("icmpv6") => Ok(RawProtocol::Icmpv6),
            Value::String(s) => s.parse().map(RawProtocol::Ip),
            Value::Number(n) => match n.as_i64() {
                Some(-1) => Ok(RawProtocol::Ip(Protocol::All)),
                Some(p @ 0..=255) => Ok(RawProtocol::Ip(Protocol::from_number(p as u8))),
                _ if n.is_f64() => Err(expected(PROTOCOL, v)),
                _ => Err(format!("protocol number {n} is outside 0-255")),
            },
            _ => Err(expected(PROTOCOL, v)),
        }
    }
}

/// What a protocol value may be.
const PROTOCOL: &str = "a protocol: \"-1\", \"tcp\", \"udp\", \"icmp\", \"icmpv6\" or a number";

/// A network ACL entry's `RuleAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawAction {
    /// `allow`.
    Allow,
    /// `deny`.
    Deny,
}

impl RawAction {
    /// Reads `"allow"` or `"deny"`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        match v.as_str() {
            Some("allow") => Ok(RawAction::Allow),
            Some("deny") => Ok(RawAction::Deny),
            _ => Err(expected("\"allow\" or \"deny\"", v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cidr_rejects_bad_prefix_and_names_the_value() {
        assert_eq!(
            Cidr4::from_json(&json!("10.0.1.0/33")),
            Err(r#"invalid IPv4 CIDR "10.0.1.0/33""#.into())
        );
        assert_eq!(
            Cidr4::from_json(&json!(5)),
            Err(r#"expected an IPv4 CIDR such as "10.0.0.0/16", found 5"#.into())
        );
        assert_eq!(
            Cidr4::from_json(&json!("10.0.0.0/16")).unwrap().0,
            "10.0.0.0/16".parse::<Ipv4Net>().unwrap()
        );
    }

    #[test]
    fn any_cidr_tells_v6_from_v4() {
        assert_eq!(
            AnyCidr::from_json(&json!("2600:1f18::/56")),
            Ok(AnyCidr::V6)
        );
        assert!(matches!(
            AnyCidr::from_json(&json!("52.219.0.0/16")),
            Ok(AnyCidr::V4(_))
        ));
        assert!(AnyCidr::from_json(&json!("nope")).is_err());
    }

    #[test]
    fn address_reads_ipv4_only() {
        assert_eq!(
            Ip4::from_json(&json!("10.0.1.10")),
            Ok(Ip4(Ipv4Addr::new(10, 0, 1, 10)))
        );
        assert_eq!(
            Ip4::from_json(&json!("10.0.0.300")),
            Err(r#"invalid IPv4 address "10.0.0.300""#.into())
        );
    }

    #[test]
    fn protocol_reads_names_numbers_and_icmpv6() {
        let p = |v: Value| RawProtocol::from_json(&v);
        assert_eq!(p(json!("-1")), Ok(RawProtocol::Ip(Protocol::All)));
        assert_eq!(p(json!("6")), Ok(RawProtocol::Ip(Protocol::Tcp)));
        assert_eq!(p(json!("tcp")), Ok(RawProtocol::Ip(Protocol::Tcp)));
        assert_eq!(p(json!("50")), Ok(RawProtocol::Ip(Protocol::Number(50))));
        assert_eq!(p(json!("icmpv6")), Ok(RawProtocol::Icmpv6));
        assert_eq!(p(json!(17)), Ok(RawProtocol::Ip(Protocol::Udp)));
        assert_eq!(p(json!(-1)), Ok(RawProtocol::Ip(Protocol::All)));
        assert!(p(json!("tcpp")).is_err());
        assert_eq!(
            p(json!(300)),
            Err("protocol number 300 is outside 0-255".into())
        );
        assert!(p(json!(6.5))
            .unwrap_err()
            .starts_with("expected a protocol"));
        assert!(p(json!(true)).unwrap_err().ends_with("found true"));
    }

    #[test]
    fn action_is_allow_or_deny() {
        assert_eq!(RawAction::from_json(&json!("deny")), Ok(RawAction::Deny));
        assert_eq!(
            RawAction::from_json(&json!("maybe")),
            Err(r#"expected "allow" or "deny", found "maybe""#.into())
        );
    }
}
