/**
 * The fault suite: a full disk at every write step of the journal (appends, and sealing a
 * segment and starting the next: mkdir, rename, directory fsyncs, the new file; deleting
 * segments the feed no longer keeps), of compaction (the per-type JSON files and
 * store.json) and of the source-text files. For each step, and
 * each way it can fail (ENOSPC or a short write; once, or for good), a store takes a fixed
 * run of writes and is closed; then the directory must load with full validation, hold
 * every acknowledged write, and hold no truncated or leftover temp file. The same check
 * runs on a copy of the directory taken at the instant the fault fired, as a crash then
 * would leave it.
 */
import { cpSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENTITY_FILES, ENTITY_TYPES } from '../../src/store/contract/records';
import type { ChangeRequest } from '../../src/store/contract/store';
import { NoSpaceLeftError } from '../../src/store/contract/write-errors';
import { JsonStore } from '../../src/store/json/json-store';
import { FaultyFileSystem, type Fault } from './faulty-file-system';

const COMPACT_EVERY = 3;
/** Small segments and a short feed, so the run seals segments and deletes compacted ones. */
const JOURNAL = { segmentBytes: 4000, changeRetention: 2 };
const alias = (slug: string, n: number) => `${slug} alias ${n} `.padEnd(160, 'x');

/** The run of writes: topics with long aliases, and sources whose texts compaction writes to files. */
const WRITES: { slug: string; change: ChangeRequest }[] = [1, 2, 3, 4, 5, 6, 7].map((n) => {
  const slug = n % 3 === 0 ? `source-${n}` : `topic-${n}`;
  const change: ChangeRequest =
    n % 3 === 0
      ? { operation: 'create', type: 'Source', record: { slug, title: `Source ${n}`, kind: 'OFFICIAL_STATEMENT', publisher: null, publishedOn: null, textFile: `sources/${slug}.txt` }, text: `Text of source ${n}. `.repeat(40) }
      : { operation: 'create', type: 'Topic', record: { slug, name: `Topic ${n}`, aliases: Array.from({ length: 20 }, (_, i) => alias(slug, i)), parent: null } };
  return { slug, change };
});

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** A small data directory: every entity file an empty array. */
async function emptyDataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'entente-faults-'));
  roots.push(directory);
  for (const type of ENTITY_TYPES) await writeFile(path.join(directory, ENTITY_FILES[type].file), '[]\n');
  return directory;
}

interface Outcome {
  /** Slugs whose write was acknowledged. */
  acknowledged: string[];
  /** A copy of the directory taken right after the fault fired, and the slugs acknowledged by then (null when it never fired). */
  crashCopy: { directory: string; acknowledged: string[] } | null;
  /** Errors other than a refusal for lack of space. */
  unexpected: unknown[];
}

/** Opens a store over `fs`, makes the writes one by one, closes it. */
async function run(directory: string, fs: FaultyFileSystem): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: [], crashCopy: null, unexpected: [] };
  // Copied synchronously as the fault fires, so no other write of the store runs meanwhile: what a crash then would leave.
  fs.onFire = () => {
    outcome.crashCopy = { directory: `${directory}-crash`, acknowledged: [...outcome.acknowledged] };
    roots.push(outcome.crashCopy.directory);
    cpSync(directory, outcome.crashCopy.directory, { recursive: true });
  };
  let store: JsonStore;
  try {
    store = await JsonStore.open(directory, { compactEvery: COMPACT_EVERY, fileSystem: fs, ...JOURNAL });
  } catch (error) {
    // Opening may fail on a full disk (creating the journal, recording digests): it must say so, and change nothing.
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') outcome.unexpected.push(error);
    return outcome;
  }
  const compactionErrors: unknown[] = [];
  store.onCompactionError = (error) => compactionErrors.push(error);
  for (const { slug, change } of WRITES) {
    try {
      await store.write([change]);
      outcome.acknowledged.push(slug);
    } catch (error) {
      if (!(error instanceof NoSpaceLeftError)) outcome.unexpected.push(error);
    }
  }
  await store.close();
  outcome.unexpected.push(...compactionErrors.filter((error) => !(error instanceof NoSpaceLeftError)));
  return outcome;
}

/**
 * Everything wrong with a directory after a run: it must load, fully validated, with every
 * acknowledged write, and (after a close, not a crash that may cut a compaction short) no temp file.
 */
