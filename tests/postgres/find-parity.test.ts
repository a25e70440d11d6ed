/**
 * The PostgreSQL store answers list requests exactly as the JSON store does: random
 * filters, orders, directions and Relay windows (first, last, after, before, also
 * combined and inverted) over the article's data, compared page by page — items, cursors,
 * totalCount and both page flags. Filters include several conditions on one field (how
 * `countriesAll`/`participantsAll` reach the store), an empty `anyOf` (an `…All` value
 * naming nothing) and both date matches, OVERLAPS and WITHIN, with windows on the data's
 * boundary days. Runs in jest's `postgres` project.
 */
import fc from 'fast-check';
import { JsonStore } from '../../src/store/json/json-store';
import { PgStore } from '../../src/store/postgres/pg-store';
import { ENTITY_TYPES, type EntityType } from '../../src/store/contract/records';
import { INDEXED_FIELDS, ORDER_FIELDS, SUMMARY_PARTS, type FindQuery, type FindResult, type MeetingSummary, type SortKey, type StoreReader, type SummaryPart, type Tally, type TallyQuery } from '../../src/store/contract/store';
import { TABLE_SPECS } from '../../src/store/keys/table-specs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { createPool } from '../../src/store/postgres/database';
import { findPages } from '../../src/store/postgres/find';
import { getManyOn } from '../../src/store/postgres/reads';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let json: JsonStore;
let pg: PgStore;
let schema: string;
let directory: string;
/** Every record's sort keys and indexed values, to draw cursors and filter values that exist (and some that do not). */
const keysOf = new Map<string, SortKey[]>();
const valuesOf = new Map<string, (string | null)[]>();
const wordsOf = new Map<EntityType, string[]>();

beforeAll(async () => {
  directory = await createTempDataDir();
  json = await JsonStore.open(directory, { readOnly: true });
  await json.indexed;
  schema = await importIntoNewSchema(directory);
  pg = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2 });
  for (const type of ENTITY_TYPES) {
    for (const field of ORDER_FIELDS[type]) {
      const [page] = await json.findMany(type, [{ order: { field, direction: 'ASC' } } as FindQuery]);
      keysOf.set(`${type}:${field}`, [...page!.items.map((item) => item.key), ['~no-such-key']]);
    }
    const data = json.dataset()[type] as never[];
    for (const field of INDEXED_FIELDS[type] as readonly string[]) {
      const values = new Set<string | null>([null, 'no-such-value']);
      for (const record of data) for (const value of TABLE_SPECS[type].indexes[field]!(record)) values.add(value);
      valuesOf.set(`${type}:${field}`, [...values]);
    }
    const text = TABLE_SPECS[type].text;
    if (text) wordsOf.set(type, [...new Set(data.flatMap((record) => text(record).split(/\W+/).filter((word) => word.length > 2)))].slice(0, 40));
  }
});
afterAll(async () => {
  await pg?.close();
  await json?.close();
  if (schema) await dropSchema(schema);
  await removeTempDataDir(directory);
});

/** Window bounds: the data's boundary days (late February and 30 April 2023, the sources' days) and their neighbours, and far ones. */
const DAYS = ['1996-01-01', '2022-03-01', '2023-02-20', '2023-02-21', '2023-02-22', '2023-02-28', '2023-03-01', '2023-04-29', '2023-04-30', '2023-05-01', '2023-05-15', '2026-05-15'];

