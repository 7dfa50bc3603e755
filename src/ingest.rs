//! Ingest: files on disk → documents in the store. Walks directories, reads
//! and decodes each file, runs the text and extract stages, and saves the
//! documents in groups, each document all-or-nothing.

use crate::error::{Error, Result};
use crate::extract;
use crate::model::Extraction;
use crate::store::{Outcome, Store};
use crate::text::Document;
use std::path::{Path, PathBuf};

/// File endings ingest picks up when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// What the paths given to ingest hold.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files to read, in order.
    pub files: Vec<PathBuf>,
    /// One error for each path that cannot be walked.
    pub errors: Vec<Error>,
    /// Files found in a directory and not read, by their name: a
    /// word processor's or PDF file, or one with no text ending (`李四`,
    /// `essay.doc.bak`); each once, and none that is read all the same.
    /// Hidden files and directories are not walked, and backups, lock
    /// files and the desktop's own (`Thumbs.db`) are not counted.
    pub skipped: Vec<PathBuf>,
}

/// The files named by `paths`, directories walked recursively (sorted, so
/// runs are repeatable), each file once however often it is named, with an
/// error for each path that cannot be walked and the files passed over.
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(Error::io(root, e)),
            Ok(m) if m.is_file() => files.push(root.clone()),
            Ok(m) if !m.is_dir() => errors.push(Error::input(
                root,
                format!(
                    "is {}, not a regular file; to read a stream, pipe it in: argraph ingest - --name NAME",
                    crate::error::special_file_kind(&m)
                ),
            )),
            Ok(_) => {
                let before = (files.len(), errors.len());
                // Hidden files and directories (`.git/`, macOS's `._x.txt`
                // copies of a file's metadata) are nobody's essays.
                let walker = walkdir::WalkDir::new(root)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                // Files of a word processor, to name when nothing else is found.
                let mut formatted = 0usize;
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_text_extension(e.path()) => {
                            files.push(e.into_path())
                        }
                        Ok(e) if e.file_type().is_file() => {
                            formatted += usize::from(is_word_processor_file(e.path()));
                            if !is_housekeeping_file(e.path()) {
                                skipped.push(e.into_path());
                            }
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
                                    .map_or_else(|| e.to_string(), crate::error::describe)
                            };
                            errors.push(Error::input(path, reason));
                        }
                    }
                }
                if (files.len(), errors.len()) == before {
                    let reason = match formatted {
                        0 => "directory holds no .txt, .text, .md or .markdown files".to_owned(),
                        n => format!(
                            "directory holds no .txt, .text, .md or .markdown files, but {n} word-processor or PDF file(s) (.docx, .doc, .odt, .pdf…); save the essays as plain text (.txt) first"
                        ),
                    };
                    errors.push(Error::input(root, reason));
                }
            }
        }
    }
    // A file named twice (`e.txt ./e.txt`, or inside a directory also
    // named) is one input, read once, where it first came.
    let mut seen = std::collections::HashSet::new();
    let mut first_time =
        |f: &PathBuf| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()));
    files.retain(&mut first_time);
    // Each passed-over file once, and none that is read after all (named
    // outright as well as found in its directory).
    skipped.retain(&mut first_time);
    Collected {
        files,
        errors,
        skipped,
    }
}

/// Is this name hidden (`.DS_Store`, `.git`)? Read as bytes: a name that
/// is not UTF-8 is hidden or not all the same.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// A file nobody handed in: an editor's backup (`essay.txt~`), a word
/// processor's lock file (`~$essay.docx`) or the desktop's own
/// (`Thumbs.db`, `desktop.ini`). Hidden files are never walked to.
fn is_housekeeping_file(p: &Path) -> bool {
    let Some(name) = p.file_name() else {
        return false;
    };
    let bytes = name.as_encoded_bytes();
    bytes.ends_with(b"~")
        || bytes.starts_with(b"~$")
        || [&b"thumbs.db"[..], b"desktop.ini"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(bytes))
}

/// A word processor's or a PDF file, by its name (.docx, .doc, .odt, .pdf,
/// .pages, .wps): essays handed in so, which argraph cannot read.
pub fn is_word_processor_file(p: &Path) -> bool {
    has_extension(p, &["docx", "doc", "odt", "pdf", "pages", "wps"])
}

