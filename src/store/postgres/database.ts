/**
 * Connecting to PostgreSQL and creating Entente's schema in it. Every connection sets
 * `search_path` to the store's schema (then `public`, where the extensions live), so one
 * database can hold several stores (the tests give each its own schema). Migrations are
 * node-pg-migrate's, from the SQL files of `migrations/`.
 */
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Pool, type ClientConfig } from 'pg';
import { projectRoot } from '../../project-root';

/** What the store's connections price a random page read at, against a sequential one's 1 (`random_page_cost`). */
export const RANDOM_PAGE_COST = 1.1;

/** The schema a store uses unless DATABASE_SCHEMA names another. */
export const DEFAULT_SCHEMA = 'entente';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface DatabaseOptions {
  /** postgres://user@host:port/database: the primary, where writes go. */
  url: string;
  /** Streaming replicas of it (DATABASE_READ_URL) that requests' views read from; none by default. */
  readUrls?: readonly string[];
  /** The longest a view waits for a replica to replay the version its request needs, before reading on the primary (DATABASE_READ_WAIT_MS, default 250). */
  readWaitMs?: number;
  /** Where the tables are (default `entente`): lower-case letters, digits and `_`. */
  schema?: string;
  /** Pool size (default 10): requests reading at the same time, each in its own transaction. */
  max?: number;
  /** The longest a request's view keeps its transaction (default 60 s; the request's end releases it first). */
  viewHoldMs?: number;
  /** The change feed keeps the last this many changes (CHANGE_RETENTION; default 100,000): each write deletes older rows of `change`. */
  changeRetention?: number;
  /** How many records views keep in this process for the version it follows (PG_RECORD_CACHE, default 50,000; 0: none): record-cache.ts. */
  recordCacheSize?: number;
}

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/** The schema name, checked: it is written into SQL as an identifier. */
export function schemaOf(options: DatabaseOptions): string {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseConfigError(`DATABASE_SCHEMA must be lower-case letters, digits and _ (at most 63, not starting with a digit); got ${JSON.stringify(schema)}`);
  return schema;
}

/** How a connection of this process reaches `schema`; `role` names it in pg_stat_activity (`entente-<pid>`, `entente-listen-<pid>`). */
export function connectionConfig(options: DatabaseOptions, role?: string): ClientConfig {
  return {
    connectionString: options.url,
    // Plans for data in memory or on SSD (PostgreSQL's default, 4, prices a random read as a
    // spinning disk's): an index read of a third of a million meetings is then rightly
    // preferred to reading the table through.
    options: `-c search_path=${schemaOf(options)},public -c random_page_cost=${RANDOM_PAGE_COST}`,
    application_name: `entente-${role ? `${role}-` : ''}${process.pid}`,
  };
}

/**
 * A pool whose connections read and write `schema` (`role` names them as connectionConfig
 * does). With `pipeline`, a connection sends each query at once instead of after the
 * answer to the one before (pg's pipeline mode): statements sent together cost one round
 * trip, and run in order.
 */
export function createPool(options: DatabaseOptions, role?: string, connectionTimeoutMillis = 10_000, pipeline = false): Pool {
  return new Pool({ ...connectionConfig(options, role), max: options.max ?? 10, connectionTimeoutMillis, idleTimeoutMillis: 30_000, pipeline });
}

/** The connection string without its password, for logs, messages and /health. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

/** Throws StoreNotMigratedError when `schema` has no Entente tables. */
export async function assertMigrated(pool: Pool, schema: string): Promise<void> {
  await pool.query('SELECT version FROM store_state').catch((error: { code?: string }) => {
    if (error.code === '42P01') throw new StoreNotMigratedError(`the database has no Entente schema "${schema}": run \`npm run db:migrate\` (and \`npm run db:import -- DATA_DIR\` to load data) first`);
    throw error;
  });
}

export class StoreNotMigratedError extends Error {
  override name = 'StoreNotMigratedError';
}

/** Applies every migration not yet applied to `schema` (creating the schema); returns the names applied. */
export async function migrate(options: DatabaseOptions, log: (message: string) => void = () => {}): Promise<string[]> {
  const schema = schemaOf(options);
  // node-pg-migrate is an ES module: Node 20.19+ loads it with require().
  const { runner } = require('node-pg-migrate') as typeof import('node-pg-migrate');
  const applied = await runner({
    databaseUrl: options.url,
    dir: path.join(projectRoot(__dirname), 'migrations'),
    schema: [schema, 'public'],
    migrationsSchema: schema,
    createSchema: true,
    createMigrationsSchema: true,
    migrationsTable: 'pgmigrations',
    // One lock per schema (not node-pg-migrate's one per database), waited for: replicas or
    // tests migrating their own schemas at once do not fail each other.
    lockValue: crc32(`entente:${schema}`),
    advisoryLockMode: 'wait',
    direction: 'up',
    count: Infinity,
    singleTransaction: true,
    log,
    verbose: false,
  });
  return applied.map((migration) => migration.name);
}
