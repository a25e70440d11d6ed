/**
 * The limits that need the request: tokens (counted before parsing), cost (needs the
 * variables, so it runs once the operation is known, still before execution) and the
 * execution deadline.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { performance } from 'node:perf_hooks';
import { queryCost } from './cost';
import { QueryLimitError } from './limit-error';
import { countTokens } from './tokens';

export interface RequestLimits {
  maxTokens: number;
  maxCost: number;
  requestTimeoutMs: number;
}

/** The status of a request cut off by its deadline. */
export const TIMEOUT_STATUS = 503;

export function limitsPlugin<C extends object>(limits: RequestLimits): ApolloServerPlugin<C> {
  const timeoutMessage = `The request ran longer than the limit of ${limits.requestTimeoutMs} ms and was cut off.`;
  return {
    async requestDidStart() {
      const deadline = performance.now() + limits.requestTimeoutMs;
      let timedOut = false;
      return {
        // graphql's parser stops at maxTokens (parseOptions); only then are the tokens counted,
        // to say how many, and the parse error becomes TOO_MANY_TOKENS.
        async parsingDidStart({ source }) {
          return async (error) => {
            if (!(error instanceof GraphQLError) || !/contains more tha\w? \d+ tokens/.test(error.message)) return;
            const limit = new QueryLimitError('TOO_MANY_TOKENS', 'The query has too many tokens', limits.maxTokens, countTokens(source));
            // Apollo wraps this error as GRAPHQL_PARSE_FAILED; keepLimitCodes restores the code from it.
            error.message = limit.message;
            Object.assign(error.extensions, limit.extensions);
          };
        },
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = queryCost(schema, document, request.variables, operationName ?? undefined);
          if (cost !== null && cost > limits.maxCost) {
            throw new QueryLimitError('QUERY_TOO_COMPLEX', 'The query costs too much', limits.maxCost, cost);
          }
        },
        async executionDidStart() {
          return {
            // Checked as each field starts: once past the deadline nothing more is resolved.
            willResolveField() {
              if (timedOut || performance.now() >= deadline) {
                timedOut = true;
                throw new GraphQLError(timeoutMessage, { extensions: { code: 'REQUEST_TIMEOUT' } });
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (!timedOut || response.body.kind !== 'single') return;
          // One clear error instead of a partial result and an error per unresolved field.
          response.body.singleResult = { errors: [{ message: timeoutMessage, extensions: { code: 'REQUEST_TIMEOUT' } }] };
          response.http.status = TIMEOUT_STATUS;
        },
      };
    },
  };
}
