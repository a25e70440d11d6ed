/**
 * The write load of `npm run bench` and `npm run bench:writes`: `clients` loops share a
 * counter of `writes` createTopic mutations, every topic named apart, sent over loopback
 * HTTP on keep-alive connections of node:http. Not fetch: undici's fetch costs the bench
 * process several times the CPU a request, and on a machine of two cores the load generator
 * shares the cores with the server it measures (the figures say how much it took). A write
 * counts once the server answered it 200, without errors, with its topic's slug: the store
 * answers only once the change is durable.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const CREATE_TOPIC = `mutation BenchCreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }`;

/** A write the server has not answered in this long fails. */
const WRITE_TIMEOUT_MS = 30_000;

export interface WriteLoad {
  url: string;
  /** A token of the server's API_TOKENS. */
  token: string;
  clients: number;
  writes: number;
  /** The name of the `index`th topic. */
  name: (index: number) => string;
  /** The run stops early after this many failed writes: something is wrong, not slow. */
  maxFailures: number;
}

export interface WriteLoadResult {
  /** The acknowledged topics' slugs. */
  slugs: string[];
  /** Each acknowledged write's latency, in ms, ascending. */
  latenciesMs: number[];
  failed: number;
  firstFailure?: string;
  seconds: number;
  /** CPU seconds the bench process itself spent sending the writes and reading the answers. */
  clientCpuSeconds: number;
}

export async function runWriteLoad(load: WriteLoad): Promise<WriteLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.clients });
  const target = new URL('/graphql', load.url);
  const slugs: string[] = [];
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const client = async () => {
    while (next < load.writes && failed < load.maxFailures) {
      const name = load.name(next++);
      const sent = performance.now();
      try {
        slugs.push(await createTopic(target, agent, load.token, name));
        latenciesMs.push(performance.now() - sent);
      } catch (error) {
        failed += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: load.clients }, client));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latenciesMs.sort((a, b) => a - b);
  return { slugs, latenciesMs, failed, ...(firstFailure === undefined ? {} : { firstFailure }), seconds, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The latency at quantile `q` (0..1) of ascending `latenciesMs`, rounded to 0.01 ms. */
export function latencyAt(latenciesMs: readonly number[], q: number): number {
  if (latenciesMs.length === 0) return 0;
  return Math.round(latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))]! * 100) / 100;
}

/** Sends one createTopic and returns the new topic's slug; throws unless the server acknowledged it. */
function createTopic(target: URL, agent: http.Agent, token: string, name: string): Promise<string> {
  const body = JSON.stringify({ query: CREATE_TOPIC, variables: { input: { name } } });
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        agent,
        timeout: WRITE_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const answer = parseAnswer(text);
          const slug = answer?.data?.createTopic?.topic?.slug;
          if (response.statusCode === 200 && answer?.errors === undefined && typeof slug === 'string') resolve(slug);
          else reject(new Error(`createTopic ${JSON.stringify(name)}: HTTP ${response.statusCode} ${text.slice(0, 300)}`));
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`createTopic ${JSON.stringify(name)}: no answer in ${WRITE_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

type CreateTopicAnswer = { data?: { createTopic?: { topic?: { slug?: unknown } | null } | null } | null; errors?: unknown };

/** The answer's JSON, or null when it is not JSON (the write is then refused with the text). */
function parseAnswer(text: string): CreateTopicAnswer | null {
  try {
    return JSON.parse(text) as CreateTopicAnswer | null;
  } catch {
    return null;
  }
}
