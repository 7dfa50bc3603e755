//! thesis-drift: a section claim that shares little key vocabulary (jieba
//! content words) with the major claim and the essay's title: a sign the
//! section argues something else.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::nlp;
use crate::text::script::simplified;

pub const RULE: Rule = Rule {
    code: "thesis-drift",
    summary: "a section claim that shares little vocabulary with the thesis",
    check,
};

/// Below this share of its content words found in the thesis, a heading drifts.
pub const MIN_SHARED: f64 = 0.25;
/// Fewest content words a heading needs to be compared at all: a share of
/// one word is all or nothing, and one-word headings are mostly labels of a
/// narrative's parts (尾声, 镜头1, 片断一, 后记), not claims.
pub const MIN_WORDS: usize = 2;

fn check(v: &EssayView) -> Vec<Finding> {
    let Some(major) = v.major() else {
        return Vec::new();
    };
    // Cut in simplified characters, as the dictionary is written.
    let thesis = simplified(&format!(
        "{} {}",
        v.essay.title.as_deref().unwrap_or(""),
        v.claims[major].text
    ));
    let thesis_words = nlp::content_words(&thesis);
    let mut out = Vec::new();
    for i in (0..v.claims.len()).filter(|&i| v.claims[i].heading) {
        // An epigraph's credit line (──题记) heads nothing.
        if crate::text::layout::is_attribution(&v.claims[i].text) {
            continue;
        }
        let text = simplified(&v.claims[i].text);
        let words = nlp::content_words(&text);
        if words.len() < MIN_WORDS {
            continue;
        }
        let shared = words.iter().filter(|w| thesis_words.contains(w)).count();
        let share = shared as f64 / words.len() as f64;
        if share >= MIN_SHARED {
            continue;
        }
        out.push(finding(
            v,
            RULE.code,
            Severity::Warning,
            i,
            format!(
                "section claim {} shares {:.0}% of its key words with the thesis {}",
                quote(v, i),
                share * 100.0,
                quote(v, major)
            ),
            "say how this section serves the thesis, or reconsider whether it belongs in this essay",
            &[major],
        ));
    }
    out
}
