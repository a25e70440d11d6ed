/**
 * `npm run db:import -- DATA_DIR [--replace]`: loads a JSON data directory (records, source
 * texts, the change feed's last CHANGE_RETENTION changes, data version) into PostgreSQL (DATABASE_URL, DATABASE_SCHEMA), all or
 * nothing, after applying any pending migration. The directory is read as the JSON store
 * reads it (validated, journal replayed) and never written: streamed into COPY as it is
 * read when store.json vouches for its bytes (stream-dataset.ts), so memory stays bounded
 * whatever its size; read whole otherwise. A schema that holds records is refused unless --replace.
 */
import path from 'node:path';
import { JsonStore } from '../src/store/json/json-store';
import { DEFAULT_CHANGE_RETENTION } from '../src/store/contract/change-feed';
import { readJournal } from '../src/store/json/persistence/journal';
import { createPool, migrate } from '../src/store/postgres/database';
import { datasetSource, importDataset, type ChangeSource, type DatasetSource, type ImportSummary } from '../src/store/postgres/transfer';
import { NotVouchedError, openVouchedDataset } from '../src/store/json/stream-dataset';
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
  await migrate(database);
  const pool = createPool(database);
  try {
    const load = async (data: DatasetSource, version: number) => {
      // The change feed with each change's record, read from the journal as a stream: the changes
      // CHANGE_RETENTION keeps (PostgreSQL's writes keep the feed so from then on).
      const from = version - (database.changeRetention ?? DEFAULT_CHANGE_RETENTION);
      const events: ChangeSource = async (each) => {
        await readJournal(dataDir, (entries) => {
          const kept = entries.filter((entry) => entry.seq > from);
          return kept.length > 0 ? each(kept) : undefined;
        });
      };
      return importDataset(pool, data, events, version, { replace });
    };
    let summary: ImportSummary;
    let read: string;
    try {
      // Bytes the JSON store validated before (store.json's digests: what data:synth and every
      // compaction write) are streamed into COPY as they are read, never held whole.
      const vouched = await openVouchedDataset(dataDir);
      summary = await load(vouched, vouched.version);
      read = 'read as copied';
    } catch (error) {
      if (!(error instanceof NotVouchedError)) throw error;
      // Anything else is opened as the JSON store opens it: read whole, the journal replayed, validated.
      const opening = Date.now();
      const store = await JsonStore.open(dataDir, { readOnly: true });
      read = `read and validated ${seconds(Date.now() - opening)} s (${error.message}), then`;
      try {
        summary = await load(datasetSource(store.dataset()), store.version);
      } finally {
        await store.close();
      }
    }
    const records = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
    const { load: rows, index, analyze } = summary.timings;
    console.log(`db:import: ${dataDir} → schema "${database.schema}": ${records} records (${Object.entries(summary.counts).map(([type, n]) => `${n} ${type}`).join(', ')}), ${summary.texts} source texts, ${summary.events} change events, data version ${summary.version}, in ${seconds(Date.now() - started)} s (${read} rows ${seconds(rows)} s, indexes ${seconds(index)} s, analyse ${seconds(analyze)} s)`);
  } finally {
    await pool.end();
  }
}, USAGE);
