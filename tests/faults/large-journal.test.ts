/**
 * A journal over 2 GiB (the repro: ~2,150 writes of 1,000,000-character source
 * texts) opens: it is read as a stream, never as one buffer, and only the feed's events
 * are kept, so the process's memory stays far below the file's size. Opening seals it as a
 * segment; after one more write and a compaction, the byte cap of the retention deletes it.
 * Needs about 2.2 GB of free disk (skipped with a notice otherwise); the file is always removed.
 */
import { open, mkdtemp, readdir, rm, stat, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChangesExpiredError } from '../../src/store/contract/change-feed';
import { ENTITY_FILES, ENTITY_TYPES } from '../../src/store/contract/records';
import type { ChangeEntry } from '../../src/store/contract/store';
import { JsonStore } from '../../src/store/json/json-store';
import { formatLine } from '../../src/store/json/persistence/journal';

const LINES = 2_150;
const TEXT = 'Kazakhstan and the United States discussed regional security. '.repeat(20_000).slice(0, 1_000_000);
const TWO_GIB = 2 ** 31;

let directory: string | null = null;
afterAll(async () => {
  if (directory !== null) await rm(directory, { recursive: true, force: true });
});

function sourceEntry(seq: number): ChangeEntry {
  const slug = `source-${seq}`;
  return {
    seq,
    at: '2024-05-01T12:00:00.000Z',
    operation: 'create',
    type: 'Source',
    slug,
    record: { slug, title: `Source ${seq}`, kind: 'NEWS_ARTICLE', publisher: null, publishedOn: null, textFile: `sources/${slug}.txt`, text: TEXT },
  };
}

async function enoughSpace(): Promise<boolean> {
  const { bavail, bsize } = await statfs(os.tmpdir());
  return bavail * bsize > 3 * 1024 ** 3;
}

test(`a journal of ${LINES} lines of 1,000,000-character texts (over 2 GiB) opens, the feed answers, and memory stays far below its size`, async () => {
  if (!(await enoughSpace())) {
    console.warn(`skipped: less than 3 GB free in ${os.tmpdir()} for a journal over 2 GiB`);
    return;
  }
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-large-journal-'));
  for (const type of ENTITY_TYPES) await writeFile(path.join(directory, ENTITY_FILES[type].file), '[]\n');
  // The snapshot holds every change (as after a compaction): nothing is replayed, only the feed is read.
  await writeFile(path.join(directory, 'store.json'), JSON.stringify({ format: 1, compactedThrough: LINES }));
  const journal = path.join(directory, 'journal.jsonl');
  const handle = await open(journal, 'w');
  for (let seq = 1; seq <= LINES; seq++) await handle.write(formatLine(sourceEntry(seq)));
  await handle.close();
  const size = (await stat(journal)).size;
  expect(size).toBeGreaterThan(TWO_GIB);

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  let store: JsonStore;
  try {
    store = await JsonStore.open(directory);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`large journal: ${(size / 2 ** 30).toFixed(2)} GiB opened in ${seconds.toFixed(1)} s; RSS ${(before / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB`);
  expect(peak - before).toBeLessThan(512 * 2 ** 20);

  expect(store.version).toBe(LINES);
  expect((await store.changes(null, 2)).events.map((event) => event.seq)).toEqual([1, 2]);
  expect(await store.changes(LINES - 2, 10)).toMatchObject({ events: [{ seq: LINES - 1, type: 'Source', slug: `source-${LINES - 1}` }, { seq: LINES }], hasNextPage: false, lastSeq: LINES });
  // Opening sealed it: the next write starts a new active segment.
  expect(await readdir(path.join(directory, 'journal'))).toEqual(['000000000001.jsonl']);
  await store.write([{ operation: 'create', type: 'Topic', record: { slug: 'after-the-large-journal', name: 'After the large journal', aliases: [], parent: null } }]);
  await store.close();
  // The compaction at close let the 1 GiB cap delete the compacted 2 GiB segment: the feed starts after it.
  expect(await readdir(path.join(directory, 'journal'))).toEqual([]);
  const reopened = await JsonStore.open(directory);
  expect(await reopened.changes(null, 10)).toMatchObject({ events: [{ seq: LINES + 1, slug: 'after-the-large-journal' }], lastSeq: LINES + 1 });
  await expect(reopened.changes(0, 10)).rejects.toEqual(new ChangesExpiredError(0, LINES + 1, LINES + 1));
  await reopened.close();
}, 600_000);
