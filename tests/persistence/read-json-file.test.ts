import fsPromises from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readJsonFile, streamJsonArray } from '../../src/store/json/persistence/read-json-file';
import { digestOf } from '../../src/store/json/persistence/validated-files';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-read-json-'));
});

afterEach(async () => {
  jest.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

/** Records with nested objects, lists, escapes and multi-byte characters, like the store's. */
const records = Array.from({ length: 40 }, (_, i) => ({
  slug: `meeting-${i}`,
  title: `Tokáyev meets Ümarov № ${i} — "talks"\\`,
  date: { earliest: '2023-04-30', latest: null },
  participants: [{ person: `p-${i % 3}`, citations: [{ source: 's', quote: 'line one\nline two }, {' }] }],
  topics: i % 2 === 0 ? [] : [{ topic: 'energy' }],
}));

async function written(name: string, text: string): Promise<string> {
  const file = path.join(directory, name);
  await writeFile(file, text);
  return file;
}

describe('readJsonFile', () => {
  test("parses a file in the store's layout piece by piece, across reads, without reading it whole", async () => {
    const text = JSON.stringify(records, null, 2) + '\n';
    const file = await written('meetings.json', text);
    const wholeReads = jest.spyOn(fsPromises, 'readFile');
    const seen: unknown[] = [];

    const read = await readJsonFile(file, (record) => seen.push(record), { read: 256, piece: 64 });

    expect(read).toEqual({ digest: digestOf(text), value: records });
    expect(seen).toEqual(records);
    expect(wholeReads).not.toHaveBeenCalled();
  });

  test('parses one record, and an empty array', async () => {
    const one = JSON.stringify(records.slice(0, 1), null, 2) + '\n';
    expect(await readJsonFile(await written('one.json', one), undefined, { read: 16, piece: 8 })).toEqual({ digest: digestOf(one), value: records.slice(0, 1) });
    expect(await readJsonFile(await written('none.json', '[]\n'))).toEqual({ digest: digestOf('[]\n'), value: [] });
  });

  test('parses any other layout whole, with the same result', async () => {
    for (const text of [JSON.stringify(records), JSON.stringify(records, null, 4), JSON.stringify(records, null, 2), `${JSON.stringify(records, null, 2)}\n\n`]) {
      const seen: unknown[] = [];
      const read = await readJsonFile(await written('other.json', text), (record) => seen.push(record), { read: 256, piece: 64 });
      expect(read).toEqual({ digest: digestOf(text), value: records });
      expect(seen.slice(-records.length)).toEqual(records);
    }
  });

  test("reports invalid JSON with JSON.parse's message, even in the store's layout", async () => {
    const text = (JSON.stringify(records, null, 2) + '\n').replace('"meeting-30"', '"meeting-30');
    const expected = (() => {
      try {
        JSON.parse(text);
      } catch (error) {
        return (error as Error).message;
      }
    })();

    const read = await readJsonFile(await written('broken.json', text), undefined, { read: 256, piece: 64 });

    expect(read).toEqual({ digest: digestOf(text), syntaxError: expect.objectContaining({ message: expected }) });
  });

  test('returns values that are not arrays as they are', async () => {
    expect(await readJsonFile(await written('object.json', '{"slug": "x"}'))).toEqual({ digest: digestOf('{"slug": "x"}'), value: { slug: 'x' } });
  });

  test('throws read errors', async () => {
    await expect(readJsonFile(path.join(directory, 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('streamJsonArray', () => {
  test("hands over a file in the store's layout a piece at a time, reading on only once each piece is taken", async () => {
    const text = JSON.stringify(records, null, 2) + '\n';
    const file = await written('meetings.json', text);
    const pieces: unknown[][] = [];
    let taking = false;

    const read = await streamJsonArray(
      file,
      async (piece) => {
        expect(taking).toBe(false);
        taking = true;
        await new Promise((resolve) => setImmediate(resolve));
        pieces.push(piece);
        taking = false;
      },
      { read: 256, piece: 64 },
    );

    expect(read).toEqual({ digest: digestOf(text) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.flat()).toEqual(records);
  });

  test('answers null for any other layout, and throws what the consumer throws', async () => {
    for (const text of [JSON.stringify(records), `${JSON.stringify(records, null, 2)}\n\n`]) {
      expect(await streamJsonArray(await written('other.json', text), () => undefined, { read: 256, piece: 64 })).toBeNull();
    }
    const file = await written('meetings.json', JSON.stringify(records, null, 2) + '\n');
    await expect(streamJsonArray(file, () => Promise.reject(new SyntaxError('refused by the consumer')))).rejects.toThrow('refused by the consumer');
  });
});
