/**
 * The explorer's pages: the explorer on GET / and the review page on GET /review (drafting
 * a report, reviewing and importing it): the HTML, scripts, stylesheet and icon that
 * scripts/build-web.ts writes to dist/web/explorer/ (`npm run build`). The pages load only
 * these files and call only /graphql (over HTTP, and over WebSocket for live updates), and
 * their Content-Security-Policy allows nothing else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { StaticAsset } from './ide-assets';

/** The URL prefix of the explorer's assets, whose names carry a content hash. */
export const EXPLORER_ASSETS_PREFIX = '/explorer/assets';

/** Only the page's own origin, for everything; no inline script or style, no frames, no plugins. */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A Host header fit to name in a policy: a host name or address, and a port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The page's policy, with its own origin's WebSocket form added to connect-src for its live
 * updates: 'self' covers ws: and wss: of the same host only in browsers that follow CSP
 * Level 3 there (older Safari does not). Both schemes, as a TLS proxy in front makes the
 * page https: and its socket wss:. A Host that is not a plain host and port adds nothing.
 */
export function explorerContentSecurityPolicy(host: string | undefined): string {
  if (host === undefined || !HOST.test(host)) return EXPLORER_CONTENT_SECURITY_POLICY;
  return EXPLORER_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://${host} wss://${host}`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface ExplorerRoutesOptions {
  /** The built page's directory; dist/web/explorer of the repository by default. */
  dir?: string;
}

/** The pages by URL path, and the built file of each. */
const PAGES: Record<string, string> = { '/': 'index.html', '/review': 'review.html' };

/**
 * GET / and GET /review (the pages) and GET /explorer/assets/* (their files). Until the
 * pages are built, they answer 503 saying how to build them, and the API works as ever.
 */
export function explorerRoutes(options: ExplorerRoutesOptions = {}): Router {
  const dir = options.dir ?? path.join(repositoryRoot(), 'dist/web/explorer');
  const router = Router();
  let built: Build | null = null;
  // Read on use, not at start-up, and again after a rebuild (index.html changes with every
  // asset's hash), so a running server serves what `npm run build` last wrote.
  const load = (): Build | null => {
    const modified = modifiedAt(path.join(dir, 'index.html'));
    if (modified === null) return (built = null);
    if (built?.modified !== modified) built = readBuild(dir, modified);
    return built;
  };

  router.get(Object.keys(PAGES), (req, res) => {
    const page = load()?.pages.get(req.path);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!page) {
      res.status(503).type('text/plain').send('The explorer\'s pages are not built: run `npm run build`. The API is at POST /graphql.\n');
      return;
    }
    res.setHeader('Content-Security-Policy', explorerContentSecurityPolicy(req.headers.host));
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(page);
  });
  router.get(`${EXPLORER_ASSETS_PREFIX}/:name`, (req, res, next) => {
    const asset = load()?.assets.get(req.path);
    if (asset) asset.send(req, res);
    else next();
  });
  return router;
}

/** The built pages by URL path, their assets by URL path, and when index.html was written. */
interface Build {
  pages: Map<string, string>;
  assets: Map<string, StaticAsset>;
  modified: number;
}

function readBuild(dir: string, modified: number): Build {
  const assetsDir = path.join(dir, 'assets');
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(assetsDir)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue;
    const urlPath = `${EXPLORER_ASSETS_PREFIX}/${name}`;
    assets.set(urlPath, new StaticAsset(urlPath, contentType, () => readFileSync(path.join(assetsDir, name))));
  }
  const pages = new Map<string, string>();
  for (const [urlPath, file] of Object.entries(PAGES)) {
    if (existsSync(path.join(dir, file))) pages.set(urlPath, readFileSync(path.join(dir, file), 'utf8'));
  }
  return { pages, assets, modified };
}

function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The nearest directory above this file with a package.json: the repository, from src/ or dist/src/. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}.`);
  }
}
