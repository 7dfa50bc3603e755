//! The evidence for each sentence's discourse role, as numbers the role model
//! (`roles`) weighs: where the sentence stands, how much it shares with the
//! title and the rest of the essay, stance and normative language, discourse
//! markers, parallel openings, evidence cues (names, places, numbers,
//! quotations, narrative), questions, length and hedges.
//!
//! Every feature is a number in [0, 1] (most are 0/1) with a name; the names
//! are the keys of the weights file, so a refit model and `show` speak of
//! the same things. Features come in two groups: *base* features depend only
//! on the text; *relative* ones (`thesis_*`) on where the chosen thesis is,
//! and are filled in once it is chosen.

use super::claims::content_chars;
use super::lexicon::{Bounds, Family, Pattern, PatternSet, LEXICON};
use super::words::{Class, Words};
use super::EssayDraft;
use crate::nlp;
use crate::text::chars::is_alphanumeric;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

macro_rules! features {
    ($($id:ident = $name:literal / $about:literal,)*) => {
        /// Index of each feature in a [`Vector`].
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(usize)]
        pub enum F { $($id,)* }
        /// Feature names, in index order: the keys of the weights file.
        pub const NAMES: &[&str] = &[$($name,)*];
        /// What each feature means, in words a teacher can read (`show`).
        pub const ABOUT: &[&str] = &[$($about,)*];
    };
}

