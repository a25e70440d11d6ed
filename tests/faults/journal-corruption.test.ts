/**
 * Fault suite: a flipped byte in any complete journal line — first, middle or last — of a
 * journal of acknowledged writes is corruption: opening refuses, names the line and changes
 * nothing; `journal:repair` then keeps exactly the lines before the damaged one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChangeEntry } from '../../src/store/contract/store';
import { Journal, JOURNAL_FILE, SEGMENT_DIR, formatLine } from '../../src/store/json/persistence/journal';
import { ROOT, runScript } from '../helpers/run-script';

const REPAIR = path.join(ROOT, 'dist/scripts/journal-repair.js');
const N = 5;

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-journal-fault-'));
  file = path.join(directory, JOURNAL_FILE);
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function entry(seq: number): ChangeEntry {
  const slug = `ack-${seq}`;
  return { seq, at: '2024-05-01T12:00:00.000Z', operation: 'create', type: 'Topic', slug, record: { slug, name: `Ack ${seq}`, aliases: [], parent: null } };
}

const written = Array.from({ length: N }, (_, i) => entry(i + 1));

/** N writes, each acknowledged (its append resolved) before the next. */
async function acknowledgedJournal(): Promise<Buffer> {
  const { journal } = await Journal.open(directory);
  for (const change of written) await journal.append([change]);
  await journal.close();
  return readFile(file);
}

/** Where, within a line, a byte is flipped: in the checksum, inside the JSON, and its last byte before the newline. */
const PLACES = { checksum: () => 3, json: (length: number) => Math.floor(length / 2), 'last byte': (length: number) => length - 1 };

const cases = [1, Math.ceil(N / 2), N].flatMap((line) => Object.keys(PLACES).map((place) => [line, place] as [number, keyof typeof PLACES]));

describe(`a flipped byte in a complete line of ${N} acknowledged writes`, () => {
  test.each(cases)('line %i, %s: opening refuses and names the line; journal:repair keeps exactly the lines before it', async (line, place) => {
    const content = await acknowledgedJournal();
    const starts = [0];
    for (let at = content.indexOf(0x0a); at !== -1 && at + 1 < content.length; at = content.indexOf(0x0a, at + 1)) starts.push(at + 1);
    expect(starts).toHaveLength(N);
    const start = starts[line - 1]!;
    const length = content.indexOf(0x0a, start) - start;
    const damaged = Buffer.from(content);
    const flip = start + PLACES[place](length);
    damaged[flip] = damaged[flip]! ^ 0x01;
    await writeFile(file, damaged);

    await expect(Journal.open(directory)).rejects.toMatchObject({ name: 'JournalCorruptError', file, line });
    expect(await readFile(file)).toEqual(damaged);

    const repair = await runScript(REPAIR, [directory]);
    expect(repair).toMatchObject({ code: 0, stderr: '' });
    expect(repair.stdout).toContain(`${file} line ${line}: `);
    expect(repair.stdout).toContain(`Removing lines ${line}..${N} (${damaged.length - start} bytes)`);
    // Every removed line is printed whole, so a person can see (and keep) what was cut.
    for (const removed of damaged.subarray(start).toString('latin1').trimEnd().split('\n')) expect(repair.stdout).toContain(removed.slice(20));
    expect(await readFile(file)).toEqual(content.subarray(0, start));

    const read: ChangeEntry[] = [];
    const reopened = await Journal.open(directory, { onEntries: (entries) => void read.push(...entries) });
    expect(read).toEqual(written.slice(0, line - 1));
    expect(reopened.droppedTail).toBeNull();
    await reopened.journal.close();
  });

  test('journal:repair on a good journal changes nothing', async () => {
    const content = await acknowledgedJournal();
    const repair = await runScript(REPAIR, [directory]);
    expect(repair).toEqual({ code: 0, stdout: `${file}: all ${N} lines are good; nothing to repair.\n`, stderr: '' });
    expect(await readFile(file)).toEqual(content);
  });
});

describe('a damaged line in a sealed segment', () => {
  /** Seqs 1..6 in segments [1-2] [3-4] and the active [5-6]. */
  async function segmentedJournal(): Promise<void> {
    const line = Buffer.byteLength(formatLine(entry(1)));
    const { journal } = await Journal.open(directory, { segmentBytes: 2 * line });
    for (const change of entries(6)) await journal.append([change]);
    await journal.close();
  }
  const entries = (n: number) => Array.from({ length: n }, (_, i) => entry(i + 1));
  const sealed = (name: string) => path.join(directory, SEGMENT_DIR, name);

  test('journal:repair refuses while later segments follow it, and with --drop-later cuts there and deletes them, printing every line removed', async () => {
    await segmentedJournal();
    const damagedFile = sealed('000000000003.jsonl');
    const content = await readFile(damagedFile);
    const secondLine = content.indexOf(0x0a) + 1;
    const damaged = Buffer.from(content);
    damaged[secondLine + 30] = damaged[secondLine + 30]! ^ 0x01;
    await writeFile(damagedFile, damaged);
    await expect(Journal.open(directory)).rejects.toMatchObject({ name: 'JournalCorruptError', file: damagedFile, line: 2, repairCommand: `npm run journal:repair -- ${directory}` });

    const refused = await runScript(REPAIR, [directory]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${damagedFile} line 2: checksum mismatch; not repaired: 1 later segment follows it (${file}), which a cut here would leave out of sequence. Run again with --drop-later`);
    expect(await readFile(damagedFile)).toEqual(damaged);

    const repair = await runScript(REPAIR, [directory, '--drop-later']);
    expect(repair).toMatchObject({ code: 0, stderr: '' });
    expect(repair.stdout).toContain(`${damagedFile} line 2: checksum mismatch.\nRemoving lines 2..2 (${damaged.length - secondLine} bytes); keeping lines 1..1 (changes up to 3).`);
    expect(repair.stdout).toContain(`Deleting ${file}, a later segment (2 lines).`);
    for (const seq of [5, 6]) expect(repair.stdout).toContain(formatLine(entry(seq)));
    expect(await readFile(damagedFile)).toEqual(content.subarray(0, secondLine));
    expect(await readFile(file, 'utf8')).toBe('');

    const read: ChangeEntry[] = [];
    const reopened = await Journal.open(directory, { onEntries: (chunk) => void read.push(...chunk) });
    expect(read).toEqual(entries(3));
    await reopened.journal.append([entry(4)]);
    await reopened.journal.close();
  });
});
