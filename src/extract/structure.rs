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
//! thesis; a conclusion restates the thesis (one inside the closing
//! paragraph, neither its first nor its last sentence, elaborates it);
//! introduction and other
//! material hang on the thesis as background (`elaborates`). The edge runs
//! from the sentence's main claim (its longest). Its type comes from the
//! role (evidence `exemplifies`; elaboration `elaborates` a main idea stated
//! before it and `supports` one it leads up to, and a quotation
//! `supports` either way), or from the
//! sentence's opening marker where one speaks (比如 → exemplifies,
//! 换句话说 → restates, 因为 → supports, 具体来说 → elaborates). A sentence
//! that reports a view the author answers (有人认为…, 诚然…) attacks its
//! target instead.

use super::features::{self, F};
use super::lexicon::{Family, LEXICON};
use super::roles::Decision;
use super::{DraftEdge, EssayDraft};
use crate::model::{Relation, Role};

/// Rule name of the edges this step adds, followed by the role (`structure:evidence`).
pub const RULE: &str = "structure";

/// Share of a heading's character bigrams a main idea under it repeats to
/// count as saying the heading again…
pub const HEADING_RESTATED: f32 = 0.6;
/// …when it is at most this many times as long: a longer one that reuses
/// the heading's words argues it (当元宇宙时代来临……最终让产业互联网不再仅仅只是一种假想).
pub const RESTATEMENT_LENGTH_RATIO: usize = 2;

/// Whether `sentence` says `heading` again rather than arguing it.
fn says_again(heading: &str, sentence: &str) -> bool {
    let (h, s) = (features::bigrams(heading), features::bigrams(sentence));
    let repeated = h.iter().filter(|b| s.contains(b)).count();
    !h.is_empty()
        && s.len() <= RESTATEMENT_LENGTH_RATIO * h.len()
        && repeated as f32 >= HEADING_RESTATED * h.len() as f32
}

/// For an edge rule this step wrote (`structure:evidence`), the role after
/// its prefix (`evidence`); None for any other rule.
pub fn role_of_rule(rule: &str) -> Option<&str> {
    rule.strip_prefix(RULE)?.strip_prefix(':')
}

