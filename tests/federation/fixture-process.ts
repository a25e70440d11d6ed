/**
 * The federation test's other processes — the profiles subgraph and the gateway of
 * fixtures/ — as children of the test: each is started on a free port and awaited until it
 * prints the URL it serves; `killFixtureProcesses()` (for afterAll) SIGKILLs every one
 * still running. Nothing runs at import.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/server-process';

/** How long a fixture may take to start listening. */
const START_TIMEOUT_MS = 15000;

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export interface FixtureProcess {
  /** The GraphQL endpoint it printed, e.g. http://127.0.0.1:41234/. */
  readonly url: string;
  /** Everything it wrote so far, stdout then stderr, for failure messages. */
  output(): string;
}

export interface FixtureOptions {
  /** More environment; PORT is 0 (a free port). */
  env?: NodeJS.ProcessEnv;
  /** Written to its stdin, which is then closed. */
  stdin?: string;
}

const running = new Set<() => Promise<void>>();

/** Runs `fixtures/<script>` with node and resolves once it prints `<name> serves <url>`; rejects with its output if it exits or stalls first. */
export function startFixture(script: string, options: FixtureOptions = {}): Promise<FixtureProcess> {
  const child = spawn(process.execPath, [path.join(FIXTURES_DIR, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...options.env, PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  running.add(kill);
  void exited.then(() => running.delete(kill));
  child.stdin.end(options.stdin ?? '');
  const output = () => `stdout: ${stdout}\nstderr: ${stderr}`;
  return new Promise<FixtureProcess>((resolve, reject) => {
    let settled = false;
    const settle = () => {
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
    };
    const fail = (why: string) => {
      if (settled) return;
      settle();
      void kill();
      reject(new Error(`${script} ${why}\n${output()}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const url = /\bserves (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined || settled) return;
      settle();
      resolve({ url, output });
    }, 20);
    void exited.then(() => fail(`exited (code ${child.exitCode}, signal ${child.signalCode}) before listening`));
  });
}

/** SIGKILLs every fixture process still running and waits for each to exit. */
export async function killFixtureProcesses(): Promise<void> {
  await Promise.all([...running].map((kill) => kill()));
}
