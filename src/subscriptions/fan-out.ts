/**
 * One watcher on the store for every subscriber: each commit is handed to the subscribers
 * `batch` at a time, yielding to I/O (setImmediate) between batches. A store calls its
 * watchers synchronously, and each subscriber a commit reaches executes its event in the
 * microtasks that follow, so telling thousands at once would hold the event loop for the
 * whole fan-out (/health and every other request waiting behind it).
 *
 * Commits are handed on one after another in seq order, each to the subscribers watching
 * when its turn comes. One that starts watching meanwhile reads the store's version as it
 * is now, which already counts the commits still being handed on, and skips them.
 */
import { setImmediate as yieldToIO } from 'node:timers/promises';
import type { ChangeEvent, ChangeListener, Store } from '../store/contract/store';

/** What the fan-out needs of the store, and gives its watchers (change-stream.ts's FeedSource). */
type FeedSource = Pick<Store, 'watch' | 'changes' | 'version'>;

/** How many subscribers one turn of the event loop tells of a commit. */
export const FAN_OUT_BATCH = 100;

interface Commit {
  events: readonly ChangeEvent[];
  version: number;
}

/** `source` with one store watcher, whose commits reach this source's watchers `batch` at a time. */
export function fanOut(source: FeedSource, batch = FAN_OUT_BATCH): FeedSource {
  const listeners = new Set<ChangeListener>();
  const pending: Commit[] = [];
  let unwatchSource: (() => void) | null = null;
  let handing = false;

  const handOn = async (): Promise<void> => {
    handing = true;
    try {
      for (let commit = pending.shift(); commit; commit = pending.shift()) {
        const watching = [...listeners];
        for (let start = 0; start < watching.length; start += batch) {
          if (start > 0) await yieldToIO();
          for (const listener of watching.slice(start, start + batch)) {
            // One that stopped watching meanwhile is not told.
            if (!listeners.has(listener)) continue;
            try {
              listener(commit.events, commit.version);
            } catch {
              // A listener must not throw; one that does must not keep the others from the commit.
            }
          }
        }
      }
    } finally {
      handing = false;
    }
  };

  const onCommit: ChangeListener = (events, version) => {
    pending.push({ events, version });
    if (!handing) void handOn();
  };

  return {
    get version() {
      return source.version;
    },
    changes: (...args) => source.changes(...args),
    watch(listener) {
      listeners.add(listener);
      unwatchSource ??= source.watch(onCommit);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || unwatchSource === null) return;
        unwatchSource();
        unwatchSource = null;
      };
    },
  };
}
