/**
 * `npm run bench:export [-- --corpus DIR] [--meetings N] [--formats plover,meetings]
 * [--store json|postgres] [--database-url URL]`: exports a synthetic corpus in every format
 * (src/export/export-formats.ts) and shows that memory stays flat: the export streams page
 * by page, so what it adds to the heap does not grow with the number of meetings.
 *
 * The corpus is DIR, else `.tmp/synth-<N>` (N meetings, default 100,000), made with
 * `npm run data:synth` when it does not exist. With the JSON store (the default) it is
 * opened read-only (the store holds it in memory: that is the baseline); with
 * `--store postgres` it is imported (`db:import`) into a new schema of the database
 * (`--database-url`, else DATABASE_URL, else the local `test` database), read through the
 * PostgreSQL store and the schema dropped at the end. Then each format is exported in this
 * process exactly as `npm run export` does, to /dev/null through a stream that applies
 * backpressure, once the store's deferred indexes are built. During each export the heap and
 * RSS are sampled every 20 ms, and the live heap (after a forced GC) every 20 pages; it
 * prints, per format, the meetings, rows and bytes written, rows/s, and the heap at the start
 * (after a forced GC) against the live heap's peak, the heap's peak (garbage included) and
 * RSS's. It measures: the exit code is 0 whatever the figures.
 */
// The export reads filters through the schema's input types (type-graphql decorators).
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS } from '../src/export/export-formats';
import { openMeetingExport } from '../src/export/meeting-export';
import { streamWriter } from '../src/export/stream-writer';
import { createMetrics } from '../src/metrics';
import type { Store } from '../src/store/contract/store';
import { JsonStore } from '../src/store/json/json-store';
import { createPool } from '../src/store/postgres/database';
import { PgStore } from '../src/store/postgres/pg-store';

/** The repository root: this file runs as dist/bench/export.js. */
const ROOT = path.resolve(__dirname, '../..');
const MIB = 1024 * 1024;

/** A full collection, when node runs with --expose-gc (the npm script passes it). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Figures {
  format: string;
  meetings: number;
  rows: number;
  bytes: number;
  seconds: number;
  heapStart: number;
  heapPeak: number;
  /** The most heap still in use after a forced GC, taken every LIVE_SAMPLE_CHUNKS chunks: what the export holds, without its garbage. */
  liveHeapPeak: number;
  rssStart: number;
  rssPeak: number;
}

/** Chunks (pages) between two forced GCs that measure the live heap during an export. */
const LIVE_SAMPLE_CHUNKS = 20;

