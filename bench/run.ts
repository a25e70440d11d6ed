/**
 * `npm run bench`: Entente's read speed side by side with its limits, in one run on this
 * machine, loaded with autocannon over loopback.
 *
 * Servers (each in its own process, on its own copy of the data):
 * - static: a bare node:http server answering each request body with the response computed
 *   in advance — the limit no GraphQL server can pass;
 * - plain graphql-js: parse, validate and execute on Entente's schema and store in a bare
 *   node:http handler — what the framework's overhead is measured against;
 * - mercurius + graphql-jit (fastify), the fastest Node peer, on the same schema, resolvers
 *   and store;
 * - Apollo Server 5 + graphql-jit alone (the floor): Entente's schema, resolvers, store and
 *   jit executor behind Apollo in a bare node:http handler, without Entente's limits, cache,
 *   logging or metrics — what keeping Apollo as the framework costs by itself;
 * - Entente, every request a cache miss (RESPONSE_CACHE_MAX_BYTES=1: the cache is asked
 *   and keeps nothing, so each request pays for the miss path as well as for Apollo);
 * - Entente as shipped (response cache on).
 * Queries: the deep query (20 meetings → participants → person → offices → organization →
 * country, plus topics), a filtered page (participant + date range + topic, with
 * totalCount) and a `nodes(ids)` lookup of 50 ids. Every server's answer to each query is
 * checked against Entente's before it is loaded.
 *
 * With `--corpus DIR` it measures that data directory (e.g. from `npm run data:synth`)
 * instead of data/, and adds the scale figures: start-up to serving, RSS, the filtered
 * page's p50 against the same query shape on the article's data, and a page 50,000 deep
 * against the first page.
 *
 * Each measurement prints req/s, p50, p99, the ratio to the static limit and the server's CPU
 * time per request (all its threads, from /proc): with the load generator on the same two
 * cores, req/s depends on the share of CPU each side gets; CPU per request does not.
 *
 * With `--store postgres` it also loads the data into a new PostgreSQL schema (DATABASE_URL or
 * --database-url, default the local `test` database; the schema is dropped at the end) and
 * measures Entente on it, every request a cache miss, with one replica and with two sharing
 * the connections, beside the JSON store; then durable writes/s on both (createTopic from 16
 * clients). PostgreSQL rows count the CPU time of the database backends serving them too. Beside them, a peer:
 * PostGraphile 5 on Node 22 (both installed from the npm registry into .tmp/ on first use)
 * over the corpus in plain relational tables, on the deep query and the filtered page, its
 * answers checked equal in content to Entente's (bench/lib/postgraphile.ts); left out, with
 * the reason, when it cannot be installed.
 *
 * Options: --duration S (per measurement, default 8), --connections N (default 20),
 * --rounds N (default 2; the median req/s and CPU count, with the p50 and p99 of the
 * median round, the slower of two), --corpus DIR (needs `uncached` among --only), --out FILE (default
 * bench/results/bench-<time>.json), --only static,plain,mercurius,apollo,uncached,cached, --store json|postgres, --database-url URL.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { ENTENTE, ROOT, copyData, cpuSecondsOf, graphql, indexesReady, backendCpuMeter, killAll, rssOf, startServer, type RunningServer } from './lib/processes';
import { benchQueries, filteredPageLike, type BenchQuery } from './lib/queries';
import { latencyOf, type Latency } from './lib/latency';
import { latencyAt, runWriteLoad } from './lib/write-load';
import { DEFAULT_BENCH_DATABASE_URL, dropBenchSchema, importIntoSchema } from './lib/bench-schema';
import { installPostGraphile, loadPlainTables, normalizedAnswer, postGraphileBody, NODE22_VERSION } from './lib/postgraphile';

const SERVERS = ['static', 'plain', 'mercurius', 'apollo', 'uncached', 'cached'] as const;
/** With `--store postgres`: Entente on PostgreSQL, every request a cache miss, one replica and two. */
const POSTGRES_SERVERS = ['postgres', 'postgres2'] as const;
/** With `--store postgres`, when Node 22 and its packages install: the peer on PostgreSQL (bench/lib/postgraphile.ts). */
const POSTGRAPHILE = 'postgraphile';
type ServerKind = (typeof SERVERS)[number] | (typeof POSTGRES_SERVERS)[number] | typeof POSTGRAPHILE;
const SERVER_LABELS: Record<ServerKind, string> = {
  postgres: 'Entente on PostgreSQL, cache miss, 1 replica',
  postgres2: 'Entente on PostgreSQL, cache miss, 2 replicas',
  postgraphile: 'PostGraphile 5 (Node 22), plain tables',
  static: 'static precomputed JSON over node:http (the limit)',
  plain: 'plain graphql-js in a bare node:http handler',
  mercurius: 'mercurius + graphql-jit (the fastest Node peer)',
  apollo: 'Apollo Server 5 + graphql-jit, nothing else (floor)',
  uncached: 'Entente, every request a cache miss',
  cached: 'Entente, as shipped (response cache on)',
};

