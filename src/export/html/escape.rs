//! Escaping for the three places text lands in the report: element content,
//! double-quoted attributes, and the JSON the page script reads.

use std::borrow::Cow;

/// Text as element content (`&`, `<`, `>` escaped).
pub fn text(s: &str) -> Cow<'_, str> {
    match shown(s) {
        Cow::Borrowed(s) => html_escape::encode_text(s),
        Cow::Owned(s) => Cow::Owned(html_escape::encode_text(&s).into_owned()),
    }
}

/// Text inside a double-quoted attribute value.
pub fn attr(s: &str) -> Cow<'_, str> {
    match shown(s) {
        Cow::Borrowed(s) => html_escape::encode_double_quoted_attribute(s),
        Cow::Owned(s) => Cow::Owned(html_escape::encode_double_quoted_attribute(&s).into_owned()),
    }
}

/// Control characters and noncharacters, which HTML forbids (a file name
/// may hold them; stored text has none), shown as `⟨U+001B⟩`.
fn shown(s: &str) -> Cow<'_, str> {
    crate::text::chars::shown_escaping(s, crate::text::decode::is_stray_control)
}

/// JSON for a `<script type="application/json">` block. Outside strings JSON
/// has no `<`, `>` or `&`, and inside them `\u003c` means the same as `<`, so
/// escaping them keeps the value and means no `</script>` or `<!--` in a
/// claim can end the block early.
pub fn json_script(value: &impl serde::Serialize) -> String {
    let s = serde_json::to_string(value).expect("the report's data serialises");
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Legal in JSON, but line terminators in older script parsers.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_noncharacters_are_shown() {
        assert_eq!(text("a\u{1b}[31m<b>"), "a⟨U+001B⟩[31m&lt;b&gt;");
        assert_eq!(attr("x\u{fffe}\"y"), "x⟨U+FFFE⟩&quot;y");
        assert!(matches!(text("论点。"), Cow::Borrowed(_)));
    }

    #[test]
    fn hostile_text_cannot_leave_its_context() {
        let hostile = "</script><script>alert(1)</script> & \"q\" 'a' ]]> </style>";
        let t = text(hostile);
        assert!(!t.contains('<') && !t.contains('>'));
        let a = attr(hostile);
        assert!(!a.contains('"') && !a.contains('<'));
        let j = json_script(&serde_json::json!({ "text": hostile }));
        assert!(!j.contains('<') && !j.contains('>') && !j.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back["text"], hostile);
    }
}
