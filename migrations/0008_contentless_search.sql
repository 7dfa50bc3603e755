-- Version 8: the search index keeps no copy of the words it indexes.
-- `claim_search` was an ordinary FTS5 table, which stores every row's text
-- beside its index: a third copy of each claim (after documents.text and
-- claims.text), 12% of a freshly ingested base, written at every ingest and
-- never read — `search` reads rowids and bm25 ranks only. A contentless
-- table (content='') with contentless_delete=1 indexes the same words,
-- ranks the same and still deletes by rowid (the trigger below); its
-- `words` column reads as NULL (docs/schema.md).

DROP TRIGGER claims_search_delete;
DROP TABLE claim_search_vocab;
ALTER TABLE claim_search RENAME TO claim_search_old;

CREATE VIRTUAL TABLE claim_search USING fts5(
    words,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO claim_search (rowid, words) SELECT rowid, words FROM claim_search_old;
DROP TABLE claim_search_old;

CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_search WHERE rowid = old.num;
END;

CREATE VIRTUAL TABLE claim_search_vocab USING fts5vocab(claim_search, 'row');
