//! Essays in traditional characters. The lexicons and jieba's dictionary are
//! written in simplified characters, so such an essay is analysed as a
//! simplified copy, and its claims keep the essay's own characters. The copy
//! is OpenCC's conversion, line by line, phrases included (彷彿 → 仿佛, 乾燥
//! → 干燥, 乾坤 kept); a line whose conversion would change a character's
//! length falls back to OpenCC's character table (made at build time:
//! build.rs), which maps each character to one of the same UTF-8 length. So
//! every byte and character offset of the copy is one of the original.

use crate::model::Extraction;
use std::sync::LazyLock;

mod table {
    include!(concat!(env!("OUT_DIR"), "/t2s.rs"));
}

/// Share of a text's CJK ideographs that must be traditional-only for the
/// text to be read as traditional. Simplified essays have a few such
/// characters (乾隆, 著作…: OpenCC maps them by context); traditional ones
/// about a fifth (docs/extraction.md).
const TRADITIONAL_SHARE: f64 = 0.05;

/// Fewest traditional-only characters for a text to count as traditional,
/// so a short simplified text with one such character is left alone.
const TRADITIONAL_MIN: usize = 3;

/// Traditional-only characters of the basic plane, one bit each.
static TRADITIONAL: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 1024];
    for &(t, _) in table::PAIRS {
        let c = t as usize;
        if c < 65536 {
            bits[c / 64] |= 1 << (c % 64);
        }
    }
    bits
});

fn traditional_only(c: char) -> bool {
    let c = c as usize;
    c < 65536 && TRADITIONAL[c / 64] & (1 << (c % 64)) != 0
}

/// A CJK ideograph (the unified blocks essays are written in).
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Is `text` written in traditional characters?
pub fn is_traditional(text: &str) -> bool {
    let (mut ideographs, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        if is_ideograph(c) {
            ideographs += 1;
            traditional += usize::from(traditional_only(c));
        }
    }
    traditional >= TRADITIONAL_MIN && traditional as f64 >= TRADITIONAL_SHARE * ideographs as f64
}

/// OpenCC's traditional → simplified converter, built on first use.
static OPENCC: LazyLock<Option<ferrous_opencc::OpenCC>> = LazyLock::new(|| {
    ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok()
});

/// `text` with every traditional character in its simplified form, each in
/// a character of the same UTF-8 length: the same offsets, in bytes and in
/// characters.
pub fn simplified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.chars().any(traditional_only) {
            out.push_str(line);
            continue;
        }
        match OPENCC.as_ref().map(|cc| cc.convert(line)) {
            Some(converted) if same_shape(line, &converted) => out.push_str(&converted),
            _ => out.extend(line.chars().map(by_character)),
        }
    }
    out
}

/// Do two texts have the same characters' lengths, one for one?
fn same_shape(a: &str, b: &str) -> bool {
    a.len() == b.len() && {
        let (mut x, mut y) = (a.chars(), b.chars());
        loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (Some(p), Some(q)) if p.len_utf8() == q.len_utf8() => {}
                _ => break false,
            }
        }
    }
}

/// One character in its simplified form by OpenCC's character table.
fn by_character(c: char) -> char {
    if traditional_only(c) {
        table::PAIRS
            .binary_search_by_key(&c, |&(t, _)| t)
            .map_or(c, |k| table::PAIRS[k].1)
    } else {
        c
    }
}

/// Key terms and search words for claims that come with no analysis (an
/// imported map), in simplified characters as the index and the ingested
/// essays have them, when the map is written in traditional ones.
pub fn index_imported(text: &str, ex: &mut Extraction) {
    if !is_traditional(text) {
        ex.terms = crate::extract::terms::extract(&ex.claims);
        return;
    }
    let copies: Vec<crate::model::Claim> = ex
        .claims
        .iter()
        .map(|c| crate::model::Claim {
            text: simplified(&c.text),
            ..c.clone()
        })
        .collect();
    ex.terms = crate::extract::terms::extract(&copies);
    ex.search_words = copies
        .iter()
        .map(|c| crate::nlp::search_words(&c.text))
        .collect();
}

