/**
 * Where a request's view reads: PostgreSQL streaming replicas (hot standbys,
 * DATABASE_READ_URL) when there are any, else the primary. Writes, the change feed and its
 * LISTEN stay on the primary (NOTIFY is not replayed on a standby), and so does every view
 * that must be current.
 *
 * A replica replays the primary's WAL a little behind it. A view whose request needs at
 * least some data version (the client's own last write: `Entente-Min-Version`) takes a
 * replica only once the replica's transaction sees that version; it waits for replay a
 * short while (`waitMs`), then reads on the primary. A replica that fails (refused,
 * stopped, cut off mid-request) is passed over at once and probed in the background after a
 * back-off that doubles while it keeps failing; a request never waits for a dead replica.
 */
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { ReadReplicaState } from '../contract/store';
import { executeSql, poolReads, releaseUncommitted, takeUncommitted } from './statements';

/** The transaction of a view, and the data version it sees: one round trip. */
const BEGIN_VIEW = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT version FROM store_state';

export interface ReadRoutingOptions {
  /** The longest a view waits for a replica to replay the version it needs before reading on the primary (DATABASE_READ_WAIT_MS, default 250). */
  waitMs?: number;
  /** How often a replica is asked again while a view waits for it. */
  pollMs?: number;
  /** The first wait before a failed replica is probed again; doubled after each failed probe, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export const DEFAULT_READ_WAIT_MS = 250;
const DEFAULT_POLL_MS = 20;
const DEFAULT_BACKOFF_MS = 1_000;
const DEFAULT_MAX_BACKOFF_MS = 30_000;
/** How long /health waits for a replica's answer. */
const HEALTH_TIMEOUT_MS = 1_000;

/** A view's transaction: its connection, the version it reads, and the replica it runs on (null: the primary). */
export interface ViewLease {
  client: PoolClient;
  version: number;
  replica: ReadReplica | null;
}

/** A view's first read, sent with its BEGIN when the connection has prepared its statement. */
export interface FirstRead {
  text: string;
  values: readonly unknown[];
}

/** A view's transaction opened, and its first read's result (null: not sent with the BEGIN; run it now). */
export interface Opened {
  lease: ViewLease;
  first: QueryResult | null;
}

/** One replica: its pool, and whether views may read there. */
export class ReadReplica {
  /** Set while it is down: views pass it over until a probe reaches it. */
  private failure: { error: string; backoffMs: number; probe: NodeJS.Timeout | null } | null = null;
  /** The latest version a transaction on it saw. */
  private seen: number | null = null;
  private closed = false;

  constructor(
    readonly pool: Pool,
    /** Without its password. */
    readonly url: string,
  ) {}

  get up(): boolean {
    return this.failure === null;
  }

  /** Connections in use or waited for: the least loaded replica takes the next view. */
  get load(): number {
    return this.pool.totalCount - this.pool.idleCount + this.pool.waitingCount;
  }

  saw(version: number): void {
    this.seen = Math.max(this.seen ?? 0, version);
  }

  /** Takes it out of rotation (if not already) and probes it after the back-off. */
  failed(error: unknown, options: Required<ReadRoutingOptions>): void {
    if (this.failure !== null) return;
    this.failure = { error: describe(error), backoffMs: options.backoffMs, probe: null };
    this.scheduleProbe(options);
  }

  /** Asks it the version it has replayed (for /health). */
  async check(): Promise<number> {
    const version = await withTimeout(currentVersion(this.pool), HEALTH_TIMEOUT_MS);
    this.saw(version);
    return version;
  }

  state(primaryVersion: number): ReadReplicaState {
    if (this.failure !== null) return { url: this.url, state: 'down', dataVersion: this.seen, lag: null, error: this.failure.error };
    return { url: this.url, state: 'up', dataVersion: this.seen, lag: this.seen === null ? null : Math.max(0, primaryVersion - this.seen) };
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.failure?.probe) clearTimeout(this.failure.probe);
    return this.pool.end();
  }

  private scheduleProbe(options: Required<ReadRoutingOptions>): void {
    if (this.closed) return;
    const failure = this.failure!;
    failure.probe = setTimeout(() => {
      currentVersion(this.pool).then(
        (version) => {
          this.saw(version);
          this.failure = null;
        },
        (error: unknown) => {
          failure.error = describe(error);
          failure.backoffMs = Math.min(failure.backoffMs * 2, options.maxBackoffMs);
          this.scheduleProbe(options);
        },
      );
    }, failure.backoffMs);
    failure.probe.unref();
  }
}

/** Opens views' transactions on a replica when one will do, else on the primary. */
export class ReadRouter {
  private readonly options: Required<ReadRoutingOptions>;
  /** Breaks ties between equally loaded replicas in turn. */
  private turn = 0;
  private closed = false;

  constructor(
    readonly primary: Pool,
    readonly replicas: readonly ReadReplica[],
    options: ReadRoutingOptions = {},
    /** Told of each replica failure (the store logs it). */
    private readonly onReplicaError: (error: unknown, replica: ReadReplica) => void = () => {},
  ) {
    this.options = {
      waitMs: options.waitMs ?? DEFAULT_READ_WAIT_MS,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    };
  }

