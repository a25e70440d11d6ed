/**
 * Cooperative time slices for work that runs in microtasks alone. A loop whose every step
 * resolves at once (a subscriber pulling events already queued, each executed and sent to a
 * socket that takes every send) never lets the event loop reach I/O: /health, other
 * requests, a socket's close and SIGTERM all wait until it ends. Such a loop asks
 * `pauseIfSliceSpent()` before each step; once the current slice (shared by every loop in
 * the process) has run for SLICE_MS, the loops wait for a later turn of the event loop,
 * after pending I/O, and a new slice begins.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** How long microtask work may hold the event loop before it pauses for I/O. */
export const SLICE_MS = 10;

let sliceStart = performance.now();
let pause: Promise<void> | null = null;

/** Null while the current slice has time left; else a promise that settles on a later turn of the event loop, which starts a new slice. */
export function pauseIfSliceSpent(): Promise<void> | null {
  if (pause !== null) return pause;
  if (performance.now() - sliceStart < SLICE_MS) return null;
  pause = nextTurn().then(() => {
    pause = null;
    sliceStart = performance.now();
  });
  return pause;
}
