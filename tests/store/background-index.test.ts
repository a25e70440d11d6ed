/**
 * The text and name indexes are built after the store opens, in the background: queries
 * that need them wait and answer as they would after; every other query and every write
 * is served meanwhile, and writes made during indexing are found.
 */
import { JsonStore } from '../../src/store/json-store';
import type { FindQuery } from '../../src/store/store';
import { Table, type TableSpec } from '../../src/store/table';
import { TABLE_SPECS } from '../../src/store/table-specs';
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
