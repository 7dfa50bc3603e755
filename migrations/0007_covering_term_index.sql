-- Version 7: the term index covers what `related` reads of each claim
-- sharing a term (its row number and the term's weight), in the order the
-- old index gave them (by claim within a term), so finding the claims that
-- share a term reads the index alone instead of one table page per claim
-- (docs/performance.md).
DROP INDEX IF EXISTS claim_terms_term;
CREATE INDEX claim_terms_term ON claim_terms(term_id, claim_num, weight);
