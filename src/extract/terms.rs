//! Key terms of each claim: TF-IDF over the claim's own words (the one cut
//! its sentence already had, [`Words`]), with jieba's IDF table and Chinese
//! stop words. jieba-rs's own extractor would cut every claim once more
//! (with part-of-speech tags) to count the same words.

use super::words::Words;
use crate::model::{Claim, ClaimTerm};
use crate::nlp;
use crate::text::chars::is_alphabetic;
use rustc_hash::FxHashMap;

/// Key terms kept per claim.
pub const TERMS_PER_CLAIM: usize = 5;

/// Key terms of claims that come without their words (an imported map):
/// each claim's text is cut here.
pub fn extract(claims: &[Claim]) -> Vec<ClaimTerm> {
    claims
        .iter()
        .flat_map(|c| {
            of(&c.text, &Words::of(&c.text))
                .into_iter()
                .map(|(term, weight)| ClaimTerm {
                    claim: c.id.clone(),
                    term,
                    weight,
                })
        })
        .collect()
}

/// The best `TERMS_PER_CLAIM` key terms of `text` (cut into `words`), with
/// their TF-IDF weights, best first; ties in word order (as jieba ranks
/// them). A term is a word of two characters or more that is not a stop
/// word and has a letter; its weight is its count times its IDF over the
/// number of such words.
pub fn of(text: &str, words: &Words) -> Vec<(String, f64)> {
    let mut counts: FxHashMap<&str, (u32, f64)> = FxHashMap::default();
    let mut total = 0u32;
    for (word, idf) in words.with_idf(text) {
        if is_candidate(word) {
            counts.entry(word).or_insert((0, idf)).0 += 1;
            total += 1;
        }
    }
    let mut terms: Vec<(&str, f64)> = counts
        .into_iter()
        .filter(|(w, _)| w.chars().any(is_alphabetic))
        .map(|(w, (n, idf))| (w, f64::from(n) * idf / f64::from(total)))
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    terms.truncate(TERMS_PER_CLAIM);
    terms.into_iter().map(|(w, x)| (w.to_owned(), x)).collect()
}

/// Counted by TF-IDF: two characters or more and not a stop word (as
/// jieba's extractor decides, lower-cased for words with capitals).
fn is_candidate(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_none() || chars.next().is_none() || nlp::is_stop_word(word) {
        return false;
    }
    !word.chars().any(char::is_uppercase) || !nlp::is_stop_word(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On text jieba cuts the same with and without its HMM (every word in
    /// its dictionary), the terms are jieba's TF-IDF keywords, weights and all.
    #[test]
    fn terms_are_jiebas_tfidf_keywords() {
        for t in [
            "资本市场看待产业互联网的思维角度开始发生改变，产业互联网正在变得深入。",
            "我们认为元宇宙让产业互联网得到了复现。",
            "读书能够开阔视野，我们应该多读书，多思考。",
        ] {
            let ours = of(t, &Words::of(t));
            let theirs = nlp::keywords(t, TERMS_PER_CLAIM);
            assert_eq!(ours.len(), theirs.len(), "{t}: {ours:?} vs {theirs:?}");
            for ((a, x), (b, y)) in ours.iter().zip(&theirs) {
                assert_eq!(a, b, "{t}");
                assert!((x - y).abs() < 1e-9, "{t}: {a} {x} vs {y}");
            }
        }
    }

    #[test]
    fn new_words_are_terms_and_stop_words_are_not() {
        let t = "张尧经理认为我们应该努力。";
        let terms: Vec<String> = of(t, &Words::of(t)).into_iter().map(|(w, _)| w).collect();
        assert!(terms.iter().any(|w| w == "张尧"), "{terms:?}");
        assert!(!terms.iter().any(|w| w == "我们"), "{terms:?}");
    }
}
