//! Audit stage: a linter for argument structure. Each rule lives in its own
//! file under `rules/` and looks at one essay's graph ([`EssayView`]); this
//! module runs them, and computes the per-essay summary.
//! Rules are documented in docs/audit-rules.md.

pub mod grounded;
pub mod report;
pub mod rules;
pub mod view;
pub mod window;

use crate::error::Result;
use crate::model::{Claim, ClaimKind, Relation};
use crate::store::Store;
use serde::Serialize;
pub use view::EssayView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding: which rule, how serious, which claim, why, what to do.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub claim: String,
    pub message: String,
    pub hint: String,
    /// Other claims involved, in order (a cycle, an attack chain...).
    pub chain: Vec<String>,
}

/// A rule: its code, what it checks, and the check itself.
pub struct Rule {
    pub code: &'static str,
    pub summary: &'static str,
    pub check: fn(&EssayView) -> Vec<Finding>,
}

pub const RULES: &[Rule] = &[
    rules::unsupported_thesis::RULE,
    rules::circular_support::RULE,
    rules::hedged_foundation::RULE,
    rules::unanswered_objection::RULE,
    rules::restatement_as_support::RULE,
    rules::evidence_free_section::RULE,
    rules::disconnected_claim::RULE,
    rules::thesis_drift::RULE,
    rules::acceptability::RULE,
    rules::uncertain_thesis::RULE,
];

/// Per-essay figures printed after the findings.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub essay: String,
    pub title: Option<String>,
    pub document: String,
    pub claims: usize,
    pub relations: Vec<(Relation, usize)>,
    /// Claims that are examples or carry concrete evidence (names, numbers, dates).
    pub evidence_ratio: f64,
    pub hedge_ratio: f64,
    /// Longest chain of supports/exemplifies edges ending at the major claim.
    pub deepest_support_chain: usize,
    /// Major and section claims accepted under grounded semantics, of all of them.
    pub accepted_theses: usize,
    pub theses: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EssayAudit {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

pub fn audit_essay(v: &EssayView, allow: &[String]) -> EssayAudit {
    let mut findings: Vec<Finding> = RULES
        .iter()
        .filter(|r| !allow.iter().any(|a| a == r.code))
        .flat_map(|r| (r.check)(v))
        .collect();
    let ord = |id: &str| v.index.get(id).copied().unwrap_or(usize::MAX);
    findings.sort_by(|a, b| ord(&a.claim).cmp(&ord(&b.claim)).then(a.rule.cmp(b.rule)));
    EssayAudit {
        findings,
        summary: summarize(v),
    }
}

/// Audits every essay (or one), one at a time, handing each essay's view and
/// findings to `each` before loading the next: memory follows the largest
/// essay, not the database.
pub fn audit_each(
    store: &Store,
    essay: Option<&str>,
    allow: &[String],
    mut each: impl FnMut(&EssayView, &EssayAudit) -> Result<()>,
) -> Result<()> {
    let ids: Vec<String> = match essay {
        Some(e) => vec![e.to_owned()],
        None => store.essays()?.into_iter().map(|e| e.id).collect(),
    };
    for id in ids {
        let v = EssayView::load(store, &id)?;
        let a = audit_essay(&v, allow);
        each(&v, &a)?;
    }
    Ok(())
}

fn summarize(v: &EssayView) -> Summary {
    let n = v.claims.len();
    let relations = Relation::ALL
        .iter()
        .map(|r| (*r, v.edges.iter().filter(|e| e.relation == *r).count()))
        .collect();
    let evidence = (0..n).filter(|&i| v.is_example(i) || v.evidence[i]).count();
    let hedged = v.claims.iter().filter(|c| c.hedged).count();
    let labels = grounded::labels(v);
    let theses: Vec<usize> = (0..n).filter(|&i| v.is_thesis(i)).collect();
    let accepted = theses
        .iter()
        .filter(|&&i| labels[i] == grounded::Label::In)
        .count();
    let ratio = |k: usize| {
        if n == 0 {
            0.0
        } else {
            (k as f64 / n as f64 * 1000.0).round() / 1000.0
        }
    };
    Summary {
        essay: v.essay.id.clone(),
        title: v.essay.title.clone(),
        document: v.path.clone(),
        claims: n,
        relations,
        evidence_ratio: ratio(evidence),
        hedge_ratio: ratio(hedged),
        deepest_support_chain: v.major().map_or(0, |m| v.support_depth(m)),
        accepted_theses: accepted,
        theses: theses.len(),
    }
}

/// Claims that count as theses for acceptability and support checks: the
/// major claim, and a section heading that says what its section argues.
pub fn is_thesis_claim(c: &Claim) -> bool {
    c.kind == ClaimKind::MajorClaim || (c.heading && !names_a_part(c))
}

/// A section heading that only names a part of the essay (结语, 片断二):
/// no claim, and its section argues nothing of its own.
pub fn names_a_part(c: &Claim) -> bool {
    c.heading && crate::text::part_label::is_part_label(&c.text)
}

#[cfg(test)]
mod tests;
