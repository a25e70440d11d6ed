/**
 * Every loader of one request, reading one version of the data.
 *
 * Over a store that reads elsewhere (a database), each loader is a DataLoader: it batches
 * the loads of one tick into a single store call, so a query costs at most one store batch
 * per entity type per level of nesting, and caches per request. Over a store that holds its
 * data in this process (`StoreReader.inMemory`), a load is a lookup in memory: it is
 * answered at once, with no promise and no batch to wait for, and a page that must wait
 * (a text filter while the text index is built) falls back to the batching loader.
 * Loaders are made anew for each request.
 */
import DataLoader from 'dataloader';
import type { RequestDeadline } from '../execution/deadline';
import type { Metrics } from '../metrics';
import { ENTITY_TYPES, type EntityType } from '../store/contract/records';
import type { Entity, FindQuery, FindResult, InMemoryReader, SearchHit, StoreReader } from '../store/contract/store';
import { isPromise, type MaybePromise } from './maybe-promise';

/** Loads values by key; `load` answers at once when it can. DataLoader is one. */
export interface Loader<K, V> {
  load(key: K): MaybePromise<V>;
  /** One value per key, in key order; a failed key's place holds its Error. */
  loadMany(keys: readonly K[]): MaybePromise<(V | Error)[]>;
}

type ById = { [T in EntityType as `${Uncapitalize<T>}ById`]: Loader<string, Entity<T> | null> };
type Pages = { [T in EntityType as `${Uncapitalize<T>}Pages`]: Loader<FindQuery<T>, FindResult<T>> };

export type Loaders = ById &
  Pages & {
    /** Countries by ISO 3166-1 alpha-2 code (upper case). */
    countryByIsoCode: Loader<string, Entity<'Country'> | null>;
    /** Search results by query and limit. */
    searchHits: Loader<{ query: string; limit: number }, SearchHit[]>;
  };

/**
 * The loaders of a new request over `store` (a version pinned for the request), counting
 * each store batch and its size in `metrics`. Past the request's `deadline`, a load fails
 * with REQUEST_TIMEOUT instead of reading the store.
 */
export function createLoaders(store: StoreReader, metrics: Metrics, deadline?: RequestDeadline): Loaders {
  return new RequestLoaders(store, metrics, deadline) as unknown as Loaders;
}

/**
 * Moves `loaders` (from createLoaders) onto another version of the data, in place: loaders
 * made so far are dropped, with what they cached.
 */
export function installLoaders(loaders: Loaders, store: StoreReader): Loaders {
  (loaders as unknown as RequestLoaders).moveTo(store);
  return loaders;
}

/**
 * One request's loaders. Each is made the first time it is read (most requests touch a few
 * of the twenty), through getters on the prototype, so a new request costs one object.
 */
class RequestLoaders {
  made: Partial<Record<keyof Loaders, Loader<never, unknown>>> = {};
  private readonly reads: ReadCounter;
  private readCount = 0;

  constructor(
    public store: StoreReader,
    readonly metrics: Metrics,
    readonly deadline: RequestDeadline | undefined,
  ) {
    this.reads = new ReadCounter(metrics);
  }

  moveTo(store: StoreReader): void {
    this.store = store;
    this.made = {};
  }

  /** Called first in every batch function (all async, so a timeout rejects the batch's promise). */
  countBatch(entity: string, keys: number): void {
    this.deadline?.check();
    this.metrics.storeBatchLoads.inc({ entity });
    this.metrics.storeBatchSize.observe({ entity }, keys);
  }

  /**
   * Called first in every read from memory: a timeout throws in the resolver that reads,
   * checked every few reads (a read takes well under a microsecond; the clock costs as much).
   */
  countRead(entity: string): void {
    if ((++this.readCount & 15) === 1) this.deadline?.check();
    this.reads.count(entity);
  }
}

