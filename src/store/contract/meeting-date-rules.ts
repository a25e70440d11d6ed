/**
 * The rules of meeting dates, for loading and writing alike: relations that name other
 * meetings without a circle of meetings bounding each other's dates; a stored `date` that
 * is what its claims, relations and whole allow; and the date a write stores
 * (`setDerivedDate`), with the claim it keeps. The derivation itself is
 * `deriveMeetingDate` (src/domain/meeting-date.ts).
 */
import { deriveMeetingDate, sameFuzzyDate, type MeetingDateLookup } from '../../domain/meeting-date';
import { meetingRecord, type EntityType, type FuzzyDateRecord, type RecordOf } from './records';

/** A problem within a meeting, by field path (a `FieldProblem` of validate.ts). */
interface Problem {
  field: string;
  message: string;
}

/** What the rules read of the other records (a `RecordLookup` of validate.ts). */
interface MeetingLookup {
  get<T extends EntityType>(type: T, slug: string): RecordOf[T] | undefined;
  unverifiable?(type: EntityType, slug: string): boolean;
}

/** A meeting's relations: to other meetings only, without a circle of meetings bounding each other's dates. */
export function meetingRelationProblems(meeting: RecordOf['Meeting'], lookup: MeetingLookup): Problem[] {
  if (!meeting.relations) return [];
  const problems: Problem[] = [];
  meeting.relations.forEach((relation, i) => {
    if (relation.meeting === meeting.slug) problems.push({ field: `relations.${i}.meeting`, message: 'a meeting cannot relate to itself' });
  });
  const circle = boundingCircle(meeting, lookup);
  if (circle && meeting.relations.some((relation) => relation.meeting !== meeting.slug)) {
    problems.push({ field: 'relations', message: `the meetings' dates would bound each other in a circle: ${circle.map((slug) => JSON.stringify(slug)).join(' → ')}` });
  }
  return problems;
}

/**
 * The dates the meetings of a data set should store: each one derived from its claims and
 * from the derived (not the stored) dates of the meetings it refers to, so that a date edited
 * by hand is reported on its own record, not on every meeting it bounds. A meeting in a
 * circle (reported on its own) or bounded by one already reported is left out.
 */
export function derivedMeetingDates(meetings: readonly RecordOf['Meeting'][], lookup: MeetingLookup): (slug: string) => FuzzyDateRecord | undefined {
  const derived = new Map<string, FuzzyDateRecord | undefined>();
  const deriving = new Set<string>();
  const dateOf = (slug: string): FuzzyDateRecord | undefined => {
    if (derived.has(slug)) return derived.get(slug);
    const meeting = lookup.get('Meeting', slug);
    if (!meeting || deriving.has(slug) || lookup.unverifiable?.('Meeting', slug)) return undefined;
    deriving.add(slug);
    const related = [...(meeting.partOf === null ? [] : [meeting.partOf]), ...(meeting.relations ?? []).map((relation) => relation.meeting)];
    const dates = new Map(related.map((other) => [other, dateOf(other)]));
    deriving.delete(slug);
    const unsure = related.some((other) => dates.get(other) === undefined && (lookup.get('Meeting', other) !== undefined || lookup.unverifiable?.('Meeting', other)));
    const date = unsure
      ? undefined
      : deriveMeetingDate(meeting, {
          meeting: (other) => {
            const known = dates.get(other);
            return known === undefined ? undefined : { date: known };
          },
          sourceKind: (source) => lookup.get('Source', source)?.kind,
        }).date;
    derived.set(slug, date);
    return date;
  };
  for (const meeting of meetings) dateOf(meeting.slug);
  return dateOf;
}

/** A stored meeting's `date` must be what its claims, relations and whole allow: the derivation every write makes. */
export function storedDateProblem(meeting: RecordOf['Meeting'], expected: FuzzyDateRecord | undefined): Problem | null {
  if (expected === undefined || sameFuzzyDate(expected, meeting.date)) return null;
  return {
    field: 'date',
    message: `is not what the meeting's date claims, relations and partOf allow: expected ${JSON.stringify(expected)} (the date is derived; a source's statement of it goes in dateClaims)`,
  };
}

