/**
 * A list request (filters, order, Relay window) as SQL over the PostgreSQL store. The
 * order is the `entity_key` index: a page reads it from its cursor onwards (keyset
 * pagination, no OFFSET scan of what comes before); filters are posting-list lookups
 * (`entity_value`, each posting with its record's dates, so that a date window beside
 * them is tested on the postings), the GiST range index for dates alone and the GIN word
 * index for text.
 * Relay's window is computed exactly as the memory engine's `page()` computes it, from the
 * page's rows and whether anything lies beyond each cursor. A count reads the filters'
 * indexes alone, never the sort keys; the meetings `meetingStats` counts are grouped here
 * by the parts of their summaries it reads (`findTallies`).
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import { wholeListOf, type DateRange, type Entity, type FindQuery, type FindResult, type MeetingSummary, type SortKey, type Tally, type TallyQuery, SUMMARY_PARTS } from '../contract/store';
import { tagged } from '../contract/tagged';
import { compareKeys } from '../contract/compare';
import { wordTerms } from '../keys/word-terms';
import { NULL_VALUE, withoutNul } from './rows';

/**
 * Records by slug, one per slug in order, read in the same transaction as the page (a
 * view's reads, through its record cache): given to `findPages`, a page of at most
 * MAX_PAGE_BY_SLUG reads only its slugs and sort keys, and its records from here.
 */
export type RecordsBySlug = <T extends EntityType>(type: T, slugs: readonly string[]) => Promise<(Entity<T> | null)[]>;

/** What a view gives a page besides its connection: its records through the record cache, and posting-list sizes. */
export interface PageHelp {
  records?: RecordsBySlug;
  sizes?: PostingSizeHints;
}

/** Pages up to this size read their records by slug (a whole list or a long page reads them with the keys: one query, no cache churn). */
const MAX_PAGE_BY_SLUG = 101;

/** A pool, or one connection (a request's transaction). */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * A query's filters as conditions on the records of `$1` (the type) whose slug is
 * `slug` (`k.slug` of entity_key, or `e.slug` of entity) and whose entity row is `e`,
 * their parameters pushed onto the statement's.
 */
interface Filters {
  sql: string;
  /** The conditions read `e`: a read of entity_key joins entity for them. */
  needsEntity: boolean;
  /** Some filter applies (not only the type). */
  filtered: boolean;
  /** Its matches are known to be few: its shortest posting list is shorter than SHORT_POSTING_LIST. */
  few: boolean;
}

/** A posting list shorter than this is short: a filter on it matches few records, found once for a page's count and window. */
export const SHORT_POSTING_LIST = 1000;

/**
 * Roughly how many records of a type have one of some values in a field (posting-sizes.ts),
 * undefined when not known yet: which posting list a filtered page walks.
 */
export interface PostingSizeHints {
  sizeOf(type: string, field: string, values: readonly string[]): number | undefined;
}

