//! evidence-free-section: a section whose claims hold no example and no
//! concrete evidence: no exemplifies edge, no named person, place or
//! organisation (jieba part-of-speech tags nr/nrt/nrfg/ns/nt), no Latin-script
//! name or code of two letters or more (Facebook, Q3), no number or date
//! (m/t words with digits, or numerals with a unit: 百亿, 六成, 2019年).
//! jieba's tags are a dictionary's, not a trained recogniser's: some common
//! words carry name tags (明白/nr, 深度/ns), so this rule misses some
//! evidence-free sections rather than flagging sections that have evidence.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use crate::nlp;

pub const RULE: Rule = Rule {
    code: "evidence-free-section",
    summary: "a section argued with no example or concrete evidence",
    check,
};

const NUMERAL_UNITS: &[char] = &[
    '亿', '万', '千', '百', '成', '%', '％', '倍', '年', '月', '日',
];

/// Common words the dictionary tags as names (明白/nr, 深度/ns).
const NOT_NAMES: &str = include_str!("not_names.txt");

/// Names (people, places, organisations, other proper nouns), numbers and dates.
pub fn has_concrete_evidence(text: &str) -> bool {
    nlp::jieba().tag(text, true).iter().any(|t| {
        let w = t.word;
        match t.tag {
            "nr" | "ns" | "nt" | "nrt" | "nrfg" => {
                w.chars().count() >= 2 && !nlp::lines(NOT_NAMES).any(|n| n == w)
            }
            "eng" => w.chars().count() >= 2,
            "m" | "t" => {
                w.chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                    || (w.chars().count() >= 2
                        && w.ends_with(NUMERAL_UNITS)
                        && w.chars().any(is_numeral))
            }
            _ => false,
        }
    })
}

fn is_numeral(c: char) -> bool {
    "零一二三四五六七八九十百千万亿两半几".contains(c) || c.is_ascii_digit()
}

fn check(v: &EssayView) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &v.essay.sections {
        let members: Vec<usize> = (0..v.claims.len())
            .filter(|&i| v.claims[i].section.as_deref() == Some(s.id.as_str()))
            .collect();
        let evidenced = members.iter().any(|&i| v.is_example(i) || v.evidence[i]);
        if evidenced || members.is_empty() {
            continue;
        }
        let head = members
            .iter()
            .copied()
            .find(|&i| v.claims[i].heading)
            .unwrap_or(members[0]);
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
