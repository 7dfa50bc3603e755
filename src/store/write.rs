//! Saving one document's extraction, all in one transaction.

use super::Store;
use crate::error::Result;
use crate::model::Extraction;
use crate::nlp;
use crate::text::Document;
use rusqlite::{params, OptionalExtension};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new document.
    Added,
    /// The path was known with other content; its old graph was replaced.
    Replaced {
        /// The file recorded as a copy of the earlier text, which now holds
        /// that text and its graph (as when the document is removed); None
        /// when it had no copy.
        kept_by: Option<String>,
    },
    /// The same bytes, or the same text in another encoding or with other
    /// line endings, were already ingested from this path.
    Unchanged,
    /// The same bytes, or (for a path not stored before) the same text in
    /// another encoding or with other line endings, were already ingested
    /// from another path.
    Duplicate(String),
    /// A stored file now holds the same bytes as another stored path: its
    /// own graph left this path and it is recorded as that one's copy.
    DuplicateReplacing {
        of: String,
        /// The file recorded as a copy of its earlier text, which now
        /// holds that text and its graph; None when it had no copy and the
        /// graph was removed.
        kept_by: Option<String>,
    },
    /// Recorded as a copy of that stored path before, and still one.
    UnchangedCopy(String),
    /// Unchanged, but analysed and saved again as asked ([`Store::reanalyse`]).
    Reanalysed,
}

impl Outcome {
    /// The stored path this file repeats, when this run recorded it as a
    /// copy.
    pub fn copy_of(&self) -> Option<&str> {
        match self {
            Outcome::Duplicate(of) | Outcome::DuplicateReplacing { of, .. } => Some(of),
            _ => None,
        }
    }

    /// The stored path this file repeats, when it is a recorded copy (new
    /// in this run or not).
    pub fn same_as(&self) -> Option<&str> {
        match self {
            Outcome::UnchangedCopy(of) => Some(of),
            _ => self.copy_of(),
        }
    }

    /// The file, recorded as a copy of this path's earlier text, that now
    /// holds that text and its graph.
    pub fn old_graph_kept_by(&self) -> Option<&str> {
        match self {
            Outcome::Replaced { kept_by } | Outcome::DuplicateReplacing { kept_by, .. } => {
                kept_by.as_deref()
            }
            _ => None,
        }
    }

    /// Is the path's graph from before gone: replaced, or the file became
    /// a copy of another?
    pub fn removed_old_graph(&self) -> bool {
        matches!(
            self,
            Outcome::Replaced { .. } | Outcome::DuplicateReplacing { .. }
        )
    }

    /// Nothing to save: the same content stands under this path, as a
    /// document or as a recorded copy.
    pub fn unchanged(&self) -> bool {
        matches!(self, Outcome::Unchanged | Outcome::UnchangedCopy(_))
    }

    /// Did saving write the document's graph (claims, edges, terms)?
    pub fn wrote_graph(&self) -> bool {
        matches!(
            self,
            Outcome::Added | Outcome::Replaced { .. } | Outcome::Reanalysed
        )
    }
}

impl Store {
    /// What saving `doc` would do, without analysing it: lets ingest skip
    /// unchanged files before paying for extraction.
    pub fn outcome_for(&self, doc: &Document) -> Result<Outcome> {
        decide(&self.conn, doc, self.reanalyse).map(|(outcome, old)| match (outcome, old) {
            // A stored file edited into a copy of another: written, so that
            // its stale graph goes.
            (Outcome::Duplicate(_), Some(_)) => Outcome::Replaced { kept_by: None },
            (outcome, _) => outcome,
        })
    }

    /// Saves a document and its graph, replacing an older version from the
    /// same path. Either all of it is written or none of it.
    pub fn save(&mut self, doc: &Document, ex: &Extraction) -> Result<Outcome> {
        let mut results = self.save_group(&[(doc, ex)], true)?;
        results.pop().expect("one result per document")
    }

