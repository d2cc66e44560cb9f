//! Protocols, port ranges and listeners: the vocabulary shared by rules and flows.

use schemars::JsonSchema;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An IP protocol as AWS rules name it: `all` (-1), `tcp` (6), `udp` (17), `icmp` (1), `icmpv6`
/// (58) or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    /// Every protocol (AWS `-1`).
    All,
    /// TCP, protocol 6.
    Tcp,
    /// UDP, protocol 17.
    Udp,
    /// ICMP, protocol 1.
    Icmp,
    /// ICMPv6 (protocol 58): ping and errors over IPv6.
    Icmpv6,
    /// Any other IP protocol by number.
    Number(u8),
}

impl Protocol {
    /// Folds numbers AWS also writes by name (6, 17, 1) into their named form.
    pub fn from_number(n: u8) -> Self {
        match n {
            6 => Protocol::Tcp,
            17 => Protocol::Udp,
            1 => Protocol::Icmp,
            58 => Protocol::Icmpv6,
            n => Protocol::Number(n),
        }
    }

    /// True for protocols that carry ports (TCP and UDP).
    pub fn is_icmp(self) -> bool {
        matches!(self, Protocol::Icmp | Protocol::Icmpv6)
    }

    /// Whether the protocol carries ports (TCP and UDP).
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }

    /// Whether a rule for `self` matches a packet of protocol `packet`.
    pub fn matches(self, packet: Protocol) -> bool {
        self == Protocol::All || self == packet
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::All => f.write_str("all"),
            Protocol::Tcp => f.write_str("tcp"),
            Protocol::Udp => f.write_str("udp"),
            Protocol::Icmp => f.write_str("icmp"),
            Protocol::Icmpv6 => f.write_str("icmpv6"),
            Protocol::Number(n) => match Protocol::from_number(*n) {
                Protocol::Number(n) => write!(f, "{n}"),
                named => named.fmt(f),
            },
        }
    }
}

impl FromStr for Protocol {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "all" | "-1" | "any" => Ok(Protocol::All),
            "tcp" => Ok(Protocol::Tcp),
            "udp" => Ok(Protocol::Udp),
            "icmp" => Ok(Protocol::Icmp),
            "icmpv6" => Ok(Protocol::Icmpv6),
            other => other.parse::<u8>().map(Protocol::from_number).map_err(|_| {
                format!("unknown protocol {s:?}: expected all, tcp, udp, icmp, icmpv6 or a number 0-255")
            }),
        }
    }
}

impl Serialize for Protocol {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Protocol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Protocol;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a protocol: all, tcp, udp, icmp, icmpv6 or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Protocol, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Protocol, E> {
                match v {
                    -1 => Ok(Protocol::All),
                    0..=255 => Ok(Protocol::from_number(v as u8)),
                    _ => Err(E::custom(format!("protocol number {v} is outside 0-255"))),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Protocol, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Protocol {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Protocol".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "all, tcp, udp, icmp, icmpv6, or an IP protocol number (-1 means all)",
            "anyOf": [
                {"type": "string", "pattern": "^(all|tcp|udp|icmp|icmpv6|-1|[0-9]{1,3})$"},
                {"type": "integer", "minimum": -1, "maximum": 255}
            ]
        })
    }
}

/// An inclusive range of TCP/UDP ports, written `"443"` or `"1024-65535"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PortRange {
    /// First port of the range.
    pub from: u16,
    /// Last port of the range (inclusive).
    pub to: u16,
}

impl PortRange {
    /// Every port, 0-65535.
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };

    /// A range holding one port.
    pub const fn single(p: u16) -> Self {
        PortRange { from: p, to: p }
    }

    /// A range from `from` to `to`; `None` when `from > to`.
    pub fn new(from: u16, to: u16) -> Option<Self> {
        (from <= to).then_some(PortRange { from, to })
    }

    /// Whether `port` lies in the range.
    pub fn contains(self, port: u16) -> bool {
        self.from <= port && port <= self.to
    }

    /// Number of ports in the range.
    pub fn len(self) -> u32 {
        u32::from(self.to) - u32::from(self.from) + 1
    }

    /// A range is never empty; present for API symmetry with `len`.
    pub fn is_empty(self) -> bool {
        false
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

impl FromStr for PortRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let parse = |p: &str| {
            p.trim()
                .parse::<u16>()
                .map_err(|_| format!("{p:?} is not a port number 0-65535"))
        };
        match s.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (parse(a)?, parse(b)?);
                PortRange::new(a, b)
                    .ok_or_else(|| format!("port range {s:?} runs backwards: {a} is above {b}"))
            }
            None => parse(s).map(PortRange::single),
        }
    }
}

