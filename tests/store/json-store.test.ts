import { JsonStore } from '../../src/store/json/json-store';
import type { FindQuery, FindResult, SortKey } from '../../src/store/contract/store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

// The eight meetings of the shipped data, in DATE ASC order: late February 2023 first
// (2023-02-21 to 2023-02-28), then Umarov's, 2023-02-21 to 2023-04-30 (on or before 30 April
// 2023, after Blinken's visit); ties by slug.
const TOKAYEV = 'antony-blinken-kassym-jomart-tokayev-meeting-2023';
const BLINKEN_VISIT = 'antony-blinken-visit-to-kazakhstan-2023';
const C5 = 'c5-plus-1-ministerial-astana-2023';
const STEWART = 'kairat-umarov-mallory-stewart-meeting-2023';
const VERMA = 'kairat-umarov-richard-verma-meeting-2023';
const TALKS = 'kairat-umarov-talks-with-us-leadership-2023';
const NULAND = 'kairat-umarov-victoria-nuland-meeting-2023';
const UMAROV_VISIT = 'kairat-umarov-visit-to-the-united-states-2023';
const BY_DATE = [TOKAYEV, BLINKEN_VISIT, C5, STEWART, VERMA, TALKS, NULAND, UMAROV_VISIT];
const UMAROV_MEETINGS = [STEWART, VERMA, TALKS, NULAND, UMAROV_VISIT];

let directory: string;
let store: JsonStore;

beforeAll(async () => {
  directory = await createTempDataDir();
  store = await JsonStore.open(directory);
});

afterAll(async () => {
  await removeTempDataDir(directory);
});

/** One Meeting query, by date ascending unless the query says otherwise. */
async function meetings(query: Partial<FindQuery<'Meeting'>> = {}): Promise<FindResult<'Meeting'>> {
  const [result] = await store.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, ...query }]);
  if (!result) throw new Error('findMany returned no result for the query');
  return result;
}

const slugsOf = (result: FindResult) => result.items.map((item) => item.entity.slug);
const keyOf = (result: FindResult, slug: string): SortKey => {
  const item = result.items.find((candidate) => candidate.entity.slug === slug);
  if (!item) throw new Error(`${slug} is not in the result`);
  return item.key;
};

describe('getMany', () => {
  test('returns one result per slug, in slug order, with null for an unknown slug', async () => {
    const people = await store.getMany('Person', ['victoria-nuland', 'nobody', 'kairat-umarov', 'victoria-nuland']);
    expect(people.map((person) => person?.name ?? null)).toEqual(['Victoria Nuland', null, 'Kairat Umarov', 'Victoria Nuland']);
  });

  test('returns nothing for no slugs', async () => {
    expect(await store.getMany('Meeting', [])).toEqual([]);
  });

  test('tags each record with its type, invisibly to JSON, and freezes it', async () => {
    const [person] = await store.getMany('Person', ['kairat-umarov']);
    expect(person?.__typename).toBe('Person');
    expect(Object.keys(person ?? {})).toEqual(['slug', 'name', 'aliases', 'country', 'citations']);
    expect(Object.isFrozen(person)).toBe(true);
  });
});

describe('findMany conditions', () => {
  test('answers one result per query, in query order', async () => {
    const results = await store.findMany('Meeting', [
      { where: [{ field: 'participant', anyOf: ['richard-verma'] }], order: { field: 'DATE', direction: 'ASC' } },
      { where: [{ field: 'country', anyOf: ['kyrgyzstan'] }], order: { field: 'DATE', direction: 'ASC' } },
    ]);
    expect(results.map(slugsOf)).toEqual([[VERMA], [C5]]);
  });

  test('filters by country, matching any of the values', async () => {
    expect(slugsOf(await meetings({ where: [{ field: 'country', anyOf: ['kyrgyzstan', 'russia'] }] }))).toEqual([C5]);
  });

  test('filters by participant', async () => {
    expect(slugsOf(await meetings({ where: [{ field: 'participant', anyOf: ['antony-blinken'] }] }))).toEqual([TOKAYEV, BLINKEN_VISIT, C5]);
  });

  test('filters by topic', async () => {
    expect(slugsOf(await meetings({ where: [{ field: 'topic', anyOf: ['energy'] }] }))).toEqual([TOKAYEV, UMAROV_VISIT]);
  });

  test('filters by kind', async () => {
    expect(slugsOf(await meetings({ where: [{ field: 'kind', anyOf: ['VISIT'] }] }))).toEqual([BLINKEN_VISIT, UMAROV_VISIT]);
  });

  test('matches a missing reference with null (top-level meetings have no partOf)', async () => {
    expect(slugsOf(await meetings({ where: [{ field: 'partOf', anyOf: [null] }] }))).toEqual([BLINKEN_VISIT, UMAROV_VISIT]);
  });

  test('requires every condition to hold', async () => {
    const result = await meetings({ where: [{ field: 'participant', anyOf: ['kairat-umarov'] }, { field: 'topic', anyOf: ['trade'] }] });
    expect(slugsOf(result)).toEqual([TALKS]);
  });

  test('finds nothing for a value no record has', async () => {
    expect(await meetings({ where: [{ field: 'country', anyOf: ['atlantis'] }] })).toEqual({ items: [], totalCount: 0, hasPreviousPage: false, hasNextPage: false });
  });
});

