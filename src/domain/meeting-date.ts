/**
 * A meeting's date as all its statements allow: the intersection of each source's claim
 * of the date (`dateClaims`, or the one implied by `date` and the meeting's citations), the
 * bounds its stated relations give ("after the Astana visit": no earlier than that visit's
 * earliest day; before: no later than its latest) and its whole (`partOf`: a part lies
 * within the event it is part of). Each bound of the result names the statements that set
 * it. Claims that do not intersect are a conflict: the date follows the preferred ones
 * (src/domain/preferred-claim.ts) and every claim is kept. A relation or whole that would
 * leave no day is not applied, and is reported with the conflict.
 *
 * Related meetings are read at their stored dates, which are derived the same way: the
 * stores re-derive a meeting whenever a meeting it refers to changes date.
 */
import { daysBetween, daysInMonth } from './calendar-date';
import type { CitationRecord, DateClaimRecord, FuzzyDateRecord, MeetingRecord, MeetingRelationRecord } from '../store/contract/records';
import { claimSupport, preferredClaimIndex } from './preferred-claim';
import type { DatePrecision, SourceKind } from './vocabularies';

/** A statement that bounds a meeting's date. */
export type DateStatement =
  | { kind: 'CLAIM'; claim: DateClaimRecord }
  | { kind: 'RELATION'; relation: MeetingRelationRecord }
  | { kind: 'PART_OF'; meeting: string };

/** A meeting's date claims that disagree: no day satisfies them all. */
export interface DateConflict {
  /** Every claim of the meeting, in stored order; `applied`: the date follows it; `preferred`: the rule's choice. */
  claims: { claim: DateClaimRecord; preferred: boolean; applied: boolean }[];
  /** Relations and wholes not applied because they would leave no day. */
  ignored: DateStatement[];
}

/** A derived date with its provenance. */
export interface DerivedMeetingDate {
  date: FuzzyDateRecord;
  /** The statements that set `date.earliest` (empty when it is open). */
  earliestBy: DateStatement[];
  /** The statements that set `date.latest` (empty when it is open). */
  latestBy: DateStatement[];
  conflict: DateConflict | null;
}

/** What the derivation reads besides the meeting: related meetings' stored dates and source kinds. */
export interface MeetingDateLookup {
  meeting(slug: string): Pick<MeetingRecord, 'date'> | undefined | null;
  /** A source's kind, for the preferred-claim rule; undefined when unknown. */
  sourceKind(slug: string): SourceKind | undefined;
}

type DatedMeeting = Pick<MeetingRecord, 'date' | 'dateClaims' | 'relations' | 'partOf' | 'citations'>;

/** A meeting's claims of its date: the stored ones, or the one its `date` and citations imply. */
export function dateClaimsOf(meeting: Pick<MeetingRecord, 'date' | 'dateClaims' | 'citations'>): DateClaimRecord[] {
  return meeting.dateClaims && meeting.dateClaims.length > 0 ? meeting.dateClaims : [{ date: meeting.date, citations: meeting.citations }];
}

/** The date a meeting's claims, relations and whole allow, with what bounds it. */
export function deriveMeetingDate(meeting: DatedMeeting, lookup: MeetingDateLookup): DerivedMeetingDate {
  const claims = dateClaimsOf(meeting);
  const order = preferenceOrder(claims, lookup);
  let earliest: string | null = null;
  let latest: string | null = null;
  const appliedClaims = new Set<number>();
  for (const index of order) {
    const { date } = claims[index]!;
    const next = intersect(earliest, latest, date.earliest, date.latest);
    if (next === null) continue;
    [earliest, latest] = next;
    appliedClaims.add(index);
  }

  const statements: { statement: DateStatement; earliest: string | null; latest: string | null }[] = [...appliedClaims]
    .sort((a, b) => a - b)
    .map((index) => ({ statement: { kind: 'CLAIM', claim: claims[index]! }, earliest: claims[index]!.date.earliest, latest: claims[index]!.date.latest }));
  const ignored: DateStatement[] = [];
  const bound = (statement: DateStatement, lower: string | null, upper: string | null) => {
    if (lower === null && upper === null) return;
    const next = intersect(earliest, latest, lower, upper);
    if (next === null) {
      ignored.push(statement);
      return;
    }
    [earliest, latest] = next;
    statements.push({ statement, earliest: lower, latest: upper });
  };
  const whole = meeting.partOf === null ? undefined : lookup.meeting(meeting.partOf);
  if (whole) bound({ kind: 'PART_OF', meeting: meeting.partOf! }, whole.date.earliest, whole.date.latest);
  for (const relation of meeting.relations ?? []) {
    const other = lookup.meeting(relation.meeting);
    if (!other) continue;
    // Claim no more than the sources: "after X" is no earlier than X began, "before X" no later than X ended.
    if (relation.relation === 'AFTER') bound({ kind: 'RELATION', relation }, other.date.earliest, null);
    else bound({ kind: 'RELATION', relation }, null, other.date.latest);
  }

  const result: [string | null, string | null] = [earliest, latest];
  const same = [...appliedClaims].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((index) => claims[index]!.date).find((date) => date.earliest === result[0] && date.latest === result[1]);
  const date = same ?? describeRange(earliest, latest);
  const conflict =
    appliedClaims.size < claims.length || ignored.length > 0
      ? { claims: claims.map((claim, index) => ({ claim, preferred: index === order[0], applied: appliedClaims.has(index) })), ignored }
      : null;
  return {
    date: { label: date.label, earliest: date.earliest, latest: date.latest, precision: date.precision },
    earliestBy: earliest === null ? [] : statements.filter((s) => s.earliest === earliest).map((s) => s.statement),
    latestBy: latest === null ? [] : statements.filter((s) => s.latest === latest).map((s) => s.statement),
    conflict,
  };
}

