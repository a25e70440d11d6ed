/**
 * The JSON store over a journal in segments: everything acknowledged reopens; after a
 * compaction the sealed segments the retention no longer keeps are deleted (only compacted
 * ones), the feed starts at the oldest change kept, and older reads are ChangesExpiredError;
 * store.json and the journal's ends are checked across segments.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChangesExpiredError } from '../../src/store/contract/change-feed';
import { ENTITY_FILES, ENTITY_TYPES } from '../../src/store/contract/records';
import { JsonStore, type JsonStoreOptions } from '../../src/store/json/json-store';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-retention-'));
  for (const type of ENTITY_TYPES) await writeFile(path.join(directory, ENTITY_FILES[type].file), '[]\n');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** About two topic lines a segment, a compaction every 4 changes, a feed of the last 3. */
const OPTIONS: JsonStoreOptions = { segmentBytes: 300, compactEvery: 4, changeRetention: 3 };

async function writeTopics(store: JsonStore, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await store.write([{ operation: 'create', type: 'Topic', record: { slug: `topic-${n}`, name: `Topic ${n}`, aliases: [], parent: null } }]);
}

const seqs = async (store: JsonStore, after: number | null) => (await store.changes(after, 100)).events.map((event) => event.seq);
const segments = async () => (await readdir(path.join(directory, 'journal'))).sort();

test('compaction deletes the sealed segments the feed no longer keeps; the feed keeps the last changes; all of it reopens', async () => {
  const store = await JsonStore.open(directory, OPTIONS);
  await writeTopics(store, 1, 10);
  expect(await seqs(store, null)).toEqual([8, 9, 10]);
  expect(await seqs(store, 7)).toEqual([8, 9, 10]);
  await expect(store.changes(6, 100)).rejects.toEqual(new ChangesExpiredError(6, 8, 10));
  await expect(store.changes(0, 100)).rejects.toBeInstanceOf(ChangesExpiredError);
  // Two changes a segment: [1-2] [3-4] [5-6] [7-8] sealed, 9-10 active. The compaction at 8 deleted
  // the segments of changes 1..4 (older than the last 3 then); 5.. are kept.
  expect(await segments()).toEqual(['000000000005.jsonl', '000000000007.jsonl']);
  await store.close();
  // Closing compacted through 10: the segment of 5..6 went too.
  expect(await segments()).toEqual(['000000000007.jsonl']);

  const reopened = await JsonStore.open(directory, OPTIONS);
  expect(reopened.version).toBe(10);
  expect(reopened.dataset().Topic.map((topic) => topic.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `topic-${i + 1}`));
  expect(await seqs(reopened, null)).toEqual([8, 9, 10]);
  await writeTopics(reopened, 11, 11);
  expect(await seqs(reopened, null)).toEqual([9, 10, 11]);
  await reopened.close();
});

test('with a larger retention the feed reaches back to the oldest segment kept, across a restart', async () => {
  const store = await JsonStore.open(directory, { ...OPTIONS, changeRetention: 100, journalRetainBytes: 300 });
  await writeTopics(store, 1, 10);
  await store.close();
  // Over 300 bytes of sealed segments: the compacted ones beyond that went, the newest sealed one stays.
  const reopened = await JsonStore.open(directory, { ...OPTIONS, changeRetention: 100 });
  const oldest = Number((await segments())[0]!.slice(0, 12));
  expect(oldest).toBeGreaterThan(1);
  expect(await seqs(reopened, null)).toEqual(Array.from({ length: 11 - oldest }, (_, i) => oldest + i));
  await expect(reopened.changes(oldest - 2, 10)).rejects.toEqual(new ChangesExpiredError(oldest - 2, oldest, 10));
  await reopened.close();
});

test('store.json must fall within the journal, across segments', async () => {
  const store = await JsonStore.open(directory, OPTIONS);
  await writeTopics(store, 1, 10);
  await store.close();
  await writeFile(path.join(directory, 'store.json'), JSON.stringify({ format: 1, compactedThrough: 12 }));
  await expect(JsonStore.open(directory, OPTIONS)).rejects.toThrow('store.json: field compactedThrough: says the snapshot holds changes up to 12, but the journal ends at 10: the journal was truncated or replaced');
  await writeFile(path.join(directory, 'store.json'), JSON.stringify({ format: 1, compactedThrough: 3 }));
  await expect(JsonStore.open(directory, { ...OPTIONS, readOnly: true })).rejects.toThrow('says the snapshot holds changes up to 3, but the journal starts at 7: changes 4 to 6 are missing');
});
