/**
 * One entity type held in memory with its indexes: slug lookup, posting lists per
 * indexed field, presorted orders, a date index and a word index. A table is
 * immutable: `with` returns the next version in about O(k log n) for k written records,
 * sharing the previous version's indexes.
 *
 * A version is a base (table-base.ts: records, postings, orders, dates, built in bulk)
 * plus a small delta (table-delta.ts: records written since, hiding the base positions
 * they replace). Past a threshold the delta is folded into a new base by linear merges.
 * Word and name search use a search generation (table-search.ts) shared by the whole
 * lineage and filtered by what is live in each version.
 *
 * `find` picks the cheapest condition by estimated size (posting list lengths, date
 * index prefix or suffix), tests the others per candidate, sorts only the matches, and
 * locates cursors by binary search on sort keys over base and delta merged.
 */
import { foldText, foldedWords } from '../../domain/fold-text';
import type { FuzzyDateRecord } from '../contract/records';
import type { DateRange, OrderDirection, SortKey } from '../contract/store';
import { TableBase, type Order } from './table-base';
import { Delta, DeltaBuilder, makeEntry, type Entry } from './table-delta';
import { page, type Run } from './table-page';
import { SearchGeneration, hasWordPrefixes, wordTerms } from './table-search';
import { NULL_KEY, TableShape, firstIndexWhere, sortedHas } from '../keys/table-shape';

/** How a table reads its records: which values feed each index and order. */
export interface TableSpec<R> {
  /** For each indexed field, the values a record is listed under (null for a missing reference). */
  indexes: Record<string, (record: R) => readonly (string | null)[]>;
  /**
   * Indexed fields whose posting lists are built on first use rather than with the table
   * (an index few requests need: start-up and memory are spared until one does).
   */
  onDemand?: readonly string[];
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

export interface TableOptions {
  /** How many delta records (written or hidden) a version carries before they are folded into a new base. */
  deltaLimit?: (baseSize: number) => number;
  /** How many dead record versions the search generation may hold, beyond live ones, before it is rebuilt. */
  searchSlack?: (size: number) => number;
  /** Whether a filtered query walks the presorted order (instead of sorting candidates) when its smallest condition may match `estimate` of `size` records. */
  walkOrder?: (estimate: number, size: number) => boolean;
  /** Build the text and name indexes only when `indexSearch` is called (in the background), not in `build`. */
  deferSearch?: boolean;
  /**
   * Build the posting lists, orders and date index in the background (`indexBase`), not in
   * `build`: until they are, `findNow` answers null and callers wait for `indexesReady`.
   */
  deferIndexes?: boolean;
}

/** What every version of a table shares. */
interface Lineage<R extends { slug: string }> {
  shape: TableShape<R>;
  options: Required<TableOptions>;
  nextRid: number;
}

/** One written record: its new state, or null for a delete. */
export interface TableChange<R> {
  slug: string;
  record: R | null;
}

/** Below this many candidates from another filter, a text filter reads the candidates' words instead of searching. */
const TEXT_SCAN_LIMIT = 2000;

const DEFAULT_OPTIONS: Required<TableOptions> = {
  deltaLimit: (size) => Math.max(1000, Math.ceil(Math.sqrt(size))),
  searchSlack: (size) => size + 1000,
  walkOrder: (estimate, size) => estimate * 8 > size,
  deferSearch: false,
  deferIndexes: false,
};

/** One filter of a query, read from the base indexes or tested on a record. */
interface Condition<R> {
  /** An upper bound of the base positions it matches, cheap to compute. */
  estimate: number;
  /** The base positions it matches (hidden ones included), each once. */
  positions(): Iterable<number>;
  test(position: number): boolean;
  testEntry(entry: Entry<R>): boolean;
}

/** How many answers to whole-list lookups (see `Table.findNow`) one table version keeps. */
const LISTED_MEMO_SIZE = 4096;

export class Table<R extends { slug: string }> {
  private materialized?: readonly R[];
  /** Answers to whole-list lookups by one value, e.g. a person's tenures: asked again and again, and the same while this version lives. */
  private listed?: Map<string, Map<string, Map<string | null, TablePage<R>>>>;
  private listedCount = 0;

  private constructor(
    private readonly lineage: Lineage<R>,
    private readonly base: TableBase<R>,
    private readonly delta: Delta<R>,
    private readonly search: SearchGeneration<R>,
  ) {}

