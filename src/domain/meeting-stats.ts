/**
 * Counts of meetings grouped by month, year, kind, country, country pair, topic (rolled up
 * through the topic tree) and PLOVER category, one dimension or several crossed: what
 * `meetingStats` answers (src/schema/meeting-stats) for the meetings the store found for
 * its filter. Pure: the meetings and the reference records come in, the groups go out.
 * docs/counts.md states the rules for users; the descriptions below are the schema's.
 */
import { daysInMonth } from './calendar-date';
import type { CountryRecord, MeetingRecord, TopicRecord } from '../store/contract/records';

/** What meetings can be grouped by. */
export const MEETING_STATS_DIMENSION_DESCRIPTIONS = {
  MONTH: 'The calendar month of the meeting\'s date, e.g. "2023-02" ("February 2023"); how a date that is not one known day counts is `dateCounting`\'s choice.',
  YEAR: 'The calendar year of the meeting\'s date, e.g. "2023"; how a date that is not one known day counts is `dateCounting`\'s choice.',
  KIND: 'The kind of meeting, e.g. "VISIT".',
  COUNTRY: 'Each country of the meeting, by ISO 3166-1 alpha-2 code (e.g. "KZ"): a meeting counts once under each of its countries.',
  COUNTRY_PAIR:
    'Each unordered pair of the meeting\'s countries: the two ISO 3166-1 alpha-2 codes in alphabetical order joined by "-" (e.g. "KZ-US"). A meeting of n countries counts once under each of its n(n-1)/2 pairs; one of a single country under the null key ("no pair").',
  TOPIC:
    'Each topic discussed, rolled up through the topic tree: a meeting about "regional-security" counts under "regional-security" and under "security", once per topic however many of its topics lie below it. A meeting with no topic counts under the null key ("no topic").',
  PLOVER_CATEGORY: 'The PLOVER event category of the meeting\'s event coding, e.g. "CONSULT".',
} as const;
export type MeetingStatsDimension = keyof typeof MEETING_STATS_DIMENSION_DESCRIPTIONS;
export const MEETING_STATS_DIMENSIONS = Object.keys(MEETING_STATS_DIMENSION_DESCRIPTIONS) as MeetingStatsDimension[];

/** How a fuzzy date counts in a month or a year. */
export const DATE_COUNTING_DESCRIPTIONS = {
  CERTAIN:
    'A meeting counts in a month (a year) only when its earliest and latest possible days both fall in it; any other date (spanning months, or with an unknown bound) counts whole under the null key ("uncertain"). Counts are whole numbers.',
  SPLIT:
    "A meeting's count of 1 is divided over the months (years) its days from earliest to latest span, in proportion to the days in each: \"between 21 February and 30 April 2023\" counts 8/69 in February, 31/69 in March and 30/69 in April. A date with an unknown bound counts whole under the null key (\"unbounded\"). Counts may be fractions.",
} as const;
export type DateCounting = keyof typeof DATE_COUNTING_DESCRIPTIONS;

/**
 * Which of three exclusive kinds a meeting is, so that a visit and the meetings held
 * during it are never added up by accident: a part of a larger event (`partOf` set: a
 * meeting during a visit, a side meeting of a conference), else a visit (kind VISIT), else
 * another meeting. Visits plus others are the events that are not part of another.
 */
export type MeetingStatsRole = 'VISIT' | 'PART' | 'OTHER';

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

/** The meetings under one combination of keys: how many, and how many of each role. */
export interface StatsGroup {
  keys: StatsKey[];
  count: number;
  visits: number;
  parts: number;
  others: number;
}

/** The counts of one set of meetings. */
export interface MeetingStatsResult {
  total: number;
  visits: number;
  parts: number;
  others: number;
  groups: StatsGroup[];
}

/** At most this many dimensions are crossed at once. */
export const MAX_STATS_DIMENSIONS = 3;
/** At most this many groups are answered: more is a question to narrow (filter, fewer dimensions). */
export const MAX_STATS_GROUPS = 10_000;

/** A grouping that cannot be answered, with the argument at fault. */
export class StatsRequestError extends Error {
  constructor(
    message: string,
    readonly argument: 'groupBy',
  ) {
    super(message);
    this.name = 'StatsRequestError';
  }
}

/** The role of a meeting (see MeetingStatsRole). */
export function meetingRole(meeting: Pick<MeetingRecord, 'kind' | 'partOf'>): MeetingStatsRole {
  if (meeting.partOf !== null) return 'PART';
  return meeting.kind === 'VISIT' ? 'VISIT' : 'OTHER';
}

