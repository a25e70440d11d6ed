/** A request's read view of the PostgreSQL store: one version of the data, from the record cache or one transaction. */
import type { EntityType } from '../contract/records';
import type { ChangePage, Entity, FindQuery, FindResult, InMemoryReader, SearchHit, StoreReader, Tally, TallyQuery } from '../contract/store';
import { findPages, findTallies, type PageHelp, type PostingSizeHints, type Queryable } from './find';
import { replicaFailure, type FirstRead, type Opened, type ReadRouter, type ViewLease } from './read-routing';
import { runRead } from './statements';
import type { RecordCache } from './record-cache';
import { fromTables, postingKeyText, readPostingLists, tableToRead } from './posting-tables';
import { changesOn, countsOn, eventsOn, getManyOn, searchOn, sourceTextsOn } from './reads';

/**
 * One request's view: a REPEATABLE READ READ ONLY transaction opened by its first read of
 * the database (in one round trip with it, statements.ts), whose every read sees the data
 * as it was then; its version is the one that transaction sees, on the primary or on a read
 * replica (read-routing.ts), at least `atLeast`. Released when the request ends (or after
 * `holdMs` at most); reads after that see the latest data.
 *
 * A view opened `cacheFirst` (a GraphQL request's) whose first reads the record cache
 * answers takes the cache's version as its own and opens no transaction for them: a request
 * the cache answers whole costs the database nothing. Should it read the database after
 * all, its transaction may see a later version; when the changes between the two touch a
 * type it read from the cache, its answers mix two versions and it says so (`mixed`): the
 * request runs again on a view opened without `cacheFirst`, whose transaction comes first.
 */
