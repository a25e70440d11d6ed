/**
 * The bulk of a table version: records in data-set order with posting lists, presorted
 * orders and a date index over their positions. Immutable; built once from scratch,
 * then from the previous base and a delta by linear merges (no sort of the whole table,
 * no text re-index: the search generation is kept).
 */
import type { SortKey } from './store';
import type { Delta, Entry } from './table-delta';
import { compareKeys, type TableShape } from './table-shape';

export interface Order {
  /** Record positions in ascending order. */
  sorted: Int32Array;
  /** rank[position] = index of that record in `sorted`. */
  rank: Int32Array;
  /** keys[position] = that record's sort key. */
  keys: readonly SortKey[];
}

export interface DateIndex {
  byEarliest: Int32Array;
  byLatest: Int32Array;
  earliest: readonly string[];
  latest: readonly string[];
}

export class TableBase<R extends { slug: string }> {
  readonly bySlug = new Map<string, number>();

  private constructor(
    readonly records: readonly R[],
    /** rids[position] = the record version's id in the search generation. */
    readonly rids: Int32Array,
    /** field → posting key → ascending positions. */
    readonly postings: ReadonlyMap<string, ReadonlyMap<string, Int32Array>>,
    readonly orders: ReadonlyMap<string, Order>,
    readonly dates: DateIndex | null,
  ) {
    records.forEach((record, position) => this.bySlug.set(record.slug, position));
  }

  get length(): number {
    return this.records.length;
  }

  static build<R extends { slug: string }>(shape: TableShape<R>, records: readonly R[], rids: Int32Array): TableBase<R> {
    const postings = new Map<string, Map<string, Int32Array>>();
    for (const field of shape.fields) {
      const lists = new Map<string, number[]>();
      records.forEach((record, position) => {
        for (const key of shape.values(field, record)) {
          let list = lists.get(key);
          if (!list) lists.set(key, (list = []));
          list.push(position);
        }
      });
      postings.set(field, new Map([...lists].map(([key, list]) => [key, Int32Array.from(list)])));
    }
    const orders = new Map<string, Order>();
    for (const field of shape.orderFields) {
      const keys = records.map((record) => shape.key(field, record));
      const sorted = Int32Array.from(records.keys()).sort((a, b) => compareKeys(keys[a]!, keys[b]!));
      const rank = new Int32Array(records.length);
      sorted.forEach((position, index) => (rank[position] = index));
      orders.set(field, { sorted, rank, keys });
    }
    let dates: DateIndex | null = null;
    if (shape.spec.date) {
      const earliest = records.map((record) => shape.earliest(record));
      const latest = records.map((record) => shape.latest(record));
      dates = {
        earliest,
        latest,
        byEarliest: Int32Array.from(records.keys()).sort((a, b) => compareStrings(earliest[a]!, earliest[b]!)),
        byLatest: Int32Array.from(records.keys()).sort((a, b) => compareStrings(latest[a]!, latest[b]!)),
      };
    }
    return new TableBase(records, rids, postings, orders, dates);
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

    const postings = new Map<string, Map<string, Int32Array>>();
    for (const field of shape.fields) {
      const added = new Map<string, number[]>();
      for (const [entry, position] of entryPosition) {
        for (const key of entry.values[field]!) {
          let list = added.get(key);
          if (!list) added.set(key, (list = []));
          list.push(position);
        }
      }
      const lists = new Map<string, Int32Array>();
      for (const [key, old] of this.postings.get(field)!) {
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
    for (const [field, old] of this.orders) {
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
    if (this.dates) {
      const earliest: string[] = new Array(size);
      const latest: string[] = new Array(size);
      for (let p = 0; p < n; p++) {
        const position = oldToNew[p]!;
        if (position >= 0) {
          earliest[position] = this.dates.earliest[p]!;
          latest[position] = this.dates.latest[p]!;
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
        byEarliest: mergeDates(this.dates.byEarliest, earliest, sortedEntries((a, b) => compareStrings(a.earliest, b.earliest))),
        byLatest: mergeDates(this.dates.byLatest, latest, sortedEntries((a, b) => compareStrings(a.latest, b.latest))),
      };
    }
    return new TableBase(records, Int32Array.from(rids), postings, orders, dates);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An ascending list with unsorted additions merged in. */
function mergeAscending(list: Int32Array, added: number[] | undefined): Int32Array {
  if (!added || added.length === 0) return list;
  const more = Int32Array.from(added).sort();
  const out = new Int32Array(list.length + more.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= more.length || (i < list.length && list[i]! < more[j]!) ? list[i++]! : more[j++]!;
  return out;
}
