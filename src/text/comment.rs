//! A comment on the essay after its body: a teacher's or an editor's
//! remarks pasted with it (教师评语：论点明确，结构清晰。, 【点评】…). They
//! judge the essay rather than argue its case, so, read as the essay's
//! closing, they restated its thesis. From the end, the paragraphs from the
//! last one that opens with a comment label are left out of the claims; the
//! document keeps their text.

use std::sync::LazyLock;

static LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("comment_labels.txt")).collect());

/// Does `paragraph` open with a comment label (评语：…, 【点评】…)?
pub fn opens_comment(paragraph: &str) -> bool {
    let t = paragraph.trim_start_matches(super::sentence::is_space);
    if super::chars::strip_label(t, &LABELS, &['：', ':']).is_some() {
        return true;
    }
    t.strip_prefix('【')
        .and_then(|rest| super::chars::strip_label(rest, &LABELS, &['】']))
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_labels() {
        assert!(opens_comment(
            "教师评语：论点明确，结构清晰，但论据稍显单薄。"
        ));
        assert!(opens_comment("点评: 文章层次分明。"));
        assert!(opens_comment("【总评】立意高远。"));
        // The words in a sentence of the essay are not a label.
        assert!(!opens_comment("评语往往是老师对学生的期望。"));
        assert!(!opens_comment("老师的点评让我明白了很多。"));
    }
}
