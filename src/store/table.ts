/**
 * One entity type held in memory with its indexes: slug lookup, posting lists per
 * indexed field, presorted orders, a date index and a word index. `find` answers a
 * query from the indexes: it intersects posting lists, sorts only the matches, and
 * locates cursors by binary search on sort keys.
 */
import MiniSearch from 'minisearch';
import { foldText, foldedWords } from '../domain/fold-text';
import type { FuzzyDateRecord } from './records';
import type { DateRange, OrderDirection, SortKey } from './store';

/** How a table reads its records: which values feed each index and order. */
export interface TableSpec<R> {
  /** For each indexed field, the values a record is listed under (null for a missing reference). */
  indexes: Record<string, (record: R) => readonly (string | null)[]>;
  /** For each order, the record's sort values (the slug is appended to make keys unique). */
  orders: Record<string, (record: R) => readonly string[]>;
  /** The words a `text` filter matches, or undefined when the type has no text filter. */
  text?: (record: R) => string;
  /** The record's date, for `dateRange` filters. */
  date?: (record: R) => FuzzyDateRecord | null;
  /** The record's name (or title) and aliases, for the cross-type `search`; undefined when the type is not searched. */
  names?: (record: R) => { name: string; aliases: readonly string[] };
}

/** One record found by name, with MiniSearch's relevance and how the whole name compares with the query. */
export interface NameHit<R> {
  record: R;
  score: number;
}

export interface TableQuery {
  where?: readonly { field: string; anyOf: readonly (string | null)[] }[];
  text?: string | null;
  dateRange?: DateRange | null;
  order: { field: string; direction: OrderDirection };
  first?: number | null;
  after?: SortKey | null;
  last?: number | null;
  before?: SortKey | null;
}

/** One page of a table's records, with what Relay's PageInfo needs. */
export interface TablePage<R> {
  items: { entity: R; key: SortKey }[];
  totalCount: number;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

const NULL_KEY = '\u0000null';

interface Order {
  /** Record positions in ascending order. */
  sorted: Int32Array;
  /** rank[position] = index of that record in `sorted`. */
  rank: Int32Array;
  /** keys[position] = that record's sort key. */
  keys: SortKey[];
}

/** An ordered list of record positions, without copying a presorted index. */
interface PositionList {
  length: number;
  at(index: number): number;
}

export class Table<R extends { slug: string }> {
  private readonly bySlug = new Map<string, number>();
  private readonly postings = new Map<string, Map<string, number[]>>();
  private readonly orders = new Map<string, Order>();
  private readonly byEarliest?: Int32Array;
  private readonly byLatest?: Int32Array;
  private readonly words?: MiniSearch<{ id: number; text: string }>;
  private readonly names?: MiniSearch<{ id: number; name: string; aliases: string }>;