async function problemsOf(directory: string, acknowledged: readonly string[], closed: boolean): Promise<string[]> {
  const problems: string[] = [];
  const files = (await readdir(directory, { recursive: true })).map(String);
  const temps = files.filter((file) => path.basename(file).includes('.tmp-'));
  if (closed && temps.length > 0) problems.push(`temp files left: ${temps.join(', ')}`);
  for (const type of ENTITY_TYPES) {
    const text = await readFile(path.join(directory, ENTITY_FILES[type].file), 'utf8');
    try {
      JSON.parse(text);
    } catch (error) {
      problems.push(`${ENTITY_FILES[type].file} (${text.length} bytes) is not JSON: ${(error as Error).message}`);
    }
  }
  let store: JsonStore;
  try {
    store = await JsonStore.open(directory, { readOnly: true, fullValidation: true });
  } catch (error) {
    return [...problems, `does not load: ${(error as Error).message}`];
  }
  const data = store.dataset();
  for (const { slug, change } of WRITES.filter((write) => acknowledged.includes(write.slug))) {
    const type = change.operation === 'create' ? change.type : 'Topic';
    const found = (data[type] as { slug: string }[]).find((record) => record.slug === slug);
    if (!found) problems.push(`acknowledged ${type} ${slug} is missing`);
    if (change.operation === 'create' && change.text !== undefined && data.texts.get(slug) !== change.text) problems.push(`the text of ${slug} is not as written`);
  }
  await store.close();
  return problems;
}

async function check(fault: Fault): Promise<{ fired: boolean; problems: string[]; acknowledged: number }> {
  const directory = await emptyDataDir();
  const fs = new FaultyFileSystem(fault);
  const outcome = await run(directory, fs);
  const problems = outcome.unexpected.map((error) => `unexpected error: ${(error as Error).message}`);
  problems.push(...(await problemsOf(directory, outcome.acknowledged, true)));
  if (outcome.crashCopy !== null) problems.push(...(await problemsOf(outcome.crashCopy.directory, outcome.crashCopy.acknowledged, false)).map((problem) => `as a crash left it: ${problem}`));
  return { fired: fs.fired, problems, acknowledged: outcome.acknowledged.length };
}

describe('a full disk at any write step', () => {
  let steps: { index: number; operation: string; file: string }[] = [];

  beforeAll(async () => {
    const fs = new FaultyFileSystem();
    const outcome = await run(await emptyDataDir(), fs);
    expect(outcome).toMatchObject({ acknowledged: WRITES.map((write) => write.slug), unexpected: [] });
    steps = fs.steps;
  });

  it('the run writes the journal, every entity file, store.json and the source texts, seals segments and deletes compacted ones', () => {
    const written = new Set(steps.map((step) => path.basename(step.file).replace(/^\.(.+)\.tmp-.*$/, '$1')));
    expect([...written]).toEqual(expect.arrayContaining(['journal.jsonl', 'topics.json', 'sources.json', 'store.json', 'source-3.txt', 'source-6.txt']));
    const segment = /journal\/\d{12}\.jsonl$/;
    expect(steps.filter((step) => step.operation === 'mkdir' && step.file.endsWith('/journal')).length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((step) => step.operation === 'rename' && segment.test(step.file)).length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((step) => step.operation === 'unlink' && segment.test(step.file)).length).toBeGreaterThanOrEqual(2);
    expect(steps.filter((step) => step.operation === 'sync' && step.file.endsWith('/journal')).length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeGreaterThan(50);
  });

  for (const kind of ['enospc', 'short'] as const) {
    for (const lasting of ['once', 'full'] as const) {
      it(`${kind === 'short' ? 'a short write' : 'ENOSPC'} ${lasting === 'once' ? 'once' : 'from then on'}: the directory loads with every acknowledged write and no truncated file`, async () => {
        const failures: string[] = [];
        let cases = 0;
        for (const step of steps) {
          if (kind === 'short' && step.operation !== 'write') continue;
          const result = await check({ at: step.index, kind, lasting });
          cases++;
          expect(result.fired).toBe(true);
          for (const problem of result.problems) failures.push(`step ${step.index} (${step.operation} ${path.basename(step.file)}): ${problem}`);
        }
        console.log(`fault suite: ${kind} ${lasting}: ${cases} cases, ${failures.length} problems`);
        expect(failures).toEqual([]);
      });
    }
  }
});
