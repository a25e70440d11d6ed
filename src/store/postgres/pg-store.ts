/**
 * The PostgreSQL store: the same `Store` contract as the JSON store, for data that
 * outgrows one process. Any number of server processes (replicas) share one database and
 * hold no data of their own: reads go to the database in batches (one query per loader
 * batch, `slug = ANY($1)`), writes run in transactions serialized on the `store_state`
 * row, validated by the rules every store shares (write.ts), and each commit announces the new
 * data version with NOTIFY. Every replica LISTENs: its version moves on at once (its
 * response cache retires what it kept) and its change-feed followers (`watch`) get the
 * new events.
 *
 * A request reads one version of the data, as over the JSON store's immutable views: its
 * view (`view()`) opens a REPEATABLE READ READ ONLY transaction at its first read and
 * reads everything through it, until the request ends (`release`). Views read from one
 * pool, writes and the change feed from another, so requests holding connections can
 * never starve a write of one. With streaming replicas of the database (DATABASE_READ_URL),
 * views read there instead, each at a version its request may read (read-routing.ts);
 * writes, the change feed, LISTEN and the store's own reads stay on the primary.
 */
import { Client, type Pool, type PoolClient } from 'pg';
import type { EntityType } from '../contract/records';
import { DEFAULT_CHANGE_RETENTION } from '../contract/change-feed';
import type { ChangeEntry, ChangeEvent, ChangeListener, ChangePage, ChangeRequest, Entity, FindQuery, FindResult, ReadReplicaState, SearchHit, Store, StoreReader, Tally, TallyQuery, ViewOptions } from '../contract/store';
import { NoSpaceLeftError } from '../contract/write-errors';
import { assertMigrated, connectionConfig, createPool, redactUrl, schemaOf, type DatabaseOptions } from './database';
import { findPages, findTallies } from './find';
import { PgView } from './pg-view';
import { ReadReplica, ReadRouter } from './read-routing';
import { DEFAULT_RECORD_CACHE_SIZE, RecordCache } from './record-cache';
import { changesOn, countsOn, eventsOn, getManyOn, searchOn, sourceTextsOn } from './reads';
import { recordCommit } from './rows';
import { PostingSizes } from './posting-sizes';
import { poolReads } from './statements';
import { settledInOrder, validateGroup, writeGroup } from './write';

export { StoreNotMigratedError } from './database';

/** How long to wait before listening again after the LISTEN connection fails. */
const RELISTEN_DELAY_MS = 1_000;
/** Connections for writes and the change feed (writes are serialized anyway). */
const WRITE_POOL_SIZE = 3;
/** At most this many writes commit in one transaction (the rest in the next). */
const MAX_GROUP_WRITES = 64;
/** A write transaction's first round trip: it begins and waits for the store_state row, which serializes every replica's writes. */
const BEGIN_WRITE = 'BEGIN; SELECT version, counts FROM store_state FOR UPDATE';
/** The longest a view keeps its transaction when its request never says it ended. */
const DEFAULT_VIEW_HOLD_MS = 60_000;
/** A read replica that does not accept a connection within this is passed over (the primary's pools wait longer). */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;

/** What a transaction's work gives back: its result, and the statements it sent last, which COMMIT follows without waiting. */
interface Work<R> {
  result: R;
  sent: Promise<unknown>;
}

/** The store_state row as a write transaction locked it: the data version and the records of each type. */
interface StoreState {
  version: number;
  counts: Partial<Record<EntityType, number>>;
}

