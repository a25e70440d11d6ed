/**
 * Every loader of one request. Each batches the loads of one tick into a single store
 * call, so a query costs at most one store batch per entity type per level of nesting.
 * Loaders cache per request only: they are made anew for each request.
 */
import DataLoader from 'dataloader';
import type { RequestDeadline } from '../execution/deadline';
import type { Metrics } from '../metrics';
import { ENTITY_TYPES, type EntityType } from '../store/records';
import type { Entity, FindQuery, FindResult, SearchHit, StoreReader } from '../store/store';

type ById = { [T in EntityType as `${Uncapitalize<T>}ById`]: DataLoader<string, Entity<T> | null> };
type Pages = { [T in EntityType as `${Uncapitalize<T>}Pages`]: DataLoader<FindQuery<T>, FindResult<T>, string> };

export type Loaders = ById &
  Pages & {
    /** Countries by ISO 3166-1 alpha-2 code (upper case). */
    countryByIsoCode: DataLoader<string, Entity<'Country'> | null>;
    /** Search results by query and limit. */
    searchHits: DataLoader<{ query: string; limit: number }, SearchHit[], string>;
  };

/**
 * The loaders of a new request over `store` (a version pinned for the request), counting
 * each store batch and its size in `metrics`. Past the request's `deadline`, a batch fails
 * with REQUEST_TIMEOUT instead of reading the store.
 */
export function createLoaders(store: StoreReader, metrics: Metrics, deadline?: RequestDeadline): Loaders {
  return installLoaders({} as Loaders, store, metrics, deadline);
}

/**
 * Puts on `target` (replacing any there) loaders over `store`, each made the first time it
 * is read: most requests touch a few of the twenty. Returns `target`.
 */
export function installLoaders(target: Loaders, store: StoreReader, metrics: Metrics, deadline?: RequestDeadline): Loaders {
  // Called first in every batch function (all async, so a timeout rejects the batch's promise).
  const count = (entity: string, keys: number) => {
    deadline?.check();
    metrics.storeBatchLoads.inc({ entity });
    metrics.storeBatchSize.observe({ entity }, keys);
  };
  const lazy = (name: string, make: () => DataLoader<never, unknown, unknown>) => {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get() {
        const loader = make();
        Object.defineProperty(target, name, { value: loader, configurable: true, enumerable: true });
        return loader;
      },
    });
  };
  for (const type of ENTITY_TYPES) {
    const name = type.charAt(0).toLowerCase() + type.slice(1);
    lazy(`${name}ById`, () =>
      new DataLoader<string, Entity | null>(async (slugs) => {
        count(type, slugs.length);
        return store.getMany(type, slugs);
      }) as never,
    );
    lazy(`${name}Pages`, () =>
      new DataLoader<FindQuery, FindResult, string>(
        async (queries) => {
          count(type, queries.length);
          return store.findMany(type, queries);
        },
        { cacheKeyFn: (query) => JSON.stringify(query) },
      ) as never,
    );
  }
  lazy('countryByIsoCode', () =>
    new DataLoader<string, Entity<'Country'> | null>(async (codes) => {
      const [page] = await target.countryPages.loadMany([{ where: [{ field: 'isoCode', anyOf: [...codes] }], order: { field: 'NAME', direction: 'ASC' } }]);
      const byCode = new Map((page as FindResult<'Country'>).items.map(({ entity }) => [entity.isoCode, entity]));
      return codes.map((code) => byCode.get(code) ?? null);
    }) as never,
  );
  lazy('searchHits', () =>
    new DataLoader<{ query: string; limit: number }, SearchHit[], string>(
      async (requests) => {
        count('Search', requests.length);
        return Promise.all(requests.map(({ query, limit }) => store.search(query, limit)));
      },
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ) as never,
  );
  return target;
}
