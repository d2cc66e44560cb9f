//! Share links: a whole scenario in a URL fragment.
//!
//! The fragment is a list of `key=value` pairs joined by `&`. The scenario sits in `s`, written
//! `<format>.<payload>`:
//!
//! - format `1` is the scenario JSON, compressed with raw DEFLATE and encoded as unpadded
//!   base64url;
//! - format `2` (what this release writes) is the same, but the DEFLATE stream starts with a
//!   preset dictionary of the words every scenario uses ([`DICTIONARY_V2`]), so back-references
//!   into it make links about 40% shorter. The dictionary is part of the format: it never changes.
//!
//! Every later release must keep decoding formats 1 and 2. Decoding is bounded so a hostile link
//! (a decompression bomb, megabytes of junk) is refused with a message instead of freezing the
//! page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::fmt::Write as _;

/// The link format this release writes.
pub const LINK_FORMAT: u32 = 2;

/// The preset dictionary of link format 2: scenario and lesson JSON as serde writes it, most
/// common words last. Part of the format; never edit it (a new dictionary is a new format).
pub const DICTIONARY_V2: &[u8] = include_bytes!("share-dictionary-v2.json");
/// Longest fragment accepted, in characters.
pub const MAX_LINK_CHARS: usize = 512 * 1024;
/// Largest scenario a link may decompress to, in bytes.
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// No `s=` part.
    #[error("the link holds no scenario (no \"s=\" part after #)")]
    NoScenario,
    /// Too long to be one of ours.
    #[error("the link is {0} characters long; links longer than {MAX_LINK_CHARS} are refused")]
    TooLong(usize),
    /// A format number from a later release.
    #[error("the link was made by a newer release (link format {0}; this release reads format {LINK_FORMAT}): open it in the latest version")]
    FutureFormat(u32),
    /// Not `<format>.<payload>`.
    #[error("the scenario part of the link is malformed: {0}")]
    Malformed(String),
    /// Not valid base64url.
    #[error("the link is damaged (not valid base64url): it may have been cut off when copied")]
    BadBase64,
    /// Not valid DEFLATE data.
    #[error(
        "the link is damaged (its compressed data is invalid): it may have been cut off or altered"
    )]
    BadCompression,
    /// Decompresses to more than the limit.
    #[error("the link expands to more than {} MB; refused", MAX_DECODED_BYTES / (1024 * 1024))]
    TooLarge,
    /// Not UTF-8 text.
    #[error("the link's contents are not text")]
    NotText,
}

/// The parts of a share link's fragment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkParts {
    /// The scenario JSON (still to be loaded and validated).
    pub scenario_json: String,
    /// The other `key=value` pairs, e.g. `embed=1`.
    pub params: Vec<(String, String)>,
}

