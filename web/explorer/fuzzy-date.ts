/**
 * Fuzzy dates as day numbers (days since 1970-01-01, UTC) for drawing: a date is a span
 * from its earliest to its latest possible day, either bound possibly unknown.
 */

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The bounds of a fuzzy date, inclusive; null where the source leaves the bound open. */
export interface DaySpan {
  start: number | null;
  end: number | null;
}

/** The day number of an ISO date (`2023-02-21`). */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The span of a FuzzyDate's `earliest` and `latest`. */
export function daySpan(date: { earliest: string | null; latest: string | null }): DaySpan {
  return { start: date.earliest === null ? null : dayNumber(date.earliest), end: date.latest === null ? null : dayNumber(date.latest) };
}

/** "21 Feb 2023". */
export function formatDay(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The smallest and largest known bound of `spans`, padded; a month around today when none is known. */
export function spanDomain(spans: DaySpan[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    for (const day of [span.start, span.end]) {
      if (day === null) continue;
      start = Math.min(start, day);
      end = Math.max(end, day + 1);
    }
  }
  if (start === Infinity) {
    const today = Math.floor(Date.now() / DAY_MS);
    return { start: today - 30, end: today + 30 };
  }
  // Room on both sides, so an open bound has somewhere to fade and a one-day span is not at the edge.
  const pad = Math.max(10, Math.round((end - start) * 0.06));
  return { start: start - pad, end: end + pad };
}

/** Axis ticks at month, quarter or year starts inside [start, end), at most about `maxTicks` of them. */
export function dateTicks(start: number, end: number, maxTicks: number): { day: number; label: string }[] {
  const first = new Date(start * DAY_MS);
  const months = ((end - start) / 30.44) || 1;
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((candidate) => months / candidate <= maxTicks) ?? 240;
  const ticks: { day: number; label: string }[] = [];
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() + 1;
  if (step >= 12) {
    year = Math.ceil((year + (month > 1 ? 1 : 0)) / (step / 12)) * (step / 12);
    month = 0;
  } else {
    month = Math.ceil(month / step) * step;
  }
  for (;;) {
    const day = Math.floor(Date.UTC(year, month, 1) / DAY_MS);
    if (day >= end) break;
    const date = new Date(day * DAY_MS);
    if (day > start) ticks.push({ day, label: step >= 12 ? `${date.getUTCFullYear()}` : `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` });
    month += step;
  }
  return ticks;
}
