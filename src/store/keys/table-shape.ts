/**
 * What a store reads from each record, computed by one code for every store: sort keys per
 * order, posting values per indexed field, date bounds. The memory engine's base tables and
 * deltas and the PostgreSQL store's derived rows all read records through it, so the same
 * record always yields the same keys and values.
 */
import type { SortKey } from '../contract/store';
import type { TableSpec } from './table-spec';

/** The posting-list key of a missing reference. */
export const NULL_KEY = '\u0000null';
/** Date bounds of a record without that bound: before and after every date. */
export const NO_EARLIEST = '';
export const NO_LATEST = '\uffff';

/** A type's spec made ready to read records: its fields and orders listed, sort keys completed by the slug, missing values keyed. */
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
