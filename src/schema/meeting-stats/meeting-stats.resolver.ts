/**
 * `meetingStats`: counts of the meetings matching a `MeetingFilter`, grouped. One path on
 * both stores: the meetings come from the store's `meetingTallies` with the conditions of
 * `meetings(filter:)`, told apart only by the parts of their summaries the grouping reads
 * (the JSON store gives each meeting as it lies in memory; PostgreSQL groups them in the
 * database), through the request's loader, and are counted by the pure `meetingStats` of
 * src/domain/meeting-stats.ts with the countries and the topic tree the keys need.
 */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { checkStatsRequest, countedParts, meetingStats, StatsRequestError, type MeetingStatsResult, type StatsKey, type StatsReference } from '../../domain/meeting-stats';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { Cost } from '../../limits/field-cost';
import type { Entity } from '../../store/contract/store';
import { CalledDirectly } from '../direct-resolvers';
import { meetingConditions } from '../meeting/meeting-conditions';
import { loadAll } from '../relay/load-all';
import { Node } from '../relay/node.type';
import { MeetingStatsArgs } from './meeting-stats.args';
import { MeetingStats, MeetingStatsKey } from './meeting-stats.type';

/**
 * What counting costs in the query cost model: it reads every matching meeting once, 35 to
 * 90 ms of CPU for one dimension at 100,000 meetings, up to 300 ms for two crossed
 * (bench/stats.ts, docs/performance.md),
 * like a draft (DRAFT_COST), so the limit (MAX_QUERY_COST, 20,000 by default) admits a
 * handful of groupings per request, not dozens.
 */
export const MEETING_STATS_COST = 2_000;

@Resolver(() => MeetingStats)
export class MeetingStatsResolver {
  @Query(() => MeetingStats, {
    description:
      'Counts of the meetings matching `filter`, grouped by month, year, kind, country, country pair, topic (rolled up through the topic tree) or PLOVER category, or several of these crossed; visits, parts of larger events (the meetings during a visit) and other meetings counted apart so that nothing counts twice by accident. See docs/counts.md.',
  })
  @Cost(MEETING_STATS_COST)
  meetingStats(@Args(() => MeetingStatsArgs) args: MeetingStatsArgs, @Ctx() context: Context): PromiseOrValue<MeetingStatsResult> {
    const { groupBy } = args;
    const dateCounting = args.dateCounting ?? 'CERTAIN';
    const first = args.first ?? null;
    rethrowAsBadInput(() => checkStatsRequest(groupBy, first));
    const { loaders } = context;
    const meetings = then(meetingConditions(loaders, args.filter), (filter) => loaders.meetingTallies.load({ filter, parts: countedParts(groupBy) }));
    const countries = groupBy.includes('COUNTRY') || groupBy.includes('COUNTRY_PAIR') ? loadAll(loaders.countryPages, [], { field: 'NAME', direction: 'ASC' }) : [];
    const topics = groupBy.includes('TOPIC') ? loadAll(loaders.topicPages, [], { field: 'NAME', direction: 'ASC' }) : [];
    return then(meetings, (tallies) =>
      then(countries, (countryList) =>
        then(topics, (topicList) => {
          const reference: StatsReference = {
            countries: new Map(countryList.map((country) => [country.slug, country])),
            topics: new Map(topicList.map((topic) => [topic.slug, topic])),
          };
          return rethrowAsBadInput(() => meetingStats(tallies, groupBy, dateCounting, reference, first));
        }),
      ),
    );
  }
}

@Resolver(() => MeetingStatsKey)
export class MeetingStatsKeyResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'The entity the key stands for: the Country of a COUNTRY key, the Topic of a TOPIC key; null for other keys.' })
  @CalledDirectly()
  node(@Root() key: StatsKey, @Ctx() { loaders }: Context): PromiseOrValue<Entity | null> {
    if (key.entity === null) return null;
    return key.entity.type === 'Country' ? loaders.countryById.load(key.entity.slug) : loaders.topicById.load(key.entity.slug);
  }
}

function rethrowAsBadInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof StatsRequestError) throw new BadUserInputError(error.message, error.argument);
    throw error;
  }
}
