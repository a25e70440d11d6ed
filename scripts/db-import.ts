/**
 * `npm run db:import -- DATA_DIR [--replace]`: loads a JSON data directory (records, source
 * texts, the change feed's last CHANGE_RETENTION changes, data version) into PostgreSQL (DATABASE_URL, DATABASE_SCHEMA), all or
 * nothing, after applying any pending migration. The directory is read as the JSON store
 * reads it (validated, journal replayed) and never written. A schema that holds records
 * is refused unless --replace.
 */
import path from 'node:path';
import { JsonStore } from '../src/store/json/json-store';
import { DEFAULT_CHANGE_RETENTION } from '../src/store/contract/change-feed';
import { readJournal } from '../src/store/json/persistence/journal';
import { createPool, migrate } from '../src/store/postgres/database';
import { importDataset, type ChangeSource } from '../src/store/postgres/transfer';
import { UsageError, databaseFromEnv, runTool } from './db-tool';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

const USAGE = 'usage: npm run db:import -- DATA_DIR [--replace]';

runTool(async () => {
  const args = process.argv.slice(2);
  const replace = args.includes('--replace');
  const rest = args.filter((arg) => arg !== '--replace');
  for (const arg of rest) if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? 'name the data directory to import' : 'one data directory at a time');
  const dataDir = path.resolve(rest[0]!);
  const database = databaseFromEnv();
  const started = Date.now();
  const store = await JsonStore.open(dataDir, { readOnly: true });
  const read = Date.now();
  try {
    const version = store.version;
    // The change feed with each change's record, read from the journal as a stream: the changes
    // CHANGE_RETENTION keeps (PostgreSQL's writes keep the feed so from then on).
    const from = version - (database.changeRetention ?? DEFAULT_CHANGE_RETENTION);
    const events: ChangeSource = async (each) => {
      await readJournal(dataDir, (entries) => {
        const kept = entries.filter((entry) => entry.seq > from);
        return kept.length > 0 ? each(kept) : undefined;
      });
    };
    await migrate(database);
    const pool = createPool(database);
    try {
      const summary = await importDataset(pool, store.dataset(), events, version, { replace });
      const records = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
      console.log(`db:import: ${dataDir} → schema "${database.schema}": ${records} records (${Object.entries(summary.counts).map(([type, n]) => `${n} ${type}`).join(', ')}), ${summary.texts} source texts, ${summary.events} change events, data version ${summary.version}, in ${seconds(Date.now() - started)} s (read and validated ${seconds(read - started)} s, rows ${seconds(summary.timings.load)} s, indexes ${seconds(summary.timings.index)} s, analyse ${seconds(summary.timings.analyze)} s)`);
    } finally {
      await pool.end();
    }
  } finally {
    await store.close();
  }
}, USAGE);
