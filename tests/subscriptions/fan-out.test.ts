/**
 * The fan-out of commits to subscribers: one store watcher whatever the number of
 * subscribers, FAN_OUT_BATCH of them told per turn of the event loop, commits in order,
 * and one that stops watching mid-fan-out not told.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChangeEvent, ChangeListener } from '../../src/store/contract/store';
import { FAN_OUT_BATCH, fanOut } from '../../src/subscriptions/fan-out';

/** A store's watch and feed, committing by hand. */
function source() {
  const listeners = new Set<ChangeListener>();
  let version = 0;
  return {
    listeners,
    get version() {
      return version;
    },
    changes: async () => ({ events: [], hasNextPage: false, lastSeq: version }),
    watch(listener: ChangeListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    commit(): ChangeEvent[] {
      version++;
      const events: ChangeEvent[] = [{ seq: version, at: '2026-12-06T00:00:00.000Z', operation: 'create', type: 'Topic', slug: `t${version}` }];
      for (const listener of listeners) listener(events, version);
      return events;
    },
  };
}

test('a commit reaches FAN_OUT_BATCH subscribers per turn of the event loop, through one store watcher', async () => {
  const store = source();
  const feed = fanOut(store);
  const told: number[] = [];
  const subscribers = FAN_OUT_BATCH * 2 + 50;
  const stops = Array.from({ length: subscribers }, (_, i) => feed.watch(() => void told.push(i)));
  expect(store.listeners.size).toBe(1);

  store.commit();
  expect(told.length).toBe(FAN_OUT_BATCH);
  await nextTurn();
  expect(told.length).toBe(FAN_OUT_BATCH * 2);
  await nextTurn();
  expect(told).toEqual(Array.from({ length: subscribers }, (_, i) => i));

  for (const stop of stops) stop();
  expect(store.listeners.size).toBe(0);
});

test('commits reach each subscriber in seq order, and one that stops watching mid-fan-out is not told', async () => {
  const store = source();
  const feed = fanOut(store, 2);
  const seen = new Map<number, number[]>();
  const stops = [0, 1, 2, 3].map((i) => feed.watch((events) => seen.set(i, [...(seen.get(i) ?? []), ...events.map((event) => event.seq)])));
  store.commit();
  store.commit();
  stops[3]!();
  await nextTurn();
  await nextTurn();
  await nextTurn();
  expect(Object.fromEntries(seen)).toEqual({ 0: [1, 2], 1: [1, 2], 2: [1, 2] });
  expect(store.version).toBe(2);
  expect(feed.version).toBe(2);
});
