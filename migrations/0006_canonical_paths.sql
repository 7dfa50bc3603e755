-- Version 6: the file a document was read from, by its canonical path
-- (absolute, links resolved), so `e.txt`, `./e.txt` and `/abs/e.txt` are
-- one document: an edited file replaces its graph whatever spelling names
-- it. `path` stays as the user typed it, for display. NULL for text that
-- came from no file (standard input, imported maps keep their file) and
-- for documents whose file was gone when the base was migrated.
ALTER TABLE documents ADD COLUMN canonical_path TEXT;
CREATE UNIQUE INDEX documents_canonical_path ON documents(canonical_path);

-- Where the text came from: an essay file, standard input, or an argument
-- map imported from AIF or Argdown (whose stored text argraph wrote, so
-- its lines are not the map file's).
ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'file'
    CHECK (origin IN ('file', 'stdin', 'aif', 'argdown'));
