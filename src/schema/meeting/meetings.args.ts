import { ArgsType, Field, ID, InputType } from 'type-graphql';
import type { MeetingKind } from '../../domain/vocabularies';
import { DateScalar } from '../common/date.scalar';
import { MeetingKindEnum } from '../common/enums';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({
  description:
    'Conditions on meetings. All given conditions must hold; within a list, any value matches. An empty list is no condition.',
})
export class MeetingFilter {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Meetings that may have taken place on or after this day: their fuzzy date range overlaps [from, to].',
  })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Meetings that may have taken place on or before this day.' })
  to?: string | null;

  @Field(() => [String], { nullable: true, description: 'Meetings involving any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Meetings in which any of these people took part: each a Person id or slug (e.g. "kairat-umarov").' })
  participants?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Meetings where any of these topics was discussed: each a Topic id or slug (e.g. "energy").' })
  topics?: string[] | null;

  @Field(() => [MeetingKindEnum], { nullable: true, description: 'Meetings of any of these kinds.' })
  kinds?: MeetingKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words that must all begin words of the title or summary (case- and accent-insensitive).',
  })
  text?: string | null;
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
