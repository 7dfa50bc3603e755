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

/// Openings of a name of address (尊敬的校长, 亲爱的同学们).
const ADDRESS_OPENINGS: &[&str] = &["尊敬的", "敬爱的", "亲爱的"];

/// Most characters of a name after 尊敬的, 敬爱的 or 亲爱的 when a colon
/// follows, as a letter's or a speech's salutation has it (亲爱的广大武汉
/// 市民们：)…
pub const SALUTATION_NAME_MAX_CHARS: usize = 12;
/// …and with no colon (亲爱的同学们！): longer, the words run on into what
/// the sentence says (敬爱的老师您辛苦了！).
pub const ADDRESS_NAME_MAX_CHARS: usize = 4;

/// Is `text` made of words of address and courtesy alone, with at least one?
pub fn is_formality(text: &str) -> bool {
    // The words of courtesy, where they stand; a name of address read from
    // its opening (亲爱的妈妈谢谢您 names no one: 妈妈谢谢您 is too long).
    let mut words = WORDS.find_iter(text).peekable();
    let mut at = 0;
    let mut found = false;
    while at < text.len() {
        let rest = &text[at..];
        while words.next_if(|m| m.start() < at).is_some() {}
        let named = ADDRESS_OPENINGS
            .iter()
            .find(|o| rest.starts_with(**o))
            .and_then(|o| address(&rest[o.len()..]));
        if let Some(after) = named {
            at = text.len() - after.len();
            found = true;
        } else if let Some(m) = words.next_if(|m| m.start() == at) {
            at = m.end();
            found = true;
        } else {
            let c = rest.chars().next().expect("not at the end");
            if crate::text::chars::is_alphanumeric(c) {
                return false;
            }
            at += c.len_utf8();
        }
    }
    found
}

/// The text after the names of an address (爸爸、妈妈：), when they are
/// names: short enough for what follows them ([`SALUTATION_NAME_MAX_CHARS`],
/// [`ADDRESS_NAME_MAX_CHARS`]).
fn address(text: &str) -> Option<&str> {
    let name_end = |t: &str| {
        t.char_indices()
            .find(|&(_, c)| !crate::text::chars::is_alphanumeric(c))
            .map_or(t.len(), |(i, _)| i)
    };
    let mut names = Vec::new();
    let mut at = 0;
    loop {
        let end = at + name_end(&text[at..]);
        names.push(text[at..end].chars().count());
        at = end;
        match text[at..].strip_prefix('、') {
            Some(_) => at += '、'.len_utf8(),
            None => break,
        }
    }
    let salutation = text[at..].starts_with(['：', ':']);
    let most = if salutation {
        SALUTATION_NAME_MAX_CHARS
    } else {
        ADDRESS_NAME_MAX_CHARS
    };
    names
        .iter()
        .all(|&n| (1..=most).contains(&n))
        .then(|| &text[at..])
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
            "亲爱的爸爸、妈妈：",
            "亲爱的自己：你好！",
            "亲爱的同学们！",
            "亲爱的广大武汉市民们：",
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
            "敬爱的老师您辛苦了！",
            "亲爱的妈妈谢谢您！",
            "",
            "。",
        ] {
            assert!(!is_formality(t), "{t}");
        }
    }
}
