//! Default (`default` rule) edges: the last step, which makes sure every
//! claim is connected to the major claim (edges in either direction). After
//! the marker edges and the structural ones (structure.rs) almost every claim
//! already is; what is left (a cycle of marker edges cut off from the rest,
//! say) hangs on its section heading, or the major claim, directly.

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

pub fn connect(d: &mut EssayDraft) {
    let Some(major) = d.major else { return };
    // Claims still cut off from the major claim (a cycle of marker edges,
    // say) hang on their section heading, or the major claim, directly.
    // One pass: each new edge joins a whole cut-off component at once.
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); d.claims.len()];
    for e in &d.edges {
        adjacent[e.to].push(e.from);
        adjacent[e.from].push(e.to);
    }
    let mut reach = vec![false; d.claims.len()];
    mark(&adjacent, &mut reach, major);
    for lost in 0..d.claims.len() {
        if reach[lost] {
            continue;
        }
        let heading = d.arguable_heading(d.claims[lost].section);
        let to = match heading {
            Some(h) if reach[h] => h,
            _ => major,
        };
        // `lost` is not connected to `to`, so this edge is always new.
        let added = d.add_edge(scaffold(lost, to));
        debug_assert!(added);
        adjacent[lost].push(to);
        adjacent[to].push(lost);
        mark(&adjacent, &mut reach, lost);
    }
}

/// Marks everything joined to `start` (edges in either direction) as reached.
/// A consequence drawn from the thesis (于是…) hangs below it, not above.
fn mark(adjacent: &[Vec<usize>], reach: &mut [bool], start: usize) {
    reach[start] = true;
    let mut stack = vec![start];
    while let Some(c) = stack.pop() {
        for &f in &adjacent[c] {
            if !reach[f] {
                reach[f] = true;
                stack.push(f);
            }
        }
    }
}
