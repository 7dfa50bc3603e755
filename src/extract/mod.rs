//! Extract stage: a document's layout → claims, typed relations and key terms.
//!
//! The steps, each in its own file, are described in docs/extraction.md:
//! `claims` (sentences → claims, split at licensed clause markers; hedges and
//! stance), `relations` (discourse markers → edges), `features` and `roles`
//! (each sentence's discourse role, and the one thesis, from a fitted model),
//! `structure` (edges from the roles), `scaffold` (default edges so every
//! claim is connected),
//! `terms` (TF-IDF key terms).

pub mod claims;
pub mod evidence;
pub mod features;
pub mod fit;
pub mod formalities;
pub mod lexicon;
pub mod relations;
pub mod roles;
pub mod scaffold;
pub mod structure;
pub mod terms;
pub mod words;

use crate::model::{Claim, Edge, Essay, Extraction, Relation, Role, RoleReason, Section, Span};
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
    /// Holds a hedge word (或许, 可能…), anywhere: the role feature.
    pub hedged: bool,
    /// Holds one outside quotation marks: the author's own hedge.
    pub hedged_outside_quotes: bool,
    pub stance: bool,
    /// Opens with a conclusion marker that suggests a thesis (可见, 因此...).
    pub thesis_marker: bool,
    /// Reports a view the author answers (有人认为…, 诚然…; `reported.txt`).
    pub reported: bool,
    /// Rejects the view stated just before it (此言谬矣, 不然; `rejections.txt`).
    pub rejects: bool,
    /// The words the search index holds for the claim.
    pub search_words: String,
    /// Names concrete evidence ([`evidence`]).
    pub evidence: bool,
    /// Key terms with their weights, best first ([`terms`]).
    pub terms: Vec<(String, f64)>,
}

#[derive(Debug, Clone)]
pub struct SentenceInfo {
    pub claims: std::ops::Range<usize>,
    /// The claim the rest of the sentence bears on.
    pub head: usize,
    pub paragraph: Option<usize>,
    /// The sentence-initial marker, if any: index into the lexicon's markers.
    pub opener: Option<usize>,
    /// The marker that split the sentence into its two claims, if one did:
    /// index into the lexicon's markers.
    pub split: Option<usize>,
    /// The sentence's words, cut once ([`words`]).
    pub words: words::Words,
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
    /// Leading paragraphs that are the prompt the essay answers.
    pub prompt_paragraphs: usize,
    pub claims: Vec<Draft>,
    pub sentences: Vec<SentenceInfo>,
    pub paragraphs: Vec<ParagraphInfo>,
    /// Heading claim of each section, if it has one.
    pub section_heads: Vec<Option<usize>>,
    pub edges: Vec<DraftEdge>,
    pub major: Option<usize>,
    /// Unordered pairs already joined by an edge, and outgoing edge counts:
    /// kept beside `edges` so checks stay O(1) on essays of any size.
    linked: std::collections::HashSet<(usize, usize)>,
    out_degree: Vec<u32>,
    /// Claims something attacks (an answered view), by claim.
    attacked: Vec<bool>,
}

impl EssayDraft {
    /// Sentence `s`'s text: its claims' texts joined.
    pub fn sentence_text(&self, s: usize) -> String {
        self.claims[self.sentences[s].claims.clone()]
            .iter()
            .map(|c| c.text.as_str())
            .collect()
    }

    /// Adds an edge unless it would loop or repeat an edge between the same two claims.
    pub fn add_edge(&mut self, edge: DraftEdge) -> bool {
        if edge.from == edge.to || self.linked(edge.from, edge.to) {
            return false;
        }
        self.linked
            .insert((edge.from.min(edge.to), edge.from.max(edge.to)));
        if self.out_degree.len() <= edge.from {
            self.out_degree.resize(edge.from + 1, 0);
        }
        self.out_degree[edge.from] += 1;
        if edge.relation == Relation::Attacks {
            if self.attacked.len() <= edge.to {
                self.attacked.resize(edge.to + 1, false);
            }
            self.attacked[edge.to] = true;
        }
        self.edges.push(edge);
        true
    }

    pub fn is_attacked(&self, claim: usize) -> bool {
        self.attacked.get(claim).copied().unwrap_or(false)
    }

    pub fn linked(&self, a: usize, b: usize) -> bool {
        self.linked.contains(&(a.min(b), a.max(b)))
    }

    pub fn has_outgoing(&self, claim: usize) -> bool {
        self.out_degree.get(claim).is_some_and(|&n| n > 0)
    }

