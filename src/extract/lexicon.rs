//! The lexicons that drive extraction, embedded from the data files beside
//! this module, and the one matcher they all share.

use crate::model::Relation;
use crate::nlp::lines;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Longest gap, in characters, that `…` in a pattern may stand for.
pub const MARKER_GAP_CHARS: usize = 24;
/// Longest gap in a stance pattern (我…认为).
pub const STANCE_GAP_CHARS: usize = 4;
/// Longest gap in a rejection pattern (这种想法，显然有点不全面).
pub const REJECTION_GAP_CHARS: usize = 8;
/// Characters that may stand before the second part of a paired marker in its
/// clause (尽管 A，我们却 B).
pub const PAIRED_LEAD_CHARS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Conclusion,
    Reason,
    Example,
    Contrast,
    Concession,
    Rejection,
    Restate,
    Elaborate,
}

impl Family {
    fn parse(s: &str) -> Option<Family> {
        Some(match s {
            "conclusion" => Family::Conclusion,
            "reason" => Family::Reason,
            "example" => Family::Example,
            "contrast" => Family::Contrast,
            "concession" => Family::Concession,
            "rejection" => Family::Rejection,
            "restate" => Family::Restate,
            "elaborate" => Family::Elaborate,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Conclusion => "conclusion",
            Family::Reason => "reason",
            Family::Example => "example",
            Family::Contrast => "contrast",
            Family::Concession => "concession",
            Family::Rejection => "rejection",
            Family::Restate => "restate",
            Family::Elaborate => "elaborate",
        }
    }

    pub fn relation(self) -> Relation {
        match self {
            Family::Conclusion | Family::Reason => Relation::Supports,
            Family::Example => Relation::Exemplifies,
            Family::Contrast | Family::Concession | Family::Rejection => Relation::Attacks,
            Family::Restate => Relation::Restates,
            Family::Elaborate => Relation::Elaborates,
        }
    }

    /// Does the edge run from the marked text to the earlier text (true), or
    /// from the earlier text to the marked one (false)?
    pub fn marked_is_source(self) -> bool {
        !matches!(
            self,
            Family::Conclusion | Family::Concession | Family::Rejection
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Initial,
    Clause,
    Paired,
    Leading,
    Governing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub pattern: String,
    pub parts: Vec<String>,
    /// The parts as a matcher, built once.
    pub matcher: Pattern,
    pub family: Family,
    pub position: Position,
    pub after_opinion: bool,
}

pub struct Lexicon {
    pub markers: Vec<Marker>,
    /// The paired markers among `markers`, as their two halves.
    pub paired: Paired,
    pub hedges: PatternSet,
    /// Phrases that hold a hedge word without hedging (不可能, 可能性).
    pub not_hedges: AhoCorasick,
    pub certainty: Vec<Pattern>,
    pub stance: PatternSet,
    pub opinion: PatternSet,
    pub thesis: Vec<Pattern>,
    /// Openings of a reported view the author answers (有人认为, 诚然).
    pub reported: PatternSet,
    /// The same without the concessions (诚然, 固然), which report a view
    /// only when an answer follows ([`concedes_only`]).
    pub reported_views: PatternSet,
    /// Words that introduce someone's words in agreement (正如, 就像): a
    /// reported view's opening right after one reports nothing.
    pub agreeing: Vec<String>,
    /// Words that reject the view stated just before (此言谬矣, 不然).
    pub rejections: PatternSet,
    /// The same, only where they open the sentence (其实不然。).
    pub rejection_openings: Vec<Pattern>,
    /// Openings of a rhetorical question that answers a view reported just
    /// before it (难道…吗？).
    pub rebuttal_questions: Vec<Pattern>,
    /// Words opening the author's answer inside a sentence that reports a
    /// view (有人说 A，但 B).
    pub turns: Vec<Pattern>,
    /// Concessions inside a view whose turn is the view's own (有人认为，A
    /// 固然 B，但 C).
    pub view_concessions: Vec<String>,
}

/// Patterns searched for together: one Aho–Corasick pass over the text finds
/// every place a pattern's first part occurs, and only there is the whole
/// pattern tried. Searching pattern by pattern cost a third of extraction.
pub struct PatternSet {
    patterns: Vec<Pattern>,
    firsts: AhoCorasick,
    /// For each distinct first part, the patterns that open with it.
    owners: Vec<Vec<usize>>,
}

impl PatternSet {
    pub fn new(patterns: Vec<Pattern>) -> PatternSet {
        let mut firsts: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (k, p) in patterns.iter().enumerate() {
            let first = p.parts[0].as_str();
            match firsts.iter().position(|f| *f == first) {
                Some(j) => owners[j].push(k),
                None => {
                    firsts.push(first);
                    owners.push(vec![k]);
                }
            }
        }
        let firsts = AhoCorasick::new(&firsts).expect("lexicon phrases build an automaton");
        PatternSet {
            patterns,
            firsts,
            owners,
        }
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Every (pattern index, start, end) that matches in `text`, in the order
    /// the automaton finds them (by end).
    pub fn matches<'a>(
        &'a self,
        text: &'a str,
        bounds: &'a Bounds,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.firsts.find_overlapping_iter(text).flat_map(move |m| {
            self.owners[m.pattern().as_usize()]
                .iter()
                .filter_map(move |&k| {
                    self.patterns[k]
                        .match_at(text, m.start(), bounds)
                        .map(|end| (k, m.start(), end))
                })
        })
    }

    /// Does any pattern occur anywhere in `text`?
    pub fn contains(&self, text: &str, bounds: &Bounds) -> bool {
        self.matches(text, bounds).next().is_some()
    }
}

/// A literal phrase, or phrases joined by `…` with a bounded gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub parts: Vec<String>,
    pub gap: usize,
}

