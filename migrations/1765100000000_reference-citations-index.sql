-- Up Migration
-- Countries and places cite sources too (a reference dataset: their ISO codes, names,
-- capitals), so `Source.citations` reads their `citedSource` posting lists
-- (keys/table-specs.ts) as it reads the other citing types'. Records written after this
-- migration get them with their other rows; this derives them for the records already held
-- (none before the records could carry citations; the derivation keeps that a rule, not a hope).
INSERT INTO entity_value (type, field, value, slug)
SELECT DISTINCT e.type, 'citedSource', s.source #>> '{}', e.slug
FROM entity e, jsonb_path_query(e.record::jsonb, 'lax $.**.citations[*].source') AS s(source)
WHERE e.type IN ('Country', 'Place')
ON CONFLICT DO NOTHING;

-- Down Migration
DELETE FROM entity_value WHERE field = 'citedSource' AND type IN ('Country', 'Place');
