/**
 * Cross-origin access to /graphql for the browser origins of CORS_ORIGINS, and for no
 * other. Preflights allow the headers GraphQL clients send, including the two that
 * satisfy Apollo's CSRF prevention, which stays on.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

/** Request headers a cross-origin GraphQL client may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

/** The CORS middleware for /graphql: exact-match origins, no credentials (auth is a bearer header, not a cookie). */
export function graphqlCors(origins: readonly string[]): RequestHandler {
  return cors({
    // An array, even an empty one: a falsy origin would make the package allow every origin.
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    // So that a browser client can report the request id of a failed call.
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
}
