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
import { Client } from 'pg';
import type { ChangeRequest, FindQuery, FindResult, StoreReader } from '../../src/store/contract/store';
import { tagged } from '../../src/store/contract/tagged';
import { PgStore } from '../../src/store/postgres/pg-store';
import { RecordCache } from '../../src/store/postgres/record-cache';
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
  // Each person's meetings filtered further (by words the writes change, by dates), paged
  // from a cursor: from the posting table of the person's meetings once the cache holds it.
  const filtered = await view.findMany(
    'Meeting',
    PEOPLE.flatMap((person): FindQuery<'Meeting'>[] => {
      const where = [{ field: 'participant' as const, anyOf: [person] }];
      return [
        { where, text: 'number', order: { field: 'DATE', direction: 'DESC' }, first: 1 },
        { where, dateRange: { from: '2023-01-01', to: '2023-12-31', match: 'WITHIN' }, order: { field: 'TITLE', direction: 'ASC' }, first: 2, after: ['a'] },
      ];
    }),
  );
  const pages = (found: FindResult[]) => found.map((page) => ({ ...page, items: page.items.map((item) => [item.entity, item.key]) }));
  return JSON.stringify({ version: view.version, people, tenures: pages(tenures), offices, meetings, filtered: pages(filtered) });
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
        // As a request reads (cacheFirst), and as other callers do.
        const view = reader.view({ cacheFirst: round === 1 });
        const truth = plain.view();
        expect(await readAll(view)).toBe(await readAll(truth));
        expect(view.mixed).toBe(false);
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

describe('a view the cache answers first', () => {
  /** Statements this process sends while `read` runs. */
  async function statementsDuring(read: () => Promise<unknown>): Promise<string[]> {
    const sent: string[] = [];
    const original = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      sent.push(typeof first === 'string' ? first : (first?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
    try {
      await read();
    } finally {
      Client.prototype.query = original;
    }
    return sent;
  }
  const tenuresOf = (person: string): FindQuery<'Tenure'> => ({ where: [{ field: 'person', anyOf: [person] }], order: { field: 'START', direction: 'ASC' } });
  /** A view that has read a person and their tenures, all from the cache. */
  async function warmView(): Promise<StoreReader> {
    for (let round = 0; round < 2; round++) {
      const view = reader.view();
      await view.getMany('Person', ['kairat-umarov']);
      await view.findMany('Tenure', [tenuresOf('kairat-umarov')]);
      view.release?.();
    }
    const view = reader.view({ cacheFirst: true });
    expect(await statementsDuring(async () => {
      await view.getMany('Person', ['kairat-umarov']);
      await view.findMany('Tenure', [tenuresOf('kairat-umarov')]);
    })).toEqual([]);
    return view;
  }

  test('reads the cache\'s version and opens no transaction', async () => {
    const view = await warmView();
    expect(view.version).toBe(reader.version);
    expect(view.mixed).toBe(false);
    view.release?.();
  });

  test('a filter on a missing reference, the empty value or a value with NUL is answered as without the cache', async () => {
    const queries = ([null, '', 'a\u0000b'] as (string | null)[]).map((value): FindQuery<'Meeting'> => ({ where: [{ field: 'location', anyOf: [value] }], order: { field: 'DATE', direction: 'ASC' }, first: 3 }));
    for (let round = 0; round < 2; round++) {
      const view = reader.view({ cacheFirst: true });
      const truth = plain.view();
      const pages = (found: FindResult[]) => found.map((page) => ({ ...page, items: page.items.map((item) => item.entity.slug) }));
      expect(pages(await view.findMany('Meeting', queries))).toEqual(pages(await truth.findMany('Meeting', queries)));
      view.release?.();
      truth.release?.();
    }
  });

  test('after a write of its own store, it reads that write, though the cache has not heard of it yet', async () => {
    for (let n = 0; n < 5; n++) {
      const before = await warmView();
      before.release?.();
      const aliases = [`Own write ${++made}`];
      const [event] = await reader.write([{ operation: 'update', type: 'Person', slug: 'kairat-umarov', patch: { aliases } }]);
      // At once: the change feed's notification has not moved the cache on yet.
      const view = reader.view({ cacheFirst: true });
      const [person] = await view.getMany('Person', ['kairat-umarov']);
      expect({ version: view.version, aliases: person!.aliases }).toEqual({ version: event!.seq, aliases });
      view.release?.();
      await followed(reader, event!.seq);
    }
  });

  test('reading the database then, after a write to a type it read, it is mixed; after a write to another type, it reads the later version', async () => {
    // A write to a type the view read from the cache: the view's answers would span two versions.
    let view = await warmView();
    const taken = view.version;
    const [renamed] = await writer.write([{ operation: 'update', type: 'Person', slug: 'kairat-umarov', patch: { aliases: [`Alias ${++made}`] } }]);
    await view.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: 3 }]);
    expect(view.version).toBe(renamed!.seq);
    expect(view.mixed).toBe(true);
    view.release?.();
    await followed(reader, renamed!.seq);

    // A write to a type it did not read: its answers hold at the later version too.
    view = await warmView();
    expect(view.version).toBeGreaterThan(taken);
    const [created] = await writer.write([{ operation: 'update', type: 'Meeting', slug: MEETINGS[0]!, patch: { summary: `Summary number ${++made}.` } }]);
    await view.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: 3 }]);
    expect(view.version).toBe(created!.seq);
    expect(view.mixed).toBe(false);
    view.release?.();
    await followed(reader, created!.seq);

    // A view opened without `cacheFirst` is never mixed: its transaction comes first.
    const storeFirst = reader.view();
    const statements = await statementsDuring(() => storeFirst.getMany('Person', ['kairat-umarov']));
    expect(statements.some((text) => /BEGIN ISOLATION LEVEL REPEATABLE READ/.test(text))).toBe(true);
    expect(storeFirst.mixed).toBe(false);
    storeFirst.release?.();
  });
});

