//! Reading an AIF JSON map (`argraph import`): `I` nodes become claims,
//! `RA`/`CA`/`MA` scheme nodes relations between them (docs/formats.md).
//! The map is parsed into typed nodes whose strings borrow from the file's
//! bytes where they can: a `serde_json::Value` tree of every node and its
//! `argraph` object took 4 GB for a map of 300,000 claims. Fields of an
//! unexpected type read as absent, as a tree lookup would.

use crate::error::{Error, Result};
use crate::model::{Claim, ClaimKind, Edge, Essay, Extraction, Relation, Role, Section, Span};
use crate::text::Document;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Deserialize)]
struct Map<'a> {
    #[serde(borrow)]
    nodes: Vec<Node<'a>>,
    edges: Vec<Link>,
    /// The source text: a string, or OVA's `{"txt": ...}`.
    #[serde(default, borrow)]
    text: Object<OvaText<'a>>,
}

#[derive(Deserialize)]
struct Node<'a> {
    #[serde(rename = "nodeID", default)]
    id: Id,
    #[serde(rename = "type", default, borrow)]
    kind: Str<'a>,
    #[serde(default, borrow)]
    text: Str<'a>,
    #[serde(default, borrow)]
    argraph: Object<Meta<'a>>,
}

/// argraph's own details on a node (docs/formats.md).
#[derive(Default, Deserialize)]
#[serde(default)]
struct Meta<'a> {
    #[serde(borrow)]
    essay: Str<'a>,
    #[serde(borrow)]
    essay_title: Str<'a>,
    #[serde(borrow)]
    section_heading: Str<'a>,
    #[serde(borrow)]
    kind: Str<'a>,
    #[serde(borrow)]
    role: Str<'a>,
    #[serde(borrow)]
    relation: Str<'a>,
    #[serde(borrow)]
    marker: Str<'a>,
    #[serde(borrow)]
    rule: Str<'a>,
    hedged: Flag,
    stance: Flag,
    heading: Flag,
    /// The claim's paragraph in its essay, as argraph wrote it.
    paragraph: Count,
    /// The role's confidence and a thesis's score, as argraph wrote them.
    confidence: Real,
    thesis_score: Real,
}

#[derive(Deserialize)]
struct Link {
    #[serde(rename = "fromID", default)]
    from: Id,
    #[serde(rename = "toID", default)]
    to: Id,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct OvaText<'a> {
    #[serde(borrow)]
    txt: Str<'a>,
}

/// Any JSON value, as much of it as a loose field reads: a string (borrowed
/// from the file when it has no escapes), a number as serde_json writes it,
/// a boolean; arrays, objects and null are skipped.
enum Scalar<'a> {
    Str(Cow<'a, str>),
    Number(String),
    Bool(bool),
    Absent,
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Scalar<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Str(Cow::Borrowed(s)))
            }
            fn visit_string<E>(self, s: String) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Str(Cow::Owned(s)))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Str(Cow::Owned(s.to_owned())))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Number(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Number(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Scalar<'a>, E> {
                // As serde_json writes the number (1.0 stays "1.0").
                Ok(serde_json::Number::from_f64(n)
                    .map_or(Scalar::Absent, |x| Scalar::Number(x.to_string())))
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Bool(b))
            }
            fn visit_unit<E>(self) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Absent)
            }
            fn visit_none<E>(self) -> std::result::Result<Scalar<'a>, E> {
                Ok(Scalar::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Scalar<'a>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Absent)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Scalar<'a>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Absent)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A string field; any other value reads as absent.
#[derive(Default)]
struct Str<'a>(Option<Cow<'a, str>>);

impl Str<'_> {
    fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The value without control characters, for text that is stored and
    /// shown (a title, a heading, a marker, a rule), as ingest removes them.
    fn clean(&self) -> Option<String> {
        self.get()
            .map(|s| crate::text::decode::without_controls(s).0.into_owned())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Str(match Scalar::deserialize(d)? {
            Scalar::Str(s) => Some(s),
            _ => None,
        }))
    }
}

/// A node or edge id: maps write them as strings or as numbers.
#[derive(Default)]
struct Id(Option<String>);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Id(match Scalar::deserialize(d)? {
            Scalar::Str(s) => Some(s.into_owned()),
            Scalar::Number(n) => Some(n),
            _ => None,
        }))
    }
}

