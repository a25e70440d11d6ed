/**
 * Express middleware: gives each request an id (an incoming safe `x-request-id`, else a new
 * UUID), echoes it in the `x-request-id` response header, and logs one JSON line when the
 * response is done. A GraphQL request is logged at info with its operation and error codes
 * (filled in by the Apollo plugin); other routes (health, metrics, the IDE's assets) at debug.
 * Never logs headers, query strings or variables.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { inFlight, type GraphQLSummary, type RequestRecord } from './in-flight';
import { REQUEST_ID_HEADER, chooseRequestId } from './request-id';

const GRAPHQL_PATH = '/graphql';
const MAX_LOGGED_PATH = 200;

/** Mount first, before every route: `app.use(requestLogging(logger))`. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = chooseRequestId(req.headers[REQUEST_ID_HEADER], (id) => inFlight.has(id));
    // Apollo's request headers are copied from these: that is how the plugin finds the id.
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const record: RequestRecord = {};
    inFlight.set(requestId, record);

    // Answers that never reach Apollo (a malformed body, a body too large) still say which codes they sent.
    let rejectedCodes: string[] | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      rejectedCodes = codesOfBody(body);
      return json(body);
    };

    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      inFlight.delete(requestId);
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const path = (req.originalUrl.split('?')[0] ?? '').slice(0, MAX_LOGGED_PATH);
      const statusCode = res.statusCode;
      const aborted = !res.writableFinished;
      const graphql = record.graphql;
      if (graphql) {
        logGraphQLRequest(logger, { requestId, durationMs, graphql, statusCode, method: req.method ?? '', cache: record.cache, aborted });
      } else if (path === GRAPHQL_PATH && statusCode >= 400) {
        // A GraphQL request refused before Apollo saw it.
        logger.info(
          { requestId, operationName: null, operationType: null, durationMs: round(durationMs), errorCodes: rejectedCodes ?? [], statusCode, method: req.method },
          'graphql request rejected',
        );
      } else {
        logger.debug({ requestId, method: req.method, path, statusCode, durationMs: round(durationMs), ...(aborted ? { aborted } : {}) }, 'http request');
      }
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** The one log line of a GraphQL request that Apollo answered. */
export function logGraphQLRequest(
  logger: Logger,
  line: { requestId: string; durationMs: number; graphql: GraphQLSummary; statusCode: number; method: string; cache: RequestRecord['cache']; aborted: boolean },
): void {
  const { requestId, durationMs, graphql, statusCode, method, cache, aborted } = line;
  logger.info(
    {
      requestId,
      operationName: graphql.operationName,
      operationType: graphql.operationType,
      durationMs: round(durationMs),
      graphqlMs: round(graphql.graphqlMs),
      errorCodes: graphql.errorCodes,
      errorCount: graphql.errorCount,
      variableKeys: graphql.variableKeys,
      statusCode,
      method,
      ...(cache ? { cache } : {}),
      ...(aborted ? { aborted } : {}),
    },
    'graphql request',
  );
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function codesOfBody(body: unknown): string[] | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return [...new Set(errors.map((error) => String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
}