const queryOf = (type: EntityType) =>
  fc
    .record({
      field: fc.constantFrom(...ORDER_FIELDS[type]),
      direction: fc.constantFrom('ASC' as const, 'DESC' as const),
      first: fc.option(fc.nat(9), { nil: undefined }),
      last: fc.option(fc.nat(9), { nil: undefined }),
      afterIndex: fc.option(fc.nat(200), { nil: undefined }),
      beforeIndex: fc.option(fc.nat(200), { nil: undefined }),
      where: fc.array(fc.record({ field: fc.constantFrom(...(INDEXED_FIELDS[type] as readonly string[])), pick: fc.array(fc.nat(200), { minLength: 0, maxLength: 3 }) }), { maxLength: 4 }),
      dates: fc.option(fc.record({ from: fc.option(fc.constantFrom(...DAYS)), to: fc.option(fc.constantFrom(...DAYS)), match: fc.constantFrom(undefined, 'OVERLAPS' as const, 'WITHIN' as const) }), { nil: undefined }),
      words: fc.option(fc.array(fc.nat(40), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    })
    .map((drawn): FindQuery => {
      const keys = keysOf.get(`${type}:${drawn.field}`)!;
      const query: FindQuery = { order: { field: drawn.field as never, direction: drawn.direction }, first: drawn.first ?? null, last: drawn.last ?? null };
      if (drawn.afterIndex !== undefined) query.after = keys[drawn.afterIndex % keys.length]!;
      if (drawn.beforeIndex !== undefined) query.before = keys[drawn.beforeIndex % keys.length]!;
      query.where = drawn.where.map(({ field, pick }) => {
        const values = valuesOf.get(`${type}:${field}`)!;
        return { field: field as never, anyOf: pick.map((i) => values[i % values.length]!) };
      });
      if (drawn.dates && (type === 'Meeting' || type === 'Source')) {
        query.dateRange = { from: drawn.dates.from, to: drawn.dates.to, ...(drawn.dates.match ? { match: drawn.dates.match } : {}) };
      }
      const words = wordsOf.get(type);
      if (drawn.words && words && words.length > 0) query.text = drawn.words.map((i) => words[i % words.length]!.slice(0, 4)).join(' ');
      return query;
    });

const summary = (result: FindResult) => ({
  slugs: result.items.map((item) => item.entity.slug),
  keys: result.items.map((item) => item.key),
  totalCount: result.totalCount,
  hasPreviousPage: result.hasPreviousPage,
  hasNextPage: result.hasNextPage,
});

/** A request's reads: a view, whose pages of up to 101 are one statement each, their records through the record cache. */
async function inView<R>(read: (view: StoreReader) => Promise<R>): Promise<R> {
  const view = pg.view();
  try {
    return await read(view);
  } finally {
    view.release?.();
  }
}

test.each(['Meeting', 'Person', 'Tenure', 'Organization', 'Source', 'Country'] as EntityType[])('%s: random pages are the same on both stores', async (type) => {
  await fc.assert(
    fc.asyncProperty(fc.array(queryOf(type), { minLength: 1, maxLength: 4 }), async (queries) => {
      const [fromJson, fromPg, fromView] = await Promise.all([json.findMany(type, queries as never), pg.findMany(type, queries as never), inView((view) => view.findMany(type, queries as never))]);
      expect(fromPg.map(summary)).toEqual(fromJson.map(summary));
      expect(fromView.map(summary)).toEqual(fromJson.map(summary));
    }),
    { numRuns: 150 },
  );
});

test.each(['Meeting', 'Person', 'Tenure'] as EntityType[])('%s: a filter of several posting lists gives the same pages whichever list it walks', async (type) => {
  const pool = createPool({ url: TEST_DATABASE_URL, schema });
  try {
    await fc.assert(
      fc.asyncProperty(queryOf(type), fc.nat(), async (query, shortest) => {
        // Which list is shortest, as posting-sizes.ts would say: each field in turn.
        const fields = [...new Set((query.where ?? []).map(({ field }) => field))];
        const walked = fields[shortest % Math.max(1, fields.length)];
        const sizes = { sizeOf: (_type: string, field: string) => (field === walked ? 1 : 1000) };
        const [fromJson] = await json.findMany(type, [query as never]);
        const [fromPg] = await findPages(pool, type, [query as never], { sizes });
        expect(summary(fromPg!)).toEqual(summary(fromJson!));
        // A page of up to 101 in one statement, its records read by slug (a view's page when
        // its record cache cannot answer: another version than the cache's), the walked list
        // short: its matches found once for the count, the window and the cursors.
        const [bySlug] = await findPages(pool, type, [query as never], { sizes, records: (recordType, slugs) => getManyOn(pool, recordType, slugs) });
        expect(summary(bySlug!)).toEqual(summary(fromJson!));
      }),
      { numRuns: 120 },
    );
  } finally {
    await pool.end();
  }
});

/** Each distinct summary in `parts` (in MeetingSummary's shape, whatever else a store gave) with how many meetings have it, by its JSON. */
function tallied(tallies: readonly Tally[], parts: readonly SummaryPart[]): Map<string, number> {
  const shape: { [P in SummaryPart]: (summary: MeetingSummary) => unknown } = {
    kind: (summary) => summary.kind,
    date: ({ date }) => ({ earliest: date.earliest, latest: date.latest }),
    countries: (summary) => summary.countries,
    topics: (summary) => summary.topics.map(({ topic }) => ({ topic })),
    partOf: (summary) => summary.partOf,
    coding: (summary) => ({ ploverCategory: summary.coding.ploverCategory }),
  };
  const counts = new Map<string, number>();
  for (const { summary, count } of tallies) {
    const key = JSON.stringify([...new Set(parts)].sort().map((part) => shape[part](summary)));
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}

test('meeting tallies: the same summaries, as many times, on both stores, for any filter and parts', async () => {
  const parts = fc.uniqueArray(fc.constantFrom(...SUMMARY_PARTS), { maxLength: SUMMARY_PARTS.length });
  await fc.assert(
    fc.asyncProperty(queryOf('Meeting'), parts, async ({ where, text, dateRange }, asked) => {
      const query: TallyQuery = { filter: { where: where as TallyQuery['filter']['where'], text, dateRange }, parts: asked };
      const [[fromJson], [fromPg], [fromView]] = await Promise.all([json.meetingTallies([query]), pg.meetingTallies([query]), inView((view) => view.meetingTallies([query]))]);
      const [page] = await json.findMany('Meeting', [{ where, text, dateRange, order: { field: 'DATE', direction: 'ASC' } }]);
      expect(fromJson!.reduce((sum, { count }) => sum + count, 0)).toBe(page!.totalCount);
      expect(tallied(fromPg!, asked)).toEqual(tallied(fromJson!, asked));
      expect(tallied(fromView!, asked)).toEqual(tallied(fromJson!, asked));
      // Grouped in the database: no summary twice.
      expect(tallied(fromPg!, asked).size).toBe(fromPg!.length);
    }),
    { numRuns: 120 },
  );
});

test('getMany and counts agree', async () => {
  for (const type of ENTITY_TYPES) {
    const slugs = [...(json.dataset()[type] as { slug: string }[]).map((record) => record.slug).reverse(), 'no-such-slug'];
    const [fromJson, fromPg] = await Promise.all([json.getMany(type, slugs), pg.getMany(type, slugs)]);
    expect(fromPg.map((record) => (record === null ? null : JSON.stringify(record)))).toEqual(fromJson.map((record) => (record === null ? null : JSON.stringify(record))));
  }
  expect(await pg.counts()).toEqual(await json.counts());
});

test('source texts agree, null for a source without text and for no source', async () => {
  const slugs = [...json.dataset().Source.map((source) => source.slug), 'no-such-source'];
  const fromPg = await pg.sourceTexts(slugs);
  expect(fromPg).toEqual(await json.sourceTexts(slugs));
  // The article's and the three reference datasets'.
  expect(fromPg.filter((text) => text !== null)).toHaveLength(4);
});

/** A migration's two halves, as its SQL file writes them. */
async function migration(name: string): Promise<{ up: string; down: string }> {
  const [up, down] = (await readFile(path.resolve(__dirname, '../../migrations', name), 'utf8')).split('-- Down Migration');
  return { up: up!, down: down! };
}

/** Runs `check` with a one-connection pool on the test schema. */
async function onSchema(check: (pool: Pool) => Promise<void>): Promise<void> {
  const pool = createPool({ url: TEST_DATABASE_URL, schema, max: 1 });
  try {
    await check(pool);
  } finally {
    await pool.end();
  }
}

test("the citedSource migrations derive, for data imported before them, the rows an import writes (countries' and places' too)", () =>
  onSchema(async (pool) => {
    const rows = async () => (await pool.query("SELECT type, value, slug, during::text FROM entity_value WHERE field = 'citedSource' ORDER BY type, value, slug")).rows;
    const imported = await rows();
    expect(imported.length).toBeGreaterThan(20);
    expect(imported).toContainEqual({ type: 'Place', value: 'countries-list-3-4-1', slug: 'astana', during: null });
    // And the later one that gives every posting its dates: back to before them all, then up to now.
    const migrations = await Promise.all(['1765000000000_cited-source-index.sql', '1765100000000_reference-citations-index.sql', '1767000000000_posting-dates.sql'].map(migration));
    for (const { down } of [...migrations].reverse()) await pool.query(down);
    expect((await pool.query("SELECT count(*)::int AS n FROM entity_value WHERE field = 'citedSource'")).rows[0].n).toBe(0);
    for (const { up } of migrations) await pool.query(up);
    expect(await rows()).toEqual(imported);
  }));

test('the meeting-summary migration derives, for meetings imported before it, the summaries an import writes', () =>
  onSchema(async (pool) => {
    const summaries = async () => (await pool.query('SELECT type, slug, summary FROM entity WHERE summary IS NOT NULL ORDER BY type, slug')).rows;
    const imported = await summaries();
    expect(imported.map(({ type }) => type)).toEqual(json.dataset().Meeting.map(() => 'Meeting'));
    expect(imported.find(({ slug }) => slug === 'kairat-umarov-richard-verma-meeting-2023')?.summary).toEqual({
      kind: 'BILATERAL_MEETING',
      date: { earliest: '2023-02-21', latest: '2023-04-30' },
      countries: ['kazakhstan', 'united-states'],
      topics: [],
      partOf: 'kairat-umarov-visit-to-the-united-states-2023',
      coding: { ploverCategory: 'CONSULT' },
    });
    const { up, down } = await migration('1766000000000_meeting-summary.sql');
    await pool.query(down);
    await expect(summaries()).rejects.toThrow(/summary/);
    await pool.query(up);
    expect(await summaries()).toEqual(imported);
  }));

test("the posting-dates migration gives the postings held their records' date ranges, as an import writes them", () =>
  onSchema(async (pool) => {
    const postings = async () => (await pool.query('SELECT type, field, value, slug, during::text FROM entity_value ORDER BY type, field, value, slug')).rows;
    const imported = await postings();
    // A meeting's postings carry its dates (2023-02-21 to 2023-04-30; upper bound exclusive); an undated record's none.
    expect(imported).toContainEqual({ type: 'Meeting', field: 'country', value: 'kazakhstan', slug: 'kairat-umarov-richard-verma-meeting-2023', during: '[2023-02-21,2023-05-01)' });
    expect(imported.filter(({ type }) => type === 'Country').every(({ during }) => during === null)).toBe(true);
    const { up, down } = await migration('1767000000000_posting-dates.sql');
    await pool.query(down);
    await expect(postings()).rejects.toThrow(/during/);
    await pool.query(up);
    expect(await postings()).toEqual(imported);
    const { rows } = await pool.query("SELECT pg_get_indexdef('entity_value_pkey'::regclass) AS definition");
    expect(rows[0].definition).toMatch(/\(type, field, value, slug\) INCLUDE \(during\)/);
  }));
