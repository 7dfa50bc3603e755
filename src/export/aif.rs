//! The Argument Interchange Format (AIF) JSON of ARG-tech's OVA and AIFdb,
//! both ways. Claims are `I` nodes; every relation becomes a scheme node
//! between its two claims (`RA` for supports, exemplifies and elaborates,
//! `CA` for attacks, `MA` for restates) with untyped `fromID`/`toID` edges.
//! argraph's own details (kind, marker, rule...) ride along in an `argraph`
//! object on each node, which other tools ignore and `import` reads back.

use crate::error::{Error, Result};
use crate::extract::terms;
use crate::model::{Claim, ClaimKind, Edge, Essay, Extraction, Relation, Role, Section, Span};
use crate::store::StoredGraph;
use crate::text::Document;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

fn scheme(r: Relation) -> (&'static str, &'static str) {
    match r {
        Relation::Supports => ("RA", "Default Inference"),
        Relation::Exemplifies => ("RA", "Argument From Example"),
        Relation::Elaborates => ("RA", "Elaboration"),
        Relation::Attacks => ("CA", "Default Conflict"),
        Relation::Restates => ("MA", "Default Rephrase"),
    }
}

/// `texts`: the text of each document in the graph, in essay order.
pub fn render(g: &StoredGraph, texts: &[String]) -> String {
    let mut out = Vec::new();
    write(g, texts, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the map to `w` one node and edge at a time: building the whole
/// document as a JSON value first cost about 12 KB per claim (a 300,000-claim
/// base peaked at 3.75 GB). Keys come in the order a JSON object value
/// sorts them, so the bytes are those of `to_string_pretty` on the value.
pub fn write(
    g: &StoredGraph,
    texts: &[String],
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use serde::ser::{SerializeMap, Serializer};
    let index = crate::store::GraphIndex::new(g);
    let edges = Lazy(|| {
        g.edges.iter().enumerate().flat_map(|(i, e)| {
            let sid = format!("s{i}");
            [
                json!({"edgeID": format!("e{}", 2 * i), "fromID": e.from, "toID": sid, "formEdgeID": null}),
                json!({"edgeID": format!("e{}", 2 * i + 1), "fromID": sid, "toID": e.to, "formEdgeID": null}),
            ]
        })
    });
    let nodes = Lazy(|| {
        let claims = g.claims.iter().map(|c| {
            json!({
                "nodeID": c.id,
                "text": c.text,
                "type": "I",
                "timestamp": "",
                "argraph": {
                    "kind": c.kind,
                    "role": c.role,
                    "hedged": c.hedged,
                    "stance": c.stance,
                    "heading": c.heading,
                    "essay": c.essay,
                    "essay_title": index.essay_title(c),
                    "section_heading": index.section_heading(c),
                }
            })
        });
        let schemes = g.edges.iter().enumerate().map(|(i, e)| {
            let (kind, name) = scheme(e.relation);
            json!({
                "nodeID": format!("s{i}"),
                "text": name,
                "type": kind,
                "timestamp": "",
                "argraph": {"relation": e.relation, "marker": e.marker, "rule": e.rule}
            })
        });
        claims.chain(schemes)
    });
    let mut ser = serde_json::Serializer::pretty(&mut *w);
    let written: serde_json::Result<()> = (|| {
        let mut map = ser.serialize_map(Some(4))?;
        map.serialize_entry("edges", &edges)?;
        map.serialize_entry("locutions", &[0u8; 0])?;
        map.serialize_entry("nodes", &nodes)?;
        map.serialize_entry("text", &texts.join("\n\n"))?;
        map.end()
    })();
    written.map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

/// A sequence serialized from an iterator made on demand, one item alive
/// at a time.
struct Lazy<F>(F);

impl<F, I> serde::Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// An AIF node or edge id: maps write them as strings or as numbers.
fn json_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    }
}

fn bad(path: &str, why: impl Into<String>) -> Error {
    Error::input(path, format!("not a usable AIF map: {}", why.into()))
}

/// Reads an AIF JSON map into a document and its extraction, ready to save,
/// with warnings that name what of the map has no place in the graph. Ids
/// are made afresh from the file's hash, as for any ingested document.
pub fn import(path: &str, bytes: &[u8]) -> Result<(Document, Extraction, Vec<String>)> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| bad(path, e.to_string()))?;
    let nodes = v["nodes"]
        .as_array()
        .ok_or_else(|| bad(path, "no \"nodes\" array"))?;
    let aif_edges = v["edges"]
        .as_array()
        .ok_or_else(|| bad(path, "no \"edges\" array"))?;
    let i_nodes: Vec<&Value> = nodes.iter().filter(|n| n["type"] == "I").collect();
    if i_nodes.is_empty() {
        return Err(bad(path, "it has no I (claim) nodes"));
    }
    let texts: Vec<String> = i_nodes
        .iter()
        .map(|n| n["text"].as_str().unwrap_or("").trim().to_owned())
        .collect();
    // The map's own text when every claim can be found in it in order;
    // otherwise the claims themselves, one paragraph each.
    let given = match &v["text"] {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get("txt")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        _ => String::new(),
    };
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
    let mut section_of: HashMap<(usize, String), usize> = HashMap::new();
    for (i, n) in i_nodes.iter().enumerate() {
        let meta = &n["argraph"];
        let title = meta["essay_title"].as_str().map(str::to_owned);
        let key = meta["essay"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| "".to_owned());
        let ei = *essay_index.entry(key).or_insert_with(|| {
            let ord = ex.essays.len();
            ex.essays.push(Essay {
                id: short("essay", ord, 0),
                ord: ord as u32,
                title: title.clone().or_else(|| Some(fallback_title.clone())),
                span: Span { start: 0, end: 0 },
                sections: Vec::new(),
            });
            claims_in_essay.push(0);
            ord
        });
        let (s, e) = byte_spans[i];
        let span = Span {
            start: chars.chars_at(s),
            end: chars.chars_at(e),
        };
        let essay = &mut ex.essays[ei];
        if essay.span == (Span { start: 0, end: 0 }) {
            essay.span.start = span.start;
        }
        essay.span.end = span.end;
        let section = meta["section_heading"].as_str().map(|h| {
            let k = *section_of.entry((ei, h.to_owned())).or_insert_with(|| {
                let ord = essay.sections.len();
                essay.sections.push(Section {
                    id: short("section", ei, ord),
                    ord: ord as u32,
                    heading: Some(h.to_owned()),
                    span,
                });
                ord
            });
            essay.sections[k].span.end = span.end;
            essay.sections[k].id.clone()
        });
        let kind = meta["kind"]
            .as_str()
            .and_then(|k| k.parse().ok())
            .unwrap_or(ClaimKind::Premise);
        let id = short("claim", span.start, span.end);
        if let Some(aif_id) = json_id(&n["nodeID"]) {
            aif_to_claim.insert(aif_id, id.clone());
        }
        let ord = claims_in_essay[ei];
        claims_in_essay[ei] += 1;
        ex.claims.push(Claim {
            id,
            essay: essay.id.clone(),
            section,
            ord: ord as u32,
            paragraph: 0,
            kind,
            text: texts[i].clone(),
            span,
            hedged: meta["hedged"].as_bool().unwrap_or(false),
            stance: meta["stance"].as_bool().unwrap_or(false),
            heading: meta["heading"].as_bool().unwrap_or(false),
            role: meta["role"]
                .as_str()
                .and_then(|r| r.parse().ok())
                .filter(|r: &Role| r.kind() == kind)
                .unwrap_or(Role::for_kind(kind)),
            why: None,
            evidence: None,
        });
    }
    let schemes: HashMap<String, &Value> = nodes
        .iter()
        .filter(|n| matches!(n["type"].as_str(), Some("RA" | "CA" | "MA")))
        .filter_map(|n| json_id(&n["nodeID"]).map(|id| (id, n)))
        .collect();
    // The claims on each side of each scheme, from one pass over the AIF
    // edges (asking every edge for every scheme was quadratic: hours on a
    // map of 300,000 claims).
    let mut into_scheme: HashMap<String, Vec<String>> = HashMap::new();
    let mut out_of_scheme: HashMap<String, Vec<String>> = HashMap::new();
    for e in aif_edges {
        let (Some(from), Some(to)) = (json_id(&e["fromID"]), json_id(&e["toID"])) else {
            continue;
        };
        if schemes.contains_key(&to) {
            if let Some(c) = aif_to_claim.get(&from) {
                into_scheme.entry(to.clone()).or_default().push(c.clone());
            }
        }
        if schemes.contains_key(&from) {
            if let Some(c) = aif_to_claim.get(&to) {
                out_of_scheme.entry(from).or_default().push(c.clone());
            }
        }
    }
    let mut warnings = Vec::new();
    // Node types argraph has no place for (locutions, transitions,
    // illocutions, preferences), named with their counts.
    let mut ignored: std::collections::BTreeMap<String, usize> = Default::default();
    for n in nodes {
        let t = n["type"].as_str().unwrap_or("(no type)");
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
    let known: HashSet<String> = nodes.iter().filter_map(|n| json_id(&n["nodeID"])).collect();
    let dangling: Vec<String> = aif_edges
        .iter()
        .flat_map(|e| [json_id(&e["fromID"]), json_id(&e["toID"])])
        .map(|id| id.unwrap_or_else(|| "(none)".to_owned()))
        .filter(|id| !known.contains(id))
        .collect();
    if !dangling.is_empty() {
        let mut ids = dangling.clone();
        ids.sort();
        ids.dedup();
        let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
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
        let relation = s["argraph"]["relation"]
            .as_str()
            .and_then(|r| r.parse().ok())
            .unwrap_or(match s["type"].as_str() {
                Some("CA") => Relation::Attacks,
                Some("MA") => Relation::Restates,
                _ => Relation::Supports,
            });
        let froms = into_scheme.get(sid.as_str()).unwrap_or(&none);
        let tos = out_of_scheme.get(sid.as_str()).unwrap_or(&none);
        if froms.is_empty() || tos.is_empty() {
            unjoined.push(sid.as_str());
        }
        for from in froms {
            for to in tos {
                if from != to {
                    ex.edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        relation,
                        marker: s["argraph"]["marker"].as_str().map(str::to_owned),
                        rule: s["argraph"]["rule"]
                            .as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| {
                                format!("aif:{}", s["type"].as_str().unwrap_or("RA"))
                            }),
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
    ex.terms = terms::extract(&ex.claims);
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
