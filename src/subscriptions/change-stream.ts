/**
 * One subscriber's view of the change feed: the events after a given seq, then every
 * event committed from then on, in seq order, with no gap and no duplicate, built only on
 * the Store contract (`watch` to follow, `changes` to read back), so the JSON store and a
 * database store that notifies every replica serve it alike.
 *
 * - The watcher is registered first; catching up then reads the feed a page at a time as
 *   the subscriber pulls (never the whole backlog at once), and goes live only when a read
 *   reaches everything the watcher has reported. Events are de-duplicated by seq.
 * - Live events wait in a bounded queue. When events arrive while earlier ones still wait
 *   and more than `limit` would wait, the subscriber is too slow: the queue is dropped and
 *   its next pull fails with SUBSCRIBER_TOO_SLOW. (A single commit to an empty queue is
 *   always taken whole, so a subscriber that keeps up is never cut off by a large write.)
 * - A position older than the feed keeps (CHANGE_RETENTION) ends the stream with
 *   RESYNC_REQUIRED: replaying from there would miss changes.
 * - A gap in what the watcher reports (a notification a database connection lost) is read
 *   back from the feed, so it never shows as missing events.
 * - Every pull and every catch-up read takes its turn in the process's time slices
 *   (jsutils/time-slice.ts): a store that answers from memory and a socket that takes every
 *   send at once would otherwise replay a long feed in microtasks alone, starving /health,
 *   the close of the subscriber's socket and SIGTERM, however many subscribers share the
 *   work. A stream that has ended (socket closed, subscription completed) reads no further.
 */
import { ResyncRequiredError } from '../errors/resync-required.error';
import { pauseIfSliceSpent } from '../jsutils/time-slice';
import { ChangesExpiredError } from '../store/contract/change-feed';
import type { EntityType } from '../store/contract/records';
import type { ChangeEvent, Store } from '../store/contract/store';
import { fanOut } from './fan-out';
import { SubscriberTooSlowError } from './subscriber-too-slow.error';

/** What a subscriber asks for. */
export interface FollowOptions {
  /** Replay the events after this seq first; null: only events committed from now on. */
  after: number | null;
  /** Only events of these entity types; null or empty: every type. */
  types: readonly EntityType[] | null;
}

/** The live change feed, as the `changes` subscription sees it through its context. */
export interface ChangeFeed {
  follow(options: FollowOptions): AsyncIterableIterator<ChangeEvent>;
}

/** Told when streams open and close and how many events wait in their queues. */
export interface ChangeStreamObserver {
  opened(): void;
  closed(): void;
  queued(delta: number): void;
}

/** What a stream needs of the store. */
export type FeedSource = Pick<Store, 'watch' | 'changes' | 'version'>;

/** How many events one catch-up read asks for. */
export const CATCH_UP_PAGE = 100;

/** A feed over `source` whose streams let at most `limit` events wait, told of commits through one fan-out (fan-out.ts). */
export function changeFeed(source: FeedSource, limit: number, observer?: ChangeStreamObserver): ChangeFeed {
  const shared = fanOut(source);
  return { follow: (options) => new ChangeStream(shared, options, limit, observer) };
}

interface Waiter {
  resolve(result: IteratorResult<ChangeEvent>): void;
  reject(error: unknown): void;
}

const DONE: IteratorResult<ChangeEvent> = { value: undefined, done: true };

export class ChangeStream implements AsyncIterableIterator<ChangeEvent> {
  private queue: ChangeEvent[] = [];
  private head = 0;
  private readonly waiters: Waiter[] = [];
  /** The highest seq this stream has taken into account (queued, delivered or filtered out). */
  private position: number;
  /** The highest data version the watcher has reported. */
  private notified = 0;
  /** True while the events after `position` must be read from the feed rather than taken from the watcher. */
  private catchingUp: boolean;
  private reading = false;
  /** An error for the next pull to report, once. */
  private failure: unknown = null;
  private finished = false;
  private readonly types: ReadonlySet<EntityType> | null;
  private readonly unwatch: () => void;

