-- Version 4: whether a claim names concrete evidence (a person, place or
-- organisation, a Latin-script name, a number or date), decided at ingest
-- from the words the sentence was cut into, so `audit` need not cut every
-- claim again. NULL for claims saved before (and for imported maps): the
-- audit decides those from the text.
ALTER TABLE claims ADD COLUMN evidence INTEGER CHECK (evidence IN (0, 1));
