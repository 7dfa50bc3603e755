use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::export::aif;
use crate::store::{Outcome, Store};
use std::path::Path;

pub fn run(db: &Path, args: ImportArgs) -> Result<()> {
    let path = args
        .file
        .to_str()
        .ok_or_else(|| Error::input(&args.file, "file name is not valid UTF-8; rename the file"))?;
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let (doc, ex) = aif::import(path, &bytes)?;
    let mut store = Store::open(db)?;
    let outcome = store.save(&doc, &ex)?;
    let what = match outcome {
        Outcome::Added => "imported",
        Outcome::Replaced => "replaced",
        Outcome::Unchanged => "unchanged",
        Outcome::Duplicate(_) => "skipped (same content already imported)",
    };
    eprintln!(
        "{what} {path}  ({} essays, {} claims, {} edges)",
        ex.essays.len(),
        ex.claims.len(),
        ex.edges.len()
    );
    Ok(())
}