  constructor(
    private readonly source: FeedSource,
    options: FollowOptions,
    private readonly limit: number,
    private readonly observer?: ChangeStreamObserver,
  ) {
    this.types = options.types && options.types.length > 0 ? new Set(options.types) : null;
    // Live only: whatever the store holds now is the past. Events the watcher reports at or
    // below it were committed before this subscription and are skipped.
    this.position = options.after ?? source.version;
    this.catchingUp = options.after !== null;
    this.unwatch = source.watch((events, version) => this.onCommit(events, version));
    observer?.opened();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ChangeEvent>> {
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    const event = this.shift();
    if (event) {
      const pause = pauseIfSliceSpent();
      return pause === null ? Promise.resolve({ value: event, done: false }) : pause.then(() => ({ value: event, done: false }));
    }
    if (this.finished) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.fill();
    });
  }

  return(): Promise<IteratorResult<ChangeEvent>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<ChangeEvent>> {
    this.finish();
    return Promise.reject(error);
  }

  /** How many events wait undelivered. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private onCommit(events: readonly ChangeEvent[], version: number): void {
    if (this.finished) return;
    this.notified = Math.max(this.notified, version);
    // While catching up, the next read of the feed covers these.
    if (this.catchingUp) return;
    const start = events.findIndex((event) => event.seq > this.position);
    if (start < 0) return;
    if (events[start]!.seq !== this.position + 1) {
      // Some events never reached the watcher: read them back from the feed.
      this.catchingUp = true;
      this.fill();
      return;
    }
    const fresh = start === 0 ? events : events.slice(start);
    this.position = fresh[fresh.length - 1]!.seq;
    const matching = this.types ? fresh.filter((event) => this.types!.has(event.type)) : fresh;
    if (matching.length === 0) return;
    if (this.waiting > 0 && this.waiting + matching.length > this.limit) {
      this.fail(new SubscriberTooSlowError(this.limit));
      return;
    }
    this.enqueue(matching);
    this.deliver();
  }

  /** Reads the feed while someone waits and the stream is catching up, one read at a time. */
  private fill(): void {
    if (this.reading || !this.catchingUp || this.finished || this.waiters.length === 0) return;
    this.reading = true;
    this.readPage().then(
      () => {
        this.reading = false;
        this.deliver();
        this.fill();
      },
      (error: unknown) => {
        this.reading = false;
        this.fail(error);
      },
    );
  }

  private async readPage(): Promise<void> {
    await pauseIfSliceSpent();
    if (this.finished) return;
    let page;
    try {
      page = await this.source.changes(this.position, CATCH_UP_PAGE);
    } catch (error) {
      // The feed no longer keeps the changes after this position: the subscriber must read the data again.
      if (error instanceof ChangesExpiredError) throw new ResyncRequiredError(error);
      throw error;
    }
    const { events, hasNextPage, lastSeq } = page;
    if (this.finished) return;
    const fresh = events.filter((event) => event.seq > this.position);
    if (fresh.length > 0) this.position = fresh[fresh.length - 1]!.seq;
    this.enqueue(this.types ? fresh.filter((event) => this.types!.has(event.type)) : fresh);
    // Live from here when this read reached the end of the feed and everything the watcher
    // reported meanwhile (checked in the same step as the switch, so nothing slips between).
    if (!hasNextPage && this.notified <= Math.max(this.position, lastSeq)) this.catchingUp = false;
  }

  private enqueue(events: readonly ChangeEvent[]): void {
    if (events.length === 0) return;
    this.queue.push(...events);
    this.observer?.queued(events.length);
  }

  private shift(): ChangeEvent | undefined {
    if (this.head >= this.queue.length) return undefined;
    const event = this.queue[this.head++]!;
    this.observer?.queued(-1);
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return event;
  }

  /** Hands waiting events to waiting pulls. */
  private deliver(): void {
    while (this.waiters.length > 0 && this.waiting > 0) this.waiters.shift()!.resolve({ value: this.shift()!, done: false });
    if (this.finished) while (this.waiters.length > 0) this.waiters.shift()!.resolve(DONE);
  }

  /** Ends the stream with `error`: a waiting pull gets it, or else the next one. */
  private fail(error: unknown): void {
    if (this.finished) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.unwatch();
    this.observer?.queued(-this.waiting);
    this.queue = [];
    this.head = 0;
    this.observer?.closed();
    this.deliver();
  }
}
