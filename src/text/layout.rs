//! From lines to essays, sections, paragraphs and sentences.
//!
//! The rules are written down in docs/text-layout.md; in short:
//! 1. Lines holding only whitespace are blank. Every other line is trimmed.
//! 2. A unit (paragraph or heading) grows by joining the next line when the
//!    unit ends mid-sentence ([`continues_on_next`]): that repairs page breaks
//!    across blank lines and hard-wrapped lines alike, while files written one
//!    paragraph per line keep one paragraph per line.
//! 3. A short unit that does not end like a sentence is a heading.
//! 4. The first heading titles the first essay; a later heading opens a new
//!    essay when it parallels an essay title more than the other headings, and
//!    is a section heading otherwise ([`opens_new_essay`]).
//! 5. A paragraph whose short first sentence parallels the section headings is
//!    a section too, its first sentence the heading ([`inline_headings`]).
//!
//! Markdown `#` titles an essay and `##`..`######` a section, with no guessing.

use super::chars::is_alphanumeric;
use super::sentence::{self, ends_sentence, is_space};
use crate::nlp;
use rustc_hash::FxHashSet;
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::LazyLock;

/// A stretch of the document: byte offsets into the document text, and the
/// text itself with any line breaks it spans (a repaired page break) removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub essays: Vec<EssayLayout>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EssayLayout {
    pub title: Option<Piece>,
    /// How many of the first paragraphs are the prompt the essay answers
    /// (material before its title), not the essay itself.
    pub prompt_paragraphs: usize,
    pub sections: Vec<SectionLayout>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SectionLayout {
    /// The heading as a sentence (with its end mark, if it had one).
    pub heading: Option<Piece>,
    /// The heading stood as the first sentence of a paragraph.
    pub heading_inline: bool,
    pub paragraphs: Vec<Vec<Piece>>,
}

/// Consecutive unmarked headings from which a run is text, not headings.
const HEADING_RUN_MAX: usize = 4;
/// Longest heading, in characters. Longer unfinished units are broken sentences.
pub const HEADING_MAX_CHARS: usize = 30;
/// Longest first sentence that can serve as an inline section heading.
pub const INLINE_HEADING_MAX_CHARS: usize = 24;
/// More paragraphs than this opening alike are a repeated phrase, not a set of headings.
pub const MAX_PARALLEL_HEADINGS: usize = 12;
/// Shared opening characters that make two headings parallel.
pub const PARALLEL_MIN_CHARS: usize = 3;

/// Unheaded paragraphs after which a heading with no parallel opens a new essay.
pub const ESSAY_MIN_PARAGRAPHS: usize = 6;
/// An essay's length, in characters: what an exam asks of one (不少于800字).
/// Fewer than [`ESSAY_MIN_PARAGRAPHS`] paragraphs make an essay before a
/// heading only with this much text on each side of it.
pub const ESSAY_MIN_CHARS: usize = 800;

/// What follows a unit before the next heading.
#[derive(Debug, Clone, Copy, Default)]
struct Following {
    paragraphs: usize,
    chars: usize,
    /// Characters of text, headings aside, up to the next separator line.
    to_separator: usize,
}

/// Blank lines before a heading with no parallel that may open a new essay.
pub const ESSAY_GAP_LINES: usize = 2;

/// Paragraphs on each side of a heading, one blank line before it, for it
/// to open a second short piece after a titled first one.
const SHORT_PIECE_PARAGRAPHS: usize = 4;

/// Characters that cannot open a Chinese sentence: a unit followed by one of
/// these was cut in the middle of a phrase.
const CANNOT_START: &[char] = &[
    '了', '的', '地', '得', '着', '过', '们', '吗', '呢', '吧', '啊', '么', '，', '、', '。', '；',
    '：', '！', '？', ',', ';', ':',
];
const CLAUSE_MARKS: &[char] = &['，', ',', '、', '；', ';', '：', ':'];

#[derive(Debug, Clone)]
struct Line {
    start: usize,
    end: usize,
    /// Blank lines just before this one.
    blank_before: usize,
    /// Markdown heading level (1 for `#`), 0 for ordinary text.
    md_level: usize,
    /// A line naming itself a title (题目：…), its label left out.
    labelled_title: bool,
    /// A separator line (------, ======, * * *) stands just before it.
    separated: bool,
}

#[derive(Debug, Clone)]
struct Unit {
    lines: Vec<(usize, usize)>,
    blank_before: usize,
    md_level: usize,
    labelled_title: bool,
    separated: bool,
    /// A heading with a byline under it (姓名：王芳): an essay's title.
    signed: bool,
    heading: bool,
    text: String,
}

pub fn layout(doc: &str, markdown: bool) -> Layout {
    let lines = lines(doc, markdown);
    let (units, prompt) = units(doc, &lines);
    assemble(doc, units, prompt)
}

fn lines(doc: &str, markdown: bool) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut blanks = 0;
    let mut separated = false;
    for raw in doc.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let body = raw.trim_end_matches('\n');
        let lead = body.len() - body.trim_start_matches(is_space).len();
        let trimmed = body.trim_matches(is_space);
        if trimmed.is_empty() {
            blanks += 1;
            continue;
        }
        // A separator line parts what is on either side (nothing joins across
        // it), and a title after it may open the next essay
        // (`opens_new_essay`); the blank lines counted are those after it,
        // as when it was a line of text.
        if is_separator_line(trimmed) {
            blanks = 0;
            separated = true;
            continue;
        }
        let separated = std::mem::take(&mut separated);
        let blank_before = std::mem::take(&mut blanks);
        let (mut s, mut e) = (start + lead, start + lead + trimmed.len());
        let mut md_level = 0;
        if markdown {
            let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
            let after = &trimmed[hashes..];
            if (1..=6).contains(&hashes) && (after.starts_with(' ') || after.starts_with('\t')) {
                let title = after.trim_matches(|c: char| is_space(c) || c == '#');
                // A heading with no words is no heading: keep the line as text.
                if title.is_empty() {
                    out.push(Line {
                        start: s,
                        end: e,
                        blank_before,
                        md_level: 0,
                        labelled_title: false,
                        separated,
                    });
                    continue;
                }
                md_level = hashes;
                // Where the title starts in the line: after the hashes and
                // whatever spaces or further hashes were trimmed off it.
                s = start
                    + lead
                    + hashes
                    + (after.len()
                        - after
                            .trim_start_matches(|c: char| is_space(c) || c == '#')
                            .len());
                e = s + title.len();
            }
        }
        let mut labelled_title = false;
        if md_level == 0 {
            if let Some(k) = super::title_label::title_start(trimmed) {
                s += k;
                labelled_title = true;
            }
        }
        out.push(Line {
            start: s,
            end: e,
            blank_before,
            md_level,
            labelled_title,
            separated,
        });
    }
    out
}

/// Marks a separator line is drawn with: ASCII and full-width rules and
/// stars, box-drawing and em dashes, dots and ornaments.
const SEPARATOR_MARKS: &str = "-=*_~#+－＝＊＿～＃─━═—―·•※☆★◆◇○●";

/// Fewest marks of a separator line.
pub const SEPARATOR_MIN_MARKS: usize = 3;

/// A line drawn only to part what is above from what is below: ------,
/// ======, * * *, ＝＝＝＝, ～～～～ (marks and spaces, three marks or more).
fn is_separator_line(line: &str) -> bool {
    // Asked of every line: most fail at their first character.
    line.chars()
        .all(|c| is_space(c) || SEPARATOR_MARKS.contains(c))
        && line.chars().filter(|&c| !is_space(c)).count() >= SEPARATOR_MIN_MARKS
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// A unit short enough, and with few enough clause marks, to be a heading.
/// Fewest characters of a first paragraph that is the prompt an essay was
/// written to (material to respond to), when a title line follows it.
pub const PROMPT_MIN_CHARS: usize = 40;

fn is_prompt(text: &str) -> bool {
    char_count(text) >= PROMPT_MIN_CHARS && ends_sentence(text)
}

fn heading_shaped(text: &str) -> bool {
    // Asked of units as they grow line by line: a long one is answered
    // from its first characters, not counted whole each time.
    text.chars().nth(HEADING_MAX_CHARS).is_none()
        && text.chars().filter(|c| CLAUSE_MARKS.contains(c)).count() <= 1
        && !text.ends_with(CLAUSE_MARKS)
}

/// Dashes that open an epigraph's credit (——题记): the em dash, the
/// horizontal bar, the full-width hyphen, and the box-drawing lines some
/// input methods give for ——.
const CREDIT_DASHES: [char; 5] = ['—', '―', '－', '─', '━'];

/// A credit line under an epigraph (`——题记`, `——龚自珍`, `--祝福那些…`): a
/// short line opened by a dash, not ending like a sentence. It names where
/// the quotation above came from; it heads nothing and is no part of the
/// argument. (`——这才是真正的勇敢。`, ending like a sentence, is text.)
pub fn is_attribution(text: &str) -> bool {
    let t = text.trim_start_matches(super::sentence::is_space);
    (t.starts_with(CREDIT_DASHES) || t.starts_with("--")) && heading_shaped(t) && !ends_sentence(t)
}

/// A line that closes with an epigraph's credit after the quotation
/// (`尘封了许久的事……内心仍有说不出的愧疚。 ——题记`): the credit ends it as a
/// credit line ends its epigraph.
fn ends_with_attribution(text: &str) -> bool {
    let t = text.trim_end_matches(super::sentence::is_space);
    let is_dash = |c: char| c == '-' || CREDIT_DASHES.contains(&c);
    // The credit opens with the last run of dashes.
    let Some(last) = t.rfind(is_dash) else {
        return false;
    };
    let run_start = t[..last]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_dash(c))
        .last()
        .map_or(last, |(i, _)| i);
    let (quote, credit) = t.split_at(run_start);
    let quote = quote.trim_end_matches(super::sentence::is_space);
    // A credit names a source: 题记, a work (《论语》) or a short name (龚自珍,
    // 泰戈尔). A narrative dash after a full stop (他终于明白了。——原来母亲
    // 一直在…) is text broken across lines, and is joined as such.
    let source = credit.trim_start_matches(is_dash).trim();
    let names_a_source = source == "题记"
        || source.starts_with('《')
        || (1..=CREDIT_NAME_MAX_CHARS).contains(&source.chars().count());
    !quote.is_empty() && ends_sentence(quote) && is_attribution(credit) && names_a_source
}

