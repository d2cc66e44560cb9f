//! Checked leaf values of the AWS output: CIDRs, addresses, protocols, ACL actions and
//! integers.
//!
//! Each has a reader in the design of [`crate::scenario::read`] that rejects a malformed value,
//! so the error carries the JSON path of the field
//! (`Subnets[1].CidrBlock: invalid IPv4 CIDR "10.0.1.0/33"`).

use crate::model::Protocol;
use crate::scenario::read::At;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde_json::Value;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The string at `at` parsed by `parse`, with `what` as the description of a valid value; `None`
/// once the error is recorded.
fn parse_str<T>(at: &At, what: &str, parse: fn(&str) -> Result<T, String>) -> Option<T> {
    match parse(at.str(what)?) {
        Ok(v) => Some(v),
        Err(e) => {
            at.fail(e);
            None
        }
    }
}

/// An IPv4 CIDR block such as `10.0.0.0/16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(serde::Deserialize))]
pub(crate) struct Cidr4(pub Ipv4Net);

impl Cidr4 {
    /// Reads a JSON string such as `"10.0.0.0/16"`.
    pub fn read(at: &At) -> Self {
        parse_str(at, "an IPv4 CIDR such as \"10.0.0.0/16\"", |s| {
            s.parse()
                .map(Cidr4)
                .map_err(|_| format!("invalid IPv4 CIDR {s:?}"))
        })
        .unwrap_or(Cidr4(Ipv4Net::default()))
    }
}

/// An IPv6 CIDR block such as `2600:1f18:1234:5600::/56`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(serde::Deserialize))]
pub(crate) struct Cidr6(pub Ipv6Net);

impl Cidr6 {
    /// Reads a JSON string such as `"2600:1f18:1234:5600::/56"`.
    pub fn read(at: &At) -> Self {
        parse_str(at, "an IPv6 CIDR such as \"2600:1f18::/56\"", |s| {
            s.parse()
                .map(Cidr6)
                .map_err(|_| format!("invalid IPv6 CIDR {s:?}"))
        })
        .unwrap_or(Cidr6(Ipv6Net::default()))
    }
}

/// An IPv4 or IPv6 CIDR block, where AWS writes either in one field (prefix list entries,
/// transit gateway and VPN routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnyCidr {
    /// An IPv4 block.
    V4(Ipv4Net),
    /// An IPv6 block.
    V6(Ipv6Net),
}

impl AnyCidr {
    /// Reads a JSON string such as `"10.0.0.0/16"` or `"2600:1f18::/40"`.
    pub fn read(at: &At) -> Self {
        parse_str(at, "a CIDR such as \"10.0.0.0/16\"", |s| match s.parse() {
            Ok(IpNet::V4(n)) => Ok(AnyCidr::V4(n)),
            Ok(IpNet::V6(n)) => Ok(AnyCidr::V6(n)),
            Err(_) => Err(format!("invalid CIDR {s:?}")),
        })
        .unwrap_or(AnyCidr::V4(Ipv4Net::default()))
    }

    /// The block, of either family.
    pub fn net(self) -> IpNet {
        match self {
            AnyCidr::V4(n) => IpNet::V4(n),
            AnyCidr::V6(n) => IpNet::V6(n),
        }
    }
}

/// An IPv4 address such as `10.0.1.10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(serde::Deserialize))]
pub(crate) struct Ip4(pub Ipv4Addr);

impl Ip4 {
    /// Reads a JSON string such as `"10.0.1.10"`.
    pub fn read(at: &At) -> Self {
        parse_str(at, "an IPv4 address such as \"10.0.1.10\"", |s| {
            s.parse()
                .map(Ip4)
                .map_err(|_| format!("invalid IPv4 address {s:?}"))
        })
        .unwrap_or(Ip4(Ipv4Addr::UNSPECIFIED))
    }
}

/// An IPv6 address such as `2600:1f18:1234:5601::10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(serde::Deserialize))]
pub(crate) struct Ip6(pub Ipv6Addr);

