/**
 * `npm run bench:soak`: a sustained mixed load of reads and writes against the built
 * server, checking what must hold under it: no 5xx, no lost write, and memory that levels
 * off.
 *
 * Starts Entente on a temporary copy of data/ (or of --corpus DIR) and runs, for
 * --duration seconds (default 60), --connections loops (default 32) over keep-alive
 * connections; each picks its next request at random: a write one time in twenty
 * (--write-share; createTopic with a unique name, or updateTopic of one of the loop's share
 * of the created topics: no two loops update the same one), else
 * one of 400 read requests, popular ones more often — the deep query, filtered pages for
 * various people, topics and years, nodes(ids), searches, the topics list. Every 5xx and every error code is counted. RSS is sampled every second; growth
 * is measured from the end of the warm-up (the first 15 s) to the end. At the end every
 * acknowledged write is read back, then the server is stopped (SIGTERM), started again
 * from its files, and every write is read back again.
 *
 * Prints the figures and writes them to bench/results/soak-<time>.json (or --out FILE);
 * exits 1 when a check fails (a 5xx, a transport error, a lost write, no write acknowledged
 * though writes were sent, or RSS growth of 10% or more).
 */
import http from 'node:http';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as hdr from 'hdr-histogram-js';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { ENTENTE, ROOT, copyData, graphql, indexesReady, killAll, rssOf, startServer, type RunningServer } from './lib/processes';
import { DEEP_QUERY, FILTERED_QUERY, NODES_QUERY } from './lib/queries';

const TOKEN = 'bench-soak-token';
const WARMUP_SECONDS = 15;
const WRITE_SHARE = 0.05;
/** Distinct read requests the clients draw from, the most popular most often (like pages and dashboards). */
const READ_VARIANTS = 400;
/** Environment variables handed on to the server. */
const SERVER_SETTINGS = /^(RESPONSE_CACHE_MAX_BYTES|MAX_[A-Z_]+|REQUEST_TIMEOUT_MS|LOG_LEVEL|NODE_OPTIONS)$/;

const CREATE_TOPIC = 'mutation SoakCreate($input: CreateTopicInput!) { createTopic(input: $input) { topic { id slug name } } }';
const UPDATE_TOPIC = 'mutation SoakUpdate($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { topic { id slug name } } }';
const TOPICS = 'query SoakTopics($after: String) { topics(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { slug name } } }';
const SEARCH = 'query SoakSearch($query: String!) { search(query: $query, first: 10) { __typename ... on Node { id } } }';

interface Written {
  slug: string;
  id: string;
  name: string;
}

