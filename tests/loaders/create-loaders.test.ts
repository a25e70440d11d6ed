/**
 * Loaders batch: each records the store calls it made, in the habit of dataloader's own
 * tests, over the real JSON store.
 */
import { execute, parse } from 'graphql';
import { RequestDeadline } from '../../src/execution/deadline';
import { createLoaders } from '../../src/loaders/create-loaders';
import { createMetrics } from '../../src/metrics';
import { buildAppSchema } from '../../src/schema/index';
import { CursorCodec } from '../../src/schema/relay/cursor';
import { JsonStore } from '../../src/store/json/json-store';
import { loadDataset } from '../../src/store/json/load-dataset';
import { StoreView } from '../../src/store/memory/store-view';
import type { EntityType } from '../../src/store/contract/records';
import type { FindQuery, StoreReader } from '../../src/store/contract/store';
import { DATA_DIR } from '../helpers/test-server';

/** The real store, with every call it receives recorded. */
async function recordingStore(): Promise<{ store: StoreReader; calls: [method: string, type: string, keys: unknown[]][] }> {
  const real = await JsonStore.open(DATA_DIR, { readOnly: true });
  const calls: [string, string, unknown[]][] = [];
  const store: StoreReader = {
    version: real.version,
    getMany(type, slugs) {
      calls.push(['getMany', type, [...slugs]]);
      return real.getMany(type, slugs);
    },
    findMany(type, queries) {
      calls.push(['findMany', type, [...queries]]);
      return real.findMany(type, queries);
    },
    meetingTallies(queries) {
      calls.push(['meetingTallies', 'Meeting', [...queries]]);
      return real.meetingTallies(queries);
    },
    sourceTexts(slugs) {
      calls.push(['sourceTexts', 'Source', [...slugs]]);
      return real.sourceTexts(slugs);
    },
    search(query, limit) {
      calls.push(['search', 'Search', [query, limit]]);
      return real.search(query, limit);
    },
    counts: () => real.counts(),
  };
  return { store, calls };
}

const byCountry = (slug: string): FindQuery<'Person'> => ({ where: [{ field: 'country', anyOf: [slug] }], order: { field: 'NAME', direction: 'ASC' } });

describe('createLoaders', () => {
  test('loads of one tick become one getMany, keys deduplicated, results in key order', async () => {
    const { store, calls } = await recordingStore();
    const loaders = createLoaders(store, createMetrics());
    const people = await Promise.all([
      loaders.personById.load('victoria-nuland'),
      loaders.personById.load('kairat-umarov'),
      loaders.personById.load('victoria-nuland'),
      loaders.personById.load('nobody'),
    ]);
    expect(people.map((person) => person?.name ?? null)).toEqual(['Victoria Nuland', 'Kairat Umarov', 'Victoria Nuland', null]);
    expect(calls).toEqual([['getMany', 'Person', ['victoria-nuland', 'kairat-umarov', 'nobody']]]);
  });

  test('list queries of one tick become one findMany', async () => {
    const { store, calls } = await recordingStore();
    const loaders = createLoaders(store, createMetrics());
    const [kazakh, american] = await Promise.all([loaders.personPages.load(byCountry('kazakhstan')), loaders.personPages.load(byCountry('united-states'))]);
    expect(kazakh.items.map((item) => item.entity.slug)).toEqual(['kairat-umarov', 'kassym-jomart-tokayev']);
    expect(american.totalCount).toBe(4);
    expect(calls).toEqual([['findMany', 'Person', [byCountry('kazakhstan'), byCountry('united-states')]]]);
  });

  test('loaders cache per request: a second load of the same key makes no call, a new request does', async () => {
    const { store, calls } = await recordingStore();
    const first = createLoaders(store, createMetrics());
    await first.countryById.load('kazakhstan');
    await first.countryById.load('kazakhstan');
    await createLoaders(store, createMetrics()).countryById.load('kazakhstan');
    expect(calls).toEqual([
      ['getMany', 'Country', ['kazakhstan']],
      ['getMany', 'Country', ['kazakhstan']],
    ]);
  });

  test('every batch is counted by entity in store_batch_loads_total', async () => {
    const { store } = await recordingStore();
    const metrics = createMetrics();
    const loaders = createLoaders(store, metrics);
    await Promise.all([loaders.meetingById.load('c5-plus-1-ministerial-astana-2023'), loaders.meetingById.load('antony-blinken-visit-to-kazakhstan-2023')]);
    await loaders.countryByIsoCode.load('KZ');
    await loaders.searchHits.load({ query: 'astana', limit: 5 });
    const values = (await metrics.storeBatchLoads.get()).values.map((value) => [value.labels.entity as EntityType | 'Search', value.value]);
    expect(values).toEqual([
      ['Meeting', 1],
      ['Country', 1],
      ['Search', 1],
    ]);
  });
});

