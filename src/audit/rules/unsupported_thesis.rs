//! unsupported-thesis: a major claim or section claim with no reason,
//! example or evidence bearing on it other than scaffold (`default`) edges.
//! For the major claim, support counts when a marked supports/exemplifies
//! edge enters it. A section claim stands on its section's paragraphs, so
//! for it a marked edge into a claim the scaffold hangs under it counts too,
//! and so does one into the paragraph's main idea that says the heading
//! again (restates it): what argues the restatement argues the heading.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::{ClaimKind, Relation};

pub const RULE: Rule = Rule {
    code: "unsupported-thesis",
    summary: "a thesis with no reason, example or evidence bearing on it",
    check,
};

const SUPPORT: &[Relation] = &[Relation::Supports, Relation::Exemplifies];

fn marked_support(v: &EssayView, i: usize) -> bool {
    v.into_of(i, SUPPORT).any(|k| !v.is_default(k))
}

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in (0..v.claims.len()).filter(|&i| v.is_thesis(i)) {
        let direct = marked_support(v, i);
        let through_scaffold = v
            .into_of(i, SUPPORT)
            .filter(|&k| v.is_default(k))
            .any(|k| marked_support(v, v.from(k)));
        let through_restatement = v
            .into_of(i, &[Relation::Restates])
            .any(|k| marked_support(v, v.from(k)));
        let major = v.claims[i].kind == ClaimKind::MajorClaim;
        if direct || ((through_scaffold || through_restatement) && !major) {
            continue;
        }
        let what = if major { "the thesis" } else { "section claim" };
        out.push(finding(
            v,
            RULE.code,
            if major { Severity::Warning } else { Severity::Note },
            i,
            format!("{what} {} has no marked reason or example behind it", quote(v, i)),
            "give a reason (因为…, 原因在于…) or an example (比如…) for it, or mark how the paragraphs below bear on it (因此, 可见…)",
            &[],
        ));
    }
    out
}
