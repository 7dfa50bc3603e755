//! Discourse roles: a small linear model over the sentence features
//! (`features`) decides each sentence's role, and a ranker over the same
//! features chooses the one thesis of the essay.
//!
//! Decoding: the thesis ranker scores every candidate sentence and the best
//! becomes the thesis; the thesis-relative features are then filled in and
//! every other sentence takes the most probable of the remaining roles
//! (multinomial logistic regression), its main-idea score raised by the
//! weights file's main-idea offset. The weights are data
//! (`role_weights.tsv`, written by `cargo run --release --bin fit-roles`);
//! `ARGRAPH_ROLE_WEIGHTS=FILE` loads another weights file instead, which is
//! how cross-validation scores each held-out essay with weights fitted
//! without it, and how a user tries a model fitted on their own genre.

use super::claims::content_chars;
use super::features::{self, Unit, Vector, N, NAMES};
use super::EssayDraft;
use crate::model::{Role, RoleReason};
use std::sync::LazyLock;

/// Columns of the weights file after the feature name: one per role, in
/// [`Role::ALL`] order, then the thesis ranker.
pub const RANK_COLUMN: &str = "thesis_rank";
/// First column of a line that sets a decoding option instead of weights.
pub const OPTION: &str = "option";
/// How many features `show` lists for a claim.
pub const REASON_FEATURES: usize = 6;
/// …and for a thesis, whose score the ranker spreads over more features:
/// the stance alone weighs in four (stance, stance:first_in_essay,
/// para:early&stance, stance:more), none of them among the first six, so
/// a teacher never saw 我认为 given as a reason.
pub const THESIS_REASON_FEATURES: usize = 12;
/// How many runner-up thesis candidates are kept.
pub const RUNNERS_UP: usize = 3;
/// How many of a runner-up's weightiest features are kept beside it.
pub const RUNNER_UP_FEATURES: usize = 3;
/// Fewest letters or CJK characters a thesis candidate must have.
pub const MIN_THESIS_CHARS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Weights per role (in `Role::ALL` order) per feature.
    pub roles: Vec<Vector>,
    /// Thesis ranker weights per feature.
    pub rank: Vector,
    /// Added to every sentence's main-idea score when roles are decided
    /// (the weights file's `option<TAB>main_idea_offset<TAB>x` line; 0 when
    /// absent, the plain most-probable role). A main idea anchors every link
    /// of its paragraph, so a missed one costs the paragraph's links while a
    /// false one costs one sentence's role: the decision leans toward main
    /// ideas. Chosen by cross-validation, not fitted (docs/extraction.md).
    pub main_idea_offset: f32,
}

impl Model {
    pub fn zero() -> Model {
        Model {
            roles: vec![[0.0; N]; Role::ALL.len()],
            rank: [0.0; N],
            main_idea_offset: 0.0,
        }
    }

