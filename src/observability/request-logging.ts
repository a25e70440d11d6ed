/**
 * Express middleware: gives each request an id (an incoming safe `x-request-id`, else a new
 * UUID), echoes it in the `x-request-id` response header, and logs one JSON line when the
 * response is done. A GraphQL request is logged at info with its operation and error codes
 * (filled in by the Apollo plugin); other routes (health, metrics, the IDE's assets) at debug.
 * Never logs headers, query strings or variables.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { inFlight, type GraphQLSummary, type RequestRecord } from './in-flight';
import { REQUEST_ID_HEADER, chooseRequestId } from './request-id';

const GRAPHQL_PATH = '/graphql';
const MAX_LOGGED_PATH = 200;

/** Mount first, before every route: `app.use(requestLogging(logger))`. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // Answers that never reach Apollo (a malformed body, a body too large) still say which codes they sent.
    let rejectedCodes: string[] | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      rejectedCodes = codesOfBody(body);
      return json(body);
    };
    trackRequest(req, res, process.hrtime.bigint(), ({ requestId, record, durationMs, aborted }) => {
      const path = (req.originalUrl.split('?')[0] ?? '').slice(0, MAX_LOGGED_PATH);
      const statusCode = res.statusCode;
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
    });
    next();
  };
}

/**
 * Gives a request its id (an incoming safe `x-request-id` not in flight, else a new UUID),
 * sets it on the request's headers (Apollo's are copied from them: that is how the plugin
 * finds the record) and in the response's, and registers its record in flight; calls
 * `done` once, when the response is sent or the connection closes first (`aborted`).
 */
export function trackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  started: bigint,
  done: (request: { requestId: string; record: RequestRecord; durationMs: number; aborted: boolean }) => void,
): RequestRecord {
  const requestId = chooseRequestId(req.headers[REQUEST_ID_HEADER], (id) => inFlight.has(id));
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const record: RequestRecord = {};
  inFlight.set(requestId, record);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    inFlight.delete(requestId);
    done({ requestId, record, durationMs: Number(process.hrtime.bigint() - started) / 1e6, aborted: !res.writableFinished });
  };
  res.once('finish', end);
  res.once('close', end);
  return record;
}

/** The one log line of a GraphQL request that Apollo answered (or the response cache, for Apollo). */
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