/// Longest name a credit after an epigraph gives (马克·吐温).
const CREDIT_NAME_MAX_CHARS: usize = 6;

/// Units an epigraph can follow: the title, and prompt lines before it.
const EPIGRAPH_MAX_UNIT: usize = 3;

/// Does a unit ending with `text` go on in the line `next`? `early`: the
/// unit is among the document's first, where an epigraph stands.
fn continues_on_next(text: &str, next: &str, early: bool) -> bool {
    if ends_sentence(text) || is_attribution(text) || (early && ends_with_attribution(text)) {
        return false;
    }
    // A lead-in ending in a colon introduces a list whose items stand on
    // lines of their own (以下几点： / （一）…).
    if text.ends_with(['：', ':']) && super::sentence::opens_list_item(next) {
        return false;
    }
    if text.ends_with(CLAUSE_MARKS) || next.starts_with(CANNOT_START) {
        return true;
    }
    !heading_shaped(text)
}

/// Hard-wrapped Western words need a space where the line broke; CJK does not.
fn needs_space(before: &str, after: &str) -> bool {
    let a = before.chars().next_back();
    let b = after.chars().next();
    matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        || a.is_ascii_punctuation() && b.is_ascii_alphanumeric())
}

/// Blocks of two or more sentence lines (text lines between blank lines)
/// from which a document's layout can be told.
const SENTENCE_BLOCKS_MIN: usize = 2;

/// Is the document written one sentence to a line, its paragraphs parted
/// by blank lines? Then the lines between two blank lines are one
/// paragraph. Told apart from one paragraph per line (most essays) by its
/// blocks: at least two blocks of two or more finished lines (the title
/// line aside), and four in five of those lines holding one sentence. A
/// writer who breaks after every sentence does so on nearly every line (the
/// 35 gold essays so rewritten: 0.83 to 1); one paragraph per line holds
/// some one-sentence paragraphs (dialogue, a short point), in the 300
/// corpus essays a median 0.29 of the lines and 0.65 at the 95th
/// percentile.
fn sentence_per_line(doc: &str, lines: &[Line]) -> bool {
    if !lines.iter().skip(1).any(|l| l.blank_before > 0) {
        // Most essays: one paragraph per line, no blank line; no line need
        // be looked at to tell.
        return false;
    }
    let text = |l: &Line| &doc[l.start..l.end];
    // The document's title line heads the first block; it is no sentence.
    let skip = usize::from(lines.first().is_some_and(|l| title_shaped(text(l))));
    let (mut blocks, mut lines_in_blocks, mut single) = (0usize, 0usize, 0usize);
    let mut block: Vec<&str> = Vec::new();
    let mut close = |block: &mut Vec<&str>| {
        if block.len() >= 2 {
            blocks += 1;
            lines_in_blocks += block.len();
            single += block.iter().filter(|t| one_sentence(t)).count();
        }
        block.clear();
    };
    for l in &lines[skip.min(lines.len())..] {
        if l.blank_before > 0 || l.md_level > 0 {
            close(&mut block);
        }
        if l.md_level == 0 && ends_sentence(text(l)) {
            block.push(text(l));
        }
    }
    close(&mut block);
    blocks >= SENTENCE_BLOCKS_MIN && single * 5 >= lines_in_blocks * 4
}

/// A line with no end mark (。！？) before its last: one sentence, as a
/// writer who puts one to a line sees it (a semicolon, which the splitter
/// may end a sentence at, does not count).
fn one_sentence(line: &str) -> bool {
    let body = line.trim_end_matches(|c: char| {
        is_space(c)
            || matches!(
                c,
                '。' | '！' | '？' | '!' | '?' | '”' | '’' | '」' | '』' | '）' | ')' | '"'
            )
    });
    !body.contains(['。', '！', '？', '!', '?'])
}

/// In a document written one sentence to a line: does the line `next`,
/// right under the unit ending with `text` (no blank line between), go on
/// its paragraph? Not after the document's title, an unfinished line or a
/// credit line, not when `next` would head something, and not from a
/// prompt's instructions onto a title-shaped line (the title under them,
/// phrased as a question: 诚信真的吃亏吗？).
fn continues_paragraph(text: &str, is_title: bool, next: &str) -> bool {
    ends_sentence(text)
        && !is_title
        && !is_attribution(text)
        && !is_attribution(next)
        && (ends_sentence(next) || !heading_shaped(next))
        && !(title_shaped(next) && has_prompt_cue(text))
}

/// Most clause marks in a headline (延迟退休：要算好个人账，更要算好社会账).
const HEADLINE_MAX_CLAUSE_MARKS: usize = 3;

/// Shaped like a newspaper's headline: short, with a clause or two, ending
/// with no full stop and no clause mark. Taken for the title only as the
/// document's first line, above a blank line.
fn headline_shaped(text: &str) -> bool {
    text.chars().nth(HEADING_MAX_CHARS).is_none()
        && text.chars().filter(|c| CLAUSE_MARKS.contains(c)).count() <= HEADLINE_MAX_CLAUSE_MARKS
        && !text.ends_with(CLAUSE_MARKS)
        && !text.ends_with(['。', '.'])
}

/// Shaped like a document's title: heading-shaped and not ending with a
/// full stop — a title may be a question or an exclamation.
fn title_shaped(text: &str) -> bool {
    heading_shaped(text) && !text.ends_with(['。', '.'])
}

/// The document's units, and how many of the first are the prompt its
/// essay answers (`prompt_units`).
fn units(doc: &str, lines: &[Line]) -> (Vec<Unit>, usize) {
    let mut units: Vec<Unit> = Vec::new();
    let one_sentence_lines = sentence_per_line(doc, lines);
    for line in lines {
        let piece = &doc[line.start..line.end];
        // The document's first unit titles it when title-shaped (below); so
        // does a title-shaped unit right under a prompt's instructions.
        // (Asked only of documents written one sentence to a line.)
        let is_title = |units: &[Unit]| match units {
            [only] => title_shaped(&only.text),
            [.., before, last] => title_shaped(&last.text) && has_prompt_cue(&before.text),
            [] => false,
        };
        let sentence_line_goes_on = one_sentence_lines
            && line.blank_before == 0
            && units
                .last()
                .is_some_and(|last| continues_paragraph(&last.text, is_title(&units), piece));
        let early = units.len() <= EPIGRAPH_MAX_UNIT;
        let first = units.len() == 1;
        if let Some(last) = units.last_mut() {
            // A dateline under the title is too long to look like a heading
            // and ends with no mark, so it would run on into the text.
            let dateline = early && super::dateline::is_dateline(&last.text);
            // The document's first line, alone above a blank line, titles it
            // though it holds a clause or two, as a newspaper's headline
            // does: it does not run on into the text.
            let headline = first && line.blank_before > 0 && headline_shaped(&last.text);
            // A byline (班级：高一（3）班　姓名：李明) has no end mark, yet
            // is no part of a sentence before or after it.
            if last.md_level == 0
                && line.md_level == 0
                && !line.separated
                && !last.labelled_title
                && !dateline
                && !headline
                && (continues_on_next(&last.text, piece, early) || sentence_line_goes_on)
                && !super::byline::is_record(&last.text)
                && !super::byline::is_record(piece)
            {
                last.lines.push((line.start, line.end));
                // Appended, not re-joined: a unit of many lines stays linear.
                if needs_space(&last.text, piece) {
                    last.text.push(' ');
                }
                last.text.push_str(piece);
                continue;
            }
        }
        units.push(Unit {
            lines: vec![(line.start, line.end)],
            blank_before: line.blank_before,
            md_level: line.md_level,
            labelled_title: line.labelled_title,
            separated: line.separated,
            signed: false,
            heading: false,
            text: piece.to_owned(),
        });
    }
    let count = units.len();
    let prompt = prompt_units(&units);
    // A blank line under the document's first line (a headline's sign).
    let first_stands_alone = units.get(1).is_some_and(|n| n.blank_before > 0);
    for (i, u) in units.iter_mut().enumerate() {
        let is_last = i + 1 == count;
        // A document's first line titles it even when phrased as a question;
        // so does the line after the prompt material an essay opens with.
        let title_line = i == prompt;
        if i < prompt {
            // An instruction line of the prompt (阅读下面的材料，根据要求写作。（60分）)
            // is heading-shaped, and heads nothing.
            u.heading = false;
            continue;
        }
        u.heading = u.md_level > 0
            || (u.labelled_title && !is_last)
            || (!is_last
                && !ends_sentence(&u.text)
                && heading_shaped(&u.text)
                && !is_attribution(&u.text))
            || (title_line && !is_last && title_shaped(&u.text))
            || (i == 0 && title_line && first_stands_alone && headline_shaped(&u.text));
    }
    // The lines under the document's title that name its writer (文/李明,
    // 高三（2）班 李明), or when and where it was published (2026-11-20
    // 来源：本报评论部): no heading, no paragraph (`byline`, `dateline`).
    let title_at = prompt;
    if units.get(title_at).is_some_and(|u| u.heading) {
        let mut masthead = 0;
        while masthead < MASTHEAD_MAX_LINES
            && units.len() > title_at + 2
            && units[title_at + 1].md_level == 0
            && (super::byline::is_byline(&units[title_at + 1].text)
                || super::dateline::is_dateline(&units[title_at + 1].text))
        {
            units.remove(title_at + 1);
            masthead += 1;
        }
    }
    // A writer named on the title's own line, after a wide space
    // (手機進校園，利大於弊嗎　　高二忠班　王小明), is no part of the title.
    for u in units.iter_mut().filter(|u| u.heading && u.lines.len() == 1) {
        if let Some(head) = without_trailing_byline(&u.text) {
            u.lines[0].1 = u.lines[0].0 + head.len();
            u.text.truncate(head.len());
        }
    }
    // Under any later heading too, a student's record (姓名：王芳, 高二（5）班
    // 王芳) names a writer: the heading titles the writer's essay (a class's
    // essays in one file, each signed). Not 作者：…, which credits a poem
    // or a quotation as often.
    let mut i = title_at + 1;
    while i + 2 < units.len() {
        if units[i].heading
            && units[i].md_level == 0
            && units[i + 1].md_level == 0
            && super::byline::is_record(&units[i + 1].text)
        {
            units.remove(i + 1);
            units[i].signed = true;
        }
        i += 1;
    }
    // Headings head something: a run of HEADING_RUN_MAX or more short lines
    // with no text between them is a list, a poem or junk (a file of
    // one-character lines made 80,000 "sections"), so they are text.
    let mut i = 0;
    while i < units.len() {
        let run = units[i..]
            .iter()
            .take_while(|u| u.heading && u.md_level == 0)
            .count();
        if run >= HEADING_RUN_MAX {
            // The document's title may stand just before such a run.
            let from = if i == 0 { 1 } else { i };
            for u in &mut units[from..i + run] {
                u.heading = false;
            }
        }
        i += run.max(1);
    }
    (units, prompt)
}

