//! Bounded queries for the query commands: each touches only the rows it
//! needs through an index, so it stays fast on a large knowledge base.

use super::read::{
    claim_from_row, claim_from_row_at, edge_from_row, CLAIM_COLUMNS, CLAIM_COLUMN_COUNT,
};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Claim, ClaimKind, Edge, Relation};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// An edge seen from one claim, with the claim at its other end.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    pub edge: Edge,
    pub claim: Claim,
    /// The edge points at the claim we started from.
    pub incoming: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub claim: Claim,
    pub score: f64,
    pub essay_title: Option<String>,
    /// The claim holds every word of the query (the first group); false
    /// for claims holding only some (ranked after, in their own order).
    pub all_words: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub claim: Claim,
    pub score: f64,
    pub shared_terms: Vec<String>,
    pub essay_title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermCount {
    pub term: String,
    pub claims: i64,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EssayRow {
    pub id: String,
    pub title: Option<String>,
    pub document: String,
    /// Files recorded as copies of the document; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    pub sections: i64,
    pub claims: i64,
    pub edges: i64,
}

/// A stored document's text, under its path.
pub struct DocumentText {
    pub path: String,
    pub text: String,
    /// `file`, `stdin`, or the format of an imported map (`aif`,
    /// `argdown`), whose stored text is argraph's layout of its claims.
    pub origin: String,
}

/// Where a claim stands in its source file.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub path: String,
    /// `file`, `stdin`, `aif` or `argdown`.
    pub origin: String,
    /// 1-based line and column in the source file; None for an imported
    /// map, whose stored text is argraph's layout, not the map file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub essay_title: Option<String>,
    pub section_heading: Option<String>,
}

/// Claims a related-claims query reads per shared term, at most: a term
/// found in half the archive says little and must not cost a full scan.
pub const RELATED_CANDIDATES_PER_TERM: i64 = 2000;