features! {
    bias = "bias" / "constant (the role's prior)",
    heading = "heading" / "a section heading",
    p_first = "para:first" / "in the first paragraph",
    p_second = "para:second" / "in the second paragraph",
    p_third = "para:third" / "in the third paragraph",
    p_last = "para:last" / "in the last paragraph",
    p_second_last = "para:second_last" / "in the second-to-last paragraph",
    p_middle = "para:middle" / "in a middle paragraph (not the first two or last two)",
    p_rel = "para:relative" / "how far into the essay its paragraph is (0 start, 1 end)",
    p_one = "para:only" / "the essay has one paragraph",
    s_first = "sent:first" / "first sentence of its paragraph",
    s_last = "sent:last" / "last sentence of its paragraph",
    s_only = "sent:only" / "the only sentence of its paragraph",
    s_second = "sent:second" / "second sentence of its paragraph",
    s_rel = "sent:relative" / "how far into its paragraph it is (0 start, 1 end)",
    para_short = "para:short" / "its paragraph has at most two sentences",
    para_long = "para:long" / "its paragraph has six or more sentences",
    len_short = "len:short" / "short: under 12 characters",
    len_long = "len:long" / "long: over 60 characters",
    len_log = "len:log" / "length (log scale)",
    title_words = "title:words" / "share of the title's words it contains",
    title_bigrams = "title:bigrams" / "share of the title's character pairs it contains",
    title_best = "title:best" / "the sentence closest to the title in the essay",
    title_best_early = "title:best_early" / "the sentence closest to the title in the first two paragraphs",
    title_top3 = "title:top3" / "among the three sentences closest to the title",
    essay_sim = "essay:similarity" / "vocabulary shared with the rest of the essay",
    essay_central = "essay:most_central" / "the sentence sharing most vocabulary with the rest of the essay",
    para_sim = "para:similarity" / "vocabulary shared with the rest of its paragraph",
    stance = "stance" / "states the author's stance (我认为, 在我看来…)",
    stance_more = "stance:more" / "other first-person stance phrases (我总以为, 我呼吁…)",
    first_stance = "stance:first_in_essay" / "the essay's first stance sentence",
    normative = "normative" / "normative language (应该, 必须, 只有…才)",
    thesis_opener = "opener:thesis" / "opens with a thesis phrase (本文认为…)",
    summing = "cue:summing" / "a summing-up cue (总之, 综上所述, 可见…)",
    call = "cue:call" / "a call to action (让我们, 希望, 呼吁…)",
    ordinal = "cue:ordinal" / "an ordinal (首先, 其次, 一方面…)",
    parallel = "parallel_opening" / "opens its paragraph the way another paragraph opens",
    op_conclusion = "opener:conclusion" / "opens with a conclusion marker (因此, 所以…)",
    op_reason = "opener:reason" / "opens with a reason marker (因为, 由于…)",
    op_example = "opener:example" / "opens with an example marker (比如, 例如…)",
    op_contrast = "opener:contrast" / "opens with a contrast marker (但是, 然而…)",
    op_concession = "opener:concession" / "opens with a concession marker (虽然, 尽管…)",
    op_restate = "opener:restate" / "opens with a restatement marker (换句话说…)",
    op_elaborate = "opener:elaborate" / "opens with an elaboration marker (而且, 此外…)",
    example = "cue:example" / "an example cue (例如, 比如, 就拿…)",
    saying = "cue:saying" / "quotes a saying or someone's words (曾说, 古人, 俗话说…)",
    narrative = "cue:narrative" / "narrative words (曾经, 当年, 后来…)",
    reported = "cue:reported" / "reports someone else's view (有人认为, 诚然…)",
    rebuttal = "cue:rebuttal" / "rebuts a view (其实, 片面, 并非…)",
    figure = "cue:figure" / "a comparison or figure of speech (好比, 就像…)",
    rhetorical = "cue:rhetorical" / "a rhetorical question word (难道, 岂…)",
    abstract_ = "cue:abstract" / "abstract vocabulary (在于, 意义, 价值…)",
    quote = "quote" / "contains a quotation",
    quote_heavy = "quote:heavy" / "at least 40% quotation",
    book = "book_title" / "names a book or work (《…》)",
    digits = "numbers" / "numbers or dates",
    time = "time" / "time words (jieba tag t)",
    person = "person_name" / "a person's name (jieba tag nr)",
    place = "place_name" / "a place name (jieba tag ns)",
    third_person = "third_person" / "third person (他, 她, 他们…)",
    first_person = "first_person" / "first person singular (我)",
    we = "we" / "first person plural (我们)",
    you = "you" / "second person (你, 您)",
    le = "perfective_le" / "past-event 了",
    question = "question" / "a question",
    exclaim = "exclamation" / "an exclamation",
    colon = "ends_with_colon" / "ends with a colon",
    hedged = "hedged" / "hedged (或许, 可能…)",
    first_para_last = "para:first&sent:last" / "last sentence of the first paragraph",
    first_para_first = "para:first&sent:first" / "first sentence of the first paragraph",
    second_para_first = "para:second&sent:first" / "first sentence of the second paragraph",
    early_stance = "para:early&stance" / "a stance in the first two paragraphs",
    early_normative = "para:early&normative" / "normative language in the first two paragraphs",
    early_title = "para:early&title:bigrams" / "close to the title, in the first two paragraphs",
    last_para_first = "para:last&sent:first" / "first sentence of the last paragraph",
    block_facts = "paragraph:facts" / "how factual its paragraph is (names, numbers, time words)",
    more_general = "paragraph:more_general" / "less factual than the rest of its paragraph",
    prev_facts = "prev:facts" / "how factual the sentence before is",
    next_facts = "next:facts" / "how factual the sentence after is",
    prev_colon = "prev:colon" / "the sentence before ends with a colon",
    prev_question = "prev:question" / "the sentence before is a question",
    facts = "facts" / "how factual it is (names, numbers, time words)",
    thesis_before = "thesis:before" / "before the thesis",
    thesis_same_para = "thesis:same_paragraph" / "in the thesis's paragraph",
    thesis_after = "thesis:after" / "after the thesis",
    thesis_next_para = "thesis:next_paragraph" / "in the paragraph after the thesis's",
    thesis_sim = "thesis:similarity" / "vocabulary shared with the thesis",
    thesis_body = "thesis:body_paragraph" / "in a paragraph after the thesis's",
    body_first = "body&sent:first" / "first sentence of a body paragraph",
    body_last = "body&sent:last" / "last sentence of a body paragraph",
    body_only = "body&sent:only" / "the only sentence of a body paragraph",
    body_middle = "body&sent:middle" / "inside a body paragraph (not first or last)",
    intro_para = "thesis:before&sent:any" / "in a paragraph before the thesis's",
    thesis_para_after = "thesis:same_paragraph&after" / "after the thesis in its paragraph",
    closing_similar = "para:last&thesis:similarity" / "in the last paragraph, sharing vocabulary with the thesis",
}

