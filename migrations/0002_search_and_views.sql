-- Version 2: full-text search over claims, and views for hand-written SQL.

-- FTS5 does not segment Chinese, so each row holds the claim's jieba
-- segmentation (cut_for_search), space-joined; rowid = claims.num.
-- Rows are written by argraph when a claim is saved (and backfilled by this
-- migration's Rust step for claims saved under version 1).
CREATE VIRTUAL TABLE claim_search USING fts5(words, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_search WHERE rowid = old.num;
END;

-- Claims with where they stand.
CREATE VIEW claim_view AS
SELECT c.id, c.kind, c.text, c.hedged, c.stance, c.heading, c.ord, c.paragraph,
       c.span_start, c.span_end,
       e.id AS essay_id, e.title AS essay_title,
       c.section_id, s.heading AS section_heading,
       d.path AS document
FROM claims c
JOIN essays e ON e.id = c.essay_id
JOIN documents d ON d.id = e.document_id
LEFT JOIN sections s ON s.id = c.section_id;

-- Edges with the text at both ends.
CREATE VIEW edge_view AS
SELECT e.relation, e.marker, e.rule,
       f.id AS from_id, f.text AS from_text, f.kind AS from_kind,
       t.id AS to_id, t.text AS to_text, t.kind AS to_kind,
       f.essay_id
FROM edges e
JOIN claims f ON f.num = e.src
JOIN claims t ON t.num = e.dst;

-- Key terms with how many claims carry them.
CREATE VIEW term_view AS
SELECT t.term, count(*) AS claims, sum(ct.weight) AS weight
FROM claim_terms ct
JOIN terms t ON t.id = ct.term_id
GROUP BY t.id;
