/**
 * The journal in segments: the active `journal.jsonl` is sealed into `journal/<first
 * seq>.jsonl` once it holds `segmentBytes`; every segment is read back as a stream and
 * checked (names, contiguous seqs, torn lines only at the end of the active one); a crash
 * between the steps of a seal leaves a journal that opens; `prune` deletes only what the
 * retention lets go.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChangeEntry } from '../../src/store/contract/store';
import { Journal, JOURNAL_FILE, SEGMENT_DIR, formatLine, type JournalOptions } from '../../src/store/json/persistence/journal';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-segments-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A topic change of about 200 bytes a line, or `size` characters of name. */
function entry(seq: number, size = 120): ChangeEntry {
  const slug = `topic-${seq}`;
  return { seq, at: '2024-05-01T12:00:00.000Z', operation: 'create', type: 'Topic', slug, record: { slug, name: `Topic ${seq} `.padEnd(size, 'x') } };
}
const entries = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const LINE = Buffer.byteLength(formatLine(entry(1)));

async function openJournal(options: Omit<JournalOptions, 'onEntries'> = {}) {
  const read: ChangeEntry[] = [];
  const opened = await Journal.open(directory, { ...options, onEntries: (chunk) => void read.push(...chunk) });
  return { ...opened, read };
}

/** Every entry of the journal, opened and closed again. */
async function readAll(): Promise<ChangeEntry[]> {
  const { journal, read } = await openJournal();
  await journal.close();
  return read;
}

/** Appends seqs 1..n one at a time with segments of `segmentBytes`, and closes. */
async function appendEach(n: number, segmentBytes: number): Promise<void> {
  const { journal } = await openJournal({ segmentBytes });
  for (const each of entries(1, n)) await journal.append([each]);
  await journal.close();
}

const sealedFiles = async () => (await readdir(path.join(directory, SEGMENT_DIR)).catch(() => [] as string[])).sort();
const segmentFile = (name: string) => path.join(directory, SEGMENT_DIR, name);
const active = () => path.join(directory, JOURNAL_FILE);

describe('sealing', () => {
  test('an append that finds the active segment at segmentBytes seals it as journal/<first seq>.jsonl; every entry reads back in order', async () => {
    await appendEach(10, 3 * LINE);
    // Three lines fill a segment; the fourth append seals it.
    expect(await sealedFiles()).toEqual(['000000000001.jsonl', '000000000004.jsonl', '000000000007.jsonl']);
    expect(await readFile(segmentFile('000000000004.jsonl'), 'utf8')).toBe(entries(4, 6).map(formatLine).join(''));
    expect(await readFile(active(), 'utf8')).toBe(formatLine(entry(10)));

    const { journal, read, droppedTail } = await openJournal({ segmentBytes: 3 * LINE });
    expect(read).toEqual(entries(1, 10));
    expect(droppedTail).toBeNull();
    expect({ first: journal.firstSeq, last: journal.lastSeq }).toEqual({ first: 1, last: 10 });
    expect(journal.segments.map(({ firstSeq, lastSeq }) => [firstSeq, lastSeq])).toEqual([
      [1, 3],
      [4, 6],
      [7, 9],
    ]);
    await journal.append([entry(11)]);
    await journal.close();
    expect(await readAll()).toEqual(entries(1, 11));
  });

  test('an active segment already over the limit (a journal from before segments) is sealed at open', async () => {
    await appendEach(5, 1024 * 1024);
    expect(await sealedFiles()).toEqual([]);
    const { journal, read } = await openJournal({ segmentBytes: 2 * LINE });
    expect(read).toEqual(entries(1, 5));
    expect(await sealedFiles()).toEqual(['000000000001.jsonl']);
    expect(await readFile(active(), 'utf8')).toBe('');
    await journal.append([entry(6)]);
    await journal.close();
    expect(await readAll()).toEqual(entries(1, 6));
  });

  test('a line longer than a read chunk (1 MiB) reads back whole', async () => {
    const big = entry(2, 1_500_000);
    const { journal } = await openJournal();
    await journal.append([entry(1), big, entry(3)]);
    await journal.close();
    expect(await readAll()).toEqual([entry(1), big, entry(3)]);
  });
});

describe('a crash between the steps of a seal', () => {
  /** Seqs 1..4 in journal.jsonl, as before the seal of an append of seq 5. */
  async function beforeSeal(): Promise<void> {
    const { journal } = await openJournal();
    await journal.append(entries(1, 4));
    await journal.close();
  }

  test.each([
    ['after mkdir journal/', async () => mkdir(path.join(directory, SEGMENT_DIR))],
    ['after the rename (no journal.jsonl)', async () => {
      await mkdir(path.join(directory, SEGMENT_DIR));
      await rename(active(), segmentFile('000000000001.jsonl'));
    }],
    ['after the new journal.jsonl is created', async () => {
      await mkdir(path.join(directory, SEGMENT_DIR));
      await rename(active(), segmentFile('000000000001.jsonl'));
      await writeFile(active(), '');
    }],
  ])('%s: the journal opens with every entry and appends on', async (_step, crash) => {
    await beforeSeal();
    await crash();
    const { journal, read } = await openJournal({ segmentBytes: 2 * LINE });
    expect(read).toEqual(entries(1, 4));
    await journal.append([entry(5)]);
    await journal.close();
    expect(await readAll()).toEqual(entries(1, 5));
    expect(await sealedFiles()).toEqual(['000000000001.jsonl']);
  });
});

