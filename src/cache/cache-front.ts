/**
 * The response cache's fast path, in front of Express: a cache hit from a plain API client
 * is answered straight from the node:http handler, without Express's routing, body
 * parser and middlewares — most of the time a hit would otherwise take.
 *
 * Only requests this path can judge exactly as the full stack would are taken: POST
 * /graphql with a JSON body of known, small length, or GET /graphql with a preflight
 * header, and no Origin header (cross-origin requests go through the CORS middleware). On
 * a miss, a POST's body has been read: it is handed on already parsed (`req.body`), with
 * its cache key (`cacheKey`), and a body that is not a JSON object or array is
 * reported to Express as the body parser would (`frontParseError`). Everything else goes
 * to Express untouched.
 *
 * Each hit still gets a request id (echoed in `x-request-id`), one log line and a count in
 * `response_cache_requests_total{result="hit"}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { inFlight } from '../observability/in-flight';
import { REQUEST_ID_HEADER, chooseRequestId } from '../observability/request-id';
import { getKey, postKey, sendHit, type KeyedRequest, type ResponseCache } from './response-cache';

/** Larger POST bodies go to Express unread (its parser enforces MAX_BODY_BYTES). */
const MAX_FRONT_BODY_BYTES = 64 * 1024;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A request whose body this path read; what Express needs to go on. */
export interface FrontRequest extends KeyedRequest {
  body?: unknown;
  /** The body was read but is not a JSON object or array: Express answers 400 as its body parser would. */
  frontParseError?: boolean;
}

export interface CacheFrontOptions {
  cache: ResponseCache;
  currentVersion: () => number;
  hits: Counter<'result'>;
  logger: Logger;
  maxBodyBytes: number;
}

/** Wraps the Express app: `http.createServer(cacheFront(options, app))`. */
export function cacheFront(options: CacheFrontOptions, app: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  const { cache, currentVersion, hits, logger } = options;
  const maxBody = Math.min(MAX_FRONT_BODY_BYTES, options.maxBodyBytes);

  const answer = (req: IncomingMessage, res: ServerResponse, key: string, started: bigint): boolean => {
    const hit = cache.get(currentVersion(), key);
    if (!hit) return false;
    hits.inc({ result: 'hit' });
    const requestId = chooseRequestId(req.headers[REQUEST_ID_HEADER], (id) => inFlight.has(id));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const statusCode = sendHit(req, res, hit);
    logger.info(
      {
        requestId,
        operationName: hit.operationName,
        operationType: 'query',
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3,
        errorCodes: [],
        errorCount: 0,
        statusCode,
        method: req.method,
        cache: 'hit',
      },
      'graphql request',
    );
    return true;
  };

  return (req, res) => {
    const url = req.url ?? '';
    if (!cache.enabled || req.headers.origin !== undefined || (url !== '/graphql' && !url.startsWith('/graphql?'))) return app(req, res);
    const started = process.hrtime.bigint();
    if (req.method === 'GET') {
      const key = getKey(req, url);
      if (key !== undefined && answer(req, res, key, started)) return;
      (req as KeyedRequest).cacheKey = key;
      return app(req, res);
    }
    const length = Number(req.headers['content-length']);
    if (req.method !== 'POST' || !JSON_TYPE.test(req.headers['content-type'] ?? '') || !Number.isInteger(length) || length < 0 || length > maxBody || req.headers['transfer-encoding'] !== undefined) {
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
      const key = postKey(req, body);
      if (answer(req, res, key, started)) return;
      const front = req as FrontRequest;
      front.cacheKey = key;
      try {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        // As the body parser's strict mode: only an object or an array is a JSON body.
        if (parsed === null || typeof parsed !== 'object') front.frontParseError = true;
        else front.body = parsed;
      } catch {
        front.frontParseError = true;
      }
      app(req, res);
    });
  };
}

/** First in Express's /graphql chain: the front path's parse failure, as the body parser reports one. */
export function frontParseErrors(req: FrontRequest, _res: unknown, next: (error?: unknown) => void): void {
  if (req.frontParseError) next(Object.assign(new Error('The request body is not valid JSON.'), { status: 400, type: 'entity.parse.failed' }));
  else next();
}
