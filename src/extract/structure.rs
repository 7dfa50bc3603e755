//! Relations from the essay's structure, once every sentence has a role.
//!
//! Every sentence but the thesis gets one edge from its role, whatever
//! marker edges it also has (a marker relates neighbouring sentences; the
//! role says where the sentence stands in the argument), unless that edge
//! would close a cycle. The role decides the target: a main idea supports
//! the thesis, or its section's heading where it has one (a paragraph's
//! closing main idea restates its opening one, a further one inside the
//! paragraph elaborates it); evidence and elaboration
//! attach to their paragraph's main idea — or, in a paragraph without one,
//! to the main idea the earlier body paragraphs were arguing, or the
//! thesis; a conclusion restates the thesis; introduction and other
//! material hang on the thesis as background (`elaborates`). The edge runs
//! from the sentence's main claim (its longest). Its type comes from the
//! role (evidence `exemplifies`; elaboration `elaborates` a main idea stated
//! before it and `supports` one it leads up to), or from the
//! sentence's opening marker where one speaks (比如 → exemplifies,
//! 换句话说 → restates, 因为 → supports, 具体来说 → elaborates). A sentence
//! that reports a view the author answers (有人认为…, 诚然…) attacks its
//! target instead.

use super::lexicon::{Family, LEXICON};
use super::roles::Decision;
use super::{DraftEdge, EssayDraft};
use crate::model::{Relation, Role};

/// Rule name of the edges this step adds, followed by the role (`structure:evidence`).
pub const RULE: &str = "structure";

pub fn connect(d: &mut EssayDraft, decision: &Decision) {
    let Some(thesis_sentence) = decision.thesis else {
        return;
    };
    let Some(major) = d.major else { return };
    let units = &decision.units;
    let roles = &decision.roles;
    let n = units.len();
    let thesis_block = units[thesis_sentence].block;
    // The main idea in force at each sentence: the paragraph's own (the
    // nearest before, else its first), else the last one of the body
    // paragraphs before it.
    let mut first_main_of_block: Vec<Option<usize>> = vec![None; n.max(1)];
    for s in 0..n {
        let b = units[s].block;
        if roles[s] == Role::MainIdea && first_main_of_block[b].is_none() {
            first_main_of_block[b] = Some(s);
        }
    }
    // Outgoing edges, kept up to date, so no structural edge closes a cycle.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); d.claims.len()];
    for e in &d.edges {
        out[e.from].push(e.to);
    }
    let mut carried: Option<usize> = None;
    let mut last_block = usize::MAX;
    let mut in_block: Option<usize> = None;
    for s in 0..n {
        let b = units[s].block;
        if b != last_block {
            if let Some(m) = in_block {
                carried = Some(m);
            }
            in_block = None;
            last_block = b;
        }
        let role = roles[s];
        if matches!(role, Role::Conclusion) || b <= thesis_block {
            carried = None;
        }
        if s == thesis_sentence {
            continue;
        }
        let head = d.main_claim(s);
        let opener_family = d.sentences[s].opener.map(|m| LEXICON.markers[m].family);
        let (target, relation) = match role {
            Role::Thesis => (major, Relation::Restates),
            Role::MainIdea => match (in_block, section_heading(d, head)) {
                // A paragraph's closing main idea sums up its opening one; one
                // inside the paragraph carries the point further.
                (Some(m), _) if s + 1 == n || units[s + 1].block != b => {
                    (d.main_claim(m), Relation::Restates)
                }
                (Some(m), _) => (d.main_claim(m), Relation::Elaborates),
                // Under a section heading, a paragraph's main idea argues the heading.
                (None, Some(h)) if h != head => (h, Relation::Supports),
                (None, _) => (major, Relation::Supports),
            },
            Role::Evidence | Role::Elaboration => {
                let anchor = in_block
                    .or(first_main_of_block[b].filter(|_| b > thesis_block))
                    .or(carried);
                let target = anchor.map_or(major, |m| d.main_claim(m));
                // Reasoning after the point it argues spells that point out;
                // reasoning that leads up to a point supports it.
                let relation = match (role, anchor) {
                    (Role::Evidence, _) => Relation::Exemplifies,
                    (_, Some(m)) if m < s => Relation::Elaborates,
                    _ => Relation::Supports,
                };
                (target, relation)
            }
            Role::Conclusion => (major, Relation::Restates),
            Role::Introduction | Role::Other => (major, Relation::Elaborates),
        };
        if role == Role::MainIdea && in_block.is_none() {
            in_block = Some(s);
        }
        if target == head || d.linked(head, target) || reaches(&out, target, head) {
            continue;
        }
        let relation = match opener_family {
            Some(Family::Example) if role != Role::MainIdea => Relation::Exemplifies,
            Some(Family::Restate) => Relation::Restates,
            Some(Family::Elaborate) => Relation::Elaborates,
            Some(Family::Reason) => Relation::Supports,
            _ => relation,
        };
        let reports_a_view = d.claims[d.sentences[s].claims.clone()]
            .iter()
            .any(|c| c.reported);
        let relation = if reports_a_view {
            Relation::Attacks
        } else {
            relation
        };
        out[head].push(target);
        d.add_edge(DraftEdge {
            from: head,
            to: target,
            relation,
            marker: None,
            rule: format!("{RULE}:{}", role.as_str()),
        });
    }
}

/// Most claims a cycle check visits: cycles among marker edges are local,
/// and the bound keeps the step linear on essays of any size. Past it the
/// edge is left out (the scaffold still connects the claim).
pub const CYCLE_CHECK_LIMIT: usize = 256;

/// Can `to` be reached from `from` along outgoing edges?
fn reaches(out: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![from];
    while let Some(c) = stack.pop() {
        if c == to || seen.len() > CYCLE_CHECK_LIMIT {
            return true;
        }
        if seen.insert(c) {
            stack.extend(out[c].iter().copied());
        }
    }
    false
}

/// The heading claim of the section `claim` stands in, if it has one.
fn section_heading(d: &EssayDraft, claim: usize) -> Option<usize> {
    d.claims[claim].section.and_then(|s| d.section_heads[s])
}
