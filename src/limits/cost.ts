/**
 * Maximum cost, computed by graphql-query-complexity before execution, with the request's
 * variables (so `first: $n` costs what `$n` says). The model:
 *
 * - every field costs 1 plus what it selects;
 * - a connection field (returning a `…Connection` with `first`/`last`) costs 1 plus its
 *   selection × the page size it asks for (`first ?? last ?? 20`), so nested connections
 *   multiply: `people(first: 100) { nodes { meetings(first: 100) { … } } }` costs 10,000×;
 * - inside a connection, `edges`/`nodes` are that page, already counted, so they are not
 *   multiplied again;
 * - federation's `_entities` (FEDERATION=1) costs 1 plus its selection × the number of
 *   representations: a gateway sends every entity of one step of its plan in that list;
 * - a list with `first` (`search`) costs 1 plus its selection × `first`; one with a list
 *   argument (`nodes(ids:)`) 1 plus its selection × that list's length: each returns that many;
 * - any other list costs 1 plus its selection × LIST_FACTOR (3);
 * - introspection costs nothing (the IDE and SDK run it; INTROSPECTION=false turns it off).
 */
import { getNamedType, isIntrospectionType, isListType, getNullableType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/relay/connection.args';

/**
 * What a list of objects (other than a connection page) multiplies its selection by:
 * such lists (participants, offices, topics) are short in practice but unbounded.
 */
export const LIST_FACTOR = 3;

const isConnection = (typeName: string) => typeName.endsWith('Connection');

/** The estimator implementing the cost model above. */
export const ententeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (isIntrospectionType(type) || field.name.startsWith('__')) return 0;
  const returns = getNamedType(field.type);
  if (isConnection(returns.name) && field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const requested = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
    // Above MAX_PAGE_SIZE the resolver refuses the argument itself (BAD_USER_INPUT).
    return 1 + childComplexity * Math.min(MAX_PAGE_SIZE, Math.max(0, requested));
  }
  if (isConnection(type.name)) return 1 + childComplexity;
  if (field.name === '_entities' && Array.isArray(args.representations)) return 1 + childComplexity * args.representations.length;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * listSize(args);
  return 1 + childComplexity;
};

/**
 * How many items a list field (not a connection) can return: `first` when it takes one
 * (`search(first:)`), else one per value of its list argument (`nodes(ids:)`), else LIST_FACTOR.
 */
function listSize(args: Record<string, unknown>): number {
  if (typeof args.first === 'number') return Math.min(MAX_PAGE_SIZE, Math.max(0, args.first));
  let size: number | undefined;
  for (const value of Object.values(args)) if (Array.isArray(value)) size = Math.max(size ?? 0, value.length);
  return size ?? LIST_FACTOR;
}

/**
 * The cost of the operation `operationName` of `document` with `variables`, or null when
 * it cannot be computed (bad variables, unknown operation): execution then reports that.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | null {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [ententeEstimator] });
  } catch {
    return null;
  }
}
