//! acceptability: which theses survive their objections. Grounded semantics
//! (Dung) over the attack relation; each major or section claim that is not
//! accepted is reported with the attack chain that defeats it: an error for
//! the major claim, a warning for a section claim or a major claim the
//! tool only guessed at.

use super::{finding, quote};
use crate::audit::grounded::{self, Label};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::ClaimKind;

pub const RULE: Rule = Rule {
    code: "acceptability",
    summary: "a thesis not accepted under grounded semantics",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let labels = grounded::labels(v);
    let mut out = Vec::new();
    for i in (0..v.claims.len()).filter(|&i| v.is_thesis(i) && labels[i] != Label::In) {
        let chain = grounded::defeat_chain(v, &labels, i);
        let steps: Vec<String> = chain.iter().map(|&c| quote(v, c)).collect();
        let (what, how) = match labels[i] {
            Label::Out => ("is defeated", "attacked by an accepted claim"),
            _ => ("is undecided", "caught in a cycle of attacks"),
        };
        let major = v.claims[i].kind == ClaimKind::MajorClaim;
        // A thesis the tool only guessed at (uncertain-thesis) may not be
        // the essay's position at all — in a narrative, a line of dialogue
        // "answers" it — so its defeat is no error of the essay's.
        let guessed = v.claims[i].why.as_ref().is_some_and(|w| w.unsure_thesis());
        out.push(finding(
            v,
            RULE.code,
            if major && !guessed {
                Severity::Error
            } else {
                Severity::Warning
            },
            i,
            format!("{} {what}: {how} ({})", quote(v, i), steps.join(" ← ")),
            "rebut the attacker (但是/事实上…), or weaken the thesis so the objection no longer applies",
            &chain[1..],
        ));
    }
    out
}
