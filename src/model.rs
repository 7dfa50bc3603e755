//! Plain data types that flow between the stages: extraction produces them,
//! the store saves and loads them, graph/export/audit read them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A half-open range of character (Unicode scalar) offsets into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// The essay's thesis: exactly one per essay.
    MajorClaim,
    /// A section heading or a sentence carrying the author's stance.
    Claim,
    /// Everything offered in support of (or against) a claim.
    Premise,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 3] = [ClaimKind::MajorClaim, ClaimKind::Claim, ClaimKind::Premise];
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::MajorClaim => "major_claim",
            ClaimKind::Claim => "claim",
            ClaimKind::Premise => "premise",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClaimKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown claim kind '{s}' (expected major_claim, claim or premise)")
            })
    }
}

/// A claim's discourse role in its essay: the scheme used for Chinese student
/// argumentative essays (docs/extraction.md). `kind` follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Opening material that leads into the topic; not the author's position.
    Introduction,
    /// The author's central position (中心论点).
    Thesis,
    /// A body paragraph's sub-claim (分论点).
    MainIdea,
    /// Concrete facts: examples, cases, named people, data (事实论据).
    Evidence,
    /// Reasoning: explanation, analysis, comparisons, sayings (道理论据).
    Elaboration,
    /// The closing summing-up, restatement and calls to action.
    Conclusion,
    /// No argumentative role (inner titles, signatures, stray marks).
    Other,
}

// `Role::index` is the declaration order: `Role::ALL` must list the roles in it.
const _: () = {
    let mut i = 0;
    while i < Role::ALL.len() {
        assert!(Role::ALL[i] as usize == i);
        i += 1;
    }
};

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Introduction,
        Role::Thesis,
        Role::MainIdea,
        Role::Evidence,
        Role::Elaboration,
        Role::Conclusion,
        Role::Other,
    ];
    /// Position in [`Role::ALL`]: the role's row in the weights file.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Introduction => "introduction",
            Role::Thesis => "thesis",
            Role::MainIdea => "main_idea",
            Role::Evidence => "evidence",
            Role::Elaboration => "elaboration",
            Role::Conclusion => "conclusion",
            Role::Other => "other",
        }
    }

    /// The role a claim of `kind` has when nothing else says (an imported
    /// map, a database from before roles).
    pub fn for_kind(kind: ClaimKind) -> Role {
        match kind {
            ClaimKind::MajorClaim => Role::Thesis,
            ClaimKind::Claim => Role::MainIdea,
            ClaimKind::Premise => Role::Elaboration,
        }
    }

    /// The claim kind a role implies. A conclusion restates the author's
    /// position, so it is a claim; introduction and other material is
    /// offered around the argument, so it counts with the premises.
    pub fn kind(self) -> ClaimKind {
        match self {
            Role::Thesis => ClaimKind::MajorClaim,
            Role::MainIdea | Role::Conclusion => ClaimKind::Claim,
            Role::Evidence | Role::Elaboration | Role::Introduction | Role::Other => {
                ClaimKind::Premise
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_lowercase().replace([' ', '-'], "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == norm)
            .ok_or_else(|| {
                format!("unknown role '{s}' (expected introduction, thesis, main_idea, evidence, elaboration, conclusion or other)")
            })
    }
}

/// Why a claim got its role: the features that weighed most for it, and for
/// a thesis the candidates it beat. Stored with the claim for `show`.
/// Written out (JSON), a thesis the ranker chose also says whether it is a
/// guess (`unsure`, [`RoleReason::unsure_thesis`]), so every command's JSON
/// carries what `list` shows as `thesis?`; read back, that is ignored and
/// asked again.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RoleReason {
    /// Probability the model gave the chosen role.
    pub confidence: f64,
    /// (feature, value × weight) for the chosen role, largest first.
    pub features: Vec<(String, f64)>,
    /// For a thesis: the next best candidates, as (claim ord, score).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runners_up: Vec<(u32, f64)>,
    /// For a thesis: the weightiest features of each runner-up in the
    /// ranker, beside `runners_up` (what the reader sets against the
    /// thesis's own: why it came second). Empty in bases saved before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runners_up_features: Vec<Vec<(String, f64)>>,
    /// For a thesis: its own score from the thesis ranker, to set beside
    /// the runners-up's (with the role model's view added to each when the
    /// ranker was unsure: `roles::ROLE_MODEL_VIEW_WEIGHT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// When a fixed rule of the genre set the role rather than the model
    /// (a heading, an explicit stance, prompt material, an epigraph's
    /// credit line): the rule, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Serialize for RoleReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The fields in their order, and `unsure` beside the score.
        #[derive(Serialize)]
        struct Written<'a> {
            confidence: f64,
            features: &'a [(String, f64)],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            runners_up: &'a [(u32, f64)],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            runners_up_features: &'a [Vec<(String, f64)>],
            #[serde(skip_serializing_if = "Option::is_none")]
            score: Option<f64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unsure: Option<bool>,
            #[serde(skip_serializing_if = "Option::is_none")]
            rule: Option<&'a str>,
        }
        Written {
            confidence: self.confidence,
            features: &self.features,
            runners_up: &self.runners_up,
            runners_up_features: &self.runners_up_features,
            score: self.score,
            unsure: self.score.map(|_| self.unsure_thesis()),
            rule: self.rule.as_deref(),
        }
        .serialize(s)
    }
}

