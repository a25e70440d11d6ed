/**
 * Throw-away copies of the shipped data directory, for tests that need bad data: copy,
 * break one file, open a store on the copy, remove the copy. Nothing runs at import.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The shipped data set that every copy starts from. */
export const SHIPPED_DATA_DIR = path.resolve(__dirname, '../../data');

/** A record as read from a data file: loosely typed, so a test can break it in any way. */
export type RawRecord = Record<string, any>;

/** Copies the shipped data into a fresh directory under the OS temp dir and returns its path. */
export async function createTempDataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'entente-data-'));
  await cp(SHIPPED_DATA_DIR, directory, { recursive: true });
  return directory;
}

/** Deletes a directory made by `createTempDataDir`. */
export async function removeTempDataDir(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

/** Reads `file` (a JSON array) in `directory`, lets `mutate` change its records in place, and writes it back. */
export async function editRecords<R = RawRecord>(directory: string, file: string, mutate: (records: R[]) => void): Promise<void> {
  const target = path.join(directory, file);
  const records = JSON.parse(await readFile(target, 'utf8')) as R[];
  mutate(records);
  await writeFile(target, JSON.stringify(records, null, 2), 'utf8');
}

/** Replaces `file` in `directory` with `text`, verbatim (for files that are not valid JSON). */
export async function writeDataFile(directory: string, file: string, text: string): Promise<void> {
  await writeFile(path.join(directory, file), text, 'utf8');
}

/** Deletes `file` from `directory`. */
export async function removeDataFile(directory: string, file: string): Promise<void> {
  await rm(path.join(directory, file));
}

/** Runs `use` on a fresh copy of the data and removes the copy afterwards, whether `use` succeeds or throws. */
export async function withTempDataDir<T>(use: (directory: string) => Promise<T>): Promise<T> {
  const directory = await createTempDataDir();
  try {
    return await use(directory);
  } finally {
    await removeTempDataDir(directory);
  }
}