impl Pattern {
    pub fn new(text: &str, gap: usize) -> Pattern {
        Pattern {
            parts: text.split('…').map(str::to_owned).collect(),
            gap,
        }
    }

    /// Matches where `text` opens, past any Markdown markup
    /// ([`markup_prefix`]); returns the byte end of the match.
    pub fn opens(&self, text: &str, bounds: &Bounds) -> Option<usize> {
        self.match_at(text, markup_prefix(text), bounds)
    }

    /// Matches starting exactly at byte `at`; returns the byte end of the match.
    /// Every part must start and end on a word boundary.
    pub fn match_at(&self, text: &str, at: usize, bounds: &Bounds) -> Option<usize> {
        let mut pos = at;
        for (i, part) in self.parts.iter().enumerate() {
            let found = if i == 0 {
                text[pos..].starts_with(part.as_str()).then_some(pos)
            } else {
                find_within(text, pos, part, self.gap, bounds)
            }?;
            if !bounds.is(found) || !bounds.is(found + part.len()) {
                return None;
            }
            pos = found + part.len();
        }
        Some(pos)
    }

    /// First match anywhere in `text`, as (start, end) bytes.
    pub fn find(&self, text: &str, bounds: &Bounds) -> Option<(usize, usize)> {
        let first = self.parts.first()?;
        text.match_indices(first.as_str())
            .find_map(|(i, _)| self.match_at(text, i, bounds).map(|e| (i, e)))
    }
}

/// `part` starting within `gap` characters after byte `from`, on a word boundary.
fn find_within(text: &str, from: usize, part: &str, gap: usize, bounds: &Bounds) -> Option<usize> {
    text[from..]
        .char_indices()
        .take(gap + 1)
        .map(|(i, _)| from + i)
        .find(|&i| text[i..].starts_with(part) && bounds.is(i))
}

/// Word boundaries of one text, as jieba cuts it.
pub struct Bounds(Vec<usize>);

impl Bounds {
    pub fn of(text: &str) -> Bounds {
        Bounds(crate::nlp::word_boundaries(text))
    }

    /// Bounds from byte offsets already cut (ascending, starting at 0).
    pub fn from_sorted(cuts: Vec<usize>) -> Bounds {
        Bounds(cuts)
    }

    pub fn is(&self, byte: usize) -> bool {
        self.0.binary_search(&byte).is_ok()
    }
}

fn patterns(data: &str, gap: usize) -> Vec<Pattern> {
    let mut v: Vec<Pattern> = lines(data).map(|l| Pattern::new(l, gap)).collect();
    // Longest first, so 由此可见 wins over 可见.
    v.sort_by_key(|p| std::cmp::Reverse(p.parts.iter().map(String::len).sum::<usize>()));
    v
}

