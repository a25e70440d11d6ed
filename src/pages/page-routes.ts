/**
 * The pages a browser visits, beside the API: the GraphiQL IDE on GET /graphql (for a
 * browser's navigation: `wantsIdePage`) and the explorer page on GET /.
 */
import type { Express } from 'express';
import { EXAMPLE_QUERIES_DIR, readExampleTabs } from './example-tabs';
import { mountIde } from './ide-routes';
import { explorerRoutes } from './explorer-routes';

export { wantsIdePage } from './ide-routes';

/** Where the pages find their content. */
export interface PageRoutesOptions {
  /** The example operations preloaded as IDE tabs; docs/queries by default. */
  queriesDir?: string;
}

/** Mounts the pages; call it before the 404 handler. */
export function mountPages(app: Express, options: PageRoutesOptions = {}): void {
  mountIde(app, readExampleTabs(options.queriesDir ?? EXAMPLE_QUERIES_DIR));
  app.use(explorerRoutes());
}
