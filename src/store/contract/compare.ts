/** The one order of strings and sort keys every store uses, and cursors over lists in hand: UTF-16 code units, stable across platforms and locales. */
import type { SortKey } from './store';

/** Compares strings by UTF-16 code units (stable across platforms and locales). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares sort keys element by element, by UTF-16 code units (stable across platforms and locales). */
export function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