    /// Saves several documents in one transaction — commits and search-index
    /// flushes cost per transaction, not per byte, so a bulk ingest groups
    /// them. Each document is written inside its own savepoint: one that
    /// fails is rolled back alone and gets its error in the result, and the
    /// others still commit (unless `stop_at_error`, when the documents after
    /// it are not attempted and get no result). After a crash every document
    /// is wholly present or absent, as with one transaction each. An error of
    /// the whole call means nothing was committed.
    pub fn save_group(
        &mut self,
        docs: &[(&Document, &Extraction)],
        stop_at_error: bool,
    ) -> Result<Vec<Result<Outcome>>> {
        // Term ids the group adds; remembered only once it commits.
        let mut group_ids: HashMap<String, i64> = HashMap::default();
        let mut results = Vec::with_capacity(docs.len());
        let mut tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another connection may have deleted terms since the ids were seen.
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.term_ids_version != Some(version) {
            self.term_ids.clear();
        }
        let mut rows = GroupRows::default();
        for (doc, ex) in docs {
            let mut ids: HashMap<String, i64> = HashMap::default();
            let rows_before = (
                rows.search.len(),
                rows.terms.len(),
                rows.replaced_terms.len(),
            );
            let mut sp = tx.savepoint()?;
            let known = |term: &str| {
                self.term_ids
                    .get(term)
                    .or_else(|| group_ids.get(term))
                    .copied()
            };
            let base = Base {
                path: &self.path,
                reanalyse: self.reanalyse,
            };
            let written = write_document(&sp, base, &known, &mut ids, &mut rows, doc, ex);
            let failed = written.is_err();
            if failed {
                sp.rollback()?;
                sp.finish()?;
                rows.search.truncate(rows_before.0);
                rows.terms.truncate(rows_before.1);
                rows.replaced_terms.truncate(rows_before.2);
                // A full disk, an I/O error or lack of memory can make SQLite
                // roll back the whole transaction: then nothing of the group
                // stands, and going on would commit later documents one by
                // one without their search and key-term rows.
                if tx.is_autocommit() {
                    return Err(written.expect_err("this document failed"));
                }
            } else {
                sp.commit()?;
                group_ids.extend(ids);
            }
            results.push(written);
            if failed && stop_at_error {
                break;
            }
        }
        // During a bulk load the term index is down (see below).
        let term_index: bool = tx
            .prepare_cached(
                "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'claim_terms_term'",
            )?
            .exists([])?;
        {
            let mut search =
                tx.prepare_cached("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")?;
            for (num, words) in &rows.search {
                search.execute(params![num, words])?;
            }
            // In term order, the term index takes the group's rows in one
            // sweep instead of at random places; while it is down (a bulk
            // load), in claim order the rows append to the table's key.
            if term_index {
                rows.terms.sort_unstable_by_key(|a| (a.0, a.1));
            } else {
                rows.terms.sort_unstable_by_key(|a| (a.1, a.0));
            }
            let mut claim_term = tx.prepare_cached(
                "INSERT OR IGNORE INTO claim_terms (claim_num, term_id, weight) VALUES (?1, ?2, ?3)",
            )?;
            for (term, claim, weight) in &rows.terms {
                claim_term.execute(params![claim, term, weight])?;
            }
        }
        // During a bulk load the term index is down, and each look for an
        // unused term would scan every key-term row: the load's end clears
        // them all at once (`restore_secondary_indexes`).
        let pending = !term_index && !rows.replaced_terms.is_empty();
        let dropped = if term_index {
            drop_orphan_terms(&tx, rows.replaced_terms)?
        } else {
            Vec::new()
        };
        tx.commit()?;
        self.unused_terms_pending |= pending;
        self.term_ids_version = Some(version);
        self.term_ids.extend(group_ids);
        for term in &dropped {
            self.term_ids.remove(term);
        }
        Ok(results)
    }
}

/// The stored document a file is (`?1` its canonical path, `?2` its path
/// as given or its name on standard input): by canonical path, else a
/// document stored before canonical paths by the path as given (never a
/// stdin document for a file).
pub(super) const THE_DOCUMENT_OF_A_FILE: &str = "WHERE canonical_path = ?1
        OR (canonical_path IS NULL AND path = ?2 AND (?1 IS NULL OR origin <> 'stdin'))
     ORDER BY canonical_path IS NULL LIMIT 1";

/// What saving `doc` does, and the stored document it would replace (row
/// id, path). A document is known by its file's canonical path, or — for a
/// document from no file, or one stored before canonical paths — by its
/// path as typed (a file never takes the place of standard input's text
/// stored under the same name). The same bytes under that identity are unchanged; under
/// another, a duplicate.
fn decide(
    conn: &rusqlite::Connection,
    doc: &Document,
    reanalyse: bool,
) -> Result<(Outcome, Option<(i64, String)>)> {
    // Cached statements: a group of a thousand small files asks these a
    // thousand times, and preparing them was a tenth of the writer's time.
    let same: Option<(i64, String, String, Option<String>)> = conn
        .prepare_cached(&format!(
            "SELECT id, path, hash, text_hash FROM documents {THE_DOCUMENT_OF_A_FILE}"
        ))?
        .query_row(params![doc.source, doc.path], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    // The same file with the same text, perhaps saved in another encoding
    // or with other line endings: its graph and ids stand.
    if let Some((id, path, hash, text_hash)) = &same {
        if *hash == doc.hash || text_hash.as_deref() == Some(doc.text_hash.as_str()) {
            return Ok(match reanalyse {
                true => (Outcome::Reanalysed, Some((*id, path.clone()))),
                false => (Outcome::Unchanged, None),
            });
        }
    }
    let old = same.map(|(id, path, _, _)| (id, path));
    // The same bytes under another path: a copy, never stored twice (the
    // hash is unique). A stored file edited into such a copy loses its
    // stale graph (`old`, removed by the writer).
    let path_where = |sql: &str, key: &str| -> rusqlite::Result<Option<String>> {
        conn.prepare_cached(sql)?
            .query_row([key], |r| r.get(0))
            .optional()
    };
    if let Some(other) = path_where("SELECT path FROM documents WHERE hash = ?1", &doc.hash)? {
        return Ok((Outcome::Duplicate(other), old));
    }
    // A new path whose text is a stored document's in another encoding or
    // with other line endings is a copy too. A stored file edited into one
    // stays a document of its own: it is the user's file, and now says that.
    if old.is_none() {
        let by_text = path_where(
            "SELECT path FROM documents WHERE text_hash = ?1 ORDER BY id LIMIT 1",
            &doc.text_hash,
        )?;
        if let Some(other) = by_text {
            return Ok((Outcome::Duplicate(other), None));
        }
    }
    Ok(match old {
        Some(old) => (Outcome::Replaced { kept_by: None }, Some(old)),
        None => (Outcome::Added, None),
    })
}

/// The key a copy is recorded under: the file's canonical path, or the name
/// given to standard input.
fn copy_key(doc: &Document) -> &str {
    doc.source.as_deref().unwrap_or(&doc.path)
}

/// Is `doc` recorded already as a copy of the stored document shown as `of`?
fn recorded_copy(conn: &rusqlite::Connection, doc: &Document, of: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM document_copies c JOIN documents d ON d.id = c.document_id
             WHERE c.key = ?1 AND d.path = ?2",
        )?
        .exists(params![copy_key(doc), of])?)
}

