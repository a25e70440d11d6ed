/**
 * What a subscription must pass before it starts, as an HTTP request must before it
 * executes: graphql's parse with the token limit, its validation rules plus the depth and
 * alias limits, the cost limit with the operation's variables, and variables that are
 * well-formed Unicode and coerce.
 * Every refusal is a GraphQLError with the code HTTP gives it (src/limits, Apollo's).
 */
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { QueryLimitError, checkVariables, countTokens, illFormedVariablesError, queryCost, type QueryLimits } from '../limits/index';

/** A subscription that passed: its document and the operation to run. */
export interface CheckedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

export interface OperationRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Checks `request` against `schema` and the query limits: the operation, or the errors that refuse it. */
export function checkSubscription(
  schema: GraphQLSchema,
  request: OperationRequest,
  limits: QueryLimits,
  validationRules: readonly ValidationRule[],
): CheckedOperation | GraphQLError[] {
  const badVariables = checkVariables(request.variables);
  if (badVariables) return [badVariables];
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [parseError(error, request.query, limits.maxTokens)];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...validationRules]);
  if (invalid.length > 0) return invalid.map(withValidationCode);
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    const message = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
  }
  if (operation.operation !== 'subscription') {
    return [
      new GraphQLError(`Only subscriptions are served over WebSocket: send this ${operation.operation} to POST /graphql.`, {
        nodes: [operation],
        extensions: { code: 'BAD_REQUEST' },
      }),
    ];
  }
  const illFormed = illFormedVariablesError(request.variables);
  if (illFormed !== null) return [illFormed];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
  if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
  const cost = queryCost(schema, document, request.variables ?? undefined, request.operationName ?? undefined);
  if (cost !== null && cost > limits.maxQueryCost) return [new QueryLimitError('QUERY_TOO_COMPLEX', 'The query costs too much', limits.maxQueryCost, cost)];
  return { document, operation };
}

/** TOO_MANY_TOKENS when graphql's parser stopped at the token limit, else GRAPHQL_PARSE_FAILED. */
function parseError(error: unknown, query: string, maxTokens: number): GraphQLError {
  if (!(error instanceof GraphQLError)) throw error;
  if (!/contains more tha\w? \d+ tokens/.test(error.message)) return withCode(error, 'GRAPHQL_PARSE_FAILED');
  // At the token where parsing stopped, as HTTP reports it (src/limits/limits.plugin.ts).
  const limit = new QueryLimitError('TOO_MANY_TOKENS', 'The query has too many tokens', maxTokens, countTokens(query));
  return new GraphQLError(limit.message, { source: error.source, positions: error.positions, extensions: limit.extensions });
}

/** A limit keeps its own code (QUERY_TOO_DEEP, TOO_MANY_ALIASES); graphql's rules give GRAPHQL_VALIDATION_FAILED, as Apollo does. */
function withValidationCode(error: GraphQLError): GraphQLError {
  return typeof error.extensions.code === 'string' ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED');
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}