  /** A table of `records`, built from scratch. */
  static build<R extends { slug: string }>(records: readonly R[], spec: TableSpec<R>, options: TableOptions = {}): Table<R> {
    const shape = new TableShape(spec);
    const rids = Int32Array.from(records.keys());
    const lineage: Lineage<R> = { shape, options: { ...DEFAULT_OPTIONS, ...options }, nextRid: records.length };
    const search = new SearchGeneration(spec, records.map((record, rid) => ({ rid, record })), lineage.options.deferSearch);
    return new Table(lineage, TableBase.build(shape, records, rids, lineage.options.deferIndexes), Delta.empty(shape), search);
  }

  /**
   * The next version: these changes applied in order (a record replaces the one with its
   * slug or is added; null deletes). This version is left as it was.
   */
  with(changes: Iterable<TableChange<R>>): Table<R> {
    const { shape } = this.lineage;
    const delta = new DeltaBuilder(this.delta);
    const search = this.search;
    for (const { slug, record } of changes) {
      const previous = delta.entries.get(slug);
      let basePosition = -1;
      let live = false;
      if (previous) {
        delta.unsort(previous);
        basePosition = previous.basePosition;
        live = true;
      } else {
        const position = this.base.bySlug.get(slug);
        if (position !== undefined && !delta.hidden.has(position)) {
          delta.hidden.add(position);
          basePosition = position;
          live = true;
        }
      }
      if (record === null) {
        delta.entries.delete(slug);
        continue;
      }
      const rid = this.lineage.nextRid++;
      search.add(rid, record);
      delta.add(makeEntry(shape, record, rid, live ? basePosition : -1), !live);
    }
    let next = delta.build();
    let base = this.base;
    if (next.weight > this.lineage.options.deltaLimit(base.length)) {
      base = base.merge(shape, next);
      next = Delta.empty(shape);
    }
    let generation = search;
    const size = base.length - next.hidden.size + next.entries.size;
    if (generation.size > size + this.lineage.options.searchSlack(size)) {
      generation = new SearchGeneration(shape.spec, liveRecords(base, next));
    }
    return new Table(this.lineage, base, next, generation);
  }

  get size(): number {
    return this.base.length - this.delta.hidden.size + this.delta.entries.size;
  }

  /** Settles when this version's text and name indexes are built (at once unless built with `deferSearch`). */
  get searchReady(): Promise<void> {
    return this.search.ready;
  }

  get searchIsReady(): boolean {
    return this.search.isReady;
  }

  /** Settles when this version's posting lists, orders and date index are built (at once unless built with `deferIndexes`). */
  get indexesReady(): Promise<void> {
    return this.base.isBuilt ? Promise.resolve() : this.base.index();
  }

  /** Builds deferred posting lists, orders and date index, yielding to the event loop between them; settles `indexesReady`. */
  indexBase(): Promise<void> {
    return this.base.index();
  }

  /** Builds the indexes built on demand (see `TableSpec.onDemand`) before any use, yielding to the event loop between them. */
  indexOnDemand(): Promise<void> {
    return this.base.indexOnDemand();
  }

  /** Builds deferred text and name indexes, yielding to the event loop between chunks; settles `searchReady`. */
  indexSearch(): Promise<void> {
    return this.search.index();
  }

  get(slug: string): R | null {
    const entry = this.delta.entries.get(slug);
    if (entry) return entry.record;
    const position = this.base.bySlug.get(slug);
    return position === undefined || this.delta.hidden.has(position) ? null : this.base.records[position]!;
  }

  /** Every record, in data-set order: records keep their place when updated, creates come last. */
  all(): readonly R[] {
    if (this.delta.weight === 0) return this.base.records;
    this.materialized ??= [...liveRecords(this.base, this.delta)].map(({ record }) => record);
    return this.materialized;
  }

  /** The records listed under `key` in the index `field`, in data-set order. */
  listedUnder(field: string, key: string | null): R[] {
    const postingKey = key ?? NULL_KEY;
    const found: { order: number; record: R }[] = [];
    for (const position of this.postings(field).get(postingKey) ?? []) {
      if (!this.delta.hidden.has(position)) found.push({ order: position, record: this.base.records[position]! });
    }
    let appended = this.base.length;
    for (const entry of this.delta.entries.values()) {
      const order = entry.basePosition >= 0 ? entry.basePosition : appended++;
      if (entry.values[field]!.has(postingKey)) found.push({ order, record: entry.record });
    }
    return found.sort((a, b) => a.order - b.order).map(({ record }) => record);
  }

