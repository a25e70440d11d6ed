/**
 * Every export of a synthetic corpus, written by `npm run export` as a user runs it (to a
 * file), checked against its format's own definition and read back whole: PLOVER lines
 * against the PLOVER record's schema, both CSVs through a CSV parser (each meeting one row;
 * each dyad a pair of one meeting's sides), the Popolo document against Popolo's JSON
 * schemas, and FtM entities with the FtM model's library (each once, before any entity that
 * names it). Each meeting appears once in each format.
 *
 * The corpus has EXPORT_VALIDATION_MEETINGS meetings (default 2,000, made with the built
 * `data:synth`), or is the directory EXPORT_VALIDATION_CORPUS (e.g. `.tmp/synth-100k`: the
 * 100,000-meeting check of issue 16, about three minutes; docs/exports.md).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { FtmEntity } from '../../src/export/formats/ftm';
import type { MeetingRecord } from '../../src/store/contract/records';
import { ROOT } from '../helpers/run-script';
import { runSynth, tempDir } from '../synth/run-synth';
import { forwardReferences, ftmProblems, LIST_SCHEMAS, ploverValidator, popoloValidator, type ListName, type PopoloDocument } from './validators';

const EXPORT_CLI = path.join(ROOT, 'dist/scripts/export.js');
const MEETINGS = Number(process.env.EXPORT_VALIDATION_MEETINGS ?? 2_000);
const GIVEN_CORPUS = process.env.EXPORT_VALIDATION_CORPUS ? path.resolve(process.env.EXPORT_VALIDATION_CORPUS) : null;

let work: string;
let corpus: string;
let slugs: Set<string>;

beforeAll(async () => {
  work = await tempDir();
  corpus = GIVEN_CORPUS ?? path.join(work, 'corpus');
  if (!GIVEN_CORPUS) {
    const run = await runSynth(['--meetings', String(MEETINGS), '--out', corpus, '--seed', '16']);
    if (run.code !== 0) throw new Error(`data:synth failed: ${run.stderr}`);
  }
  slugs = new Set((JSON.parse(await readFile(path.join(corpus, 'meetings.json'), 'utf8')) as MeetingRecord[]).map((meeting) => meeting.slug));
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs `npm run -s export -- FORMAT --data-dir CORPUS > FILE`; the file's path once the export exited 0. */
async function exportToFile(format: string): Promise<string> {
  const file = path.join(work, `export.${format}`);
  const out = createWriteStream(file);
  await new Promise<void>((resolve) => out.on('open', () => resolve()));
  const child = spawn(process.execPath, [EXPORT_CLI, format, '--data-dir', corpus], { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  out.close();
  expect(stderr).toBe(`export: wrote ${slugs.size} meetings as ${format}.\n`);
  expect(code).toBe(0);
  return file;
}

async function* lines(file: string): AsyncIterable<string> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line !== '') yield line;
}

async function* csvRows(file: string): AsyncIterable<Record<string, string>> {
  yield* createReadStream(file).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>;
}

/** Each meeting once: the slugs seen, in any order, are the corpus's. */
function expectEachMeetingOnce(seen: string[]): void {
  expect(seen).toHaveLength(slugs.size);
  expect(new Set(seen)).toEqual(slugs);
}

/** Per test: a minute, and 5 ms a meeting (a given corpus counted as 100,000). */
const timeout = 60_000 + (GIVEN_CORPUS ? 100_000 : MEETINGS) * 5;

test(
  'plover: every line a PLOVER event valid against the record schema (a null date only where no day is known)',
  async () => {
    const invalid = ploverValidator();
    const seen: string[] = [];
    const problems: string[] = [];
    for await (const line of lines(await exportToFile('plover'))) {
      const event = JSON.parse(line) as { entente_slug: string; entente_date: { precision: string }; date: string | null; enddate: string | null };
      seen.push(event.entente_slug);
      if (event.entente_date.precision === 'UNKNOWN') {
        // No day to give: `date` is null, which PLOVER does not allow (docs/exports.md).
        if (event.date !== null || event.enddate !== null) problems.push(`${event.entente_slug}: a date without a known day`);
        continue;
      }
      const errors = invalid(event);
      if (errors !== null) problems.push(`${event.entente_slug}: ${errors}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expectEachMeetingOnce(seen);
  },
  timeout,
);

test(
  'meetings CSV: one row per meeting with its date as label, earliest, latest and precision',
  async () => {
    const seen: string[] = [];
    const problems: string[] = [];
    for await (const row of csvRows(await exportToFile('meetings'))) {
      seen.push(row.slug!);
      if (!row.date_label || !row.date_precision) problems.push(`${row.slug}: no date label or precision`);
      if (row.date_earliest && row.date_latest && row.date_earliest > row.date_latest) problems.push(`${row.slug}: earliest after latest`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expectEachMeetingOnce(seen);
  },
  timeout,
);

test(
  'dyads CSV: each row an ordered pair of two sides of a meeting of the corpus, no pair twice',
  async () => {
    const problems: string[] = [];
    const pairs = new Set<string>();
    let rows = 0;
    for await (const row of csvRows(await exportToFile('dyads'))) {
      rows++;
      const pair = `${row.meeting_slug} ${row.level} ${row.a_slug} ${row.b_slug}`;
      if (!slugs.has(row.meeting_slug!)) problems.push(`${pair}: not a meeting of the corpus`);
      if (!(row.a_slug! < row.b_slug!)) problems.push(`${pair}: sides not in order`);
      if (row.level !== 'PERSON' && row.level !== 'COUNTRY') problems.push(`${pair}: level ${row.level}`);
      if (pairs.has(pair)) problems.push(`${pair}: twice`);
      pairs.add(pair);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(rows).toBeGreaterThan(slugs.size);
  },
  timeout,
);

test(
  'popolo: one document, every object valid against its Popolo schema, each meeting one event',
  async () => {
    const document = JSON.parse(await readFile(await exportToFile('popolo'), 'utf8')) as PopoloDocument;
    const { validator, schemas } = popoloValidator();
    const invalid: string[] = [];
    for (const [list, schemaName] of Object.entries(LIST_SCHEMAS)) {
      for (const object of document[list as ListName]) if (!validator.validate(object, schemas.get(schemaName)!).valid) invalid.push(`${list} ${object.id}`);
    }
    expect(invalid.slice(0, 5)).toEqual([]);
    expectEachMeetingOnce(document.events.map((event: { id: string }) => event.id));
    for (const list of ['persons', 'organizations', 'posts', 'memberships', 'areas'] as const) expect(new Set(document[list].map((object: { id: string }) => object.id)).size).toBe(document[list].length);
  },
  timeout,
);

test(
  'ftm: every entity valid in the FtM model, once, before the entities naming it; each meeting one Event',
  async () => {
    const entities: FtmEntity[] = [];
    for await (const line of lines(await exportToFile('ftm'))) entities.push(JSON.parse(line) as FtmEntity);
    expect(ftmProblems(entities).slice(0, 5)).toEqual([]);
    expect(new Set(entities.map((entity) => entity.id)).size).toBe(entities.length);
    expect(forwardReferences(entities).slice(0, 5)).toEqual([]);
    expect(entities.filter((entity) => entity.schema === 'Event')).toHaveLength(slugs.size);
  },
  timeout,
);