  constructor(
    readonly records: readonly R[],
    private readonly spec: TableSpec<R>,
  ) {
    records.forEach((record, position) => this.bySlug.set(record.slug, position));
    for (const [field, valuesOf] of Object.entries(spec.indexes)) {
      const lists = new Map<string, number[]>();
      records.forEach((record, position) => {
        for (const value of new Set(valuesOf(record))) {
          const key = value ?? NULL_KEY;
          let list = lists.get(key);
          if (!list) lists.set(key, (list = []));
          list.push(position);
        }
      });
      this.postings.set(field, lists);
    }
    for (const [field, keyOf] of Object.entries(spec.orders)) {
      const keys = records.map((record) => [...keyOf(record), record.slug]);
      const sorted = Int32Array.from(records.keys()).sort((a, b) => compareKeys(keys[a]!, keys[b]!));
      const rank = new Int32Array(records.length);
      sorted.forEach((position, index) => (rank[position] = index));
      this.orders.set(field, { sorted, rank, keys });
    }
    if (spec.date) {
      const dates = records.map((record) => spec.date!(record));
      const earliest = (p: number) => dates[p]?.earliest ?? '';
      const latest = (p: number) => dates[p]?.latest ?? '\uffff';
      this.byEarliest = Int32Array.from(records.keys()).sort((a, b) => compareStrings(earliest(a), earliest(b)));
      this.byLatest = Int32Array.from(records.keys()).sort((a, b) => compareStrings(latest(a), latest(b)));
    }
    if (spec.text) {
      this.words = new MiniSearch({ fields: ['text'], processTerm: foldText });
      this.words.addAll(records.map((record, id) => ({ id, text: spec.text!(record) })));
    }
    if (spec.names) {
      this.names = new MiniSearch({
        fields: ['name', 'aliases'],
        processTerm: foldText,
        searchOptions: { boost: { name: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
      });
      this.names.addAll(
        records.map((record, id) => {
          const { name, aliases } = spec.names!(record);
          return { id, name, aliases: aliases.join(' ') };
        }),
      );
    }
  }

  /**
   * Records whose name or aliases match the words of `query` (prefix and small-typo
   * tolerant), scored so that scores compare across tables: a whole-name match first
   * (1000), then names beginning with the query (100), then whole-alias matches (50);
   * within a tier, names the query covers more of (up to 10), then relevance (up to 1).
   */
  searchNames(query: string): NameHit<R>[] {
    if (!this.names) return [];
    const folded = foldText(query.trim()).replace(/\s+/g, ' ');
    const queryWords = foldedWords(query).length;
    const hits = this.names.search(query);
    const top = hits[0]?.score ?? 1;
    return hits.map((hit) => {
      const record = this.records[hit.id as number]!;
      const { name, aliases } = this.spec.names!(record);
      const foldedName = foldText(name);
      const tier = foldedName === folded ? 1000 : foldedName.startsWith(folded) ? 100 : aliases.some((alias) => foldText(alias) === folded) ? 50 : 0;
      const coverage = Math.min(1, queryWords / Math.max(1, foldedWords(name).length));
      return { record, score: tier + 10 * coverage + hit.score / top };
    });
  }

  get size(): number {
    return this.records.length;
  }

  get(slug: string): R | null {
    const position = this.bySlug.get(slug);
    return position === undefined ? null : this.records[position]!;
  }

  find(query: TableQuery): TablePage<R> {
    const order = this.orders.get(query.order.field);
    if (!order) throw new Error(`unknown order ${query.order.field}; expected one of ${[...this.orders.keys()].join(', ')}`);
    const matches = this.match(query);
    const ascending: PositionList = matches
      ? sortedByRank(matches, order.rank)
      : { length: order.sorted.length, at: (i) => order.sorted[i]! };
    const list: PositionList =
      query.order.direction === 'ASC'
        ? ascending
        : { length: ascending.length, at: (i) => ascending.at(ascending.length - 1 - i) };
    const sign = query.order.direction === 'ASC' ? 1 : -1;
    const compareAt = (index: number, key: SortKey) => sign * compareKeys(order.keys[list.at(index)]!, key);

    // Relay's window: cursors narrow the list, then first and last cut it.
    let start = query.after ? firstIndexWhere(list.length, (i) => compareAt(i, query.after!) > 0) : 0;
    let end = query.before ? firstIndexWhere(list.length, (i) => compareAt(i, query.before!) >= 0) : list.length;
    if (end < start) end = start;
    if (query.first != null) end = Math.min(end, start + query.first);
    if (query.last != null) start = Math.max(start, end - query.last);

    const items: { entity: R; key: SortKey }[] = [];
    for (let i = start; i < end; i++) {
      const position = list.at(i);
      items.push({ entity: this.records[position]!, key: order.keys[position]! });
    }
    return {
      items,
      totalCount: list.length,
      hasPreviousPage: start > 0,
      hasNextPage: end < list.length,
    };
  }

  /** Record positions matching every condition of the query, or null when there is no condition. */
  private match(query: TableQuery): number[] | null {
    const sets: (readonly number[])[] = [];
    for (const { field, anyOf: values } of query.where ?? []) {
      const lists = this.postings.get(field);
      if (!lists) throw new Error(`unknown index ${field}; expected one of ${[...this.postings.keys()].join(', ')}`);
      sets.push(union(values.map((value) => lists.get(value ?? NULL_KEY) ?? [])));
    }
    if (query.dateRange && (query.dateRange.from !== null || query.dateRange.to !== null)) {
      sets.push(this.matchDates(query.dateRange));
    }
    if (query.text != null && query.text.trim() !== '') {
      if (!this.words) throw new Error('this type has no text index');
      sets.push(this.words.search(query.text, { prefix: true, combineWith: 'AND' }).map((hit) => hit.id as number));
    }
    if (sets.length === 0) return null;
    sets.sort((a, b) => a.length - b.length);
    let result = sets[0]!;
    for (const other of sets.slice(1)) {
      if (result.length === 0) break;
      const members = new Set(other);
      result = result.filter((position) => members.has(position));
    }
    return [...result];
  }

  /** Positions whose date range may overlap the window, read from the smaller side of the date index. */
  private matchDates({ from, to }: DateRange): number[] {
    if (!this.byEarliest || !this.byLatest || !this.spec.date) throw new Error('this type has no date index');
    const dateOf = (p: number) => this.spec.date!(this.records[p]!);
    // Records that may start on or before `to`: a prefix of byEarliest.
    const startsBy =
      to === null ? this.byEarliest.length : firstIndexWhere(this.byEarliest.length, (i) => (dateOf(this.byEarliest![i]!)?.earliest ?? '') > to);
    // Records that may end on or after `from`: a suffix of byLatest.
    const endsFrom =
      from === null ? 0 : firstIndexWhere(this.byLatest.length, (i) => (dateOf(this.byLatest![i]!)?.latest ?? '\uffff') >= from);
    const prefixSize = startsBy;
    const suffixSize = this.byLatest.length - endsFrom;
    if (prefixSize <= suffixSize) {
      return Array.from(this.byEarliest.subarray(0, startsBy)).filter((p) => from === null || (dateOf(p)?.latest ?? '\uffff') >= from);
    }
    return Array.from(this.byLatest.subarray(endsFrom)).filter((p) => to === null || (dateOf(p)?.earliest ?? '') <= to);
  }
}

/** Compares sort keys element by element, by UTF-16 code units (stable across platforms and locales). */
export function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareStrings(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in [0, length) for which the monotone predicate holds, or length. */
function firstIndexWhere(length: number, predicate: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function union(lists: (readonly number[])[]): readonly number[] {
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())];
}

function sortedByRank(positions: number[], rank: Int32Array): PositionList {
  const sorted = Int32Array.from(positions).sort((a, b) => rank[a]! - rank[b]!);
  return { length: sorted.length, at: (i) => sorted[i]! };
}
