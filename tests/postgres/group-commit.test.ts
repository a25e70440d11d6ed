/**
 * The PostgreSQL store's group commit, on a real schema: writes that arrive while one
 * commits commit together in one transaction, each validated after the one before it (a
 * write may name, update or delete what an earlier write of its group created, or stop
 * referring to what a later one deletes), a refused write leaving the others to commit,
 * seqs consecutive in the order the writes were made, the data-set order kept as the JSON
 * store keeps it, and every write resolving however writes interleave with the end of a
 * group (the JSON store's queue cases, tests/writes/store-queue.test.ts). Runs in jest's
 * `postgres` project.
 */
import { EntityNotFoundError, WriteRejectedError } from '../../src/store/contract/write-errors';
import type { ChangeEvent } from '../../src/store/contract/store';
import { createPool } from '../../src/store/postgres/database';
import { PgStore } from '../../src/store/postgres/pg-store';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let directory: string;
let schema: string;
let store: PgStore;

beforeAll(async () => {
  directory = await createTempDataDir();
  schema = await importIntoNewSchema(directory);
});
beforeEach(async () => {
  store = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2 });
});
afterEach(async () => {
  await store.close();
});
afterAll(async () => {
  if (schema) await dropSchema(schema);
  await removeTempDataDir(directory);
});

let made = 0;
const topic = (slug: string, parent: string | null = null) => ({ operation: 'create' as const, type: 'Topic' as const, record: { slug, name: slug.replace(/-/g, ' '), aliases: [], parent } });
const fresh = (prefix: string) => `${prefix}-${++made}`;

/** Resolves with the value, or with 'timed out' if the promise is still pending after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)))]).finally(() => clearTimeout(timer));
}

test('200 writes at once: the refused ones reject, the others commit with consecutive seqs in the order they were made', async () => {
  const before = store.version;
  const parent = fresh('group-parent');
  const writes = Array.from({ length: 200 }, (_, i) => {
    if (i === 0) return store.write([topic(parent)]);
    // Every seventh names a parent that does not exist; every eleventh updates a topic that does not exist.
    if (i % 7 === 0) return store.write([topic(fresh('orphan'), 'no-such-topic')]);
    if (i % 11 === 0) return store.write([{ operation: 'update', type: 'Topic', slug: 'no-such-topic', patch: { name: 'x' } }]);
    // The rest name the parent the first write creates: they see it, in its group or a later one.
    return store.write([topic(fresh('group-child'), parent)]);
  });
  const outcomes = await Promise.allSettled(writes);
  const refused = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [i] : []));
  expect(refused).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((i) => i > 0 && (i % 7 === 0 || i % 11 === 0)));
  for (const i of refused) {
    const { reason } = outcomes[i] as PromiseRejectedResult;
    expect(i % 7 === 0 ? reason instanceof WriteRejectedError : reason instanceof EntityNotFoundError).toBe(true);
  }
  const seqs = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? (outcome.value as ChangeEvent[]).map((event) => event.seq) : []));
  expect(seqs).toEqual(Array.from({ length: 200 - refused.length }, (_, i) => before + 1 + i));
  expect(store.version).toBe(before + seqs.length);
  // The change feed holds exactly the committed writes, in that order.
  const feed = await store.changes(before, 500);
  expect(feed.events.map((event) => event.seq)).toEqual(seqs);
  const [children] = await store.findMany('Topic', [{ where: [{ field: 'parent', anyOf: [parent] }], order: { field: 'NAME', direction: 'ASC' } }]);
  expect(children!.totalCount).toBe(seqs.length - 1);
});

test('a transaction that fails (a fault, not the data) fails its whole group, applies nothing of it, and the next group commits', async () => {
  // A fault injected in the database: inserting a record whose slug begins "explode" raises.
  const admin = createPool({ url: TEST_DATABASE_URL, schema, max: 1 });
  await admin.query(`CREATE FUNCTION "${schema}".explode() RETURNS trigger AS $$ BEGIN IF NEW.slug LIKE 'explode%' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await admin.query(`CREATE TRIGGER explode BEFORE INSERT ON "${schema}".entity FOR EACH ROW EXECUTE FUNCTION "${schema}".explode()`);
  try {
    const before = store.version;
    const bystander = fresh('bystander');
    // The first write commits alone; the next two are made together and commit together.
    await store.write([topic(fresh('alone'))]);
    const exploding = store.write([topic(fresh('explode'))]);
    const second = store.write([topic(bystander)]);
    const [b, c] = await Promise.allSettled([exploding, second]);
    expect(b).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'injected fault' }) });
    expect(c).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'injected fault' }) });
    expect((await store.getMany('Topic', [bystander]))[0]).toBeNull();
    // Nothing was half applied: the next write follows the first, without a gap.
    const [next] = await store.write([topic(fresh('after'))]);
    expect(next!.seq).toBe(before + 2);
  } finally {
    await admin.query(`DROP TRIGGER explode ON "${schema}".entity`);
    await admin.query(`DROP FUNCTION "${schema}".explode()`);
    await admin.end();
  }
});

test('batches of writes issued as soon as the previous batch resolves all commit', async () => {
  for (let batch = 0; batch < 50; batch++) {
    const writes = Array.from({ length: 8 }, () => store.write([topic(fresh('batch'))]));
    expect(await within(Promise.all(writes), 5_000)).not.toBe('timed out');
  }
});

test('a write issued any number of microtasks after a group commits, commits', async () => {
  for (let ticks = 0; ticks < 12; ticks++) {
    await store.write([topic(fresh('ticks'))]);
    for (let i = 0; i < ticks; i++) await Promise.resolve();
    expect(await within(store.write([topic(fresh('ticks'))]), 5_000)).not.toBe('timed out');
  }
});

test('a write issued from the callback of the last write of a group commits', async () => {
  for (let i = 0; i < 100; i++) {
    const next = store.write([topic(fresh('callback'))]).then(() => store.write([topic(fresh('callback'))]));
    expect(await within(next, 5_000)).not.toBe('timed out');
  }
});

test('close waits for the writes pending, and refuses the ones after it', async () => {
  const pending = Array.from({ length: 20 }, () => store.write([topic(fresh('closing'))]));
  const closed = store.close();
  await expect(store.write([topic(fresh('late'))])).rejects.toThrow('the store is closed');
  await closed;
  expect((await Promise.allSettled(pending)).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
  store = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2 });
});

/** The slugs of these topics in data-set order (the order db:export writes). */
async function topicOrder(slugs: string[]): Promise<string[]> {
  const admin = createPool({ url: TEST_DATABASE_URL, schema, max: 1 });
  try {
    const { rows } = await admin.query<{ slug: string }>("SELECT slug FROM entity WHERE type = 'Topic' AND slug = ANY($1) ORDER BY position", [slugs]);
    return rows.map((row) => row.slug);
  } finally {
    await admin.end();
  }
}