/// A boolean field; any other value reads as absent.
#[derive(Default)]
struct Flag(Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Flag(match Scalar::deserialize(d)? {
            Scalar::Bool(b) => Some(b),
            _ => None,
        }))
    }
}

/// A number argraph wrote (a confidence, a score); anything else reads as
/// none.
#[derive(Default)]
struct Real(Option<f64>);

impl<'de> Deserialize<'de> for Real {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Real(match Scalar::deserialize(d)? {
            Scalar::Number(n) => n.parse().ok().filter(|x: &f64| x.is_finite()),
            _ => None,
        }))
    }
}

/// A whole number argraph wrote (a paragraph); anything else reads as none.
#[derive(Default)]
struct Count(Option<u32>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Count(match Scalar::deserialize(d)? {
            Scalar::Number(n) => n.parse().ok(),
            _ => None,
        }))
    }
}

/// What an [`Object`] field holds when the map gives a string instead of
/// an object: nothing, unless the type says otherwise.
trait FromText<'a>: Default {
    fn from_text(_text: Cow<'a, str>) -> Self {
        Self::default()
    }
}

impl<'a> FromText<'a> for Meta<'a> {}

/// OVA writes the map's text as `{"txt": ...}`, others as the string itself.
impl<'a> FromText<'a> for OvaText<'a> {
    fn from_text(text: Cow<'a, str>) -> Self {
        OvaText {
            txt: Str(Some(text)),
        }
    }
}

/// An object field read as `T`; a string reads as `T::from_text`, any other
/// value as `T::default()`.
#[derive(Default)]
struct Object<T>(T);

