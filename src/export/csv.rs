//! Node and edge CSV files in the layout `neo4j-admin database import full`
//! reads, so a large archive can move to a graph database:
//! `claims.csv` (nodes, label Claim) and `relations.csv` (one relationship
//! type per relation, upper-cased: SUPPORTS, ATTACKS...).

use crate::error::{Error, Result};
use crate::model::RoleReason;
use crate::store::StoredGraph;
use std::path::Path;

pub const NODES: &str = "claims.csv";
pub const EDGES: &str = "relations.csv";

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

/// Writes the two files into `dir` (created if needed).
pub fn write(g: &StoredGraph, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let nodes = dir.join(NODES);
    let mut w = csv::Writer::from_path(&nodes).map_err(|e| csv_error(&nodes, e))?;
    w.write_record([
        "claimId:ID(Claim)",
        "kind",
        "role",
        "text",
        "essay",
        "essayTitle",
        "document",
        "section",
        "paragraph:int",
        "hedged:boolean",
        "stance:boolean",
        "heading:boolean",
        "spanStart:int",
        "spanEnd:int",
        "confidence:double",
        "unsureThesis:boolean",
        ":LABEL",
    ])
    .map_err(|e| csv_error(&nodes, e))?;
    let index = crate::store::GraphIndex::new(g);
    for c in &g.claims {
        let title = index.essay_title(c).unwrap_or_default();
        w.write_record([
            c.id.as_str(),
            c.kind.as_str(),
            c.role.as_str(),
            &c.text,
            &c.essay,
            title,
            index.document(c).unwrap_or_default(),
            c.section.as_deref().unwrap_or(""),
            &c.paragraph.to_string(),
            if c.hedged { "true" } else { "false" },
            if c.stance { "true" } else { "false" },
            if c.heading { "true" } else { "false" },
            &c.span.start.to_string(),
            &c.span.end.to_string(),
            // Empty for an imported map's claims, which no model read.
            &c.why
                .as_ref()
                .map_or(String::new(), |w| w.confidence.to_string()),
            // For a thesis the ranker chose: a guess (`thesis?`) or not.
            match c.why.as_ref().and_then(RoleReason::thesis_guess) {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            },
            "Claim",
        ])
        .map_err(|e| csv_error(&nodes, e))?;
    }
    w.flush().map_err(|e| Error::io(&nodes, e))?;
    let edges = dir.join(EDGES);
    let mut w = csv::Writer::from_path(&edges).map_err(|e| csv_error(&edges, e))?;
    w.write_record([
        ":START_ID(Claim)",
        ":END_ID(Claim)",
        ":TYPE",
        "marker",
        "rule",
    ])
    .map_err(|e| csv_error(&edges, e))?;
    for e in &g.edges {
        w.write_record([
            e.from.as_str(),
            e.to.as_str(),
            &e.relation.as_str().to_uppercase(),
            e.marker.as_deref().unwrap_or(""),
            &e.rule,
        ])
        .map_err(|err| csv_error(&edges, err))?;
    }
    w.flush().map_err(|e| Error::io(&edges, e))?;
    Ok(())
}
