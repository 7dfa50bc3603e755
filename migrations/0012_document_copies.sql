-- Version 12: files whose content is a stored document's, given under
-- another path (a copy), are recorded against that document, so the base
-- knows every file it was given: a class's two identical submissions each
-- keep their name (docs/schema.md). `key` is the canonical path of a file,
-- or the name given to standard input. Removing the document hands it to
-- its first copy, which becomes the document (same text, same ids).
CREATE TABLE IF NOT EXISTS document_copies (
    key            TEXT    PRIMARY KEY,
    path           TEXT    NOT NULL,
    canonical_path TEXT,
    origin         TEXT    NOT NULL DEFAULT 'file',
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    recorded_at    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS document_copies_document ON document_copies(document_id);
