//! unanswered-objection: a reported objection (有人认为…, 很多人说…) raised
//! against one of the author's claims after it, that nothing rebuts: no claim
//! attacks the objection, and the target gets no further marked support after
//! it. Attacks the author makes (但是 B against A; 尽管 A，但是 B) are the
//! author's own moves, not objections, and are left alone.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::extract::lexicon::{Bounds, LEXICON};
use crate::model::Relation;

pub const RULE: Rule = Rule {
    code: "unanswered-objection",
    summary: "an objection to the author's claim that nothing rebuts",
    check,
};

/// The claim reports somebody else's view rather than the author's.
pub fn reports_other_view(text: &str) -> bool {
    let b = Bounds::of(text);
    LEXICON.opinion.contains(text, &b) && !LEXICON.stance.contains(text, &b)
}

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    for k in (0..v.edges.len()).filter(|&k| v.edges[k].relation == Relation::Attacks) {
        let (a, t) = (v.from(k), v.to(k));
        let raised_after = v.claims[a].ord > v.claims[t].ord;
        if !raised_after || !reports_other_view(&v.claims[a].text) {
            continue;
        }
        let rebutted = v.into_of(a, &[Relation::Attacks]).next().is_some();
        let defended = v
            .into_of(t, &[Relation::Supports, Relation::Exemplifies])
            .any(|s| !v.is_default(s) && v.claims[v.from(s)].ord > v.claims[a].ord);
        if rebutted || defended {
            continue;
        }
        out.push(finding(
            v,
            RULE.code,
            Severity::Warning,
            t,
            format!("{} is attacked by {} and nothing answers it", quote(v, t), quote(v, a)),
            "answer the objection (但是/事实上…) or give the attacked claim further support after it",
            &[t, a],
        ));
    }
    out
}
