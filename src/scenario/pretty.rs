//! Pretty JSON for files people read (downloaded scenarios and lessons).
//!
//! Serde monomorphises a type's `Serialize` once per formatter, and a scenario's is large, so the
//! browser build writes compact JSON only and [`indent`] lays that text out the way
//! `serde_json::to_string_pretty` would (two spaces, `"key": value`, `[]` and `{}` kept empty).

use serde::Serialize;

/// `value` as pretty JSON, byte for byte what `serde_json::to_string_pretty` writes.
pub fn to_pretty_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .map(|compact| indent(&compact))
        .unwrap_or_default()
}

/// Lays out compact JSON text with two-space indentation, one member or element per line.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn indent_matches_serde_json_pretty_for_every_template() {
        for template in crate::templates::all() {
            let s = template.scenario();
            assert_eq!(
                to_pretty_json(&s),
                serde_json::to_string_pretty(&s).unwrap(),
                "{}",
                template.id
            );
        }
    }

    #[test]
    fn indent_keeps_punctuation_inside_strings_and_empty_containers() {
        let v = json!({
            "name": "a, b: {c} [d] \"e\" \\",
            "empty": [],
            "none": {},
            "nested": [[1, 2], {"k": [ ]}],
            "text": "한국어 ✓"
        });
        assert_eq!(
            indent(&serde_json::to_string(&v).unwrap()),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
