/**
 * The committed data/ is a seed that a user's experiments never change: without DATA_DIR the
 * server (and `npm run import`) works in `.data/` at the project root, made from data/ on
 * first start and ignored by git. Run on a copy of the project layout (package.json, dist/,
 * data/, .gitignore, docs/ and node_modules linked) committed to a fresh git repository, so
 * that `git status` there says what the README's write example would do to a checkout.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { prepareDataDirectory } from '../../src/import/init-data-dir';
import { killServerProcesses, postGraphQL, ROOT, startServerProcess } from '../helpers/server-process';

const run = promisify(execFile);
const TOKEN = 'change-me';
/** The README's write example (its "Writes" section), and the answer it shows. */
const CREATE_TOPIC = 'mutation { createTopic(input: { name: "Nuclear non-proliferation" }) { topic { id slug name } } }';
const CREATED = { createTopic: { topic: { id: 'VG9waWM6bnVjbGVhci1ub24tcHJvbGlmZXJhdGlvbg', slug: 'nuclear-non-proliferation', name: 'Nuclear non-proliferation' } } };
const BUNDLE = path.join(ROOT, 'examples/bundles/2023-04-30-kazakhstan-us.json');

let project: string;

/** A copy of the project layout, with package.json, data/ and .gitignore committed to git. */
async function copyProject(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'entente-project-'));
  for (const entry of ['package.json', '.gitignore', 'data', 'dist']) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  await symlink(path.join(ROOT, 'docs'), path.join(root, 'docs'));
  await git(root, 'init', '-q');
  // The links are this test's scaffolding, not the project's (git sees a link as a file, which `node_modules/` does not match).
  await writeFile(path.join(root, '.git/info/exclude'), '/node_modules\n/docs\n');
  await git(root, 'add', 'package.json', '.gitignore', 'data');
  await git(root, '-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'seed');
  // data/ as committed: without what a server run on it with DATA_DIR=data left in this checkout.
  await git(root, 'clean', '-qfX', 'data');
  return root;
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd })).stdout;
}

/** Every file under `directory` (relative path → bytes). */
async function filesOf(directory: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)));
  return new Map(await Promise.all(files.sort().map(async (file) => [file, await readFile(path.join(directory, file))] as const)));
}

/** Runs a built script of the copied project from its root, with only PATH and `env`. */
async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return (await run(process.execPath, [path.join(project, script), ...args], { cwd: project, env: { PATH: process.env.PATH, ...env } })).stdout;
}

beforeEach(async () => {
  project = await copyProject();
});
afterEach(async () => {
  await killServerProcesses();
  await rm(project, { recursive: true, force: true });
});

