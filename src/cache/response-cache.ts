/**
 * The response cache. Every response to a query is a function of the request (its body, or
 * its URL for GET, and the media types it accepts) and of the version of the data it read,
 * and nothing else: no read depends on the caller, the clock or the server. So a response
 * computed at version v is served again, byte for byte, to the same request while the
 * store is still at version v. Every write moves the version on, which retires the whole
 * cache at once: a hit is never stale.
 *
 * Only successful queries are kept (no errors, status 200, not cut off by the deadline);
 * mutations, errors and large responses never are. The cache is bounded in bytes (LRU).
 * GET responses carry an ETag and `Cache-Control: no-cache`, so browsers and HTTP caches
 * revalidate and get 304 Not Modified while the answer is unchanged; with automatic
 * persisted queries a client sends only the query's hash, so a GET stays short.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';

/** A response kept in the cache, with what the request's log line says of it. */
export interface CachedResponse {
  body: Buffer;
  /** The data version it was read at. */
  version: number;
  contentType: string;
  etag: string;
  operationName: string | null;
}

/** Set by the Apollo plugin on a request's context when its response may be kept. */
export interface CacheMarker {
  cacheable: boolean;
  operationName: string | null;
}

export interface ResponseCacheOptions {
  /** The most bytes of responses (and their keys) kept; 0 turns the cache off. */
  maxBytes: number;
  /** Larger responses are never kept. */
  maxEntryBytes?: number;
}

export class ResponseCache {
  private version = -1;
  private readonly entries: LRUCache<string, CachedResponse> | null;
  private readonly maxEntryBytes: number;

  constructor(options: ResponseCacheOptions) {
    this.maxEntryBytes = Math.min(options.maxEntryBytes ?? 1024 * 1024, options.maxBytes);
    this.entries =
      options.maxBytes > 0
        ? new LRUCache<string, CachedResponse>({ maxSize: options.maxBytes, sizeCalculation: (entry, key) => entry.body.length + key.length + 200 })
        : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /** The response kept for `key`, if it was computed at `version`. */
  get(version: number, key: string): CachedResponse | undefined {
    if (this.entries === null || version !== this.version) return undefined;
    return this.entries.get(key);
  }

  /** Keeps a response computed at `version`; a newer version first retires everything older. */
  set(version: number, key: string, entry: CachedResponse): void {
    if (this.entries === null || version < this.version || entry.body.length + key.length > this.maxEntryBytes) return;
    if (version > this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, entry);
  }
}

/** The content type of Apollo's JSON answers. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Keeps Apollo's answer `body` to the request `key`, computed at `version`; returns the entry to send as a hit is sent. */
export function keepResponse(cache: ResponseCache, key: string, version: number, body: string, contentType: string, operationName: string | null): CachedResponse {
  // Its own memory, of its exact size: a small Buffer.from() is a slice of a shared 8 KiB
  // pool slab, and keeping the slice would keep the whole slab alive.
  const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(body));
  buffer.write(body);
  const entry: CachedResponse = { body: buffer, version, contentType, etag: `"${hashOf(buffer)}"`, operationName };
  cache.set(version, key, entry);
  return entry;
}

/** Sends a kept response again (a 304 to a GET whose If-None-Match names it); returns the status. */
export function sendHit(req: IncomingMessage, res: ServerResponse, hit: CachedResponse): number {
  res.setHeader('ETag', hit.etag);
  if (req.method === 'GET') {
    res.setHeader('Cache-Control', 'no-cache');
    if (notModified(req, hit.etag)) {
      res.statusCode = 304;
      res.removeHeader('Content-Type');
      res.end();
      return 304;
    }
  }
  res.setHeader('Content-Type', hit.contentType);
  res.setHeader('Content-Length', hit.body.length);
  res.end(hit.body);
  return 200;
}

/** Marks a response cacheable when it answers a query, fully and without errors. */
export function responseCachePlugin<C extends { cacheMarker: CacheMarker; deadline: { timedOut: boolean } }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, response }) {
          if (
            operation?.operation === 'query' &&
            response.body.kind === 'single' &&
            response.body.singleResult.errors === undefined &&
            (response.http.status ?? 200) === 200 &&
            !contextValue.deadline.timedOut
          ) {
            contextValue.cacheMarker.cacheable = true;
            contextValue.cacheMarker.operationName = operationName ?? null;
          }
        },
      };
    },
  };
}

/**
 * The key of a POST with a JSON body: its bytes and the media types it accepts. Only JSON
 * bodies are keyed, so a CSRF-prone simple request never reaches the cache.
 */
export function postKey(req: IncomingMessage, body: Buffer): string {
  return `POST\n${req.headers.accept ?? ''}\n${body.toString('latin1')}`;
}

/**
 * The key of a GET to `url`, or undefined when it has no query string or no header that
 * forces a CORS preflight (as Apollo's CSRF prevention requires before it runs a GET).
 */
export function getKey(req: IncomingMessage, url: string): string | undefined {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined && !contentType.toLowerCase().startsWith('application/json')) return undefined;
  if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) return undefined;
  const query = url.indexOf('?');
  return query === -1 ? undefined : `GET\n${req.headers.accept ?? ''}\n${url.slice(query)}`;
}

/**
 * Whether a GET's If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2). Evaluated
 * even when the request says `Cache-Control: no-cache`, which is addressed to caches on
 * the way (fetch() adds it to conditional requests), not to the origin server.
 */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/** A content hash for strong ETags: the same answer keeps its ETag across versions of the data. */
function hashOf(buffer: Buffer): string {
  return createHash('sha1').update(buffer).digest('base64url');
}
