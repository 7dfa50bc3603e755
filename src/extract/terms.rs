//! Key terms of each claim: TF-IDF keywords as jieba-rs's extractor gives
//! them (its cut with the HMM off, its IDF table, our Chinese stop words),
//! computed without its part-of-speech pass and with each word's IDF looked
//! up once per thread ([`nlp::idf`]).

use crate::model::{Claim, ClaimTerm};
use crate::nlp;
use crate::text::chars::is_alphabetic;
use rustc_hash::FxHashMap;

/// Key terms kept per claim.
pub const TERMS_PER_CLAIM: usize = 5;

/// Key terms of each claim (an imported map's, whose claims come without
/// an analysis).
pub fn extract(claims: &[Claim]) -> Vec<ClaimTerm> {
    claims
        .iter()
        .flat_map(|c| {
            of(&c.text).into_iter().map(|(term, weight)| ClaimTerm {
                claim: c.id.clone(),
                term,
                weight,
            })
        })
        .collect()
}

/// The key terms of `text`, best first, with their TF-IDF weights: of the
/// words of two characters or more that are not stop words, the
/// [`TERMS_PER_CLAIM`] with the highest count × IDF ÷ number of such words
/// (equal weights in the words' byte order, as jieba ranks them), less any
/// without a letter (numbers). The words are jieba's cut with the HMM off,
/// as its extractor cuts: the HMM's guesses at unknown words (地响 from
/// 有声地响着) would take the table's median IDF, higher than most real
/// words', and crowd the real terms out.
pub fn of(text: &str) -> Vec<(String, f64)> {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    let mut total = 0u32;
    for t in nlp::jieba().cut(text, false) {
        if is_candidate(t.word) {
            *counts.entry(t.word).or_default() += 1;
            total += 1;
        }
    }
    let mut terms: Vec<(&str, f64)> = counts
        .into_iter()
        .map(|(w, n)| (w, f64::from(n) * nlp::idf(w) / f64::from(total)))
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    terms.truncate(TERMS_PER_CLAIM);
    terms
        .into_iter()
        .filter(|(w, _)| w.chars().any(is_alphabetic))
        .map(|(w, x)| (w.to_owned(), x))
        .collect()
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

    fn texts_in(dir: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        paths
            .iter()
            .filter(|p| p.extension().is_none_or(|e| e == "txt" || e == "md"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Every sentence gets jieba's own TF-IDF keywords, weights and all.
    fn same_as_jieba(texts: &[String]) -> usize {
        let mut n = 0;
        for text in texts {
            for t in text.split_inclusive(['。', '！', '？', '\n']) {
                let ours = of(t);
                let theirs = nlp::keywords(t, TERMS_PER_CLAIM);
                assert_eq!(ours.len(), theirs.len(), "{t}: {ours:?} vs {theirs:?}");
                for ((a, x), (b, y)) in ours.iter().zip(&theirs) {
                    assert_eq!(a, b, "{t}");
                    assert!((x - y).abs() < 1e-9, "{t}: {a} {x} vs {y}");
                }
                n += 1;
            }
        }
        n
    }

    #[test]
    fn terms_are_jiebas_tfidf_keywords() {
        let mut texts = texts_in("seeds");
        texts.extend(texts_in("tests/data"));
        let n = same_as_jieba(&texts);
        assert!(n > 200, "only {n} sentences compared");
    }

    /// The same on the 300 essays of the shared corpus, when it is there.
    #[test]
    fn terms_are_jiebas_tfidf_keywords_on_the_essay_corpus() {
        let texts = texts_in("../shared/corpora/aes-zh-highschool/essays");
        if texts.is_empty() {
            eprintln!("skipped: ../shared/corpora/aes-zh-highschool/essays is absent");
            return;
        }
        assert!(same_as_jieba(&texts) > 5000);
    }

    #[test]
    fn terms_have_real_weights_and_no_stop_words() {
        let k = of("资本市场看待产业互联网的思维角度开始发生改变");
        assert!(k.iter().all(|(_, w)| *w > 0.1), "{k:?}");
        let k = of("我们认为元宇宙让产业互联网得到了复现");
        assert!(k.iter().any(|(w, _)| w == "元宇宙"), "{k:?}");
        assert!(!k.iter().any(|(w, _)| w == "我们"), "{k:?}");
    }

    #[test]
    fn the_hmms_guesses_are_not_terms() {
        let t = "她的皮鞋“咔咔”有声地在教室里来回地响着。";
        let k = of(t);
        assert!(!k.iter().any(|(w, _)| w == "地响"), "{k:?}");
    }
}
