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
    let mut terms = store.top_terms(essay.as_deref(), super::limit(args.limit))?;
    let cut = super::cut_to(&mut terms, args.limit);
    let printed = if args.json.json {
        json::print(&terms)
    } else {
        emit(&render(&terms))
    };
    super::then_say_if_cut(printed, cut, args.limit, "terms")
}

/// The terms as a table: term, claims carrying it, summed weight.
fn render(terms: &[crate::store::TermCount]) -> String {
    let cols = terms
        .iter()
        .map(|t| super::view::width(&t.term))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    let _ = writeln!(out, "{}  claims  weight", pad("term", cols));
    for t in terms {
        let _ = writeln!(
            out,
            "{}  {:>6}  {:>6.2}",
            pad(&t.term, cols),
            t.claims,
            t.weight
        );
    }
    out
}
