/**
 * `Subscription.changes`: the change feed, live, over the graphql-ws protocol at /graphql
 * (src/subscriptions). The events come from the context's ChangeFeed, built on the store's
 * `watch` and `changes`, so no global PubSub is involved; each event is a `Change`, whose
 * fields ChangeResolver resolves as for the `changes` query.
 */
import { GraphQLError } from 'graphql';
import { Args, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { ChangeEvent } from '../../store/contract/store';
import type { ChangeFeed } from '../../subscriptions/change-stream';
import { Change } from './change.type';
import { LiveChangesArgs } from './live-changes.args';

/** The context of a subscription: a request's, plus the live feed (only the WebSocket server provides it). */
export interface SubscriptionContext extends Context {
  live?: ChangeFeed;
}

@Resolver(() => Change)
export class LiveChangesResolver {
  @Subscription(() => Change, {
    description:
      'Every write as it is applied, in seq order (over WebSocket: the graphql-ws protocol at /graphql). A subscriber that lets more than SUBSCRIPTION_BUFFER changes wait is ended with SUBSCRIBER_TOO_SLOW; subscribe again with `after` to resume.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, LiveChangesArgs, SubscriptionContext>) => followChanges(args, context),
  })
  changes(@Root() event: ChangeEvent, @Args(() => LiveChangesArgs) _args: LiveChangesArgs): ChangeEvent {
    return event;
  }
}

function followChanges(args: LiveChangesArgs, context: SubscriptionContext): AsyncIterableIterator<ChangeEvent> {
  if (!context.live) {
    throw new GraphQLError('Subscriptions are served over WebSocket at /graphql (the graphql-transport-ws protocol of graphql-ws).', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const after = args.after ?? null;
  if (after !== null && after < 0) throw new BadUserInputError(`after must be a seq of 0 or more; got ${after}.`, 'after');
  return context.live.follow({ after, types: args.types ?? null });
}