    /// Is sentence `s` prompt material before the title (in one of the
    /// [`EssayDraft::prompt_paragraphs`])?
    pub fn in_prompt(&self, s: usize) -> bool {
        self.sentences[s]
            .paragraph
            .is_some_and(|p| p < self.prompt_paragraphs)
    }
}

/// Runs every extraction step over one document.
pub fn extract(doc: &Document, layout: &Layout) -> Extraction {
    let mut out = Extraction {
        role_weights: Some(roles::weights_id().to_owned()),
        ..Extraction::default()
    };
    let mut chars = CharIndex::new(&doc.text);
    for (essay_ord, essay_layout) in layout.essays.iter().enumerate() {
        let mut draft = claims::build(&doc.text, essay_layout);
        relations::link(&mut draft);
        let decision = roles::decide(&draft, &roles::MODEL);
        draft.major = decision.thesis.map(|s| draft.main_claim(s));
        structure::connect(&mut draft, &decision);
        scaffold::connect(&mut draft);
        emit(
            doc,
            essay_ord,
            essay_layout,
            &draft,
            &decision,
            &mut chars,
            &mut out,
        );
    }
    out
}

fn short_id(doc_hash: &str, what: &str, a: usize, b: usize) -> String {
    crate::model::content_id(doc_hash, what, a, b)
}

fn emit(
    doc: &Document,
    essay_ord: usize,
    layout: &crate::text::EssayLayout,
    draft: &EssayDraft,
    decision: &roles::Decision,
    chars: &mut CharIndex,
    out: &mut Extraction,
) {
    let essay_id = short_id(&doc.hash, "essay", essay_ord, 0);
    // The essay runs from its first claim or its title, whichever comes
    // first: the prompt material an essay opens with, before its title, is
    // the essay's too (its introduction), so its span holds every claim.
    let byte_start = layout
        .title
        .as_ref()
        .map(|t| t.start)
        .into_iter()
        .chain(draft.claims.first().map(|c| c.start))
        .min()
        .unwrap_or(0);
    let byte_end = draft.claims.last().map_or(byte_start, |c| c.end);
    // Byte starts of the sections with a heading, in order; their ends are
    // the char end of their last claim, filled in after the claims.
    let section_starts: Vec<(usize, usize)> = layout
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.heading.as_ref().map(|h| (i, h.start)))
        .collect();

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
    let mut pending_sections = section_starts.iter().peekable();
    // Index into essay.sections of each layout section that has a heading.
    let mut section_slot: Vec<Option<usize>> = vec![None; layout.sections.len()];
    for (ord, c) in draft.claims.iter().enumerate() {
        while let Some(&&(i, s)) = pending_sections.peek() {
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
            section_slot[i] = Some(essay.sections.len());
            essay.sections.push(Section {
                id: id.clone(),
                ord: essay.sections.len() as u32,
                heading,
                span: Span { start, end: start },
            });
            section_ids[i] = Some(id);
        }
        let span = Span {
            start: chars.chars_at(c.start),
            end: chars.chars_at(c.end),
        };
        let id = short_id(&doc.hash, "claim", span.start, span.end);
        claim_ids.push(id.clone());
        if let Some(slot) = c.section.and_then(|s| section_slot[s]) {
            let sec = &mut essay.sections[slot];
            sec.span.end = sec.span.end.max(span.end);
        }
        let (role, why) = claim_role(draft, decision, ord);
        let kind = role.kind();
        out.search_words.push(c.search_words.clone());
        out.terms.extend(
            c.terms
                .iter()
                .map(|(term, weight)| crate::model::ClaimTerm {
                    claim: id.clone(),
                    term: term.clone(),
                    weight: *weight,
                }),
        );
        out.claims.push(Claim {
            id,
            essay: essay_id.clone(),
            section: c.section.and_then(|s| section_ids[s].clone()),
            ord: ord as u32,
            paragraph: c.paragraph.map_or(0, |p| p as u32),
            kind,
            text: c.text.clone(),
            span,
            // A hedge in a view the sentence reports (或许，有人会说…)
            // doubts whether someone would say it, and one inside a
            // quotation (母亲说：“也许有车。”) is the speaker's: the author
            // hedges no claim of their own. (The role feature still sees the
            // word.)
            hedged: c.hedged_outside_quotes && !c.reported,
            stance: c.stance,
            heading: c.heading,
            role,
            why,
            evidence: Some(c.evidence),
        });
    }
    essay.span.end = chars.chars_at(byte_end);
    out.essays.push(essay);

    // Reading order of the source claim, then of the target: stable and readable.
    let mut order: Vec<&DraftEdge> = draft.edges.iter().collect();
    order.sort_by_key(|e| (e.from, e.to, e.relation));
    out.edges.extend(order.into_iter().map(|e| Edge {
        from: claim_ids[e.from].clone(),
        to: claim_ids[e.to].clone(),
        relation: e.relation,
        marker: e.marker.clone(),
        rule: e.rule.clone(),
    }));
}

