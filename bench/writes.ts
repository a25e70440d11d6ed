/**
 * `npm run bench:writes`: how fast the built server acknowledges durable writes.
 *
 * Starts `dist/src/index.js` (API_TOKENS set, LOG_LEVEL=warn) on a temporary copy of the
 * data (data/, or --corpus DIR), or with `--store postgres` on that data loaded into a new
 * PostgreSQL schema (--database-url URL, else DATABASE_URL, else the local `test` database;
 * the schema is dropped at the end), and sends `createTopic` mutations over loopback HTTP:
 * 500 from one client, one at a time, then 2000 (--writes N) from 16 concurrent clients
 * (--clients N), every topic named differently (bench/lib/write-load.ts). A write counts once the server answered it
 * without errors: the store answers only once the change is durable (fsync'ed to the JSON
 * store's journal, or committed by PostgreSQL). Prints writes/s, p50/p99/max latency and
 * the CPU time per write (the server's, plus on PostgreSQL its backends', shown apart: a
 * figure that holds on a busy machine, where writes/s does not) per scenario, and the bench
 * client's own CPU time per write (spent on the same cores, not counted in the server's), then checks
 * that every acknowledged write is there, both on the running server and after killing it
 * (SIGKILL) and starting it again (from the journal, or from the database). Writes the figures to bench/results/writes-<date>.json. With
 * `--cpu-prof DIR` the server writes V8 CPU profiles of the measured run there (node --cpu-prof).
 *
 * Bounded: a fixed number of requests, each with a timeout, only to 127.0.0.1; the
 * server is stopped and the copy or schema removed at the end, also on failure or Ctrl-C.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DEFAULT_BENCH_DATABASE_URL, dropBenchSchema, importIntoSchema } from './lib/bench-schema';
import { latencyAt, runWriteLoad } from './lib/write-load';
import { ENTENTE, ROOT, backendCpuMeter, copyData, cpuSecondsOf, graphql, startServer as startEntente, type RunningServer } from './lib/processes';

const TOKEN = 'bench-writes-token';
/** Unmeasured writes first, so the measured ones do not pay for JIT warm-up and first connections. */
const WARMUP_WRITES = 50;
/** A scenario stops early after this many failed writes: something is wrong, not slow. */
const MAX_FAILURES = 20;

interface Scenario {
  name: string;
  clients: number;
  writes: number;
}

/** The scenarios, the concurrent one sized by --writes and --clients. */
function scenarios(writes: number, clients: number): Scenario[] {
  return [
    { name: 'sequential, 1 client', clients: 1, writes: 500 },
    { name: `concurrent, ${clients} clients`, clients, writes },
  ];
}

/** Where the server under test keeps its data: a directory of its own, or a PostgreSQL schema. */
type Target = { store: 'json'; dataDir: string } | { store: 'postgres'; databaseUrl: string; schema: string };

class UsageError extends Error {}

interface ScenarioResult extends Scenario {
  acknowledged: number;
  failed: number;
  seconds: number;
  writesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU time per acknowledged write (whatever share of the cores it got): the server process's plus, on PostgreSQL, its backends'. */
  cpuMsPerWrite: number;
  /** Of which the PostgreSQL backends' (0 on the JSON store). */
  databaseCpuMsPerWrite: number;
  /** The bench's own CPU time per write, sending and reading over HTTP, on the same cores as the server (not counted above). */
  clientCpuMsPerWrite: number;
  firstFailure?: string;
}

const TOPIC_SLUGS = `query BenchTopicSlugs($after: String) {
  topics(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } }
}`;

