/** A request's read view of the PostgreSQL store: one transaction, so one version of the data. */
import type { Pool } from 'pg';
import type { EntityType } from '../contract/records';
import type { ChangePage, Entity, FindQuery, FindResult, SearchHit, StoreReader } from '../contract/store';
import { findPages, type Queryable, type RecordsBySlug } from './find';
import { replicaFailure, type ReadRouter, type ViewLease } from './read-routing';
import { wholeListKey, type RecordCache } from './record-cache';
import { changesOn, countsOn, getManyOn, searchOn, sourceTextsOn } from './reads';

/**
 * One request's view: a REPEATABLE READ READ ONLY transaction opened at its first read,
 * whose every read sees the data as it was then; its version is the one that transaction
 * sees, on the primary or on a read replica (read-routing.ts), at least `atLeast`.
 * Released when the request ends (or after `holdMs` at most); reads after that see the
 * latest data.
 */
export class PgView implements StoreReader {
  private lease: Promise<ViewLease> | null = null;
  private exactVersion: number | null = null;
  private released = false;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly router: ReadRouter,
    /** The primary's pool: reads after the release. */
    private readonly pool: Pool,
    private readonly knownVersion: number,
    private readonly holdMs: number,
    private readonly atLeast = 0,
    private readonly latest = false,
    /** The process's cache of records and whole lists, read when this view's version is the cache's (record-cache.ts); null: none. */
    private readonly recordCache: RecordCache | null = null,
  ) {}

  /** The cache, while this view reads in a transaction at the cache's version. */
  private get cache(): RecordCache | null {
    const cache = this.recordCache;
    return cache !== null && !this.released && this.exactVersion === cache.at ? cache : null;
  }

  get version(): number {
    return this.exactVersion ?? this.knownVersion;
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    const reader = await this.reader();
    const cache = this.cache;
    if (cache === null) return getManyOn(reader, type, slugs);
    // Read at the cache's version: what it keeps is what this transaction would read.
    const version = this.version;
    const found = slugs.map((slug) => cache.record(version, type, slug));
    const missing = slugs.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found as (Entity<T> | null)[];
    const fetched = await getManyOn(reader, type, missing);
    missing.forEach((slug, i) => cache.keepRecord(version, type, slug, fetched[i]!));
    let next = 0;
    return found.map((record) => (record === undefined ? fetched[next++]! : record));
  }

  async sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return sourceTextsOn(await this.reader(), slugs);
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    const reader = await this.reader();
    const cache = this.cache;
    if (cache === null) return findPages(reader, type, queries);
    const records: RecordsBySlug = (recordType, slugs) => this.getMany(recordType, slugs);
    // Whole lists of one value (a person's tenures) from the cache at its version; the rest from the database.
    const version = this.version;
    const keys = queries.map((query) => wholeListKey(query as FindQuery));
    const found = queries.map((_, i) => (keys[i] === null ? undefined : cache.list(version, type, keys[i]!)));
    const missing = queries.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found as FindResult<T>[];
    const fetched = await findPages(reader, type, missing, records);
    let next = 0;
    return found.map((result, i) => {
      if (result !== undefined) return result;
      const answer = fetched[next++]!;
      if (keys[i] !== null) cache.keepList(version, type, keys[i]!, answer);
      return answer;
    });
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    return searchOn(await this.reader(), query, limit);
  }

  async counts(): Promise<Record<EntityType, number>> {
    return countsOn(await this.reader());
  }

  async changes(after: number | null, first: number): Promise<ChangePage> {
    const reader = await this.reader();
    return changesOn(reader, after, first, this.version);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.lease === null) return;
    // In turn after the reads still running, on the connection the view holds by then (the primary's, if its replica failed).
    void this.inTurn(async () => {
      const { client } = await this.lease!;
      await client.query('COMMIT').then(
        () => client.release(),
        (error: Error) => client.release(error),
      );
    }).catch(() => undefined);
  }

  private reader(): Promise<Queryable> {
    if (this.released) return Promise.resolve(this.pool);
    this.lease ??= this.begin(this.atLeast, this.latest);
    return this.lease.then(() => ({ query: (text, values) => this.inTurn(() => this.run(text, values)) }));
  }

  /**
   * Runs a read in the view's transaction. When its replica fails under it (stopped, cut
   * off, or cancelling the query to replay the primary's changes), the view goes on on the
   * primary at its version or later, and the read is run there: the request is answered
   * rather than failed, though its reads may then span two versions.
   */
  private async run(text: string, values: unknown[] | undefined): Promise<any> {
    const lease = await this.lease!;
    try {
      return await lease.client.query({ name: statementName(text), text, values });
    } catch (error) {
      const failure = lease.replica === null || this.released ? null : replicaFailure(error);
      if (failure === null) throw error;
      lease.client.release(error as Error);
      // A cancelled query leaves the replica in rotation: the next view may well find no conflict.
      if (failure === 'lost') this.router.failed(lease.replica!, error);
      this.lease = this.begin(this.exactVersion ?? this.atLeast, true);
      return (await this.lease).client.query({ name: statementName(text), text, values });
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

  private async begin(atLeast: number, latest: boolean): Promise<ViewLease> {
    const lease = await this.router.open(atLeast, latest);
    this.exactVersion = lease.version;
    this.timer ??= setTimeout(() => this.release(), this.holdMs);
    this.timer.unref();
    return lease;
  }
}

/** Prepared-statement names by SQL text: a connection parses and plans each read once. */
const statementNames = new Map<string, string>();
/** Beyond this many distinct texts (a flood of query shapes), statements are no longer named. */
const MAX_NAMED_STATEMENTS = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) statementNames.set(text, (name = `entente_${statementNames.size}`));
  return name;
}
