/**
 * What a table reads from each record, precomputed once per record: sort keys per order,
 * indexed values per field, date bounds. Base tables and deltas share it, so the same
 * record always yields the same keys and values.
 */
import type { SortKey } from '../contract/store';
import type { TableSpec } from '../memory/table';

/** The posting-list key of a missing reference. */
export const NULL_KEY = '\u0000null';
/** Date bounds of a record without that bound: before and after every date. */
export const NO_EARLIEST = '';
export const NO_LATEST = '\uffff';

export class TableShape<R extends { slug: string }> {
  readonly fields: readonly string[];
  readonly orderFields: readonly string[];
  /** Indexed fields whose base posting lists are built on first use. */
  readonly onDemand: ReadonlySet<string>;

  constructor(readonly spec: TableSpec<R>) {
    this.fields = Object.keys(spec.indexes);
    this.orderFields = Object.keys(spec.orders);
    this.onDemand = new Set(spec.onDemand);
  }

  key(order: string, record: R): SortKey {
    return [...this.spec.orders[order]!(record), record.slug];
  }

  /** The distinct posting keys of a record for one field. */
  values(field: string, record: R): string[] {
    const listed = this.spec.indexes[field]!(record);
    // Most fields list one value: no set needed (this runs for every record and field at start-up).
    if (listed.length === 1) return [listed[0] ?? NULL_KEY];
    const values = new Set<string>();
    for (const value of listed) values.add(value ?? NULL_KEY);
    return [...values];
  }

  earliest(record: R): string {
    return this.spec.date?.(record)?.earliest ?? NO_EARLIEST;
  }

  latest(record: R): string {
    return this.spec.date?.(record)?.latest ?? NO_LATEST;
  }
}

/** Compares strings by UTF-16 code units (stable across platforms and locales). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares sort keys element by element, by UTF-16 code units (stable across platforms and locales). */
export function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The first index in [low, high) for which the monotone predicate holds, or high. */
export function firstIndexWhere(high: number, predicate: (index: number) => boolean, low = 0): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether the ascending list holds `value`. */
export function sortedHas(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const at = list[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle;
  }
  return false;
}
