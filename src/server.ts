/**
 * Builds the HTTP server: Apollo Server on `/graphql` (with CORS for CORS_ORIGINS), the
 * in-browser IDE for browsers on GET `/graphql`, `/health` and `/metrics`.
 * Never listens: the caller (index.ts, or a test) does.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { TokenVerifier } from './auth/viewer';
import { createContext, releaseViewPlugin, type Context, type ContextServices } from './context';
import { compiledExecutorGateway } from './execution/compiled-executor';
import { ResponseCache, keepCacheKey, responseCacheMiddleware, responseCachePlugin } from './cache/response-cache';
import { frontParseErrors, graphqlFront } from './http/graphql-front';
import { createFormatError } from './errors/format-error';
import { createMetrics, type Metrics } from './metrics';
import { observabilityPlugin, requestLogging } from './observability';
import { buildAppSchema } from './schema/index';
import { buildSubgraphAppSchema, subgraphPlugins } from './federation/index';
import { CursorCodec } from './schema/relay/cursor';
import type { Store } from './store/contract/store';
import { createLimits, keepLimitCodes } from './limits/index';
import { createSubscriptionServer, subscriptionsOverHttpPlugin } from './subscriptions/index';
import { CORS_HEADERS_WITHOUT_ORIGIN, graphqlCors } from './web/graphql-cors';
import { mountWebRoutes } from './web/web-routes';

/** The default largest request body accepted, in bytes (MAX_BODY_BYTES sets it). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface EntenteServer {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  metrics: Metrics;
  /** Stops Apollo and closes the HTTP server, letting in-flight requests finish. */
  stop(): Promise<void>;
}

/** Builds (and starts Apollo inside) the server over `store`, without listening. */
export async function createServer(store: Store, config: Config, logger: Logger): Promise<EntenteServer> {
  const metrics = createMetrics();
  const cursors = new CursorCodec(config.cursorSecret);
  const tokens = new TokenVerifier(config.apiTokens);
  const app = express();
  app.disable('x-powered-by');
  // First, so every route's log line carries a request id.
  app.use(requestLogging(logger));
  // Slow clients: a request's headers, and the whole request, must arrive in time, and
  // idle keep-alive connections close. Node checks these every connectionsCheckingInterval.
  const responseCache = new ResponseCache({ maxBytes: config.responseCacheMaxBytes });
  // Set once Apollo is made (it needs the HTTP server, for draining); nothing arrives before listen().
  let handle: http.RequestListener = app;
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
      observabilityPlugin(logger, metrics),
      responseCachePlugin<Context>(),
      releaseViewPlugin<Context>(),
      ...limits.plugins,
      subscriptionsOverHttpPlugin<Context>(),
      ...(config.federation ? subgraphPlugins<Context>() : []),
    ],
  });
  await apollo.start();
  // Plain API clients' POSTs are answered before Express (src/http/graphql-front.ts).
  handle = graphqlFront(
    {
      cache: responseCache,
      currentVersion: () => store.version,
      cacheRequests: metrics.responseCacheRequests,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      apollo,
      createContext: (authorization) => createContext(services, authorization),
      headers: CORS_HEADERS_WITHOUT_ORIGIN,
    },
    app,
  );

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
    res.json({ status: 'ok', store: store.kind, dataVersion: store.version, indexing: store.indexing, counts });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Before the GraphQL endpoint: a browser's GET /graphql is the IDE, not an operation.
  mountWebRoutes(app);
  app.use(
    '/graphql',
    graphqlCors(config.corsOrigins),
    frontParseErrors,
    // The body's bytes give the response cache's key (unless the cache's front path read them already).
    express.json({ limit: config.maxBodyBytes, verify: keepCacheKey }),
    responseCacheMiddleware(responseCache, () => store.version, (res) => res.locals.context as Context | undefined, metrics.responseCacheRequests),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = createContext(services, req.headers.authorization);
        // For the response cache, once Apollo has answered.
        res.locals.context = context;
        return context;
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found. The API is at POST /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(jsonErrors(logger, config.maxBodyBytes));

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

/** Answers body-parsing and other HTTP-level failures as GraphQL-style JSON errors, never an HTML stack trace. */
function jsonErrors(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const [message, code] =
      error.type === 'entity.parse.failed'
        ? ['The request body is not valid JSON.', 'BAD_REQUEST']
        : error.type === 'entity.too.large'
          ? [`The request body exceeds ${maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE']
          : status < 500
            ? [error.message ?? 'Bad request.', 'BAD_REQUEST']
            : ['Internal server error', 'INTERNAL_SERVER_ERROR'];
    if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
