/**
 * The GraphQL front path, in front of Express. Most API traffic is POST /graphql with a
 * small JSON body from a program, not from a web page on another origin: for those, Express's
 * routing, CORS, body parser and middlewares add nothing but time (about 40% of an uncached
 * request). This node:http handler takes exactly those requests and answers them itself:
 * - a response cache hit is sent at once;
 * - otherwise the parsed body goes straight to Apollo (`executeHTTPGraphQLRequest`, all
 *   that Apollo's Express integration does), with the same context, headers, cache rules
 *   and log line as the Express path.
 * GET /graphql with a preflight header (the form the response cache keys) is answered here
 * on a hit and goes to Express otherwise.
 *
 * Everything else goes to Express untouched: requests with an Origin header (CORS applies),
 * other paths and methods, other content types or encodings, bodies of unknown length or
 * over 64 KiB (Express's parser enforces MAX_BODY_BYTES). A body read here that is not a
 * JSON object or array goes on to Express marked `frontParseError`, which answers 400 as its
 * body parser would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { Context } from '../context';
import { JSON_CONTENT_TYPE, getKey, keepResponse, postKey, sendHit, type KeyedRequest, type ResponseCache } from '../cache/response-cache';
import { inFlight, type RequestRecord } from '../observability/in-flight';
import { REQUEST_ID_HEADER, chooseRequestId } from '../observability/request-id';
import { logGraphQLRequest, trackRequest } from '../observability/request-logging';

/** Larger POST bodies go to Express unread. */
const MAX_FRONT_BODY_BYTES = 64 * 1024;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A request whose body this path read, handed on to Express. */
export interface FrontRequest extends KeyedRequest {
  body?: unknown;
  /** The body was read but is not a JSON object or array: Express answers 400 as its body parser would. */
  frontParseError?: boolean;
}

export interface GraphQLFrontOptions {
  cache: ResponseCache;
  currentVersion: () => number;
  /** response_cache_requests_total. */
  cacheRequests: Counter<'result'>;
  logger: Logger;
  maxBodyBytes: number;
  apollo: ApolloServer<Context>;
  /** The context of a new request, as the Express path makes it. */
  createContext: (authorization: string | undefined) => Context;
  /** Headers every /graphql answer carries (those the CORS middleware sets for a request without Origin). */
  headers: Readonly<Record<string, string>>;
}

/** Wraps the Express app: `http.createServer(graphqlFront(options, app))`. */
export function graphqlFront(options: GraphQLFrontOptions, app: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  const { cache, currentVersion, cacheRequests, logger, apollo } = options;
  const maxBody = Math.min(MAX_FRONT_BODY_BYTES, options.maxBodyBytes);
  const fixedHeaders = Object.entries(options.headers);

  /** Starts the request's record and log line, as the Express path's request logging does. */
  const begin = (req: IncomingMessage, res: ServerResponse, started: bigint): RequestRecord => {
    for (const [name, value] of fixedHeaders) res.setHeader(name, value);
    return trackRequest(req, res, started, ({ requestId, record, durationMs, aborted }) => {
      const graphql = record.graphql ?? { operationName: null, operationType: null, errorCodes: ['INTERNAL_SERVER_ERROR'], errorCount: 1, variableKeys: [], graphqlMs: 0 };
      logGraphQLRequest(logger, { requestId, durationMs, graphql, statusCode: res.statusCode, method: req.method ?? '', cache: record.cache, aborted });
    });
  };

  const hit = (req: IncomingMessage, res: ServerResponse, key: string, started: bigint): boolean => {
    const found = cache.get(currentVersion(), key);
    if (!found) return false;
    cacheRequests.inc({ result: 'hit' });
    // Answered at once, so without a record in flight or listeners: the line is logged now.
    const requestId = chooseRequestId(req.headers[REQUEST_ID_HEADER], (id) => inFlight.has(id));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of fixedHeaders) res.setHeader(name, value);
    const statusCode = sendHit(req, res, found);
    const graphql = { operationName: found.operationName, operationType: 'query', errorCodes: [], errorCount: 0, variableKeys: [], graphqlMs: 0 };
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logGraphQLRequest(logger, { requestId, durationMs, graphql, statusCode, method: req.method ?? '', cache: 'hit', aborted: false });
    return true;
  };

  const execute = async (req: IncomingMessage, res: ServerResponse, body: object, key: string | undefined, started: bigint): Promise<void> => {
    const record = begin(req, res, started);
    if (key !== undefined) record.cache = 'miss';
    cacheRequests.inc({ result: key !== undefined ? 'miss' : 'bypass' });
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const url = req.url ?? '';
    const query = url.indexOf('?');
    try {
      const context = options.createContext(req.headers.authorization);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: query === -1 ? '' : url.slice(query), body },
        context: async () => context,
      });
      const status = response.status ?? 200;
      if (response.body.kind !== 'complete') throw new Error('incremental delivery is not enabled');
      if (key !== undefined && status === 200 && context.cacheMarker.cacheable) {
        const contentType = response.headers.get('content-type') ?? JSON_CONTENT_TYPE;
        sendHit(req, res, keepResponse(cache, key, context.pinned.version, response.body.string, contentType, context.cacheMarker.operationName));
        return;
      }
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = status;
      res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
    } catch (error) {
      // Apollo answers every GraphQL failure itself; this is a fault of the server.
      logger.error({ err: error }, 'unexpected error answering a GraphQL request');
      if (res.headersSent) return void res.destroy();
      const answer = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      res.statusCode = 500;
      res.setHeader('Content-Type', JSON_CONTENT_TYPE);
      res.setHeader('Content-Length', Buffer.byteLength(answer));
      res.end(answer);
    }
  };

  return (req, res) => {
    const url = req.url ?? '';
    if (req.headers.origin !== undefined || (url !== '/graphql' && !url.startsWith('/graphql?'))) return app(req, res);
    const started = process.hrtime.bigint();
    if (req.method === 'GET') {
      const key = cache.enabled ? getKey(req, url) : undefined;
      if (key !== undefined && hit(req, res, key, started)) return;
      (req as KeyedRequest).cacheKey = key;
      return app(req, res);
    }
    const length = Number(req.headers['content-length']);
    const encoding = req.headers['content-encoding'];
    if (
      req.method !== 'POST' ||
      !JSON_TYPE.test(req.headers['content-type'] ?? '') ||
      !Number.isInteger(length) ||
      length < 0 ||
      length > maxBody ||
      req.headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity')
    ) {
      return app(req, res);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    });
    req.once('error', () => req.destroy());
    req.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      const key = cache.enabled ? postKey(req, body) : undefined;
      if (key !== undefined && hit(req, res, key, started)) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      // As the body parser's strict mode: only an object or an array is a JSON body.
      if (parsed === null || typeof parsed !== 'object') {
        const front = req as FrontRequest;
        front.cacheKey = key;
        front.frontParseError = true;
        return app(req, res);
      }
      void execute(req, res, parsed, key, started);
    });
  };
}

/** First in Express's /graphql chain: the front path's parse failure, as the body parser reports one. */
export function frontParseErrors(req: FrontRequest, _res: unknown, next: (error?: unknown) => void): void {
  if (req.frontParseError) next(Object.assign(new Error('The request body is not valid JSON.'), { status: 400, type: 'entity.parse.failed' }));
  else next();
}
