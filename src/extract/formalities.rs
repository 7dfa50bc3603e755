//! Words of address and courtesy (`formalities.txt`): the greeting that
//! opens a speech or a debate speech (谢谢主席。各位评委、对方辩友，大家好。)
//! and the thanks that close it (谢谢！). A sentence made of nothing else
//! argues nothing, so it is `other`, never the thesis: read as text, the
//! greeting became a debate speech's thesis and 谢谢！ its conclusion.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(crate::nlp::lines(include_str!("formalities.txt")))
        .expect("formalities.txt phrases build an automaton")
});

/// Openings of a name of address (尊敬的校长, 亲爱的同学们): the name runs
/// to the next mark.
const ADDRESS_OPENINGS: &[&str] = &["尊敬的", "敬爱的", "亲爱的"];

/// Most characters of the name after 尊敬的 or 亲爱的.
pub const ADDRESS_NAME_MAX_CHARS: usize = 12;

/// Is `text` made of words of address and courtesy alone, with at least one?
pub fn is_formality(text: &str) -> bool {
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    let mut found = false;
    for m in WORDS.find_iter(text) {
        rest.push_str(&text[last..m.start()]);
        last = m.end();
        found = true;
    }
    rest.push_str(&text[last..]);
    let mut chars = rest.as_str();
    let mut left = String::new();
    while !chars.is_empty() {
        if let Some(opening) = ADDRESS_OPENINGS.iter().find(|o| chars.starts_with(**o)) {
            let name = &chars[opening.len()..];
            let end = name
                .char_indices()
                .find(|&(_, c)| !crate::text::chars::is_alphanumeric(c))
                .map_or(name.len(), |(i, _)| i);
            if name[..end].chars().count() <= ADDRESS_NAME_MAX_CHARS {
                found = true;
                chars = &name[end..];
                continue;
            }
        }
        let c = chars.chars().next().expect("not empty");
        left.push(c);
        chars = &chars[c.len_utf8()..];
    }
    found && !left.chars().any(crate::text::chars::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::is_formality;

    #[test]
    fn greetings_and_thanks_alone_are_formalities() {
        for t in [
            "谢谢主席。",
            "谢谢主席，各位评委、对方辩友，大家好！",
            "谢谢！",
            "尊敬的校长：",
            "尊敬的各位评委，亲爱的同学们：",
            "老师们，同学们：",
            "我的演讲到此结束，谢谢大家。",
        ] {
            assert!(is_formality(t), "{t}");
        }
    }

    #[test]
    fn a_sentence_that_says_something_is_not() {
        for t in [
            "谢谢你，妈妈！",
            "同学们，让我们行动起来！",
            "我方认为，网络让人更亲近。",
            "尊敬的校长：您好！我是高二（3）班的一名学生。",
            "",
            "。",
        ] {
            assert!(!is_formality(t), "{t}");
        }
    }
}