/// How the features a thesis's reasons leave out are named, as one line
/// ([`RoleReason::unlisted_share`]): (code, what it means).
pub const UNLISTED_FEATURES: (&str, &str) = ("…", "the other features together");

/// A thesis whose best runner-up scores within this much of it is a close
/// call. On the 35 annotated essays (shipped weights, so optimistic), 2 of
/// the 8 theses chosen by less were right, against 22 of the 28 chosen by
/// more (docs/extraction.md).
pub const CLOSE_CALL_MARGIN: f64 = 0.5;

/// `share` as a whole percentage, rounded down: a share under a threshold
/// never reads as the threshold itself (0.398 is 39%, not 40%).
pub fn percent_below(share: f64) -> String {
    format!("{:.0}%", (share * 100.0).floor())
}

/// A thesis the ranker gave less than this share among the candidates is a
/// guess. Cross-validated (weights fitted without the essay), theses chosen
/// with less were right in 7 of 18 of the 35 annotated essays and 18 of 44
/// of our 79; those chosen with more, in 17 of 18 and 28 of 35
/// (`scripts/thesis_confidence.py`; docs/extraction.md, "How sure the
/// thesis is").
pub const UNSURE_THESIS_CONFIDENCE: f64 = 0.4;

impl RoleReason {
    /// What an AIF or Argdown map argraph wrote carries of a claim's reason:
    /// the role's confidence and a thesis's score, enough to tell a guessed
    /// thesis after a round trip (`show`, the audit); the features and the
    /// runners-up stay behind.
    pub fn carried(confidence: f64, score: Option<f64>) -> RoleReason {
        RoleReason {
            confidence,
            score,
            ..RoleReason::default()
        }
    }

    /// The guess flag the exports carry: for a thesis the ranker chose,
    /// whether it is a guess ([`RoleReason::unsure_thesis`]); None for any
    /// other claim.
    pub fn thesis_guess(&self) -> Option<bool> {
        self.score.is_some().then(|| self.unsure_thesis())
    }

    /// For a thesis the ranker chose: did it give it less than
    /// [`UNSURE_THESIS_CONFIDENCE`]? (Never for a thesis a fixed rule set.)
    pub fn unsure_thesis(&self) -> bool {
        self.score.is_some() && self.rule.is_none() && self.confidence < UNSURE_THESIS_CONFIDENCE
    }

    /// For a thesis, the share of its score the listed features leave out
    /// (only the weightiest are kept; the ranker's bias is in it too), so
    /// the lines a reader is shown add up to the score; None when they
    /// already do, or for another role.
    pub fn unlisted_share(&self) -> Option<f64> {
        let rest = self.score? - self.features.iter().map(|f| f.1).sum::<f64>();
        // To the thousandth, as the stored shares are.
        let rest = (rest * 1000.0).round() / 1000.0;
        (rest.abs() >= 0.005).then_some(rest)
    }

    /// What `show` and the HTML report say of a thesis that may well be
    /// the wrong sentence: a guess, or a close call.
    pub fn doubt_note(&self) -> Option<String> {
        if self.unsure_thesis() {
            return Some(format!(
                "a guess: the ranker gave this sentence {} among the candidates; on annotated essays such theses were right about two times in five — read the runners-up",
                percent_below(self.confidence)
            ));
        }
        self.close_call_note()
    }

    /// For a thesis: how far ahead of its best runner-up the ranker put it,
    /// when there was one.
    pub fn margin(&self) -> Option<f64> {
        let best = self.runners_up.iter().map(|r| r.1).reduce(f64::max)?;
        Some(self.score? - best)
    }

    /// A thesis chosen by less than [`CLOSE_CALL_MARGIN`]: worth checking
    /// against its runners-up.
    pub fn close_call(&self) -> bool {
        self.margin().is_some_and(|m| m < CLOSE_CALL_MARGIN)
    }

    /// What `show` and the HTML report say of a close call.
    pub fn close_call_note(&self) -> Option<String> {
        let margin = self.margin().filter(|_| self.close_call())?;
        Some(format!(
            "close call: the best runner-up scores within {margin:.2} of it; read the runners-up before relying on this thesis"
        ))
    }
}

/// How one claim bears on another. The edge runs from the reason, example,
/// objection or paraphrase to the claim it bears on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Supports,
    Attacks,
    Exemplifies,
    Restates,
    Elaborates,
}

