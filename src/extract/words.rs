//! A sentence's words, cut once. jieba segments each sentence one time (with
//! its dictionary's part-of-speech tags), and everything that needs words
//! takes them from here: the marker matcher's word bounds (for the sentence
//! and for each half of a split sentence), the features' word and tag tests,
//! and the words the search index holds for each claim. Before, each
//! sentence was cut four to five times.

use super::lexicon::Bounds;
use crate::nlp;

pub use crate::nlp::{Class, WordFacts};

/// The words of one text: byte ranges in order, covering it, with what
/// extraction asks of each ([`WordFacts`]: its tag class, its weight as a
/// key term).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// Byte end of each word; word k spans `ends[k-1]..ends[k]` (from 0).
    ends: Vec<usize>,
    facts: Vec<WordFacts>,
}

impl Words {
    /// Cuts `text` (HMM on, so unknown names stay whole), with each word's
    /// facts ([`nlp::facts`], one look-up a word).
    pub fn of(text: &str) -> Words {
        let tokens = nlp::jieba().cut(text, true);
        let mut w = Words {
            ends: Vec::with_capacity(tokens.len()),
            facts: Vec::with_capacity(tokens.len()),
        };
        for t in &tokens {
            w.ends.push(t.byte_end);
            w.facts.push(nlp::facts(t.word));
        }
        w
    }

    /// Word bounds for the lexicon's matcher.
    pub fn bounds(&self) -> Bounds {
        let mut cuts = Vec::with_capacity(self.ends.len() + 1);
        cuts.push(0);
        cuts.extend(&self.ends);
        Bounds::from_sorted(cuts)
    }

    /// The words of the byte range `from..to` of the text, offsets relative
    /// to `from`. A word the range cuts through is cut at the range's edge.
    pub fn slice(&self, from: usize, to: usize) -> Words {
        let mut out = Words::default();
        let mut start = 0;
        for (k, &end) in self.ends.iter().enumerate() {
            let (s, e) = (start.max(from), end.min(to));
            start = end;
            if s < e {
                out.ends.push(e - from);
                out.facts.push(self.facts[k]);
            }
        }
        out
    }

    /// (word, class) in order; `text` must be the text these words were cut from.
    pub fn iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (&'a str, Class)> + 'a {
        self.with_facts(text).map(|(w, f)| (w, f.class))
    }

    /// (word, facts) in order; `text` must be the text these words were cut from.
    pub fn with_facts<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'a str, WordFacts)> + 'a {
        let mut start = 0;
        self.ends
            .iter()
            .zip(&self.facts)
            .map(move |(&end, &facts)| {
                let w = &text[start..end];
                start = end;
                (w, facts)
            })
    }

    /// Can these words be read over `text`: they end where it ends and every
    /// cut falls on one of its character boundaries (a text of the same
    /// length cut elsewhere must not be sliced by them).
    pub fn covers(&self, text: &str) -> bool {
        self.ends.last().copied().unwrap_or(0) == text.len()
            && self.ends.iter().all(|&e| text.is_char_boundary(e))
    }

    /// The words the search index holds for `text` (these words' text), as
    /// jieba's search mode gives them: each word, and before a word of more
    /// than two characters its two- and three-character parts that are
    /// dictionary words; lower-cased, without punctuation, space-joined;
    /// full-width letters and digits as ASCII ones ([`nlp::search_words`]).
    /// `search` cuts a query into the words the index holds, so a claim is
    /// found by these words.
    pub fn search_words(&self, text: &str) -> String {
        if crate::text::chars::has_wide_alphanumeric(text) {
            // Full-width letters or digits, which the index holds as ASCII
            // ones: cut again, narrowed (rare: 1 claim of the 8,631 of the
            // essay corpus).
            return nlp::search_words(text);
        }
        let jieba = nlp::jieba();
        let mut out = nlp::IndexWords::with_capacity(text.len() + text.len() / 2);
        let mut push = |w: &str| out.push(w);
        for (word, _) in self.iter(text) {
            if word.contains(['.', '_', '-']) && word.is_ascii() {
                // As jieba's search mode does: an alphanumeric compound
                // (WES-5.4.5) is also found by its lettered parts.
                for part in word.split(['.', '_', '-']) {
                    if part.len() >= 2 && part.bytes().any(|b| b.is_ascii_alphabetic()) {
                        push(part);
                    }
                }
            }
            // Most words have one or two characters and no parts to look up.
            if word.chars().nth(2).is_some() {
                let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
                let n = starts.len();
                let at = |k: usize| if k == n { word.len() } else { starts[k] };
                for len in [2usize, 3] {
                    if n > len {
                        for i in 0..=n - len {
                            let gram = &word[at(i)..at(i + len)];
                            if jieba.has_word(gram) {
                                push(gram);
                            }
                        }
                    }
                }
            }
            push(word);
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cut_gives_bounds_classes_and_slices() {
        let t = "鲁迅在北京写下了《呐喊》。";
        let w = Words::of(t);
        assert!(w.covers(t));
        let words: Vec<(&str, Class)> = w.iter(t).collect();
        assert!(words.contains(&("鲁迅", Class::Person)), "{words:?}");
        assert!(words.contains(&("北京", Class::Place)), "{words:?}");
        let b = w.bounds();
        assert!(b.is(0) && b.is("鲁迅".len()) && b.is(t.len()));
        // The second half keeps the cut, shifted to its own start.
        let from = "鲁迅在".len();
        let half = w.slice(from, t.len());
        assert!(half.covers(&t[from..]));
        assert_eq!(half.iter(&t[from..]).next().unwrap().0, "北京");
    }

    #[test]
    fn full_width_letters_and_digits_are_searched_as_ascii_ones() {
        for (wide, ascii) in [
            ("２０１９年的ＧＤＰ增长了５％", "2019年的GDP增长了5％"),
            (
                "5Ｇ网络，ＧＤＰ2019年，Ａ4纸，Ａ股",
                "5G网络，GDP2019年，A4纸，A股",
            ),
        ] {
            let words = Words::of(wide).search_words(wide);
            assert_eq!(words, Words::of(ascii).search_words(ascii), "{wide}");
            assert_eq!(words, nlp::search_words(ascii), "{wide}");
        }
        assert_eq!(nlp::search_words("２０１９年的ＧＤＰ"), "2019 年 的 gdp");
    }

    #[test]
    fn search_words_match_jiebas_search_mode() {
        for t in [
            "产业互联网正在变得深入，资本市场开始关注。",
            "我们要学会独立思考，而不是人云亦云。",
            "WES-5.4.5 版本的中华人民共和国国歌",
        ] {
            let ours = Words::of(t).search_words(t);
            let theirs = nlp::search_words(t);
            let mut a: Vec<&str> = ours.split(' ').collect();
            let mut b: Vec<&str> = theirs.split(' ').collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{t}");
        }
    }
}