interface Tally {
  requests: number;
  reads: number;
  writes: number;
  status: Record<string, number>;
  errorCodes: Record<string, number>;
  transportErrors: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '32' },
      corpus: { type: 'string' },
      out: { type: 'string' },
      'write-share': { type: 'string', default: String(WRITE_SHARE) },
    },
  });
  const writeShare = Number(values['write-share']);
  if (!(writeShare >= 0 && writeShare <= 1)) throw new UsageError(`--write-share must be a number from 0 to 1; got ${values['write-share']}`);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isInteger(duration) || duration < WARMUP_SECONDS + 5) throw new UsageError(`--duration must be a whole number of at least ${WARMUP_SECONDS + 5}; got ${values.duration}`);
  if (!Number.isInteger(connections) || connections < 1) throw new UsageError(`--connections must be a whole number of at least 1; got ${values.connections}`);
  const source = values.corpus ? path.resolve(values.corpus) : path.join(ROOT, 'data');
  const dataDir = await copyData(source);
  let server: RunningServer | undefined;
  try {
    // The server's own settings pass through (e.g. RESPONSE_CACHE_MAX_BYTES), except where the soak sets them.
    const passed = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => SERVER_SETTINGS.test(name) && value !== undefined)) as Record<string, string>;
    const env = { ...passed, DATA_DIR: dataDir, API_TOKENS: TOKEN };
    server = await startServer('entente', ENTENTE, env);
    // The load starts on a server ready for every query: every index built.
    const indexingMs = await indexesReady(server.url);
    console.log(`Soak: ${connections} connections for ${duration} s on ${values.corpus ? source : "the article's data"}; Entente started in ${Math.round(server.startupMs)} ms, indexes ready ${Math.round(indexingMs)} ms later`);
    const picks = await pickArguments(server.url);
    const variantRandom = seeded(20261128);
    const variants = Array.from({ length: READ_VARIANTS }, () => readBody(picks, variantRandom));
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const tally: Tally = { requests: 0, reads: 0, writes: 0, status: {}, errorCodes: {}, transportErrors: 0 };
    const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
    const written: Written[] = [];
    const rss: { second: number; bytes: number }[] = [];
    const started = performance.now();
    const end = started + duration * 1000;
    const pid = server.child.pid!;
    const heap: { second: number; bytes: number }[] = [];
    const sampler = setInterval(() => {
      const second = Math.round((performance.now() - started) / 1000);
      rss.push({ second, bytes: rssOf(pid) });
      // The V8 heap in use, as the server's own /metrics reports it (garbage included until collected).
      void heapUsed(server!.url).then((bytes) => bytes !== null && heap.push({ second, bytes }));
    }, 1000);
    let serial = 0;
    const loop = async (worker: number) => {
      const random = seeded(20261128 + worker);
      while (performance.now() < end) {
        const write = random() < writeShare;
        let body: string;
        let headers: Record<string, string> = {};
        if (write) {
          headers = { authorization: `Bearer ${TOKEN}` };
          const mine = written.filter((_, i) => i % connections === worker);
          if (mine.length > 0 && random() < 0.3) {
            const target = mine[Math.floor(random() * mine.length)]!;
            const name = `${target.name.replace(/ v\d+$/, '')} v${++serial}`;
            body = JSON.stringify({ query: UPDATE_TOPIC, variables: { id: target.id, input: { name } } });
          } else {
            body = JSON.stringify({ query: CREATE_TOPIC, variables: { input: { name: `Soak topic ${worker}-${++serial}` } } });
          }
        } else {
          // Skewed towards the first variants: the square of a uniform number.
          body = variants[Math.floor(random() * random() * variants.length)]!;
        }
        const t0 = performance.now();
        const response = await send(server!.url, agent, body, headers).catch(() => null);
        latency.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
        tally.requests++;
        if (write) tally.writes++;
        else tally.reads++;
        if (response === null) {
          tally.transportErrors++;
          continue;
        }
        tally.status[response.status] = (tally.status[response.status] ?? 0) + 1;
        let parsed: { data?: Record<string, { topic?: Written } | null>; errors?: { extensions?: { code?: string } }[] };
        try {
          parsed = JSON.parse(response.text);
        } catch {
          tally.errorCodes.NOT_JSON = (tally.errorCodes.NOT_JSON ?? 0) + 1;
          continue;
        }
        for (const error of parsed.errors ?? []) {
          const code = error.extensions?.code ?? 'NO_CODE';
          tally.errorCodes[code] = (tally.errorCodes[code] ?? 0) + 1;
        }
        const topic = parsed.data?.createTopic?.topic ?? parsed.data?.updateTopic?.topic;
        if (topic && !parsed.errors) {
          const existing = written.find((w) => w.id === topic.id);
          if (existing) existing.name = topic.name;
          else written.push({ id: topic.id, slug: topic.slug, name: topic.name });
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, (_, worker) => loop(worker)));
    clearInterval(sampler);
    agent.destroy();
    const seconds = (performance.now() - started) / 1000;

    const warm = rss.find((sample) => sample.second >= WARMUP_SECONDS) ?? rss[0]!;
    const last = rss[rss.length - 1]!;
    const peak = Math.max(...rss.map((sample) => sample.bytes));
    const growth = (last.bytes - warm.bytes) / warm.bytes;
    const fiveXX = Object.entries(tally.status).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);

    const missingLive = await missingWrites(server.url, written);
    await server.stop('SIGTERM');
    server = await startServer('entente (restarted)', ENTENTE, env);
    const missingAfterRestart = await missingWrites(server.url, written);

    const report = {
      at: new Date().toISOString(),
      data: values.corpus ? source : 'data/ (the article)',
      connections,
      durationSeconds: Math.round(seconds * 10) / 10,
      requests: tally.requests,
      requestsPerSecond: Math.round(tally.requests / seconds),
      reads: tally.reads,
      writes: tally.writes,
      acknowledgedWrites: written.length,
      latencyMs: { p50: latency.getValueAtPercentile(50) / 1000, p99: latency.getValueAtPercentile(99) / 1000, max: latency.maxValue / 1000 },
      status: tally.status,
      errorCodes: tally.errorCodes,
      transportErrors: tally.transportErrors,
      fiveXX,
      rssMiB: { afterWarmup: mib(warm.bytes), end: mib(last.bytes), peak: mib(peak), growthPercent: Math.round(growth * 1000) / 10 },
      heapUsedMiB: {
        afterWarmupMin: mib(Math.min(...heap.filter((h) => h.second >= WARMUP_SECONDS && h.second < WARMUP_SECONDS + 10).map((h) => h.bytes))),
        lastTenSecondsMin: mib(Math.min(...heap.filter((h) => h.second >= seconds - 10).map((h) => h.bytes))),
      },
      lostWrites: { live: missingLive.length, afterRestart: missingAfterRestart.length },
    };
    console.log(`  ${report.requests} requests (${report.reads} reads, ${report.writes} writes) in ${report.durationSeconds} s = ${report.requestsPerSecond} req/s; p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`);
    console.log(`  status: ${JSON.stringify(report.status)}; error codes: ${JSON.stringify(report.errorCodes)}; transport errors: ${report.transportErrors}`);
    console.log(`  5xx: ${fiveXX} (must be 0)`);
    console.log(`  writes acknowledged: ${written.length}; missing while running: ${missingLive.length}; missing after restart: ${missingAfterRestart.length} (must be 0)`);
    console.log(`  heap in use (lowest sample, i.e. nearest after a GC): ${report.heapUsedMiB.afterWarmupMin} MiB just after the warm-up, ${report.heapUsedMiB.lastTenSecondsMin} MiB in the last 10 s`);
    console.log(`  RSS: ${report.rssMiB.afterWarmup} MiB after the ${WARMUP_SECONDS} s warm-up, ${report.rssMiB.end} MiB at the end (growth ${report.rssMiB.growthPercent}%, must be < 10%), peak ${report.rssMiB.peak} MiB`);
    const out = values.out ? path.resolve(values.out) : path.join(ROOT, 'bench/results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify({ ...report, rss, heap }, null, 2)}\n`);
    console.log(`Report: ${path.relative(process.cwd(), out) || out}`);
    const failed = fiveXX > 0 || tally.transportErrors > 0 || missingLive.length > 0 || missingAfterRestart.length > 0 || growth >= 0.1 || (writeShare > 0 && written.length === 0);
    if (failed) console.error('SOAK FAILED: see the figures above.');
    return failed ? 1 : 0;
  } finally {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Picks {
  people: string[];
  topics: string[];
  ids: string[];
  words: string[];
}

/** Arguments for the read mix, taken from the data. */
async function pickArguments(url: string): Promise<Picks> {
  const data = await graphql<{ people: { nodes: { id: string; name: string }[] }; topics: { nodes: { slug: string }[] }; meetings: { nodes: { id: string; title: string }[] } }>(
    url,
    'query SoakPick { people(first: 100) { nodes { id name } } topics(first: 100) { nodes { slug } } meetings(first: 100) { nodes { id title } } }',
  );
  const words = [...new Set([...data.people.nodes.map((p) => p.name), ...data.meetings.nodes.map((m) => m.title)].flatMap((text) => text.split(/\W+/)).filter((w) => w.length > 3))];
  return {
    people: data.people.nodes.map((p) => p.id),
    topics: data.topics.nodes.map((t) => t.slug),
    ids: [...data.people.nodes.map((p) => p.id), ...data.meetings.nodes.map((m) => m.id)],
    words: words.slice(0, 200),
  };
}

function readBody(picks: Picks, random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const roll = random();
  if (roll < 0.2) return JSON.stringify({ query: DEEP_QUERY });
  if (roll < 0.5) {
    const year = 1996 + Math.floor(random() * 30);
    return JSON.stringify({ query: FILTERED_QUERY, variables: { participant: pick(picks.people), topic: pick(picks.topics), from: `${year}-01-01`, to: `${year + 5}-12-31` } });
  }
  if (roll < 0.7) return JSON.stringify({ query: NODES_QUERY, variables: { ids: Array.from({ length: 10 + Math.floor(random() * 40) }, () => pick(picks.ids)) } });
  if (roll < 0.85) return JSON.stringify({ query: SEARCH, variables: { query: pick(picks.words) } });
  return JSON.stringify({ query: TOPICS });
}

function send(url: string, agent: http.Agent, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL('/graphql', url),
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** The acknowledged writes the server does not show as written (by slug, with the last acknowledged name). */
async function missingWrites(url: string, written: Written[]): Promise<Written[]> {
  const seen = new Map<string, string>();
  let after: string | null = null;
  for (;;) {
    const data: { topics: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { slug: string; name: string }[] } } = await graphql(url, TOPICS, { after });
    for (const node of data.topics.nodes) seen.set(node.slug, node.name);
    if (!data.topics.pageInfo.hasNextPage) break;
    after = data.topics.pageInfo.endCursor;
  }
  return written.filter((w) => seen.get(w.slug) !== w.name);
}

/** A deterministic generator of numbers in [0, 1), so every run sends the same mix. */
function seeded(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => unsafeUniformIntDistribution(0, 0xffffffff, generator) / 0x100000000;
}

async function heapUsed(url: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(900) })).text();
    const match = /^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error) => {
    killAll();
    console.error(error instanceof UsageError ? `bench:soak: ${error.message}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