/**
 * A meeting's date conflict: its claims when no day satisfies them all (each with its
 * citations, the preferred one marked), or relations and wholes left unapplied; null when
 * everything it states agrees.
 */
export function meetingDateConflict(meeting: DatedMeeting, lookup: MeetingDateLookup): DateConflict | null {
  return deriveMeetingDate(meeting, lookup).conflict;
}

/** True when two fuzzy dates are the same. */
export function sameFuzzyDate(a: FuzzyDateRecord, b: FuzzyDateRecord): boolean {
  return a.label === b.label && a.earliest === b.earliest && a.latest === b.latest && a.precision === b.precision;
}

/** Claim indexes from the preferred: the preferred-claim rule, specificity being minus the days a range spans. */
function preferenceOrder(claims: readonly DateClaimRecord[], lookup: MeetingDateLookup): number[] {
  if (claims.length === 1) return [0];
  const supports = claims.map((claim) => claimSupport(claim.citations, (source) => lookup.sourceKind(source), dateSpecificity(claim.date)));
  const order: number[] = [];
  const left = supports.map((support, index) => ({ support, index }));
  while (left.length > 0) {
    const best = preferredClaimIndex(left.map((entry) => entry.support));
    order.push(left[best]!.index);
    left.splice(best, 1);
  }
  return order;
}

/** Open ranges are the least specific of all. */
const OPEN_RANGE_SPECIFICITY = -Number.MAX_SAFE_INTEGER;

/** How specific a date is, for the preferred-claim rule: minus the days its range spans, open ranges least of all. */
export function dateSpecificity(date: FuzzyDateRecord): number {
  if (date.earliest === null || date.latest === null) return OPEN_RANGE_SPECIFICITY;
  return -(daysBetween(date.earliest, date.latest) + 1);
}

/**
 * What two dates both allow, or null when they share no day: the narrower one, with its
 * own words, when it lies within the other; else their common range, described.
 */
export function narrowDates(a: FuzzyDateRecord, b: FuzzyDateRecord): FuzzyDateRecord | null {
  const common = intersect(a.earliest, a.latest, b.earliest, b.latest);
  if (common === null) return null;
  const [earliest, latest] = common;
  for (const date of [b, a]) if (date.earliest === earliest && date.latest === latest) return date;
  return describeRange(earliest, latest);
}

/** The intersection of two ranges (null bounds open), or null when they share no day. */
function intersect(e1: string | null, l1: string | null, e2: string | null, l2: string | null): [string | null, string | null] | null {
  const earliest = e1 === null ? e2 : e2 === null ? e1 : e1 > e2 ? e1 : e2;
  const latest = l1 === null ? l2 : l2 === null ? l1 : l1 < l2 ? l1 : l2;
  if (earliest !== null && latest !== null && earliest > latest) return null;
  return [earliest, latest];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A range of days in words, with its precision: "28 February 2023", "late February 2023", "between 21 February and 30 April 2023". */
export function describeRange(earliest: string | null, latest: string | null): FuzzyDateRecord {
  const date = (label: string, precision: DatePrecision): FuzzyDateRecord => ({ label, earliest, latest, precision });
  if (earliest === null && latest === null) return date('unknown', 'UNKNOWN');
  if (earliest === null) return date(`on or before ${dayLabel(latest!)}`, 'ON_OR_BEFORE');
  if (latest === null) return date(`on or after ${dayLabel(earliest)}`, 'ON_OR_AFTER');
  if (earliest === latest) return date(dayLabel(earliest), 'DAY');
  const [y1, m1, d1] = parts(earliest);
  const [y2, m2, d2] = parts(latest);
  if (y1 === y2 && m1 === 1 && d1 === 1 && m2 === 12 && d2 === 31) return date(String(y1), 'YEAR');
  if (y1 === y2 && m1 === m2) {
    const month = `${MONTHS[m1 - 1]} ${y1}`;
    const last = daysInMonth(y1, m1);
    if (d1 === 1 && d2 === last) return date(month, 'MONTH');
    if (d1 === 1 && d2 === 10) return date(`early ${month}`, 'PART_OF_MONTH');
    if (d1 === 11 && d2 === 20) return date(`mid ${month}`, 'PART_OF_MONTH');
    if (d1 === 21 && d2 === last) return date(`late ${month}`, 'PART_OF_MONTH');
    return date(`between ${d1} and ${d2} ${month}`, 'DAY_RANGE');
  }
  if (y1 === y2) return date(`between ${d1} ${MONTHS[m1 - 1]} and ${d2} ${MONTHS[m2 - 1]} ${y2}`, 'DAY_RANGE');
  return date(`between ${dayLabel(earliest)} and ${dayLabel(latest)}`, 'DAY_RANGE');
}

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

function dayLabel(day: string): string {
  const [year, month, date] = parts(day);
  return `${date} ${MONTHS[month - 1]} ${year}`;
}


/** The citations a statement rests on: a claim's or a relation's; none for a whole, whose own date says what bounds it. */
export function statementCitations(statement: DateStatement): CitationRecord[] {
  return statement.kind === 'CLAIM' ? statement.claim.citations : statement.kind === 'RELATION' ? statement.relation.citations : [];
}
