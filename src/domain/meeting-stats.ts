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
import type { Tally } from '../store/contract/store';

export { countedParts, type CountedMeeting, type StatsKey, type StatsReference } from './meeting-stats-keys';
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
 * Counts the meetings of `tallies` (each summary as many times as its count; the store's
 * `meetingTallies` for the parts `countedParts(groupBy)`) grouped by the crossed
 * dimensions `groupBy` (checked with `checkStatsRequest`), a fuzzy date counting as `dateCounting` says. Groups come ordered key by
 * key: a date key ascending, any other by its count in that dimension alone descending,
 * then by label; the null key last. Only the `first` groups are answered (all when null).
 * Counts are rounded to six decimals. Throws StatsRequestError for a bad grouping or
 * `first`, more than MAX_COUNTED_GROUPS groups, or more than MAX_STATS_GROUPS without `first`.
 */
export function meetingStats(
  tallies: Iterable<Tally>,
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
  const totals = new Tallies();
  // Each group's index by its codes, as nested arrays one level per dimension (codes are
  // small and dense), so that no key is built per combination; its codes and its tallies by
  // that index. With no dimension, every meeting is in one group.
  const index: GroupIndex = [];
  const groupCodes: number[] = [];
  const groups = new Tallies();
  /** With several dimensions, each code's count in its dimension alone: what orders the keys. */
  const marginals = dimensions > 1 ? groupBy.map(() => new Tallies()) : null;
  const cursor = groupBy.map(() => 0);

  for (const { summary: meeting, count } of tallies) {
    const role = meetingRole(meeting);
    totals.add(0, role, count);
    if (dimensions === 0) {
      groups.add(0, role, count);
      continue;
    }
    for (let d = 0; d < dimensions; d++) {
      const buffer = buffers[d]!;
      buffer.length = 0;
      keysOf[d]!(meeting, buffer);
      if (marginals) for (let i = 0; i < buffer.length; i++) marginals[d]!.add(buffer.codes[i]!, role, buffer.weights[i]! * count);
    }
    // Every combination of one key per dimension (an odometer over the buffers).
    cursor.fill(0);
    for (;;) {
      let level = index;
      let weight = count;
      for (let d = 0; d < dimensions - 1; d++) {
        const code = buffers[d]!.codes[cursor[d]!]!;
        weight *= buffers[d]!.weights[cursor[d]!]!;
        level = (level[code] ??= []) as GroupIndex;
      }
      const last = buffers[dimensions - 1]!;
      const code = last.codes[cursor[dimensions - 1]!]!;
      weight *= last.weights[cursor[dimensions - 1]!]!;
      let group = level[code] as number | undefined;
      if (group === undefined) {
        group = groups.length;
        if (group === MAX_COUNTED_GROUPS) {
          throw new StatsRequestError(`This grouping gives more than ${MAX_COUNTED_GROUPS} groups: narrow the filter or group by fewer dimensions.`, 'groupBy');
        }
        level[code] = group;
        for (let d = 0; d < dimensions; d++) groupCodes.push(buffers[d]!.codes[cursor[d]!]!);
      }
      groups.add(group, role, weight);
      let d = dimensions - 1;
      while (d >= 0 && ++cursor[d]! === buffers[d]!.length) cursor[d--] = 0;
      if (d < 0) break;
    }
  }

  const groupCount = groups.length;
  if (first === null && groupCount > MAX_STATS_GROUPS) {
    throw new StatsRequestError(
      `This grouping gives ${groupCount} groups, more than ${MAX_STATS_GROUPS} at once: ask for the first ones (\`first\`), narrow the filter, or group by fewer dimensions.`,
      'groupBy',
    );
  }
  // Each dimension's keys ranked once; the groups are then ordered by their keys' ranks.
  const ranks = groupBy.map((dimension, d) => {
    // Crossed, every key's rank matters to the order of the groups; alone, only the first ones'.
    if (marginals) return rankKeys(keyer, dimension, marginals[d]!, Infinity);
    const counts = new Tallies();
    for (let group = 0; group < groupCount; group++) counts.copy(groupCodes[group]!, groups, group);
    return rankKeys(keyer, dimension, counts, first ?? Infinity);
  });
  const order = Array.from({ length: groupCount }, (_, group) => group);
  if (dimensions > 0) {
    order.sort((a, b) => {
      for (let d = 0; d < dimensions; d++) {
        const rank = ranks[d]!;
        const difference = rank[groupCodes[a * dimensions + d]!]! - rank[groupCodes[b * dimensions + d]!]!;
        if (difference !== 0) return difference;
      }
      return 0;
    });
  }
  const total = totals.count(0);
  return {
    total,
    visits: totals.visits[0] ?? 0,
    parts: totals.parts[0] ?? 0,
    others: totals.others[0] ?? 0,
    groupCount: dimensions === 0 && total === 0 ? 0 : groupCount,
    groups: (dimensions === 0 && total === 0 ? [] : order.slice(0, first ?? groupCount)).map((group) => ({
      keys: groupBy.map((dimension, d) => keyer.describe(dimension, keyer.id(dimension, groupCodes[group * dimensions + d]!))),
      count: round(groups.count(group)),
      visits: round(groups.visits[group]!),
      parts: round(groups.parts[group]!),
      others: round(groups.others[group]!),
    })),
  };
}

