/**
 * The cost of `_entities`: its selection once per representation. The cost model of
 * src/limits counts a plain list as LIST_FACTOR of its items, since the schema's lists
 * (participants, offices) are short; but a gateway sends every entity of one step of its
 * query plan in a single `_entities` list, as long as the representations it passes. An
 * operation selecting `_entities` is costed again with that rule, before execution, and
 * refused with QUERY_TOO_COMPLEX like any other operation over MAX_QUERY_COST.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { QueryLimitError, ententeEstimator } from '../limits/index';

const ENTITIES = '_entities';

/** Costs `_entities` as 1 plus its selection × the number of representations; other fields are left to the next estimator. */
export const entitiesEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name !== ENTITIES) return undefined;
  const representations: unknown = args.representations;
  return 1 + childComplexity * (Array.isArray(representations) ? representations.length : 1);
};

/** The plugin refusing operations whose `_entities`, costed per representation, take the cost over `maxCost`. */
export function entitiesCostPlugin<C extends object>(maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, operationName }) {
          if (!operation || !selectsEntities(document, operation)) return;
          const cost = entitiesQueryCost(schema, document, request.variables, operationName ?? undefined);
          if (cost !== null && cost > maxCost) throw new QueryLimitError('QUERY_TOO_COMPLEX', 'The query costs too much', maxCost, cost);
        },
      };
    },
  };
}

/** The cost of an operation with `_entities` costed per representation, or null when it cannot be computed (execution reports why). */
export function entitiesQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number | null {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [entitiesEstimator, ententeEstimator] });
  } catch {
    return null;
  }
}

/** Whether the operation selects `_entities`, a root field, directly or through root-level fragments. */
function selectsEntities(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const seen = new Set<string>();
  const selects = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === ENTITIES;
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) return false;
      seen.add(name);
      return selects(fragment);
    });
  return selects(operation.selectionSet);
}