/// A claim's role: its sentence's, except that only the sentence's head
/// claim can be the thesis (the rest of a split thesis sentence elaborates it).
fn claim_role(
    draft: &EssayDraft,
    decision: &roles::Decision,
    claim: usize,
) -> (Role, Option<RoleReason>) {
    let s = draft.claims[claim].sentence;
    let mut role = decision.roles[s];
    let mut why = decision.reasons[s].clone();
    if role == Role::Thesis {
        if draft.major != Some(claim) {
            role = Role::Elaboration;
            // The ranking was the thesis's, not this half's.
            why.runners_up.clear();
            why.runners_up_features.clear();
            why.score = None;
            why.rule =
                Some("the other half of the thesis's sentence elaborates the thesis".to_owned());
        } else {
            // Runners-up name sentences; the reader sees claims.
            for r in &mut why.runners_up {
                r.0 = draft.main_claim(r.0 as usize) as u32;
            }
        }
    }
    (role, Some(why))
}

impl EssayDraft {
    /// The heading claim of `section`, unless it only names a part of the
    /// essay (结语, 片断二: [`crate::text::part_label`]): such a label is no
    /// point for the section's claims to argue or to refer back to.
    pub fn arguable_heading(&self, section: Option<usize>) -> Option<usize> {
        section
            .and_then(|s| self.section_heads[s])
            .filter(|&h| !crate::text::part_label::is_part_label(&self.claims[h].text))
    }

    /// The claim that stands for sentence `s` in the essay's structure: its
    /// longest (a split sentence's halves are joined by their marker edge,
    /// and the longer half carries most of what the sentence says).
    pub fn main_claim(&self, s: usize) -> usize {
        let range = self.sentences[s].claims.clone();
        let head = self.sentences[s].head;
        range
            .max_by_key(|&c| (claims::content_chars(&self.claims[c].text), c == head))
            .unwrap_or(head)
    }

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

#[cfg(test)]
mod tests {
    //! One test per marker family on sentences written for the purpose,
    //! and the negative cases the lexicon must not fire on.
    use super::*;
    use crate::model::ClaimKind;

    fn run(text: &str) -> Extraction {
        let doc = Document::from_bytes("t.txt", text.as_bytes()).unwrap();
        extract(&doc, &doc.layout())
    }

    /// Marker-made edges as (from text, relation, to text).
    fn marked(text: &str) -> Vec<(String, &'static str, String)> {
        let ex = run(text);
        let t = |id: &str| ex.claims.iter().find(|c| c.id == id).unwrap().text.clone();
        ex.edges
            .iter()
            .filter(|e| e.rule != scaffold::RULE && !e.rule.starts_with(structure::RULE))
            .map(|e| (t(&e.from), e.relation.as_str(), t(&e.to)))
            .collect()
    }

    fn edge(from: &str, rel: &'static str, to: &str) -> (String, &'static str, String) {
        (from.to_owned(), rel, to.to_owned())
    }

