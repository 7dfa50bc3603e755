//! The shared Chinese segmenter. Building jieba costs ~60 ms and ~30 MiB, so
//! there is one instance per process, built on first use and shared by every
//! stage (it is `Send + Sync` and takes `&self`).

use crate::text::chars::{is_alphanumeric, narrow_width, push_lowercase};
use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Domain words that jieba's default dictionary splits apart (元宇宙, 产业互联网...),
/// one per line in jieba's format; it grows with the essays read.
const DOMAIN_DICT: &str = include_str!("domain.dict");
/// Function words and discourse glue: no content word, never a key term.
const STOP_WORDS: &str = include_str!("extract/stopwords.txt");
/// Words that are never key terms but count as content words.
const TERM_STOP_WORDS: &str = include_str!("extract/term_stopwords.txt");

/// `stopwords.txt` and jieba's own default stop words (the, of, and…), as
/// the key-term extractor starts from them.
static STOP_WORD_SET: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    KeywordExtractConfig::default()
        .stop_words()
        .iter()
        .cloned()
        .chain(lines(STOP_WORDS).map(str::to_owned))
        .collect()
});

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    jieba
        .load_dict(&mut DOMAIN_DICT.as_bytes())
        .expect("the embedded domain dictionary is well-formed");
    jieba
});

static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut config = KeywordExtractConfig::builder().min_keyword_length(2);
    for word in lines(STOP_WORDS).chain(lines(TERM_STOP_WORDS)) {
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

/// No content word ([`content_words`]) and no key term.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORD_SET.contains(word)
}

/// Never a key term: a stop word, or a word of `term_stopwords.txt`.
pub fn is_term_stop_word(word: &str) -> bool {
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

/// The words FTS5 indexes for a claim: jieba's search-mode cut (whole
/// words and their sub-words), lower-cased, without punctuation,
/// space-joined. Full-width letters and digits are cut as the ASCII ones
/// they stand for: jieba keeps an ASCII run whole (2019, 5G, GDP) but gives
/// a full-width one a character at a time, so ２０１９年, 5Ｇ and ＧＤＰ are
/// indexed as 2019, 5g and gdp, the words a query of either form looks up
/// (`store::query::runs`).
pub fn search_words(text: &str) -> String {
    let mut words = IndexWords::with_capacity(text.len() + text.len() / 2);
    for t in JIEBA.cut_for_search(&narrow_width(text), true) {
        words.push(t.word);
    }
    words.finish()
}

/// The search index's words, written as jieba gives them: lower-cased,
/// space-joined, without words that hold no letter or digit.
pub struct IndexWords {
    out: String,
}

impl IndexWords {
    pub fn with_capacity(bytes: usize) -> IndexWords {
        IndexWords {
            out: String::with_capacity(bytes),
        }
    }

    pub fn push(&mut self, word: &str) {
        let w = word.trim();
        if w.chars().any(is_alphanumeric) {
            if !self.out.is_empty() {
                self.out.push(' ');
            }
            w.chars().for_each(|c| push_lowercase(&mut self.out, c));
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// What the role features and the evidence check ask of a word's
/// part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A person's name (nr, nrfg, nrt).
    Person,
    /// A place (ns).
    Place,
    /// An organisation (nt).
    Organisation,
    /// A time word (t).
    Time,
    /// A time morpheme (tg).
    TimeMorpheme,
    /// A numeral (m).
    Numeral,
    /// Latin-script letters (eng).
    Latin,
    Other,
}

impl Class {
    pub fn of(tag: &str) -> Class {
        match tag {
            "nr" | "nrfg" | "nrt" => Class::Person,
            "ns" => Class::Place,
            "nt" => Class::Organisation,
            "t" => Class::Time,
            "tg" => Class::TimeMorpheme,
            "m" => Class::Numeral,
            "eng" => Class::Latin,
            _ => Class::Other,
        }
    }
}

/// Most words a thread remembers the answers for (past it, it starts
/// again), and the longest word it remembers, in bytes: a few megabytes a
/// thread at most, whatever the text.
pub const REMEMBERED_WORDS: usize = 100_000;
pub const REMEMBERED_WORD_BYTES: usize = 32;

/// What extraction asks of a word, whatever sentence it is in: looked up
/// once per word and remembered by each thread ([`facts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordFacts {
    /// The class of the word's part-of-speech tag, as jieba tags it cut
    /// alone.
    pub class: Class,
    /// Its IDF when TF-IDF counts it as a key term: two characters or
    /// more, not a stop word, and kept whole by jieba's dictionary route
    /// (the cut with the HMM off, as jieba's extractor cuts).
    pub term_idf: Option<f64>,
}

/// The [`WordFacts`] of `word`.
pub fn facts(word: &str) -> WordFacts {
    thread_local! {
        static SEEN: RefCell<FxHashMap<Box<str>, WordFacts>> = RefCell::default();
    }
    remembered(&SEEN, word, |w| WordFacts {
        class: class_of_word_alone(w),
        term_idf: (is_term_candidate(w) && JIEBA.cut(w, false).len() == 1).then(|| idf(w)),
    })
}

/// Counted by TF-IDF: two characters or more and not a stop word (as
/// jieba's extractor decides, lower-cased for words with capitals).
fn is_term_candidate(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_none() || chars.next().is_none() || is_term_stop_word(word) {
        return false;
    }
    !word.chars().any(char::is_uppercase) || !is_term_stop_word(&word.to_lowercase())
}

/// The class of the tag jieba gives `word` cut alone: its dictionary tag,
/// or for a word the dictionary lacks jieba's guess (its tagging HMM for
/// Chinese, `m` for digits, `eng` for Latin letters). Tagging a whole
/// sentence (`Jieba::tag`) runs that guess for every unknown word of every
/// sentence, which made it half as fast as cutting, and tags 41 of the
/// 181,323 words of the essay corpus otherwise (HMM guesses such as 太多
/// as a place).
fn class_of_word_alone(word: &str) -> Class {
    match JIEBA.tag(word, true).as_slice() {
        [one] => Class::of(one.tag),
        _ => Class::Other,
    }
}

/// The IDF of `word` in jieba's TF-IDF table, or the table's median for a
/// word the table lacks, as jieba's extractor weighs it. jieba-rs keeps the
/// table private, so it is read as the TF-IDF weight of the word alone
/// (one occurrence of one word: its IDF).
fn idf(word: &str) -> f64 {
    idf_of_word_alone(word).unwrap_or(*MEDIAN_IDF)
}

/// `look_up(word)`, remembered by this thread in `seen`. A remembered
/// answer is the answer, so which thread saw a word first changes nothing.
fn remembered<T: Copy + 'static>(
    seen: &'static std::thread::LocalKey<RefCell<FxHashMap<Box<str>, T>>>,
    word: &str,
    look_up: impl FnOnce(&str) -> T,
) -> T {
    if word.len() > REMEMBERED_WORD_BYTES {
        return look_up(word);
    }
    seen.with_borrow_mut(|seen| {
        if let Some(&x) = seen.get(word) {
            return x;
        }
        if seen.len() >= REMEMBERED_WORDS {
            seen.clear();
        }
        let x = look_up(word);
        seen.insert(word.into(), x);
        x
    })
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

/// TF-IDF key terms of `text`, best first, with their weights, from
/// jieba-rs's own extractor: the reference `extract::terms` is tested
/// against.
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
}
