//! A byline under an essay's title: 文/李明, 作者：李明, 高三（2）班 李明.
//! It names the writer, argues nothing, and, read as text, became a section
//! heading over the whole essay or a first paragraph that pushed every
//! paragraph one place on. The layout leaves it out of the essay's claims;
//! the document keeps its text whole.

use std::sync::LazyLock;

/// Longest byline, in characters (a school, a class and a name).
pub const MAX_CHARS: usize = 30;

static LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("bylines.txt")).collect());

const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Is this line, standing right under the title, a byline?
pub fn is_byline(line: &str) -> bool {
    let t = line.trim_matches(super::sentence::is_space);
    if t.is_empty() || t.chars().count() > MAX_CHARS || super::sentence::ends_sentence(t) {
        return false;
    }
    let labelled = LABELS.iter().any(|l| {
        t.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
            && t.len() > l.len()
    });
    labelled || names_a_class(t)
}

/// 高三（2）班, 初二3班, 高一一班, 三年级: a school class, named by a number.
fn names_a_class(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(2).any(|w| {
        let numbered = w[0].is_ascii_digit()
            || matches!(w[0], '）' | ')')
            || NUMERALS.contains(&w[0])
            || ('０'..='９').contains(&w[0]);
        numbered && w[1] == '班'
    }) || chars
        .windows(3)
        .any(|w| NUMERALS.contains(&w[0]) && w[1] == '年' && w[2] == '级')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        for line in [
            "文/李明",
            "文／张小红",
            "作者：王芳",
            "高三（2）班 李明",
            "初二3班 王五",
            "高一一班　陈晨",
        ] {
            assert!(is_byline(line), "{line}");
        }
        for line in [
            "一、班级的力量",
            "作者",
            "我们班的故事",
            "高三（2）班的同学们都在努力学习。",
            "文化的力量",
            "挑战自我，超越自我",
        ] {
            assert!(!is_byline(line), "{line}");
        }
    }
}
