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
 * True when the sources attest that the tenure was held on `day`: it had certainly
 * begun (its start's latest bound is on or before the day) and had not certainly or
 * possibly ended before it (no end, or the end's earliest bound is on or after the day).
 * A tenure whose start is unknown is never attested.
 */
export function tenureCovers(tenure: Pick<TenureRecord, 'start' | 'end'>, day: string): boolean {
  const begun = tenure.start?.latest ?? null;
  if (begun === null || begun > day) return false;
  if (tenure.end === null) return true;
  return tenure.end.earliest !== null && tenure.end.earliest >= day;
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
