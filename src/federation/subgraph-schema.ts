/**
 * The API's schema as an Apollo Federation 2 subgraph (FEDERATION=1): the types,
 * resolvers and scalars of `buildAppSchema()`, plus `_service { sdl }` and `_entities`.
 *
 * Built as type-graphql's `examples/apollo-federation-2` builds one: the SDL with the
 * federation directives (here added to the printed SDL, see subgraph-type-defs.ts) and
 * type-graphql's resolver map of the built schema, handed to `@apollo/subgraph`'s
 * `buildSubgraphSchema`. The map is read from the finished app schema, so it carries what
 * `buildAppSchema()` installs through the direct-resolvers adapter (schema/direct-resolvers.ts):
 * the plain field resolvers and the synchronous `Node.resolveType`, which graphql-jit needs.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLField, GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Context } from '../context';
import { buildAppSchema } from '../schema/index';
import { entitiesResolver } from './entities.resolver';
import { entityTypeNames, subgraphTypeDefs } from './subgraph-type-defs';

let subgraph: GraphQLSchema | undefined;

/** The subgraph schema, built once. */
export function buildSubgraphAppSchema(): GraphQLSchema {
  if (!subgraph) {
    const app = buildAppSchema();
    // buildSubgraphSchema wants an array of modules (STACK-NOTES, "Federation").
    subgraph = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(app), resolvers: resolverMap(app) }]);
    // Our own resolver for `_entities`: coded errors per representation, loads through the loaders (entities.resolver.ts).
    const entities: GraphQLField<unknown, Context> | undefined = subgraph.getQueryType()!.getFields()._entities;
    if (!entities) throw new Error('buildSubgraphSchema added no _entities field: the schema has no @key type');
    entities.resolve = entitiesResolver(entityTypeNames(app));
  }
  return subgraph;
}

/**
 * type-graphql's resolver map of `schema`: each field's resolver, each abstract type's
 * resolveType, scalars and enum values. Its type is type-graphql's own, which describes
 * the same map as `@apollo/subgraph`'s more loosely.
 */
function resolverMap(schema: GraphQLSchema): GraphQLResolverMap<unknown> {
  return createResolversMap(schema) as GraphQLResolverMap<unknown>;
}

/** The subgraph's SDL, with its federation directives, as committed in `subgraph.graphql`. */
export function printAppSubgraphSchema(): string {
  return `${printSubgraphSchema(buildSubgraphAppSchema())}\n`;
}