impl Serialize for PortRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = PortRange;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a port (443) or a port range (\"1024-65535\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PortRange, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PortRange, E> {
                u16::try_from(v)
                    .map(PortRange::single)
                    .map_err(|_| E::custom(format!("port {v} is above 65535")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PortRange, E> {
                u16::try_from(v)
                    .map(PortRange::single)
                    .map_err(|_| E::custom(format!("port {v} is outside 0-65535")))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for PortRange {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PortRange".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a port (443) or an inclusive range (\"1024-65535\")",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{1,5}(-[0-9]{1,5})?$"},
                {"type": "integer", "minimum": 0, "maximum": 65535}
            ]
        })
    }
}

/// ICMP type and code a rule matches; `None` in a field means any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IcmpMatch {
    /// ICMP type (8 is echo request, 0 echo reply); absent for any.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<u8>,
    /// ICMP code; absent for any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
}

/// A port a host listens on: `"443"` for TCP, `"udp/53"` for UDP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Listener {
    /// TCP or UDP.
    pub protocol: Protocol,
    /// The listening port(s).
    pub ports: PortRange,
}

impl Listener {
    /// A TCP listener on one port.
    pub const fn tcp(port: u16) -> Self {
        Listener {
            protocol: Protocol::Tcp,
            ports: PortRange::single(port),
        }
    }
}

impl fmt::Display for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.protocol {
            Protocol::Tcp => write!(f, "{}", self.ports),
            p => write!(f, "{p}/{}", self.ports),
        }
    }
}

impl FromStr for Listener {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (protocol, ports) = match s.split_once('/') {
            Some((p, ports)) => (p.parse::<Protocol>()?, ports),
            None => (Protocol::Tcp, s),
        };
        if !protocol.has_ports() {
            return Err(format!(
                "listener {s:?}: only tcp and udp ports can listen, not {protocol}"
            ));
        }
        Ok(Listener {
            protocol,
            ports: ports.parse()?,
        })
    }
}

