/**
 * The PostgreSQL store's record cache (src/store/postgres/record-cache.ts) never answers
 * what the database would not: two store instances on one schema (two replicas), random
 * writes through one — renames, aliases, tenures created and deleted, so that records and
 * whole lists change — and reads through the other's views, each view's answers compared
 * with the same reads made without a cache at the same moment; views opened before a write
 * keep reading the version they began at. And the cache's own rules, directly: a read is
 * kept only at the cache's version, and moving on drops what changed, or everything when
 * the changes are not all known. Runs in jest's `postgres` project.
 */
import fc from 'fast-check';
import type { ChangeRequest, FindQuery, StoreReader } from '../../src/store/contract/store';
import { tagged } from '../../src/store/contract/tagged';
import { PgStore } from '../../src/store/postgres/pg-store';
import { RecordCache, wholeListKey } from '../../src/store/postgres/record-cache';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let directory: string;
let schema: string;
/** Reads through its views, with the cache. */
let reader: PgStore;
/** Reads without a cache: what the database holds. */
let plain: PgStore;
/** Writes. */
let writer: PgStore;

beforeAll(async () => {
  directory = await createTempDataDir();
  schema = await importIntoNewSchema(directory);
  reader = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 4 });
  plain = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2, recordCacheSize: 0 });
  writer = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2 });
});
afterAll(async () => {
  await Promise.all([reader?.close(), plain?.close(), writer?.close()]);
  if (schema) await dropSchema(schema);
  await removeTempDataDir(directory);
});

const PEOPLE = ['kairat-umarov', 'antony-blinken', 'richard-verma', 'victoria-nuland', 'mallory-stewart', 'kassym-jomart-tokayev'];
const OFFICES = ['kazakhstan-first-deputy-foreign-minister', 'united-states-secretary-of-state'];

/** Settles once `store` has followed the change feed to `version` (its cache moved on first). */
function followed(store: PgStore, version: number): Promise<void> {
  if (store.version >= version && (store as unknown as { delivered: number }).delivered >= version) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = store.watch((_, seen) => {
      if (seen >= version) {
        stop();
        resolve();
      }
    });
  });
}

/** What a view reads of every person, their tenures (a whole list) and one office. */
async function readAll(view: StoreReader) {
  const people = await view.getMany('Person', [...PEOPLE, 'no-such-person']);
  const tenures = await view.findMany(
    'Tenure',
    PEOPLE.map((person): FindQuery<'Tenure'> => ({ where: [{ field: 'person', anyOf: [person] }], order: { field: 'START', direction: 'ASC' } })),
  );
  const offices = await view.getMany('Office', OFFICES);
  // A page of meetings: its slugs from the database, its records through the cache.
  const [meetings] = await view.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: 5 }]);
  return JSON.stringify({ version: view.version, people, tenures: tenures.map((page) => page.items.map((item) => [item.entity, item.key])), offices, meetings });
}

let made = 0;
/** A verbatim quote of the article, as every tenure needs one. */
const CITED = [{ source: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', quote: "Kazakhstan's First Deputy Foreign Minister Kairat Umarov" }];
const MEETINGS = ['antony-blinken-visit-to-kazakhstan-2023', 'c5-plus-1-ministerial-astana-2023'];
const write = fc.oneof(
  fc.record({ meeting: fc.constantFrom(...MEETINGS), n: fc.nat(99) }).map(({ meeting, n }): ChangeRequest => ({ operation: 'update', type: 'Meeting', slug: meeting, patch: { summary: `Summary number ${n}.` } })),
  fc.record({ person: fc.constantFrom(...PEOPLE), name: fc.string({ minLength: 1, maxLength: 12 }).filter((name) => name.trim() !== '') }).map(({ person, name }): ChangeRequest => ({ operation: 'update', type: 'Person', slug: person, patch: { aliases: [name.trim()] } })),
  fc.record({ person: fc.constantFrom(...PEOPLE), office: fc.constantFrom(...OFFICES) }).map(
    ({ person, office }): ChangeRequest => ({
      operation: 'create',
      type: 'Tenure',
      record: { slug: `cache-tenure-${++made}`, person, office, start: { label: 'in 2020', earliest: '2020-01-01', latest: '2020-12-31', precision: 'YEAR' }, end: null, citations: CITED },
    }),
  ),
);

test('reads through the cache are what the database holds, write after write, and a view keeps its version', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
      // A view opened before the writes: it reads its version throughout.
      const before = reader.view();
      const beforeFirst = await readAll(before);
      let last = 0;
      for (const change of writes) {
        const events = await writer.write([change]);
        last = Math.max(last, ...events.map((event) => event.seq));
      }
      expect(await readAll(before)).toBe(beforeFirst);
      before.release?.();
      if (last > 0) await followed(reader, last);
      // Twice: the first fills the cache, the second reads from it.
      for (let round = 0; round < 2; round++) {
        const view = reader.view();
        const truth = plain.view();
        expect(await readAll(view)).toBe(await readAll(truth));
        view.release?.();
        truth.release?.();
      }
    }),
    { numRuns: 25 },
  );
});