interface Measurement {
  server: ServerKind;
  query: string;
  rounds: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; cpuMicrosPerRequest: number }[];
  requestsPerSecond: number;
  /** The server process's CPU time (all threads) per request answered: what it costs, whatever share of the cores it got. */
  cpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  ratioToLimit?: number;
}

interface ScaleFigures {
  startupMs: number;
  /** From serving to every index built (queries that need one wait until then). */
  indexesReadyAfterMs?: number;
  rssIndexedMiB?: number;
  rssAfterStartMiB: number;
  rssAfterLoadMiB?: number;
  counts: Record<string, number>;
  filteredPage: { articleP50Ms: number; corpusP50Ms: number; ratio: number; corpusTotalCount: number };
  /** Absent when the corpus holds 50,000 meetings or fewer. */
  deepPagination?: { firstPageP50Ms: number; after50000P50Ms: number; ratio: number };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '8' },
      connections: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '2' },
      corpus: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      store: { type: 'string', default: 'json' },
      'database-url': { type: 'string' },
    },
  });
  if (values.store !== 'json' && values.store !== 'postgres') throw new UsageError(`--store takes json or postgres; got ${values.store}`);
  const postgres = values.store === 'postgres';
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const duration = positive('--duration', values.duration!);
  const connections = positive('--connections', values.connections!);
  const roundCount = positive('--rounds', values.rounds!);
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [...SERVERS];
  for (const name of only) if (!(SERVERS as readonly string[]).includes(name)) throw new UsageError(`--only takes ${SERVERS.join(', ')}; got ${name}`);
  const kinds: ServerKind[] = [...SERVERS.filter((kind) => only.includes(kind)), ...(postgres ? POSTGRES_SERVERS : [])];
  // PostgreSQL is measured beside the JSON store, each request a cache miss on both.
  if (postgres && !kinds.includes('uncached')) throw new UsageError('--store postgres needs uncached among --only (PostgreSQL is measured beside it)');
  // The scale figures are latencies without the cache's help: they are taken on the uncached server.
  if (values.corpus && !kinds.includes('uncached')) throw new UsageError('--corpus needs uncached among --only (the scale figures are measured on it)');
  const dataDir = values.corpus ? path.resolve(values.corpus) : path.join(ROOT, 'data');

  console.log(`Entente bench: ${values.corpus ? `corpus ${dataDir}` : "the article's data"}; ${connections} connections, ${duration} s per measurement, ${roundCount} round(s)`);
  const temporary: string[] = [];
  const servers = new Map<ServerKind, RunningServer>();
  /** A second process of a kind, loaded with half the connections beside the first (two replicas). */
  const replicas = new Map<ServerKind, RunningServer>();
  let dropSchema: (() => Promise<unknown>) | null = null;
  let dropPeerSchema = null as (() => Promise<unknown>) | null;
  /** The PostGraphile peer's request bodies, by query (none for a query it has no equivalent of). */
  const peerBodies = new Map<string, string>();
  let peer: { node: string; plainTablesSchema: string; loadMs: number } | { skipped: string } | undefined;
  let peerFailed = false;
  try {
    // Entente (cache on) first: its answers pick the queries' arguments and are the reference responses.
    const cachedDir = await copyData(dataDir);
    temporary.push(cachedDir);
    const cached = await startServer('cached', ENTENTE, { DATA_DIR: cachedDir });
    servers.set('cached', cached);
    const rssAfterStart = rssOf(cached.child.pid!);
    const indexingMs = await indexesReady(cached.url);
    const rssIndexed = rssOf(cached.child.pid!);
    console.log(`Entente started in ${Math.round(cached.startupMs)} ms, RSS ${mib(rssAfterStart)} MiB; every index ready ${Math.round(indexingMs)} ms later, RSS ${mib(rssIndexed)} MiB`);
    const queries = await benchQueries(cached.url);
    const expected = new Map<string, string>();
    for (const query of queries) expected.set(query.name, await rawResponse(cached.url, query.body));

    const bodiesFile = path.join(cachedDir, 'bench-static-bodies.json');
    await writeFile(bodiesFile, JSON.stringify(Object.fromEntries(queries.map((query) => [query.body, expected.get(query.name)!]))));
    if (kinds.includes('static')) servers.set('static', await startServer('static', path.join(ROOT, 'dist/bench/servers/static.js'), { BODIES_FILE: bodiesFile }));
    const scripts = { plain: 'dist/bench/servers/plain-graphql.js', mercurius: 'dist/bench/servers/mercurius-jit.js', apollo: 'dist/bench/servers/apollo-floor.js' };
    for (const kind of ['plain', 'mercurius', 'apollo', 'uncached'] as const) {
      if (!kinds.includes(kind)) continue;
      const dir = await copyData(dataDir);
      temporary.push(dir);
      const script = kind === 'uncached' ? ENTENTE : path.join(ROOT, scripts[kind]);
      servers.set(kind, await startServer(kind, script, { DATA_DIR: dir, ...(kind === 'uncached' ? { RESPONSE_CACHE_MAX_BYTES: '1', API_TOKENS: WRITE_TOKEN } : {}) }));
    }
    let schema: string | null = null;
    if (postgres) {
      schema = `bench_${Date.now().toString(36)}`;
      const imported = await importIntoSchema(dataDir, databaseUrl, schema);
      const made = schema;
      dropSchema = () => dropBenchSchema(databaseUrl, made);
      console.log(`PostgreSQL: ${dataDir} imported into schema "${schema}" in ${(imported / 1000).toFixed(1)} s`);
      const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, RESPONSE_CACHE_MAX_BYTES: '1', API_TOKENS: WRITE_TOKEN };
      const one = await startServer('postgres', ENTENTE, env);
      servers.set('postgres', one);
      console.log(`Entente on PostgreSQL started in ${Math.round(one.startupMs)} ms, RSS ${mib(rssOf(one.child.pid!))} MiB`);
      const [first, second] = await Promise.all([startServer('postgres2', ENTENTE, env), startServer('postgres2b', ENTENTE, env)]);
      servers.set('postgres2', first);
      replicas.set('postgres2', second);
      peer = await startPostGraphile(dataDir, databaseUrl, queries, servers, peerBodies, (drop) => (dropPeerSchema = drop));
      if (!('skipped' in peer)) kinds.push(POSTGRAPHILE);
    }
    for (const [kind, server] of servers) {
      if (kind === POSTGRAPHILE) {
        // Its own schema and ids: the answers' content is compared (slugs, names, titles, dates, in order).
        for (const [name, body] of peerBodies) {
          const ours = JSON.stringify(normalizedAnswer(name, 'entente', expected.get(name)!));
          const theirs = await rawResponse(server.url, body)
            .then((text) => JSON.stringify(normalizedAnswer(name, 'postgraphile', text)))
            .catch((error: Error) => error.message);
          if (ours !== theirs) {
            console.error(`\n*** PostGraphile answers ${name} differently from Entente: its row is left out.\n  Entente:      ${ours.slice(0, 400)}\n  PostGraphile: ${theirs.slice(0, 400)}`);
            peerFailed = true;
          }
        }
        if (peerFailed) {
          kinds.splice(kinds.indexOf(POSTGRAPHILE), 1);
          peer = { skipped: 'answers differ from Entente' };
        }
        continue;
      }
      for (const query of queries) {
        const answer = await rawResponse(server.url, query.body);
        if (!sameData(answer, expected.get(query.name)!)) throw new Error(`${kind} answers ${query.name} differently from Entente:\n${answer.slice(0, 500)}`);
      }
    }

    const measurements: Measurement[] = [];
    for (const query of queries) {
      for (const kind of kinds) if (bodyOf(kind, query, peerBodies) !== null) measurements.push({ server: kind, query: query.name, rounds: [], requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, cpuMicrosPerRequest: 0 });
    }
    for (let round = 1; round <= roundCount; round++) {
      for (const query of queries) {
        for (const kind of kinds) {
          const body = bodyOf(kind, query, peerBodies);
          if (body === null) continue;
          const group = [servers.get(kind)!, ...(replicas.has(kind) ? [replicas.get(kind)!] : [])];
          // PostgreSQL rows count the CPU of the backends serving them too.
          const database = kind.startsWith('postgres') || kind === POSTGRAPHILE ? databaseUrl : null;
          // A short unmeasured run first: JIT warm-up, connections, caches.
          await load(group, body, connections, 1, database);
          const result = await load(group, body, connections, duration, database);
          const measurement = measurements.find((m) => m.server === kind && m.query === query.name)!;
          measurement.rounds.push(result);
          console.log(`  round ${round} ${query.name.padEnd(9)} ${kind.padEnd(12)} ${Math.round(result.requestsPerSecond).toString().padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  CPU ${Math.round(result.cpuMicrosPerRequest)} µs/req${result.non2xx || result.errors ? `  non-2xx ${result.non2xx} errors ${result.errors}` : ''}`);
        }
      }
    }
    for (const measurement of measurements) {
      const sorted = [...measurement.rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
      measurement.requestsPerSecond = medianOf(measurement.rounds.map((r) => r.requestsPerSecond));
      measurement.p50Ms = median.p50Ms;
      measurement.p99Ms = median.p99Ms;
      measurement.cpuMicrosPerRequest = medianOf(measurement.rounds.map((r) => r.cpuMicrosPerRequest));
    }
    for (const measurement of measurements) {
      const limit = measurements.find((m) => m.server === 'static' && m.query === measurement.query);
      if (limit) measurement.ratioToLimit = measurement.requestsPerSecond / limit.requestsPerSecond;
    }
    const failures = measurements.flatMap((m) => m.rounds.filter((r) => r.non2xx > 0 || r.errors > 0).map(() => `${m.server} ${m.query}`));

    let scale: ScaleFigures | undefined;
    if (values.corpus) {
      scale = await scaleFigures(cached, servers.get('uncached')!, rssAfterStart, temporary);
      scale.indexesReadyAfterMs = Math.round(indexingMs);
      scale.rssIndexedMiB = mib(rssIndexed);
    }
    let writes: { store: string; writesPerSecond: number; p50Ms: number; p99Ms: number; clientCpuMsPerWrite: number }[] | undefined;
    if (postgres) {
      console.log(`\nWrites: ${WRITES} createTopic mutations from ${WRITE_CLIENTS} concurrent clients, each acknowledged once durable`);
      writes = [];
      for (const [store, server] of [['JSON store (fsync of the journal)', servers.get('uncached')!], ['PostgreSQL (commit)', servers.get('postgres')!]] as const) {
        const figures = await writeThroughput(server.url, store.startsWith('JSON') ? 'json' : 'pg');
        writes.push({ store, ...figures });
        console.log(`  ${store.padEnd(36)} ${Math.round(figures.writesPerSecond).toString().padStart(6)} writes/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  (bench client ${figures.clientCpuMsPerWrite} ms CPU/write)`);
      }
    }
    printTable(queries, kinds, measurements);
    if (postgres) console.log('\n(PostgreSQL rows: CPU per request counts the Node processes and the PostgreSQL backends serving their connections.)');
    if (scale) printScale(scale);
    const out = values.out ? path.resolve(values.out) : path.join(ROOT, 'bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          node: process.version,
          data: values.corpus ? dataDir : 'data/ (the article)',
          connections,
          durationSeconds: duration,
          rounds: roundCount,
          servers: Object.fromEntries(kinds.map((kind) => [kind, SERVER_LABELS[kind]])),
          queries: queries.map(({ name, description, body }) => ({ name, description, body })),
          measurements,
          scale,
          writes,
          postgresSchema: schema,
          postgraphile: peer,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nReport: ${path.relative(process.cwd(), out) || out}`);
    if (peerFailed) {
      console.error('PostGraphile answered differently from Entente (see above): its row was left out.');
      return 1;
    }
    if (failures.length > 0) {
      console.error(`Some responses were not 2xx or failed: ${[...new Set(failures)].join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await Promise.all([...servers.values(), ...replicas.values()].map((server) => server.stop()));
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
    await dropSchema?.();
    await dropPeerSchema?.();
  }
}

const WRITE_TOKEN = 'bench-write-token';
const WRITES = 1000;
const WRITE_CLIENTS = 16;

/** What `kind` is sent for `query`: Entente's body, or the peer's equivalent (null: none, not measured). */
function bodyOf(kind: ServerKind, query: BenchQuery, peerBodies: Map<string, string>): string | null {
  return kind === POSTGRAPHILE ? (peerBodies.get(query.name) ?? null) : query.body;
}

/**
 * The PostGraphile 5 peer: installs Node 22 and its packages under .tmp/ (first use), loads the
 * corpus into plain tables in schema pgl_<pid>, and starts it under Node 22. When any step
 * fails it says why and the run goes on without the row.
 */
async function startPostGraphile(
  dataDir: string,
  databaseUrl: string,
  queries: BenchQuery[],
  servers: Map<ServerKind, RunningServer>,
  peerBodies: Map<string, string>,
  onSchema: (drop: () => Promise<unknown>) => void,
): Promise<{ node: string; plainTablesSchema: string; loadMs: number } | { skipped: string }> {
  try {
    const installed = await installPostGraphile((line) => console.log(line));
    const schema = `pgl_${process.pid}`;
    onSchema(() => dropBenchSchema(databaseUrl, schema));
    const loadMs = await loadPlainTables(dataDir, databaseUrl, schema);
    console.log(`PostGraphile: ${dataDir} loaded into plain tables in schema "${schema}" in ${(loadMs / 1000).toFixed(1)} s`);
    const server = await startServer(POSTGRAPHILE, installed.script, { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }, { node: installed.node });
    servers.set(POSTGRAPHILE, server);
    console.log(`PostGraphile 5 on Node ${NODE22_VERSION} started in ${Math.round(server.startupMs)} ms, RSS ${mib(rssOf(server.child.pid!))} MiB`);
    for (const query of queries) {
      const body = postGraphileBody(query.name, query.body);
      if (body !== null) peerBodies.set(query.name, body);
    }
    return { node: NODE22_VERSION, plainTablesSchema: schema, loadMs };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`\nPostGraphile peer left out: ${reason}\n`);
    return { skipped: reason };
  }
}