test('one group keeps the data-set order as the JSON store does: an update keeps its place, created and re-created records go last in the order made', async () => {
  const [a, b, c, d] = [fresh('order'), fresh('order'), fresh('order'), fresh('order')];
  for (const slug of [a, b, c]) await store.write([topic(slug)]);
  // Made together, so they commit in one group, each after the ones before it.
  const outcomes = await Promise.allSettled([
    store.write([topic(d)]),
    store.write([{ operation: 'delete', type: 'Topic', slug: a }]),
    store.write([topic(a)]),
    store.write([{ operation: 'update', type: 'Topic', slug: b, patch: { name: 'b renamed' } }]),
    store.write([{ operation: 'update', type: 'Topic', slug: d, patch: { name: 'd renamed' } }]),
    store.write([topic(c)]),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
  expect(((outcomes[5] as PromiseRejectedResult).reason as WriteRejectedError).problems).toEqual([{ change: 0, field: 'slug', message: `"${c}" is taken: another Topic has this slug` }]);
  const events = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
  expect(events.map((event) => event.seq - events[0]!.seq)).toEqual([0, 1, 2, 3, 4]);
  // One transaction: the time of its commit on every event.
  expect(new Set(events.map((event) => event.at)).size).toBe(1);
  expect(await topicOrder([a, b, c, d])).toEqual([b, c, d, a]);
  expect((await store.getMany('Topic', [b, d])).map((record) => record?.name)).toEqual(['b renamed', 'd renamed']);
});

test('within a group a delete sees what the earlier writes made refer to the record, and what they stopped referring to it', async () => {
  const parent = fresh('referred');
  await store.write([topic(parent)]);
  const child = fresh('referrer');
  const outcomes = await Promise.allSettled([
    store.write([topic(child, parent)]),
    store.write([{ operation: 'delete', type: 'Topic', slug: parent }]),
    store.write([{ operation: 'delete', type: 'Topic', slug: child }]),
    store.write([{ operation: 'delete', type: 'Topic', slug: parent }]),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  expect(((outcomes[1] as PromiseRejectedResult).reason as WriteRejectedError).referencedBy).toEqual([{ type: 'Topic', slug: child, field: 'parent' }]);
  expect(await store.getMany('Topic', [parent, child])).toEqual([null, null]);
  // The change feed has the three accepted writes, in order.
  const feed = await store.changes(store.version - 3, 10);
  expect(feed.events.map(({ operation, slug }) => [operation, slug])).toEqual([['create', child], ['delete', child], ['delete', parent]]);
});
