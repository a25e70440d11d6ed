/**
 * Counts of meetings grouped by month, year, kind, country, country pair, topic (rolled up
 * through the topic tree) and PLOVER category, one dimension or several crossed: what
 * `meetingStats` answers (src/schema/meeting-stats) for the meetings the store found for
 * its filter. Pure: the meetings and the reference records come in, the groups go out. The
 * keys of a meeting are made in meeting-stats-keys.ts; docs/counts.md states the rules.
 */
import type { DateCounting, MeetingStatsDimension } from './vocabularies';
import { KeyBuffer, Keyer, NO_KEY, type CountedMeeting, type StatsKey, type StatsReference } from './meeting-stats-keys';
import type { MeetingRecord } from '../store/contract/records';

export type { CountedMeeting, StatsKey, StatsReference } from './meeting-stats-keys';
export type { DateCounting, MeetingStatsDimension } from './vocabularies';

/**
 * Which of three exclusive kinds a meeting is, so that a visit and the meetings held
 * during it are never added up by accident: a part of a larger event (`partOf` set: a
 * meeting during a visit, a side meeting of a conference), else a visit (kind VISIT), else
 * another meeting. Visits plus others are the events that are not part of another.
 */
export type MeetingStatsRole = 'VISIT' | 'PART' | 'OTHER';

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
  /** How many groups there are, answered or not. */
  groupCount: number;
  groups: StatsGroup[];
}

/** At most this many dimensions are crossed at once. */
export const MAX_STATS_DIMENSIONS = 3;
/** At most this many groups are answered at once (`first`); without `first`, more is an error. */
export const MAX_STATS_GROUPS = 10_000;
/** At most this many groups are counted, whatever `first` says: more is a question to narrow. */
export const MAX_COUNTED_GROUPS = 250_000;

