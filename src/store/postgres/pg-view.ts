/** A request's read view of the PostgreSQL store: one transaction, so one version of the data. */
import type { Pool, PoolClient } from 'pg';
import type { EntityType } from '../contract/records';
import type { ChangePage, Entity, FindQuery, FindResult, SearchHit, StoreReader } from '../contract/store';
import { findPages, type Queryable } from './find';
import { changesOn, countsOn, getManyOn, searchOn, sourceTextsOn } from './reads';

/**
 * One request's view: a REPEATABLE READ READ ONLY transaction opened at its first read,
 * whose every read sees the data as it was then; its version is the one that transaction
 * sees. Released when the request ends (or after `holdMs` at most); reads after that see
 * the latest data.
 */
export class PgView implements StoreReader {
  private client: Promise<PoolClient> | null = null;
  private exactVersion: number | null = null;
  private released = false;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly knownVersion: number,
    private readonly holdMs: number,
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
    void this.client?.then(
      (client) => this.inTurn(() => client.query('COMMIT')).then(() => client.release(), (error: Error) => client.release(error)),
      () => undefined,
    );
  }

  private reader(): Promise<Queryable> {
    if (this.released) return Promise.resolve(this.pool);
    this.client ??= this.begin();
    return this.client.then((client) => ({ query: (text, values) => this.inTurn(() => client.query({ name: statementName(text), text, values })) }));
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

  private async begin(): Promise<PoolClient> {
    const client = await this.pool.connect();
    try {
      // One round trip: the transaction, and the data version it reads.
      const results = (await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT version FROM store_state')) as unknown as { rows: { version: string }[] }[];
      this.exactVersion = Number(results[1]!.rows[0]!.version);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    this.timer = setTimeout(() => this.release(), this.holdMs);
    this.timer.unref();
    return client;
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
