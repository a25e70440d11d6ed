/**
 * The routes a browser visits, as opposed to the API's: today the GraphiQL IDE on
 * GET /graphql; the explorer page (GET /) is to be mounted here as well.
 */
import type { Express } from 'express';
import { EXAMPLE_QUERIES_DIR, readExampleTabs } from './example-tabs';
import { mountIde } from './ide-routes';

/** Where the browser-facing routes find their content. */
export interface WebRoutesOptions {
  /** The example operations preloaded as IDE tabs; docs/queries by default. */
  queriesDir?: string;
}

/** Mounts the browser-facing routes; call it before the GraphQL endpoint and the 404 handler. */
export function mountWebRoutes(app: Express, options: WebRoutesOptions = {}): void {
  mountIde(app, readExampleTabs(options.queriesDir ?? EXAMPLE_QUERIES_DIR));
  // The explorer page (GET /) goes here.
}
