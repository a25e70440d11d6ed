/**
 * The snapshot: the per-type JSON files as compaction rewrites them, atomically. Every file
 * is replaced by rename, so a crash leaves each one either old or new, and `store.json`
 * (the journal position the files reflect, store-state.ts) is written last, after the
 * files are durable. ("Snapshot" names only these files; a request's read version is a
 * view: `Store.view()`.)
 */
import { createHash } from 'node:crypto';
import { replaceFileWith, syncDirectory } from './atomic-file';
import { nodeFileSystem, type FileSystem } from './file-system';
import { jsonArrayChunks } from './json-array';
import { isSeq, writeStoreState } from './store-state';
import { DIGEST_ALGORITHM, type ValidatedFiles } from './validated-files';

/**
 * Replaces each file atomically, fsyncs the directory, then records `compactedThrough` in
 * store.json. With `validated` (records that passed validation, plus the digests of other
 * files that did, e.g. source texts, under these rules), store.json also records the
 * digest of every file written here, so the next start-up can skip re-validating them.
 * `snapshot` may be only the files that changed: the others keep their bytes and, given in
 * `validated.files`, their digests. Returns the digests recorded.
 */
export async function writeSnapshot(
  directory: string,
  snapshot: ReadonlyArray<{ file: string; records: readonly unknown[] }>,
  compactedThrough: number,
  validated?: ValidatedFiles,
  files: FileSystem = nodeFileSystem,
): Promise<Map<string, string>> {
  if (!isSeq(compactedThrough)) throw new RangeError(`compactedThrough must be a non-negative integer, got ${compactedThrough}`);
  const digests = new Map(validated?.files);
  for (const { file, records } of snapshot) digests.set(file, await replaceFileWithRecords(directory, file, records, files));
  // store.json must never point past data files that a crash could still lose; a file that failed stopped us above.
  await syncDirectory(directory, files);
  await writeStoreState(directory, { compactedThrough, validated: validated && { rules: validated.rules, files: digests } }, files);
  return digests;
}

/**
 * Like writeFileAtomic without the directory fsync, for a JSON array of records written a chunk at a time (yielding to the
 * event loop between chunks); returns the digest of the bytes written.
 */
async function replaceFileWithRecords(directory: string, name: string, records: readonly unknown[], files: FileSystem): Promise<string> {
  const hash = createHash(DIGEST_ALGORITHM);
  await replaceFileWith(
    directory,
    name,
    async (put) => {
      for (const chunk of jsonArrayChunks(records)) {
        const bytes = Buffer.from(chunk, 'utf8');
        hash.update(bytes);
        await put(bytes);
      }
    },
    files,
  );
  return hash.digest('hex');
}
