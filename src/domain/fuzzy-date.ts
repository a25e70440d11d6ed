/**
 * Reasoning over fuzzy dates: a date known only as a range of days, either bound of
 * which may be unknown (null). All days are `YYYY-MM-DD` strings.
 */
import type { FuzzyDateRecord, TenureRecord } from '../store/contract/records';

/**
 * True when the fuzzy date may fall within `[from, to]` (either end open when null):
 * its range of possible days overlaps the window. A date with an unknown bound is
 * unbounded on that side.
 */
export function overlaps(date: FuzzyDateRecord, from: string | null, to: string | null): boolean {
  if (from !== null && date.latest !== null && date.latest < from) return false;
  if (to !== null && date.earliest !== null && date.earliest > to) return false;
  return true;
}

/**
 * Orders tenures from the most recent: open tenures first, then by the latest day the
 * start may fall on. Used to find an office's latest known holder.
 */
export function compareTenuresByRecency(a: TenureRecord, b: TenureRecord): number {
  if ((a.end === null) !== (b.end === null)) return a.end === null ? -1 : 1;
  const startA = a.start?.latest ?? a.start?.earliest ?? '';
  const startB = b.start?.latest ?? b.start?.earliest ?? '';
  if (startA !== startB) return startA < startB ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** A sort key that places fuzzy dates in time: by the earliest possible day, then the latest. */
export function chronologicalKey(date: FuzzyDateRecord): [string, string] {
  return [date.earliest ?? date.latest ?? '', date.latest ?? date.earliest ?? ''];
}
