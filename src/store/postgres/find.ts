/**
 * A list request (filters, order, Relay window) as SQL over the PostgreSQL store. The
 * order is the `entity_key` index: a page reads it from its cursor onwards (keyset
 * pagination, no OFFSET scan of what comes before); filters are posting-list lookups
 * (`entity_value`), the GiST range index for dates and the GIN word index for text.
 * Relay's window is computed exactly as the memory engine's `page()` computes it, from the
 * page's rows and whether anything lies beyond each cursor.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import { wholeListOf, type DateRange, type Entity, type FindQuery, type FindResult, type SortKey } from '../contract/store';
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

/** Pages up to this size read their records by slug (a whole list or a long page reads them with the keys: one query, no cache churn). */
const MAX_PAGE_BY_SLUG = 101;

/** A pool, or one connection (a request's transaction). */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** A query's filters as a WHERE clause over `k` (entity_key) and `e` (entity), with its parameters. */
interface Filters {
  sql: string;
  params: unknown[];
  /** The clause reads `e`: the join with entity is needed even to count. */
  needsEntity: boolean;
  /** Some filter applies (not only the type and order). */
  filtered: boolean;
}

function filtersOf(type: EntityType, query: FindQuery): Filters {
  const params: unknown[] = [type, query.order.field];
  const clauses = ['k.type = $1', 'k.order_field = $2'];
  let needsEntity = false;
  const param = (value: unknown) => `$${params.push(value)}`;
  // Conditions of one value on one field (`countriesAll`: one per country) must all hold:
  // one subquery intersects their postings, where one subquery each would make the planner
  // join a hundred of them.
  const every = new Map<string, Set<string | null>>();
  for (const { field, anyOf } of query.where ?? []) {
    if (anyOf.length === 1) (every.get(field) ?? every.set(field, new Set()).get(field)!).add(anyOf[0]!);
    else if (anyOf.length === 0) clauses.push('false');
    else clauses.push(`k.slug IN (SELECT v.slug FROM entity_value v WHERE v.type = $1 AND v.field = ${param(field)} AND v.value = ANY(${param(storedValues(anyOf))}::text[]))`);
  }
  for (const [field, wanted] of every) {
    const values = storedValues([...wanted]);
    if (values.length < wanted.size) clauses.push('false');
    else if (values.length === 1) clauses.push(`k.slug IN (SELECT v.slug FROM entity_value v WHERE v.type = $1 AND v.field = ${param(field)} AND v.value = ${param(values[0])})`);
    else {
      clauses.push(
        `k.slug IN (SELECT v.slug FROM entity_value v WHERE v.type = $1 AND v.field = ${param(field)} AND v.value = ANY(${param(values)}::text[]) GROUP BY v.slug HAVING count(DISTINCT v.value) = ${values.length})`,
      );
    }
  }
  if (query.dateRange && (query.dateRange.from !== null || query.dateRange.to !== null)) {
    needsEntity = true;
    clauses.push(dateClause(query.dateRange, param));
  }
  if (query.text != null && query.text.trim() !== '') {
    const terms = wordTerms(withoutNul(query.text));
    needsEntity = true;
    // Every term a word prefix, as the JSON store's word index matches; no term matches nothing.
    clauses.push(terms.length === 0 ? 'false' : `e.words @@ ${param(terms.map(prefixLexeme).join(' & '))}::tsquery`);
  }
  return { sql: clauses.join(' AND '), params, needsEntity, filtered: clauses.length > 2 };
}

/**
 * A date window as a condition on `e.during` (the days a record's date may fall on; an
 * open bound is infinite), read as the JSON store's date index reads it.
 */
function dateClause({ from, to, match }: DateRange, param: (value: unknown) => string): string {
  const inverted = from !== null && to !== null && from > to;
  if (match === 'WITHIN') {
    // Inside the window: a given window bound needs the record's bound known and inside it.
    if (!inverted) return `e.during <@ daterange(${param(from)}::date, ${param(to)}::date, '[]')`;
    // No range for an inverted window; the same test on the bounds (`upper` is exclusive).
    return `NOT lower_inf(e.during) AND lower(e.during) >= ${param(from)}::date AND NOT upper_inf(e.during) AND upper(e.during) - 1 <= ${param(to)}::date`;
  }
  if (inverted) {
    // No range for an inverted window; a date still matches when it may fall both on or after
    // `from` and on or before `to` (a wide fuzzy date), as the JSON store's test reads it.
    return `(lower_inf(e.during) OR lower(e.during) <= ${param(to)}::date) AND (upper_inf(e.during) OR upper(e.during) > ${param(from)}::date)`;
  }
  // The days the date may fall on overlap the window (GiST index on `during`).
  return `e.during && daterange(${param(from)}::date, ${param(to)}::date, '[]')`;
}

/** Filter values as `entity_value` holds them; PostgreSQL text cannot hold NUL, and no stored value has one, so such a value (matching nothing) is left out. */
function storedValues(values: readonly (string | null)[]): string[] {
  return values.map((value) => value ?? NULL_VALUE).filter((value) => !value.includes('\u0000'));
}

/** A tsquery prefix term for a word, quoted (tsquery's own syntax: '' and \\ escaped). */
function prefixLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
}

/**
 * One page, with the memory engine's `page()` semantics. Reads only the page's rows (plus one,
 * to know whether more follow) from the sort-key index, from the cursor on, and asks
 * whether anything lies beyond a cursor with EXISTS: nothing proportional to the cursor's
 * depth. `totalCount` of an unfiltered list is the record count kept in `store_state`;
 * of a filtered one, a count of its matches (from the indexes).
 */
