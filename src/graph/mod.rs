//! Graph stage: walks over the stored argument graph. Neighbourhoods are
//! loaded on demand through indexed queries, never the whole database; path
//! finding loads one essay (edges never cross essays) into petgraph.

use crate::error::Result;
use crate::model::{Claim, Edge, Relation};
use crate::store::Store;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One node of a printed argument tree.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    pub claim: Claim,
    /// The edge that led here from the parent (None at the root).
    pub edge: Option<Edge>,
    /// Seen already elsewhere in this tree: not expanded again.
    pub repeated: bool,
    /// On the path from the root to here: a cycle, not expanded.
    pub cycle: bool,
    /// Stopped by the depth limit while it still had children.
    pub truncated: bool,
    pub children: Vec<TreeNode>,
}

/// The argument below a claim (what bears on it, recursively), or with `up`
/// the chain above it (what it bears on). Each claim is expanded once;
/// later appearances are marked `repeated`, cycles `cycle`.
pub fn tree(
    store: &Store,
    root: &str,
    depth: usize,
    up: bool,
    relations: &[Relation],
) -> Result<TreeNode> {
    let claim = store.claim(root)?;
    let mut expanded = HashSet::new();
    let mut path = vec![root.to_owned()];
    build(
        store,
        claim,
        None,
        depth,
        up,
        relations,
        &mut expanded,
        &mut path,
    )
}

#[allow(clippy::too_many_arguments)]
fn build(
    store: &Store,
    claim: Claim,
    edge: Option<Edge>,
    depth: usize,
    up: bool,
    relations: &[Relation],
    expanded: &mut HashSet<String>,
    path: &mut Vec<String>,
) -> Result<TreeNode> {
    let mut node = TreeNode {
        claim,
        edge,
        repeated: false,
        cycle: false,
        truncated: false,
        children: Vec::new(),
    };
    if !expanded.insert(node.claim.id.clone()) {
        node.repeated = true;
        return Ok(node);
    }
    let next = if up {
        store.outgoing(&node.claim.id, relations)?
    } else {
        store.incoming(&node.claim.id, relations)?
    };
    if depth == 0 {
        node.truncated = !next.is_empty();
        return Ok(node);
    }
    for n in next {
        if path.contains(&n.claim.id) {
            node.children.push(TreeNode {
                claim: n.claim,
                edge: Some(n.edge),
                repeated: false,
                cycle: true,
                truncated: false,
                children: Vec::new(),
            });
            continue;
        }
        path.push(n.claim.id.clone());
        let child = build(
            store,
            n.claim,
            Some(n.edge),
            depth - 1,
            up,
            relations,
            expanded,
            path,
        )?;
        path.pop();
        node.children.push(child);
    }
    Ok(node)
}

/// One hop of a path: the edge and whether it was walked along its direction.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub edge: Edge,
    pub forward: bool,
    pub claim: Claim,
}

/// The shortest chain of relations from one claim to another, walking edges
/// in either direction (fewest hops; the same database always gives the same
/// path). None when the claims are not connected.
pub fn shortest_path(store: &Store, from: &str, to: &str) -> Result<Option<(Claim, Vec<Step>)>> {
    let start = store.claim(from)?;
    let goal = store.claim(to)?;
    if start.essay != goal.essay {
        return Ok(None);
    }
    let edges = store.essay_edges(&start.essay)?;
    let mut graph: UnGraph<String, usize> = UnGraph::new_undirected();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let mut node = |g: &mut UnGraph<String, usize>, id: &str| {
        *index
            .entry(id.to_owned())
            .or_insert_with(|| g.add_node(id.to_owned()))
    };
    let s = node(&mut graph, &start.id);
    let t = node(&mut graph, &goal.id);
    for (i, e) in edges.iter().enumerate() {
        let a = node(&mut graph, &e.from);
        let b = node(&mut graph, &e.to);
        graph.add_edge(a, b, i);
    }
    let found = petgraph::algo::astar(&graph, s, |n| n == t, |_| 1usize, |_| 0usize);
    let Some((_, nodes)) = found else {
        return Ok(None);
    };
    let mut steps = Vec::new();
    for pair in nodes.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let edge_ix = graph
            .find_edge(a, b)
            .expect("consecutive path nodes are adjacent");
        let edge = edges[graph[edge_ix]].clone();
        let forward = edge.from == graph[a];
        steps.push(Step {
            claim: store.claim(&graph[b])?,
            edge,
            forward,
        });
    }
    Ok(Some((start, steps)))
}
