-- Up Migration
-- The `citedSource` posting lists (keys/table-specs.ts): the sources each record's citations
-- cite, which `Source.citations` reads. Records written before this migration get them from
-- entity_reference, whose Source rows of a non-Source record are exactly its citations'
-- sources (no record of these types refers to a Source otherwise, and no citation named
-- whose claim it relays before this version); records written after get them with their rows.
INSERT INTO entity_value (type, field, value, slug)
SELECT type, 'citedSource', target_slug, slug
FROM entity_reference
WHERE target_type = 'Source' AND type IN ('Organization', 'Person', 'Office', 'Tenure', 'Meeting')
ON CONFLICT DO NOTHING;

-- Down Migration
DELETE FROM entity_value WHERE field = 'citedSource';
