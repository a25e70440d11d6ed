/**
 * Query limits, all enforced before execution, each rejected with its own
 * `extensions.code` and a message naming the limit and the query's value:
 * depth, aliases and mutation fields as validation rules, tokens while parsing (graphql's maxTokens), cost once the
 * operation and its variables are known; plus the per-request execution deadline.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import type { RequestDeadline } from '../execution/deadline';
import { maxAliasesRule } from './aliases.rule';
import { maxDepthRule } from './depth.rule';
import { MAX_MUTATION_FIELDS, maxMutationFieldsRule } from './mutations.rule';
import { LIMIT_CODES } from './limit-error';
import { limitsPlugin } from './limits.plugin';

export { QueryLimitError, LIMIT_CODES, type LimitCode } from './limit-error';
export { ententeEstimator, queryCost, LIST_FACTOR } from './cost';
export { countTokens } from './tokens';
export { MAX_MUTATION_FIELDS } from './mutations.rule';
export { checkVariables, illFormedVariablesError, MAX_VARIABLES_DEPTH, MAX_VARIABLE_VALUES } from './variables';
export { TIMEOUT_STATUS } from './limits.plugin';

export interface QueryLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  maxTokens: number;
}

export interface LimitsSetup<C extends { deadline?: RequestDeadline }> {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<C>[];
  /** graphql's own token limit, a backstop to the plugin's count. */
  parseOptions: { maxTokens: number };
}

export function createLimits<C extends { deadline?: RequestDeadline }>(limits: QueryLimits): LimitsSetup<C> {
  return {
    validationRules: [maxDepthRule(limits.maxQueryDepth), maxAliasesRule(limits.maxAliases), maxMutationFieldsRule(MAX_MUTATION_FIELDS)],
    plugins: [limitsPlugin<C>({ maxTokens: limits.maxTokens, maxCost: limits.maxQueryCost })],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * Wraps a `formatError` so a limit reported by a validation rule keeps its own code:
 * Apollo labels every validation error GRAPHQL_VALIDATION_FAILED.
 */
export function keepLimitCodes(
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = (error as { originalError?: { message: string; extensions?: Record<string, unknown> } } | null)?.originalError;
    const code = original?.extensions?.code;
    if (typeof code === 'string' && LIMIT_CODES.includes(code) && formatted.extensions?.code !== code) {
      const { limit, actual } = original!.extensions!;
      formatted = { ...formatted, message: original!.message, extensions: { ...formatted.extensions, code, limit, actual } };
    }
    return formatError(formatted, error);
  };
}
