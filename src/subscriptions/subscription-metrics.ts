/**
 * Gauges of live updates, on the server's registry beside its other metrics: open
 * WebSocket connections, open subscriptions, and the change events waiting undelivered in
 * every subscriber's queue (bounded by SUBSCRIPTION_BUFFER each: the number to watch).
 */
import { Gauge, type Registry } from 'prom-client';
import type { ChangeStreamObserver } from './change-stream';

export interface SubscriptionMetrics {
  connections: Gauge;
  /** Open subscriptions and their queued events, as a change stream reports them. */
  streams: ChangeStreamObserver;
}

export function createSubscriptionMetrics(registry: Registry): SubscriptionMetrics {
  const connections = new Gauge({ name: 'graphql_ws_connections', help: 'Open WebSocket (graphql-ws) connections.', registers: [registry] });
  const subscriptions = new Gauge({ name: 'graphql_subscriptions', help: 'Open subscriptions to the change feed.', registers: [registry] });
  const queued = new Gauge({
    name: 'graphql_subscription_queued_events',
    help: 'Change events waiting undelivered, over every subscription (each is cut off past SUBSCRIPTION_BUFFER).',
    registers: [registry],
  });
  return {
    connections,
    streams: {
      opened: () => subscriptions.inc(),
      closed: () => subscriptions.dec(),
      queued: (delta) => queued.inc(delta),
    },
  };
}