  /**
   * Records whose name or aliases match the words of `query` (prefix and small-typo
   * tolerant), scored so that scores compare across tables: a whole-name match first
   * (1000), then names beginning with the query (100), then whole-alias matches (50);
   * within a tier, names the query covers more of (up to 10), then relevance (up to 1).
   */
  searchNames(query: string): NameHit<R>[] {
    // Before `searchReady` this throws (see SearchGeneration).
    const { names } = this.lineage.shape.spec;
    if (!names) return [];
    const folded = foldText(query.trim()).replace(/\s+/g, ' ');
    const queryWords = foldedWords(query).length;
    const hits = this.search.searchNames(query).filter(({ rid }) => this.isLive(rid));
    const top = hits[0]?.score ?? 1;
    return hits.map((hit) => {
      const record = this.search.record(hit.rid);
      const { name, aliases } = names(record);
      const foldedName = foldText(name);
      const tier = foldedName === folded ? 1000 : foldedName.startsWith(folded) ? 100 : aliases.some((alias) => foldText(alias) === folded) ? 50 : 0;
      const coverage = Math.min(1, queryWords / Math.max(1, foldedWords(name).length));
      return { record, score: tier + 10 * coverage + hit.score / top };
    });
  }

  find(query: TableQuery): TablePage<R> {
    const found = this.findNow(query);
    if (!found) throw new Error('the indexes are still being built: wait for indexesReady and searchReady');
    return found;
  }

  /**
   * The page, or null while an index it needs is still being built: the posting lists,
   * orders and date index (wait for `indexesReady`), or the text index for a text filter
   * that no other filter narrows to a few candidates (wait for `searchReady`). Then ask
   * again.
   */
  findNow(query: TableQuery): TablePage<R> | null {
    if (!this.base.isBuilt) return null;
    // The whole list of records with one value in one indexed field: kept, frozen.
    const where = query.where;
    if (where?.length === 1 && where[0]!.anyOf.length === 1 && !query.text && !query.dateRange && query.first == null && query.last == null && !query.after && !query.before) {
      const { field, anyOf } = where[0]!;
      const byValue = this.listedBy(field, query.order.field, query.order.direction);
      const value = anyOf[0]!;
      let found = byValue.get(value);
      if (found === undefined) {
        found = deepFreezePage(this.findPage(query)!);
        if (this.listedCount++ >= LISTED_MEMO_SIZE) {
          this.listed = undefined;
          this.listedCount = 0;
          return found;
        }
        byValue.set(value, found);
      }
      return found;
    }
    return this.findPage(query);
  }

  /** The kept whole lists of `field`'s values in one order (made on first use). */
  private listedBy(field: string, orderField: string, direction: OrderDirection): Map<string | null, TablePage<R>> {
    const byOrder = ((this.listed ??= new Map()).get(field) ?? this.listed.set(field, new Map()).get(field)!) as Map<string, Map<string | null, TablePage<R>>>;
    const key = direction === 'ASC' ? orderField : `-${orderField}`;
    let byValue = byOrder.get(key);
    if (!byValue) byOrder.set(key, (byValue = new Map()));
    return byValue;
  }

  private findPage(query: TableQuery): TablePage<R> | null {
    const field = query.order.field;
    const order = this.base.order(field);
    if (!order) throw new Error(`unknown order ${field}; expected one of ${this.lineage.shape.orderFields.join(', ')}`);
    const conditions = this.conditions(query);
    if (!conditions) return null;
    const entries = this.delta.sorted.get(field)!;
    if (conditions.length === 0) return page(this.visibleBase(field, order), entryRun(entries, field), query);
    const matches = entries.filter((entry) => conditions.every((condition) => condition.testEntry(entry)));
    const positions = this.matchBase(conditions, order);
    const base: Run<R> = { length: positions.length, key: (i) => order.keys[positions[i]!]!, entity: (i) => this.base.records[positions[i]!]! };
    return page(base, entryRun(matches, field), query);
  }

  private isLive(rid: number): boolean {
    const { slug } = this.search.record(rid);
    const entry = this.delta.entries.get(slug);
    if (entry) return entry.rid === rid;
    const position = this.base.bySlug.get(slug);
    return position !== undefined && this.base.rids[position] === rid && !this.delta.hidden.has(position);
  }