pub fn has_text_extension(path: &Path) -> bool {
    has_extension(path, EXTENSIONS)
}

/// Does `path` end in one of `extensions` (any case)?
fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
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
    let mut doc = Document::decode(name, &bytes, opts.encoding)
        .map_err(|e| Error::input(path, e.to_string()))?;
    doc.source = canonical(path);
    Ok(doc)
}

/// A file's canonical path as stored (None when it cannot be resolved or
/// is not UTF-8: the document is then known by its path as typed).
pub fn canonical(path: &Path) -> Option<String> {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.to_str().map(str::to_owned))
}

/// Runs the text and extract stages over one document.
pub fn analyze(doc: &Document) -> Extraction {
    // An essay in traditional characters is read as its simplified copy
    // (the lexicons' and jieba's script), one with variant marks (⋯⋯, ﹐)
    // as a copy with the standard ones; its claims keep its characters.
    let traditional = crate::text::script::is_traditional(&doc.text);
    let variants = crate::text::marks::has_variants(&doc.text);
    if traditional || variants {
        let mut text = if traditional {
            crate::text::script::simplified(&doc.text)
        } else {
            doc.text.clone()
        };
        if variants {
            text = crate::text::marks::standardized(&text);
        }
        let copy = Document {
            text,
            ..doc.clone()
        };
        let mut ex = extract::extract(&copy, &copy.layout());
        crate::text::script::restore(&doc.text, &copy.text, &mut ex);
        return ex;
    }
    let layout = doc.layout();
    extract::extract(doc, &layout)
}

#[derive(Debug, Clone)]
pub struct FileResult {
    pub path: String,
    /// The file's canonical path, as the document was read ([`Document::source`]);
    /// None for standard input.
    pub source: Option<String>,
    pub outcome: Outcome,
    pub essays: usize,
    pub claims: usize,
    pub edges: usize,
    /// Control characters removed from the text at decoding.
    pub stripped_controls: usize,
}

impl FileResult {
    /// What saving `doc` did: the counts of its extraction where the save
    /// wrote its graph; 0 where it wrote none (unchanged, or recorded as a
    /// copy of a stored document).
    fn of(doc: &Document, outcome: Outcome, ex: Option<&Extraction>) -> FileResult {
        let ex = ex.filter(|_| outcome.wrote_graph());
        FileResult {
            path: doc.path.clone(),
            source: doc.source.clone(),
            outcome,
            essays: ex.map_or(0, |e| e.essays.len()),
            claims: ex.map_or(0, |e| e.claims.len()),
            edges: ex.map_or(0, |e| e.edges.len()),
            stripped_controls: ex.map_or(0, |_| doc.stripped_controls),
        }
    }
}

/// Ingests one file: skipped when unchanged, otherwise analysed and saved in
/// one transaction.
pub fn ingest_file(store: &mut Store, path: &Path, opts: ReadOptions) -> Result<FileResult> {
    ingest_document(store, read(path, opts)?)
}

/// Decodes text that comes from no file (standard input), to be stored
/// under `name`.
pub fn read_bytes(name: &str, bytes: &[u8], opts: ReadOptions) -> Result<Document> {
    let mut doc = Document::decode(name, bytes, opts.encoding)
        .map_err(|e| Error::input(name, e.to_string()))?;
    doc.origin = "stdin";
    Ok(doc)
}

/// Ingests one decoded document: skipped when unchanged, otherwise analysed
/// and saved in one transaction.
pub fn ingest_document(store: &mut Store, doc: Document) -> Result<FileResult> {
    // A copy of a stored document is analysed too: whether it is still a
    // copy is decided again under the write lock, where it is recorded (the
    // original may change first), and otherwise it is saved as a document.
    let pre = store.outcome_for(&doc)?;
    if pre == Outcome::Unchanged {
        return Ok(FileResult::of(&doc, pre, None));
    }
    let ex = analyze(&doc);
    let outcome = store.save(&doc, &ex)?;
    Ok(FileResult::of(&doc, outcome, Some(&ex)))
}

