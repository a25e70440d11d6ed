/**
 * The storage boundary: everything the API reads and writes goes through this interface,
 * in batches. Two stores implement it: the JSON store (store/json/, embedded: a data
 * directory indexed in memory) and the PostgreSQL store (store/postgres/, for data that
 * outgrows one process, with replicas); resolvers and loaders know only this contract.
 */
import type { EntityType, MeetingRecord, RecordOf } from './records';

/** A stored record, tagged with its entity type (`__typename`, not enumerable: never written to disk). */
export type Entity<T extends EntityType = EntityType> = RecordOf[T] & { readonly __typename: T };

/** The fields each entity type can be filtered on through an index. */
export const INDEXED_FIELDS = {
  Country: ['isoCode', 'citedSource'],
  Place: ['country', 'citedSource'],
  Organization: ['country', 'kind', 'parent', 'memberCountry', 'citedSource'],
  Person: ['country', 'citedSource'],
  Office: ['country', 'organization', 'citedSource'],
  Tenure: ['person', 'office', 'citedSource'],
  Topic: ['parent'],
  Source: ['kind', 'publisher'],
  Meeting: ['country', 'participant', 'office', 'organization', 'topic', 'kind', 'partOf', 'location', 'citedSource'],
} as const satisfies { [T in EntityType]: readonly string[] };
export type IndexedField<T extends EntityType> = (typeof INDEXED_FIELDS)[T][number];

/** The orders each entity type can be listed in; the first is the default. */
export const ORDER_FIELDS = {
  Country: ['NAME', 'ISO_CODE'],
  Place: ['NAME'],
  Organization: ['NAME'],
  Person: ['NAME'],
  Office: ['TITLE'],
  Tenure: ['START'],
  Topic: ['NAME'],
  Source: ['PUBLISHED_ON', 'TITLE'],
  Meeting: ['DATE', 'TITLE'],
} as const satisfies { [T in EntityType]: readonly [string, ...string[]] };
export type OrderField<T extends EntityType> = (typeof ORDER_FIELDS)[T][number];

export type OrderDirection = 'ASC' | 'DESC';

/** A position in an order: the sort values of one record, ending with its slug, so every key is unique. */
export type SortKey = readonly string[];

/** A record matches when its indexed `field` has one of the values `anyOf`. */
export interface Condition<T extends EntityType = EntityType> {
  field: IndexedField<T>;
  anyOf: readonly (string | null)[];
}

/**
 * How a (fuzzy) date must relate to a window: `OVERLAPS`, it may fall within it (its range
 * meets the window); `WITHIN`, it certainly does (its range lies inside the window, so a
 * record's open bound never satisfies a bound the window gives).
 */
export type DateMatch = 'OVERLAPS' | 'WITHIN';

/** A date window (a null bound constrains nothing) and how a record's date must relate to it. */
export interface DateRange {
  from: string | null;
  to: string | null;
  /** `OVERLAPS` when omitted. */
  match?: DateMatch;
}

/** One list request: a filter, an order and a Relay window over the ordered result. */
export interface FindQuery<T extends EntityType = EntityType> {
  /** Every condition must hold (null matches a missing reference). */
  where?: readonly Condition<T>[];
  /** Every word must occur (as a word prefix, ignoring case and accents) in the record's text. */
  text?: string | null;
  /** Only for types with a date (Meeting, Source). */
  dateRange?: DateRange | null;
  order: { field: OrderField<T>; direction: OrderDirection };
  /** Null `first` and `last` mean the whole remaining list. */
  first?: number | null;
  after?: SortKey | null;
  last?: number | null;
  before?: SortKey | null;
}

/**
 * The one condition of a query that asks for every record with one value in one field (a
 * person's tenures, an office's holders: no other filter, no cursor, no limit), or null
 * for any other query. Both stores read such lists by value in one go and keep them.
 */
export function wholeListOf<Q extends Pick<FindQuery, 'text' | 'dateRange' | 'first' | 'last' | 'after' | 'before'> & { where?: readonly { field: string; anyOf: readonly (string | null)[] }[] }>(
  query: Q,
): { field: string; value: string | null } | null {
  const where = query.where;
  if (where?.length !== 1 || where[0]!.anyOf.length !== 1 || query.text != null || query.dateRange || query.first != null || query.last != null || query.after || query.before) return null;
  return { field: where[0]!.field, value: where[0]!.anyOf[0]! };
}

