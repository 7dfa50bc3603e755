//! uncertain-thesis: the major claim is a guess — the thesis ranker gave
//! it less than [`UNSURE_THESIS_CONFIDENCE`] of its weight among the
//! candidates. Such theses were right about two times in five on annotated
//! essays (cross-validated), so a reader should not take the graph's root
//! for the essay's position without checking it; and an essay whose
//! position no sentence states plainly (or a narrative, which argues none)
//! gives the ranker nothing clear to find.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::model::{percent_below, UNSURE_THESIS_CONFIDENCE};

pub const RULE: Rule = Rule {
    code: "uncertain-thesis",
    summary: "a thesis the tool only guessed at: other sentences may state the position",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let Some(major) = v.major() else {
        return Vec::new();
    };
    let Some(why) = v.claims[major].why.as_ref().filter(|w| w.unsure_thesis()) else {
        return Vec::new();
    };
    vec![finding(
        v,
        RULE.code,
        Severity::Note,
        major,
        format!(
            "the thesis {} is a guess ({} among the candidates, under {:.0}%): other sentences may state the essay's position",
            quote(v, major),
            percent_below(why.confidence),
            UNSURE_THESIS_CONFIDENCE * 100.0
        ),
        "check it against the runners-up (`argraph show` on this claim); a position stated once, plainly and early (我认为…, 我们应该…), is easier to find — a narrative states none",
        &[],
    )]
}
