//! Reading the stored graph back: whole (for export) or by id.

use super::Store;
use crate::error::{Error, Result};
use crate::model::{Claim, Edge, Essay, Section, Span};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use std::collections::HashMap;

/// Essays (with the path of their document), claims and edges, in a stable
/// order: documents by path, then reading order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoredGraph {
    pub essays: Vec<(String, Essay)>,
    pub claims: Vec<Claim>,
    pub edges: Vec<Edge>,
    /// Files recorded as copies of a document ([`Store::copies`]), by the
    /// document's path; documents with none are absent.
    pub copies: std::collections::BTreeMap<String, Vec<String>>,
}

impl Store {
    /// The files recorded as copies of stored documents (the same content
    /// given under another path), by the path of the document they repeat,
    /// each list in path order.
    pub fn copies(&self) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.path, c.path FROM document_copies c JOIN documents d ON d.id = c.document_id
             ORDER BY d.path, c.path",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for row in rows {
            let (doc, copy) = row?;
            out.entry(doc).or_default().push(copy);
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub documents: i64,
    /// Files recorded as copies of a document (not counted in `documents`).
    pub copies: i64,
    pub essays: i64,
    pub sections: i64,
    pub claims: i64,
    /// Claims of each kind, keyed by kind (sorted: the JSON is an object).
    pub claims_by_kind: std::collections::BTreeMap<String, i64>,
    /// Claims of each discourse role, keyed by role.
    pub claims_by_role: std::collections::BTreeMap<String, i64>,
    pub hedged: i64,
    pub edges: i64,
    /// Edges of each relation, keyed by relation.
    pub edges_by_relation: std::collections::BTreeMap<String, i64>,
    pub default_edges: i64,
    pub terms: i64,
    /// Documents by the role weights that read them (schema 14), most
    /// documents first.
    pub role_weights: Vec<WeightsCount>,
}

/// How many documents one set of role weights read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightsCount {
    /// The weights' id (`extract::roles::weights_id`); None for documents
    /// saved before schema 14 and imported maps.
    pub id: Option<String>,
    /// Are they the weights this argraph ships? (Filled in by the command,
    /// which knows them.)
    pub shipped: bool,
    pub documents: i64,
}

/// How many columns [`CLAIM_COLUMNS`] selects: a query's own columns follow.
pub(crate) const CLAIM_COLUMN_COUNT: usize = 15;

pub(crate) const CLAIM_COLUMNS: &str =
    "c.id, c.essay_id, c.section_id, c.ord, c.paragraph, c.kind, c.text, \
     c.span_start, c.span_end, c.hedged, c.stance, c.heading, c.role, c.why, c.evidence";

pub(crate) fn claim_from_row(r: &Row) -> rusqlite::Result<Claim> {
    claim_from_row_at(r, 0)
}

/// A claim from the columns of [`CLAIM_COLUMNS`], starting at column `offset`.
pub(crate) fn claim_from_row_at(r: &Row, offset: usize) -> rusqlite::Result<Claim> {
    let kind: String = r.get(offset + 5)?;
    Ok(Claim {
        id: r.get(offset)?,
        essay: r.get(offset + 1)?,
        section: r.get(offset + 2)?,
        ord: r.get(offset + 3)?,
        paragraph: r.get(offset + 4)?,
        kind: kind.parse().map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(
                offset + 5,
                rusqlite::types::Type::Text,
                e.into(),
            )
        })?,
        text: r.get(offset + 6)?,
        span: Span {
            start: r.get::<_, i64>(offset + 7)? as usize,
            end: r.get::<_, i64>(offset + 8)? as usize,
        },
        hedged: r.get(offset + 9)?,
        stance: r.get(offset + 10)?,
        heading: r.get(offset + 11)?,
        role: {
            let role: String = r.get(offset + 12)?;
            role.parse().map_err(|e: String| {
                rusqlite::Error::FromSqlConversionFailure(
                    offset + 12,
                    rusqlite::types::Type::Text,
                    e.into(),
                )
            })?
        },
        // A reason that no longer parses (written by another version) is
        // only an explanation: drop it rather than fail the read.
        why: r
            .get::<_, Option<String>>(offset + 13)?
            .and_then(|j| serde_json::from_str(&j).ok()),
        evidence: r.get(offset + 14)?,
    })
}

