import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { ChangeEntry } from '../../src/store/contract/store';
import { Journal, JOURNAL_FILE, type JournalOptions } from '../../src/store/json/persistence/journal';
import { JournalCorruptError } from '../../src/store/json/persistence/persistence-errors';

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-journal-'));
  file = path.join(directory, JOURNAL_FILE);
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A topic change with a fixed timestamp, so whole entries can be compared. */
function entry(seq: number, operation: ChangeEntry['operation'] = 'create'): ChangeEntry {
  const slug = `topic-${seq}`;
  return { seq, at: '2024-05-01T12:00:00.000Z', operation, type: 'Topic', slug, record: operation === 'delete' ? null : { slug, name: `Topic ${seq}` } };
}

const entries = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => entry(from + index));

/** A journal line for `value` with a correct checksum, as the journal writes it. */
function checksummedLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** Appends `list` to a fresh journal in `directory` and closes it. */
async function writeJournal(list: ChangeEntry[]): Promise<void> {
  const { journal } = await Journal.open(directory);
  await journal.append(list);
  await journal.close();
}

/** Opens the journal, collecting the entries it reads. */
async function openJournal(options: Omit<JournalOptions, 'onEntries'> = {}) {
  const entries: ChangeEntry[] = [];
  const opened = await Journal.open(directory, { ...options, onEntries: (read) => void entries.push(...read) });
  return { ...opened, entries };
}

async function reopen() {
  const opened = await openJournal();
  await opened.journal.close();
  return { entries: opened.entries, droppedTail: opened.droppedTail, lastSeq: opened.journal.lastSeq };
}

