/**
 * `npm run data:synth -- --meetings N --out DIR [--seed N]`: writes a synthetic data
 * directory (the layout of `data/`, JSON files byte for byte as the store writes them) of
 * N meetings and proportionally many people, offices, organizations, topics and sources.
 * The same seed and N give byte-identical files. The output is then loaded and validated
 * with the store's own rules (a problem is a generator bug: exit 1), and store.json
 * records the digests of the validated bytes, so a server starts on it without
 * re-validating them.
 *
 * DIR must be new, empty, or a previous synth output (it holds `.entente-synth.json`),
 * which is then replaced; anything else is refused, so a real data directory is never
 * overwritten. Exits 2 on bad arguments, 1 when DIR is refused or cannot be written.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataValidationError } from '../../src/store/contract/data-problem';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset } from '../../src/store/contract/records';
import { JOURNAL_FILE, SEGMENT_DIR } from '../../src/store/json/persistence/journal';
import { LOCK_FILE } from '../../src/store/json/persistence/lock';
import { readDataset } from '../../src/store/json/load-dataset';
import { STATE_FILE, writeStoreState } from '../../src/store/json/persistence/store-state';
import { DEFAULT_SEED, generateDataset } from './generate';
import { writeDataset } from './write-dataset';

const USAGE = 'usage: npm run data:synth -- --meetings N --out DIR [--seed N]';
const MARKER_FILE = '.entente-synth.json';
/**
 * The largest corpus the command makes: the one the PostgreSQL store is measured at (a
 * million meetings, meetings.json about 2.9 GB; the loader reads it in pieces). The
 * generator holds the whole data set (about 3.4 GB of heap at a million), and so does the
 * check after writing, which reads it back as the store does (the cross-record rules need
 * every record at hand; 7.5 GB peak RSS at a million): more than Node's default heap limit
 * (about 4 GB), so `npm run data:synth` raises it to 8 GB (package.json).
 */
const MAX_MEETINGS = 1_000_000;
const OWNED = new Set<string>([...Object.values(ENTITY_FILES).map(({ file }) => file), STATE_FILE, JOURNAL_FILE, SEGMENT_DIR, MARKER_FILE, 'sources']);

class UsageError extends Error {}
class RefusedError extends Error {}

interface Options {
  meetings: number;
  seed: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { meetings: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.meetings === undefined) throw new UsageError('--meetings is required');
  if (!/^\d+$/.test(values.meetings) || Number(values.meetings) < 1 || Number(values.meetings) > MAX_MEETINGS) {
    throw new UsageError(`--meetings must be a whole number from 1 to ${MAX_MEETINGS}, got ${JSON.stringify(values.meetings)}`);
  }
  if (values.out === undefined || values.out === '') throw new UsageError('--out DIR is required: the directory to write the data set into');
  let seed = DEFAULT_SEED;
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed) || Number(values.seed) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got ${JSON.stringify(values.seed)}`);
    seed = Number(values.seed);
  }
  return { meetings: Number(values.meetings), seed, out: path.resolve(values.out) };
}

/** Makes `directory` ready: created, or emptied of a previous synth output; refuses anything else. */
async function prepareDirectory(directory: string): Promise<void> {
  const entry = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (entry === null) {
    await mkdir(directory, { recursive: true });
    return;
  }
  if (!entry.isDirectory()) throw new RefusedError(`${directory} exists and is not a directory`);
  const names = await readdir(directory);
  if (names.length === 0) return;
  if (!names.includes(MARKER_FILE)) {
    throw new RefusedError(`${directory} is not empty and was not written by data:synth (no ${MARKER_FILE}); choose a new or empty directory`);
  }
  if (names.includes(LOCK_FILE)) throw new RefusedError(`${directory} is in use by a running server (${LOCK_FILE}); stop it first`);
  const foreign = names.filter((name) => !OWNED.has(name));
  if (foreign.length > 0) {
    throw new RefusedError(`${directory} holds files data:synth did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); remove them or choose another directory`);
  }
  for (const name of names) await rm(path.join(directory, name), { recursive: true, force: true });
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`synth: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { meetings, seed, out } = options;
  const started = performance.now();
  let data: Dataset | null;
  let generated: number;
  let written: number;
  let counts: string;
  let texts: number;
  try {
    await prepareDirectory(out);
    data = generateDataset({ meetings, seed });
    generated = performance.now();
    // The marker first: a run cut short leaves a directory the next run may replace.
    await writeFile(path.join(out, MARKER_FILE), JSON.stringify({ generator: 'entente data:synth', meetings, seed }, null, 2) + '\n');
    await writeDataset(out, data);
    written = performance.now();
    counts = ENTITY_TYPES.map((type) => `${data![type].length} ${ENTITY_FILES[type].file.replace('.json', '')}`).join(', ');
    texts = data.texts.size;
    data = null;
    // Validates the bytes written, as start-up does (throws DataValidationError), and records them as validated.
    const { digests, rules } = await readDataset(out);
    if (rules !== null) await writeStoreState(out, { compactedThrough: 0, validated: { rules, files: digests } });
  } catch (error) {
    if (error instanceof DataValidationError) {
      console.error(`synth: the generated data does not validate (a generator bug): ${error.message}`);
      return 1;
    }
    if (error instanceof RefusedError) {
      console.error(`synth: ${error.message}`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    console.error(`synth: cannot write ${out}: ${(error as Error).message}`);
    return 1;
  }
  const finished = performance.now();
  const bytes = await directorySize(out);
  console.log(
    `synth: wrote ${counts} and ${texts} source texts to ${out} (${(bytes / 1e6).toFixed(1)} MB) ` +
      `in ${seconds(finished - started)} (generate ${seconds(generated - started)}, write ${seconds(written - generated)}, validate ${seconds(finished - written)}), seed ${seed}`,
  );
  return 0;
}

async function directorySize(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    total += entry.isDirectory() ? await directorySize(full) : (await stat(full)).size;
  }
  return total;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('synth: failed:', error);
    process.exitCode = 1;
  },
);
