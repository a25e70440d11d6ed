/**
 * `npm run bench:stats`: how long `meetingStats` takes on a large corpus, for each grouping
 * alone (and two crossed), on the JSON store. Three figures per grouping, each the median of
 * --runs runs after one untimed warm-up:
 * - HTTP: the whole query POSTed to a built server (every request a cache miss:
 *   RESPONSE_CACHE_MAX_BYTES=1), sent to answered; the target of issue 16 is under 100 ms
 *   at 100,000 meetings. Beside it, the server's CPU time per request, which does not
 *   depend on the share of the cores the server got on a busy machine;
 * - count: the CPU time of the counting function alone (src/domain/meeting-stats.ts) on
 *   every meeting, in this process on the same data;
 * - and once, the CPU time of the store's `findMany` of every meeting (what the resolver
 *   reads first), in this process.
 *
 *   npm run bench:stats [-- --corpus DIR] [-- --runs N] [-- --json]
 *
 * Without --corpus it uses .tmp/synth-100k, made with `npm run data:synth -- --meetings
 * 100000` when missing. It measures: the exit code is 0 whatever the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { meetingStats, type DateCounting, type MeetingStatsDimension, type StatsReference } from '../src/domain/meeting-stats';
import { SUMMARY_PARTS, type Tally, type TallyQuery } from '../src/store/contract/store';
import { JsonStore } from '../src/store/json/json-store';
import { copyData, cpuSecondsOf, ENTENTE, graphql, indexesReady, ROOT, startServer } from './lib/processes';

const DEFAULT_CORPUS = path.join(ROOT, '.tmp/synth-100k');
const DEFAULT_MEETINGS = 100_000;

/** The groupings measured: each dimension alone (dates both ways), and two crossed; `first` where there are more groups than one answer holds. */
const GROUPINGS: { groupBy: MeetingStatsDimension[]; dateCounting: DateCounting; first?: number }[] = [
  { groupBy: ['MONTH'], dateCounting: 'CERTAIN' },
  { groupBy: ['MONTH'], dateCounting: 'SPLIT' },
  { groupBy: ['YEAR'], dateCounting: 'CERTAIN' },
  { groupBy: ['YEAR'], dateCounting: 'SPLIT' },
  { groupBy: ['KIND'], dateCounting: 'CERTAIN' },
  { groupBy: ['COUNTRY'], dateCounting: 'CERTAIN' },
  { groupBy: ['COUNTRY_PAIR'], dateCounting: 'CERTAIN', first: 100 },
  { groupBy: ['TOPIC'], dateCounting: 'CERTAIN' },
  { groupBy: ['PLOVER_CATEGORY'], dateCounting: 'CERTAIN' },
  { groupBy: ['YEAR', 'COUNTRY_PAIR'], dateCounting: 'SPLIT', first: 100 },
  { groupBy: ['YEAR', 'TOPIC'], dateCounting: 'SPLIT' },
];

const QUERY = `query MeetingStats($groupBy: [MeetingStatsDimension!]!, $dateCounting: DateCounting, $first: Int) {
  meetingStats(groupBy: $groupBy, dateCounting: $dateCounting, first: $first) {
    total visits parts others groupCount
    groups { keys { dimension value label } count visits parts others }
  }
}`;

