/**
 * The Apollo Server plugins a subgraph adds to the server's own: `_entities` costed per
 * representation (entities-cost.plugin.ts), and no inline tracing. Apollo Server turns
 * federated tracing (`ftv1`) on by itself for a subgraph schema, and the first request
 * that asks for a trace (header `apollo-federation-include-trace: ftv1`, which any client
 * can send) makes it wrap every field resolver of the schema, for good, to call its
 * per-field hooks: every later query would pay for them, and graphql-jit could no longer
 * read plain fields inline. Usage reporting of a federated graph is the router's to do.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { entitiesCostPlugin } from './entities-cost.plugin';

/** The plugins of a server serving the subgraph schema, whose query cost limit is `maxQueryCost`. */
export function subgraphPlugins<C extends BaseContext>(maxQueryCost: number): ApolloServerPlugin<C>[] {
  return [entitiesCostPlugin<C>(maxQueryCost), ApolloServerPluginInlineTraceDisabled()];
}
