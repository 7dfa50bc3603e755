//! Sentences become claims. A sentence is split in two where a clause or
//! paired marker from the lexicon licenses it (尽管 A，但是 B; 之所以 A，其中一个
//! 原因在于 B; A，而不是 B), and the two halves are joined by that relation.
//! Each claim is also checked for hedges and for the author's stance.

use super::lexicon::{self, Bounds, Family, Position, LEXICON, PAIRED_LEAD_CHARS};
use super::words::Words;
use super::{Draft, DraftEdge, EssayDraft, ParagraphInfo, SentenceInfo};
use crate::text::chars::is_alphanumeric;
use crate::text::{sentence, EssayLayout, Piece};

/// Fewest content characters (not punctuation, not the marker) each half of a
/// split sentence must keep; a shorter half is only a marker.
pub const MIN_PART_CHARS: usize = 4;

pub fn build(doc: &str, layout: &EssayLayout) -> EssayDraft {
    let mut d = EssayDraft {
        title: layout.title.as_ref().map(|t| t.text.clone()),
        prompt_paragraphs: layout.prompt_paragraphs,
        ..Default::default()
    };
    for (si, section) in layout.sections.iter().enumerate() {
        let mut head_claim = None;
        if let Some(h) = section.heading.as_ref().filter(|h| has_text(&h.text)) {
            let sentence = d.sentences.len();
            let claim = d.claims.len();
            let words = Words::of(&h.text);
            let mut draft = analyse_with(h, &words, sentence, None, Some(si));
            draft.heading = true;
            d.claims.push(draft);
            d.sentences.push(SentenceInfo {
                claims: claim..claim + 1,
                head: claim,
                paragraph: None,
                opener: None,
                split: None,
                words,
            });
            head_claim = Some(claim);
        }
        d.section_heads.push(head_claim);
        for para in &section.paragraphs {
            // A sentence needs a letter or a CJK character: stray
            // punctuation (「。」, 「……」) is not a claim, and neither is a
            // note in brackets alone (「（完）」 after the last paragraph).
            let pieces: Vec<&Piece> = para
                .iter()
                .filter(|p| has_text(&p.text) && !sentence::is_note(&p.text))
                .collect();
            if pieces.is_empty() {
                continue;
            }
            let p = d.paragraphs.len();
            let first_sentence = d.sentences.len();
            for piece in pieces {
                add_sentence(&mut d, doc, piece, p, si);
            }
            let first_claim = d.sentences[first_sentence].claims.start;
            d.paragraphs.push(ParagraphInfo {
                section: Some(si),
                sentences: first_sentence..d.sentences.len(),
                main: first_claim,
            });
        }
    }
    unanswered_concessions_affirm(&mut d);
    questions_answer_views(&mut d);
    d
}

/// Most letters or CJK characters of a question that only asks the view
/// to be granted (难道不是吗？, 难道不是这样吗？).
pub const TAG_QUESTION_MAX_CHARS: usize = 6;

/// Does a rhetorical question whose opening (难道, 怎能) ends at byte `end`
/// grant the view instead of denying it? A negation after the opening makes
/// a double negative: 怎能不… ("how could one not": one must), and a bare
/// 难道不是吗？ — while 难道不读书也能成功吗？ denies (it asks more than to
/// be granted).
fn grants(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(['，', ',']);
    let negated = rest.starts_with(['不', '没']);
    let how_could_not = !["难道", "试问"].iter().any(|o| text[..end].ends_with(o));
    negated && (how_could_not || content_chars(rest) <= TAG_QUESTION_MAX_CHARS)
}

