/**
 * A record deleted and created again in one request goes after the others, in memory as
 * when the journal is replayed (a delete, then a create): the order a running store lists
 * and compacts is the order a restart rebuilds.
 */
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let directory: string;
let store: JsonStore;
beforeEach(async () => {
  directory = await createTempDataDir();
  store = await JsonStore.open(directory);
});
afterEach(async () => {
  await store.close();
  await removeTempDataDir(directory);
});

const topic = (slug: string, name: string) => ({ slug, name, aliases: [], parent: null });
const slugs = (data: { Topic: { slug: string }[] }) => data.Topic.map((record) => record.slug);

async function replayedOrder(): Promise<string[]> {
  // A second, read-only store rebuilds the data from the files and the journal, as a restart does.
  const replayed = await JsonStore.open(directory, { readOnly: true });
  try {
    return slugs(replayed.dataset());
  } finally {
    await replayed.close();
  }
}

test('delete then create of one slug in a request puts the record last, as replay does', async () => {
  await store.write([{ operation: 'create', type: 'Topic', record: topic('first-of-two', 'First of two') }]);
  await store.write([{ operation: 'create', type: 'Topic', record: topic('second-of-two', 'Second of two') }]);
  await store.write([
    { operation: 'delete', type: 'Topic', slug: 'first-of-two' },
    { operation: 'create', type: 'Topic', record: topic('first-of-two', 'First of two, again') },
  ]);
  const order = slugs(store.dataset());
  expect(order.slice(-2)).toEqual(['second-of-two', 'first-of-two']);
  expect(await replayedOrder()).toEqual(order);
  expect((await store.getMany('Topic', ['first-of-two']))[0]!.name).toBe('First of two, again');
});

test('delete, create and update in one request: last, with the update', async () => {
  await store.write([{ operation: 'create', type: 'Topic', record: topic('recreated', 'Recreated') }, { operation: 'create', type: 'Topic', record: topic('after-it', 'After it') }]);
  await store.write([
    { operation: 'delete', type: 'Topic', slug: 'recreated' },
    { operation: 'create', type: 'Topic', record: topic('recreated', 'Recreated') },
    { operation: 'update', type: 'Topic', slug: 'recreated', patch: { name: 'Recreated, renamed' } },
  ]);
  const order = slugs(store.dataset());
  expect(order.slice(-2)).toEqual(['after-it', 'recreated']);
  expect(await replayedOrder()).toEqual(order);
  expect((await store.getMany('Topic', ['recreated']))[0]!.name).toBe('Recreated, renamed');
});

test('a rejected request that deleted and recreated leaves the order as it was', async () => {
  await store.write([{ operation: 'create', type: 'Topic', record: topic('kept-in-place', 'Kept in place') }, { operation: 'create', type: 'Topic', record: topic('behind', 'Behind') }]);
  const before = slugs(store.dataset());
  // Sent together, so they commit in one group: the accepted write must not carry the rejected one's re-creation along.
  const [rejected, accepted] = await Promise.allSettled([
    store.write([
      { operation: 'delete', type: 'Topic', slug: 'kept-in-place' },
      { operation: 'create', type: 'Topic', record: topic('kept-in-place', 'Kept in place') },
      { operation: 'create', type: 'Topic', record: { ...topic('broken', 'Broken'), parent: 'no-such-topic' } },
    ]),
    store.write([{ operation: 'update', type: 'Topic', slug: 'kept-in-place', patch: { name: 'Kept in place, renamed' } }]),
  ]);
  expect(rejected.status).toBe('rejected');
  expect(accepted.status).toBe('fulfilled');
  expect(slugs(store.dataset())).toEqual(before);
  expect(await replayedOrder()).toEqual(before);
});