/// `text` without a byline after a wide space at its end (a full-width
/// space, or two spaces): the heading's own words, when there are any.
fn without_trailing_byline(text: &str) -> Option<&str> {
    let gap = text
        .char_indices()
        .filter(|&(i, c)| c == '\u{3000}' || text[i..].starts_with("  "))
        .map(|(i, _)| i)
        .find(|&i| super::byline::is_record(text[i..].trim_matches(is_space)))?;
    let head = text[..gap].trim_end_matches(is_space);
    (!head.is_empty()).then_some(head)
}

/// Most lines of byline and dateline under a title (作者：李明 / 2026-11-20 /
/// 来源：本报评论部).
const MASTHEAD_MAX_LINES: usize = 3;

/// Paragraphs of an exam prompt's instructions (`prompt_cues.txt`) are
/// looked for among the first few units only.
const PROMPT_MAX_UNITS: usize = 5;

static PROMPT_CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| nlp::lines(include_str!("prompt_cues.txt")).collect());

/// A cue written `^要求：` counts only where it opens the unit.
fn has_prompt_cue(text: &str) -> bool {
    PROMPT_CUES.iter().any(|c| match c.strip_prefix('^') {
        Some(opening) => text.starts_with(opening),
        None => text.contains(c),
    })
}

/// How many units at the top of the document are the prompt the essay was
/// written to, before its title: a long first paragraph ending like a
/// sentence with a title line right after it (material to respond to); the
/// units up to the last one holding an exam prompt's instructions
/// (阅读下面的材料…; 要求：…不少于800字) with a title line right after them;
/// or instructions opening the document with the material under them, up
/// to the first title line. A title needs text after it. 0 when the
/// document opens with no prompt.
fn prompt_units(units: &[Unit]) -> usize {
    if units.iter().any(|u| u.md_level > 0) {
        return 0;
    }
    let title_after = |t: usize| {
        units.get(t).is_some_and(|u| {
            heading_shaped(&u.text) && !has_prompt_cue(&u.text) && !is_attribution(&u.text)
        }) && units.len() > t + 2
    };
    if units.first().is_some_and(|u| is_prompt(&u.text)) && title_after(1) {
        return 1;
    }
    // A title line opening the document titles it; the instructions of a
    // prompt open with a cue of their own (阅读下面的材料，根据要求写作。（60分）).
    if units
        .first()
        .is_some_and(|u| title_shaped(&u.text) && !has_prompt_cue(&u.text))
    {
        return 0;
    }
    let head = &units[..units.len().min(PROMPT_MAX_UNITS)];
    match head.iter().rposition(|u| has_prompt_cue(&u.text)) {
        Some(last) if title_after(last + 1) => last + 1,
        Some(_) if has_prompt_cue(&units[0].text) => (2..=PROMPT_MAX_UNITS)
            .find(|&t| title_after(t))
            .unwrap_or(0),
        _ => 0,
    }
}

/// Maps offsets in a unit's joined text back to the document.
struct Joined<'a> {
    doc: &'a str,
    /// (offset in joined text, document start, document end) per line.
    parts: Vec<(usize, usize, usize)>,
    text: String,
}

impl<'a> Joined<'a> {
    fn new(doc: &'a str, lines: &[(usize, usize)]) -> Self {
        let mut text = String::new();
        let mut parts = Vec::with_capacity(lines.len());
        for &(s, e) in lines {
            if needs_space(&text, &doc[s..e]) {
                text.push(' ');
            }
            parts.push((text.len(), s, e));
            text.push_str(&doc[s..e]);
        }
        Joined { doc, parts, text }
    }

    /// The line part holding joined offset `off` (the last part starting at or before it).
    fn part_at(&self, off: usize) -> usize {
        self.parts.partition_point(|p| p.0 <= off).saturating_sub(1)
    }

    fn to_doc_start(&self, off: usize) -> usize {
        let (j, s, e) = self.parts[self.part_at(off)];
        if off < j + (e - s) {
            s + off - j
        } else {
            // In an inserted space: the next line starts the piece.
            self.parts.get(self.part_at(off) + 1).map_or(e, |p| p.1)
        }
    }

    fn to_doc_end(&self, off: usize) -> usize {
        // The part holding the last byte before `off`.
        let (j, s, e) = self.parts[self.part_at(off.saturating_sub(1))];
        (s + off.saturating_sub(j)).min(e)
    }

    fn piece(&self, s: usize, e: usize) -> Piece {
        let start = self.to_doc_start(s);
        let end = self.to_doc_end(e);
        debug_assert!(self.doc.is_char_boundary(start) && self.doc.is_char_boundary(end));
        Piece {
            start,
            end,
            text: self.text[s..e].to_owned(),
        }
    }

    fn sentences(&self) -> Vec<Piece> {
        sentence::split(&self.text)
            .into_iter()
            .map(|(s, e)| self.piece(s, e))
            .collect()
    }

    fn whole(&self) -> Piece {
        self.piece(0, self.text.len())
    }
}

/// What each unit turned out to be, in document order, before sections are built.
enum Item {
    Title(Piece),
    Heading(Piece),
    Paragraph(Vec<Piece>),
}

/// The essay being assembled, with what the new-essay test asks of it kept
/// up to date as items arrive (so the test costs nothing per heading).
#[derive(Default)]
struct OpenEssay {
    items: Vec<Item>,
    /// Leading paragraphs that are prompt material, before the title.
    prompt: usize,
    has_body: bool,
    /// Character bigrams of the text so far, brought up to date only when
    /// the new-essay test asks (items after the last question are never
    /// hashed). Bigrams, not jieba words: cutting every item of every long
    /// file was most of the text stage, and a heading word is "seen" when
    /// each pair of its neighbouring characters occurs somewhere before
    /// (not necessarily together).
    vocab: FxHashSet<u64>,
    /// Items already in `vocab`.
    vocab_items: usize,
}

impl OpenEssay {
    fn push(&mut self, item: Item) {
        self.has_body |= matches!(item, Item::Paragraph(_));
        self.items.push(item);
    }

    fn vocab(&mut self) -> &FxHashSet<u64> {
        let new = &self.items[self.vocab_items..];
        // About one pair per character; a CJK character is 3 bytes.
        self.vocab
            .reserve(new.iter().map(item_bytes).sum::<usize>() / 3);
        for item in new {
            add_words(&mut self.vocab, item);
        }
        self.vocab_items = self.items.len();
        &self.vocab
    }
}

fn item_bytes(item: &Item) -> usize {
    match item {
        Item::Title(p) | Item::Heading(p) => p.text.len(),
        Item::Paragraph(ps) => ps.iter().map(|p| p.text.len()).sum(),
    }
}

/// Is this a pair of letters or CJK characters? Only such pairs are kept
/// and looked up: a word asked about is made of them, so pairs with a mark
/// or a space would never be asked for.
fn word_pair(&(a, b): &(char, char)) -> bool {
    is_alphanumeric(a) && is_alphanumeric(b)
}

/// A character pair as one key: hashing one u64 is cheaper than a pair.
fn pair_key((a, b): (char, char)) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn add_words(v: &mut FxHashSet<u64>, item: &Item) {
    let mut add = |p: &Piece| v.extend(bigrams(&p.text).filter(word_pair).map(pair_key));
    match item {
        Item::Title(p) | Item::Heading(p) => add(p),
        Item::Paragraph(ps) => ps.iter().for_each(add),
    }
}

/// Longest shared opening between `text` and any entry of a sorted list other
/// than `text` itself and the entries `skip` rejects. The longest shared
/// prefix is always with a neighbour in sorted order, so only a few
/// neighbours on each side are looked at.
fn best_prefix(sorted: &[&str], text: &str, skip: impl Fn(&str) -> bool) -> usize {
    const LOOK: usize = 8;
    let at = sorted.partition_point(|h| *h < text);
    let lo = at.saturating_sub(LOOK);
    let hi = (at + LOOK).min(sorted.len());
    sorted[lo..hi]
        .iter()
        .filter(|h| **h != text && !skip(h))
        .map(|h| common_prefix(text, h))
        .max()
        .unwrap_or(0)
}

