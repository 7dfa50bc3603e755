//! Extract stage: a document's layout → claims, typed relations and key terms.
//!
//! The steps, each in its own file, are described in docs/extraction.md:
//! `claims` (sentences → claims, split at licensed clause markers; hedges and
//! stance), `relations` (discourse markers → edges), `thesis` (which claim is
//! the major claim), `scaffold` (default edges so every claim is connected),
//! `terms` (TF-IDF key terms).

pub mod claims;
pub mod lexicon;
pub mod relations;
pub mod scaffold;
pub mod terms;
pub mod thesis;

use crate::model::{Claim, ClaimKind, Edge, Essay, Extraction, Relation, Section, Span};
use crate::text::{CharIndex, Document, Layout};

/// A claim while its essay is being analysed. Indices point into the
/// essay's `EssayDraft` vectors.
#[derive(Debug, Clone)]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
    pub paragraph: Option<usize>,
    pub section: Option<usize>,
    pub heading: bool,
    pub hedged: bool,
    pub stance: bool,
    /// Opens with a conclusion marker that suggests a thesis (可见, 因此...).
    pub thesis_marker: bool,
}

#[derive(Debug, Clone)]
pub struct SentenceInfo {
    pub claims: std::ops::Range<usize>,
    /// The claim the rest of the sentence bears on.
    pub head: usize,
    pub paragraph: Option<usize>,
    /// The sentence-initial marker, if any: index into the lexicon's markers.
    pub opener: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ParagraphInfo {
    pub section: Option<usize>,
    pub sentences: std::ops::Range<usize>,
    /// The claim that stands for the paragraph when another paragraph refers to it.
    pub main: usize,
}

#[derive(Debug, Clone)]
pub struct DraftEdge {
    pub from: usize,
    pub to: usize,
    pub relation: Relation,
    pub marker: Option<String>,
    pub rule: String,
}

#[derive(Debug, Clone, Default)]
pub struct EssayDraft {
    pub title: Option<String>,
    pub claims: Vec<Draft>,
    pub sentences: Vec<SentenceInfo>,
    pub paragraphs: Vec<ParagraphInfo>,
    /// Heading claim of each section, if it has one.
    pub section_heads: Vec<Option<usize>>,
    pub edges: Vec<DraftEdge>,
    pub major: Option<usize>,
}

impl EssayDraft {
    /// Adds an edge unless it would loop or repeat an edge between the same two claims.
    pub fn add_edge(&mut self, edge: DraftEdge) -> bool {
        if edge.from == edge.to || self.linked(edge.from, edge.to) {
            return false;
        }
        self.edges.push(edge);
        true
    }

    pub fn linked(&self, a: usize, b: usize) -> bool {
        self.edges
            .iter()
            .any(|e| (e.from == a && e.to == b) || (e.from == b && e.to == a))
    }