describe('findMany date ranges', () => {
  test('matches a date known only as "on or before" in any earlier window, since its earliest day is unknown', async () => {
    const [verma] = await store.getMany('Meeting', [VERMA]);
    const { __typename, ...record } = { ...verma!, slug: 'an-undated-meeting', partOf: null, dateClaims: undefined };
    const onOrBefore = { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' as const };
    const otherDirectory = await createTempDataDir();
    const other = await JsonStore.open(otherDirectory);
    try {
      await other.write([{ operation: 'create', type: 'Meeting', record: { ...record, date: onOrBefore } }]);
      const [result] = await other.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, dateRange: { from: '1996-01-01', to: '1996-12-31' } }]);
      expect(slugsOf(result!)).toEqual(['an-undated-meeting']);
    } finally {
      await other.close();
      await removeTempDataDir(otherDirectory);
    }
  });

  test('leaves out dates that end before the window opens', async () => {
    expect(slugsOf(await meetings({ dateRange: { from: '2023-03-01', to: null } }))).toEqual(UMAROV_MEETINGS);
  });

  test('leaves out dates that begin after the window closes', async () => {
    expect(slugsOf(await meetings({ dateRange: { from: null, to: '2023-02-20' } }))).toEqual([]);
    expect(slugsOf(await meetings({ dateRange: { from: null, to: '2023-02-21' } }))).toEqual(BY_DATE);
  });

  test('matches a date whose range overlaps the window by a single day', async () => {
    expect(slugsOf(await meetings({ dateRange: { from: '2023-02-28', to: '2023-02-28' } }))).toEqual(BY_DATE);
  });

  test('matches nothing after the latest possible day of every meeting', async () => {
    expect(slugsOf(await meetings({ dateRange: { from: '2023-05-01', to: null } }))).toEqual([]);
  });
});

describe('findMany text filter', () => {
  test.each(['UMAROV', 'Úmarov', 'umar'])('matches word prefixes ignoring case and accents: %s', async (text) => {
    expect(slugsOf(await meetings({ text }))).toEqual(UMAROV_MEETINGS);
  });

  test('requires every word', async () => {
    expect(slugsOf(await meetings({ text: 'nuland political' }))).toEqual([NULAND]);
  });

  test('ignores a blank text', async () => {
    expect(slugsOf(await meetings({ text: '   ' }))).toEqual(BY_DATE);
  });
});

describe('findMany order', () => {
  test('orders by date ascending, ties by slug', async () => {
    const result = await meetings();
    expect(slugsOf(result)).toEqual(BY_DATE);
    expect(result.items[0]?.key).toEqual(['2023-02-21', '2023-02-28', TOKAYEV]);
    expect(result.items[7]?.key).toEqual(['2023-02-21', '2023-04-30', UMAROV_VISIT]);
  });

  test('orders by date descending', async () => {
    expect(slugsOf(await meetings({ order: { field: 'DATE', direction: 'DESC' } }))).toEqual([...BY_DATE].reverse());
  });

  test('orders by title, folded to lower case', async () => {
    const byTitle = [TOKAYEV, BLINKEN_VISIT, C5, STEWART, VERMA, NULAND, UMAROV_VISIT, TALKS];
    const ascending = await meetings({ order: { field: 'TITLE', direction: 'ASC' } });
    expect(slugsOf(ascending)).toEqual(byTitle);
    expect(ascending.items[2]?.key).toEqual(['c5+1 ministerial meeting in astana', C5]);
    expect(slugsOf(await meetings({ order: { field: 'TITLE', direction: 'DESC' } }))).toEqual([...byTitle].reverse());
  });
});

