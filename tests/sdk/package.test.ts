/**
 * @entente/sdk as a user gets it: `npm pack` of sdk/, the tarball installed (offline, from
 * npm's cache) into a fresh ES-module project and a fresh CommonJS one, a program using
 * createClient and an operation's result type type-checked there with the repository's
 * TypeScript, then run with node against a real server.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { STORE_UNDER_TEST } from '../helpers/store-under-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ROOT = path.resolve(__dirname, '../..');
const SDK_DIR = path.join(ROOT, 'sdk');
const TSC = require.resolve('typescript/bin/tsc');
/** @types/node from the repository, as a Node project would have it. */
const TYPE_ROOTS = path.join(ROOT, 'node_modules', '@types');

/** The environment of this process without npm's `npm_*` variables (set when jest runs under `npm test`), so npm runs as a user's would. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

async function run(file: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

const npm = (args: string[], cwd: string) => run('npm', args, cwd);
const tsc = (project: string, cwd: string) => run(process.execPath, [TSC, '-p', project], cwd);

/** Compiler options of a strict consumer, which also checks the package's declarations (skipLibCheck off). */
function compilerOptions(options: Record<string, unknown>): Record<string, unknown> {
  return { target: 'ES2022', strict: true, skipLibCheck: false, types: ['node'], typeRoots: [TYPE_ROOTS], outDir: 'out', ...options };
}

/**
 * The consumer's program: Kairat Umarov and his meetings through a generated operation,
 * assigned to the operation's result type; a write without a token, rejected as an
 * EntenteError; and where the package resolved from. The `@ts-expect-error` lines fail the
 * type check if the result or the variables were untyped (`any`).
 */
function program(resolved: string): string {
  return `
  const client = createClient({ url: process.argv[2]! });
  const result: PersonBySlugQuery = await client.PersonBySlug({ slug: 'kairat-umarov', first: 10, orderBy: { field: 'TITLE', direction: 'ASC' } });
  const person = result.person;
  if (!person) throw new Error('no person kairat-umarov');
  // @ts-expect-error: the operation does not select this field
  void person.birthDate;
  // @ts-expect-error: a slug is a string
  const typedVariables = () => client.PersonBySlug({ slug: 42 });
  void typedVariables;
  const denied: unknown = await client.CreateTopic({ input: { name: 'Written without a token' } }).catch((error: unknown) => error);
  console.log(JSON.stringify({
    resolved: ${resolved},
    name: person.name,
    office: person.offices[0]?.title,
    meetings: person.meetings.totalCount,
    titles: person.meetings.nodes.map((meeting) => meeting.title),
    denied: denied instanceof EntenteError ? denied.code : String(denied),
  }));
`;
}

const IMPORT = `import { createClient, EntenteError, type PersonBySlugQuery } from '@entente/sdk';\n`;

/** What both programs print, against the shipped data. */
const UMAROV = {
  name: 'Kairat Umarov',
  office: 'First Deputy Foreign Minister',
  meetings: 5,
  titles: [
    'Kairat Umarov meets Mallory Stewart',
    'Kairat Umarov meets Richard Verma',
    'Kairat Umarov meets Victoria Nuland',
    "Kairat Umarov's visit to the United States",
    'Talks between Kairat Umarov and the US leadership',
  ],
  denied: 'UNAUTHENTICATED',
};

// Packing builds sdk/dist in place; the run is the same whatever store the server has, so the
// postgres project skips it rather than build there a second time, concurrently.
const describeOnce = STORE_UNDER_TEST === 'postgres' ? describe.skip : describe;

describeOnce('@entente/sdk packed with npm pack', () => {
  let api: TestServer;
  let workDir: string;
  let tarball: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'entente-sdk-package-'));
    const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', workDir], SDK_DIR)) as { name: string; filename: string; files: { path: string }[] }[];
    expect(packed?.name).toBe('@entente/sdk');
    // The builds and the manifest only: no sources, operations or build files of the repository.
    expect(packed!.files.map((file) => file.path).filter((file) => !/^dist\/(esm|cjs)\//.test(file))).toEqual(['package.json']);
    tarball = path.join(workDir, packed!.filename);
    // With a token configured, as a server that takes writes is: a write without one is UNAUTHENTICATED.
    api = await startTestServer({ env: { API_TOKENS: 'sdk-package-token' } });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** A fresh project in the work directory with the tarball installed, offline (from npm's cache) where it can be. */
  async function projectWith(name: string, packageJson: Record<string, unknown>, files: Record<string, string>): Promise<string> {
    const dir = path.join(workDir, name);
    await mkdir(dir);
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...packageJson }, null, 2));
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
    const install = ['install', tarball, '--no-audit', '--no-fund'];
    await npm([...install, '--offline'], dir).catch(async (error: Error) => {
      // The dependency's metadata is in npm's cache after an `npm install` of this repository,
      // not after an `npm ci` (which reads the lockfile only): then npm may ask the registry.
      if (!error.message.includes('ENOTCACHED')) throw error;
      await npm([...install, '--prefer-offline'], dir);
    });
    return dir;
  }

  test('an ES-module project imports it, type-checks a typed operation and reads Umarov through the ESM build', async () => {
    const dir = await projectWith('esm-consumer', { type: 'module' }, {
      'tsconfig.json': JSON.stringify({ compilerOptions: compilerOptions({ module: 'NodeNext', moduleResolution: 'NodeNext' }), files: ['main.ts'] }),
      'main.ts': IMPORT + program(`import.meta.resolve('@entente/sdk')`),
    });
    await tsc('tsconfig.json', dir);
    const output = JSON.parse(await run(process.execPath, ['out/main.js', `${api.url}/graphql`], dir));
    expect(output).toEqual({ ...UMAROV, resolved: expect.stringMatching(/\/node_modules\/@entente\/sdk\/dist\/esm\/index\.js$/) });
  }, 180_000);

  test('a CommonJS project requires it, type-checks a typed operation (node16 and node10 resolution) and reads Umarov through the CommonJS build', async () => {
    const dir = await projectWith('cjs-consumer', { type: 'commonjs' }, {
      'tsconfig.json': JSON.stringify({ compilerOptions: compilerOptions({ module: 'NodeNext', moduleResolution: 'NodeNext' }), files: ['main.ts'] }),
      // TypeScript's classic CommonJS setup (as this repository's own), which reads `types`, not `exports`.
      'tsconfig.node10.json': JSON.stringify({ compilerOptions: compilerOptions({ module: 'CommonJS', moduleResolution: 'Node10', noEmit: true }), files: ['main.ts'] }),
      'main.ts': `${IMPORT}async function main(): Promise<void> {${program(`require.resolve('@entente/sdk')`)}}\nvoid main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });\n`,
    });
    await tsc('tsconfig.json', dir);
    await tsc('tsconfig.node10.json', dir);
    const output = JSON.parse(await run(process.execPath, ['out/main.js', `${api.url}/graphql`], dir));
    expect(output).toEqual({ ...UMAROV, resolved: expect.stringMatching(/\/node_modules\/@entente\/sdk\/dist\/cjs\/index\.js$/) });
  }, 180_000);
});
