-- Version 11: the text hash leaves out whitespace at the end of the text,
-- so a copy that differs only by a final newline (an editor adds one) or a
-- final CR is a copy (docs/schema.md). Every stored hash is computed again
-- by `write::backfill_text_hashes`, which fills in the ones set to NULL here.
UPDATE documents SET text_hash = NULL;