impl<'de: 'a, 'a, T: Deserialize<'de> + FromText<'a>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a, T>(std::marker::PhantomData<(&'a (), T)>);
        impl<'de: 'a, 'a, T: Deserialize<'de> + FromText<'a>> Visitor<'de> for V<'a, T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Object<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Object)
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::from_text(Cow::Borrowed(s))))
            }
            fn visit_string<E>(self, s: String) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::from_text(Cow::Owned(s))))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::from_text(Cow::Owned(s.to_owned()))))
            }
            // Anything else: read it through and take the default.
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_unit<E>(self) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_none<E>(self) -> std::result::Result<Object<T>, E> {
                Ok(Object(T::default()))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Object<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Object(T::default()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Is this `argraph export --format json` (essays, claims and edges, no
/// AIF nodes)? Asked only of a file that is no AIF map.
fn is_argraph_json(bytes: &[u8]) -> bool {
    // Its values are skipped unread: telling the export apart needs only
    // its shape, and it may be hundreds of megabytes.
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Export {
        claims: Vec<IgnoredAny>,
        edges: Vec<IgnoredAny>,
        essays: IgnoredAny,
    }
    serde_json::from_slice::<Export>(bytes).is_ok()
}

fn bad(path: &str, why: impl Into<String>) -> Error {
    Error::input(path, format!("not a usable AIF map: {}", why.into()))
}

/// Reads an AIF JSON map into a document and its extraction, ready to save,
/// with warnings that name what of the map has no place in the graph. Ids
/// are made afresh from the file's hash, as for any ingested document.
pub fn import(path: &str, bytes: &[u8]) -> Result<(Document, Extraction, Vec<String>)> {
    let bytes = crate::text::decode::without_utf8_bom(bytes);
    let map: Map = serde_json::from_slice(bytes).map_err(|e| {
        if is_argraph_json(bytes) {
            Error::input(
                path,
                "is argraph's own JSON export, which import does not read back; to move a graph between bases export it with --format aif (or argdown) and import that, or ingest the essays themselves",
            )
        } else {
            bad(path, e.to_string())
        }
    })?;
    let nodes = &map.nodes;
    let aif_edges = &map.edges;
    // Control characters go, as ingest removes them; an I node with no
    // text (missing, not a string, blank) is no claim, and a node id given
    // twice keeps its first node: both named in a warning below.
    let mut controls = 0;
    let mut clean = |t: &str| {
        let (t, n) = crate::text::decode::without_controls(t);
        controls += n;
        t.trim().to_owned()
    };
    let mut ids_seen = HashSet::new();
    let (mut textless, mut repeated) = (0, 0);
    let mut i_nodes: Vec<&Node> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for n in nodes.iter().filter(|n| n.kind.get() == Some("I")) {
        let text = clean(n.text.get().unwrap_or(""));
        if text.is_empty() {
            textless += 1;
        } else if n
            .id
            .0
            .as_ref()
            .is_some_and(|id| !ids_seen.insert(id.clone()))
        {
            repeated += 1;
        } else {
            i_nodes.push(n);
            texts.push(text);
        }
    }
    if i_nodes.is_empty() {
        return Err(bad(path, "it has no I (claim) nodes with text"));
    }
    // The map's own text when every claim can be found in it in order;
    // otherwise the claims themselves, one paragraph each.
    let given = crate::text::decode::without_controls(map.text.0.txt.get().unwrap_or(""))
        .0
        .into_owned();
    let spans_in = |text: &str| -> Option<Vec<(usize, usize)>> {
        let mut from = 0;
        let mut out = Vec::new();
        for t in &texts {
            let at = text[from..].find(t.as_str()).map(|i| i + from)?;
            out.push((at, at + t.len()));
            from = at + t.len();
        }
        Some(out)
    };
    let (text, byte_spans) = match spans_in(&given) {
        Some(s) if !given.trim().is_empty() => (given, s),
        _ => {
            let joined = texts.join("\n\n");
            let s = spans_in(&joined).expect("joined text holds every claim");
            (joined, s)
        }
    };
    let doc = Document::imported(path, bytes, text, "aif");
    let short = |what: &str, a: usize, b: usize| crate::model::content_id(&doc.hash, what, a, b);
    // Claims come in text order: one forward pass, not a count from the
    // start for every claim (quadratic on a large map).
    let mut chars = crate::text::CharIndex::new(&doc.text);

    let fallback_title = super::map_title(path);
    let mut ex = Extraction::default();
    let mut essay_index: HashMap<String, usize> = HashMap::new();
    let mut aif_to_claim: HashMap<String, String> = HashMap::new();
    // Claims so far in each essay, and each (essay, heading)'s section: kept
    // as the claims come, so a map of any size is read in one pass.
    let mut claims_in_essay: Vec<usize> = Vec::new();
    // Where each essay's previous claim started, and its paragraph: a map
    // that does not say a claim's paragraph (a foreign one) has it counted
    // from the line breaks of the text, as far as the previous claim.
    let mut paragraph_at: Vec<Option<(usize, u32)>> = Vec::new();
    let mut section_of: HashMap<(usize, String), usize> = HashMap::new();
    for (i, n) in i_nodes.iter().enumerate() {
        let meta = &n.argraph.0;
        // argraph's own map says whether the essay had a title (null: it
        // had none, and gets none back); a foreign map is named after its file.
        let title = match (meta.essay_title.clean(), meta.essay.get()) {
            (Some(t), _) => Some(t),
            (None, Some(_)) => None,
            (None, None) => Some(fallback_title.clone()),
        };
        let key = meta.essay.get().unwrap_or("").to_owned();
        let ei = *essay_index.entry(key).or_insert_with(|| {
            let ord = ex.essays.len();
            ex.essays.push(Essay {
                id: short("essay", ord, 0),
                ord: ord as u32,
                title: title.clone(),
                span: Span { start: 0, end: 0 },
                sections: Vec::new(),
            });
            claims_in_essay.push(0);
            paragraph_at.push(None);
            ord
        });
        let (s, e) = byte_spans[i];
        let paragraph = meta.paragraph.0.unwrap_or_else(|| match paragraph_at[ei] {
            None => 0,
            Some((from, p)) => p + line_break_runs(&doc.text[from..s]),
        });
        paragraph_at[ei] = Some((s, paragraph));
        let span = Span {
            start: chars.chars_at(s),
            end: chars.chars_at(e),
        };
        let essay = &mut ex.essays[ei];
        if essay.span == (Span { start: 0, end: 0 }) {
            essay.span.start = span.start;
        }
        essay.span.end = span.end;
        let section = meta.section_heading.clean().map(|h| {
            let k = *section_of.entry((ei, h.clone())).or_insert_with(|| {
                let ord = essay.sections.len();
                essay.sections.push(Section {
                    id: short("section", ei, ord),
                    ord: ord as u32,
                    heading: Some(h.clone()),
                    span,
                });
                ord
            });
            essay.sections[k].span.end = span.end;
            essay.sections[k].id.clone()
        });
        let kind = meta
            .kind
            .get()
            .and_then(|k| k.parse().ok())
            .unwrap_or(ClaimKind::Premise);
        let id = short("claim", span.start, span.end);
        if let Some(aif_id) = &n.id.0 {
            aif_to_claim.insert(aif_id.clone(), id.clone());
        }
        let ord = claims_in_essay[ei];
        claims_in_essay[ei] += 1;
        ex.claims.push(Claim {
            id,
            essay: essay.id.clone(),
            section,
            ord: ord as u32,
            paragraph,
            kind,
            text: texts[i].clone(),
            span,
            hedged: meta.hedged.0.unwrap_or(false),
            stance: meta.stance.0.unwrap_or(false),
            heading: meta.heading.0.unwrap_or(false),
            role: meta
                .role
                .get()
                .and_then(|r| r.parse().ok())
                .filter(|r: &Role| r.kind() == kind)
                .unwrap_or(Role::for_kind(kind)),
            why: meta
                .confidence
                .0
                .map(|c| crate::model::RoleReason::carried(c, meta.thesis_score.0)),
            evidence: None,
        });
    }
    let schemes: HashMap<&str, &Node> = nodes
        .iter()
        .filter(|n| matches!(n.kind.get(), Some("RA" | "CA" | "MA")))
        .filter_map(|n| n.id.0.as_deref().map(|id| (id, n)))
        .collect();
    // The claims on each side of each scheme, from one pass over the AIF
    // edges (asking every edge for every scheme was quadratic: hours on a
    // map of 300,000 claims).
    let mut into_scheme: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out_of_scheme: HashMap<&str, Vec<String>> = HashMap::new();
    for e in aif_edges {
        let (Some(from), Some(to)) = (e.from.0.as_deref(), e.to.0.as_deref()) else {
            continue;
        };
        if schemes.contains_key(to) {
            if let Some(c) = aif_to_claim.get(from) {
                into_scheme.entry(to).or_default().push(c.clone());
            }
        }
        if schemes.contains_key(from) {
            if let Some(c) = aif_to_claim.get(to) {
                out_of_scheme.entry(from).or_default().push(c.clone());
            }
        }
    }
    let mut warnings = Vec::new();
    if textless > 0 {
        warnings.push(format!(
            "left out {textless} I node(s) with no text (missing, not a string, or blank), and their relations"
        ));
    }
    if repeated > 0 {
        warnings.push(format!(
            "left out {repeated} I node(s) whose nodeID an earlier node has (the first keeps it)"
        ));
    }
    if controls > 0 {
        warnings.push(format!(
            "removed {controls} control character(s) (terminal escapes, NUL and the like) from the claims"
        ));
    }
    // Node types argraph has no place for (locutions, transitions,
    // illocutions, preferences), named with their counts.
    let mut ignored: std::collections::BTreeMap<String, usize> = Default::default();
    for n in nodes {
        let t = n.kind.get().unwrap_or("(no type)");
        if !matches!(t, "I" | "RA" | "CA" | "MA") {
            *ignored.entry(t.to_owned()).or_default() += 1;
        }
    }
    if !ignored.is_empty() {
        let list: Vec<String> = ignored.iter().map(|(t, n)| format!("{n} {t}")).collect();
        warnings.push(format!(
            "left out {} (argraph keeps I nodes as claims and RA/CA/MA nodes as relations)",
            list.join(", ")
        ));
    }
    let known: HashSet<&str> = nodes.iter().filter_map(|n| n.id.0.as_deref()).collect();
    let dangling: Vec<&str> = aif_edges
        .iter()
        .flat_map(|e| [e.from.0.as_deref(), e.to.0.as_deref()])
        .map(|id| id.unwrap_or("(none)"))
        .filter(|id| !known.contains(id))
        .collect();
    if !dangling.is_empty() {
        let mut ids = dangling.clone();
        ids.sort();
        ids.dedup();
        let shown: Vec<&str> = ids.iter().take(5).copied().collect();
        warnings.push(format!(
            "left out {} edge end(s) naming a node the map does not hold ({}{})",
            dangling.len(),
            shown.join(", "),
            if ids.len() > shown.len() { ", …" } else { "" }
        ));
    }
    let none: Vec<String> = Vec::new();
    let mut unjoined: Vec<&str> = Vec::new();
    for (sid, s) in schemes.iter().collect::<std::collections::BTreeMap<_, _>>() {
        let relation = s
            .argraph
            .0
            .relation
            .get()
            .and_then(|r| r.parse().ok())
            .unwrap_or(match s.kind.get() {
                Some("CA") => Relation::Attacks,
                Some("MA") => Relation::Restates,
                _ => Relation::Supports,
            });
        let froms = into_scheme.get(*sid).unwrap_or(&none);
        let tos = out_of_scheme.get(*sid).unwrap_or(&none);
        if froms.is_empty() || tos.is_empty() {
            unjoined.push(sid);
        }
        for from in froms {
            for to in tos {
                if from != to {
                    ex.edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        relation,
                        marker: s.argraph.0.marker.clean(),
                        rule: s
                            .argraph
                            .0
                            .rule
                            .clean()
                            .unwrap_or_else(|| format!("aif:{}", s.kind.get().unwrap_or("RA"))),
                    });
                }
            }
        }
    }
    if !unjoined.is_empty() {
        let shown: Vec<&str> = unjoined.iter().take(5).copied().collect();
        warnings.push(format!(
            "left out {} relation node(s) without a claim on both sides ({}{})",
            unjoined.len(),
            shown.join(", "),
            if unjoined.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    ex.edges.sort();
    ex.edges
        .dedup_by(|a, b| a.from == b.from && a.to == b.to && a.relation == b.relation);
    choose_major_claims(&mut ex);
    crate::text::script::index_imported(&doc.text, &mut ex);
    Ok((doc, ex, warnings))
}

/// Every essay needs its one major claim. A map from another tool has no
/// kinds: the root conclusion takes the role — a claim the inferences point
/// to that points to nothing itself, the one the most claims reach — else
/// the first claim. (Taking the first node made a premise the thesis when a
/// map lists premises first.)
fn choose_major_claims(ex: &mut Extraction) {
    // Claims by essay, and the edges' ends, gathered once for all essays.
    let mut members_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in ex.claims.iter().enumerate() {
        members_of.entry(c.essay.as_str()).or_default().push(i);
    }
    let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut points_out: HashSet<&str> = HashSet::new();
    for e in &ex.edges {
        incoming
            .entry(e.to.as_str())
            .or_default()
            .push(e.from.as_str());
        points_out.insert(e.from.as_str());
    }
    let mut chosen: Vec<usize> = Vec::new();
    for essay in &ex.essays {
        let members = members_of
            .get(essay.id.as_str())
            .map_or(&[][..], |m| &m[..]);
        if members
            .iter()
            .any(|&i| ex.claims[i].kind == ClaimKind::MajorClaim)
        {
            continue;
        }
        let id = |i: usize| ex.claims[i].id.as_str();
        // How many claims reach `i` along edges (each counted once).
        let reach = |i: usize| {
            let mut seen: HashSet<&str> = HashSet::from([id(i)]);
            let mut stack = vec![id(i)];
            while let Some(c) = stack.pop() {
                for &from in incoming.get(c).into_iter().flatten() {
                    if seen.insert(from) {
                        stack.push(from);
                    }
                }
            }
            seen.len() - 1
        };
        let root = members
            .iter()
            .copied()
            .filter(|&i| !points_out.contains(id(i)) && incoming.contains_key(id(i)))
            .map(|i| (reach(i), std::cmp::Reverse(i)))
            .filter(|(n, _)| *n > 0)
            .max()
            .map(|(_, std::cmp::Reverse(i))| i)
            .or(members.first().copied());
        chosen.extend(root);
    }
    for i in chosen {
        ex.claims[i].kind = ClaimKind::MajorClaim;
        ex.claims[i].role = Role::Thesis;
    }
}

/// Runs of line breaks in `text`: the paragraph breaks a claim passes.
fn line_break_runs(text: &str) -> u32 {
    let mut runs = 0;
    let mut in_run = false;
    for c in text.chars() {
        if c == '\n' {
            if !in_run {
                runs += 1;
            }
            in_run = true;
        } else if !c.is_whitespace() {
            in_run = false;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_without_text_twice_given_ids_and_control_characters() {
        let map = "\u{feff}{\"nodes\":[
            {\"nodeID\":\"a\",\"text\":\"\\u0000我认为如此。\",\"type\":\"I\"},
            {\"nodeID\":\"b\",\"text\":null,\"type\":\"I\"},
            {\"nodeID\":\"c\",\"text\":7,\"type\":\"I\"},
            {\"nodeID\":\"d\",\"text\":\"  \",\"type\":\"I\"},
            {\"nodeID\":\"a\",\"text\":\"又一个同名的节点。\",\"type\":\"I\"}],
          \"edges\":[]}";
        let (doc, ex, warnings) = import("m.json", map.as_bytes()).unwrap();
        let texts: Vec<&str> = ex.claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["我认为如此。"]);
        assert!(!doc.text.contains('\0'));
        for said in [
            "3 I node(s) with no text",
            "1 I node(s) whose nodeID",
            "1 control character",
        ] {
            assert!(
                warnings.iter().any(|w| w.contains(said)),
                "{said}: {warnings:?}"
            );
        }
        let none = r#"{"nodes":[{"nodeID":"b","text":"","type":"I"}],"edges":[]}"#;
        let e = import("n.json", none.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("no I (claim) nodes with text"), "{e}");
    }

    #[test]
    fn loose_fields_read_as_a_tree_lookup_would() {
        // Numeric ids (1 and 1.0 differ, as serde_json writes them), an
        // `argraph` that is not an object, OVA's text object, escapes.
        let map = r#"{"nodes":[
            {"nodeID":1,"text":"读书使人明智。","type":"I","argraph":3},
            {"nodeID":2.0,"text":"古人\u52e4学。","type":"I","argraph":{"hedged":"yes","kind":7}},
            {"nodeID":"s","text":"Default Inference","type":"RA","argraph":{"relation":"exemplifies"}},
            {"nodeID":9,"text":5,"type":["I"]}],
          "edges":[{"fromID":2.0,"toID":"s"},{"fromID":"s","toID":1},{"fromID":null,"toID":{}}],
          "text":{"txt":"读书使人明智。古人勤学。","other":[1,2]}}"#;
        let (doc, ex, warnings) = import("m.json", map.as_bytes()).unwrap();
        assert_eq!(doc.text, "读书使人明智。古人勤学。");
        let texts: Vec<&str> = ex.claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["读书使人明智。", "古人勤学。"]);
        assert!(ex.claims.iter().all(|c| !c.hedged));
        assert_eq!(ex.edges.len(), 1);
        assert_eq!(ex.edges[0].relation, Relation::Exemplifies);
        assert_eq!(ex.claims[0].kind, ClaimKind::MajorClaim);
        // The node with no usable type, and the edge naming none.
        assert!(
            warnings.iter().any(|w| w.contains("1 (no type)")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("(none)")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_map_without_nodes_or_claims_is_refused() {
        for (map, why) in [
            (r#"{"edges":[]}"#, "nodes"),
            (r#"{"nodes":3,"edges":[]}"#, "invalid type"),
            (
                r#"{"nodes":[{"nodeID":"1","type":"RA"}],"edges":[]}"#,
                "no I (claim) nodes",
            ),
        ] {
            let e = import("m.json", map.as_bytes()).unwrap_err().to_string();
            assert!(e.contains("not a usable AIF map") && e.contains(why), "{e}");
        }
        // argraph's own JSON export is named as such.
        let export = r#"{"essays":[],"claims":[],"edges":[]}"#;
        let e = import("g.json", export.as_bytes()).unwrap_err().to_string();
        assert!(
            e.contains("argraph's own JSON export") && e.contains("--format aif"),
            "{e}"
        );
    }
}