  private postings(field: string): ReadonlyMap<string, Int32Array> {
    const lists = this.base.lists(field);
    if (!lists) throw new Error(`unknown index ${field}; expected one of ${this.lineage.shape.fields.join(', ')}`);
    return lists;
  }

  /** The base records not hidden by the delta, in the order's sequence, read by index without copying. */
  private visibleBase(field: string, order: Order): Run<R> {
    const hidden = this.delta.hiddenRanks(field, order.rank);
    // The t-th visible rank is t plus the number of hidden ranks below it; hidden[c] - c never decreases.
    const rankOf = (t: number) => t + firstIndexWhere(hidden.length, (c) => hidden[c]! - c > t);
    return {
      length: order.sorted.length - hidden.length,
      key: (t) => order.keys[order.sorted[rankOf(t)]!]!,
      entity: (t) => this.base.records[order.sorted[rankOf(t)]!]!,
    };
  }

  /** The query's filters; none when it has no filter; null when they need the text index before it is built. */
  private conditions(query: TableQuery): Condition<R>[] | null {
    const conditions: Condition<R>[] = [];
    for (const { field, anyOf } of query.where ?? []) {
      const lists = this.postings(field);
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
      conditions.push(this.dateCondition(query.dateRange));
    }
    if (query.text != null && query.text.trim() !== '') {
      if (!this.search.hasWords) throw new Error('this type has no text index');
      const textOf = this.lineage.shape.spec.text!;
      if (conditions.some((condition) => condition.estimate <= TEXT_SCAN_LIMIT)) {
        // Another filter leaves few candidates: read their words rather than search the whole index.
        const terms = wordTerms(query.text);
        conditions.push({
          estimate: Infinity,
          positions: () => [],
          test: (position) => hasWordPrefixes(textOf(this.base.records[position]!), terms),
          testEntry: (entry) => hasWordPrefixes(textOf(entry.record), terms),
        });
        return conditions;
      }
      if (!this.search.isReady) return null;
      const hits = this.search.matchWords(query.text);
      const { base, search } = this;
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

  /** Records whose date range may overlap the window: estimated by the smaller side of the date index. */
  private dateCondition({ from, to }: DateRange): Condition<R> {
    const dates = this.base.dates;
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

  /** Base positions passing every condition, in the order's sequence. */
  private matchBase(conditions: Condition<R>[], order: Order): Int32Array {
    const { hidden } = this.delta;
    conditions.sort((a, b) => a.estimate - b.estimate);
    const [driver, ...others] = conditions as [Condition<R>, ...Condition<R>[]];
    const n = order.sorted.length;
    if (this.lineage.options.walkOrder(driver.estimate, n)) {
      // Most records may match: walking the presorted order beats sorting the matches.
      const out = new Int32Array(n);
      let count = 0;
      for (let r = 0; r < n; r++) {
        const position = order.sorted[r]!;
        if (!hidden.has(position) && conditions.every((condition) => condition.test(position))) out[count++] = position;
      }
      return out.subarray(0, count);
    }
    const ranks: number[] = [];
    for (const position of driver.positions()) {
      if (!hidden.has(position) && others.every((condition) => condition.test(position))) ranks.push(order.rank[position]!);
    }
    const sorted = Int32Array.from(ranks).sort();
    for (let i = 0; i < sorted.length; i++) sorted[i] = order.sorted[sorted[i]!]!;
    return sorted;
  }
}

function deepFreezePage<R>(found: TablePage<R>): TablePage<R> {
  for (const item of found.items) Object.freeze(item);
  Object.freeze(found.items);
  return Object.freeze(found);
}

function* liveRecords<R extends { slug: string }>(base: TableBase<R>, delta: Delta<R>): Iterable<{ rid: number; record: R }> {
  const inPlace = new Map<number, Entry<R>>();
  for (const entry of delta.entries.values()) if (entry.basePosition >= 0) inPlace.set(entry.basePosition, entry);
  for (let p = 0; p < base.length; p++) {
    if (!delta.hidden.has(p)) yield { rid: base.rids[p]!, record: base.records[p]! };
    else {
      const entry = inPlace.get(p);
      if (entry) yield { rid: entry.rid, record: entry.record };
    }
  }
  for (const entry of delta.entries.values()) if (entry.basePosition < 0) yield { rid: entry.rid, record: entry.record };
}

function entryRun<R>(entries: readonly Entry<R>[], field: string): Run<R> {
  return { length: entries.length, key: (i) => entries[i]!.keys[field]!, entity: (i) => entries[i]!.record };
}