/** A path of meetings by `partOf` and `relations` leading back to `meeting`, or null; loops not through it are reported on their own records. */
function boundingCircle(meeting: RecordOf['Meeting'], lookup: MeetingLookup): string[] | null {
  const targets = (m: RecordOf['Meeting']) => [...(m.partOf === null ? [] : [m.partOf]), ...(m.relations ?? []).map((relation) => relation.meeting)];
  const seen = new Set<string>([meeting.slug]);
  const search = (from: RecordOf['Meeting'], path: string[]): string[] | null => {
    for (const slug of targets(from)) {
      if (slug === meeting.slug) return path.length > 1 ? [...path, slug] : null;
      if (seen.has(slug)) continue;
      seen.add(slug);
      const next = lookup.get('Meeting', slug);
      const found = next ? search(next, [...path, slug]) : null;
      if (found) return found;
    }
    return null;
  };
  return search(meeting, [meeting.slug]);
}

/**
 * Sets a written meeting's `date` to what its claims, relations and whole allow. Its
 * claims: `dateClaims`, else the written `date` cited by the meeting's citations; that
 * implied claim is stored as a claim once the derived date differs from it, and a stored
 * claim that says no more than the implied one is left implied. An update's `date` that
 * is not the stored one restates the meeting's single claim; with several claims it is a
 * problem (the claims say the date: change them). An update that changes the citations
 * of a meeting with an implied claim, and not its date, keeps the claim cited by the
 * citations that stated it. `current` is the stored meeting an update patches with `patch`.
 */
export function setDerivedDate(meeting: RecordOf['Meeting'], current: RecordOf['Meeting'] | undefined, patch: Record<string, unknown>, lookup: MeetingDateLookup): Problem | null {
  const restated = 'date' in patch && current !== undefined && !sameFuzzyDate(meeting.date, current.date);
  if (current && !current.dateClaims && 'citations' in patch && !('dateClaims' in patch) && !restated) {
    // New citations of the meeting (a second report) do not state its date: the claim keeps the ones that did.
    meeting.dateClaims = [{ date: current.date, citations: current.citations }];
  }
  if (current && 'date' in patch && !('dateClaims' in patch) && current.dateClaims && !sameFuzzyDate(meeting.date, current.date)) {
    if (current.dateClaims.length > 1) {
      return { field: 'date', message: `is derived from the meeting's ${current.dateClaims.length} date claims (each a source's statement of the date): change dateClaims instead` };
    }
    meeting.dateClaims = [{ date: meeting.date, citations: current.dateClaims[0]!.citations }];
  }
  const derived = deriveMeetingDate(meeting, lookup).date;
  const claims = meeting.dateClaims;
  if (!claims && !sameFuzzyDate(derived, meeting.date)) {
    meeting.dateClaims = [{ date: meeting.date, citations: meeting.citations }];
  } else if (claims?.length === 1 && sameFuzzyDate(claims[0]!.date, derived) && JSON.stringify(claims[0]!.citations) === JSON.stringify(meeting.citations)) {
    meeting.dateClaims = undefined;
  }
  meeting.date = derived;
  inRecordOrder(meeting);
  return null;
}

const MEETING_KEYS = Object.keys(meetingRecord.shape);

/** Puts a meeting's fields back in the order of its schema (and of data/meetings.json), dropping absent optional lists. */
function inRecordOrder(meeting: RecordOf['Meeting']): void {
  const fields = meeting as unknown as Record<string, unknown>;
  const values = MEETING_KEYS.map((key) => [key, fields[key]] as const);
  for (const key of Object.keys(fields)) delete fields[key];
  for (const [key, value] of values) if (value !== undefined) fields[key] = value;
}
