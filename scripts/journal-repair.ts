/**
 * `npm run journal:repair [-- DIR] [--drop-later]`: cuts DIR's journal before its first line
 * that fails its check, in whatever segment (journal/*.jsonl, then journal.jsonl), printing
 * every line it removes, so that a server refusing to start on a corrupt journal
 * (JournalCorruptError) can start again. The server never does this by itself: the removed
 * lines may be acknowledged writes, so only a person decides to lose them. When later
 * segments follow the damaged one, it refuses unless --drop-later, which deletes them too
 * (printing their lines). Without DIR, the directory the server serves (DATA_DIR, else
 * `.data/`). Exits 1 when it refuses, 2 on bad usage.
 */
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { dataDirectory } from '../src/config';
import { syncDirectory } from '../src/store/json/persistence/atomic-file';
import { acquireDataDirLock } from '../src/store/json/persistence/lock';
import { JOURNAL_FILE, SEGMENT_DIR, scanJournal, type SegmentFile } from '../src/store/json/persistence/journal-reader';
import { DataDirLockedError, SnapshotStateError } from '../src/store/json/persistence/persistence-errors';
import { readStoreState } from '../src/store/json/persistence/store-state';

const USAGE = 'usage: npm run journal:repair [-- DIR] [--drop-later]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dropLater = args.includes('--drop-later');
  const rest = args.filter((arg) => arg !== '--drop-later');
  if (rest.length > 1 || rest.some((arg) => arg.startsWith('-'))) {
    console.error(`journal:repair: ${rest.find((arg) => arg.startsWith('-')) ? `unknown option ${rest.find((arg) => arg.startsWith('-'))}` : 'one data directory at a time'}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const directory = rest[0] === undefined ? dataDirectory().dataDir : path.resolve(rest[0]);
  // A running server appends to the journal: cutting under it would lose its next writes too.
  const lock = await acquireDataDirLock(directory);
  try {
    const scan = await scanJournal(directory);
    const { bad, segments, unread } = scan;
    if (bad === null) {
      const lines = segments.reduce((sum, segment) => sum + segment.lines, 0);
      const where = segments.length > 1 ? `${path.join(directory, SEGMENT_DIR)}/ and ${JOURNAL_FILE}` : path.join(directory, JOURNAL_FILE);
      const what = segments.length === 0 ? 'no journal' : segments.length > 1 ? `all ${lines} lines of ${segments.length} segments are good` : `all ${lines} lines are good`;
      console.log(`${where}: ${what}; nothing to repair.`);
      return;
    }
    const keptSeq = scan.lastSeq;
    const { compactedThrough } = await readStoreState(directory);
    if (keptSeq < compactedThrough) {
      console.error(
        `${bad.file} line ${bad.line}: ${bad.reason}; not repaired: store.json says the data files hold changes up to seq ${compactedThrough}, ` +
          `so the journal must keep them; restore the journal from a backup.`,
      );
      process.exitCode = 1;
      return;
    }
    if (unread.length > 0 && !dropLater) {
      console.error(
        `${bad.file} line ${bad.line}: ${bad.reason}; not repaired: ${unread.length} later segment${unread.length === 1 ? '' : 's'} follow${unread.length === 1 ? 's' : ''} it ` +
          `(${unread.map((segment) => segment.file).join(', ')}), which a cut here would leave out of sequence. ` +
          `Run again with --drop-later to delete ${unread.length === 1 ? 'it' : 'them'} too (every removed line is printed), or restore the journal from a backup.`,
      );
      process.exitCode = 1;
      return;
    }
    const removedLines = await countLines(bad.file, bad.offset);
    console.log(`${bad.file} line ${bad.line}: ${bad.reason}.`);
    console.log(
      `Removing lines ${bad.line}..${bad.line + removedLines - 1} (${bad.size - bad.offset} bytes); keeping lines 1..${bad.line - 1} (changes up to ${keptSeq}). Removed lines:`,
    );
    await printFrom(bad.file, bad.offset);
    for (const segment of unread) {
      console.log(`Deleting ${segment.file}, a later segment (${await countLines(segment.file, 0)} lines). Its lines:`);
      await printFrom(segment.file, 0);
    }
    await cut(bad.file, bad.offset, bad.line === 1 && path.basename(bad.file) !== JOURNAL_FILE);
    for (const segment of unread) await remove(segment);
    await syncDirectory(path.join(directory, SEGMENT_DIR)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await syncDirectory(directory);
    console.log(`Repaired: ${bad.file} now ends at line ${bad.line - 1}.`);
  } finally {
    await lock.release();
  }
}

/** Cuts `file` at `offset`; a sealed segment cut to nothing is deleted (a sealed segment is never empty). */
async function cut(file: string, offset: number, deleteWhenEmpty: boolean): Promise<void> {
  if (deleteWhenEmpty) {
    await unlink(file);
    return;
  }
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(offset);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes a later segment; the active one is emptied instead, so the layout stays. */
async function remove(segment: SegmentFile): Promise<void> {
  if (segment.namedSeq !== null) await unlink(segment.file);
  else await cut(segment.file, 0, false);
}

/** How many lines `file` holds from `offset` (a last line without its newline counts). */
async function countLines(file: string, offset: number): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file, { start: offset }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** Copies `file` from `offset` to stdout as it is, ending with a newline. */
async function printFrom(file: string, offset: number): Promise<void> {
  let last = 0x0a;
  for await (const chunk of createReadStream(file, { start: offset }) as AsyncIterable<Buffer>) {
    if (chunk.length === 0) continue;
    last = chunk[chunk.length - 1]!;
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  if (last !== 0x0a) process.stdout.write('\n');
}

main().catch((error: unknown) => {
  const known = error instanceof DataDirLockedError || error instanceof SnapshotStateError;
  console.error(known ? (error as Error).message : `journal:repair: ${(error as Error).message}`);
  process.exitCode = 1;
});