/** The filters of `query` on records of `type` (the statement's `$1`), as conditions on `slug` and `e`; their parameters go onto `params`. */
function filtersOf(type: EntityType, query: Pick<FindQuery, 'where' | 'text' | 'dateRange'>, params: unknown[], slug: 'k.slug' | 'e.slug', sizes?: PostingSizeHints): Filters {
  const clauses: string[] = [];
  let needsEntity = false;
  const param = (value: unknown) => `$${params.push(value)}`;
  // Conditions of one value on one field (`countriesAll`: one per country) must all hold:
  // one subquery intersects their postings, where one subquery each would make the planner
  // join a hundred of them.
  const every = new Map<string, Set<string | null>>();
  /** Conditions that one of some values be in a field. */
  const anyOf: { field: string; values: string[] }[] = [];
  for (const condition of query.where ?? []) {
    if (condition.anyOf.length === 1) (every.get(condition.field) ?? every.set(condition.field, new Set()).get(condition.field)!).add(condition.anyOf[0]!);
    else if (condition.anyOf.length === 0) clauses.push('false');
    else anyOf.push({ field: condition.field, values: storedValues(condition.anyOf) });
  }
  for (const [field, wanted] of every) {
    const values = storedValues([...wanted]);
    if (values.length < wanted.size) clauses.push('false');
    else if (values.length === 1) anyOf.push({ field, values });
    else {
      clauses.push(
        `${slug} IN (SELECT v.slug FROM entity_value v WHERE v.type = $1 AND v.field = ${param(field)} AND v.value = ANY(${param(values)}::text[]) GROUP BY v.slug HAVING count(DISTINCT v.value) = ${values.length})`,
      );
    }
  }
  /** The rows of `field`'s posting lists of `values` in entity_value as `alias`. */
  const postings = (alias: string, field: string, values: string[]) =>
    `${alias}.type = $1 AND ${alias}.field = ${param(field)} AND ${values.length === 1 ? `${alias}.value = ${param(values[0])}` : `${alias}.value = ANY(${param(values)}::text[])`}`;
  const dated = query.dateRange && (query.dateRange.from !== null || query.dateRange.to !== null) ? query.dateRange : null;
  // Several posting lists: the shortest one walked, each record on it probed in the others
  // before anything else is read of it (a subquery per record: OFFSET 0 keeps the planner
  // from joining the lists whole), when their sizes are known; else the planner's choice.
  // A date window is tested on the postings of the first list (each carries its record's
  // dates), before any probe: a walk reads no record outside the window.
  const known = sizes ? anyOf.map(({ field, values }) => sizes.sizeOf(type, field, values)) : [];
  const shortest = known.length > 0 && known.every((size) => size !== undefined) ? Math.min(...(known as number[])) : undefined;
  const walked = anyOf.length > 1 && shortest !== undefined ? known.indexOf(shortest) : -1;
  const within = dated !== null && anyOf.length > 0 ? ` AND ${dateClause(dated, param, 'v.during')}` : '';
  if (walked === -1) anyOf.forEach(({ field, values }, i) => clauses.push(`${slug} IN (SELECT v.slug FROM entity_value v WHERE ${postings('v', field, values)}${i === 0 ? within : ''})`));
  else {
    const probes = anyOf.filter((_, i) => i !== walked).map(({ field, values }) => ` AND EXISTS (SELECT 1 FROM entity_value p WHERE ${postings('p', field, values)} AND p.slug = v.slug OFFSET 0)`);
    clauses.push(`${slug} IN (SELECT v.slug FROM entity_value v WHERE ${postings('v', anyOf[walked]!.field, anyOf[walked]!.values)}${within}${probes.join('')})`);
  }
  if (dated !== null && within === '') {
    needsEntity = true;
    clauses.push(dateClause(dated, param, 'e.during'));
  }
  if (query.text != null && query.text.trim() !== '') {
    const terms = wordTerms(withoutNul(query.text));
    needsEntity = true;
    // Every term a word prefix, as the JSON store's word index matches; no term matches nothing.
    clauses.push(terms.length === 0 ? 'false' : `e.words @@ ${param(terms.map(prefixLexeme).join(' & '))}::tsquery`);
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), needsEntity, filtered: clauses.length > 0, few: shortest !== undefined && shortest < SHORT_POSTING_LIST };
}

/**
 * A date window as a condition on `during` (`e.during`, or a posting's copy: the days a
 * record's date may fall on; an open bound is infinite), read as the JSON store's date
 * index reads it.
 */
function dateClause({ from, to, match }: DateRange, param: (value: unknown) => string, during: string): string {
  const inverted = from !== null && to !== null && from > to;
  if (match === 'WITHIN') {
    // Inside the window: a given window bound needs the record's bound known and inside it.
    if (!inverted) return `${during} <@ daterange(${param(from)}::date, ${param(to)}::date, '[]')`;
    // No range for an inverted window; the same test on the bounds (`upper` is exclusive).
    return `NOT lower_inf(${during}) AND lower(${during}) >= ${param(from)}::date AND NOT upper_inf(${during}) AND upper(${during}) - 1 <= ${param(to)}::date`;
  }
  if (inverted) {
    // No range for an inverted window; a date still matches when it may fall both on or after
    // `from` and on or before `to` (a wide fuzzy date), as the JSON store's test reads it.
    return `(lower_inf(${during}) OR lower(${during}) <= ${param(to)}::date) AND (upper_inf(${during}) OR upper(${during}) > ${param(from)}::date)`;
  }
  // The days the date may fall on overlap the window (on `e.during`, its GiST index).
  return `${during} && daterange(${param(from)}::date, ${param(to)}::date, '[]')`;
}

/** Filter values as `entity_value` holds them; PostgreSQL text cannot hold NUL, and no stored value has one, so such a value (matching nothing) is left out. */
function storedValues(values: readonly (string | null)[]): string[] {
  return values.map((value) => value ?? NULL_VALUE).filter((value) => !value.includes('\u0000'));
}

/** A tsquery prefix term for a word, quoted (tsquery's own syntax: '' and \\ escaped). */
function prefixLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
}

/** Whether anything lies on one side of a cursor, in the list's direction. */
interface Beyond {
  key: SortKey;
  relation: 'atOrBefore' | 'atOrAfter' | 'after';
}

