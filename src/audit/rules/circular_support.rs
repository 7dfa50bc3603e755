//! circular-support: claims that support each other in a circle, found as
//! strongly connected components of the supports/exemplifies subgraph
//! (petgraph's iterative Kosaraju: Tarjan's recursion overflows the stack on
//! large graphs). Reported once per cycle, with the chain.

use super::{finding, quote};
use crate::audit::{EssayView, Finding, Rule, Severity};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashSet, VecDeque};

pub const RULE: Rule = Rule {
    code: "circular-support",
    summary: "claims that support each other in a circle",
    check,
};

fn check(v: &EssayView) -> Vec<Finding> {
    let n = v.claims.len();
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, v.edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for k in (0..v.edges.len()).filter(|&k| v.is_support(k)) {
        g.add_edge(NodeIndex::new(v.from(k)), NodeIndex::new(v.to(k)), ());
    }
    let mut out = Vec::new();
    let mut components = petgraph::algo::kosaraju_scc(&g);
    for c in components.iter_mut() {
        c.sort();
    }
    components.sort();
    for comp in components.into_iter().filter(|c| c.len() > 1) {
        let members: HashSet<NodeIndex> = comp.iter().copied().collect();
        let start = comp[0];
        let cycle = cycle_through(&g, start, &members);
        let names: Vec<String> = cycle.iter().map(|&i| quote(v, i)).collect();
        out.push(finding(
            v,
            RULE.code,
            Severity::Error,
            start.index(),
            format!("circular support: {} → {}", names.join(" → "), names[0]),
            "one of these claims must rest on something outside the circle; break the loop or add independent support",
            &cycle,
        ));
    }
    out
}

/// The shortest cycle from `start` back to itself inside the component.
fn cycle_through(
    g: &DiGraph<(), ()>,
    start: NodeIndex,
    members: &HashSet<NodeIndex>,
) -> Vec<usize> {
    let mut parent = vec![usize::MAX; g.node_count()];
    let mut queue = VecDeque::from([start]);
    while let Some(x) = queue.pop_front() {
        for y in g.neighbors(x) {
            if !members.contains(&y) {
                continue;
            }
            if y == start {
                let mut path = vec![x.index()];
                let mut cur = x.index();
                while cur != start.index() {
                    cur = parent[cur];
                    path.push(cur);
                }
                path.reverse();
                return path;
            }
            if parent[y.index()] == usize::MAX {
                parent[y.index()] = x.index();
                queue.push_back(y);
            }
        }
    }
    vec![start.index()]
}
