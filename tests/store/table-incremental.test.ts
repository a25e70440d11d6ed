/**
 * Property test of incremental tables: random sequences of creates, updates and deletes
 * are applied with `Table.with`; after each step the new version must answer random
 * queries (filters, date windows overlapped or contained, text, orders, Relay windows, get, searchNames, all)
 * exactly as a table built from scratch on the same records, and an older version must
 * still answer as a table built on its records. Tiny delta limits make every run fold
 * deltas into new bases and rebuild search generations.
 *
 * Deterministic: a fixed seed (FUZZ_SEED overrides it). FUZZ_SCALE multiplies the runs.
 */
import fc from 'fast-check';
import type { FuzzyDateRecord, MeetingRecord, PersonRecord } from '../../src/store/contract/records';
import type { SortKey } from '../../src/store/contract/store';
import type { TableSpec } from '../../src/store/keys/table-spec';
import { Table } from '../../src/store/memory/table';
import type { TableOptions } from '../../src/store/memory/table-options';
import type { TablePage, TableQuery } from '../../src/store/memory/table-query';
import { TABLE_SPECS } from '../../src/store/keys/table-specs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const WORDS = ['energy', 'energetic', 'security', 'secure', 'trade', 'tráde', 'water', 'summit', 'talks', 'Astana', 'astana-2023', 'caspian'];
const PEOPLE = ['p-0', 'p-1', 'p-2', 'p-3'];
const TOPICS = ['t-0', 't-1', 't-2'];
const COUNTRIES = ['c-0', 'c-1', 'c-2'];
const DAYS = ['2023-01-01', '2023-02-15', '2023-03-01', '2023-04-30', '2023-06-01'];
const SLUGS = Array.from({ length: 24 }, (_, i) => `r-${i}`);

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((list) => list.join(' '));

const fuzzyDate: fc.Arbitrary<FuzzyDateRecord> = fc
  .tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS), fc.constantFrom('DAY', 'DAY_RANGE', 'ON_OR_BEFORE', 'ON_OR_AFTER', 'UNKNOWN'))
  .map(([a, b, precision]) => {
    const [earliest, latest] = a < b ? [a, b] : [b, a];
    switch (precision) {
      case 'DAY':
        return { label: a, earliest: a, latest: a, precision: 'DAY' };
      case 'ON_OR_BEFORE':
        return { label: 'before', earliest: null, latest, precision: 'ON_OR_BEFORE' };
      case 'ON_OR_AFTER':
        return { label: 'after', earliest, latest: null, precision: 'ON_OR_AFTER' };
      case 'UNKNOWN':
        return { label: 'unknown', earliest: null, latest: null, precision: 'UNKNOWN' };
      default:
        return { label: 'range', earliest, latest, precision: 'DAY_RANGE' };
    }
  });

/** The fields of a meeting the Meeting table spec reads. */
const meetingBody = fc.record({
  title: words,
  summary: words,
  kind: fc.constantFrom('VISIT', 'TALKS'),
  date: fuzzyDate,
  countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 2 }),
  participants: fc.array(fc.record({ person: fc.option(fc.constantFrom(...PEOPLE), { nil: null }), office: fc.constant(null), organization: fc.constant(null) }), { minLength: 1, maxLength: 3 }),
  topics: fc.array(fc.constantFrom(...TOPICS).map((topic) => ({ topic })), { maxLength: 2 }),
  partOf: fc.option(fc.constantFrom('r-0', 'r-1'), { nil: null }),
  location: fc.constant(null),
  format: fc.constant(null),
});
const personBody = fc.record({ name: words, aliases: fc.array(words, { maxLength: 2 }), country: fc.option(fc.constantFrom(...COUNTRIES), { nil: null }) });

/** One step: write a body under a slug (create or update), or delete a slug; `pick` chooses among live slugs. */
type Step<B> = { kind: 'write'; slug: string; body: B } | { kind: 'delete'; pick: number };
const steps = <B>(body: fc.Arbitrary<B>) =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('write' as const), slug: fc.constantFrom(...SLUGS), body }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
    ),
    { minLength: 1, maxLength: 60 },
  );

