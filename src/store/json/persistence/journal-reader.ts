/**
 * The journal's layout on disk, and the one reader of it. The journal is a run of
 * segments with contiguous seqs: sealed ones, `journal/<first seq, 12 digits>.jsonl`
 * (never written again), then the active one, `journal.jsonl`, which appends go to (absent
 * reads as empty). Every segment is read as a stream, a chunk at a time, so no segment's
 * size is bounded by what one buffer or string can hold, and the caller keeps only what it
 * needs of the entries it is handed.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeEntry } from '../../contract/store';
import { parseLine } from './journal-line';

/** The active segment, in the data directory. */
export const JOURNAL_FILE = 'journal.jsonl';
/** The folder of sealed segments, in the data directory. */
export const SEGMENT_DIR = 'journal';
const SEGMENT_NAME = /^(\d{12})\.jsonl$/;
const NEWLINE = 0x0a;
/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/** The file name of a sealed segment whose first change is `firstSeq`. */
export function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(12, '0')}.jsonl`;
}

/** One segment file as listed, before it is read. */
export interface SegmentFile {
  /** Absolute path. */
  file: string;
  /** The first seq its name gives (sealed segments); null for the active segment. */
  namedSeq: number | null;
}

/** One segment as read: its good lines. */
export interface SegmentScan extends SegmentFile {
  /** Seqs of its first and last good lines (null when it has none). */
  firstSeq: number | null;
  lastSeq: number | null;
  /** Bytes up to the end of its last good line. */
  goodEnd: number;
  /** Good lines read. */
  lines: number;
}

/** The first line that fails its check: where reading stopped, and where `journal:repair` would cut. */
export interface BadLine {
  /** The segment file holding it. */
  file: string;
  /** 1-based line number within that file. */
  line: number;
  /** Byte offset where the line starts: the length of the file before it. */
  offset: number;
  /** The file's size. */
  size: number;
  reason: string;
  /** True for a last line without its newline at the end of the active segment: an append interrupted before it was acknowledged. */
  torn: boolean;
}

/** What reading the journal found: every segment up to the first bad line (none after it are read). */
export interface JournalScan {
  /** The segments read, oldest first; the active one last when it exists and was reached. */
  segments: SegmentScan[];
  /** Segments after the bad line, not read. */
  unread: SegmentFile[];
  bad: BadLine | null;
  /** The last good seq (0 when the journal holds none). */
  lastSeq: number;
}

/** Told of the good entries of each chunk read, in seq order; a returned promise is awaited before reading on. */
export type EntriesHandler = (entries: ChangeEntry[]) => void | Promise<void>;

/** The segment files of DIR's journal, oldest first, the active one last when it exists. */
export async function listSegments(directory: string): Promise<SegmentFile[]> {
  const folder = path.resolve(directory, SEGMENT_DIR);
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [] as string[];
    throw error;
  });
  const sealed = names
    .map((name) => ({ name, match: SEGMENT_NAME.exec(name) }))
    .filter((each): each is { name: string; match: RegExpExecArray } => each.match !== null)
    .map(({ name, match }) => ({ file: path.join(folder, name), namedSeq: Number(match[1]) }))
    .sort((a, b) => a.namedSeq - b.namedSeq);
  const active = path.resolve(directory, JOURNAL_FILE);
  const exists = await stat(active).then(
    (entry) => entry.isFile(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  return exists ? [...sealed, { file: active, namedSeq: null }] : sealed;
}

/**
 * Reads DIR's journal without changing it, handing the good entries to `onEntries` as they
 * are read, and stops at the first line that fails its check: a damaged line, a seq that
 * does not follow the one before (across segments too), a sealed segment whose first seq is
 * not its name, or a line without its newline.
 */
export async function scanJournal(directory: string, onEntries: EntriesHandler = () => {}): Promise<JournalScan> {
  const files = await listSegments(directory);
  const segments: SegmentScan[] = [];
  let lastSeq = 0;
  for (const [index, segment] of files.entries()) {
    const { scan, bad } = await scanSegment(segment, lastSeq === 0 ? null : lastSeq, onEntries);
    segments.push(scan);
    if (scan.lastSeq !== null) lastSeq = scan.lastSeq;
    if (bad !== null) return { segments, unread: files.slice(index + 1), bad, lastSeq };
  }
  return { segments, unread: [], bad: null, lastSeq };
}

/** Reads one segment; `previous` is the last seq before it (null: none). */
async function scanSegment(segment: SegmentFile, previous: number | null, onEntries: EntriesHandler): Promise<{ scan: SegmentScan; bad: BadLine | null }> {
  const scan: SegmentScan = { ...segment, firstSeq: null, lastSeq: null, goodEnd: 0, lines: 0 };
  const handle = await open(segment.file, 'r');
  try {
    const size = (await handle.stat()).size;
    const fail = (reason: string, torn = false): { scan: SegmentScan; bad: BadLine } => ({ scan, bad: { file: segment.file, line: scan.lines + 1, offset: scan.goodEnd, size, reason, torn } });
    if (segment.namedSeq !== null && size === 0) return fail('a sealed segment is empty');
    // The start of a line that a chunk ended inside of.
    let partial: Buffer[] = [];
    for (let position = 0; ; ) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const bytes = chunk.subarray(0, bytesRead);
      const entries: ChangeEntry[] = [];
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
        const line = partial.length === 0 ? bytes.subarray(start, end) : Buffer.concat([...partial, bytes.subarray(start, end)]);
        partial = [];
        start = end + 1;
        const parsed = parseLine(line);
        if ('reason' in parsed) {
          await handOver(entries, onEntries);
          return fail(parsed.reason);
        }
        const { seq } = parsed.entry;
        const expected = scan.lastSeq === null ? (previous === null ? null : previous + 1) : scan.lastSeq + 1;
        const problem =
          scan.lastSeq === null && segment.namedSeq !== null && seq !== segment.namedSeq
            ? `seq ${seq} is not the first seq the segment's name gives (${segment.namedSeq})`
            : expected !== null && seq !== expected
              ? `seq ${seq} does not follow seq ${expected - 1}`
              : null;
        if (problem !== null) {
          await handOver(entries, onEntries);
          return fail(problem);
        }
        scan.firstSeq ??= seq;
        scan.lastSeq = seq;
        scan.goodEnd += line.length + 1;
        scan.lines++;
        entries.push(parsed.entry);
      }
      if (start < bytes.length) partial.push(bytes.subarray(start));
      await handOver(entries, onEntries);
    }
    if (partial.length > 0) return segment.namedSeq === null ? fail('no trailing newline', true) : fail('no trailing newline at the end of a sealed segment');
    return { scan, bad: null };
  } finally {
    await handle.close();
  }
}

async function handOver(entries: ChangeEntry[], onEntries: EntriesHandler): Promise<void> {
  if (entries.length > 0) await onEntries(entries);
}