/// Name under which a main idea's reasons list the weights file's main-idea
/// offset, beside the features that weighed most.
pub const MAIN_IDEA_OFFSET: &str = "option:main_idea_offset";

/// Name under which a thesis chosen while the ranker was unsure lists the
/// role model's view of it (`roles::ROLE_MODEL_VIEW_WEIGHT`).
pub const ROLE_MODEL_VIEW: &str = "option:role_model_view";

/// What the feature named `name` means, in words ("" for an unknown name).
pub fn about(name: &str) -> &'static str {
    if name == MAIN_IDEA_OFFSET {
        return "the decision's lean toward main ideas (a setting of the weights, not a feature)";
    }
    if name == ROLE_MODEL_VIEW {
        return "the ranker was unsure: how likely the role model finds this sentence a thesis (its log-probability, weighted, added to the score)";
    }
    NAMES
        .iter()
        .position(|n| *n == name)
        .map_or("", |k| ABOUT[k])
}

/// Number of features.
pub const N: usize = NAMES.len();
/// Features that depend on the chosen thesis, from this index on.
pub const RELATIVE_FROM: usize = F::thesis_before as usize;

pub type Vector = [f32; N];

/// Cue groups of `cues.tsv`, searched in one pass per sentence.
struct Cues {
    set: PatternSet,
    /// Group of each pattern of `set`.
    group: Vec<usize>,
    names: Vec<String>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut names: Vec<String> = Vec::new();
    let mut patterns = Vec::new();
    let mut group = Vec::new();
    for line in nlp::lines(include_str!("cues.tsv")) {
        let (name, phrase) = line
            .split_once('\t')
            .expect("cues.tsv: every line is `group<TAB>phrase`");
        let g = names.iter().position(|n| n == name).unwrap_or_else(|| {
            names.push(name.to_owned());
            names.len() - 1
        });
        patterns.push(Pattern::new(phrase.trim(), 4));
        group.push(g);
    }
    assert!(names.len() <= 64, "cues.tsv: at most 64 groups");
    Cues {
        set: PatternSet::new(patterns),
        group,
        names,
    }
});

/// The cue groups found in one sentence.
struct CueHits(u64);

impl CueHits {
    fn of(text: &str, bounds: &Bounds) -> CueHits {
        let mut mask = 0u64;
        for (k, _, _) in CUES.set.matches(text, bounds) {
            mask |= 1 << CUES.group[k];
        }
        CueHits(mask)
    }

    fn has(&self, group: &str) -> bool {
        CUES.names
            .iter()
            .position(|n| n == group)
            .is_some_and(|g| self.0 & (1 << g) != 0)
    }
}

/// One sentence of an essay as the features see it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub text: String,
    /// Block (paragraph or standalone heading) the sentence belongs to.
    pub block: usize,
    pub heading: bool,
    /// Character bigrams of the text ([`bigrams`]), shared by every overlap feature.
    pub grams: Grams,
    /// Its words: the sentence's, cut once in the claims step.
    pub words: Words,
}

/// The mark a sentence ends with, inside any closing quotes or brackets
/// (`…呢？”` ends with ？).
pub fn end_mark(text: &str) -> Option<char> {
    text.trim_end()
        .trim_end_matches(['”', '"', '’', '」', '』', '）', ')'])
        .chars()
        .next_back()
}

/// The sentences of a draft, with their block numbers.
pub fn units(d: &EssayDraft) -> Vec<Unit> {
    let mut out = Vec::with_capacity(d.sentences.len());
    let mut block = 0usize;
    let mut prev_para: Option<Option<usize>> = None;
    for (i, s) in d.sentences.iter().enumerate() {
        let heading = d.claims[s.claims.start].heading;
        if let Some(prev) = prev_para {
            if heading || prev != s.paragraph || s.paragraph.is_none() {
                block += 1;
            }
        }
        prev_para = Some(s.paragraph);
        let text = d.sentence_text(i);
        // The claims of a sentence are its text unless a split dropped space.
        let words = if s.words.covers(&text) {
            s.words.clone()
        } else {
            Words::of(&text)
        };
        out.push(Unit {
            grams: bigrams(&text),
            words,
            text,
            block,
            heading,
        });
    }
    out
}