/// A file read, decoded and (unless the store already has it) analysed.
struct Prepared {
    doc: Document,
    precheck: Outcome,
    extraction: Option<Extraction>,
}

/// Most documents one transaction of a bulk ingest holds (`ingest --commit-every`).
pub const GROUP_DOCS: usize = 256;
/// Most bytes of files one transaction holds: a group is read and analysed
/// while the one before it is written, so this bounds the memory in flight.
/// Measured on 100 MB (docs/performance.md): 4 MB groups peaked at 461 MB
/// of memory, 2 MB at 311 MB, 1 MB at 235 MB, with no loss of speed.
pub const GROUP_BYTES: u64 = 1 << 20;

/// Ingests many files on both cores: files are read, decoded and analysed in
/// parallel, a group at a time, while the previous group is written by the
/// single SQLite writer in one transaction (each document in its own
/// savepoint, so after a crash each is wholly present or absent), in the
/// order the files were given. A group closes at `group_docs` documents or
/// [`GROUP_BYTES`] of files. `report` sees every file's result in that
/// order, once its group has committed. Memory holds two groups, not the corpus.
/// `stop` is asked before each group is written: when it says so, that group
/// and the rest are not written ([`Busy::stopped`]).
pub fn ingest_all(
    store: &mut Store,
    files: &[std::path::PathBuf],
    opts: ReadOptions,
    fail_fast: bool,
    group_docs: usize,
    stop: &(dyn Fn() -> bool + Sync),
    mut report: impl FnMut(&Path, Result<FileResult>) -> bool + Send,
) -> Result<Busy> {
    use rayon::prelude::*;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    let started = Instant::now();
    let analysis = Mutex::new(Duration::ZERO);
    let mut writer = Duration::ZERO;
    // A second connection answers "is this file already in?" for the readers
    // while the writer's connection is busy writing.
    let checker = Mutex::new({
        let mut c = Store::open_read_only(store.path())?;
        c.reanalyse = store.reanalyse;
        c
    });
    let prepare = |chunk: &[std::path::PathBuf]| -> Vec<(std::path::PathBuf, Result<Prepared>)> {
        chunk
            .par_iter()
            .map(|path| {
                let t = Instant::now();
                let prepared = read(path, opts).and_then(|doc| {
                    let precheck = checker.lock().expect("checker lock").outcome_for(&doc)?;
                    let extraction = match precheck {
                        // A copy is analysed too: decided again as the
                        // group is written, it may be a document by then
                        // (its original replaced earlier in the run).
                        Outcome::Unchanged => None,
                        _ => Some(analyze(&doc)),
                    };
                    Ok(Prepared {
                        doc,
                        precheck,
                        extraction,
                    })
                });
                *analysis.lock().expect("timing lock") += t.elapsed();
                (path.clone(), prepared)
            })
            .collect()
    };
    let write = |store: &mut Store,
                 ready: Vec<(std::path::PathBuf, Result<Prepared>)>,
                 report: &mut (dyn FnMut(&Path, Result<FileResult>) -> bool + Send),
                 busy: &mut Duration|
     -> bool {
        let t = Instant::now();
        // With --fail-fast nothing after the first failed file is saved: it
        // would be in the base without ever being reported.
        let upto = if fail_fast {
            ready
                .iter()
                .position(|(_, p)| p.is_err())
                .unwrap_or(ready.len())
        } else {
            ready.len()
        };
        let to_save: Vec<(&Document, &Extraction)> = ready[..upto]
            .iter()
            .filter_map(|(_, p)| p.as_ref().ok())
            .filter_map(|p| p.extraction.as_ref().map(|ex| (&p.doc, ex)))
            .collect();
        let stop_at_error = fail_fast;
        // A failure of SQLite's is about the base, and says which.
        let db = store.path().to_path_buf();
        let saved = store
            .save_group(&to_save, stop_at_error)
            .map_err(|e| e.in_database(&db));
        *busy += t.elapsed();
        let mut saved = match saved {
            Ok(results) => results.into_iter(),
            Err(e) => {
                // Nothing of the group committed: every file of it says so;
                // the next group is tried unless --fail-fast.
                let reason = e.to_string();
                let mut first = Some(e);
                for (path, _) in &ready {
                    let err = first
                        .take()
                        .unwrap_or_else(|| Error::input(path, format!("not saved: {reason}")));
                    if !report(path, Err(err)) || fail_fast {
                        return false;
                    }
                }
                return true;
            }
        };
        for (path, prepared) in ready {
            let result = prepared.and_then(|p| {
                let outcome = match &p.extraction {
                    Some(_) => match saved.next() {
                        Some(r) => r.map_err(|e| e.in_database(&db))?,
                        // Not attempted: an earlier document failed with --fail-fast.
                        None => return Ok(None),
                    },
                    None => p.precheck.clone(),
                };
                // A file found to repeat another of the same group saved nothing.
                Ok(Some(FileResult::of(&p.doc, outcome, p.extraction.as_ref())))
            });
            let result = match result {
                Ok(None) => return false,
                Ok(Some(r)) => Ok(r),
                Err(e) => Err(e),
            };
            let failed = result.is_err();
            if !report(&path, result) || (failed && fail_fast) {
                return false;
            }
        }
        true
    };
    // A load much larger than the base builds the query-only indexes once
    // at the end instead of inserting into them row by row.
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let incoming: u64 = sizes.iter().sum();
    let bulk = incoming >= crate::store::BULK_MIN_BYTES
        && incoming > crate::store::BULK_FACTOR * store.text_bytes()?;
    if bulk {
        store.suspend_secondary_indexes()?;
    }
    let groups = group_files(&sizes, group_docs.max(1));
    let mut groups = groups.iter().map(|r| &files[r.clone()]);
    let mut ready = groups.next().map(prepare).unwrap_or_default();
    // Asked to stop (a signal) before a group is written: every file
    // reported so far is saved and none after it is. A run whose last group
    // was already being written finishes, and is no stopped run.
    let mut stopped = false;
    loop {
        if stop() {
            stopped = true;
            break;
        }
        let next_group = groups.next();
        let (next, keep_going) = rayon::join(
            || next_group.map(prepare),
            || write(store, std::mem::take(&mut ready), &mut report, &mut writer),
        );
        if !keep_going || next.is_none() {
            break;
        }
        ready = next.expect("checked");
    }
    if bulk {
        let t = Instant::now();
        store.restore_secondary_indexes()?;
        writer += t.elapsed();
    }
    Ok(Busy {
        wall: started.elapsed(),
        analysis: analysis.into_inner().expect("timing lock"),
        writer,
        threads: rayon::current_num_threads(),
        stopped,
    })
}

