-- Version 3: every claim's discourse role (docs/extraction.md) and why it got it.
-- Claims saved before roles existed get the role their kind implies.

ALTER TABLE claims ADD COLUMN role TEXT NOT NULL DEFAULT 'other'
    CHECK (role IN ('introduction', 'thesis', 'main_idea', 'evidence', 'elaboration', 'conclusion', 'other'));
-- JSON: {"confidence", "features": [[name, contribution]...], "runners_up": [[ord, score]...]}
ALTER TABLE claims ADD COLUMN why TEXT;

UPDATE claims SET role = CASE kind
    WHEN 'major_claim' THEN 'thesis'
    WHEN 'claim' THEN 'main_idea'
    ELSE 'elaboration' END;

CREATE INDEX claims_role ON claims(role);

DROP VIEW claim_view;
CREATE VIEW claim_view AS
SELECT c.id, c.kind, c.role, c.text, c.hedged, c.stance, c.heading, c.ord, c.paragraph,
       c.span_start, c.span_end,
       e.id AS essay_id, e.title AS essay_title,
       c.section_id, s.heading AS section_heading,
       d.path AS document
FROM claims c
JOIN essays e ON e.id = c.essay_id
JOIN documents d ON d.id = e.document_id
LEFT JOIN sections s ON s.id = c.section_id;

DROP VIEW edge_view;
CREATE VIEW edge_view AS
SELECT e.relation, e.marker, e.rule,
       f.id AS from_id, f.text AS from_text, f.kind AS from_kind, f.role AS from_role,
       t.id AS to_id, t.text AS to_text, t.kind AS to_kind, t.role AS to_role,
       f.essay_id
FROM edges e
JOIN claims f ON f.num = e.src
JOIN claims t ON t.num = e.dst;