/** The running server, so every exit path can stop it. */
let server: RunningServer | null = null;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'json' },
      corpus: { type: 'string' },
      'database-url': { type: 'string' },
      writes: { type: 'string', default: '2000' },
      clients: { type: 'string', default: '16' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench:writes -- [--store json|postgres] [--corpus DIR] [--database-url URL] [--writes N] [--clients N] [--cpu-prof DIR]');
    return 0;
  }
  if (values.store !== 'json' && values.store !== 'postgres') throw new UsageError(`--store takes json or postgres; got ${values.store}`);
  const writes = positive('--writes', values.writes!);
  const clients = positive('--clients', values.clients!);
  const dataDir = values.corpus ? path.resolve(values.corpus) : path.join(ROOT, 'data');
  const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : [];
  const target: Target =
    values.store === 'postgres'
      ? { store: 'postgres', databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL, schema: `bench_writes_${Date.now().toString(36)}` }
      : { store: 'json', dataDir: await copyData(dataDir) };
  try {
    if (target.store === 'postgres') {
      const ms = await importIntoSchema(dataDir, target.databaseUrl, target.schema);
      console.log(`PostgreSQL: ${dataDir} imported into schema "${target.schema}" in ${(ms / 1000).toFixed(1)} s`);
    }
    let url = await startServer(target, nodeArgs);
    const before = await topicSlugs(url);
    const acknowledged = new Set<string>();

    const cpu = cpuMeter(target);
    await runScenario(url, { name: 'warm-up', clients: 1, writes: WARMUP_WRITES }, 'bench warmup', acknowledged, cpu);
    const results: ScenarioResult[] = [];
    for (const [index, scenario] of scenarios(writes, clients).entries()) {
      results.push(await runScenario(url, scenario, `bench s${index + 1}`, acknowledged, cpu));
    }
    printTable(results, target.store, dataDir);

    const checks = [await verify('running server', url, before.size, acknowledged)];
    // A profiled server is stopped with SIGTERM (a killed process writes no profile): no crash then, only a restart.
    const crash = nodeArgs.length === 0;
    await stopServer(crash ? 'SIGKILL' : 'SIGTERM');
    url = await startServer(target, []);
    checks.push(await verify(`after ${crash ? 'SIGKILL' : 'SIGTERM'} and restart (${target.store === 'json' ? 'journal replay' : 'from the database'})`, url, before.size, acknowledged));
    await stopServer('SIGTERM');

    await saveResults(results, checks, target.store, dataDir);
    const failed = results.some((result) => result.failed > 0) || checks.some((check) => !check.ok);
    return failed ? 1 : 0;
  } finally {
    await stopServer('SIGKILL');
    if (target.store === 'json') await rm(target.dataDir, { recursive: true, force: true });
    else await dropBenchSchema(target.databaseUrl, target.schema);
  }
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new UsageError(`${flag} takes a positive whole number; got ${value}`);
  return number;
}

/** Starts the built server on the target's data, with writes enabled, and returns its URL. */
async function startServer(target: Target, nodeArgs: string[]): Promise<string> {
  const env: Record<string, string> = target.store === 'json' ? { DATA_DIR: target.dataDir } : { DATABASE_URL: target.databaseUrl, DATABASE_SCHEMA: target.schema };
  server = await startEntente('entente', ENTENTE, { ...env, API_TOKENS: TOKEN }, { keepOutput: true, nodeArgs });
  return server.url;
}

/** Stops the server, if one runs (SIGTERM compacts the data; SIGKILL is a crash). */
async function stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const running = server;
  server = null;
  await running?.stop(signal);
}

/** CPU seconds used so far by the server under test and by its database backends: read before and after a scenario. */
type CpuMeter = () => Promise<{ server: number; database: number }>;

/** The server's CPU time, plus on PostgreSQL that of the backends serving its connections (backendCpuMeter). */
function cpuMeter(target: Target): CpuMeter {
  const serverCpu = () => (server ? cpuSecondsOf(server.child.pid!) : 0);
  if (target.store === 'json') return async () => ({ server: serverCpu(), database: 0 });
  // One meter per server process (a restarted server is another).
  const meters = new Map<number, () => Promise<number>>();
  return async () => {
    const pid = server!.child.pid!;
    if (!meters.has(pid)) meters.set(pid, backendCpuMeter(target.databaseUrl, [pid]));
    return { server: serverCpu(), database: await meters.get(pid)!() };
  };
}

