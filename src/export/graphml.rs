//! GraphML for Gephi, yEd and Cytoscape, with the claim and edge attributes.

use crate::model::RoleReason;
use crate::store::StoredGraph;
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 (a file name may still hold them).
            c if (c.is_control() && c != '\n' && c != '\t')
                || crate::text::decode::is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("kind", "string"),
    ("role", "string"),
    ("essay", "string"),
    ("essay_title", "string"),
    ("document", "string"),
    ("section", "string"),
    ("section_heading", "string"),
    ("paragraph", "int"),
    ("hedged", "boolean"),
    ("stance", "boolean"),
    ("heading", "boolean"),
    ("span_start", "int"),
    ("span_end", "int"),
    ("confidence", "double"),
    ("unsure_thesis", "boolean"),
];
const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("marker", "string"),
    ("rule", "string"),
];

pub fn render(g: &StoredGraph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (k, t) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{k}\" for=\"node\" attr.name=\"{k}\" attr.type=\"{t}\"/>"
        );
    }
    for (k, t) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{k}\" for=\"edge\" attr.name=\"{k}\" attr.type=\"{t}\"/>"
        );
    }
    out.push_str("  <graph id=\"argraph\" edgedefault=\"directed\">\n");
    let index = crate::store::GraphIndex::new(g);
    for c in &g.claims {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&c.id));
        // A value is left out where there is none (an untitled essay, a
        // claim outside every section, no `why` for an imported map's
        // claims, a guess flag only for a thesis the ranker chose), as a
        // reader of GraphML takes a missing value for none and an empty one
        // for the empty string.
        let why = c.why.as_ref();
        let data = [
            ("label", Some(c.text.clone())),
            ("kind", Some(c.kind.as_str().to_owned())),
            ("role", Some(c.role.as_str().to_owned())),
            ("essay", Some(c.essay.clone())),
            ("essay_title", index.essay_title(c).map(str::to_owned)),
            ("document", index.document(c).map(str::to_owned)),
            ("section", c.section.clone()),
            (
                "section_heading",
                index.section_heading(c).map(str::to_owned),
            ),
            ("paragraph", Some(c.paragraph.to_string())),
            ("hedged", Some(c.hedged.to_string())),
            ("stance", Some(c.stance.to_string())),
            ("heading", Some(c.heading.to_string())),
            ("span_start", Some(c.span.start.to_string())),
            ("span_end", Some(c.span.end.to_string())),
            ("confidence", why.map(|w| w.confidence.to_string())),
            (
                "unsure_thesis",
                why.and_then(RoleReason::thesis_guess)
                    .map(|u| u.to_string()),
            ),
        ];
        for (k, v) in data.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
            let _ = writeln!(out, "      <data key=\"{k}\">{}</data>", escape(&v));
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in g.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&e.from),
            escape(&e.to)
        );
        let _ = writeln!(out, "      <data key=\"relation\">{}</data>", e.relation);
        if let Some(m) = &e.marker {
            let _ = writeln!(out, "      <data key=\"marker\">{}</data>", escape(m));
        }
        let _ = writeln!(out, "      <data key=\"rule\">{}</data>", escape(&e.rule));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
