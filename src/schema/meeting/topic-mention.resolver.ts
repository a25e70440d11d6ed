import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { MeetingTopicRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Topic } from '../topic/topic.type';
import { TopicMention } from './topic-mention.type';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';

@Resolver(() => TopicMention)
export class TopicMentionResolver {
  @FieldResolver(() => Topic, { description: 'The topic.' })
  @CalledDirectly()
  topic(@Root() mention: MeetingTopicRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Topic'> | null> {
    return loaders.topicById.load(mention.topic);
  }
}
