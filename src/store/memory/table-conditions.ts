/**
 * A table query's filters as conditions over one table version: each reads the base's
 * indexes (posting lists, the date index, the word index) or tests a record, with an
 * estimate of how many base records it may match, so the cheapest one drives the search
 * and the others are tested per candidate.
 */
import type { DateRange } from '../contract/store';
import { NULL_KEY, type TableShape } from '../keys/table-shape';
import { hasWordPrefixes, wordTerms } from '../keys/word-terms';
import { firstIndexWhere, sortedHas } from './binary-search';
import type { SearchGeneration } from './search-generation';
import type { TableBase } from './table-base';
import type { Entry } from './table-delta';
import type { Order } from './table-indexes';
import type { TableQuery } from './table-query';

/** One filter of a query, read from the base indexes or tested on a record. */
export interface Condition<R> {
  /** An upper bound of the base positions it matches, cheap to compute. */
  estimate: number;
  /** The base positions it matches (hidden ones included), each once. */
  positions(): Iterable<number>;
  test(position: number): boolean;
  testEntry(entry: Entry<R>): boolean;
}

/** What a table version's conditions read. */
export interface ConditionSource<R extends { slug: string }> {
  shape: TableShape<R>;
  base: TableBase<R>;
  search: SearchGeneration<R>;
}

/** Below this many candidates from another filter, a text filter reads the candidates' words instead of searching. */
const TEXT_SCAN_LIMIT = 2000;

/** The posting lists of an indexed field; throws naming the known fields for an unknown one. */
export function postingsOf<R extends { slug: string }>(shape: TableShape<R>, base: TableBase<R>, field: string): ReadonlyMap<string, Int32Array> {
  const lists = base.lists(field);
  if (!lists) throw new Error(`unknown index ${field}; expected one of ${shape.fields.join(', ')}`);
  return lists;
}

/** The query's filters; none when it has no filter; null when they need the text index before it is built. */
export function queryConditions<R extends { slug: string }>({ shape, base, search }: ConditionSource<R>, query: TableQuery): Condition<R>[] | null {
  const conditions: Condition<R>[] = [];
  for (const { field, anyOf } of query.where ?? []) {
    const lists = postingsOf(shape, base, field);
    const keys = anyOf.map((value) => value ?? NULL_KEY);
    const found = keys.map((key) => lists.get(key)).filter((list) => list !== undefined);
    conditions.push({
      estimate: found.reduce((sum, list) => sum + list.length, 0),
      positions: () => (found.length === 1 ? found[0]! : new Set(found.flatMap((list) => Array.from(list)))),
      test: (position) => found.some((list) => sortedHas(list, position)),
      testEntry: (entry) => keys.some((key) => entry.values[field]!.has(key)),
    });
  }
  if (query.dateRange && (query.dateRange.from !== null || query.dateRange.to !== null)) {
    conditions.push(dateCondition(base, query.dateRange));
  }
  if (query.text != null && query.text.trim() !== '') {
    if (!search.hasWords) throw new Error('this type has no text index');
    const textOf = shape.spec.text!;
    if (conditions.some((condition) => condition.estimate <= TEXT_SCAN_LIMIT)) {
      // Another filter leaves few candidates: read their words rather than search the whole index.
      const terms = wordTerms(query.text);
      conditions.push({
        estimate: Infinity,
        positions: () => [],
        test: (position) => hasWordPrefixes(textOf(base.records[position]!), terms),
        testEntry: (entry) => hasWordPrefixes(textOf(entry.record), terms),
      });
      return conditions;
    }
    if (!search.isReady) return null;
    const hits = search.matchWords(query.text);
    conditions.push({
      estimate: hits.size,
      positions: function* () {
        for (const rid of hits) {
          // Only this base's record versions count here; delta entries are tested by testEntry.
          const position = base.bySlug.get(search.record(rid).slug);
          if (position !== undefined && base.rids[position] === rid) yield position;
        }
      },
      test: (position) => hits.has(base.rids[position]!),
      testEntry: (entry) => hits.has(entry.rid),
    });
  }
  return conditions;
}

/** Records whose date relates to the window as `match` says (OVERLAPS when omitted). */
function dateCondition<R extends { slug: string }>(base: TableBase<R>, range: DateRange): Condition<R> {
  return range.match === 'WITHIN' ? withinCondition(base, range) : overlapsCondition(base, range);
}

