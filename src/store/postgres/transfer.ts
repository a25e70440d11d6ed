/**
 * A whole data set in and out of a PostgreSQL schema: `db:import` loads a data set (records
 * in data-set order, source texts, the change feed and the data version; read from a JSON
 * data directory by the script, and copied as it is read) into an empty schema in one
 * transaction; `db:export` reads it all back (the script writes it as a JSON data
 * directory). A round trip gives back the same files.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from '../contract/records';
import type { ChangeEntry } from '../contract/store';
import { DERIVED, deriveColumns, derivedRows, insertChanges, type DerivedColumns, type DerivedTable, type RecordRow } from './rows';

type AnyRecord = RecordOf[EntityType];

/** Records derived and copied at a time (a few tens of MB of COPY text for meetings). */
const BATCH = 5000;

/** The tables whose indexes and constraints db:import drops while it loads, then builds once. */
const BULK_TABLES: readonly DerivedTable[] = ['entity', 'entity_key', 'entity_value', 'entity_reference'];

/** `db:import` into a schema that already holds records, without `--replace`. */
export class SchemaNotEmptyError extends Error {
  override name = 'SchemaNotEmptyError';
}

export interface ImportSummary {
  counts: Record<EntityType, number>;
  texts: number;
  events: number;
  version: number;
  /** Milliseconds spent loading rows (reading a streamed source, derivation and COPY), building the indexes and constraints, and analysing. */
  timings: { load: number; index: number; analyze: number };
}

/**
 * The change feed to import, handed over a batch at a time as it is read (in seq order):
 * `each` is awaited before the next batch, so a long feed is never held whole.
 */
export type ChangeSource = (each: (batch: readonly ChangeEntry[]) => Promise<void>) => Promise<void>;

/**
 * A data set to import, handed over as it is read (so a corpus larger than a heap is
 * never held whole): a JSON data directory streamed (stream-dataset.ts) or a data set in
 * memory (datasetSource).
 */
export interface DatasetSource {
  /** Every record, types in ENTITY_TYPES order, each type's in data-set order, some at a time (`each` is awaited before the next). */
  records(each: (type: EntityType, records: readonly AnyRecord[]) => Promise<void>): Promise<void>;
  /** The source texts as [source slug, text], once `records` is done. */
  texts(): Iterable<readonly [string, string]>;
}

/** A data set held in memory, as a DatasetSource. */
export function datasetSource(data: Dataset): DatasetSource {
  return {
    records: async (each) => {
      for (const type of ENTITY_TYPES) {
        const records = data[type] as AnyRecord[];
        for (let from = 0; from < records.length; from += BATCH) await each(type, records.slice(from, from + BATCH));
      }
    },
    texts: () => data.texts,
  };
}

/**
 * Loads `data` (with its change feed, `events`, and `version`) into the pool's schema, all
 * or nothing. Refuses a schema that holds records, unless `replace` (which empties it first).
 *
 * Bulk loading, in one transaction: the record tables' indexes and constraints are dropped
 * (their definitions read from the catalog, so the migrations stay their one source), the
 * rows go in with COPY as the records arrive (those PostgreSQL derives through a staging
 * table and DERIVED's SQL, the others straight in), and the indexes and constraints are
 * built again, each in one pass, before the commit: a failure anywhere (a duplicate key, or
 * `data` throwing part way) leaves the schema as it was.
 */
