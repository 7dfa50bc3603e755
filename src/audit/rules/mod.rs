//! One file per audit rule. Each exports `RULE` (code, summary, check).

pub mod acceptability;
pub mod circular_support;
pub mod disconnected_claim;
pub mod evidence_free_section;
pub mod hedged_foundation;
pub mod restatement_as_support;
pub mod thesis_drift;
pub mod unanswered_objection;
pub mod uncertain_thesis;
pub mod unsupported_thesis;

use super::{EssayView, Finding, Severity};

pub(crate) fn finding(
    v: &EssayView,
    rule: &'static str,
    severity: Severity,
    claim: usize,
    message: String,
    hint: &str,
    chain: &[usize],
) -> Finding {
    Finding {
        rule,
        severity,
        claim: v.claims[claim].id.clone(),
        message,
        hint: hint.to_owned(),
        chain: chain.iter().map(|&i| v.claims[i].id.clone()).collect(),
    }
}

/// A claim's text, shortened for messages.
pub(crate) fn quote(v: &EssayView, i: usize) -> String {
    let t = &v.claims[i].text;
    let short: String = t.chars().take(18).collect();
    if short.len() < t.len() {
        format!("「{short}…」")
    } else {
        format!("「{short}」")
    }
}
