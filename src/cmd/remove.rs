//! `argraph remove`: take documents out of the knowledge base.

use super::{emit, json};
use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::store::{Store, StoredCopy, StoredDocument};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: RemoveArgs) -> Result<()> {
    // Missing, a directory or an empty file: nothing to remove, and no
    // schema written into an empty file.
    crate::store::must_be_a_base(db)?;
    // A writer: a base it cannot write is refused, never opened read-only.
    let mut store = Store::open(db)?;
    let mut docs: Vec<StoredDocument> = Vec::new();
    let mut copies: Vec<StoredCopy> = Vec::new();
    // Every name is resolved before anything is removed: one that matches
    // nothing leaves the base as it was.
    for target in &args.targets {
        let found = if Path::new(target).is_dir() {
            let under = store.documents_under(Path::new(target))?;
            if under.is_empty() {
                return Err(Error::Usage(format!(
                    "{target}: no stored document was read from a file under this directory"
                )));
            }
            under
        } else if let Some(copy) = store.find_copy(target)? {
            // A file recorded as a copy: its record goes, the document stays.
            if !copies.iter().any(|k| k.key == copy.key) {
                copies.push(copy);
            }
            continue;
        } else {
            vec![store.find_document(target)?]
        };
        for d in found {
            if !docs.iter().any(|k| k.row == d.row) {
                docs.push(d);
            }
        }
    }
    if !args.dry_run {
        store.remove_documents(&docs, &copies)?;
    }
    if args.json.json {
        return json::print(&serde_json::json!({
            "dry_run": args.dry_run,
            "removed": docs,
            "copies": copies,
        }));
    }
    let mut out = String::new();
    let verb = if args.dry_run {
        "would remove"
    } else {
        "removed"
    };
    let shown = |p: &str| crate::text::chars::visible_line(p).into_owned();
    for d in &docs {
        let _ = write!(
            out,
            "{verb} {}  ({}, {})",
            shown(&d.path),
            super::view::count(d.essays as usize, "essay"),
            super::view::count(d.claims as usize, "claim")
        );
        if !d.copies.is_empty() {
            let names: Vec<String> = d.copies.iter().map(|c| shown(c)).collect();
            let _ = write!(
                out,
                "; with it the record of its {}: {} (ingest {} again to keep the essay)",
                if names.len() == 1 { "copy" } else { "copies" },
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" },
            );
        }
        out.push('\n');
    }
    for c in &copies {
        let _ = writeln!(
            out,
            "{verb} the record of {} as a copy of {}",
            shown(&c.path),
            shown(&c.of)
        );
    }
    emit(&out)
}
