/** A request's read view of the PostgreSQL store: one transaction, so one version of the data. */
import type { EntityType } from '../contract/records';
import type { ChangePage, Entity, FindQuery, FindResult, InMemoryReader, SearchHit, StoreReader, Tally, TallyQuery } from '../contract/store';
import { findPages, findTallies, type PageHelp, type PostingSizeHints, type Queryable } from './find';
import { replicaFailure, type FirstRead, type Opened, type ReadRouter, type ViewLease } from './read-routing';
import { runRead } from './statements';
import type { RecordCache } from './record-cache';
import { fromTables, postingKeyText, readPostingLists, tableToRead } from './posting-tables';
import { changesOn, countsOn, getManyOn, searchOn, sourceTextsOn } from './reads';

/**
 * One request's view: a REPEATABLE READ READ ONLY transaction opened by its first read (in
 * one round trip with it, statements.ts), whose every read sees the data as it was then;
 * its version is the one that transaction sees, on the primary or on a read replica
 * (read-routing.ts), at least `atLeast`. Released when the request ends (or after `holdMs`
 * at most); reads after that see the latest data.
 */
export class PgView implements StoreReader {
  private lease: Promise<ViewLease> | null = null;
  private exactVersion: number | null = null;
  private released = false;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

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
  ) {}

  /**
   * What the record cache holds, answered at once (no promise per load) while this view
   * reads in a transaction at the cache's version; before its first read (its version not
   * known yet) and for anything the cache lacks, undefined: the loaders batch it then.
   */
  readonly inMemory: InMemoryReader = {
    get: <T extends EntityType>(type: T, slug: string) => this.cache?.record<T>(this.version, type, slug),
    sourceText: () => undefined,
    findNow: <T extends EntityType>(type: T, query: FindQuery<T>) => {
      const cache = this.cache;
      return cache === null ? undefined : fromTables(cache, this.version, type, query);
    },
  };

  /**
   * The version this view reads, for reads through the cache: once its transaction is open,
   * that transaction's; before, the cache's, which the read then checks against the
   * transaction it opens (usually equal: this process hears of every commit at once).
   */
  private readsAt(cache: RecordCache): number {
    return this.exactVersion ?? cache.at;
  }

  /** Opens the view's transaction, if no read has yet. */
  private async opened(): Promise<void> {
    if (this.lease === null) await this.inTurn(async () => void (this.lease === null && !this.released ? await this.open(this.atLeast, this.latest) : undefined));
    else await this.lease;
  }

  /** The cache, while this view reads in a transaction at the cache's version. */
  private get cache(): RecordCache | null {
    const cache = this.recordCache;
    return cache !== null && !this.released && this.exactVersion === cache.at ? cache : null;
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
    const opening = this.router.open(atLeast, latest, first).then((opened) => {
      this.exactVersion = opened.lease.version;
      this.timer ??= setTimeout(() => this.release(), this.holdMs);
      this.timer.unref();
      return opened;
    });
    this.lease = opening.then(({ lease }) => lease);
    return opening;
  }
}
