/**
 * The JSON store's change feed in memory: the events of the last `limit` changes that the
 * journal still holds, in seq order (seqs are contiguous, so an event is found by its seq).
 */
import { ChangesExpiredError } from '../contract/change-feed';
import type { ChangeEvent, ChangePage } from '../contract/store';

/** The events kept, the oldest dropped as new ones come and as the journal drops segments. */
export class ChangeWindow {
  private events: ChangeEvent[] = [];
  /** Index of the oldest kept event in `events` (dropped ones are cut off in bulk). */
  private head = 0;

  constructor(
    private readonly limit: number,
    /** The last seq: the data version. */
    private last: number,
  ) {}

  /** Adds events continuing the feed (ascending seqs), dropping the oldest beyond the limit. */
  push(events: readonly ChangeEvent[]): void {
    for (const event of events) this.events.push(event);
    if (events.length > 0) this.last = events[events.length - 1]!.seq;
    this.dropBefore(this.last - this.limit + 1);
  }

  /** Drops the events with a seq below `seq` (the journal no longer holds them). */
  dropBefore(seq: number): void {
    while (this.head < this.events.length && this.events[this.head]!.seq < seq) this.head++;
    if (this.head === this.events.length) {
      this.events = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  /** The oldest seq kept (lastSeq + 1 when none is). */
  get oldestSeq(): number {
    return this.events[this.head]?.seq ?? this.last + 1;
  }

  /** Events after `after` (null: from the oldest kept) up to `through`, at most `first`; ChangesExpiredError when some after `after` are gone. */
  page(after: number | null, first: number, through = this.last): ChangePage {
    const oldest = this.oldestSeq;
    const from = after ?? oldest - 1;
    if (from < oldest - 1) throw new ChangesExpiredError(from, oldest, this.last);
    const end = Math.max(oldest - 1, Math.min(through, this.last));
    // Seqs are contiguous: seq s sits at head + (s - oldest).
    const start = Math.min(from, end) - oldest + 1 + this.head;
    const stop = end - oldest + 1 + this.head;
    const events = this.events.slice(start, Math.min(start + first, stop));
    return { events, hasNextPage: start + events.length < stop, lastSeq: Math.max(0, Math.min(through, this.last)) };
  }
}