/// Sets a 0/1 feature.
fn set(v: &mut Vector, f: F, x: bool) {
    if x {
        v[f as usize] = 1.0;
    }
}

fn on(v: &Vector, f: F) -> bool {
    v[f as usize] > 0.0
}

/// A set of character bigrams (hashed with FxHash: small keys, no untrusted
/// collisions to fear, and the default SipHash was a tenth of extraction).
pub type Grams = FxHashSet<(char, char)>;

/// Character bigrams of the letters and CJK characters of `text`.
pub fn bigrams(text: &str) -> Grams {
    let chars: Vec<char> = text.chars().filter(|&c| is_alphanumeric(c)).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn share(part: &Grams, of: &Grams) -> f32 {
    if of.is_empty() {
        return 0.0;
    }
    of.iter().filter(|b| part.contains(b)).count() as f32 / of.len() as f32
}

/// Bigram overlap of two texts relative to the smaller: 1 when one contains the other.
pub fn overlap(a: &Grams, b: &Grams) -> f32 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    share(big, small)
}

/// Base features of every sentence of the draft (relative features zero).
pub fn base(d: &EssayDraft, units: &[Unit]) -> Vec<Vector> {
    let n = units.len();
    let blocks = units.last().map_or(0, |u| u.block + 1);
    let mut block_range: Vec<(usize, usize)> = vec![(usize::MAX, 0); blocks];
    for (i, u) in units.iter().enumerate() {
        let r = &mut block_range[u.block];
        r.0 = r.0.min(i);
        r.1 = i + 1;
    }
    // Where a sentence stands is counted in the essay proper: the paragraphs
    // of a prompt before the title (several, for an exam prompt) do not
    // make the essay's first paragraph its fourth. The prompt's own
    // sentences stand where the essay opens, but are never the sentence
    // nearest the title or the most central one: they are not the author's
    // (never the thesis), and as the sentence nearest the title they took
    // that feature from the thesis.
    let in_prompt = super::roles::prompt_sentences(d);
    let prompt_blocks = units
        .iter()
        .zip(&in_prompt)
        .filter(|(_, p)| **p)
        .map(|(u, _)| u.block + 1)
        .max()
        .unwrap_or(0);
    let essay_blocks = blocks - prompt_blocks;
    let position = |block: usize| block.saturating_sub(prompt_blocks);
    let title = d.title.as_deref().unwrap_or("");
    let title_grams = bigrams(title);
    let title_words: Vec<&str> = nlp::content_words(title);
    let grams: Vec<&Grams> = units.iter().map(|u| &u.grams).collect();
    // How many sentences hold each bigram: shared vocabulary marks the central sentences.
    // Sized for every bigram up front: grown as it fills, rehashing was a
    // tenth of this function.
    let mut df: FxHashMap<(char, char), u32> = FxHashMap::with_capacity_and_hasher(
        grams.iter().map(|g| g.len()).sum(),
        Default::default(),
    );
    // The same per paragraph, for the paragraph overlap.
    let mut block_grams = vec![0usize; blocks];
    for (g, u) in grams.iter().zip(units) {
        block_grams[u.block] += g.len();
    }
    let mut block_df: Vec<FxHashMap<(char, char), u32>> = block_grams
        .into_iter()
        .map(|n| FxHashMap::with_capacity_and_hasher(n, Default::default()))
        .collect();
    for (g, u) in grams.iter().copied().zip(units) {
        for b in g {
            *df.entry(*b).or_default() += 1;
            *block_df[u.block].entry(*b).or_default() += 1;
        }
    }
    let first_sentences: Vec<usize> = block_range
        .iter()
        .filter(|r| r.0 != usize::MAX)
        .map(|r| r.0)
        .collect();

    let mut out = vec![[0f32; N]; n];
    let mut title_score = vec![0f32; n];
    let mut central = vec![0f32; n];
    let mut seen_stance = false;
    for (i, u) in units.iter().enumerate() {
        let v = &mut out[i];
        let text = u.text.as_str();
        let bounds = u.words.bounds();
        let cues = CueHits::of(text, &bounds);
        v[F::bias as usize] = 1.0;
        set(v, F::heading, u.heading);
        let pos = position(u.block);
        set(v, F::p_first, pos == 0);
        set(v, F::p_second, pos == 1);
        set(v, F::p_third, pos == 2);
        set(v, F::p_last, pos + 1 == essay_blocks && essay_blocks > 1);
        set(
            v,
            F::p_second_last,
            pos + 2 == essay_blocks && essay_blocks > 2,
        );
        set(v, F::p_middle, pos >= 2 && pos + 2 < essay_blocks);
        set(v, F::p_one, essay_blocks == 1);
        v[F::p_rel as usize] = if essay_blocks > 1 {
            pos as f32 / (essay_blocks - 1) as f32
        } else {
            0.0
        };
        let b = u.block;
        let (bs, be) = block_range[b];
        let len = be - bs;
        set(v, F::s_first, i == bs);
        set(v, F::s_last, i + 1 == be && len > 1);
        set(v, F::s_only, len == 1);
        set(v, F::s_second, i == bs + 1);
        v[F::s_rel as usize] = if len > 1 {
            (i - bs) as f32 / (len - 1) as f32
        } else {
            0.0
        };
        set(v, F::para_short, len <= 2);
        set(v, F::para_long, len >= 6);
        let chars = content_chars(text);
        set(v, F::len_short, chars < 12);
        set(v, F::len_long, chars > 60);
        v[F::len_log as usize] = ((1 + chars) as f32).ln() / 6.0;

        if !title_words.is_empty() {
            let hit = title_words.iter().filter(|w| text.contains(**w)).count();
            v[F::title_words as usize] = hit as f32 / title_words.len() as f32;
        }
        v[F::title_bigrams as usize] = share(grams[i], &title_grams);
        title_score[i] = v[F::title_bigrams as usize] + v[F::title_words as usize];

        // Vocabulary shared with the rest of the essay, per bigram.
        if !grams[i].is_empty() && n > 1 {
            let shared: f32 = grams[i]
                .iter()
                .map(|g| ((df[g] - 1) as f32).min(4.0) / 4.0)
                .sum();
            central[i] = shared / grams[i].len() as f32;
            v[F::essay_sim as usize] = central[i];
        }
        if len > 1 && !grams[i].is_empty() {
            // Shared with another sentence of the paragraph: held by two of them.
            let counts = &block_df[b];
            let shared = grams[i].iter().filter(|g| counts[*g] > 1).count();
            v[F::para_sim as usize] = shared as f32 / grams[i].len() as f32;
        }

        let lex = &*LEXICON;
        let stance = lex.stance.contains(text, &bounds);
        let stance_more = cues.has("stance_more");
        set(v, F::stance, stance);
        set(v, F::stance_more, stance_more);
        set(v, F::first_stance, (stance || stance_more) && !seen_stance);
        seen_stance |= stance || stance_more;
        set(v, F::normative, cues.has("normative"));
        set(
            v,
            F::thesis_opener,
            super::lexicon::opens_with(&lex.thesis, text, &bounds).is_some(),
        );
        set(v, F::summing, cues.has("summing"));
        set(v, F::call, cues.has("call"));
        set(v, F::ordinal, cues.has("ordinal"));
        if let Some(m) = d.sentences[i].opener {
            let f = match LEXICON.markers[m].family {
                Family::Conclusion => F::op_conclusion,
                Family::Reason => F::op_reason,
                Family::Example => F::op_example,
                Family::Contrast | Family::Rejection => F::op_contrast,
                Family::Concession => F::op_concession,
                Family::Restate => F::op_restate,
                Family::Elaborate => F::op_elaborate,
            };
            v[f as usize] = 1.0;
        }
        set(v, F::example, cues.has("example"));
        set(v, F::saying, cues.has("saying"));
        set(v, F::narrative, cues.has("narrative"));
        set(v, F::reported, cues.has("reported"));
        set(v, F::rebuttal, cues.has("rebuttal"));
        set(v, F::figure, cues.has("figure"));
        set(v, F::rhetorical, cues.has("rhetorical"));
        set(v, F::abstract_, cues.has("abstract"));

        let quoted = quoted_chars(text);
        set(v, F::quote, quoted > 0);
        set(v, F::quote_heavy, chars > 0 && quoted * 10 >= chars * 4);
        set(v, F::book, text.contains('《'));
        set(
            v,
            F::digits,
            text.chars()
                .any(|c| c.is_ascii_digit() || c == '%' || c == '％'),
        );
        let mut person = false;
        let mut place = false;
        let mut time = false;
        let mut third = false;
        let mut first = false;
        let mut we = false;
        let mut you = false;
        let mut le = false;
        for (word, class) in u.words.iter(text) {
            match class {
                Class::Person => person = true,
                Class::Place | Class::Organisation => place = true,
                Class::Time | Class::TimeMorpheme => time = true,
                _ => {}
            }
            match word {
                "他" | "她" | "他们" | "她们" => third = true,
                "我" => first = true,
                "我们" | "咱们" => we = true,
                "你" | "你们" => you = true,
                "了" => le = true,
                _ => {}
            }
        }
        set(v, F::person, person);
        set(v, F::place, place);
        set(v, F::time, time);
        set(v, F::third_person, third);
        set(v, F::first_person, first);
        set(v, F::we, we);
        set(v, F::you, you);
        set(v, F::le, le);
        let end = end_mark(text);
        set(v, F::question, matches!(end, Some('？' | '?')));
        set(v, F::exclaim, matches!(end, Some('！' | '!')));
        set(v, F::colon, matches!(end, Some('：' | ':')));
        set(
            v,
            F::hedged,
            d.claims[d.sentences[i].claims.clone()]
                .iter()
                .any(|c| c.hedged),
        );
    }

    // Essay-relative: the sentence nearest the title, and the most central one.
    for (i, _) in in_prompt.iter().enumerate().filter(|(_, p)| **p) {
        title_score[i] = f32::NEG_INFINITY;
        central[i] = f32::NEG_INFINITY;
    }
    let best = argmax(&title_score);
    let early: Vec<usize> = (0..n)
        .filter(|&i| !in_prompt[i] && position(units[i].block) <= 1)
        .collect();
    let early_scores: Vec<f32> = early.iter().map(|&i| title_score[i]).collect();
    if let Some(b) = best.filter(|&b| title_score[b] > 0.0) {
        out[b][F::title_best as usize] = 1.0;
    }
    if let Some(k) = argmax(&early_scores).filter(|&k| early_scores[k] > 0.0) {
        out[early[k]][F::title_best_early as usize] = 1.0;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| title_score[b].total_cmp(&title_score[a]).then(a.cmp(&b)));
    for &i in order.iter().take(3).filter(|&&i| title_score[i] > 0.0) {
        out[i][F::title_top3 as usize] = 1.0;
    }
    if let Some(c) = argmax(&central).filter(|&c| central[c].is_finite()) {
        out[c][F::essay_central as usize] = 1.0;
    }
    // Parallel openings: paragraph-first sentences that open alike (首先/其次
    // are cues of their own; this catches repeated frames such as 读…之书).
    let heads: Vec<Vec<char>> = first_sentences
        .iter()
        .map(|&i| {
            units[i]
                .text
                .chars()
                .filter(|&c| is_alphanumeric(c))
                .take(4)
                .collect()
        })
        .collect();
    for (k, &i) in first_sentences.iter().enumerate() {
        let parallel = heads
            .iter()
            .enumerate()
            .any(|(j, h)| j != k && h.len() >= 2 && heads[k].len() >= 2 && h[..2] == heads[k][..2]);
        if parallel {
            out[i][F::parallel as usize] = 1.0;
        }
    }
    // Conjunctions the linear model cannot form itself, and the evidence
    // around each sentence.
    let fact = |v: &Vector| {
        [
            F::person,
            F::place,
            F::time,
            F::digits,
            F::narrative,
            F::book,
            F::example,
        ]
        .iter()
        .filter(|f| v[**f as usize] > 0.0)
        .count() as f32
            / 3.0
    };
    let facts: Vec<f32> = out.iter().map(|v| fact(v).min(1.0)).collect();
    for i in 0..n {
        let (bs, be) = block_range[units[i].block];
        let block_facts = (bs..be).map(|k| facts[k]).fold(0.0, f32::max);
        let prev = i.checked_sub(1).filter(|&k| k >= bs);
        let next = Some(i + 1).filter(|&k| k < be);
        let v_prev = prev.map(|k| out[k]);
        let v = &mut out[i];
        set(v, F::first_para_last, on(v, F::p_first) && on(v, F::s_last));
        set(
            v,
            F::first_para_first,
            on(v, F::p_first) && (on(v, F::s_first) || on(v, F::s_only)),
        );
        set(
            v,
            F::second_para_first,
            on(v, F::p_second) && (on(v, F::s_first) || on(v, F::s_only)),
        );
        let early = on(v, F::p_first) || on(v, F::p_second);
        set(
            v,
            F::early_stance,
            early && (on(v, F::stance) || on(v, F::stance_more)),
        );
        set(v, F::early_normative, early && on(v, F::normative));
        if early {
            v[F::early_title as usize] = v[F::title_bigrams as usize];
        }
        set(
            v,
            F::last_para_first,
            on(v, F::p_last) && (on(v, F::s_first) || on(v, F::s_only)),
        );
        v[F::block_facts as usize] = block_facts;
        v[F::facts as usize] = facts[i];
        set(v, F::more_general, be - bs > 1 && facts[i] < block_facts);
        v[F::prev_facts as usize] = prev.map_or(0.0, |k| facts[k]);
        v[F::next_facts as usize] = next.map_or(0.0, |k| facts[k]);
        if let Some(pv) = v_prev {
            set(v, F::prev_colon, pv[F::colon as usize] > 0.0);
            set(v, F::prev_question, pv[F::question as usize] > 0.0);
        }
    }
    out
}