/// Puts the original's characters back into what was extracted from its
/// simplified copy `analysed`: each claim's text, each essay's title and
/// each section's heading. Key terms and search words stay simplified, as
/// the lexicons and the search index read them.
pub fn restore(original: &str, analysed: &str, ex: &mut Extraction) {
    debug_assert_eq!(original.len(), analysed.len());
    let orig: Vec<char> = original.chars().collect();
    let copy: Vec<char> = analysed.chars().collect();
    for c in &mut ex.claims {
        let span = c.span.start.min(copy.len())..c.span.end.min(copy.len());
        c.text = back(&c.text, &orig[span.clone()], &copy[span]);
    }
    for e in &mut ex.essays {
        if let Some(t) = &mut e.title {
            *t = back_from(t, &orig, &copy, e.span.start);
        }
        for s in &mut e.sections {
            if let Some(h) = &mut s.heading {
                *h = back_from(h, &orig, &copy, s.span.start);
            }
        }
    }
}

/// [`back`] for a title or heading: its text stands whole in the copy at or
/// after `from` (after a label such as 题目：, say), and is put back from
/// there; kept as it is when it is not found.
fn back_from(text: &str, orig: &[char], copy: &[char], from: usize) -> String {
    let want: Vec<char> = text.chars().collect();
    let Some(first) = want.first() else {
        return String::new();
    };
    (from.min(copy.len())..copy.len())
        .find(|&i| copy[i] == *first && copy[i..].starts_with(&want))
        .map_or_else(|| text.to_owned(), |i| back(text, &orig[i..], &copy[i..]))
}

/// `text`, taken from the simplified `copy` of `orig`, in `orig`'s
/// characters. A claim's text is its span's characters with the whitespace
/// changed (a repaired line break left out, or a space where one joined
/// two words): its other characters are the span's, in order, so they are
/// paired one for one, whitespace aside. One that does not pair (text that
/// is not the span's) is kept as it is.
fn back(text: &str, orig: &[char], copy: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut span = orig.iter().zip(copy).filter(|(_, c)| !c.is_whitespace());
    for ch in text.chars() {
        if ch.is_whitespace() {
            out.push(ch);
            continue;
        }
        match span.next() {
            Some((&o, &c)) if c == ch => out.push(o),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_keeps_offsets_and_reads_common_words() {
        assert!(table::PAIRS.len() > 2000);
        assert!(table::PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, s) in table::PAIRS {
            assert_eq!(t.len_utf8(), s.len_utf8());
        }
        let t = "我認為讀書使人明智。雖然困難，但是換句話說，總之，因為所以。";
        let s = simplified(t);
        assert_eq!(
            s,
            "我认为读书使人明智。虽然困难，但是换句话说，总之，因为所以。"
        );
        assert_eq!((s.len(), s.chars().count()), (t.len(), t.chars().count()));
        assert!(is_traditional(t));
        assert!(!is_traditional(&s));
        assert!(!is_traditional("乾隆年间，他著书立说。"));
        // Phrases as OpenCC reads them, not character by character.
        assert_eq!(simplified("讀書彷彿打開一扇窗"), "读书仿佛打开一扇窗");
        assert_eq!(simplified("藉此機會，反覆思考"), "借此机会，反复思考");
        assert_eq!(simplified("乾坤與乾燥"), "乾坤与干燥");
        assert_eq!(by_character('總'), '总');
    }

    #[test]
    fn a_text_cut_from_the_copy_comes_back_in_the_original_characters() {
        let orig: Vec<char> = "總之，\n我們要讀書。".chars().collect();
        let copy: Vec<char> = simplified(&orig.iter().collect::<String>())
            .chars()
            .collect();
        // The claim text leaves the line break out.
        assert_eq!(
            back("总之，我们要读书。", &orig, &copy),
            "總之，我們要讀書。"
        );
        // A space where a line break joined two words is kept, and so is a
        // character that is not the span's.
        let orig: Vec<char> = ";\nabc總之".chars().collect();
        let copy: Vec<char> = simplified(&orig.iter().collect::<String>())
            .chars()
            .collect();
        assert_eq!(back("; abc总之", &orig, &copy), "; abc總之");
        assert_eq!(back("; abc总！", &orig, &copy), "; abc總！");
        // A title is found past its label.
        let orig: Vec<char> = "題目：論讀書\n".chars().collect();
        let copy: Vec<char> = simplified(&orig.iter().collect::<String>())
            .chars()
            .collect();
        assert_eq!(back_from("论读书", &orig, &copy, 0), "論讀書");
        assert_eq!(back_from("别的", &orig, &copy, 0), "别的");
    }
}
