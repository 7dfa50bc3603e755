//! Each rule on small hand-built graphs: one that triggers it, one that does not.

use super::*;
use crate::model::{Claim, ClaimKind, Edge, Essay, Relation, Section, Span};

struct Build {
    claims: Vec<Claim>,
    edges: Vec<Edge>,
    text: String,
    sections: Vec<Section>,
}

impl Build {
    fn new() -> Build {
        Build {
            claims: Vec::new(),
            edges: Vec::new(),
            text: String::new(),
            sections: Vec::new(),
        }
    }

    fn claim(&mut self, kind: ClaimKind, text: &str) -> usize {
        let start = self.text.chars().count();
        self.text.push_str(text);
        let end = self.text.chars().count();
        self.text.push('\n');
        let i = self.claims.len();
        self.claims.push(Claim {
            id: format!("{i:016x}"),
            essay: "e".into(),
            section: self.sections.last().map(|s| s.id.clone()),
            ord: i as u32,
            paragraph: 0,
            kind,
            text: text.into(),
            span: Span { start, end },
            hedged: false,
            stance: false,
            heading: false,
            role: crate::model::Role::for_kind(kind),
            why: None,
            evidence: None,
        });
        i
    }

    fn heading(&mut self, text: &str) -> usize {
        self.sections.push(Section {
            id: format!("s{}", self.sections.len()),
            ord: self.sections.len() as u32,
            heading: Some(text.into()),
            span: Span { start: 0, end: 0 },
        });
        let i = self.claim(ClaimKind::Claim, text);
        self.claims[i].heading = true;
        i
    }

    fn edge(&mut self, from: usize, to: usize, relation: Relation, marked: bool) {
        self.edges.push(Edge {
            from: self.claims[from].id.clone(),
            to: self.claims[to].id.clone(),
            relation,
            marker: marked.then(|| "因为".into()),
            rule: if marked {
                "initial:reason".into()
            } else {
                "default".into()
            },
        });
    }

    fn view(self) -> EssayView {
        let essay = Essay {
            id: "e".into(),
            ord: 0,
            title: Some("读书的意义".into()),
            span: Span { start: 0, end: 0 },
            sections: self.sections,
        };
        EssayView::new(
            "t.txt".into(),
            "file".into(),
            self.text,
            essay,
            self.claims,
            self.edges,
        )
    }
}

fn run(rule: &str, v: &EssayView) -> Vec<Finding> {
    let r = RULES.iter().find(|r| r.code == rule).unwrap();
    (r.check)(v)
}

use Relation::*;

#[test]
fn unsupported_thesis() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我们应该多读书。");
    let p = b.claim(ClaimKind::Premise, "书很多。");
    b.edge(p, t, Supports, false);
    assert_eq!(run("unsupported-thesis", &b.view()).len(), 1);

    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我们应该多读书。");
    let p = b.claim(ClaimKind::Premise, "因为读书可以开阔眼界。");
    b.edge(p, t, Supports, true);
    assert!(run("unsupported-thesis", &b.view()).is_empty());
}

#[test]
fn circular_support_three_claims() {
    let mut b = Build::new();
    let a = b.claim(ClaimKind::MajorClaim, "甲成立。");
    let x = b.claim(ClaimKind::Premise, "乙成立。");
    let c = b.claim(ClaimKind::Premise, "丙成立。");
    b.edge(a, x, Supports, true);
    b.edge(x, c, Supports, true);
    b.edge(c, a, Supports, true);
    let f = run("circular-support", &b.view());
    assert_eq!(f.len(), 1, "reported once per cycle");
    assert_eq!(f[0].chain.len(), 3);
    assert_eq!(f[0].severity, Severity::Error);

    let mut b = Build::new();
    let a = b.claim(ClaimKind::MajorClaim, "甲成立。");
    let x = b.claim(ClaimKind::Premise, "乙成立。");
    let c = b.claim(ClaimKind::Premise, "丙成立。");
    b.edge(x, a, Supports, true);
    b.edge(c, x, Supports, true);
    assert!(run("circular-support", &b.view()).is_empty());
}

#[test]
fn hedged_foundation() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书一定有用。");
    let p = b.claim(ClaimKind::Premise, "读书或许能让人聪明。");
    b.claims[p].hedged = true;
    b.edge(p, t, Supports, true);
    assert_eq!(run("hedged-foundation", &b.view()).len(), 1);

    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书一定有用。");
    let p = b.claim(ClaimKind::Premise, "读书或许能让人聪明。");
    b.claims[p].hedged = true;
    let q = b.claim(ClaimKind::Premise, "统计表明读书人收入更高。");
    b.edge(p, t, Supports, true);
    b.edge(q, t, Supports, true);
    assert!(run("hedged-foundation", &b.view()).is_empty());
}