test('deleting a tenure drops the whole lists of tenures the cache kept', async () => {
  const slug = `cache-tenure-${++made}`;
  const [created] = await writer.write([{ operation: 'create', type: 'Tenure', record: { slug, person: 'richard-verma', office: OFFICES[1]!, start: { label: 'in 2021', earliest: '2021-01-01', latest: '2021-12-31', precision: 'YEAR' }, end: null, citations: CITED } }]);
  await followed(reader, created!.seq);
  const query: FindQuery<'Tenure'> = { where: [{ field: 'person', anyOf: ['richard-verma'] }], order: { field: 'START', direction: 'ASC' } };
  const slugsOf = async () => {
    const view = reader.view();
    const [page] = await view.findMany('Tenure', [query]);
    view.release?.();
    return page!.items.map((item) => item.entity.slug);
  };
  expect(await slugsOf()).toContain(slug);
  expect(await slugsOf()).toContain(slug);
  const [deleted] = await writer.write([{ operation: 'delete', type: 'Tenure', slug }]);
  await followed(reader, deleted!.seq);
  expect(await slugsOf()).not.toContain(slug);
});

describe('the cache itself', () => {
  const person = (name: string) => tagged('Person', { slug: 'p', name, aliases: [], country: null, citations: [] } as never);
  const page = { items: [], totalCount: 0, hasPreviousPage: false, hasNextPage: false };

  test('a read is answered and kept only at the cache version', () => {
    const cache = new RecordCache(10, 100);
    cache.keepRecord(9, 'Person', 'p', person('old'));
    expect(cache.record(10, 'Person', 'p')).toBeUndefined();
    cache.keepRecord(10, 'Person', 'p', person('now'));
    expect(cache.record(10, 'Person', 'p')).toMatchObject({ name: 'now' });
    expect(cache.record(11, 'Person', 'p')).toBeUndefined();
    cache.keepRecord(10, 'Person', 'q', null);
    expect(cache.record(10, 'Person', 'q')).toBeNull();
  });

  test('moving on drops the records that changed and every list of their types, and keeps the rest', () => {
    const cache = new RecordCache(10, 100);
    cache.keepRecord(10, 'Person', 'p', person('p'));
    cache.keepRecord(10, 'Person', 'other', person('other'));
    cache.keepList(10, 'Tenure', 'k', page);
    cache.keepList(10, 'Meeting', 'k', page);
    cache.advance(12, [
      { seq: 11, type: 'Person', slug: 'p' },
      { seq: 12, type: 'Tenure', slug: 't' },
    ]);
    expect(cache.at).toBe(12);
    expect(cache.record(12, 'Person', 'p')).toBeUndefined();
    expect(cache.record(12, 'Person', 'other')).toMatchObject({ name: 'other' });
    expect(cache.list(12, 'Tenure', 'k')).toBeUndefined();
    expect(cache.list(12, 'Meeting', 'k')).toBe(page);
  });

  test.each([
    ['a change missing', [{ seq: 12, type: 'Person' as const, slug: 'x' }]],
    ['changes not known', null],
  ])('moving on with %s drops everything', (_, changes) => {
    const cache = new RecordCache(10, 100);
    cache.keepRecord(10, 'Person', 'other', person('other'));
    cache.advance(12, changes);
    expect(cache.at).toBe(12);
    expect(cache.record(12, 'Person', 'other')).toBeUndefined();
  });

  test('only whole lists of one value are kept', () => {
    const order = { field: 'START', direction: 'ASC' } as const;
    expect(wholeListKey({ where: [{ field: 'person', anyOf: ['p'] }], order })).not.toBeNull();
    expect(wholeListKey({ where: [{ field: 'person', anyOf: ['p'] }], order, first: 2 })).toBeNull();
    expect(wholeListKey({ where: [{ field: 'person', anyOf: ['p', 'q'] }], order })).toBeNull();
    expect(wholeListKey({ order })).toBeNull();
    expect(wholeListKey({ where: [{ field: 'person', anyOf: ['p'] }], order, text: 'x' })).toBeNull();
  });
});
