//! The languages the playground speaks to people in, and text given in each of them.
//!
//! English is the reference: text missing in another language falls back to English.

pub mod catalog;

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

/// A name fixed at build time in English and Korean that becomes part of a scenario (a new
/// host's name), so its Korean stays in the code, not in the fetched catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamePair {
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

impl NamePair {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// `word` followed by the Korean particle that fits its last sound: `pair` is the particle after
/// a final consonant and after a vowel, such as `("은", "는")` or `("이", "가")`. A word ending in
/// a Hangul syllable or a digit gets the right one; any other ending (a Latin name) gets both,
/// written `은(는)`, as Korean software does.
pub fn josa(word: &str, pair: (&str, &str)) -> String {
    let (after_consonant, after_vowel) = pair;
    let consonant = match word.chars().last() {
        Some(c @ '\u{AC00}'..='\u{D7A3}') => Some((c as u32 - 0xAC00) % 28 != 0),
        // 영 일 이 삼 사 오 육 칠 팔 구
        Some(c @ '0'..='9') => Some(!matches!(c, '2' | '4' | '5' | '9')),
        _ => None,
    };
    match consonant {
        // ㄹ takes 로 like a vowel: 서울로, 1로.
        Some(true) if after_vowel == "로" && ends_in_rieul(word) => format!("{word}로"),
        Some(true) => format!("{word}{after_consonant}"),
        Some(false) => format!("{word}{after_vowel}"),
        None => format!("{word}{after_consonant}({after_vowel})"),
    }
}

fn ends_in_rieul(word: &str) -> bool {
    match word.chars().last() {
        Some(c @ '\u{AC00}'..='\u{D7A3}') => (c as u32 - 0xAC00) % 28 == 8,
        Some(c) => matches!(c, '1' | '7' | '8'),
        None => false,
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

    #[test]
    fn josa_follows_the_last_sound() {
        assert_eq!(josa("서브넷", ("은", "는")), "서브넷은");
        assert_eq!(josa("인스턴스", ("은", "는")), "인스턴스는");
        assert_eq!(josa("web-1", ("이", "가")), "web-1이");
        assert_eq!(josa("web-2", ("이", "가")), "web-2가");
        assert_eq!(josa("web", ("을", "를")), "web을(를)");
        assert_eq!(josa("VPC 1", ("으로", "로")), "VPC 1로");
    }
}
