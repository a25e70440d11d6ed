/**
 * ChangeStream over a hand-driven feed: the orderings a real store makes rare (a write
 * committed while a catch-up read is in flight, a notification lost) made to happen on
 * purpose, and the bounded queue's rule, event by event.
 */
import type { EntityType } from '../../src/store/contract/records';
import type { ChangeEvent, ChangeListener } from '../../src/store/contract/store';
import { CATCH_UP_PAGE, ChangeStream, type FeedSource, type FollowOptions } from '../../src/subscriptions/change-stream';
import { SUBSCRIBER_TOO_SLOW } from '../../src/subscriptions/subscriber-too-slow.error';

/** A store's feed whose reads and notifications the test controls. */
class FakeFeed implements FeedSource {
  readonly events: ChangeEvent[] = [];
  readonly listeners = new Set<ChangeListener>();
  readonly reads: number[] = [];
  /** Set: each read answers with the feed as it was when asked, once this resolves. */
  gate: Promise<void> | null = null;
  failure: Error | null = null;

  get version(): number {
    return this.events.length;
  }

  /** Appends `count` events of `type` and tells the watchers in one batch, unless `quietly` (a lost notification). */
  commit(count = 1, type: EntityType = 'Topic', quietly = false): ChangeEvent[] {
    const committed: ChangeEvent[] = [];
    for (let i = 0; i < count; i++) {
      const seq = this.events.length + 1;
      const event: ChangeEvent = { seq, at: '2026-11-28T00:00:00.000Z', operation: 'create', type, slug: `t${seq}` };
      this.events.push(event);
      committed.push(event);
    }
    if (!quietly) for (const listener of this.listeners) listener(committed, this.version);
    return committed;
  }

