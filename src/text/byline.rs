//! A byline under an essay's title: 文/李明, 作者：李明, 高三（2）班 李明.
//! It names the writer, argues nothing, and, read as text, became a section
//! heading over the whole essay or a first paragraph that pushed every
//! paragraph one place on. The layout leaves it out of the essay's claims;
//! the document keeps its text whole.

use std::sync::LazyLock;

/// Longest name after a byline's label or class, in characters (besides
/// spaces): a Chinese name, or two.
pub const MAX_NAME_CHARS: usize = 8;

/// Longest byline, in characters (班级：高一（3）班　姓名：欧阳小明　学号：23).
pub const MAX_CHARS: usize = 40;

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
    // Every line of a file is asked: a long one is text at once.
    if line.len() > 4 * MAX_CHARS || line.chars().count() > MAX_CHARS {
        return false;
    }
    let t: String = line
        .chars()
        .filter(|c| !super::sentence::is_space(*c))
        .collect();
    let t = t.trim_matches(['*', '_']);
    is_single_byline(t) || is_record(line.trim_matches(|c: char| c == '*' || c == '_'))
}

/// A byline of one part, its spaces removed: 文/李明, 本报评论员李明,
/// 高三（2）班李明.
fn is_single_byline(t: &str) -> bool {
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

static FIELDS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    crate::nlp::lines(include_str!("byline_fields.tsv"))
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// Class names as Hong Kong and Taiwan schools write them: 中四甲班,
/// 中四（甲）班, 高二忠班, 二年十班, 4A, S4A.
static CLASS_CODE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:中[一二三四五六][（(]?[甲乙丙丁戊己庚辛A-Za-z][）)]?班?|[高初国國][一二三][忠孝仁爱愛信义義和平智勇礼禮]班?|[一二三四五六七八九]年[一二三四五六七八九十0-9]{1,3}班|[SsFfPp]?[1-6][A-Za-z])$",
    )
    .expect("the class pattern compiles")
});

/// A seat or student number, alone or after a name: 15号, （12）, 陈大文（12）.
static NUMBERED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(\p{Han}{2,4})?(?:[（(][0-9０-９]{1,3}[）)]|第?[0-9０-９]{1,3}[号號])$")
        .expect("the number pattern compiles")
});

/// A student's record on one line, its parts parted by spaces: 班级：高一（3）班
/// 姓名：李明, 中四甲班 陈大文（12）, 高二忠班 王小明, 二年十班 15号 林怡君, 座号：15.
/// Every part is a field (`byline_fields.tsv`), a class, a name or a
/// number, and one at least is a field or a class.
pub fn is_record(line: &str) -> bool {
    if line.len() > 4 * MAX_CHARS || line.chars().count() > MAX_CHARS {
        return false;
    }
    let parts: Vec<&str> = line
        .split(super::sentence::is_space)
        .filter(|p| !p.is_empty())
        .collect();
    let mut anchored = false;
    for part in &parts {
        if let Some((label, value)) = part.split_once(['：', ':']) {
            let Some(&(_, kind)) = FIELDS.iter().find(|(l, _)| *l == label) else {
                return false;
            };
            if !field_value(kind, value) {
                return false;
            }
            anchored = true;
        } else if is_class(part) {
            anchored = true;
        } else if !(is_person(part) || NUMBERED.is_match(part)) {
            return false;
        }
    }
    anchored && parts.len() <= RECORD_MAX_PARTS
}

/// Most parts of a student's record on a byline.
const RECORD_MAX_PARTS: usize = 4;

/// Is `value` what a field of `kind` holds (`byline_fields.tsv`)?
fn field_value(kind: &str, value: &str) -> bool {
    match kind {
        "name" => is_name(value),
        "class" => is_class(value),
        "number" => {
            (1..=12).contains(&value.chars().count()) && value.chars().all(super::chars::is_digit)
        }
        "school" => {
            value.chars().count() <= MAX_CLASS_CHARS
                && ["中学", "小学", "学校", "學校", "书院", "書院"]
                    .iter()
                    .any(|w| value.ends_with(w))
        }
        _ => false,
    }
}

/// A school class, alone or with its student's name run on (高一（3）班,
/// 高三（2）班李明, 中四甲班, 4A).
fn is_class(text: &str) -> bool {
    CLASS_CODE.is_match(text) || names_a_class(text)
}

/// A person's name standing alone in a record: two to four characters.
fn is_person(text: &str) -> bool {
    (2..=PERSON_NAME_MAX_CHARS).contains(&text.chars().count())
        && text.chars().all(char::is_alphanumeric)
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
        && (tail.is_empty() || is_person(&tail))
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
            "班级：高一（3）班　姓名：李明",
            "学号：23　姓名：王芳",
            "中四甲班　陈大文（12）",
            "4A 陈大文（12）",
            "S4A 陈大文 (12)",
            "中四（甲）班",
            "高二忠班 王小明",
            "二年十班　15号　林怡君",
            "座号：15",
            "高三（2）班李明",
            "班级：中四甲　姓名：陈大文",
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
            "学号：二三",
            "中四的那个夏天",
            "高二那年 我长大了",
            "一年 四季 春夏秋冬",
            "高三（2）班的兄弟姐妹",
        ] {
            assert!(!is_byline(line), "{line}");
        }
        // Under the first title 学生：陈大文 names the writer; elsewhere a
        // line opened so is as often dialogue, and no student's record.
        assert!(is_byline("学生：陈大文") && !is_record("学生：我明白了"));
    }
}
