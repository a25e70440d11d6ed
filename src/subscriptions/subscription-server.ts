/**
 * Live updates: the schema's subscriptions (`changes`) over the graphql-ws protocol at
 * /graphql, on the HTTP server's own port, with the rules HTTP requests follow:
 *
 * - auth: reads are public; a token sent as `connectionParams.authorization` is checked
 *   like the Authorization header, and a connection presenting a bad one is closed with
 *   4401 (reason `UNAUTHENTICATED: …`) before it is acknowledged;
 * - limits: the same parse, depth, alias, token and cost limits, with the same codes;
 *   only subscriptions (queries and mutations go to POST /graphql);
 * - errors: each with `extensions.code`, no stack or internal message outside development;
 * - bounds: at most MAX_WS_CONNECTIONS connections (else closed with 1013,
 *   TOO_MANY_CONNECTIONS), MAX_SUBSCRIPTIONS subscriptions over all of them and
 *   `maxSubscriptionsPerConnection` on one (TOO_MANY_SUBSCRIPTIONS), a connection_init
 *   within `connectionInitTimeoutMs` (else 4408), SUBSCRIPTION_BUFFER events waiting per subscriber (else SUBSCRIBER_TOO_SLOW);
 * - one log line per subscription when it ends (or is refused), and gauges in /metrics.
 */
import type http from 'node:http';
import { GraphQLError, type GraphQLSchema, type ExecutionResult } from 'graphql';
import { CloseCode, makeServer, type FormattedExecutionResult } from 'graphql-ws';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createContext, type ContextServices } from '../context';
import { createLimits } from '../limits/index';
import type { Metrics } from '../metrics';
import type { SubscriptionContext } from '../schema/change/live-changes.resolver';
import type { Store } from '../store/contract/store';
import { changeFeed } from './change-stream';
import { subscribeWithEventContexts, type EventContexts } from './event-execution';
import { createFormatErrors } from './format-errors';
import { checkSubscription } from './operation-checks';
import { createSubscriptionMetrics } from './subscription-metrics';
import { attachWebSocketTransport, type ConnectionExtra, type WebSocketTransport } from './ws-transport';

/** How much of a client-supplied operation name a log line keeps. */
const MAX_LOGGED_NAME = 200;

/** The path of the WebSocket endpoint: the GraphQL endpoint's. */
export const SUBSCRIPTIONS_PATH = '/graphql';

/** Per-connection settings (constants in production; tests shorten them). */
export interface ConnectionSettings {
  /** How often each connection is pinged; one left unanswered until the next drops it. */
  keepAliveMs: number;
  /** How long a new connection may take to send connection_init (else closed with 4408). */
  connectionInitTimeoutMs: number;
  maxSubscriptionsPerConnection: number;
  /** Unsent bytes a connection may hold before it is dropped (a backstop: each subscriber's queue is bounded first). */
  maxBufferedBytes: number;
  /** How long connections get to close on shutdown before they are cut. */
  closeGraceMs: number;
}

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  keepAliveMs: 12_000,
  connectionInitTimeoutMs: 3_000,
  maxSubscriptionsPerConnection: 20,
  maxBufferedBytes: 16 * 1024 * 1024,
  closeGraceMs: 1_000,
};

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  store: Store;
  services: ContextServices;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  settings?: Partial<ConnectionSettings>;
}

export type SubscriptionServer = WebSocketTransport;

interface Extra extends ConnectionExtra {
  /** The token the connection presented (checked in onConnect), for each event's context. */
  authorization: string | undefined;
  /** Each running subscription's log record, by id. */
  running: Map<string, SubscriptionRecord>;
}

interface SubscriptionRecord {
  operationName: string | null;
  started: number;
  events: number;
  errorCodes: string[];
}

