/**
 * The bulk of a table version: records in data-set order with posting lists, presorted
 * orders and a date index over their positions. Immutable; built once from scratch,
 * then from the previous base and a delta by linear merges (no sort of the whole table,
 * no text re-index: the search generation is kept). A base built deferred holds only its
 * records and slug lookup at first, and builds each index on first use or in the
 * background, so a data set is served as soon as it is read.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SortKey } from '../contract/store';
import { compareKeys, compareStrings } from '../contract/compare';
import type { TableShape } from '../keys/table-shape';
import type { Delta, Entry } from './table-delta';
import { buildDates, buildOrder, buildPostings, mergeAscending, type DateIndex, type Order } from './table-indexes';

/** The bulk of one table version: its records and their indexes, immutable. */
export class TableBase<R extends { slug: string }> {
  private slugs?: Map<string, number>;
  /** True once every index is built (but those the shape builds on demand). */
  isBuilt = false;
  private building: Promise<void> | null = null;

  private constructor(
    private readonly shape: TableShape<R>,
    readonly records: readonly R[],
    /** rids[position] = the record version's id in the search generation. */
    readonly rids: Int32Array,
    /** field → posting key → ascending positions, for the fields built so far. */
    private readonly postings: Map<string, ReadonlyMap<string, Int32Array>>,
    /** The orders built so far. */
    private readonly orders: Map<string, Order>,
    /** The date index; undefined until built. */
    private dateIndex: DateIndex | null | undefined,
  ) {
    this.checkBuilt();
  }

  /** Slug → position (built on first use: with a deferred base, that is often after start-up). */
  get bySlug(): ReadonlyMap<string, number> {
    if (!this.slugs) {
      this.slugs = new Map();
      for (let position = 0; position < this.records.length; position++) this.slugs.set(this.records[position]!.slug, position);
    }
    return this.slugs;
  }

  get length(): number {
    return this.records.length;
  }

  /**
   * A base of `records`. With `deferred`, nothing is built now: each index (and the slug
   * lookup) is built on first use, or by `index` in the background.
   */
  static build<R extends { slug: string }>(shape: TableShape<R>, records: readonly R[], rids: Int32Array, deferred = false): TableBase<R> {
    const base = new TableBase(shape, records, rids, new Map(), new Map(), undefined);
    if (!deferred) for (const build of base.missing()) build();
    return base;
  }

  /** The posting lists of an indexed field (built now if not yet), or undefined for an unknown field. */
  lists(field: string): ReadonlyMap<string, Int32Array> | undefined {
    let lists = this.postings.get(field);
    if (!lists && this.shape.fields.includes(field)) {
      this.postings.set(field, (lists = buildPostings(this.shape, this.records, field)));
      this.checkBuilt();
    }
    return lists;
  }

  /** An order (built now if not yet), or undefined for an unknown order. */
  order(field: string): Order | undefined {
    let order = this.orders.get(field);
    if (!order && this.shape.orderFields.includes(field)) {
      this.orders.set(field, (order = buildOrder(this.shape, this.records, field)));
      this.checkBuilt();
    }
    return order;
  }

  /** The date index (built now if not yet), or null when the type has no date. */
  get dates(): DateIndex | null {
    if (this.dateIndex === undefined) {
      this.dateIndex = buildDates(this.shape, this.records);
      this.checkBuilt();
    }
    return this.dateIndex;
  }

  /** Builds every index not built yet, one at a time, yielding to the event loop before each; settles when all are. */
  index(): Promise<void> {
    this.building ??= (async () => {
      // Each build checks again: one asked for meanwhile was built on demand.
      for (const build of this.missing()) {
        await yieldToEventLoop();
        build();
      }
    })();
    return this.building;
  }

  /** Builds the indexes the shape builds on demand that no one asked for yet, yielding to the event loop before each. */
  async indexOnDemand(): Promise<void> {
    for (const field of this.shape.onDemand) {
      if (this.postings.has(field)) continue;
      await yieldToEventLoop();
      this.lists(field);
    }
  }

  /** The builds of the indexes still missing (those built on demand excepted). */
  private missing(): (() => void)[] {
    const builds: (() => void)[] = [];
    if (!this.slugs) builds.push(() => this.bySlug);
    for (const field of this.shape.fields) if (!this.shape.onDemand.has(field) && !this.postings.has(field)) builds.push(() => this.lists(field));
    for (const field of this.shape.orderFields) if (!this.orders.has(field)) builds.push(() => this.order(field));
    if (this.dateIndex === undefined) builds.push(() => this.dates);
    return builds;
  }

  private checkBuilt(): void {
    this.isBuilt =
      this.dateIndex !== undefined &&
      this.shape.orderFields.every((field) => this.orders.has(field)) &&
      this.shape.fields.every((field) => this.shape.onDemand.has(field) || this.postings.has(field));
  }

