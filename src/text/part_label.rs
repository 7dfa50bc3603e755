//! A heading that only names a part of the essay: 结语, 引言, 一、前言,
//! 片断二, 第三部分, or a bare ordinal (一, （二）). It tells the reader
//! where they are, not what the section argues, so it is no claim to argue
//! for (a section heading otherwise is the section's main idea).

use std::sync::LazyLock;

/// One label of `part_labels.txt`: the words around where a number stands.
struct Label {
    before: String,
    /// Whether a number follows `before` (片断一), then `after` (第三部分).
    numbered: bool,
    after: String,
}

static LABELS: LazyLock<Vec<Label>> = LazyLock::new(|| {
    crate::nlp::lines(include_str!("part_labels.txt"))
        .map(|line| match line.split_once('#') {
            Some((before, after)) => Label {
                before: before.trim().to_lowercase(),
                numbered: true,
                after: after.trim().to_lowercase(),
            },
            None => Label {
                before: line.trim().to_lowercase(),
                numbered: false,
                after: String::new(),
            },
        })
        .collect()
});

pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || crate::text::chars::narrow_alphanumeric(c).is_some_and(|n| n.is_ascii_digit())
        || "〇零一二三四五六七八九十百两壹贰叁肆伍陆柒捌玖拾ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ".contains(c)
}

/// `text` less an ordinal that opens it (一、, 1., （二）, (3)) and the
/// spaces after it.
fn without_ordinal(text: &str) -> &str {
    let t = text.trim_start_matches(['（', '(']);
    let digits = t.trim_start_matches(is_numeral);
    if digits.len() == t.len() {
        return text;
    }
    match digits.chars().next() {
        Some(c) if "、.．)）:：".contains(c) => digits[c.len_utf8()..].trim_start(),
        _ => text,
    }
}

/// Whether heading `text` only names a part of the essay: a label of
/// `part_labels.txt`, or an ordinal alone (一, （二）, 3.).
pub fn is_part_label(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || "：:。.！!、".contains(c));
    let bare = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    if !bare.is_empty() && bare.chars().all(is_numeral) {
        return true;
    }
    let t = without_ordinal(t).trim().to_lowercase();
    if t.is_empty() {
        return false;
    }
    LABELS.iter().any(|l| {
        if !l.numbered {
            return t == l.before;
        }
        let Some(rest) = t.strip_prefix(l.before.as_str()) else {
            return false;
        };
        let rest = rest.trim_start();
        let number = rest.trim_start_matches(is_numeral);
        number.len() < rest.len() && number.trim_start() == l.after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_parts() {
        for t in [
            "结语",
            "结语：",
            "一、引言",
            "（三）结语",
            "4. 总结",
            "片断一",
            "片段 2",
            "镜头3",
            "第三部分",
            "第 3 节",
            "Conclusion",
            "写在最后",
            "尾声。",
            "一",
            "一、",
            "（二）",
            "3.",
            "Ⅳ",
        ] {
            assert!(is_part_label(t), "{t}");
        }
    }

    #[test]
    fn headings_that_say_something() {
        for t in [
            "劳动能增长才干",
            "一、站好最后一班岗",
            "三、幸福瞬间",
            "结语之后的思考",
            "总结经验，继续前进",
            "片断",
            "第三部分的意义",
            "一心一意",
            "十全十美",
            "",
        ] {
            assert!(!is_part_label(t), "{t}");
        }
    }
}
