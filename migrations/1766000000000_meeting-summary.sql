-- Up Migration
-- What `meetingStats` counts of a meeting (MeetingSummary, src/store/contract/store.ts):
-- its record with every other field left out, kept beside the record so that counting a
-- million meetings reads a few hundred bytes of each, grouped in the database
-- (`findTallies`, src/store/postgres/find.ts), not whole records parsed in the server.
-- Records written after this migration get it with their other columns (`meetingSummary`,
-- rows.ts); this derives it for the meetings already held.
ALTER TABLE entity ADD COLUMN summary jsonb;
UPDATE entity e SET summary = jsonb_build_object(
    'kind', r -> 'kind',
    'date', jsonb_build_object('earliest', r -> 'date' -> 'earliest', 'latest', r -> 'date' -> 'latest'),
    'countries', coalesce(r -> 'countries', '[]'),
    'topics', coalesce((SELECT jsonb_agg(jsonb_build_object('topic', t -> 'topic')) FROM jsonb_array_elements(r -> 'topics') AS t), '[]'),
    'partOf', coalesce(r -> 'partOf', 'null'),
    'coding', jsonb_build_object('ploverCategory', r -> 'coding' -> 'ploverCategory'))
  FROM (SELECT type, slug, record::jsonb AS r FROM entity WHERE type = 'Meeting') AS m
  WHERE e.type = m.type AND e.slug = m.slug;

-- Down Migration
ALTER TABLE entity DROP COLUMN summary;