fn markers(data: &str) -> Vec<Marker> {
    let mut out: Vec<Marker> = lines(data)
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let family = cols.get(1).and_then(|f| Family::parse(f));
            let position = match cols.get(2).copied() {
                Some("initial") => Some(Position::Initial),
                Some("clause") => Some(Position::Clause),
                Some("paired") => Some(Position::Paired),
                Some("leading") => Some(Position::Leading),
                Some("governing") => Some(Position::Governing),
                _ => None,
            };
            match (family, position) {
                (Some(family), Some(position)) => Marker {
                    pattern: cols[0].to_owned(),
                    parts: cols[0].split('…').map(str::to_owned).collect(),
                    matcher: Pattern::new(cols[0], MARKER_GAP_CHARS),
                    family,
                    position,
                    after_opinion: cols.get(3) == Some(&"after_opinion"),
                },
                _ => panic!("markers.tsv: malformed line {line:?}"),
            }
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(m.pattern.len()));
    out
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let markers = markers(include_str!("markers.tsv"));
    Lexicon {
        paired: Paired::new(&markers),
        markers,
        hedges: PatternSet::new(patterns(&unmarked(include_str!("hedges.txt")), 0)),
        not_hedges: AhoCorasick::new(marked(include_str!("hedges.txt")))
            .expect("hedges.txt phrases build an automaton"),
        certainty: patterns(include_str!("certainty.txt"), 0),
        stance: PatternSet::new(patterns(include_str!("stance.txt"), STANCE_GAP_CHARS)),
        opinion: PatternSet::new(patterns(include_str!("opinion.txt"), 0)),
        thesis: patterns(include_str!("thesis.txt"), 0),
        reported: PatternSet::new(patterns(
            &without_marks(include_str!("reported.txt")),
            STANCE_GAP_CHARS,
        )),
        reported_views: PatternSet::new(patterns(
            &unmarked(include_str!("reported.txt")),
            STANCE_GAP_CHARS,
        )),
        agreeing: lines(include_str!("agreeing.txt"))
            .map(str::to_owned)
            .collect(),
        rejections: PatternSet::new(patterns(
            &unmarked(include_str!("rejections.txt")),
            REJECTION_GAP_CHARS,
        )),
        rejection_openings: marked(include_str!("rejections.txt"))
            .map(|l| Pattern::new(l, 0))
            .collect(),
        rebuttal_questions: patterns(include_str!("rebuttal_questions.txt"), 0),
        turns: patterns(&unmarked(include_str!("turns.txt")), 0),
        view_concessions: marked(include_str!("turns.txt"))
            .map(str::to_owned)
            .collect(),
    }
});

/// The paired markers (尽管…但是, 之所以…是因为), each as its first half and
/// the rest, with one automaton over the first halves: most sentences hold
/// none of them and are passed over in one pass, where a search per marker
/// was a tenth of extraction.
pub struct Paired {
    markers: Vec<PairedMarker>,
    firsts: AhoCorasick,
}

pub struct PairedMarker {
    /// Index into [`Lexicon::markers`].
    pub marker: usize,
    pub first: Pattern,
    pub rest: Pattern,
}

impl Paired {
    fn new(markers: &[Marker]) -> Paired {
        let markers: Vec<PairedMarker> = markers
            .iter()
            .enumerate()
            .filter(|(_, m)| m.position == Position::Paired)
            .map(|(i, m)| PairedMarker {
                marker: i,
                first: Pattern::new(&m.parts[0], 0),
                rest: Pattern {
                    parts: m.parts[1..].to_vec(),
                    gap: MARKER_GAP_CHARS,
                },
            })
            .collect();
        let firsts = AhoCorasick::new(markers.iter().map(|m| m.first.parts[0].as_str()))
            .expect("paired markers build an automaton");
        Paired { markers, firsts }
    }

    /// The paired markers whose first half occurs in `text` (on a word
    /// boundary or not), in the order of [`Lexicon::markers`].
    pub fn in_text<'a>(&'a self, text: &str) -> impl Iterator<Item = &'a PairedMarker> + 'a {
        let mut present = vec![false; self.markers.len()];
        for m in self.firsts.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        self.markers
            .iter()
            .zip(present)
            .filter_map(|(m, p)| p.then_some(m))
    }
}

impl Marker {
    pub fn pattern(&self) -> &Pattern {
        &self.matcher
    }
}

/// The `!`-marked lines, without their mark.
fn marked(data: &str) -> impl Iterator<Item = &str> {
    lines(data).filter_map(|l| l.strip_prefix('!'))
}

