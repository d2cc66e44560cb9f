//! Checked leaf values of the AWS output: CIDRs, addresses, protocols and ACL actions.
//!
//! Each type rejects a malformed value while deserializing, so the error carries the JSON path of
//! the field (`Subnets[1].CidrBlock: invalid IPv4 CIDR "10.0.1.0/33"`).

use crate::model::Protocol;
use ipnet::{IpNet, Ipv4Net};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::net::Ipv4Addr;

/// A string field parsed by `parse`, with `expecting` as the description of a valid value.
fn parse_str<'de, D, T>(
    d: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V { expecting, parse })
}

/// An IPv4 CIDR block such as `10.0.0.0/16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr4(pub Ipv4Net);

impl<'de> Deserialize<'de> for Cidr4 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an IPv4 CIDR such as \"10.0.0.0/16\"", |s| {
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

impl<'de> Deserialize<'de> for AnyCidr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a CIDR such as \"10.0.0.0/16\"", |s| match s.parse() {
            Ok(IpNet::V4(n)) => Ok(AnyCidr::V4(n)),
            Ok(IpNet::V6(_)) => Ok(AnyCidr::V6),
            Err(_) => Err(format!("invalid CIDR {s:?}")),
        })
    }
}

/// An IPv4 address such as `10.0.1.10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ip4(pub Ipv4Addr);

impl<'de> Deserialize<'de> for Ip4 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an IPv4 address such as \"10.0.1.10\"", |s| {
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

impl<'de> Deserialize<'de> for RawProtocol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawProtocol;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a protocol: \"-1\", \"tcp\", \"udp\", \"icmp\", \"icmpv6\" or a number",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawProtocol, E> {
                if v.trim().eq_ignore_ascii_case("icmpv6") {
                    return Ok(RawProtocol::Icmpv6);
                }
                v.parse().map(RawProtocol::Ip).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawProtocol, E> {
                match v {
                    -1 => Ok(RawProtocol::Ip(Protocol::All)),
                    0..=255 => Ok(RawProtocol::Ip(Protocol::from_number(v as u8))),
                    _ => Err(E::custom(format!("protocol number {v} is outside 0-255"))),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawProtocol, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(V)
    }
}

/// A network ACL entry's `RuleAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawAction {
    /// `allow`.
    Allow,
    /// `deny`.
    Deny,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_rejects_bad_prefix_and_names_the_value() {
        let e = serde_json::from_str::<Cidr4>(r#""10.0.1.0/33""#).unwrap_err();
        assert!(
            e.to_string().contains(r#"invalid IPv4 CIDR "10.0.1.0/33""#),
            "{e}"
        );
        assert!(serde_json::from_str::<Cidr4>("5").is_err());
        assert_eq!(
            serde_json::from_str::<Cidr4>(r#""10.0.0.0/16""#).unwrap().0,
            "10.0.0.0/16".parse::<Ipv4Net>().unwrap()
        );
    }

    #[test]
    fn any_cidr_tells_v6_from_v4() {
        assert_eq!(
            serde_json::from_str::<AnyCidr>(r#""2600:1f18::/56""#).unwrap(),
            AnyCidr::V6
        );
        assert!(matches!(
            serde_json::from_str::<AnyCidr>(r#""52.219.0.0/16""#).unwrap(),
            AnyCidr::V4(_)
        ));
        assert!(serde_json::from_str::<AnyCidr>(r#""nope""#).is_err());
    }

    #[test]
    fn protocol_reads_names_numbers_and_icmpv6() {
        let p = |s: &str| serde_json::from_str::<RawProtocol>(s);
        assert_eq!(p(r#""-1""#).unwrap(), RawProtocol::Ip(Protocol::All));
        assert_eq!(p(r#""6""#).unwrap(), RawProtocol::Ip(Protocol::Tcp));
        assert_eq!(p(r#""tcp""#).unwrap(), RawProtocol::Ip(Protocol::Tcp));
        assert_eq!(p(r#""50""#).unwrap(), RawProtocol::Ip(Protocol::Number(50)));
        assert_eq!(p(r#""icmpv6""#).unwrap(), RawProtocol::Icmpv6);
        assert_eq!(p("17").unwrap(), RawProtocol::Ip(Protocol::Udp));
        assert!(p(r#""tcpp""#).is_err());
        assert!(p("300").is_err());
    }
}
