use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::export::{aif, argdown_read};
use crate::store::{Outcome, Store};
use std::path::{Path, PathBuf};

pub fn run(db: &Path, args: ImportArgs) -> Result<()> {
    let files: Vec<PathBuf> = if args.format == "argdown" && args.file.is_dir() {
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&args.file)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension().is_some_and(|x| {
                    x.eq_ignore_ascii_case("argdown") || x.eq_ignore_ascii_case("ad")
                })
            })
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(Error::Usage(format!(
                "no .argdown files under {}",
                args.file.display()
            )));
        }
        found
    } else {
        vec![args.file.clone()]
    };
    // Every file is read and parsed before anything is written: a map with
    // an error leaves the database as it was.
    let mut parsed = Vec::new();
    for file in &files {
        let path = file
            .to_str()
            .ok_or_else(|| Error::input(file, "file name is not valid UTF-8; rename the file"))?;
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let (mut doc, ex, warnings) = match args.format.as_str() {
            "argdown" => argdown_read::import(path, &bytes)?,
            _ => {
                let (doc, ex) = aif::import(path, &bytes)?;
                (doc, ex, Vec::new())
            }
        };
        // Known by its file, like an ingested document.
        doc.source = crate::ingest::canonical(file);
        if !args.json.json {
            for w in &warnings {
                super::say(format!("warning: {path}: {w}"));
            }
        }
        parsed.push((path.to_owned(), doc, ex, warnings));
    }
    let mut store = Store::open(db)?;
    let group: Vec<_> = parsed.iter().map(|(_, d, e, _)| (d, e)).collect();
    let results = store.save_group(&group, true)?;
    let mut files = Vec::new();
    for ((path, _, ex, warnings), outcome) in parsed.iter().zip(results) {
        let outcome = outcome?;
        let key = super::ingest::outcome_key(&outcome);
        let what = match &outcome {
            Outcome::Added => "imported",
            Outcome::Duplicate(_) => "skipped (same content already imported)",
            _ => key,
        };
        if args.json.json {
            files.push(serde_json::json!({
                "path": path, "outcome": key,
                "essays": ex.essays.len(), "claims": ex.claims.len(), "edges": ex.edges.len(),
                "warnings": warnings,
            }));
        } else {
            super::say(format!(
                "{what} {path}  ({}, {}, {})",
                super::view::count(ex.essays.len(), "essay"),
                super::view::count(ex.claims.len(), "claim"),
                super::view::count(ex.edges.len(), "edge")
            ));
        }
    }
    if args.json.json {
        return super::json::print(&serde_json::json!({ "files": files }));
    }
    Ok(())
}
