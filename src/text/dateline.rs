//! A dateline under an article's title: the date, time and source that a
//! newspaper or a web page prints there (2026-11-20 08:30 来源：本报评论部;
//! 发布时间：2026年11月20日). Like a byline it argues nothing; read as text it
//! became a heading over the first paragraph and was joined to its first
//! sentence. The layout leaves it out of the essay's claims; the document
//! keeps its text whole.

use std::sync::LazyLock;

/// Most characters of a dateline (besides spaces): a date, a time, a
/// source's name.
pub const MAX_CHARS: usize = 40;

static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::nlp::lines(include_str!("dateline_labels.txt"))
        .chain(crate::nlp::lines(include_str!("bylines.txt")))
        .collect()
});

/// Marks that part the clauses of a sentence: a line holding one says
/// something (作者：一个平凡的人，一颗不平凡的心), a dateline does not.
const CLAUSE_MARKS: &[char] = &['，', ',', '、', '；', ';'];

/// Is this line, standing under the title, a dateline?
pub fn is_dateline(line: &str) -> bool {
    let t: String = line
        .chars()
        .filter(|c| !super::sentence::is_space(*c))
        .collect();
    // No end mark anywhere: a hard-wrapped line of text that holds a date
    // (2019年10月1日早上我五点就起床了。爸爸说…) is no dateline.
    if t.is_empty()
        || t.chars().count() > MAX_CHARS
        || t.contains(['。', '！', '？', '!', '?', '…'])
        || t.contains(CLAUSE_MARKS)
    {
        return false;
    }
    holds_date(line)
        || super::chars::strip_label(&t, &LABELS, &['：', ':']).is_some_and(|rest| !rest.is_empty())
}

/// Holds a date written with its year: 2026-11-20, 2026/11/20, 2026.11.20,
/// 2026年11月20日 (full-width digits too).
fn holds_date(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|i| date_at(&chars[i..]))
}

/// Does a date open `c`: four digits, a separator, one or two digits, the
/// same separator (or 月 after 年), one or two digits?
fn date_at(c: &[char]) -> bool {
    let digits = |from: usize, max: usize| {
        c[from.min(c.len())..]
            .iter()
            .take(max)
            .take_while(|&&ch| super::chars::is_digit(ch))
            .count()
    };
    if digits(0, 4) != 4 || c.get(4).is_some_and(|&ch| super::chars::is_digit(ch)) {
        return false;
    }
    let Some(&sep) = c.get(4) else {
        return false;
    };
    let second = match sep {
        '-' | '/' | '.' => sep,
        '年' => '月',
        _ => return false,
    };
    let month = digits(5, 2);
    month > 0 && c.get(5 + month) == Some(&second) && digits(6 + month, 2) > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        for line in [
            "2026-11-20 08:30 来源：本报评论部",
            "2026年11月20日",
            "来源：人民日报",
            "发布时间：2026/11/20 10:05",
            "作者：李明 来源：人民网",
            "人民日报 ２０２６年１１月２０日 05版",
            "2026.11.20",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "2026年11月20日，我们迎来了新的一天。",
            "2026年，是不平凡的一年",
            "2019年10月1日早上我五点就起床了。爸爸说我们要去天安门广场看",
            "作者：一个平凡的人，一颗不平凡的心",
            "来源：",
            "时间都去哪儿了",
            "20261120",
            "1234-5-",
            "论诚信",
            "编辑部的故事",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }
}
