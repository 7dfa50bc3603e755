//! Relations read from sentence-initial discourse markers.
//!
//! A marker that opens a sentence relates the sentence's head claim to the
//! head of the sentence before it; a marker that opens a paragraph relates it
//! to the previous paragraph's main claim (or the section heading, for a
//! section's first paragraph). Examples in a run (比如…；比如…) all exemplify
//! the claim before the run. Clause-level relations inside one sentence were
//! made when the sentence was split (see `claims`).

use super::lexicon::{Bounds, Family, LEXICON};
use super::{DraftEdge, EssayDraft};
use crate::model::Relation;

pub fn link(d: &mut EssayDraft) {
    let mut anchors: Vec<Option<usize>> = vec![None; d.sentences.len()];
    // Examples that continue a run wait until the run's anchor is known.
    let mut continuing = Vec::new();
    // Inside paragraphs first: paragraph main claims depend on these edges.
    for s in 0..d.sentences.len() {
        if opens_paragraph(d, s) || d.sentences[s].paragraph.is_none() {
            continue;
        }
        if is_example(d, s) && is_example(d, s - 1) {
            continuing.push(s);
            continue;
        }
        // 有人认为…。虽然…，但是…: the main half of a sentence that concedes
        // and turns within itself answers the view before it.
        if let Some(marker) = turning_concession(d, s) {
            for view in views_answered_by_turn(d, s).unwrap_or_default() {
                d.add_edge(DraftEdge {
                    from: d.sentences[s].head,
                    to: view,
                    relation: Relation::Attacks,
                    marker: Some(marker.clone()),
                    rule: format!("turn:{}", Family::Concession.name()),
                });
            }
            continue;
        }
        let target = d.sentences[s - 1].head;
        for target in answered_views(d, s, target) {
            link_sentence(d, s, target, "initial", &mut anchors);
        }
    }
    choose_mains(d);
    for p in 0..d.paragraphs.len() {
        let s = d.paragraphs[p].sentences.start;
        let Some(target) = previous_unit(d, p) else {
            continue;
        };
        let section = d.paragraphs[p].section;
        let targets = match (p.checked_sub(1), is_example(d, s)) {
            // A run of examples that spans paragraphs keeps its anchor.
            (Some(q), true) if d.paragraphs[q].section == section => {
                let last = d.paragraphs[q].sentences.end - 1;
                vec![anchors[last].unwrap_or(target)]
            }
            (Some(q), false) if d.paragraphs[q].section == section => answered_views(d, s, target),
            _ => vec![target],
        };
        for target in targets {
            link_sentence(d, s, target, "paragraph", &mut anchors);
        }
    }
    for s in continuing {
        let target = anchors[s - 1].unwrap_or(d.sentences[s - 1].head);
        link_sentence(d, s, target, "initial", &mut anchors);
    }
}

/// Sentences a turn (但是, 然而…) may reach back over to the view it answers.
pub const VIEW_LOOKBACK: usize = 3;

/// What sentence `s`, opened by a turn (但是, 然而…), answers: the nearest
/// view reported within the [`VIEW_LOOKBACK`] sentences before it, in the
/// paragraph of the sentence just before it, with the views reported right
/// before that one (有人说…。有人说…。这些说法似乎有些道理。但… answers both),
/// less any view already answered. The look-back stops at a sentence that
/// states the author's position or rejects the view (我认为…, 此言差矣): a
/// turn after it turns the author's own reasoning. With no view so reached,
/// and for any other marker, its marker's `target` (the sentence or
/// paragraph before it).
fn answered_views(d: &EssayDraft, s: usize, target: usize) -> Vec<usize> {
    let turn = d.sentences[s].opener.is_some_and(|m| {
        let marker = &LEXICON.markers[m];
        marker.family == Family::Contrast && !marker.after_opinion
    });
    if !turn {
        return vec![target];
    }
    views_answered_by_turn(d, s).unwrap_or_else(|| vec![target])
}

/// The views a turn in sentence `s` answers ([`answered_views`]): `None`
/// when no view is reached, else those not answered already.
fn views_answered_by_turn(d: &EssayDraft, s: usize) -> Option<Vec<usize>> {
    let paragraph = d.sentences[s - 1].paragraph;
    let in_paragraph = |t: usize| d.sentences[t].paragraph == paragraph;
    let is_view = |t: usize| d.claims[d.sentences[t].head].reported;
    let answers = |t: usize| {
        d.claims[d.sentences[t].claims.clone()]
            .iter()
            .any(|c| c.stance || c.rejects)
    };
    let nearest = (s.saturating_sub(VIEW_LOOKBACK)..s)
        .rev()
        .take_while(|&t| in_paragraph(t) && (is_view(t) || !answers(t)))
        .find(|&t| is_view(t))?;
    // The views reported one after another, nearest first.
    Some(
        (0..=nearest)
            .rev()
            .take_while(|&t| in_paragraph(t) && is_view(t))
            .map(|t| d.sentences[t].head)
            .filter(|&c| !d.is_attacked(c))
            .collect(),
    )
}

