use super::view::{claim_line, paint, relation_style};
use super::{emit, json};
use crate::cli::PathArgs;
use crate::error::{Error, Result};
use crate::graph;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: PathArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let from = store.resolve(Table::Claims, &args.from)?;
    let to = store.resolve(Table::Claims, &args.to)?;
    let Some((start, steps)) = graph::shortest_path(&store, &from, &to)? else {
        let (a, b) = (store.claim(&from)?, store.claim(&to)?);
        let why = if a.essay != b.essay {
            "they are in different essays, and relations never cross essays"
        } else {
            "no chain of relations joins them"
        };
        // Scripts get an answer on stdout too, not only the error line.
        if args.json.json {
            json::print_claims(
                &store,
                &serde_json::json!({"from": a, "to": b, "steps": null, "reason": why}),
            )?;
        }
        return Err(Error::Problems(format!(
            "no path from {} to {}: {why}",
            super::view::short(&from),
            super::view::short(&to)
        )));
    };
    if args.json.json {
        let end = store.claim(&to)?;
        return json::print_claims(
            &store,
            &serde_json::json!({"from": start, "to": end, "steps": steps}),
        );
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", claim_line(&start, 0));
    for s in &steps {
        let rel = s.edge.relation.as_str();
        let marker = s
            .edge
            .marker
            .as_deref()
            .map(|m| format!(" [{m}]"))
            .unwrap_or_default();
        let arrow = if s.forward {
            format!("  │ {rel}{marker} ↓")
        } else {
            format!("  │ ↑ {rel}{marker}")
        };
        let _ = writeln!(out, "{}", paint(&arrow, relation_style(s.edge.relation)));
        let _ = writeln!(out, "{}", claim_line(&s.claim, 0));
    }
    let _ = writeln!(out, "({} steps)", steps.len());
    emit(&out)
}