export class PgStore implements Store {
  readonly kind = 'postgres';
  readonly indexing = false;
  /** Settled: the database's indexes are always there (as the JSON store's `indexed` once built). */
  readonly indexed: Promise<void> = Promise.resolve();
  private currentVersion: number;
  private readonly listeners = new Set<ChangeListener>();
  /** The last seq handed to listeners. */
  private delivered: number;
  /** Notifications are handled one at a time, in order. */
  private following: Promise<void> = Promise.resolve();
  private listener: Client | null = null;
  /** Writes waiting for the group being committed: they commit together next. */
  private readonly pending: { changes: readonly ChangeRequest[]; resolve: (events: ChangeEvent[]) => void; reject: (error: unknown) => void }[] = [];
  private committing = false;
  /** Settles when the writes pending now are committed (or refused). */
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Called when a connection fails: the LISTEN one (it reconnects by itself) or an idle pooled one (replaced on demand). */
  onConnectionError: (error: unknown) => void = () => {};
  /** Reads on the primary outside any view (a connection a view left uncommitted is committed first: statements.ts). */
  private readonly reads: ReturnType<typeof poolReads>;
  /** How long posting lists are: which one a filtered page walks. */
  private readonly postingSizes: PostingSizes;
  /** Records and posting tables read by views, kept for the version this process follows (null: PG_RECORD_CACHE=0). */
  private readonly recordCache: RecordCache | null;
  /** Called when a read replica fails and views stop reading there (until a probe reaches it again). */
  onReadReplicaError: (error: unknown, url: string) => void = () => {};

  private constructor(
    private readonly pool: Pool,
    private readonly writePool: Pool,
    private readonly router: ReadRouter,
    private readonly options: DatabaseOptions,
    readonly schema: string,
    version: number,
  ) {
    this.currentVersion = version;
    this.delivered = version;
    this.reads = poolReads(pool);
    this.postingSizes = new PostingSizes(this.reads);
    const cacheSize = options.recordCacheSize ?? DEFAULT_RECORD_CACHE_SIZE;
    this.recordCache = cacheSize > 0 ? new RecordCache(version, cacheSize) : null;
  }

  /** Connects to a migrated schema (`npm run db:migrate`) and starts listening for other replicas' writes. */
  static async open(options: DatabaseOptions): Promise<PgStore> {
    const schema = schemaOf(options);
    const pool = createPool(options);
    // Pipelined: a write transaction sends its last statements and COMMIT together (transaction()).
    const writePool = createPool({ ...options, max: WRITE_POOL_SIZE }, undefined, undefined, true);
    const replicas = (options.readUrls ?? []).map((url) => new ReadReplica(createPool({ ...options, url }, 'read', REPLICA_CONNECT_TIMEOUT_MS), redactUrl(url)));
    let store: PgStore | null = null;
    // A connection the database drops (restart, failover, idle reaper, pg_terminate_backend)
    // is an 'error' event on its client; unhandled, it would end the process. Every client
    // gets a listener when the pool makes it, so a connection dropped while checked out and
    // between queries (a request's read transaction) is reported too; its next query fails,
    // and releasing it with that error discards it. The pool re-emits an idle client's error:
    // reported once, by the client's listener.
    // A replica that is down at start is passed over and probed, as one that fails later.
    const router = new ReadRouter(pool, replicas, { waitMs: options.readWaitMs }, (error, replica) => store?.onReadReplicaError(error, replica.url));
    for (const each of [pool, writePool]) {
      each.on('connect', (client) => client.on('error', (error) => store?.onConnectionError(error)));
      each.on('error', () => undefined);
    }
    // A read replica's dropped connection takes it out of rotation at once (it is probably stopping).
    for (const replica of replicas) {
      replica.pool.on('connect', (client) => client.on('error', (error) => router.failed(replica, error)));
      replica.pool.on('error', () => undefined);
    }
    try {
      await assertMigrated(pool, schema);
      const state = await pool.query<{ version: string }>('SELECT version FROM store_state');
      store = new PgStore(pool, writePool, router, options, schema, Number(state.rows[0]!.version));
      await store.listen();
      return store;
    } catch (error) {
      await pool.end();
      await writePool.end();
      await router.close();
      throw error;
    }
  }

  /** The channel a schema's commits are announced on. */
  get channel(): string {
    return `${this.schema}_changes`;
  }

  get version(): number {
    return this.currentVersion;
  }