pub fn connect(d: &mut EssayDraft, decision: &Decision) {
    let Some(thesis_sentence) = decision.thesis else {
        return;
    };
    let Some(major) = d.major else { return };
    let units = &decision.units;
    let roles = &decision.roles;
    let n = units.len();
    let thesis_block = units[thesis_sentence].block;
    // A view the author reports (有人认为…) is no point for the paragraph's
    // reasoning to argue, though the model may take it for a main idea: the
    // author's answer to it is.
    let anchors: Vec<bool> = (0..n)
        .map(|s| roles[s] == Role::MainIdea && !d.claims[d.main_claim(s)].reported)
        .collect();
    // The main idea in force at each sentence: the paragraph's own (the
    // nearest before, else its first), else the last one of the body
    // paragraphs before it.
    let mut first_main_of_block: Vec<Option<usize>> = vec![None; n.max(1)];
    for s in 0..n {
        let b = units[s].block;
        if anchors[s] && first_main_of_block[b].is_none() {
            first_main_of_block[b] = Some(s);
        }
    }
    // Outgoing edges, kept up to date, so no structural edge closes a cycle.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); d.claims.len()];
    for e in &d.edges {
        out[e.from].push(e.to);
    }
    // Sentences that reject the view stated just before them (此言谬矣).
    let rejects: Vec<bool> = (0..n)
        .map(|s| {
            d.claims[d.sentences[s].claims.clone()]
                .iter()
                .any(|c| c.rejects)
        })
        .collect();
    // The heading sentence right before sentence `s`'s paragraph, when it
    // heads the section `s` stands in and is taken for a main idea.
    let mut heading_point: Vec<Option<usize>> = vec![None; n];
    let mut first_of_block = 0;
    for s in 0..n {
        if s > 0 && units[s].block != units[s - 1].block {
            first_of_block = s;
        }
        heading_point[s] = first_of_block.checked_sub(1).filter(|&h| {
            units[h].heading
                && roles[h] == Role::MainIdea
                && !crate::text::layout::is_attribution(&units[h].text)
                && section_heading(d, d.main_claim(s)) == Some(d.main_claim(h))
        });
    }
    let mut carried: Option<usize> = None;
    let mut last_block = usize::MAX;
    let mut in_block: Option<usize> = None;
    for s in 0..n {
        let b = units[s].block;
        // Does the sentence open or close its paragraph?
        let opens = b != last_block;
        let closes = s + 1 == n || units[s + 1].block != b;
        if opens {
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
            // (Under a label that only names a part, 片断一, it argues the thesis.)
            Role::MainIdea => match (in_block, d.arguable_heading(d.claims[head].section)) {
                // A paragraph's closing main idea sums up its opening one; one
                // inside the paragraph carries the point further.
                (Some(m), _) if closes => (d.main_claim(m), Relation::Restates),
                (Some(m), _) => (d.main_claim(m), Relation::Elaborates),
                // Under a section heading, a paragraph's main idea argues the
                // heading, or says it again (劳动能增长才干 → 劳动还能增长实际的
                // 才干。): a paraphrase is no reason for what it repeats.
                (None, Some(h)) if h != head => {
                    let relation = if says_again(&d.claims[h].text, &d.claims[head].text) {
                        Relation::Restates
                    } else {
                        Relation::Supports
                    };
                    (h, relation)
                }
                (None, _) => (major, Relation::Supports),
            },
            Role::Evidence | Role::Elaboration => {
                // Reasoning under a heading the essay argues as a main idea
                // (加强美育培养是个人之福。 opening the paragraph it heads)
                // argues that heading, not a point its paragraph reaches
                // later: between two points of a paragraph, the reasoning
                // belongs to the first.
                let anchor = in_block
                    .or(heading_point[s])
                    .or(first_main_of_block[b].filter(|_| b > thesis_block))
                    .or(carried);
                let target = anchor.map_or(major, |m| d.main_claim(m));
                // Reasoning after the point it argues spells that point out;
                // reasoning that leads up to a point supports it, and so does
                // a quotation, wherever it stands: it lends the point
                // authority. (The saying cues alone are not enough: they
                // include plain 说 and 道, which narrate speech.)
                let x = &decision.vectors[s];
                let cites = x[F::quote as usize] > 0.0;
                let relation = match (role, anchor) {
                    (Role::Evidence, _) => Relation::Exemplifies,
                    (_, Some(m)) if m < s && !cites => Relation::Elaborates,
                    _ => Relation::Supports,
                };
                (target, relation)
            }
            // The closing paragraph opens and ends by restating the thesis;
            // what it says in between spells the thesis out.
            Role::Conclusion => {
                let relation = if opens || closes {
                    Relation::Restates
                } else {
                    Relation::Elaborates
                };
                (major, relation)
            }
            Role::Introduction | Role::Other => (major, Relation::Elaborates),
        };
        if anchors[s] && in_block.is_none() {
            in_block = Some(s);
        }
        // A sentence that rejects the view just before it (no main idea:
        // that one argues the thesis) attacks the view, unless that would
        // close a cycle.
        let view = (s > 0 && units[s - 1].block == b && rejects[s] && role != Role::MainIdea)
            .then(|| d.main_claim(s - 1))
            .filter(|&v| v != head && !d.linked(head, v) && !reaches(&out, v, head));
        let (target, rule_role) = match view {
            Some(v) => (v, "rejection"),
            None => (target, role.as_str()),
        };
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
        // A reported view, or a view the next sentence rejects (a main idea
        // so questioned is the author's own, still arguing the thesis),
        // attacks what it is answered by.
        let reports_a_view = d.claims[d.sentences[s].claims.clone()]
            .iter()
            .any(|c| c.reported);
        let rejected =
            s + 1 < n && units[s + 1].block == b && rejects[s + 1] && role != Role::MainIdea;
        // The prompt's material is background the essay answers, whatever
        // views it reports (有人说…；也有人说…): it neither attacks nor is
        // an objection left unanswered.
        let relation = if d.in_prompt(s) {
            Relation::Elaborates
        } else if reports_a_view || rejected || view.is_some() {
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
            rule: format!("{RULE}:{rule_role}"),
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

#[cfg(test)]
mod tests {
    //! The structure rules on roles set by hand, so each test states one rule
    //! whatever the fitted model would decide.
    use super::*;
    use crate::extract::{claims, relations, roles};
    use crate::text::Document;

    /// Structural edges (from text, relation, to text) of `text` with the
    /// sentences' roles replaced by `given` and sentence 0 the thesis.
    fn structure_edges(text: &str, given: &[Role]) -> Vec<(String, Relation, String)> {
        structure_edges_in("t.txt", text, given)
    }

    /// [`structure_edges`] of a file named `name` (t.md reads Markdown).
    fn structure_edges_in(
        name: &str,
        text: &str,
        given: &[Role],
    ) -> Vec<(String, Relation, String)> {
        let doc = Document::from_bytes(name, text.as_bytes()).unwrap();
        let layout = doc.layout();
        let mut draft = claims::build(&doc.text, &layout.essays[0]);
        relations::link(&mut draft);
        let mut decision = roles::decide(&draft, &roles::MODEL);
        assert_eq!(decision.roles.len(), given.len(), "one role per sentence");
        decision.roles = given.to_vec();
        decision.thesis = Some(0);
        draft.major = Some(draft.main_claim(0));
        connect(&mut draft, &decision);
        draft
            .edges
            .iter()
            .filter(|e| e.rule.starts_with(RULE))
            .map(|e| {
                let t = |c: usize| draft.claims[c].text.clone();
                (t(e.from), e.relation, t(e.to))
            })
            .collect()
    }

    /// Relations of the edges from the sentence opening with `from` to the
    /// one opening with `to`.
    fn relations(edges: &[(String, Relation, String)], from: &str, to: &str) -> Vec<Relation> {
        edges
            .iter()
            .filter(|(f, _, t)| f.starts_with(from) && t.starts_with(to))
            .map(|e| e.1)
            .collect()
    }

    const ESSAY: &str = "论读书\n\n读书使人明智。\n\n读书需要方法。这需要我们静下心来。古人说“读书百遍，其义自见”。读书的方法决定了读书的收获。\n";

    #[test]
    fn premises_attach_to_their_paragraphs_main_idea_and_quotations_support_it() {
        use Role::*;
        let edges = structure_edges(
            ESSAY,
            &[Thesis, MainIdea, Elaboration, Elaboration, MainIdea],
        );
        let has = |from: &str, rel: Relation, to: &str| relations(&edges, from, to).contains(&rel);
        assert!(
            has("读书需要方法", Relation::Supports, "读书使人明智"),
            "{edges:?}"
        );
        assert!(
            has("这需要我们", Relation::Elaborates, "读书需要方法"),
            "{edges:?}"
        );
        assert!(
            has("古人说", Relation::Supports, "读书需要方法"),
            "{edges:?}"
        );
        // The paragraph's closing main idea sums up its opening one.
        assert!(
            has("读书的方法决定", Relation::Restates, "读书需要方法"),
            "{edges:?}"
        );
    }

    #[test]
    fn a_view_the_next_sentence_rejects_and_its_rejection_attack() {
        use Role::*;
        let text = "论读书\n\n读书使人明智。\n\n读书需要方法。不少人的印象是读书无用。这种想法，显然有点不全面。书中有前人的经验。\n";
        let edges = structure_edges(
            text,
            &[Thesis, MainIdea, Elaboration, Elaboration, Elaboration],
        );
        // The view attacks the point it is answered under; the rejection
        // attacks the view; the reasoning after them is untouched.
        assert_eq!(
            relations(&edges, "不少人", "读书需要"),
            [Relation::Attacks],
            "{edges:?}"
        );
        assert_eq!(
            relations(&edges, "这种想法", "不少人"),
            [Relation::Attacks],
            "{edges:?}"
        );
        assert_eq!(
            relations(&edges, "书中有", "读书需要"),
            [Relation::Elaborates],
            "{edges:?}"
        );
        // Without the rejection, the same view is reasoning like any other.
        let plain = "论读书\n\n读书使人明智。\n\n读书需要方法。不少人的印象是读书无用。我们要细心体会。书中有前人的经验。\n";
        let edges = structure_edges(
            plain,
            &[Thesis, MainIdea, Elaboration, Elaboration, Elaboration],
        );
        assert_eq!(
            relations(&edges, "不少人", "读书需要"),
            [Relation::Elaborates],
            "{edges:?}"
        );
    }

    #[test]
    fn the_closing_paragraph_restates_at_its_ends_and_elaborates_between() {
        use Role::*;
        let text =
            "论读书\n\n读书使人明智。\n\n读书让人明白事理。书中有前人的经验。我们要多读书。\n";
        let edges = structure_edges(text, &[Thesis, Conclusion, Conclusion, Conclusion]);
        let to_thesis = |from: &str| relations(&edges, from, "读书使人明智");
        assert_eq!(to_thesis("读书让人明白"), [Relation::Restates], "{edges:?}");
        assert_eq!(to_thesis("书中有"), [Relation::Elaborates], "{edges:?}");
        assert_eq!(to_thesis("我们要多"), [Relation::Restates], "{edges:?}");
    }

    #[test]
    fn reasoning_under_an_inline_heading_argues_the_heading_not_a_later_point() {
        use Role::*;
        // 读书需要方法。 and 读书需要坚持。 open their paragraphs in parallel,
        // so each heads a section of its own.
        let text = "论读书\n\n读书使人明智。\n\n读书需要方法。这需要我们静下心来。方法不对，事倍功半。所以方法决定收获。\n\n读书需要坚持。坚持才能读懂。\n";
        let edges = structure_edges(
            text,
            &[
                Thesis,
                MainIdea,
                Elaboration,
                Elaboration,
                MainIdea,
                MainIdea,
                Elaboration,
            ],
        );
        for from in ["这需要我们", "方法不对"] {
            assert_eq!(
                relations(&edges, from, "读书需要方法"),
                [Relation::Elaborates],
                "{edges:?}"
            );
            assert!(relations(&edges, from, "所以方法").is_empty(), "{edges:?}");
        }
        assert_eq!(
            relations(&edges, "坚持才能", "读书需要坚持"),
            [Relation::Elaborates],
            "{edges:?}"
        );
    }

    #[test]
    fn a_main_idea_saying_its_heading_again_restates_it() {
        use Role::*;
        let text = "# 论劳动\n\n我们必须重视劳动教育。\n\n## 劳动能增长才干\n\n劳动还能增长实际的才干。\n\n## 劳动能锻炼意志\n\n在田里割一天稻子，双手起泡、腰酸背痛，才懂得坚持的意义，这正是劳动锻炼意志的道理。\n";
        let edges = structure_edges_in(
            "t.md",
            text,
            &[Thesis, MainIdea, MainIdea, MainIdea, MainIdea],
        );
        assert_eq!(
            relations(&edges, "劳动还能", "劳动能增长才干"),
            [Relation::Restates],
            "{edges:?}"
        );
        // Much longer, it argues the heading whose words it reuses.
        assert_eq!(
            relations(&edges, "在田里", "劳动能锻炼意志"),
            [Relation::Supports],
            "{edges:?}"
        );
        assert!(says_again("劳动能增长才干", "劳动还能增长实际的才干。"));
        assert!(!says_again(
            "劳动能增长才干",
            "书本上的知识只有在动手中才会变成真正的本领。"
        ));
        assert!(!says_again("", "劳动"));
        // Under a label that only names a part, a main idea argues the thesis.
        let text = "# 论劳动\n\n我们必须重视劳动教育。\n\n## 片断一\n\n劳动能增长才干。\n";
        let edges = structure_edges_in("t.md", text, &[Thesis, Other, MainIdea]);
        assert_eq!(
            relations(&edges, "劳动能", "我们必须"),
            [Relation::Supports],
            "{edges:?}"
        );
        assert!(
            relations(&edges, "劳动能", "片断一").is_empty(),
            "{edges:?}"
        );
        // A sentence holding half of a longer heading does not say it again.
        assert!(!says_again(
            "劳动能增长才干也能锻炼意志品质",
            "劳动能增长才干。"
        ));
    }

    #[test]
    fn a_further_main_idea_inside_its_paragraph_elaborates_the_first() {
        use Role::*;
        let edges = structure_edges(
            ESSAY,
            &[Thesis, MainIdea, MainIdea, Elaboration, Elaboration],
        );
        assert!(
            relations(&edges, "这需要我们", "读书需要方法").contains(&Relation::Elaborates),
            "{edges:?}"
        );
    }
}