/// Where a bulk ingest's time went: the share of the wall time the writer
/// and the analysis threads were busy says which side bounds the rate.
#[derive(Debug, Clone, Copy)]
pub struct Busy {
    pub wall: std::time::Duration,
    /// Reading, decoding and analysing files, summed over the analysis threads.
    pub analysis: std::time::Duration,
    /// Saving groups (the single writer).
    pub writer: std::time::Duration,
    /// Analysis threads; 0 when analysis and writing ran on one thread and
    /// were not timed apart (standard input).
    pub threads: usize,
    /// The run was stopped (`stop`) with files left unsaved.
    pub stopped: bool,
}

impl Busy {
    /// Share of the wall time the writer was busy.
    pub fn writer_share(&self) -> f64 {
        self.writer.as_secs_f64() / self.wall.as_secs_f64().max(1e-9)
    }

    /// Mean share of the wall time each analysis thread was busy.
    pub fn analysis_share(&self) -> f64 {
        self.analysis.as_secs_f64()
            / (self.wall.as_secs_f64() * self.threads.max(1) as f64).max(1e-9)
    }
}

/// Consecutive runs of files (given by their `sizes`) of at most
/// `max_docs` files and about [`GROUP_BYTES`] (a file larger than that is a
/// group of its own).
fn group_files(sizes: &[u64], max_docs: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0usize, 0u64);
    for (i, &size) in sizes.iter().enumerate() {
        if i > start && (i - start >= max_docs || bytes + size > GROUP_BYTES) {
            out.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}
