/**
 * Every loader of one request, reading one version of the data: one typed factory, as
 * dataloader's README and Pothos' plugin-dataloader make them. A loader reads at once from
 * a store held in memory, and otherwise batches the loads of one tick into one store call
 * (see loader.ts), so a query costs at most one store batch per entity type per level of
 * nesting. Names say what a loader gives by what key: `<value>By<Key>`, `<entity>Pages`.
 */
import type { RequestDeadline } from '../execution/deadline';
import type { Metrics } from '../metrics';
import type { EntityType } from '../store/contract/records';
import type { Entity, FindQuery, FindResult, SearchHit, StoreReader, Tally, TallyQuery } from '../store/contract/store';
import { Loader } from './loader';
import { RequestLoads } from './request-loads';

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The loaders of a new request over `store` (a version pinned for the request), counting
 * each batch in `metrics`. Past the request's `deadline`, a load fails with REQUEST_TIMEOUT
 * instead of reading. A request that writes makes new loaders over the version it wrote.
 */
export function createLoaders(store: StoreReader, metrics: Metrics, deadline?: RequestDeadline) {
  const loads = new RequestLoads(metrics, deadline);
  const memory = store.inMemory;

  /** Records of `type` by slug (null when absent). */
  const byId = <T extends EntityType>(type: T) =>
    new Loader<string, Entity<T> | null>(
      { name: `${lowerFirst(type)}ById`, entity: type, batch: (slugs) => store.getMany(type, slugs), read: memory && ((slug) => memory.get(type, slug)) },
      loads,
    );
  /** Pages of records of `type` by query. */
  const pages = <T extends EntityType>(type: T) =>
    new Loader<FindQuery<T>, FindResult<T>>(
      { name: `${lowerFirst(type)}Pages`, entity: type, batch: (queries) => store.findMany(type, queries), read: memory && ((query) => memory.findNow(type, query)), cacheKeyFn: JSON.stringify },
      loads,
    );

  return {
    countryById: byId('Country'),
    countryPages: pages('Country'),
    meetingById: byId('Meeting'),
    meetingPages: pages('Meeting'),
    officeById: byId('Office'),
    officePages: pages('Office'),
    organizationById: byId('Organization'),
    organizationPages: pages('Organization'),
    personById: byId('Person'),
    personPages: pages('Person'),
    placeById: byId('Place'),
    placePages: pages('Place'),
    sourceById: byId('Source'),
    sourcePages: pages('Source'),
    tenureById: byId('Tenure'),
    tenurePages: pages('Tenure'),
    topicById: byId('Topic'),
    topicPages: pages('Topic'),
    /** Full texts of sources by source slug (null when not held). */
    sourceTextBySlug: new Loader<string, string | null>(
      { name: 'sourceTextBySlug', entity: 'Source', batch: (slugs) => store.sourceTexts(slugs), read: memory && ((slug) => memory.sourceText(slug)) },
      loads,
    ),
    /** Countries by ISO 3166-1 alpha-2 code (upper case). */
    countryByIsoCode: new Loader<string, Entity<'Country'> | null>(
      {
        name: 'countryByIsoCode',
        entity: 'Country',
        async batch(codes) {
          const [page] = await store.findMany('Country', [byIsoCodes(codes)]);
          const byCode = new Map(page!.items.map(({ entity }) => [entity.isoCode, entity]));
          return codes.map((code) => byCode.get(code) ?? null);
        },
        read: memory && ((code) => {
          const page = memory.findNow('Country', byIsoCodes([code]));
          return page && (page.items[0]?.entity ?? null);
        }),
      },
      loads,
    ),
    /** The meetings matching a filter, told apart by some parts of their summaries, by filter and parts (what `meetingStats` counts). */
    meetingTallies: new Loader<TallyQuery, Tally[]>({ name: 'meetingTallies', entity: 'Meeting', batch: (queries) => store.meetingTallies(queries), cacheKeyFn: JSON.stringify }, loads),
    /** Search results by query and limit. */
    searchHits: new Loader<{ query: string; limit: number }, SearchHit[]>(
      {
        name: 'searchHits',
        entity: 'Search',
        batch: (requests) => Promise.all(requests.map(({ query, limit }) => store.search(query, limit))),
        cacheKeyFn: JSON.stringify,
      },
      loads,
    ),
  };
}

const byIsoCodes = (codes: readonly string[]): FindQuery<'Country'> => ({ where: [{ field: 'isoCode', anyOf: [...codes] }], order: { field: 'NAME', direction: 'ASC' } });

const lowerFirst = (type: EntityType) => type.charAt(0).toLowerCase() + type.slice(1);
