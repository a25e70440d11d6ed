import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { checkSlug } from '../common/filter-values';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import type { ConnectionValue } from '../relay/connection.type';
import { loadAll } from '../relay/load-all';
import { listTopics } from './list-topics';
import { Topic, TopicConnection } from './topic.type';
import { TopicsArgs } from './topics.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Name, NAMES_DESCRIPTION, listedNames } from '../common/name.type';

type TopicEntity = Entity<'Topic'>;

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => Topic, { nullable: true, description: 'A topic by slug, e.g. "energy"; null when none has it.' })
  topic(@Arg('slug', { description: "The topic's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<TopicEntity | null> {
    return loaders.topicById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => TopicConnection, { description: 'All topics, filtered and paged.' })
  topics(@Args(() => TopicsArgs) args: TopicsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<TopicEntity>> {
    return listTopics(context, args);
  }

  @FieldResolver(() => [Name], { description: NAMES_DESCRIPTION })
  @CalledDirectly()
  names(@Root() topic: TopicEntity): Name[] {
    return listedNames(topic);
  }

  @FieldResolver(() => Topic, { nullable: true, description: 'The broader topic, e.g. "security" for "regional security"; null at the top.' })
  @CalledDirectly()
  parent(@Root() topic: TopicEntity, @Ctx() { loaders }: Context): PromiseOrValue<TopicEntity | null> | null {
    return topic.parent === null ? null : loaders.topicById.load(topic.parent);
  }

  @FieldResolver(() => [Topic], { description: 'The narrower topics, by name.' })
  @CalledDirectly()
  children(@Root() topic: TopicEntity, @Ctx() { loaders }: Context): PromiseOrValue<TopicEntity[]> {
    return loadAll(loaders.topicPages, [{ field: 'parent', anyOf: [topic.slug] }], { field: 'NAME', direction: 'ASC' });
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings where this topic was discussed, filtered and paged; newest first by default.' })
  meetings(@Root() topic: TopicEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'topic', anyOf: [topic.slug] }]);
  }
}
