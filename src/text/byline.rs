//! A byline under an essay's title: 文/李明, 作者：李明, 高三（2）班 李明.
//! It names the writer, argues nothing, and, read as text, became a section
//! heading over the whole essay or a first paragraph that pushed every
//! paragraph one place on. The layout leaves it out of the essay's claims;
//! the document keeps its text whole.

use std::sync::LazyLock;

/// Longest name after a byline's label or class, in characters (besides
/// spaces): a Chinese name, or two.
pub const MAX_NAME_CHARS: usize = 8;

/// Longest school-and-class part before the name (某某中学高三（2）班).
const MAX_CLASS_CHARS: usize = 16;

/// Longest name after a newspaper's position (本报评论员 欧阳小明).
const PERSON_NAME_MAX_CHARS: usize = 4;

static LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("bylines.txt")).collect());

static POSITIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::nlp::lines(include_str!("byline_positions.txt")).collect());

const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Words of a school class's name, one of which the part before 班 holds.
const SCHOOL_WORDS: &[&str] = &["高", "初", "年级", "级", "中学", "小学", "学校"];

/// Is this line, standing right under the title, a byline? Markdown's
/// emphasis around it (`*本报评论员 李明*`) is no part of it.
pub fn is_byline(line: &str) -> bool {
    let t: String = line
        .chars()
        .filter(|c| !super::sentence::is_space(*c))
        .collect();
    let t = t.trim_matches(['*', '_']);
    if let Some(name) = super::chars::strip_label(t, &LABELS, &['/', '／', '：', ':']) {
        return is_name(name);
    }
    // A position alone signs an editorial (本报评论员); after it, a
    // person's name, not a phrase (本报记者眼中的高考改革 is a subtitle).
    if let Some(position) = POSITIONS
        .iter()
        .filter(|p| t.starts_with(**p))
        .max_by_key(|p| p.len())
    {
        let name = &t[position.len()..];
        let name = name.strip_prefix(['：', ':']).unwrap_or(name);
        return name.is_empty() || (is_name(name) && name.chars().count() <= PERSON_NAME_MAX_CHARS);
    }
    names_a_class(t)
}

/// A short run of letters with no mark: a writer's name (李明, 张小红).
fn is_name(text: &str) -> bool {
    let n = text.chars().count();
    (1..=MAX_NAME_CHARS).contains(&n) && text.chars().all(char::is_alphanumeric)
}

/// 高三（2）班李明, 初二3班 王五, 某某中学高一一班 陈晨: a school class named by a
/// number, then at most a name. A heading that only holds 班 (一、站好最后一班岗,
/// 我们班的故事) names no class.
fn names_a_class(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    let Some(k) = chars.iter().rposition(|&c| c == '班') else {
        return false;
    };
    let numbered = k > 0 && {
        let c = chars[k - 1];
        super::chars::is_digit(c) || matches!(c, '）' | ')') || NUMERALS.contains(&c)
    };
    let head: String = chars[..k].iter().collect();
    let tail: String = chars[k + 1..].iter().collect();
    numbered
        && head.chars().count() <= MAX_CLASS_CHARS
        && SCHOOL_WORDS.iter().any(|w| head.contains(w))
        && !head.contains(['、', '，', ',', '。'])
        && (tail.is_empty() || is_name(&tail))
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
            "实验中学高三（2）班",
            "*本报评论员 李明*",
            "**文/李明**",
            "特约评论员　张小红",
            "*本报评论员*",
        ] {
            assert!(is_byline(line), "{line}");
        }
        for line in [
            "一、班级的力量",
            "一、站好最后一班岗",
            "站好最后一班岗",
            "三年级的那个冬天",
            "班级：一个温暖的家",
            "作者",
            "作者：一个平凡的人，一颗不平凡的心",
            "我们班的故事",
            "高三（2）班的同学们都在努力学习。",
            "文化的力量",
            "挑战自我，超越自我",
            "本报评论员文章：一个平凡的人",
            "本报记者眼中的高考改革",
        ] {
            assert!(!is_byline(line), "{line}");
        }
    }
}
