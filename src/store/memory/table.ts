/**
 * One entity type held in memory with its indexes: slug lookup, posting lists per
 * indexed field, presorted orders, a date index and a word index. A table is
 * immutable: `with` returns the next version in about O(k log n) for k written records,
 * sharing the previous version's indexes.
 *
 * A version is a base (table-base.ts: records, postings, orders, dates, built in bulk)
 * plus a small delta (table-delta.ts: records written since, hiding the base positions
 * they replace). Past a threshold the delta is folded into a new base by linear merges.
 * Word and name search use a search generation (search-generation.ts) shared by the whole
 * lineage and filtered by what is live in each version.
 *
 * `find` (with table-conditions.ts) picks the cheapest condition by estimated size (posting list lengths, date
 * index prefix or suffix), tests the others per candidate, sorts only the matches, and
 * locates cursors by binary search on sort keys over base and delta merged.
 */
import { foldText, foldedWords } from '../../domain/fold-text';
import { wholeListOf, type OrderDirection, type SortKey } from '../contract/store';
import { NULL_KEY, TableShape } from '../keys/table-shape';
import type { TableSpec } from '../keys/table-spec';
import { firstIndexWhere } from './binary-search';
import { SearchGeneration } from './search-generation';
import { TableBase } from './table-base';
import { matchBase, postingsOf, queryConditions, type Condition } from './table-conditions';
import { Delta, DeltaBuilder, makeEntry, type Entry } from './table-delta';
import type { Order } from './table-indexes';
import { DEFAULT_TABLE_OPTIONS, type TableOptions } from './table-options';
import { page, type Run } from './table-page';
import type { NameHit, TableChange, TablePage, TableQuery } from './table-query';

/** What every version of a table shares. */
interface Lineage<R extends { slug: string }> {
  shape: TableShape<R>;
  options: Required<TableOptions>;
  nextRid: number;
}

/** How many answers to whole-list lookups (see `Table.findNow`) one table version keeps. */
const LISTED_MEMO_SIZE = 4096;

/** One immutable version of one entity type's records with their indexes. */
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
    const lineage: Lineage<R> = { shape, options: { ...DEFAULT_TABLE_OPTIONS, ...options }, nextRid: records.length };
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
    for (const position of postingsOf(this.lineage.shape, this.base, field).get(postingKey) ?? []) {
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
    const list = query.anyOrder ? null : wholeListOf(query);
    if (list !== null) {
      const { field, value } = list;
      const byValue = this.listedBy(field, query.order.field, query.order.direction);
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
    const conditions = queryConditions({ shape: this.lineage.shape, base: this.base, search: this.search }, query);
    if (!conditions) return null;
    const entries = this.delta.sorted.get(field)!;
    if (query.anyOrder) return this.storeOrderPage(conditions, order, entries, field, query);
    if (conditions.length === 0) return page(this.visibleBase(field, order), entryRun(entries, field), query);
    const matches = entries.filter((entry) => conditions.every((condition) => condition.testEntry(entry)));
    const positions = matchBase(conditions, order, order.sorted.length, this.delta.hidden, this.lineage.options.walkOrder);
    const base: Run<R> = { length: positions.length, key: (i) => order.keys[positions[i]!]!, entity: (i) => this.base.records[positions[i]!]! };
    return page(base, entryRun(matches, field), query);
  }

  /**
   * The matches in any order, each with its key in `order`: the base's in the base's own
   * order (the order the records lie in memory) or its cheapest condition's, then the
   * delta's. For a caller that reads every match and orders nothing (counting): nothing is
   * sorted, and a scan of the base reads memory in sequence. Takes `first`, not cursors or
   * `last`.
   */
  private storeOrderPage(conditions: Condition<R>[], order: Order, entries: readonly Entry<R>[], field: string, query: TableQuery): TablePage<R> {
    if (query.after || query.before || query.last != null) throw new Error('a list in any order takes no cursor and no last');
    const { records } = this.base;
    const hidden = this.delta.hidden;
    const items: { entity: R; key: SortKey }[] = [];
    if (conditions.length === 0) {
      for (let position = 0; position < records.length; position++) if (!hidden.has(position)) items.push({ entity: records[position]!, key: order.keys[position]! });
    } else {
      for (const position of matchBase(conditions, null, records.length, hidden, this.lineage.options.walkOrder)) items.push({ entity: records[position]!, key: order.keys[position]! });
    }
    for (const entry of entries) if (conditions.every((condition) => condition.testEntry(entry))) items.push({ entity: entry.record, key: entry.keys[field]! });
    const totalCount = items.length;
    if (query.first != null && items.length > query.first) items.length = query.first;
    return { items, totalCount, hasPreviousPage: false, hasNextPage: items.length < totalCount };
  }

  private isLive(rid: number): boolean {
    const { slug } = this.search.record(rid);
    const entry = this.delta.entries.get(slug);
    if (entry) return entry.rid === rid;
    const position = this.base.bySlug.get(slug);
    return position !== undefined && this.base.rids[position] === rid && !this.delta.hidden.has(position);
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
