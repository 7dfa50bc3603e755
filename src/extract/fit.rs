//! Fitting the role model from annotated essays (a gold file in the format of
//! `essays-dev.jsonl`: every sentence with its role). Used by the `fit-roles`
//! binary; documented in docs/extraction.md.
//!
//! Each essay's source file goes through the same text and claim stages as
//! ingest; each of our sentences takes the gold role of the gold sentence
//! that covers most of its characters (punctuation and spaces ignored), so a
//! different sentence split costs nothing. Two models are fitted, both by
//! full-batch gradient descent (Adam) with an L2 penalty, deterministically:
//! the thesis ranker (a conditional logit: softmax over an essay's
//! candidates, the gold thesis sentences as the target) and the role model
//! (multinomial logistic regression over the seven roles, with the
//! thesis-relative features computed from the thesis the ranker picks).

use super::features::{self, Unit, Vector, N};
use super::roles::{self, Model};
use crate::model::Role;
use crate::text::Document;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// The sentence; may be left out where `span` locates it instead.
    #[serde(default)]
    pub text: String,
    /// Start and end of the sentence in the source file, in characters
    /// (from 0, end exclusive). Annotations of third-party essays kept in
    /// this repository carry spans, not the essays' text.
    #[serde(default)]
    pub span: Option<[usize; 2]>,
    pub role: String,
    #[serde(default)]
    pub to: Option<usize>,
    #[serde(default)]
    pub relation: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEssay {
    pub id: String,
    pub source: String,
    pub sentences: Vec<GoldSentence>,
}

/// One essay of a gold document as the model sees it.
#[derive(Debug, Clone)]
pub struct Example {
    pub id: String,
    pub units: Vec<Unit>,
    pub vectors: Vec<Vector>,
    /// Gold role of each sentence, where it could be aligned.
    pub labels: Vec<Option<Role>>,
    /// Sentences of the prompt material before the title.
    pub prompt: Vec<bool>,
}

/// Reads a gold file; `root` is the directory `source` paths are relative to.
pub fn load(gold: &Path, root: &Path) -> Result<Vec<(GoldEssay, Vec<Example>)>, String> {
    let text = std::fs::read_to_string(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut out = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut essay = parse_essay(line, no == 0)
            .map_err(|e| format!("{}:{}: {e}", gold.display(), no + 1))?;
        let id = essay.id.clone();
        let at = |e: String| format!("{}:{}: {id}: {e}", gold.display(), no + 1);
        let path = root.join(&essay.source);
        let bytes = std::fs::read(&path).map_err(|e| {
            at(format!(
                "source {}: {e} (`source` paths are relative to --root, here {})",
                path.display(),
                root.display()
            ))
        })?;
        check_sentences(&mut essay, &bytes).map_err(at)?;
        let doc = Document::from_bytes(&path.to_string_lossy(), &bytes)
            .map_err(|e| at(format!("source {}: {e}", path.display())))?;
        check_in_source(&essay, &doc.text).map_err(at)?;
        let examples = examples_of(&doc, &essay);
        out.push((essay, examples));
    }
    Ok(out)
}

/// One line of a gold file as an essay, or what is wrong with it, saying
/// which essay and sentence where it can: a byte-order mark opening the
/// file is skipped (editors on Windows write one).
fn parse_essay(line: &str, first: bool) -> Result<GoldEssay, String> {
    let line = if first {
        line.trim_start_matches('\u{feff}')
    } else {
        line
    };
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("not valid JSON ({e}); each line holds one essay as a JSON object"))?;
    let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
    let at = |e: String| match &id {
        Some(id) => format!("{id}: {e}"),
        None => e,
    };
    if let Some(sentences) = value.get("sentences").and_then(|v| v.as_array()) {
        for (i, s) in sentences.iter().enumerate() {
            if !s.get("role").is_some_and(|r| r.is_string()) {
                return Err(at(format!("sentence {i} has no role")));
            }
        }
    }
    serde_json::from_value(value).map_err(|e| at(e.to_string()))
}

