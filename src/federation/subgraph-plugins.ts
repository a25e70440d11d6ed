/**
 * The Apollo Server plugin a subgraph adds to the server's own: no inline tracing
 * (`_entities` is costed per representation by the query limits' own cost model,
 * src/limits/cost.ts). Apollo Server turns
 * federated tracing (`ftv1`) on by itself for a subgraph schema, and the first request
 * that asks for a trace (header `apollo-federation-include-trace: ftv1`, which any client
 * can send) makes it wrap every field resolver of the schema, for good, to call its
 * per-field hooks: every later query would pay for them, and graphql-jit could no longer
 * read plain fields inline. Usage reporting of a federated graph is the router's to do.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';

/** The plugins of a server serving the subgraph schema. */
export function subgraphPlugins<C extends BaseContext>(): ApolloServerPlugin<C>[] {
  return [ApolloServerPluginInlineTraceDisabled()];
}
