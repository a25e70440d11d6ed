/**
 * `npm run -s export -- FORMAT [--filter JSON] [--data-dir DIR] > FILE`: writes the export of
 * the meetings matching the filter (a MeetingFilter as JSON, as `GET /export/FORMAT?filter=`
 * takes it) in FORMAT (src/export/export-formats.ts) to stdout, at the pace stdout takes it.
 * The data is read, without a lock, from DIR, else from PostgreSQL when DATABASE_URL is set
 * (DATABASE_SCHEMA; as the server reads it), else from DATA_DIR, else the server's `.data/`
 * (the committed `data/` when `.data/` does not exist yet); nothing is written. Exit codes:
 * 0 exported, 1 a bad filter, unreadable data or a closed output, 2 bad arguments.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, readConfig } from '../src/config';
import { BadUserInputError } from '../src/errors/bad-user-input.error';
import { readMeetingFilter } from '../src/export/export-filter';
import { EXPORT_FORMATS, formatNamed } from '../src/export/export-formats';
import type { ExportFormat } from '../src/export/export-format';
import { openMeetingExport } from '../src/export/meeting-export';
import { OutputClosedError, streamWriter } from '../src/export/stream-writer';
import { createMetrics } from '../src/metrics';
import type { Store } from '../src/store/contract/store';
import { JsonStore } from '../src/store/json/json-store';
import { PgStore } from '../src/store/postgres/pg-store';
import { readCommandLine, UsageError } from './command-line';
import { isUnreadableData, storedDataDir } from './data-directory';

const USAGE = [
  'usage: npm run -s export -- FORMAT [--filter JSON] [--data-dir DIR] > FILE',
  'formats:',
  ...EXPORT_FORMATS.map((format) => `  ${format.name.padEnd(10)}${format.description}`),
].join('\n');

interface Args {
  format: ExportFormat;
  filter: string | null;
  dataDir: string | null;
}

const OPTIONS = { '--filter': 'filter', '--data-dir': 'dataDir' } as const;

function parseArgs(argv: readonly string[]): Args {
  const { argument: name, values } = readCommandLine(argv, OPTIONS, 'format');
  if (name === undefined) throw new UsageError('name the format to export');
  const format = formatNamed(EXPORT_FORMATS, name);
  if (!format) throw new UsageError(`no format ${JSON.stringify(name)}`);
  return { format, filter: values.filter ?? null, dataDir: values.dataDir === undefined ? null : path.resolve(values.dataDir) };
}

/** The store to export from (see the header), or why it cannot be read. */
async function openStore(named: string | null): Promise<Store | string> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  if (named === null && config.databaseUrl !== null) {
    try {
      return await PgStore.open({ url: config.databaseUrl, schema: config.databaseSchema, max: 2 });
    } catch (error) {
      return `cannot read PostgreSQL at DATABASE_URL (schema ${config.databaseSchema}): ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const dir = storedDataDir(named);
  if (!existsSync(dir)) return `no data directory at ${dir}`;
  try {
    return await JsonStore.open(dir, { readOnly: true });
  } catch (error) {
    if (!isUnreadableData(error)) throw error;
    return `cannot read the data directory ${dir}: ${error.message}`;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`export: ${error.message}\n${USAGE}`);
    return 2;
  }
  let filter;
  try {
    filter = readMeetingFilter(args.filter);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    console.error(`export: ${error.message}`);
    return 1;
  }
  const store = await openStore(args.dataDir);
  if (typeof store === 'string') {
    console.error(`export: ${store}`);
    return 1;
  }
  // A closed pipe (`| head`) is reported by the next write; without a listener it would crash the process.
  process.stdout.on('error', () => undefined);
  try {
    const exported = await openMeetingExport(store, createMetrics(), filter);
    const count = await exported.run(args.format, streamWriter(process.stdout));
    console.error(`export: wrote ${count} meeting${count === 1 ? '' : 's'} as ${args.format.name}.`);
    return 0;
  } catch (error) {
    if (error instanceof BadUserInputError) {
      console.error(`export: ${error.message}`);
      return 1;
    }
    if (error instanceof OutputClosedError) {
      console.error(`export: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('export: failed:', error);
    process.exitCode = 1;
  },
);
