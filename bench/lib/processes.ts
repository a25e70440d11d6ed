/**
 * Starting and stopping the servers a benchmark measures: each runs in a child process
 * of its own on a free loopback port, so the load generator never shares its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/** Compiled to dist/bench/lib/; the project root is three levels up. */
export const ROOT = path.resolve(__dirname, '../../..');
/** The built Entente server. */
export const ENTENTE = path.join(ROOT, 'dist/src/index.js');
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningServer {
  name: string;
  url: string;
  child: ChildProcess;
  /** From spawning the process to its first answer on /health (or /). */
  startupMs: number;
  /** Output so far (stdout and stderr), for error messages. */
  output(): string;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

const running = new Set<RunningServer>();
/** Data directories copied by copyData and not yet removed: Ctrl-C removes them too. */
const copies = new Set<string>();

/** Kills every server still running: for exits on failure or Ctrl-C. */
export function killAll(): void {
  for (const server of running) server.child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

/** Copies a data directory (JSON files with store.json, the journal and its journal/ segments, and sources/) to a new temporary directory; not the lock. */
export async function copyData(source: string): Promise<string> {
  const target = await mkdtemp(path.join(os.tmpdir(), 'entente-bench-'));
  // store.json and the journal go together (store.json says how much of the journal the files hold); a copy of
  // bytes store.json records as validated is still validated, so the copy starts without re-validating them.
  for (const name of await readdir(source)) {
    if (name.endsWith('.json') || name === 'journal.jsonl') await cp(path.join(source, name), path.join(target, name));
  }
  await cp(path.join(source, 'sources'), path.join(target, 'sources'), { recursive: true });
  // The journal's sealed segments, when it has any.
  if (existsSync(path.join(source, 'journal'))) await cp(path.join(source, 'journal'), path.join(target, 'journal'), { recursive: true });
  copies.add(target);
  return target;
}

/**
 * Runs `node script` (this process's Node unless `options.node`) with `env` (plus PORT) and waits until `readyPath` answers 200.
 * stdout goes to /dev/null unless `keepOutput`: a benchmark must not measure a full pipe.
 */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { readyPath?: string; nodeArgs?: string[]; keepOutput?: boolean; /** Another Node binary than this one (the PostGraphile peer's Node 22). */ node?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', options.keepOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    name,
    url,
    child,
    startupMs: 0,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopChild(child, signal).then(() => void running.delete(server)),
  };
  running.add(server);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) while starting:\n${output}`);
    const ready = await fetch(`${url}${options.readyPath ?? '/health'}`, { signal: AbortSignal.timeout(1000) }).then((response) => response.ok, () => false);
    if (ready) {
      server.startupMs = performance.now() - started;
      return server;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
}

/** Waits until the server's /health says every index is built; returns the ms waited. */
export async function indexesReady(url: string, timeoutMs = 180_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const health = (await (await fetch(`${url}/health`)).json()) as { indexing?: boolean };
    if (!health.indexing) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the indexes of ${url} were not built within ${timeoutMs} ms`);
}

/** The resident set size of a running process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU seconds process `pid` has used so far, user and system, all its threads (garbage collection's too). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/**
 * A meter of the CPU time (seconds) the PostgreSQL backends serving processes `pids` have
 * used so far: the backends whose connection's application_name ends in `-<pid>`
 * (`entente-[role-]<pid>`, database.ts; the PostGraphile peer's `postgraphile-<pid>`), not
 * the other PostgreSQL processes on the machine (another bench's import, autovacuum after
 * this one's). Read it before and after a measurement; a backend that ended between two
 * readings keeps its last reading, one first seen counts from its start.
 */
export function backendCpuMeter(databaseUrl: string, pids: readonly number[]): () => Promise<number> {
  const backends = new Map<number, number>();
  let readings = 0;
  return async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE substring(application_name from '-([0-9]+)$') = ANY($1::text[])", [pids.map(String)]);
      for (const { pid } of rows) {
        try {
          backends.set(pid, cpuSecondsOf(pid));
        } catch {
          // Ended meanwhile: its last reading stands.
        }
      }
    } finally {
      await client.end();
    }
    // From the second reading on (after some load), none found means the processes do not name their connections so: no figure rather than a wrong one.
    if (++readings > 1 && backends.size === 0) throw new Error(`no PostgreSQL backend serves processes ${pids.join(', ')} (their connections' application_name must end in -<pid>)`);
    return [...backends.values()].reduce((sum, seconds) => sum + seconds, 0);
  };
}

async function stopChild(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** POSTs one GraphQL operation and returns its data; throws on HTTP or GraphQL errors. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!response.ok || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body.data as T;
}
