/**
 * Days as integers (days since 1970-01-01) for fast arithmetic, and the fuzzy dates the
 * corpus states: a true day (or span) blurred to the precision a source would give, with
 * the label and the sentence opener that say it.
 */
import type { DatePrecision } from '../../src/domain/vocabularies';
import type { FuzzyDateRecord } from '../../src/store/contract/records';
import type { Rng } from './random';

const MS_PER_DAY = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day number of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The first and last day meetings may fall on: 1996-01-01 and 2026-12-31. */
export const FIRST_DAY = dayOf(1996, 1, 1);
export const LAST_DAY = dayOf(2026, 12, 31);

interface DayParts {
  year: number;
  month: number;
  day: number;
  iso: string;
}

const partsCache = new Map<number, DayParts>();

/** Year, month, day and `YYYY-MM-DD` of a day number (memoized: the corpus reuses few thousand days). */
export function partsOf(dayNumber: number): DayParts {
  let parts = partsCache.get(dayNumber);
  if (!parts) {
    const date = new Date(dayNumber * MS_PER_DAY);
    parts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), iso: date.toISOString().slice(0, 10) };
    partsCache.set(dayNumber, parts);
  }
  return parts;
}

/** `YYYY-MM-DD` of a day number. */
export function isoOf(dayNumber: number): string {
  return partsOf(dayNumber).iso;
}

/** "12 March 2004". */
export function longDate(dayNumber: number): string {
  const { year, month, day } = partsOf(dayNumber);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "March 12, 2004", as a news article's date line reads. */
export function usDate(dayNumber: number): string {
  const { year, month, day } = partsOf(dayNumber);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

function monthName(dayNumber: number): string {
  const { year, month } = partsOf(dayNumber);
  return `${MONTHS[month - 1]} ${year}`;
}

function rangeLabel(first: number, last: number): string {
  const a = partsOf(first);
  const b = partsOf(last);
  if (a.year !== b.year) return `${longDate(first)}-${longDate(last)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]}-${longDate(last)}`;
  return `${a.day}-${longDate(last)}`;
}

/** A fuzzy date as a record, and how a sentence opens with it ("On 12 March 2004"). */
export interface StatedDate {
  record: FuzzyDateRecord;
  phrase: string;
}

const OPENERS: Record<DatePrecision, string> = {
  DAY: 'On',
  DAY_RANGE: 'On',
  PART_OF_MONTH: 'In',
  MONTH: 'In',
  YEAR: 'In',
  ON_OR_BEFORE: '',
  ON_OR_AFTER: '',
  UNKNOWN: '',
};

/**
 * The day `first` (or the span `first`..`last`, for DAY_RANGE) as a source states it at
 * `precision`. Open bounds (ON_OR_BEFORE, ON_OR_AFTER) move at most two weeks away from
 * the true day and stay within [min, max].
 */
export function stateDate(precision: DatePrecision, first: number, last: number, rng: Rng, min = FIRST_DAY, max = LAST_DAY): StatedDate {
  let earliest: number | null = first;
  let latest: number | null = first;
  let label: string;
  const { year, month, day } = partsOf(first);
  switch (precision) {
    case 'DAY':
      label = longDate(first);
      break;
    case 'DAY_RANGE':
      latest = Math.max(last, first + 1);
      label = rangeLabel(first, latest);
      break;
    case 'PART_OF_MONTH': {
      const monthEnd = dayOf(year, month + 1, 1) - 1;
      const [part, from, to] = day <= 10 ? ['early', 1, 10] : day <= 20 ? ['mid', 11, 20] : ['late', 21, partsOf(monthEnd).day];
      earliest = dayOf(year, month, from);
      latest = dayOf(year, month, to);
      label = `${part} ${monthName(first)}`;
      break;
    }
    case 'MONTH':
      earliest = dayOf(year, month, 1);
      latest = dayOf(year, month + 1, 1) - 1;
      label = monthName(first);
      break;
    case 'YEAR':
      earliest = dayOf(year, 1, 1);
      latest = dayOf(year, 12, 31);
      label = String(year);
      break;
    case 'ON_OR_BEFORE':
      earliest = null;
      latest = Math.min(first + rng.int(0, 14), max);
      label = `on or before ${longDate(latest)}`;
      break;
    case 'ON_OR_AFTER':
      earliest = Math.max(first - rng.int(0, 14), min);
      latest = null;
      label = `on or after ${longDate(earliest)}`;
      break;
    case 'UNKNOWN':
      earliest = null;
      latest = null;
      label = 'date unknown';
      break;
  }
  const record: FuzzyDateRecord = {
    label,
    earliest: earliest === null ? null : isoOf(Math.max(earliest, min)),
    latest: latest === null ? null : isoOf(Math.min(latest, max)),
    precision,
  };
  const opener = OPENERS[precision];
  const phrase = precision === 'UNKNOWN' ? 'At an undisclosed date' : opener ? `${opener} ${label}` : capitalize(label);
  return { record, phrase };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