/// Every sentence's role is one of the scheme's, its link (`to`,
/// `relation`) names a sentence of the essay and a relation of the scheme,
/// and its text occurs in
/// the source after the sentence before it: a sentence that does not would
/// be left out of the fit without a word.
fn check_in_source(essay: &GoldEssay, source: &str) -> Result<(), String> {
    let source = norm(source);
    let mut pos = 0;
    for (i, s) in essay.sentences.iter().enumerate() {
        if s.role.parse::<Role>().is_err() {
            return Err(format!(
                "sentence {i}: unknown role '{}' (the scheme's roles: Introduction, Thesis, Main Idea, Evidence, Elaboration, Conclusion, Other)",
                s.role
            ));
        }
        if let Some(to) = s.to.filter(|&to| to >= essay.sentences.len() || to == i) {
            return Err(format!(
                "sentence {i}: `to` {to} is not another sentence of the essay (0 to {})",
                essay.sentences.len() - 1
            ));
        }
        if let Some(r) = s.relation.as_deref() {
            if r.parse::<crate::model::Relation>().is_err() {
                return Err(format!(
                    "sentence {i}: unknown relation '{r}' (supports, attacks, exemplifies, restates or elaborates)"
                ));
            }
        }
        if s.text.trim().is_empty() {
            return Err(format!("sentence {i} has neither text nor span"));
        }
        let t = norm(&s.text);
        // A sentence of punctuation alone (……) has nothing to find, and
        // labels nothing.
        if t.is_empty() {
            continue;
        }
        match find(&source, &t, pos) {
            Some(at) => pos = at + t.len(),
            None => {
                return Err(format!(
                    "sentence {i} ({}) does not occur in its source after the sentence before it",
                    s.text.chars().take(20).collect::<String>()
                ))
            }
        }
    }
    Ok(())
}

/// Gives each sentence located by `span` its text, cut from the source file.
fn check_sentences(essay: &mut GoldEssay, source: &[u8]) -> Result<(), String> {
    if essay.sentences.iter().all(|s| s.span.is_none()) {
        return Ok(());
    }
    let source = std::str::from_utf8(source)
        .map_err(|_| "sentence spans need a UTF-8 source file".to_string())?;
    let chars: Vec<char> = source.chars().collect();
    for (i, s) in essay.sentences.iter_mut().enumerate() {
        match s.span {
            Some([a, b]) if a < b && b <= chars.len() => {
                s.text = chars[a..b].iter().collect();
            }
            Some([a, b]) if a >= b => {
                return Err(format!(
                    "sentence {i}: span {a}..{b} is empty or reversed (start before end, in characters)"
                ))
            }
            Some([a, b]) => {
                return Err(format!(
                    "sentence {i}: span {a}..{b} is outside the source's {} characters",
                    chars.len()
                ))
            }
            None if s.text.is_empty() => {
                return Err(format!("sentence {i} has neither text nor span"))
            }
            None => {}
        }
    }
    Ok(())
}

fn norm(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Our essays of `doc`, each sentence labelled with the gold role that covers it most.
pub fn examples_of(doc: &Document, gold: &GoldEssay) -> Vec<Example> {
    let layout = doc.layout();
    let mut full: Vec<char> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, s) in gold.sentences.iter().enumerate() {
        let n = norm(&s.text);
        owner.extend(std::iter::repeat_n(i, n.len()));
        full.extend(n);
    }
    let mut pos = 0usize;
    let mut out = Vec::new();
    for essay in &layout.essays {
        let d = super::claims::build(&doc.text, essay);
        let units = features::units(&d);
        let vectors = features::base(&d, &units);
        let labels = units
            .iter()
            .map(|u| {
                let t = norm(&u.text);
                let at = find(&full, &t, pos).or_else(|| find(&full, &t, 0))?;
                pos = at + t.len();
                let mut count = std::collections::BTreeMap::new();
                for &o in &owner[at..at + t.len()] {
                    *count.entry(o).or_insert(0usize) += 1;
                }
                let (best, _) = count
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
                gold.sentences[best].role.parse::<Role>().ok()
            })
            .collect();
        let prompt = roles::prompt_sentences(&d);
        out.push(Example {
            id: gold.id.clone(),
            units,
            vectors,
            labels,
            prompt,
        });
    }
    out
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Settings of one fit.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// L2 penalty of the role model.
    pub l2: f64,
    /// L2 penalty of the thesis ranker: it learns from one choice per essay,
    /// so it needs more than the role model.
    pub rank_l2: f64,
    pub iterations: usize,
    pub learning_rate: f64,
    /// Written into the weights for decoding ([`Model::main_idea_offset`]);
    /// not fitted but chosen by cross-validation (docs/extraction.md).
    pub main_idea_offset: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            l2: 0.0003,
            rank_l2: 0.1,
            iterations: 1500,
            learning_rate: 0.05,
            main_idea_offset: 0.6,
        }
    }
}

/// Adam over a flat parameter vector.
struct Adam {
    m: Vec<f64>,
    v: Vec<f64>,
    t: i32,
}