describe('the cache itself', () => {
  const person = (name: string) => tagged('Person', { slug: 'p', name, aliases: [], country: null, citations: [] } as never);
  const tenure = (slug: string, person: string) =>
    tagged('Tenure', { slug, person, office: 'o', start: { label: 'in 2020', earliest: '2020-01-01', latest: '2020-12-31', precision: 'YEAR' }, end: null, citations: [] } as never);

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

  test('moving on drops the records that changed and every posting table of their types, and keeps the rest', () => {
    const cache = new RecordCache(10, 100);
    cache.keepRecord(10, 'Person', 'p', person('p'));
    cache.keepRecord(10, 'Person', 'other', person('other'));
    const key = { field: 'person', value: 'p' };
    cache.keepTable(10, 'Tenure', key, [tenure('t', 'p')]);
    const meetings = cache.keepTable(10, 'Meeting', key, []);
    cache.advance(12, [
      { seq: 11, type: 'Person', slug: 'p' },
      { seq: 12, type: 'Tenure', slug: 't' },
    ]);
    expect(cache.at).toBe(12);
    expect(cache.record(12, 'Person', 'p')).toBeUndefined();
    expect(cache.record(12, 'Person', 'other')).toMatchObject({ name: 'other' });
    expect(cache.table(12, 'Tenure', key)).toBeUndefined();
    expect(cache.table(12, 'Meeting', key)).toBe(meetings);
  });

  test('a posting table is kept only at the cache version, and answers what the memory engine does', () => {
    const cache = new RecordCache(10, 100);
    const key = { field: 'person', value: 'p' };
    cache.keepTable(9, 'Tenure', key, [tenure('old', 'p')]);
    expect(cache.table(10, 'Tenure', key)).toBeUndefined();
    cache.keepTable(10, 'Tenure', key, [tenure('b', 'p'), tenure('a', 'p')]);
    const page = cache.table(10, 'Tenure', key)!.find({ where: [{ field: 'person', anyOf: ['p'] }], order: { field: 'START', direction: 'ASC' }, first: 1 });
    expect(page.items.map((item) => item.entity.slug)).toEqual(['a']);
    expect(page).toMatchObject({ totalCount: 2, hasNextPage: true });
    expect(cache.table(11, 'Tenure', key)).toBeUndefined();
  });

  test('posting tables hold at most as many records as the cache does, the least recently used dropped first', () => {
    const cache = new RecordCache(10, 5);
    const keyOf = (value: string) => ({ field: 'person', value });
    cache.keepTable(10, 'Tenure', keyOf('p'), [tenure('a', 'p'), tenure('b', 'p'), tenure('c', 'p')]);
    cache.keepTable(10, 'Tenure', keyOf('q'), [tenure('d', 'q'), tenure('e', 'q')]);
    expect(cache.table(10, 'Tenure', keyOf('p'))).toBeDefined();
    cache.keepTable(10, 'Tenure', keyOf('r'), [tenure('f', 'r')]);
    expect(cache.table(10, 'Tenure', keyOf('q'))).toBeUndefined();
    expect(cache.table(10, 'Tenure', keyOf('p'))?.size).toBe(3);
    expect(cache.table(10, 'Tenure', keyOf('r'))?.size).toBe(1);
    // A list longer than the whole budget is answered but not kept.
    const long = cache.keepTable(10, 'Tenure', keyOf('s'), ['g', 'h', 'i', 'j', 'k', 'l'].map((slug) => tenure(slug, 's')));
    expect(long.size).toBe(6);
    expect(cache.table(10, 'Tenure', keyOf('s'))).toBeUndefined();
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
});