/// Issue #15 item 9: a default (unmarked) edge is reading order, not a
/// reason, so a hedged neighbour joined only by one is no foundation.
#[test]
fn hedged_foundation_ignores_default_edges() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书一定有用。");
    let p = b.claim(ClaimKind::Premise, "读书或许能让人聪明。");
    b.claims[p].hedged = true;
    b.edge(p, t, Supports, false);
    assert!(run("hedged-foundation", &b.view()).is_empty());
}

#[test]
fn unanswered_objection_with_and_without_rebuttal() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我认为应该多读书。");
    let a = b.claim(ClaimKind::Premise, "但是，有人说读书没有用。");
    b.edge(a, t, Attacks, true);
    let f = run("unanswered-objection", &b.view());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].chain.len(), 2);

    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我认为应该多读书。");
    let a = b.claim(ClaimKind::Premise, "但是，有人说读书没有用。");
    let r = b.claim(ClaimKind::Premise, "事实上，读书改变了很多人的命运。");
    b.edge(a, t, Attacks, true);
    b.edge(r, a, Attacks, true);
    assert!(run("unanswered-objection", &b.view()).is_empty());

    // The author's own contrast is not an objection.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "新技术是基础。");
    let a = b.claim(ClaimKind::Premise, "但是，仅有技术是不够的。");
    b.edge(a, t, Attacks, true);
    assert!(run("unanswered-objection", &b.view()).is_empty());
}

#[test]
fn restatement_as_support() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书使人明智。");
    let p = b.claim(ClaimKind::Premise, "换句话说，读书让人变得明智。");
    b.edge(p, t, Restates, true);
    b.edge(p, t, Supports, true);
    assert_eq!(run("restatement-as-support", &b.view()).len(), 1);

    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书使人明智。");
    let p = b.claim(ClaimKind::Premise, "因为书中记录了前人的经验教训。");
    b.edge(p, t, Supports, true);
    assert!(run("restatement-as-support", &b.view()).is_empty());

    // Sharing the claim's words is a paraphrase only at about its length.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书使人明智。");
    let p = b.claim(ClaimKind::Premise, "读书使人明智，谁都知道。");
    b.edge(p, t, Supports, true);
    assert_eq!(run("restatement-as-support", &b.view()).len(), 1);

    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书使人明智。");
    let p = b.claim(
        ClaimKind::Premise,
        "读书使人明智，这是祖父在乡下教书四十年，看着一批批学生离开村庄后得出的结论。",
    );
    b.edge(p, t, Supports, true);
    assert!(run("restatement-as-support", &b.view()).is_empty());
}

#[test]
fn evidence_free_section() {
    let mut b = Build::new();
    b.claim(ClaimKind::MajorClaim, "读书很重要。");
    b.heading("读书让人成长");
    b.claim(ClaimKind::Premise, "读书可以让人变得更好。");
    assert_eq!(run("evidence-free-section", &b.view()).len(), 1);

    let mut b = Build::new();
    b.claim(ClaimKind::MajorClaim, "读书很重要。");
    b.heading("读书让人成长");
    b.claim(ClaimKind::Premise, "2019年的调查显示，六成读者收入更高。");
    assert!(run("evidence-free-section", &b.view()).is_empty());
}

/// A section claim whose main idea says it again (restates it) stands on
/// what argues that main idea.
#[test]
fn a_section_claim_is_supported_through_its_restatement() {
    let findings = |with_example: bool| {
        let mut b = Build::new();
        let t = b.claim(ClaimKind::MajorClaim, "劳动教育很重要。");
        let p = b.claim(ClaimKind::Premise, "因为劳动锻炼人。");
        b.edge(p, t, Supports, true);
        let h = b.heading("劳动能增长才干");
        let m = b.claim(ClaimKind::Claim, "劳动还能增长实际的才干。");
        b.edge(m, h, Restates, false);
        if with_example {
            let e = b.claim(ClaimKind::Premise, "比如，我在农场学会了修理水泵。");
            b.edge(e, m, Exemplifies, true);
        }
        run("unsupported-thesis", &b.view()).len()
    };
    assert_eq!(findings(true), 0);
    // Without the example, the heading is unsupported.
    assert_eq!(findings(false), 1);
}