/// Records `doc` as a copy of the stored document shown as `of`.
fn record_copy(conn: &rusqlite::Connection, doc: &Document, of: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO document_copies (key, path, canonical_path, origin, document_id, recorded_at)
         SELECT ?1, ?2, ?3, ?4, id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM documents WHERE path = ?5",
    )?
    .execute(params![copy_key(doc), doc.path, doc.source, doc.origin, of])?;
    Ok(())
}

/// A file recorded as a copy of a stored document, every column but the
/// document's.
struct CopyRecord {
    key: String,
    path: String,
    canonical_path: Option<String>,
    origin: String,
    recorded_at: String,
}

/// The files recorded as copies of the stored document `row`.
fn copy_records(tx: &rusqlite::Connection, row: i64) -> Result<Vec<CopyRecord>> {
    let mut stmt = tx.prepare_cached(
        "SELECT key, path, canonical_path, origin, recorded_at FROM document_copies
         WHERE document_id = ?1 ORDER BY key",
    )?;
    let rows = stmt.query_map([row], |r| {
        Ok(CopyRecord {
            key: r.get(0)?,
            path: r.get(1)?,
            canonical_path: r.get(2)?,
            origin: r.get(3)?,
            recorded_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hands the stored document (`row`, shown as `path`, with content `hash`)
/// to its first recorded copy (by path), if it has one: the copy's path,
/// canonical path and origin become the document's and its record goes;
/// the essays, claims and ids stand, since the text is the same. Returns
/// the path the document is now shown under; None when it has no copy.
/// The copy is shown under its path as given unless another document shows
/// it or it is `reserved` (the name a file being saved will take), and then
/// under its key (its canonical path).
fn hand_to_first_copy(
    tx: &rusqlite::Connection,
    row: i64,
    path: &str,
    hash: &str,
    reserved: Option<&str>,
) -> Result<Option<String>> {
    let heir: Option<(String, String, Option<String>, String)> = tx
        .query_row(
            "SELECT key, path, canonical_path, origin FROM document_copies
             WHERE document_id = ?1 ORDER BY path LIMIT 1",
            [row],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((key, copy_path, canonical, origin)) = heir else {
        return Ok(None);
    };
    // The path as given is shown, unless another document shows it.
    let taken = reserved == Some(copy_path.as_str())
        || tx
            .prepare("SELECT 1 FROM documents WHERE path = ?1 AND id <> ?2")?
            .exists(params![copy_path, row])?;
    let shown = if taken { key.clone() } else { copy_path };
    let updated = tx.execute(
        "UPDATE documents SET path = ?1, canonical_path = ?2, origin = ?3
         WHERE id = ?4 AND path = ?5 AND hash = ?6",
        params![shown, canonical, origin, row, path, hash],
    )?;
    if updated == 0 {
        return Err(crate::error::Error::Usage(format!(
            "{path} changed while it was being removed (another argraph wrote it); nothing was removed — run remove again"
        )));
    }
    tx.execute("DELETE FROM document_copies WHERE key = ?1", [key])?;
    Ok(Some(shown))
}

/// Schema 10: the text hash of every document stored before it.
pub fn backfill_text_hashes(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM documents WHERE text_hash IS NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // One text at a time: a base of many large documents is never held whole.
    let mut text = tx.prepare("SELECT text FROM documents WHERE id = ?1")?;
    let mut set = tx.prepare("UPDATE documents SET text_hash = ?1 WHERE id = ?2")?;
    for id in ids {
        let t: String = text.query_row([id], |r| r.get(0))?;
        set.execute(params![crate::text::text_hash(&t), id])?;
    }
    Ok(())
}

/// Schema 6: the canonical path of each document whose file can still be
/// found with the very bytes that were stored (paths were typed relative
/// to wherever ingest ran, so a relative path is tried from the current
/// directory and from the database's; the hash check means an unrelated
/// file that happens to have the same name is never taken for it). A
/// document whose file is gone or edited stays known by its path, as
/// before. When several stored documents match one file, the newest keeps
/// it. Imported maps are told by their file names (ingest reads .txt and
/// .md; import reads .json/.aif and .argdown).
pub fn backfill_canonical_paths(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "UPDATE documents SET origin = 'argdown' WHERE lower(path) LIKE '%.argdown';
         UPDATE documents SET origin = 'aif' WHERE lower(path) LIKE '%.json' OR lower(path) LIKE '%.aif';",
    )?;
    let docs: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT id, path, hash FROM documents ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let db_dir = tx
        .path()
        .and_then(|p| std::path::Path::new(p).parent().map(|d| d.to_owned()));
    let mut seen = std::collections::HashSet::new();
    let mut set = tx.prepare("UPDATE documents SET canonical_path = ?1 WHERE id = ?2")?;
    for (id, path, hash) in docs {
        let typed = std::path::Path::new(&path);
        let candidates = std::iter::once(typed.to_owned()).chain(
            db_dir
                .iter()
                .filter(|_| typed.is_relative())
                .map(|d| d.join(typed)),
        );
        for candidate in candidates {
            let same_bytes = std::fs::read(&candidate)
                .is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == hash);
            if !same_bytes {
                continue;
            }
            if let Some(canonical) = crate::ingest::canonical(&candidate) {
                if seen.insert(canonical.clone()) {
                    set.execute(params![canonical, id])?;
                }
                break;
            }
        }
    }
    Ok(())
}

/// Rows a group writes after its documents' savepoints.
#[derive(Default)]
struct GroupRows<'a> {
    /// (claim row number, search words).
    search: Vec<(i64, Cow<'a, str>)>,
    /// (term id, claim row number, weight).
    terms: Vec<(i64, i64, f64)>,
    /// Key terms of the documents the group replaces: those left without a
    /// claim once the group's rows are in go.
    replaced_terms: Vec<i64>,
}

/// The key terms of a stored document's claims.
fn terms_of_document(conn: &rusqlite::Connection, document: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT ct.term_id FROM claim_terms ct
         JOIN claims c ON c.num = ct.claim_num
         JOIN essays e ON e.id = c.essay_id
         WHERE e.document_id = ?1",
    )?;
    let ids = stmt.query_map([document], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Deletes those of `terms` no claim has any more (their documents removed
/// or replaced), so the term list holds no word of a text that is gone;
/// returns the words deleted, for the caller's cache of term ids.
fn drop_orphan_terms(conn: &rusqlite::Connection, mut terms: Vec<i64>) -> Result<Vec<String>> {
    terms.sort_unstable();
    terms.dedup();
    let mut orphan = conn.prepare_cached(
        "DELETE FROM terms WHERE id = ?1
         AND NOT EXISTS (SELECT 1 FROM claim_terms WHERE term_id = ?1)
         RETURNING term",
    )?;
    let mut dropped = Vec::new();
    for id in terms {
        if let Some(term) = orphan.query_row([id], |r| r.get(0)).optional()? {
            dropped.push(term);
        }
    }
    Ok(dropped)
}

/// The base a group is written to, as `write_document` needs it.
#[derive(Clone, Copy)]
struct Base<'p> {
    /// For messages.
    path: &'p std::path::Path,
    /// [`Store::reanalyse`].
    reanalyse: bool,
}

/// Writes one document's rows into an open transaction or savepoint.
/// `known` gives the ids of terms committed or written earlier in the group;
/// `ids` collects the ones this document adds, `rows` its claims'
/// search-index and key-term rows, which the group writes after its last
/// savepoint: FTS5 flushes its pending segment at every savepoint release
/// (rows written inside them cost a segment and merges per document), and
/// key-term rows sorted by term reach the term index in one sweep.
fn write_document<'a>(
    tx: &rusqlite::Connection,
    base: Base,
    known: &dyn Fn(&str) -> Option<i64>,
    ids: &mut HashMap<String, i64>,
    rows: &mut GroupRows<'a>,
    doc: &Document,
    ex: &'a Extraction,
) -> Result<Outcome> {
    let db_path = base.path;
    {
        // Checked again inside the write lock: another process may have won.
        let (outcome, old) = decide(tx, doc, base.reanalyse)?;
        // The graph this path had: analysed again, its copies stay copies
        // of it; replaced by other text, it passes to its first copy, whose
        // file still holds that text (as when it is removed), or goes.
        let mut copies = Vec::new();
        let mut kept_by = None;
        if let Some((id, path)) = &old {
            if outcome == Outcome::Reanalysed {
                copies = copy_records(tx, *id)?;
            } else {
                let hash: String =
                    tx.query_row("SELECT hash FROM documents WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                // The copy keeps its own name, never the one this file is
                // about to be saved under.
                kept_by = hand_to_first_copy(tx, *id, path, &hash, Some(&doc.path))?;
            }
            if kept_by.is_none() {
                rows.replaced_terms.extend(terms_of_document(tx, *id)?);
                tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
            }
        }
        let outcome = match (outcome, &old) {
            (Outcome::Duplicate(of), Some(_)) => Outcome::DuplicateReplacing { of, kept_by },
            (Outcome::Replaced { .. }, _) => Outcome::Replaced { kept_by },
            (outcome, _) => outcome,
        };
        // A copy is decided here, under the write lock: its original may
        // have changed since the file was read (earlier in the same run).
        // One recorded already is unchanged.
        if let Some(of) = outcome.copy_of() {
            // (Never so after a removal above: saving a document takes the
            // copy records of its key. Were it so, the loss is still said.)
            if recorded_copy(tx, doc, of)? && old.is_none() {
                return Ok(Outcome::UnchangedCopy(of.to_owned()));
            }
            // Text from standard input is known by its --name alone: a
            // stored document shown under that name is another one, and a
            // copy recorded under it would be listed, and removed, in its
            // place (as for new text, below).
            let name_taken = doc.origin == "stdin"
                && tx
                    .prepare_cached("SELECT 1 FROM documents WHERE path = ?1")?
                    .exists([&doc.path])?;
            if name_taken {
                return Err(crate::error::Error::input(
                    &doc.path,
                    "another stored document is already shown under this name; pick another --name",
                ));
            }
            record_copy(tx, doc, of)?;
        }
        if outcome == Outcome::Unchanged || outcome.copy_of().is_some() {
            return Ok(outcome);
        }
        // A file once recorded as a copy now holds text of its own.
        tx.prepare_cached("DELETE FROM document_copies WHERE key = ?1")?
            .execute([copy_key(doc)])?;
        // The path as typed is shown; when another document already shows
        // it (`e.txt` typed in two directories), the canonical path is.
        let path_taken = |p: &str| -> Result<bool> {
            Ok(tx
                .prepare_cached("SELECT 1 FROM documents WHERE path = ?1")?
                .exists([p])?)
        };
        let taken = path_taken(&doc.path)?;
        let shown = match (&doc.source, taken) {
            (_, false) => doc.path.as_str(),
            (Some(canonical), true) if !path_taken(canonical)? => canonical.as_str(),
            _ => {
                let fix = if doc.origin == "stdin" {
                    "pick another --name"
                } else {
                    "take the other one out with `argraph remove`, or name this file another way"
                };
                return Err(crate::error::Error::input(
                    &doc.path,
                    format!("another stored document is already shown under this name; {fix}"),
                ));
            }
        };
        tx.prepare_cached(
            "INSERT INTO documents (path, hash, encoding, text, bytes, ingested_at, canonical_path, origin, text_hash, role_weights)
             VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
                shown,
                doc.hash,
                doc.encoding,
                doc.text,
                doc.text.len() as i64,
                doc.source,
                doc.origin,
                doc.text_hash,
                ex.role_weights
            ])?;
        let doc_id = tx.last_insert_rowid();
        for c in &copies {
            tx.prepare_cached(
                "INSERT INTO document_copies (key, path, canonical_path, origin, document_id, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![c.key, c.path, c.canonical_path, c.origin, doc_id, c.recorded_at])?;
        }
        {
            let mut essay = tx.prepare_cached(
                "INSERT INTO essays (id, document_id, ord, title, span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut section = tx.prepare_cached(
                "INSERT INTO sections (id, essay_id, ord, heading, span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for e in &ex.essays {
                essay.execute(params![
                    e.id,
                    doc_id,
                    e.ord,
                    e.title,
                    e.span.start as i64,
                    e.span.end as i64
                ])?;
                for s in &e.sections {
                    section.execute(params![
                        s.id,
                        e.id,
                        s.ord,
                        s.heading,
                        s.span.start as i64,
                        s.span.end as i64
                    ])?;
                }
            }
            let mut claim = tx.prepare_cached(
                "INSERT INTO claims (id, essay_id, section_id, ord, paragraph, kind, text, span_start, span_end, hedged, stance, heading, role, why, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            // Row number of each claim: edges and terms refer to claims by it.
            let mut num: HashMap<&str, i64> =
                HashMap::with_capacity_and_hasher(ex.claims.len(), Default::default());
            for (i, c) in ex.claims.iter().enumerate() {
                claim.execute(params![
                    c.id,
                    c.essay,
                    c.section,
                    c.ord,
                    c.paragraph,
                    c.kind.as_str(),
                    c.text,
                    c.span.start as i64,
                    c.span.end as i64,
                    c.hedged,
                    c.stance,
                    c.heading,
                    c.role.as_str(),
                    c.why.as_ref().and_then(|w| serde_json::to_string(w).ok()),
                    c.evidence
                ])?;
                let n = tx.last_insert_rowid();
                num.insert(&c.id, n);
                // Words segmented with the analysis, when a producer gave one per claim.
                let given = (ex.search_words.len() == ex.claims.len())
                    .then(|| ex.search_words.get(i))
                    .flatten();
                let words = match given {
                    Some(w) => Cow::Borrowed(w.as_str()),
                    None => Cow::Owned(nlp::search_words(&c.text)),
                };
                rows.search.push((n, words));
            }
            let num_of = |id: &str| {
                num.get(id).copied().ok_or_else(|| {
                    crate::Error::database(
                        db_path,
                        format!("edge or term names claim {id}, which the document does not hold"),
                    )
                })
            };
            let mut edge = tx.prepare_cached(
                "INSERT OR IGNORE INTO edges (src, dst, relation, marker, rule) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in &ex.edges {
                edge.execute(params![
                    num_of(&e.from)?,
                    num_of(&e.to)?,
                    e.relation.as_str(),
                    e.marker,
                    e.rule
                ])?;
            }
            // Look up first: most terms exist already, and an upsert would
            // rewrite their rows.
            let mut find_term = tx.prepare_cached("SELECT id FROM terms WHERE term = ?1")?;
            let mut new_term = tx.prepare_cached("INSERT INTO terms (term) VALUES (?1)")?;
            for t in &ex.terms {
                let id = match known(&t.term).or_else(|| ids.get(t.term.as_str()).copied()) {
                    Some(id) => id,
                    None => {
                        let id: i64 =
                            match find_term.query_row([&t.term], |r| r.get(0)).optional()? {
                                Some(id) => id,
                                None => {
                                    new_term.execute([&t.term])?;
                                    tx.last_insert_rowid()
                                }
                            };
                        ids.insert(t.term.clone(), id);
                        id
                    }
                };
                rows.terms.push((id, num_of(&t.claim)?, t.weight));
            }
        }
        Ok(outcome)
    }
}

/// Fills the search index for claims saved before it existed (migration 2).
pub(crate) fn backfill_search(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT num, text FROM claims ORDER BY num")?;
    let rows: Vec<(i64, String)> = read
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = tx.prepare("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")?;
    for (num, text) in rows {
        insert.execute(params![num, nlp::search_words(&text)])?;
    }
    Ok(())
}

/// Adds `documents.role_weights` (migration 14) where it is missing.
pub(crate) fn add_role_weights(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let there = tx
        .prepare("SELECT 1 FROM pragma_table_info('documents') WHERE name = 'role_weights'")?
        .exists([])?;
    if !there {
        tx.execute_batch("ALTER TABLE documents ADD COLUMN role_weights TEXT")?;
    }
    Ok(())
}

/// Gives the maps imported before migration 15 the text hash of their
/// file ([`crate::text::map_hash`]) instead of their text's: a map is a copy
/// only of the same file, so an essay or a map with the same text and
/// another graph is no copy of it (nor it of them).
pub(crate) fn mark_imported_map_hashes(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let maps: Vec<(i64, String)> = tx
        .prepare("SELECT id, hash FROM documents WHERE origin IN ('aif', 'argdown')")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = tx.prepare("UPDATE documents SET text_hash = ?1 WHERE id = ?2")?;
    for (id, hash) in maps {
        set.execute(params![crate::text::map_hash(&hash), id])?;
    }
    Ok(())
}

/// Indexes again the claims that hold full-width letters or digits
/// (migration 13): the index held ２０１９ as four single characters, and
/// now holds it as 2019, as it holds an ASCII run. Their words are cut from
/// the claim's own text (simplified, as ingest reads it), since ingest's
/// cut of the whole sentence is not stored.
pub(crate) fn narrow_search_words(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare(
        "SELECT num, text FROM claims WHERE text GLOB '*[０-９Ａ-Ｚａ-ｚ]*' ORDER BY num",
    )?;
    let rows: Vec<(i64, String)> = read
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut delete = tx.prepare("DELETE FROM claim_search WHERE rowid = ?1")?;
    let mut insert = tx.prepare("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")?;
    for (num, text) in rows {
        delete.execute([num])?;
        let words = nlp::search_words(&crate::text::script::simplified(&text));
        insert.execute(params![num, words])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, body: &str) -> (Document, Extraction) {
        let d = Document::from_bytes(name, body.as_bytes()).unwrap();
        let ex = crate::ingest::analyze(&d);
        (d, ex)
    }

    /// The one value `sql` gives.
    fn scalar(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn count(store: &Store, table: &str) -> i64 {
        scalar(store, &format!("SELECT count(*) FROM {table}"))
    }

    #[test]
    fn a_failing_document_rolls_back_alone_and_its_group_commits() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("kb.db")).unwrap();
        let a = doc(
            "a.txt",
            "甲文\n\n我认为读书使人明智。比如古人勤学。所以要多读书。\n",
        );
        let mut b = doc("b.txt", "乙文\n\n我认为运动有益健康。因为运动强身。\n");
        let c = doc("c.txt", "丙文\n\n我认为诚信是立身之本。例如商鞅立木。\n");
        // An edge to a claim the document does not hold: the write fails midway.
        b.1.edges[0].to = "no-such-claim".to_owned();
        let group = [(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)];
        let results = store.save_group(&group, false).unwrap();
        assert!(matches!(results[0], Ok(Outcome::Added)));
        assert!(results[1].is_err());
        assert!(matches!(results[2], Ok(Outcome::Added)));
        assert_eq!(count(&store, "documents"), 2);
        let claims = (a.1.claims.len() + c.1.claims.len()) as i64;
        assert_eq!(count(&store, "claims"), claims);
        assert_eq!(count(&store, "claim_search"), claims);
        // With stop_at_error the documents after the failure are not attempted.
        let d = doc("d.txt", "丁文\n\n我认为勤俭是美德。\n");
        let results = store
            .save_group(&[(&b.0, &b.1), (&d.0, &d.1)], true)
            .unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(count(&store, "documents"), 2);
        // The search index finds what the group wrote, by the words of each claim.
        let hits = scalar(
            &store,
            "SELECT count(*) FROM claim_search WHERE claim_search MATCH '诚信'",
        );
        assert_eq!(hits, 1);
    }

    #[test]
    fn terms_no_claim_has_go_and_another_connection_s_deletions_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.db");
        let mut writer = Store::open(&path).unwrap();
        let a = doc("a.txt", "甲文\n\n我认为读书使人明智。比如古人勤学。\n");
        writer.save_group(&[(&a.0, &a.1)], false).unwrap();
        let terms = count(&writer, "terms");
        assert!(terms > 0);
        // Another connection removes the document: its terms go with it.
        let mut other = Store::open(&path).unwrap();
        let stored = other.find_document("a.txt").unwrap();
        other.remove_documents(&[stored], &[]).unwrap();
        assert_eq!(count(&other, "terms"), 0);
        // The first connection remembered those terms' ids; the same words
        // must get live ids again, not dangling ones.
        let again = doc("again.txt", "乙文\n\n我认为读书使人明智。比如古人勤学。\n");
        let results = writer.save_group(&[(&again.0, &again.1)], false).unwrap();
        assert!(matches!(results[0], Ok(Outcome::Added)), "{results:?}");
        assert_eq!(count(&writer, "terms"), terms);
        let dangling = scalar(
            &writer,
            "SELECT count(*) FROM claim_terms WHERE term_id NOT IN (SELECT id FROM terms)",
        );
        assert_eq!(dangling, 0);
        // A replaced document's words that the new text drops go too.
        let edited = doc("again.txt", "乙文\n\n我认为运动有益健康。\n");
        writer.save_group(&[(&edited.0, &edited.1)], false).unwrap();
        let orphans = scalar(
            &writer,
            "SELECT count(*) FROM terms t WHERE NOT EXISTS
                 (SELECT 1 FROM claim_terms WHERE term_id = t.id)",
        );
        assert_eq!(orphans, 0);
        assert!(count(&writer, "terms") > 0);
        // In a bulk load (the term index down) the unused terms wait for the
        // load's end, and go then.
        writer.suspend_secondary_indexes().unwrap();
        let bulk = doc("again.txt", "乙文\n\n我认为诚信是立身之本。\n");
        writer.save_group(&[(&bulk.0, &bulk.1)], false).unwrap();
        writer.restore_secondary_indexes().unwrap();
        let orphans = scalar(
            &writer,
            "SELECT count(*) FROM terms WHERE id NOT IN (SELECT term_id FROM claim_terms)",
        );
        assert_eq!(orphans, 0);
    }

    #[test]
    fn remove_takes_nothing_when_the_document_was_replaced_since_it_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.db");
        let mut store = Store::open(&path).unwrap();
        let a = doc("a.txt", "甲文\n\n我认为读书使人明智。\n");
        store.save_group(&[(&a.0, &a.1)], false).unwrap();
        let named = store.find_document("a.txt").unwrap();
        // Another process replaces it meanwhile: the new version, saved after
        // the old row went, takes the same row id and path.
        let mut other = Store::open(&path).unwrap();
        let edited = doc("a.txt", "甲文\n\n我认为运动有益健康。\n");
        other.save_group(&[(&edited.0, &edited.1)], false).unwrap();
        let now = other.find_document("a.txt").unwrap();
        assert_eq!((now.row, &now.path), (named.row, &named.path));
        let err = store.remove_documents(&[named], &[]).unwrap_err();
        assert!(
            err.to_string()
                .contains("changed while it was being removed"),
            "{err}"
        );
        assert_eq!(count(&store, "documents"), 1);
    }

    #[test]
    fn dropped_query_indexes_come_back_on_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.db");
        let index_count = |store: &Store| -> i64 {
            scalar(
                store,
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN
                     ('claims_section', 'claims_role', 'edges_dst', 'claim_terms_term')",
            )
        };
        let mut store = Store::open(&path).unwrap();
        assert_eq!(index_count(&store), 4);
        store.suspend_secondary_indexes().unwrap();
        assert_eq!(index_count(&store), 0);
        let a = doc("a.txt", "甲文\n\n我认为读书使人明智。比如古人勤学。\n");
        store.save(&a.0, &a.1).unwrap();
        drop(store); // as if the bulk ingest had been killed here
        let store = Store::open(&path).unwrap();
        assert_eq!(index_count(&store), 4);
        assert_eq!(count(&store, "claims"), a.1.claims.len() as i64);
    }

    /// A guard that the bulk path's own insert order (key-term rows by
    /// claim while the term index is down) stores what the usual path does;
    /// the order itself is a matter of speed (docs/performance.md).
    #[test]
    fn a_group_saved_with_the_query_indexes_down_has_the_same_rows() {
        let docs = [
            doc(
                "a.txt",
                "甲文\n\n我认为读书使人明智。比如古人勤学，悬梁刺股。\n",
            ),
            doc("b.txt", "乙文\n\n读书使人快乐。因为书中有广阔的世界。\n"),
        ];
        let group: Vec<(&Document, &Extraction)> = docs.iter().map(|(d, e)| (d, e)).collect();
        let rows = |bulk: bool| -> Vec<(i64, String, f64)> {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("kb.db")).unwrap();
            if bulk {
                store.suspend_secondary_indexes().unwrap();
            }
            store.save_group(&group, false).unwrap();
            store.restore_secondary_indexes().unwrap();
            let mut stmt = store
                .conn
                .prepare(
                    "SELECT ct.claim_num, t.term, ct.weight FROM claim_terms ct
                     JOIN terms t ON t.id = ct.term_id ORDER BY ct.claim_num, t.term",
                )
                .unwrap();
            let out = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            out
        };
        let normal = rows(false);
        assert!(normal.len() > 4, "{normal:?}");
        assert_eq!(rows(true), normal);
    }
}

/// A stored document, as `remove` names it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredDocument {
    #[serde(skip)]
    pub row: i64,
    /// Its content hash: a row id can be reused by a newer version of the
    /// document saved meanwhile, the hash cannot.
    #[serde(skip)]
    pub hash: String,
    pub path: String,
    pub essays: i64,
    pub claims: i64,
    /// Files recorded as copies of it: the first takes its place when it is
    /// removed (its essays stay, under the copy's path), the others stay
    /// copies of that one.
    pub copies: Vec<String>,
}

