/**
 * Over HTTP, a subscription operation is refused with BAD_REQUEST (HTTP 400) naming where
 * subscriptions are served. Without this, the HTTP executor would run the subscription's
 * root field once as if it were a query, with no event to return.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export function subscriptionsOverHttpPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions are served over WebSocket at /graphql (the graphql-transport-ws protocol of graphql-ws), not over HTTP.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