/** Serves subscriptions on `httpServer` (upgrades of /graphql) until `close()`. */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { schema, services, config, logger } = options;
  const settings = { ...DEFAULT_CONNECTION_SETTINGS, ...options.settings };
  const gauges = createSubscriptionMetrics(options.metrics.registry);
  const feed = changeFeed(options.store, config.subscriptionBuffer, gauges.streams);
  const { validationRules } = createLimits(config);
  const formatErrors = createFormatErrors(config.development, logger, options.metrics);
  // An event is read at the version that brought it, at least (a read replica may not have replayed it yet).
  const contextFor = (authorization: string | undefined): SubscriptionContext & EventContexts =>
    Object.assign(createContext(services, authorization), { live: feed, eventContext: () => createContext(services, authorization, services.store.version) });

  /** Subscriptions accepted and not yet ended, over every connection (MAX_SUBSCRIPTIONS). */
  let running = 0;
  /** Ends subscription `id` of a connection once: frees its place and logs its line. */
  const end = (extra: Extra, id: string): void => {
    const record = extra.running.get(id);
    if (!record) return;
    extra.running.delete(id);
    running--;
    const { operationName, started, events, errorCodes } = record;
    logger.info({ operationName, durationMs: Math.round(performance.now() - started), events, errorCodes: [...new Set(errorCodes)] }, 'subscription ended');
  };

  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    schema,
    connectionInitWaitTimeout: settings.connectionInitTimeoutMs,
    onConnect(ctx) {
      const authorization = authorizationOf(ctx.connectionParams);
      if (authorization === null || services.tokens.viewer(authorization).kind === 'invalid-token') {
        // Before graphql-ws closes with 4403 (retried by clients): a bad credential is not worth retrying.
        ctx.extra.socket.close(CloseCode.Unauthorized, 'UNAUTHENTICATED: the bearer token is not valid');
        return false;
      }
      ctx.extra.authorization = authorization;
      return true;
    },
    onSubscribe(ctx, id, payload) {
      if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
        return [tooManySubscriptions(settings.maxSubscriptionsPerConnection)];
      }
      if (running >= config.maxSubscriptions) return [tooManySubscriptionsOnServer(config.maxSubscriptions)];
      const checked = checkSubscription(schema, payload, config, validationRules);
      if (Array.isArray(checked)) return checked;
      running++;
      ctx.extra.running.set(id, { operationName: loggedName(checked.operation.name?.value ?? payload.operationName), started: performance.now(), events: 0, errorCodes: [] });
      return {
        schema,
        document: checked.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: contextFor(ctx.extra.authorization),
      };
    },
    subscribe: subscribeWithEventContexts,
    onNext(ctx, id, _payload, _args, result) {
      const record = ctx.extra.running.get(id);
      if (record && result.data) record.events++;
      if (!result.errors) return undefined;
      const errors = formatErrors(result.errors);
      record?.errorCodes.push(...codesOf(errors));
      return formattedResult(result, errors);
    },
    onError(ctx, id, payload, errors) {
      const formatted = formatErrors(errors);
      const record = ctx.extra.running.get(id);
      if (record) record.errorCodes.push(...codesOf(formatted));
      else logger.info({ operationName: loggedName(payload.operationName), errorCodes: codesOf(formatted) }, 'subscription refused');
      return formatted;
    },
    onComplete(ctx, id) {
      end(ctx.extra, id);
    },
    onClose(ctx) {
      // One whose start failed unexpectedly never completes: it must not hold its place.
      for (const id of [...ctx.extra.running.keys()]) end(ctx.extra, id);
    },
  });

  return attachWebSocketTransport(options.httpServer, protocol, (socket, request) => ({ socket, request, authorization: undefined, running: new Map() }), {
    path: SUBSCRIPTIONS_PATH,
    maxPayload: config.maxBodyBytes,
    keepAliveMs: settings.keepAliveMs,
    maxConnections: config.maxWsConnections,
    maxBufferedBytes: settings.maxBufferedBytes,
    closeGraceMs: settings.closeGraceMs,
    corsOrigins: config.corsOrigins,
    logger,
    onConnections: (delta) => gauges.connections.inc(delta),
  });
}

/** The Authorization a connection presents: undefined when none, null when not a string. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined | null {
  const value = params?.authorization ?? params?.Authorization;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : null;
}

/** A client's operation name as a log line keeps it (as for HTTP requests). */
function loggedName(name: string | null | undefined): string | null {
  return name ? name.slice(0, MAX_LOGGED_NAME) : null;
}

function tooManySubscriptions(limit: number): GraphQLError {
  return new GraphQLError(`This connection has too many subscriptions: the limit is ${limit}. Complete one first, or open another connection.`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit },
  });
}

function tooManySubscriptionsOnServer(limit: number): GraphQLError {
  return new GraphQLError(`This server has too many subscriptions running: the limit is ${limit}. Try again later.`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit },
  });
}

function codesOf(errors: readonly { extensions?: Record<string, unknown> }[]): string[] {
  return errors.map((error) => String(error.extensions?.code));
}

function formattedResult(result: ExecutionResult, errors: FormattedExecutionResult['errors']): FormattedExecutionResult {
  return { data: result.data, errors, ...(result.extensions ? { extensions: result.extensions } : {}) };
}