export async function importDataset(pool: Pool, data: DatasetSource, events: ChangeSource, version: number, options: { replace?: boolean; onProgress?: (type: EntityType, done: number) => void } = {}): Promise<ImportSummary> {
  const client = await pool.connect();
  try {
    // Staging rows stay in memory up to this (settable only before the session's first temporary table).
    await client.query("SET temp_buffers = '256MB'").catch(() => undefined);
    await client.query('BEGIN');
    // Serialized with writes: no replica writes while the schema is replaced.
    await client.query('SELECT version FROM store_state FOR UPDATE');
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM entity');
    if (rows[0]!.n > 0) {
      if (!options.replace) throw new SchemaNotEmptyError(`the schema already holds ${rows[0]!.n} records; db:import loads into an empty one (--replace empties it first)`);
      await client.query('TRUNCATE entity, entity_key, entity_value, entity_reference, source_text, change');
    }
    const started = Date.now();
    const rebuild = await dropIndexes(client, BULK_TABLES);
    for (const table of BULK_TABLES) {
      if (DERIVED[table].select === null) continue;
      await client.query(`CREATE TEMPORARY TABLE ${stagingOf(table)} (${DERIVED[table].inputs.map(([name, type]) => `${name} ${type}`).join(', ')}) ON COMMIT DROP`);
    }
    let position = 0;
    const counts = Object.fromEntries(ENTITY_TYPES.map((type) => [type, 0])) as Record<EntityType, number>;
    let batch: RecordRow[] = [];
    // A batch is read and derived here while PostgreSQL still loads the one before.
    let copying: Promise<void> = Promise.resolve();
    const copyBatch = async () => {
      const { type } = batch.at(-1)!;
      const done = counts[type];
      const columns = deriveColumns(batch);
      batch = [];
      await copying;
      copying = copyRecords(client, columns).then(() => options.onProgress?.(type, done));
      // Awaited with the next batch (or after the last); meanwhile a failure must not count as unhandled.
      copying.catch(() => undefined);
    };
    await data.records(async (type, records) => {
      for (const record of records) batch.push({ type, record, position: ++position });
      counts[type] += records.length;
      if (batch.length >= BATCH) await copyBatch();
    });
    if (batch.length > 0) await copyBatch();
    await copying;
    let texts = 0;
    await copyRows(client, 'source_text (slug, text)', (function* () {
      for (const [slug, text] of data.texts()) {
        texts++;
        yield `${copyText(slug)}\t${copyText(text)}`;
      }
    })());
    let imported = 0;
    await events(async (batch) => {
      for (let from = 0; from < batch.length; from += BATCH) await insertChanges(client, batch.slice(from, from + BATCH));
      imported += batch.length;
    });
    const loaded = Date.now();
    // The indexes are built with the server's maintenance_work_mem (64 MB by default): at a million
    // meetings the largest (entity_value's primary key) took 40 s with it, 63 s with 256 MB and 80 s
    // with 1 GB (its parallel workers sharing it; on two busy cores): more memory only made it slower.
    for (const statement of rebuild) await client.query(statement);
    const indexed = Date.now();
    await client.query("SELECT setval('entity_position_seq', $1::bigint, $2)", [Math.max(position, 1), position > 0]);
    await client.query('UPDATE store_state SET version = $1, counts = $2', [version, JSON.stringify(counts)]);
    await client.query('COMMIT');
    // Outside the transaction (VACUUM cannot run in one): statistics for the planner, and the
    // visibility map that lets index-only scans skip the table.
    await client.query('VACUUM (ANALYZE) entity, entity_key, entity_value, entity_reference, source_text, change');
    const timings = { load: loaded - started, index: indexed - loaded, analyze: Date.now() - indexed };
    return { counts, texts, events: imported, version, timings };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The staging table of `table`'s input columns (temporary: dropped at the commit). */
function stagingOf(table: DerivedTable): string {
  return `import_${table}`;
}

/** Copies records' rows (deriveColumns): straight into a table, or through its staging table and DERIVED's SQL. */
async function copyRecords(client: PoolClient, columns: DerivedColumns): Promise<void> {
  for (const table of BULK_TABLES) {
    if (DERIVED[table].select === null) {
      await copyRows(client, `${table} (${DERIVED[table].columns})`, rowsOf(columns[table]));
    } else {
      await copyRows(client, stagingOf(table), rowsOf(columns[table]));
      await client.query(`INSERT INTO ${table} (${DERIVED[table].columns}) ${derivedRows(table, stagingOf(table))}`);
      await client.query(`TRUNCATE ${stagingOf(table)}`);
    }
  }
}

/** The rows of `columns` (one array per column), as COPY lines without their newline. */
function* rowsOf(columns: readonly unknown[][]): Generator<string> {
  const count = columns[0]!.length;
  for (let i = 0; i < count; i++) {
    let line = copyText(columns[0]![i]);
    for (let c = 1; c < columns.length; c++) line += `\t${copyText(columns[c]![i])}`;
    yield line;
  }
}

/** COPY of `lines` (rows in COPY's text format, copyText) into `target` ("table (columns)"). */
async function copyRows(client: PoolClient, target: string, lines: Iterable<string>): Promise<void> {
  const chunks = function* () {
    let chunk = '';
    for (const line of lines) {
      chunk += `${line}\n`;
      if (chunk.length >= 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as COPY's text format writes it: \N for NULL, backslash, newline, carriage return and tab escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  // Most values hold none of them: a test is cheaper than a replace that finds nothing.
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/**
 * Drops the indexes and constraints of `tables` (foreign keys first), returning the
 * statements that make them again as they were (foreign keys last, once the keys they refer to are back).
 */
async function dropIndexes(client: PoolClient, tables: readonly string[]): Promise<string[]> {
  const { rows: constraints } = await client.query<{ name: string; table: string; definition: string; foreign: boolean }>(
    `SELECT conname AS name, conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition, contype = 'f' AS foreign
     FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f' DESC, conname`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
     FROM pg_index WHERE indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid AND contype IN ('p', 'u')) ORDER BY 1`,
    [tables],
  );
  for (const { name, table } of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(name)}`);
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
  const add = (foreign: boolean) => constraints.filter((constraint) => constraint.foreign === foreign).map(({ name, table, definition }) => `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${definition}`);
  return [...add(false), ...indexes.map(({ definition }) => definition), ...add(true)];
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
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