impl Adam {
    fn new(n: usize) -> Adam {
        Adam {
            m: vec![0.0; n],
            v: vec![0.0; n],
            t: 0,
        }
    }
    fn step(&mut self, w: &mut [f64], g: &[f64], lr: f64) {
        self.t += 1;
        let (b1, b2) = (0.9f64, 0.999f64);
        for i in 0..w.len() {
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * g[i];
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * g[i] * g[i];
            let mh = self.m[i] / (1.0 - b1.powi(self.t));
            let vh = self.v[i] / (1.0 - b2.powi(self.t));
            w[i] -= lr * mh / (vh.sqrt() + 1e-8);
        }
    }
}

/// The ranker's candidates in an essay. Unlike decoding, training keeps
/// prompt sentences and unanswered reported views among them (as non-thesis
/// candidates): the shipped weights were fitted so.
fn candidates(ex: &Example) -> Vec<usize> {
    (0..ex.units.len())
        .filter(|&i| roles::thesis_candidate(&ex.units[i]))
        .collect()
}

/// Fits the thesis ranker on the essays that have a gold thesis among their candidates.
fn fit_ranker(examples: &[&Example], s: Settings) -> Vector {
    let mut w = vec![0f64; N];
    let mut adam = Adam::new(N);
    let usable: Vec<(&Example, Vec<usize>, Vec<bool>)> = examples
        .iter()
        .filter_map(|ex| {
            let c = candidates(ex);
            let gold: Vec<bool> = c
                .iter()
                .map(|&i| ex.labels[i] == Some(Role::Thesis))
                .collect();
            gold.iter().any(|g| *g).then_some((*ex, c, gold))
        })
        .collect();
    let n = usable.len().max(1) as f64;
    for _ in 0..s.iterations {
        let mut g = vec![0f64; N];
        for (ex, cand, gold) in &usable {
            let z: Vec<f64> = cand
                .iter()
                .map(|&i| (0..N).map(|f| w[f] * ex.vectors[i][f] as f64).sum())
                .collect();
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
            let total: f64 = e.iter().sum();
            let gold_total: f64 = e
                .iter()
                .zip(gold)
                .filter(|(_, g)| **g)
                .map(|(v, _)| v)
                .sum();
            for (k, &i) in cand.iter().enumerate() {
                let p = e[k] / total;
                let q = if gold[k] { e[k] / gold_total } else { 0.0 };
                let d = (p - q) / n;
                if d != 0.0 {
                    for (f, gf) in g.iter_mut().enumerate() {
                        *gf += d * ex.vectors[i][f] as f64;
                    }
                }
            }
        }
        for f in 0..N {
            g[f] += s.rank_l2 * w[f];
        }
        adam.step(&mut w, &g, s.learning_rate);
    }
    let mut out = [0f32; N];
    for f in 0..N {
        out[f] = w[f] as f32;
    }
    out
}

/// Each sentence's features as the role model sees them (the thesis-relative
/// ones computed from the thesis `model`'s ranker picks), with its gold role.
pub fn role_rows(ex: &Example, model: &Model) -> Vec<(Vector, Option<Role>)> {
    let mut vectors = ex.vectors.clone();
    if let Some(&t) = roles::rank(model, &ex.vectors, candidates(ex)).first() {
        features::relative(&ex.units, &mut vectors, t);
    }
    vectors.into_iter().zip(ex.labels.iter().copied()).collect()
}

/// Fits both models on `examples`.
pub fn fit(examples: &[&Example], s: Settings) -> Model {
    let mut model = Model::zero();
    model.rank = fit_ranker(examples, s);
    // The role model sees the thesis-relative features as decoding mostly
    // will: computed from the thesis the ranker picks. (Where the ranker is
    // unsure, decoding lets the role model's view re-rank the candidates;
    // training it on its own picks would feed it its own output.)
    let mut rows: Vec<(Vector, usize)> = Vec::new();
    for ex in examples {
        for (x, label) in role_rows(ex, &model) {
            if let Some(r) = label {
                let k = r.index();
                rows.push((x, k));
            }
        }
    }
    let k = Role::ALL.len();
    let mut w = vec![0f64; k * N];
    let mut adam = Adam::new(k * N);
    let n = rows.len().max(1) as f64;
    for _ in 0..s.iterations {
        let mut g = vec![0f64; k * N];
        for (x, y) in &rows {
            let mut z = [0f64; 7];
            for r in 0..k {
                z[r] = (0..N).map(|f| w[r * N + f] * x[f] as f64).sum();
            }
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut total = 0.0;
            for v in z.iter_mut() {
                *v = (*v - max).exp();
                total += *v;
            }
            for r in 0..k {
                let d = (z[r] / total - if r == *y { 1.0 } else { 0.0 }) / n;
                for f in 0..N {
                    if x[f] != 0.0 {
                        g[r * N + f] += d * x[f] as f64;
                    }
                }
            }
        }
        for i in 0..k * N {
            g[i] += s.l2 * w[i];
        }
        adam.step(&mut w, &g, s.learning_rate);
    }
    for r in 0..k {
        for f in 0..N {
            model.roles[r][f] = w[r * N + f] as f32;
        }
    }
    model.main_idea_offset = s.main_idea_offset as f32;
    model
}

