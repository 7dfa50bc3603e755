//! evidence-free-section: a section whose claims hold no example and no
//! concrete evidence: no exemplifies edge, no named person, place or
//! organisation, Latin-script name, number or date (`extract::evidence`,
//! decided at ingest and stored with each claim). jieba's tags are a
//! dictionary's, not a trained recogniser's, so this rule misses some
//! evidence-free sections rather than flagging sections that have evidence.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "evidence-free-section",
    summary: "a section argued with no example or concrete evidence",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    // Claims by section, gathered once: a scan of every claim per section
    // was quadratic (80,000 one-line sections took over a minute).
    let mut by_section: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, c) in v.claims.iter().enumerate() {
        if let Some(s) = c.section.as_deref() {
            by_section.entry(s).or_default().push(i);
        }
    }
    for s in &v.essay.sections {
        let members: &[usize] = by_section.get(s.id.as_str()).map_or(&[], Vec::as_slice);
        let evidenced = members.iter().any(|&i| v.is_example(i) || v.evidence[i]);
        if evidenced || members.is_empty() {
            continue;
        }
        let head = members
            .iter()
            .copied()
            .find(|&i| v.claims[i].heading)
            .unwrap_or(members[0]);
        // A part named only (结语, 片断二) is no section that argues.
        if crate::audit::names_a_part(&v.claims[head]) {
            continue;
        }
        out.push(finding(
            v,
            RULE.code,
            Severity::Note,
            head,
            format!(
                "section {} ({} claims) gives no example and no concrete evidence",
                quote(v, head),
                members.len()
            ),
            "add an example (比如…), a case, a name, a figure or a date that the section's claims can rest on",
            &[],
        ));
    }
    out
}