export class PgView implements StoreReader {
  private lease: Promise<ViewLease> | null = null;
  private exactVersion: number | null = null;
  private released = false;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Whether `exactVersion` is its transaction's (else the cache's, taken by reads the cache answered). */
  private confirmed = false;
  /** The types the cache answered reads of before the view's transaction confirmed its version. */
  private readonly cachedTypes = new Set<EntityType>();
  /** Its reads span two versions: the request must run again (see the class's comment). */
  mixed = false;

  constructor(
    private readonly router: ReadRouter,
    /** Reads on the primary outside any transaction: after the release. */
    private readonly pool: Queryable,
    private readonly knownVersion: number,
    private readonly holdMs: number,
    private readonly atLeast = 0,
    private readonly latest = false,
    /** The process's cache of records and posting tables, read when this view's version is the cache's (record-cache.ts); null: none. */
    private readonly recordCache: RecordCache | null = null,
    /** The store's posting-list sizes (posting-sizes.ts). */
    private readonly sizes?: PostingSizeHints,
    /** Take the cache's version before any transaction (ViewOptions.cacheFirst: the caller checks `mixed`). */
    private readonly cacheFirst = false,
  ) {}

  /**
   * What the record cache holds, answered at once (no promise per load) while this view
   * reads at the cache's version (taking it, if it has none yet); for anything the cache
   * lacks, and for a view at another version, undefined: the loaders batch it then.
   */
  readonly inMemory: InMemoryReader = {
    get: <T extends EntityType>(type: T, slug: string) => {
      const cache = this.cache;
      return cache === null ? undefined : this.fromCache(type, cache.record<T>(cache.at, type, slug));
    },
    sourceText: () => undefined,
    findNow: <T extends EntityType>(type: T, query: FindQuery<T>) => {
      const cache = this.cache;
      return cache === null ? undefined : this.fromCache(type, fromTables(cache, cache.at, type, query));
    },
  };

  /**
   * The version this view reads, for reads through the cache: its own once it has one (its
   * transaction's, or the cache's it took); before, the cache's, which a read answered
   * only in part by the cache checks against the transaction it opens (usually equal: this
   * process hears of every commit at once).
   */
  private readsAt(cache: RecordCache): number {
    return this.exactVersion ?? cache.at;
  }

  /** Opens the view's transaction, if no read has yet. */
  private async opened(): Promise<void> {
    if (this.lease === null) await this.inTurn(async () => void (this.lease === null && !this.released ? await this.open(this.atLeast, this.latest) : undefined));
    else await this.lease;
  }

  /** The cache, while this view reads at the cache's version (taking it, if the view may and has no version yet). */
  private get cache(): RecordCache | null {
    const cache = this.recordCache;
    return cache !== null && !this.released && this.readsCacheAt(cache.at) ? cache : null;
  }

  /**
   * Whether this view reads at `version`, the cache's: it does already, or it has read
   * nothing yet and may take the cache's version without its transaction (a view opened
   * `cacheFirst`, not to read the latest data; the cache holding every commit this process
   * knew of when the view was opened, its own writes included, and the version asked); it
   * then takes it.
   */
  private readsCacheAt(version: number): boolean {
    if (this.exactVersion === null && this.lease === null && this.cacheFirst && !this.latest && Math.max(this.atLeast, this.knownVersion) <= version) this.exactVersion = version;
    return this.exactVersion === version;
  }

  /** `answer` of a read of `type` the cache gave, noted while the view's version is not its transaction's (see `mixed`). */
  private fromCache<A>(type: EntityType, answer: A): A {
    if (answer !== undefined && !this.confirmed) this.cachedTypes.add(type);
    return answer;
  }

  get version(): number {
    return this.exactVersion ?? this.knownVersion;
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    const reader = this.reader();
    const cache = this.recordCache;
    if (cache === null || this.released) return getManyOn(reader, type, slugs);
    const version = this.readsAt(cache);
    const found = slugs.map((slug) => cache.record(version, type, slug));
    const missing = slugs.filter((_, i) => found[i] === undefined);
    if (missing.length === 0 && this.readsCacheAt(version)) return this.fromCache(type, found as (Entity<T> | null)[]);
    const fetched = missing.length > 0 ? await getManyOn(reader, type, missing) : (await this.opened(), []);
    // Another version than the cache's: read it all there.
    if (this.exactVersion !== version) return getManyOn(reader, type, slugs);
    missing.forEach((slug, i) => cache.keepRecord(version, type, slug, fetched[i]!));
    let next = 0;
    return found.map((record) => (record === undefined ? fetched[next++]! : record));
  }

  async sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return sourceTextsOn(this.reader(), slugs);
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    const reader = this.reader();
    const cache = this.recordCache;
    if (cache === null || this.released) return findPages(reader, type, queries, { sizes: this.sizes });
    // A page of up to 101 reads its records through the cache (read once the view's version is known).
    const help: PageHelp = { records: (recordType, slugs) => this.getMany(recordType, slugs), sizes: this.sizes };
    // From the posting tables the cache holds at its version; then from the tables this
    // view reads (a whole list's, a filter's short list); the rest paged by SQL.
    const version = this.readsAt(cache);
    const answers: (FindResult<T> | undefined)[] = queries.map((query) => fromTables(cache, version, type, query));
    if (answers.every((answer) => answer !== undefined) && this.readsCacheAt(version)) return this.fromCache(type, answers as FindResult<T>[]);
    const toRead = queries.map((query, i) => (answers[i] === undefined ? tableToRead(type, query as FindQuery, this.sizes) : null));
    const keys = new Map(toRead.filter((key) => key !== null).map((key) => [postingKeyText(key), key]));
    if (keys.size > 0) {
      const lists = await readPostingLists(reader, type, [...keys.values()]);
      if (this.exactVersion !== version) return findPages(reader, type, queries, help);
      const tables = new Map([...keys].map(([text, key]) => [text, cache.keepTable(version, type, key, lists.get(text)!)]));
      toRead.forEach((key, i) => {
        if (key !== null) answers[i] = (tables.get(postingKeyText(key))!.findNow(queries[i] as never) as FindResult<T> | null) ?? undefined;
      });
    }
    const rest = queries.filter((_, i) => answers[i] === undefined);
    const fetched = rest.length > 0 ? await findPages(reader, type, rest, help) : (await this.opened(), []);
    if (this.exactVersion !== version) return findPages(reader, type, queries, help);
    let next = 0;
    return answers.map((answer) => answer ?? fetched[next++]!);
  }

  async meetingTallies(queries: readonly TallyQuery[]): Promise<Tally[][]> {
    return findTallies(this.reader(), queries, this.sizes);
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    return searchOn(this.reader(), query, limit);
  }

  async counts(): Promise<Record<EntityType, number>> {
    return countsOn(this.reader());
  }

  async changes(after: number | null, first: number): Promise<ChangePage> {
    // In the view's transaction the feed's end is the version that transaction reads (its first read may be this one); after the release, the view's.
    return changesOn(this.reader(), after, first, this.released ? this.version : undefined);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.lease === null) return;
    // In turn after the reads still running, on the connection the view holds by then (the primary's, if its replica failed).
    void this.inTurn(async () => this.router.finish(await this.lease!)).catch(() => undefined);
  }

  private reader(): Queryable {
    if (this.released) return this.pool;
    return { query: (text, values) => this.inTurn(() => (this.released ? this.pool.query(text, values) : this.run(text, values ?? []))) };
  }

  /**
   * Runs a read in the view's transaction; the view's first read opens it, in one round
   * trip when the connection has its statement prepared. When its replica fails under it
   * (stopped, cut off, or cancelling the query to replay the primary's changes), the view
   * goes on on the primary at its version or later, and the read is run there: the request
   * is answered rather than failed, though its reads may then span two versions.
   */
  private async run(text: string, values: unknown[]): Promise<any> {
    if (this.lease === null) {
      const { first } = await this.open(this.atLeast, this.latest, { text, values });
      if (first !== null) return first;
    }
    const lease = await this.lease!;
    try {
      return await runRead(lease.client, text, values);
    } catch (error) {
      const failure = lease.replica === null || this.released ? null : replicaFailure(error);
      if (failure === null) throw error;
      lease.client.release(error as Error);
      // A cancelled query leaves the replica in rotation: the next view may well find no conflict.
      if (failure === 'lost') this.router.failed(lease.replica!, error);
      const { first } = await this.open(this.exactVersion ?? this.atLeast, true, { text, values });
      return first ?? runRead((await this.lease!).client, text, values);
    }
  }

  /** One query at a time on the view's connection (the driver does not take overlapping ones). */
  private inTurn<R>(run: () => Promise<R>): Promise<R> {
    const result = this.queue.then(run);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private open(atLeast: number, latest: boolean, first?: FirstRead): Promise<Opened> {
    // The version the cache's answers were read at, before this transaction.
    const taken = this.confirmed ? null : this.exactVersion;
    const opening = this.router.open(atLeast, latest, first).then(async (opened) => {
      if (taken !== null && opened.lease.version !== taken) await this.checkMixed(opened.lease, taken);
      this.exactVersion = opened.lease.version;
      this.confirmed = true;
      this.timer ??= setTimeout(() => this.release(), this.holdMs);
      this.timer.unref();
      return opened;
    });
    this.lease = opening.then(({ lease }) => lease);
    return opening;
  }

  /**
   * Sets `mixed` when the changes from `taken` (the version the cache answered this view's
   * first reads at) to its transaction's touch a type the cache answered: read in the
   * transaction, or assumed when they cannot be (a transaction behind the cache, a
   * replica's; the read failing, which the view's next read then meets).
   */
  private async checkMixed(lease: ViewLease, taken: number): Promise<void> {
    if (this.cachedTypes.size === 0) return;
    this.mixed = true;
    if (lease.version < taken) return;
    try {
      const events = await eventsOn({ query: (text, values) => runRead(lease.client, text, values) }, taken, lease.version);
      this.mixed = events.length !== lease.version - taken || events.some((event) => this.cachedTypes.has(event.type));
    } catch {
      // Left mixed: the request runs again on a view of its own.
    }
  }
}
