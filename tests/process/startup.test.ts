/**
 * The built server and `data:check` as processes, the way a user runs them: valid data
 * serves, invalid data stops start-up with a non-zero exit naming file, record and field.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { killServerProcesses, runServerUntilExit, startServerProcess } from '../helpers/server-process';

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
afterEach(async () => {
  await killServerProcesses();
  await rm(dir, { recursive: true, force: true });
});

async function editPeople(edit: (people: any[]) => void): Promise<void> {
  const file = path.join(dir, 'people.json');
  const people = JSON.parse(await readFile(file, 'utf8'));
  edit(people);
  await writeFile(file, JSON.stringify(people));
}

describe('server process', () => {
  test('serves valid data, then exits 0 on SIGTERM', async () => {
    const result = await run(SERVER, [], { DATA_DIR: dir, PORT: '0' }, /Entente serves/);
    expect(result.stdout).toMatch(/"msg":"Entente serves the explorer at http:\/\/127\.0\.0\.1:\d+\//);
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

describe('listening (HOST)', () => {
  const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  /** This machine's first IPv4 address that is not loopback, if it has one. */
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
  const connects = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });

  test('logs the URLs of the explorer, the IDE and the API, and each answers there', async () => {
    const server = await startServerProcess({ dataDir: dir });
    const line = server.stdout.split('\n').map((text) => JSON.parse(text || '{}')).find((entry) => String(entry.msg).startsWith('Entente serves'));
    const origin = `http://127.0.0.1:${server.port}`;
    expect(line).toMatchObject({
      host: '127.0.0.1',
      port: server.port,
      explorer: `${origin}/`,
      ide: `${origin}/graphql`,
      api: `${origin}/graphql`,
      msg: `Entente serves the explorer at ${origin}/, the IDE at ${origin}/graphql (in a browser) and the API at POST ${origin}/graphql`,
    });
    const explorer = await fetch(line.explorer, { headers: { accept: BROWSER_ACCEPT } });
    expect([explorer.status, explorer.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const ide = await fetch(line.ide, { headers: { accept: BROWSER_ACCEPT } });
    expect([ide.status, ide.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await ide.text()).toContain('<div id="graphiql">');
    expect(await server.query('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  (outside ? test : test.skip)('listens on the loopback address only by default, and on every interface with HOST=0.0.0.0', async () => {
    const local = await startServerProcess({ dataDir: dir });
    expect(await connects('127.0.0.1', local.port)).toBe(true);
    expect(await connects(outside!, local.port)).toBe(false);
    await local.kill();
    const everywhere = await startServerProcess({ dataDir: dir, env: { HOST: '0.0.0.0' } });
    expect(await connects(outside!, everywhere.port)).toBe(true);
    // The URLs printed are ones a browser on this machine can open.
    expect(everywhere.stdout).toContain(`"explorer":"http://127.0.0.1:${everywhere.port}/"`);
    expect(await everywhere.query('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  test('refuses a HOST that is neither an address nor a host name, with exit code 2', async () => {
    const result = await runServerUntilExit({ dataDir: dir, env: { HOST: 'http://0.0.0.0' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HOST must be an IP address to listen on (127.0.0.1, 0.0.0.0, ::) or a host name; got "http://0.0.0.0".');
  });
});

describe('data:check', () => {
  test('passes the shipped data', async () => {
    const result = await run(DATA_CHECK, [path.join(ROOT, 'data')], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is valid: 7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 10 Topic, 5 Source, 8 Meeting.');
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
