/**
 * How a meeting's date is known: each source's claim (`Meeting.dateClaims`), its stated
 * relations to other meetings (`Meeting.relations`) and, on the date itself, which of
 * these statements bound it (`FuzzyDate.boundedBy`), derived by `deriveMeetingDate`.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { dateClaimsOf, deriveMeetingDate, statementCitations, type DateStatement, type DerivedMeetingDate } from '../../domain/meeting-date';
import type { Loaders } from '../../loaders/create-loaders';
import type { ConflictValue } from '../common/conflicts';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { CitationRecord, FuzzyDateRecord, MeetingRelationRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { FuzzyDate } from '../common/fuzzy-date.type';
import { CalledDirectly } from '../direct-resolvers';
import { loadExisting } from '../relay/load-all';
import { DateBound, DateBounds } from './date-bound.type';
import { Meeting } from './meeting.type';
import { RelatedMeeting } from './related-meeting.type';

type MeetingEntity = Entity<'Meeting'>;

/** The meeting a FuzzyDate value is the date of, when it is one (not a claim's or a tenure's). */
const OF_MEETING = Symbol('ofMeeting');

/** A FuzzyDate as the schema resolves it: a record, with the meeting it dates when it is a meeting's date. */
export type FuzzyDateValue = FuzzyDateRecord & { [OF_MEETING]?: MeetingEntity };

/** A meeting's date, carrying the meeting so that `boundedBy` can say what bounds it. */
export function meetingDateValue(meeting: MeetingEntity): FuzzyDateValue {
  return { ...meeting.date, [OF_MEETING]: meeting };
}

/** A DateBound as resolved: the related meeting's slug stays undecorated. */
interface DateBoundValue {
  kind: DateStatement['kind'];
  day: string;
  citations: CitationRecord[];
  relation: MeetingRelationRecord['relation'] | null;
  meetingSlug: string | null;
}

@Resolver(() => FuzzyDate)
export class FuzzyDateResolver {
  @FieldResolver(() => DateBounds, {
    nullable: true,
    description:
      "Which statements bound the date, for a meeting's date: the intersection of its sources' claims (`Meeting.dateClaims`), its relations to other meetings and the event it was part of. Null for a date that is one statement as given (a claim's date, a tenure's start or end).",
  })
  @CalledDirectly()
  boundedBy(@Root() date: FuzzyDateValue, @Ctx() { loaders }: Context): PromiseOrValue<DateBounds | null> | null {
    const meeting = date[OF_MEETING];
    if (!meeting) return null;
    return then(deriveWithLoaders(meeting, loaders), (derived) => {
      const bound = (day: string | null, by: DateStatement[]) => (day === null ? [] : by.map((statement) => toBound(statement, day)));
      return { earliest: bound(derived.date.earliest, derived.earliestBy), latest: bound(derived.date.latest, derived.latestBy) } as unknown as DateBounds;
    });
  }
}

/**
 * A meeting's date derivation over a request's loaders: the related meetings (its whole,
 * the meetings it relates to) at their stored dates, and the kinds of the sources of its
 * claims. `conflict` is the meeting's date conflict, for `Meeting.conflicts`.
 */
export function deriveWithLoaders(meeting: MeetingEntity, loaders: Loaders): PromiseOrValue<DerivedMeetingDate> {
  const related = [...(meeting.partOf === null ? [] : [meeting.partOf]), ...(meeting.relations ?? []).map((relation) => relation.meeting)];
  const claims = dateClaimsOf(meeting);
  // Source kinds matter only to choose between claims.
  const sources = claims.length < 2 ? [] : [...new Set(claims.flatMap((claim) => claim.citations.flatMap((c) => [c.source, ...(c.attributedTo === undefined ? [] : [c.attributedTo])])))];
  return then(loadExisting(loaders.meetingById, related), (meetings) =>
    then(loadExisting(loaders.sourceById, sources), (found) => {
      const bySlug = new Map(meetings.map((m) => [m.slug, m]));
      const kinds = new Map(found.map((source) => [source.slug, source.kind]));
      return deriveMeetingDate(meeting, { meeting: (slug) => bySlug.get(slug), sourceKind: (slug) => kinds.get(slug) });
    }),
  );
}

/**
 * A meeting's date conflict as `Meeting.conflicts` lists it (field "date"): every claim,
 * the preferred one first, when the claims share no day; null when they agree. A relation
 * or whole left unapplied is not a claim: it shows in neither list.
 */
export function dateConflictValue(meeting: MeetingEntity, loaders: Loaders): PromiseOrValue<ConflictValue | null> {
  return then(deriveWithLoaders(meeting, loaders), ({ conflict }) => {
    if (!conflict || conflict.claims.every((claim) => claim.applied)) return null;
    const claims = conflict.claims.map(({ claim, preferred }) => ({ value: claim.date.label, preferred, citations: claim.citations, target: null, date: claim.date }));
    return { field: 'date', claims: [...claims.filter((claim) => claim.preferred), ...claims.filter((claim) => !claim.preferred)] };
  });
}

function toBound(statement: DateStatement, day: string): DateBoundValue {
  return {
    kind: statement.kind,
    day,
    citations: statementCitations(statement),
    relation: statement.kind === 'RELATION' ? statement.relation.relation : null,
    meetingSlug: statement.kind === 'RELATION' ? statement.relation.meeting : statement.kind === 'PART_OF' ? statement.meeting : null,
  };
}

@Resolver(() => DateBound)
export class DateBoundResolver {
  @FieldResolver(() => Meeting, { nullable: true, description: 'For RELATION, the related meeting; for PART_OF, the event the meeting was part of; null for a CLAIM.' })
  @CalledDirectly()
  meeting(@Root() bound: DateBoundValue, @Ctx() { loaders }: Context): PromiseOrValue<MeetingEntity | null> | null {
    return bound.meetingSlug === null ? null : loaders.meetingById.load(bound.meetingSlug);
  }
}

@Resolver(() => RelatedMeeting)
export class RelatedMeetingResolver {
  @FieldResolver(() => Meeting, { description: 'The other meeting.' })
  @CalledDirectly()
  meeting(@Root() relation: MeetingRelationRecord, @Ctx() { loaders }: Context): PromiseOrValue<MeetingEntity | null> {
    return loaders.meetingById.load(relation.meeting);
  }
}
