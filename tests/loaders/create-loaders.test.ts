/**
 * Loaders batch: each records the store calls it made, in the habit of dataloader's own
 * tests, over the real JSON store.
 */
import { createLoaders } from '../../src/loaders/create-loaders';
import { createMetrics } from '../../src/metrics';
import { JsonStore } from '../../src/store/json-store';
import type { EntityType } from '../../src/store/records';
import type { FindQuery, StoreReader } from '../../src/store/store';
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
