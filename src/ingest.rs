//! Ingest: files on disk → documents in the store. Walks directories, reads
//! and decodes each file, runs the text and extract stages, and saves each
//! document in its own transaction.

use crate::error::{Error, Result};
use crate::extract;
use crate::model::Extraction;
use crate::store::{Outcome, Store};
use crate::text::Document;
use std::path::{Path, PathBuf};

/// File endings ingest picks up when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// The files named by `paths`, directories walked recursively (sorted, so
/// runs are repeatable), plus an error for each path that cannot be walked.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(Error::io(root, e)),
            Ok(m) if m.is_file() => files.push(root.clone()),
            Ok(_) => {
                let walker = walkdir::WalkDir::new(root)
                    .follow_links(true)
                    .sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_text_extension(e.path()) => {
                            files.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let path = e
                                .path()
                                .map(Path::to_path_buf)
                                .unwrap_or_else(|| root.clone());
                            let reason = if e.loop_ancestor().is_some() {
                                "symbolic link loop; skipped".to_owned()
                            } else {
                                e.io_error()
                                    .map_or_else(|| e.to_string(), |io| io.to_string())
                            };
                            errors.push(Error::input(path, reason));
                        }
                    }
                }
            }
        }
    }
    (files, errors)
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads and decodes one file.
pub fn read(path: &Path) -> Result<Document> {
    let name = path
        .to_str()
        .ok_or_else(|| Error::input(path, "file name is not valid UTF-8; rename the file"))?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Document::from_bytes(name, &bytes).map_err(|e| Error::input(path, e.to_string()))
}

/// Runs the text and extract stages over one document.
pub fn analyze(doc: &Document) -> Extraction {
    let layout = doc.layout();
    extract::extract(doc, &layout)
}

#[derive(Debug, Clone)]
pub struct FileResult {
    pub path: String,
    pub outcome: Outcome,
    pub essays: usize,
    pub claims: usize,
    pub edges: usize,
}

/// Ingests one file: skipped when unchanged, otherwise analysed and saved in
/// one transaction.
pub fn ingest_file(store: &mut Store, path: &Path) -> Result<FileResult> {
    let doc = read(path)?;
    let pre = store.outcome_for(&doc.path, &doc.hash)?;
    if matches!(pre, Outcome::Unchanged | Outcome::Duplicate(_)) {
        return Ok(FileResult {
            path: doc.path,
            outcome: pre,
            essays: 0,
            claims: 0,
            edges: 0,
        });
    }
    let ex = analyze(&doc);
    let outcome = store.save(&doc, &ex)?;
    Ok(FileResult {
        path: doc.path,
        outcome,
        essays: ex.essays.len(),
        claims: ex.claims.len(),
        edges: ex.edges.len(),
    })
}