/// The pair of sentence `s` when it concedes and turns within itself
/// (虽然 A，但是 B, split in two with the conceded half attacking the main
/// one) and no opening marker relates it already.
fn turning_concession(d: &EssayDraft, s: usize) -> Option<String> {
    let info = &d.sentences[s];
    let marker = &LEXICON.markers[info.split?];
    (info.opener.is_none() && marker.family == Family::Concession).then(|| marker.pattern.clone())
}

fn opens_paragraph(d: &EssayDraft, s: usize) -> bool {
    d.sentences[s].paragraph.is_some_and(|p| {
        d.paragraphs
            .get(p)
            .is_none_or(|info| info.sentences.start == s)
    })
}

fn is_example(d: &EssayDraft, s: usize) -> bool {
    d.sentences[s]
        .opener
        .is_some_and(|m| LEXICON.markers[m].family == Family::Example)
}

/// What a paragraph-initial marker refers back to: the previous paragraph's
/// main claim in the same section, else the section heading — unless the
/// heading only names a part (结语: 因此… under it concludes what came
/// before, not the word 结语).
fn previous_unit(d: &EssayDraft, p: usize) -> Option<usize> {
    let section = d.paragraphs[p].section;
    match p.checked_sub(1) {
        Some(q) if d.paragraphs[q].section == section => Some(d.paragraphs[q].main),
        // An essay's untitled opening part, or a section under a label: the
        // paragraph before, if any.
        _ => d
            .arguable_heading(section)
            .or_else(|| p.checked_sub(1).map(|q| d.paragraphs[q].main)),
    }
}

fn link_sentence(
    d: &mut EssayDraft,
    s: usize,
    target: usize,
    rule: &str,
    anchors: &mut [Option<usize>],
) {
    let Some(m) = d.sentences[s].opener else {
        return;
    };
    let marker = &LEXICON.markers[m];
    // A contrast between two sentences attacks only a view the author
    // reports to answer; elsewhere 但是 turns the author's own reasoning.
    let contrast = matches!(marker.family, Family::Contrast | Family::Concession);
    if contrast && !marker.after_opinion && !d.claims[target].reported {
        return;
    }
    if marker.after_opinion {
        let t = &d.claims[target].text;
        if !LEXICON.opinion.contains(t, &Bounds::of(t)) {
            return;
        }
    }
    let marked = d.sentences[s].head;
    if marker.family == Family::Example {
        anchors[s] = Some(target);
    }
    // 有人会说…，干吗还要“勿忘”呢？这是因为…: a reason given right after a
    // view that asks a question answers the question, the author's reason
    // against the view, not one for it.
    let asks = matches!(
        super::features::end_mark(&d.claims[target].text),
        Some('？' | '?')
    );
    if marker.family == Family::Reason && d.claims[target].reported && asks {
        d.add_edge(DraftEdge {
            from: marked,
            to: target,
            relation: Relation::Attacks,
            marker: Some(marker.pattern.clone()),
            rule: format!("{rule}:answer"),
        });
        return;
    }
    let (from, to) = if marker.family.marked_is_source() {
        (marked, target)
    } else {
        (target, marked)
    };
    d.add_edge(DraftEdge {
        from,
        to,
        relation: marker.family.relation(),
        marker: Some(marker.pattern.clone()),
        rule: format!("{rule}:{}", marker.family.name()),
    });
}

/// The main claim of each paragraph: its first stance claim, else its last
/// conclusion-marked sentence, else its first sentence that points nowhere
/// else, else its first claim — never, at any step, a view the paragraph
/// reports in order to answer it (有人会说…, then 但…: the answer is the
/// author's point) unless it holds nothing else.
fn choose_mains(d: &mut EssayDraft) {
    for p in 0..d.paragraphs.len() {
        let range = d.paragraphs[p].sentences.clone();
        let heads: Vec<usize> = range.clone().map(|s| d.sentences[s].head).collect();
        // A view the author answers (attacked, or rejected by the sentence
        // after it: 其实不然。) is not the paragraph's point, and a sentence
        // that only rejects is a weaker one than the reasons after it: the
        // point is what the author argues, the rejection where nothing else.
        let rejects = |s: usize| {
            d.claims[d.sentences[s].claims.clone()]
                .iter()
                .any(|c| c.rejects)
        };
        let answered = |c: usize| {
            let s = d.claims[c].sentence;
            (s + 1 < range.end && rejects(s + 1)) || d.claims[c].reported && d.is_attacked(c)
        };
        let rejecting = |c: usize| rejects(d.claims[c].sentence);
        let stance = heads
            .iter()
            .copied()
            .find(|&c| d.claims[c].stance && !answered(c));
        let conclusion = range
            .clone()
            .filter(|&s| {
                d.sentences[s]
                    .opener
                    .is_some_and(|m| LEXICON.markers[m].family == Family::Conclusion)
            })
            .map(|s| d.sentences[s].head)
            .rfind(|&c| !answered(c));
        let free = heads
            .iter()
            .copied()
            .find(|&c| !d.has_outgoing(c) && !answered(c) && !rejecting(c));
        let first = heads
            .iter()
            .copied()
            .find(|&c| !answered(c) && !rejecting(c))
            .or_else(|| heads.iter().copied().find(|&c| !answered(c)))
            .unwrap_or(heads[0]);
        d.paragraphs[p].main = stance.or(conclusion).or(free).unwrap_or(first);
    }
}
