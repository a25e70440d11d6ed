import { ArgsType, Field, ID, InputType } from 'type-graphql';
import type { MeetingKind } from '../../domain/vocabularies';
import type { DateMatch } from '../../store/contract/store';
import { DateScalar } from '../common/date.scalar';
import { DateMatchEnum, MeetingKindEnum } from '../common/enums';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';
import { BoundingBox, NearPoint } from './geo-filter';

@InputType({
  description:
    'Conditions on meetings. All given conditions must hold; within a list, any value matches (in an `…All` list, every value must). An empty list is no condition.',
})
export class MeetingFilter {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The first day of the date window [from, to]; `dateMatch` says how a meeting\'s fuzzy date must relate to it. Omitted: the window is open before.',
  })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day of the date window [from, to]. Omitted: the window is open after.' })
  to?: string | null;

  @Field(() => DateMatchEnum, {
    nullable: true,
    description:
      'How a meeting\'s fuzzy date must relate to [from, to]: OVERLAPS (the default), it may have taken place in the window; WITHIN, it certainly did, so a date with an unknown bound (e.g. "on or before 30 April 2023") never matches a window bound given on that side.',
  })
  dateMatch?: DateMatch | null;

  @Field(() => [String], { nullable: true, description: 'Meetings involving any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Meetings involving every one of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. ["KZ", "CN"]). A value that names no country matches nothing.',
  })
  countriesAll?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Meetings in which any of these people took part: each a Person id or slug (e.g. "kairat-umarov").' })
  participants?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Meetings in which every one of these people took part: each a Person id or slug (e.g. ["antony-blinken", "kassym-jomart-tokayev"]). A value that names no one matches nothing.',
  })
  participantsAll?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Meetings where any of these topics was discussed: each a Topic id or slug (e.g. "energy").' })
  topics?: string[] | null;

  @Field(() => [MeetingKindEnum], { nullable: true, description: 'Meetings of any of these kinds.' })
  kinds?: MeetingKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words that must all begin words of the title or summary (case- and accent-insensitive).',
  })
  text?: string | null;

  @Field(() => BoundingBox, {
    nullable: true,
    description: 'Meetings whose location (a Place with coordinates) lies inside this box; a meeting at a place without coordinates is in none.',
  })
  within?: BoundingBox | null;

  @Field(() => NearPoint, {
    nullable: true,
    description: 'Meetings whose location (a Place with coordinates) lies within this distance of this point; a meeting at a place without coordinates is near none.',
  })
  near?: NearPoint | null;
}

export const MeetingOrder = OrderInput('Meeting', 'meetings', {
  DATE: 'By date: the earliest possible day, then the latest (an unknown bound counts as the other).',
  TITLE: 'By title.',
});
export type MeetingOrder = InstanceType<typeof MeetingOrder>;

@ArgsType()
export class MeetingsArgs extends ConnectionArgs {
  @Field(() => MeetingFilter, { nullable: true, description: 'Only meetings matching these conditions.' })
  filter?: MeetingFilter | null;

  @Field(() => MeetingOrder, { nullable: true, description: 'The order; newest first (DATE, DESC) when omitted.' })
  orderBy?: MeetingOrder | null;
}
