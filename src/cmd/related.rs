use super::view::{claim_line, dim};
use super::{emit, json};
use crate::cli::RelatedArgs;
use crate::error::Result;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: RelatedArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let id = store.resolve(Table::Claims, &args.id)?;
    let mut related = store.related(&id, super::limit(args.limit))?;
    let cut = super::cut_to(&mut related, args.limit);
    let printed = if args.json.json {
        json::print_claims(&store, &related)
    } else {
        store.claim(&id).and_then(|me| emit(&render(&me, &related)))
    };
    super::then_say_if_cut(printed, cut, args.limit, "related claims")
}

/// The claim, then the claims related to it with what they share.
fn render(me: &crate::model::Claim, related: &[crate::store::Related]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", claim_line(me, 0));
    if related.is_empty() {
        let _ = writeln!(out, "\nno claim elsewhere shares its key terms");
        return out;
    }
    let _ = writeln!(out, "\nargued elsewhere:");
    for r in related {
        let _ = writeln!(out, "  {}", claim_line(&r.claim, 2));
        let _ = writeln!(
            out,
            "    {}",
            dim(&format!(
                "{:.2}  shares {}  {}",
                r.score,
                r.shared_terms.join("、"),
                crate::text::chars::book_title(r.essay_title.as_deref())
            ))
        );
    }
    out
}