/** What a page needs from the database: its window (null: none, the cursors leave no room) and the cursors' `Beyond`s. */
interface PageReads {
  window: { limit: number | null; reverse: boolean } | null;
  beyond: Beyond[];
}

/** What the database answered: the count, the window's rows in window order, and each `Beyond`. */
interface PageAnswer<T extends EntityType> {
  n: number;
  rows: { entity: Entity<T>; key: SortKey }[];
  beyond: boolean[];
}

/**
 * One page, with the memory engine's `page()` semantics. Reads only the page's rows (plus one,
 * to know whether more follow) from the sort-key index, from the cursor on, and asks
 * whether anything lies beyond a cursor by walking the index outwards from it: nothing
 * proportional to the cursor's depth. `totalCount` of an unfiltered list is the record
 * count kept in `store_state`; of a filtered one, a count of its matches (from the indexes).
 */
async function findPage<T extends EntityType>(db: Queryable, type: T, query: FindQuery<T>, help: PageHelp): Promise<FindResult<T>> {
  const ascending = query.order.direction === 'ASC';
  const cursors: Beyond[] = [];
  if (query.after) cursors.push({ key: query.after, relation: 'atOrBefore' });
  if (query.before) cursors.push({ key: query.before, relation: 'atOrAfter' });
  const after = cursors.findIndex(({ relation }) => relation === 'atOrBefore');
  const before = cursors.findIndex(({ relation }) => relation === 'atOrAfter');

  // Cursors that leave no room between them: an empty window, placed at `after`.
  if (query.after && query.before && compareInDirection(query.before, query.after, ascending) <= 0) {
    const { n, beyond } = await readPage(db, type, query, { window: null, beyond: [cursors[after]!, { key: query.after, relation: 'after' }] }, help);
    return { items: [], totalCount: n, hasPreviousPage: beyond[0]!, hasNextPage: beyond[1]! };
  }
  if (query.last != null && query.first == null) {
    // The last `last` of the window, read back from its end.
    const { n, rows, beyond } = await readPage(db, type, query, { window: { limit: query.last + 1, reverse: true }, beyond: cursors }, help);
    const cut = rows.length > query.last;
    const items = rows.slice(0, query.last).reverse();
    return { items, totalCount: n, hasPreviousPage: cut || (beyond[after] ?? false), hasNextPage: beyond[before] ?? false };
  }
  const { n, rows, beyond } = await readPage(db, type, query, { window: { limit: query.first != null ? query.first + 1 : null, reverse: false }, beyond: cursors }, help);
  const more = query.first != null && rows.length > query.first;
  let items = more ? rows.slice(0, query.first!) : rows;
  const cut = query.last != null && items.length > query.last;
  if (cut) items = items.slice(items.length - query.last!);
  return { items, totalCount: n, hasPreviousPage: cut || (beyond[after] ?? false), hasNextPage: more || (beyond[before] ?? false) };
}

/**
 * Reads what a page needs. A page of at most MAX_PAGE_BY_SLUG (with `records` to read its
 * records by slug) is one statement: its count, its window's sort keys and slugs, and each
 * `Beyond`; the few matches of a filter on a short posting list found once (a materialized
 * CTE) for all three.
 * A longer page reads its records with its keys, the count and each `Beyond` apart.
 */
