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
            c if c.is_control() && c != '\n' && c != '\t' => {}
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
        let title = index.essay_title(c).unwrap_or_default().to_owned();
        let heading = index.section_heading(c).unwrap_or_default().to_owned();
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&c.id));
        let data = [
            ("label", c.text.clone()),
            ("kind", c.kind.as_str().to_owned()),
            ("role", c.role.as_str().to_owned()),
            ("essay", c.essay.clone()),
            ("essay_title", title),
            ("document", index.document(c).unwrap_or_default().to_owned()),
            ("section", c.section.clone().unwrap_or_default()),
            ("section_heading", heading),
            ("paragraph", c.paragraph.to_string()),
            ("hedged", c.hedged.to_string()),
            ("stance", c.stance.to_string()),
            ("span_start", c.span.start.to_string()),
            ("span_end", c.span.end.to_string()),
        ];
        // Given where there is one: no `why` for an imported map's claims,
        // and a guess flag for a thesis the ranker chose only.
        let why = c.why.as_ref();
        let optional = [
            ("confidence", why.map(|w| w.confidence.to_string())),
            (
                "unsure_thesis",
                why.and_then(RoleReason::thesis_guess)
                    .map(|u| u.to_string()),
            ),
        ];
        let given = optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v)));
        for (k, v) in data.into_iter().chain(given) {
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