impl Serialize for Listener {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.protocol == Protocol::Tcp && self.ports.from == self.ports.to {
            s.serialize_u16(self.ports.from)
        } else {
            s.collect_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for Listener {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Listener;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a listening port: 443, \"8080-8081\" or \"udp/53\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Listener, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Listener, E> {
                u16::try_from(v)
                    .map(Listener::tcp)
                    .map_err(|_| E::custom(format!("port {v} is above 65535")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Listener, E> {
                u16::try_from(v)
                    .map(Listener::tcp)
                    .map_err(|_| E::custom(format!("port {v} is outside 0-65535")))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Listener {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Listener".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a TCP port (443), a TCP range (\"8080-8081\") or a protocol and port (\"udp/53\")",
            "anyOf": [
                {"type": "string"},
                {"type": "integer", "minimum": 0, "maximum": 65535}
            ]
        })
    }
}

/// Which ports a host accepts connections on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Listening {
    /// Listeners are unknown (scenarios imported from AWS): every port counts as open.
    #[default]
    Any,
    /// Exactly these ports; a TCP connection to any other port is refused.
    Ports(Vec<Listener>),
}

impl Listening {
    /// Whether a connection of `protocol` to `port` finds a listener.
    pub fn accepts(&self, protocol: Protocol, port: u16) -> bool {
        match self.ranges(protocol) {
            None => true,
            Some(mut ranges) => ranges.any(|r| r.contains(port)),
        }
    }

    /// The port ranges that find a listener over `protocol` (`None`: every port does).
    pub fn ranges(&self, protocol: Protocol) -> Option<impl Iterator<Item = PortRange> + '_> {
        match self {
            Listening::Any => None,
            Listening::Ports(list) => Some(
                list.iter()
                    .filter(move |l| l.protocol == protocol)
                    .map(|l| l.ports),
            ),
        }
    }
}

impl Serialize for Listening {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Listening::Any => s.serialize_str("any"),
            Listening::Ports(p) => p.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Listening {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Listening;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"any\" or a list of ports such as [80, 443, \"udp/53\"]")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Listening, E> {
                if v == "any" {
                    Ok(Listening::Any)
                } else {
                    Err(E::custom(format!(
                        "listens must be \"any\" or a list of ports, not {v:?}"
                    )))
                }
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Listening, A::Error> {
                let mut out = Vec::new();
                while let Some(l) = seq.next_element::<Listener>()? {
                    out.push(l);
                }
                Ok(Listening::Ports(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Listening {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Listening".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = g.subschema_for::<Listener>();
        schemars::json_schema!({
            "description": "\"any\" (every port counts as open) or the list of listening ports",
            "anyOf": [
                {"const": "any"},
                {"type": "array", "items": item}
            ]
        })
    }
}

/// The client operating system, which decides the ephemeral source-port range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Os {
    /// Linux: ephemeral ports 32768-60999.
    #[default]
    Linux,
    /// Windows (and macOS): ephemeral ports 49152-65535.
    Windows,
    /// Unknown client: any port 1024-65535.
    Any,
}

impl Os {
    /// The ephemeral source-port range this OS picks client ports from.
    pub fn ephemeral_range(self) -> PortRange {
        match self {
            Os::Linux => PortRange {
                from: 32768,
                to: 60999,
            },
            Os::Windows => PortRange {
                from: 49152,
                to: 65535,
            },
            Os::Any => PortRange {
                from: 1024,
                to: 65535,
            },
        }
    }
}

/// Ephemeral range of NAT gateways and load balancers, 1024-65535.
pub const NAT_EPHEMERAL: PortRange = PortRange {
    from: 1024,
    to: 65535,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_parses_names_and_numbers() {
        assert_eq!("TCP".parse::<Protocol>(), Ok(Protocol::Tcp));
        assert_eq!("-1".parse::<Protocol>(), Ok(Protocol::All));
        assert_eq!("6".parse::<Protocol>(), Ok(Protocol::Tcp));
        assert_eq!("50".parse::<Protocol>(), Ok(Protocol::Number(50)));
        assert!("tcpp".parse::<Protocol>().is_err());
    }

    #[test]
    fn port_range_parses_and_rejects_backwards() {
        assert_eq!("22".parse(), Ok(PortRange::single(22)));
        assert_eq!(
            "1024-65535".parse(),
            Ok(PortRange {
                from: 1024,
                to: 65535
            })
        );
        assert!("90-80"
            .parse::<PortRange>()
            .unwrap_err()
            .contains("backwards"));
        assert!("70000".parse::<PortRange>().is_err());
    }

    #[test]
    fn protocol_numbers_with_names_print_as_names() {
        assert_eq!(Protocol::Number(6).to_string(), "tcp");
        assert_eq!(Protocol::Number(50).to_string(), "50");
    }

    #[test]
    fn listening_error_names_the_bad_entry() {
        let e = serde_json::from_str::<Listening>(r#"[80, "icmp/1"]"#).unwrap_err();
        assert!(e.to_string().contains("only tcp and udp"), "{e}");
    }

    #[test]
    fn listening_any_accepts_everything_and_list_is_exact() {
        let l: Listening = serde_json::from_str(r#"[80, "udp/53", "8080-8081"]"#).unwrap();
        assert!(l.accepts(Protocol::Tcp, 80));
        assert!(l.accepts(Protocol::Tcp, 8081));
        assert!(!l.accepts(Protocol::Tcp, 53));
        assert!(l.accepts(Protocol::Udp, 53));
        let any: Listening = serde_json::from_str(r#""any""#).unwrap();
        assert!(any.accepts(Protocol::Tcp, 1));
    }
}