fn assemble(doc: &str, units: Vec<Unit>, prompt: usize) -> Layout {
    let markdown = units.iter().any(|u| u.md_level > 0);
    // Headings that do not parallel the first title: the candidates for
    // "parallels the other section headings", sorted for neighbour search.
    let first_title = units.iter().find(|u| u.heading).map(|u| u.text.clone());
    let mut plain_headings: Vec<&str> = units
        .iter()
        .filter(|u| u.heading && u.md_level == 0)
        .map(|u| u.text.as_str())
        .filter(|t| {
            first_title
                .as_deref()
                .is_none_or(|f| common_prefix(t, f) < 2 || *t == f)
        })
        .collect();
    plain_headings.sort_unstable();

    let mut essays: Vec<OpenEssay> = Vec::new();
    let mut titles: BTreeSet<String> = BTreeSet::new();
    // Paragraphs, and their characters, that follow each unit before the
    // next heading.
    let mut following = vec![Following::default(); units.len()];
    for i in (0..units.len().saturating_sub(1)).rev() {
        let next = &units[i + 1];
        let to_separator = match (next.separated, next.heading) {
            (true, _) => 0,
            (false, true) => following[i + 1].to_separator,
            (false, false) => following[i + 1].to_separator + next.text.chars().count(),
        };
        following[i] = if next.heading {
            Following {
                to_separator,
                ..Following::default()
            }
        } else {
            Following {
                paragraphs: following[i + 1].paragraphs + 1,
                chars: following[i + 1].chars + next.text.chars().count(),
                to_separator,
            }
        };
    }
    for (ui, unit) in units.iter().enumerate() {
        let joined = Joined::new(doc, &unit.lines);
        if !unit.heading {
            if essays.is_empty() {
                essays.push(OpenEssay::default());
            }
            essays
                .last_mut()
                .unwrap()
                .push(Item::Paragraph(joined.sentences()));
            continue;
        }
        let piece = joined.whole();
        // The title line after an opening prompt titles the essay the prompt opened.
        if let [only] = essays.as_mut_slice() {
            let prompt_only = only.items.len() == prompt
                && only.items.iter().all(|i| matches!(i, Item::Paragraph(_)));
            if prompt > 0 && prompt_only && ui == prompt {
                titles.insert(unit.text.clone());
                only.items.push(Item::Title(piece));
                only.prompt = prompt;
                continue;
            }
        }
        let new_essay = if markdown {
            unit.md_level == 1 || essays.is_empty()
        } else if essays.is_empty() {
            true
        } else {
            let current = essays.last_mut().unwrap();
            // A title named as one (题目：…) after an essay's body opens the
            // next essay, as `#` does in Markdown.
            current.has_body
                && (((unit.labelled_title || unit.signed) && following[ui].paragraphs > 0)
                    || opens_new_essay(unit, following[ui], &titles, &plain_headings, current))
        };
        if new_essay {
            titles.insert(unit.text.clone());
            let mut e = OpenEssay::default();
            e.push(Item::Title(piece));
            essays.push(e);
        } else {
            essays.last_mut().unwrap().push(Item::Heading(piece));
        }
    }

    Layout {
        essays: essays
            .into_iter()
            .map(|mut e| {
                let prompt = e.prompt;
                drop_comment(&mut e.items);
                drop_letter_closing(&mut e.items);
                let mut essay = build_essay(e.items);
                essay.prompt_paragraphs = prompt;
                essay
            })
            .collect(),
    }
}

/// Most paragraphs a comment on the essay takes (its label's and the ones
/// after it): a label further from the end is the essay's own text.
const COMMENT_MAX_PARAGRAPHS: usize = 3;
/// Most lines of a marking rubric after its comment label (评语：… /
/// 结构：… / 文笔：… / 书写：…), all of them labelled.
const RUBRIC_MAX_LINES: usize = 8;

/// Leaves out a comment on the essay after its body (`comment.rs`): the
/// paragraphs from the last one that opens with a comment label, when it
/// is among the essay's last [`COMMENT_MAX_PARAGRAPHS`] and a paragraph of
/// the essay comes before it.
fn drop_comment(items: &mut Vec<Item>) {
    use super::comment::{is_rubric_line, opens_comment, opens_grade};
    // The text a comment's label would open, borrowed: every item of every
    // essay is looked at.
    fn first_text(i: &Item) -> Option<&str> {
        match i {
            Item::Paragraph(ps) => ps.first().map(|p| p.text.as_str()),
            Item::Heading(p) => Some(p.text.as_str()),
            Item::Title(_) => None,
        }
    }
    let labelled = |i: &Item| {
        first_text(i).is_some_and(|t| opens_comment(t) || opens_grade(t) || is_rubric_line(t))
    };
    // A grade (得分：52/60) counts only with labelled lines alone after it:
    // a report card in a story (语文：118 / 总分：253) goes on with its text.
    let opens_at = |k: usize| {
        first_text(&items[k]).is_some_and(|t| {
            opens_comment(t) || opens_grade(t) && items[k + 1..].iter().all(labelled)
        })
    };
    let Some(last) = (0..items.len()).rev().find(|&k| opens_at(k)) else {
        return;
    };
    // A rubric (评语：… / 结构：… / 文笔：… / 总分：…) is one comment: it
    // starts at the first label of the run of short labelled lines.
    let mut at = last;
    let mut k = last;
    while k > 0 && labelled(&items[k - 1]) {
        k -= 1;
        if opens_at(k) {
            at = k;
        }
    }
    let near_the_end = items.len() - last <= COMMENT_MAX_PARAGRAPHS
        || (items.len() - last - 1 <= RUBRIC_MAX_LINES && items[last + 1..].iter().all(labelled));
    if near_the_end && items[..at].iter().any(|i| matches!(i, Item::Paragraph(_))) {
        items.truncate(at);
        // A note left closing the essay (（完）, （全文共856字）) heads nothing.
        while items.len() > 1
            && matches!(items.last(), Some(Item::Heading(p)) if super::sentence::is_note(&p.text))
        {
            items.pop();
        }
    }
}

/// Most lines a letter's closing takes: 此致, 敬礼, a signature (two lines
/// at most: a name and a class or title), a date.
const LETTER_CLOSING_MAX_LINES: usize = 5;
/// Signature lines looked for above a date when no formula opens the closing.
const SIGNATURE_MAX_LINES: usize = 2;

/// Leaves a letter's closing out of the essay (`sign_off`): the short
/// unfinished lines at its end from the first closing formula (此致, 敬礼)
/// on; without a formula, a last-line date and the signature lines just
/// above it. Unfinished lines before the formula, or too long to sign a
/// letter, are text and stay.
fn drop_letter_closing(items: &mut Vec<Item>) {
    let cut = letter_closing_lines(items);
    if cut == 0 {
        return;
    }
    let keep = items.len() - cut;
    if items[..keep]
        .iter()
        .any(|i| matches!(i, Item::Paragraph(_)))
    {
        items.truncate(keep);
    }
}

/// How many of `items`' last lines are a letter's closing
/// ([`drop_letter_closing`]); 0 when they are none.
fn letter_closing_lines(items: &[Item]) -> usize {
    use super::sign_off;
    let line = |i: &Item| -> Option<String> {
        match i {
            Item::Heading(p) => Some(p.text.clone()),
            Item::Paragraph(ps) if ps.len() == 1 => Some(ps[0].text.clone()),
            _ => None,
        }
    };
    // The essay's last lines that could close a letter, last first.
    let run: Vec<String> = items
        .iter()
        .rev()
        .map_while(|i| line(i).filter(|t| sign_off::could_close(t)))
        .take(LETTER_CLOSING_MAX_LINES + 1)
        .collect();
    let cut = match run.iter().rposition(|t| sign_off::is_formula(t)) {
        Some(first_formula) => first_formula + 1,
        None if run.first().is_some_and(|t| sign_off::is_date(t)) => {
            1 + run[1..]
                .iter()
                .take(SIGNATURE_MAX_LINES)
                .take_while(|t| sign_off::is_signature(t))
                .count()
        }
        // No formula and no date, but a last line that signs by a label
        // (倡议人：小明): that line alone (a short line above it may be the
        // essay's own last words).
        None if run
            .first()
            .is_some_and(|t| sign_off::is_signed_by_label(t) || super::byline::is_record(t)) =>
        {
            1
        }
        None => 0,
    };
    if cut > LETTER_CLOSING_MAX_LINES {
        0
    } else {
        cut
    }
}

/// Characters under a heading that follows a letter's closing for the
/// heading to open the next piece (a reply, a second letter): a body, not
/// a postscript's line.
const AFTER_LETTER_MIN_CHARS: usize = 40;

/// Characters of body text on each side of a separator line for the
/// heading after it to title a new essay: half what an exam asks of one.
const SEPARATED_ESSAY_MIN_CHARS: usize = ESSAY_MIN_CHARS / 2;

/// Characters of the paragraphs among `items`.
fn body_chars(items: &[Item]) -> usize {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph(pieces) => {
                Some(pieces.iter().map(|p| p.text.chars().count()).sum::<usize>())
            }
            _ => None,
        })
        .sum()
}

/// Do two headings differ only in their numbers (第一封信, 第二封信,
/// 第十一封信)?
fn same_but_numbers(a: &str, b: &str) -> bool {
    let shape = |t: &str| -> String {
        let mut out = String::new();
        for c in t.chars() {
            if !super::part_label::is_numeral(c) {
                out.push(c);
            } else if !out.ends_with('#') {
                out.push('#');
            }
        }
        out
    };
    a != b && shape(a) == shape(b)
}

/// A heading that opens with its number (一、…, 2. …, （三）…, 第二…).
fn numbered_heading(text: &str) -> bool {
    let rest = text.trim_start_matches(['（', '(', '第']);
    let digits = rest
        .chars()
        .take_while(|&c| super::part_label::is_numeral(c))
        .count();
    let after = rest.chars().nth(digits);
    digits > 0
        && if text.starts_with('第') {
            // 第二封信, 第三章 — not 第一次做饭, an essay's title.
            after.is_some_and(|c| "章节部分封篇回幕课讲则条段".contains(c))
        } else {
            after.is_some_and(|c| "、.．)）".contains(c))
        }
}