describe('opening', () => {
  it('creates an empty journal file when none exists', async () => {
    expect(await reopen()).toEqual({ entries: [], droppedTail: null, lastSeq: 0 });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('returns every appended entry after a reopen, positioned after the last seq', async () => {
    const { journal } = await Journal.open(directory);
    await journal.append([entry(1)]);
    await journal.append([entry(2, 'update'), entry(3, 'delete')]);
    expect(journal.lastSeq).toBe(3);
    await journal.close();

    const reopened = await openJournal();
    expect(reopened.entries).toEqual([entry(1), entry(2, 'update'), entry(3, 'delete')]);
    expect(reopened.droppedTail).toBeNull();
    expect(reopened.journal.lastSeq).toBe(3);
    await reopened.journal.append([entry(4)]);
    await reopened.journal.close();
    expect((await reopen()).entries).toEqual([entry(1), entry(2, 'update'), entry(3, 'delete'), entry(4)]);
  });

  it('writes one "<crc32 hex> <json>" line per entry', async () => {
    await writeJournal([entry(1)]);
    expect(await readFile(file, 'utf8')).toBe(checksummedLine(entry(1)));
  });
});

describe('appending', () => {
  it('rejects a seq gap and keeps lastSeq', async () => {
    const { journal } = await Journal.open(directory);
    await journal.append([entry(1)]);
    await expect(journal.append([entry(3)])).rejects.toThrow(`${file}: cannot append entry 1 of 1: seq 3 does not continue the journal, expected 2`);
    await expect(journal.append([entry(2), entry(4)])).rejects.toThrow(`${file}: cannot append entry 2 of 2: seq 4 does not continue the journal, expected 3`);
    expect(journal.lastSeq).toBe(1);
    await journal.close();
    expect((await reopen()).entries).toEqual([entry(1)]);
  });

  it('rejects a first seq other than 1', async () => {
    const { journal } = await Journal.open(directory);
    await expect(journal.append([entry(2)])).rejects.toThrow(`${file}: cannot append entry 1 of 1: seq 2 does not continue the journal, expected 1`);
    await journal.close();
  });

  it('rejects a delete that carries a record', async () => {
    const { journal } = await Journal.open(directory);
    await expect(journal.append([{ ...entry(1, 'delete'), record: { slug: 'topic-1' } }])).rejects.toThrow(
      `${file}: cannot append entry 1 of 1: record of a delete is {"slug":"topic-1"}, not null`,
    );
    await journal.close();
  });

  it('lands 200 concurrent appends in call order', async () => {
    const { journal } = await Journal.open(directory);
    await Promise.all(entries(1, 200).map((each) => journal.append([each])));
    expect(journal.lastSeq).toBe(200);
    await journal.close();
    expect(await reopen()).toEqual({ entries: entries(1, 200), droppedTail: null, lastSeq: 200 });
  });

  it('keeps lastSeq when an entry cannot be serialized, and appends the next one normally', async () => {
    const { journal } = await Journal.open(directory);
    await journal.append([entry(1)]);
    await expect(journal.append([{ ...entry(2), record: { slug: 'topic-2', count: BigInt(1) } }])).rejects.toThrow('Do not know how to serialize a BigInt');
    expect(journal.lastSeq).toBe(1);
    await journal.append([entry(2)]);
    await journal.close();
    expect(await reopen()).toEqual({ entries: [entry(1), entry(2)], droppedTail: null, lastSeq: 2 });
  });

  it('undoes a write that fails half way, so the next append starts on a clean line', async () => {
    const { journal } = await Journal.open(directory);
    await journal.append([entry(1)]);
    const sizeBefore = (await stat(file)).size;
    const probe = await open(file, 'r');
    const fileHandlePrototype = Object.getPrototypeOf(probe) as { write: (buffer: Buffer) => Promise<unknown> };
    await probe.close();
    const realWrite = fileHandlePrototype.write;
    const failingWrite = jest.spyOn(fileHandlePrototype, 'write').mockImplementationOnce(async function (this: unknown, buffer: Buffer) {
      await realWrite.call(this, buffer.subarray(0, 30));
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    });
    try {
      await expect(journal.append([entry(2), entry(3)])).rejects.toThrow('EIO: i/o error, write');
    } finally {
      failingWrite.mockRestore();
    }
    expect(journal.lastSeq).toBe(1);
    expect((await stat(file)).size).toBe(sizeBefore);
    await journal.append([entry(2)]);
    await journal.close();
    expect(await reopen()).toEqual({ entries: [entry(1), entry(2)], droppedTail: null, lastSeq: 2 });
  });

  it('rejects appends after close', async () => {
    const { journal } = await Journal.open(directory);
    await journal.close();
    await expect(journal.append([entry(1)])).rejects.toThrow(`${file}: the journal is closed`);
  });
});

describe('torn tail', () => {
  it('drops a final line without a newline and truncates the file to the last good line', async () => {
    await writeJournal(entries(1, 2));
    const goodContent = await readFile(file, 'utf8');
    await writeFile(file, goodContent + '0badc0de {"seq":3,"at":"2024', { flag: 'w' });

    const { journal, entries: read, droppedTail } = await openJournal();
    expect(read).toEqual(entries(1, 2));
    expect(droppedTail).toEqual({ line: 3, bytes: 28, reason: 'no trailing newline' });
    expect(await readFile(file, 'utf8')).toBe(goodContent);
    await journal.append([entry(3)]);
    await journal.close();
    expect(await reopen()).toEqual({ entries: entries(1, 3), droppedTail: null, lastSeq: 3 });
  });

  it('refuses a complete final line whose checksum does not match: it may be an acknowledged write, so it is corruption, not a torn tail', async () => {
    await writeJournal(entries(1, 3));
    const lines = (await readFile(file, 'utf8')).split('\n');
    const damaged = [lines[0], lines[1], `00000000${lines[2]!.slice(8)}`, ''].join('\n');
    await writeFile(file, damaged);

    await expect(Journal.open(directory)).rejects.toMatchObject({ name: 'JournalCorruptError', line: 3, repairCommand: `npm run journal:repair -- ${directory}` });
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('drops a torn first line, leaving an empty journal', async () => {
    await writeFile(file, '1234');
    expect(await reopen()).toEqual({ entries: [], droppedTail: { line: 1, bytes: 4, reason: 'no trailing newline' }, lastSeq: 0 });
    expect(await readFile(file, 'utf8')).toBe('');
  });
});

describe('corruption', () => {
  it('refuses a damaged line followed by a good one, naming the line', async () => {
    await writeJournal(entries(1, 3));
    const content = await readFile(file);
    const secondLineStart = content.indexOf(0x0a) + 1;
    const flipAt = secondLineStart + 20;
    content[flipAt] = content[flipAt]! ^ 0x01;
    await writeFile(file, content);

    const opening = Journal.open(directory);
    await expect(opening).rejects.toThrow(JournalCorruptError);
    await expect(opening).rejects.toMatchObject({
      name: 'JournalCorruptError',
      file,
      line: 2,
      message:
        `JournalCorruptError: ${file} line 2: checksum mismatch; the journal is corrupt (a complete line, not a torn write) and was left unchanged: ` +
        `restore it from a backup, or cut it before line 2, losing that line and every one after it, with: npm run journal:repair -- ${directory}`,
    });
    expect(await readFile(file)).toEqual(content);
  });

  it('refuses a seq that does not follow the previous line', async () => {
    const { journal } = await Journal.open(directory);
    await journal.append(entries(1, 2));
    await journal.close();
    const content = await readFile(file, 'utf8');
    // A line with a valid checksum but seq 4: written in full, so not a torn write.
    await writeFile(file, content + checksummedLine(entry(4)));

    await expect(Journal.open(directory)).rejects.toMatchObject({
      name: 'JournalCorruptError',
      line: 3,
      message: expect.stringContaining(`${file} line 3: seq 4 does not follow seq 2; the journal is corrupt`),
    });
  });

  it('refuses a checksummed line whose entry has an unknown type', async () => {
    await writeFile(file, checksummedLine({ ...entry(1), type: 'Planet' }));

    await expect(Journal.open(directory)).rejects.toMatchObject({
      name: 'JournalCorruptError',
      line: 1,
      message: expect.stringContaining(`${file} line 1: type is "Planet", not one of Country, Place, Organization, Person, Office, Tenure, Topic, Source, Meeting; the journal is corrupt`),
    });
  });
});
