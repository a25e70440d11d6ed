/**
 * The keys of one meeting in one dimension of `meetingStats` (meeting-stats.ts), each
 * with its weight, and what a key id stands for. Counting reads every matching meeting of
 * a request (100,000 and more), so a meeting's keys go into a reused buffer and whatever
 * can be worked out once is: a date's month or year, a date range's split, a topic's
 * ancestors, a country pair's id. Counting then allocates next to nothing per meeting.
 */
import { daysInMonth } from './calendar-date';
import type { DateCounting, MeetingStatsDimension } from './vocabularies';
import type { CountryRecord, MeetingRecord, TopicRecord } from '../store/contract/records';

/** What counting reads of a meeting. */
export type CountedMeeting = Pick<MeetingRecord, 'kind' | 'date' | 'countries' | 'topics' | 'partOf' | 'coding'>;

/** The reference records keys are named by: countries for COUNTRY and COUNTRY_PAIR, topics (with their tree) for TOPIC. */
export interface StatsReference {
  countries: ReadonlyMap<string, Pick<CountryRecord, 'name' | 'isoCode'>>;
  topics: ReadonlyMap<string, Pick<TopicRecord, 'name' | 'parent'>>;
}

/** One key of a group in one dimension. */
export interface StatsKey {
  dimension: MeetingStatsDimension;
  /** The key ("2023-02", "KZ-US", "regional-security", "VISIT"); null for the dimension's "unknown" key. */
  value: string | null;
  /** The key in words ("February 2023", "Kazakhstan – United States"). */
  label: string;
  /** The record the key stands for (a country, a topic), or null. */
  entity: { type: 'Country' | 'Topic'; slug: string } | null;
}

/** The id of the null key ("unknown" in a dimension): no other id is empty. */
export const NO_KEY = '';

/** One meeting's key ids in one dimension and their weights, refilled for each meeting. */
export class KeyBuffer {
  readonly ids: string[] = [];
  readonly weights: number[] = [];
  length = 0;

  push(id: string, weight: number): void {
    this.ids[this.length] = id;
    this.weights[this.length] = weight;
    this.length++;
  }

  /** Adds `id` with weight 1 unless it is there already. */
  pushOnce(id: string): void {
    for (let i = 0; i < this.length; i++) if (this.ids[i] === id) return;
    this.push(id, 1);
  }
}

/** A date range's shares: the months (or years) it spans and the part of its days in each. */
interface Split {
  ids: string[];
  weights: number[];
}

/** Makes the keys of meetings in each dimension, and describes a key id; one per count. */
export class Keyer {
  /** "YYYY-MM" or "YYYY" of each day seen, by prefix length. */
  private readonly prefixes = { 4: new Map<string, string>(), 7: new Map<string, string>() };
  /** Split date ranges by prefix length, earliest day and latest day. */
  private readonly splits = { 4: new Map<string, Map<string, Split>>(), 7: new Map<string, Map<string, Split>>() };
  /** Each topic with every topic above it, by slug. */
  private readonly rolledUp = new Map<string, readonly string[]>();
  /** Pair ids by the two country slugs, in either order. */
  private readonly pairIds = new Map<string, Map<string, string>>();
  /** The distinct countries of the meeting at hand, for its pairs. */
  private readonly countries = new KeyBuffer();

  constructor(
    private readonly reference: StatsReference,
    private readonly dateCounting: DateCounting,
  ) {}

  /** The function that puts a meeting's keys in `dimension` into a buffer. */
  keysOf(dimension: MeetingStatsDimension): (meeting: CountedMeeting, into: KeyBuffer) => void {
    switch (dimension) {
      case 'MONTH':
        return (meeting, into) => this.dateKeys(meeting.date, 7, into);
      case 'YEAR':
        return (meeting, into) => this.dateKeys(meeting.date, 4, into);
      case 'KIND':
        return (meeting, into) => into.push(meeting.kind, 1);
      case 'PLOVER_CATEGORY':
        return (meeting, into) => into.push(meeting.coding.ploverCategory, 1);
      case 'COUNTRY':
        return (meeting, into) => {
          for (const country of meeting.countries) into.pushOnce(country);
          if (into.length === 0) into.push(NO_KEY, 1);
        };
      case 'COUNTRY_PAIR':
        return (meeting, into) => this.pairKeys(meeting.countries, into);
      case 'TOPIC':
        return (meeting, into) => {
          for (const { topic } of meeting.topics) for (const slug of this.rollUp(topic)) into.pushOnce(slug);
          if (into.length === 0) into.push(NO_KEY, 1);
        };
    }
  }

  /** The months (`length` 7) or years (4) of a date, as CERTAIN or SPLIT counts them. */
  private dateKeys({ earliest, latest }: CountedMeeting['date'], length: 4 | 7, into: KeyBuffer): void {
    if (earliest === null || latest === null || latest < earliest) return into.push(NO_KEY, 1);
    const first = this.prefix(earliest, length);
    if (first === this.prefix(latest, length)) return into.push(first, 1);
    if (this.dateCounting === 'CERTAIN') return into.push(NO_KEY, 1);
    const byLatest = this.splits[length].get(earliest) ?? this.splits[length].set(earliest, new Map()).get(earliest)!;
    let split = byLatest.get(latest);
    if (!split) byLatest.set(latest, (split = splitDays(earliest, latest, length)));
    for (let i = 0; i < split.ids.length; i++) into.push(split.ids[i]!, split.weights[i]!);
  }