impl Relation {
    /// How a group of neighbours reads from one claim's side: what bears on
    /// it (`incoming`) or what it bears on.
    pub fn reads_as(self, incoming: bool) -> &'static str {
        match (self, incoming) {
            (Relation::Supports, true) => "supported by",
            (Relation::Attacks, true) => "attacked by",
            (Relation::Exemplifies, true) => "examples",
            (Relation::Restates, true) => "restated by",
            (Relation::Elaborates, true) => "elaborated by",
            (Relation::Supports, false) => "supports",
            (Relation::Attacks, false) => "attacks",
            (Relation::Exemplifies, false) => "exemplifies",
            (Relation::Restates, false) => "restates",
            (Relation::Elaborates, false) => "elaborates",
        }
    }

    pub const ALL: [Relation; 5] = [
        Relation::Supports,
        Relation::Attacks,
        Relation::Exemplifies,
        Relation::Restates,
        Relation::Elaborates,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Attacks => "attacks",
            Relation::Exemplifies => "exemplifies",
            Relation::Restates => "restates",
            Relation::Elaborates => "elaborates",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("unknown relation '{s}' (expected supports, attacks, exemplifies, restates or elaborates)")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Essay {
    pub id: String,
    pub ord: u32,
    pub title: Option<String>,
    pub span: Span,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub ord: u32,
    /// None for the untitled opening part of an essay.
    pub heading: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub essay: String,
    pub section: Option<String>,
    /// Position of the claim in its essay, from 0.
    pub ord: u32,
    /// Paragraph number within the essay, from 0.
    pub paragraph: u32,
    pub kind: ClaimKind,
    pub text: String,
    pub span: Span,
    pub hedged: bool,
    /// The sentence states the author's own position (我认为, 在我看来...).
    pub stance: bool,
    /// The claim is its section's heading.
    pub heading: bool,
    /// Discourse role in the essay (`kind` follows from it).
    pub role: Role,
    /// Why the claim got its role (absent for imported maps).
    pub why: Option<RoleReason>,
    /// Names concrete evidence — a person, place or organisation, a
    /// Latin-script name, a number or a date (`extract::evidence`) — as
    /// decided at ingest; None where not known (imported maps, older bases).
    /// Kept for the audit, not part of the exchange formats.
    #[serde(skip)]
    pub evidence: Option<bool>,
}

impl Claim {
    /// The role as every view names it: `thesis?` for a thesis the ranker
    /// only guessed at ([`RoleReason::unsure_thesis`]).
    pub fn role_name(&self) -> String {
        let unsure = self.why.as_ref().is_some_and(|w| w.unsure_thesis());
        format!("{}{}", self.role.as_str(), if unsure { "?" } else { "" })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    pub marker: Option<String>,
    /// Name of the extraction rule that made the edge (`default` for scaffold edges).
    pub rule: String,
}

/// A weighted key term of one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimTerm {
    pub claim: String,
    pub term: String,
    pub weight: f64,
}

/// Everything extracted from one document, ready to store.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub essays: Vec<Essay>,
    pub claims: Vec<Claim>,
    pub edges: Vec<Edge>,
    pub terms: Vec<ClaimTerm>,
    /// The words the search index holds for each claim (in `claims` order),
    /// segmented with the rest of the analysis so the single writer does
    /// not segment. Empty when a producer leaves it to the store.
    #[serde(skip)]
    pub search_words: Vec<String>,
    /// Which role weights read the document ([`crate::extract::roles::weights_id`]);
    /// None for an imported map, whose roles no model chose.
    #[serde(skip)]
    pub role_weights: Option<String>,
}

/// Characters of an id shown to people: four come from the document's hash,
/// so twelve leave 32 bits to tell a document's claims apart.
pub const SHORT_ID_CHARS: usize = 12;

/// The short form of an id shown to people (commands accept any unique prefix).
pub fn short_id(id: &str) -> &str {
    id.get(..SHORT_ID_CHARS).unwrap_or(id)
}

/// Hex characters of an id taken from its document's hash.
pub const ID_DOCUMENT_PREFIX: usize = 4;

/// The id of an essay, section or claim: 16 hex characters, the first
/// [`ID_DOCUMENT_PREFIX`] from the document's hash and the rest from
/// `blake3("{doc_hash}:{what}:{a}:{b}")`. Content-addressed (same bytes,
/// same ids), and a document's ids sort together, so the id indexes take
/// each document's rows in one place instead of at random: on a 100 MB
/// ingest that made the writer a fifth faster (docs/performance.md).
pub fn content_id(doc_hash: &str, what: &str, a: usize, b: usize) -> String {
    let h = blake3::hash(format!("{doc_hash}:{what}:{a}:{b}").as_bytes());
    let prefix = doc_hash.get(..ID_DOCUMENT_PREFIX).unwrap_or("");
    let mut id = String::with_capacity(16);
    id.push_str(prefix);
    id.push_str(&h.to_hex()[..16 - prefix.len()]);
    id
}