const query: fc.Arbitrary<Omit<TableQuery, 'order' | 'after' | 'before'> & { direction: 'ASC' | 'DESC'; after: number | null; before: number | null }> = fc.record({
  where: fc.array(
    fc.oneof(
      fc.record({ field: fc.constant('participant'), anyOf: fc.uniqueArray(fc.constantFrom(...PEOPLE), { maxLength: 2 }) }),
      fc.record({ field: fc.constant('topic'), anyOf: fc.uniqueArray(fc.constantFrom(...TOPICS), { minLength: 1, maxLength: 2 }) }),
      fc.record({ field: fc.constant('country'), anyOf: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 2 }) }),
      fc.record({ field: fc.constant('kind'), anyOf: fc.constant(['VISIT']) }),
      fc.record({ field: fc.constant('partOf'), anyOf: fc.uniqueArray(fc.constantFrom<string | null>(null, 'r-0', 'r-1'), { minLength: 1, maxLength: 2 }) }),
    ),
    // Up to four: several on one field is how `countriesAll` and `participantsAll` reach a table.
    { maxLength: 4 },
  ),
  text: fc.option(fc.constantFrom('ener', 'energy', 'sec trade', 'TRADE', 'astana 2023', 'summ', '!!', 'zzz'), { nil: null }),
  dateRange: fc.option(
    fc.record({ from: fc.option(fc.constantFrom(...DAYS), { nil: null }), to: fc.option(fc.constantFrom(...DAYS), { nil: null }), match: fc.constantFrom('OVERLAPS' as const, 'WITHIN' as const) }),
    { nil: null },
  ),
  direction: fc.constantFrom('ASC' as const, 'DESC' as const),
  first: fc.option(fc.nat(6), { nil: null }),
  last: fc.option(fc.nat(6), { nil: null }),
  after: fc.option(fc.nat(), { nil: null }),
  before: fc.option(fc.nat(), { nil: null }),
});

const briefly = <R extends { slug: string }>(page: TablePage<R>) => ({ ...page, items: page.items.map(({ entity, key }) => [entity.slug, key]) });

/** Asserts that `table` answers like a table built from scratch on `records`. */
function expectSameAnswers<R extends { slug: string }>(
  table: Table<R>,
  records: readonly R[],
  spec: TableSpec<R>,
  queries: readonly (typeof query extends fc.Arbitrary<infer Q> ? Q : never)[],
  cursorKeys: ReadonlyMap<string, readonly SortKey[]>,
  names: readonly string[],
): void {
  const fresh = Table.build(records, spec);
  expect(table.size).toBe(fresh.size);
  expect(table.all().map((record) => record.slug)).toEqual(records.map((record) => record.slug));
  for (const slug of SLUGS) expect(table.get(slug)).toBe(fresh.get(slug));
  const orders = Object.keys(spec.orders);
  queries.forEach((q, i) => {
    const field = orders[i % orders.length]!;
    const known = cursorKeys.get(field) ?? [];
    const cursor = (n: number | null) => (n === null || known.length === 0 ? null : known[n % known.length]!);
    const hasDate = spec.date !== undefined;
    const full: TableQuery = {
      ...(spec === (TABLE_SPECS.Meeting as unknown) ? { where: q.where } : { where: (q.where ?? []).filter((c) => c.field === 'country') }),
      text: q.text,
      dateRange: hasDate ? q.dateRange : null,
      order: { field, direction: q.direction },
      first: q.first,
      last: q.last,
      after: cursor(q.after),
      before: cursor(q.before),
    };
    expect(briefly(table.find(full))).toEqual(briefly(fresh.find(full)));
    // In any order (what counting asks): the same matches and keys as the whole ordered list; `first` cuts it.
    const whole: TableQuery = { ...full, first: null, last: null, after: null, before: null };
    const ordered = table.find(whole);
    const anyOrder = table.find({ ...whole, anyOrder: true });
    const bySlug = (items: TablePage<R>['items']) => items.map(({ entity, key }) => ({ slug: entity.slug, key })).sort((a, b) => (a.slug < b.slug ? -1 : 1));
    expect(bySlug(anyOrder.items)).toEqual(bySlug(ordered.items));
    expect(anyOrder.totalCount).toBe(ordered.totalCount);
    const cut = table.find({ ...whole, anyOrder: true, first: q.first ?? 2 });
    expect(cut.items.map(({ entity }) => entity.slug)).toEqual(anyOrder.items.slice(0, q.first ?? 2).map(({ entity }) => entity.slug));
    expect(cut).toMatchObject({ totalCount: ordered.totalCount, hasPreviousPage: false, hasNextPage: (q.first ?? 2) < ordered.totalCount });
  });
  for (const name of names) {
    const got = table.searchNames(name);
    const want = fresh.searchNames(name);
    expect(got.map((hit) => hit.record.slug).sort()).toEqual(want.map((hit) => hit.record.slug).sort());
    // Relevance may differ slightly (dead record versions in the shared index); tier and coverage may not.
    const scores = new Map(want.map((hit) => [hit.record.slug, hit.score]));
    for (const hit of got) expect(Math.abs(hit.score - scores.get(hit.record.slug)!)).toBeLessThanOrEqual(1);
  }
}

