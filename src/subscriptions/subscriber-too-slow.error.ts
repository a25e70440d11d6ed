import { GraphQLError } from 'graphql';

/** The `extensions.code` of a subscription ended because its subscriber fell behind. */
export const SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW';

/**
 * A live subscription let more changes wait undelivered than SUBSCRIPTION_BUFFER allows
 * (its client reads too slowly), so the server dropped them and ended it. Nothing is
 * lost: subscribing again with `after` set to the last seq received replays the rest.
 */
export class SubscriberTooSlowError extends GraphQLError {
  constructor(limit: number) {
    super(
      `The subscriber fell behind: more than ${limit} changes waited undelivered, so the subscription was ended. Subscribe again with \`after\` set to the last seq you received to resume.`,
      { extensions: { code: SUBSCRIBER_TOO_SLOW, limit } },
    );
    this.name = 'SubscriberTooSlowError';
  }
}