pub(crate) fn edge_from_row(r: &Row) -> rusqlite::Result<Edge> {
    let relation: String = r.get(2)?;
    Ok(Edge {
        from: r.get(0)?,
        to: r.get(1)?,
        relation: relation.parse().map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
        })?,
        marker: r.get(3)?,
        rule: r.get(4)?,
    })
}

impl Store {
    /// The whole graph, or one essay's part of it.
    pub fn graph(&self, essay: Option<&str>) -> Result<StoredGraph> {
        let mut g = StoredGraph::default();
        // Two statements, not `?1 IS NULL OR e.id = ?1`: that form cannot use
        // the primary key, so loading one essay scanned and sorted them all
        // (an audit, which loads essay by essay, went quadratic).
        let mut essays = self.conn.prepare_cached(if essay.is_some() {
            "SELECT d.path, e.id, e.ord, e.title, e.span_start, e.span_end
             FROM essays e JOIN documents d ON d.id = e.document_id
             WHERE e.id = ?1"
        } else {
            "SELECT d.path, e.id, e.ord, e.title, e.span_start, e.span_end
             FROM essays e JOIN documents d ON d.id = e.document_id
             WHERE ?1 IS NULL
             ORDER BY d.path, e.ord"
        })?;
        let mut sections = self.conn.prepare(
            "SELECT id, ord, heading, span_start, span_end FROM sections WHERE essay_id = ?1 ORDER BY ord",
        )?;
        let rows = essays.query_map(params![essay], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Essay {
                    id: r.get(1)?,
                    ord: r.get(2)?,
                    title: r.get(3)?,
                    span: Span {
                        start: r.get::<_, i64>(4)? as usize,
                        end: r.get::<_, i64>(5)? as usize,
                    },
                    sections: Vec::new(),
                },
            ))
        })?;
        for row in rows {
            let (path, mut e) = row?;
            e.sections = sections
                .query_map([&e.id], |r| {
                    Ok(Section {
                        id: r.get(0)?,
                        ord: r.get(1)?,
                        heading: r.get(2)?,
                        span: Span {
                            start: r.get::<_, i64>(3)? as usize,
                            end: r.get::<_, i64>(4)? as usize,
                        },
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            g.essays.push((path, e));
        }
        // The copies of the documents selected (the table is small: one row
        // a file given twice).
        let mut copies = self.copies()?;
        for (path, _) in &g.essays {
            if let Some(of) = copies.remove(path) {
                g.copies.insert(path.clone(), of);
            }
        }
        let mut claims = self.conn.prepare(&format!(
            "SELECT {CLAIM_COLUMNS}, c.num FROM claims c WHERE c.essay_id = ?1 ORDER BY c.ord"
        ))?;
        // A document's claims are saved together, so an essay's row numbers
        // form one run: its edges are one range scan of the (src, dst,
        // relation) index, with no join back to `claims` per edge (that join
        // was most of a whole-base audit). Rows of the range whose source
        // belongs to another essay are skipped, so the result never depends
        // on the run being unbroken.
        let mut edges = self.conn.prepare(
            "SELECT src, dst, relation, marker, rule FROM edges WHERE src BETWEEN ?1 AND ?2",
        )?;
        let mut other_claim = self
            .conn
            .prepare("SELECT id, ord FROM claims WHERE num = ?1")?;
        for (_, e) in &g.essays {
            let first = g.claims.len();
            let mut at: HashMap<i64, usize> = HashMap::new();
            let rows = claims.query_map([&e.id], |r| {
                Ok((claim_from_row(r)?, r.get::<_, i64>(CLAIM_COLUMN_COUNT)?))
            })?;
            for row in rows {
                let (c, num) = row?;
                at.insert(num, g.claims.len());
                g.claims.push(c);
            }
            let (Some(&lo), Some(&hi)) = (at.keys().min(), at.keys().max()) else {
                continue;
            };
            let mut found: Vec<(u32, u32, Edge)> = Vec::new();
            let rows = edges.query_map([lo, hi], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (src, dst, relation, marker, rule) = row?;
                let Some(&s) = at.get(&src) else { continue };
                let relation = relation.parse().map_err(|e: String| {
                    crate::Error::database(&self.path, format!("edge {src} -> {dst}: {e}"))
                })?;
                // Extraction never relates two essays, but an imported map may.
                let (to_ord, to_id) = match at.get(&dst) {
                    Some(&t) => (g.claims[t].ord, g.claims[t].id.clone()),
                    None => other_claim.query_row([dst], |r| Ok((r.get(1)?, r.get(0)?)))?,
                };
                let from = &g.claims[s];
                found.push((
                    from.ord,
                    to_ord,
                    Edge {
                        from: from.id.clone(),
                        to: to_id,
                        relation,
                        marker,
                        rule,
                    },
                ));
            }
            debug_assert!(g.claims[first..].iter().all(|c| c.essay == e.id));
            // The order the join gave: source, then target, then relation name.
            found.sort_by(|a, b| {
                (a.0, a.1, a.2.relation.as_str()).cmp(&(b.0, b.1, b.2.relation.as_str()))
            });
            g.edges.extend(found.into_iter().map(|(_, _, edge)| edge));
        }
        Ok(g)
    }

    pub fn stats(&self) -> Result<Stats> {
        // One read transaction: every count is of the same moment, though an
        // ingest commits groups meanwhile (else the totals and their
        // breakdowns disagree).
        let _snapshot = self.snapshot()?;
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        // Every kind, role and relation has its key, 0 when none is stored:
        // a script reads `.claims_by_role.thesis` as a number in any base.
        let grouped = |sql: &str,
                       all: &mut dyn Iterator<Item = &'static str>|
         -> Result<std::collections::BTreeMap<String, i64>> {
            let mut counts: std::collections::BTreeMap<String, i64> =
                all.map(|k| (k.to_owned(), 0)).collect();
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for row in rows {
                let (key, n) = row?;
                counts.insert(key, n);
            }
            Ok(counts)
        };
        use crate::model::{ClaimKind, Relation, Role};
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            copies: count("SELECT count(*) FROM document_copies")?,
            essays: count("SELECT count(*) FROM essays")?,
            sections: count("SELECT count(*) FROM sections")?,
            claims: count("SELECT count(*) FROM claims")?,
            claims_by_kind: grouped(
                "SELECT kind, count(*) FROM claims GROUP BY kind",
                &mut ClaimKind::ALL.iter().map(|k| k.as_str()),
            )?,
            claims_by_role: grouped(
                "SELECT role, count(*) FROM claims GROUP BY role",
                &mut Role::ALL.iter().map(|r| r.as_str()),
            )?,
            hedged: count("SELECT count(*) FROM claims WHERE hedged")?,
            edges: count("SELECT count(*) FROM edges")?,
            edges_by_relation: grouped(
                "SELECT relation, count(*) FROM edges GROUP BY relation",
                &mut Relation::ALL.iter().map(|r| r.as_str()),
            )?,
            default_edges: count("SELECT count(*) FROM edges WHERE rule = 'default'")?,
            terms: count("SELECT count(DISTINCT term_id) FROM claim_terms")?,
            role_weights: self
                .conn
                .prepare(
                    "SELECT role_weights, count(*) FROM documents GROUP BY role_weights
                     ORDER BY count(*) DESC, role_weights",
                )?
                .query_map([], |r| {
                    Ok(WeightsCount {
                        id: r.get(0)?,
                        shipped: false,
                        documents: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
        })
    }

    /// How many of the documents stored from `files` (each its canonical
    /// path, and its path as given or its name on standard input) were read
    /// by role weights other than `weights`; documents of unknown weights
    /// are not counted.
    pub fn read_by_other_weights<'a>(
        &self,
        files: impl Iterator<Item = (Option<&'a str>, &'a str)>,
        weights: &str,
    ) -> Result<usize> {
        // The document each file is, as ingest decided it.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT role_weights FROM documents {}",
            super::write::THE_DOCUMENT_OF_A_FILE
        ))?;
        let mut n = 0;
        for (canonical, path) in files {
            let stored: Option<Option<String>> = stmt
                .query_row(params![canonical, path], |r| r.get(0))
                .optional()?;
            if stored.flatten().is_some_and(|w| w != weights) {
                n += 1;
            }
        }
        Ok(n)
    }

    /// [`Store::resolve`] for an optional `--essay`-style argument.
    pub fn resolve_optional(&self, table: Table, prefix: Option<&str>) -> Result<Option<String>> {
        prefix.map(|p| self.resolve(table, p)).transpose()
    }

    /// When a claim id was asked for and an essay has the id (or the other
    /// way round), an error that says so and what to type instead.
    fn other_table_hint(&self, table: Table, prefix: &str) -> Option<Error> {
        let other = match table {
            Table::Claims => Table::Essays,
            Table::Essays => Table::Claims,
            _ => return None,
        };
        let sql = format!(
            "SELECT 1 FROM {} WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 1",
            other.name()
        );
        let found = self
            .conn
            .query_row(&sql, [prefix], |_| Ok(()))
            .optional()
            .ok()
            .flatten()
            .is_some();
        found.then(|| {
            Error::Usage(match table {
                Table::Claims => format!(
                    "'{prefix}' is an essay, not a claim; its claims: `argraph list claims --essay {prefix}`"
                ),
                _ => format!(
                    "'{prefix}' is a claim, not an essay; the claim: `argraph show {prefix}`"
                ),
            })
        })
    }

    /// The full id of the claim, essay or section whose id starts with `prefix`.
    pub fn resolve(&self, table: Table, prefix: &str) -> Result<String> {
        let what = table.noun();
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::UnknownId { what, prefix });
        }
        // A range scan on the primary key: fast however large the table.
        let sql = format!(
            "SELECT id FROM {} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 6",
            table.name()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids: Vec<String> = stmt
            .query_map([&prefix], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.len() {
            0 => Err(self
                .other_table_hint(table, &prefix)
                .unwrap_or(Error::UnknownId { what, prefix })),
            1 => Ok(ids.into_iter().next().unwrap()),
            _ => {
                let total: i64 = self.conn.query_row(
                    &format!(
                        "SELECT count(*) FROM {} WHERE id >= ?1 AND id < ?1 || 'g'",
                        table.name()
                    ),
                    [&prefix],
                    |r| r.get(0),
                )?;
                let candidates: Vec<String> = ids.into_iter().take(5).collect();
                Err(Error::AmbiguousId {
                    more: (total as usize).saturating_sub(candidates.len()),
                    prefix,
                    candidates,
                })
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Claims,
    Essays,
    Sections,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Claims => "claims",
            Table::Essays => "essays",
            Table::Sections => "sections",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Table::Claims => "claim",
            Table::Essays => "essay",
            Table::Sections => "section",
        }
    }
}

/// Lookups over a [`StoredGraph`] built once, so exporters stay linear on
/// large graphs (no scan of every claim per essay or section).
pub struct GraphIndex<'a> {
    essays: HashMap<&'a str, &'a Essay>,
    /// Each essay's document path.
    documents: HashMap<&'a str, &'a str>,
    headings: HashMap<&'a str, Option<&'a str>>,
    places: HashMap<(&'a str, Option<&'a str>), Vec<&'a Claim>>,
}

impl<'a> GraphIndex<'a> {
    pub fn new(g: &'a StoredGraph) -> GraphIndex<'a> {
        let mut essays = HashMap::new();
        let mut documents = HashMap::new();
        let mut headings = HashMap::new();
        for (path, e) in &g.essays {
            essays.insert(e.id.as_str(), e);
            documents.insert(e.id.as_str(), path.as_str());
            for s in &e.sections {
                headings.insert(s.id.as_str(), s.heading.as_deref());
            }
        }
        let mut places: HashMap<(&str, Option<&str>), Vec<&Claim>> = HashMap::new();
        for c in &g.claims {
            places
                .entry((c.essay.as_str(), c.section.as_deref()))
                .or_default()
                .push(c);
        }
        GraphIndex {
            essays,
            documents,
            headings,
            places,
        }
    }

    pub fn essay(&self, claim: &Claim) -> Option<&'a Essay> {
        self.essays.get(claim.essay.as_str()).copied()
    }

    /// The path of the document the claim was read from.
    pub fn document(&self, claim: &Claim) -> Option<&'a str> {
        self.documents.get(claim.essay.as_str()).copied()
    }

    pub fn essay_title(&self, claim: &Claim) -> Option<&'a str> {
        self.essay(claim).and_then(|e| e.title.as_deref())
    }

    pub fn section_heading(&self, claim: &Claim) -> Option<&'a str> {
        claim
            .section
            .as_deref()
            .and_then(|s| self.headings.get(s).copied().flatten())
    }

    /// Claims of an essay in one section (None: the untitled opening part), in order.
    pub fn claims_in(&self, essay: &'a str, section: Option<&'a str>) -> &[&'a Claim] {
        self.places
            .get(&(essay, section))
            .map_or(&[], |v| v.as_slice())
    }
}