/**
 * What counting reads of a meeting (`meetingStats`): its record with every other field left
 * out (`meetingSummary`). The PostgreSQL store keeps it beside each meeting's record; a
 * record is one too.
 */
export interface MeetingSummary {
  kind: MeetingRecord['kind'];
  date: Pick<MeetingRecord['date'], 'earliest' | 'latest'>;
  countries: MeetingRecord['countries'];
  topics: readonly Pick<MeetingRecord['topics'][number], 'topic'>[];
  partOf: MeetingRecord['partOf'];
  coding: Pick<MeetingRecord['coding'], 'ploverCategory'>;
}
/** The parts of a summary, each a field of MeetingSummary: what a tally may be asked to tell apart. */
export const SUMMARY_PARTS = ['kind', 'date', 'countries', 'topics', 'partOf', 'coding'] as const satisfies readonly (keyof MeetingSummary)[];
export type SummaryPart = (typeof SUMMARY_PARTS)[number];

/** A meeting's summary: its record's parts that counting reads, and nothing else. */
export function meetingSummary(meeting: MeetingRecord): MeetingSummary {
  return {
    kind: meeting.kind,
    date: { earliest: meeting.date.earliest, latest: meeting.date.latest },
    countries: meeting.countries,
    topics: meeting.topics.map(({ topic }) => ({ topic })),
    partOf: meeting.partOf,
    coding: { ploverCategory: meeting.coding.ploverCategory },
  };
}

/** The meetings matching a filter, to be told apart only by some parts of their summaries. */
export interface TallyQuery {
  filter: Pick<FindQuery<'Meeting'>, 'where' | 'text' | 'dateRange'>;
  parts: readonly SummaryPart[];
}

/**
 * Meetings with one summary in the parts asked (the other parts may be absent: they were
 * not asked, and are not read), and how many. A summary may come more than once: a store
 * that holds its meetings in memory gives each with a count of 1.
 */
export interface Tally {
  summary: MeetingSummary;
  count: number;
}

/** One page of a list, with what Relay's PageInfo needs. */
export interface FindResult<T extends EntityType = EntityType> {
  items: { entity: Entity<T>; key: SortKey }[];
  totalCount: number;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/** One hit of a cross-type name search. */
export interface SearchHit {
  entity: Entity;
  score: number;
}

/** Read access to the data, always in batches: one call serves every key of a request's tick. */
export interface StoreReader {
  /** The sequence number of the last write this view includes; caches key on it. */
  readonly version: number;
  /** Records by slug, one result per slug in slug order (null when absent). */
  getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]>;
  /** Pages of records, one result per query in query order. */
  findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]>;
  /** The meetings matching each query's filter, grouped by the parts of their summaries it asks for (see Tally): one result per query, in query order. */
  meetingTallies(queries: readonly TallyQuery[]): Promise<Tally[][]>;
  /** Full texts of sources by slug, one result per slug in slug order (null when the source or its text is absent). */
  sourceTexts(slugs: readonly string[]): Promise<(string | null)[]>;
  /** Entities whose names, aliases or titles match `query`, best first. */
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** How many records of each type the view holds. */
  counts(): Promise<Record<EntityType, number>>;
  /**
   * The change feed as this view sees it (up to its version), for a store whose views read
   * elsewhere; absent when `Store.changes(after, first, version)` gives the same.
   */
  changes?(after: number | null, first: number): Promise<ChangePage>;
  /** Ends a view that holds resources (a database transaction); reads after it see the latest data. Called when its request ends. */
  release?(): void;
  /**
   * True when the view's reads span two versions: opened `cacheFirst`, it answered its
   * first reads from what this process holds of one version (the PostgreSQL store's record
   * cache), then read the database at a later one, where something it had read changed. The
   * request is run again on a view opened without `cacheFirst`. Absent for a store with
   * one copy of the data.
   */
  readonly mixed?: boolean;
  /**
   * Reads answered at once from what this process holds of the view's version: all of it
   * for the JSON store; for the PostgreSQL store, its record cache while the view reads the
   * cache's version (a view opened `cacheFirst` that has read nothing yet takes it). Loaders read through it first, with no promise
   * per load, and batch only what it does not hold. A store that holds nothing leaves it out.
   */
  readonly inMemory?: InMemoryReader;
}

/**
 * Synchronous reads of one version held in memory. Each answers undefined for what it does
 * not hold (yet): ask `getMany`, `findMany` or `sourceTexts` then.
 */
