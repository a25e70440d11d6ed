import { GraphQLError, type ASTNode } from 'graphql';

/** The `extensions.code` of each query limit. */
export type LimitCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_TOKENS' | 'TOO_MANY_MUTATIONS';

export const LIMIT_CODES: readonly string[] = ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'TOO_MANY_MUTATIONS'];

/** A query refused before execution because it exceeds a configured limit (HTTP 400). */
export class QueryLimitError extends GraphQLError {
  constructor(code: LimitCode, what: string, limit: number, actual: number, nodes?: readonly ASTNode[]) {
    super(`${what}: the limit is ${limit}, this query has ${actual}.`, {
      nodes,
      extensions: { code, limit, actual, http: { status: 400 } },
    });
    this.name = 'QueryLimitError';
  }
}
