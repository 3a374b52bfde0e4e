//! JSON text of keys and variant names, computed at expansion time: `r#` removal and
//! escaping exactly as serde_json escapes strings.

use std::fmt::Write as _;

/// The name serde uses for an identifier: `r#type` is `type`.
pub fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(stripped) => stripped.to_owned(),
        None => name,
    }
}

/// `s` as a quoted JSON string, escaped like serde_json (`\"`, `\\`, `\b\t\n\f\r`, and
/// `\u00XX` for the other control characters; everything else as it is).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            ch if (ch as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn escapes_like_serde_json() {
        assert_eq!(quoted("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quoted("\u{1}\u{1f}\n"), r#""\u0001\u001f\n""#);
        assert_eq!(quoted("é\u{7f}"), "\"é\u{7f}\"");
    }
}
