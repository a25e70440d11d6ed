import { ArgsType, Field } from 'type-graphql';
import { MAX_STATS_DIMENSIONS, type DateCounting, type MeetingStatsDimension } from '../../domain/meeting-stats';
import { DateCountingEnum, MeetingStatsDimensionEnum } from '../common/enums';
import { MeetingFilter } from '../meeting/meetings.args';

@ArgsType()
export class MeetingStatsArgs {
  @Field(() => MeetingFilter, { nullable: true, description: 'Only meetings matching these conditions, as in `meetings(filter:)`.' })
  filter?: MeetingFilter | null;

  @Field(() => [MeetingStatsDimensionEnum], {
    description: `The dimensions to group by, crossed: [YEAR, COUNTRY_PAIR] gives a group per year and pair. At most ${MAX_STATS_DIMENSIONS}, none twice, not MONTH with YEAR; empty: one group of all matching meetings.`,
  })
  groupBy!: MeetingStatsDimension[];

  @Field(() => DateCountingEnum, { nullable: true, defaultValue: 'CERTAIN', description: 'How a fuzzy date counts under MONTH and YEAR; CERTAIN when omitted or null.' })
  dateCounting?: DateCounting | null;
}
