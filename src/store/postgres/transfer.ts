/**
 * Moving a data set between a JSON data directory and a PostgreSQL schema: `db:import`
 * loads everything the JSON store holds (records in data-set order, source texts, the
 * change feed and the data version) into an empty schema in one transaction; `db:export`
 * writes a schema back as a data directory in the JSON store's exact file format. A round
 * trip gives back the same files.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { writeFileAtomic, writeSnapshot } from '../json/persistence/snapshot';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from '../contract/records';
import { JOURNAL_FILE, formatLine, type JournalEntry } from '../json/persistence/journal';
import { insertChanges, insertRecords, type RecordRow } from './rows';

type AnyRecord = RecordOf[EntityType];

/** Records written per statement. */
const BATCH = 2000;

export class SchemaNotEmptyError extends Error {
  override name = 'SchemaNotEmptyError';
}

export interface ImportSummary {
  counts: Record<EntityType, number>;
  texts: number;
  events: number;
  version: number;
}

/** The change feed as the JSON store's journal holds it. */
export type ChangeEntry = JournalEntry;

/**
 * Loads `data` (with its change feed, `events`, and `version`) into the pool's schema, all
 * or nothing. Refuses a schema that holds records, unless `replace` (which empties it first).
 */
export async function importDataset(pool: Pool, data: Dataset, events: readonly ChangeEntry[], version: number, options: { replace?: boolean; onProgress?: (type: EntityType, done: number) => void } = {}): Promise<ImportSummary> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Serialized with writes: no replica writes while the schema is replaced.
    await client.query('SELECT version FROM store_state FOR UPDATE');
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM entity');
    if (rows[0]!.n > 0) {
      if (!options.replace) throw new SchemaNotEmptyError(`the schema already holds ${rows[0]!.n} records; db:import loads into an empty one (--replace empties it first)`);
      await client.query('TRUNCATE entity, entity_key, entity_value, entity_reference, source_text, change');
    }
    let position = 0;
    const counts = {} as Record<EntityType, number>;
    for (const type of ENTITY_TYPES) {
      const records = data[type] as AnyRecord[];
      counts[type] = records.length;
      for (let from = 0; from < records.length; from += BATCH) {
        const rows: RecordRow[] = records.slice(from, from + BATCH).map((record) => ({ type, record, position: ++position }));
        await insertRecords(client, rows);
        options.onProgress?.(type, Math.min(from + BATCH, records.length));
      }
    }
    const texts = [...data.texts];
    for (let from = 0; from < texts.length; from += BATCH) {
      const batch = texts.slice(from, from + BATCH);
      await client.query('INSERT INTO source_text (slug, text) SELECT * FROM unnest($1::text[], $2::text[])', [batch.map(([slug]) => slug), batch.map(([, text]) => text)]);
    }
    for (let from = 0; from < events.length; from += BATCH) await insertChanges(client, events.slice(from, from + BATCH));
    await client.query("SELECT setval('entity_position_seq', $1::bigint, $2)", [Math.max(position, 1), position > 0]);
    await client.query('UPDATE store_state SET version = $1, counts = $2', [version, JSON.stringify(counts)]);
    await client.query('COMMIT');
    // Outside the transaction (VACUUM cannot run in one): statistics for the planner, and the
    // visibility map that lets index-only scans skip the table.
    await client.query('VACUUM (ANALYZE) entity, entity_key, entity_value, entity_reference, source_text, change');
    return { counts, texts: texts.length, events: events.length, version };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Everything the schema holds, as the JSON store's data set (records in data-set order), with its version. */
export async function readDataset(pool: Pool): Promise<{ data: Dataset; version: number }> {
  const data = { texts: new Map<string, string>() } as Dataset;
  for (const type of ENTITY_TYPES) {
    const { rows } = await pool.query<{ record: AnyRecord }>('SELECT record FROM entity WHERE type = $1 ORDER BY position', [type]);
    (data as Record<EntityType, AnyRecord[]>)[type] = rows.map((row) => row.record);
  }
  const { rows: texts } = await pool.query<{ slug: string; text: string }>('SELECT slug, text FROM source_text ORDER BY slug');
  for (const { slug, text } of texts) data.texts.set(slug, text);
  const { rows } = await pool.query<{ version: string }>('SELECT version FROM store_state');
  return { data, version: Number(rows[0]!.version) };
}

/**
 * Writes the schema's data as a JSON data directory `directory` (created; it must not hold
 * a data set): the entity files, the source texts and store.json. The JSON store opens it
 * as it is (its journal starts empty, at the exported version).
 */
export async function exportDataset(pool: Pool, directory: string): Promise<{ counts: Record<EntityType, number>; texts: number; version: number }> {
  const { data, version } = await readDataset(pool);
  await mkdir(directory, { recursive: true });
  for (const source of data.Source) {
    const text = data.texts.get(source.slug);
    if (source.textFile === null || text === undefined) continue;
    const file = path.join(directory, source.textFile);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(path.dirname(file), path.basename(file), text);
  }
  // The change feed becomes the journal, whole: the JSON store reads its history and version from it.
  const { rows } = await pool.query<JournalEntry & { seq: string }>('SELECT seq, at, operation, type, slug, record FROM change ORDER BY seq');
  if (rows.length > 0) {
    await writeFileAtomic(directory, JOURNAL_FILE, rows.map((row) => formatLine({ seq: Number(row.seq), at: row.at, operation: row.operation, type: row.type, slug: row.slug, record: row.record })).join(''));
  }
  await writeSnapshot(
    directory,
    ENTITY_TYPES.map((type) => ({ file: ENTITY_FILES[type].file, records: data[type] })),
    version,
  );
  const counts = Object.fromEntries(ENTITY_TYPES.map((type) => [type, data[type].length])) as Record<EntityType, number>;
  return { counts, texts: data.texts.size, version };
}
