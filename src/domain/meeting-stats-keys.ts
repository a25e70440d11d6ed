/**
 * The keys of one meeting in one dimension of `meetingStats` (meeting-stats.ts), each
 * with its weight, and what a key id stands for. Counting reads every matching meeting of
 * a request (100,000 and more), so a meeting's keys go into a reused buffer as small
 * numbers (codes, dense from 0 in each dimension, so that counts live in arrays, not in
 * maps keyed by strings), and whatever can be worked out once is: a date's month or year,
 * a date range's split, a topic's ancestors, a country pair's code. Counting then
 * allocates next to nothing per meeting.
 */
import { daysInMonth } from './calendar-date';
import type { DateCounting, MeetingStatsDimension } from './vocabularies';
import type { CountryRecord, TopicRecord } from '../store/contract/records';
import type { MeetingSummary, SummaryPart } from '../store/contract/store';

/** What counting reads of a meeting: its summary (a record is one too). */
export type CountedMeeting = MeetingSummary;

/** The parts of a meeting's summary that its role (kind and partOf) and its keys in `groupBy` read: what counting asks the store for. */
export function countedParts(groupBy: readonly MeetingStatsDimension[]): SummaryPart[] {
  const parts = new Set<SummaryPart>(['kind', 'partOf']);
  for (const dimension of groupBy) parts.add(PART_OF_DIMENSION[dimension]);
  return [...parts];
}

/** The part of a summary each dimension's keys are made of (Keyer.keysOf). */
const PART_OF_DIMENSION: Record<MeetingStatsDimension, SummaryPart> = {
  MONTH: 'date',
  YEAR: 'date',
  KIND: 'kind',
  PLOVER_CATEGORY: 'coding',
  COUNTRY: 'countries',
  COUNTRY_PAIR: 'countries',
  TOPIC: 'topics',
};

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

/**
 * One meeting's keys in one dimension, as codes (see `Keyer.id`), and their weights,
 * refilled for each meeting.
 */
export class KeyBuffer {
  readonly codes: number[] = [];
  readonly weights: number[] = [];
  length = 0;

  push(code: number, weight: number): void {
    this.codes[this.length] = code;
    this.weights[this.length] = weight;
    this.length++;
  }

  /** Adds `code` with weight 1 unless it is there already. */
  pushOnce(code: number): void {
    for (let i = 0; i < this.length; i++) if (this.codes[i] === code) return;
    this.push(code, 1);
  }
}

/** A date range's shares: the codes of the months (or years) it spans and the part of its days in each. */
interface Split {
  codes: number[];
  weights: number[];
}

/** Key ids numbered densely from 0 in order of first use, so that counts can live in arrays. */
class Codebook {
  readonly ids: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(id: string): number {
    let code = this.codes.get(id);
    if (code === undefined) {
      code = this.ids.length;
      this.ids.push(id);
      this.codes.set(id, code);
    }
    return code;
  }
}

/**
 * Makes the keys of meetings in each dimension, as codes numbered from 0 per dimension,
 * and describes a key; one per count.
 */
export class Keyer {
  private readonly books = new Map<MeetingStatsDimension, Codebook>();
  /** The code of the month or year of each day seen, by dimension. */
  private readonly dayCodes = new Map<MeetingStatsDimension, Map<string, number>>();
  /** Split date ranges by dimension, earliest day and latest day. */
  private readonly splits = new Map<MeetingStatsDimension, Map<string, Map<string, Split>>>();
  /** Each topic's code with the codes of every topic above it, by slug. */
  private readonly rolledUp = new Map<string, readonly number[]>();
  /** A number for each country seen, for pair codes. */
  private readonly countryNumbers = new Map<string, number>();
  /** Pair codes by the numbers of the two countries, the smaller first. */
  private readonly pairCodes: number[][] = [];
  /** The distinct countries (as their numbers) of the meeting at hand, for its pairs. */
  private readonly countries = new KeyBuffer();
  private readonly countrySlugs: string[] = [];

  constructor(
    private readonly reference: StatsReference,
    private readonly dateCounting: DateCounting,
  ) {}