impl Ip6 {
    /// Reads a JSON string such as `"2600:1f18:1234:5601::10"`.
    pub fn read(at: &At) -> Self {
        parse_str(at, "an IPv6 address such as \"2600:1f18::10\"", |s| {
            s.parse()
                .map(Ip6)
                .map_err(|_| format!("invalid IPv6 address {s:?}"))
        })
        .unwrap_or(Ip6(Ipv6Addr::UNSPECIFIED))
    }
}

/// A protocol as security groups (`"tcp"`, `"-1"`, `"icmpv6"`) and ACLs (`"6"`, `"58"`) write it.
/// ICMPv6 is `icmpv6` in a security group and `58` in an ACL; both read as [`Protocol::Icmpv6`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawProtocol(pub Protocol);

impl RawProtocol {
    /// Reads a protocol name or number, as a JSON string or number.
    pub fn read(at: &At) -> Self {
        let read = match at.value() {
            Value::String(s) => s.parse().map(RawProtocol).map_err(Some),
            Value::Number(n) => match n.as_i64() {
                Some(-1) => Ok(RawProtocol(Protocol::All)),
                Some(p @ 0..=255) => Ok(RawProtocol(Protocol::from_number(p as u8))),
                _ if n.is_f64() => Err(None),
                _ => Err(Some(format!("protocol number {n} is outside 0-255"))),
            },
            _ => Err(None),
        };
        read.unwrap_or_else(|message| {
            match message {
                Some(m) => at.fail(m),
                None => at.expected(PROTOCOL),
            }
            RawProtocol(Protocol::All)
        })
    }
}

/// What a protocol value may be.
const PROTOCOL: &str = "a protocol: \"-1\", \"tcp\", \"udp\", \"icmp\", \"icmpv6\" or a number";

/// A network ACL entry's `RuleAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub(crate) enum RawAction {
    /// `allow`.
    Allow,
    /// `deny`.
    Deny,
}

impl RawAction {
    /// Reads `"allow"` or `"deny"`.
    pub fn read(at: &At) -> Self {
        match at.value().as_str() {
            Some("allow") => RawAction::Allow,
            Some("deny") => RawAction::Deny,
            _ => {
                at.expected("\"allow\" or \"deny\"");
                RawAction::Deny
            }
        }
    }
}

/// An integer that fits `T`, described by `what` in the error.
fn integer<T: TryFrom<i64> + Default>(at: &At, what: &str) -> T {
    let n = at.value().as_i64().and_then(|n| T::try_from(n).ok());
    n.unwrap_or_else(|| {
        at.expected(what);
        T::default()
    })
}

/// A whole number that fits in 64 bits.
pub(crate) fn int(at: &At) -> i64 {
    integer(at, "a 64-bit integer")
}

/// A whole number from 0 to 65535.
pub(crate) fn int_u16(at: &At) -> u16 {
    integer(at, "an integer from 0 to 65535")
}

