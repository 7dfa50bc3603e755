//! The shared Chinese segmenter. Building jieba costs ~60 ms and ~30 MiB, so
//! there is one instance per process, built on first use and shared by every
//! stage (it is `Send + Sync` and takes `&self`).

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Domain words that jieba's default dictionary splits apart (元宇宙, 产业互联网...).
/// Kept beside the seed essays because it grows with the corpus.
const DOMAIN_DICT: &str = include_str!("../seeds/domain.dict");
/// Function words and discourse glue that are never key terms.
const STOP_WORDS: &str = include_str!("extract/stopwords.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    jieba
        .load_dict(&mut DOMAIN_DICT.as_bytes())
        .expect("the embedded domain dictionary is well-formed");
    jieba
});

static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut config = KeywordExtractConfig::builder().min_keyword_length(2);
    for word in lines(STOP_WORDS) {
        config = config.add_stop_word(word.to_owned());
    }
    // The default instance carries jieba's IDF table; only the config changes.
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = config.build();
    tfidf
});

pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Non-empty, non-comment lines of an embedded lexicon file.
pub fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub fn is_stop_word(word: &str) -> bool {
    TFIDF.config().stop_words().contains(word)
}

/// Words of `text` as jieba cuts them (HMM on, so unknown names stay whole).
pub fn words(text: &str) -> Vec<&str> {
    JIEBA.cut(text, true).into_iter().map(|t| t.word).collect()
}

/// Byte offsets at which a jieba word starts or ends, ascending.
pub fn word_boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = vec![0];
    for t in JIEBA.cut(text, true) {
        b.push(t.byte_end);
    }
    b
}

/// Content words of `text`: at least two characters, not stop words, not
/// punctuation or numbers. Used to compare the vocabulary of two texts.
pub fn content_words(text: &str) -> Vec<&str> {
    words(text)
        .into_iter()
        .filter(|w| {
            w.chars().count() >= 2 && w.chars().any(char::is_alphabetic) && !is_stop_word(w)
        })
        .collect()
}

/// The words FTS5 indexes for a claim and looks up for a query: jieba's
/// search-mode cut (whole words and their sub-words), lower-cased, without
/// punctuation, space-joined.
pub fn search_words(text: &str) -> String {
    search_tokens(text).join(" ")
}

pub fn search_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in JIEBA.cut_for_search(text, true) {
        let w = t.word.trim();
        if w.chars().any(char::is_alphanumeric) {
            out.push(w.to_lowercase());
        }
    }
    out
}

/// What the pipeline asks of a word beyond its place in the text: its
/// part-of-speech tag and its inverse document frequency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordFacts {
    /// The tag jieba gives the word in a sentence: its dictionary tag, or
    /// for a word the dictionary lacks jieba's guess (its tagging HMM for
    /// Chinese, `m` for digits, `eng` for Latin letters). Only the tags in
    /// [`TAGS`] are told apart; any other reads `x`.
    pub tag: &'static str,
    /// Its IDF in jieba's table, or the table's median for a word the table
    /// lacks, as jieba's TF-IDF extractor weighs it.
    pub idf: f64,
}

/// The tags [`WordFacts::tag`] tells apart: the ones the role features and
/// the evidence check ask about.
pub const TAGS: &[&str] = &["nr", "nrfg", "nrt", "ns", "nt", "t", "tg", "m", "eng"];

/// Most words whose facts a thread remembers; past it, it starts again.
pub const REMEMBERED_WORDS: usize = 200_000;

/// The facts of `word`, a word jieba cut.
///
/// Tagging whole sentences (`Jieba::tag`) runs the tag guess for every
/// unknown word of every sentence, which made it half as fast as cutting,
/// and jieba-rs keeps its IDF table private; so each word is looked up
/// alone (tagged alone; its IDF read as the TF-IDF weight of the word
/// alone, which for one occurrence of one word is its IDF) and each thread
/// remembers what it looked up.
pub fn facts(word: &str) -> WordFacts {
    thread_local! {
        static SEEN: RefCell<FxHashMap<Box<str>, WordFacts>> = RefCell::default();
    }
    if word.len() <= 3 && !JIEBA.has_word(word) {
        // One character outside the dictionary (punctuation, a symbol, a
        // letter, a digit): cheap to look up, not worth remembering.
        return look_up(word);
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&f) = seen.get(word) {
            return f;
        }
        if seen.len() >= REMEMBERED_WORDS {
            seen.clear();
        }
        let f = look_up(word);
        seen.insert(word.into(), f);
        f
    })
}

fn look_up(word: &str) -> WordFacts {
    let tags = JIEBA.tag(word, true);
    let tag = match tags.as_slice() {
        [one] => TAGS.iter().copied().find(|t| *t == one.tag).unwrap_or("x"),
        _ => "x",
    };
    let idf = if JIEBA.has_word(word) {
        idf_of_word_alone(word).unwrap_or(*MEDIAN_IDF)
    } else {
        *MEDIAN_IDF
    };
    WordFacts { tag, idf }
}

/// The weight TF-IDF gives `word` alone, if jieba cuts it as one keyword.
fn idf_of_word_alone(word: &str) -> Option<f64> {
    let k = TFIDF.extract_keywords(&JIEBA, word, 1, Vec::new());
    (k.len() == 1 && k[0].keyword == word).then(|| k[0].weight)
}

/// The IDF jieba gives a word its table does not hold: the table's median.
static MEDIAN_IDF: LazyLock<f64> = LazyLock::new(|| {
    // A Latin word no table holds, cut as one keyword.
    idf_of_word_alone("qzxjvkw").expect("a Latin word is one keyword")
});

/// TF-IDF key terms of `text`, best first, with their weights, as jieba-rs's
/// extractor gives them (it cuts `text` itself; `extract::terms` counts
/// words already cut; its tests compare the two).
#[cfg(test)]
pub fn keywords(text: &str, top: usize) -> Vec<(String, f64)> {
    TFIDF
        .extract_keywords(&JIEBA, text, top, Vec::new())
        .into_iter()
        .filter(|k| k.keyword.chars().any(char::is_alphabetic))
        .map(|k| (k.keyword, k.weight))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_words_stay_whole() {
        assert!(words("产业互联网正在变得深入").contains(&"产业互联网"));
        assert!(words("当元宇宙遇上产业互联网").contains(&"元宇宙"));
    }

    #[test]
    fn keywords_have_real_weights() {
        let k = keywords("资本市场看待产业互联网的思维角度开始发生改变", 5);
        assert!(k.iter().all(|(_, w)| *w > 0.1), "{k:?}");
    }

    #[test]
    fn keywords_skip_stop_words() {
        let k = keywords("我们认为元宇宙让产业互联网得到了复现", 5);
        assert!(k.iter().any(|(w, _)| w == "元宇宙"));
        assert!(!k.iter().any(|(w, _)| w == "我们"));
    }
}