/// Share of aligned sentences whose decoded role matches, and of essays whose
/// thesis sentence is a gold thesis, decoding `examples` with `model` as
/// ingest does. A quick in-process estimate; the reported figures come from
/// the scorer.
pub fn evaluate(examples: &[&Example], model: &Model) -> (usize, usize, usize, usize) {
    let (mut ok, mut n, mut thesis_ok, mut essays) = (0, 0, 0, 0);
    for ex in examples {
        let decision = roles::decode(ex.units.clone(), ex.vectors.clone(), &ex.prompt, model);
        if let Some(t) = decision.thesis {
            essays += 1;
            thesis_ok += usize::from(ex.labels[t] == Some(Role::Thesis));
        }
        for (label, role) in ex.labels.iter().zip(&decision.roles) {
            let Some(gold) = label else { continue };
            n += 1;
            ok += usize::from(role == gold);
        }
    }
    (ok, n, thesis_ok, essays)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gold file of one essay over `source`, its sentences as given.
    fn gold_error(sentences: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("e.txt"),
            "论读书\n读书使人明智。我们应该多读书。\n",
        )
        .unwrap();
        let gold = dir.path().join("gold.jsonl");
        std::fs::write(
            &gold,
            format!("{{\"id\": \"e1\", \"source\": \"e.txt\", \"sentences\": [{sentences}]}}\n"),
        )
        .unwrap();
        match load(&gold, dir.path()) {
            Ok(_) => String::new(),
            Err(e) => e,
        }
    }

    #[test]
    fn a_gold_sentence_that_cannot_be_used_is_refused_not_dropped() {
        let good = r#"{"text": "读书使人明智。", "role": "Main Idea"}, {"text": "我们应该多读书。", "role": "Thesis"}"#;
        assert_eq!(gold_error(good), "");
        for (sentences, said) in [
            (
                r#"{"text": "读书使人明智。", "role": "MainIdea"}"#,
                "sentence 0: unknown role 'MainIdea'",
            ),
            (
                r#"{"text": "这句话不在原文里。", "role": "Thesis"}"#,
                "sentence 0 (这句话不在原文里。) does not occur in its source",
            ),
            (
                r#"{"text": "我们应该多读书。", "role": "Thesis"}, {"text": "读书使人明智。", "role": "Thesis"}"#,
                "sentence 1 (读书使人明智。) does not occur",
            ),
            (
                r#"{"role": "Thesis"}"#,
                "sentence 0 has neither text nor span",
            ),
            (
                r#"{"span": [9, 4], "role": "Thesis"}"#,
                "span 9..4 is empty or reversed",
            ),
            (r#"{"text": "读书使人明智。"}"#, "sentence 0 has no role"),
            (
                r#"{"text": "读书使人明智。", "role": "Main Idea", "to": 5, "relation": "supports"}"#,
                "sentence 0: `to` 5 is not another sentence",
            ),
            (
                r#"{"text": "读书使人明智。", "role": "Main Idea", "to": 1, "relation": "causes"}, {"text": "我们应该多读书。", "role": "Thesis"}"#,
                "sentence 0: unknown relation 'causes'",
            ),
        ] {
            let e = gold_error(sentences);
            assert!(e.contains(said), "{sentences}: {e}");
            assert!(e.contains("gold.jsonl:1: e1:"), "{e}");
        }
        // The scheme's own spelling is what an unknown role is told to use.
        assert!(gold_error(r#"{"text": "读书使人明智。", "role": "Claim"}"#)
            .contains("Introduction, Thesis, Main Idea"));
    }

    #[test]
    fn a_gold_line_that_is_no_essay_says_so_and_a_bom_is_skipped() {
        assert!(parse_essay("{\"id\": \"e1\", ", true)
            .unwrap_err()
            .starts_with("not valid JSON"));
        let bom = "\u{feff}{\"id\": \"e1\", \"source\": \"e.txt\", \"sentences\": []}";
        assert_eq!(parse_essay(bom, true).unwrap().id, "e1");
        assert_eq!(
            parse_essay(r#"{"id": "e1", "source": "e.txt"}"#, false).unwrap_err(),
            "e1: missing field `sentences`"
        );
    }
}
