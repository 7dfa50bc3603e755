-- Version 14: which role weights read each document (a hash of the
-- weights' values and options, docs/schema.md), so a base says which model made its
-- roles and an ingest under other weights can say which unchanged files
-- they did not read. NULL for a document saved before this version and for
-- an imported map, whose roles no model chose. The column is added by the
-- migration's Rust step (store::write::add_role_weights), only where it is
-- missing: SQLite has no ADD COLUMN IF NOT EXISTS.
SELECT 1;
