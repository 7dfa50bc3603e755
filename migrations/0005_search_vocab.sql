-- Version 5: the search index's vocabulary as a table (term, doc, cnt), for
-- questions through `argraph sql`; docs/schema.md. `search` cuts queries by
-- asking the index itself, which stops at a word's first occurrence.
CREATE VIRTUAL TABLE claim_search_vocab USING fts5vocab(claim_search, 'row');
