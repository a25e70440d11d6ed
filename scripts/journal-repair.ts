/**
 * `npm run journal:repair [-- DIR]`: cuts DIR/journal.jsonl before its first line that fails
 * its check, printing every line it removes, so that a server refusing to start on a corrupt
 * journal (JournalCorruptError) can start again. The server never does this by itself: the
 * removed lines may be acknowledged writes, so only a person decides to lose them. Without
 * DIR, the directory the server serves (DATA_DIR, else `.data/`). Exits 1 when it refuses.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { dataDirectory } from '../src/config';
import { acquireDataDirLock } from '../src/store/json/persistence/lock';
import { scanJournal } from '../src/store/json/persistence/journal';
import { DataDirLockedError, SnapshotStateError } from '../src/store/json/persistence/persistence-errors';
import { readStoreState } from '../src/store/json/persistence/store-state';

async function main(): Promise<void> {
  const directory = process.argv[2] === undefined ? dataDirectory().dataDir : path.resolve(process.argv[2]);
  // A running server appends to the journal: cutting under it would lose its next writes too.
  const lock = await acquireDataDirLock(directory);
  try {
    const scan = await scanJournal(directory);
    if (scan === null || scan.bad === null) {
      console.log(`${path.join(directory, 'journal.jsonl')}: ${scan === null ? 'no journal' : `all ${scan.entries.length} lines are good`}; nothing to repair.`);
      return;
    }
    const { file, content, entries, bad } = scan;
    const keptSeq = entries.at(-1)?.seq ?? 0;
    const { compactedThrough } = await readStoreState(directory);
    if (keptSeq < compactedThrough) {
      console.error(
        `${file} line ${bad.line}: ${bad.reason}; not repaired: store.json says the data files hold changes up to seq ${compactedThrough}, ` +
          `so the journal must keep them; restore journal.jsonl from a backup.`,
      );
      process.exitCode = 1;
      return;
    }
    const removed = content.subarray(bad.offset);
    const lines = removed.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    console.log(`${file} line ${bad.line}: ${bad.reason}.`);
    console.log(`Removing lines ${bad.line}..${bad.line + lines.length - 1} (${removed.length} bytes); keeping lines 1..${bad.line - 1} (changes 1..${keptSeq}). Removed lines:`);
    for (const line of lines) console.log(line);
    const handle = await open(file, 'r+');
    try {
      await handle.truncate(bad.offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
    console.log(`Repaired: ${file} now ends at line ${bad.line - 1}.`);
  } finally {
    await lock.release();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof DataDirLockedError || error instanceof SnapshotStateError;
  console.error(known ? (error as Error).message : `journal:repair: ${(error as Error).message}`);
  process.exitCode = 1;
});
