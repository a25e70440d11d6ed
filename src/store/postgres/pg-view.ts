/** A request's read view of the PostgreSQL store: one transaction, so one version of the data. */
import type { Pool } from 'pg';
import type { EntityType } from '../contract/records';
import type { ChangePage, Entity, FindQuery, FindResult, SearchHit, StoreReader } from '../contract/store';
import { findPages, type Queryable } from './find';
import { replicaFailure, type ReadRouter, type ViewLease } from './read-routing';
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
  ) {}

  get version(): number {
    return this.exactVersion ?? this.knownVersion;
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    return getManyOn(await this.reader(), type, slugs);
  }

  async sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return sourceTextsOn(await this.reader(), slugs);
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    return findPages(await this.reader(), type, queries);
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
