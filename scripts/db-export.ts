/**
 * `npm run db:export -- DIR`: writes the PostgreSQL data set (DATABASE_URL, DATABASE_SCHEMA)
 * as a JSON data directory in the JSON store's format: entity files, source texts and
 * store.json. DIR must be new or empty.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ENTITY_TYPES } from '../src/store/contract/records';
import { writeDataDirectory } from '../src/store/json/write-data-directory';
import { assertMigrated, createPool } from '../src/store/postgres/database';
import { exportDataset } from '../src/store/postgres/transfer';
import { UsageError, databaseFromEnv, runTool } from './db-tool';

const USAGE = 'usage: npm run db:export -- DIR';

runTool(async () => {
  const args = process.argv.slice(2);
  for (const arg of args) if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
  if (args.length !== 1) throw new UsageError(args.length === 0 ? 'name the directory to write' : 'one directory at a time');
  const directory = path.resolve(args[0]!);
  const existing = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) throw new UsageError(`${directory} is not empty: db:export writes a new data directory`);
  const database = databaseFromEnv();
  const pool = createPool(database);
  try {
    await assertMigrated(pool, database.schema);
    const { data, events, version } = await exportDataset(pool);
    await writeDataDirectory(directory, data, events, version);
    const records = ENTITY_TYPES.reduce((sum, type) => sum + data[type].length, 0);
    console.log(`db:export: schema "${database.schema}" → ${directory}: ${records} records, ${data.texts.size} source texts, data version ${version}`);
  } finally {
    await pool.end();
  }
}, USAGE);
