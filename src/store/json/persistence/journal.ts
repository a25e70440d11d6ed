/**
 * The write-ahead journal `journal.jsonl`: one line per change (a `ChangeEntry`, seqs
 * increasing by 1 from 1), `<crc32 as 8 hex> <json>\n`.
 * An append resolves only after fdatasync, so a final line without its newline was never
 * acknowledged and is dropped on open. A complete (newline-terminated) line that fails its
 * check may have been acknowledged: that is corruption, wherever the line is, and stops the
 * open; `npm run journal:repair` cuts the file there when a person asks it to.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ENTITY_TYPES } from '../../contract/records';
import type { ChangeEntry, ChangeOperation } from '../../contract/store';
import { syncDirectory } from './atomic-file';
import { nodeFileSystem, writeAll, type FileSystem, type WritableFile } from './file-system';
import { JournalCorruptError } from './persistence-errors';

/** An unacknowledged final line removed from the journal on open. */
export interface DroppedTail {
  /** 1-based line number of the dropped line. */
  line: number;
  /** Bytes truncated from the end of the file. */
  bytes: number;
  reason: string;
}

export const JOURNAL_FILE = 'journal.jsonl';

const OPERATIONS: readonly string[] = ['create', 'update', 'delete'] satisfies ChangeOperation[];
const NEWLINE = 0x0a;

/** An open journal, positioned for appending. */
export class Journal {
  private pending: Promise<void> = Promise.resolve();
  private closed = false;
  /** Set when a failed write could not be rolled back: the file's end is unknown. */
  private broken: Error | null = null;

  private constructor(
    private readonly file: string,
    private readonly handle: WritableFile,
    private size: number,
    private seq: number,
  ) {}

  /** Opens (creating if absent) DIR/journal.jsonl, verifies every line, drops a torn tail, and returns all entries. */
  static async open(directory: string, files: FileSystem = nodeFileSystem): Promise<{ journal: Journal; entries: ChangeEntry[]; droppedTail: DroppedTail | null }> {
    const file = path.resolve(directory, JOURNAL_FILE);
    const handle = await openForAppend(file, files);
    try {
      const { entries, goodEnd, droppedTail } = verifiedJournal(file, await readFile(file));
      if (droppedTail !== null) {
        await handle.truncate(goodEnd);
        await handle.sync();
      }
      const journal = new Journal(file, handle, goodEnd, entries.at(-1)?.seq ?? 0);
      return { journal, entries, droppedTail };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The last seq durably written (0 when empty). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Appends entries (seqs continuing lastSeq+1, +2, ...) in one write and resolves once they are fdatasync'ed. */
  append(entries: readonly ChangeEntry[]): Promise<void> {
    const run = this.pending.then(() => this.write(entries));
    this.pending = run.then(ignore, ignore);
    return run;
  }

  /** Waits for pending appends, then closes the file. */
  close(): Promise<void> {
    const run = this.pending.then(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.handle.close();
    });
    this.pending = run.then(ignore, ignore);
    return run;
  }

  private async write(entries: readonly ChangeEntry[]): Promise<void> {
    if (this.closed) throw new Error(`${this.file}: the journal is closed`);
    if (this.broken !== null) throw new Error(`${this.file}: the journal is unusable since a failed write could not be undone: ${this.broken.message}`);
    const lines = entries.map((entry, index) => {
      const expected = this.seq + index + 1;
      const problem = entryProblem(entry) ?? (entry.seq === expected ? null : `seq ${entry.seq} does not continue the journal, expected ${expected}`);
      if (problem !== null) throw new Error(`${this.file}: cannot append entry ${index + 1} of ${entries.length}: ${problem}`);
      return formatLine(entry);
    });
    if (lines.length === 0) return;
    const bytes = Buffer.from(lines.join(''), 'utf8');
    try {
      // A full disk may take part of the bytes: continue, and on ENOSPC cut the part back off.
      await writeAll(this.handle, bytes, this.file);
      await this.handle.datasync();
    } catch (error) {
      await this.undoWrite();
      throw error;
    }
    this.size += bytes.length;
    this.seq += entries.length;
  }

  /** Cuts the file back to its last acknowledged line, so the next append starts on a clean line. */
  private async undoWrite(): Promise<void> {
    try {
      await this.handle.truncate(this.size);
    } catch (error) {
      this.broken = error as Error;
      return;
    }
    // On a full disk this fsync may fail too; the file's end is known all the same, and the next
    // acknowledged append's fdatasync makes its length durable (a crash before that leaves at most
    // a torn, never-acknowledged last line, which open drops). Marking the journal unusable here
    // would refuse every write after one full-disk moment, until a restart.
    await this.handle.sync().catch(() => undefined);
  }
}

/** Reads the journal's entries without changing the file (a torn tail is skipped, not truncated); [] when there is none. */
export async function readJournalEntries(directory: string): Promise<ChangeEntry[]> {
  const file = path.resolve(directory, JOURNAL_FILE);
  const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return content === null ? [] : verifiedJournal(file, content).entries;
}

/** The first line that fails its check: where `npm run journal:repair` would cut. */
export interface BadLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset where the line starts: the length of the journal before it. */
  offset: number;
  reason: string;
  /** True when the line has no trailing newline: an append interrupted before it was acknowledged. */
  torn: boolean;
}