function checkTable<B>(spec: TableSpec<never>, body: fc.Arbitrary<B>, options: TableOptions, extraFields: Record<string, unknown>) {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.constantFrom(...SLUGS), { maxLength: 12 }).chain((slugs) => fc.tuple(fc.constant(slugs), fc.array(body, { minLength: slugs.length, maxLength: slugs.length }))),
      steps(body),
      fc.array(query, { minLength: 6, maxLength: 6 }),
      fc.array(fc.constantFrom('energy', 'astana', 'secur', 'trade water', 'tálks', 'summitt'), { minLength: 2, maxLength: 2 }),
      fc.nat(),
      ([initialSlugs, initialBodies], writes, queries, names, older) => {
        type R = { slug: string };
        const make = (slug: string, b: B): R => Object.freeze({ slug, ...extraFields, ...(b as object) }) as R;
        const typed = spec as unknown as TableSpec<R>;
        let reference = new Map(initialSlugs.map((slug, i) => [slug, make(slug, initialBodies[i]!)]));
        let table = Table.build([...reference.values()], typed, options);
        const history: { table: Table<R>; records: R[] }[] = [{ table, records: [...reference.values()] }];
        // Cursors: keys of every record version written, live or not.
        const keys = new Map(Object.keys(typed.orders).map((order) => [order, [] as SortKey[]]));
        for (const step of writes) {
          const next = new Map(reference);
          let change: { slug: string; record: R | null };
          if (step.kind === 'write') {
            change = { slug: step.slug, record: make(step.slug, step.body) };
            next.set(step.slug, change.record!);
          } else {
            const live = [...reference.keys()];
            if (live.length === 0) continue;
            const slug = live[step.pick % live.length]!;
            change = { slug, record: null };
            next.delete(slug);
          }
          if (change.record) for (const order of Object.keys(typed.orders)) keys.get(order)!.push([...typed.orders[order]!(change.record), change.slug]);
          table = table.with([change]);
          reference = next;
          history.push({ table, records: [...reference.values()] });
          expectSameAnswers(table, history.at(-1)!.records, typed, queries.slice(0, 2), keys, names.slice(0, 1));
          const old = history[older % history.length]!;
          expectSameAnswers(old.table, old.records, typed, queries.slice(2, 3), keys, []);
        }
        expectSameAnswers(table, reference.size ? [...reference.values()] : [], typed, queries, keys, names);
        for (const { table: version, records } of history) expectSameAnswers(version, records, typed, queries.slice(3, 4), keys, names.slice(1));
      },
    ),
    { seed: SEED, numRuns: runs(60) },
  );
}

describe('incremental tables answer as tables built from scratch', () => {
  test('meetings: filters, dates, text, orders and windows, across delta folds', () => {
    checkTable(TABLE_SPECS.Meeting as TableSpec<never>, meetingBody, { deltaLimit: () => 4, searchSlack: () => 6, walkOrder: () => false }, {});
  });

  test('meetings, filtered by walking the presorted order', () => {
    checkTable(TABLE_SPECS.Meeting as TableSpec<never>, meetingBody, { deltaLimit: () => 7, walkOrder: () => true }, {});
  });

  test('meetings with the default limits (delta never folded)', () => {
    checkTable(TABLE_SPECS.Meeting as TableSpec<never>, meetingBody, {}, {});
  });

  test('people: names and aliases found by searchNames, country filter', () => {
    checkTable(TABLE_SPECS.Person as TableSpec<never>, personBody, { deltaLimit: () => 3, searchSlack: () => 2 }, {});
  });

  test('a write group of several changes to one slug keeps only the last', () => {
    const spec = TABLE_SPECS.Topic as unknown as TableSpec<{ slug: string; name: string; aliases: string[]; parent: string | null }>;
    const topic = (slug: string, name: string) => ({ slug, name, aliases: [], parent: null });
    const v1 = Table.build([topic('a', 'Energy'), topic('b', 'Trade')], spec);
    const v2 = v1.with([
      { slug: 'a', record: topic('a', 'Water') },
      { slug: 'c', record: topic('c', 'Security') },
      { slug: 'a', record: null },
      { slug: 'a', record: topic('a', 'Climate') },
    ]);
    expect(v2.all().map((t) => `${t.slug}:${t.name}`)).toEqual(['b:Trade', 'c:Security', 'a:Climate']);
    expect(v1.all().map((t) => `${t.slug}:${t.name}`)).toEqual(['a:Energy', 'b:Trade']);
    expect(v2.searchNames('energy')).toEqual([]);
    expect(v1.searchNames('energy').map((hit) => hit.record.slug)).toEqual(['a']);
  });
});
