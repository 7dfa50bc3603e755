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
        let target = d.sentences[s - 1].head;
        link_sentence(d, s, target, "initial", &mut anchors);
    }
    choose_mains(d);
    for p in 0..d.paragraphs.len() {
        let s = d.paragraphs[p].sentences.start;
        let Some(target) = previous_unit(d, p) else {
            continue;
        };
        let section = d.paragraphs[p].section;
        let target = match (p.checked_sub(1), is_example(d, s)) {
            // A run of examples that spans paragraphs keeps its anchor.
            (Some(q), true) if d.paragraphs[q].section == section => {
                let last = d.paragraphs[q].sentences.end - 1;
                anchors[last].unwrap_or(target)
            }
            _ => target,
        };
        link_sentence(d, s, target, "paragraph", &mut anchors);
    }
    for s in continuing {
        let target = anchors[s - 1].unwrap_or(d.sentences[s - 1].head);
        link_sentence(d, s, target, "initial", &mut anchors);
    }
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
/// main claim in the same section, else the section heading.
fn previous_unit(d: &EssayDraft, p: usize) -> Option<usize> {
    let section = d.paragraphs[p].section;
    match p.checked_sub(1) {
        Some(q) if d.paragraphs[q].section == section => Some(d.paragraphs[q].main),
        _ => section.and_then(|s| d.section_heads[s]).or_else(|| {
            // An essay's untitled opening part: the paragraph before, if any.
            p.checked_sub(1).map(|q| d.paragraphs[q].main)
        }),
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
/// else and is not a view the paragraph reports in order to answer it
/// (有人会说…, then 但…: the answer is the author's point), else its first
/// claim that is not such a view.
fn choose_mains(d: &mut EssayDraft) {
    for p in 0..d.paragraphs.len() {
        let range = d.paragraphs[p].sentences.clone();
        let heads: Vec<usize> = range.clone().map(|s| d.sentences[s].head).collect();
        let answered: Vec<usize> = d
            .edges
            .iter()
            .filter(|e| e.relation == Relation::Attacks && heads.contains(&e.from))
            .map(|e| e.to)
            .filter(|&c| d.claims[c].reported)
            .collect();
        let stance = heads.iter().copied().find(|&c| d.claims[c].stance);
        let conclusion = range
            .clone()
            .filter(|&s| {
                d.sentences[s]
                    .opener
                    .is_some_and(|m| LEXICON.markers[m].family == Family::Conclusion)
            })
            .map(|s| d.sentences[s].head)
            .next_back();
        let free = heads
            .iter()
            .copied()
            .find(|&c| !d.has_outgoing(c) && !answered.contains(&c));
        let first = heads
            .iter()
            .copied()
            .find(|c| !answered.contains(c))
            .unwrap_or(heads[0]);
        d.paragraphs[p].main = stance.or(conclusion).or(free).unwrap_or(first);
    }
}