describe('findMany Relay windows', () => {
  test('takes the first items and says more follow', async () => {
    expect(await meetings({ first: 3 })).toMatchObject({ totalCount: 8, hasPreviousPage: false, hasNextPage: true });
    expect(slugsOf(await meetings({ first: 3 }))).toEqual([TOKAYEV, BLINKEN_VISIT, C5]);
  });

  test('continues after a key from a previous page', async () => {
    const all = await meetings();
    const page = await meetings({ first: 3, after: keyOf(all, C5) });
    expect(slugsOf(page)).toEqual([STEWART, VERMA, TALKS]);
    expect(page).toMatchObject({ totalCount: 8, hasPreviousPage: true, hasNextPage: true });
  });

  test('takes the last items and says more precede', async () => {
    const page = await meetings({ last: 2 });
    expect(slugsOf(page)).toEqual([NULAND, UMAROV_VISIT]);
    expect(page).toMatchObject({ totalCount: 8, hasPreviousPage: true, hasNextPage: false });
  });

  test('pages backwards from a key', async () => {
    const page = await meetings({ last: 2, before: keyOf(await meetings(), STEWART) });
    expect(slugsOf(page)).toEqual([BLINKEN_VISIT, C5]);
    expect(page).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  test('returns the items strictly between after and before', async () => {
    const all = await meetings();
    expect(slugsOf(await meetings({ after: keyOf(all, BLINKEN_VISIT), before: keyOf(all, NULAND) }))).toEqual([C5, STEWART, VERMA, TALKS]);
  });

  test('continues after a key in a descending order', async () => {
    const descending = await meetings({ order: { field: 'DATE', direction: 'DESC' }, first: 2 });
    expect(slugsOf(descending)).toEqual([UMAROV_VISIT, NULAND]);
    const next = await meetings({ order: { field: 'DATE', direction: 'DESC' }, first: 2, after: keyOf(descending, NULAND) });
    expect(slugsOf(next)).toEqual([TALKS, VERMA]);
  });

  test('resumes after a key whose record is not in the list', async () => {
    const page = await meetings({ first: 1, after: ['2023-02-21', '2023-04-30', 'a-deleted-meeting'] });
    expect(slugsOf(page)).toEqual([STEWART]);
  });

  test('returns an empty page after the last key, with a previous page and no next page', async () => {
    const all = await meetings();
    expect(await meetings({ after: keyOf(all, UMAROV_VISIT) })).toEqual({ items: [], totalCount: 8, hasPreviousPage: true, hasNextPage: false });
  });

  test('counts the whole filtered list whatever the window', async () => {
    const filtered = { where: [{ field: 'participant' as const, anyOf: ['kairat-umarov'] }] };
    const counts = await Promise.all([meetings(filtered), meetings({ ...filtered, first: 1 }), meetings({ ...filtered, last: 0 })]);
    expect(counts.map((result) => [result.items.length, result.totalCount])).toEqual([[5, 5], [1, 5], [0, 5]]);
  });

  test('pages forward by two through the same list as one full page', async () => {
    const seen: string[] = [];
    const pages: string[][] = [];
    let after: SortKey | null = null;
    for (let more = true; more; ) {
      const page: FindResult<'Meeting'> = await meetings({ first: 2, after });
      pages.push(slugsOf(page));
      seen.push(...slugsOf(page));
      after = page.items.at(-1)?.key ?? null;
      more = page.hasNextPage;
    }
    expect(pages).toEqual([[TOKAYEV, BLINKEN_VISIT], [C5, STEWART], [VERMA, TALKS], [NULAND, UMAROV_VISIT]]);
    expect(seen).toEqual(slugsOf(await meetings()));
  });

  test('pages backward by two through the same list as one full page', async () => {
    const pages: string[][] = [];
    let before: SortKey | null = null;
    for (let more = true; more; ) {
      const page: FindResult<'Meeting'> = await meetings({ last: 2, before });
      pages.unshift(slugsOf(page));
      before = page.items[0]?.key ?? null;
      more = page.hasPreviousPage;
    }
    expect(pages).toEqual([[TOKAYEV, BLINKEN_VISIT], [C5, STEWART], [VERMA, TALKS], [NULAND, UMAROV_VISIT]]);
    expect(pages.flat()).toEqual(slugsOf(await meetings()));
  });
});

describe('search', () => {
  const hitsFor = async (query: string, limit = 10) =>
    (await store.search(query, limit)).map((hit) => `${hit.entity.__typename}:${hit.entity.slug}`);

  test('ranks the person named by the query above meetings that mention them', async () => {
    expect(await hitsFor('blinken')).toEqual([`Person:antony-blinken`, `Meeting:${TOKAYEV}`, `Meeting:${BLINKEN_VISIT}`]);
  });

  test('ignores accents in the query', async () => {
    const expected = ['Person:kassym-jomart-tokayev', `Meeting:${TOKAYEV}`];
    expect(await hitsFor('tokayev')).toEqual(expected);
    expect(await hitsFor('Tokáyev')).toEqual(expected);
  });

  test('puts a whole-name match first, then names that begin with the query', async () => {
    expect(await hitsFor('c5+1')).toEqual(['Organization:c5-plus-1', `Meeting:${C5}`]);
  });

  test('forgives a small typo', async () => {
    expect(await hitsFor('nulland')).toEqual(['Person:victoria-nuland', `Meeting:${NULAND}`]);
  });

  test('returns at most limit hits, best first', async () => {
    expect(await hitsFor('blinken', 1)).toEqual(['Person:antony-blinken']);
  });

  test('returns nothing for an empty or blank query', async () => {
    expect(await store.search('', 10)).toEqual([]);
    expect(await store.search('   ', 10)).toEqual([]);
  });
});