/// A file recorded as a copy of a stored document, as `remove` names it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredCopy {
    #[serde(skip)]
    pub key: String,
    pub path: String,
    /// The path of the document it repeats.
    pub of: String,
}

/// The columns a [`StoredCopy`] is read from, the copy's table as `c` and
/// its document's as `d`.
const STORED_COPY_COLUMNS: &str =
    "SELECT c.key, c.path, d.path FROM document_copies c JOIN documents d ON d.id = c.document_id";

fn stored_copy(r: &rusqlite::Row) -> rusqlite::Result<StoredCopy> {
    Ok(StoredCopy {
        key: r.get(0)?,
        path: r.get(1)?,
        of: r.get(2)?,
    })
}

/// The canonical path of the directory `dir` with a final `/`: what the
/// canonical path of every file under it starts with. None when the
/// directory cannot be resolved.
fn dir_prefix(dir: &std::path::Path) -> Option<String> {
    let mut prefix = crate::ingest::canonical(dir)?;
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    Some(prefix)
}

impl Store {
    /// The file recorded as a copy that `spec` names (a file path in any
    /// spelling, or the path as given), if it names one.
    pub fn find_copy(&self, spec: &str) -> Result<Option<StoredCopy>> {
        let canonical = crate::ingest::canonical(std::path::Path::new(spec));
        Ok(self
            .conn
            .query_row(
                &format!(
                    "{STORED_COPY_COLUMNS} WHERE c.key = ?1 OR c.path = ?2 ORDER BY c.key = ?1 DESC LIMIT 1"
                ),
                params![canonical.as_deref().unwrap_or(spec), spec],
                stored_copy,
            )
            .optional()?)
    }