/** How each loader is made. */
const MAKERS = {} as Record<keyof Loaders, (self: RequestLoaders) => Loader<never, unknown>>;
for (const type of ENTITY_TYPES) {
  const name = type.charAt(0).toLowerCase() + type.slice(1);
  const batchedById = (self: RequestLoaders, store: StoreReader) => () =>
    new DataLoader<string, Entity | null>(async (slugs) => {
      self.countBatch(type, slugs.length);
      return store.getMany(type, slugs);
    });
  const batchedPages = (self: RequestLoaders, store: StoreReader) => () =>
    new DataLoader<FindQuery, FindResult, string>(
      async (queries) => {
        self.countBatch(type, queries.length);
        return store.findMany(type, queries);
      },
      { cacheKeyFn: (query) => JSON.stringify(query) },
    );
  MAKERS[`${name}ById` as keyof Loaders] = (self) => {
    const { store } = self;
    const memory = store.inMemory;
    const later = batchedById(self, store);
    return (memory ? new InMemoryLoader<string, Entity | null>((slug) => memory.get(type, slug), later, () => self.countRead(type)) : later()) as Loader<never, unknown>;
  };
  MAKERS[`${name}Pages` as keyof Loaders] = (self) => {
    const { store } = self;
    const memory = store.inMemory;
    const later = batchedPages(self, store);
    return (memory ? new InMemoryLoader<FindQuery, FindResult>((query) => memory.findNow(type, query), later, () => self.countRead(type)) : later()) as Loader<never, unknown>;
  };
}
MAKERS.countryByIsoCode = (self) => {
  const loaders = self as unknown as Loaders;
  const memory = self.store.inMemory;
  const later = () => batchedCountryByIsoCode(loaders);
  return (memory ? new InMemoryLoader<string, Entity<'Country'> | null>((code) => countryByCode(memory, code), later, () => self.countRead('Country')) : later()) as Loader<never, unknown>;
};
MAKERS.searchHits = (self) => {
  const { store } = self;
  return new DataLoader<{ query: string; limit: number }, SearchHit[], string>(
    async (requests) => {
      self.countBatch('Search', requests.length);
      return Promise.all(requests.map(({ query, limit }) => store.search(query, limit)));
    },
    { cacheKeyFn: (request) => JSON.stringify(request) },
  ) as Loader<never, unknown>;
};
for (const [name, make] of Object.entries(MAKERS) as [keyof Loaders, (self: RequestLoaders) => Loader<never, unknown>][]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    enumerable: true,
    get(this: RequestLoaders) {
      return (this.made[name] ??= make(this));
    },
  });
}

const byIsoCode = (codes: readonly string[]): FindQuery<'Country'> => ({ where: [{ field: 'isoCode', anyOf: [...codes] }], order: { field: 'NAME', direction: 'ASC' } });

function batchedCountryByIsoCode(loaders: Loaders): DataLoader<string, Entity<'Country'> | null> {
  return new DataLoader<string, Entity<'Country'> | null>(async (codes) => {
    const [page] = await loaders.countryPages.loadMany([byIsoCode(codes)]);
    const byCode = new Map((page as FindResult<'Country'>).items.map(({ entity }) => [entity.isoCode, entity]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}

function countryByCode(memory: InMemoryReader, code: string): Entity<'Country'> | null | undefined {
  const page = memory.findNow('Country', byIsoCode([code]));
  return page && (page.items[0]?.entity ?? null);
}

/**
 * A loader over memory: `read` answers a key at once, or undefined when it cannot yet, and
 * then the batching loader `later` (made on first need) does. `counted` runs first on every
 * load, for the deadline and the batch metrics.
 */
class InMemoryLoader<K, V> implements Loader<K, V> {
  private batched?: DataLoader<K, V, unknown>;

  constructor(
    private readonly read: (key: K) => V | undefined,
    private readonly later: () => DataLoader<K, V, unknown>,
    private readonly counted: () => void,
  ) {}

  load(key: K): MaybePromise<V> {
    this.counted();
    const value = this.read(key);
    return value !== undefined ? value : (this.batched ??= this.later()).load(key);
  }

  loadMany(keys: readonly K[]): MaybePromise<(V | Error)[]> {
    const values: MaybePromise<V | Error>[] = new Array(keys.length);
    let waiting = false;
    for (let i = 0; i < keys.length; i++) {
      try {
        const value = this.load(keys[i]!);
        if (isPromise(value)) {
          waiting = true;
          values[i] = value.catch((error: Error) => error);
        } else values[i] = value;
      } catch (error) {
        values[i] = error as Error;
      }
    }
    return waiting ? Promise.all(values) : (values as (V | Error)[]);
  }
}

/**
 * Counts reads from memory in the batch metrics as DataLoader would batch them: the reads
 * of one entity type made in one tick are one batch of that many keys, recorded after it.
 */
class ReadCounter {
  private readonly pending = new Map<string, number>();
  private scheduled = false;

  constructor(private readonly metrics: Metrics) {}

  count(entity: string): void {
    this.pending.set(entity, (this.pending.get(entity) ?? 0) + 1);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    for (const [entity, keys] of this.pending) {
      this.metrics.storeBatchLoads.inc({ entity });
      this.metrics.storeBatchSize.observe({ entity }, keys);
    }
    this.pending.clear();
  }
}
