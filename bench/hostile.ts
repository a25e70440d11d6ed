/**
 * `npm run bench:hostile [-- --corpus DIR] [--parallel N]`: times `/health` while each
 * hostile request of issue 13 runs against the built server, on the 20,000-meeting synthetic
 * corpus (made with `npm run data:synth` into .tmp/synth-20k when no --corpus is given).
 *
 * For each case, N copies of the request (default 8) run in parallel, again and again, for
 * --seconds (default 3; at least one round each), while a separate connection asks for
 * /health every 10 ms. It prints, per case: what the server answered (status and error
 * codes), the request's median and slowest time, and /health's slowest and p99 answer. The
 * subscription cases open graphql-ws connections: many subscriptions with one write's
 * fan-out, and replays of a long change feed whose sockets then close.
 *
 * Exits 1 when /health took longer than --health-ms (default 250) in any case, or a request
 * got a 5xx or no answer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ENTENTE, ROOT, copyData, cpuSecondsOf, graphql, indexesReady, killAll, rssOf, startServer, type RunningServer } from './lib/processes';

const TOKEN = 'bench-hostile-token';
const DEFAULT_CORPUS = path.join(ROOT, '.tmp/synth-20k');

interface Case {
  name: string;
  /** The request body (JSON), built once. */
  body: string;
  headers?: Record<string, string>;
}

interface Outcome {
  name: string;
  answers: Record<string, number>;
  requestMedianMs: number;
  requestMaxMs: number;
  healthMaxMs: number;
  healthP99Ms: number;
  healthCount: number;
  rssMb: number;
  failed: boolean;
}

function body(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}

function cases(personIds: string[]): Case[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const deepVariable = '['.repeat(5000) + ']'.repeat(5000);
  const introspection = `fragment T on __Type { name kind fields(includeDeprecated: true) { name args { name type { name kind ofType { name kind ofType { name kind } } } } type { name kind ofType { name kind ofType { name kind ofType { name } } } } } inputFields { name type { name kind ofType { name kind } } } enumValues(includeDeprecated: true) { name } possibleTypes { name } }
  query { ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { ...T } directives { name args { name } } }`).join(' ')} }`;
  const nodesAlias = (i: number) => `n${i}: nodes(ids: $ids) { ... on Person { name meetings(first: 100) { nodes { title participants { person { name } } } } } }`;
  return [
    { name: 'countries: "KZ" x 20,000', body: body('query($c: [String!]) { meetings(filter: { countries: $c }) { totalCount } }', { c: Array(20_000).fill('KZ') }) },
    { name: 'countries: 200,000 codes (1 MB)', body: body('query($c: [String!]) { meetings(filter: { countries: $c }) { totalCount } }', { c: Array.from({ length: 200_000 }, (_, i) => letters[i % 26]!.toUpperCase() + letters[(i >> 5) % 26]!.toUpperCase()) }) },
    { name: 'participants: x 40,000', body: body('query($p: [String!]) { meetings(filter: { participants: $p }) { totalCount } }', { p: Array(40_000).fill(personIds[0]) }) },
    { name: 'countries: 100 distinct codes (allowed)', body: body('query($c: [String!]) { meetings(filter: { countries: $c }) { totalCount } }', { c: Array.from({ length: 100 }, (_, i) => letters[i % 26]!.toUpperCase() + letters[Math.floor(i / 26)]!.toUpperCase()) }) },
    { name: 'nodes(ids: 100) x 5 aliases, meetings(first: 100)', body: body(`query($ids: [ID!]!) { ${[0, 1, 2, 3, 4].map(nodesAlias).join(' ')} }`, { ids: personIds.slice(0, 100) }) },
    { name: 'nodes(ids: 100), meetings(first: 20) (allowed)', body: body('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { name meetings(first: 20) { nodes { title } } } } }', { ids: personIds.slice(0, 100) }) },
    { name: 'search: 100 one-letter words', body: body('query($q: String!) { search(query: $q, first: 100) { __typename } }', { q: Array.from({ length: 100 }, (_, i) => letters[i % 26]).join(' ') }) },
    { name: 'search: 10 one-letter words (allowed)', body: body('query($q: String!) { search(query: $q, first: 100) { __typename } }', { q: letters.slice(0, 10).split('').join(' ') }) },
    { name: 'search: 10 two-letter words (allowed)', body: body('query($q: String!) { search(query: $q, first: 100) { __typename } }', { q: ['al', 'be', 'co', 'de', 'ex', 'fo', 'ga', 'ha', 'in', 'jo'].join(' ') }) },
    { name: 'meetings text "a" (allowed)', body: body('{ meetings(first: 100, filter: { text: "a" }) { totalCount nodes { title } } }') },
    { name: 'introspection: 30 deep __schema aliases', body: body(introspection) },
    { name: 'variables 5,000 lists deep', body: `{"query":"{ __typename }","variables":{"v":${deepVariable}}}` },
    { name: 'mutation: 30 aliased createTopic', headers: { authorization: `Bearer ${TOKEN}` }, body: body(`mutation { ${Array.from({ length: 30 }, (_, i) => `t${i}: createTopic(input: { name: "Hostile topic ${i} ${Math.random().toString(36).slice(2, 8)}" }) { topic { id } }`).join(' ')} }`) },
  ];
}

let serial = 0;

/**
 * POSTs a body and resolves with "status code…" and the time taken. Each request's query
 * starts with a comment of its own, so the response cache never answers: every request is
 * parsed and run.
 */
function send(url: string, agent: http.Agent, body: string, headers: Record<string, string> = {}): Promise<{ answer: string; ms: number }> {
  const payload = body.replace(/^\{"query":"/, `{"query":"#${++serial}\\n`);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        let codes = '';
        try {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errors?: { extensions?: { code?: string } }[] };
          codes = [...new Set((parsed.errors ?? []).map((error) => error.extensions?.code ?? '?'))].join(',');
        } catch {
          codes = 'unparsable';
        }
        resolve({ answer: `${response.statusCode}${codes ? ` ${codes}` : ''}`, ms: performance.now() - started });
      });
      response.on('error', () => resolve({ answer: 'no answer', ms: performance.now() - started }));
    });
    request.on('error', () => resolve({ answer: 'no answer', ms: performance.now() - started }));
    request.end(payload);
  });
}

