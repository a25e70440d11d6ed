/**
 * An immutable version of the JSON store's data with its indexes. A write makes a new
 * version, rebuilding only the tables of the types it changed; readers holding an older
 * version keep reading it unchanged.
 */
import { ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from './records';
import type { Entity, FindQuery, FindResult, SearchHit, StoreReader } from './store';
import { Table, type TableSpec } from './table';
import { TABLE_SPECS } from './table-specs';

type Tables = { [T in EntityType]: Table<Entity<T>> };

export class StoreView implements StoreReader {
  private constructor(
    readonly version: number,
    readonly data: Dataset,
    private readonly tables: Tables,
  ) {}

  /** The first version of a data set. */
  static of(data: Dataset, version: number): StoreView {
    return new StoreView(version, data, buildTables(data, ENTITY_TYPES, {} as Tables));
  }

  /** The next version: `data` with the tables of `changed` types rebuilt and the others shared. */
  next(data: Dataset, version: number, changed: Iterable<EntityType>): StoreView {
    return new StoreView(version, data, buildTables(data, [...changed], { ...this.tables }));
  }

  get<T extends EntityType>(type: T, slug: string): Entity<T> | null {
    return (this.tables[type] as Table<Entity<T>>).get(slug);
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    return slugs.map((slug) => this.get(type, slug));
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    const table = this.tables[type] as Table<Entity<T>>;
    return queries.map((query) => table.find(query as never));
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    if (query.trim() === '') return [];
    const hits: SearchHit[] = ENTITY_TYPES.flatMap((type) => this.tables[type].searchNames(query).map(({ record, score }) => ({ entity: record as Entity, score })));
    hits.sort((a, b) => b.score - a.score || (a.entity.slug < b.entity.slug ? -1 : a.entity.slug > b.entity.slug ? 1 : 0));
    return hits.slice(0, limit);
  }

  async counts(): Promise<Record<EntityType, number>> {
    return Object.fromEntries(ENTITY_TYPES.map((type) => [type, this.tables[type].size])) as Record<EntityType, number>;
  }
}

function buildTables(data: Dataset, types: readonly EntityType[], tables: Tables): Tables {
  for (const type of types) {
    const records = (data[type] as RecordOf[EntityType][]).map((record) => tagged(type, record));
    (tables as Record<EntityType, Table<Entity>>)[type] = new Table(records, TABLE_SPECS[type] as TableSpec<Entity>);
  }
  return tables;
}

/** Freezes a record and tags it with its type, invisibly to JSON.stringify. */
function tagged<T extends EntityType>(type: T, record: RecordOf[T]): Entity<T> {
  if (!Object.prototype.hasOwnProperty.call(record, '__typename')) {
    Object.defineProperty(record, '__typename', { value: type, enumerable: false });
  }
  return Object.freeze(record) as Entity<T>;
}
