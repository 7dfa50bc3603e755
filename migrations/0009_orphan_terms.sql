-- Version 9: key terms no claim has. Until now a removed or replaced
-- document's words stayed in `terms` for good; from this version they go
-- with their last claim (docs/schema.md), and this clears the ones left
-- before. NOT IN builds the set of used terms once, so it is one pass even
-- when a killed bulk ingest left claim_terms without its term index.
DELETE FROM terms WHERE id NOT IN (SELECT term_id FROM claim_terms);
