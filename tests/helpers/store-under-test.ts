/**
 * Which store the integration tests run on: the JSON store (default), or PostgreSQL when
 * jest's `postgres` project sets ENTENTE_TEST_STORE=postgres (see jest.config.js). On
 * PostgreSQL each store gets a schema of its own, made the way a user makes one
 * (`db:import`, which migrates first, run as a process on the test's data directory) and
 * dropped afterwards, so tests stay independent.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { readConfig, type Config } from '../../src/config';
import { JsonStore } from '../../src/store/json/json-store';
import { PgStore } from '../../src/store/postgres/pg-store';

export type StoreKind = 'json' | 'postgres';
export const STORE_UNDER_TEST: StoreKind = process.env.ENTENTE_TEST_STORE === 'postgres' ? 'postgres' : 'json';
/** The database the PostgreSQL run uses (TEST_DATABASE_URL overrides). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const ROOT = path.resolve(__dirname, '../..');
let schemas = 0;

/** A fresh schema name, unique across jest's worker processes. */
export function uniqueSchema(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${++schemas}`;
}

/** Loads `dataDir` into a new schema of `url`'s database with `npm run db:import`'s script (dist/, built by globalSetup). */
export async function importIntoNewSchema(dataDir: string, schema = uniqueSchema(), url = TEST_DATABASE_URL): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist/scripts/db-import.js'), dataDir], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: url, DATABASE_SCHEMA: schema },
  });
  return schema;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The schemas of data directories a test owns (`keep`): reopened, not imported again, like a restart; dropped after the test file. */
const kept = new Map<string, string>();

/** Drops the schemas kept for this test file's data directories (tests/helpers/drop-kept-schemas.ts runs it after each file). */
export async function dropKeptSchemas(): Promise<void> {
  const schemas = [...kept.values()];
  kept.clear();
  for (const schema of schemas) await dropSchema(schema);
}

/**
 * A store on `dataDir` of the kind under test, and the environment a server process needs
 * to open the same data. With `keep` (a directory the test owns and may reopen, as after a
 * restart), PostgreSQL reopens the schema made for it the first time, and keeps it until
 * the test file ends; otherwise `remove()` drops it.
 */
export async function openStoreUnderTest(
  dataDir: string,
  options: { keep?: boolean; config?: Pick<Config, 'changeRetention' | 'journalSegmentBytes' | 'journalRetainBytes' | 'pgRecordCache'> } = {},
): Promise<{ store: JsonStore | PgStore; env: Record<string, string>; remove(): Promise<void> }> {
  // The change feed's retention and the journal's segments as the server reads them from its configuration.
  const config = options.config ?? readConfig({});
  if (STORE_UNDER_TEST === 'json') {
    const store = await JsonStore.open(dataDir, { changeRetention: config.changeRetention, segmentBytes: config.journalSegmentBytes, journalRetainBytes: config.journalRetainBytes });
    return { store, env: { DATA_DIR: dataDir }, remove: async () => {} };
  }
  const known = options.keep ? kept.get(dataDir) : undefined;
  const schema = known ?? (await importIntoNewSchema(dataDir));
  if (options.keep) kept.set(dataDir, schema);
  const store = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 4, changeRetention: config.changeRetention, recordCacheSize: config.pgRecordCache });
  return { store, env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }, remove: async () => (options.keep ? undefined : dropSchema(schema)) };
}
