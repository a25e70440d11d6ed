/**
 * A whole data set in and out of a PostgreSQL schema: `db:import` loads a data set (records
 * in data-set order, source texts, the change feed and the data version; read from a JSON
 * data directory by the script) into an empty schema in one transaction; `db:export` reads
 * it all back (the script writes it as a JSON data directory). A round trip gives back the
 * same files.
 */
import type { Pool } from 'pg';
import { ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from '../contract/records';
import type { ChangeEntry } from '../contract/store';
import { insertChanges, insertRecords, type RecordRow } from './rows';

type AnyRecord = RecordOf[EntityType];

/** Records written per statement. */
const BATCH = 2000;

/** `db:import` into a schema that already holds records, without `--replace`. */
export class SchemaNotEmptyError extends Error {
  override name = 'SchemaNotEmptyError';
}

export interface ImportSummary {
  counts: Record<EntityType, number>;
  texts: number;
  events: number;
  version: number;
}

/**
 * The change feed to import, handed over a batch at a time as it is read (in seq order):
 * `each` is awaited before the next batch, so a long feed is never held whole.
 */
export type ChangeSource = (each: (batch: readonly ChangeEntry[]) => Promise<void>) => Promise<void>;

/**
 * Loads `data` (with its change feed, `events`, and `version`) into the pool's schema, all
 * or nothing. Refuses a schema that holds records, unless `replace` (which empties it first).
 */
export async function importDataset(pool: Pool, data: Dataset, events: ChangeSource, version: number, options: { replace?: boolean; onProgress?: (type: EntityType, done: number) => void } = {}): Promise<ImportSummary> {
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
    let imported = 0;
    await events(async (batch) => {
      for (let from = 0; from < batch.length; from += BATCH) await insertChanges(client, batch.slice(from, from + BATCH));
      imported += batch.length;
    });
    await client.query("SELECT setval('entity_position_seq', $1::bigint, $2)", [Math.max(position, 1), position > 0]);
    await client.query('UPDATE store_state SET version = $1, counts = $2', [version, JSON.stringify(counts)]);
    await client.query('COMMIT');
    // Outside the transaction (VACUUM cannot run in one): statistics for the planner, and the
    // visibility map that lets index-only scans skip the table.
    await client.query('VACUUM (ANALYZE) entity, entity_key, entity_value, entity_reference, source_text, change');
    return { counts, texts: texts.length, events: imported, version };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Everything the schema holds, as a data set (records in data-set order, source texts)
 * with its change feed and data version: what `db:export` writes as a JSON data directory.
 */
export async function exportDataset(pool: Pool): Promise<{ data: Dataset; events: ChangeEntry[]; version: number }> {
  const data = { texts: new Map<string, string>() } as Dataset;
  for (const type of ENTITY_TYPES) {
    const { rows } = await pool.query<{ record: AnyRecord }>('SELECT record FROM entity WHERE type = $1 ORDER BY position', [type]);
    (data as Record<EntityType, AnyRecord[]>)[type] = rows.map((row) => row.record);
  }
  const { rows: texts } = await pool.query<{ slug: string; text: string }>('SELECT slug, text FROM source_text ORDER BY slug');
  for (const { slug, text } of texts) data.texts.set(slug, text);
  const { rows: changes } = await pool.query<ChangeEntry & { seq: string }>('SELECT seq, at, operation, type, slug, record FROM change ORDER BY seq');
  const events = changes.map((row) => ({ seq: Number(row.seq), at: row.at, operation: row.operation, type: row.type, slug: row.slug, record: row.record }));
  const { rows } = await pool.query<{ version: string }>('SELECT version FROM store_state');
  return { data, events, version: Number(rows[0]!.version) };
}
