//! hedged-foundation: a claim stated without hedging whose only support comes
//! from hedged premises (或许, 可能…): the conclusion claims more certainty
//! than its grounds give.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::Relation;

pub const RULE: Rule = Rule {
    code: "hedged-foundation",
    summary: "an unhedged claim resting only on hedged premises",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 0..v.claims.len() {
        if v.claims[i].hedged {
            continue;
        }
        // A default edge records reading order only: never a reason.
        let supporters: Vec<usize> = v
            .into_of(i, &[Relation::Supports, Relation::Exemplifies])
            .filter(|&k| !v.is_default(k))
            .map(|k| v.from(k))
            .collect();
        if supporters.is_empty() || !supporters.iter().all(|&s| v.claims[s].hedged) {
            continue;
        }
        out.push(finding(
            v,
            RULE.code,
            Severity::Warning,
            i,
            format!(
                "{} rests only on hedged premises ({})",
                quote(v, i),
                supporters
                    .iter()
                    .map(|&s| quote(v, s))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "hedge the conclusion too, or add support that is stated with confidence",
            &supporters,
        ));
    }
    out
}
