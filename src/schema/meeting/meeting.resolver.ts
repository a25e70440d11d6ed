import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { checkSlug } from '../common/filter-values';
import { Country } from '../country/country.type';
import { Organization } from '../organization/organization.type';
import { Place } from '../place/place.type';
import type { ConnectionValue } from '../relay/connection.type';
import { loadAll, loadExisting } from '../relay/load-all';
import { Topic } from '../topic/topic.type';
import { EventCoding } from './event-coding.type';
import { listMeetings } from './list-meetings';
import { Meeting, MeetingConnection } from './meeting.type';
import { MeetingsArgs } from './meetings.args';
import { Outcome } from './outcome.type';
import { Participant } from './participant.type';
import { TopicMention } from './topic-mention.type';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { citedSources } from '../../store/contract/validate';
import { ConnectionArgs } from '../relay/connection.args';
import { listConnection } from '../relay/list-connection';
import { SourceConnection } from '../source/source.type';
import { CalledDirectly } from '../direct-resolvers';
import { dateClaimsOf } from '../../domain/meeting-date';
import type { DateClaimRecord, MeetingRelationRecord } from '../../store/contract/records';
import { FuzzyDate } from '../common/fuzzy-date.type';
import { DateClaim } from './date-claim.type';
import { meetingDateValue, type FuzzyDateValue } from './meeting-date.resolver';
import { RelatedMeeting } from './related-meeting.type';
import { Conflict } from '../common/conflict.type';
import { conflictsOf, type ConflictValue } from '../common/conflicts';
import { dateConflictValue } from './meeting-date.resolver';

type MeetingEntity = Entity<'Meeting'>;

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => Meeting, { nullable: true, description: 'A meeting by slug, e.g. "c5-plus-1-ministerial-astana-2023"; null when none has it.' })
  meeting(@Arg('slug', { description: "The meeting's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<MeetingEntity | null> {
    return loaders.meetingById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => MeetingConnection, { description: 'All meetings, filtered and paged; newest first by default.' })
  meetings(@Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<MeetingEntity>> {
    return listMeetings(context, args);
  }

  /** The date carries its meeting, for `FuzzyDate.boundedBy` (the field is declared on `Meeting`). */
  @FieldResolver(() => FuzzyDate)
  @CalledDirectly()
  date(@Root() meeting: MeetingEntity): FuzzyDateValue {
    return meetingDateValue(meeting);
  }

  @FieldResolver(() => [DateClaim], {
    description:
      "Each source's statement of the date, with its quotes. A meeting whose date only its own citations give lists one claim: its date as first stated, cited by the meeting's citations.",
  })
  @CalledDirectly()
  dateClaims(@Root() meeting: MeetingEntity): DateClaimRecord[] {
    return dateClaimsOf(meeting);
  }

  @FieldResolver(() => [RelatedMeeting], { description: 'Stated relations of its time to other meetings, e.g. after a visit whose outcomes it discussed; they bound its date.' })
  @CalledDirectly()
  relations(@Root() meeting: MeetingEntity): MeetingRelationRecord[] {
    return meeting.relations ?? [];
  }

  @FieldResolver(() => Place, { nullable: true, description: 'The city or venue; null when the sources do not say.' })
  @CalledDirectly()
  location(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Place'> | null> | null {
    return meeting.location === null ? null : loaders.placeById.load(meeting.location);
  }

  @FieldResolver(() => [Conflict], {
    description:
      "Where the sources disagree on this meeting's `kind`, `location`, `format` or `date` (ranges that do not intersect): every value stated, each with its citations; the meeting's fields show the preferred ones. Conflicts on a participant are listed on the participant. Empty when the sources agree.",
  })
  @CalledDirectly()
  conflicts(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<ConflictValue[]> {
    const claimed = conflictsOf('Meeting', meeting);
    return then(dateConflictValue(meeting, loaders), (date) => (date === null ? claimed : [date, ...claimed]));
  }

  @FieldResolver(() => [Country], { description: 'The states involved.' })
  @CalledDirectly()
  countries(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'>[]> {
    return loadExisting(loaders.countryById, meeting.countries);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The diplomatic format it was held in, e.g. the C5+1; null when none.' })
  @CalledDirectly()
  format(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Organization'> | null> | null {
    return meeting.format === null ? null : loaders.organizationById.load(meeting.format);
  }

  @FieldResolver(() => [Participant], { description: 'Who took part, in which capacity and on whose behalf.' })
  @CalledDirectly()
  participants(@Root() meeting: MeetingEntity): MeetingEntity['participants'] {
    return meeting.participants;
  }

  @FieldResolver(() => [Topic], { description: 'What was discussed.' })
  @CalledDirectly()
  topics(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Topic'>[]> {
    return loadExisting(loaders.topicById, meeting.topics.map((mention) => mention.topic));
  }

  @FieldResolver(() => [TopicMention], { description: 'What was discussed, each topic with the quotes that say so.' })
  @CalledDirectly()
  topicMentions(@Root() meeting: MeetingEntity): MeetingEntity['topics'] {
    return meeting.topics;
  }

  @FieldResolver(() => [Outcome], { description: 'What the meeting produced: agreements, commitments, statements of support.' })
  @CalledDirectly()
  outcomes(@Root() meeting: MeetingEntity): MeetingEntity['outcomes'] {
    return meeting.outcomes;
  }

  @FieldResolver(() => EventCoding, { description: 'The event in CAMEO and PLOVER codes.' })
  @CalledDirectly()
  coding(@Root() meeting: MeetingEntity): { cameoCode: string; ploverCategory: string; ploverMode: string | null } {
    return { cameoCode: meeting.coding.cameo, ploverCategory: meeting.coding.ploverCategory, ploverMode: meeting.coding.ploverMode };
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The larger event it was part of, e.g. the visit a meeting took place during; null when none.' })
  @CalledDirectly()
  partOf(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<MeetingEntity | null> | null {
    return meeting.partOf === null ? null : loaders.meetingById.load(meeting.partOf);
  }

  @FieldResolver(() => [Meeting], { description: 'The events it contains, e.g. the meetings held during a visit, earliest first.' })
  @CalledDirectly()
  parts(@Root() meeting: MeetingEntity, @Ctx() { loaders }: Context): PromiseOrValue<MeetingEntity[]> {
    return loadAll(loaders.meetingPages, [{ field: 'partOf', anyOf: [meeting.slug] }], { field: 'DATE', direction: 'ASC' });
  }

  @FieldResolver(() => SourceConnection, {
    description:
      'The distinct sources reporting it: every source a citation of the meeting quotes (its own, its participants\', topic mentions\' and outcomes\'), each once; `totalCount` is how many (as GDELT counts sources). Oldest publication first (sources of unknown day last), then by slug. A source a quote is only attributed to (`Citation.attributedTo`) is not counted.',
  })
  sources(@Root() meeting: MeetingEntity, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders, cursors }: Context): PromiseOrValue<ConnectionValue<Entity<'Source'>>> {
    return then(loadExisting(loaders.sourceById, [...new Set(citedSources(meeting, [], false))]), (sources) =>
      listConnection(cursors, args, 'MEETING_SOURCES', sources, (source) => [source.publishedOn ?? UNKNOWN_DAY, source.slug]),
    );
  }
}

/** Sorts after every day: sources of unknown day come last. */
const UNKNOWN_DAY = '~';
