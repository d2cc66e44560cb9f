//! The Korean of the page's English text, looked up by the English (see [`super::lang::t`]).

/// The Korean for `en`, if it has been translated.
pub fn get(en: &str) -> Option<&'static str> {
    Some(match en {
        "Language" => "언어",
        "New" => "새로 만들기",
        "Undo" => "실행 취소",
        "Redo" => "다시 실행",
        "Build a network, send traffic, see where it stops." => {
            "네트워크를 만들고, 트래픽을 보내고, 어디서 멈추는지 확인하세요."
        }
        _ => return None,
    })
}