  /**
   * A view's transaction, at a version of at least `atLeast`: on the least loaded replica
   * that is up, if it has replayed that version or does within the wait; else on the
   * primary. `latest` goes to the primary straight away.
   */
  async open(atLeast: number, latest = false, first?: FirstRead): Promise<Opened> {
    if (!latest && !this.closed) {
      for (const replica of this.candidates()) {
        const opened = await this.tryReplica(replica, atLeast, first);
        if (opened === 'failed') continue;
        // Up but behind: the primary has every committed version; another replica would likely be as far behind.
        if (opened === 'behind') break;
        return opened;
      }
    }
    const client = await this.primary.connect();
    try {
      const { version, result } = await begin(client, first);
      return { lease: { client, version, replica: null }, first: result };
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /** Ends a view's transaction: its connection goes back to its pool, committed by the next BEGIN there (statements.ts). */
  finish(lease: ViewLease): void {
    releaseUncommitted(lease.client);
  }

  /** Takes `replica` out of rotation after `error` (a connection lost mid-view). */
  failed(replica: ReadReplica, error: unknown): void {
    const wasUp = replica.up;
    replica.failed(error, this.options);
    if (wasUp) this.onReplicaError(error, replica);
  }

  /** Each replica's state; one that is up is asked its version now, so a replica stopped since its last view shows as down. */
  states(primaryVersion: number): Promise<ReadReplicaState[]> {
    return Promise.all(
      this.replicas.map(async (replica) => {
        if (replica.up) await replica.check().catch((error: unknown) => this.failed(replica, error));
        return replica.state(primaryVersion);
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.replicas.map((replica) => replica.close()));
  }

  /** The replicas that are up, least loaded first. */
  private candidates(): ReadReplica[] {
    const up = this.replicas.filter((replica) => replica.up);
    if (up.length <= 1) return up;
    const start = this.turn++ % up.length;
    const rotated = [...up.slice(start), ...up.slice(0, start)];
    // A stable sort: equally loaded replicas keep their turn order.
    return rotated.sort((a, b) => a.load - b.load);
  }

  private async tryReplica(replica: ReadReplica, atLeast: number, first: FirstRead | undefined): Promise<Opened | 'behind' | 'failed'> {
    let client: PoolClient;
    try {
      client = await replica.pool.connect();
    } catch (error) {
      this.failed(replica, error);
      return 'failed';
    }
    try {
      const deadline = Date.now() + this.options.waitMs;
      let opened = await begin(client, first);
      replica.saw(opened.version);
      while (opened.version < atLeast) {
        await client.query('ROLLBACK');
        if (Date.now() + this.options.pollMs > deadline) {
          client.release();
          return 'behind';
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
        opened = await begin(client, first);
        replica.saw(opened.version);
      }
      return { lease: { client, version: opened.version, replica }, first: opened.result };
    } catch (error) {
      client.release(error as Error);
      // The first read's own fault (the primary would repeat it) says nothing of the replica.
      if (replicaFailure(error) === null) throw error;
      this.failed(replica, error);
      return 'failed';
    }
  }
}

/**
 * Begins a view's transaction on `client`, in one round trip with the commit of the
 * connection's previous view (if left open) and `first` (if prepared there); returns the
 * data version it reads and `first`'s result (null: not sent).
 */
async function begin(client: PoolClient, first?: FirstRead): Promise<{ version: number; result: QueryResult | null }> {
  const commit = takeUncommitted(client);
  const execute = first === undefined ? null : executeSql(client, first.text, first.values);
  const results = (await client.query(`${commit ? 'COMMIT; ' : ''}${BEGIN_VIEW}${execute === null ? '' : `; ${execute}`}`)) as unknown as QueryResult[];
  const at = commit ? 1 : 0;
  return { version: Number(results[at + 1]!.rows[0]!.version), result: execute === null ? null : results[at + 2]! };
}

/** The data version a pool's database holds now (committing first what a finished view left open on the connection). */
async function currentVersion(pool: Pool): Promise<number> {
  const { rows } = await poolReads(pool).query<{ version: string }>('SELECT version FROM store_state');
  return Number(rows[0]!.version);
}

/**
 * What `error`, from a query on a replica, says of the replica: `lost`, it cannot go on
 * serving (its connection is lost, it is shutting down); `cancelled`, it cancelled the query
 * to replay the primary's changes (SQLSTATE 40001 on a standby); null, a fault of the query
 * itself, which the primary would repeat.
 */
export function replicaFailure(error: unknown): 'lost' | 'cancelled' | null {
  const code = (error as { code?: unknown } | null)?.code;
  // No SQLSTATE: the driver's own "Connection terminated", or a socket error (ECONNRESET, EPIPE).
  if (typeof code !== 'string' || /^E[A-Z]+$/.test(code)) return 'lost';
  if (code === '40001') return 'cancelled';
  // Class 08 connection exception, 57P0x shutdown, crash, or cannot connect now.
  return code.startsWith('08') || code.startsWith('57P') ? 'lost' : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