impl LinkParts {
    /// The value of parameter `key`, if present.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Encodes scenario JSON as the `s` value of a link (`2.<payload>`).
pub fn encode_payload(json: &str) -> String {
    match deflate_with_dictionary(json.as_bytes()) {
        Some(packed) => format!("{LINK_FORMAT}.{}", URL_SAFE_NO_PAD.encode(packed)),
        None => encode_payload_v1(json),
    }
}

/// Encodes scenario JSON in link format 1 (`1.<payload>`), which every release reads.
pub fn encode_payload_v1(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Raw DEFLATE of `data` after [`DICTIONARY_V2`]: the dictionary is compressed first and ended
/// with a sync flush (which leaves the stream on a byte boundary between blocks); its output is
/// dropped, and what follows may point back into the dictionary. `None` if the compressor fails.
fn deflate_with_dictionary(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::{
        create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
    };
    let mut c = Box::new(CompressorOxide::new(create_comp_flags_from_zip_params(
        10, 0, 0,
    )));
    let mut dropped = Vec::new();
    deflate_step(&mut c, DICTIONARY_V2, TDEFLFlush::Sync, &mut dropped)?;
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    deflate_step(&mut c, data, TDEFLFlush::Finish, &mut out)?;
    Some(out)
}

fn deflate_step(
    c: &mut miniz_oxide::deflate::core::CompressorOxide,
    mut input: &[u8],
    flush: miniz_oxide::deflate::core::TDEFLFlush,
    out: &mut Vec<u8>,
) -> Option<()> {
    use miniz_oxide::deflate::core::{compress, TDEFLStatus};
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let (status, used, produced) = compress(c, input, &mut buf, flush);
        out.extend_from_slice(&buf[..produced]);
        input = input.get(used..)?;
        match status {
            TDEFLStatus::Done => return Some(()),
            TDEFLStatus::Okay if input.is_empty() && produced < buf.len() => return Some(()),
            TDEFLStatus::Okay => {}
            _ => return None,
        }
    }
}

/// The DEFLATE stream that holds [`DICTIONARY_V2`] as one stored (uncompressed), non-final
/// block; a format 2 payload continues it.
fn dictionary_prefix() -> Vec<u8> {
    let len = DICTIONARY_V2.len() as u16;
    let mut v = vec![0u8];
    v.extend_from_slice(&len.to_le_bytes());
    v.extend_from_slice(&(!len).to_le_bytes());
    v.extend_from_slice(DICTIONARY_V2);
    v
}

/// Builds a fragment (without `#`) from scenario JSON and extra parameters.
pub fn encode_fragment(json: &str, params: &[(&str, &str)]) -> String {
    fragment(&encode_payload(json), params)
}

/// A fragment (without `#`) from a scenario payload made by [`encode_payload`] and extra
/// parameters.
pub fn fragment(payload: &str, params: &[(&str, &str)]) -> String {
    let mut out = format!("s={payload}");
    for (k, v) in params {
        let _ = write!(out, "&{k}={v}");
    }
    out
}

/// Decodes a full link, a `#fragment` or a bare fragment.
pub fn decode_link(link: &str) -> Result<LinkParts, LinkError> {
    let link = link.trim();
    if link.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(link.len()));
    }
    let fragment = match link.split_once('#') {
        Some((_, f)) => f,
        None => link,
    };
    let mut parts = LinkParts::default();
    let mut payload = None;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == "s" {
            payload = Some(v);
        } else {
            parts.params.push((k.to_string(), v.to_string()));
        }
    }
    let payload = payload.ok_or(LinkError::NoScenario)?;
    parts.scenario_json = decode_payload(payload)?;
    Ok(parts)
}

/// A link payload taken apart: the raw DEFLATE stream to inflate, and how many leading bytes of
/// what it inflates to are the preset dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deflated {
    /// The raw DEFLATE stream (for format 2, a stored block of the dictionary comes first).
    pub stream: Vec<u8>,
    /// The dictionary's length: the inflated bytes start with it.
    pub dictionary: usize,
}

impl Deflated {
    /// Most bytes the stream may inflate to.
    pub fn limit(&self) -> usize {
        MAX_DECODED_BYTES + self.dictionary
    }
}

/// Reads the format and the base64 of a payload (`<format>.<base64url>`).
pub fn deflated(payload: &str) -> Result<Deflated, LinkError> {
    let (format, data) = payload
        .split_once('.')
        .ok_or_else(|| LinkError::Malformed("expected <format>.<data>".into()))?;
    let format: u32 = format
        .parse()
        .map_err(|_| LinkError::Malformed(format!("format {format:?} is not a number")))?;
    if format > LINK_FORMAT {
        return Err(LinkError::FutureFormat(format));
    }
    if format == 0 {
        return Err(LinkError::Malformed("format 0 does not exist".into()));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| LinkError::BadBase64)?;
    Ok(if format == 2 {
        let mut stream = dictionary_prefix();
        stream.extend_from_slice(&packed);
        Deflated {
            stream,
            dictionary: DICTIONARY_V2.len(),
        }
    } else {
        Deflated {
            stream: packed,
            dictionary: 0,
        }
    })
}

/// The text of a payload from what its stream inflated to (`d` taken apart by [`deflated`]).
pub fn inflated_text(d: &Deflated, mut bytes: Vec<u8>) -> Result<String, LinkError> {
    if bytes.len() > d.limit() {
        return Err(LinkError::TooLarge);
    }
    if !bytes.starts_with(&DICTIONARY_V2[..d.dictionary]) {
        return Err(LinkError::BadCompression);
    }
    bytes.drain(..d.dictionary);
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
}

/// Decodes the `s` value of a link into scenario JSON.
pub fn decode_payload(payload: &str) -> Result<String, LinkError> {
    #[cfg(target_arch = "wasm32")]
    if let Some(decoded) = decoded_in_browser(payload) {
        return decoded;
    }
    let d = deflated(payload)?;
    inflated_text(&d, inflate(&d)?)
}

/// Inflates the stream of `d`, natively with miniz_oxide.
#[cfg(not(target_arch = "wasm32"))]
fn inflate(d: &Deflated) -> Result<Vec<u8>, LinkError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(&d.stream, d.limit()).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::BadCompression,
        }
    })
}