/// Fills the thesis-relative features once the thesis sentence is known.
pub fn relative(units: &[Unit], vectors: &mut [Vector], thesis: usize) {
    let tb = units[thesis].block;
    let tg = &units[thesis].grams;
    for (i, u) in units.iter().enumerate() {
        let v = &mut vectors[i];
        for x in v.iter_mut().skip(RELATIVE_FROM) {
            *x = 0.0;
        }
        if i == thesis {
            continue;
        }
        set(v, F::thesis_before, u.block < tb);
        set(v, F::thesis_same_para, u.block == tb);
        set(v, F::thesis_after, u.block > tb);
        set(v, F::thesis_next_para, u.block == tb + 1);
        set(v, F::thesis_body, u.block > tb);
        v[F::thesis_sim as usize] = overlap(&u.grams, tg);
        let body = u.block > tb && v[F::p_last as usize] == 0.0;
        let first = v[F::s_first as usize] > 0.0;
        let last = v[F::s_last as usize] > 0.0;
        let only = v[F::s_only as usize] > 0.0;
        set(v, F::body_first, body && first);
        set(v, F::body_last, body && last);
        set(v, F::body_only, body && only);
        set(v, F::body_middle, body && !first && !last && !only);
        set(v, F::intro_para, u.block < tb);
        set(v, F::thesis_para_after, u.block == tb && i > thesis);
        if v[F::p_last as usize] > 0.0 {
            v[F::closing_similar as usize] = v[F::thesis_sim as usize];
        }
    }
}

