/**
 * Builds the HTTP server: every /graphql request goes through one handler onto Apollo
 * Server (src/http/graphql-handler.ts: CORS, body, response cache, CSRF prevention, limits,
 * logging), except a browser's navigation to the IDE; Express serves the pages (the IDE and
 * the explorer), the exports (`/export`), `/health` and `/metrics`. Never listens: the
 * caller (index.ts, or a test) does.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { TokenVerifier } from './auth/viewer';
import { releaseViewPlugin, type Context, type ContextServices } from './context';
import { compiledExecutorGateway } from './execution/compiled-executor';
import { ResponseCache, responseCachePlugin } from './cache/response-cache';
import { graphqlHandler, isGraphQLPath } from './http/graphql-handler';
import { createFormatError } from './errors/format-error';
import { createMetrics, type Metrics } from './metrics';
import { observabilityPlugin, requestLogging, type ObservabilityOptions } from './observability';
import { buildAppSchema } from './schema/index';
import { buildSubgraphAppSchema, subgraphPlugins } from './federation/index';
import { CursorCodec } from './schema/relay/cursor';
import type { Store } from './store/contract/store';
import { createLimits, keepLimitCodes } from './limits/index';
import { createSubscriptionServer, subscriptionsOverHttpPlugin } from './subscriptions/index';
import { mountPages, wantsIdePage } from './pages/page-routes';
import { exportRoutes } from './export/export-routes';
import { EXPORT_FORMATS } from './export/export-formats';

export interface EntenteServer {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  metrics: Metrics;
  /** Stops Apollo and closes the HTTP server, letting in-flight requests finish. */
  stop(): Promise<void>;
}

/** What a test may set beyond the configuration. */
export interface ServerOptions {
  /** How operation names become metric labels. */
  observability?: ObservabilityOptions;
}

/** Builds (and starts Apollo inside) the server over `store`, without listening. */
export async function createServer(store: Store, config: Config, logger: Logger, options: ServerOptions = {}): Promise<EntenteServer> {
  const metrics = createMetrics();
  const cursors = new CursorCodec(config.cursorSecret);
  const tokens = new TokenVerifier(config.apiTokens);
  const app = express();
  app.disable('x-powered-by');
  // First, so every page's log line carries a request id.
  app.use(requestLogging(logger));
  const responseCache = new ResponseCache({ maxBytes: config.responseCacheMaxBytes });
  // Set once Apollo is made (it needs the HTTP server, for draining); nothing arrives before listen().
  let handle: http.RequestListener = app;
  // Slow clients: a request's headers, and the whole request, must arrive in time, and
  // idle keep-alive connections close. Node checks these every connectionsCheckingInterval.
  const httpServer = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.httpRequestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
    (req, res) => handle(req, res),
  );
  httpServer.keepAliveTimeout = config.keepAliveTimeoutMs;
  const limits = createLimits<Context>(config);
  const services: ContextServices = { store, metrics, cursors, tokens, requestTimeoutMs: config.requestTimeoutMs };
  // Live updates: graphql-ws on the same port and path, for WebSocket upgrades (src/subscriptions).
  const subscriptions = createSubscriptionServer({ httpServer, schema: buildAppSchema(), store, services, config, logger, metrics });

  const apollo = new ApolloServer<Context>({
    // graphql-jit executes (src/execution); Apollo parses, validates, runs plugins, serializes.
    // FEDERATION=1: the same API as an Apollo Federation 2 subgraph (src/federation).
    gateway: compiledExecutorGateway(config.federation ? buildSubgraphAppSchema() : buildAppSchema()),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.development,
    hideSchemaDetailsFromClientErrors: !config.development,
    formatError: keepLimitCodes(createFormatError(config.development, logger)),
    // Query limits (src/limits): depth and aliases here, tokens and cost in the plugin.
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Batched HTTP requests (a JSON array of operations) stay refused, Apollo's default.
    allowBatchedHttpRequests: false,
    // index.ts handles SIGTERM and SIGINT itself, to drain and exit 0.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      observabilityPlugin(metrics, options.observability),
      responseCachePlugin<Context>(),
      releaseViewPlugin<Context>(),
      ...limits.plugins,
      subscriptionsOverHttpPlugin<Context>(),
      ...(config.federation ? subgraphPlugins<Context>() : []),
    ],
  });
  await apollo.start();
  const graphql = graphqlHandler({
    apollo,
    services,
    cache: responseCache,
    cacheRequests: metrics.responseCacheRequests,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.maxBodyBytes,
    logger,
  });
  // One path for the API; Express only for the pages, the exports, /health and /metrics.
  handle = (req, res) => (isGraphQLPath(req.url ?? '') && !wantsIdePage(req) ? graphql(req, res) : app(req, res));

  app.get('/health', async (_req, res) => {
    // `indexing`: the word and name indexes are still being built after start-up; queries
    // that need them wait until they are ready, every other query is answered already.
    let counts: Awaited<ReturnType<Store['counts']>>;
    try {
      counts = await store.counts();
    } catch (error) {
      // The database is unreachable: this replica cannot answer; a load balancer should look elsewhere.
      logger.warn({ err: error }, 'health check: the store did not answer');
      res.status(503).json({ status: 'unavailable', store: store.kind, dataVersion: store.version, error: { code: 'STORE_UNAVAILABLE', message: 'the store did not answer' } });
      return;
    }
    // Read replicas: a replica that is down does not make this server unhealthy (its reads go to the primary), so still 200.
    const readReplicas = (await store.readReplicas?.()) ?? [];
    res.json({ status: 'ok', store: store.kind, dataVersion: store.version, indexing: store.indexing, counts, ...(readReplicas.length > 0 ? { readReplicas } : {}) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(exportRoutes({ store, metrics, formats: EXPORT_FORMATS, corsOrigins: config.corsOrigins, logger }));
  mountPages(app);
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found. The API is at POST /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(jsonErrors(logger));

  return {
    httpServer,
    apollo,
    metrics,
    async stop() {
      // First: open WebSockets would keep the HTTP server from closing.
      await subscriptions.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Answers a page route's failure as GraphQL-style JSON errors, never an HTML stack trace. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
    const [message, code] = status < 500 ? [error.message ?? 'Bad request.', 'BAD_REQUEST'] : ['Internal server error', 'INTERNAL_SERVER_ERROR'];
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