/** A journal read line by line without judging it: every good entry up to the first bad line, and that line. */
export interface JournalScan {
  file: string;
  content: Buffer;
  entries: ChangeEntry[];
  bad: BadLine | null;
}

/** Reads DIR/journal.jsonl without changing it and reports its first bad line, if any (for repair); null when there is no journal. */
export async function scanJournal(directory: string): Promise<JournalScan | null> {
  const file = path.resolve(directory, JOURNAL_FILE);
  const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return content === null ? null : { file, content, ...parseJournal(content) };
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

/** One journal line: `<crc32 as 8 hex> <json>\n`. */
export function formatLine(entry: ChangeEntry): string {
  const { seq, at, operation, type, slug, record } = entry;
  const json = JSON.stringify({ seq, at, operation, type, slug, record });
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** The entries of a journal whose only fault may be a torn last line; any other bad line throws JournalCorruptError. */
function verifiedJournal(file: string, content: Buffer): { entries: ChangeEntry[]; goodEnd: number; droppedTail: DroppedTail | null } {
  const { entries, bad } = parseJournal(content);
  if (bad === null) return { entries, goodEnd: content.length, droppedTail: null };
  if (!bad.torn) throw new JournalCorruptError(file, bad.line, bad.reason);
  return { entries, goodEnd: bad.offset, droppedTail: { line: bad.line, bytes: content.length - bad.offset, reason: bad.reason } };
}

/** Every good entry up to the first bad line. Only a last line without its newline is torn: a complete line was written whole. */
function parseJournal(content: Buffer): { entries: ChangeEntry[]; bad: BadLine | null } {
  const entries: ChangeEntry[] = [];
  let offset = 0;
  for (let line = 1; offset < content.length; line++) {
    const end = content.indexOf(NEWLINE, offset);
    if (end === -1) return { entries, bad: { line, offset, reason: 'no trailing newline', torn: true } };
    const decoded = decodeLine(content.subarray(offset, end));
    const problem = 'reason' in decoded ? decoded.reason : entryProblem(decoded.value);
    if (problem !== null) return { entries, bad: { line, offset, reason: problem, torn: false } };
    const entry = (decoded as { value: ChangeEntry }).value;
    const expected = (entries.at(-1)?.seq ?? 0) + 1;
    if (entry.seq !== expected) return { entries, bad: { line, offset, reason: `seq ${entry.seq} does not follow seq ${expected - 1}`, torn: false } };
    entries.push(entry);
    offset = end + 1;
  }
  return { entries, bad: null };
}

function decodeLine(line: Buffer): { value: unknown } | { reason: string } {
  const crcText = line.toString('latin1', 0, 8);
  if (line.length < 10 || line[8] !== 0x20 || !/^[0-9a-f]{8}$/.test(crcText)) return { reason: 'not of the form "<8 hex crc> <json>"' };
  const json = line.subarray(9);
  if (crc32(json) !== Number.parseInt(crcText, 16)) return { reason: 'checksum mismatch' };
  try {
    return { value: JSON.parse(json.toString('utf8')) };
  } catch (error) {
    return { reason: `not valid JSON (${(error as Error).message})` };
  }
}

/** What is wrong with an entry's shape, or null when it is a valid entry. */
function entryProblem(value: unknown): string | null {
  if (!isObject(value)) return `entry is ${show(value)}, not an object`;
  const { seq, at, operation, type, slug, record } = value;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return `seq is ${show(seq)}, not a positive integer`;
  if (typeof at !== 'string') return `at is ${show(at)}, not a timestamp string`;
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) return `operation is ${show(operation)}, not one of ${OPERATIONS.join(', ')}`;
  if (typeof type !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(type)) return `type is ${show(type)}, not one of ${ENTITY_TYPES.join(', ')}`;
  if (typeof slug !== 'string') return `slug is ${show(slug)}, not a string`;
  if (operation === 'delete' && record !== null) return `record of a delete is ${show(record)}, not null`;
  if (operation !== 'delete' && !isObject(record)) return `record of a ${operation} is ${show(record)}, not an object`;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for messages; never throws (a BigInt has no JSON). */
function show(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json === undefined) return 'missing';
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}

function ignore(): void {}
