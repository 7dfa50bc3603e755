//! disconnected-claim: a claim that no chain of relations (in either
//! direction) joins to a major claim: it bears on nothing the essay argues.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::ClaimKind;

pub const RULE: Rule = Rule {
    code: "disconnected-claim",
    summary: "a claim that reaches no major claim",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let n = v.claims.len();
    let mut reach = vec![false; n];
    let mut stack: Vec<usize> = (0..n)
        .filter(|&i| v.claims[i].kind == ClaimKind::MajorClaim)
        .collect();
    for &m in &stack {
        reach[m] = true;
    }
    while let Some(c) = stack.pop() {
        for &k in v.incoming[c].iter().chain(&v.outgoing[c]) {
            for f in [v.from(k), v.to(k)] {
                if !reach[f] {
                    reach[f] = true;
                    stack.push(f);
                }
            }
        }
    }
    (0..n)
        .filter(|&i| !reach[i])
        .map(|i| {
            finding(
                v,
                RULE.code,
                Severity::Error,
                i,
                format!("{} does not bear on any major claim", quote(v, i)),
                "relate it to the argument (a marker such as 因此 or 比如), or cut it",
                &[],
            )
        })
        .collect()
}
