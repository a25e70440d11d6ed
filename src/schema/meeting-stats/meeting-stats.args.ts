import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_STATS_DIMENSIONS, MAX_STATS_GROUPS, type DateCounting, type MeetingStatsDimension } from '../../domain/meeting-stats';
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

  @Field(() => Int, {
    nullable: true,
    description: `Answer only the first n groups in their order (0 to ${MAX_STATS_GROUPS}), e.g. the 20 country pairs that met most; \`groupCount\` says how many there are. Omitted: every group, and BAD_USER_INPUT when there are more than ${MAX_STATS_GROUPS}.`,
  })
  first?: number | null;
}
