//! What the page script reads: each essay's claims (with what `show` prints
//! about them), edges and findings, and how relations read. Typed and
//! borrowed, serialised straight into the page: built as a `serde_json`
//! value tree, a 200,000-claim essay took 3.4 GB to write.

use super::role_label;
use super::EssayReport;
use crate::model::{short_id, Claim, Edge, Relation, Role};
use serde::Serialize;
use serde_json::Map;

#[derive(Serialize)]
pub struct PageData<'a> {
    /// Relation → how it reads from each end.
    relations: Map<String, serde_json::Value>,
    roles: Map<String, serde_json::Value>,
    essays: Vec<EssayData<'a>>,
}

#[derive(Serialize)]
struct EssayData<'a> {
    id: &'a str,
    claims: Vec<ClaimData<'a>>,
    edges: Vec<EdgeData<'a>>,
    findings: &'a [crate::audit::Finding],
}

#[derive(Serialize)]
struct ClaimData<'a> {
    id: &'a str,
    short: &'a str,
    role: &'static str,
    kind: String,
    text: &'a str,
    hedged: bool,
    stance: bool,
    location: String,
    why: Option<WhyData<'a>>,
}

#[derive(Serialize)]
struct WhyData<'a> {
    confidence: f64,
    /// (feature, weight, what the feature means)
    features: Vec<(&'a str, f64, &'static str)>,
    score: Option<f64>,
    rule: Option<&'a str>,
    runners_up: Vec<RunnerUp<'a>>,
    doubt: Option<String>,
}

/// A thesis's runner-up: (claim id, score, its weightiest features in the
/// ranker as (feature, value × weight)), an array in the page's data.
type RunnerUp<'a> = (&'a str, f64, &'a [(String, f64)]);

#[derive(Serialize)]
struct EdgeData<'a> {
    from: &'a str,
    to: &'a str,
    relation: Relation,
    marker: Option<&'a str>,
    rule: &'a str,
}

pub fn of(reports: &[EssayReport]) -> PageData<'_> {
    let relations = Relation::ALL
        .iter()
        .map(|r| {
            (
                r.to_string(),
                serde_json::json!([r.reads_as(true), r.reads_as(false)]),
            )
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), serde_json::json!(role_label(*r))))
        .collect();
    PageData {
        relations,
        roles,
        essays: reports.iter().map(essay).collect(),
    }
}

fn essay(r: &EssayReport) -> EssayData<'_> {
    let v = &r.view;
    let lines = crate::text::LineIndex::new(&v.text);
    let claims = v
        .claims
        .iter()
        .map(|c| {
            let (line, col) = lines.line_col(c.span.start);
            ClaimData {
                id: &c.id,
                short: short_id(&c.id),
                role: c.role.as_str(),
                kind: c.kind.to_string(),
                text: &c.text,
                hedged: c.hedged,
                stance: c.stance,
                location: crate::text::place(&v.path, &v.origin, Some((line, col))),
                why: why(c, &v.claims),
            }
        })
        .collect();
    EssayData {
        id: &v.essay.id,
        claims,
        edges: v.edges.iter().map(edge).collect(),
        findings: &r.audit.findings,
    }
}

fn why<'a>(c: &'a Claim, claims: &'a [Claim]) -> Option<WhyData<'a>> {
    let w = c.why.as_ref()?;
    Some(WhyData {
        confidence: w.confidence,
        // With the unlisted features' share, so the rows add up to a
        // thesis's score, as `show` prints them.
        features: w
            .features
            .iter()
            .map(|(f, weight)| (f.as_str(), *weight, crate::extract::features::about(f)))
            .chain(w.unlisted_share().map(|rest| {
                let (code, about) = crate::model::UNLISTED_FEATURES;
                (code, rest, about)
            }))
            .collect(),
        score: w.score,
        rule: w.rule.as_deref(),
        runners_up: w
            .runners_up
            .iter()
            .enumerate()
            .filter_map(|(n, (ord, score))| {
                let features = w.runners_up_features.get(n).map_or(&[][..], Vec::as_slice);
                claims
                    .iter()
                    .find(|o| o.ord == *ord)
                    .map(|o| (o.id.as_str(), *score, features))
            })
            .collect(),
        doubt: w.doubt_note(),
    })
}

fn edge(e: &Edge) -> EdgeData<'_> {
    EdgeData {
        from: &e.from,
        to: &e.to,
        relation: e.relation,
        marker: e.marker.as_deref(),
        rule: &e.rule,
    }
}
