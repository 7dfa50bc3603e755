-- argraph schema, version 1: documents, essays, sections, claims, edges, terms.
-- Ids of essays, sections and claims are content-addressed hex strings
-- (see docs/schema.md); edges and claim terms refer to claims by their
-- integer row number. Deleting a document cascades to everything in it.

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL UNIQUE,
    hash        TEXT    NOT NULL UNIQUE,
    encoding    TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    bytes       INTEGER NOT NULL,
    ingested_at TEXT    NOT NULL
);

CREATE TABLE essays (
    id          TEXT    PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    title       TEXT,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    UNIQUE (document_id, ord)
);

CREATE TABLE sections (
    id          TEXT    PRIMARY KEY,
    essay_id    TEXT    NOT NULL REFERENCES essays(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    heading     TEXT,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    UNIQUE (essay_id, ord)
);

CREATE TABLE claims (
    num         INTEGER PRIMARY KEY,  -- stable row number; the search index keys on it
    id          TEXT    NOT NULL UNIQUE,
    essay_id    TEXT    NOT NULL REFERENCES essays(id) ON DELETE CASCADE,
    section_id  TEXT    REFERENCES sections(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('major_claim', 'claim', 'premise')),
    text        TEXT    NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    hedged      INTEGER NOT NULL CHECK (hedged IN (0, 1)),
    stance      INTEGER NOT NULL CHECK (stance IN (0, 1)),
    heading     INTEGER NOT NULL CHECK (heading IN (0, 1)),
    UNIQUE (essay_id, ord)
);
CREATE INDEX claims_section ON claims(section_id);

CREATE TABLE edges (
    id          INTEGER PRIMARY KEY,
    -- claims.num, not the hex id: integer keys that grow with ingest keep
    -- these indexes append-mostly however large the base gets.
    src         INTEGER NOT NULL REFERENCES claims(num) ON DELETE CASCADE,
    dst         INTEGER NOT NULL REFERENCES claims(num) ON DELETE CASCADE,
    relation    TEXT    NOT NULL CHECK (relation IN ('supports', 'attacks', 'exemplifies', 'restates', 'elaborates')),
    marker      TEXT,
    rule        TEXT    NOT NULL,
    UNIQUE (src, dst, relation),
    CHECK (src <> dst)
);
CREATE INDEX edges_dst ON edges(dst);

CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    term        TEXT    NOT NULL UNIQUE
);

CREATE TABLE claim_terms (
    claim_num   INTEGER NOT NULL REFERENCES claims(num) ON DELETE CASCADE,
    term_id     INTEGER NOT NULL REFERENCES terms(id),
    weight      REAL    NOT NULL,
    PRIMARY KEY (claim_num, term_id)
) WITHOUT ROWID;
CREATE INDEX claim_terms_term ON claim_terms(term_id);