    /// The document a user means by `spec`: a file path in any spelling (its
    /// canonical path), a path as stored (a file since deleted, a `--name`
    /// given to standard input), or the id (or unique prefix) of one of its
    /// essays.
    pub fn find_document(&self, spec: &str) -> Result<StoredDocument> {
        // An existing file means that file (or a row stored before canonical
        // paths under the same spelling), never another document that only
        // displays the same string; a name that is no file is looked up as
        // stored (a deleted file, a --name given to standard input).
        let row: Option<i64> = match crate::ingest::canonical(std::path::Path::new(spec)) {
            Some(canonical) => {
                let rows: Vec<(i64, String)> = {
                    let mut stmt = self.conn.prepare(
                        "SELECT id, path FROM documents
                         WHERE canonical_path = ?1
                            OR (canonical_path IS NULL AND path = ?2 AND origin <> 'stdin')
                         ORDER BY canonical_path IS NULL",
                    )?;
                    let rows =
                        stmt.query_map(params![canonical, spec], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                if rows.len() > 1 {
                    // The file as it is now, and an older copy stored under
                    // this spelling before documents were known by their file.
                    return Err(crate::error::Error::Usage(format!(
                        "{spec} names {} stored documents ({}); remove one by an essay id from `argraph list essays`",
                        rows.len(),
                        rows.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(", ")
                    )));
                }
                rows.first().map(|(id, _)| *id)
            }
            None => self
                .conn
                .query_row("SELECT id FROM documents WHERE path = ?1", [spec], |r| {
                    r.get(0)
                })
                .optional()?,
        };
        let row = match row {
            Some(row) => row,
            None => {
                let essay = self.resolve(super::Table::Essays, spec).map_err(|e| match e {
                    crate::error::Error::UnknownId { .. } => crate::error::Error::Usage(format!(
                        "{spec}: no stored document has this path, and no essay this id; list them with `argraph list essays`"
                    )),
                    other => other,
                })?;
                self.conn.query_row(
                    "SELECT document_id FROM essays WHERE id = ?1",
                    [&essay],
                    |r| r.get(0),
                )?
            }
        };
        self.stored_document(row)
    }

    fn stored_document(&self, row: i64) -> Result<StoredDocument> {
        let copies = self
            .conn
            .prepare_cached(
                "SELECT path FROM document_copies WHERE document_id = ?1 ORDER BY path",
            )?
            .query_map([row], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(self.conn.query_row(
            "SELECT d.path, d.hash,
                    (SELECT count(*) FROM essays WHERE document_id = d.id),
                    (SELECT count(*) FROM claims c JOIN essays e ON e.id = c.essay_id WHERE e.document_id = d.id)
             FROM documents d WHERE d.id = ?1",
            [row],
            |r| {
                Ok(StoredDocument {
                    row,
                    path: r.get(0)?,
                    hash: r.get(1)?,
                    essays: r.get(2)?,
                    claims: r.get(3)?,
                    copies,
                })
            },
        )?)
    }

    /// Every file recorded as a copy under the directory `dir` (by
    /// canonical path), in path order.
    pub fn copies_under(&self, dir: &std::path::Path) -> Result<Vec<StoredCopy>> {
        let Some(prefix) = dir_prefix(dir) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare(&format!(
            "{STORED_COPY_COLUMNS} WHERE substr(c.canonical_path, 1, length(?1)) = ?1 ORDER BY c.path"
        ))?;
        let rows = stmt.query_map([&prefix], stored_copy)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every document read from a file under the directory `dir` (by
    /// canonical path), in path order.
    pub fn documents_under(&self, dir: &std::path::Path) -> Result<Vec<StoredDocument>> {
        let Some(prefix) = dir_prefix(dir) else {
            return Ok(Vec::new());
        };
        let rows: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM documents WHERE substr(canonical_path, 1, length(?1)) = ?1 ORDER BY canonical_path",
            )?;
            let rows = stmt.query_map([&prefix], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        rows.into_iter()
            .map(|row| self.stored_document(row))
            .collect()
    }

    /// Takes the records of `copies` out, then the documents, with
    /// everything extracted from them — a document with a copy left is
    /// handed to its first copy instead ([`hand_to_first_copy`]) — in one
    /// transaction: all of it happens, or none.
    pub fn remove_documents(
        &mut self,
        docs: &[StoredDocument],
        copies: &[StoredCopy],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for c in copies {
            tx.execute("DELETE FROM document_copies WHERE key = ?1", [&c.key])?;
        }
        // The key terms of the claims going away: those no other claim has
        // are removed with them, so the term list holds no word of a
        // document that is gone.
        let mut terms: Vec<i64> = Vec::new();
        for d in docs {
            terms.extend(terms_of_document(&tx, d.row)?);
        }
        for d in docs {
            // A document with a copy left is handed to it: the copy's file
            // holds the same text, so its essays and ids stand.
            if hand_to_first_copy(&tx, d.row, &d.path, &d.hash, None)?.is_some() {
                continue;
            }
            // Named before the write lock was taken: if another process
            // replaced or removed it since, nothing is removed. (A
            // replacement can take the same row id and path: the hash tells.)
            let removed = tx.execute(
                "DELETE FROM documents WHERE id = ?1 AND path = ?2 AND hash = ?3",
                params![d.row, d.path, d.hash],
            )?;
            if removed == 0 {
                return Err(crate::error::Error::Usage(format!(
                    "{} changed while it was being removed (another argraph wrote it); nothing was removed — run remove again",
                    d.path
                )));
            }
        }
        let dropped = drop_orphan_terms(&tx, terms)?;
        tx.commit()?;
        for term in &dropped {
            self.term_ids.remove(term);
        }
        Ok(())
    }
}
