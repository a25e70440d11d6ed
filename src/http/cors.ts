/**
 * Cross-origin access to /graphql for the browser origins of CORS_ORIGINS, and for no
 * other. Preflights allow the headers GraphQL clients send, including the two that
 * satisfy Apollo's CSRF prevention, which stays on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';

/** Request headers a cross-origin GraphQL client may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'entente-min-version'];

/** Exposed to cross-origin clients: so that a browser client can report the request id of a failed call, and read its own writes (data-version.ts). */
const EXPOSED_HEADERS = ['x-request-id', 'entente-data-version'];

/** Sets a /graphql answer's CORS headers; a preflight (OPTIONS) is answered, and `next` is called for every other request. */
export type GraphQLCors = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The CORS handler for /graphql: exact-match origins, no credentials (auth is a bearer
 * header, not a cookie). The `cors` package needs only node:http's request and response;
 * with static options it calls `next` synchronously.
 */
export function graphqlCors(origins: readonly string[]): GraphQLCors {
  const crossOrigin = cors({
    // An array, even an empty one: a falsy origin would make the package allow every origin.
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return (req, res, next) => {
    // Without Origin a request is not a cross-origin one (Fetch standard): it needs only Vary,
    // which keeps a shared cache from serving its answer to another origin. Most API clients
    // send none; the package's per-request work is left to those that do.
    if (req.headers.origin !== undefined) return crossOrigin(req, res, next);
    res.setHeader('Vary', 'Origin');
    next();
  };
}