/** Records whose date range may overlap the window: estimated by the smaller side of the date index. */
function overlapsCondition<R extends { slug: string }>(base: TableBase<R>, { from, to }: DateRange): Condition<R> {
  const dates = base.dates;
  if (!dates) throw new Error('this type has no date index');
  const { byEarliest, byLatest, earliest, latest } = dates;
  // Records that may start on or before `to`: a prefix of byEarliest.
  const startsBy = to === null ? byEarliest.length : firstIndexWhere(byEarliest.length, (i) => earliest[byEarliest[i]!]! > to);
  // Records that may end on or after `from`: a suffix of byLatest.
  const endsFrom = from === null ? 0 : firstIndexWhere(byLatest.length, (i) => latest[byLatest[i]!]! >= from);
  const usePrefix = startsBy <= byLatest.length - endsFrom;
  const test = (position: number) => (to === null || earliest[position]! <= to) && (from === null || latest[position]! >= from);
  return {
    estimate: usePrefix ? startsBy : byLatest.length - endsFrom,
    // The prefix (or suffix) holds the records within one bound; the other is tested.
    positions: () => (usePrefix ? byEarliest.subarray(0, startsBy) : byLatest.subarray(endsFrom)).filter(test),
    test,
    testEntry: (entry) => (to === null || entry.earliest <= to) && (from === null || entry.latest >= from),
  };
}

/**
 * Records whose date range lies inside the window: earliest on or after `from`, latest on
 * or before `to`. An open record bound (NO_EARLIEST sorts before every day, NO_LATEST
 * after) never satisfies a given window bound. Estimated by the smaller side of the date
 * index, as for overlaps.
 */
function withinCondition<R extends { slug: string }>(base: TableBase<R>, { from, to }: DateRange): Condition<R> {
  const dates = base.dates;
  if (!dates) throw new Error('this type has no date index');
  const { byEarliest, byLatest, earliest, latest } = dates;
  // Records that certainly start on or after `from`: a suffix of byEarliest.
  const startsFrom = from === null ? 0 : firstIndexWhere(byEarliest.length, (i) => earliest[byEarliest[i]!]! >= from);
  // Records that certainly end on or before `to`: a prefix of byLatest.
  const endsBy = to === null ? byLatest.length : firstIndexWhere(byLatest.length, (i) => latest[byLatest[i]!]! > to);
  const useSuffix = byEarliest.length - startsFrom <= endsBy;
  const inside = (first: string, last: string) => (from === null || first >= from) && (to === null || last <= to);
  const test = (position: number) => inside(earliest[position]!, latest[position]!);
  return {
    estimate: useSuffix ? byEarliest.length - startsFrom : endsBy,
    positions: () => (useSuffix ? byEarliest.subarray(startsFrom) : byLatest.subarray(0, endsBy)).filter(test),
    test,
    testEntry: (entry) => inside(entry.earliest, entry.latest),
  };
}

/**
 * Base positions passing every condition and not `hidden`, in the order's sequence: the
 * presorted order is walked when `walkOrder` says most records may match, else the
 * cheapest condition's positions are tested and sorted by rank. With `order` null, in any
 * order (the base's own, or the cheapest condition's), sorting nothing.
 */
export function matchBase<R>(conditions: Condition<R>[], order: Order | null, size: number, hidden: ReadonlySet<number>, walkOrder: (estimate: number, size: number) => boolean): Int32Array {
  conditions.sort((a, b) => a.estimate - b.estimate);
  const [driver, ...others] = conditions as [Condition<R>, ...Condition<R>[]];
  if (walkOrder(driver.estimate, size)) {
    // Most records may match: walking the presorted order (or the base) beats sorting the matches.
    const out = new Int32Array(size);
    let count = 0;
    for (let r = 0; r < size; r++) {
      const position = order ? order.sorted[r]! : r;
      if (!hidden.has(position) && conditions.every((condition) => condition.test(position))) out[count++] = position;
    }
    return out.subarray(0, count);
  }
  const found: number[] = [];
  for (const position of driver.positions()) {
    if (!hidden.has(position) && others.every((condition) => condition.test(position))) found.push(order ? order.rank[position]! : position);
  }
  if (!order) return Int32Array.from(found);
  const sorted = Int32Array.from(found).sort();
  for (let i = 0; i < sorted.length; i++) sorted[i] = order.sorted[sorted[i]!]!;
  return sorted;
}