    /// Reads a weights file. Unknown feature names are an error: a model
    /// fitted for other features would silently mean something else.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::zero();
        let mut header: Option<Vec<String>> = None;
        let mut offset_seen = false;
        let mut seen = [false; N];
        for (no, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols[0] == OPTION && header.is_some() {
                return Err(format!(
                    "line {}: an option line comes before the header",
                    no + 1
                ));
            }
            if cols[0] == OPTION {
                let (name, value) = match cols[1..] {
                    [name, value] => (name, value),
                    _ => {
                        return Err(format!(
                            "line {}: an option line is `{OPTION}<TAB>NAME<TAB>VALUE`",
                            no + 1
                        ))
                    }
                };
                if name != "main_idea_offset" {
                    return Err(format!(
                        "line {}: unknown option '{name}' (known: main_idea_offset)",
                        no + 1
                    ));
                }
                if offset_seen {
                    return Err(format!("line {}: option '{name}' given twice", no + 1));
                }
                offset_seen = true;
                m.main_idea_offset = finite(value, no)?;
                continue;
            }
            let Some(h) = &header else {
                let expected: Vec<String> = std::iter::once("feature".to_owned())
                    .chain(Role::ALL.iter().map(|r| r.as_str().to_owned()))
                    .chain(std::iter::once(RANK_COLUMN.to_owned()))
                    .collect();
                if cols != expected.iter().map(String::as_str).collect::<Vec<_>>() {
                    return Err(format!(
                        "line {}: the header must be `{}`",
                        no + 1,
                        expected.join("\\t")
                    ));
                }
                header = Some(expected);
                continue;
            };
            if cols.len() != h.len() {
                return Err(format!(
                    "line {}: expected {} columns, found {}",
                    no + 1,
                    h.len(),
                    cols.len()
                ));
            }
            let f = NAMES
                .iter()
                .position(|n| *n == cols[0])
                .ok_or_else(|| format!("line {}: unknown feature '{}'", no + 1, cols[0]))?;
            if std::mem::replace(&mut seen[f], true) {
                return Err(format!(
                    "line {}: feature '{}' given twice",
                    no + 1,
                    cols[0]
                ));
            }
            for (k, col) in cols[1..].iter().enumerate() {
                let w = finite(col, no)?;
                if k < Role::ALL.len() {
                    m.roles[k][f] = w;
                } else {
                    m.rank[f] = w;
                }
            }
        }
        if header.is_none() {
            return Err("no header line".to_owned());
        }
        // A feature left out would weigh nothing without anyone knowing.
        if let Some(f) = seen.iter().position(|s| !s) {
            return Err(format!(
                "feature '{}' has no line (every feature needs one)",
                NAMES[f]
            ));
        }
        Ok(m)
    }

    /// The weights file text, with a comment block on top.
    pub fn to_tsv(&self, comment: &str) -> String {
        let mut out = String::new();
        for line in comment.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!(
            "{OPTION}\tmain_idea_offset\t{}\n",
            self.main_idea_offset
        ));
        out.push_str("feature");
        for r in Role::ALL {
            out.push('\t');
            out.push_str(r.as_str());
        }
        out.push('\t');
        out.push_str(RANK_COLUMN);
        out.push('\n');
        for (f, name) in NAMES.iter().enumerate() {
            out.push_str(name);
            for r in 0..Role::ALL.len() {
                out.push_str(&format!("\t{:.4}", self.roles[r][f]));
            }
            out.push_str(&format!("\t{:.4}\n", self.rank[f]));
        }
        out
    }

    pub fn rank_score(&self, x: &Vector) -> f32 {
        dot(&self.rank, x)
    }

    /// Role probabilities of one sentence (softmax over the roles).
    pub fn probabilities(&self, x: &Vector) -> [f32; 7] {
        let mut z = [0f32; 7];
        for (r, w) in self.roles.iter().enumerate() {
            z[r] = dot(w, x);
            if Role::ALL[r] == Role::MainIdea {
                z[r] += self.main_idea_offset;
            }
        }
        softmax(&mut z);
        z
    }
}

/// A weights file's number at line `no` (from 0), which must be finite.
fn finite(text: &str, no: usize) -> Result<f32, String> {
    text.parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            format!(
                "line {}: '{text}' is not a usable weight (a number between -3.4e38 and 3.4e38)",
                no + 1
            )
        })
}

pub fn dot(w: &Vector, x: &Vector) -> f32 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

pub fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

/// The weights file `ARGRAPH_ROLE_WEIGHTS` names, if any. Set but empty
/// (`ARGRAPH_ROLE_WEIGHTS= argraph …`) is unset.
pub fn weights_file() -> Option<std::ffi::OsString> {
    std::env::var_os("ARGRAPH_ROLE_WEIGHTS").filter(|p| !p.is_empty())
}

/// Can the weights `ARGRAPH_ROLE_WEIGHTS` names be used? Every command that
/// analyses text asks before it starts, and stops when they cannot: the
/// shipped model's roles under the name of the user's weights would turn a
/// researcher's held-out score into the in-sample one without a word (a
/// scorer that runs argraph keeps no stderr). The answer is the model the
/// run then uses: the file is read once.
pub fn check_weights_file() -> crate::error::Result<()> {
    match &*LOADED {
        Ok(_) => Ok(()),
        Err((path, e)) => Err(crate::error::Error::input(
            path,
            format!(
                "role weights (ARGRAPH_ROLE_WEIGHTS) not usable: {e}; or unset ARGRAPH_ROLE_WEIGHTS for the shipped weights"
            ),
        )),
    }
}

