use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::export::{aif_read, argdown_read};
use crate::store::{Outcome, Store};
use std::path::{Path, PathBuf};

/// Argdown files by their extension, as `import` finds them in a directory.
fn is_argdown(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("argdown") || x.eq_ignore_ascii_case("ad"))
}

pub fn run(db: &Path, args: ImportArgs) -> Result<()> {
    let format = match args.format.as_deref() {
        Some(f) => f,
        None if args.file.is_dir() || is_argdown(&args.file) => "argdown",
        None => "aif",
    };
    if format == "aif" && args.file.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a directory: AIF import reads one .json map (a directory of .argdown files is read with --format argdown)",
            args.file.display()
        )));
    }
    let files: Vec<PathBuf> = if format == "argdown" && args.file.is_dir() {
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&args.file)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| is_argdown(p))
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
    let json = args.json.json;
    let saved = save(db, &files, format, json);
    if json {
        // As `ingest --json`: the failure in the record too, so a script
        // reading standard output sees why nothing was imported.
        let (files, errors) = match &saved {
            Ok(files) => (files.as_slice(), Vec::new()),
            Err(e) => (&[][..], vec![super::ingest::failure_json(e)]),
        };
        super::json::print(&serde_json::json!({ "files": files, "errors": errors }))?;
    }
    saved.map(|_| ())
}

/// Reads, parses and saves `files` as one group; with `json`, the record of
/// each file instead of the lines said on stderr.
fn save(db: &Path, files: &[PathBuf], format: &str, json: bool) -> Result<Vec<serde_json::Value>> {
    // Every file is read and parsed before anything is written: a map with
    // an error leaves the database as it was.
    let mut parsed = Vec::new();
    for file in files {
        let path = file
            .to_str()
            .ok_or_else(|| Error::input(file, "file name is not valid UTF-8; rename the file"))?;
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let (mut doc, ex, warnings) = match format {
            "argdown" => argdown_read::import(path, &bytes)?,
            _ => aif_read::import(path, &bytes)?,
        };
        // An Argdown file with no statement (empty, or only comments) is no
        // map: refused when named, passed over in a directory of maps.
        if ex.claims.is_empty() {
            let why = "holds no statement ([title]: text) or argument";
            if files.len() == 1 {
                return Err(Error::input(
                    file,
                    format!("{why}; an empty map imports nothing"),
                ));
            }
            super::say(format!(
                "warning: {}: {why}; passed over",
                crate::text::chars::visible_line(path)
            ));
            continue;
        }
        // Known by its file, like an ingested document.
        doc.source = crate::ingest::canonical(file);
        if !json {
            for w in &warnings {
                // A map's node ids, tags and keys are the file's text:
                // shown, never acted on by the terminal.
                super::say(format!(
                    "warning: {}: {}",
                    crate::text::chars::visible_line(path),
                    crate::text::chars::visible_line(w)
                ));
            }
        }
        parsed.push((path.to_owned(), doc, ex, warnings));
    }
    if parsed.is_empty() {
        return Err(Error::Usage(
            "none of the .argdown files holds a statement ([title]: text); nothing to import"
                .to_owned(),
        ));
    }
    let mut store = Store::open(db)?;
    let group: Vec<_> = parsed.iter().map(|(_, d, e, _)| (d, e)).collect();
    let results = store.save_group(&group, true)?;
    let mut records = Vec::new();
    for ((path, _, ex, warnings), outcome) in parsed.iter().zip(results) {
        let outcome = outcome?;
        let key = super::ingest::outcome_key(&outcome);
        let what = match &outcome {
            Outcome::Added => "imported".to_owned(),
            Outcome::Duplicate(_) => "recorded as a copy (same content already stored)".to_owned(),
            // Its graph from before is gone, or stands under its copy's
            // name: said, as `ingest` says it.
            Outcome::DuplicateReplacing { kept_by: None, .. } => {
                "recorded as a copy (same content already stored; its own essays are removed)"
                    .to_owned()
            }
            Outcome::DuplicateReplacing {
                kept_by: Some(copy),
                ..
            } => format!(
                "recorded as a copy (same content already stored; its earlier essays stay as {}, its copy)",
                crate::text::chars::visible_line(copy)
            ),
            Outcome::Replaced {
                kept_by: Some(copy),
            } => format!(
                "replaced (its earlier essays stay as {}, its copy)",
                crate::text::chars::visible_line(copy)
            ),
            _ => key.to_owned(),
        };
        // What was saved: nothing for a map already in the base.
        let saved = outcome.wrote_graph();
        let (essays, claims, edges) = if saved {
            (ex.essays.len(), ex.claims.len(), ex.edges.len())
        } else {
            (0, 0, 0)
        };
        if json {
            records.push(super::ingest::file_json(
                path,
                &outcome,
                [essays, claims, edges],
                ("warnings", serde_json::json!(warnings)),
            ));
        } else if saved {
            super::say(format!(
                "{what} {path}  ({}, {}, {})",
                super::view::count(essays, "essay"),
                super::view::count(claims, "claim"),
                super::view::count(edges, "edge")
            ));
        } else {
            super::say(format!("{what} {path}"));
        }
    }
    Ok(records)
}
