//! Saving one document's extraction, all in one transaction.

use super::Store;
use crate::error::Result;
use crate::model::Extraction;
use crate::nlp;
use crate::text::Document;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new document.
    Added,
    /// The path was known with other content; its old graph was replaced.
    Replaced,
    /// The same bytes were already ingested from this path.
    Unchanged,
    /// The same bytes were already ingested from another path.
    Duplicate(String),
}

impl Store {
    /// What saving `doc` would do, without analysing it: lets ingest skip
    /// unchanged files before paying for extraction.
    pub fn outcome_for(&self, path: &str, hash: &str) -> Result<Outcome> {
        let by_hash: Option<String> = self
            .conn
            .query_row("SELECT path FROM documents WHERE hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(other) = by_hash {
            return Ok(if other == path {
                Outcome::Unchanged
            } else {
                Outcome::Duplicate(other)
            });
        }
        let known: bool = self
            .conn
            .query_row("SELECT 1 FROM documents WHERE path = ?1", [path], |_| {
                Ok(true)
            })
            .optional()?
            .unwrap_or(false);
        Ok(if known {
            Outcome::Replaced
        } else {
            Outcome::Added
        })
    }

    /// Saves a document and its graph, replacing an older version from the
    /// same path. Either all of it is written or none of it.
    pub fn save(&mut self, doc: &Document, ex: &Extraction) -> Result<Outcome> {
        // Term ids this document adds; remembered only once it commits.
        let mut ids: HashMap<String, i64> = HashMap::new();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Checked again inside the write lock: another process may have won.
        let outcome = {
            let by_hash: Option<String> = tx
                .query_row(
                    "SELECT path FROM documents WHERE hash = ?1",
                    [&doc.hash],
                    |r| r.get(0),
                )
                .optional()?;
            match by_hash {
                Some(p) if p == doc.path => return Ok(Outcome::Unchanged),
                Some(p) => return Ok(Outcome::Duplicate(p)),
                None => {}
            }
            let removed = tx.execute("DELETE FROM documents WHERE path = ?1", [&doc.path])?;
            if removed > 0 {
                Outcome::Replaced
            } else {
                Outcome::Added
            }
        };
        tx.execute(
            "INSERT INTO documents (path, hash, encoding, text, bytes, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![
                doc.path,
                doc.hash,
                doc.encoding,
                doc.text,
                doc.text.len() as i64
            ],
        )?;
        let doc_id = tx.last_insert_rowid();
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
                "INSERT INTO claims (id, essay_id, section_id, ord, paragraph, kind, text, span_start, span_end, hedged, stance, heading, role, why)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut search =
                tx.prepare_cached("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")?;
            // Row number of each claim: edges and terms refer to claims by it.
            let mut num: HashMap<&str, i64> = HashMap::with_capacity(ex.claims.len());
            for c in &ex.claims {
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
                    c.why.as_ref().and_then(|w| serde_json::to_string(w).ok())
                ])?;
                let n = tx.last_insert_rowid();
                num.insert(&c.id, n);
                search.execute(params![n, nlp::search_words(&c.text)])?;
            }
            let num_of = |id: &str| {
                num.get(id).copied().ok_or_else(|| {
                    crate::Error::database(
                        &self.path,
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
            let mut claim_term = tx.prepare_cached(
                "INSERT OR IGNORE INTO claim_terms (claim_num, term_id, weight) VALUES (?1, ?2, ?3)",
            )?;
            for t in &ex.terms {
                let known = self
                    .term_ids
                    .get(t.term.as_str())
                    .or_else(|| ids.get(t.term.as_str()));
                let id = match known {
                    Some(&id) => id,
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
                claim_term.execute(params![num_of(&t.claim)?, id, t.weight])?;
            }
        }
        tx.commit()?;
        self.term_ids.extend(ids);
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
