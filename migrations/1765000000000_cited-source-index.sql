-- Up Migration
-- The `citedSource` posting lists (keys/table-specs.ts): the distinct sources each record's
-- citations quote (`citations[].source` at any depth: the record's own, its participants',
-- topic mentions', outcomes'), which `Source.citations` reads. Records written after this
-- migration get them with their other rows; this derives them for the records already held.
INSERT INTO entity_value (type, field, value, slug)
SELECT DISTINCT e.type, 'citedSource', s.source #>> '{}', e.slug
FROM entity e, jsonb_path_query(e.record::jsonb, 'lax $.**.citations[*].source') AS s(source)
WHERE e.type IN ('Organization', 'Person', 'Office', 'Tenure', 'Meeting')
ON CONFLICT DO NOTHING;

-- Down Migration
DELETE FROM entity_value WHERE field = 'citedSource';
