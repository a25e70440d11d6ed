/**
 * Which posting table of the record cache (record-cache.ts) answers a list request, and
 * the one statement that reads posting lists' records to make tables of them.
 *
 * A request whose filter names one value in a field (`participants: [p]`) is answered by
 * the table of that value's records, filtered further and paged there by the memory engine:
 * the table holds every record with the value, so the request's matches are all in it.
 * A view reads a table for a whole list of one value (it reads all of the list anyway), and
 * for a filter whose shortest posting list is known to be short (SHORT_POSTING_LIST, from
 * posting-sizes.ts); a filter on long lists only, or on no posting list, is paged by SQL
 * (find.ts).
 */
import type { EntityType, RecordOf } from '../contract/records';
import { wholeListOf, type Entity, type FindQuery, type FindResult } from '../contract/store';
import { tagged } from '../contract/tagged';
import { SHORT_POSTING_LIST, type PostingSizeHints, type Queryable } from './find';
import type { PostingKey, RecordCache } from './record-cache';
import { NULL_VALUE } from './rows';

/** The posting lists a query's matches all lie in: one per condition of one value. */
function postingKeysOf(query: FindQuery): PostingKey[] {
  const keys: PostingKey[] = [];
  for (const { field, anyOf } of query.where ?? []) {
    const value = anyOf.length === 1 ? anyOf[0]! : undefined;
    // PostgreSQL text cannot hold NUL, and its postings list a missing reference as '' (rows.ts):
    // a value with NUL, or the empty value, is left to SQL, which answers those as it always has.
    if (value !== undefined && value !== NULL_VALUE && !(value ?? '').includes('\u0000')) keys.push({ field, value });
  }
  return keys;
}

/** `query` answered from the smallest of its posting tables the cache holds at `version`; undefined when none is held (or the table needs its word search, never built). */
export function fromTables<T extends EntityType>(cache: RecordCache, version: number, type: T, query: FindQuery<T>): FindResult<T> | undefined {
  let answer: FindResult<T> | undefined;
  let smallest = Infinity;
  for (const key of postingKeysOf(query as FindQuery)) {
    const table = cache.table(version, type, key);
    if (table === undefined || table.size >= smallest) continue;
    const found = table.findNow(query as never);
    if (found === null) continue;
    answer = found as FindResult<T>;
    smallest = table.size;
  }
  return answer;
}

/** The posting list whose table a view reads to answer `query`: a whole list's own (unless known long), or a filter's shortest list when it is known to be short; null: SQL pages it. */
export function tableToRead(type: EntityType, query: FindQuery, sizes: PostingSizeHints | undefined): PostingKey | null {
  const keys = postingKeysOf(query);
  if (keys.length === 0) return null;
  const lengths = keys.map(({ field, value }) => sizes?.sizeOf(type, field, [value ?? NULL_VALUE]));
  if (wholeListOf(query) !== null) return (lengths[0] ?? 0) < SHORT_POSTING_LIST ? keys[0]! : null;
  let best: PostingKey | null = null;
  let shortest: number = SHORT_POSTING_LIST;
  keys.forEach((key, i) => {
    const length = lengths[i];
    if (length !== undefined && length < shortest) {
      best = key;
      shortest = length;
    }
  });
  return best;
}

/** The text a posting key is told apart by. */
export function postingKeyText({ field, value }: PostingKey): string {
  return JSON.stringify([field, value]);
}

/** Every record of each posting list of `keys` (by postingKeyText), in one statement per field. */
export async function readPostingLists<T extends EntityType>(db: Queryable, type: T, keys: readonly PostingKey[]): Promise<Map<string, Entity<T>[]>> {
  const lists = new Map<string, Entity<T>[]>(keys.map((key) => [postingKeyText(key), []]));
  const byField = new Map<string, string[]>();
  for (const { field, value } of keys) (byField.get(field) ?? byField.set(field, []).get(field)!).push(value ?? NULL_VALUE);
  for (const [field, values] of byField) {
    const { rows } = await db.query<{ value: string; record: RecordOf[T] }>(
      'SELECT v.value, e.record FROM entity_value v JOIN entity e ON e.type = v.type AND e.slug = v.slug WHERE v.type = $1 AND v.field = $2 AND v.value = ANY($3::text[])',
      [type, field, values],
    );
    for (const row of rows) lists.get(postingKeyText({ field, value: row.value === NULL_VALUE ? null : row.value }))!.push(tagged(type, row.record));
  }
  return lists;
}
