//! Default (`default` rule) edges: where no marker speaks, a claim supports
//! its paragraph's main claim, a paragraph's main claim supports its section
//! heading, and a heading supports the major claim. Marker edges always win:
//! no default edge is added between two claims already related. Finally every
//! claim must reach the major claim by following its outgoing edges.

use super::{DraftEdge, EssayDraft};
use crate::model::Relation;

pub const RULE: &str = "default";

fn scaffold(from: usize, to: usize) -> DraftEdge {
    DraftEdge {
        from,
        to,
        relation: Relation::Supports,
        marker: None,
        rule: RULE.to_owned(),
    }
}

/// Where a claim hangs when nothing else connects it.
fn parent(d: &EssayDraft, claim: usize, major: usize) -> usize {
    let c = &d.claims[claim];
    let heading = c.section.and_then(|s| d.section_heads[s]);
    let main = c.paragraph.map(|p| d.paragraphs[p].main);
    match (main, heading) {
        (Some(m), _) if m != claim => m,
        (_, Some(h)) if h != claim => h,
        _ => major,
    }
}

pub fn connect(d: &mut EssayDraft) {
    let Some(major) = d.major else { return };
    for claim in 0..d.claims.len() {
        if claim != major && !d.has_outgoing(claim) {
            let to = parent(d, claim, major);
            d.add_edge(scaffold(claim, to));
        }
    }
    // Claims that cannot reach the major claim along outgoing edges (a cycle
    // of marker edges, or a parent already linked the other way) hang on the
    // section heading or the major claim directly.
    loop {
        let reach = reaches(d, major);
        let Some(lost) = (0..d.claims.len()).find(|&c| !reach[c]) else {
            break;
        };
        let heading = d.claims[lost].section.and_then(|s| d.section_heads[s]);
        let to = match heading {
            Some(h) if h != lost && reach[h] && !d.linked(lost, h) => h,
            _ => major,
        };
        if !d.add_edge(scaffold(lost, to)) {
            // Already linked to the major claim the other way: follow that edge's lead.
            d.edges.push(scaffold(lost, major));
        }
    }
}

/// For each claim: does following outgoing edges lead to `major`?
fn reaches(d: &EssayDraft, major: usize) -> Vec<bool> {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); d.claims.len()];
    for e in &d.edges {
        incoming[e.to].push(e.from);
    }
    let mut seen = vec![false; d.claims.len()];
    seen[major] = true;
    let mut stack = vec![major];
    while let Some(c) = stack.pop() {
        for &f in &incoming[c] {
            if !seen[f] {
                seen[f] = true;
                stack.push(f);
            }
        }
    }
    seen
}