/// Characters two texts share at their start.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A heading after an essay's body starts a new essay when it parallels an
/// essay title (shares its opening, without repeating it whole) more than any
/// section heading, or, with no parallel either way, when it is the first
/// heading after [`ESSAY_MIN_PARAGRAPHS`] paragraphs with half as many after
/// it (a signature or 此致 after a letter opens nothing), or after two fewer
/// with at least as many after it and [`ESSAY_MIN_CHARS`] on each side, or
/// stands after
/// [`ESSAY_GAP_LINES`] blank lines and most of its vocabulary is new to the
/// essay, or follows a letter's closing after a blank line with
/// [`AFTER_LETTER_MIN_CHARS`] under it.
fn opens_new_essay(
    unit: &Unit,
    following: Following,
    titles: &BTreeSet<String>,
    headings: &[&str],
    current: &mut OpenEssay,
) -> bool {
    let heading = unit.text.as_str();
    // After a separator line (======, * * *), a heading titles the next
    // essay of the file, the same title too (a class writing to one
    // prompt) — unless it numbers a part (一、…, 第二封信) or names one
    // (后记), or the pieces on either side are too short to be essays (a
    // story's scenes under their subheadings).
    // (Asked only once the essay has body text: `assemble` checks
    // `current.has_body` first.)
    let numbered_like_its_headings = numbered_heading(heading)
        || current.items.iter().any(|i| match i {
            Item::Heading(p) => same_but_numbers(&p.text, heading),
            _ => false,
        });
    if unit.separated
        && !numbered_like_its_headings
        && !super::part_label::is_part_label(heading)
        && following.to_separator >= SEPARATED_ESSAY_MIN_CHARS
        && body_chars(&current.items) >= SEPARATED_ESSAY_MIN_CHARS
    {
        return true;
    }
    if titles.contains(heading) {
        // A title repeated at the end of an essay echoes it; it starts nothing.
        return false;
    }
    let sorted_titles: Vec<&str> = titles
        .range::<str, _>((Bound::Unbounded, Bound::Excluded(heading)))
        .rev()
        .take(8)
        .chain(
            titles
                .range::<str, _>((Bound::Included(heading), Bound::Unbounded))
                .take(8),
        )
        .map(String::as_str)
        .collect();
    let to_title = sorted_titles
        .iter()
        .map(|t| common_prefix(heading, t))
        .max()
        .unwrap_or(0);
    let to_heading = best_prefix(headings, heading, |h| titles.contains(h));
    if to_title >= 2 && to_title > to_heading {
        return true;
    }
    if to_heading >= PARALLEL_MIN_CHARS {
        return false;
    }
    // A letter signed and closed (此致 / 敬礼 / 王小明) is over: a heading
    // after a blank line, with a body under it, titles the next piece of the
    // file — the reply to it, another letter — unless it parallels the
    // letter's own headings (第一封信 … 第二封信, above) or names a part of
    // the same piece (后记, 附言).
    if unit.blank_before > 0
        && following.chars >= AFTER_LETTER_MIN_CHARS
        && !super::part_label::is_part_label(heading)
        && !numbered_like_its_headings
        && letter_closing_lines(&current.items) > 0
    {
        return true;
    }
    // The first heading after a whole essay's worth of unheaded paragraphs
    // is the title of the next essay written to the same prompt, even with
    // no gap: essays with one late section heading are far rarer.
    let paragraphs = current
        .items
        .iter()
        .filter(|i| matches!(i, Item::Paragraph(_)))
        .count();
    let headed = current.items.iter().any(|i| matches!(i, Item::Heading(_)));
    let whole_essay =
        paragraphs >= ESSAY_MIN_PARAGRAPHS && following.paragraphs >= ESSAY_MIN_PARAGRAPHS / 2;
    // Fewer paragraphs, but an essay's length on each side: a story's lone
    // line between short paragraphs (原来母亲一直都是爱我的) opens nothing.
    let before_chars = body_chars(&current.items);
    let as_long_again = paragraphs >= ESSAY_MIN_PARAGRAPHS - 2
        && following.paragraphs >= paragraphs
        && before_chars >= ESSAY_MIN_CHARS
        && following.chars >= ESSAY_MIN_CHARS;
    if (whole_essay || as_long_again) && !headed {
        return true;
    }
    // Two short pieces in one file, one blank line apart as their
    // paragraphs are (op-eds of a few hundred characters, each under its
    // headline): a heading after a titled essay with no heading yet, with
    // SHORT_PIECE_PARAGRAPHS or more on each side, opens the next when its
    // words are new (below).
    let titled = current.items.iter().any(|i| matches!(i, Item::Title(_)));
    let short_pieces = titled
        && !headed
        && unit.blank_before > 0
        && paragraphs >= SHORT_PIECE_PARAGRAPHS
        && following.paragraphs >= SHORT_PIECE_PARAGRAPHS;
    if unit.blank_before < ESSAY_GAP_LINES && !short_pieces {
        return false;
    }
    let words = nlp::content_words(heading);
    if words.len() < 2 {
        return false;
    }
    let seen = current.vocab();
    let new = words
        .iter()
        .filter(|w| {
            !bigrams(w)
                .filter(word_pair)
                .all(|b| seen.contains(&pair_key(b)))
        })
        .count();
    new * 4 >= words.len() * 3
}

/// Consecutive character pairs of `text`.
fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    // One decoding pass (zipping two `chars()` decoded the text twice).
    let mut chars = text.chars();
    let mut prev = chars.next();
    chars.map(move |c| (prev.replace(c).expect("set before each step"), c))
}

