/**
 * Apollo Federation 2 (FEDERATION=1): the API served as a subgraph, with every `Node` type
 * an entity keyed by its global id (README, "Federation").
 */
export { buildSubgraphAppSchema, printAppSubgraphSchema } from './subgraph-schema';
export { subgraphPlugins } from './subgraph-plugins';
export { FEDERATION_SPEC_URL, entityTypeNames, subgraphTypeDefs } from './subgraph-type-defs';
