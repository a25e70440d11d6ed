/**
 * GET /graphql answers a browser with the GraphiQL IDE; API clients (JSON accepted,
 * `?query=`, POST) go on to Apollo unchanged. The IDE's files are under /graphql/assets/.
 */
import type { Express, Request } from 'express';
import type { ExampleTab } from './example-tabs';
import { createIdeAssets, IDE_ASSETS_PREFIX } from './ide-assets';
import { IDE_CONTENT_SECURITY_POLICY, renderIdePage } from './ide-page';

/** Mounts the IDE page and its assets; must come before the GraphQL endpoint on /graphql. */
export function mountIde(app: Express, tabs: ExampleTab[]): void {
  const assets = createIdeAssets();
  const page = renderIdePage(assets, tabs);
  const byPath = new Map(assets.all.map((asset) => [asset.urlPath, asset]));

  app.get('/graphql', (req, res, next) => {
    if (!wantsIde(req)) return next();
    res.vary('Accept');
    res.setHeader('Content-Security-Policy', IDE_CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('html').send(page);
  });
  app.get(`${IDE_ASSETS_PREFIX}/*path`, (req, res, next) => {
    const asset = byPath.get(req.path);
    if (asset) asset.send(req, res);
    else next();
  });
  // Anything else under the assets prefix is not a GraphQL request either.
  app.use(IDE_ASSETS_PREFIX, (_req, res) => {
    res.status(404).json({ errors: [{ message: 'No such IDE asset.', extensions: { code: 'NOT_FOUND' } }] });
  });
}

/** A browser navigation: prefers HTML over JSON and carries no GraphQL request in its query string. */
function wantsIde(req: Request): boolean {
  const params = req.query as Record<string, unknown>;
  if (params.query !== undefined || params.extensions !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}
