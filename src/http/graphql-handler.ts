/**
 * The one path of every /graphql request (bar a browser's navigation to the IDE page):
 * a node:http handler onto Apollo's `executeHTTPGraphQLRequest`, as Apollo's own Express
 * integration is, without Express's routing and middlewares (about 40% of an uncached
 * request). In order:
 * 1. the request's id and log line (src/observability/request-logging.ts);
 * 2. CORS for CORS_ORIGINS (a preflight is answered here);
 * 3. the body of a JSON POST, inflated and at most MAX_BODY_BYTES;
 * 4. the response cache: a hit is sent at once, with its ETag (304 to a GET that names it),
 *    unless the client asks for a newer data version than the cache's (`Entente-Min-Version`);
 * 5. Apollo: CSRF prevention, batches refused, query limits, execution, through a context
 *    made once, by createContext (src/context.ts);
 * 6. the answer, kept by the cache when its plugin marked it cacheable.
 * Every answer that was read at a data version says which (`Entente-Data-Version`: data-version.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { checkVariables } from '../limits/index';
import { createContext, type Context, type ContextServices } from '../context';
import { JSON_CONTENT_TYPE, getKey, keepResponse, postKey, sendHit, type ResponseCache } from '../cache/response-cache';
import type { RequestRecord } from '../observability/in-flight';
import { trackGraphQLRequest } from '../observability/request-logging';
import { graphqlCors } from './cors';
import { DATA_VERSION_HEADER, minVersionOf } from './data-version';
import { HttpRequestError, readBody } from './read-body';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<Context>;
  /** What each request's context is made from. */
  services: ContextServices;
  cache: ResponseCache;
  /** response_cache_requests_total. */
  cacheRequests: Counter<'result'>;
  corsOrigins: readonly string[];
  maxBodyBytes: number;
  logger: Logger;
}

/** The path of the API. */
export const GRAPHQL_PATH = '/graphql';

/** Whether `url` is the API's path, with or without a query string. */
export function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || (url.startsWith(GRAPHQL_PATH) && url.charCodeAt(GRAPHQL_PATH.length) === 63 /* ? */);
}

/** The request listener for /graphql. */
export function graphqlHandler(options: GraphQLHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, services, cache, cacheRequests, logger } = options;
  const cors = graphqlCors(options.corsOrigins);

  const answer = async (req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> => {
    const url = req.url ?? '';
    const method = req.method ?? '';
    const minVersion = minVersionOf(req);
    // The cache holds answers at the version this server knows; an answer at least as new as the client's is read afresh.
    const cacheable = cache.enabled && (minVersion === undefined || minVersion <= services.store.version);
    let body: unknown;
    let key: string | undefined;
    if (method === 'POST' && isJsonBody(req.headers['content-type'])) {
      const bytes = await readBody(req, options.maxBodyBytes);
      key = cacheable ? postKey(req, bytes) : undefined;
      if (key !== undefined && sentFromCache(req, res, key, record)) return;
      body = parseJsonBody(bytes);
      for (const one of Array.isArray(body) ? body : [body]) refuseBadVariables((one as { variables?: unknown } | null)?.variables);
    } else if (method === 'GET') {
      refuseBadVariables(getVariables(url));
      key = cacheable ? getKey(req, url) : undefined;
      if (key !== undefined && sentFromCache(req, res, key, record)) return;
    }
    // Any other request goes to Apollo as it is, which answers it (CSRF prevention, 405, a missing body).
    if (key === undefined) cacheRequests.inc({ result: 'bypass' });

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const query = url.indexOf('?');
    let context: Context | undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: query === -1 ? '' : url.slice(query), body },
      // Made only for a request Apollo will run (not one CSRF prevention refuses).
      context: async () => (context = createContext(services, req.headers.authorization, minVersion, true)),
    });
    if (context !== undefined) res.setHeader(DATA_VERSION_HEADER, context.pinned.version);
    if (response.body.kind !== 'complete') return sendChunked(res, response);
    const text = response.body.string;
    const status = specStatus(response.status ?? 200, response.headers.get('content-type'), text);
    if (key !== undefined && status === 200 && context?.cacheMarker.cacheable) {
      const contentType = response.headers.get('content-type') ?? JSON_CONTENT_TYPE;
      sendHit(req, res, keepResponse(cache, key, context.pinned.version, text, contentType, context.cacheMarker.operationName));
      return;
    }
    // Refused before Apollo's request pipeline (so without the plugin's summary): the log line still says why.
    if (status >= 400 && record.graphql === undefined) record.rejectedCodes = errorCodesOf(text);
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = status;
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };

  /** Sends the kept response for `key`, if there is one at the store's version. */
  const sentFromCache = (req: IncomingMessage, res: ServerResponse, key: string, record: RequestRecord): boolean => {
    const hit = cache.get(services.store.version, key);
    cacheRequests.inc({ result: hit ? 'hit' : 'miss' });
    record.cache = hit ? 'hit' : 'miss';
    if (!hit) return false;
    // Apollo never sees a hit: the log line learns its operation here.
    record.graphql = { operationName: hit.operationName, operationType: 'query', errorCodes: [], errorCount: 0, variableKeys: [], graphqlMs: 0 };
    res.setHeader(DATA_VERSION_HEADER, hit.version);
    sendHit(req, res, hit);
    return true;
  };

  return (req, res) => {
    const record = trackGraphQLRequest(logger, req, res, process.hrtime.bigint());
    cors(req, res, () => {
      answer(req, res, record).catch((error: unknown) => {
        if (error instanceof HttpRequestError) {
          record.rejectedCodes = [error.code];
          return sendError(res, error.status, error.code, error.message);
        }
        // Apollo answers every GraphQL failure itself; this is a fault of the server.
        logger.error({ err: error }, 'unexpected error answering a GraphQL request');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      });
    });
  };
}

