//! A title given with a label at the start of a line: 题目：…,
//! 标题：…, Title: …. Such a line is the essay's title even where its
//! punctuation would make it a sentence (题目：机遇，成功之花 has two clause
//! marks), and the label is left out of the title, as Markdown's `#` is.

use std::sync::LazyLock;

static LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("title_labels.txt")).collect());

/// Longest labelled title, in characters: past this the line is text that
/// happens to open with a label word (题：…, a whole paragraph).
pub const MAX_CHARS: usize = 40;

/// Where the title starts in `line` (a byte offset past the label, its
/// colon and any spaces), when the line is a labelled title.
pub fn title_start(line: &str) -> Option<usize> {
    let rest = super::chars::strip_label(line, &LABELS, &['：', ':'])?;
    let title = rest.trim_start_matches(super::sentence::is_space);
    let chars = title.chars().count();
    (chars > 0 && chars <= MAX_CHARS && title.chars().any(char::is_alphanumeric))
        .then_some(line.len() - title.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_titles() {
        assert_eq!(title_start("题目：机遇，成功之花"), Some("题目：".len()));
        assert_eq!(title_start("作文题目: 论诚信"), Some("作文题目: ".len()));
        assert_eq!(title_start("Title: On Trust"), Some("Title: ".len()));
        // A debate speech's motion names it.
        assert_eq!(
            title_start("辩题：网络让人与人的距离更近了"),
            Some("辩题：".len())
        );
        // A label word opening a sentence, or a label with nothing after it.
        assert_eq!(title_start("题目很难，我想了很久。"), None);
        assert_eq!(title_start("题目："), None);
        assert_eq!(title_start("标题：……"), None);
        // A paragraph that opens with 题： is text.
        let long = format!("题：{}", "这是一个很长的段落".repeat(6));
        assert_eq!(title_start(&long), None);
    }
}