/** `WRITES` createTopic mutations from `WRITE_CLIENTS` clients at once (runWriteLoad): writes/s, latency and the bench client's CPU a write. */
async function writeThroughput(url: string, tag: string): Promise<{ writesPerSecond: number; p50Ms: number; p99Ms: number; clientCpuMsPerWrite: number }> {
  const run = tag + Date.now().toString(36);
  const load = await runWriteLoad({ url, token: WRITE_TOKEN, clients: WRITE_CLIENTS, writes: WRITES, name: (index) => `Bench ${run} ${index}`, maxFailures: 1 });
  if (load.firstFailure !== undefined) throw new Error(`a write failed: ${load.firstFailure}`);
  return {
    writesPerSecond: WRITES / load.seconds,
    p50Ms: latencyAt(load.latenciesMs, 0.5),
    p99Ms: latencyAt(load.latenciesMs, 0.99),
    clientCpuMsPerWrite: Math.round((load.clientCpuSeconds * 1000 * 100) / WRITES) / 100,
  };
}

/**
 * One autocannon run of `seconds` against one query, with the servers' CPU time per request.
 * Several servers (replicas) share the connections, one autocannon each, at the same time;
 * With `databaseUrl`, the CPU time of the PostgreSQL backends serving them is added (backendCpuMeter).
 */