describe('without DATA_DIR the server works in .data/, a copy of the committed data/', () => {
  test("the README's write example leaves the checkout clean, and the write survives a restart", async () => {
    const seed = await filesOf(path.join(project, 'data'));
    const workingDir = path.join(project, '.data');

    const first = await startServerProcess({ root: project, env: { API_TOKENS: TOKEN } });
    expect(first.stdout).toContain(`"msg":"made the data directory ${workingDir} as a copy of ${path.join(project, 'data')}, which stays as committed"`);
    expect(first.stdout).toContain(`"dataDir":"${workingDir}"`);
    expect(await postGraphQL(first.url, CREATE_TOPIC, undefined, { token: TOKEN })).toMatchObject({ status: 200, body: { data: CREATED } });
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    expect(await git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(await filesOf(path.join(project, 'data'))).toEqual(seed);
    expect(JSON.parse(await readFile(path.join(workingDir, 'topics.json'), 'utf8'))).toContainEqual(expect.objectContaining({ slug: 'nuclear-non-proliferation' }));

    const second = await startServerProcess({ root: project });
    expect(second.stdout).not.toContain('made the data directory');
    expect(await second.query('{ topic(slug: "nuclear-non-proliferation") { name } }')).toEqual({ data: { topic: { name: 'Nuclear non-proliferation' } } });
    await second.kill('SIGTERM');
    expect(await git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  test('data:check checks the working directory, or the seed before the first start; `data:check -- data` the seed', async () => {
    expect(await runScript('dist/scripts/data-check.js', [])).toBe(
      `${path.join(project, '.data')} does not exist yet (the server makes it from ${path.join(project, 'data')} on first start): checking ${path.join(project, 'data')}\n` +
        `${path.join(project, 'data')} is valid: 7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 10 Topic, 5 Source, 8 Meeting.\n`,
    );
    const server = await startServerProcess({ root: project, env: { API_TOKENS: TOKEN } });
    expect((await server.query(CREATE_TOPIC, undefined, TOKEN)).data).toEqual(CREATED);
    await server.kill('SIGTERM');

    expect(await runScript('dist/scripts/data-check.js', [])).toContain(`${path.join(project, '.data')} is valid: 7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 11 Topic,`);
    expect(await runScript('dist/scripts/data-check.js', ['data'])).toContain(`${path.join(project, 'data')} is valid: 7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 10 Topic,`);
  });

  test('npm run import makes .data/ from the seed first, then imports into it', async () => {
    expect(await runScript('dist/scripts/import.js', [BUNDLE])).toBe(
      `import: made the data directory ${path.join(project, '.data')} as a copy of ${path.join(project, 'data')}, which stays as committed\n` +
        'import: 2023-04-30-kazakhstan-us.json into ' +
        `${path.join(project, '.data')}: created nothing; reused 7 countries, 7 places, 9 organizations, 6 people, 12 offices, 6 tenures, 10 topics, 2 sources and 8 meetings.\n`,
    );
    expect(await git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('an explicit DATA_DIR', () => {
  test('that does not exist yet starts as an empty data directory', async () => {
    const dataDir = path.join(project, 'elsewhere');
    const server = await startServerProcess({ root: project, dataDir });
    expect(server.stdout).toContain(`"msg":"initialized an empty data directory at ${dataDir}"`);
    expect(await server.query('{ topics(first: 1) { totalCount } }')).toEqual({ data: { topics: { totalCount: 0 } } });
    await server.kill('SIGTERM');
  });

  test('that holds data is served as it is', async () => {
    const server = await startServerProcess({ root: project, dataDir: path.join(project, 'data') });
    expect(server.stdout).not.toMatch(/made the data directory|initialized an empty data directory/);
    expect(await server.query('{ topics(first: 1) { totalCount } }')).toEqual({ data: { topics: { totalCount: 10 } } });
    await server.kill('SIGTERM');
  });
});

describe('prepareDataDirectory', () => {
  test('copies the entity files and source texts of the seed byte for byte, once', async () => {
    const target = path.join(project, 'work');
    const seed = path.join(project, 'data');
    expect(await prepareDataDirectory(target, seed)).toBe('seeded');
    expect(await filesOf(target)).toEqual(await filesOf(seed));
    await writeFile(path.join(target, 'topics.json'), '[]\n');
    expect(await prepareDataDirectory(target, seed)).toBe('existing');
    expect(await readFile(path.join(target, 'topics.json'), 'utf8')).toBe('[]\n');
  });

  test('seeds an empty directory, and leaves nothing behind when the seed is incomplete', async () => {
    const empty = path.join(project, 'empty');
    await mkdir(empty);
    expect(await prepareDataDirectory(empty, path.join(project, 'data'))).toBe('seeded');
    expect((await readdir(empty)).length).toBeGreaterThan(0);
    const partialSeed = path.join(project, 'partial-seed');
    await mkdir(partialSeed);
    await cp(path.join(project, 'data', 'people.json'), path.join(partialSeed, 'people.json'));
    await expect(prepareDataDirectory(path.join(project, 'never'), partialSeed)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(project)).filter((name) => name.startsWith('never'))).toEqual([]);
  });
});