impl Store {
    pub fn claim(&self, id: &str) -> Result<Claim> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id = ?1"
        ))?;
        stmt.query_row([id], claim_from_row)
            .optional()?
            .ok_or_else(|| Error::UnknownId {
                what: "claim",
                prefix: id.to_owned(),
            })
    }

    /// The claim stored at row `num`.
    fn claim_by_num(&self, num: i64) -> Result<Claim> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.num = ?1"
        ))?;
        Ok(stmt.query_row([num], claim_from_row)?)
    }

    /// The claim at position `ord` of an essay, if any (for context lines).
    pub fn claim_at(&self, essay: &str, ord: i64) -> Result<Option<Claim>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.essay_id = ?1 AND c.ord = ?2"
        ))?;
        Ok(stmt
            .query_row(params![essay, ord], claim_from_row)
            .optional()?)
    }

    /// The id of an essay's first major claim (its thesis), if it has one.
    pub fn major_claim_of(&self, essay: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM claims WHERE essay_id = ?1 AND kind = 'major_claim' ORDER BY ord LIMIT 1",
        )?;
        Ok(stmt.query_row([essay], |r| r.get(0)).optional()?)
    }

    /// Edges touching a claim, each with the claim at the other end, in both
    /// directions, optionally only some relations.
    pub fn neighbours(&self, id: &str, relations: &[Relation]) -> Result<Vec<Neighbour>> {
        let mut out = self.incoming(id, relations)?;
        out.extend(self.outgoing(id, relations)?);
        Ok(out)
    }

    pub fn incoming(&self, id: &str, relations: &[Relation]) -> Result<Vec<Neighbour>> {
        self.edges_at(id, true, relations)
    }

    pub fn outgoing(&self, id: &str, relations: &[Relation]) -> Result<Vec<Neighbour>> {
        self.edges_at(id, false, relations)
    }

    fn edges_at(&self, id: &str, incoming: bool, relations: &[Relation]) -> Result<Vec<Neighbour>> {
        let (here, there) = if incoming {
            ("dst", "src")
        } else {
            ("src", "dst")
        };
        // Edge ends are claim row numbers; `me` is the claim asked about.
        let (src, dst) = if incoming {
            ("c.id", "me.id")
        } else {
            ("me.id", "c.id")
        };
        let sql = format!(
            "SELECT {src}, {dst}, e.relation, e.marker, e.rule, {CLAIM_COLUMNS}
             FROM claims me JOIN edges e ON e.{here} = me.num JOIN claims c ON c.num = e.{there}
             WHERE me.id = ?1 ORDER BY c.essay_id, c.ord, e.relation"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| {
            let edge = edge_from_row(r)?;
            let claim = claim_from_row_at(r, 5)?;
            Ok(Neighbour {
                edge,
                claim,
                incoming,
            })
        })?;
        let mut out = Vec::new();
        for n in rows {
            let n = n?;
            if relations.is_empty() || relations.contains(&n.edge.relation) {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// Every edge of one essay (edges never cross essays), for path finding.
    pub fn essay_edges(&self, essay: &str) -> Result<Vec<Edge>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, t.id, e.relation, e.marker, e.rule
             FROM claims c JOIN edges e ON e.src = c.num JOIN claims t ON t.num = e.dst
             WHERE c.essay_id = ?1 ORDER BY c.ord, t.ord, e.relation",
        )?;
        let rows = stmt.query_map([essay], edge_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The text of each document behind the graph's essays, and where it
    /// came from, once each, in essay order.
    pub fn document_texts(&self, g: &super::StoredGraph) -> Result<Vec<DocumentText>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text, origin FROM documents WHERE path = ?1")?;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (path, _) in &g.essays {
            if seen.insert(path.clone()) {
                let (text, origin) = stmt.query_row([path], |r| Ok((r.get(0)?, r.get(1)?)))?;
                out.push(DocumentText {
                    path: path.clone(),
                    text,
                    origin,
                });
            }
        }
        Ok(out)
    }

    pub fn location(&self, claim: &Claim) -> Result<Location> {
        let (path, text, title, origin): (String, String, Option<String>, String) = self.conn.query_row(
            "SELECT d.path, d.text, e.title, d.origin FROM essays e JOIN documents d ON d.id = e.document_id WHERE e.id = ?1",
            [&claim.essay],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let heading: Option<String> = match &claim.section {
            Some(s) => self
                .conn
                .query_row("SELECT heading FROM sections WHERE id = ?1", [s], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten(),
            None => None,
        };
        let at = crate::text::source_position(&origin, || {
            crate::text::line_col(&text, claim.span.start)
        });
        let (line, column) = (at.map(|a| a.0), at.map(|a| a.1));
        Ok(Location {
            path,
            origin,
            line,
            column,
            essay_title: title,
            section_heading: heading,
        })
    }

    /// Full-text search for a query already cut into the words the index
    /// holds ([`Store::query_words`]); every word is quoted, so no user text
    /// is ever read as FTS5 syntax.
    pub fn search(
        &self,
        words: &QueryWords,
        essay: Option<&str>,
        kind: Option<ClaimKind>,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        // Claims holding every word first (precise, and cheap: the rarest
        // word bounds the work), then claims holding any, to fill the list.
        let mut hits: Vec<Hit> = Vec::new();
        let mut seen: rustc_hash::FxHashSet<String> = Default::default();
        for (all, tokens) in [(true, &words.all), (false, &words.any)] {
            if hits.len() >= limit {
                break;
            }
            let Some(expr) = fts_expression(tokens, all) else {
                continue;
            };
            // Without a filter the index ranks alone and only the best rows
            // are joined to their claims: joining every match first cost
            // more than the ranking on frequent words. Equal scores are shown
            // in id order (the index breaks ties at the cut by row number).
            let sql = if essay.is_none() && kind.is_none() {
                format!(
                    "WITH top AS (SELECT rowid AS num, rank AS score FROM claim_search
                                  WHERE claim_search MATCH ?1 ORDER BY rank, rowid LIMIT ?4)
                     SELECT {CLAIM_COLUMNS}, top.score, e.title
                     FROM top JOIN claims c ON c.num = top.num JOIN essays e ON e.id = c.essay_id
                     WHERE ?2 IS NULL AND ?3 IS NULL
                     ORDER BY top.score, c.id"
                )
            } else {
                format!(
                    "SELECT {CLAIM_COLUMNS}, bm25(claim_search) AS score, e.title
                     FROM claim_search JOIN claims c ON c.num = claim_search.rowid
                     JOIN essays e ON e.id = c.essay_id
                     WHERE claim_search MATCH ?1 AND (?2 IS NULL OR c.essay_id = ?2) AND (?3 IS NULL OR c.kind = ?3)
                     ORDER BY score, c.id LIMIT ?4"
                )
            };
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                params![expr, essay, kind.map(|k| k.as_str()), limit as i64],
                |r| {
                    Ok(Hit {
                        claim: claim_from_row(r)?,
                        score: -r.get::<_, f64>(CLAIM_COLUMN_COUNT)?,
                        essay_title: r.get(CLAIM_COLUMN_COUNT + 1)?,
                        all_words: all,
                    })
                },
            )?;
            for h in rows {
                let h = h?;
                if hits.len() < limit && seen.insert(h.claim.id.clone()) {
                    hits.push(h);
                }
            }
        }
        Ok(hits)
    }

    /// Claims in other sections or essays that share the claim's key terms,
    /// scored by the product of the two weights times the term's rarity.
    pub fn related(&self, id: &str, limit: usize) -> Result<Vec<Related>> {
        let me = self.claim(id)?;
        let total: f64 = self
            .conn
            .query_row("SELECT max(num) FROM claims", [], |r| {
                r.get::<_, Option<f64>>(0)
            })?
            .unwrap_or(1.0)
            .max(1.0);
        let my_num: i64 = self
            .conn
            .prepare_cached("SELECT num FROM claims WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let mut terms_stmt = self.conn.prepare_cached(
            "SELECT ct.term_id, t.term, ct.weight
             FROM claim_terms ct JOIN terms t ON t.id = ct.term_id
             WHERE ct.claim_num = ?1 ORDER BY ct.weight DESC, ct.term_id",
        )?;
        let mine: Vec<(i64, String, f64)> = terms_stmt
            .query_map([my_num], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Claims sharing a term, by row number from the term index alone
        // (it holds the weight): joining each to its claim first read a
        // table page per candidate, most of `related`'s time on a large base.
        let mut candidates = self.conn.prepare_cached(
            "SELECT claim_num, weight FROM claim_terms
             WHERE term_id = ?1 AND claim_num <> ?2 LIMIT ?3",
        )?;
        let mut scores: rustc_hash::FxHashMap<i64, (f64, Vec<String>)> = Default::default();
        for (term_id, term, weight) in &mine {
            let rows: Vec<(i64, f64)> = candidates
                .query_map(params![term_id, my_num, RELATED_CANDIDATES_PER_TERM], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let df = rows.len() as f64 + 1.0;
            let rarity = (total / df).ln().max(0.1);
            for (claim, w) in rows {
                let entry = scores.entry(claim).or_default();
                entry.0 += weight * w * rarity;
                entry.1.push(term.clone());
            }
        }
        let mut ranked: Vec<(i64, f64, Vec<String>)> =
            scores.into_iter().map(|(c, (s, t))| (c, s, t)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out = Vec::new();
        let mut title_stmt = self
            .conn
            .prepare_cached("SELECT title FROM essays WHERE id = ?1")?;
        // Best first, equal scores in id order: the claims are read a run
        // at a time, each run ending where the score changes, and sorted by
        // id within it.
        let mut at = 0;
        while at < ranked.len() && out.len() < limit {
            let wanted = limit.saturating_sub(out.len()).saturating_mul(2);
            let mut end = at.saturating_add(wanted).min(ranked.len());
            while end < ranked.len() && ranked[end].1 == ranked[end - 1].1 {
                end += 1;
            }
            let mut run: Vec<(Claim, f64, Vec<String>)> = Vec::with_capacity(end - at);
            for (num, score, shared) in &mut ranked[at..end] {
                run.push((self.claim_by_num(*num)?, *score, std::mem::take(shared)));
            }
            at = end;
            run.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
            for (c, score, shared) in run {
                if out.len() >= limit {
                    break;
                }
                let same_section = c.essay == me.essay && c.section == me.section;
                if same_section {
                    continue;
                }
                let essay_title: Option<String> = title_stmt.query_row([&c.essay], |r| r.get(0))?;
                out.push(Related {
                    claim: c,
                    score,
                    shared_terms: shared,
                    essay_title,
                });
            }
        }
        Ok(out)
    }

    pub fn top_terms(&self, essay: Option<&str>, top: usize) -> Result<Vec<TermCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.term, count(*) AS n, sum(ct.weight) AS w
             FROM claim_terms ct JOIN terms t ON t.id = ct.term_id JOIN claims c ON c.num = ct.claim_num
             WHERE ?1 IS NULL OR c.essay_id = ?1
             GROUP BY t.id ORDER BY n DESC, w DESC, t.term LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![essay, top as i64], |r| {
            Ok(TermCount {
                term: r.get(0)?,
                claims: r.get(1)?,
                weight: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn essays(&self) -> Result<Vec<EssayRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.title, d.path,
                    (SELECT count(*) FROM sections s WHERE s.essay_id = e.id),
                    (SELECT count(*) FROM claims c WHERE c.essay_id = e.id),
                    (SELECT count(*) FROM claims c JOIN edges x ON x.src = c.num WHERE c.essay_id = e.id)
             FROM essays e JOIN documents d ON d.id = e.document_id ORDER BY d.path, e.ord",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(EssayRow {
                id: r.get(0)?,
                title: r.get(1)?,
                document: r.get(2)?,
                copies: Vec::new(),
                sections: r.get(3)?,
                claims: r.get(4)?,
                edges: r.get(5)?,
            })
        })?;
        let mut essays: Vec<EssayRow> = rows.collect::<rusqlite::Result<_>>()?;
        let mut copies = self.copies()?;
        for e in &mut essays {
            // A document's copies are listed with its first essay.
            if let Some(of) = copies.remove(&e.document) {
                e.copies = of;
            }
        }
        Ok(essays)
    }

    /// Claims matching the filters, in reading order, at most `limit` of
    /// them (0: all), and how many match in all.
    pub fn claims(
        &self,
        essay: Option<&str>,
        kind: Option<ClaimKind>,
        role: Option<crate::model::Role>,
        hedged: bool,
        limit: usize,
    ) -> Result<(Vec<Claim>, usize)> {
        const FILTER: &str = "WHERE (?1 IS NULL OR c.essay_id = ?1) AND (?2 IS NULL OR c.kind = ?2)
               AND (?3 = 0 OR c.hedged = 1) AND (?4 IS NULL OR c.role = ?4)";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c JOIN essays e ON e.id = c.essay_id JOIN documents d ON d.id = e.document_id
             {FILTER}
             ORDER BY d.path, e.ord, c.ord LIMIT ?5"
        ))?;
        let filters = (
            essay,
            kind.map(|k| k.as_str()),
            hedged,
            role.map(|r| r.as_str()),
        );
        // SQLite reads a negative LIMIT as none.
        let sql_limit = if limit == 0 { -1 } else { limit as i64 };
        let rows = stmt.query_map(
            params![filters.0, filters.1, filters.2, filters.3, sql_limit],
            claim_from_row,
        )?;
        let claims: Vec<Claim> = rows.collect::<rusqlite::Result<_>>()?;
        let total = if limit > 0 && claims.len() == limit {
            self.conn.query_row(
                &format!("SELECT count(*) FROM claims c {FILTER}"),
                params![filters.0, filters.1, filters.2, filters.3],
                |r| r.get::<_, i64>(0),
            )? as usize
        } else {
            claims.len()
        };
        Ok((claims, total))
    }

    /// Runs one read-only statement; rows as column names and values.
    pub fn read_only_sql(&self, sql: &str) -> Result<(Vec<String>, Vec<Vec<serde_json::Value>>)> {
        let mut stmt = self
            .conn
            .prepare(sql)
            .map_err(|e| Error::Usage(format!("SQL error: {e}")))?;
        // SQLite calls a pragma that could set something (journal_mode)
        // "not read-only" even when it is only asked; a query of a known
        // pragma, with no `=`, reads. The connection is read-only besides.
        // A pragma given a value changes the connection's state even where
        // SQLite calls it read-only (writable_schema, query_only): refused
        // like any other write.
        let refused = match pragma_form(sql) {
            None => !stmt.readonly(),
            Some(Pragma::Sets) => true,
            Some(Pragma::Asks { known }) => !known && !stmt.readonly(),
        };
        if refused {
            return Err(Error::Usage(
                "only read-only statements (SELECT, read-only PRAGMA, EXPLAIN) are allowed; the database is not modified"
                    .to_owned(),
            ));
        }
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let n = names.len();
        let mut rows = stmt
            .query([])
            .map_err(|e| Error::Usage(format!("SQL error: {e}")))?;
        let mut out = Vec::new();
        while let Some(row) = rows
            .next()
            .map_err(|e| Error::Usage(format!("SQL error: {e}")))?
        {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                use rusqlite::types::ValueRef;
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(v) => v.into(),
                    ValueRef::Real(v) => v.into(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                    ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
                });
            }
            out.push(values);
        }
        Ok((names, out))
    }
}

