//! The languages the playground speaks to people in, and text given in each of them.
//!
//! English is the reference: text missing in another language falls back to English.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the reference text).
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language code: `en`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ko" | "kr" | "korean" | "한국어" => Ok(Lang::Ko),
            other => Err(format!("unknown language {other:?}: use en or ko")),
        }
    }
}

/// Text in English and Korean: `{"en": "...", "ko": "..."}`. `ko` may be left out; English is
/// shown instead.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Korean; empty when not translated yet.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ko: String,
}

impl Text {
    /// Text with both languages.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The text in `lang`, or the English text when that translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko if !self.ko.trim().is_empty() => &self.ko,
            _ => &self.en,
        }
    }
}

/// Text fixed at build time, in English and Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaticText {
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

impl StaticText {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_falls_back_to_english() {
        let t: Text = serde_json::from_str(r#"{"en": "Hello"}"#).unwrap();
        assert_eq!(t.get(Lang::Ko), "Hello");
        let t = Text::new("Hello", "안녕하세요");
        assert_eq!(t.get(Lang::Ko), "안녕하세요");
        assert_eq!("KO".parse::<Lang>(), Ok(Lang::Ko));
    }
}
