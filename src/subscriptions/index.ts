/**
 * Live updates (README, "Live updates"): the `changes` subscription over graphql-ws at
 * /graphql, fed by the store's change feed, with a bounded queue per subscriber.
 */
export { createSubscriptionServer, DEFAULT_CONNECTION_SETTINGS, SUBSCRIPTIONS_PATH, type ConnectionSettings, type SubscriptionServer } from './subscription-server';
export { subscriptionsOverHttpPlugin } from './http-subscriptions.plugin';
export { changeFeed, ChangeStream, CATCH_UP_PAGE, type ChangeFeed, type FollowOptions } from './change-stream';
export { SubscriberTooSlowError, SUBSCRIBER_TOO_SLOW } from './subscriber-too-slow.error';