/** Checks a grouping before any counting: at most MAX_STATS_DIMENSIONS, none twice, not MONTH with YEAR. */
export function checkGroupBy(groupBy: readonly MeetingStatsDimension[]): void {
  if (groupBy.length > MAX_STATS_DIMENSIONS) throw new StatsRequestError(`"groupBy" crosses at most ${MAX_STATS_DIMENSIONS} dimensions; got ${groupBy.length}.`, 'groupBy');
  const repeated = groupBy.find((dimension, i) => groupBy.indexOf(dimension) !== i);
  if (repeated) throw new StatsRequestError(`"groupBy" names ${repeated} twice.`, 'groupBy');
  // A month is in one year: crossing them would only repeat MONTH (and, split, weigh a year by a month's share twice).
  if (groupBy.includes('MONTH') && groupBy.includes('YEAR')) throw new StatsRequestError('"groupBy" takes MONTH or YEAR, not both: a month names its year.', 'groupBy');
}

/** The key ids of one meeting in one dimension, each with its weight (never none: NO_KEY is the null key). */
type Weighted = readonly (readonly [id: string, weight: number])[];

/** The null key's id: no other id is empty. */
const NO_KEY = '';
/** Joins the ids of a group's keys: ids hold no newline. */
const SEPARATOR = '\n';

/**
 * Counts `meetings` grouped by the crossed dimensions `groupBy` (checked with
 * `checkGroupBy`), a fuzzy date counting as `dateCounting` says. Groups come ordered key by
 * key: a date key ascending, any other by its count in that dimension alone descending,
 * then by label; the null key last. Counts are rounded to six decimals. Throws
 * StatsRequestError for a bad grouping or more than MAX_STATS_GROUPS groups.
 */
export function meetingStats(meetings: Iterable<CountedMeeting>, groupBy: readonly MeetingStatsDimension[], dateCounting: DateCounting, reference: StatsReference): MeetingStatsResult {
  checkGroupBy(groupBy);
  const keyer = new Keyer(reference, dateCounting);
  const keysOf = groupBy.map((dimension) => keyer.keysOf(dimension));
  const groups = new Map<string, Tally>();
  /** Per dimension, each key's count in that dimension alone: what orders the keys. */
  const marginals = groupBy.map(() => new Map<string, number>());
  const totals = new Tally();
  const cursor = groupBy.map(() => 0);

  for (const meeting of meetings) {
    const role = meetingRole(meeting);
    totals.add(role, 1);
    const weighted = keysOf.map((keys) => keys(meeting));
    for (let d = 0; d < weighted.length; d++) {
      for (const [id, weight] of weighted[d]!) marginals[d]!.set(id, (marginals[d]!.get(id) ?? 0) + weight);
    }
    // Every combination of one key per dimension (an odometer over the key lists).
    cursor.fill(0);
    for (;;) {
      let id = '';
      let weight = 1;
      for (let d = 0; d < weighted.length; d++) {
        const [keyId, keyWeight] = weighted[d]![cursor[d]!]!;
        id = d === 0 ? keyId : id + SEPARATOR + keyId;
        weight *= keyWeight;
      }
      let tally = groups.get(id);
      if (!tally) {
        if (groups.size === MAX_STATS_GROUPS) {
          throw new StatsRequestError(`This grouping gives more than ${MAX_STATS_GROUPS} groups: narrow the filter or group by fewer dimensions.`, 'groupBy');
        }
        groups.set(id, (tally = new Tally()));
      }
      tally.add(role, weight);
      let d = weighted.length - 1;
      while (d >= 0 && ++cursor[d]! === weighted[d]!.length) cursor[d--] = 0;
      if (d < 0) break;
    }
  }

  const entries = [...groups].map(([id, tally]) => ({ ids: groupBy.length === 0 ? [] : id.split(SEPARATOR), tally }));
  const labels = groupBy.map(() => new Map<string, string>());
  const labelOf = (d: number, id: string) => labels[d]!.get(id) ?? labels[d]!.set(id, keyer.describe(groupBy[d]!, id).label).get(id)!;
  entries.sort((a, b) => {
    for (let d = 0; d < groupBy.length; d++) {
      const x = a.ids[d]!;
      const y = b.ids[d]!;
      if (x === y) continue;
      if (x === NO_KEY || y === NO_KEY) return x === NO_KEY ? 1 : -1;
      if (isDateDimension(groupBy[d]!)) return x < y ? -1 : 1;
      // Rounded like the counts, so that sums made in another order (another store's) rank alike.
      const byCount = round(marginals[d]!.get(y)!) - round(marginals[d]!.get(x)!);
      if (byCount !== 0) return byCount;
      return compareText(labelOf(d, x), labelOf(d, y)) || compareText(x, y);
    }
    return 0;
  });
  return {
    total: totals.visits + totals.parts + totals.others,
    visits: totals.visits,
    parts: totals.parts,
    others: totals.others,
    groups: entries.map(({ ids, tally }) => ({
      keys: ids.map((id, d) => keyer.describe(groupBy[d]!, id)),
      count: round(tally.visits + tally.parts + tally.others),
      visits: round(tally.visits),
      parts: round(tally.parts),
      others: round(tally.others),
    })),
  };
}

