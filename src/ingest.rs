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

/// How files are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Decode every file with this encoding instead of detecting one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Reads and decodes one file.
pub fn read(path: &Path, opts: ReadOptions) -> Result<Document> {
    let name = path
        .to_str()
        .ok_or_else(|| Error::input(path, "file name is not valid UTF-8; rename the file"))?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Document::decode(name, &bytes, opts.encoding).map_err(|e| Error::input(path, e.to_string()))
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
pub fn ingest_file(store: &mut Store, path: &Path, opts: ReadOptions) -> Result<FileResult> {
    let doc = read(path, opts)?;
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

/// A file read, decoded and (unless the store already has it) analysed.
struct Prepared {
    doc: Document,
    precheck: Outcome,
    extraction: Option<Extraction>,
}

/// Ingests many files on every core: files are read, decoded and analysed in
/// parallel, a batch at a time, while the previous batch is written by the
/// single SQLite writer; each document still commits in its own transaction,
/// in the order the files were given. `report` sees every file's result in
/// that order. Memory holds two batches (a few files per core), not the corpus.
pub fn ingest_all(
    store: &mut Store,
    files: &[std::path::PathBuf],
    opts: ReadOptions,
    fail_fast: bool,
    mut report: impl FnMut(&Path, Result<FileResult>) -> bool + Send,
) -> Result<()> {
    use rayon::prelude::*;
    use std::sync::Mutex;
    // A second connection answers "is this file already in?" for the readers
    // while the writer's connection is busy writing.
    let checker = Mutex::new(Store::open_read_only(store.path())?);
    let batch = rayon::current_num_threads() * 2;
    let prepare = |chunk: &[std::path::PathBuf]| -> Vec<(std::path::PathBuf, Result<Prepared>)> {
        chunk
            .par_iter()
            .map(|path| {
                let prepared = read(path, opts).and_then(|doc| {
                    let precheck = checker
                        .lock()
                        .expect("checker lock")
                        .outcome_for(&doc.path, &doc.hash)?;
                    let extraction = match precheck {
                        Outcome::Unchanged | Outcome::Duplicate(_) => None,
                        _ => Some(analyze(&doc)),
                    };
                    Ok(Prepared {
                        doc,
                        precheck,
                        extraction,
                    })
                });
                (path.clone(), prepared)
            })
            .collect()
    };
    let write = |store: &mut Store,
                 ready: Vec<(std::path::PathBuf, Result<Prepared>)>,
                 report: &mut (dyn FnMut(&Path, Result<FileResult>) -> bool + Send)|
     -> bool {
        for (path, prepared) in ready {
            let result = prepared.and_then(|p| {
                let outcome = match &p.extraction {
                    Some(ex) => store.save(&p.doc, ex)?,
                    None => p.precheck.clone(),
                };
                let ex = p.extraction.as_ref();
                Ok(FileResult {
                    path: p.doc.path.clone(),
                    outcome,
                    essays: ex.map_or(0, |e| e.essays.len()),
                    claims: ex.map_or(0, |e| e.claims.len()),
                    edges: ex.map_or(0, |e| e.edges.len()),
                })
            });
            let failed = result.is_err();
            if !report(&path, result) || (failed && fail_fast) {
                return false;
            }
        }
        true
    };
    let mut chunks = files.chunks(batch.max(1));
    let mut ready = chunks.next().map(prepare).unwrap_or_default();
    loop {
        let next_chunk = chunks.next();
        let (next, keep_going) = rayon::join(
            || next_chunk.map(prepare),
            || write(store, std::mem::take(&mut ready), &mut report),
        );
        if !keep_going {
            return Ok(());
        }
        match next {
            Some(n) => ready = n,
            None => return Ok(()),
        }
    }
}