/// A rhetorical question right after a reported view, in its paragraph
/// (有人认为 A。难道 B 吗？), rejects the view as 其实不然 would: the
/// author's answer to it (`rebuttal_questions.txt`).
fn questions_answer_views(d: &mut EssayDraft) {
    for s in 1..d.sentences.len() {
        let (before, info) = (&d.sentences[s - 1], &d.sentences[s]);
        if info.paragraph.is_none()
            || before.paragraph != info.paragraph
            || !d.claims[before.claims.clone()].iter().any(|c| c.reported)
        {
            continue;
        }
        let text = d.sentence_text(s);
        let asks = super::features::end_mark(&text).is_some_and(|c| matches!(c, '？' | '?'));
        let opening = info
            .words
            .covers(&text)
            .then(|| lexicon::opens_with(&LEXICON.rebuttal_questions, &text, &info.words.bounds()))
            .flatten();
        if opening.is_some_and(|end| asks && !grants(&text, end)) {
            for c in &mut d.claims[info.claims.clone()] {
                c.rejects = true;
                c.reported = false;
            }
        }
    }
}

/// A sentence reported only by a concession word (诚然 A。) reports a view
/// when the next sentence answers it (但是 B。); otherwise the word affirms
/// ("indeed") and the sentence is the author's own.
fn unanswered_concessions_affirm(d: &mut EssayDraft) {
    for s in 0..d.sentences.len() {
        let claims = d.sentences[s].claims.clone();
        if !d.claims[claims.clone()].iter().any(|c| c.reported) {
            continue;
        }
        let text = d.sentence_text(s);
        let words = &d.sentences[s].words;
        if !words.covers(&text) || !lexicon::concedes_only(&text, &words.bounds()) {
            continue;
        }
        let answered = d.sentences.get(s + 1).is_some_and(|next| {
            let next_text = d.sentence_text(s + 1);
            next.words.covers(&next_text)
                && lexicon::opens_with_turn(&next_text, &next.words.bounds())
        });
        if !answered {
            for c in &mut d.claims[claims] {
                c.reported = false;
            }
        }
    }
}

/// Does `text` hold a letter, digit or CJK character (anything a claim can say)?
pub fn has_text(text: &str) -> bool {
    text.chars().any(is_alphanumeric)
}

/// A claim of `piece`, whose words are already cut (a whole sentence's, or
/// their slice for half of a split sentence).
fn analyse_with(
    piece: &Piece,
    words: &Words,
    sentence: usize,
    paragraph: Option<usize>,
    section: Option<usize>,
) -> Draft {
    let bounds = &words.bounds();
    let (start, end, text) = (piece.start, piece.end, piece.text.clone());
    let lex = &*LEXICON;
    let certain = lexicon::opens_with(&lex.certainty, &text, bounds).is_some();
    let hedged = lexicon::is_hedged(&text, bounds) && !certain;
    let hedged_outside_quotes = hedged && lexicon::is_hedged_outside_quotes(&text, bounds);
    let stance = lex.stance.contains(&text, bounds);
    let rejects = lexicon::rejects(&text, bounds);
    Draft {
        stance,
        thesis_marker: lexicon::opens_with(&lex.thesis, &text, bounds).is_some(),
        // A view answered in its own words (有人说…，我不赞同; …，此言差矣)
        // is the author's answer, not a view left to be answered.
        reported: lexicon::is_reported(&text, bounds) && !stance && !rejects,
        rejects,
        search_words: words.search_words(&text),
        evidence: super::evidence::in_words(&text, words),
        terms: super::terms::in_words(&text, words),
        hedged,
        hedged_outside_quotes,
        start,
        end,
        text,
        sentence,
        paragraph,
        section,
        heading: false,
    }
}

