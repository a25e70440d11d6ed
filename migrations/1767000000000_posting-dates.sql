-- Up Migration
-- Each posting (a record's value in an indexed field, entity_value) carries its record's
-- date range, in its index's leaf: a filtered page walking a participant's or a topic's
-- posting list then tests the date window there, and probes other lists, or reads the
-- records, only for the postings inside it (`filtersOf`, src/store/postgres/find.ts).
-- Records written after this migration get it with their other columns (`deriveColumns`,
-- rows.ts, from the same range as entity.during); this copies it for the postings held.
-- A store of millions of postings: VACUUM (ANALYZE) entity_value afterwards, as the
-- rewrite leaves the old rows for it to reclaim.
ALTER TABLE entity_value ADD COLUMN during daterange;
UPDATE entity_value v SET during = e.during FROM entity e WHERE e.type = v.type AND e.slug = v.slug AND e.during IS NOT NULL;
ALTER TABLE entity_value DROP CONSTRAINT entity_value_pkey, ADD CONSTRAINT entity_value_pkey PRIMARY KEY (type, field, value, slug) INCLUDE (during);

-- Down Migration
ALTER TABLE entity_value DROP CONSTRAINT entity_value_pkey, ADD CONSTRAINT entity_value_pkey PRIMARY KEY (type, field, value, slug);
ALTER TABLE entity_value DROP COLUMN during;