/// Every line, `!`-marked ones without their mark.
fn without_marks(data: &str) -> String {
    lines(data)
        .map(|l| l.strip_prefix('!').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines not marked `!` (what the mark means is each file's own: not a
/// hedge in hedges.txt, a view's own concession in turns.txt, a concession
/// in reported.txt).
fn unmarked(data: &str) -> String {
    lines(data)
        .filter(|l| !l.starts_with('!'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Does `text` reject the view stated just before it (`rejections.txt`)?
pub fn rejects(text: &str, bounds: &Bounds) -> bool {
    let lex = &*LEXICON;
    lex.rejections.contains(text, bounds)
        || opens_with(&lex.rejection_openings, text, bounds).is_some()
}

/// Does `text` hold a hedge outside every phrase that only looks like one?
pub fn is_hedged(text: &str, bounds: &Bounds) -> bool {
    hedged_where(text, bounds, |_| true)
}

/// [`is_hedged`] by a hedge outside quotation marks: 母亲说：“也许有车。”
/// is the mother's doubt, not the author's.
pub fn is_hedged_outside_quotes(text: &str, bounds: &Bounds) -> bool {
    let quoted = crate::text::chars::quoted_spans(text);
    hedged_where(text, bounds, |at| !quoted.iter().any(|q| q.contains(&at)))
}

/// Whether `text` holds a hedge starting at a byte offset `counts` accepts.
fn hedged_where(text: &str, bounds: &Bounds, counts: impl Fn(usize) -> bool) -> bool {
    let lex = &*LEXICON;
    let mut hedges = lex
        .hedges
        .matches(text, bounds)
        .filter(|&(_, at, _)| counts(at))
        .peekable();
    if hedges.peek().is_none() {
        return false;
    }
    let covered: Vec<(usize, usize)> = lex
        .not_hedges
        .find_overlapping_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    hedges.any(|(_, i, e)| !covered.iter().any(|&(s, ce)| s <= i && e <= ce))
}

/// Does `text` report a view, other than words quoted in agreement
/// (正如有人说的…, 就像很多人认为的…), and leave it unanswered within the
/// sentence (有人说 A，但 B is the author's answer, not a view)?
pub fn is_reported(text: &str, bounds: &Bounds) -> bool {
    reports_by(&LEXICON.reported, text, bounds)
}

/// Does one of `openings` report a view in `text`, not after a word of
/// agreement and not answered later in the sentence?
fn reports_by(openings: &PatternSet, text: &str, bounds: &Bounds) -> bool {
    let lex = &*LEXICON;
    openings.matches(text, bounds).any(|(_, start, end)| {
        !lex.agreeing
            .iter()
            .any(|a| text[..start].ends_with(a.as_str()))
            && !answered_after(text, end, bounds)
    })
}

/// Is `text` reported ([`is_reported`]) by a concession word alone (诚然,
/// 固然: the `!` lines of reported.txt), with no one's view named?
pub fn concedes_only(text: &str, bounds: &Bounds) -> bool {
    is_reported(text, bounds) && !reports_by(&LEXICON.reported_views, text, bounds)
}

/// Does `text` open with a turn (但是, 然而, 可…: turns.txt), answering
/// what the sentence before it conceded?
pub fn opens_with_turn(text: &str, bounds: &Bounds) -> bool {
    opens_with(&LEXICON.turns, text, bounds).is_some()
}

/// Characters that end a clause inside a sentence.
const CLAUSE_BREAKS: &[char] = &['，', ',', '；', ';', '：', ':'];

/// Byte offsets where a clause starts inside `text` (after ，；：), excluding 0.
pub fn clause_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|(_, c)| CLAUSE_BREAKS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i < text.len())
        .collect()
}

/// Does a clause after byte `from` open with a turn (turns.txt) that is not
/// the answer to a concession the view makes itself?
fn answered_after(text: &str, from: usize, bounds: &Bounds) -> bool {
    let lex = &*LEXICON;
    clause_starts(text)
        .into_iter()
        .filter(|&start| start > from)
        .any(|start| {
            let rest = &text[start..];
            let at = start + (rest.len() - rest.trim_start().len());
            lex.turns
                .iter()
                .any(|t| t.match_at(text, at, bounds).is_some())
                // 而不是 goes on with the view (可见成功靠的是机遇，而不是书本).
                && !lex.markers.iter().any(|m| {
                    m.family == Family::Rejection && m.pattern().match_at(text, at, bounds).is_some()
                })
                && !lex
                    .view_concessions
                    .iter()
                    .any(|w| text[from..at].contains(w.as_str()))
        })
}

/// Byte length of the leading pattern of `patterns` that `text` opens with.
pub fn opens_with(patterns: &[Pattern], text: &str, bounds: &Bounds) -> Option<usize> {
    patterns.iter().find_map(|p| p.opens(text, bounds))
}

/// Bytes of Markdown markup before a sentence's first word: emphasis
/// (`**因此**，…`), a list bullet, a block quote. A marker after them still
/// opens the sentence.
pub fn markup_prefix(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| !matches!(c, '*' | '_' | '>' | '-' | '+' | ' ' | '\u{3000}'))
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_markers_in_a_text_are_those_whose_first_half_it_holds() {
        let lex = &*LEXICON;
        let found = |t: &str| -> Vec<&str> {
            lex.paired
                .in_text(t)
                .map(|p| lex.markers[p.marker].pattern.as_str())
                .collect()
        };
        assert!(found("我们要学会独立思考。").is_empty());
        let both = found("之所以成功，是因为尽管困难，但是他坚持了。");
        assert!(
            both.contains(&"之所以…是因为") && both.contains(&"尽管…但是"),
            "{both:?}"
        );
        // Exactly the paired markers whose first half the text holds, in
        // the order of the marker list (the order the split tries them in),
        // markers sharing a first half (尽管…但是, 尽管…却) included.
        for text in [
            "尽管…之所以",
            "虽然下雨了，可是我们还是去了，由于准备充分，所以很顺利。",
            "既然选择了远方，就只顾风雨兼程；尽管困难重重，却从未放弃。",
            "不仅要读书，而且要思考。",
        ] {
            let expected: Vec<usize> = lex
                .markers
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.position == Position::Paired && text.contains(m.parts[0].as_str())
                })
                .map(|(i, _)| i)
                .collect();
            let got: Vec<usize> = lex.paired.in_text(text).map(|p| p.marker).collect();
            assert!(
                expected.len() >= 2 || text.starts_with("不仅"),
                "{text}: {expected:?}"
            );
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn lexicon_parses_and_covers_every_family() {
        let lex = &*LEXICON;
        for fam in [
            "conclusion",
            "reason",
            "example",
            "contrast",
            "concession",
            "restate",
            "elaborate",
        ] {
            assert!(lex.markers.iter().any(|m| m.family.name() == fam), "{fam}");
        }
        assert!(!lex.hedges.patterns().is_empty() && !lex.stance.patterns().is_empty());
    }

    #[test]
    fn matches_respect_word_boundaries() {
        let hedges = &LEXICON.hedges;
        let t = "这种可能性很小。";
        assert!(!hedges.contains(t, &Bounds::of(t)));
        let t = "这可能是对的。";
        assert!(hedges.contains(t, &Bounds::of(t)));
    }

    #[test]
    fn a_pattern_set_finds_what_its_patterns_find_one_by_one() {
        let texts = [
            "我认为这是对的，有人认为不然。",
            "我始终认为，也有人说过，诚然如此。",
            "在我看来，他们觉得我们应该认为的事情不多。",
            "人们常说失败是成功之母，可是我却不这么认为。",
            "没有一个标记的句子。",
        ];
        let lex = &*LEXICON;
        for set in [&lex.stance, &lex.reported, &lex.opinion] {
            for t in texts {
                let b = Bounds::of(t);
                let one_by_one = set.patterns().iter().any(|p| p.find(t, &b).is_some());
                assert_eq!(set.contains(t, &b), one_by_one, "{t}");
            }
        }
    }

    #[test]
    fn a_saying_quoted_in_agreement_is_no_reported_view() {
        let reported = |t: &str| is_reported(t, &Bounds::of(t));
        assert!(reported("有人说，一个人行走的范围，就是他的世界。"));
        assert!(!reported("正如有人说的，一个人行走的范围，就是他的世界。"));
        assert!(!reported("就像有人说过，一个人行走的范围，就是他的世界。"));
        assert!(!reported("正如很多人认为的，书是人类进步的阶梯。"));
        assert!(!reported("正如有的人所说，书是人类进步的阶梯。"));
        // A view reported later in the sentence still counts.
        assert!(reported("正如有人说的，书是良药；也有人认为读书无用。"));
        // A view answered in its own sentence is the author's: 但, 可, 而…
        assert!(!reported("有人说，读书无用，但我不这么看。"));
        assert!(!reported(
            "有人说，钟情于一个人是没有理由的，而我钟情于它是有理由的。"
        ));
        // 而且 is no turn: jieba keeps it one word.
        assert!(reported("有人说，读书无用，而且浪费时间。"));
        assert!(reported("还有人说，成功靠的是机遇，而不是书本。"));
    }

    #[test]
    fn gapped_pattern() {
        let p = Pattern::new("我…认为", 4);
        let t = "于是，我一度认为，未来会好。";
        assert!(p.find(t, &Bounds::of(t)).is_some());
    }
}
