/**
 * The changes a table version holds on top of its base: the records written since the
 * base was built, each with its keys and values computed once, and the base positions
 * they hide. A delta is immutable; a write copies it (it stays small: the table folds
 * it into a new base past a threshold).
 */
import type { SortKey } from '../contract/store';
import { compareKeys } from '../contract/compare';
import type { TableShape } from '../keys/table-shape';
import { firstIndexWhere } from './binary-search';

/** One record version written since the base: what queries read of it, precomputed. */
export interface Entry<R> {
  readonly record: R;
  readonly slug: string;
  /** The id of this record version in the lineage's search generation. */
  readonly rid: number;
  /** Sort key per order. */
  readonly keys: Readonly<Record<string, SortKey>>;
  /** Posting keys per indexed field. */
  readonly values: Readonly<Record<string, ReadonlySet<string>>>;
  readonly earliest: string;
  readonly latest: string;
  /** The base position whose place in the data set this record keeps (an update), or -1 (a create). */
  readonly basePosition: number;
}

export function makeEntry<R extends { slug: string }>(shape: TableShape<R>, record: R, rid: number, basePosition: number): Entry<R> {
  const keys: Record<string, SortKey> = {};
  for (const order of shape.orderFields) keys[order] = shape.key(order, record);
  const values: Record<string, ReadonlySet<string>> = {};
  for (const field of shape.fields) values[field] = new Set(shape.values(field, record));
  return { record, slug: record.slug, rid, keys, values, earliest: shape.earliest(record), latest: shape.latest(record), basePosition };
}

export class Delta<R> {
  private readonly hiddenRankMemo = new Map<string, Int32Array>();

  constructor(
    /** Live written records by slug, in data-set order for creates (Map order). */
    readonly entries: ReadonlyMap<string, Entry<R>>,
    /** Base positions not visible in this version (updated or deleted). */
    readonly hidden: ReadonlySet<number>,
    /** The entries sorted by each order's key. */
    readonly sorted: ReadonlyMap<string, readonly Entry<R>[]>,
  ) {}

  static empty<R extends { slug: string }>(shape: TableShape<R>): Delta<R> {
    return new Delta(new Map(), new Set(), new Map(shape.orderFields.map((order) => [order, []])));
  }

  /** How far this version is from its base: the cost every query pays on top of the base. */
  get weight(): number {
    return this.entries.size + this.hidden.size;
  }

  /** The ranks of the hidden positions in an order, ascending. */
  hiddenRanks(order: string, rank: Int32Array): Int32Array {
    let ranks = this.hiddenRankMemo.get(order);
    if (!ranks) {
      ranks = Int32Array.from(this.hidden, (position) => rank[position]!).sort();
      this.hiddenRankMemo.set(order, ranks);
    }
    return ranks;
  }
}

/** A delta being written: copies of the parent's structures, changed in place, then frozen. */
export class DeltaBuilder<R> {
  readonly entries: Map<string, Entry<R>>;
  readonly hidden: Set<number>;
  private readonly sorted: Map<string, Entry<R>[]>;

  constructor(parent: Delta<R>) {
    this.entries = new Map(parent.entries);
    this.hidden = new Set(parent.hidden);
    this.sorted = new Map([...parent.sorted].map(([order, entries]) => [order, [...entries]]));
  }

  /** Takes an entry out of the orders (the caller replaces or deletes it in `entries`). */
  unsort(entry: Entry<R>): void {
    for (const [order, list] of this.sorted) {
      const key = entry.keys[order]!;
      const at = firstIndexWhere(list.length, (i) => compareKeys(list[i]!.keys[order]!, key) >= 0);
      if (list[at] === entry) list.splice(at, 1);
    }
  }

  /** Adds an entry; `moveToEnd` when the slug was not live, so a re-created record lands after the others, as a Map would. */
  add(entry: Entry<R>, moveToEnd: boolean): void {
    if (moveToEnd) this.entries.delete(entry.slug);
    this.entries.set(entry.slug, entry);
    for (const [order, list] of this.sorted) {
      const key = entry.keys[order]!;
      list.splice(firstIndexWhere(list.length, (i) => compareKeys(list[i]!.keys[order]!, key) > 0), 0, entry);
    }
  }

  build(): Delta<R> {
    return new Delta(this.entries, this.hidden, this.sorted);
  }
}
