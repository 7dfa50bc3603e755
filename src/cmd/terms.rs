use super::view::pad;
use super::{emit, json};
use crate::cli::TermsArgs;
use crate::error::Result;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: TermsArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let essay = store.resolve_optional(Table::Essays, args.essay.as_deref())?;
    let terms = store.top_terms(essay.as_deref(), super::limit(args.limit))?;
    if args.json.json {
        return json::print(&terms);
    }
    let cols = terms
        .iter()
        .map(|t| super::view::width(&t.term))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    let _ = writeln!(out, "{}  claims  weight", pad("term", cols));
    for t in &terms {
        let _ = writeln!(
            out,
            "{}  {:>6}  {:>6.2}",
            pad(&t.term, cols),
            t.claims,
            t.weight
        );
    }
    emit(&out)
}
