/**
 * What the Apollo plugin learns about a request (operation, errors), handed to the request's
 * log line (request-logging.ts), written once the response is sent. Keyed by the request id,
 * which request-logging keeps unique among requests in flight.
 */

/** One GraphQL request, as the log line and metrics describe it. */
export interface GraphQLSummary {
  operationName: string | null;
  operationType: string | null;
  /** The distinct `extensions.code` of the errors sent, in order of first appearance. */
  errorCodes: string[];
  errorCount: number;
  /** The top-level keys of the variables (never their values: they may hold secrets). */
  variableKeys: string[];
  /** Time inside Apollo's request pipeline. */
  graphqlMs: number;
}

export interface RequestRecord {
  graphql?: GraphQLSummary;
  /** Whether the response cache answered (hit) or Apollo did (miss); unset when the cache was not asked. */
  cache?: 'hit' | 'miss';
  /** The codes of a /graphql request refused before Apollo's request pipeline ran. */
  rejectedCodes?: string[];
}

export const inFlight = new Map<string, RequestRecord>();
