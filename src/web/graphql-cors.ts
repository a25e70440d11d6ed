/**
 * Cross-origin access to /graphql for the browser origins of CORS_ORIGINS, and for no
 * other. Preflights allow the headers GraphQL clients send, including the two that
 * satisfy Apollo's CSRF prevention, which stays on.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

/** Request headers a cross-origin GraphQL client may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

/** Exposed to cross-origin clients: so that a browser client can report the request id of a failed call. */
const EXPOSED_HEADERS = ['x-request-id'];

/**
 * The headers the CORS middleware sets on an answer to a request without an Origin header
 * (the GraphQL front path, which answers those requests without Express, sets the same).
 */
export const CORS_HEADERS_WITHOUT_ORIGIN: Readonly<Record<string, string>> = {
  Vary: 'Origin',
  'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(','),
};

/** The CORS middleware for /graphql: exact-match origins, no credentials (auth is a bearer header, not a cookie). */
export function graphqlCors(origins: readonly string[]): RequestHandler {
  return cors({
    // An array, even an empty one: a falsy origin would make the package allow every origin.
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
