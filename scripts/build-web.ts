/**
 * Builds the explorer's pages into dist/web/explorer/: esbuild bundles the explorer
 * (web/explorer/main.ts, with d3-force and the SDK), the review page
 * (web/explorer/review/main.ts) and explorer.css, each under a content-hashed name in
 * assets/, and each page's HTML (index.html, review.html) is written with those names. Type checking is `npm test`'s
 * (`tsc -p web`); this only bundles. Run by `npm run build` and the tests' global setup.
 * When none of the last build's inputs changed (BUILD_INPUTS records their digests) it
 * leaves the page as it is, so that `npm start` does not bundle again on every run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';

/** The repository root: the nearest directory above this file with a package.json. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`build-web: no package.json above ${__dirname}`);
  }
}

const ROOT = repositoryRoot();
const SOURCE = path.join(ROOT, 'web/explorer');
const OUT = path.join(ROOT, 'dist/web/explorer');
/** The URL path the assets are served under (src/pages/explorer-routes.ts). */
const ASSETS_URL = '/explorer/assets';
/** The pages: their HTML in web/explorer/, the file written to OUT, and the script they load. */
const PAGES = [
  { source: 'index.html', output: 'index.html', script: 'explorer' },
  { source: 'review/review.html', output: 'review.html', script: 'review' },
] as const;
/** The last build's inputs and outputs, in dist/ beside the page (not served: only index.html and assets/ are). */
const BUILD_INPUTS = path.join(OUT, 'build-inputs.json');

/** What a build read (digest by path from the root, this script and esbuild's version included) and wrote. */
interface BuildRecord {
  inputs: Record<string, string>;
  outputs: string[];
}

async function main(): Promise<void> {
  const started = Date.now();
  if (upToDate()) {
    console.log(`build-web: ${path.relative(ROOT, OUT)} is up to date`);
    return;
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'assets'), { recursive: true });

  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { explorer: path.join(SOURCE, 'main.ts'), review: path.join(SOURCE, 'review/main.ts'), 'explorer-styles': path.join(SOURCE, 'explorer.css') },
    outdir: path.join(OUT, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'iife',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = Object.keys(result.metafile.outputs).map((file) => path.resolve(ROOT, file));
  const script = outputs.find((file) => /explorer-[^/]+\.js$/.test(file));
  const reviewScript = outputs.find((file) => /review-[^/]+\.js$/.test(file));
  const styles = outputs.find((file) => /explorer-styles-[^/]+\.css$/.test(file));
  if (!script || !reviewScript || !styles) throw new Error(`build-web: esbuild wrote no script or stylesheet (${outputs.join(', ')})`);

  const icon = readFileSync(path.join(SOURCE, 'favicon.svg'));
  const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
  writeFileSync(path.join(OUT, 'assets', iconName), icon);

  const pages = PAGES.map(({ source, output, script: entry }) => {
    const html = readFileSync(path.join(SOURCE, source), 'utf8')
      .replace('%SCRIPT%', `${ASSETS_URL}/${path.basename(entry === 'review' ? reviewScript : script)}`)
      .replace('%STYLES%', `${ASSETS_URL}/${path.basename(styles)}`)
      .replace('%FAVICON%', `${ASSETS_URL}/${iconName}`);
    if (html.includes('%')) throw new Error(`build-web: ${source} has a placeholder left`);
    writeFileSync(path.join(OUT, output), html);
    return path.join(OUT, output);
  });

  const inputs = [...Object.keys(result.metafile.inputs), ...[...PAGES.map(({ source }) => source), 'favicon.svg'].map((name) => path.relative(ROOT, path.join(SOURCE, name))), path.relative(ROOT, __filename)];
  const record: BuildRecord = {
    inputs: { esbuild: esbuildVersion, ...Object.fromEntries(inputs.map((file) => [file, digestOf(file)])) },
    outputs: [...outputs, path.join(OUT, 'assets', iconName), ...pages].map((file) => path.relative(ROOT, file)),
  };
  writeFileSync(BUILD_INPUTS, `${JSON.stringify(record, null, 1)}\n`);

  const sizes = [script, reviewScript, styles].map((file) => {
    const bytes = readFileSync(file);
    return `${path.basename(file)} ${kB(bytes.length)} (${kB(gzipSync(bytes, { level: 9 }).length)} gzipped)`;
  });
  console.log(`build-web: ${path.relative(ROOT, OUT)}: ${sizes.join(', ')} in ${Date.now() - started} ms`);
}

/** Whether the last build's outputs are all there and none of its inputs changed since. */
function upToDate(): boolean {
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(BUILD_INPUTS, 'utf8')) as BuildRecord;
  } catch {
    return false;
  }
  const { esbuild, ...files } = record.inputs;
  return (
    esbuild === esbuildVersion &&
    record.outputs.every((file) => existsSync(path.join(ROOT, file))) &&
    Object.entries(files).every(([file, digest]) => existsSync(path.join(ROOT, file)) && digestOf(file) === digest)
  );
}

/** The SHA-256 of a file, by path from the root. */
function digestOf(file: string): string {
  return createHash('sha256').update(readFileSync(path.join(ROOT, file))).digest('hex');
}

function kB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