/// The shipped model, or the one `ARGRAPH_ROLE_WEIGHTS` names. The commands
/// refuse a weights file that cannot be used ([`check_weights_file`]); for
/// other users of the library it is reported once and the shipped model
/// used, as extraction has no way to fail.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| match &*LOADED {
    Ok((model, _)) => model.clone(),
    Err((path, e)) => {
        crate::console::stderr_line(format_args!(
            "warning: ARGRAPH_ROLE_WEIGHTS={}: {e}; using the shipped weights",
            path.display()
        ));
        SHIPPED.0.clone()
    }
});

/// The weights in use and their id ([`weights_id`]), or the file that
/// should have given them and what is wrong with it.
type Loaded = Result<(Model, String), (std::path::PathBuf, String)>;

static LOADED: LazyLock<Loaded> = LazyLock::new(|| {
    let Some(path) = weights_file() else {
        return Ok(SHIPPED.clone());
    };
    let path = std::path::PathBuf::from(path);
    let read = read_weights(&path);
    read.and_then(|text| Model::parse(&text))
        .map(|model| {
            let id = id_of(&model);
            (model, id)
        })
        .map_err(|e| (path, e))
});

/// Longer than any weights file (the shipped one is 7 KB): a device or a
/// stream named by mistake (/dev/zero) is refused, not read until memory
/// runs out.
const MAX_WEIGHTS_BYTES: u64 = 1 << 20;

