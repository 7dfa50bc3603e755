//! The Argument Interchange Format (AIF) JSON of ARG-tech's OVA and AIFdb,
//! both ways. Claims are `I` nodes; every relation becomes a scheme node
//! between its two claims (`RA` for supports, exemplifies and elaborates,
//! `CA` for attacks, `MA` for restates) with untyped `fromID`/`toID` edges.
//! argraph's own details (kind, marker, rule...) ride along in an `argraph`
//! object on each node, which other tools ignore and `import` reads back
//! (`aif_read`).

use crate::model::Relation;
use crate::store::StoredGraph;
use serde_json::json;

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
                    // So a guessed thesis is still one after an import.
                    "confidence": c.why.as_ref().map(|w| w.confidence),
                    "thesis_score": c.why.as_ref().and_then(|w| w.score),
                    "hedged": c.hedged,
                    "stance": c.stance,
                    "heading": c.heading,
                    "paragraph": c.paragraph,
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
    // From, not other(): a closed pipe keeps its kind, so `| head` stays quiet.
    written.map_err(std::io::Error::from)?;
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
