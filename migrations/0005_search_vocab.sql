-- Version 5: the search index's vocabulary as a table, so a query is cut
-- into the words the index holds by looking them up, without building
-- jieba's dictionary (~60 ms, more than the search itself).
CREATE VIRTUAL TABLE claim_search_vocab USING fts5vocab(claim_search, 'row');
