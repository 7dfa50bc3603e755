//! The JSON export: a contract other tools read (docs/formats.md).
//! Keys never change meaning; new keys may be added.

use crate::model::{ClaimKind, Relation, Role, RoleReason};
use crate::store::StoredGraph;
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    /// With `--with-text`: the stored text every span indexes.
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<DocumentOut<'a>>>,
    essays: Vec<EssayOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    path: &'a str,
    origin: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct EssayOut<'a> {
    id: &'a str,
    title: Option<&'a str>,
    document: &'a str,
    /// Files recorded as copies of the document (the same content under
    /// another path); absent when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    copies: &'a [String],
    span: [usize; 2],
    sections: Vec<SectionOut<'a>>,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    heading: Option<&'a str>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    essay: &'a str,
    section: Option<&'a str>,
    kind: ClaimKind,
    role: Role,
    text: &'a str,
    hedged: bool,
    stance: bool,
    heading: bool,
    paragraph: u32,
    span: [usize; 2],
    /// The model's probability for the role (for a thesis the ranker chose,
    /// its share among the candidates); absent for an imported map's claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    /// For a thesis the ranker chose: is it a guess (`thesis?`)?
    #[serde(skip_serializing_if = "Option::is_none")]
    unsure: Option<bool>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    from: &'a str,
    to: &'a str,
    relation: Relation,
    marker: Option<&'a str>,
    rule: &'a str,
}

/// The graph as JSON; with `texts` (`--with-text`), the documents' stored
/// texts too.
pub fn render(g: &StoredGraph, texts: Option<&[crate::store::DocumentText]>) -> String {
    let doc = Doc {
        documents: texts.map(|t| {
            t.iter()
                .map(|d| DocumentOut {
                    path: &d.path,
                    origin: &d.origin,
                    text: &d.text,
                })
                .collect()
        }),
        essays: g
            .essays
            .iter()
            .map(|(path, e)| EssayOut {
                id: &e.id,
                title: e.title.as_deref(),
                document: path,
                copies: g.copies.get(path).map_or(&[], Vec::as_slice),
                span: [e.span.start, e.span.end],
                sections: e
                    .sections
                    .iter()
                    .map(|s| SectionOut {
                        id: &s.id,
                        heading: s.heading.as_deref(),
                        span: [s.span.start, s.span.end],
                    })
                    .collect(),
            })
            .collect(),
        claims: g
            .claims
            .iter()
            .map(|c| ClaimOut {
                id: &c.id,
                essay: &c.essay,
                section: c.section.as_deref(),
                kind: c.kind,
                role: c.role,
                text: &c.text,
                hedged: c.hedged,
                stance: c.stance,
                heading: c.heading,
                paragraph: c.paragraph,
                span: [c.span.start, c.span.end],
                confidence: c.why.as_ref().map(|w| w.confidence),
                unsure: c.why.as_ref().and_then(RoleReason::thesis_guess),
            })
            .collect(),
        edges: g
            .edges
            .iter()
            .map(|e| EdgeOut {
                from: &e.from,
                to: &e.to,
                relation: e.relation,
                marker: e.marker.as_deref(),
                rule: &e.rule,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("export types serialize");
    s.push('\n');
    s
}
