//! A comment on the essay after its body: a teacher's or an editor's
//! remarks pasted with it (教师评语：论点明确，结构清晰。, 【点评】…). They
//! judge the essay rather than argue its case, so, read as the essay's
//! closing, they restated its thesis. From the end, the paragraphs from the
//! last one that opens with a comment label are left out of the claims; the
//! document keeps their text.

use std::sync::LazyLock;

static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::nlp::lines(include_str!("comment_labels.txt"))
        .filter(|l| !l.starts_with('!'))
        .collect()
});

/// The `!` lines of `comment_labels.txt`: a grade's labels (得分, 总分),
/// which a report card in the essay's own text uses too (语文：118 /
/// 总分：253), so they count only with nothing but labelled lines after.
static GRADE_LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::nlp::lines(include_str!("comment_labels.txt"))
        .filter_map(|l| l.strip_prefix('!'))
        .collect()
});

/// Brackets a comment's label may stand in (【点评】, 〔批语〕, [评语]).
const LABEL_BRACKETS: [(char, char); 4] = [('【', '】'), ('〔', '〕'), ('［', '］'), ('[', ']')];

/// Does `paragraph` open with a comment label (评语：…, 【点评】…)?
pub fn opens_comment(paragraph: &str) -> bool {
    opens_with_label(paragraph, &LABELS)
}

/// Does `paragraph` open with a grade's label (得分：52/60, 等级：B+)?
pub fn opens_grade(paragraph: &str) -> bool {
    opens_with_label(paragraph, &GRADE_LABELS)
}

fn opens_with_label(paragraph: &str, labels: &[&str]) -> bool {
    let t = paragraph.trim_start_matches(super::sentence::is_space);
    if super::chars::strip_label(t, labels, &['：', ':']).is_some() {
        return true;
    }
    LABEL_BRACKETS.iter().any(|&(open, close)| {
        t.strip_prefix(open)
            .and_then(|rest| super::chars::strip_label(rest, labels, &[close]))
            .is_some()
    })
}

/// Longest label of a line of a marking rubric (结构：…, 文笔：…).
pub const RUBRIC_LABEL_MAX_CHARS: usize = 4;
/// Longest line of a marking rubric.
pub const RUBRIC_LINE_MAX_CHARS: usize = 24;

/// A short `label：remark` line, as a marking rubric lists its criteria
/// under a comment (评语：… / 结构：清晰。 / 文笔：流畅。 / 总分：42).
pub fn is_rubric_line(paragraph: &str) -> bool {
    let t = paragraph.trim_matches(super::sentence::is_space);
    let Some((label, _)) = t.split_once(['：', ':']) else {
        return false;
    };
    t.chars().count() <= RUBRIC_LINE_MAX_CHARS
        && (1..=RUBRIC_LABEL_MAX_CHARS).contains(&label.chars().count())
        && label.chars().all(super::chars::is_alphanumeric)
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
        assert!(opens_comment("〔批语〕立意明确。"));
        assert!(opens_grade("得分：52/60") && !opens_comment("得分：52/60"));
        assert!(opens_grade("等级：B+"));
        assert!(is_rubric_line("结构：层次分明。"));
        assert!(!is_rubric_line(&format!(
            "结构：{}",
            "层次分明。".repeat(12)
        )));
        assert!(!is_rubric_line("我的老师说：好。"));
        // The words in a sentence of the essay are not a label.
        assert!(!opens_comment("评语往往是老师对学生的期望。"));
        assert!(!opens_comment("老师的点评让我明白了很多。"));
    }
}
