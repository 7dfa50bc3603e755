//! Does a claim name concrete evidence: a named person, place or
//! organisation (jieba dictionary tags nr/nrt/nrfg/ns/nt), a Latin-script
//! name or code of two letters or more (Facebook, Q3), a number or date
//! (m/t words with digits, or numerals with a unit: 百亿, 六成, 2019年)?
//! Decided at ingest from the sentence's one cut and stored with the claim;
//! the audit's evidence-free-section rule and its evidence ratio read it.
//! jieba's tags are a dictionary's, not a trained recogniser's: some common
//! words carry name tags (明白/nr, 深度/ns) and are listed in
//! `not_names.txt`.

use super::words::{Class, Words};
use crate::nlp;
use std::collections::HashSet;
use std::sync::LazyLock;

const NUMERAL_UNITS: &[char] = &[
    '亿', '万', '千', '百', '成', '%', '％', '倍', '年', '月', '日',
];

/// Common words the dictionary tags as names (明白/nr, 深度/ns).
static NOT_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| nlp::lines(include_str!("not_names.txt")).collect());

/// Concrete evidence in `text`, whose words are `words`.
pub fn in_words(text: &str, words: &Words) -> bool {
    let chinese = std::cell::OnceCell::new();
    words.iter(text).any(|(w, class)| match class {
        Class::Person | Class::Place | Class::Organisation => {
            w.chars().count() >= 2 && !NOT_NAMES.contains(w)
        }
        // A Latin-script word in Chinese text is a name or a code; in text
        // with no Chinese (an imported English map) every word is Latin, and
        // every claim would count as evidence. Asked at the first Latin
        // word, once, so the text of a claim without one is not scanned.
        Class::Latin => {
            w.chars().count() >= 2
                && *chinese.get_or_init(|| text.chars().any(crate::text::script::is_ideograph))
        }
        Class::Numeral | Class::Time => {
            w.chars().any(crate::text::chars::is_digit)
                || (w.chars().count() >= 2
                    && w.ends_with(NUMERAL_UNITS)
                    && w.chars().any(is_numeral))
        }
        _ => false,
    })
}

/// Concrete evidence in `text`, cutting it first (for claims stored
/// without the flag).
pub fn in_text(text: &str) -> bool {
    in_words(text, &Words::of(text))
}

fn is_numeral(c: char) -> bool {
    "零一二三四五六七八九十百千万亿两半几".contains(c) || c.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_dates_are_evidence_common_words_are_not() {
        for t in [
            "鲁迅弃医从文。",
            "2019年，营收增长了三成。",
            "Facebook 改名为 Meta。",
            "市场规模达到百亿。",
        ] {
            assert!(in_text(t), "{t}");
        }
        for t in [
            "我们要明白读书的意义。",
            "道理需要深度思考。",
            "要有勇气。",
            "Reading widens the mind.",
        ] {
            assert!(!in_text(t), "{t}");
        }
    }
}