  view(options: ViewOptions = {}): StoreReader {
    // A version this process has not heard of yet (another process's write, its NOTIFY on the way): the primary has it for sure, a replica may not.
    const latest = options.latest === true || (options.atLeast ?? 0) > this.currentVersion;
    return new PgView(this.router, this.reads, this.currentVersion, this.options.viewHoldMs ?? DEFAULT_VIEW_HOLD_MS, options.atLeast ?? 0, latest, this.recordCache, this.postingSizes, options.cacheFirst === true);
  }

  async readReplicas(): Promise<ReadReplicaState[]> {
    return this.router.states(this.currentVersion);
  }

  getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    return getManyOn(this.reads, type, slugs);
  }

  sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return sourceTextsOn(this.reads, slugs);
  }

  findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    return findPages(this.reads, type, queries, { sizes: this.postingSizes });
  }

  meetingTallies(queries: readonly TallyQuery[]): Promise<Tally[][]> {
    return findTallies(this.reads, queries, this.postingSizes);
  }

  search(query: string, limit: number): Promise<SearchHit[]> {
    return searchOn(this.reads, query, limit);
  }

  counts(): Promise<Record<EntityType, number>> {
    return countsOn(this.reads);
  }

  /**
   * Applies the changes in one transaction, after every earlier write of every replica (the
   * store_state row lock). Writes that arrive while one commits wait and then commit
   * together (group commit): one transaction, one lock and one flush for the group, each
   * write still validated and applied after the one before, all or nothing for itself.
   */
  write(changes: readonly ChangeRequest[]): Promise<ChangeEvent[]> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (changes.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ changes, resolve, reject });
      if (this.pending.length === 1 && !this.committing) this.writing = this.commitPending();
    });
  }

  changes(after: number | null, first: number, through?: number): Promise<ChangePage> {
    return changesOn(this.writePool, after, first, through);
  }

  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.router.close();
    await this.pool.end();
    await this.writePool.end();
  }

  /** Commits the pending writes, a group at a time, until none is left. */
  private async commitPending(): Promise<void> {
    this.committing = true;
    try {
      while (this.pending.length > 0) {
        let group: typeof this.pending = [];
        let outcomes: (ChangeEvent[] | { rejected: unknown })[];
        try {
          outcomes = await this.transaction((client, state) => {
            // The group is the writes waiting once the lock is held: those that arrived while
            // the transaction began join it, rather than waiting for the next.
            group = this.pending.splice(0, MAX_GROUP_WRITES);
            return this.commitGroup(client, state, group.map((write) => write.changes));
          });
        } catch (error) {
          // The transaction failed as a whole (a lost connection, a full disk): no write of the
          // group was applied. Failing before the group was taken (no connection), it fails
          // the writes waiting now, as it would have failed them as a group.
          if (group.length === 0) group = this.pending.splice(0, MAX_GROUP_WRITES);
          for (const write of group) write.reject(error);
          continue;
        }
        group.forEach((write, i) => {
          const outcome = outcomes[i]!;
          if (!Array.isArray(outcome)) return write.reject(outcome.rejected);
          const last = outcome.at(-1);
          if (last && last.seq > this.currentVersion) this.currentVersion = last.seq;
          write.resolve(outcome);
        });
      }
    } finally {
      this.committing = false;
    }
  }

  /**
   * Validates each write of a group after the ones before it, in one transaction holding
   * the store_state row, and writes what the accepted ones changed in one go (write.ts): a
   * write refused (its validation reads, changes nothing) leaves the others to commit. The
   * accepted writes take consecutive seqs in the order they were made. The outcome of
   * each: its events, or why it was refused.
   */
  private async commitGroup(client: PoolClient, state: StoreState, writes: readonly (readonly ChangeRequest[])[]): Promise<Work<(ChangeEvent[] | { rejected: unknown })[]>> {
    let seq = state.version;
    const counts = state.counts;
    const at = new Date().toISOString();
    const entries: ChangeEntry[] = [];
    const group = await validateGroup(client, writes);
    const outcomes = group.outcomes.map((outcome) => {
      if (!('applied' in outcome)) return outcome;
      return outcome.applied.map((change): ChangeEvent => {
        // A create adds a record, a delete removes one, an update (or a re-dated meeting) neither.
        counts[change.type] = (counts[change.type] ?? 0) + (change.operation === 'create' ? 1 : change.operation === 'delete' ? -1 : 0);
        const event: ChangeEvent = { seq: ++seq, at, operation: change.operation, type: change.type, slug: change.slug };
        // As the change feed keeps it (ChangeEntry): a created source with its text.
        entries.push({ ...event, record: change.record === null ? null : change.text === undefined ? change.record : { ...change.record, text: change.text } });
        return event;
      });
    });
    if (entries.length === 0) return { result: outcomes, sent: Promise.resolve() };
    // The feed keeps the last changeRetention changes (a range of the primary key); the new
    // version reaches every listening replica when the transaction commits.
    const sent = settledInOrder([writeGroup(client, group), recordCommit(client, entries, seq - (this.options.changeRetention ?? DEFAULT_CHANGE_RETENTION), counts, this.channel)]);
    return { result: outcomes, sent };
  }

  /**
   * Runs `work` in a transaction holding the store_state row (every replica's writes take
   * it), with what the row holds, and commits: COMMIT is sent right behind the statements
   * `work` sent and did not wait for (its `sent`), on the write pool's pipelined connections
   * in the same round trip. Should one of them fail, the transaction is aborted and COMMIT
   * ends it without applying anything.
   */
  private async transaction<R>(work: (client: PoolClient, state: StoreState) => Promise<Work<R>>): Promise<R> {
    const client = await this.writePool.connect();
    try {
      // One round trip: a simple query of two statements answers with the result of each.
      const [, locked] = (await client.query(BEGIN_WRITE)) as unknown as [unknown, { rows: { version: string; counts: StoreState['counts'] }[] }];
      const row = locked.rows[0]!;
      const { result, sent } = await work(client, { version: Number(row.version), counts: row.counts });
      await settledInOrder([sent, client.query('COMMIT')]);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // SQLSTATE 53100 disk_full: refused as the JSON store refuses a write on a full disk.
      if ((error as { code?: unknown }).code === '53100') throw new NoSpaceLeftError('the PostgreSQL database', { cause: error });
      throw error;
    } finally {
      client.release();
    }
  }

  /** LISTENs on a connection of its own (not the pool's), reconnecting when it fails; then catches up. */
  private async listen(): Promise<void> {
    const client = new Client(connectionConfig(this.options, 'listen'));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.follow(Number(message.payload));
    });
    client.on('error', (error) => {
      this.onConnectionError(error);
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.relisten(), RELISTEN_DELAY_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.listener = client;
    // Writes committed while no connection listened are found by reading the version.
    const { rows } = await this.writePool.query<{ version: string }>('SELECT version FROM store_state');
    this.follow(Number(rows[0]!.version));
  }

  private async relisten(): Promise<void> {
    if (this.closed) return;
    try {
      await this.listen();
    } catch (error) {
      this.onConnectionError(error);
      if (!this.closed) setTimeout(() => void this.relisten(), RELISTEN_DELAY_MS).unref();
    }
  }

  /**
   * Moves the version on to `version`: the record cache drops what changed since the last
   * version (record-cache.ts), and the listeners get the new events, in order.
   */
  private follow(version: number): void {
    if (!Number.isSafeInteger(version)) return;
    if (version > this.currentVersion) this.currentVersion = version;
    this.following = this.following.then(async () => {
      if (version <= this.delivered || this.closed) return;
      const cache = this.recordCache;
      if (this.listeners.size === 0 && cache === null) {
        this.delivered = version;
        return;
      }
      const events = await eventsOn(this.writePool, this.delivered, version);
      this.delivered = version;
      cache?.advance(version, events);
      if (events.length === 0) return;
      for (const listener of this.listeners) {
        try {
          listener(events, version);
        } catch {
          // A listener must not throw; one that does cannot undo the committed write.
        }
      }
    }).catch((error) => this.onConnectionError(error));
  }
}