/// A whole number from 0 to 4294967295.
pub(crate) fn int_u32(at: &At) -> u32 {
    integer(at, "an integer from 0 to 4294967295")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::read::{read_with, Reader};
    use serde_json::json;

    /// What `reader` makes of `v`: the value, or the error's message.
    fn read<T>(reader: Reader<T>, v: Value) -> Result<T, String> {
        read_with(&v, reader, "an array").map_err(|e| e.message)
    }

    #[test]
    fn cidr_rejects_bad_prefix_and_names_the_value() {
        assert_eq!(
            read(Cidr4::read, json!("10.0.1.0/33")),
            Err(r#"invalid IPv4 CIDR "10.0.1.0/33""#.into())
        );
        assert_eq!(
            read(Cidr4::read, json!(5)),
            Err(r#"expected an IPv4 CIDR such as "10.0.0.0/16", found 5"#.into())
        );
        assert_eq!(
            read(Cidr4::read, json!("10.0.0.0/16")).unwrap().0,
            "10.0.0.0/16".parse::<Ipv4Net>().unwrap()
        );
    }

    #[test]
    fn any_cidr_tells_v6_from_v4() {
        assert_eq!(
            read(AnyCidr::read, json!("2600:1f18::/56")),
            Ok(AnyCidr::V6("2600:1f18::/56".parse().unwrap()))
        );
        assert_eq!(
            read(AnyCidr::read, json!("2600:1f18::/56")).unwrap().net(),
            "2600:1f18::/56".parse::<IpNet>().unwrap()
        );
        assert!(matches!(
            read(AnyCidr::read, json!("52.219.0.0/16")),
            Ok(AnyCidr::V4(_))
        ));
        assert!(read(AnyCidr::read, json!("nope")).is_err());
    }

    #[test]
    fn ipv6_cidr_and_address_reject_bad_values_and_name_them() {
        assert_eq!(
            read(Cidr6::read, json!("2600:1f18:1234:5600::/56"))
                .unwrap()
                .0,
            "2600:1f18:1234:5600::/56".parse::<Ipv6Net>().unwrap()
        );
        assert_eq!(
            read(Cidr6::read, json!("2600:1f18::/129")),
            Err(r#"invalid IPv6 CIDR "2600:1f18::/129""#.into())
        );
        assert_eq!(
            read(Cidr6::read, json!("10.0.0.0/16")),
            Err(r#"invalid IPv6 CIDR "10.0.0.0/16""#.into())
        );
        assert_eq!(
            read(Cidr6::read, json!(5)),
            Err(r#"expected an IPv6 CIDR such as "2600:1f18::/56", found 5"#.into())
        );
        assert_eq!(
            read(Ip6::read, json!("2600:1f18::10")),
            Ok(Ip6("2600:1f18::10".parse().unwrap()))
        );
        assert_eq!(
            read(Ip6::read, json!("2600:1f18::g")),
            Err(r#"invalid IPv6 address "2600:1f18::g""#.into())
        );
    }

    #[test]
    fn address_reads_ipv4_only() {
        assert_eq!(
            read(Ip4::read, json!("10.0.1.10")),
            Ok(Ip4(Ipv4Addr::new(10, 0, 1, 10)))
        );
        assert_eq!(
            read(Ip4::read, json!("10.0.0.300")),
            Err(r#"invalid IPv4 address "10.0.0.300""#.into())
        );
    }

    #[test]
    fn protocol_reads_names_numbers_and_icmpv6() {
        let p = |v: Value| read(RawProtocol::read, v);
        assert_eq!(p(json!("-1")), Ok(RawProtocol(Protocol::All)));
        assert_eq!(p(json!("6")), Ok(RawProtocol(Protocol::Tcp)));
        assert_eq!(p(json!("tcp")), Ok(RawProtocol(Protocol::Tcp)));
        assert_eq!(p(json!("50")), Ok(RawProtocol(Protocol::Number(50))));
        assert_eq!(p(json!("icmpv6")), Ok(RawProtocol(Protocol::Icmpv6)));
        assert_eq!(p(json!("ICMPV6 ")), Ok(RawProtocol(Protocol::Icmpv6)));
        assert_eq!(p(json!("58")), Ok(RawProtocol(Protocol::Icmpv6)));
        assert_eq!(p(json!(58)), Ok(RawProtocol(Protocol::Icmpv6)));
        assert_eq!(p(json!(17)), Ok(RawProtocol(Protocol::Udp)));
        assert_eq!(p(json!(-1)), Ok(RawProtocol(Protocol::All)));
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
        assert_eq!(read(RawAction::read, json!("deny")), Ok(RawAction::Deny));
        assert_eq!(
            read(RawAction::read, json!("maybe")),
            Err(r#"expected "allow" or "deny", found "maybe""#.into())
        );
    }

    #[test]
    fn integers_must_fit() {
        assert_eq!(read(int_u16, json!(80)), Ok(80));
        assert_eq!(
            read(int_u16, json!(70000)),
            Err("expected an integer from 0 to 65535, found 70000".into())
        );
        assert_eq!(
            read(int_u32, json!(-1)),
            Err("expected an integer from 0 to 4294967295, found -1".into())
        );
        assert_eq!(read(int, json!(-1)), Ok(-1));
        assert_eq!(
            read(int, json!(1.5)),
            Err("expected a 64-bit integer, found 1.5".into())
        );
    }
}