  private prefix(day: string, length: 4 | 7): string {
    const known = this.prefixes[length].get(day);
    if (known !== undefined) return known;
    const prefix = day.slice(0, length);
    this.prefixes[length].set(day, prefix);
    return prefix;
  }

  /** Every unordered pair of the distinct countries, or the null key for fewer than two. */
  private pairKeys(countries: readonly string[], into: KeyBuffer): void {
    const distinct = this.countries;
    distinct.length = 0;
    for (const country of countries) distinct.pushOnce(country);
    if (distinct.length < 2) return into.push(NO_KEY, 1);
    for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) into.push(this.pairId(distinct.ids[i]!, distinct.ids[j]!), 1);
  }

  /** "a b" for the slugs of two countries, the one with the smaller ISO code first. */
  private pairId(a: string, b: string): string {
    const byB = this.pairIds.get(a) ?? this.pairIds.set(a, new Map()).get(a)!;
    let id = byB.get(b);
    if (id === undefined) {
      id = this.isoCode(a) <= this.isoCode(b) ? `${a} ${b}` : `${b} ${a}`;
      byB.set(b, id);
    }
    return id;
  }

  private rollUp(slug: string): readonly string[] {
    let chain = this.rolledUp.get(slug);
    if (!chain) {
      const seen: string[] = [];
      // A cycle cannot be written (the store checks parents), but a loop here would never end.
      for (let at: string | null | undefined = slug; at != null && !seen.includes(at); at = this.reference.topics.get(at)?.parent) seen.push(at);
      this.rolledUp.set(slug, (chain = seen));
    }
    return chain;
  }

  private isoCode(slug: string): string {
    return this.reference.countries.get(slug)?.isoCode ?? slug;
  }

  /** The key a key id stands for in `dimension`. */
  describe(dimension: MeetingStatsDimension, id: string): StatsKey {
    if (id === NO_KEY) return { dimension, value: null, label: this.noKeyLabel(dimension), entity: null };
    switch (dimension) {
      case 'MONTH':
        return { dimension, value: id, label: `${MONTH_NAMES[Number(id.slice(5, 7)) - 1]} ${id.slice(0, 4)}`, entity: null };
      case 'YEAR':
        return { dimension, value: id, label: id, entity: null };
      case 'KIND':
      case 'PLOVER_CATEGORY':
        return { dimension, value: id, label: id.toLowerCase().replace(/_/g, ' '), entity: null };
      case 'COUNTRY':
        return { dimension, value: this.isoCode(id), label: this.reference.countries.get(id)?.name ?? id, entity: { type: 'Country', slug: id } };
      case 'COUNTRY_PAIR': {
        const [a, b] = id.split(' ') as [string, string];
        const name = (slug: string) => this.reference.countries.get(slug)?.name ?? slug;
        return { dimension, value: `${this.isoCode(a)}-${this.isoCode(b)}`, label: `${name(a)} – ${name(b)}`, entity: null };
      }
      case 'TOPIC':
        return { dimension, value: id, label: this.reference.topics.get(id)?.name ?? id, entity: { type: 'Topic', slug: id } };
    }
  }

  private noKeyLabel(dimension: MeetingStatsDimension): string {
    switch (dimension) {
      case 'MONTH':
      case 'YEAR':
        return this.dateCounting === 'CERTAIN' ? 'uncertain' : 'unbounded';
      case 'COUNTRY_PAIR':
        return 'no pair';
      case 'TOPIC':
        return 'no topic';
      default:
        return 'unknown';
    }
  }
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The share of the days of [earliest, latest] in each month (`length` 7) or year (4) it spans. */
function splitDays(earliest: string, latest: string, length: 4 | 7): Split {
  const days = daysByMonth(earliest, latest);
  let total = 0;
  for (const count of days.values()) total += count;
  const shares = new Map<string, number>();
  for (const [month, count] of days) {
    const id = month.slice(0, length);
    shares.set(id, (shares.get(id) ?? 0) + count / total);
  }
  return { ids: [...shares.keys()], weights: [...shares.values()] };
}

/** The days of [earliest, latest] in each month it spans ("YYYY-MM" → days), in order. */
export function daysByMonth(earliest: string, latest: string): Map<string, number> {
  const [startYear, startMonth, startDay] = earliest.split('-').map(Number) as [number, number, number];
  const [endYear, endMonth, endDay] = latest.split('-').map(Number) as [number, number, number];
  const days = new Map<string, number>();
  for (let year = startYear, month = startMonth; year < endYear || (year === endYear && month <= endMonth); month === 12 ? (year++, (month = 1)) : month++) {
    const from = year === startYear && month === startMonth ? startDay : 1;
    const to = year === endYear && month === endMonth ? endDay : daysInMonth(year, month);
    days.set(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`, to - from + 1);
  }
  return days;
}
