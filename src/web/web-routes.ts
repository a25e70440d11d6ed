/**
 * The routes a browser visits, as opposed to the API's: the GraphiQL IDE on
 * GET /graphql and the explorer page on GET /.
 */
import type { Express } from 'express';
import { EXAMPLE_QUERIES_DIR, readExampleTabs } from './example-tabs';
import { mountIde } from './ide-routes';
import { explorerRoutes } from './explorer-routes';

/** Where the browser-facing routes find their content. */
export interface WebRoutesOptions {
  /** The example operations preloaded as IDE tabs; docs/queries by default. */
  queriesDir?: string;
}

/** Mounts the browser-facing routes; call it before the GraphQL endpoint and the 404 handler. */
export function mountWebRoutes(app: Express, options: WebRoutesOptions = {}): void {
  mountIde(app, readExampleTabs(options.queriesDir ?? EXAMPLE_QUERIES_DIR));
  app.use(explorerRoutes());
}
