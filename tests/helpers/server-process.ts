/**
 * The built server (`dist/src/index.js`, which jest's globalSetup builds) as a child
 * process on a given data directory, the way a user runs it; plus a GraphQL-over-HTTP
 * client that can send an Authorization header, for in-process servers as well.
 * Nothing runs at import: a test file calls `killServerProcesses()` in its afterEach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { GraphQLResponse } from './test-server';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER_SCRIPT = path.join(ROOT, 'dist/src/index.js');
export const DATA_CHECK_SCRIPT = path.join(ROOT, 'dist/scripts/data-check.js');

/** How long a process may take to start listening, or to exit once it should. */
const PROCESS_TIMEOUT_MS = 15000;
const LISTENING = /"msg":"Entente serves the explorer at http:\/\/[^"]*?:(\d+)\//;

/** A response as a client sees it: the HTTP status and headers, and the parsed body. */
export interface HttpResult<D = Record<string, any>> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<D>;
}

/** POSTs a GraphQL operation to `url` (ending in /graphql); `token` becomes `Authorization: Bearer <token>`, `authorization` is sent verbatim. */
export async function postGraphQL<D = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  auth: { token?: string; authorization?: string } = {},
): Promise<HttpResult<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = auth.authorization ?? (auth.token === undefined ? undefined : `Bearer ${auth.token}`);
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<D> };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned server process, listening or not. */
export interface SpawnedServer {
  readonly pid: number;
  /** Everything the process wrote so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<Exit>;
  /** Whether it has not exited yet. */
  readonly alive: boolean;
  /** Sends `signal` (when still alive) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

/** A server process that is listening. */
export interface ServerProcess extends SpawnedServer {
  readonly port: number;
  /** The GraphQL endpoint, on the loopback address. */
  readonly url: string;
  /** POSTs an operation, with `Authorization: Bearer <token>` when a token is given, and returns the parsed body. */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<D>>;
}

export interface ServerProcessOptions {
  /** DATA_DIR; unset, the server uses its default (the working copy `.data/` of the project it runs from). */
  dataDir?: string;
  /** A copy of the project layout to run the server of (its dist/src/index.js, from its root) instead of this checkout. */
  root?: string;
  /** More environment; PORT defaults to 0 (a free port) and LOG_LEVEL to info. */
  env?: NodeJS.ProcessEnv;
}

const children = new Set<SpawnedServer>();

/** Spawns the built server on `dataDir` without waiting for it to listen. */
export function spawnServer(options: ServerProcessOptions): SpawnedServer {
  const root = options.root ?? ROOT;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...options.env };
  if (options.dataDir !== undefined) env.DATA_DIR = options.dataDir;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, path.relative(ROOT, SERVER_SCRIPT))], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let alive = true;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close' rather than 'exit': by then every byte of stdout and stderr has been read.
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  const spawned: SpawnedServer = {
    pid: child.pid!,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    get alive() {
      return alive;
    },
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (alive) child.kill(signal);
      return exited;
    },
  };
  children.add(spawned);
  void exited.then(() => children.delete(spawned));
  return spawned;
}

/** Spawns the built server on `dataDir` and resolves once it listens; rejects, with its output, if it exits or stalls first. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const spawned = spawnServer(options);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      void spawned.kill('SIGKILL');
      reject(new Error(`the server did not listen within ${PROCESS_TIMEOUT_MS} ms\nstdout: ${spawned.stdout}\nstderr: ${spawned.stderr}`));
    }, PROCESS_TIMEOUT_MS);
    const poll = setInterval(() => {
      const match = LISTENING.exec(spawned.stdout);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 20);
    void spawned.exited.then(({ code, signal }) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before listening\nstdout: ${spawned.stdout}\nstderr: ${spawned.stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const listening: ServerProcess = {
    pid: spawned.pid,
    get stdout() {
      return spawned.stdout;
    },
    get stderr() {
      return spawned.stderr;
    },
    exited: spawned.exited,
    get alive() {
      return spawned.alive;
    },
    kill: (signal) => spawned.kill(signal),
    port,
    url,
    async query<D>(query: string, variables?: Record<string, unknown>, token?: string) {
      return (await postGraphQL<D>(url, query, variables, { token })).body;
    },
  };
  return listening;
}

/** Runs the built server on `dataDir` expecting it to exit by itself (a refused start); kills it if it listens or stalls. */
export async function runServerUntilExit(options: ServerProcessOptions): Promise<Exit & { stdout: string; stderr: string }> {
  const spawned = spawnServer(options);
  const timer = setTimeout(() => void spawned.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
  const poll = setInterval(() => {
    if (LISTENING.test(spawned.stdout)) void spawned.kill('SIGKILL');
  }, 20);
  const exit = await spawned.exited;
  clearTimeout(timer);
  clearInterval(poll);
  return { ...exit, stdout: spawned.stdout, stderr: spawned.stderr };
}

/** Runs `data:check` (the built script) on `dataDir`. */
export function runDataCheck(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DATA_CHECK_SCRIPT, dataDir], { cwd: ROOT, env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** SIGKILLs every server process this helper spawned that is still running; for afterEach. */
export async function killServerProcesses(): Promise<void> {
  await Promise.all([...children].map((child) => child.kill('SIGKILL')));
}
