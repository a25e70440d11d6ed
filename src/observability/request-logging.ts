/**
 * Request ids and the one JSON log line of each request. Each request gets an id (an
 * incoming safe `x-request-id`, else a new UUID), echoed in the `x-request-id` response
 * header; its line is written when the response is done. A /graphql request is logged at
 * info with its operation and error codes (filled in by the Apollo plugin, or by the GraphQL
 * handler for what it refuses or answers from the cache); other routes (pages, health,
 * metrics) at debug. Never logs headers, query strings or variables.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { inFlight, type RequestRecord } from './in-flight';
import { REQUEST_ID_HEADER, chooseRequestId } from './request-id';

const MAX_LOGGED_PATH = 200;

/** Express middleware for the routes beside the API (pages, /health, /metrics): a request id and a debug line. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    trackRequest(req, res, process.hrtime.bigint(), ({ requestId, durationMs, aborted }) => {
      logHttpRequest(logger, req, res.statusCode, requestId, durationMs, aborted);
    });
    next();
  };
}

/** Starts the record and log line of a /graphql request (the GraphQL handler, src/http). */
export function trackGraphQLRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, started: bigint): RequestRecord {
  return trackRequest(req, res, started, ({ requestId, record, durationMs, aborted }) => {
    const statusCode = res.statusCode;
    const method = req.method ?? '';
    if (record.graphql) {
      const { graphql, cache } = record;
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
    } else if (statusCode >= 400) {
      // Refused before Apollo's request pipeline: a body too large or not JSON, CSRF, a batch.
      logger.info(
        { requestId, operationName: null, operationType: null, durationMs: round(durationMs), errorCodes: record.rejectedCodes ?? [], statusCode, method, ...(aborted ? { aborted } : {}) },
        'graphql request rejected',
      );
    } else {
      // A CORS preflight.
      logHttpRequest(logger, req, statusCode, requestId, durationMs, aborted);
    }
  });
}

/**
 * Gives a request its id (an incoming safe `x-request-id` not in flight, else a new UUID),
 * sets it on the request's headers (Apollo's are copied from them: that is how the plugin
 * finds the record) and in the response's, and registers its record in flight; calls
 * `done` once, when the response is sent or the connection closes first (`aborted`).
 */
function trackRequest(
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
  const end = () => {
    inFlight.delete(requestId);
    done({ requestId, record, durationMs: Number(process.hrtime.bigint() - started) / 1e6, aborted: !res.writableFinished });
  };
  // A response emits 'close' after 'finish', or alone when the connection closed first.
  res.once('close', end);
  return record;
}

function logHttpRequest(logger: Logger, req: IncomingMessage, statusCode: number, requestId: string, durationMs: number, aborted: boolean): void {
  const path = ((req.url ?? '').split('?')[0] ?? '').slice(0, MAX_LOGGED_PATH);
  logger.debug({ requestId, method: req.method, path, statusCode, durationMs: round(durationMs), ...(aborted ? { aborted } : {}) }, 'http request');
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
