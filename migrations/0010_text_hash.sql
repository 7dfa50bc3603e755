-- Version 10: each document's text hash, BLAKE3 of its decoded text (line
-- endings made `\n`), beside `hash` (its bytes, which its ids come from).
-- The same essay saved as UTF-8 and GBK, or with CRLF line endings, is the
-- same text: a second copy under another path is a duplicate (docs/schema.md).
-- Filled in for the documents already stored by `write::backfill_text_hashes`.
ALTER TABLE documents ADD COLUMN text_hash TEXT;
CREATE INDEX documents_text_hash ON documents(text_hash);