/** Asks /health every 10 ms until `stop` resolves; the latencies in ms. */
async function pollHealth(url: string, stop: Promise<void>): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let done = false;
  void stop.then(() => (done = true));
  while (!done) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const request = http.get(`${url}/health`, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve());
      });
      request.on('error', () => resolve());
    });
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  agent.destroy();
  return times;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs `work` while polling /health; the outcome's request figures come from `work`'s timings. */
async function measure(server: RunningServer, name: string, healthLimitMs: number, work: () => Promise<{ answers: string[]; times: number[] }>): Promise<Outcome> {
  let finish!: () => void;
  const stop = new Promise<void>((resolve) => (finish = resolve));
  const health = pollHealth(server.url, stop);
  // Let the poller's first round trip set up its connection before the load begins.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { answers, times } = await work();
  finish();
  const healthTimes = await health;
  const tally: Record<string, number> = {};
  for (const answer of answers) tally[answer] = (tally[answer] ?? 0) + 1;
  const healthMaxMs = Math.max(0, ...healthTimes);
  const failed = healthMaxMs > healthLimitMs || answers.some((answer) => answer === 'no answer' || answer.startsWith('5'));
  return {
    name,
    answers: tally,
    requestMedianMs: quantile(times, 0.5),
    requestMaxMs: Math.max(0, ...times),
    healthMaxMs,
    healthP99Ms: quantile(healthTimes, 0.99),
    healthCount: healthTimes.length,
    rssMb: rssOf(server.child.pid!) / 2 ** 20,
    failed,
  };
}

async function requestCase(server: RunningServer, hostile: Case, parallel: number, seconds: number, healthLimitMs: number): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  try {
    return await measure(server, hostile.name, healthLimitMs, async () => {
      const answers: string[] = [];
      const times: number[] = [];
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          do {
            const { answer, ms } = await send(server.url, agent, hostile.body, hostile.headers);
            answers.push(answer);
            times.push(ms);
          } while (performance.now() < end);
        }),
      );
      return { answers, times };
    });
  } finally {
    agent.destroy();
  }
}

function wsClient(url: string): Client {
  return createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

/** `connections` × `perConnection` live subscriptions, then one write whose fan-out every one of them receives. */
async function fanOutCase(server: RunningServer, connections: number, perConnection: number, healthLimitMs: number): Promise<Outcome> {
  const clients = Array.from({ length: connections }, () => wsClient(server.url));
  let received = 0;
  const expected = connections * perConnection;
  let allReceived!: () => void;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const stops: (() => void)[] = [];
  for (const client of clients) {
    for (let i = 0; i < perConnection; i++) {
      stops.push(
        client.subscribe(
          { query: 'subscription { changes { seq entityType } }' },
          {
            next: () => {
              if (++received === expected) allReceived();
            },
            error: () => undefined,
            complete: () => undefined,
          },
        ),
      );
    }
  }
  await waitForGauge(server.url, 'graphql_subscriptions', expected);
  try {
    return await measure(server, `fan-out: ${connections} connections x ${perConnection} subscriptions, one write`, healthLimitMs, async () => {
      const started = performance.now();
      const answer = await send(server.url, new http.Agent(), body('mutation { createTopic(input: { name: "Fan-out probe topic" }) { topic { id } } }'), { authorization: `Bearer ${TOKEN}` });
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      return { answers: [answer.answer, received === expected ? `${received} delivered` : `only ${received} of ${expected} delivered`], times: [performance.now() - started] };
    });
  } finally {
    for (const stop of stops) stop();
    await Promise.all(clients.map((client) => client.dispose()));
  }
}

/** `sockets` × `perSocket` subscriptions replaying the whole change feed from 0; the sockets close after `closeAfterMs`. */
async function replayCase(server: RunningServer, sockets: number, perSocket: number, closeAfterMs: number, healthLimitMs: number): Promise<Outcome> {
  const pid = server.child.pid!;
  const outcome = await measure(server, `replay: ${sockets} sockets x ${perSocket} subscriptions from after: 0, closed after ${closeAfterMs} ms`, healthLimitMs, async () => {
    const clients = Array.from({ length: sockets }, () => wsClient(server.url));
    let events = 0;
    for (const client of clients) {
      for (let i = 0; i < perSocket; i++) {
        client.subscribe({ query: 'subscription { changes(after: 0) { seq } }' }, { next: () => void events++, error: () => undefined, complete: () => undefined });
      }
    }
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, closeAfterMs));
    await Promise.all(clients.map((client) => client.terminate()));
    // After the clients are gone the server must go idle: CPU over the next second.
    await waitForGauge(server.url, 'graphql_subscriptions', 0);
    const before = cpuSecondsOf(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpu = cpuSecondsOf(pid) - before;
    return { answers: [`${events} events received`, `CPU ${(cpu * 100).toFixed(0)}% in the second after`], times: [performance.now() - started] };
  });
  return outcome;
}

