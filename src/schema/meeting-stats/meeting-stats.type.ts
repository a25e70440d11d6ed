/**
 * The answer of `meetingStats`: how many meetings match, of which visits, parts of larger
 * events and others, and the groups they fall into (src/domain/meeting-stats.ts counts).
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { MeetingStatsDimension } from '../../domain/meeting-stats';
import { MeetingStatsDimensionEnum } from '../common/enums';

const ROLES =
  'Each meeting is exactly one of: a visit (kind VISIT, not part of another event), a part (of a larger event, `Meeting.partOf`: a meeting during a visit, a side meeting of a conference), or another meeting; so `visits + parts + others` is the count, and visits plus others are the events that are not part of another.';

@ObjectType({ simpleResolvers: true, description: 'One key of a group: its value in one dimension.' })
export class MeetingStatsKey {
  @Field(() => MeetingStatsDimensionEnum, { description: 'The dimension.' })
  dimension!: MeetingStatsDimension;

  @Field(() => String, {
    nullable: true,
    description:
      'The key: "2023-02" (MONTH), "2023" (YEAR), "VISIT" (KIND), "KZ" (COUNTRY), "KZ-US" (COUNTRY_PAIR), "regional-security" (TOPIC), "CONSULT" (PLOVER_CATEGORY). Null for the meetings with no key in the dimension: a date not certainly in one month or year (CERTAIN) or with an unknown bound (SPLIT), a meeting of one country (COUNTRY_PAIR), with no topic (TOPIC).',
  })
  value!: string | null;

  @Field({ description: 'The key in words: "February 2023", "Kazakhstan – United States", "regional security", "bilateral meeting"; for a null value "uncertain", "unbounded", "no pair" or "no topic".' })
  label!: string;
}

@ObjectType({ simpleResolvers: true, description: `The meetings under one combination of keys, one per dimension of \`groupBy\`. Under dateCounting SPLIT a meeting may count a fraction in a group. ${ROLES}` })
export class MeetingStatsGroup {
  @Field(() => [MeetingStatsKey], { description: 'The keys, in the order of `groupBy`.' })
  keys!: MeetingStatsKey[];

  @Field(() => Float, { description: 'How many meetings fall under these keys (rounded to six decimals): visits + parts + others.' })
  count!: number;

  @Field(() => Float, { description: 'How many of them are visits.' })
  visits!: number;

  @Field(() => Float, { description: 'How many of them are part of a larger event (a meeting during a visit).' })
  parts!: number;

  @Field(() => Float, { description: 'How many of them are neither.' })
  others!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: `Counts of the meetings matching a filter, grouped. ${ROLES} A meeting counts once in \`total\` but may count in several groups: under each of its countries, country pairs and topics (rolled up). See docs/counts.md.`,
})
export class MeetingStats {
  @Field(() => Int, { description: 'How many meetings match the filter: visits + parts + others.' })
  total!: number;

  @Field(() => Int, { description: 'How many of them are visits (kind VISIT, not part of another event).' })
  visits!: number;

  @Field(() => Int, { description: 'How many of them are part of a larger event (`Meeting.partOf` set).' })
  parts!: number;

  @Field(() => Int, { description: 'How many of them are neither.' })
  others!: number;

  @Field(() => Int, { description: 'How many groups there are: more than `groups` holds when `first` cut them.' })
  groupCount!: number;

  @Field(() => [MeetingStatsGroup], {
    description:
      'The groups with at least one meeting, ordered key by key: a MONTH or YEAR key ascending; any other key by its count in that dimension alone, descending, then by label; the null key last. An empty `groupBy` gives one group of every matching meeting (none when nothing matches).',
  })
  groups!: MeetingStatsGroup[];
}
