/**
 * Atomic compaction of the per-type JSON files: every file is replaced by rename, so a
 * crash leaves each one either old or new, and `store.json` (the journal position the
 * files reflect) is written last, after the files are durable.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SnapshotStateError } from './persistence-errors';

export const STATE_FILE = 'store.json';
const STATE_FORMAT = 1;

/** Reads DIR/store.json; `{ compactedThrough: 0 }` when absent; throws SnapshotStateError when invalid. */
export async function readStoreState(directory: string): Promise<{ compactedThrough: number }> {
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
  return { compactedThrough };
}

/** Replaces each file atomically, fsyncs the directory, then records `compactedThrough` in store.json. */
export async function writeSnapshot(
  directory: string,
  files: ReadonlyArray<{ file: string; records: readonly unknown[] }>,
  compactedThrough: number,
): Promise<void> {
  if (!isSeq(compactedThrough)) throw new RangeError(`compactedThrough must be a non-negative integer, got ${compactedThrough}`);
  for (const { file, records } of files) {
    await replaceFile(directory, file, JSON.stringify(records, null, 2) + '\n');
  }
  // store.json must never point past data files that a crash could still lose.
  await syncDirectory(directory);
  await writeFileAtomic(directory, STATE_FILE, JSON.stringify({ format: STATE_FORMAT, compactedThrough }, null, 2) + '\n');
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
  if (path.basename(name) !== name) throw new RangeError(`expected a plain file name in ${directory}, got ${JSON.stringify(name)}`);
  const temp = path.join(directory, `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
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
