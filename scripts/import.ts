/**
 * `npm run import -- FILE.json [--data-dir DIR]`: imports an article bundle (see
 * docs/bundle-format.md) into a data directory (default: the server's, DATA_DIR or else
 * `.data/`, made from the committed `data/` first when it does not exist yet), all or nothing.
 * A missing or empty --data-dir or DATA_DIR starts empty. Prints every problem and exits 1 when the bundle cannot be imported, or when
 * a running server holds the directory; exits 2 on bad arguments.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDirectory } from '../src/config';
import { parseBundle } from '../src/import/bundle';
import { importIntoStore } from '../src/import/import-into-store';
import { formatImportProblem, type ImportProblem } from '../src/import/import-problem';
import { formatSummary } from '../src/import/import-summary';
import { describePreparation, prepareDataDirectory } from '../src/import/init-data-dir';
import { JsonStore } from '../src/store/json/json-store';
import { DataDirLockedError } from '../src/store/json/persistence/persistence-errors';
import { isUnreadableData } from './data-directory';

const USAGE = 'usage: npm run import -- FILE.json [--data-dir DIR]';

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { file: string; dataDir: string; seedDir: string | null } {
  let file: string | undefined;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError('--data-dir needs a directory');
      dataDir = value;
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`one bundle at a time; got ${JSON.stringify(file)} and ${JSON.stringify(arg)}`);
    }
  }
  if (file === undefined) throw new UsageError('name the bundle file to import');
  return { file: path.resolve(file), ...(dataDir === undefined ? dataDirectory() : { dataDir: path.resolve(dataDir), seedDir: null }) };
}

function fail(file: string, problems: readonly ImportProblem[]): number {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  console.error(`import: ${file} was not imported; nothing changed (${count}):\n${problems.map((p) => `  - ${formatImportProblem(p)}`).join('\n')}`);
  return 1;
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`import: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { file, dataDir, seedDir } = args;

  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    return fail(file, [{ path: '', message: reason }]);
  }
  const parsed = parseBundle(json);
  if (!parsed.ok) return fail(file, parsed.problems);

  try {
    const prepared = describePreparation(await prepareDataDirectory(dataDir, seedDir), dataDir, seedDir);
    if (prepared !== null) console.log(`import: ${prepared}`);
  } catch (error) {
    console.error(`import: cannot prepare the data directory ${dataDir}: ${(error as Error).message}`);
    return 1;
  }
  let store: JsonStore;
  try {
    store = await JsonStore.open(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError || isUnreadableData(error))) throw error;
    console.error(`import: cannot open the data directory: ${error.message}`);
    return 1;
  }
  try {
    const result = await importIntoStore(store, parsed.bundle);
    if (!result.ok) return fail(file, result.problems);
    console.log(`import: ${path.basename(file)} into ${dataDir}: ${formatSummary(result.summary)}.`);
    return 0;
  } finally {
    // Compacts what was written into the JSON files and releases the lock.
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('import: failed:', error);
    process.exitCode = 1;
  },
);
