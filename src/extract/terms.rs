//! Key terms of each claim: TF-IDF keywords as jieba-rs's extractor gives
//! them (its IDF table, our Chinese stop words), computed from the
//! sentence's one cut, without the extractor's second cut and its
//! part-of-speech pass; each word's IDF is looked up once per thread
//! ([`crate::nlp::facts`]).

use super::words::Words;
use crate::model::{Claim, ClaimTerm};
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

/// The key terms of `text`, best first, with their TF-IDF weights (cut here;
/// a sentence being extracted passes its one cut to [`in_words`]).
pub fn of(text: &str) -> Vec<(String, f64)> {
    in_words(text, &Words::of(text))
}

/// The key terms of `text` from its words: of the words TF-IDF counts
/// ([`crate::nlp::WordFacts::term_idf`]: two characters or more, not stop words),
/// the [`TERMS_PER_CLAIM`] with the highest count × IDF ÷ number of such
/// words (equal weights in the words' byte order, as jieba ranks them), less
/// any without a letter (numbers).
///
/// The words are the sentence's one cut, with the HMM on; jieba's extractor
/// cuts again with it off. What the HMM adds is words formed from runs of
/// characters the dictionary route left single, mostly words the dictionary
/// lacks (地响 from 有声地响着), which would take the table's median IDF,
/// higher than most real words', and crowd the real terms out, but also
/// words it holds (没人, 太多). So a word counts only if the dictionary route
/// keeps it whole when it is cut alone, which gives the terms of jieba's
/// extractor on all but 8 of the 10,700 sentences of the essay corpus (test
/// below: mixed letters and digits such as PM2.5, and names the route keeps
/// whole alone but splits in context).
pub fn in_words(text: &str, words: &Words) -> Vec<(String, f64)> {
    let mut counts: FxHashMap<&str, (u32, f64)> = FxHashMap::default();
    let mut total = 0u32;
    for (w, facts) in words.with_facts(text) {
        if let Some(idf) = facts.term_idf {
            counts.entry(w).or_insert((0, idf)).0 += 1;
            total += 1;
        }
    }
    let mut terms: Vec<(&str, f64)> = counts
        .into_iter()
        .map(|(w, (n, idf))| (w, f64::from(n) * idf / f64::from(total)))
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    terms.truncate(TERMS_PER_CLAIM);
    terms
        .into_iter()
        .filter(|(w, _)| w.chars().any(is_alphabetic))
        .map(|(w, x)| (w.to_owned(), x))
        .collect()
}

#[cfg(test)]
#[allow(clippy::print_stderr)]
mod tests {
    use super::*;
    use crate::nlp;

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

    /// How many sentences of `texts` get jieba's own TF-IDF keywords,
    /// weights and all, and how many were compared. The rest are printed.
    fn same_as_jieba(texts: &[String]) -> (usize, usize) {
        let (mut same, mut n) = (0, 0);
        for text in texts {
            for t in text.split_inclusive(['。', '！', '？', '\n']) {
                let ours = of(t);
                let theirs = nlp::keywords(t, TERMS_PER_CLAIM);
                let equal = ours.len() == theirs.len()
                    && ours
                        .iter()
                        .zip(&theirs)
                        .all(|((a, x), (b, y))| a == b && (x - y).abs() < 1e-9);
                if equal {
                    same += 1;
                } else {
                    eprintln!("{t}\n  ours   {ours:?}\n  jieba  {theirs:?}");
                }
                n += 1;
            }
        }
        (same, n)
    }

    #[test]
    fn terms_are_jiebas_tfidf_keywords() {
        let mut texts = texts_in("seeds");
        texts.extend(texts_in("tests/data"));
        let (same, n) = same_as_jieba(&texts);
        assert!(n > 200, "only {n} sentences compared");
        assert_eq!(same, n, "{same} of {n} the same");
    }

    /// The same on the 300 essays of the shared corpus, when it is there.
    #[test]
    fn terms_are_jiebas_tfidf_keywords_on_the_essay_corpus() {
        let texts = texts_in("../shared/corpora/aes-zh-highschool/essays");
        if texts.is_empty() {
            eprintln!("skipped: ../shared/corpora/aes-zh-highschool/essays is absent");
            return;
        }
        let (same, n) = same_as_jieba(&texts);
        assert!(n > 5000, "only {n} sentences compared");
        eprintln!("{same} of {n} the same");
        assert!(same * 100 >= n * 99, "{same} of {n} the same");
    }

    /// Every discourse marker jieba keeps as one word (比如, 因此, 尽管…但是's
    /// halves), every ordinal (首先, 其次) and the concessions 诚然 and 固然
    /// are stop words: a user's key terms listed 诚然 among an essay's
    /// concepts.
    /// A word of `term_stopwords.txt` is no key term, but stays a content
    /// word for the role features and the audit.
    #[test]
    fn term_stop_words_leave_the_content_words_alone() {
        let terms: Vec<String> = of("当然，这意味着城市治理的转变。")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert!(terms.contains(&"城市".to_owned()), "{terms:?}");
        assert!(
            !terms.iter().any(|t| t == "当然" || t == "意味着"),
            "{terms:?}"
        );
        assert!(nlp::content_words("这意味着转变").contains(&"意味着"));
        assert!(nlp::is_term_stop_word("意味着") && !nlp::is_stop_word("意味着"));
    }

    #[test]
    fn discourse_words_are_never_key_terms() {
        let markers = nlp::lines(include_str!("markers.tsv"))
            .filter_map(|l| l.split('\t').next())
            .flat_map(|p| p.split('…'));
        let ordinals =
            nlp::lines(include_str!("cues.tsv")).filter_map(|l| l.strip_prefix("ordinal\t"));
        let missing: Vec<&str> = markers
            .chain(ordinals)
            .chain(["诚然", "固然"])
            .filter(|w| w.chars().count() >= 2 && nlp::words(w).len() == 1)
            .filter(|w| !nlp::is_term_stop_word(w))
            .collect();
        assert!(missing.is_empty(), "not stop words: {missing:?}");
        let terms: Vec<String> = of("诚然，首先，比如说环保很重要。")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert!(
            !terms.iter().any(|t| ["诚然", "首先"].contains(&t.as_str())),
            "{terms:?}"
        );
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