fn build_essay(items: Vec<Item>) -> EssayLayout {
    let mut essay = EssayLayout::default();
    let standalone: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Heading(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect();
    let firsts: Vec<Option<&Piece>> = items
        .iter()
        .map(|i| match i {
            // A heading opens a paragraph: something must follow it.
            Item::Paragraph(ps) if ps.len() >= 2 => {
                ps.first().filter(|p| inline_heading_shaped(&p.text))
            }
            _ => None,
        })
        .collect();
    let inline = inline_headings(&firsts, &standalone);

    let mut current = SectionLayout::default();
    let flush = |essay: &mut EssayLayout, current: &mut SectionLayout| {
        let s = std::mem::take(current);
        if s.heading.is_some() || !s.paragraphs.is_empty() {
            essay.sections.push(s);
        }
    };
    for (idx, item) in items.into_iter().enumerate() {
        match item {
            Item::Title(p) => essay.title = Some(p),
            Item::Heading(p) => {
                flush(&mut essay, &mut current);
                current.heading = Some(p);
            }
            Item::Paragraph(mut ps) => {
                if inline[idx] {
                    flush(&mut essay, &mut current);
                    current.heading = Some(ps.remove(0));
                    current.heading_inline = true;
                }
                if !ps.is_empty() {
                    current.paragraphs.push(ps);
                }
            }
        }
    }
    flush(&mut essay, &mut current);
    essay
}

fn inline_heading_shaped(text: &str) -> bool {
    char_count(text) <= INLINE_HEADING_MAX_CHARS
        && !text.chars().any(|c| CLAUSE_MARKS.contains(&c))
        && text.ends_with(['。', '！', '.', '!'])
}

/// Which paragraphs open with a heading: their first sentence shares a long
/// enough opening with a standalone heading (at least [`PARALLEL_MIN_CHARS`]
/// characters and a third of its length) or, with stricter bounds (one more
/// character and half its length), with another such first sentence.
/// Candidates are bucketed by their opening characters, so the comparison
/// stays near-linear however many paragraphs an essay has.
fn inline_headings(firsts: &[Option<&Piece>], standalone: &[String]) -> Vec<bool> {
    let parallel = |a: &str, b: &str| {
        let shared = common_prefix(a, b);
        shared >= PARALLEL_MIN_CHARS && shared * 3 >= char_count(a)
    };
    let parallel_strict = |a: &str, b: &str| {
        let shared = common_prefix(a, b);
        shared > PARALLEL_MIN_CHARS && shared * 2 >= char_count(a)
    };
    let key = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
    let mut by_heading: HashMap<String, Vec<&str>> = HashMap::new();
    for h in standalone {
        by_heading
            .entry(key(h, PARALLEL_MIN_CHARS))
            .or_default()
            .push(h);
    }
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in firsts.iter().enumerate() {
        if let Some(f) = f {
            by_first
                .entry(key(&f.text, PARALLEL_MIN_CHARS + 1))
                .or_default()
                .push(i);
        }
    }
    firsts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let Some(f) = f else { return false };
            let to_heading = by_heading
                .get(&key(&f.text, PARALLEL_MIN_CHARS))
                .is_some_and(|hs| hs.iter().any(|h| parallel(&f.text, h)));
            // Only first sentences in the same bucket can share enough.
            let to_first = char_count(&f.text) > PARALLEL_MIN_CHARS
                && by_first
                    .get(&key(&f.text, PARALLEL_MIN_CHARS + 1))
                    .is_some_and(|bucket| {
                        bucket.len() <= MAX_PARALLEL_HEADINGS
                            && bucket.iter().filter(|&&j| j != i).take(16).any(|&j| {
                                firsts[j].is_some_and(|g| parallel_strict(&f.text, &g.text))
                            })
                    });
            to_heading || to_first
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ps: &[Piece]) -> Vec<&str> {
        ps.iter().map(|p| p.text.as_str()).collect()
    }

    /// Every essay's title, in order.
    fn titles(l: &Layout) -> Vec<&str> {
        l.essays
            .iter()
            .map(|e| e.title.as_ref().unwrap().text.as_str())
            .collect()
    }

    /// The first essay's headings and sentences, in order.
    fn essay_texts(l: &Layout) -> Vec<String> {
        l.essays[0]
            .sections
            .iter()
            .flat_map(|s| s.heading.iter().chain(s.paragraphs.iter().flatten()))
            .map(|p| p.text.clone())
            .collect()
    }

    #[test]
    fn an_epigraph_credit_line_is_no_heading_and_joins_nothing() {
        let doc = "题目\n一个脚跟踩扁了紫罗兰，它却把香味留在那脚跟上。\n——题记\n我认为宽容是美德。宽容化解矛盾。\n";
        let l = layout(doc, false);
        let e = &l.essays[0];
        assert_eq!(e.sections.len(), 1, "no section opens at the credit line");
        let paragraphs: Vec<Vec<&str>> =
            e.sections[0].paragraphs.iter().map(|p| texts(p)).collect();
        assert_eq!(paragraphs[1], vec!["——题记"]);
        assert!(is_attribution("——龚自珍") && is_attribution("--祝福那些使你成长的人们"));
        // Box-drawing lines typed for the dash (A-0017's ──题记) credit too.
        assert!(is_attribution("──题记") && ends_with_attribution("愧疚。──题记"));
        let boxed = layout(&doc.replace("——", "──"), false);
        assert_eq!(boxed.essays[0].sections.len(), 1, "{boxed:?}");
        // A credit after the quotation on the same line ends the line too.
        assert!(ends_with_attribution("内心仍有说不出的愧疚。 ——题记 "));
        assert!(ends_with_attribution("“人生自古谁无死。”——文天祥"));
        assert!(!ends_with_attribution("——题记"));
        assert!(!ends_with_attribution("他说——我们走吧"));
        assert!(!ends_with_attribution(
            "内心仍有说不出的愧疚。——这才是真正的勇敢。"
        ));
        assert!(ends_with_attribution("人生——如此。 --泰戈尔"));
        // A narrative dash after a full stop is no credit, nor a long line.
        assert!(!ends_with_attribution("他终于明白了。——原来母亲一直在"));
        assert!(!ends_with_attribution(
            "人生如此。 --祝福那些使你成长的人们"
        ));
        assert!(ends_with_attribution("人生如此。——《论语·学而》"));
        // Only where an epigraph stands, under the title: further on, a line
        // that ends so is text broken across lines, and joined.
        let doc = crate::text::Document::from_bytes(
            "t.txt",
            "题目\n第一段写了这些。\n第二段也写了。\n第三段还写了。\n他终于明白了，那天夜里母亲站在风里的等待究竟意味着什么。——原来母亲一直在\n村口的老槐树下等他回家。\n".as_bytes(),
        )
        .unwrap();
        let layout = doc.layout();
        let paragraphs = &layout.essays[0].sections[0].paragraphs;
        let last = paragraphs.last().unwrap();
        assert_eq!(
            last.iter().map(|p| p.text.as_str()).collect::<String>(),
            "他终于明白了，那天夜里母亲站在风里的等待究竟意味着什么。——原来母亲一直在村口的老槐树下等他回家。"
        );
        assert!(
            !is_attribution("——这才是真正的勇敢。"),
            "text that ends like a sentence"
        );
        assert!(!is_attribution("这才是真正的勇敢"));
    }

    #[test]
    fn page_break_inside_a_word_is_repaired() {
        let doc = "标题\n\n这是第一段，讲的是完美逻辑，元\n\n宇宙才不会是空的。第二句。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays.len(), 1);
        let e = &l.essays[0];
        assert_eq!(e.title.as_ref().unwrap().text, "标题");
        let p = &e.sections[0].paragraphs[0];
        assert_eq!(
            texts(p),
            vec![
                "这是第一段，讲的是完美逻辑，元宇宙才不会是空的。",
                "第二句。"
            ]
        );
        // The span covers the break in the document.
        assert_eq!(
            &doc[p[0].start..p[0].end],
            "这是第一段，讲的是完美逻辑，元\n\n宇宙才不会是空的。"
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let doc = "我的家乡\n家乡的春天很美。\n家乡的秋天也很美。\n";
        let l = layout(doc, false);
        let e = &l.essays[0];
        assert_eq!(e.title.as_ref().unwrap().text, "我的家乡");
        assert_eq!(e.sections[0].paragraphs.len(), 2);
    }

    #[test]
    fn one_sentence_per_line_with_blank_lines_between_paragraphs() {
        let doc = "你活好自己了吗？\n我认为要活好自己。\n这很重要。\n\n\
                   比如，他每天读书。\n他也每天跑步。\n\n\
                   总之，活好自己。\n从今天做起。\n";
        let l = layout(doc, false);
        let e = &l.essays[0];
        // The title, a question, takes in nothing.
        assert_eq!(e.title.as_ref().unwrap().text, "你活好自己了吗？");
        let paragraphs = &e.sections[0].paragraphs;
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(
            texts(&paragraphs[1]),
            ["比如，他每天读书。", "他也每天跑步。"]
        );
        // Spans still point at each sentence in the document.
        let p = &paragraphs[1][1];
        assert_eq!(&doc[p.start..p.end], "他也每天跑步。");

        // One paragraph per line, a blank line here and there: lines stay
        // paragraphs (each holds several sentences).
        let doc = "我的家乡\n\n家乡的春天很美。花开满山。\n家乡的夏天很热。蝉鸣不止。\n\n\
                   家乡的秋天也很美。果实累累。\n家乡的冬天很冷。雪落无声。\n";
        assert_eq!(layout(doc, false).essays[0].sections[0].paragraphs.len(), 4);
        // Blank lines between every line: each line a paragraph.
        let doc = "我的家乡\n\n家乡的春天很美。\n\n家乡的秋天也很美。\n\n家乡的冬天很冷。\n";
        assert_eq!(layout(doc, false).essays[0].sections[0].paragraphs.len(), 3);
    }

    #[test]
    fn an_exam_prompt_over_several_paragraphs_is_the_prompt() {
        let doc = "阅读下面的材料，根据要求写作。（60分）\n\
                   有人说，诚信是做人的根本；也有人说，诚信往往使人吃亏。\n\
                   要求：自拟标题，不少于800字。\n\
                   诚信是金\n\
                   我认为，诚信是做人的根本。\n\
                   首先，诚信是立身之本。\n\
                   总之，让我们坚守诚信。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays.len(), 1);
        let e = &l.essays[0];
        assert_eq!(e.title.as_ref().unwrap().text, "诚信是金");
        assert_eq!(e.prompt_paragraphs, 3);
        assert_eq!(e.sections.len(), 1);
        assert_eq!(e.sections[0].paragraphs.len(), 6);
        // Instructions at the top, the material under them, then the title.
        let material = "根据以下材料，自拟题目，写一篇不少于800字的议论文。\n\
                        有人说，诚信是做人的根本；也有人说，诚信往往使人吃亏。对此众说纷纭。\n\
                        诚信是金\n我认为，诚信是做人的根本。\n首先，诚信是立身之本。\n总之，让我们坚守诚信。\n";
        let l = layout(material, false);
        assert_eq!(l.essays[0].title.as_ref().unwrap().text, "诚信是金");
        assert_eq!(l.essays[0].prompt_paragraphs, 2);
        // Without a title after the instructions there is no prompt to tell.
        let untitled = doc.replace("诚信是金\n", "");
        assert_eq!(layout(&untitled, false).essays[0].prompt_paragraphs, 0);
    }

    /// Found by a review: rules for one layout must not misread another.
    #[test]
    fn layout_rules_keep_to_their_layouts() {
        let paragraphs = |doc: &str| layout(doc, false).essays[0].sections[0].paragraphs.len();
        // One paragraph per line with a blank line after the title and one
        // before the ending: each line stays a paragraph, even when several
        // hold a single sentence.
        let doc =
            "人生如歌\n\n有人说，人生是一本书。\n有人说，人生是一首歌。\n我认为，人生如歌。\n\
                   贝多芬失聪后仍然坚持创作。他的人生是一首激昂的歌。\n\
                   史铁生双腿瘫痪。他的人生是一首深沉的歌。\n\n让我们唱好自己的人生之歌。\n";
        assert_eq!(paragraphs(doc), 6);
        // 要求： inside an essay's first paragraph is no prompt: the first
        // line is the title.
        let doc = "论自律\n学校对我们提出了要求：自律自强。这要求我们管住自己。\n\
                   一、自律是成长的基石\n自律的人才能成长。康德每天准时散步。\n\
                   二、自律需要坚持\n坚持才能自律。\n总之，让我们做一个自律的人。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays[0].title.as_ref().unwrap().text, "论自律");
        assert_eq!(l.essays[0].prompt_paragraphs, 0);
        // A question title under a prompt written one sentence to a line.
        let doc = "阅读下面的材料，根据要求写作。（60分）\n有人说，诚信是做人的根本。\n\
                   要求：自拟标题，不少于800字。\n诚信真的吃亏吗？\n我认为，诚信是做人的根本。\n\
                   诚信不会让人吃亏。\n\n首先，诚信是立身之本。\n孔子说人而无信不知其可。\n\n\
                   总之，让我们坚守诚信。\n从今天做起。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays[0].title.as_ref().unwrap().text, "诚信真的吃亏吗？");
        // A labelled title after a prompt loses its label; a second one
        // after an essay's body opens the next essay.
        let doc = "阅读下面的材料，根据要求写作。（60分）\n有人说，诚信往往使人吃亏。\n\
                   要求：自拟标题，不少于800字。\n题目：诚信是金\n我认为，诚信是做人的根本。\n\
                   首先，诚信是立身之本。\n总之，让我们坚守诚信。\n\
                   题目：挫折，成长之梯\n挫折是人生的常态。\n总之，挫折使人成长。\n";
        assert_eq!(titles(&layout(doc, false)), ["诚信是金", "挫折，成长之梯"]);
        // A heading that only holds 班 is a heading, not a byline.
        let doc = "责任\n一、站好最后一班岗\n值日是小事。但小事见责任。\n二、责任需要坚守\n坚守才有责任。\n";
        let l = layout(doc, false);
        assert_eq!(
            l.essays[0].sections[0].heading.as_ref().unwrap().text,
            "一、站好最后一班岗"
        );
    }

    /// Issue #15 item 8: a file of one-character lines made a section per line.
    #[test]
    fn a_run_of_short_lines_is_text_not_sections() {
        let doc = "题目\n春\n夏\n秋\n冬\n山\n水\n";
        let l = layout(doc, false);
        assert_eq!(l.essays.len(), 1);
        assert_eq!(l.essays[0].title.as_ref().unwrap().text, "题目");
        assert!(
            l.essays[0].sections.iter().all(|s| s.heading.is_none()),
            "{:?}",
            l.essays[0].sections.len()
        );
        // Two headings in a row (a title, then a section's) still head text.
        let doc = "读书的意义\n第一部分\n我认为读书有益。\n第二部分\n书中有前人的经验。\n";
        let l = layout(doc, false);
        assert_eq!(
            l.essays[0]
                .sections
                .iter()
                .filter(|s| s.heading.is_some())
                .count(),
            2
        );
    }

    #[test]
    fn parallel_headings_are_sections_and_parallel_title_is_an_essay() {
        let doc = "当春天来到城市\n\n春天让城市有了颜色\n\n花开了。草绿了。\n\n春天让城市有了声音\n\n鸟叫了。\n\n当春天离开乡村\n\n乡村安静下来。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays.len(), 2);
        let heads: Vec<_> = l.essays[0]
            .sections
            .iter()
            .map(|s| s.heading.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(heads, vec!["春天让城市有了颜色", "春天让城市有了声音"]);
        assert_eq!(l.essays[1].title.as_ref().unwrap().text, "当春天离开乡村");
    }

    #[test]
    fn inline_heading_opens_a_section() {
        let doc = "题目\n\n开头一段，说明问题。\n\n读书让人明智。书里有很多道理。\n\n读书让人快乐。书里有故事。\n";
        let l = layout(doc, false);
        let secs = &l.essays[0].sections;
        assert_eq!(secs.len(), 3);
        assert!(secs[0].heading.is_none());
        assert_eq!(secs[1].heading.as_ref().unwrap().text, "读书让人明智。");
        assert!(secs[1].heading_inline);
        assert_eq!(texts(&secs[2].paragraphs[0]), vec!["书里有故事。"]);
    }

    #[test]
    fn markdown_headings() {
        let doc = "# 第一篇\n\n## 第一节\n\n正文。\n\n# 第二篇\n\n正文二。\n";
        let l = layout(doc, true);
        assert_eq!(l.essays.len(), 2);
        assert_eq!(l.essays[0].title.as_ref().unwrap().text, "第一篇");
        assert_eq!(
            l.essays[0].sections[0].heading.as_ref().unwrap().text,
            "第一节"
        );
    }

    /// A first heading after four or five paragraphs opens an essay when at
    /// least as many paragraphs follow it (a file's third essay, A-0116);
    /// with fewer after it, it heads a section of the essay.
    #[test]
    fn a_heading_between_two_essays_worth_of_paragraphs_opens_an_essay() {
        let para = |i: usize| {
            format!(
                "第{i}段讲了一件事情，说明了一个道理，也有一个例子。{}\n",
                "这件事情让我们明白了很多。".repeat(15)
            )
        };
        let doc = |before: usize, after: usize| {
            let mut d = String::from("坐上高铁，寻味乡村\n");
            (0..before).for_each(|i| d.push_str(&para(i)));
            d.push_str("这就是中国人，这就是中国\n");
            (0..after).for_each(|i| d.push_str(&para(100 + i)));
            d
        };
        let essays = |d: &str| layout(d, false).essays;
        let l = essays(&doc(5, 7));
        assert_eq!(l.len(), 2);
        assert_eq!(
            l[1].title.as_ref().unwrap().text,
            "这就是中国人，这就是中国"
        );
        assert_eq!(essays(&doc(4, 4)).len(), 2);
        assert_eq!(essays(&doc(5, 3)).len(), 1, "fewer after it: a section");
        assert_eq!(essays(&doc(3, 7)).len(), 1, "too few before it");
        // A story's lone line between short paragraphs opens nothing.
        let short = "我的母亲\n妈妈每天很早起床。\n她给我做早饭。\n我总是嫌她啰嗦。\n那天我生病了。\n原来母亲一直都是爱我的\n她守了我一夜。\n第二天我好了。\n我抱住了她。\n我哭了。\n";
        assert_eq!(essays(short).len(), 1);
    }

    #[test]
    fn a_title_repeated_at_the_end_is_not_a_new_essay() {
        let doc = "为自己鼓劲\n我跑完了全程，很累。\n老师说我很棒。\n为自己鼓劲\n";
        assert_eq!(layout(doc, false).essays.len(), 1);
    }

    #[test]
    fn unrelated_heading_after_a_wide_gap_opens_an_essay() {
        let doc = "春天的公园\n\n公园里开满了桃花，游人很多。\n\n\n\n海洋污染的治理\n\n海洋垃圾越来越多。\n";
        let l = layout(doc, false);
        assert_eq!(l.essays.len(), 2);
        // Without the gap, the same heading is a section of the first essay.
        let doc =
            "春天的公园\n\n公园里开满了桃花，游人很多。\n\n海洋污染的治理\n\n海洋垃圾越来越多。\n";
        assert_eq!(layout(doc, false).essays.len(), 1);
    }

    #[test]
    fn two_short_titled_pieces_one_blank_line_apart_are_two_essays() {
        let first = "县城年轻人回流是好事\n\n越来越多的年轻人回到县城。\n\n笔者认为这是好事。\n\n一方面，他们带回了视野。\n\n另一方面，县城生活成本更低。\n\n";
        let second = "别让剧本杀变成剧本坑\n\n剧本杀成为社交娱乐方式。\n\n我认为行业必须建立审核机制。\n\n首先，部分剧本内容低俗。\n\n其次，预付费纠纷频发。\n";
        assert_eq!(
            titles(&layout(&format!("{first}{second}"), false)),
            ["县城年轻人回流是好事", "别让剧本杀变成剧本坑"]
        );
        // A heading whose words the essay has used is its section.
        let section = "回流的年轻人\n\n剧本杀成为社交娱乐方式。\n\n我认为行业必须建立审核机制。\n\n首先，部分剧本内容低俗。\n\n其次，预付费纠纷频发。\n";
        assert_eq!(layout(&format!("{first}{section}"), false).essays.len(), 1);
        // Fewer than four paragraphs on a side: a section.
        let short =
            "别让剧本杀变成剧本坑\n\n剧本杀成为社交娱乐方式。\n\n我认为行业必须建立审核机制。\n";
        assert_eq!(layout(&format!("{first}{short}"), false).essays.len(), 1);
    }

    /// A letter and the reply to it in one file: the closing (此致 / 敬礼 /
    /// signature) ends the first, and the heading after it titles the second.
    #[test]
    fn a_heading_after_a_letters_closing_opens_the_next_piece() {
        let letter = "致校长的一封信\n\n尊敬的校长：\n您好！我认为午休规定应当取消。\n首先，每个人的作息习惯不同。\n恳请学校考虑我们的意见。\n此致\n敬礼！\n高二（3）班 王小明\n\n";
        let reply = "关于午休制度的回复\n\n王小明同学：\n你的来信我已认真读过。\n我认为，午休制度仍有保留的必要。\n希望你理解学校的用心。\n校长办公室\n2024年3月12日\n";
        let l = layout(&format!("{letter}{reply}"), false);
        assert_eq!(titles(&l), ["致校长的一封信", "关于午休制度的回复"]);
        // The closing lines are in neither essay.
        let all: Vec<String> = l
            .essays
            .iter()
            .flat_map(|e| {
                e.sections.iter().flat_map(|s| {
                    s.heading
                        .iter()
                        .map(|h| h.text.clone())
                        .chain(s.paragraphs.iter().flatten().map(|p| p.text.clone()))
                })
            })
            .collect();
        assert!(
            !all.iter()
                .any(|t| t.contains("此致") || t == "高二（3）班 王小明"),
            "{all:?}"
        );
        // A postscript (后记) or a second letter paralleling the first's
        // heading belongs to the same piece.
        let postscript = "后记\n\n写完这封信，我想了很久，也许校长有他的道理，但我仍然希望学校能听听学生的声音，给我们一点选择的自由。\n";
        assert_eq!(
            layout(&format!("{letter}{postscript}"), false).essays.len(),
            1
        );
        let letters = "给未来的三封信\n\n第一封信\n亲爱的自己：\n希望你依然热爱读书，热爱生活，热爱身边的每一个人。\n此致\n敬礼！\n小红\n\n第二封信\n亲爱的自己：\n希望你学会坚持，无论遇到什么困难，都不要轻易放弃自己的梦想。\n此致\n敬礼！\n小红\n";
        assert_eq!(layout(letters, false).essays.len(), 1);
        // Without the closing, the heading is the letter's section.
        let unsigned = letter.replace("此致\n敬礼！\n高二（3）班 王小明\n", "");
        assert_eq!(layout(&format!("{unsigned}{reply}"), false).essays.len(), 1);
    }

    #[test]
    fn a_list_lead_in_keeps_its_items_apart() {
        let text = "读书\n读书的好处可以概括为以下几点：\n（一）读书可以增长知识。\n（二）读书可以陶冶情操。\n";
        let l = layout(text, false);
        let paragraphs: Vec<&str> = l.essays[0].sections[0]
            .paragraphs
            .iter()
            .map(|p| p[0].text.as_str())
            .collect();
        assert_eq!(
            paragraphs,
            vec![
                "读书的好处可以概括为以下几点：",
                "（一）读书可以增长知识。",
                "（二）读书可以陶冶情操。"
            ]
        );
        // A colon before text that is no list item still joins it.
        let joined = layout("读书\n他说：\n读书使人明智。\n", false);
        assert_eq!(joined.essays[0].sections[0].paragraphs.len(), 1);
    }

    #[test]
    fn a_comment_after_the_essay_is_no_part_of_it() {
        let graded = "论奋斗\n我认为，青年人应该选择奋斗。\n综上，奋斗才是青年应有的姿态。\n教师评语：论点明确，结构清晰。\n但论据稍显单薄。\n";
        let kept = essay_texts(&layout(graded, false));
        assert_eq!(kept.last().unwrap(), "综上，奋斗才是青年应有的姿态。");
        let bracketed = "论奋斗\n我认为，青年人应该选择奋斗。\n【点评】\n立意高远。\n";
        assert_eq!(
            essay_texts(&layout(bracketed, false)).last().unwrap(),
            "我认为，青年人应该选择奋斗。"
        );
        // A label far from the end, or with no essay before it, is text.
        let early = "论奋斗\n点评：这是第一段。\n第二段。\n第三段。\n第四段。\n";
        assert_eq!(essay_texts(&layout(early, false)).len(), 4);
        let alone = "点评：论点明确。\n";
        assert_eq!(essay_texts(&layout(alone, false)), vec!["点评：论点明确。"]);
    }

    /// A teacher's marks after the essay: a grade, a rubric of labelled
    /// lines, a label in 〔〕, and a word count left above them.
    #[test]
    fn grades_and_rubrics_after_the_essay_are_no_part_of_it() {
        let body = "论奋斗\n我认为，青年人应该选择奋斗。\n综上，奋斗才是青年应有的姿态。\n";
        for tail in [
            "得分：52/60\n",
            "等级：B+\n",
            "〔批语〕立意明确。\n",
            "评语：立意明确。\n结构：层次分明。\n文笔：流畅。\n总分：42\n",
            "评语：立意明确。\n结构：层次分明。\n文笔：流畅。\n书写：工整。\n",
            "（全文共856字）\n教师评语：立意明确，论据充分。\n",
            "　　　　　　中四甲班　陈大文\n",
        ] {
            let kept = essay_texts(&layout(&format!("{body}{tail}"), false));
            assert_eq!(
                kept.last().unwrap(),
                "综上，奋斗才是青年应有的姿态。",
                "{tail}"
            );
        }
        // A report card in the essay's own text, and a dialogue's last line,
        // are the essay's.
        let story =
            "那一天\n成绩单上写着：\n语文：118\n数学：135\n总分：253\n那一刻，我终于读懂了父亲。\n";
        assert!(essay_texts(&layout(story, false))
            .last()
            .unwrap()
            .ends_with("那一刻，我终于读懂了父亲。"));
        let dialogue = "那一天\n老师问我懂了没有。\n学生：我明白了\n";
        assert!(essay_texts(&layout(dialogue, false))
            .last()
            .unwrap()
            .contains("我明白了"));
    }

    /// A class's essays in one file: each title with its writer's line under
    /// it, or parted by a separator line; the writer on the title's line.
    #[test]
    fn signed_titles_and_separator_lines_part_a_class_file() {
        let essays = [
            ("机遇，成功之花", "成功需要准备。机遇只给有准备的人。"),
            (
                "创新科技点亮美丽中国",
                "创新让生活更美好。共享单车就是例子。",
            ),
            ("生活需要微笑", "微笑是一种力量。乐观的人更容易成功。"),
        ];
        for byline in [
            "姓名：王芳",
            "班级：高一（3）班　姓名：李明",
            "中四甲班　陈大文（12）",
        ] {
            let text: String = essays
                .iter()
                .map(|(t, b)| format!("{t}\n{byline}\n{b}\n"))
                .collect();
            let l = layout(&text, false);
            assert_eq!(titles(&l), essays.map(|(t, _)| t), "{byline}");
            assert!(
                essay_texts(&l)
                    .iter()
                    .all(|t| !t.contains("王芳") && !t.contains("李明") && !t.contains("陈大文")),
                "{byline}"
            );
        }
        // Essays' worth of text on either side (a story's short scenes
        // under their subheadings stay one essay).
        for separator in ["======", "* * *", "＝＝＝＝＝", "～～～～", "________"] {
            let text = essays
                .iter()
                .map(|(t, b)| format!("{t}\n{}\n", b.repeat(25)))
                .collect::<Vec<_>>()
                .join(&format!("{separator}\n"));
            assert_eq!(
                titles(&layout(&text, false)),
                essays.map(|(t, _)| t),
                "{separator}"
            );
            let scenes = essays
                .iter()
                .map(|(t, b)| format!("{t}\n{b}\n"))
                .collect::<Vec<_>>()
                .join(&format!("{separator}\n"));
            assert_eq!(layout(&scenes, false).essays.len(), 1, "{separator}");
        }
        let numbered = format!(
            "谈诚信\n{}\n* * *\n一、诚信是立身之本\n{}\n* * *\n二、诚信是立国之基\n{}\n",
            essays[0].1.repeat(25),
            essays[1].1.repeat(25),
            essays[2].1.repeat(25)
        );
        assert_eq!(layout(&numbered, false).essays.len(), 1);
        // Two essays to one prompt under one title; an essay whose short
        // opening leads into subheadings; a title that opens with 第一次.
        let long = |b: &str| b.repeat(25);
        let same = format!(
            "门其实开着\n{}\n======\n门其实开着\n{}\n",
            long(essays[0].1),
            long(essays[1].1)
        );
        assert_eq!(layout(&same, false).essays.len(), 2);
        let headed = format!(
            "生活中的亮点\n{}\n======\n平凡的光\n开篇一句。\n小巷中\n{}\n菜市场里\n{}\n",
            long(essays[0].1),
            long(essays[1].1),
            long(essays[2].1)
        );
        assert_eq!(layout(&headed, false).essays.len(), 2);
        let first_time = format!(
            "谈诚信\n一、诚信是立身之本\n{}\n======\n第一次做饭\n{}\n",
            long(essays[0].1),
            long(essays[1].1)
        );
        assert_eq!(
            titles(&layout(&first_time, false)),
            ["谈诚信", "第一次做饭"]
        );
        // A class and its student's name run together sign a title too.
        let glued: String = essays
            .iter()
            .map(|(t, b)| format!("{t}\n高三（2）班李明\n{b}\n"))
            .collect();
        assert_eq!(titles(&layout(&glued, false)), essays.map(|(t, _)| t));
        let titled = layout(
            "手机进校园，利大于弊吗　　高二忠班　王小明\n我认为手机利大于弊。\n",
            false,
        );
        assert_eq!(titles(&titled), ["手机进校园，利大于弊吗"]);
    }

    #[test]
    fn a_letters_closing_is_no_part_of_the_essay() {
        let letter = "致逆行者的一封信\n亲爱的医护人员：\n你们辛苦了。\n祝你们早日凯旋！\n此致\n敬礼\n一位普通的中学生\n2020年3月8日\n";
        let l = layout(letter, false);
        assert_eq!(l.essays[0].sections.len(), 1);
        let kept = essay_texts(&l);
        assert_eq!(kept.last().unwrap(), "祝你们早日凯旋！");
        assert!(!kept
            .iter()
            .any(|t| t.contains("中学生") || t.contains("此致")));
        // A signature and a date alone say a letter too.
        let signed = "倡议书\n我倡议大家节约用水。\n倡议人：李明\n2020年1月10日\n";
        assert_eq!(
            essay_texts(&layout(signed, false)).last().unwrap(),
            "我倡议大家节约用水。"
        );
        // So does a last line signed by a label, without a date (A-0251).
        let proposal = "倡议书\n我倡议大家节约用水。\n让我们行动起来\n倡议人：小明\n";
        assert_eq!(
            essay_texts(&layout(proposal, false)).last().unwrap(),
            "让我们行动起来"
        );
        // Without a formula or a date, a last unfinished line is text.
        let plain = "读书\n我认为要多读书。\n让我们一起读书吧\n";
        assert_eq!(
            essay_texts(&layout(plain, false)).last().unwrap(),
            "让我们一起读书吧"
        );
        // Above a date, a line too long to sign a letter is text.
        let dated = "读书\n我认为要多读书。\n让我们从现在做起珍惜每一分钟吧\n2020年3月8日\n";
        assert_eq!(
            essay_texts(&layout(dated, false)).last().unwrap(),
            "让我们从现在做起珍惜每一分钟吧"
        );
        // Unfinished lines before the formula stay; the closing goes.
        let long = "读书\n我认为要多读书。\n书是良师\n书是益友\n此致\n敬礼\n李明\n2020年3月8日\n";
        assert_eq!(
            essay_texts(&layout(long, false)).last().unwrap(),
            "书是益友"
        );
    }

    #[test]
    fn untitled_text_is_one_essay() {
        let l = layout("只有一句话。", false);
        assert_eq!(l.essays.len(), 1);
        assert!(l.essays[0].title.is_none());
    }

    #[test]
    fn a_labelled_title_is_the_title_without_its_label() {
        let doc = "题目：机遇，成功之花\n成功需要机遇。\n机遇只给有准备的人。\n";
        let l = layout(doc, false);
        let title = l.essays[0].title.as_ref().unwrap();
        assert_eq!(title.text, "机遇，成功之花");
        assert_eq!(&doc[title.start..title.end], "机遇，成功之花");
        assert_eq!(l.essays[0].sections[0].paragraphs.len(), 2);
        // Without the label the line has two clause marks: a paragraph.
        assert!(
            layout("机遇，成功，之花\n成功需要机遇。\n", false).essays[0]
                .title
                .is_none()
        );
    }

    #[test]
    fn a_byline_under_the_title_is_no_part_of_the_essay() {
        for byline in ["高三（2）班 李明", "文/李明", "作者：李明"] {
            let doc = format!("论诚信\n{byline}\n诚信是立身之本。\n古人云：人无信不立。\n");
            let l = layout(&doc, false);
            let e = &l.essays[0];
            assert_eq!(e.title.as_ref().unwrap().text, "论诚信");
            assert_eq!(e.sections.len(), 1, "{byline}");
            assert!(e.sections[0].heading.is_none(), "{byline}");
            assert_eq!(texts(&e.sections[0].paragraphs[0]), ["诚信是立身之本。"]);
        }
        // A dateline too, under the title or the byline (an op-ed as a
        // newspaper's web page prints it), and the paragraph under it keeps
        // its first sentence alone.
        for masthead in [
            "2026-11-20 08:30 来源：本报评论部\n\n",
            "作者：李明\n2026-11-20 08:30 来源：本报评论部\n\n",
            "作者：李明\n\n发布时间：2026年11月20日\n来源：人民网\n\n",
        ] {
            let doc = format!("论诚信\n{masthead}诚信是立身之本。\n\n古人云：人无信不立。\n");
            let l = layout(&doc, false);
            let e = &l.essays[0];
            assert_eq!(e.title.as_ref().unwrap().text, "论诚信");
            assert!(e.sections[0].heading.is_none(), "{masthead}");
            assert_eq!(
                texts(&e.sections[0].paragraphs[0]),
                ["诚信是立身之本。"],
                "{masthead}"
            );
        }
        // A headline with a clause or two, above a blank line, titles the
        // document and does not run on into its first sentence.
        let l = layout(
            "延迟退休：要算好个人账，更要算好社会账\n\n改革已经正式实施。\n\n我认为这是必然选择。\n",
            false,
        );
        let e = &l.essays[0];
        assert_eq!(
            e.title.as_ref().unwrap().text,
            "延迟退休：要算好个人账，更要算好社会账"
        );
        assert_eq!(texts(&e.sections[0].paragraphs[0]), ["改革已经正式实施。"]);
        // A heading under the title is still a heading.
        let l = layout(
            "论诚信\n一、诚信的力量\n诚信是立身之本。\n古人云：人无信不立。\n",
            false,
        );
        assert_eq!(
            l.essays[0].sections[0].heading.as_ref().unwrap().text,
            "一、诚信的力量"
        );
    }
}