fn argmax(xs: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, x) in xs.iter().enumerate() {
        if best.is_none_or(|b| *x > xs[b]) {
            best = Some(i);
        }
    }
    best
}

/// Letters and CJK characters inside quotation marks.
fn quoted_chars(text: &str) -> usize {
    crate::text::chars::quoted_spans(text)
        .into_iter()
        .map(|r| text[r].chars().filter(|&c| is_alphanumeric(c)).count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    fn essay(text: &str) -> (Vec<Unit>, Vec<Vector>) {
        let doc = Document::from_bytes("t.txt", text.as_bytes()).unwrap();
        let layout = doc.layout();
        let d = super::super::claims::build(&doc.text, &layout.essays[0]);
        let u = units(&d);
        let v = base(&d, &u);
        (u, v)
    }

    #[test]
    fn names_are_unique() {
        let set: std::collections::HashSet<&&str> = NAMES.iter().collect();
        assert_eq!(set.len(), N);
    }

    #[test]
    fn position_in_essay_and_paragraph() {
        let (u, v) = essay("题目\n\n第一段。还有一句。\n\n第二段只有一句。\n\n最后一段。\n");
        assert_eq!(u.len(), 4);
        assert!(on(&v[0], F::p_first) && on(&v[0], F::s_first) && !on(&v[0], F::s_last));
        assert!(on(&v[1], F::s_last) && on(&v[1], F::s_second));
        assert!(on(&v[2], F::p_second) && on(&v[2], F::s_only));
        assert!(on(&v[3], F::p_last) && !on(&v[3], F::p_first));
    }

    #[test]
    fn positions_count_from_the_title_past_a_prompt() {
        let (u, v) = essay(
            "阅读下面的材料，根据要求写作。\n有人说诚信吃亏。\n要求：自拟标题，不少于800字。\n\
             诚信是金\n我认为诚信是根本。\n诚信是立身之本。\n总之要守信。\n",
        );
        let at = |t: &str| u.iter().position(|x| x.text == t).unwrap();
        let first = at("我认为诚信是根本。");
        assert!(on(&v[first], F::p_first) && !on(&v[first], F::p_middle));
        assert!(on(&v[at("诚信是立身之本。")], F::p_second));
        assert!(on(&v[at("总之要守信。")], F::p_last));
    }

    #[test]
    fn title_overlap_finds_the_sentence_that_echoes_the_title() {
        let (_, v) = essay("善待错误\n\n人人都会犯错。我们应该善待错误，从中学习。天气很好。\n");
        assert!(on(&v[1], F::title_best));
        assert!(v[1][F::title_bigrams as usize] > v[0][F::title_bigrams as usize]);
        assert!(!on(&v[2], F::title_best));
    }

    #[test]
    fn stance_and_normative_language() {
        let (_, v) = essay("题目\n\n我总以为读书最要紧。只有坚持，才能成功。天在下雨。\n");
        assert!(on(&v[0], F::stance_more) && on(&v[0], F::first_stance));
        assert!(on(&v[1], F::normative));
        assert!(!on(&v[2], F::normative) && !on(&v[2], F::stance));
        // An op-ed's or an editorial's voice is a stance too.
        let (_, v) = essay("题目\n\n在笔者看来，改革势在必行。本报认为，规则要具体。天在下雨。\n");
        assert!(on(&v[0], F::stance) && on(&v[1], F::stance));
        assert!(!on(&v[2], F::stance));
    }

    #[test]
    fn evidence_cues() {
        let (_, v) = essay(
            "题目\n\n1998年，鲁迅在北京写下了《呐喊》。比如他曾经说过“读书好”。这个道理很深刻。\n",
        );
        assert!(on(&v[0], F::digits) && on(&v[0], F::book));
        assert!(on(&v[1], F::quote) && on(&v[1], F::example) && on(&v[1], F::saying));
        assert!(!on(&v[2], F::quote) && !on(&v[2], F::digits));
    }

    #[test]
    fn questions_exclamations_and_reported_views() {
        let (_, v) = essay("题目\n\n难道这样不对吗？有人认为读书没用。其实，这种想法很片面！\n");
        assert!(on(&v[0], F::question) && on(&v[0], F::rhetorical));
        assert!(on(&v[1], F::reported));
        assert!(on(&v[2], F::exclaim) && on(&v[2], F::rebuttal));
    }

    #[test]
    fn parallel_paragraph_openings() {
        let (_, v) = essay(
            "题目\n\n开头一段。\n\n读书使人明智，道理很多。\n\n读书使人快乐，故事很多。\n\n结尾一段。\n",
        );
        assert!(on(&v[1], F::parallel) && on(&v[2], F::parallel));
        assert!(!on(&v[0], F::parallel) && !on(&v[3], F::parallel));
    }

    #[test]
    fn relative_features_follow_the_thesis() {
        let (u, mut v) = essay("题目\n\n引子。我认为读书好。\n\n读书好处多。\n\n总之读书好。\n");
        relative(&u, &mut v, 1);
        assert!(on(&v[0], F::thesis_same_para));
        assert!(on(&v[2], F::thesis_next_para) && on(&v[2], F::thesis_after));
        assert!(v[3][F::thesis_sim as usize] > v[2][F::thesis_sim as usize] - 1.0);
        assert!(v[1].iter().skip(RELATIVE_FROM).all(|x| *x == 0.0));
    }
}
