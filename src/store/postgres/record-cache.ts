/**
 * The records and whole lists that request views read, kept in this process for one data
 * version: the version the change feed has brought this process to (the NOTIFY of each
 * commit, then the changes it lists). A view reads through the cache only when its own
 * transaction sees exactly that version, so what it gets from the cache is what the
 * database would answer it; any other view reads the database, as without the cache.
 *
 * Moving to the next version drops exactly what changed: the records of the changes, and
 * every kept list of a type that changed (a list of tenures depends on tenures only). When
 * the changes between two versions are not all known (the feed no longer keeps them), the
 * cache starts again empty. A read fetched at one version is kept only if the cache is
 * still at that version when it arrives.
 *
 * What it saves is round trips and row parsing: a deep query reads the same people,
 * offices, organizations and countries request after request. Bounded (least recently
 * used first out); PG_RECORD_CACHE sets how many records (0: no cache).
 */
import { LRUCache } from 'lru-cache';
import type { EntityType } from '../contract/records';
import { wholeListOf, type ChangeEvent, type Entity, type FindQuery, type FindResult } from '../contract/store';

/** Records kept at most by default (about 1 KiB each). */
export const DEFAULT_RECORD_CACHE_SIZE = 50_000;
/** Whole lists kept at most per entity type. */
const LISTS_PER_TYPE = 10_000;

/** A record known to be absent. */
const ABSENT = Symbol('absent');

export class RecordCache {
  private readonly records: LRUCache<string, Entity | typeof ABSENT>;
  private readonly lists = new Map<EntityType, LRUCache<string, FindResult>>();

  constructor(
    /** The data version the cache holds. */
    private version: number,
    maxRecords: number,
  ) {
    this.records = new LRUCache({ max: Math.max(1, maxRecords) });
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

  /** The whole list `key` names (a query of one value in one field) at `version`, or undefined. */
  list<T extends EntityType>(version: number, type: T, key: string): FindResult<T> | undefined {
    if (version !== this.version) return undefined;
    return this.lists.get(type)?.get(key) as FindResult<T> | undefined;
  }

  keepList(version: number, type: EntityType, key: string, result: FindResult): void {
    if (version !== this.version) return;
    let lists = this.lists.get(type);
    if (!lists) this.lists.set(type, (lists = new LRUCache({ max: LISTS_PER_TYPE })));
    // Shared by the requests that read it: nobody may change it.
    for (const item of result.items) Object.freeze(item);
    Object.freeze(result.items);
    lists.set(key, Object.freeze(result));
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
      this.lists.clear();
    } else {
      for (const { type, slug } of changes) {
        this.records.delete(recordKey(type, slug));
        this.lists.delete(type);
      }
    }
    this.version = version;
  }
}

function recordKey(type: EntityType, slug: string): string {
  return `${type}\u0000${slug}`;
}

/** A query that asks for the whole list of one value in one field (a person's tenures): the lists the cache keeps, by this key; null for any other query. */
export function wholeListKey(query: FindQuery): string | null {
  const list = wholeListOf(query);
  return list === null ? null : JSON.stringify([list.field, list.value, query.order.field, query.order.direction]);
}
