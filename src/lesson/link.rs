//! Lesson links: a whole lesson in a URL fragment, next to scenario links.
//!
//! A lesson sits in the fragment key `l`, written `<format>.<payload>` exactly like a scenario's
//! `s`, with the same encoding functions (see [`crate::share`]): the lesson JSON, compressed with
//! raw DEFLATE (format 2: after the preset dictionary; format 1: without it) and encoded as
//! unpadded base64url. Other `key=value` pairs may follow, joined by `&`
//! (`#l=2.<payload>&lang=ko`). A fragment holds either `s` or `l`.

use super::{from_json, Lesson};
use crate::share::{self, LinkError, MAX_LINK_CHARS};

/// The fragment key that holds a lesson.
pub const LESSON_KEY: &str = "l";

/// Why a lesson link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LessonLinkError {
    /// No `l=` part.
    #[error("the link holds no lesson (no \"l=\" part after #)")]
    NoLesson,
    /// The payload could not be decoded.
    #[error("{0}")]
    Link(#[from] LinkError),
    /// The lesson inside is wrong.
    #[error("the lesson in the link: {0}")]
    Lesson(#[from] super::LessonError),
}

/// Builds a fragment (without `#`) holding `lesson`: `l=2.<payload>`.
pub fn encode_fragment(lesson: &Lesson) -> String {
    let json = serde_json::to_string(lesson).unwrap_or_default();
    fragment(&share::encode_payload(&json))
}

/// The fragment (without `#`) holding a lesson payload made by [`share::encode_payload`].
pub fn fragment(payload: &str) -> String {
    format!("{LESSON_KEY}={payload}")
}

/// The lesson JSON in a full link, a `#fragment` or a bare fragment.
pub fn decode_json(link: &str) -> Result<String, LessonLinkError> {
    let link = link.trim();
    if link.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(link.len()).into());
    }
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let payload = fragment
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == LESSON_KEY)
        .map(|(_, v)| v)
        .ok_or(LessonLinkError::NoLesson)?;
    Ok(share::decode_payload(payload)?)
}

/// Opens a lesson link: decodes it and reads the lesson.
pub fn decode(link: &str) -> Result<Lesson, LessonLinkError> {
    Ok(from_json(&decode_json(link)?)?)
}

/// Whether a CLI argument looks like a lesson link rather than a path.
pub fn looks_like_lesson_link(arg: &str) -> bool {
    let a = arg.trim();
    let fragment = a.split_once('#').map(|(_, f)| f);
    a.starts_with("l=") || fragment.is_some_and(|f| f.split('&').any(|p| p.starts_with("l=")))
}
