/**
 * The JSON store's write queue, on the real store in a temporary directory: every write
 * resolves, however writes interleave with the end of a commit group — a write queued
 * just as the previous drain runs out must start a new one, not wait for a later write.
 */
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let dataDir: string;
let store: JsonStore;

beforeEach(async () => {
  dataDir = await createTempDataDir();
  store = await JsonStore.open(dataDir);
});
afterEach(async () => {
  await store.close();
  await removeTempDataDir(dataDir);
});

const topic = (n: number) => ({ operation: 'create' as const, type: 'Topic' as const, record: { slug: `queue-topic-${n}`, name: `Queue topic ${n}`, aliases: [], parent: null } });

/** Resolves with the value, or with 'timed out' if the promise is still pending after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)))]).finally(() => clearTimeout(timer));
}

test('batches of writes issued as soon as the previous batch resolves all commit', async () => {
  for (let batch = 0; batch < 200; batch++) {
    const writes = Array.from({ length: 8 }, (_, i) => store.write([topic(batch * 8 + i)]));
    expect(await within(Promise.all(writes), 5_000)).not.toBe('timed out');
  }
  expect((await store.counts()).Topic).toBe(10 + 1600);
});

test('a write issued any number of microtasks after a group commits, commits', async () => {
  // The gap, if any, is a few microtasks wide: try each offset.
  for (let ticks = 0; ticks < 12; ticks++) {
    await store.write([topic(20_000 + ticks * 2)]);
    for (let i = 0; i < ticks; i++) await Promise.resolve();
    expect(await within(store.write([topic(20_000 + ticks * 2 + 1)]), 5_000)).not.toBe('timed out');
  }
});

test('a write issued from the callback of the last write of a group commits', async () => {
  for (let i = 0; i < 300; i++) {
    const next = store.write([topic(i)]).then(() => store.write([topic(10_000 + i)]));
    expect(await within(next, 5_000)).not.toBe('timed out');
  }
  expect((await store.counts()).Topic).toBe(10 + 600);
});