/// A heading that only names a part (结语) is no section claim: its
/// section needs no evidence and the heading no reason.
#[test]
fn a_part_label_heading_is_no_section_claim() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let p = b.claim(ClaimKind::Premise, "因为读书可以开阔眼界。");
    b.edge(p, t, Supports, true);
    b.heading("结语");
    b.claim(ClaimKind::Premise, "总之，我们应该多读书。");
    let v = b.view();
    assert!(run("evidence-free-section", &v).is_empty());
    assert!(run("unsupported-thesis", &v).is_empty());
}

#[test]
fn disconnected_claim() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let p = b.claim(ClaimKind::Premise, "书很多。");
    b.claim(ClaimKind::Premise, "今天天气很好。");
    b.edge(p, t, Supports, false);
    let f = run("disconnected-claim", &b.view());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].claim, format!("{:016x}", 2));
}

#[test]
fn thesis_drift() {
    let mut b = Build::new();
    b.claim(ClaimKind::MajorClaim, "我们应该多读经典书籍。");
    b.heading("足球比赛的规则变化");
    assert_eq!(run("thesis-drift", &b.view()).len(), 1);

    let mut b = Build::new();
    b.claim(ClaimKind::MajorClaim, "我们应该多读经典书籍。");
    b.heading("经典书籍让人明智");
    assert!(run("thesis-drift", &b.view()).is_empty());

    // Labels of a narrative's parts and an epigraph's credit line are too
    // little to compare.
    for label in ["尾声", "镜头1", "片断一", "──题记"] {
        let mut b = Build::new();
        b.claim(ClaimKind::MajorClaim, "我们应该多读经典书籍。");
        b.heading(label);
        assert!(run("thesis-drift", &b.view()).is_empty(), "{label}");
    }
}

#[test]
fn grounded_semantics_defeat_and_reinstatement() {
    // The thesis is attacked by an unattacked claim: defeated.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let a = b.claim(ClaimKind::Premise, "有人说读书没用。");
    b.edge(a, t, Attacks, true);
    let f = run("acceptability", &b.view());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].chain, vec![format!("{a:016x}")]);

    // The attacker is attacked in turn: the thesis is reinstated.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let a = b.claim(ClaimKind::Premise, "有人说读书没用。");
    let r = b.claim(ClaimKind::Premise, "事实上读书改变命运。");
    b.edge(a, t, Attacks, true);
    b.edge(r, a, Attacks, true);
    let v = b.view();
    assert!(run("acceptability", &v).is_empty());
    let labels = grounded::labels(&v);
    assert_eq!(
        labels,
        vec![
            grounded::Label::In,
            grounded::Label::Out,
            grounded::Label::In
        ]
    );

    // Two claims attacking each other, one of them the thesis: undecided.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let a = b.claim(ClaimKind::Premise, "读书不重要。");
    b.edge(a, t, Attacks, true);
    b.edge(t, a, Attacks, true);
    let f = run("acceptability", &b.view());
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("undecided"));
}

/// A reported view attached by the structure rules to the later claim that
/// answers it does not defeat that claim; raised after its target it does.
#[test]
fn a_view_is_answered_by_the_claim_after_it() {
    let with_rule = |view_first: bool| {
        let mut b = Build::new();
        let (t, a) = if view_first {
            let a = b.claim(ClaimKind::Premise, "有人认为纸质书太贵了。");
            (
                b.claim(ClaimKind::MajorClaim, "而我认为：应该多读纸质书。"),
                a,
            )
        } else {
            let t = b.claim(ClaimKind::MajorClaim, "我认为应该多读纸质书。");
            (t, b.claim(ClaimKind::Premise, "有人认为纸质书太贵了。"))
        };
        b.edge(a, t, Attacks, false);
        b.edges[0].rule = "structure:elaboration".into();
        b.view()
    };
    assert!(run("acceptability", &with_rule(true)).is_empty());
    assert_eq!(run("acceptability", &with_rule(false)).len(), 1);
    // Any other attack from above still counts.
    let mut b = Build::new();
    let a = b.claim(ClaimKind::Premise, "有人认为纸质书太贵了。");
    let t = b.claim(ClaimKind::MajorClaim, "我认为应该多读纸质书。");
    b.edge(a, t, Attacks, true);
    assert_eq!(run("acceptability", &b.view()).len(), 1);
}