describe('a damaged sealed segment', () => {
  beforeEach(() => appendEach(7, 3 * LINE));

  test('a flipped byte in a sealed segment is corruption, naming that file and line and the data directory to repair', async () => {
    const file = segmentFile('000000000004.jsonl');
    const content = await readFile(file);
    const at = LINE + 40;
    content[at] = content[at]! ^ 0x01;
    await writeFile(file, content);
    await expect(openJournal()).rejects.toMatchObject({
      name: 'JournalCorruptError',
      file,
      line: 2,
      repairCommand: `npm run journal:repair -- ${directory}`,
      message: expect.stringContaining(`${file} line 2: checksum mismatch; the journal is corrupt`),
    });
    expect(await readFile(file)).toEqual(content);
  });

  test('a sealed segment without its last newline is corruption, not a torn tail', async () => {
    const file = segmentFile('000000000004.jsonl');
    const content = await readFile(file);
    await writeFile(file, content.subarray(0, content.length - 1));
    await expect(openJournal()).rejects.toMatchObject({ name: 'JournalCorruptError', file, line: 3, message: expect.stringContaining('no trailing newline at the end of a sealed segment') });
  });

  test('a missing segment (a gap in the seqs) is corruption at the first line after it', async () => {
    await rm(segmentFile('000000000004.jsonl'));
    await expect(openJournal()).rejects.toMatchObject({ name: 'JournalCorruptError', file: active(), line: 1, message: expect.stringContaining('seq 7 does not follow seq 3') });
  });

  test("a segment whose name is not its first seq is corruption", async () => {
    await rename(segmentFile('000000000004.jsonl'), segmentFile('000000000005.jsonl'));
    await expect(openJournal()).rejects.toMatchObject({ line: 1, message: expect.stringContaining("seq 4 is not the first seq the segment's name gives (5)") });
  });
});

describe('prune', () => {
  /** Seqs 1..10 in segments [1-3] [4-6] [7-9] and the active [10]. */
  async function tenEntries() {
    await appendEach(10, 3 * LINE);
    return (await openJournal({ segmentBytes: 3 * LINE })).journal;
  }

  test('deletes, oldest first, the sealed segments holding only changes older than the last `changes`', async () => {
    const journal = await tenEntries();
    expect(await journal.prune({ compactedThrough: 10, changes: 4, bytes: Infinity })).toBe(7);
    expect(await sealedFiles()).toEqual(['000000000007.jsonl']);
    await journal.close();
    const reopened = await openJournal();
    expect(reopened.read).toEqual(entries(7, 10));
    expect(reopened.journal.firstSeq).toBe(7);
    await reopened.journal.close();
  });

  test('never deletes a change the snapshot does not hold', async () => {
    const journal = await tenEntries();
    expect(await journal.prune({ compactedThrough: 5, changes: 1, bytes: 0 })).toBe(4);
    expect(await sealedFiles()).toEqual(['000000000004.jsonl', '000000000007.jsonl']);
    await journal.close();
  });

  test('deletes more while the sealed segments hold more than `bytes`', async () => {
    const journal = await tenEntries();
    expect(await journal.prune({ compactedThrough: 10, changes: 100, bytes: 4 * LINE })).toBe(7);
    expect(await journal.prune({ compactedThrough: 10, changes: 100, bytes: 3 * LINE })).toBe(7);
    await journal.close();
  });

  test('keeps the segment holding the last change while the active one is empty', async () => {
    await appendEach(6, 3 * LINE);
    // [1-3] sealed, [4-6] active and full: opening seals it, leaving an empty active segment.
    const { journal } = await openJournal({ segmentBytes: 3 * LINE });
    expect(await journal.prune({ compactedThrough: 6, changes: 1, bytes: 0 })).toBe(4);
    expect(await sealedFiles()).toEqual(['000000000004.jsonl']);
    await journal.close();
    const reopened = await openJournal({ segmentBytes: 3 * LINE });
    expect({ first: reopened.journal.firstSeq, last: reopened.journal.lastSeq }).toEqual({ first: 4, last: 6 });
    // Once a later segment holds a change, that one holds the last.
    await reopened.journal.append([entry(7)]);
    expect(await reopened.journal.prune({ compactedThrough: 7, changes: 1, bytes: 0 })).toBe(7);
    expect(await sealedFiles()).toEqual([]);
    await reopened.journal.close();
    expect(await readAll()).toEqual([entry(7)]);
  });
});
