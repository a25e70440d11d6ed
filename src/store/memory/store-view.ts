/**
 * An immutable version of a whole data set in memory with its indexes: what the JSON store
 * serves, and the read view (`Store.view()`) a request holds. A write makes a new version
 * from the records it changed, in about O(k log n) for k records: the tables of changed
 * types take a small delta (see table.ts), the others are shared. Readers holding an
 * older version keep reading it unchanged.
 */
import { ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from '../contract/records';
import type { Entity, FindQuery, FindResult, InMemoryReader, SearchHit, StoreReader, Tally, TallyQuery } from '../contract/store';
import { tagged } from '../contract/tagged';
import { citedSources, referencesOf } from '../contract/validate';
import type { ChangedRecords } from '../contract/working-set';
import type { TableSpec } from '../keys/table-spec';
import { TABLE_SPECS } from '../keys/table-specs';
import { Table } from './table';
import type { TableOptions } from './table-options';
import type { TableQuery } from './table-query';

type Tables = { [T in EntityType]: Table<Entity<T>> };
type AnyRecord = RecordOf[EntityType];

/**
 * An index every table has besides its spec's: the records each record refers to, as
 * `Type:slug` (citations as `Source:slug`), so a delete finds what still refers to its
 * record without scanning. Only deletes read it: it is built last in the background
 * after start-up, or by the first delete if that comes sooner (see `TableSpec.onDemand`).
 */
const REFERENCES = '@refersTo';

/** Options of a first version: a table's own, and from what size a table's indexes are deferred. */
export interface ViewOptions extends TableOptions {
  /**
   * With `deferIndexes`, only tables of at least this many records defer theirs (default
   * 10,000): a smaller table builds them in milliseconds, and its queries need not wait.
   */
  deferIndexesFrom?: number;
}

/** One version of the whole data set in memory, read by requests and written by making the next. */
export class StoreView implements StoreReader, InMemoryReader {
  private dataset?: Dataset;
  /** Settles when every index deferred at open (see `of`) is built. */
  indexed: Promise<void> = Promise.resolve();
  /** True once `indexed` has resolved. */
  isIndexed = true;

  private constructor(
    readonly version: number,
    private readonly tables: Tables,
    /** Full texts of sources, by source slug. */
    readonly texts: Map<string, string>,
  ) {}

  /**
   * The first version of a data set. With `deferIndexes`, the posting lists, orders and
   * date indexes of large tables are built in the background, smallest first, and with
   * `deferSearch` the text and name indexes after them, then the referrers index;
   * `indexed` settles when all are.
   */
  static of(data: Dataset, version: number, options: ViewOptions = {}): StoreView {
    const { deferIndexesFrom = 10_000, ...tableOptions } = options;
    const tables = {} as Record<EntityType, Table<Entity>>;
    const deferred: EntityType[] = [];
    for (const type of ENTITY_TYPES) {
      const records = (data[type] as AnyRecord[]).map((record) => tagged(type, record));
      const deferIndexes = options.deferIndexes === true && records.length >= deferIndexesFrom;
      if (deferIndexes) deferred.push(type);
      tables[type] = Table.build(records, specOf(type), { ...tableOptions, deferIndexes });
    }
    const view = new StoreView(version, tables as Tables, data.texts);
    if (options.deferSearch || options.deferIndexes) {
      view.isIndexed = false;
      const bySize = [...ENTITY_TYPES].sort((a, b) => tables[a].size - tables[b].size);
      view.indexed = (async () => {
        // One table at a time: each yields between chunks, so queries keep being served.
        for (const type of bySize) await tables[type].indexBase();
        for (const type of bySize) await tables[type].indexSearch();
        // Last, what only deletes read, for the large tables: a delete before this (or into a small table) builds it on the spot.
        for (const type of deferred) await tables[type].indexOnDemand();
        view.isIndexed = true;
      })();
      view.indexed.catch(() => undefined);
    }
    return view;
  }

  /**
   * The next version: these records written, texts replaced; unchanged types share their
   * tables. A `recreated` slug (deleted, then created again) is removed first, so its new
   * record goes after the others.
   */
  next(changed: ChangedRecords, texts: Map<string, string>, version: number, recreated?: ReadonlyMap<EntityType, ReadonlySet<string>>): StoreView {
    const tables = { ...this.tables } as Record<EntityType, Table<Entity>>;
    for (const [type, records] of changed) {
      const again = recreated?.get(type);
      tables[type] = tables[type].with(
        [...records].flatMap(([slug, record]) => {
          const change = { slug, record: record === null ? null : tagged(type, record) };
          return again?.has(slug) ? [{ slug, record: null }, change] : [change];
        }),
      );
    }
    return new StoreView(version, tables as Tables, texts);
  }

  /** The whole data set of this version (built on first use: O(n)). */
  get data(): Dataset {
    if (!this.dataset) {
      const data = { texts: this.texts } as Dataset;
      for (const type of ENTITY_TYPES) (data as Record<EntityType, readonly AnyRecord[]>)[type] = this.tables[type].all();
      this.dataset = data;
    }
    return this.dataset;
  }

  /** Every record of a type, in data-set order. */
  records<T extends EntityType>(type: T): readonly Entity<T>[] {
    return (this.tables[type] as Table<Entity<T>>).all();
  }

  /** The records of `type` that refer to `target` (by reference or citation), in data-set order. */
  referrers<T extends EntityType>(type: T, target: EntityType, slug: string): Entity<T>[] {
    return (this.tables[type] as Table<Entity<T>>).listedUnder(REFERENCES, `${target}:${slug}`);
  }

  get<T extends EntityType>(type: T, slug: string): Entity<T> | null {
    return (this.tables[type] as Table<Entity<T>>).get(slug);
  }

  get inMemory(): InMemoryReader {
    return this;
  }

  findNow<T extends EntityType>(type: T, query: FindQuery<T>): FindResult<T> | undefined {
    return ((this.tables[type] as Table<Entity<T>>).findNow(query as never) as FindResult<T> | null) ?? undefined;
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    return slugs.map((slug) => this.get(type, slug));
  }

  sourceText(slug: string): string | null {
    return this.texts.get(slug) ?? null;
  }

  async sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return slugs.map((slug) => this.sourceText(slug));
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    const results: FindResult<T>[] = [];
    for (const query of queries) results.push(await this.find(type, query));
    return results;
  }

  /**
   * Each matching meeting is its own summary, counted once: grouping them would cost more
   * than counting does. Read in the order they lie in memory, sorting nothing.
   */
  async meetingTallies(queries: readonly TallyQuery[]): Promise<Tally[][]> {
    const tallies: Tally[][] = [];
    for (const { filter } of queries) {
      const page = await this.find('Meeting', { ...filter, order: { field: 'DATE', direction: 'ASC' }, anyOrder: true, first: null });
      tallies.push(page.items.map(({ entity }) => ({ summary: entity, count: 1 })));
    }
    return tallies;
  }

  /** One query on a table: it waits while an index it needs is built; every other query is answered now. */
  private async find<T extends EntityType>(type: T, query: TableQuery): Promise<FindResult<T>> {
    const table = this.tables[type] as Table<Entity<T>>;
    let found = table.findNow(query);
    if (!found) {
      await table.indexesReady;
      found = table.findNow(query);
    }
    if (!found) {
      await table.searchReady;
      found = table.find(query);
    }
    return found as FindResult<T>;
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    if (query.trim() === '') return [];
    for (const type of ENTITY_TYPES) if (!this.tables[type].searchIsReady) await this.tables[type].searchReady;
    const hits: SearchHit[] = ENTITY_TYPES.flatMap((type) => this.tables[type].searchNames(query).map(({ record, score }) => ({ entity: record as Entity, score })));
    hits.sort((a, b) => b.score - a.score || (a.entity.slug < b.entity.slug ? -1 : a.entity.slug > b.entity.slug ? 1 : 0));
    return hits.slice(0, limit);
  }

  async counts(): Promise<Record<EntityType, number>> {
    return Object.fromEntries(ENTITY_TYPES.map((type) => [type, this.tables[type].size])) as Record<EntityType, number>;
  }
}

function specOf(type: EntityType): TableSpec<Entity> {
  const spec = TABLE_SPECS[type] as TableSpec<Entity>;
  const refersTo = (record: Entity) => {
    const keys: string[] = [];
    for (const [, target, slug] of referencesOf(type, record)) if (slug !== null) keys.push(`${target}:${slug}`);
    for (const source of citedSources(record)) keys.push(`Source:${source}`);
    return keys;
  };
  return { ...spec, indexes: { ...spec.indexes, [REFERENCES]: refersTo }, onDemand: [...(spec.onDemand ?? []), REFERENCES] };
}
