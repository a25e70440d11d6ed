/**
 * Every file the IDE page loads, served by Entente itself (nothing from a CDN): React 18
 * and GraphiQL's UMD builds from node_modules, plus our boot script and styles. URLs carry
 * the package version (our own files: a content hash), so they are cached as immutable.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { IDE_BOOT_SCRIPT, IDE_STYLES } from './ide-client';

/** The URL prefix of every IDE asset. */
export const IDE_ASSETS_PREFIX = '/graphql/assets';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JSON_MAP = 'application/json; charset=utf-8';

/** A file served under a versioned URL; its bytes are read (and gzipped) on first request. */
export class StaticAsset {
  private body: Buffer | undefined;
  private gzipped: Buffer | undefined;

  constructor(
    /** The URL path, unique to this content. */
    readonly urlPath: string,
    readonly contentType: string,
    private readonly read: () => Buffer,
  ) {}

  /** Sends the asset, gzipped when the client accepts it, with headers that let it be cached forever. */
  send(req: Request, res: Response): void {
    this.body ??= this.read();
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    if (gzip) this.gzipped ??= gzipSync(this.body, { level: 9 });
    const bytes = gzip ? this.gzipped! : this.body;
    res.vary('Accept-Encoding');
    res.setHeader('Content-Type', this.contentType);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', bytes.length);
    res.end(bytes);
  }

  /** The uncompressed size in bytes. */
  get size(): number {
    this.body ??= this.read();
    return this.body.length;
  }
}

/** The assets the IDE page refers to, by role, plus source maps that only developer tools fetch. */
export interface IdeAssets {
  react: StaticAsset;
  reactDom: StaticAsset;
  graphiql: StaticAsset;
  graphiqlStyles: StaticAsset;
  boot: StaticAsset;
  styles: StaticAsset;
  /** Every asset, source maps included, for the routes. */
  all: StaticAsset[];
}

/** Locates the IDE's files; throws at start-up if an installed package lacks one. */
export function createIdeAssets(): IdeAssets {
  const react = packageFile('react', 'umd/react.production.min.js', JS);
  const reactDom = packageFile('react-dom', 'umd/react-dom.production.min.js', JS);
  // The UMD build names its source map index.umd.js.map, so both keep their dist/ names.
  const graphiql = packageFile('graphiql', 'dist/index.umd.js', JS);
  const graphiqlMap = packageFile('graphiql', 'dist/index.umd.js.map', JSON_MAP);
  const graphiqlStyles = packageFile('graphiql', 'dist/style.css', CSS);
  const boot = ownFile('ide-boot.js', IDE_BOOT_SCRIPT, JS);
  const styles = ownFile('ide.css', IDE_STYLES, CSS);
  return { react, reactDom, graphiql, graphiqlStyles, boot, styles, all: [react, reactDom, graphiql, graphiqlMap, graphiqlStyles, boot, styles] };
}

function packageFile(name: string, file: string, contentType: string): StaticAsset {
  const dir = path.dirname(require.resolve(`${name}/package.json`));
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  const filePath = path.join(dir, file);
  if (!existsSync(filePath)) throw new Error(`The IDE needs ${name}@${version}/${file}, which is not installed (run npm install).`);
  return new StaticAsset(`${IDE_ASSETS_PREFIX}/${name}@${version}/${path.basename(file)}`, contentType, () => readFileSync(filePath));
}

function ownFile(name: string, text: string, contentType: string): StaticAsset {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return new StaticAsset(`${IDE_ASSETS_PREFIX}/entente-${hash}/${name}`, contentType, () => Buffer.from(text, 'utf8'));
}