interface Figures {
  grouping: string;
  groups: number;
  httpMs: number;
  /** The server process's CPU time per request (all its threads): what a request costs, whatever share of the cores it got. */
  serverCpuMs: number;
  countMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number from 1; got ${values.runs}`);
  const corpus = path.resolve(values.corpus ?? DEFAULT_CORPUS);
  if (!existsSync(corpus)) {
    if (values.corpus) throw new Error(`no corpus at ${corpus}`);
    console.log(`Making the ${DEFAULT_MEETINGS.toLocaleString('en')}-meeting corpus in ${path.relative(ROOT, corpus)} (npm run data:synth)...`);
    const made = spawnSync(process.execPath, [path.join(ROOT, 'dist/tools/synth/cli.js'), '--meetings', String(DEFAULT_MEETINGS), '--out', corpus], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('data:synth failed');
  }

  // In this process: the store's tallies of every meeting, then the counting function on them.
  const store = await JsonStore.open(corpus, { readOnly: true });
  const view = store.view();
  const everyMeeting: TallyQuery = { filter: {}, parts: SUMMARY_PARTS };
  const findMs = await medianMs(runs, () => view.meetingTallies([everyMeeting]), 'cpu');
  const [meetings] = (await view.meetingTallies([everyMeeting])) as [Tally[]];
  const [countries, topics] = await Promise.all([view.findMany('Country', [{ order: { field: 'NAME', direction: 'ASC' } }]), view.findMany('Topic', [{ order: { field: 'NAME', direction: 'ASC' } }])]);
  const reference: StatsReference = {
    countries: new Map(countries[0]!.items.map(({ entity }) => [entity.slug, entity])),
    topics: new Map(topics[0]!.items.map(({ entity }) => [entity.slug, entity])),
  };
  await store.close();

  const dataDir = await copyData(corpus);
  const server = await startServer('entente', ENTENTE, { DATA_DIR: dataDir, RESPONSE_CACHE_MAX_BYTES: '1' });
  const figures: Figures[] = [];
  try {
    await indexesReady(server.url);
    console.log(`meetingStats on ${path.relative(ROOT, corpus) || corpus}: ${meetings.length.toLocaleString('en')} meetings; median of ${runs} runs after a warm-up`);
    console.log(`store meetingTallies of every meeting (in process, CPU): ${findMs.toFixed(1)} ms\n`);
    console.log(`${'grouping'.padEnd(36)} ${'groups'.padStart(7)} ${'HTTP ms'.padStart(9)} ${'server CPU ms'.padStart(14)} ${'count CPU ms'.padStart(13)}`);
    // Every HTTP figure first, then the counting alone: a pause longer than the server's
    // keep-alive timeout (5 s) between two requests would race the client reusing the socket.
    const http = [];
    for (const { groupBy, dateCounting, first = null } of GROUPINGS) {
      const cpuBefore = cpuSecondsOf(server.child.pid!);
      const httpMs = await medianMs(runs, () => graphql(server.url, QUERY, { groupBy, dateCounting, first }));
      http.push({ httpMs, serverCpuMs: ((cpuSecondsOf(server.child.pid!) - cpuBefore) * 1000) / (runs + 1) });
    }
    for (const [i, { groupBy, dateCounting, first = null }] of GROUPINGS.entries()) {
      const grouping = `${groupBy.join('×')} ${dateCounting}${first === null ? '' : ` first ${first}`}`;
      const answer = meetingStats(meetings, groupBy, dateCounting, reference, first);
      const countMs = await medianMs(runs, () => meetingStats(meetings, groupBy, dateCounting, reference, first), 'cpu');
      const { httpMs, serverCpuMs } = http[i]!;
      figures.push({ grouping, groups: answer.groupCount, httpMs, serverCpuMs, countMs });
      console.log(`${grouping.padEnd(36)} ${String(answer.groupCount).padStart(7)} ${httpMs.toFixed(1).padStart(9)} ${serverCpuMs.toFixed(1).padStart(14)} ${countMs.toFixed(1).padStart(13)}`);
    }
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the server said:\n${server.output().slice(-2000)}`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (values.json) console.log(JSON.stringify({ corpus, meetings: meetings.length, runs, findMs, figures }, null, 2));
}

/** The median time of `runs` runs of `task` after one untimed warm-up: elapsed, or this process's CPU time. */
async function medianMs(runs: number, task: () => unknown, clock: 'elapsed' | 'cpu' = 'elapsed'): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await task();
    const used = process.cpuUsage(cpu);
    times.push(clock === 'cpu' ? (used.user + used.system) / 1000 : performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)]!;
}

main().catch((error: unknown) => {
  // It measures: a failure to run is reported, not turned into a failing exit code.
  console.error('bench:stats could not run:', error instanceof Error ? error.message : error);
});