fn add_sentence(d: &mut EssayDraft, doc: &str, piece: &Piece, paragraph: usize, section: usize) {
    let sentence = d.sentences.len();
    let first = d.claims.len();
    let words = Words::of(&piece.text);
    let bounds = words.bounds();
    let opening = opening_marker(&piece.text, &bounds);
    let mut opener = opening.map(|(m, _)| m);
    let opener_end = opening.map_or(0, |(_, end)| end);
    // An example's own 虽然…却 (比如，老人虽然每天和子女视频，却依然感到孤独)
    // tells the case; it is not the author conceding a point, so the
    // example stays one claim.
    let example = opener.is_some_and(|m| LEXICON.markers[m].family == Family::Example);
    let split = split_point(&piece.text, &bounds, opener_end)
        .filter(|&(_, m)| !(example && LEXICON.markers[m].family == Family::Concession));
    match split {
        Some((at, marker)) => {
            // A pair that opens the sentence (因为 A，所以 B) relates its own
            // halves; it does not also tie the sentence to the one before.
            if piece.text[super::lexicon::markup_prefix(&piece.text)..]
                .starts_with(LEXICON.markers[marker].parts[0].as_str())
            {
                opener = None;
            }
            let (a, b) = split_piece(doc, piece, at);
            let tail_at = piece.text.len() - b.text.len();
            let (wa, wb) = (words.slice(0, at), words.slice(tail_at, piece.text.len()));
            d.claims.push(analyse_with(
                &a,
                &wa,
                sentence,
                Some(paragraph),
                Some(section),
            ));
            d.claims.push(analyse_with(
                &b,
                &wb,
                sentence,
                Some(paragraph),
                Some(section),
            ));
            let (marked, other) = (first + 1, first);
            let fam = LEXICON.markers[marker].family;
            let (from, to) = if fam.marked_is_source() {
                (marked, other)
            } else {
                (other, marked)
            };
            d.add_edge(DraftEdge {
                from,
                to,
                relation: fam.relation(),
                marker: Some(LEXICON.markers[marker].pattern.clone()),
                rule: format!(
                    "{}:{}",
                    position_name(LEXICON.markers[marker].position),
                    fam.name()
                ),
            });
            // The sentence's point is the half the edge leads to (所以 B, 但是 B),
            // except where the marked half is what the author turns down
            // (A，而不是 B): a marker before the sentence, or a sentence
            // after it, bears on A, not on the rejected alternative.
            let head = if fam == Family::Rejection { other } else { to };
            d.sentences.push(SentenceInfo {
                claims: first..first + 2,
                head,
                paragraph: Some(paragraph),
                opener,
                split: Some(marker),
                words,
            });
        }
        None => {
            // 因为 A，B gives its own reason; it is not the reason for the
            // sentence before it.
            if governs_its_sentence(&piece.text, &bounds) {
                opener = None;
            }
            d.claims.push(analyse_with(
                piece,
                &words,
                sentence,
                Some(paragraph),
                Some(section),
            ));
            d.sentences.push(SentenceInfo {
                claims: first..first + 1,
                head: first,
                paragraph: Some(paragraph),
                opener,
                split: None,
                words,
            });
        }
    }
}

pub fn position_name(p: Position) -> &'static str {
    match p {
        Position::Initial => "initial",
        Position::Clause => "clause",
        Position::Paired => "paired",
        Position::Leading => "leading",
        Position::Governing => "governing",
    }
}

/// The sentence-initial marker of `text`, as an index into the lexicon's
/// markers, and the byte end of its match.
pub fn opening_marker(text: &str, bounds: &Bounds) -> Option<(usize, usize)> {
    LEXICON.markers.iter().enumerate().find_map(|(i, m)| {
        (m.position == Position::Initial)
            .then(|| m.pattern().opens(text, bounds))
            .flatten()
            .map(|end| (i, end))
    })
}

/// Does a governing marker open `text` and only its first clause (因为 A，B:
/// a main clause of [`MIN_PART_CHARS`] follows)?
fn governs_its_sentence(text: &str, bounds: &Bounds) -> bool {
    LEXICON
        .markers
        .iter()
        .filter(|m| m.position == Position::Governing)
        .filter_map(|m| m.pattern().opens(text, bounds))
        .any(|end| {
            lexicon::clause_starts(text)
                .into_iter()
                .find(|&at| at > end)
                .is_some_and(|at| content_chars(&text[at..]) >= MIN_PART_CHARS)
        })
}

/// Letters and CJK characters of `s`: what counts as text, not punctuation.
pub fn content_chars(s: &str) -> usize {
    s.chars().filter(|&c| is_alphanumeric(c)).count()
}