    pub fn has_outgoing(&self, claim: usize) -> bool {
        self.edges.iter().any(|e| e.from == claim)
    }
}

/// Runs every extraction step over one document.
pub fn extract(doc: &Document, layout: &Layout) -> Extraction {
    let mut out = Extraction::default();
    let mut chars = CharIndex::new(&doc.text);
    for (essay_ord, essay_layout) in layout.essays.iter().enumerate() {
        let mut draft = claims::build(&doc.text, essay_layout);
        relations::link(&mut draft);
        draft.major = thesis::choose(&draft);
        scaffold::connect(&mut draft);
        emit(doc, essay_ord, essay_layout, &draft, &mut chars, &mut out);
    }
    out.terms = terms::extract(&out.claims);
    out
}

fn short_id(doc_hash: &str, what: &str, a: usize, b: usize) -> String {
    let h = blake3::hash(format!("{doc_hash}:{what}:{a}:{b}").as_bytes());
    h.to_hex()[..16].to_owned()
}

fn emit(
    doc: &Document,
    essay_ord: usize,
    layout: &crate::text::EssayLayout,
    draft: &EssayDraft,
    chars: &mut CharIndex,
    out: &mut Extraction,
) {
    let essay_id = short_id(&doc.hash, "essay", essay_ord, 0);
    let byte_start = layout
        .title
        .as_ref()
        .map(|t| t.start)
        .or_else(|| draft.claims.first().map(|c| c.start))
        .unwrap_or(0);
    let byte_end = draft.claims.last().map_or(byte_start, |c| c.end);
    // Byte spans of the sections with a heading, in order.
    let mut section_bytes: Vec<(usize, usize, usize)> = Vec::new();
    for (i, s) in layout.sections.iter().enumerate() {
        if let Some(h) = &s.heading {
            let end = draft
                .claims
                .iter()
                .filter(|c| c.section == Some(i))
                .map(|c| c.end)
                .max()
                .unwrap_or(h.end);
            section_bytes.push((i, h.start, end));
        }
    }

    // Char offsets are asked for in ascending order, so the index walks the text once.
    let mut essay = Essay {
        id: essay_id.clone(),
        ord: essay_ord as u32,
        title: layout.title.as_ref().map(|t| t.text.clone()),
        span: Span {
            start: chars.chars_at(byte_start),
            end: 0,
        },
        sections: Vec::new(),
    };
    let mut section_ids: Vec<Option<String>> = vec![None; layout.sections.len()];
    let mut claim_ids = Vec::with_capacity(draft.claims.len());
    let mut pending_sections = section_bytes.iter().peekable();
    for (ord, c) in draft.claims.iter().enumerate() {
        while let Some(&&(i, s, e)) = pending_sections.peek() {
            if s > c.start {
                break;
            }
            pending_sections.next();
            let id = short_id(&doc.hash, "section", essay_ord, i);
            let heading = layout.sections[i]
                .heading
                .as_ref()
                .map(|h| h.text.trim_end_matches(['。', '！', '.', '!']).to_owned());
            let start = chars.chars_at(s);
            let mut ahead = CharIndex::new(&doc.text);
            essay.sections.push(Section {
                id: id.clone(),
                ord: essay.sections.len() as u32,
                heading,
                span: Span {
                    start,
                    end: ahead.chars_at(e),
                },
            });
            section_ids[i] = Some(id);
        }
        let span = Span {
            start: chars.chars_at(c.start),
            end: chars.chars_at(c.end),
        };
        let id = short_id(&doc.hash, "claim", span.start, span.end);
        claim_ids.push(id.clone());
        let kind = if draft.major == Some(ord) {
            ClaimKind::MajorClaim
        } else if c.heading || c.stance || c.thesis_marker && draft.paragraph_opener(ord) {
            ClaimKind::Claim
        } else {
            ClaimKind::Premise
        };
        out.claims.push(Claim {
            id,
            essay: essay_id.clone(),
            section: c.section.and_then(|s| section_ids[s].clone()),
            ord: ord as u32,
            paragraph: c.paragraph.map_or(0, |p| p as u32),
            kind,
            text: c.text.clone(),
            span,
            hedged: c.hedged,
            stance: c.stance,
            heading: c.heading,
        });
    }
    essay.span.end = chars.chars_at(byte_end);
    out.essays.push(essay);

    let mut edges: Vec<Edge> = draft
        .edges
        .iter()
        .map(|e| Edge {
            from: claim_ids[e.from].clone(),
            to: claim_ids[e.to].clone(),
            relation: e.relation,
            marker: e.marker.clone(),
            rule: e.rule.clone(),
        })
        .collect();
    // Reading order of the source claim, then of the target: stable and readable.
    let order: std::collections::HashMap<&str, usize> = claim_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    edges.sort_by_key(|e| (order[e.from.as_str()], order[e.to.as_str()], e.relation));
    out.edges.extend(edges);
}

impl EssayDraft {
    /// The claim opens its paragraph (first claim of the paragraph's first sentence).
    pub fn paragraph_opener(&self, claim: usize) -> bool {
        let c = &self.claims[claim];
        match c.paragraph {
            Some(p) => {
                let first_sentence = self.paragraphs[p].sentences.start;
                self.sentences[first_sentence].claims.start == claim
            }
            None => false,
        }
    }
}