async function readPage<T extends EntityType>(db: Queryable, type: T, query: FindQuery<T>, reads: PageReads, { records, sizes }: PageHelp): Promise<PageAnswer<T>> {
  const params: unknown[] = [type, query.order.field];
  const filters = filtersOf(type, query as FindQuery, params, 'k.slug', sizes);
  /** The matches in the order's sort-key index, joined with their entity rows when asked or the filters read them. */
  const keyedFrom = (withEntity: boolean) => `FROM entity_key k${withEntity ? ' JOIN entity e ON e.type = k.type AND e.slug = k.slug' : ''} WHERE k.type = $1 AND k.order_field = $2${filters.sql}`;
  const keyed = keyedFrom(filters.needsEntity);
  /** The statement's count of the matches, from the filters' indexes alone (no sort keys): `e.during`, `e.words`, the posting lists. */
  const counted = (into: unknown[]) => `SELECT count(*) FROM entity e WHERE e.type = $1${filtersOf(type, query as FindQuery, into, 'e.slug', sizes).sql}`;
  const ascending = query.order.direction === 'ASC';
  // In the list's direction: `key` sorts before (or at) the cursor, or after (or at) it.
  const side = (key: SortKey, relation: 'before' | 'atOrBefore' | 'after' | 'atOrAfter') => {
    const operator = { before: ['<', '>'], atOrBefore: ['<=', '>='], after: ['>', '<'], atOrAfter: ['>=', '<='] }[relation][ascending ? 0 : 1];
    return `k.key ${operator} ($${params.push(key)}::text[] COLLATE "C")`;
  };
  const windowOf = (from: string, { limit, reverse }: { limit: number | null; reverse: boolean }) => {
    const clauses: string[] = [];
    if (query.after) clauses.push(side(query.after, 'after'));
    if (query.before) clauses.push(side(query.before, 'before'));
    const direction = ascending !== reverse ? 'ASC' : 'DESC';
    return { sql: `${from}${clauses.map((clause) => ` AND ${clause}`).join('')} ORDER BY k.key ${direction}${limit === null ? '' : ` LIMIT $${params.push(limit)}`}`, order: ` ORDER BY w.key ${direction}` };
  };
  // The first match walking the sort-key index outwards from the cursor. Not EXISTS, whose
  // ORDER BY and LIMIT the planner drops: it may then read the table through, which finds
  // a match at once when most rows match but reads everything when none does.
  const beyondOf = (from: string, { key, relation }: Beyond) => {
    const outwards = (relation === 'atOrBefore') === ascending ? 'DESC' : 'ASC';
    return `(SELECT 1 ${from} AND ${side(key, relation)} ORDER BY k.key ${outwards} LIMIT 1) IS NOT NULL`;
  };

  if (records !== undefined && (reads.window === null || (reads.window.limit !== null && reads.window.limit <= MAX_PAGE_BY_SLUG))) {
    // One statement. The few matches of a filter on a short posting list are found once, for
    // the count, the window and the cursors' sides; many are counted apart, and the window
    // walks the sort-key index and stops at its end.
    const once = filters.filtered && filters.few;
    const from = once ? 'FROM m k WHERE true' : keyed;
    const count = !filters.filtered ? 'coalesce((SELECT (counts ->> $1)::int FROM store_state), 0)' : once ? '(SELECT count(*) FROM m)' : `(${counted(params)})`;
    const window = reads.window && windowOf(from, reads.window);
    const columns = [
      `${count}::int AS n`,
      window === null ? 'NULL::json AS rows' : `(SELECT json_agg(json_build_array(w.key, w.slug)${window.order}) FROM (SELECT k.key, k.slug ${window.sql}) w) AS rows`,
      ...reads.beyond.map((beyond, i) => `${beyondOf(from, beyond)} AS b${i}`),
    ];
    const matches = once ? `WITH m AS MATERIALIZED (SELECT k.key, k.slug ${keyed}) ` : '';
    const { rows } = await db.query<Record<string, unknown> & { n: number; rows: [SortKey, string][] | null }>(`${matches}SELECT ${columns.join(', ')}`, params);
    const answer = rows[0]!;
    const listed = answer.rows ?? [];
    // Its records from `records` (the record cache first), read in this transaction.
    const entities = await records(type, listed.map(([, slug]) => slug));
    return {
      n: answer.n,
      rows: listed.map(([key, slug], i) => {
        const entity = entities[i];
        if (!entity) throw new Error(`${type} ${JSON.stringify(slug)} is listed but not stored`);
        return { entity, key };
      }),
      beyond: reads.beyond.map((_, i) => answer[`b${i}`] as boolean),
    };
  }

  // Each statement takes the filters' parameters, then its own.
  const shared = params.length;
  const reset = () => params.splice(shared);
  let n: number;
  const countParams: unknown[] = [type];
  if (filters.filtered) n = (await db.query<{ n: number }>(`SELECT (${counted(countParams)})::int AS n`, countParams)).rows[0]!.n;
  else n = (await db.query<{ n: number | null }>('SELECT (counts ->> $1)::int AS n FROM store_state', countParams)).rows[0]!.n ?? 0;
  let rows: PageAnswer<T>['rows'] = [];
  if (reads.window !== null) {
    const { sql } = windowOf(keyedFrom(true), reads.window);
    const result = await db.query<{ key: string[]; record: RecordOf[T] }>(`SELECT k.key, e.record ${sql}`, [...params]);
    rows = result.rows.map((row) => ({ entity: tagged(type, row.record), key: row.key as SortKey }));
  }
  const beyond: boolean[] = [];
  for (const each of reads.beyond) {
    reset();
    const sql = `SELECT ${beyondOf(keyed, each)} AS found`;
    beyond.push((await db.query<{ found: boolean }>(sql, [...params])).rows[0]!.found);
  }
  return { n, rows, beyond };
}