  /** The function that puts a meeting's keys in `dimension` into a buffer. */
  keysOf(dimension: MeetingStatsDimension): (meeting: CountedMeeting, into: KeyBuffer) => void {
    const book = this.book(dimension);
    switch (dimension) {
      case 'MONTH':
        return (meeting, into) => this.dateKeys(meeting.date, dimension, 7, into);
      case 'YEAR':
        return (meeting, into) => this.dateKeys(meeting.date, dimension, 4, into);
      case 'KIND':
        return (meeting, into) => into.push(book.codeOf(meeting.kind), 1);
      case 'PLOVER_CATEGORY':
        return (meeting, into) => into.push(book.codeOf(meeting.coding.ploverCategory), 1);
      case 'COUNTRY':
        return (meeting, into) => {
          for (const country of meeting.countries) into.pushOnce(book.codeOf(country));
          if (into.length === 0) into.push(book.codeOf(NO_KEY), 1);
        };
      case 'COUNTRY_PAIR':
        return (meeting, into) => this.pairKeys(meeting.countries, book, into);
      case 'TOPIC':
        return (meeting, into) => {
          for (const { topic } of meeting.topics) {
            const chain = this.rollUp(topic, book);
            for (let i = 0; i < chain.length; i++) into.pushOnce(chain[i]!);
          }
          if (into.length === 0) into.push(book.codeOf(NO_KEY), 1);
        };
    }
  }

  /** The key id ("2023-02", "kazakhstan united-states", a topic's slug; NO_KEY for the null key) of a code of `dimension`. */
  id(dimension: MeetingStatsDimension, code: number): string {
    return this.book(dimension).ids[code]!;
  }

  private book(dimension: MeetingStatsDimension): Codebook {
    let book = this.books.get(dimension);
    if (!book) this.books.set(dimension, (book = new Codebook()));
    return book;
  }

  /** The months (`length` 7) or years (4) of a date, as CERTAIN or SPLIT counts them. */
  private dateKeys({ earliest, latest }: CountedMeeting['date'], dimension: MeetingStatsDimension, length: 4 | 7, into: KeyBuffer): void {
    const book = this.book(dimension);
    if (earliest === null || latest === null || latest < earliest) return into.push(book.codeOf(NO_KEY), 1);
    const first = this.dayCode(earliest, dimension, length);
    if (first === this.dayCode(latest, dimension, length)) return into.push(first, 1);
    if (this.dateCounting === 'CERTAIN') return into.push(book.codeOf(NO_KEY), 1);
    const byEarliest = this.splits.get(dimension) ?? this.splits.set(dimension, new Map()).get(dimension)!;
    const byLatest = byEarliest.get(earliest) ?? byEarliest.set(earliest, new Map()).get(earliest)!;
    let split = byLatest.get(latest);
    if (!split) {
      const { ids, weights } = splitDays(earliest, latest, length);
      byLatest.set(latest, (split = { codes: ids.map((id) => book.codeOf(id)), weights }));
    }
    for (let i = 0; i < split.codes.length; i++) into.push(split.codes[i]!, split.weights[i]!);
  }

  private dayCode(day: string, dimension: MeetingStatsDimension, length: 4 | 7): number {
    const codes = this.dayCodes.get(dimension) ?? this.dayCodes.set(dimension, new Map()).get(dimension)!;
    let code = codes.get(day);
    if (code === undefined) codes.set(day, (code = this.book(dimension).codeOf(day.slice(0, length))));
    return code;
  }

  /** Every unordered pair of the distinct countries, or the null key for fewer than two. */
  private pairKeys(countries: readonly string[], book: Codebook, into: KeyBuffer): void {
    const distinct = this.countries;
    distinct.length = 0;
    for (const country of countries) distinct.pushOnce(this.countryNumber(country));
    if (distinct.length < 2) return into.push(book.codeOf(NO_KEY), 1);
    for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) into.push(this.pairCode(distinct.codes[i]!, distinct.codes[j]!, book), 1);
  }

  private countryNumber(slug: string): number {
    let number = this.countryNumbers.get(slug);
    if (number === undefined) {
      this.countryNumbers.set(slug, (number = this.countrySlugs.length));
      this.countrySlugs.push(slug);
    }
    return number;
  }

  /** The code of the pair of two countries (by number), whose id is "a b" with the smaller ISO code first. */
  private pairCode(x: number, y: number, book: Codebook): number {
    const byLarger = (this.pairCodes[Math.min(x, y)] ??= []);
    let code = byLarger[Math.max(x, y)];
    if (code === undefined) {
      const a = this.countrySlugs[x]!;
      const b = this.countrySlugs[y]!;
      byLarger[Math.max(x, y)] = code = book.codeOf(this.isoCode(a) <= this.isoCode(b) ? `${a} ${b}` : `${b} ${a}`);
    }
    return code;
  }

  private rollUp(slug: string, book: Codebook): readonly number[] {
    let chain = this.rolledUp.get(slug);
    if (!chain) {
      const seen: string[] = [];
      // A cycle cannot be written (the store checks parents), but a loop here would never end.
      for (let at: string | null | undefined = slug; at != null && !seen.includes(at); at = this.reference.topics.get(at)?.parent) seen.push(at);
      this.rolledUp.set(slug, (chain = seen.map((id) => book.codeOf(id))));
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
function splitDays(earliest: string, latest: string, length: 4 | 7): { ids: string[]; weights: number[] } {
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
