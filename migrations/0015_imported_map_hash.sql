-- Version 15: an imported map's text hash is of its file, not of its text
-- (docs/schema.md). A map was taken for a copy of any document with the
-- same text — a map corrected by hand, or the essay it was exported from —
-- and its graph dropped. The Rust step (store::write::mark_imported_map_hashes)
-- hashes each stored map's file hash again, marked as a map's; SQL has no
-- BLAKE3.
SELECT 1;