/** The group index: below the last dimension, the next level by code; at the last, the group by code. */
type GroupIndex = (GroupIndex | number | undefined)[];

/** Sums of weights by role, by index (a group, or a key's code). */
class Tallies {
  readonly visits: number[] = [];
  readonly parts: number[] = [];
  readonly others: number[] = [];

  /** How many indexes have a tally (gaps count as zeros). */
  get length(): number {
    return this.visits.length;
  }

  count(index: number): number {
    return (this.visits[index] ?? 0) + (this.parts[index] ?? 0) + (this.others[index] ?? 0);
  }

  add(index: number, role: MeetingStatsRole, weight: number): void {
    while (this.visits.length <= index) {
      this.visits.push(0);
      this.parts.push(0);
      this.others.push(0);
    }
    const tallies = role === 'VISIT' ? this.visits : role === 'PART' ? this.parts : this.others;
    tallies[index] = tallies[index]! + weight;
  }

  /** Makes this index's tallies those of `from`'s index `at`. */
  copy(index: number, from: Tallies, at: number): void {
    this.add(index, 'VISIT', from.visits[at]!);
    this.add(index, 'PART', from.parts[at]!);
    this.add(index, 'OTHER', from.others[at]!);
  }
}

/**
 * The rank of each code of `dimension` (by code), given each code's count in it: a month
 * or year ascending, any other key by count descending, then by label; the null key last.
 * Only the first `needed` ranks are exact: past them, keys of equal count are left in any
 * order (their labels are made only where the order needs them).
 */
function rankKeys(keyer: Keyer, dimension: MeetingStatsDimension, counts: Tallies, needed: number): Int32Array {
  const byDate = dimension === 'MONTH' || dimension === 'YEAR';
  const codes = Array.from({ length: counts.length }, (_, code) => code);
  const ids = codes.map((code) => keyer.id(dimension, code));
  // Rounded like the counts, so that sums made in another order (another store's) rank alike.
  const rounded = codes.map((code) => round(counts.count(code)));
  const last = (a: number, b: number) => (ids[a] === NO_KEY ? 1 : 0) - (ids[b] === NO_KEY ? 1 : 0);
  if (byDate) codes.sort((a, b) => last(a, b) || compareText(ids[a]!, ids[b]!));
  else {
    codes.sort((a, b) => last(a, b) || rounded[b]! - rounded[a]!);
    // Then each run of equal counts that reaches into the needed ranks, by label and id.
    const labels = new Map<number, string>();
    const label = (code: number) => labels.get(code) ?? labels.set(code, keyer.describe(dimension, ids[code]!).label).get(code)!;
    for (let start = 0; start < Math.min(needed, codes.length); ) {
      let end = start + 1;
      while (end < codes.length && rounded[codes[end]!] === rounded[codes[start]!] && last(codes[end]!, codes[start]!) === 0) end++;
      if (end - start > 1) {
        const run = codes.slice(start, end).sort((a, b) => compareText(label(a), label(b)) || compareText(ids[a]!, ids[b]!));
        for (let i = 0; i < run.length; i++) codes[start + i] = run[i]!;
      }
      start = end;
    }
  }
  const rank = new Int32Array(codes.length);
  codes.forEach((code, position) => (rank[code] = position));
  return rank;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