/** A grouping that cannot be answered, with the argument at fault. */
export class StatsRequestError extends Error {
  constructor(
    message: string,
    readonly argument: 'groupBy' | 'first',
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

/**
 * Checks a request before any counting: at most MAX_STATS_DIMENSIONS, none twice, not
 * MONTH with YEAR; `first` (null: all) from 0 to MAX_STATS_GROUPS.
 */
export function checkStatsRequest(groupBy: readonly MeetingStatsDimension[], first: number | null): void {
  if (groupBy.length > MAX_STATS_DIMENSIONS) throw new StatsRequestError(`"groupBy" crosses at most ${MAX_STATS_DIMENSIONS} dimensions; got ${groupBy.length}.`, 'groupBy');
  const repeated = groupBy.find((dimension, i) => groupBy.indexOf(dimension) !== i);
  if (repeated) throw new StatsRequestError(`"groupBy" names ${repeated} twice.`, 'groupBy');
  // A month is in one year: crossing them would only repeat MONTH (and, split, weigh a year by a month's share twice).
  if (groupBy.includes('MONTH') && groupBy.includes('YEAR')) throw new StatsRequestError('"groupBy" takes MONTH or YEAR, not both: a month names its year.', 'groupBy');
  if (first !== null && !(Number.isInteger(first) && first >= 0 && first <= MAX_STATS_GROUPS)) {
    throw new StatsRequestError(`"first" takes 0 to ${MAX_STATS_GROUPS} groups; got ${first}.`, 'first');
  }
}

/**
 * Counts `meetings` grouped by the crossed dimensions `groupBy` (checked with
 * `checkStatsRequest`), a fuzzy date counting as `dateCounting` says. Groups come ordered key by
 * key: a date key ascending, any other by its count in that dimension alone descending,
 * then by label; the null key last. Only the `first` groups are answered (all when null).
 * Counts are rounded to six decimals. Throws StatsRequestError for a bad grouping or
 * `first`, more than MAX_COUNTED_GROUPS groups, or more than MAX_STATS_GROUPS without `first`.
 */
export function meetingStats(
  meetings: Iterable<CountedMeeting>,
  groupBy: readonly MeetingStatsDimension[],
  dateCounting: DateCounting,
  reference: StatsReference,
  first: number | null = null,
): MeetingStatsResult {
  checkStatsRequest(groupBy, first);
  const keyer = new Keyer(reference, dateCounting);
  const dimensions = groupBy.length;
  const keysOf = groupBy.map((dimension) => keyer.keysOf(dimension));
  const buffers = groupBy.map(() => new KeyBuffer());
  const totals = new Tally();
  // Groups as nested maps, one level per dimension (the last holds the tallies), so that no
  // key is built per combination; with no dimension, every meeting is in `whole`.
  const groups = new Map<string, GroupLevel>();
  const whole = new Tally();
  let groupCount = 0;
  /** With several dimensions, each key's count in its dimension alone: what orders the keys. */
  const marginals = dimensions > 1 ? groupBy.map(() => new Map<string, Tally>()) : null;
  const cursor = groupBy.map(() => 0);

  for (const meeting of meetings) {
    const role = meetingRole(meeting);
    totals.add(role, 1);
    if (dimensions === 0) {
      whole.add(role, 1);
      continue;
    }
    for (let d = 0; d < dimensions; d++) {
      const buffer = buffers[d]!;
      buffer.length = 0;
      keysOf[d]!(meeting, buffer);
      if (marginals) for (let i = 0; i < buffer.length; i++) tallyOf(marginals[d]!, buffer.ids[i]!).add(role, buffer.weights[i]!);
    }
    // Every combination of one key per dimension (an odometer over the buffers).
    cursor.fill(0);
    for (;;) {
      let level = groups;
      let weight = 1;
      for (let d = 0; d < dimensions - 1; d++) {
        const id = buffers[d]!.ids[cursor[d]!]!;
        weight *= buffers[d]!.weights[cursor[d]!]!;
        let next = level.get(id) as Map<string, GroupLevel> | undefined;
        if (!next) level.set(id, (next = new Map()));
        level = next;
      }
      const last = buffers[dimensions - 1]!;
      const id = last.ids[cursor[dimensions - 1]!]!;
      weight *= last.weights[cursor[dimensions - 1]!]!;
      let tally = level.get(id) as Tally | undefined;
      if (!tally) {
        if (groupCount++ === MAX_COUNTED_GROUPS) {
          throw new StatsRequestError(`This grouping gives more than ${MAX_COUNTED_GROUPS} groups: narrow the filter or group by fewer dimensions.`, 'groupBy');
        }
        level.set(id, (tally = new Tally()));
      }
      tally.add(role, weight);
      let d = dimensions - 1;
      while (d >= 0 && ++cursor[d]! === buffers[d]!.length) cursor[d--] = 0;
      if (d < 0) break;
    }
  }

  const entries: { ids: string[]; tally: Tally }[] = dimensions === 0 ? (whole.count > 0 ? [{ ids: [], tally: whole }] : []) : flatten(groups, dimensions);
  if (first === null && entries.length > MAX_STATS_GROUPS) {
    throw new StatsRequestError(
      `This grouping gives ${entries.length} groups, more than ${MAX_STATS_GROUPS} at once: ask for the first ones (\`first\`), narrow the filter, or group by fewer dimensions.`,
      'groupBy',
    );
  }
  // Each dimension's keys ranked once; the groups are then ordered by their keys' ranks.
  const ranks = groupBy.map((dimension, d) => rankKeys(keyer, dimension, marginals ? marginals[d]! : new Map(entries.map(({ ids, tally }) => [ids[0]!, tally]))));
  const ranked = entries.map((entry) => ({ ...entry, ranks: entry.ids.map((id, d) => ranks[d]!.get(id)!) }));
  ranked.sort((a, b) => {
    for (let d = 0; d < dimensions; d++) if (a.ranks[d] !== b.ranks[d]) return a.ranks[d]! - b.ranks[d]!;
    return 0;
  });
  return {
    total: totals.count,
    visits: totals.visits,
    parts: totals.parts,
    others: totals.others,
    groupCount: entries.length,
    groups: ranked.slice(0, first ?? ranked.length).map(({ ids, tally }) => ({
      keys: ids.map((id, d) => keyer.describe(groupBy[d]!, id)),
      count: round(tally.count),
      visits: round(tally.visits),
      parts: round(tally.parts),
      others: round(tally.others),
    })),
  };
}

/** A level of the nested group maps: the next level by key id, or at the last level the tallies. */
type GroupLevel = Map<string, GroupLevel> | Tally;

/** Sums of weights by role. */
class Tally {
  visits = 0;
  parts = 0;
  others = 0;

  get count(): number {
    return this.visits + this.parts + this.others;
  }

  add(role: MeetingStatsRole, weight: number): void {
    if (role === 'VISIT') this.visits += weight;
    else if (role === 'PART') this.parts += weight;
    else this.others += weight;
  }
}

function tallyOf(tallies: Map<string, Tally>, id: string): Tally {
  let tally = tallies.get(id);
  if (!tally) tallies.set(id, (tally = new Tally()));
  return tally;
}

/**
 * The rank of each key of `dimension`, given each key's count in it: a month or year
 * ascending, any other key by count descending, then by label; the null key last.
 */
function rankKeys(keyer: Keyer, dimension: MeetingStatsDimension, counts: ReadonlyMap<string, Tally>): Map<string, number> {
  const byDate = dimension === 'MONTH' || dimension === 'YEAR';
  // Rounded like the counts, so that sums made in another order (another store's) rank alike.
  const keys = [...counts].map(([id, tally]) => ({ id, count: round(tally.count), label: byDate || id === NO_KEY ? '' : keyer.describe(dimension, id).label }));
  keys.sort((a, b) => {
    if (a.id === NO_KEY || b.id === NO_KEY) return a.id === NO_KEY ? 1 : -1;
    if (byDate) return compareText(a.id, b.id);
    return b.count - a.count || compareText(a.label, b.label) || compareText(a.id, b.id);
  });
  return new Map(keys.map(({ id }, rank) => [id, rank]));
}

/** The groups of the nested maps, each with its key ids from the outer level in. */
function flatten(level: Map<string, GroupLevel>, depth: number, ids: string[] = []): { ids: string[]; tally: Tally }[] {
  const entries: { ids: string[]; tally: Tally }[] = [];
  for (const [id, next] of level) {
    if (depth === 1) entries.push({ ids: [...ids, id], tally: next as Tally });
    else entries.push(...flatten(next as Map<string, GroupLevel>, depth - 1, [...ids, id]));
  }
  return entries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