async function load(group: RunningServer[], body: string, connections: number, seconds: number, databaseUrl: string | null = null): Promise<Measurement['rounds'][number]> {
  const backends = databaseUrl === null ? async () => 0 : backendCpuMeter(databaseUrl, group.map((server) => server.child.pid!));
  const cpu = async () => group.reduce((sum, server) => sum + cpuSecondsOf(server.child.pid!), 0) + (await backends());
  const cpuBefore = await cpu();
  const results = await Promise.all(
    group.map((server, i) =>
      autocannon({
        url: `${server.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: Math.floor(connections / group.length) + (i < connections % group.length ? 1 : 0),
        duration: seconds,
      }),
    ),
  );
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    p50Ms: Math.max(...results.map((result) => result.latency.p50)),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    cpuMicrosPerRequest: (((await cpu()) - cpuBefore) * 1e6) / Math.max(1, total),
  };
}

/** The scale figures of a corpus: start-up, memory, and latencies against the article's data. */
async function scaleFigures(cached: RunningServer, uncached: RunningServer, rssAfterStart: number, temporary: string[]): Promise<ScaleFigures> {
  console.log('\nScale figures (sequential requests, one connection, every request a cache miss):');
  const articleDir = await copyData(path.join(ROOT, 'data'));
  temporary.push(articleDir);
  const article = await startServer('article', ENTENTE, { DATA_DIR: articleDir, RESPONSE_CACHE_MAX_BYTES: '1' });
  try {
    const [articleQuery, corpusQuery] = await Promise.all([filteredPageLike(article.url), filteredPageLike(uncached.url)]);
    const articleLatency = await latencyOf(article.url, articleQuery.body, 500);
    const corpusLatency = await latencyOf(uncached.url, corpusQuery.body, 500);
    const corpusTotalCount = corpusQuery.totalCount;
    console.log(`  filtered page + totalCount: article p50 ${fmt(articleLatency)}; corpus p50 ${fmt(corpusLatency)} (totalCount ${corpusTotalCount})`);

    const pageQuery = 'query Page($after: String) { meetings(first: 20, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id title date { label } } } }';
    const cursor = await cursorAt(uncached.url, 50_000);
    let deepPagination: ScaleFigures['deepPagination'];
    if (cursor === null) console.log('  meetings page after the 50,000th: not measured (the corpus holds fewer)');
    else {
      const first = await latencyOf(uncached.url, JSON.stringify({ query: pageQuery, variables: { after: null } }), 500);
      const deep = await latencyOf(uncached.url, JSON.stringify({ query: pageQuery, variables: { after: cursor } }), 500);
      console.log(`  meetings page: first p50 ${fmt(first)}; after the 50,000th p50 ${fmt(deep)}`);
      deepPagination = { firstPageP50Ms: first.p50Ms, after50000P50Ms: deep.p50Ms, ratio: deep.p50Ms / first.p50Ms };
    }
    const counts = ((await (await fetch(`${cached.url}/health`)).json()) as { counts: Record<string, number> }).counts;
    return {
      startupMs: Math.round(cached.startupMs),
      rssAfterStartMiB: mib(rssAfterStart),
      rssAfterLoadMiB: mib(rssOf(cached.child.pid!)),
      counts,
      filteredPage: { articleP50Ms: articleLatency.p50Ms, corpusP50Ms: corpusLatency.p50Ms, ratio: corpusLatency.p50Ms / articleLatency.p50Ms, corpusTotalCount },
      deepPagination,
    };
  } finally {
    await article.stop();
  }
}

/** The cursor of the `position`-th meeting in the default order, paged to 100 at a time; null when there are no more meetings than that. */
async function cursorAt(url: string, position: number): Promise<string | null> {
  const query = 'query Walk($after: String) { meetings(first: 100, after: $after) { totalCount pageInfo { endCursor } } }';
  let after: string | null = null;
  let total = 0;
  for (let seen = 0; seen < position; seen += 100) {
    const data: { meetings: { totalCount: number; pageInfo: { endCursor: string } } } = await graphql(url, query, { after });
    total = data.meetings.totalCount;
    if (seen + 100 >= total) return null;
    after = data.meetings.pageInfo.endCursor;
  }
  return after!;
}

async function rawResponse(url: string, body: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 500)}`);
  return text;
}

function sameData(a: string, b: string): boolean {
  const left = JSON.parse(a) as { data?: unknown; errors?: unknown };
  const right = JSON.parse(b) as { data?: unknown; errors?: unknown };
  return left.errors === undefined && right.errors === undefined && JSON.stringify(left.data) === JSON.stringify(right.data);
}

function printTable(queries: BenchQuery[], kinds: readonly ServerKind[], measurements: Measurement[]): void {
  for (const query of queries) {
    console.log(`\n${query.name}: ${query.description}`);
    console.log(`  ${'server'.padEnd(52)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× limit'.padStart(8)} ${'CPU µs/req'.padStart(11)}`);
    for (const kind of kinds) {
      const m = measurements.find((x) => x.server === kind && x.query === query.name);
      if (!m) continue;
      console.log(
        `  ${SERVER_LABELS[kind].padEnd(52)} ${Math.round(m.requestsPerSecond).toString().padStart(8)} ${m.p50Ms.toString().padStart(7)} ${m.p99Ms.toString().padStart(7)} ${m.ratioToLimit === undefined ? '-'.padStart(8) : m.ratioToLimit.toFixed(3).padStart(8)} ${Math.round(m.cpuMicrosPerRequest).toString().padStart(11)}`,
      );
    }
  }
}

function printScale(scale: ScaleFigures): void {
  console.log('\nScale:');
  console.log(`  records: ${Object.entries(scale.counts).map(([type, count]) => `${type} ${count}`).join(', ')}`);
  console.log(`  start-up to serving: ${(scale.startupMs / 1000).toFixed(2)} s (target ≤ 5 s); every index ready ${((scale.indexesReadyAfterMs ?? 0) / 1000).toFixed(2)} s later`);
  console.log(`  RSS: ${scale.rssAfterStartMiB} MiB after start-up, ${scale.rssIndexedMiB} MiB with the indexes built, ${scale.rssAfterLoadMiB} MiB after the load (target ≤ 1024 MiB)`);
  console.log(`  filtered page + totalCount p50: ${scale.filteredPage.corpusP50Ms.toFixed(3)} ms vs ${scale.filteredPage.articleP50Ms.toFixed(3)} ms on the article's data = ${scale.filteredPage.ratio.toFixed(2)}× (target ≤ 2×)`);
  if (scale.deepPagination) console.log(`  page after the 50,000th meeting p50: ${scale.deepPagination.after50000P50Ms.toFixed(3)} ms vs first page ${scale.deepPagination.firstPageP50Ms.toFixed(3)} ms = ${scale.deepPagination.ratio.toFixed(2)}×`);
}

function fmt(latency: Latency): string {
  return `${latency.p50Ms.toFixed(3)} ms (p99 ${latency.p99Ms.toFixed(3)} ms)`;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

class UsageError extends Error {}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of at least 1; got ${raw}`);
  return value;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    killAll();
    console.error(error instanceof UsageError ? `bench: ${error.message}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