/// In the browser the page inflates a payload ahead (see [`remember_decoded`]); one it did not
/// reads as damaged.
#[cfg(target_arch = "wasm32")]
fn inflate(_d: &Deflated) -> Result<Vec<u8>, LinkError> {
    Err(LinkError::BadCompression)
}

/// A payload the browser decoded, with what it decoded to.
#[cfg(target_arch = "wasm32")]
type Decoded = (String, Result<String, LinkError>);

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The payloads the browser decoded lately.
    static DECODED: std::cell::RefCell<Vec<Decoded>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps what `payload` decoded to. In the browser the page inflates with the browser's own
/// DEFLATE decoder (asynchronously, before it reads the link: see `ui::inflate`), so its bundle
/// carries no decompressor; [`decode_payload`] then answers from here.
#[cfg(target_arch = "wasm32")]
pub fn remember_decoded(payload: &str, decoded: Result<String, LinkError>) {
    DECODED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 4 {
            c.drain(..1);
        }
        c.push((payload.to_string(), decoded));
    });
}

/// What the browser decoded `payload` to, if it did.
#[cfg(target_arch = "wasm32")]
fn decoded_in_browser(payload: &str) -> Option<Result<String, LinkError>> {
    DECODED.with(|c| {
        (c.borrow().iter().rev())
            .find(|(p, _)| p == payload)
            .map(|(_, r)| r.clone())
    })
}

/// Most flows a link carries (the traffic panel keeps no more).
pub const MAX_LINK_FLOWS: usize = 24;

/// Writes flows as the `f` value of a link: one `from~to~protocol~port` entry per flow (the port
/// empty when there is none, `~src` appended when the source port is fixed, and `~6` after
/// that, the source port field empty or not, for a flow over IPv6), entries joined by `!`. Every byte outside `A-Z a-z 0-9 - _ .` is percent-encoded, so names may hold anything.
pub fn encode_flows(flows: &[crate::engine::flow::FlowSpec]) -> String {
    let entry = |f: &crate::engine::flow::FlowSpec| {
        let mut fields = vec![
            escape(&f.from),
            escape(&f.to),
            f.protocol.to_string(),
            f.port.map(|p| p.to_string()).unwrap_or_default(),
        ];
        if f.src_port.is_some() || f.ipv6 {
            fields.push(f.src_port.map(|p| p.to_string()).unwrap_or_default());
        }
        if f.ipv6 {
            fields.push("6".into());
        }
        fields.join("~")
    };
    flows
        .iter()
        .take(MAX_LINK_FLOWS)
        .map(entry)
        .collect::<Vec<_>>()
        .join("!")
}