/// Longest word, in characters, looked up in the index.
pub const QUERY_WORD_CHARS: usize = 8;
/// Longest run of query characters cut as one: bounds the lookups a
/// pasted paragraph costs (at most 8 per character).
pub const QUERY_RUN_CHARS: usize = 64;

/// A query's words as the search index holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryWords {
    /// The query cut into the fewest words the index knows (a part it does
    /// not know stays in, so no claim holds them all).
    pub all: Vec<String>,
    /// Every word of two or more characters the index knows inside the
    /// query (single characters where a part has none).
    pub any: Vec<String>,
}

/// The query, lower-cased, in runs of letters and digits, each run in the
/// units a word of the index is made of: a stretch of ASCII letters and
/// digits is one unit (jieba keeps it whole), any other character one. So
/// B端 is one run of two units, and can be the dictionary word b端.
/// Full-width letters and digits are ASCII ones, as the index holds them
/// (２０１９ is 2019). Punctuation, spaces and FTS5 syntax end a run and are
/// dropped.
pub fn runs(query: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let narrowed = query
        .chars()
        .map(|c| crate::text::chars::narrow_alphanumeric(c).unwrap_or(c));
    let mut in_ascii = false;
    for c in narrowed.flat_map(char::to_lowercase) {
        if !c.is_alphanumeric() {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            in_ascii = false;
            continue;
        }
        match run.last_mut() {
            Some(unit) if in_ascii && c.is_ascii() => unit.push(c),
            _ => run.push(c.to_string()),
        }
        in_ascii = c.is_ascii();
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

impl Store {
    /// Cuts `query` into the words of the search index by asking the index
    /// which of its pieces occur — no jieba dictionary to build (~60 ms,
    /// more than a search), and the words are the index's own (jieba's
    /// search-mode words of every claim): the cut into the fewest known
    /// words is, wherever the texts use them, the cut jieba would make. A
    /// stretch of ASCII letters and digits is never cut, as jieba keeps it
    /// whole, but may join the characters beside it in a word (b端, t恤). Only
    /// the first [`QUERY_RUN_CHARS`] units of a run ([`runs`]) count.
    pub fn query_words(&self, query: &str) -> Result<QueryWords> {
        // A one-word match stopped at its first row: the vocabulary table
        // would count the word's every occurrence first (0.6 s for a query of
        // common characters on a million claims).
        let mut lookup = self
            .conn
            .prepare_cached("SELECT 1 FROM claim_search WHERE claim_search MATCH ?1 LIMIT 1")?;
        let mut known = |w: &str| -> Result<bool> {
            Ok(lookup.exists([format!("\"{}\"", w.replace('"', "\"\""))])?)
        };
        let mut words = QueryWords::default();
        for run in runs(query) {
            let units = &run[..run.len().min(QUERY_RUN_CHARS)];
            let n = units.len();
            let word = |i: usize, l: usize| units[i..i + l].concat();
            // known[i][l-1]: the l units from i are a word of the index.
            let mut table = vec![[false; QUERY_WORD_CHARS]; n];
            for (i, row) in table.iter_mut().enumerate() {
                for l in 1..=QUERY_WORD_CHARS.min(n - i) {
                    row[l - 1] = known(&word(i, l))?;
                }
            }
            for (i, l) in fewest_words(&table) {
                words.all.push(word(i, l));
            }
            let is_ascii = |i: usize| units[i].is_ascii();
            // An ASCII stretch is a word, known or not, as it always was.
            let mut any: Vec<String> = (0..n)
                .filter(|&i| is_ascii(i))
                .map(|i| word(i, 1))
                .collect();
            let mut longer = false;
            for (i, row) in table.iter().enumerate() {
                for l in 2..=QUERY_WORD_CHARS.min(n - i) {
                    if row[l - 1] {
                        any.push(word(i, l));
                        longer = true;
                    }
                }
            }
            if !longer {
                any.extend(
                    (0..n)
                        .filter(|&i| !is_ascii(i) && table[i][0])
                        .map(|i| word(i, 1)),
                );
            }
            words.any.extend(any);
        }
        Ok(words)
    }
}

/// The cut of a run of `table.len()` characters into known words that has
/// the fewest pieces, then the fewest single characters (`table[i][l-1]`:
/// the `l` characters from `i` are a known word; an unknown character is a
/// piece that costs double). Taking the longest word first instead would cut
/// 研究生命 into 研究生 + 命 where the index also knows 研究 and 生命. Ties go to
/// the longer first word. Returns (start, length) pieces in order.
fn fewest_words(table: &[[bool; QUERY_WORD_CHARS]]) -> Vec<(usize, usize)> {
    let n = table.len();
    // best[i]: (cost, singles, first piece length) of the best cut of i..n.
    let mut best: Vec<(usize, usize, usize)> = vec![(0, 0, 0); n + 1];
    for i in (0..n).rev() {
        let mut pick: Option<(usize, usize, usize)> = None;
        for l in (1..=QUERY_WORD_CHARS.min(n - i)).rev() {
            let known = table[i][l - 1];
            if !known && l > 1 {
                continue;
            }
            let (cost, singles) = (
                best[i + l].0 + if known { 1 } else { 2 },
                best[i + l].1 + usize::from(l == 1),
            );
            if pick.is_none_or(|(c, s, _)| (cost, singles) < (c, s)) {
                pick = Some((cost, singles, l));
            }
        }
        best[i] = pick.expect("a single character is always a piece");
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let l = best[i].2;
        out.push((i, l));
        i += l;
    }
    out
}

/// An FTS5 expression for `tokens`, each a quoted string, joined by AND
/// (`all`) or OR. None when there are none.
pub fn fts_expression(tokens: &[String], all: bool) -> Option<String> {
    let mut tokens: Vec<&String> = tokens.iter().collect();
    tokens.sort();
    tokens.dedup();
    if tokens.is_empty() {
        return None;
    }
    Some(
        tokens
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(if all { " AND " } else { " OR " }),
    )
}

/// Pragmas that only report when asked without a value.
const QUERY_PRAGMAS: &[&str] = &[
    "application_id",
    "auto_vacuum",
    "cache_size",
    "collation_list",
    "compile_options",
    "database_list",
    "encoding",
    "foreign_key_check",
    "foreign_key_list",
    "foreign_keys",
    "freelist_count",
    "function_list",
    "index_info",
    "index_list",
    "index_xinfo",
    "integrity_check",
    "journal_mode",
    "module_list",
    "page_count",
    "page_size",
    "pragma_list",
    "quick_check",
    "schema_version",
    "synchronous",
    "table_info",
    "table_list",
    "table_xinfo",
    "user_version",
    "wal_autocheckpoint",
];

/// Pragmas whose argument names what to report on (`table_info(claims)`,
/// `integrity_check(10)`) rather than a value to set.
const ARGUMENT_PRAGMAS: &[&str] = &[
    "foreign_key_check",
    "foreign_key_list",
    "index_info",
    "index_list",
    "index_xinfo",
    "integrity_check",
    "quick_check",
    "table_info",
    "table_list",
    "table_xinfo",
];

/// `sql` past the whitespace, comments (`-- …`, `/* … */`) and empty
/// statements (`;`) SQLite skips before the first statement.
fn without_leading_trivia(sql: &str) -> &str {
    let mut s = sql;
    loop {
        let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == ';');
        s = if let Some(rest) = t.strip_prefix("--") {
            rest.split_once('\n').map_or("", |(_, after)| after)
        } else if let Some(rest) = t.strip_prefix("/*") {
            rest.split_once("*/").map_or("", |(_, after)| after)
        } else {
            return t;
        };
    }
}

/// What a PRAGMA statement does.
#[derive(Debug, PartialEq)]
enum Pragma {
    /// `PRAGMA name = value`, or `PRAGMA name(value)` of a pragma not in
    /// [`ARGUMENT_PRAGMAS`] (`journal_mode(DELETE)`, `user_version(99)`).
    Sets,
    /// `PRAGMA name` or `PRAGMA schema.name`, or `PRAGMA name(arg)` of one
    /// in [`ARGUMENT_PRAGMAS`]; `known` when the pragma is one we list as
    /// only reporting (SQLite calls some of those, journal_mode, not
    /// read-only).
    Asks { known: bool },
}

/// The form of a PRAGMA statement; `None` for any other statement.
fn pragma_form(sql: &str) -> Option<Pragma> {
    let s = without_leading_trivia(sql).trim_end_matches(';').trim();
    let rest = s
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("pragma"))
        .map(|_| s[6..].trim())?;
    if rest.contains('=') || rest.contains(';') {
        return Some(Pragma::Sets);
    }
    let (name, argument) = match rest.split_once('(') {
        Some((name, _)) => (name, true),
        None => (rest, false),
    };
    let name = name.trim();
    let name = name
        .rsplit('.')
        .next()
        .unwrap_or(name)
        .trim()
        .to_ascii_lowercase();
    Some(match argument {
        true if ARGUMENT_PRAGMAS.contains(&name.as_str()) => Pragma::Asks { known: true },
        true => Pragma::Sets,
        false => Pragma::Asks {
            known: QUERY_PRAGMAS.contains(&name.as_str()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_that_set_are_told_from_pragmas_that_ask() {
        use Pragma::*;
        for (sql, form) in [
            ("PRAGMA journal_mode", Some(Asks { known: true })),
            (
                "pragma main.table_info(claims);",
                Some(Asks { known: true }),
            ),
            ("PRAGMA integrity_check(10)", Some(Asks { known: true })),
            ("PRAGMA data_version", Some(Asks { known: false })),
            ("PRAGMA journal_mode = DELETE", Some(Sets)),
            ("PRAGMA journal_mode(DELETE)", Some(Sets)),
            ("/* x */ PRAGMA writable_schema=1", Some(Sets)),
            ("-- c\n  PRAGMA query_only=0", Some(Sets)),
            (";; PRAGMA query_only(0)", Some(Sets)),
            ("SELECT 1", None),
            ("/* PRAGMA x=1 */ SELECT 1", None),
        ] {
            assert_eq!(pragma_form(sql), form, "{sql}");
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hostile_queries_become_quoted_words() {
        assert_eq!(
            fts_expression(&strings(&["and", "near"]), false),
            Some("\"and\" OR \"near\"".to_owned())
        );
        assert_eq!(
            fts_expression(&strings(&["a\"b"]), true),
            Some("\"a\"\"b\"".to_owned())
        );
        assert_eq!(fts_expression(&[], true), None);
    }

    fn run_of(units: &[&str]) -> Vec<String> {
        units.iter().map(|u| u.to_string()).collect()
    }

    #[test]
    fn a_query_is_cut_into_the_fewest_known_words() {
        // 研究生命: the index knows 研究, 研究生, 生命 and every character.
        let mut table = vec![[false; QUERY_WORD_CHARS]; 4];
        for row in &mut table {
            row[0] = true;
        }
        table[0][1] = true; // 研究
        table[0][2] = true; // 研究生
        table[2][1] = true; // 生命
        assert_eq!(fewest_words(&table), vec![(0, 2), (2, 2)]);
        // Unknown characters stay in, one by one.
        let table = vec![[false; QUERY_WORD_CHARS]; 2];
        assert_eq!(fewest_words(&table), vec![(0, 1), (1, 1)]);
        assert!(fewest_words(&[]).is_empty());
    }

    #[test]
    fn query_runs_split_at_punctuation_and_units_at_script() {
        assert_eq!(
            runs("\"*) AND NEAR(:"),
            vec![run_of(&["and"]), run_of(&["near"])]
        );
        assert_eq!(
            runs("'; DROP TABLE claims; --"),
            vec![run_of(&["drop"]), run_of(&["table"]), run_of(&["claims"])]
        );
        assert!(runs("？！……").is_empty());
        assert_eq!(
            runs("B端 产业互联网"),
            vec![
                run_of(&["b", "端"]),
                run_of(&["产", "业", "互", "联", "网"])
            ]
        );
        // Full-width letters and digits are ASCII ones, joined to their
        // ASCII neighbours.
        assert_eq!(
            runs("5Ｇ网络 ＧＤＰ2019"),
            vec![run_of(&["5g", "网", "络"]), run_of(&["gdp2019"])]
        );
    }
}
