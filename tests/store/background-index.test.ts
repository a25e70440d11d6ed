/**
 * The text and name indexes are built after the store opens, in the background: queries
 * that need them wait and answer as they would after; every other query and every write
 * is served meanwhile, and writes made during indexing are found.
 */
import { JsonStore } from '../../src/store/json/json-store';
import { loadDataset } from '../../src/store/json/load-dataset';
import { StoreView } from '../../src/store/memory/store-view';
import type { FindQuery } from '../../src/store/contract/store';
import type { TableSpec } from '../../src/store/keys/table-spec';
import { Table } from '../../src/store/memory/table';
import { TABLE_SPECS } from '../../src/store/keys/table-specs';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let directory: string;

beforeEach(async () => {
  directory = await createTempDataDir();
});

afterEach(async () => {
  await removeTempDataDir(directory);
});

const byText = (text: string): FindQuery<'Meeting'> => ({ text, order: { field: 'DATE', direction: 'ASC' } });
const slugs = (items: { entity: { slug: string } }[]) => items.map((item) => item.entity.slug);

async function answers(store: JsonStore) {
  const [nuland, energy] = await store.findMany('Meeting', [byText('nuland'), byText('energ')]);
  const hits = await store.search('umarov', 10);
  return { nuland: slugs(nuland!.items), energy: slugs(energy!.items), search: hits.map((hit) => `${hit.entity.__typename}:${hit.entity.slug}`) };
}

describe('background indexing', () => {
  test('text filters and search issued right after open wait for the indexes and answer as after', async () => {
    const store = await JsonStore.open(directory);
    expect(store.indexing).toBe(true);
    const early = await answers(store);
    expect(store.indexing).toBe(false);
    expect(early.nuland).toEqual(['kairat-umarov-victoria-nuland-meeting-2023']);
    expect(early.search[0]).toBe('Person:kairat-umarov');
    expect(await answers(store)).toEqual(early);
    await store.close();
  });

  test('queries without text are answered before the indexes are built', async () => {
    const store = await JsonStore.open(directory);
    const [all] = await store.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' } }]);
    expect(all!.totalCount).toBe(8);
    expect(store.indexing).toBe(true);
    await store.indexed;
    await store.close();
  });

  test('writes made while indexing are kept and found by text and name', async () => {
    const store = await JsonStore.open(directory);
    expect(store.indexing).toBe(true);
    await store.write([{ operation: 'create', type: 'Topic', record: { slug: 'desalination', name: 'desalination', aliases: ['water supply'], parent: null } }]);
    await store.write([{ operation: 'update', type: 'Topic', slug: 'energy', patch: { aliases: ['power grids'] } }]);
    const [found] = await store.findMany('Topic', [{ text: 'desal', order: { field: 'NAME', direction: 'ASC' } }]);
    expect(slugs(found!.items)).toEqual(['desalination']);
    expect((await store.search('water supply', 5)).map((hit) => hit.entity.slug)).toEqual(['desalination']);
    expect((await store.search('power grids', 5)).map((hit) => hit.entity.slug)).toEqual(['energy']);
    await store.indexed;
    const [security] = await store.findMany('Topic', [{ text: 'security', order: { field: 'NAME', direction: 'ASC' } }]);
    expect(slugs(security!.items)).toContain('security');
    await store.close();
    const reopened = await JsonStore.open(directory);
    expect((await reopened.search('desalination', 5)).map((hit) => hit.entity.slug)).toEqual(['desalination']);
    await reopened.close();
  });
});

describe('Table with deferred search', () => {
  type Topic = { slug: string; name: string; aliases: string[]; parent: string | null };
  const spec = TABLE_SPECS.Topic as unknown as TableSpec<Topic>;
  const topic = (slug: string, name: string): Topic => ({ slug, name, aliases: [], parent: null });
  const query = (text: string) => ({ text, order: { field: 'NAME', direction: 'ASC' as const } });

  test('a text query needs the index until it is built; other filters and writes do not', async () => {
    const v1 = Table.build([topic('a', 'Energy'), topic('b', 'Trade'), topic('c', 'Energy security')], spec, { deferSearch: true });
    expect(v1.findNow(query('energy'))).toBeNull();
    expect(() => v1.searchNames('energy')).toThrow('still being built');
    // Another filter leaves few candidates: their words are read without the index.
    expect(v1.findNow({ ...query('energy'), where: [{ field: 'parent', anyOf: [null] }] })!.items.map((item) => item.entity.slug)).toEqual(['a', 'c']);
    const v2 = v1.with([{ slug: 'b', record: topic('b', 'Energy trade') }, { slug: 'd', record: topic('d', 'Water') }]);
    expect(v2.searchIsReady).toBe(false);
    await v1.indexSearch();
    expect(v1.find(query('energy')).items.map((item) => item.entity.slug)).toEqual(['a', 'c']);
    expect(v2.find(query('energy')).items.map((item) => item.entity.slug)).toEqual(['a', 'c', 'b']);
    expect(v2.searchNames('water').map((hit) => hit.record.slug)).toEqual(['d']);
    expect(v1.searchNames('water')).toEqual([]);
  });
});