  async changes(after: number, first: number): Promise<{ events: ChangeEvent[]; hasNextPage: boolean; lastSeq: number }> {
    this.reads.push(after);
    const end = this.events.length;
    const events = this.events.slice(after, Math.min(after + first, end));
    if (this.gate) await this.gate;
    if (this.failure) throw this.failure;
    return { events, hasNextPage: after + events.length < end, lastSeq: end };
  }

  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** Counts what the stream reports to its observer. */
function observer() {
  const counts = { open: 0, queued: 0, maxQueued: 0 };
  return {
    counts,
    opened: () => void counts.open++,
    closed: () => void counts.open--,
    queued: (delta: number) => {
      counts.queued += delta;
      counts.maxQueued = Math.max(counts.maxQueued, counts.queued);
    },
  };
}

function follow(feed: FakeFeed, options: Partial<FollowOptions> = {}, limit = 1000, watcher = observer()): ChangeStream {
  return new ChangeStream(feed, { after: null, types: null, ...options }, limit, watcher);
}

/** The seqs of the next `count` events; fails when one does not come within a second. */
async function take(stream: ChangeStream, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event after ${JSON.stringify(seqs)} within a second`)), 1000);
    });
    const result = await Promise.race([stream.next(), timeout]).finally(() => clearTimeout(timer));
    if (result.done) throw new Error(`the stream ended after ${seqs.length} events`);
    seqs.push(result.value.seq);
  }
  return seqs;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('catching up with after', () => {
  test('replays the events after the seq, then live ones', async () => {
    const feed = new FakeFeed();
    feed.commit(5);
    const stream = follow(feed, { after: 2 });
    expect(await take(stream, 3)).toEqual([3, 4, 5]);
    feed.commit(2);
    expect(await take(stream, 2)).toEqual([6, 7]);
  });

  test('misses nothing and repeats nothing when writes land while a read is in flight', async () => {
    const feed = new FakeFeed();
    feed.commit(3);
    let open!: () => void;
    feed.gate = new Promise((resolve) => (open = resolve));
    const stream = follow(feed, { after: 0 });
    const pulled = take(stream, 7);
    // Each read first yields to I/O: wait until it has looked at the feed.
    while (feed.reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // Committed and notified after the read looked at the feed, before it answers.
    feed.commit(2);
    feed.commit(2);
    feed.gate = null;
    open();
    expect(await pulled).toEqual(range(1, 7));
    // The first read saw 3 events; the watcher had reported 7, so it read again from 3.
    expect(feed.reads).toEqual([0, 3]);
    feed.commit(1);
    expect(await take(stream, 1)).toEqual([8]);
  });

  test('reads the backlog a page at a time, as the subscriber pulls, never all of it at once', async () => {
    const feed = new FakeFeed();
    feed.commit(250);
    const stream = follow(feed, { after: 0 });
    expect(await take(stream, 1)).toEqual([1]);
    expect(feed.reads).toEqual([0]);
    expect(await take(stream, CATCH_UP_PAGE)).toEqual(range(2, CATCH_UP_PAGE + 1));
    expect(feed.reads).toEqual([0, CATCH_UP_PAGE]);
    expect(await take(stream, 149)).toEqual(range(CATCH_UP_PAGE + 2, 250));
    expect(feed.reads).toEqual([0, 100, 200]);
  });

  test('a seq beyond the feed waits for the events after it', async () => {
    const feed = new FakeFeed();
    feed.commit(1);
    const stream = follow(feed, { after: 3 });
    const next = take(stream, 1);
    feed.commit(3);
    expect(await next).toEqual([4]);
  });
});

describe('live', () => {
  test('without after, starts after what the store holds', async () => {
    const feed = new FakeFeed();
    feed.commit(4);
    const stream = follow(feed);
    feed.commit(1);
    expect(await take(stream, 1)).toEqual([5]);
  });

  test('gives only the types asked for, and keeps its place past the others', async () => {
    const feed = new FakeFeed();
    const stream = follow(feed, { types: ['Meeting'] });
    feed.commit(2, 'Topic');
    feed.commit(1, 'Meeting');
    feed.commit(3, 'Person');
    feed.commit(1, 'Meeting');
    expect(await take(stream, 2)).toEqual([3, 7]);
  });

  test('reads back from the feed what the watcher never reported (a lost notification)', async () => {
    const feed = new FakeFeed();
    const stream = follow(feed);
    feed.commit(1);
    feed.commit(2, 'Topic', true);
    feed.commit(1);
    expect(await take(stream, 4)).toEqual([1, 2, 3, 4]);
    expect(feed.reads).toEqual([1]);
  });

  test('return() ends a waiting pull and stops watching', async () => {
    const feed = new FakeFeed();
    const watcher = observer();
    const stream = follow(feed, {}, 1000, watcher);
    const waiting = stream.next();
    expect(watcher.counts.open).toBe(1);
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(feed.listeners.size).toBe(0);
    expect(watcher.counts.open).toBe(0);
  });

  test('a failed read ends the stream with its error', async () => {
    const feed = new FakeFeed();
    feed.commit(2);
    feed.failure = new Error('the database went away');
    const stream = follow(feed, { after: 0 });
    await expect(stream.next()).rejects.toThrow('the database went away');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(feed.listeners.size).toBe(0);
  });
});

describe('the bounded queue', () => {
  test('ends a subscriber that lets more than the limit wait with SUBSCRIBER_TOO_SLOW, dropping what waited', async () => {
    const feed = new FakeFeed();
    const watcher = observer();
    const stream = follow(feed, {}, 5, watcher);
    feed.commit(3);
    feed.commit(2);
    expect(watcher.counts.queued).toBe(5);
    feed.commit(1);
    expect(watcher.counts).toEqual({ open: 0, queued: 0, maxQueued: 5 });
    expect(feed.listeners.size).toBe(0);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: SUBSCRIBER_TOO_SLOW, limit: 5 } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  test('keeps a subscriber that takes events as they come, however many', async () => {
    const feed = new FakeFeed();
    const watcher = observer();
    const stream = follow(feed, {}, 5, watcher);
    for (let i = 1; i <= 50; i++) {
      feed.commit(3);
      expect(await take(stream, 3)).toEqual([3 * i - 2, 3 * i - 1, 3 * i]);
    }
    expect(watcher.counts.maxQueued).toBeLessThanOrEqual(5);
  });

  test('takes one commit larger than the limit whole when nothing waits: a large write does not cut off a subscriber that keeps up', async () => {
    const feed = new FakeFeed();
    const stream = follow(feed, {}, 5);
    feed.commit(8);
    expect(await take(stream, 8)).toEqual(range(1, 8));
  });

  test('counts only the events that pass the type filter', async () => {
    const feed = new FakeFeed();
    const stream = follow(feed, { types: ['Meeting'] }, 2);
    feed.commit(1, 'Meeting');
    feed.commit(50, 'Topic');
    feed.commit(1, 'Meeting');
    expect(await take(stream, 2)).toEqual([1, 52]);
  });
});

describe('sharing the event loop', () => {
  /** Holds the thread for `ms`, as executing and sending an event does. */
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  test('many streams replaying at once pause for I/O every time slice, not once a page each', async () => {
    const feed = new FakeFeed();
    feed.commit(2000);
    const streams = Array.from({ length: 20 }, () => follow(feed, { after: 0 }, 100));
    // A timer due every millisecond: the longest wait between its runs is how long I/O waited.
    let last = performance.now();
    let longestWait = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestWait = Math.max(longestWait, now - last);
      last = now;
    }, 1);
    try {
      const delivered = await Promise.all(
        streams.map(async (stream) => {
          let count = 0;
          // 0.1 ms of work an event: one page of 100 events for 20 streams is 200 ms.
          for (; count < 2000; count++) {
            await stream.next();
            busy(0.1);
          }
          return count;
        }),
      );
      expect(delivered).toEqual(Array(20).fill(2000));
    } finally {
      clearInterval(ticker);
    }
    // A 10 ms slice, plus one event's work and a loaded machine's margin; a page per turn would be 200 ms.
    expect(longestWait).toBeLessThan(150);
  }, 30_000);
});
