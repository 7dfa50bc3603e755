-- Version 6: the file a document was read from, by its canonical path
-- (absolute, links resolved), so `e.txt`, `./e.txt` and `/abs/e.txt` are
-- one document: an edited file replaces its graph whatever spelling names
-- it. `path` stays as the user typed it, for display. NULL for text that
-- came from no file (standard input, imported maps keep their file) and
-- for documents whose file was gone when the base was migrated.
ALTER TABLE documents ADD COLUMN canonical_path TEXT;
CREATE UNIQUE INDEX documents_canonical_path ON documents(canonical_path);