    /// A heading that only names a part (## 结语) is no main idea, and the
    /// 因此 that opens its section concludes the section before it.
    #[test]
    fn a_heading_naming_a_part_argues_nothing() {
        let text = "# 论劳动\n\n我们必须重视劳动教育。\n\n## 劳动能增长才干\n\n劳动能增长才干。书本上的知识只有在动手中才会变成本领。\n\n## 结语\n\n因此，学校和家庭都应当重视劳动教育。\n";
        let doc = Document::from_bytes("t.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &doc.layout());
        let claim = |t: &str| ex.claims.iter().find(|c| c.text == t).unwrap();
        let label = claim("结语");
        assert!(label.heading);
        assert_eq!(label.role, crate::model::Role::Other);
        assert_eq!(claim("劳动能增长才干").role, crate::model::Role::MainIdea);
        let t = |id: &str| ex.claims.iter().find(|c| c.id == id).unwrap().text.clone();
        let marked: Vec<(String, String)> = ex
            .edges
            .iter()
            .filter(|e| e.rule.starts_with("paragraph:"))
            .map(|e| (t(&e.from), t(&e.to)))
            .collect();
        assert!(
            marked.iter().all(|(f, to)| f != "结语" && to != "结语"),
            "{marked:?}"
        );
        // Nor does any edge of the structure argue the label.
        assert!(
            ex.edges.iter().all(|e| t(&e.to) != "结语"),
            "{:?}",
            ex.edges
        );
        assert!(!marked.is_empty(), "因此 still concludes: {marked:?}");
    }

    /// A，而不是 B: the author's point is A, so a marker of the next
    /// sentence bears on A, not on the alternative turned down.
    #[test]
    fn a_marker_after_a_rejection_bears_on_the_point_not_the_alternative() {
        let edges = marked("我们要学会独立思考，而不是人云亦云。因此，我们应当多读书。");
        assert!(
            edges.contains(&edge("我们要学会独立思考，", "attacks", "而不是人云亦云。")),
            "{edges:?}"
        );
        assert!(
            edges.contains(&edge(
                "我们要学会独立思考，",
                "supports",
                "因此，我们应当多读书。"
            )),
            "{edges:?}"
        );
        assert!(
            !edges.iter().any(|(f, _, t)| f == "而不是人云亦云。"
                || t == "而不是人云亦云。" && f.starts_with("因此")),
            "{edges:?}"
        );
    }

    /// All edges as (from text, relation, to text), structure's included.
    fn all_edges(ex: &Extraction) -> Vec<(String, &'static str, String)> {
        let t = |id: &str| ex.claims.iter().find(|c| c.id == id).unwrap().text.clone();
        ex.edges
            .iter()
            .map(|e| (t(&e.from), e.relation.as_str(), t(&e.to)))
            .collect()
    }

    /// A rebuttal names its opponent in many ways (还有人说, 某些人主张,
    /// 有观点认为, 对方辩友认为), answers with a rejection (其实不然。, 这种
    /// 说法似乎有理，实则…) or a rhetorical question (难道…吗？), and a
    /// 因此 or 总之 paragraph after it concludes from the answer, never
    /// from the view.
    #[test]
    fn a_rebuttal_attacks_the_view_it_answers() {
        for opener in [
            "还有人说",
            "某些人主张",
            "有观点认为",
            "对方辩友认为",
            "一些人认为",
        ] {
            let view = format!("{opener}，读书不如早点赚钱。");
            let text = format!("论读书\n\n我认为，读书是有用的。\n\n{view}但是，读书让人看得更远。\n\n总之，读书是有用的。\n");
            let e = all_edges(&run(&text));
            assert!(
                e.contains(&edge("但是，读书让人看得更远。", "attacks", &view)),
                "{opener}: {e:?}"
            );
            assert!(
                !e.iter().any(|(f, r, _)| *f == view && *r == "supports"),
                "{opener}: {e:?}"
            );
        }
        for answer in [
            "其实不然。",
            "这种说法似乎有理，实则不然。",
            "难道早早辍学打工的人，十年后真的过得更好吗？",
        ] {
            let view = "有人认为，读书不如早点赚钱。";
            let reason = "读书的回报是长期的。";
            let text = format!("论读书\n\n我认为，读书是有用的。\n\n{view}{answer}{reason}\n\n所以说，读书是有用的。\n");
            let e = all_edges(&run(&text));
            assert!(
                e.contains(&edge(answer, "attacks", view)),
                "{answer}: {e:?}"
            );
            assert!(
                e.contains(&edge(reason, "supports", "所以说，读书是有用的。")),
                "{answer}: {e:?}"
            );
            assert!(
                !e.iter().any(|(f, r, _)| f == view && *r == "supports"),
                "{answer}: {e:?}"
            );
        }
        // The answer and the author's reason in one sentence; a view no
        // lexicon names, rejected outright: the conclusion still draws on
        // the author, not the view.
        for (view, answer) in [
            (
                "有人认为，成绩就是一切。",
                "其实不然，一个人的品格决定他能走多远。",
            ),
            ("人们常说，读书不如早点赚钱。", "其实不然。"),
        ] {
            let text = format!(
                "论读书\n\n我认为，读书是有用的。\n\n{view}{answer}\n\n所以说，读书是有用的。\n"
            );
            let e = all_edges(&run(&text));
            assert!(
                !e.contains(&edge(view, "supports", "所以说，读书是有用的。")),
                "{view}: {e:?}"
            );
        }
        // Inside a sentence, 其实不然 denies the sentence's own first clause;
        // 难道 presses the author's own point after anything but a view, and
        // grants the view it follows when it only asks to be granted; 有人提出
        // in a story reports no view.
        for (before, after) in [
            ("扫黑除恶不可少。", "它看似与我们学生不甚相关，其实不然。"),
            ("我们要读书。", "难道读书不重要吗？"),
            ("有人说，读书是人类进步的阶梯。", "难道不是吗？"),
            ("有人说，读书很重要。", "怎能不珍惜读书的机会呢？"),
            (
                "班长是一个热心的人。",
                "每当班里有人提出困难，他总是第一个站出来帮忙。",
            ),
        ] {
            let text = format!("论读书\n\n我认为，读书是有用的。\n\n{before}{after}\n");
            let e = all_edges(&run(&text));
            assert!(
                !e.iter().any(|(f, r, _)| f == after && *r == "attacks"),
                "{after}: {e:?}"
            );
        }
    }

    /// A debate speech's greeting and thanks are no claims of the argument:
    /// `other`, never the thesis; 我方认为 is the speaker's own stance.
    #[test]
    fn a_speech_greeting_and_thanks_argue_nothing() {
        let ex = run("网络让人更亲近\n\n谢谢主席，各位评委，对方辩友，大家好！\n\n我方认为，网络让人与人更亲近了。\n\n对方辩友认为，网络让人疏远家人。可是，沉迷是使用方式的问题。\n\n因此，网络让人与人更亲近了。谢谢！\n");
        let claim = |t: &str| ex.claims.iter().find(|c| c.text == t).unwrap();
        assert_eq!(
            claim("谢谢主席，各位评委，对方辩友，大家好！").role,
            crate::model::Role::Other
        );
        assert_eq!(claim("谢谢！").role, crate::model::Role::Other);
        let thesis = claim("我方认为，网络让人与人更亲近了。");
        assert_eq!(thesis.role, crate::model::Role::Thesis);
        assert!(thesis.stance);
    }

    /// A reported view the model takes for a paragraph's main idea is no
    /// anchor for the paragraph's reasoning: the author's answer is.
    #[test]
    fn reasoning_argues_the_answer_to_a_reported_view_not_the_view() {
        let text = "外卖骑手的困境\n\n我们认为，保障骑手权益，关键在于让平台承担责任。\n\n## 灵活就业不等于没有保障\n\n有人认为，骑手是灵活就业者，来去自由，平台没有义务为其缴纳社保。但是，灵活就业只是用工形式的变化，并不意味着劳动者应当独自承担职业风险。比如，一名骑手在送餐途中摔伤，如果没有职业伤害保障，医疗费往往只能由他自己承担。因此，职业伤害保障应当尽快扩大到所有平台。\n\n## 结语\n\n总之，只有平台、政府和消费者共同发力，才能让外卖送得更安全。\n";
        let doc = Document::from_bytes("t.md", text.as_bytes()).unwrap();
        let ex = extract(&doc, &doc.layout());
        let id = |start: &str| {
            ex.claims
                .iter()
                .find(|c| c.text.starts_with(start))
                .unwrap()
                .id
                .clone()
        };
        let (view, answer, example) = (id("有人认为"), id("但是"), id("比如"));
        let from_example: Vec<&str> = ex
            .edges
            .iter()
            .filter(|e| e.from == example)
            .map(|e| e.to.as_str())
            .collect();
        assert!(from_example.contains(&answer.as_str()), "{:?}", ex.edges);
        assert!(!from_example.contains(&view.as_str()), "{:?}", ex.edges);
    }

    #[test]
    fn conclusion_marker() {
        assert_eq!(
            marked("读书可以开阔眼界。因此，我们应该多读书。"),
            vec![edge(
                "读书可以开阔眼界。",
                "supports",
                "因此，我们应该多读书。"
            )]
        );
    }

    #[test]
    fn a_marker_in_markdown_emphasis_or_after_a_bullet_still_opens() {
        assert_eq!(
            marked("读书可以开阔眼界。**因此**，我们应该多读书。"),
            vec![edge(
                "读书可以开阔眼界。",
                "supports",
                "**因此**，我们应该多读书。"
            )]
        );
        assert_eq!(
            marked("我们应该多读书。- 由于书中的道理经过了时间的检验。"),
            vec![edge(
                "- 由于书中的道理经过了时间的检验。",
                "supports",
                "我们应该多读书。"
            )]
        );
        assert_eq!(lexicon::markup_prefix("> **但是**"), "> **".len());
        assert_eq!(lexicon::markup_prefix("读书"), 0);
    }

    #[test]
    fn reason_marker_opening_a_sentence() {
        assert_eq!(
            marked("我们应该多读书。由于书中的道理经过了时间的检验。"),
            vec![edge(
                "由于书中的道理经过了时间的检验。",
                "supports",
                "我们应该多读书。"
            )]
        );
        assert_eq!(
            marked("很多人很少读纸质书了。因为手机随时可以打开。"),
            vec![edge(
                "因为手机随时可以打开。",
                "supports",
                "很多人很少读纸质书了。"
            )]
        );
        // 因为 A，B gives its own reason (A for B), not one for the sentence
        // before it.
        assert!(marked("他昨天没有来上学。因为下雨，比赛取消了。").is_empty());
        assert!(marked("他昨天没有来上学。\n由于下雨，比赛取消了。").is_empty());
    }

    /// A lone reason or conclusion marker inside a sentence leaves it whole:
    /// its halves are one line of reasoning, and the second is often a
    /// fragment without its subject (从而被虚拟所奴役). So does a
    /// concessive condition (即使 A，也 B).
    #[test]
    fn a_lone_reason_or_conclusion_marker_does_not_split_its_sentence() {
        for text in [
            "我们应该坚持多读书，因为读书可以开阔眼界。",
            "因为手机随时可以打开，很多人很少读纸质书了。",
            "我们不能一味沉浸于虚拟中，从而被虚拟所奴役。",
            "他每天坚持练习，所以他成功了。",
            // "Even if A, B" grants no view: one claim, not a concession.
            "即便身处山旮旯里，人们也可以提前为自己的出行做好安排。",
            "即使失败了，我们也要坚持下去。",
        ] {
            let ex = run(text);
            assert_eq!(ex.claims.len(), 1, "{text}: {:?}", ex.claims);
            assert!(marked(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn paired_reason() {
        assert_eq!(
            marked("他之所以能够成功，是因为他每天坚持练习。"),
            vec![edge(
                "是因为他每天坚持练习。",
                "supports",
                "他之所以能够成功，"
            )]
        );
    }

    /// An example's own 虽然…却 tells the case: the example stays one claim
    /// that exemplifies, with no concession inside it.
    #[test]
    fn an_example_is_not_split_at_its_own_concession() {
        assert_eq!(
            marked("面对面的交流更温暖。比如，许多老人虽然每天和子女视频，却依然感到孤独。"),
            [edge(
                "比如，许多老人虽然每天和子女视频，却依然感到孤独。",
                "exemplifies",
                "面对面的交流更温暖。"
            )]
        );
        // Outside an example the author concedes, and the sentence splits.
        assert!(marked("许多老人虽然每天和子女视频，却依然感到孤独。")
            .iter()
            .any(|e| e.1 == "attacks"));
    }

    #[test]
    fn example_run_exemplifies_the_claim_before_it() {
        let e = marked("运动有很多好处。比如，跑步可以锻炼心肺功能；比如，游泳可以放松身心。");
        assert_eq!(
            e,
            vec![
                edge(
                    "比如，跑步可以锻炼心肺功能；",
                    "exemplifies",
                    "运动有很多好处。"
                ),
                edge(
                    "比如，游泳可以放松身心。",
                    "exemplifies",
                    "运动有很多好处。"
                ),
            ]
        );
    }

    #[test]
    fn contrast_attacks_a_reported_view_only() {
        assert_eq!(
            marked("有人认为短视频很好。但是，短视频容易让人分心。"),
            vec![edge(
                "但是，短视频容易让人分心。",
                "attacks",
                "有人认为短视频很好。"
            )]
        );
        // The author's own reasoning turning with 但是 attacks nothing.
        assert!(marked("很多人喜欢看短视频。但是，短视频容易让人分心。").is_empty());
    }

    #[test]
    fn a_paragraph_opening_example_illustrates_the_answer_not_the_answered_view() {
        let e = marked(
            "题目\n\n有人会说，老人应当学会网购。但是，我们更需要给老人人性化的帮助。\n\n比如，车站可以开设老年人窗口。\n",
        );
        assert!(
            e.contains(&edge(
                "比如，车站可以开设老年人窗口。",
                "exemplifies",
                "但是，我们更需要给老人人性化的帮助。"
            )),
            "{e:?}"
        );
        assert!(
            !e.iter()
                .any(|(from, _, to)| from.starts_with("比如") && to.starts_with("有人")),
            "{e:?}"
        );
    }

    #[test]
    fn a_sentence_that_concedes_and_turns_answers_the_view_before_it() {
        let e = marked(
            "有人认为网络也能获取知识。虽然网络信息丰富，但是碎片化的信息无法代替系统的阅读。",
        );
        assert!(
            e.contains(&edge(
                "但是碎片化的信息无法代替系统的阅读。",
                "attacks",
                "有人认为网络也能获取知识。"
            )),
            "{e:?}"
        );
        // After the author's own sentence it turns nothing but itself.
        let own = marked("读书很重要。虽然网络信息丰富，但是碎片化的信息无法代替系统的阅读。");
        assert_eq!(own.len(), 1, "{own:?}");
    }

    #[test]
    fn a_reason_after_a_view_that_asks_answers_it() {
        let view = "有人会说，这件事已经过去，干吗还要“勿忘”呢？";
        let answer = "这是因为，忘记历史就意味着背叛。";
        let e = marked(&format!("我们要铭记历史。{view}{answer}"));
        assert!(e.contains(&edge(answer, "attacks", view)), "{e:?}");
        // A reason after a view that asks nothing supports it, as a reason
        // after any sentence does; so after a question of the author's own.
        let plain = "有人说，这件事已经过去了。";
        let e = marked(&format!("{plain}{answer}"));
        assert!(e.contains(&edge(answer, "supports", plain)), "{e:?}");
        let own = "我们为什么要铭记历史？";
        let e = marked(&format!("{own}{answer}"));
        assert!(e.contains(&edge(answer, "supports", own)), "{e:?}");
    }

    /// 诚然 and 固然 concede a view only when the author answers it; with no
    /// answer they affirm ("indeed").
    #[test]
    fn a_concession_left_unanswered_affirms() {
        let reported = |text: &str| -> Vec<bool> {
            let doc = crate::text::Document::from_bytes("t.txt", text.as_bytes()).unwrap();
            let d = claims::build(&doc.text, &doc.layout().essays[0]);
            d.sentences
                .iter()
                .map(|s| d.claims[s.head].reported)
                .collect()
        };
        assert_eq!(
            reported("题目\n\n诚然，这是中华民族自古便有的民族精神。我们要发扬它。\n"),
            [false, false]
        );
        assert_eq!(
            reported("题目\n\n诚然，坚持很难。但是，坚持的人终会成功。\n"),
            [true, false]
        );
        // A view named outright is reported whatever follows.
        assert_eq!(
            reported("题目\n\n有人认为坚持很难。我们要发扬它。\n"),
            [true, false]
        );
    }

    #[test]
    fn a_turn_answers_the_views_reported_shortly_before_it() {
        let answer = "但是，读书能开阔眼界。";
        let views = ["有人说：读书没用。", "有人说：读书太累。"];
        let text = format!("{}{}这些说法似乎有些道理。{answer}", views[0], views[1]);
        let e = marked(&text);
        for view in views {
            assert!(e.contains(&edge(answer, "attacks", view)), "{e:?}");
        }
        // The same turn opening the next paragraph answers them too.
        let e = marked(&format!(
            "题目\n\n{}{}这些说法似乎有些道理。\n\n{answer}\n",
            views[0], views[1]
        ));
        for view in views {
            assert!(e.contains(&edge(answer, "attacks", view)), "{e:?}");
        }
        // Beyond the look-back the author's own sentences intervene.
        let e = marked("有人说：读书没用。甲是乙。丙是丁。戊是己。但是，读书能开阔眼界。");
        assert!(e.is_empty(), "{e:?}");
        // After the author's own position or a rejection the turn answers
        // nothing: it turns the author's reasoning, and the view is answered.
        for between in ["我认为读书有用。", "此言差矣。"] {
            let e = marked(&format!("有人说读书没用。{between}但是读书要讲方法。"));
            assert!(
                !e.iter().any(|(from, _, _)| from.starts_with("但是")),
                "{between}: {e:?}"
            );
        }
        // A view already answered is not answered again.
        let e = marked("有人说读书没用。但是，读书能开阔眼界。然而，读书要讲方法。");
        assert!(
            !e.iter().any(|(from, _, _)| from.starts_with("然而")),
            "{e:?}"
        );
    }

    #[test]
    fn a_view_answered_in_its_own_sentence_attacks_nothing() {
        let t =
            |ex: &Extraction, id: &str| ex.claims.iter().find(|c| c.id == id).unwrap().text.clone();
        for (text, answered) in [
            ("题目\n\n有人说，读书无用，我不赞同。读书让人明理。\n", true),
            ("题目\n\n有人说，读书无用。读书让人明理。\n", false),
        ] {
            let ex = run(text);
            let attacks = ex
                .edges
                .iter()
                .any(|e| e.relation == Relation::Attacks && t(&ex, &e.from).starts_with("有人说"));
            assert_eq!(attacks, !answered, "{text}: {:?}", ex.edges);
        }
    }

    #[test]
    fn concession_attacks_the_main_clause() {
        assert_eq!(
            marked("尽管短视频很有趣，但是它容易让人分心。"),
            vec![edge(
                "尽管短视频很有趣，",
                "attacks",
                "但是它容易让人分心。"
            )]
        );
    }

    #[test]
    fn restatement_and_elaboration() {
        assert_eq!(
            marked("阅读需要耐心。换句话说，阅读不能急于求成。"),
            vec![edge(
                "换句话说，阅读不能急于求成。",
                "restates",
                "阅读需要耐心。"
            )]
        );
        assert_eq!(
            marked("城市需要更多公园。特别是老城区的居民缺少活动空间。"),
            vec![edge(
                "特别是老城区的居民缺少活动空间。",
                "elaborates",
                "城市需要更多公园。"
            )]
        );
    }

    #[test]
    fn paragraph_initial_conclusion_draws_on_the_previous_paragraph() {
        let e = marked("题目\n\n读书让人明智，这是古人的经验。\n\n可见，读书很重要。\n");
        assert_eq!(
            e,
            vec![edge(
                "读书让人明智，这是古人的经验。",
                "supports",
                "可见，读书很重要。"
            )]
        );
    }

    #[test]
    fn no_contrast_inside_budan_erqie() {
        let e = marked("他不但会唱歌，而且会跳舞。");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(run("他不但会唱歌，而且会跳舞。").claims.len(), 1);
    }

    #[test]
    fn no_split_on_yinwei_inside_a_phrase() {
        let ex = run("他们讨论了因为天气而取消的比赛，最后决定改期。");
        assert_eq!(ex.claims.len(), 1);
        assert!(marked("他们讨论了因为天气而取消的比赛，最后决定改期。").is_empty());
    }

    #[test]
    fn in_fact_attacks_only_a_reported_opinion() {
        assert!(marked("天气很冷。事实上，今天零下五度。").is_empty());
        // 说 reports an opinion only where it introduces what was said.
        assert!(marked("哲学家说了谎话。实际上，这也反映了教育的问题。").is_empty());
        assert_eq!(
            marked("他说：“读书没用。”事实上，读书改变了很多人。"),
            vec![edge(
                "事实上，读书改变了很多人。",
                "attacks",
                "他说：“读书没用。”"
            )]
        );
        assert_eq!(
            marked("有人认为读书没用。事实上，读书改变了很多人。"),
            vec![edge(
                "事实上，读书改变了很多人。",
                "attacks",
                "有人认为读书没用。"
            )]
        );
    }

    #[test]
    fn hedges_and_certainty() {
        let hedged = |t: &str| run(t).claims[0].hedged;
        assert!(hedged("这可能是对的。"));
        assert!(hedged("或许，我们该休息了。"));
        assert!(!hedged("这种可能性很小。"));
        assert!(!hedged("这是不可能的事情。"));
        assert!(!hedged("很显然，这是对的。"));
        // Someone else's view, introduced: not the author's hedge.
        assert!(!hedged("或许，有人会说，这是浪费时间。"));
        assert!(!hedged("也许有人认为这不重要。"));
        // Someone's words quoted: the speaker's hedge, not the author's.
        assert!(!hedged("母亲建议：“往前走走，也许有车。”"));
        assert!(!hedged("他说「这大概行不通」，我们便出发了。"));
        assert!(hedged("他说“明天见”，可他也许忘了。"));
    }

    #[test]
    fn stance_sentences_are_claims_and_one_thesis_per_essay() {
        let ex = run("题目\n\n很多人喜欢手机。我认为，读书比刷手机更有价值。书中有知识。\n");
        let stance = ex
            .claims
            .iter()
            .find(|c| c.text.starts_with("我认为"))
            .unwrap();
        assert!(stance.stance);
        assert!(matches!(
            stance.kind,
            ClaimKind::MajorClaim | ClaimKind::Claim
        ));
        assert_eq!(
            ex.claims
                .iter()
                .filter(|c| c.kind == ClaimKind::MajorClaim)
                .count(),
            1
        );
    }

    #[test]
    fn every_claim_is_connected_to_the_major_claim() {
        let ex =
            run("题目\n\n甲是对的。因此乙也对。\n\n换句话说，丙成立。但是丁不成立。\n\n比如戊。\n");
        let major = ex
            .claims
            .iter()
            .find(|c| c.kind == ClaimKind::MajorClaim)
            .unwrap()
            .id
            .clone();
        for c in &ex.claims {
            let mut seen = vec![c.id.clone()];
            let mut i = 0;
            while i < seen.len() {
                let at = seen[i].clone();
                for e in ex.edges.iter().filter(|e| e.from == at || e.to == at) {
                    for end in [&e.from, &e.to] {
                        if !seen.contains(end) {
                            seen.push(end.clone());
                        }
                    }
                }
                i += 1;
            }
            assert!(
                seen.contains(&major),
                "{} does not reach the thesis",
                c.text
            );
        }
    }
}
