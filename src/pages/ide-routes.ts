/**
 * GET /graphql answers a browser's navigation with the GraphiQL IDE; every other /graphql
 * request is the API's (src/http/graphql-handler.ts). The IDE's files are under /graphql/assets/.
 */
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import type { ExampleTab } from './example-tabs';
import { createIdeAssets, IDE_ASSETS_PREFIX } from './ide-assets';
import { IDE_CONTENT_SECURITY_POLICY, renderIdePage } from './ide-page';

/** Mounts the IDE page (for requests `wantsIdePage` picks out) and its assets. */
export function mountIde(app: Express, tabs: ExampleTab[]): void {
  const assets = createIdeAssets();
  const page = renderIdePage(assets, tabs);
  const byPath = new Map(assets.all.map((asset) => [asset.urlPath, asset]));

  app.get('/graphql', (_req, res) => {
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

const API_MEDIA_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * Whether a request to /graphql is a browser's navigation to the IDE: a GET without a
 * GraphQL request in its query string whose Accept header prefers text/html to both JSON
 * media types (`*` + `/*` alone, or no Accept header, is an API client's).
 */
export function wantsIdePage(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const search = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  if (search.has('query') || search.has('extensions')) return false;
  const ranges = parseAccept(req.headers.accept ?? '*/*');
  const html = quality(ranges, 'text/html');
  return html > 0 && API_MEDIA_TYPES.every((type) => html > quality(ranges, type));
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range, ...parameters] = part.split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(parameter)?.[1]).find((value) => value !== undefined);
    return [{ type, subtype, q: q === undefined ? 1 : Number(q) }];
  });
}

/** The quality the most specific matching range gives `mediaType` (RFC 9110 §12.5.1), 0 when none matches. */
function quality(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best.q;
}