/** Compares sort keys in the list's direction, by code point as the JSON store does. */
function compareInDirection(a: SortKey, b: SortKey, ascending: boolean): number {
  const order = compareKeys(a, b);
  return ascending ? order : -order;
}

/**
 * Several pages of one type: the usual batch of a loader tick. Whole lists of the records
 * with one value in one field (a person's tenures, an office's holders: no cursor, no
 * limit) are read for every value of the batch in one query; the others one by one.
 */
export async function findPages<T extends EntityType>(db: Queryable, type: T, queries: readonly FindQuery<T>[], help: PageHelp = {}): Promise<FindResult<T>[]> {
  const results: FindResult<T>[] = new Array(queries.length);
  const groups = new Map<string, { field: string; order: string; direction: string; values: Map<string, number[]> }>();
  queries.forEach((query, i) => {
    const list = wholeListOf(query);
    if (list === null) return;
    const { field } = list;
    const value = list.value ?? NULL_VALUE;
    if (value.includes('\u0000')) return;
    const key = `${field}\u0000${query.order.field}\u0000${query.order.direction}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { field, order: query.order.field, direction: query.order.direction, values: new Map() }));
    (group.values.get(value) ?? group.values.set(value, []).get(value)!).push(i);
  });
  for (const { field, order, direction, values } of groups.values()) {
    const { rows } = await db.query<{ value: string; key: string[]; record: RecordOf[T] }>(
      `SELECT v.value, k.key, e.record
       FROM entity_value v
       JOIN entity_key k ON k.type = v.type AND k.slug = v.slug AND k.order_field = $2
       JOIN entity e ON e.type = v.type AND e.slug = v.slug
       WHERE v.type = $1 AND v.field = $3 AND v.value = ANY($4::text[])
       ORDER BY v.value, k.key ${direction === 'DESC' ? 'DESC' : 'ASC'}`,
      [type, order, field, [...values.keys()]],
    );
    const lists = new Map<string, { entity: Entity<T>; key: SortKey }[]>();
    for (const row of rows) (lists.get(row.value) ?? lists.set(row.value, []).get(row.value)!).push({ entity: tagged(type, row.record), key: row.key });
    for (const [value, indexes] of values) {
      const items = lists.get(value) ?? [];
      for (const i of indexes) results[i] = { items, totalCount: items.length, hasPreviousPage: false, hasNextPage: false };
    }
  }
  for (let i = 0; i < queries.length; i++) if (results[i] === undefined) results[i] = await findPage(db, type, queries[i]!, help);
  return results;
}

/** The parts of a meeting's summary (the `summary` column's keys): the only names written into a tally's SQL. */
const PARTS: ReadonlySet<string> = new Set(SUMMARY_PARTS);

/**
 * The meetings matching each query's filter, grouped in the database by the parts of their
 * summaries it asks for: the server reads one row per distinct combination, not every
 * meeting (a million meetings grouped by kind and role give a few hundred rows; by their
 * dates' bounds, about 345,000; by their countries and topics, 971,726: nearly one a meeting).
 */
export async function findTallies(db: Queryable, queries: readonly TallyQuery[], sizes?: PostingSizeHints): Promise<Tally[][]> {
  const results: Tally[][] = [];
  for (const { filter, parts } of queries) {
    const asked = [...new Set(parts)];
    for (const part of asked) if (!PARTS.has(part)) throw new Error(`a meeting's summary has no part ${JSON.stringify(part)}`);
    const params: unknown[] = ['Meeting'];
    const filters = filtersOf('Meeting', filter, params, 'e.slug', sizes);
    // Grouped as JSON text, by code point: jsonb compares slowly, and a million of them sort.
    const columns = asked.map((part, i) => `(e.summary -> '${part}')::text COLLATE "C" AS p${i}`);
    const groupBy = asked.length === 0 ? '' : ` GROUP BY ${asked.map((_, i) => i + 1).join(', ')}`;
    const { rows } = await db.query<Record<string, string | null> & { n: number }>(`SELECT ${[...columns, 'count(*)::int AS n'].join(', ')} FROM entity e WHERE e.type = $1${filters.sql}${groupBy}`, params);
    results.push(
      rows
        .filter((row) => row.n > 0)
        .map((row) => ({ summary: Object.fromEntries(asked.map((part, i) => [part, JSON.parse(row[`p${i}`] ?? 'null')])) as MeetingSummary, count: row.n })),
    );
  }
  return results;
}
