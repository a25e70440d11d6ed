/**
 * The limits that need the request: tokens (counted before parsing), well-formed variables
 * and cost (they need the variables, so they run once the operation is known, still before
 * execution), and the answer to a request cut off by its execution deadline.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { timeoutMessage, type RequestDeadline } from '../execution/deadline';
import { queryCost } from './cost';
import { QueryLimitError } from './limit-error';
import { countTokens } from './tokens';
import { illFormedVariablesError } from './variables';

export interface RequestLimits {
  maxTokens: number;
  maxCost: number;
}

/** The status of a request cut off by its deadline. */
export const TIMEOUT_STATUS = 503;

export function limitsPlugin<C extends { deadline?: RequestDeadline }>(limits: RequestLimits): ApolloServerPlugin<C> {
  const costs = new CostCache();
  return {
    async requestDidStart() {
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
          const illFormed = illFormedVariablesError(request.variables);
          // 400, as graphql's own variable errors (200 for an application/json client: src/http).
          if (illFormed !== null) {
            Object.assign(illFormed.extensions, { http: { status: 400 } });
            throw illFormed;
          }
          const cost = costs.of(schema, document, request.variables, operationName ?? undefined);
          if (cost !== null && cost > limits.maxCost) {
            throw new QueryLimitError('QUERY_TOO_COMPLEX', 'The query costs too much', limits.maxCost, cost);
          }
        },
        // The deadline itself is kept by the executor and the loaders (src/execution): no
        // per-field hook, which would make Apollo wrap every resolver of the schema.
        async willSendResponse({ response, contextValue }) {
          const deadline = contextValue.deadline;
          if (!deadline?.timedOut || response.body.kind !== 'single') return;
          // One clear error instead of a partial result and an error per unresolved field.
          response.body.singleResult = { errors: [{ message: timeoutMessage(deadline.timeoutMs), extensions: { code: 'REQUEST_TIMEOUT' } }] };
          response.http.status = TIMEOUT_STATUS;
        },
      };
    },
  };
}

/** How many variable sets of one document keep their cost. */
const COSTS_PER_DOCUMENT = 64;

/**
 * Costs already computed, per parsed document (Apollo hands the same document object for
 * the same query text while it stays in its document cache) and per operation name and
 * variables. Walking a document for its cost is one of the larger per-request costs.
 */
class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number | null>>();

  of(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | null {
    const key = `${operationName ?? ''}\u0000${variables === undefined ? '' : JSON.stringify(variables)}`;
    let costs = this.byDocument.get(document);
    if (costs === undefined) this.byDocument.set(document, (costs = new Map()));
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = queryCost(schema, document, variables, operationName);
      if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
      costs.set(key, cost);
    }
    return cost;
  }
}
