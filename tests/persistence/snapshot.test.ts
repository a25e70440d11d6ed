import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SnapshotStateError } from '../../src/store/json/persistence/persistence-errors';
import { writeFileAtomic } from '../../src/store/json/persistence/atomic-file';
import { writeSnapshot } from '../../src/store/json/persistence/snapshot';
import { readStoreState, STATE_FILE } from '../../src/store/json/persistence/store-state';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-snapshot-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const read = (name: string) => readFile(path.join(directory, name), 'utf8');
const countries = [{ slug: 'kazakhstan', name: 'Kazakhstan' }];
const people = [{ slug: 'antony-blinken', name: 'Antony Blinken' }, { slug: 'kairat-umarov', name: 'Kairat Umarov' }];
const topics = [{ slug: 'energy', name: 'Energy' }];

describe('writeSnapshot', () => {
  it('writes each file as an indented JSON array, then store.json, leaving no temp files', async () => {
    await writeSnapshot(directory, [{ file: 'countries.json', records: countries }, { file: 'people.json', records: people }], 42);

    expect(await read('countries.json')).toBe(JSON.stringify(countries, null, 2) + '\n');
    expect(await read('people.json')).toBe(JSON.stringify(people, null, 2) + '\n');
    expect(JSON.parse(await read(STATE_FILE))).toEqual({ format: 1, compactedThrough: 42 });
    expect(await readStoreState(directory)).toEqual({ compactedThrough: 42 });
    expect((await readdir(directory)).sort()).toEqual(['countries.json', 'people.json', 'store.json']);
  });

  it('replaces existing files', async () => {
    await writeSnapshot(directory, [{ file: 'topics.json', records: [] }], 1);
    await writeSnapshot(directory, [{ file: 'topics.json', records: topics }], 2);

    expect(JSON.parse(await read('topics.json'))).toEqual(topics);
    expect(await readStoreState(directory)).toEqual({ compactedThrough: 2 });
  });

  it('on a failed rename keeps the files already replaced, leaves later files and store.json untouched, and removes its temp file', async () => {
    await writeSnapshot(directory, [{ file: 'countries.json', records: [] }, { file: 'topics.json', records: [] }], 7);
    // A directory in the place of people.json makes its rename fail.
    await mkdir(path.join(directory, 'people.json'));

    const writing = writeSnapshot(
      directory,
      [
        { file: 'countries.json', records: countries },
        { file: 'people.json', records: people },
        { file: 'topics.json', records: topics },
      ],
      9,
    );

    await expect(writing).rejects.toMatchObject({ code: 'EISDIR' });
    expect(JSON.parse(await read('countries.json'))).toEqual(countries);
    expect(JSON.parse(await read('topics.json'))).toEqual([]);
    expect(await readStoreState(directory)).toEqual({ compactedThrough: 7 });
    expect((await readdir(directory)).sort()).toEqual(['countries.json', 'people.json', 'store.json', 'topics.json']);
  });

  it('rejects a negative compactedThrough without writing anything', async () => {
    await expect(writeSnapshot(directory, [{ file: 'topics.json', records: topics }], -1)).rejects.toThrow('compactedThrough must be a non-negative integer, got -1');
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content of a file, leaving no temp file', async () => {
    await writeFile(path.join(directory, 'notes.txt'), 'old');
    await writeFileAtomic(directory, 'notes.txt', 'new\n');

    expect(await read('notes.txt')).toBe('new\n');
    expect(await readdir(directory)).toEqual(['notes.txt']);
  });

  it('refuses a name with a directory part', async () => {
    await expect(writeFileAtomic(directory, 'sources/a.txt', 'text')).rejects.toThrow(`expected a plain file name in ${directory}, got "sources/a.txt"`);
  });
});

describe('readStoreState', () => {
  it('reports compactedThrough 0 when store.json is absent', async () => {
    expect(await readStoreState(directory)).toEqual({ compactedThrough: 0 });
  });

  it('throws SnapshotStateError naming the file when store.json is not JSON', async () => {
    const file = path.join(directory, STATE_FILE);
    await writeFile(file, '{"format": 1, "compactedThrough": ');

    const reading = readStoreState(directory);
    await expect(reading).rejects.toThrow(SnapshotStateError);
    await expect(reading).rejects.toMatchObject({ name: 'SnapshotStateError', file });
    await expect(reading).rejects.toThrow(new RegExp(`^${escape(file)}: not valid JSON \\(.+\\); expected \\{"format": 1, "compactedThrough": <seq>\\}: restore it from a backup$`));
  });

  it.each([
    ['[]', 'found an array'],
    ['null', 'found null'],
    ['{"compactedThrough": 3}', 'format is missing'],
    ['{"format": 2, "compactedThrough": 3}', 'format is 2'],
    ['{"format": 1, "compactedThrough": "3"}', 'compactedThrough is "3", not a non-negative integer'],
    ['{"format": 1, "compactedThrough": 1.5}', 'compactedThrough is 1.5, not a non-negative integer'],
  ])('throws SnapshotStateError for store.json %s', async (content, reason) => {
    const file = path.join(directory, STATE_FILE);
    await writeFile(file, content);

    await expect(readStoreState(directory)).rejects.toMatchObject({
      name: 'SnapshotStateError',
      file,
      message: `${file}: ${reason}; expected {"format": 1, "compactedThrough": <seq>}: restore it from a backup`,
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