/** Runs `scenario` (runWriteLoad), adding each acknowledged topic's slug to `acknowledged`. */
async function runScenario(url: string, scenario: Scenario, prefix: string, acknowledged: Set<string>, cpu: CpuMeter): Promise<ScenarioResult> {
  const cpuBefore = await cpu();
  const load = await runWriteLoad({ url, token: TOKEN, clients: scenario.clients, writes: scenario.writes, name: (index) => `${prefix} ${index}`, maxFailures: MAX_FAILURES });
  const cpuAfter = await cpu();
  for (const slug of load.slugs) acknowledged.add(slug);
  const count = load.slugs.length;
  const perWrite = (seconds: number) => Math.round((seconds * 1000 * 100) / Math.max(1, count)) / 100;
  return {
    ...scenario,
    acknowledged: count,
    failed: load.failed,
    seconds: Math.round(load.seconds * 1000) / 1000,
    writesPerSecond: Math.round(count / load.seconds),
    latencyMs: { p50: latencyAt(load.latenciesMs, 0.5), p99: latencyAt(load.latenciesMs, 0.99), max: latencyAt(load.latenciesMs, 1) },
    cpuMsPerWrite: perWrite(cpuAfter.server + cpuAfter.database - cpuBefore.server - cpuBefore.database),
    databaseCpuMsPerWrite: perWrite(cpuAfter.database - cpuBefore.database),
    clientCpuMsPerWrite: perWrite(load.clientCpuSeconds),
    ...(load.firstFailure === undefined ? {} : { firstFailure: load.firstFailure }),
  };
}

/** Every topic slug, page by page, checked against the connection's totalCount. */
async function topicSlugs(url: string): Promise<Set<string>> {
  const slugs = new Set<string>();
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { slug: string }[] };
    const { topics: page }: { topics: Page } = await graphql<{ topics: Page }>(url, TOPIC_SLUGS, { after });
    totalCount = page.totalCount;
    for (const node of page.nodes) slugs.add(node.slug);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (slugs.size !== totalCount) throw new Error(`topics totalCount is ${totalCount}, but paging through them found ${slugs.size}`);
  return slugs;
}

interface Check {
  when: string;
  ok: boolean;
  expected: number;
  totalCount: number;
  missing: number;
}

async function verify(when: string, url: string, initial: number, acknowledged: Set<string>): Promise<Check> {
  const slugs = await topicSlugs(url);
  const missing = [...acknowledged].filter((slug) => !slugs.has(slug)).length;
  const expected = initial + acknowledged.size;
  const ok = missing === 0 && slugs.size === expected;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${when}: topics totalCount ${slugs.size} = ${initial} shipped + ${acknowledged.size} acknowledged` +
      `${slugs.size === expected ? '' : ` (expected ${expected})`}; ${missing === 0 ? 'every acknowledged topic present' : `${missing} acknowledged topics missing`}`,
  );
  return { when, ok, expected, totalCount: slugs.size, missing };
}

function printTable(results: ScenarioResult[], store: Target['store'], dataDir: string): void {
  const rows = [
    ['scenario', 'writes', 'failed', 'writes/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU ms/write', 'of which database', 'bench client'],
    ...results.map((r) => [r.name, String(r.acknowledged), String(r.failed), String(r.writesPerSecond), r.latencyMs.p50.toFixed(2), r.latencyMs.p99.toFixed(2), r.latencyMs.max.toFixed(2), r.cpuMsPerWrite.toFixed(2), r.databaseCpuMsPerWrite.toFixed(2), r.clientCpuMsPerWrite.toFixed(2)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\ncreateTopic over loopback HTTP to Entente on ${store === 'json' ? 'the JSON store' : 'PostgreSQL'} (${path.relative(ROOT, dataDir) || dataDir}), Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  for (const r of results) if (r.firstFailure) console.log(`first failure in "${r.name}": ${r.firstFailure}`);
  console.log('');
}

async function saveResults(results: ScenarioResult[], checks: Check[], store: Target['store'], dataDir: string): Promise<void> {
  const directory = path.join(ROOT, 'bench/results');
  await mkdir(directory, { recursive: true });
  const at = new Date().toISOString();
  const file = path.join(directory, `writes-${at.slice(0, 19).replace(/:/g, '-')}Z.json`);
  const machine = { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null };
  await writeFile(file, JSON.stringify({ at, machine, store, data: dataDir, warmupWrites: WARMUP_WRITES, results, checks }, null, 2) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`bench:writes: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    console.error('bench:writes failed:', error);
    process.exitCode = 1;
  },
);
