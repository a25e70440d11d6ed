/**
 * Atomic compaction of the per-type JSON files: every file is replaced by rename, so a
 * crash leaves each one either old or new, and `store.json` (the journal position the
 * files reflect) is written last, after the files are durable.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { jsonArrayChunks } from './json-array';
import { SnapshotStateError } from './persistence-errors';
import { DIGEST_ALGORITHM, type ValidatedFiles } from './validated-files';

export const STATE_FILE = 'store.json';
const STATE_FORMAT = 1;

/**
 * What store.json says: the journal position the JSON files hold and, when the store wrote
 * or checked them, the digests of the files that passed validation. Versions before
 * digests wrote no `validated` field; they read it as absent (full validation).
 */
export interface StoreState {
  compactedThrough: number;
  validated?: ValidatedFiles;
}

/**
 * Reads DIR/store.json; `{ compactedThrough: 0 }` when absent; throws SnapshotStateError when
 * invalid. A malformed `validated` field is ignored: it only ever lets start-up skip work.
 */
export async function readStoreState(directory: string): Promise<StoreState> {
  const file = path.resolve(directory, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { compactedThrough: 0 };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SnapshotStateError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SnapshotStateError(file, `found ${Array.isArray(parsed) ? 'an array' : String(parsed)}`);
  }
  const { format, compactedThrough } = parsed as { format?: unknown; compactedThrough?: unknown };
  if (format !== STATE_FORMAT) throw new SnapshotStateError(file, `format is ${JSON.stringify(format) ?? 'missing'}`);
  if (!isSeq(compactedThrough)) {
    throw new SnapshotStateError(file, `compactedThrough is ${JSON.stringify(compactedThrough) ?? 'missing'}, not a non-negative integer`);
  }
  const validated = readValidated((parsed as { validated?: unknown }).validated);
  return validated ? { compactedThrough, validated } : { compactedThrough };
}

function readValidated(value: unknown): ValidatedFiles | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { algorithm, rules, files } = value as { algorithm?: unknown; rules?: unknown; files?: unknown };
  if (algorithm !== DIGEST_ALGORITHM || typeof rules !== 'string' || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files as Record<string, unknown>);
  if (!entries.every(([, digest]) => typeof digest === 'string')) return undefined;
  return { rules, files: new Map(entries as [string, string][]) };
}

function stateText(state: StoreState): string {
  const { compactedThrough, validated } = state;
  const json: Record<string, unknown> = { format: STATE_FORMAT, compactedThrough };
  if (validated) json.validated = { algorithm: DIGEST_ALGORITHM, rules: validated.rules, files: Object.fromEntries([...validated.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  return JSON.stringify(json, null, 2) + '\n';
}

/** Writes store.json atomically: how much of the journal the files hold, and the digests of validated files. */
export async function writeStoreState(directory: string, state: StoreState): Promise<void> {
  if (!isSeq(state.compactedThrough)) throw new RangeError(`compactedThrough must be a non-negative integer, got ${state.compactedThrough}`);
  await writeFileAtomic(directory, STATE_FILE, stateText(state));
}

/**
 * Replaces each file atomically, fsyncs the directory, then records `compactedThrough` in
 * store.json. With `validated` (records that passed validation, plus the digests of other
 * files that did, e.g. source texts, under these rules), store.json also records the
 * digest of every file written here, so the next start-up can skip re-validating them.
 * `files` may be only the files that changed: the others keep their bytes and, given in
 * `validated.files`, their digests. Returns the digests recorded.
 */
export async function writeSnapshot(
  directory: string,
  files: ReadonlyArray<{ file: string; records: readonly unknown[] }>,
  compactedThrough: number,
  validated?: ValidatedFiles,
): Promise<Map<string, string>> {
  if (!isSeq(compactedThrough)) throw new RangeError(`compactedThrough must be a non-negative integer, got ${compactedThrough}`);
  const digests = new Map(validated?.files);
  for (const { file, records } of files) digests.set(file, await replaceFileWithRecords(directory, file, records));
  // store.json must never point past data files that a crash could still lose.
  await syncDirectory(directory);
  await writeStoreState(directory, { compactedThrough, validated: validated && { rules: validated.rules, files: digests } });
  return digests;
}

/**
 * Like replaceFile, for a JSON array of records written a chunk at a time (yielding to the
 * event loop between chunks); returns the digest of the bytes written.
 */
async function replaceFileWithRecords(directory: string, name: string, records: readonly unknown[]): Promise<string> {
  const hash = createHash(DIGEST_ALGORITHM);
  await replaceFileWith(directory, name, async (handle) => {
    for (const chunk of jsonArrayChunks(records)) {
      hash.update(chunk, 'utf8');
      await handle.write(chunk, null, 'utf8');
    }
  });
  return hash.digest('hex');
}

/** Writes `content` to DIR/name via a temp file, fsync, rename and a directory fsync. */
export async function writeFileAtomic(directory: string, name: string, content: string): Promise<void> {
  await replaceFile(directory, name, content);
  await syncDirectory(directory);
}

/** Fsyncs a directory so renames and creations in it survive a crash. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms refuse to open or fsync a directory; there the rename is as durable as it gets.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/** Temp file + fsync + rename, without the directory fsync (callers batch that). */
async function replaceFile(directory: string, name: string, content: string): Promise<void> {
  await replaceFileWith(directory, name, (handle) => handle.writeFile(content, 'utf8'));
}

/** Writes DIR/name through `write` into a temp file, then fsync and rename; the temp file is removed on failure. */
async function replaceFileWith(directory: string, name: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  if (path.basename(name) !== name) throw new RangeError(`expected a plain file name in ${directory}, got ${JSON.stringify(name)}`);
  const temp = path.join(directory, `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path.join(directory, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
