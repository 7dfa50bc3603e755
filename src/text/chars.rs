//! Character classes asked of every character of every sentence, answered
//! at once for ASCII, the common CJK ideographs and Chinese punctuation.
//! The standard library looks every non-ASCII character up in its Unicode
//! tables, which was a twentieth of extraction on Chinese text; the answers
//! are the standard library's (test `same_answers_as_the_standard_library`).

/// [`char::is_alphanumeric`]: letters, digits and CJK characters.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match fast(c) {
        Some(x) => x,
        None => c.is_alphanumeric(),
    }
}

/// [`char::is_alphabetic`]: letters and CJK characters.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match fast(c) {
        Some(x) => x,
        None => c.is_alphabetic(),
    }
}

/// The ASCII letter or digit, lower-cased, that a full-width one stands
/// for (Ｇ → g, ２ → 2): how the search index and its queries hold it
/// ([`narrow_width`]).
#[inline]
pub fn narrow_alphanumeric(c: char) -> Option<char> {
    wide_to_ascii(c).map(|a| a.to_ascii_lowercase())
}

/// `text` with its full-width letters and digits as ASCII ones, case kept
/// (５Ｇ → 5G); borrowed when it has none. jieba keeps a run of ASCII
/// letters and digits whole and finds dictionary words such as A股 in it,
/// but cuts full-width ones a character at a time, so the search index is
/// cut from this. The same length in characters, not in bytes.
pub fn narrow_width(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_wide_alphanumeric(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| wide_to_ascii(c).unwrap_or(c))
            .collect(),
    )
}

/// Does `text` hold a full-width letter or digit ([`narrow_width`] would
/// change it)?
pub fn has_wide_alphanumeric(text: &str) -> bool {
    text.chars().any(|c| wide_to_ascii(c).is_some())
}

/// A digit 0–9, ASCII or full-width (２０２６).
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

#[inline]
fn wide_to_ascii(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Appends `c` lower-cased, as [`char::to_lowercase`] gives it; CJK
/// ideographs and punctuation have no case and are copied without the
/// table lookup.
#[inline]
pub fn push_lowercase(out: &mut String, c: char) {
    match c {
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{2000}'..='\u{206F}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// The answer for characters that are alphanumeric exactly when alphabetic
/// (every non-ASCII one below), where it is known without a table.
#[inline]
fn fast(c: char) -> Option<bool> {
    match c {
        _ if c.is_ascii() => Some(c.is_ascii_alphanumeric()),
        // CJK unified ideographs.
        '\u{4E00}'..='\u{9FFF}' => Some(true),
        // General punctuation (quotes, dashes, ellipses, spaces).
        '\u{2000}'..='\u{206F}' => Some(false),
        // Ideographic space, 、。〃〄 and the CJK brackets 〈〉《》「」『』【】….
        '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => Some(false),
        // Full-width ！＂＃…／ and ：；＜＝＞？＠.
        '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' => Some(false),
        _ => None,
    }
}

/// Stored text made safe to print on a terminal: characters that reorder
/// or overwrite what is shown (bidirectional overrides and isolates such as
/// U+202E, carriage returns, other control characters) appear as
/// `⟨U+202E⟩` instead of acting, and so do private-use characters. JSON
/// output keeps the exact text.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    shown_escaping(s, escaped_on_terminal)
}

/// [`visible`] for what must stay on one line, a path above all: a newline
/// in a file name shows as `⟨U+000A⟩` too (in stored text a newline is a
/// line of the essay, and is kept).
pub fn visible_line(s: &str) -> std::borrow::Cow<'_, str> {
    shown_escaping(s, |c| c == '\n' || escaped_on_terminal(c))
}

/// An essay's title as a terminal line names it: 《title》 ([`visible`]),
/// or `(untitled)` bare, so the placeholder is not read as a title. A title
/// that opens with its own mark (《网络让人更远了》——反方二辩驳论) is shown
/// as written, not marked twice; a work named inside one takes the inner
/// marks, as Chinese typesetting nests them (《读〈红楼梦〉有感》).
pub fn book_title(title: Option<&str>) -> String {
    match title {
        None => "(untitled)".to_owned(),
        Some(t) if t.starts_with('《') => visible_line(t).into_owned(),
        // 【生活需要微笑】: the brackets only set the title off.
        Some(t) if t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1 => {
            book_title(Some(&t['【'.len_utf8()..t.len() - '】'.len_utf8()]))
        }
        Some(t) => format!(
            "《{}》",
            visible_line(t).replace('《', "〈").replace('》', "〉")
        ),
    }
}

/// Byte ranges of `text` inside quotation marks (“…”, 「…」, 『…』, "…"),
/// the marks left out; nested quotations fall inside their outer one, and a
/// quotation left open runs to the end.
pub fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut depth = 0u32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let opens = match c {
            '“' | '「' | '『' => true,
            '”' | '」' | '』' => false,
            '"' => depth == 0,
            _ => continue,
        };
        if opens {
            if depth == 0 {
                start = i + c.len_utf8();
            }
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
            if depth == 0 {
                spans.push(start..i);
            }
        }
    }
    if depth > 0 {
        spans.push(start..text.len());
    }
    spans
}

/// `s` with every character `escape` picks written as `⟨U+XXXX⟩`.
pub fn shown_escaping(s: &str, escape: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(&escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A character shown as `⟨U+XXXX⟩` on a terminal: one that reorders or
/// overwrites what a terminal shows, or a private-use character, which has
/// no meaning outside the input method that made it, no agreed glyph and no
/// agreed width (three corpus titles end in U+E004, and their rows of
/// `list essays` came out a column off).
pub fn escaped_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// The rest of `text` after a label that opens it and one of `marks` right
/// after the label (题目：…, 文/…): the longest such label of `labels`, Latin
/// letters matched without regard to case.
pub fn strip_label<'a>(text: &'a str, labels: &[&str], marks: &[char]) -> Option<&'a str> {
    labels
        .iter()
        .filter(|l| {
            text.get(..l.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(l))
        })
        .filter_map(|l| {
            let rest = &text[l.len()..];
            let mark = rest.chars().next().filter(|c| marks.contains(c))?;
            Some((l.len(), &rest[mark.len_utf8()..]))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_spans_leave_the_marks_out() {
        let t = "他说“我「想」去”，又说\"好\"。";
        let spans: Vec<&str> = quoted_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["我「想」去", "好"]);
        let open = "她喊：“快来";
        assert_eq!(&open[quoted_spans(open)[0].clone()], "快来");
        assert!(quoted_spans("”没有开头的引号。").is_empty());
    }

    #[test]
    fn same_answers_as_the_standard_library() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            let mut ours = String::new();
            push_lowercase(&mut ours, c);
            assert_eq!(ours, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn private_use_characters_are_shown_by_their_code() {
        assert_eq!(visible("心中的彩虹\u{E004}"), "心中的彩虹⟨U+E004⟩");
        assert_eq!(visible_line("a\u{F0001}.txt"), "a⟨U+F0001⟩.txt");
        assert_eq!(visible("读书使人明智。"), "读书使人明智。");
    }

    #[test]
    fn a_title_is_marked_once() {
        assert_eq!(book_title(Some("论读书")), "《论读书》");
        assert_eq!(
            book_title(Some("《网络让人更远了》——反方二辩驳论")),
            "《网络让人更远了》——反方二辩驳论"
        );
        assert_eq!(book_title(Some("读《红楼梦》有感")), "《读〈红楼梦〉有感》");
        assert_eq!(book_title(Some("【生活需要微笑】")), "《生活需要微笑》");
        assert_eq!(book_title(None), "(untitled)");
    }
}
