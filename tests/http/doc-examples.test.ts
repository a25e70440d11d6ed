/**
 * Every example of README.md and docs/*.md runs against a started server, page by page
 * in the order a reader follows it (conventions: docs/testing.md, "Examples in the docs"):
 * - a `graphql` operation is POSTed; the `json` block right under it is its whole answer,
 *   and without one it must answer without errors;
 * - a `sh` block runs in bash from the repository root, each command's `# ` lines under it
 *   being what it prints; `localhost:4000` is the page's server and `/tmp/` a fresh
 *   temporary directory; `npm run X` runs script X without its leading build (jest's
 *   globalSetup built dist/ already, and a rebuild would rewrite dist/ under other tests).
 * Blocks marked `<!-- doc-test: skip, covered by tests/… -->` are left to that test; a
 * page's `<!-- doc-test: server env NAME=value -->` configures its server.
 * The files of docs/queries (the IDE's tabs) run too.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse } from 'graphql';
import { codeBlocks, DOC_PAGES, pageServerEnv, ROOT, shellSteps, type CodeBlock } from '../docs/markdown';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The token the pages' write examples use: their server runs as `API_TOKENS=change-me npm start`. */
const DOCS_TOKEN = 'change-me';
const QUERIES_DIR = path.join(ROOT, 'docs/queries');

/** An example to run: a GraphQL operation with its shown answer, or a sh block. */
type Example = { kind: 'graphql'; block: CodeBlock; answer: unknown } | { kind: 'sh'; block: CodeBlock };

/** The runnable examples of a page, in page order. */
function examplesOf(page: string): Example[] {
  const blocks = codeBlocks(page);
  const examples: Example[] = [];
  blocks.forEach((block, index) => {
    if (block.coveredBy !== null) return;
    if (block.kind === 'sh') examples.push({ kind: 'sh', block });
    if (block.kind === 'graphql' && parse(block.text).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
      const next = blocks[index + 1];
      const answer = next?.kind === 'json' && next.followsPrevious ? JSON.parse(next.text) : undefined;
      examples.push({ kind: 'graphql', block, answer });
    }
  });
  return examples;
}

/** `npm` for the sh examples: `npm run X -- args` runs package.json's script X, less a leading `npm run build`. */
async function npmShim(): Promise<string> {
  const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const cases = Object.entries(scripts).map(([name, script]) => {
    const body = script.replace(/^(npm run build( --silent)? && )+/, '');
    return `    ${JSON.stringify(name)}) shift 2; [ "$1" = -- ] && shift; ${body} "$@";;`;
  });
  return [
    'npm() {',
    '  [ "$1" = run ] || { echo "docs test: only npm run is run here" >&2; return 127; }',
    '  case "$2" in',
    ...cases,
    '    *) echo "docs test: no script $2 in package.json" >&2; return 127;;',
    '  esac',
    '}',
  ].join('\n');
}

/** Runs a sh block's steps in one bash (so variables carry over) and returns what each printed. */
async function runShell(block: CodeBlock, substitute: (text: string) => string): Promise<{ command: string; expected: string[] | null; printed: string[] }[]> {
  const steps = shellSteps(block.text);
  const script = [
    'exec 2>&1',
    'set -e',
    await npmShim(),
    ...steps.flatMap((step, index) => [`printf '\\n@@doc-step ${index}@@\\n'`, substitute(step.command)]),
    `printf '\\n@@doc-step end@@\\n'`,
  ].join('\n');
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, env: { PATH: process.env.PATH }, timeout: 20_000 }).catch((error: { stdout?: string; message: string }) => {
    throw new Error(`${block.page}:${block.line}: the block failed: ${error.message}\n${error.stdout ?? ''}`);
  });
  const parts = stdout.split(/\n@@doc-step (?:\d+|end)@@\n/).slice(1);
  return steps.map((step, index) => ({
    command: step.command,
    expected: step.output && step.output.map(substitute),
    printed: parts[index]!.split('\n').map((line) => line.trimEnd()).join('\n').trim().split('\n'),
  }));
}

/**
 * The state of the checkout's data: `git status` of data/ (ignored files included), and
 * every file of the server's working copy `.data/` with its size and modification time,
 * which git ignores: an example that writes the default data directory changes it.
 */
async function checkoutDataStatus(): Promise<string> {
  const { stdout } = await promisify(execFile)('git', ['status', '--porcelain', '--ignored', '--', 'data'], { cwd: ROOT });
  const workingCopy = path.join(ROOT, '.data');
  const files = await readdir(workingCopy, { recursive: true }).catch(() => [] as string[]);
  const stats = await Promise.all(
    files.sort().map(async (file) => {
      const info = await stat(path.join(workingCopy, file)).catch(() => null);
      return info === null || info.isDirectory() ? `${file}/` : `${file} ${info.size} ${info.mtimeMs}`;
    }),
  );
  return `${stdout}\n.data:\n${stats.join('\n')}`;
}

const pages = DOC_PAGES.map((page) => [page, examplesOf(page)] as const).filter(([, examples]) => examples.length > 0);

test('the README and the docs have examples to run: three queries with their answers in the README', () => {
  expect(pages.map(([page]) => page)).toContain('README.md');
  const readme = pages.find(([page]) => page === 'README.md')![1];
  expect(readme.filter((example) => example.kind === 'graphql' && example.answer !== undefined)).toHaveLength(3);
});

describe.each(pages)('%s', (page, examples) => {
  let api: TestServer;
  let tmp: string;
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: DOCS_TOKEN, ...pageServerEnv(page) } });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'entente-docs-'));
  });
  afterAll(async () => {
    await api.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  const substitute = (text: string) => text.replaceAll('localhost:4000', new URL(api.url).host).replaceAll('/tmp/', `${tmp}/`);

  // In page order: a write example changes what the examples after it read, as for a reader.
  test.each(examples.map((example) => [`${example.kind} at line ${example.block.line}`, example] as const))('%s', async (_name, example) => {
    if (example.kind === 'graphql') {
      const result = await api.query(example.block.text);
      if (example.answer === undefined) expect(result.errors).toBeUndefined();
      else expect(result).toEqual(example.answer);
      return;
    }
    const dataBefore = await checkoutDataStatus();
    for (const step of await runShell(example.block, substitute)) {
      if (step.expected !== null) expect({ command: step.command, printed: step.printed }).toEqual({ command: step.command, printed: step.expected });
    }
    // Following the docs must never change the committed data, not even by adding ignored files, nor the server's working copy.
    expect(await checkoutDataStatus()).toBe(dataBefore);
  });
});

describe('docs/queries (the IDE tabs)', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.stop());

  const files = readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.graphql'));

  test('there are some', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s runs without errors', async (file) => {
    const result = await api.query(await readFile(path.join(QUERIES_DIR, file), 'utf8'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });
});
