/**
 * The records and posting tables that request views read, kept in this process for one
 * data version: the version the change feed has brought this process to (the NOTIFY of
 * each commit, then the changes it lists). A view reads through the cache only when its own
 * transaction sees exactly that version, so what it gets from the cache is what the
 * database would answer it; any other view reads the database, as without the cache.
 *
 * A posting table is every record of a type with one value in one indexed field (a
 * person's tenures, a person's meetings) held as a table of the memory engine, the JSON
 * store's own (src/store/memory/table.ts): any list request whose filter includes that
 * value (its whole list, or a page filtered further by topic, dates or words, in any
 * order, from any cursor) is answered from it exactly as the JSON store answers it, with
 * no statement. The view reads a table when a whole list asks for one, or when a filter's
 * shortest posting list is short (posting-sizes.ts); longer lists are paged by SQL.
 *
 * Moving to the next version drops exactly what changed: the records of the changes, and
 * every kept table of a type that changed (a person's tenures depend on tenures only). When
 * the changes between two versions are not all known (the feed no longer keeps them), the
 * cache starts again empty. A read fetched at one version is kept only if the cache is
 * still at that version when it arrives.
 *
 * What it saves is round trips, row parsing and the database's own work: a deep query reads
 * the same people, offices, organizations and countries request after request, and a page of
 * a person's meetings about a topic walks and probes nothing once that person's meetings
 * are held. Bounded (least recently used first out); PG_RECORD_CACHE sets how many records
 * it keeps, and as many again in its tables (0: no cache).
 */
import { LRUCache } from 'lru-cache';
import type { EntityType } from '../contract/records';
import type { ChangeEvent, Entity } from '../contract/store';
import type { TableSpec } from '../keys/table-spec';
import { TABLE_SPECS } from '../keys/table-specs';
import { Table } from '../memory/table';

/** Records kept at most by default (about 1 KiB each), and records held in posting tables. */
export const DEFAULT_RECORD_CACHE_SIZE = 50_000;

/** A record known to be absent. */
const ABSENT = Symbol('absent');

/** One posting list: the records of a type with `value` (null: a missing reference) in `field`. */
export interface PostingKey {
  field: string;
  value: string | null;
}

export class RecordCache {
  private readonly records: LRUCache<string, Entity | typeof ABSENT>;
  /** Posting tables by type, generation, field and value; a type's generation moves on when it changes, so its old tables are never read again and age out. */
  private readonly tables: LRUCache<string, Table<Entity>>;
  private readonly generations = new Map<EntityType, number>();

  constructor(
    /** The data version the cache holds. */
    private version: number,
    maxRecords: number,
  ) {
    this.records = new LRUCache({ max: Math.max(1, maxRecords) });
    this.tables = new LRUCache({ maxSize: Math.max(1, maxRecords), sizeCalculation: (table) => Math.max(1, table.size) });
  }

  /** The version whose reads the cache answers. */
  get at(): number {
    return this.version;
  }

  /** The record at `version`: an entity, null when known absent, undefined when not kept (or the cache is at another version). */
  record<T extends EntityType>(version: number, type: T, slug: string): Entity<T> | null | undefined {
    if (version !== this.version) return undefined;
    const kept = this.records.get(recordKey(type, slug));
    return kept === undefined ? undefined : kept === ABSENT ? null : (kept as unknown as Entity<T>);
  }

  keepRecord(version: number, type: EntityType, slug: string, record: Entity | null): void {
    if (version === this.version) this.records.set(recordKey(type, slug), record ?? ABSENT);
  }

  /** The posting table of `key` at `version`, or undefined (not kept, or the cache is at another version). */
  table<T extends EntityType>(version: number, type: T, key: PostingKey): Table<Entity<T>> | undefined {
    if (version !== this.version) return undefined;
    return this.tables.get(this.tableKey(type, key)) as Table<Entity<T>> | undefined;
  }

  /** Keeps the posting table of `key` made of `records` (every record of the list at `version`), if the cache is at that version; returns it either way. */
  keepTable<T extends EntityType>(version: number, type: T, key: PostingKey, records: readonly Entity<T>[]): Table<Entity<T>> {
    const table = postingTable(type, records);
    if (version === this.version) this.tables.set(this.tableKey(type, key), table as unknown as Table<Entity>);
    return table;
  }

  /**
   * Moves to `version` (later than the cache's), dropping what `changes` changed; `changes`
   * must be every change after the cache's version up to `version`, else (or when null:
   * not known) everything is dropped.
   */
  advance(version: number, changes: readonly Pick<ChangeEvent, 'seq' | 'type' | 'slug'>[] | null): void {
    if (version <= this.version) return;
    const complete = changes !== null && changes.length === version - this.version && changes.every((change, i) => change.seq === this.version + 1 + i);
    if (!complete) {
      this.records.clear();
      this.tables.clear();
    } else {
      for (const { type, slug } of changes) {
        this.records.delete(recordKey(type, slug));
        this.generations.set(type, (this.generations.get(type) ?? 0) + 1);
      }
    }
    this.version = version;
  }

  private tableKey(type: EntityType, { field, value }: PostingKey): string {
    return JSON.stringify([type, this.generations.get(type) ?? 0, field, value]);
  }
}

function recordKey(type: EntityType, slug: string): string {
  return `${type}\u0000${slug}`;
}

/** A memory-engine table of a posting list's records, indexed as the JSON store indexes its own (its word search never built: a text filter on a table this size reads the records' words). */
function postingTable<T extends EntityType>(type: T, records: readonly Entity<T>[]): Table<Entity<T>> {
  return Table.build(records, TABLE_SPECS[type] as unknown as TableSpec<Entity<T>>, { deferSearch: true });
}