  /** This base with the delta folded in: O(n) merges of the presorted structures. */
  merge(shape: TableShape<R>, delta: Delta<R>): TableBase<R> {
    const n = this.records.length;
    // New positions: surviving base records keep their order, updated records keep their place, creates follow.
    const oldToNew = new Int32Array(n).fill(-1);
    const inPlace = new Map<number, Entry<R>>();
    for (const entry of delta.entries.values()) if (entry.basePosition >= 0) inPlace.set(entry.basePosition, entry);
    const records: R[] = [];
    const rids: number[] = [];
    const entryPosition = new Map<Entry<R>, number>();
    for (let p = 0; p < n; p++) {
      if (!delta.hidden.has(p)) {
        oldToNew[p] = records.length;
        records.push(this.records[p]!);
        rids.push(this.rids[p]!);
        continue;
      }
      const entry = inPlace.get(p);
      if (entry) {
        entryPosition.set(entry, records.length);
        records.push(entry.record);
        rids.push(entry.rid);
      }
    }
    for (const entry of delta.entries.values()) {
      if (entry.basePosition >= 0) continue;
      entryPosition.set(entry, records.length);
      records.push(entry.record);
      rids.push(entry.rid);
    }
    const size = records.length;

    const postings = new Map<string, ReadonlyMap<string, Int32Array>>();
    for (const field of shape.fields) {
      // A field built on demand and not asked for yet stays unbuilt in the merged base too.
      if (shape.onDemand.has(field) && !this.postings.has(field)) continue;
      const added = new Map<string, number[]>();
      for (const [entry, position] of entryPosition) {
        for (const key of entry.values[field]!) {
          let list = added.get(key);
          if (!list) added.set(key, (list = []));
          list.push(position);
        }
      }
      const lists = new Map<string, Int32Array>();
      for (const [key, old] of this.lists(field)!) {
        const kept = new Int32Array(old.length);
        let count = 0;
        for (let i = 0; i < old.length; i++) {
          const position = oldToNew[old[i]!]!;
          if (position >= 0) kept[count++] = position;
        }
        const list = mergeAscending(kept.subarray(0, count), added.get(key));
        added.delete(key);
        if (list.length > 0) lists.set(key, list);
      }
      for (const [key, list] of added) lists.set(key, Int32Array.from(list).sort());
      postings.set(field, lists);
    }

    const sortedEntries = (compare: (a: Entry<R>, b: Entry<R>) => number) => [...entryPosition.keys()].sort(compare);
    const orders = new Map<string, Order>();
    for (const field of shape.orderFields) {
      const old = this.order(field)!;
      const keys: SortKey[] = new Array(size);
      const sorted = new Int32Array(size);
      const rank = new Int32Array(size);
      const entries = delta.sorted.get(field)!;
      let i = 0;
      let j = 0;
      for (let out = 0; out < size; out++) {
        while (i < n && oldToNew[old.sorted[i]!]! < 0) i++;
        let position: number;
        if (i < n && (j >= entries.length || compareKeys(old.keys[old.sorted[i]!]!, entries[j]!.keys[field]!) < 0)) {
          const from = old.sorted[i++]!;
          position = oldToNew[from]!;
          keys[position] = old.keys[from]!;
        } else {
          const entry = entries[j++]!;
          position = entryPosition.get(entry)!;
          keys[position] = entry.keys[field]!;
        }
        sorted[out] = position;
        rank[position] = out;
      }
      orders.set(field, { sorted, rank, keys });
    }

    let dates: DateIndex | null = null;
    const oldDates = this.dates;
    if (oldDates) {
      const earliest: string[] = new Array(size);
      const latest: string[] = new Array(size);
      for (let p = 0; p < n; p++) {
        const position = oldToNew[p]!;
        if (position >= 0) {
          earliest[position] = oldDates.earliest[p]!;
          latest[position] = oldDates.latest[p]!;
        }
      }
      for (const [entry, position] of entryPosition) {
        earliest[position] = entry.earliest;
        latest[position] = entry.latest;
      }
      const mergeDates = (old: Int32Array, bound: readonly string[], entries: Entry<R>[]) => {
        const out = new Int32Array(size);
        let i = 0;
        let j = 0;
        for (let k = 0; k < size; k++) {
          while (i < n && oldToNew[old[i]!]! < 0) i++;
          const next = i < n ? oldToNew[old[i]!]! : -1;
          const entry = entries[j];
          if (next >= 0 && (!entry || bound[next]! <= bound[entryPosition.get(entry)!]!)) {
            out[k] = next;
            i++;
          } else {
            out[k] = entryPosition.get(entry!)!;
            j++;
          }
        }
        return out;
      };
      dates = {
        earliest,
        latest,
        byEarliest: mergeDates(oldDates.byEarliest, earliest, sortedEntries((a, b) => compareStrings(a.earliest, b.earliest))),
        byLatest: mergeDates(oldDates.byLatest, latest, sortedEntries((a, b) => compareStrings(a.latest, b.latest))),
      };
    }
    return new TableBase(shape, records, Int32Array.from(rids), postings, orders, dates);
  }
}
