/**
 * Maximum cost, computed by graphql-query-complexity before execution, with the request's
 * variables (so `first: $n` costs what `$n` says). The model:
 *
 * - every field costs 1 plus what it selects, except a field marked `@Cost(n)` (field-cost.ts)
 *   because its value alone can be large: `Source.text` (up to 1 MiB) costs 1,024;
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
 * - introspection costs the entries of its answer: 1 per item of each list it returns
 *   (`types` by the schema's number of types, `fields`, `args`, … by their average), so
 *   aliases of it add up like any query's (INTROSPECTION=false turns it off).
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isObjectType,
  isUnionType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/relay/connection.args';
import { fieldCost } from './field-cost';

/**
 * What a list of objects (other than a connection page) multiplies its selection by:
 * such lists (participants, offices, topics) are short in practice but unbounded.
 */
export const LIST_FACTOR = 3;

const isConnection = (typeName: string) => typeName.endsWith('Connection');

/** The estimator implementing the cost model above, introspection but `__typename` aside. */
export const ententeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name === '__typename') return 0;
  if (isIntrospectionType(type) || field.name.startsWith('__')) return 1 + childComplexity;
  const returns = getNamedType(field.type);
  if (isConnection(returns.name) && field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const requested = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
    // Above MAX_PAGE_SIZE the resolver refuses the argument itself (BAD_USER_INPUT).
    return 1 + childComplexity * Math.min(MAX_PAGE_SIZE, Math.max(0, requested));
  }
  if (isConnection(type.name)) return 1 + childComplexity;
  if (field.name === '_entities' && Array.isArray(args.representations)) return 1 + childComplexity * args.representations.length;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * listSize(args);
  return fieldCost(field) + childComplexity;
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
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [introspectionEstimator(schema), ententeEstimator] });
  } catch {
    return null;
  }
}

/** Each schema's introspection estimator: the sizes it reads are the schema's, computed once. */
const INTROSPECTION_ESTIMATORS = new WeakMap<GraphQLSchema, ComplexityEstimator>();

/**
 * Introspection costs the entries of its answer: each item of a list costs 1, `types` by
 * the number of types, a type's `fields`, `args`, `enumValues`, … by their average over the
 * schema (so `types { fields { … } }` costs about as many fields as the schema has); the
 * fields of an entry (`name`, `kind`, a type reference's `ofType` chain) add nothing, so
 * the IDE's and SDK's full introspection query costs about the schema's size.
 */
function introspectionEstimator(schema: GraphQLSchema): ComplexityEstimator {
  let estimator = INTROSPECTION_ESTIMATORS.get(schema);
  if (estimator === undefined) {
    const sizes = introspectionSizes(schema);
    estimator = ({ type, field, childComplexity }) => {
      if (!isIntrospectionType(type)) return undefined;
      // A type reference's `ofType` chain ends within the schema's few wrappings (`[X!]!`), however deep it is asked.
      if (field.name === 'ofType') return 1;
      if (!isListType(getNullableType(field.type))) return 1 + childComplexity;
      return 1 + childComplexity * (sizes.get(field.name) ?? LIST_FACTOR);
    };
    INTROSPECTION_ESTIMATORS.set(schema, estimator);
  }
  return estimator;
}

/** The average size (rounded up, at least 1) of each introspection list of `schema`, by field name. */
function introspectionSizes(schema: GraphQLSchema): Map<string, number> {
  const types = Object.values(schema.getTypeMap());
  const totals = { fields: [0, 0], inputFields: [0, 0], args: [0, 0], enumValues: [0, 0], interfaces: [0, 0], possibleTypes: [0, 0] };
  // A type's lists average over every type (a scalar has no fields), so `types { fields }`
  // counts about the schema's fields; `args` averages over fields.
  const add = (name: keyof typeof totals, count: number) => {
    totals[name][0]! += count;
    if (name === 'args') totals[name][1]! += 1;
  };
  for (const name of Object.keys(totals) as (keyof typeof totals)[]) if (name !== 'args') totals[name][1] = types.length;
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const fields = Object.values(type.getFields());
      add('fields', fields.length);
      for (const field of fields) add('args', field.args.length);
      add('interfaces', type.getInterfaces().length);
    }
    if (isInterfaceType(type) || isUnionType(type)) add('possibleTypes', schema.getPossibleTypes(type).length);
    if (isInputObjectType(type)) add('inputFields', Object.keys(type.getFields()).length);
    if (isEnumType(type)) add('enumValues', type.getValues().length);
  }
  const sizes = new Map<string, number>([
    ['types', types.length],
    ['directives', schema.getDirectives().length],
  ]);
  for (const [name, [sum, count]] of Object.entries(totals)) sizes.set(name, Math.max(1, Math.ceil(sum! / Math.max(1, count!))));
  return sizes;
}