describe('createLoaders over a store held in memory', () => {
  test('loads are answered at once, without a promise, and the reads of a tick count as one batch per type', async () => {
    const real = await JsonStore.open(DATA_DIR, { readOnly: true });
    const metrics = createMetrics();
    const loaders = createLoaders(real.view(), metrics);
    const person = loaders.personById.load('victoria-nuland');
    expect(person).not.toBeInstanceOf(Promise);
    expect((person as { name: string }).name).toBe('Victoria Nuland');
    expect(loaders.personById.load('nobody')).toBeNull();
    const page = loaders.personPages.load(byCountry('kazakhstan'));
    expect(page).not.toBeInstanceOf(Promise);
    expect((page as { items: { entity: { slug: string } }[] }).items.map((item) => item.entity.slug)).toEqual(['kairat-umarov', 'kassym-jomart-tokayev']);
    expect(loaders.countryByIsoCode.load('KZ')).toMatchObject({ slug: 'kazakhstan' });
    expect(loaders.countryByIsoCode.loadMany(['KZ', 'XX'])).toEqual([expect.objectContaining({ slug: 'kazakhstan' }), null]);
    await Promise.resolve();
    const counts = (await metrics.storeBatchLoads.get()).values.map((value) => [value.labels.entity, value.value]);
    expect(counts).toEqual([
      ['Person', 1],
      ['Country', 1],
    ]);
    const sizes = (await metrics.storeBatchSize.get()).values.filter((value) => value.metricName === 'store_batch_size_sum').map((value) => [value.labels.entity, value.value]);
    expect(sizes).toEqual([
      ['Person', 3],
      ['Country', 3],
    ]);
  });

  test('past the deadline a read throws REQUEST_TIMEOUT', async () => {
    const real = await JsonStore.open(DATA_DIR, { readOnly: true });
    const deadline = new RequestDeadline(0);
    const loaders = createLoaders(real.view(), createMetrics(), deadline);
    expect(() => loaders.meetingById.load('c5-plus-1-ministerial-astana-2023')).toThrow(expect.objectContaining({ extensions: { code: 'REQUEST_TIMEOUT' } }));
    expect(deadline.timedOut).toBe(true);
  });

  test('a text filter the index cannot answer yet goes to the store, which waits for the index', async () => {
    // A version whose word index is still being built (it is built in the background, in chunks).
    const view = StoreView.of(await loadDataset(DATA_DIR), 0, { deferSearch: true });
    const loaders = createLoaders(view, createMetrics());
    const answer = loaders.meetingPages.load({ text: 'astana', order: { field: 'DATE', direction: 'DESC' } });
    expect(answer).toBeInstanceOf(Promise);
    expect((await answer).items.map((item) => item.entity.slug)).toContain('c5-plus-1-ministerial-astana-2023');
    // Once the index is built, the same read is answered at once.
    await view.indexed;
    expect(createLoaders(view, createMetrics()).meetingPages.load({ text: 'astana', order: { field: 'DATE', direction: 'DESC' } })).not.toBeInstanceOf(Promise);
  });
});

describe('loaders behind the schema', () => {
  test('a page of meetings with their participants costs one people batch, however many meetings', async () => {
    const { store, calls } = await recordingStore();
    const contextValue = { loaders: createLoaders(store, createMetrics()), cursors: new CursorCodec('a test secret') };
    const result = await execute({
      schema: buildAppSchema(),
      document: parse('query MeetingsWithParticipants { meetings(first: 20) { nodes { participants { person { name } } } } }'),
      contextValue,
    });
    expect(result.errors).toBeUndefined();
    // Every meeting of the article's data (8), with people from most of them.
    expect((result.data as { meetings: { nodes: unknown[] } }).meetings.nodes).toHaveLength(8);
    expect(calls.map(([method, type]) => `${method} ${type}`)).toEqual(['findMany Meeting', 'getMany Person']);
  });
});
