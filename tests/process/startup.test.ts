/**
 * The built server and `data:check` as processes, the way a user runs them: valid data
 * serves, invalid data stops start-up with a non-zero exit naming file, record and field.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/src/index.js');
const DATA_CHECK = path.join(ROOT, 'dist/scripts/data-check.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv, untilOutput?: RegExp): Promise<Run & { kill?: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH, ...env }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!signalled && untilOutput?.test(stdout)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-startup-'));
  await cp(path.join(ROOT, 'data'), dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function editPeople(edit: (people: any[]) => void): Promise<void> {
  const file = path.join(dir, 'people.json');
  const people = JSON.parse(await readFile(file, 'utf8'));
  edit(people);
  await writeFile(file, JSON.stringify(people));
}

describe('server process', () => {
  test('serves valid data, then exits 0 on SIGTERM', async () => {
    const result = await run(SERVER, [], { DATA_DIR: dir, PORT: '0' }, /Entente serves/);
    expect(result.stdout).toMatch(/"msg":"Entente serves http:\/\/localhost:\d+\/graphql"/);
    expect(result.stdout).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(result.code).toBe(0);
  });

  test('refuses to start on invalid data, naming the file, the record and the field', async () => {
    await editPeople((people) => {
      people[0].country = 'atlantis';
    });
    const result = await run(SERVER, [], { DATA_DIR: dir, PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('people.json: record "kairat-umarov": field country: unknown Country "atlantis"');
  });

  test('refuses a bad PORT with exit code 2', async () => {
    const result = await run(SERVER, [], { DATA_DIR: dir, PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535; got "eighty".');
  });
});

describe('data:check', () => {
  test('passes the shipped data', async () => {
    const result = await run(DATA_CHECK, [path.join(ROOT, 'data')], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is valid: 7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 10 Topic, 2 Source, 8 Meeting.');
  });

  test('lists every problem of a directory and exits 1', async () => {
    await editPeople((people) => {
      people[0].citations[0].quote = 'Kairat Umarov said nothing of the kind';
      delete people[1].name;
    });
    const result = await run(DATA_CHECK, [dir], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(2 problems)');
    expect(result.stderr).toContain('people.json: record "kairat-umarov": field citations.0.quote: quote not found verbatim');
    expect(result.stderr).toContain('people.json: record "antony-blinken": field name:');
  });
});