describe('Table with deferred indexes', () => {
  type Topic = { slug: string; name: string; aliases: string[]; parent: string | null };
  const spec = { ...(TABLE_SPECS.Topic as unknown as TableSpec<Topic>), onDemand: ['parent'] };
  const topic = (slug: string, name: string, parent: string | null = null): Topic => ({ slug, name, aliases: [], parent });
  const records = [topic('trade', 'Trade'), topic('energy', 'Energy'), topic('oil', 'Oil', 'energy'), topic('gas', 'Gas', 'energy')];
  const byName = { order: { field: 'NAME', direction: 'ASC' as const } };
  const queries = [byName, { ...byName, where: [{ field: 'parent', anyOf: ['energy'] }] }, { ...byName, first: 2, after: ['gas', 'gas'] }];
  const names = (found: { items: { entity: { slug: string } }[] } | null) => found && found.items.map((item) => item.entity.slug);

  test('answers no query from an index not built yet, then every query as a table built at once', async () => {
    const deferred = Table.build(records, spec, { deferIndexes: true });
    const eager = Table.build(records, spec);
    for (const query of queries) expect(deferred.findNow(query)).toBeNull();
    // The records and their slugs are there at once.
    expect(deferred.get('oil')).toEqual(records[2]);
    expect(deferred.size).toBe(4);
    await deferred.indexesReady;
    for (const query of queries) expect(names(deferred.findNow(query))).toEqual(names(eager.findNow(query)));
  });

  test('a version written before the indexes are built waits for them too, then answers with the write', async () => {
    const v1 = Table.build(records, spec, { deferIndexes: true });
    const v2 = v1.with([{ slug: 'coal', record: topic('coal', 'Coal', 'energy') }, { slug: 'gas', record: null }]);
    expect(v2.findNow(queries[1]!)).toBeNull();
    await v2.indexesReady;
    expect(names(v2.findNow(queries[1]!))).toEqual(['coal', 'oil']);
    expect(names(v1.findNow(queries[1]!))).toEqual(['gas', 'oil']);
  });

  test('a write that folds the delta builds the indexes it merges, and the new base answers at once', () => {
    const v1 = Table.build(records, spec, { deferIndexes: true, deltaLimit: () => 0 });
    const v2 = v1.with([{ slug: 'coal', record: topic('coal', 'Coal', 'energy') }]);
    expect(names(v2.findNow(queries[1]!))).toEqual(['coal', 'gas', 'oil']);
    expect(names(v2.findNow(byName))).toEqual(['coal', 'energy', 'gas', 'oil', 'trade']);
  });

  test('an index built on demand is built on first use, and kept across folds', () => {
    const v1 = Table.build(records, spec, { deltaLimit: () => 1 });
    expect(v1.listedUnder('parent', 'energy').map((record) => record.slug)).toEqual(['oil', 'gas']);
    const v2 = v1.with([{ slug: 'coal', record: topic('coal', 'Coal', 'energy') }, { slug: 'oil', record: null }]);
    expect(v2.listedUnder('parent', 'energy').map((record) => record.slug)).toEqual(['gas', 'coal']);
    expect(v2.listedUnder('parent', null).map((record) => record.slug)).toEqual(['trade', 'energy']);
    const v3 = Table.build(records, spec, { deltaLimit: () => 1 }).with([{ slug: 'coal', record: topic('coal', 'Coal', 'energy') }, { slug: 'oil', record: null }]);
    expect(v3.listedUnder('parent', 'energy').map((record) => record.slug)).toEqual(['gas', 'coal']);
  });
});

describe('a store opened with its indexes still to build', () => {
  test('answers filtered and paged queries issued right after open, waiting for the indexes, as it answers after', async () => {
    const view = StoreView.of(await loadDataset(directory), 0, { deferIndexes: true, deferSearch: true, deferIndexesFrom: 0 });
    const queries: FindQuery<'Meeting'>[] = [
      { order: { field: 'DATE', direction: 'DESC' }, first: 3 },
      { where: [{ field: 'country', anyOf: ['kazakhstan'] }], dateRange: { from: '2023-01-01', to: '2023-12-31' }, order: { field: 'TITLE', direction: 'ASC' } },
    ];
    expect(queries.map((query) => view.findNow('Meeting', query))).toEqual([undefined, undefined]);
    const early = await view.findMany('Meeting', queries);
    expect(view.isIndexed).toBe(false);
    await view.indexed;
    expect(await view.findMany('Meeting', queries)).toEqual(early);
    expect(early.map((found) => found.totalCount)).toEqual([8, expect.any(Number)]);
    expect(early[1]!.totalCount).toBeGreaterThan(0);
  });

  test('defers the indexes of large tables only', async () => {
    const view = StoreView.of(await loadDataset(directory), 0, { deferIndexes: true, deferIndexesFrom: 10 });
    const byTitle: FindQuery<'Meeting'> = { order: { field: 'TITLE', direction: 'ASC' } };
    // 8 meetings: built at once; 10 topics: deferred.
    expect(view.findNow('Meeting', byTitle)?.totalCount).toBe(8);
    expect(view.findNow('Topic', { order: { field: 'NAME', direction: 'ASC' } })).toBeUndefined();
    await view.indexed;
    expect(view.findNow('Topic', { order: { field: 'NAME', direction: 'ASC' } })?.totalCount).toBe(10);
  });

  test('refuses to delete a record still referred to, right after open', async () => {
    const store = await JsonStore.open(directory);
    await expect(store.write([{ operation: 'delete', type: 'Person', slug: 'kairat-umarov' }])).rejects.toThrow('still referred to');
    await store.close();
  });
});
