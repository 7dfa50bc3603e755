//! Which claim is the essay's thesis (its `major_claim`). Every candidate gets
//! a score from evidence in the text; the weights are documented in
//! docs/extraction.md. Headings are section claims, never the thesis.

use super::EssayDraft;
use crate::model::Relation;
use crate::nlp;

pub const W_STANCE: f64 = 3.0;
pub const W_THESIS_MARKER: f64 = 2.0;
pub const W_TITLE_OVERLAP: f64 = 4.0;
pub const W_LAST_PARAGRAPH: f64 = 1.5;
pub const W_FIRST_PARAGRAPH: f64 = 1.0;
pub const W_SUPPORTED: f64 = 0.5;
pub const MAX_SUPPORTED: usize = 3;
pub const W_HEDGED: f64 = -1.0;
pub const W_QUESTION: f64 = -2.0;
pub const W_GIVES_REASON: f64 = -1.5;

/// Score of each claim (None for claims that cannot be the thesis).
pub fn scores(d: &EssayDraft) -> Vec<Option<f64>> {
    let title_words: Vec<&str> = d
        .title
        .as_deref()
        .map(nlp::content_words)
        .unwrap_or_default();
    let paragraphs = d.paragraphs.len();
    // Support received and given, per claim, counted once over the edges.
    let mut supported = vec![0usize; d.claims.len()];
    let mut gives_reason = vec![false; d.claims.len()];
    for e in &d.edges {
        if matches!(e.relation, Relation::Supports | Relation::Exemplifies) {
            supported[e.to] += 1;
            gives_reason[e.from] = true;
        }
    }
    d.claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.heading {
                return None;
            }
            let mut s = 0.0;
            if c.stance {
                s += W_STANCE;
            }
            if c.thesis_marker {
                s += W_THESIS_MARKER;
            }
            if !title_words.is_empty() {
                let shared = title_words.iter().filter(|w| c.text.contains(**w)).count();
                s += W_TITLE_OVERLAP * shared as f64 / title_words.len() as f64;
            }
            match c.paragraph {
                Some(p) if p + 1 == paragraphs => s += W_LAST_PARAGRAPH,
                Some(0) => s += W_FIRST_PARAGRAPH,
                _ => {}
            }
            s += W_SUPPORTED * supported[i].min(MAX_SUPPORTED) as f64;
            if c.hedged {
                s += W_HEDGED;
            }
            if c.text.trim_end().ends_with(['？', '?']) {
                s += W_QUESTION;
            }
            // The author's stance is a claim even when it leads on to another.
            if gives_reason[i] && !c.stance {
                s += W_GIVES_REASON;
            }
            Some(s)
        })
        .collect()
}

/// The best-scoring claim; the earliest wins a tie.
pub fn choose(d: &EssayDraft) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, s) in scores(d).into_iter().enumerate() {
        if let Some(s) = s {
            if best.is_none_or(|(_, b)| s > b + 1e-9) {
                best = Some((i, s));
            }
        }
    }
    best.map(|(i, _)| i)
        .or_else(|| (!d.claims.is_empty()).then_some(0))
}