async function exportOnce(store: Pick<Store, 'view'>, formatName: string): Promise<Figures> {
  const format = EXPORT_FORMATS.find((candidate) => candidate.name === formatName);
  if (!format) throw new Error(`no format ${formatName}; the formats are ${EXPORT_FORMATS.map((f) => f.name).join(', ')}`);
  collect();
  const start = process.memoryUsage();
  let heapPeak = start.heapUsed;
  let rssPeak = start.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    heapPeak = Math.max(heapPeak, now.heapUsed);
    rssPeak = Math.max(rssPeak, now.rss);
  }, 20);
  const sink = createWriteStream('/dev/null');
  const write = streamWriter(sink);
  // Rows: records end with "\r\n" in CSV (which a quoted field never holds here), lines with "\n" in JSON lines.
  const delimiter = format.extension === 'csv' ? '\r\n' : '\n';
  let rows = 0;
  let bytes = 0;
  let chunks = 0;
  let liveHeapPeak = start.heapUsed;
  let gcMs = 0;
  const started = performance.now();
  const exported = await openMeetingExport(store, createMetrics(), null);
  const meetings = await exported.run(format, async (chunk) => {
    bytes += Buffer.byteLength(chunk);
    rows += chunk.split(delimiter).length - 1;
    await write(chunk);
    if (++chunks % LIVE_SAMPLE_CHUNKS === 0) {
      const collecting = performance.now();
      collect();
      liveHeapPeak = Math.max(liveHeapPeak, process.memoryUsage().heapUsed);
      gcMs += performance.now() - collecting;
    }
  });
  // The forced GCs are the bench's, not the export's: their time is left out.
  const seconds = (performance.now() - started - gcMs) / 1000;
  clearInterval(sampler);
  await new Promise<void>((resolve) => sink.end(resolve));
  // A CSV's header row is not a row of data.
  if (format.extension === 'csv') rows -= 1;
  return { format: format.name, meetings, rows, bytes, seconds, heapStart: start.heapUsed, heapPeak, liveHeapPeak, rssStart: start.rss, rssPeak };
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      meetings: { type: 'string', default: '100000' },
      formats: { type: 'string' },
      store: { type: 'string', default: 'json' },
      'database-url': { type: 'string' },
    },
  });
  if (values.store !== 'json' && values.store !== 'postgres') throw new Error(`--store takes json or postgres; got ${values.store}`);
  const meetings = Number(values.meetings);
  const corpus = path.resolve(values.corpus ?? path.join(ROOT, `.tmp/synth-${meetings}`));
  if (!existsSync(corpus)) {
    if (values.corpus) throw new Error(`no corpus at ${corpus}`);
    console.log(`Making the ${meetings.toLocaleString('en')}-meeting corpus in ${path.relative(ROOT, corpus)} (npm run data:synth)...`);
    const made = spawnSync(process.execPath, [path.join(ROOT, 'dist/tools/synth/cli.js'), '--meetings', String(meetings), '--out', corpus], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('data:synth failed');
  }
  const opening = performance.now();
  const opened = values.store === 'json' ? await openJson(corpus) : await openPostgres(corpus, values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const { store } = opened;
  const counts = await store.counts();
  console.log(`Corpus ${path.relative(ROOT, corpus) || corpus}: ${counts.Meeting.toLocaleString('en')} meetings, ${opened.description} in ${((performance.now() - opening) / 1000).toFixed(1)} s.`);
  console.log(`Each export to /dev/null in this process: heap used and RSS at its start (after a forced GC) and their peak while it ran; live heap: the most still in use after a forced GC every ${LIVE_SAMPLE_CHUNKS} pages.\n`);
  const formats = values.formats ? values.formats.split(',') : EXPORT_FORMATS.map((format) => format.name);
  const lines = ['| format | meetings | rows | MB written | seconds | rows/s | live heap: start → peak | heap used: start → peak | RSS: start → peak |', '|---|---|---|---|---|---|---|---|---|'];
  try {
    for (const name of formats) {
      const f = await exportOnce(store, name);
      const line = `| ${f.format} | ${f.meetings.toLocaleString('en')} | ${f.rows.toLocaleString('en')} | ${(f.bytes / 1e6).toFixed(0)} | ${f.seconds.toFixed(1)} | ${Math.round(f.rows / f.seconds).toLocaleString('en')} | ${mib(f.heapStart)} → ${mib(f.liveHeapPeak)} (+${mib(f.liveHeapPeak - f.heapStart)}) | ${mib(f.heapStart)} → ${mib(f.heapPeak)} (+${mib(f.heapPeak - f.heapStart)}) | ${mib(f.rssStart)} → ${mib(f.rssPeak)} (+${mib(f.rssPeak - f.rssStart)}) |`;
      lines.push(line);
      console.log(line);
    }
  } finally {
    await opened.close();
  }
  console.log(`\n${lines.join('\n')}`);
}

/** The corpus held in memory by the JSON store, read-only, once its deferred indexes are built (so that their growth is not counted). */
async function openJson(corpus: string): Promise<{ store: Store; description: string; close: () => Promise<void> }> {
  const store = await JsonStore.open(corpus, { readOnly: true });
  while (store.indexing) await new Promise((resolve) => setTimeout(resolve, 100));
  return { store, description: 'opened with the JSON store', close: () => store.close() };
}

/** The corpus imported into a new schema of `url` with `npm run db:import`, read through the PostgreSQL store; the schema is dropped on close. */
async function openPostgres(corpus: string, url: string): Promise<{ store: Store; description: string; close: () => Promise<void> }> {
  const schema = `bench_export_${process.pid}`;
  console.log(`Importing the corpus into schema ${schema} (npm run db:import)...`);
  const imported = spawnSync(process.execPath, [path.join(ROOT, 'dist/scripts/db-import.js'), corpus], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url, DATABASE_SCHEMA: schema } });
  const drop = async () => {
    const pool = createPool({ url, max: 1 });
    try {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await pool.end();
    }
  };
  if (imported.status !== 0) {
    await drop();
    throw new Error('db:import failed');
  }
  const store = await PgStore.open({ url, schema, max: 2 });
  return {
    store,
    description: `imported into PostgreSQL (schema ${schema})`,
    close: async () => {
      await store.close();
      await drop();
    },
  };
}

main().catch((error: unknown) => {
  // It measures: a failure to run is reported, not turned into a failing exit code.
  console.error('bench:export could not run:', error instanceof Error ? error.message : error);
});