async function waitForGauge(url: string, name: string, value: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    if (match && Number(match[1]) === value) return;
    if (Date.now() > deadline) throw new Error(`${name} did not reach ${value} (last ${match?.[1]})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Makes the change feed `count` changes long (createTopic, 32 at a time). */
async function growFeed(url: string, count: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        await send(url, agent, body('mutation($n: String!) { createTopic(input: { name: $n }) { topic { id } } }', { n: `Feed topic ${i}` }), { authorization: `Bearer ${TOKEN}` });
      }
    }),
  );
  agent.destroy();
}

function print(outcome: Outcome): void {
  const answers = Object.entries(outcome.answers)
    .map(([answer, count]) => `${answer} x${count}`)
    .join('; ');
  console.log(
    `${outcome.failed ? 'FAIL' : 'ok  '} ${outcome.name}\n     answers: ${answers}\n     request median ${outcome.requestMedianMs.toFixed(0)} ms, slowest ${outcome.requestMaxMs.toFixed(0)} ms; /health slowest ${outcome.healthMaxMs.toFixed(1)} ms, p99 ${outcome.healthP99Ms.toFixed(1)} ms (${outcome.healthCount} asked); RSS ${outcome.rssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      parallel: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '3' },
      'health-ms': { type: 'string', default: '250' },
      'feed-changes': { type: 'string', default: '20000' },
      only: { type: 'string' },
    },
  });
  const parallel = Number(values.parallel);
  const seconds = Number(values.seconds);
  const healthLimitMs = Number(values['health-ms']);
  const feedChanges = Number(values['feed-changes']);
  const corpus = path.resolve(values.corpus ?? DEFAULT_CORPUS);
  if (!existsSync(corpus)) {
    if (values.corpus) throw new Error(`no corpus at ${corpus}`);
    console.log(`Making the 20,000-meeting corpus in ${path.relative(ROOT, corpus)} (npm run data:synth)...`);
    const made = spawnSync(process.execPath, [path.join(ROOT, 'dist/tools/synth/cli.js'), '--meetings', '20000', '--out', corpus], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('data:synth failed');
  }
  const dataDir = await copyData(corpus);
  const server = await startServer('entente', ENTENTE, { DATA_DIR: dataDir, API_TOKENS: TOKEN });
  const outcomes: Outcome[] = [];
  try {
    await indexesReady(server.url);
    const people = await graphql<{ people: { nodes: { id: string }[] } }>(server.url, '{ people(first: 100) { nodes { id } } }');
    const personIds = people.people.nodes.map((node) => node.id);
    console.log(`Hostile requests on ${path.relative(ROOT, corpus) || corpus}: ${parallel} in parallel for ${seconds} s each; /health asked every 10 ms (limit ${healthLimitMs} ms)\n`);
    const only = values.only ? new RegExp(values.only, 'i') : null;
    for (const hostile of cases(personIds)) {
      if (only && !only.test(hostile.name)) continue;
      const outcome = await requestCase(server, hostile, parallel, seconds, healthLimitMs);
      print(outcome);
      outcomes.push(outcome);
    }
    if (!only || only.test('fan-out')) {
      const outcome = await fanOutCase(server, 100, 20, healthLimitMs);
      print(outcome);
      outcomes.push(outcome);
    }
    if (!only || only.test('replay')) {
      console.log(`(making the change feed ${feedChanges} changes long...)`);
      await growFeed(server.url, feedChanges);
      const outcome = await replayCase(server, 5, 20, 2000, healthLimitMs);
      print(outcome);
      outcomes.push(outcome);
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const failed = outcomes.filter((outcome) => outcome.failed);
  console.log(`\n${outcomes.length - failed.length} of ${outcomes.length} cases kept /health under ${healthLimitMs} ms with no 5xx.`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    killAll();
    process.exit(1);
  },
);
