//! One essay's graph with adjacency lists, as every rule sees it.

use crate::error::Result;
use crate::model::{Claim, ClaimKind, Edge, Essay, Relation};
use crate::store::Store;
use std::collections::{HashMap, VecDeque};

pub struct EssayView {
    pub path: String,
    /// Where the document's text came from (`file`, `stdin`, `aif`,
    /// `argdown`): an imported map's text is argraph's layout of its
    /// claims, so its lines are nobody's file's lines.
    pub origin: String,
    pub text: String,
    pub essay: Essay,
    pub claims: Vec<Claim>,
    pub edges: Vec<Edge>,
    pub index: HashMap<String, usize>,
    /// Edge indices into and out of each claim.
    pub incoming: Vec<Vec<usize>>,
    pub outgoing: Vec<Vec<usize>>,
    /// Each claim holds a name, number or date (tagged once, used by the
    /// evidence rule and the summary).
    pub evidence: Vec<bool>,
    /// Line starts of `text`, so a finding's line and column is a binary
    /// search, not a walk from the top (an essay of 80,000 lines made that
    /// quadratic).
    lines: crate::text::LineIndex,
}

impl EssayView {
    pub fn load(store: &Store, essay: &str) -> Result<EssayView> {
        let g = store.graph(Some(essay))?;
        let (text, origin) = store
            .document_texts(&g)?
            .into_iter()
            .next()
            .map(|d| (d.text, d.origin))
            .unwrap_or_default();
        let (path, essay) = g
            .essays
            .into_iter()
            .next()
            .expect("graph of an existing essay");
        Ok(EssayView::new(path, origin, text, essay, g.claims, g.edges))
    }

    pub fn new(
        path: String,
        origin: String,
        text: String,
        essay: Essay,
        claims: Vec<Claim>,
        edges: Vec<Edge>,
    ) -> EssayView {
        let index: HashMap<String, usize> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut incoming = vec![Vec::new(); claims.len()];
        let mut outgoing = vec![Vec::new(); claims.len()];
        for (k, e) in edges.iter().enumerate() {
            if let (Some(&f), Some(&t)) = (index.get(&e.from), index.get(&e.to)) {
                outgoing[f].push(k);
                incoming[t].push(k);
            }
        }
        let evidence = claims
            .iter()
            .map(|c| {
                c.evidence
                    .unwrap_or_else(|| crate::extract::evidence::in_text(&c.text))
            })
            .collect();
        EssayView {
            lines: crate::text::LineIndex::new(&text),
            path,
            origin,
            text,
            essay,
            claims,
            edges,
            index,
            incoming,
            outgoing,
            evidence,
        }
    }

    pub fn from(&self, edge: usize) -> usize {
        self.index[&self.edges[edge].from]
    }

    pub fn to(&self, edge: usize) -> usize {
        self.index[&self.edges[edge].to]
    }

    pub fn major(&self) -> Option<usize> {
        self.claims
            .iter()
            .position(|c| c.kind == ClaimKind::MajorClaim)
    }

    /// The major claim, or a section heading that says what its section
    /// argues (not one that only names a part: 结语, 片断二).
    pub fn is_thesis(&self, i: usize) -> bool {
        super::is_thesis_claim(&self.claims[i])
    }

    pub fn is_default(&self, edge: usize) -> bool {
        self.edges[edge].rule == crate::extract::scaffold::RULE
    }

    pub fn is_support(&self, edge: usize) -> bool {
        matches!(
            self.edges[edge].relation,
            Relation::Supports | Relation::Exemplifies
        )
    }

    /// Edges into `i` of the given relations.
    pub fn into_of<'a>(
        &'a self,
        i: usize,
        rels: &'a [Relation],
    ) -> impl Iterator<Item = usize> + 'a {
        self.incoming[i]
            .iter()
            .copied()
            .filter(move |&k| rels.contains(&self.edges[k].relation))
    }

    pub fn is_example(&self, i: usize) -> bool {
        self.outgoing[i]
            .iter()
            .any(|&k| self.edges[k].relation == Relation::Exemplifies)
    }

    /// Most supports/exemplifies steps on any chain from a claim down to
    /// `root`: the longest chain, not the farthest claim's shortest route
    /// (a claim that also supports the thesis directly still heads a deep
    /// chain through its other support). Where those edges close a cycle
    /// (an imported map may), no chain is longest: the breadth-first levels
    /// are given instead.
    pub fn support_depth(&self, root: usize) -> usize {
        const RELS: [Relation; 2] = [Relation::Supports, Relation::Exemplifies];
        // The claims that reach `root`, by breadth-first levels.
        let mut level = vec![usize::MAX; self.claims.len()];
        level[root] = 0;
        let mut queue = VecDeque::from([root]);
        let mut reached = vec![root];
        while let Some(c) = queue.pop_front() {
            for k in self.into_of(c, &RELS) {
                let f = self.from(k);
                if level[f] == usize::MAX {
                    level[f] = level[c] + 1;
                    reached.push(f);
                    queue.push_back(f);
                }
            }
        }
        let levels = reached.iter().map(|&c| level[c]).max().unwrap_or(0);
        // Longest chains, in an order where a claim comes after everything
        // it bears on: each claim waits for all its edges into the reached
        // claims to be counted.
        let mut waiting = vec![0usize; self.claims.len()];
        for &f in &reached {
            waiting[f] = self.outgoing[f]
                .iter()
                .filter(|&&k| RELS.contains(&self.edges[k].relation))
                .filter(|&&k| level[self.to(k)] != usize::MAX)
                .count();
        }
        if waiting[root] > 0 {
            return levels;
        }
        let mut longest = vec![0usize; self.claims.len()];
        let mut ready = vec![root];
        let mut done = 0;
        while let Some(c) = ready.pop() {
            done += 1;
            for k in self.into_of(c, &RELS) {
                let f = self.from(k);
                longest[f] = longest[f].max(longest[c] + 1);
                waiting[f] -= 1;
                if waiting[f] == 0 {
                    ready.push(f);
                }
            }
        }
        if done < reached.len() {
            return levels;
        }
        reached.iter().map(|&c| longest[c]).max().unwrap_or(0)
    }

    /// Line starts of the document's text.
    pub fn lines(&self) -> &crate::text::LineIndex {
        &self.lines
    }

    /// Is the document an imported map (its stored text argraph's own)?
    pub fn imported(&self) -> bool {
        crate::text::is_imported_origin(&self.origin)
    }

    /// 1-based line and column of a claim in the document.
    pub fn line_col(&self, i: usize) -> (usize, usize) {
        self.lines.line_col(self.claims[i].span.start)
    }
}
