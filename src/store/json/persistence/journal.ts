/**
 * The write-ahead journal: one line per change (a `ChangeEntry`, seqs increasing by 1),
 * `<crc32 as 8 hex> <json>\n` (journal-line.ts), in segments (journal-reader.ts): appends go
 * to the active segment `journal.jsonl`; once it holds `segmentBytes` or more, the next
 * append first seals it (renames it to `journal/<first seq>.jsonl`) and starts a new one.
 * Sealed segments whose changes the snapshot holds are deleted by `prune`, oldest first,
 * once the change feed no longer keeps them.
 *
 * An append resolves only after fdatasync, so a final line without its newline was never
 * acknowledged and is dropped on open. A complete (newline-terminated) line that fails its
 * check may have been acknowledged: that is corruption, in whatever segment, and stops the
 * open; `npm run journal:repair` cuts the journal there when a person asks it to.
 */
import path from 'node:path';
import type { ChangeEntry } from '../../contract/store';
import { syncDirectory } from './atomic-file';
import { nodeFileSystem, writeAll, type FileSystem, type WritableFile } from './file-system';
import { entryProblem, formatLine } from './journal-line';
import { JOURNAL_FILE, SEGMENT_DIR, scanJournal, segmentName, type EntriesHandler, type JournalScan } from './journal-reader';
import { JournalCorruptError } from './persistence-errors';

export { JOURNAL_FILE, SEGMENT_DIR } from './journal-reader';
export { formatLine } from './journal-line';

/** The size at which the active segment is sealed, unless the store says otherwise (64 MiB). */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** The sealed segments' bytes beyond which compacted ones are deleted even when the feed would keep them (1 GiB). */
export const DEFAULT_RETAIN_BYTES = 1024 * 1024 * 1024;

/** An unacknowledged final line removed from the journal on open. */
export interface DroppedTail {
  /** 1-based line number of the dropped line in journal.jsonl. */
  line: number;
  /** Bytes truncated from the end of the file. */
  bytes: number;
  reason: string;
}

/** A sealed segment: its file and the seqs and bytes it holds. */
export interface SealedSegment {
  file: string;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
}

export interface JournalOptions {
  /** The file operations writes go through (default node:fs). */
  fileSystem?: FileSystem;
  /** Seal the active segment at the first append that finds it this large or larger (default 64 MiB). */
  segmentBytes?: number;
  /** Told of every entry read at open, in seq order (a chunk at a time); nothing else keeps them. */
  onEntries?: EntriesHandler;
}

/** What `prune` keeps: the change feed's retention. */
export interface Retention {
  /** The snapshot holds every change up to this seq: no later one is ever deleted. */
  compactedThrough: number;
  /** Keep every segment holding one of the last `changes` changes... */
  changes: number;
  /** ...unless the sealed segments' bytes exceed this: then delete more (still only compacted ones). */
  bytes: number;
}

/** An open journal, positioned for appending. */
export class Journal {
  private pending: Promise<void> = Promise.resolve();
  private closed = false;
  /** Set when a failed write could not be rolled back: the file's end is unknown. */
  private broken: Error | null = null;
  private readonly activeFile: string;
  private readonly segmentDir: string;

  private constructor(
    private readonly directory: string,
    private readonly files: FileSystem,
    private readonly segmentBytes: number,
    /** The active segment's open file; null after a seal until the next append starts a new one. */
    private handle: WritableFile | null,
    /** The active segment's length (its acknowledged lines). */
    private size: number,
    /** The last seq durably written. */
    private seq: number,
    /** The seq of the active segment's first line (seq + 1 while it is empty). */
    private activeFirst: number,
    private readonly sealed: SealedSegment[],
  ) {
    this.activeFile = path.join(directory, JOURNAL_FILE);
    this.segmentDir = path.join(directory, SEGMENT_DIR);
  }