export interface InMemoryReader {
  /** A record by slug, null when absent. */
  get<T extends EntityType>(type: T, slug: string): Entity<T> | null | undefined;
  /** A source's full text, null when none. */
  sourceText(slug: string): string | null | undefined;
  /** A page (the JSON store: undefined while the text index a text filter needs is built). */
  findNow<T extends EntityType>(type: T, query: FindQuery<T>): FindResult<T> | undefined;
}

export type ChangeOperation = 'create' | 'update' | 'delete';

/** One change to apply: a whole new record, a patch of top-level fields, or a removal. */
export type ChangeRequest =
  | { operation: 'create'; type: EntityType; record: unknown; /** A source's full text, for citations to quote. */ text?: string }
  | { operation: 'update'; type: EntityType; slug: string; patch: Record<string, unknown> }
  | { operation: 'delete'; type: EntityType; slug: string };

/** A page of the change feed, and the last seq of the feed it was read from. */
export interface ChangePage {
  events: ChangeEvent[];
  hasNextPage: boolean;
  lastSeq: number;
}

/** A change as applied and recorded, in the order of the change feed. */
export interface ChangeEvent {
  seq: number;
  /** When it was applied (ISO 8601). */
  at: string;
  operation: ChangeOperation;
  type: EntityType;
  slug: string;
}

/** What a view must see. A store holding its one copy of the data (the JSON store) always reads the latest version. */
export interface ViewOptions {
  /** The oldest data version it may read: a client's last write, so that it reads its own writes. */
  atLeast?: number;
  /** Read the latest data wherever it is (a request that writes plans its writes on it). */
  latest?: boolean;
  /**
   * Answer from what this process holds of a version before taking one from the store (the
   * PostgreSQL store's record cache, before any transaction): for a caller that checks
   * `StoreReader.mixed` and runs its reads again when it is set (a GraphQL request).
   */
  cacheFirst?: boolean;
}

/** A read replica as /health reports it. */
export interface ReadReplicaState {
  /** Its connection string, without the password. */
  url: string;
  /** `up`: views read there; `down`: it failed, views read elsewhere until a probe reaches it again. */
  state: 'up' | 'down';
  /** The data version it has replayed, when it answered. */
  dataVersion: number | null;
  /** How many versions it is behind this server's, when it answered. */
  lag: number | null;
  /** Why it is down. */
  error?: string;
}

/** The data, readable and writable. Reads on the store itself see the latest version. */
export interface Store extends StoreReader {
  /** Which store this is, as /health reports it. */
  readonly kind: 'json' | 'postgres';
  /** True while indexes deferred at opening are still being built (queries that need one wait for it). */
  readonly indexing: boolean;
  /**
   * A read view pinned to one version: a request reads one consistent version through it.
   * A store that reads from copies of its data (PostgreSQL read replicas) may pin an older
   * version than `version`, never older than `options.atLeast`.
   */
  view(options?: ViewOptions): StoreReader;
  /** The read replicas' state, for /health; absent for a store without any. */
  readReplicas?(): Promise<ReadReplicaState[]>;
  /**
   * Applies the changes together or not at all, once they are durable. Writes are
   * serialized. Throws WriteRejectedError (invalid, conflicting or dangling) or
   * EntityNotFoundError, having changed nothing.
   */
  write(changes: readonly ChangeRequest[]): Promise<ChangeEvent[]>;
  /**
   * The change feed: events after `after` (a seq; null: from the oldest change kept) up to
   * `through` (default: all), at most `first`. The feed keeps the most recent changes only
   * (CHANGE_RETENTION): when changes after `after` are no longer kept, throws
   * ChangesExpiredError (the client must read the data again).
   */
  changes(after: number | null, first: number, through?: number): Promise<ChangePage>;
  /**
   * Follows the change feed: `listener` is called with the events of each committed write,
   * in sequence order, once the write is visible to reads (on every replica for a shared
   * database). Returns the function that stops it. A listener must not throw.
   */
  watch(listener: ChangeListener): () => void;
  /** Flushes pending state to disk and releases the data directory. */
  close(): Promise<void>;
}

/**
 * A change as the change feed keeps it: the event with the record after the change (a
 * created source with its `text`), or null after a delete. The JSON store's journal holds
 * one per line; the PostgreSQL store one row of its `change` table per change.
 */
export interface ChangeEntry extends ChangeEvent {
  /** The full record after the change; null for a delete. */
  record: unknown | null;
}

/** Told of committed changes: the events (ascending seq) and the data version they bring the store to. */
export type ChangeListener = (events: readonly ChangeEvent[], version: number) => void;
