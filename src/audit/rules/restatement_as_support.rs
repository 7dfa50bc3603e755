//! restatement-as-support: a claim whose only marked support is a paraphrase
//! of itself, begging the question. A supporter is a paraphrase when a
//! restates edge joins the two claims, or when nearly all content words
//! (jieba) of the shorter one appear in the other and the other is not
//! much longer.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::Relation;
use crate::nlp;
use crate::text::script::simplified;

pub const RULE: Rule = Rule {
    code: "restatement-as-support",
    summary: "a claim supported only by a paraphrase of itself",
    check,
};

/// Share of content words of the shorter text found in the longer one.
pub const PARAPHRASE_OVERLAP: f64 = 0.8;
/// Most content words the longer text may have, as a multiple of the
/// shorter's, to count as its paraphrase by overlap.
pub const PARAPHRASE_LENGTH_RATIO: f64 = 1.5;

fn paraphrase(v: &EssayView, a: usize, b: usize) -> bool {
    let linked = v.outgoing[a]
        .iter()
        .chain(&v.outgoing[b])
        .any(|&k| v.edges[k].relation == Relation::Restates && (v.to(k) == a || v.to(k) == b));
    if linked {
        return true;
    }
    // Cut in simplified characters, as the dictionary is written.
    let (ta, tb) = (simplified(&v.claims[a].text), simplified(&v.claims[b].text));
    let wa = nlp::content_words(&ta);
    let wb = nlp::content_words(&tb);
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    // A supporter that says more than half as much again as the claim brings
    // something of its own, however many of the claim's words it reuses.
    if short.len() < 2 || long.len() as f64 > PARAPHRASE_LENGTH_RATIO * short.len() as f64 {
        return false;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared as f64 >= PARAPHRASE_OVERLAP * short.len() as f64
}

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 0..v.claims.len() {
        let supporters: Vec<usize> = v
            .into_of(i, &[Relation::Supports, Relation::Exemplifies])
            .filter(|&k| !v.is_default(k))
            .map(|k| v.from(k))
            .collect();
        if supporters.is_empty() || !supporters.iter().all(|&s| paraphrase(v, i, s)) {
            continue;
        }
        out.push(finding(
            v,
            RULE.code,
            Severity::Warning,
            i,
            format!(
                "{} is supported only by its own paraphrase {}",
                quote(v, i),
                quote(v, supporters[0])
            ),
            "a claim cannot be its own reason: give a reason that says something new",
            &supporters,
        ));
    }
    out
}