/// ariadne opens a new group of labels each time a label stands on an
/// earlier line than the one before, and heads every group with the
/// report's location: each group is headed with its own first label's
/// place, as `show` gives it.
#[test]
fn each_group_of_labels_is_headed_with_its_own_place() {
    let mut b = Build::new();
    b.claim(ClaimKind::Premise, "论读书");
    let a = b.claim(ClaimKind::Premise, "有人说纸质书太贵了，读电子书就够了。");
    b.claim(ClaimKind::Premise, "电子书很方便。");
    let t = b.claim(ClaimKind::MajorClaim, "我认为，年轻人应该多读纸质书。");
    b.edge(a, t, Attacks, true);
    let v = b.view();
    let f = run("acceptability", &v);
    assert_eq!(f.len(), 1);
    let out = report::render_finding(&v, &report::EssayText::new(&v, 100), &f[0], false);
    let heads: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("─[ ") && l.contains("t.txt:"))
        .collect();
    assert!(heads.iter().any(|h| h.contains("t.txt:4:1")), "{out}");
    assert!(heads.iter().any(|h| h.contains("t.txt:2:1")), "{out}");
}

#[test]
fn allow_skips_a_rule_and_summary_counts() {
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
    let a = b.claim(ClaimKind::Premise, "有人说读书没用。");
    b.edge(a, t, Attacks, true);
    let v = b.view();
    let all = audit_essay(&v, &[]);
    assert!(all.findings.iter().any(|f| f.rule == "acceptability"));
    let some = audit_essay(&v, &["acceptability".to_owned()]);
    assert!(!some.findings.iter().any(|f| f.rule == "acceptability"));
    assert_eq!(all.summary.claims, 2);
    assert_eq!((all.summary.accepted_theses, all.summary.theses), (0, 1));
}

/// A thesis the ranker chose with a low share is reported as a guess, and
/// its defeat is a warning rather than an error; a sure thesis, a thesis a
/// rule of the genre set, and one with no reason recorded are neither.
#[test]
fn uncertain_thesis_and_the_defeat_of_a_guess() {
    use crate::model::{RoleReason, UNSURE_THESIS_CONFIDENCE};
    let ranked = |confidence: f64, rule: Option<&str>| RoleReason {
        confidence,
        score: Some(1.0),
        runners_up: vec![(1, 0.9)],
        rule: rule.map(str::to_owned),
        ..RoleReason::default()
    };
    let build = |why: Option<RoleReason>| {
        let mut b = Build::new();
        let t = b.claim(ClaimKind::MajorClaim, "读书很重要。");
        let a = b.claim(ClaimKind::Premise, "有人说读书没用。");
        b.edge(a, t, Attacks, true);
        b.claims[t].why = why;
        b.view()
    };
    let guess = build(Some(ranked(UNSURE_THESIS_CONFIDENCE - 0.2, None)));
    let f = run("uncertain-thesis", &guess);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Note);
    assert!(f[0].message.contains("20%"), "{}", f[0].message);
    assert_eq!(run("acceptability", &guess)[0].severity, Severity::Warning);

    for why in [
        Some(ranked(UNSURE_THESIS_CONFIDENCE + 0.1, None)),
        Some(ranked(0.1, Some("an explicit stance"))),
        None,
    ] {
        let v = build(why);
        assert!(run("uncertain-thesis", &v).is_empty());
        assert_eq!(run("acceptability", &v)[0].severity, Severity::Error);
    }
}

#[test]
fn the_deepest_support_chain_is_the_longest_not_the_farthest_claims_shortest() {
    // d → c → b → t, and d also supports t directly: the chain is 3 long,
    // though every claim is one or two steps from the thesis.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我们应该多读书。");
    let m = b.claim(ClaimKind::Claim, "读书使人明智。");
    let p = b.claim(ClaimKind::Premise, "因为书中有前人的经验。");
    let e = b.claim(ClaimKind::Premise, "比如古人勤学。");
    b.edge(m, t, Supports, false);
    b.edge(p, m, Supports, false);
    b.edge(e, p, Exemplifies, false);
    b.edge(e, t, Supports, false);
    let v = b.view();
    assert_eq!(v.support_depth(t), 3);
    // A cycle of supports (an imported map may have one) has no longest
    // chain: the breadth-first levels are given, and the walk ends.
    let mut b = Build::new();
    let t = b.claim(ClaimKind::MajorClaim, "我们应该多读书。");
    let x = b.claim(ClaimKind::Claim, "读书使人明智。");
    let y = b.claim(ClaimKind::Premise, "明智的人爱读书。");
    b.edge(x, t, Supports, false);
    b.edge(y, x, Supports, false);
    b.edge(x, y, Supports, false);
    assert_eq!(b.view().support_depth(t), 2);
}