/** `application/json`, with no charset or UTF-8: the only POST body the API reads (any other goes to Apollo bodiless, and is refused there). */
function isJsonBody(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [essence, ...parameters] = contentType.split(';');
  if (essence!.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=');
    if (name!.trim().toLowerCase() === 'charset' && value?.trim().replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') {
      throw new HttpRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body's charset must be utf-8; got ${JSON.stringify(value?.trim() ?? '')}.`);
    }
  }
  return true;
}

/** Refuses (400 BAD_REQUEST) variables too deep or too large to be walked safely (src/limits/variables.ts). */
function refuseBadVariables(variables: unknown): void {
  const refused = checkVariables(variables);
  if (refused) throw new HttpRequestError(400, 'BAD_REQUEST', refused.message);
}

/** The parsed `variables` parameter of a GET's URL; undefined when absent or not JSON (Apollo reports that). */
function getVariables(url: string): unknown {
  const query = url.indexOf('?');
  const text = query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get('variables');
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body as JSON: an object or an array (as a strict JSON body parser takes), else a 400. */
function parseJsonBody(bytes: Buffer): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object') throw new HttpRequestError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  return parsed;
}

/**
 * The status of Apollo's answer, as the GraphQL-over-HTTP spec asks: Apollo answers 400 to a
 * well-formed request that fails to parse, validate (query limits included) or coerce its
 * variables, whatever the media type; the spec keeps 400 for
 * `application/graphql-response+json` and wants 200 for `application/json`, whose clients
 * read errors from the body. A malformed request (no query, a batch, CSRF: code BAD_REQUEST)
 * stays 400.
 */
function specStatus(status: number, contentType: string | undefined, text: string): number {
  if (status !== 400 || contentType === undefined || !contentType.toLowerCase().startsWith('application/json')) return status;
  const codes = errorCodesOf(text);
  return codes.length > 0 && !codes.includes('BAD_REQUEST') ? 200 : status;
}

/** The distinct `extensions.code` of the errors of an answer's JSON body. */
function errorCodesOf(text: string): string[] {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return [];
    return [...new Set(errors.map((error) => String((error as { extensions?: { code?: unknown } } | null)?.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
  } catch {
    return [];
  }
}

/** Apollo's incremental delivery (off here: no @defer), streamed as its Express integration does. */
async function sendChunked(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'chunked') for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
