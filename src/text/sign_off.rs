//! A letter's closing: 此致 / 敬礼, the signature and the date that end a
//! letter, an open letter or a proposal (书信, 倡议书). They stand as short
//! lines after the last paragraph; read as text they became section
//! headings and "main ideas" (a signature heading a section holding the
//! date). The layout leaves them out of the essay's claims; the document
//! keeps its text whole.

use std::sync::LazyLock;

/// Longest line, in characters, that can be part of a letter's closing.
pub const MAX_CHARS: usize = 30;

static FORMULAS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("letter_closings.txt")).collect());

static SIGNER_LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("signer_labels.txt")).collect());

/// Most characters of the name after a signer's label (倡议人：高一（3）班 小明).
pub const SIGNER_NAME_MAX_CHARS: usize = 16;

/// A line that names the letter's signer by a label (`signer_labels.txt`):
/// 倡议人：小明, 演讲人: 李华.
pub fn is_signed_by_label(text: &str) -> bool {
    let t = text.trim();
    let Some((label, name)) = t.split_once(['：', ':']) else {
        return false;
    };
    let name = name.trim();
    SIGNER_LABELS.contains(&label.trim())
        && !name.is_empty()
        && name.chars().count() <= SIGNER_NAME_MAX_CHARS
        && !super::sentence::ends_sentence(name)
}

/// The line without spaces and the marks that may follow a formula.
fn core(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '！' | '!' | '，' | ',' | '：' | ':' | '。'))
        .collect()
}

/// A closing formula on a line of its own: 此致, 敬礼！
pub fn is_formula(text: &str) -> bool {
    let c = core(text);
    FORMULAS.iter().any(|f| *f == c)
}

/// A date on a line of its own: 2020年3月8日, 二〇二〇年三月八日, 2018.12.31.
pub fn is_date(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |c: char| super::chars::is_digit(c) || "〇零一二三四五六七八九十".contains(c);
    let digits = t.chars().filter(|&c| numeral(c)).count();
    let marks = t.chars().filter(|c| "年月日号".contains(*c)).count();
    let separators = t.chars().filter(|c| "./-".contains(*c)).count();
    t.chars().count() <= 16
        && digits >= 2
        && t.chars().all(|c| numeral(c) || "年月日号./-".contains(c))
        && (marks >= 2 || separators >= 2)
}

/// Most characters of a signature line without a colon (一位普通的中学生,
/// 高一(3)班 李明); a line with one (倡议人：…) names its signer.
pub const SIGNATURE_MAX_CHARS: usize = 12;

/// A line that can sign a letter: short, or a "role：name" line.
pub fn is_signature(text: &str) -> bool {
    text.chars()
        .filter(|&c| super::chars::is_alphanumeric(c))
        .count()
        <= SIGNATURE_MAX_CHARS
        || text.contains(['：', ':'])
}

/// A line that can belong to a letter's closing: short, and not a finished
/// sentence (a formula may end with ！).
pub fn could_close(text: &str) -> bool {
    text.chars().count() <= MAX_CHARS && (is_formula(text) || !super::sentence::ends_sentence(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_dates_and_lines_that_could_close() {
        assert!(is_formula("此致") && is_formula("敬礼！") && is_formula(" 此致敬礼 "));
        assert!(!is_formula("致敬那些逆行者"));
        assert!(is_date("2020年3月8日") && is_date("二〇二〇年三月八日") && is_date("2018.12.31"));
        assert!(!is_date("2020年") && !is_date("3月8日那天，我们出发了") && !is_date("12"));
        assert!(could_close("倡议人：学生会宣传部部长李明") && could_close("敬礼！"));
        assert!(!could_close("让我们一起行动起来吧。"));
        assert!(is_signature("一位普通的中学生") && is_signature("倡议人：学生会宣传部部长李明"));
        assert!(!is_signature("让我们从现在做起珍惜每一分钟吧"));
        assert!(
            is_signed_by_label("倡议人：小明") && is_signed_by_label("演讲人: 高一（3）班 李华")
        );
        assert!(
            !is_signed_by_label("倡议人：我们要节约用水。") && !is_signed_by_label("小明：你好")
        );
    }
}