/** Sums of weights by role. */
class Tally {
  visits = 0;
  parts = 0;
  others = 0;

  add(role: MeetingStatsRole, weight: number): void {
    if (role === 'VISIT') this.visits += weight;
    else if (role === 'PART') this.parts += weight;
    else this.others += weight;
  }
}

/** Makes the keys of meetings in each dimension, and describes a key id. */
class Keyer {
  /** Each topic with every topic above it, by slug. */
  private readonly rolledUp = new Map<string, readonly string[]>();

  constructor(
    private readonly reference: StatsReference,
    private readonly dateCounting: DateCounting,
  ) {}

  keysOf(dimension: MeetingStatsDimension): (meeting: CountedMeeting) => Weighted {
    switch (dimension) {
      case 'MONTH':
        return (meeting) => this.dateKeys(meeting.date, 7);
      case 'YEAR':
        return (meeting) => this.dateKeys(meeting.date, 4);
      case 'KIND':
        return (meeting) => [[meeting.kind, 1]];
      case 'PLOVER_CATEGORY':
        return (meeting) => [[meeting.coding.ploverCategory, 1]];
      case 'COUNTRY':
        return (meeting) => (meeting.countries.length === 0 ? [[NO_KEY, 1]] : distinct(meeting.countries).map((country) => [country, 1] as const));
      case 'COUNTRY_PAIR':
        return (meeting) => this.pairKeys(meeting.countries);
      case 'TOPIC':
        return (meeting) => this.topicKeys(meeting.topics);
    }
  }

  /** The months (`length` 7) or years (4) of a date, as CERTAIN or SPLIT counts them. */
  private dateKeys({ earliest, latest }: CountedMeeting['date'], length: 4 | 7): Weighted {
    if (earliest === null || latest === null || latest < earliest) return [[NO_KEY, 1]];
    const first = earliest.slice(0, length);
    if (first === latest.slice(0, length)) return [[first, 1]];
    if (this.dateCounting === 'CERTAIN') return [[NO_KEY, 1]];
    const days = daysByMonth(earliest, latest);
    let total = 0;
    for (const count of days.values()) total += count;
    const shares = new Map<string, number>();
    for (const [month, count] of days) {
      const id = month.slice(0, length);
      shares.set(id, (shares.get(id) ?? 0) + count / total);
    }
    return [...shares];
  }

  /** Unordered pairs of distinct countries, named by their ISO codes in order. */
  private pairKeys(countries: readonly string[]): Weighted {
    const sorted = distinct(countries).sort((a, b) => compareText(this.isoCode(a), this.isoCode(b)));
    if (sorted.length < 2) return [[NO_KEY, 1]];
    const pairs: [string, number][] = [];
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push([`${sorted[i]} ${sorted[j]}`, 1]);
    return pairs;
  }

  /** The topics and every topic above them, each once. */
  private topicKeys(topics: CountedMeeting['topics']): Weighted {
    if (topics.length === 0) return [[NO_KEY, 1]];
    if (topics.length === 1) return this.rollUp(topics[0]!.topic).map((slug) => [slug, 1] as const);
    const all = new Set<string>();
    for (const { topic } of topics) for (const slug of this.rollUp(topic)) all.add(slug);
    return [...all].map((slug) => [slug, 1] as const);
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
        return { dimension, value: id, label: inWords(id), entity: null };
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

function isDateDimension(dimension: MeetingStatsDimension): boolean {
  return dimension === 'MONTH' || dimension === 'YEAR';
}

/** "BILATERAL_MEETING" → "bilateral meeting". */
function inWords(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

function distinct(values: readonly string[]): string[] {
  return values.length < 2 ? [...values] : [...new Set(values)];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