/// Where, if anywhere, a marker licenses splitting the sentence: the byte
/// offset of the second part and the marker's index. Paired markers are tried
/// before single clause markers; the first licensed split wins. Each half must
/// keep [`MIN_PART_CHARS`] content characters besides the markers in it.
pub fn split_point(text: &str, bounds: &Bounds, opener_end: usize) -> Option<(usize, usize)> {
    let starts = lexicon::clause_starts(text);
    if starts.is_empty() {
        return None;
    }
    let chars_of = |parts: &[String]| -> usize { parts.iter().map(|p| content_chars(p)).sum() };
    let opener = content_chars(&text[..opener_end]);
    // `first_marker` counts the marker characters in the first half; when the
    // marker itself opens the sentence the opener is not counted twice.
    let long_enough = |at: usize, first_marker: usize, second_marker: usize| {
        let in_first = if first_marker > 0 && opener > 0 {
            first_marker.max(opener)
        } else {
            opener + first_marker
        };
        content_chars(&text[..at]).saturating_sub(in_first) >= MIN_PART_CHARS
            && content_chars(&text[at..]).saturating_sub(second_marker) >= MIN_PART_CHARS
    };
    let markers = &LEXICON.markers;
    for p in LEXICON.paired.in_text(text) {
        let (i, m) = (p.marker, &markers[p.marker]);
        let Some((_, first_end)) = p.first.find(text, bounds) else {
            continue;
        };
        for &at in starts.iter().filter(|&&at| at >= first_end) {
            let licensed = text[at..]
                .char_indices()
                .take(PAIRED_LEAD_CHARS + 1)
                .any(|(k, _)| p.rest.match_at(text, at + k, bounds).is_some());
            if licensed && long_enough(at, content_chars(&m.parts[0]), chars_of(&m.parts[1..])) {
                return Some((at, i));
            }
        }
    }
    for (i, m) in markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.position == Position::Leading)
    {
        let Some(end) = m.pattern().opens(text, bounds) else {
            continue;
        };
        let marker_chars = content_chars(&text[..end]);
        if let Some(&at) = starts.iter().find(|&&at| at > end) {
            if long_enough(at, marker_chars, 0) {
                return Some((at, i));
            }
        }
    }
    for (i, m) in markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.position == Position::Clause)
    {
        let pat = m.pattern();
        for &at in &starts {
            if pat.match_at(text, at, bounds).is_some() && long_enough(at, 0, chars_of(&m.parts)) {
                return Some((at, i));
            }
        }
    }
    None
}

/// Splits a sentence piece at byte `at` of its text. The piece's text may
/// differ from the document where it spans a repaired break, so offsets are
/// mapped by walking both.
fn split_piece(doc: &str, piece: &Piece, at: usize) -> (Piece, Piece) {
    let head_text = piece.text[..at].to_owned();
    let tail_text = piece.text[at..].trim_start().to_owned();
    let tail_at = piece.text.len() - tail_text.len();
    let a = Piece {
        start: piece.start,
        end: doc_offset(doc, piece, at),
        text: head_text,
    };
    let tail_start = doc_offset(doc, piece, tail_at);
    let skipped = doc[tail_start..piece.end].len() - doc[tail_start..piece.end].trim_start().len();
    let b = Piece {
        start: tail_start + skipped,
        end: piece.end,
        text: tail_text,
    };
    (a, b)
}

/// The document byte offset of byte `at` of a piece's text.
pub fn doc_offset(doc: &str, piece: &Piece, at: usize) -> usize {
    let slice = &doc[piece.start..piece.end];
    let mut d = slice.char_indices().peekable();
    let mut t = piece.text.char_indices().peekable();
    while let Some(&(ti, tc)) = t.peek() {
        if ti >= at {
            break;
        }
        match d.peek() {
            Some(&(_, dc)) if dc == tc => {
                d.next();
                t.next();
            }
            // A space the text inserted where a line broke between two words.
            Some(&(_, dc)) if tc == ' ' && dc == '\n' => {
                d.next();
                t.next();
            }
            Some(_) => {
                d.next();
            }
            None => break,
        }
    }
    // Whitespace in the document at this point belongs to the break, not the text.
    piece.start + d.peek().map_or(slice.len(), |&(i, _)| i)
}