async function findPage<T extends EntityType>(db: Queryable, type: T, query: FindQuery<T>, records?: RecordsBySlug): Promise<FindResult<T>> {
  const filters = filtersOf(type, query as FindQuery);
  const ascending = query.order.direction === 'ASC';
  const from = `FROM entity_key k${filters.needsEntity ? ' JOIN entity e ON e.type = k.type AND e.slug = k.slug' : ''} WHERE ${filters.sql}`;
  const unfiltered = !filters.filtered;
  // In the list's direction: `key` sorts before (or at) the cursor, or after (or at) it.
  const side = (params: unknown[], key: SortKey, relation: 'before' | 'atOrBefore' | 'after' | 'atOrAfter') => {
    const operator = { before: ['<', '>'], atOrBefore: ['<=', '>='], after: ['>', '<'], atOrAfter: ['>=', '<='] }[relation][ascending ? 0 : 1];
    return `k.key ${operator} ($${params.push(key)}::text[] COLLATE "C")`;
  };
  const exists = async (key: SortKey, relation: 'atOrBefore' | 'atOrAfter' | 'after') => {
    const params = [...filters.params];
    // The first match walking the sort-key index outwards from the cursor. Not EXISTS, whose
    // ORDER BY and LIMIT the planner drops: it may then read the table through, which finds
    // a match at once when most rows match but reads everything when none does.
    const outwards = (relation === 'atOrBefore') === ascending ? 'DESC' : 'ASC';
    const { rows } = await db.query<{ found: boolean }>(`SELECT (SELECT 1 ${from} AND ${side(params, key, relation)} ORDER BY k.key ${outwards} LIMIT 1) IS NOT NULL AS found`, params);
    return rows[0]!.found;
  };
  const totalCount = async () => {
    if (unfiltered) {
      const { rows } = await db.query<{ n: number | null }>('SELECT (counts ->> $1)::int AS n FROM store_state', [type]);
      return rows[0]!.n ?? 0;
    }
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, filters.params);
    return rows[0]!.n;
  };
  const window = async (limit: number | null, reverse: boolean) => {
    const params = [...filters.params];
    const clauses: string[] = [];
    if (query.after) clauses.push(side(params, query.after, 'after'));
    if (query.before) clauses.push(side(params, query.before, 'before'));
    const direction = ascending !== reverse ? 'ASC' : 'DESC';
    const rest = `${clauses.map((clause) => ` AND ${clause}`).join('')}
       ${query.anyOrder ? '' : `ORDER BY k.key ${direction}`}${limit === null ? '' : ` LIMIT $${params.push(limit)}`}`;
    if (records !== undefined && limit !== null && limit <= MAX_PAGE_BY_SLUG) {
      // A page's slugs only; its records from `records` (the record cache first), read in this transaction.
      const { rows } = await db.query<{ key: string[]; slug: string }>(`SELECT k.key, k.slug ${from}${rest}`, params);
      const entities = await records(type, rows.map((row) => row.slug));
      return rows.map((row, i) => {
        const entity = entities[i];
        if (!entity) throw new Error(`${type} ${JSON.stringify(row.slug)} is listed but not stored`);
        return { entity, key: row.key as SortKey };
      });
    }
    const { rows } = await db.query<{ key: string[]; record: RecordOf[T] }>(`SELECT k.key, e.record FROM entity_key k JOIN entity e ON e.type = k.type AND e.slug = k.slug WHERE ${filters.sql}${rest}`, params);
    return rows.map((row) => ({ entity: tagged(type, row.record), key: row.key as SortKey }));
  };

  if (query.anyOrder && (query.after || query.before || query.last != null)) throw new Error('a list in any order takes no cursor and no last');
  const n = await totalCount();
  // Cursors that leave no room between them: an empty window, placed at `after`.
  if (query.after && query.before && compareInDirection(query.before, query.after, ascending) <= 0) {
    return { items: [], totalCount: n, hasPreviousPage: await exists(query.after, 'atOrBefore'), hasNextPage: await exists(query.after, 'after') };
  }
  const precededByCursor = async () => (query.after ? exists(query.after, 'atOrBefore') : false);
  const followedByCursor = async () => (query.before ? exists(query.before, 'atOrAfter') : false);
  if (query.last != null && query.first == null) {
    // The last `last` of the window, read back from its end.
    const rows = await window(query.last + 1, true);
    const cut = rows.length > query.last;
    const items = rows.slice(0, query.last).reverse();
    return { items, totalCount: n, hasPreviousPage: cut || (await precededByCursor()), hasNextPage: await followedByCursor() };
  }
  const rows = await window(query.first != null ? query.first + 1 : null, false);
  const more = query.first != null && rows.length > query.first;
  let items = more ? rows.slice(0, query.first!) : rows;
  const cut = query.last != null && items.length > query.last;
  if (cut) items = items.slice(items.length - query.last!);
  return { items, totalCount: n, hasPreviousPage: cut || (await precededByCursor()), hasNextPage: more || (await followedByCursor()) };
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
export async function findPages<T extends EntityType>(db: Queryable, type: T, queries: readonly FindQuery<T>[], records?: RecordsBySlug): Promise<FindResult<T>[]> {
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
  for (let i = 0; i < queries.length; i++) if (results[i] === undefined) results[i] = await findPage(db, type, queries[i]!, records);
  return results;
}
