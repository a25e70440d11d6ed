/**
 * The indexes of a table base, each built in one pass over its records: presorted orders,
 * the date index and posting lists (table-base.ts builds them at once, on first use or in
 * the background, and merges them with a delta).
 */
import type { SortKey } from '../contract/store';
import { compareKeys, compareStrings } from '../contract/compare';
import type { TableShape } from '../keys/table-shape';

/** One presorted order of a base's records. */
export interface Order {
  /** Record positions in ascending order. */
  sorted: Int32Array;
  /** rank[position] = index of that record in `sorted`. */
  rank: Int32Array;
  /** keys[position] = that record's sort key. */
  keys: readonly SortKey[];
}

/** A base's records sorted by earliest and by latest possible date, for date-range filters. */
export interface DateIndex {
  byEarliest: Int32Array;
  byLatest: Int32Array;
  earliest: readonly string[];
  latest: readonly string[];
}

/** One order over `records`: positions sorted by sort key, their ranks, and each record's key. */
export function buildOrder<R extends { slug: string }>(shape: TableShape<R>, records: readonly R[], field: string): Order {
  const keys = records.map((record) => shape.key(field, record));
  const sorted = Int32Array.from(records.keys()).sort((a, b) => compareKeys(keys[a]!, keys[b]!));
  const rank = new Int32Array(records.length);
  sorted.forEach((position, index) => (rank[position] = index));
  return { sorted, rank, keys };
}

/** The date index over `records`, or null when the type has no date. */
export function buildDates<R extends { slug: string }>(shape: TableShape<R>, records: readonly R[]): DateIndex | null {
  if (!shape.spec.date) return null;
  const earliest = records.map((record) => shape.earliest(record));
  const latest = records.map((record) => shape.latest(record));
  return {
    earliest,
    latest,
    byEarliest: Int32Array.from(records.keys()).sort((a, b) => compareStrings(earliest[a]!, earliest[b]!)),
    byLatest: Int32Array.from(records.keys()).sort((a, b) => compareStrings(latest[a]!, latest[b]!)),
  };
}

/** One field's posting lists over `records`: posting key → ascending positions. */
export function buildPostings<R extends { slug: string }>(shape: TableShape<R>, records: readonly R[], field: string): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  for (let position = 0; position < records.length; position++) {
    for (const key of shape.values(field, records[position]!)) {
      const list = lists.get(key);
      if (list) list.push(position);
      else lists.set(key, [position]);
    }
  }
  const out = new Map<string, Int32Array>();
  for (const [key, list] of lists) out.set(key, Int32Array.from(list));
  return out;
}

/** An ascending list with unsorted additions merged in. */
export function mergeAscending(list: Int32Array, added: number[] | undefined): Int32Array {
  if (!added || added.length === 0) return list;
  const more = Int32Array.from(added).sort();
  const out = new Int32Array(list.length + more.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= more.length || (i < list.length && list[i]! < more[j]!) ? list[i++]! : more[j++]!;
  return out;
}