  /**
   * Opens DIR's journal for appending (creating journal.jsonl if absent): reads every
   * segment, verifies every line, drops a torn tail of the active segment, and seals the
   * active segment at once when it already holds `segmentBytes` (a journal written before
   * segments). Throws JournalCorruptError on any other bad line.
   */
  static async open(directory: string, options: JournalOptions = {}): Promise<{ journal: Journal; droppedTail: DroppedTail | null }> {
    const dir = path.resolve(directory);
    const files = options.fileSystem ?? nodeFileSystem;
    const scan = await scanJournal(dir, options.onEntries);
    const tail = tornTail(dir, scan);
    const activeFile = path.join(dir, JOURNAL_FILE);
    const handle = await openForAppend(activeFile, files);
    try {
      let size = scan.segments.at(-1)?.namedSeq === null ? scan.segments.at(-1)!.goodEnd : 0;
      if (tail !== null) {
        await handle.truncate(tail.offset);
        await handle.sync();
        size = tail.offset;
      }
      const sealed = sealedSegments(scan);
      const active = scan.segments.find((segment) => segment.namedSeq === null);
      const journal = new Journal(dir, files, options.segmentBytes ?? DEFAULT_SEGMENT_BYTES, handle, size, scan.lastSeq, active?.firstSeq ?? scan.lastSeq + 1, sealed);
      if (journal.mustSeal) await journal.roll();
      return { journal, droppedTail: tail && { line: tail.line, bytes: tail.size - tail.offset, reason: tail.reason } };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** The last seq durably written (0 when none ever was). */
  get lastSeq(): number {
    return this.seq;
  }

  /** The first seq the journal still holds (lastSeq + 1 when it holds none). */
  get firstSeq(): number {
    return this.sealed[0]?.firstSeq ?? this.activeFirst;
  }

  /** The sealed segments, oldest first. */
  get segments(): readonly SealedSegment[] {
    return this.sealed;
  }

  /** Appends entries (seqs continuing lastSeq+1, +2, ...) in one write and resolves once they are fdatasync'ed. */
  append(entries: readonly ChangeEntry[]): Promise<void> {
    return this.inTurn(() => this.write(entries));
  }

  /**
   * Deletes sealed segments, oldest first, that `retention` no longer keeps: only segments
   * whose every change is compacted, and never the one holding the last change. Each
   * deletion is made durable (directory fsync) before the next, so a crash never leaves a
   * gap. Resolves with the new first seq.
   */
  prune(retention: Retention): Promise<number> {
    return this.inTurn(async () => {
      let excess = this.sealed.reduce((sum, segment) => sum + segment.bytes, 0) - retention.bytes;
      while (this.sealed.length > 0) {
        const oldest = this.sealed[0]!;
        const holdsLast = this.sealed.length === 1 && this.size === 0;
        const kept = oldest.lastSeq > this.seq - retention.changes && excess <= 0;
        if (oldest.lastSeq > retention.compactedThrough || holdsLast || kept) break;
        await this.files.unlink(oldest.file);
        this.sealed.shift();
        excess -= oldest.bytes;
        await syncDirectory(this.segmentDir, this.files);
      }
      return this.firstSeq;
    });
  }

  /** Waits for pending appends, then closes the file. */
  close(): Promise<void> {
    return this.inTurn(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.handle?.close();
    });
  }

  private inTurn<R>(run: () => Promise<R>): Promise<R> {
    const result = this.pending.then(run);
    this.pending = result.then(ignore, ignore);
    return result;
  }

  private get mustSeal(): boolean {
    return this.size > 0 && this.size >= this.segmentBytes;
  }

  private async write(entries: readonly ChangeEntry[]): Promise<void> {
    if (this.closed) throw new Error(`${this.activeFile}: the journal is closed`);
    if (this.broken !== null) throw new Error(`${this.activeFile}: the journal is unusable since a failed write could not be undone: ${this.broken.message}`);
    const lines = entries.map((entry, index) => {
      const expected = this.seq + index + 1;
      const problem = entryProblem(entry) ?? (entry.seq === expected ? null : `seq ${entry.seq} does not continue the journal, expected ${expected}`);
      if (problem !== null) throw new Error(`${this.activeFile}: cannot append entry ${index + 1} of ${entries.length}: ${problem}`);
      return formatLine(entry);
    });
    if (lines.length === 0) return;
    const bytes = Buffer.from(lines.join(''), 'utf8');
    if (this.handle === null || this.mustSeal) await this.roll();
    const handle = this.handle!;
    try {
      // A full disk may take part of the bytes: continue, and on ENOSPC cut the part back off.
      await writeAll(handle, bytes, this.activeFile);
      await handle.datasync();
    } catch (error) {
      await this.undoWrite(handle);
      throw error;
    }
    if (this.size === 0) this.activeFirst = entries[0]!.seq;
    this.size += bytes.length;
    this.seq += entries.length;
  }

  /**
   * Seals the active segment when it is due, and starts a new one when none is open. A
   * crash between any two steps leaves a journal that opens: the rename is atomic, and a
   * missing journal.jsonl reads as an empty active segment. Every step is durable before an
   * append lands in the new segment.
   */
  private async roll(): Promise<void> {
    if (this.handle !== null && this.mustSeal) {
      // journal/'s own entry must be durable before a segment is moved into it.
      if ((await this.files.mkdir(this.segmentDir, { recursive: true })) !== undefined) await syncDirectory(this.directory, this.files);
      const target = path.join(this.segmentDir, segmentName(this.activeFirst));
      await this.files.rename(this.activeFile, target);
      // Sealed: from here appends go to a new journal.jsonl, whatever fails next.
      const old = this.handle;
      this.handle = null;
      this.sealed.push({ file: target, firstSeq: this.activeFirst, lastSeq: this.seq, bytes: this.size });
      this.size = 0;
      this.activeFirst = this.seq + 1;
      await old.close().catch(() => undefined);
    }
    if (this.handle === null) {
      // The rename (both folders) and the new file's entry, durable before anything is appended to it.
      await syncDirectory(this.segmentDir, this.files);
      const handle = await this.files.open(this.activeFile, 'a');
      try {
        await syncDirectory(this.directory, this.files);
        const { size } = await handle.stat();
        if (size !== 0) throw new Error(`${this.activeFile}: a new active segment holds ${size} bytes it was not given`);
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
      this.handle = handle;
    }
  }

  /** Cuts the file back to its last acknowledged line, so the next append starts on a clean line. */
  private async undoWrite(handle: WritableFile): Promise<void> {
    try {
      await handle.truncate(this.size);
    } catch (error) {
      this.broken = error as Error;
      return;
    }
    // On a full disk this fsync may fail too; the file's end is known all the same, and the next
    // acknowledged append's fdatasync makes its length durable (a crash before that leaves at most
    // a torn, never-acknowledged last line, which open drops). Marking the journal unusable here
    // would refuse every write after one full-disk moment, until a restart.
    await handle.sync().catch(() => undefined);
  }
}

/**
 * Reads DIR's journal without changing it, handing every entry to `onEntries`: a torn tail
 * of the active segment is skipped, any other bad line throws JournalCorruptError. Resolves
 * with the first and last seqs it holds (first = last + 1 when it holds none).
 */
export async function readJournal(directory: string, onEntries?: EntriesHandler): Promise<{ firstSeq: number; lastSeq: number }> {
  const dir = path.resolve(directory);
  const scan = await scanJournal(dir, onEntries);
  tornTail(dir, scan);
  const first = scan.segments.find((segment) => segment.firstSeq !== null)?.firstSeq;
  return { firstSeq: first ?? scan.lastSeq + 1, lastSeq: scan.lastSeq };
}

/** The scan's torn tail (a last line without its newline at the end of the active segment), or null; any other bad line throws. */
function tornTail(directory: string, scan: JournalScan): JournalScan['bad'] {
  const { bad } = scan;
  if (bad === null) return null;
  if (!bad.torn) throw new JournalCorruptError(bad.file, bad.line, bad.reason, directory);
  return bad;
}

/** The sealed segments a scan read, with the last seq each holds. */
function sealedSegments(scan: JournalScan): SealedSegment[] {
  return scan.segments
    .filter((segment) => segment.namedSeq !== null)
    .map((segment) => ({ file: segment.file, firstSeq: segment.firstSeq!, lastSeq: segment.lastSeq!, bytes: segment.goodEnd }));
}

/** Opens for appending; a newly created file gets a directory fsync so it survives a crash. */
async function openForAppend(file: string, files: FileSystem): Promise<WritableFile> {
  let handle: WritableFile;
  try {
    handle = await files.open(file, 'ax');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return files.open(file, 'a');
    throw error;
  }
  try {
    await syncDirectory(path.dirname(file), files);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function ignore(): void {}