/// Reads the `f` value of a link; entries that do not read are skipped (a link with a damaged
/// flow list still opens its scenario).
pub fn decode_flows(value: &str) -> Vec<crate::engine::flow::FlowSpec> {
    value
        .split('!')
        .filter_map(|entry| {
            let fields: Vec<&str> = entry.split('~').collect();
            if !(4..=6).contains(&fields.len()) {
                return None;
            }
            let num = |s: &str| -> Option<Option<u16>> {
                if s.is_empty() {
                    Some(None)
                } else {
                    s.parse().ok().map(Some)
                }
            };
            let ipv6 = match fields.get(5) {
                Some(&"6") => true,
                Some(_) => return None,
                None => false,
            };
            Some(crate::engine::flow::FlowSpec {
                ipv6,
                from: unescape(fields[0])?,
                to: unescape(fields[1])?,
                protocol: fields[2].parse().ok()?,
                port: num(fields[3])?,
                src_port: match fields.get(4) {
                    Some(s) => num(s)?,
                    None => None,
                },
            })
        })
        .take(MAX_LINK_FLOWS)
        .collect()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a CLI or file argument looks like a share link rather than a path.
pub fn looks_like_link(arg: &str) -> bool {
    let a = arg.trim();
    a.starts_with('#') || a.starts_with("s=") || a.contains("://") && a.contains('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_json_and_params() {
        let json = r#"{"version":1,"name":"demo"}"#;
        let frag = encode_fragment(json, &[("embed", "1")]);
        let parts = decode_link(&format!("https://example.org/playground/#{frag}")).unwrap();
        assert_eq!(parts.scenario_json, json);
        assert_eq!(parts.param("embed"), Some("1"));
    }

    #[test]
    fn flows_round_trip_and_damage_is_skipped() {
        use crate::engine::flow::FlowSpec;
        use crate::model::Protocol;
        let flows = vec![
            FlowSpec {
                ipv6: false,
                from: "My laptop".into(),
                to: "web~1!&#".into(),
                protocol: Protocol::Tcp,
                port: Some(443),
                src_port: None,
            },
            FlowSpec {
                ipv6: false,
                from: "10.0.1.5".into(),
                to: "db".into(),
                protocol: Protocol::Icmp,
                port: None,
                src_port: Some(40000),
            },
            FlowSpec {
                ipv6: true,
                ..FlowSpec::tcp("web", "Internet", 443)
            },
        ];
        let f = encode_flows(&flows);
        assert!(f.ends_with("web~Internet~tcp~443~~6"), "{f}");
        assert!(!f.contains(['&', '#', ' ', '=']), "{f}");
        assert_eq!(decode_flows(&f), flows);
        assert_eq!(decode_flows(&format!("{f}!junk!a~b~tcp~99999")), flows);
        assert!(decode_flows("").is_empty());
    }

    #[test]
    fn future_format_and_damage_are_named() {
        assert_eq!(decode_link("#s=3.AAAA"), Err(LinkError::FutureFormat(3)));
        assert_eq!(decode_link("#s=1.@@@"), Err(LinkError::BadBase64));
        assert_eq!(decode_link("#embed=1"), Err(LinkError::NoScenario));
        let frag = encode_fragment(r#"{"version":1,"name":"a longer scenario name"}"#, &[]);
        let cut = &frag[..frag.len() - 6];
        assert!(matches!(
            decode_link(cut),
            Err(LinkError::BadCompression | LinkError::BadBase64)
        ));
    }

    #[test]
    fn format_1_links_still_open() {
        let json = r#"{"version":1,"name":"demo"}"#;
        let v1 = encode_payload_v1(json);
        assert!(v1.starts_with("1."));
        assert_eq!(decode_payload(&v1).as_deref(), Ok(json));
        // Written by the first release; must open forever.
        assert_eq!(
            decode_link("#s=1.q1YqSy0qzszPU7Iy1FHKS8xNVbJSSknNzVfSAVLFyUWZBSVgWaVEhbT8otzEEgVDhZzMvGygfFlBcrGSVXRsLQA").map(|p| p.scenario_json),
            Ok(r#"{"version":1,"name":"demo","description":"a format 1 link","vpcs":[]}"#.to_string())
        );
    }

    #[test]
    fn format_2_uses_the_dictionary_and_is_shorter() {
        let json = r#"{"version":1,"vpcs":[{"id":"vpc","name":"","cidrs":["10.0.0.0/16"]}],"subnets":[{"id":"public-a","name":"public-a","vpc":"vpc","az":"ap-northeast-2a","cidr":"10.0.0.0/24"}]}"#;
        let v2 = encode_payload(json);
        assert!(v2.starts_with("2."), "{v2}");
        assert_eq!(decode_payload(&v2).as_deref(), Ok(json));
        assert!(v2.len() < encode_payload_v1(json).len() / 2, "{v2}");
        assert_eq!(decode_payload(&encode_payload("")).as_deref(), Ok(""));
        let big: String = (0..20_000)
            .map(|i| format!("{{\"id\":\"i-{i}\"}},"))
            .collect();
        assert_eq!(decode_payload(&encode_payload(&big)), Ok(big));
    }

    /// A checksum of [`DICTIONARY_V2`] as released.
    const DICTIONARY_V2_SUM: u64 = 14094331307846691053;

    #[test]
    fn the_format_2_dictionary_never_changes() {
        let sum = DICTIONARY_V2
            .iter()
            .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        assert_eq!((DICTIONARY_V2.len(), sum), (4459, DICTIONARY_V2_SUM));
    }

    #[test]
    fn decompression_bomb_is_refused() {
        let zeros = vec![b' '; MAX_DECODED_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec(&zeros, 10);
        let link = format!("#s=1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(link.len() < MAX_LINK_CHARS);
        assert_eq!(decode_link(&link), Err(LinkError::TooLarge));
    }

    #[test]
    fn format_2_bomb_is_refused() {
        let zeros = vec![b' '; MAX_DECODED_BYTES + 10];
        let link = format!(
            "#s={}",
            encode_payload(std::str::from_utf8(&zeros).unwrap())
        );
        assert_eq!(decode_link(&link), Err(LinkError::TooLarge));
    }

    #[test]
    fn junk_is_refused_by_length() {
        let junk = "x".repeat(MAX_LINK_CHARS + 1);
        assert!(matches!(decode_link(&junk), Err(LinkError::TooLong(_))));
    }
}
