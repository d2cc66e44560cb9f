//! Share links: a whole scenario in a URL fragment.
//!
//! The fragment is a list of `key=value` pairs joined by `&`. The scenario sits in `s`, written
//! `<format>.<payload>`: format `1` is the scenario JSON, compressed with raw DEFLATE and encoded
//! as unpadded base64url. Every later release must keep decoding format 1. Decoding is bounded so
//! a hostile link (a decompression bomb, megabytes of junk) is refused with a message instead of
//! freezing the page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::fmt::Write as _;

/// The link format this release writes.
pub const LINK_FORMAT: u32 = 1;
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

/// Encodes scenario JSON as the `s` value of a link (`1.<payload>`).
pub fn encode_payload(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("{LINK_FORMAT}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Builds a fragment (without `#`) from scenario JSON and extra parameters.
pub fn encode_fragment(json: &str, params: &[(&str, &str)]) -> String {
    let mut out = format!("s={}", encode_payload(json));
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

/// Decodes the `s` value of a link into scenario JSON.
pub fn decode_payload(payload: &str) -> Result<String, LinkError> {
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
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::BadCompression,
        })?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
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
    fn future_format_and_damage_are_named() {
        assert_eq!(decode_link("#s=2.AAAA"), Err(LinkError::FutureFormat(2)));
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
    fn decompression_bomb_is_refused() {
        let zeros = vec![b' '; MAX_DECODED_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec(&zeros, 10);
        let link = format!("#s=1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(link.len() < MAX_LINK_CHARS);
        assert_eq!(decode_link(&link), Err(LinkError::TooLarge));
    }

    #[test]
    fn junk_is_refused_by_length() {
        let junk = "x".repeat(MAX_LINK_CHARS + 1);
        assert!(matches!(decode_link(&junk), Err(LinkError::TooLong(_))));
    }
}