/// The text of the weights file at `path`: a regular file of UTF-8 text,
/// at most [`MAX_WEIGHTS_BYTES`].
fn read_weights(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let describe = |e: std::io::Error| crate::error::describe(&e);
    // Asked before opening: opening a FIFO waits for a writer, for ever.
    if !std::fs::metadata(path).map_err(describe)?.is_file() {
        return Err("not a regular file (a weights file is a TSV file from fit-roles)".into());
    }
    let file = std::fs::File::open(path).map_err(describe)?;
    let mut bytes = Vec::new();
    file.take(MAX_WEIGHTS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    if bytes.len() as u64 > MAX_WEIGHTS_BYTES {
        return Err(format!(
            "larger than {} MB; a weights file from fit-roles is a few kilobytes",
            MAX_WEIGHTS_BYTES >> 20
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| "not UTF-8 text (a weights file is a TSV file from fit-roles)".into())
}

static SHIPPED: LazyLock<(Model, String)> = LazyLock::new(|| {
    let model =
        Model::parse(include_str!("role_weights.tsv")).expect("the shipped role weights parse");
    let id = id_of(&model);
    (model, id)
});

/// The weights' id, which the base stores with each document the weights
/// read (`documents.role_weights`), so a base says which model made its
/// roles.
pub fn weights_id() -> &'static str {
    match &*LOADED {
        Ok((_, id)) => id,
        Err(_) => &SHIPPED.1,
    }
}

/// The id of the weights shipped in this argraph.
pub fn shipped_weights_id() -> &'static str {
    &SHIPPED.1
}

/// A hash of the model's weights and options as the weights file format
/// writes them, not of the file's text: a refit that reproduces the
/// shipped weights under other comments, or the file saved with CRLF
/// line endings, is the same model.
fn id_of(model: &Model) -> String {
    blake3::hash(model.to_tsv("").as_bytes()).to_hex()[..16].to_owned()
}

/// Roles of one essay's sentences.
#[derive(Debug, Clone)]
pub struct Decision {
    pub units: Vec<Unit>,
    pub vectors: Vec<Vector>,
    /// Role of each sentence.
    pub roles: Vec<Role>,
    pub reasons: Vec<RoleReason>,
    /// The thesis sentence, if the essay has any candidate.
    pub thesis: Option<usize>,
}

/// Can this sentence be the thesis at all? Headings and scraps cannot.
pub fn thesis_candidate(u: &Unit) -> bool {
    !u.heading
        && !crate::text::layout::is_attribution(&u.text)
        && !super::formalities::is_formality(&u.text)
        && content_chars(&u.text) >= MIN_THESIS_CHARS
}

/// A sentence that reports a view (有人说：…, `reported.txt`) with no
/// stance of the author's and no turn against it (但, 可是, 我不赞同…) in
/// the same sentence: the view the essay answers, never its thesis when
/// decoding (the ranker is trained with it among the candidates, as a
/// sentence that is not the thesis). The gold theses that open so all turn
/// within the sentence: 有人说…，我不赞同; 诚然…，可…; …固然是好的，但….
fn reports_an_unanswered_view(u: &Unit) -> bool {
    use super::lexicon::{is_reported, Family, LEXICON};
    let lex = &*LEXICON;
    let bounds = u.words.bounds();
    is_reported(&u.text, &bounds)
        && !lex.stance.contains(&u.text, &bounds)
        && !lex.markers.iter().any(|m| {
            matches!(
                m.family,
                Family::Contrast | Family::Concession | Family::Rejection
            ) && m.pattern().find(&u.text, &bounds).is_some()
        })
        // 可 turns a clause as a word of its own (诚然…，可…), never inside
        // 可以 or 可能, which jieba keeps whole. (却 is left out: it turns
        // inside the reported view as often, 下载资料却存而不阅.)
        && !u.words.iter(&u.text).any(|(w, _)| w == "可")
}

/// `candidates` ordered by the ranker, best first; the earlier sentence wins
/// a tie, so the choice is deterministic.
pub fn rank(model: &Model, vectors: &[Vector], candidates: Vec<usize>) -> Vec<usize> {
    ranked(model, vectors, candidates)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// [`rank`] with each candidate's score, each scored once.
fn ranked(model: &Model, vectors: &[Vector], candidates: Vec<usize>) -> Vec<(usize, f32)> {
    let mut order: Vec<(usize, f32)> = candidates
        .into_iter()
        .map(|k| (k, model.rank_score(&vectors[k])))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order
}

/// How much of the role model's view counts when the ranker is unsure of
/// its pick: each candidate's score gains this times the log of the
/// probability the role model gives it of being the thesis. The ranker
/// sees a sentence's standing among the candidates, the role model what
/// the sentence is; where the ranker gives its pick less than
/// [`UNSURE_THESIS_CONFIDENCE`] (right two times in five), the two together
/// chose better (docs/extraction.md, "How sure the thesis is").
///
/// [`UNSURE_THESIS_CONFIDENCE`]: crate::model::UNSURE_THESIS_CONFIDENCE
pub const ROLE_MODEL_VIEW_WEIGHT: f32 = 0.25;

/// A candidate's share of the role model's view ([`ROLE_MODEL_VIEW_WEIGHT`]).
fn role_model_view(model: &Model, x: &Vector) -> f32 {
    ROLE_MODEL_VIEW_WEIGHT * model.probabilities(x)[Role::Thesis.index()].max(1e-6).ln()
}

/// `ranking` ordered again with the role model's view added to each score.
fn with_role_model_view(
    model: &Model,
    vectors: &[Vector],
    ranking: Vec<(usize, f32)>,
) -> Vec<(usize, f32)> {
    let mut order: Vec<(usize, f32)> = ranking
        .into_iter()
        .map(|(k, score)| (k, score + role_model_view(model, &vectors[k])))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order
}

/// Decides every sentence's role with `model`.
pub fn decide(d: &EssayDraft, model: &Model) -> Decision {
    let units = features::units(d);
    let vectors = features::base(d, &units);
    decode(units, vectors, &prompt_sentences(d), model)
}

/// Which sentences are prompt material before the title: they introduce the
/// essay and are never its thesis.
pub fn prompt_sentences(d: &EssayDraft) -> Vec<bool> {
    (0..d.sentences.len()).map(|s| d.in_prompt(s)).collect()
}

/// [`decide`] on sentences whose base features are computed; `prompt` marks
/// the prompt material's sentences.
pub fn decode(
    units: Vec<Unit>,
    mut vectors: Vec<Vector>,
    prompt: &[bool],
    model: &Model,
) -> Decision {
    let candidates = (0..units.len())
        .filter(|&i| {
            thesis_candidate(&units[i]) && !prompt[i] && !reports_an_unanswered_view(&units[i])
        })
        .collect();
    // Scored before the thesis-relative features change the vectors.
    let ranking = ranked(model, &vectors, candidates);
    // The ranker's own share for each candidate: the thesis's is its
    // confidence, whatever the role model adds below.
    let shares: Vec<(usize, f32)> = {
        let mut z: Vec<f32> = ranking.iter().map(|r| r.1).collect();
        softmax(&mut z);
        ranking.iter().map(|r| r.0).zip(z).collect()
    };
    // On the share as stored (rounded), so that a thesis chosen with the
    // role model's view is always one `RoleReason::unsure_thesis` reports.
    let unsure = shares
        .first()
        .is_some_and(|s| round3(s.1) < crate::model::UNSURE_THESIS_CONFIDENCE);
    let (order, scores): (Vec<usize>, Vec<f32>) = if unsure {
        with_role_model_view(model, &vectors, ranking)
    } else {
        ranking
    }
    .into_iter()
    .unzip();
    // Every essay with sentences has a thesis: with no full candidate (a
    // text of scraps), the first sentence that is not a heading, or the first.
    let thesis = order.first().copied().or_else(|| {
        (!units.is_empty()).then(|| (0..units.len()).find(|&i| !units[i].heading).unwrap_or(0))
    });
    // Before the thesis-relative features change the vectors, as ranked.
    let thesis_view = thesis
        .filter(|_| unsure)
        .map(|t| role_model_view(model, &vectors[t]));
    // Each runner-up's weightiest shares, as the thesis lists its own.
    let runner_up_features: Vec<Vec<(String, f64)>> = order
        .iter()
        .skip(1)
        .take(RUNNERS_UP)
        .map(|&k| {
            let mut shares = weightiest(&vectors[k], &model.rank, RUNNER_UP_FEATURES);
            if unsure {
                shares.push((
                    features::ROLE_MODEL_VIEW,
                    round3(role_model_view(model, &vectors[k])),
                ));
            }
            shares
                .into_iter()
                .map(|(name, v)| (name.to_owned(), v))
                .collect()
        })
        .collect();
    if let Some(t) = thesis {
        features::relative(&units, &mut vectors, t);
    }
    let thesis_idx = Role::Thesis.index();
    let mut roles = Vec::with_capacity(units.len());
    let mut reasons = Vec::with_capacity(units.len());
    for (i, x) in vectors.iter().enumerate() {
        let mut p = model.probabilities(x);
        let role_idx = if Some(i) == thesis {
            thesis_idx
        } else if prompt[i] {
            p = [0.0; 7];
            p[Role::Introduction.index()] = 1.0;
            Role::Introduction.index()
        } else {
            p[thesis_idx] = 0.0;
            let total: f32 = p.iter().sum();
            if total > 0.0 {
                p.iter_mut().for_each(|v| *v /= total);
            }
            (0..p.len())
                .filter(|&k| k != thesis_idx)
                .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
                .unwrap()
        };
        let mut role = Role::ALL[role_idx];
        let mut rule = (prompt[i] && Some(i) != thesis)
            .then_some("prompt material before the title introduces the essay");
        // A section heading states what its section argues: a main idea —
        // unless it only names a part (结语, 片断二), which argues nothing.
        if units[i].heading && Some(i) != thesis {
            if crate::text::part_label::is_part_label(&units[i].text) {
                role = Role::Other;
                rule = Some(
                    "a heading that only names a part of the essay (结语, 片断二) argues nothing",
                );
            } else {
                role = Role::MainIdea;
                rule = Some("a section heading states what its section argues");
            }
        }
        // An epigraph's credit (——题记), a paragraph of its own or closing
        // the epigraph's line, takes no part in the argument.
        if crate::text::layout::is_attribution(&units[i].text)
            && (x[features::F::s_only as usize] > 0.0 || x[features::F::s_last as usize] > 0.0)
            && Some(i) != thesis
        {
            role = Role::Other;
            rule = Some("an epigraph's credit line (——…) takes no part in the argument");
        }
        // A speech's greeting or thanks (各位评委，大家好。谢谢！) argues nothing.
        if super::formalities::is_formality(&units[i].text) && Some(i) != thesis {
            role = Role::Other;
            rule = Some("words of address or thanks alone (大家好, 谢谢！) argue nothing");
        }
        // An explicit first-person stance (我认为…) is the author's claim,
        // never a premise or background.
        if matches!(
            role,
            Role::Evidence | Role::Elaboration | Role::Introduction
        ) && x[features::F::stance as usize] > 0.0
        {
            let closing = x[features::F::p_last as usize] > 0.0;
            role = if closing {
                Role::Conclusion
            } else {
                Role::MainIdea
            };
            rule = Some("an explicit first-person stance (我认为…) is the author's own claim");
        }
        let role_idx = role.index();
        let weights = if Some(i) == thesis {
            &model.rank
        } else {
            &model.roles[role_idx]
        };
        let listed = if Some(i) == thesis {
            THESIS_REASON_FEATURES
        } else {
            REASON_FEATURES
        };
        let mut contributions = weightiest(x, weights, listed);
        // The offset moves every main-idea decision as a feature would, so a
        // main idea always lists it, after the features.
        if role == Role::MainIdea && rule.is_none() && model.main_idea_offset != 0.0 {
            contributions.push((features::MAIN_IDEA_OFFSET, round3(model.main_idea_offset)));
        }
        // Listed after the features, as the main-idea offset is.
        if let Some(view) = thesis_view.filter(|_| Some(i) == thesis) {
            contributions.push((features::ROLE_MODEL_VIEW, round3(view)));
        }
        let contributions: Vec<(String, f64)> = contributions
            .into_iter()
            .map(|(name, v)| (name.to_owned(), v))
            .collect();
        let confidence = if Some(i) == thesis {
            // The ranker's share among the candidates.
            shares.iter().find(|s| s.0 == i).map_or(1.0, |s| s.1)
        } else {
            p[role_idx]
        };
        let (runners_up, runners_up_features) = if Some(i) == thesis {
            let runners_up = order
                .iter()
                .zip(&scores)
                .skip(1)
                .take(RUNNERS_UP)
                .map(|(&k, &score)| (k as u32, round3(score)))
                .collect();
            (runners_up, runner_up_features.clone())
        } else {
            (Vec::new(), Vec::new())
        };
        roles.push(role);
        reasons.push(RoleReason {
            confidence: round3(confidence),
            features: contributions,
            runners_up,
            runners_up_features,
            score: (Some(i) == thesis)
                .then(|| scores.first().map(|&s| round3(s)))
                .flatten(),
            rule: rule.map(str::to_owned),
        });
    }
    Decision {
        units,
        vectors,
        roles,
        reasons,
        thesis,
    }
}

/// The `k` weightiest shares (value × weight) of the features of `x` under
/// `weights`, weightiest first, ties by name. The bias, the same for every
/// sentence, is left out.
fn weightiest(x: &Vector, weights: &[f32], k: usize) -> Vec<(&'static str, f64)> {
    // Names are copied for the few features kept, not for every one.
    let mut shares: Vec<(&'static str, f64)> = (0..N)
        .filter(|&f| x[f] != 0.0 && weights[f] != 0.0 && NAMES[f] != "bias")
        .map(|f| (NAMES[f], round3(x[f] * weights[f])))
        .collect();
    let weightier =
        |a: &(&str, f64), b: &(&str, f64)| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0));
    // Only the weightiest few are kept: pick them, then order only them.
    if shares.len() > k {
        shares.select_nth_unstable_by(k, weightier);
        shares.truncate(k);
    }
    shares.sort_by(weightier);
    shares
}

fn round3(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The draft of `text` (its first line the title, which is no sentence).
    fn draft_of(text: &str) -> EssayDraft {
        let doc = crate::text::Document::from_bytes("t.txt", text.as_bytes()).unwrap();
        let layout = doc.layout();
        super::super::claims::build(&doc.text, &layout.essays[0])
    }

    /// The sentences of `text` as the role model sees them.
    fn units_of(text: &str) -> Vec<Unit> {
        features::units(&draft_of(text))
    }

    #[test]
    fn an_unanswered_reported_view_is_never_the_thesis() {
        let units = units_of(
            "题目\n\n有人说：读书无用，不如早点挣钱。有人说读书无用，我不赞同。诚然读书辛苦，可它让人明智。我认为读书有益。\n",
        );
        let flags: Vec<bool> = units.iter().map(reports_an_unanswered_view).collect();
        assert_eq!(flags, [true, false, false, false], "{units:?}");
        // And decoding passes over it, whatever the ranker thinks of it.
        let d = decide_text("题目\n\n有人说：读书无用，我们应该早点挣钱。\n\n读书让人明智。\n");
        assert_eq!(d.thesis, Some(1));
    }

    fn decide_text(text: &str) -> Decision {
        decide(&draft_of(text), &MODEL)
    }

    /// A thesis the ranker is unsure of is chosen with the role model's
    /// view added, lists that view among its reasons, and keeps the
    /// ranker's own share as its confidence, so it is still a guess; a
    /// thesis the ranker is sure of is the ranker's alone.
    #[test]
    fn the_role_model_weighs_in_only_when_the_ranker_is_unsure() {
        let listed = |d: &Decision| {
            let t = d.thesis.unwrap();
            let why = &d.reasons[t];
            (
                why.unsure_thesis(),
                why.features
                    .iter()
                    .any(|f| f.0 == features::ROLE_MODEL_VIEW),
            )
        };
        let story = decide_text(
            "那一次\n\n那天下着雨，我走在回家的路上。路边的树叶被风吹得沙沙响。\n\n\
             我想起早上和妈妈吵了一架，心里很难过。我走得很慢，一路上都没有说话。\n\n\
             到了家门口，我看见妈妈站在那里等我，手里拿着伞。她什么也没说，只是把伞递给我。\n\n\
             我们一起吃了晚饭，屋里很暖和。那天晚上，我睡得很香。\n",
        );
        assert_eq!(listed(&story), (true, true), "{:?}", story.reasons);
        let argued = decide_text(
            "论读书\n\n我认为，读书是每个人都应该坚持的好习惯。\n\n首先，读书能增长知识。比如鲁迅从小读书，后来成了大文豪。\n\n其次，读书能陶冶情操。\n\n总之，我们应该多读书。\n",
        );
        assert_eq!(listed(&argued), (false, false), "{:?}", argued.reasons);
    }

    #[test]
    fn shipped_weights_parse_and_round_trip() {
        let m = &*MODEL;
        let again = Model::parse(&m.to_tsv("x")).unwrap();
        assert_eq!(again.main_idea_offset, m.main_idea_offset);
        for r in 0..Role::ALL.len() {
            for f in 0..N {
                assert!((again.roles[r][f] - m.roles[r][f]).abs() < 1e-3);
            }
        }
    }

    /// A weights file with every feature's line: `bias` as given, the
    /// others zero.
    fn weights_file(options: &str, bias: &str) -> String {
        let header = "feature\tintroduction\tthesis\tmain_idea\tevidence\telaboration\tconclusion\tother\tthesis_rank\n";
        let mut out = format!("{options}{header}");
        for name in NAMES {
            let row = if *name == "bias" {
                bias
            } else {
                "0\t0\t0\t0\t0\t0\t0\t0"
            };
            out.push_str(&format!("{name}\t{row}\n"));
        }
        out
    }

    #[test]
    fn weights_files_must_be_whole_and_finite() {
        let zero = "0\t0\t0\t0\t0\t0\t0\t0";
        assert!(Model::parse(&weights_file("", zero)).is_ok());
        for bad in ["NaN", "inf", "1e400"] {
            let e = Model::parse(&weights_file("", &format!("{bad}\t0\t0\t0\t0\t0\t0\t0")))
                .unwrap_err();
            assert!(e.contains("not a usable weight"), "{bad}: {e}");
        }
        // A feature left out, or given twice.
        let full = weights_file("", zero);
        let without: String = full
            .lines()
            .filter(|l| !l.starts_with("heading\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        let e = Model::parse(&without).unwrap_err();
        assert!(e.contains("'heading' has no line"), "{e}");
        let e = Model::parse(&format!("{full}bias\t{zero}\n")).unwrap_err();
        assert!(e.contains("given twice"), "{e}");
        // An option after the header.
        let e = Model::parse(&format!("{full}option\tmain_idea_offset\t1\n")).unwrap_err();
        assert!(e.contains("before the header"), "{e}");
    }

    #[test]
    fn bad_weights_files_are_refused_with_the_line() {
        assert!(Model::parse("").is_err());
        let header = "feature\tintroduction\tthesis\tmain_idea\tevidence\telaboration\tconclusion\tother\tthesis_rank\n";
        let e = Model::parse(&format!("{header}nonsense\t0\t0\t0\t0\t0\t0\t0\t0\n")).unwrap_err();
        assert!(e.contains("unknown feature"), "{e}");
        let e = Model::parse(&format!("{header}bias\t0\t0\n")).unwrap_err();
        assert!(e.contains("columns"), "{e}");
        let e = Model::parse(&format!("{header}bias\t0\tx\t0\t0\t0\t0\t0\t0\n")).unwrap_err();
        assert!(e.contains("not a usable weight"), "{e}");
        let e = Model::parse(&format!("option\tcolour\t1\n{header}")).unwrap_err();
        assert!(e.contains("unknown option 'colour'"), "{e}");
        for bad in ["x", "NaN", "inf"] {
            let e =
                Model::parse(&format!("option\tmain_idea_offset\t{bad}\n{header}")).unwrap_err();
            assert!(e.contains("not a usable weight"), "{e}");
        }
        let twice = "option\tmain_idea_offset\t1\noption\tmain_idea_offset\t5\n";
        let e = Model::parse(&format!("{twice}{header}")).unwrap_err();
        assert!(e.contains("twice"), "{e}");
        let e = Model::parse(&format!("option\tmain_idea_offset\n{header}")).unwrap_err();
        assert!(e.contains("NAME<TAB>VALUE"), "{e}");
    }

    #[test]
    fn the_main_idea_offset_leans_the_decision_toward_main_ideas() {
        let bias = "0\t0\t0\t0\t0.5\t0\t0\t0";
        let plain = Model::parse(&weights_file("", bias)).unwrap();
        let leaning = Model::parse(&weights_file("option\tmain_idea_offset\t1\n", bias)).unwrap();
        assert_eq!(plain.main_idea_offset, 0.0);
        let mut x = [0.0; N];
        x[features::F::bias as usize] = 1.0;
        let mi = Role::MainIdea.index();
        let el = Role::ALL
            .iter()
            .position(|r| *r == Role::Elaboration)
            .unwrap();
        let (p, q) = (plain.probabilities(&x), leaning.probabilities(&x));
        assert!(p[el] > p[mi] && q[mi] > q[el], "{p:?} {q:?}");
    }

    #[test]
    fn a_main_idea_lists_the_offset_among_its_reasons() {
        let text = "论读书\n\n读书使人明智。\n\n读书需要方法。这需要我们静下心来。\n\n总之，要好好读书。\n";
        let doc = crate::text::Document::from_bytes("t.txt", text.as_bytes()).unwrap();
        let draft = super::super::claims::build(&doc.text, &doc.layout().essays[0]);
        let mut model = MODEL.clone();
        model.main_idea_offset = 50.0;
        let d = decide(&draft, &model);
        let mains: Vec<usize> = (0..d.roles.len())
            .filter(|&i| d.roles[i] == Role::MainIdea && d.reasons[i].rule.is_none())
            .collect();
        assert!(!mains.is_empty(), "{:?}", d.roles);
        for i in mains {
            let last = d.reasons[i].features.last().unwrap();
            assert_eq!(last, &(features::MAIN_IDEA_OFFSET.to_owned(), 50.0));
        }
        assert!(d
            .roles
            .iter()
            .zip(&d.reasons)
            .all(|(r, why)| *r == Role::MainIdea
                || why
                    .features
                    .iter()
                    .all(|(f, _)| f != features::MAIN_IDEA_OFFSET)));
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut z = [1.0, 2.0, 3.0];
        softmax(&mut z);
        assert!((z.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(z[2] > z[1] && z[1] > z[0]);
    }
}
