//! `argraph remove`: take documents out of the knowledge base.

use super::{emit, json};
use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::store::{Store, StoredCopy, StoredDocument};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: RemoveArgs) -> Result<()> {
    let result = remove(db, &args);
    // With --json a failure is JSON too, as ingest's and import's are, so a
    // script reading standard output is not left with nothing to parse (the
    // message still goes to standard error, and the exit status is 2).
    if let (Err(e), true) = (&result, args.json.json) {
        json::print(&serde_json::json!({
            "dry_run": args.dry_run,
            "removed": [],
            "copies": [],
            "errors": [super::ingest::failure_json(e)],
        }))?;
    }
    result
}

fn remove(db: &Path, args: &RemoveArgs) -> Result<()> {
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
        let (found, found_copies) = if Path::new(target).is_dir() {
            let under = store.documents_under(Path::new(target))?;
            // The copies under it go too: none may inherit a document
            // removed with it.
            let copies_here = store.copies_under(Path::new(target))?;
            if under.is_empty() && copies_here.is_empty() {
                return Err(Error::Usage(format!(
                    "{target}: no stored document was read from a file under this directory"
                )));
            }
            (under, copies_here)
        } else if let Some(copy) = store.find_copy(target)? {
            // A file recorded as a copy: its record goes, the document stays.
            (Vec::new(), vec![copy])
        } else {
            (vec![store.find_document(target)?], Vec::new())
        };
        for d in found {
            if !docs.iter().any(|k| k.row == d.row) {
                docs.push(d);
            }
        }
        for c in found_copies {
            if !copies.iter().any(|k| k.key == c.key) {
                copies.push(c);
            }
        }
    }
    if !args.dry_run {
        store.remove_documents(&docs, &copies)?;
    }
    // The first copy of a document not removed with it keeps its essays.
    let heir = |d: &StoredDocument| -> Option<String> {
        d.copies
            .iter()
            .find(|c| !copies.iter().any(|k| &k.path == *c))
            .cloned()
    };
    if args.json.json {
        let removed: Vec<serde_json::Value> = docs
            .iter()
            .map(|d| {
                let mut v = serde_json::to_value(d).expect("a stored document serialises");
                v["kept_by"] = serde_json::json!(heir(d));
                v
            })
            .collect();
        return json::print(&serde_json::json!({
            "dry_run": args.dry_run,
            "removed": removed,
            "copies": copies,
            "errors": [],
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
        if let Some(heir) = heir(d) {
            let _ = write!(
                out,
                "; its copy {} keeps {}",
                shown(&heir),
                if d.essays == 1 {
                    "the essay"
                } else {
                    "the essays"
                }
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
