/**
 * The `data:synth` command, run as built: it writes a data directory that loads without a
 * problem, in the store's own file format, byte-identical for the same seed; it refuses
 * bad arguments and directories it did not write, with a message and no stack trace.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDataset } from '../../src/store/json/load-dataset';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset } from '../../src/store/contract/records';
import { readTree, runSynth, tempDir } from './run-synth';

const MEETINGS = '2000';

let root: string;
let first: string;
let data: Dataset;
let firstRun: Awaited<ReturnType<typeof runSynth>>;

beforeAll(async () => {
  root = await tempDir();
  first = path.join(root, 'first');
  firstRun = await runSynth(['--meetings', MEETINGS, '--out', first, '--seed', '7']);
  data = await loadDataset(first);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a generated data directory', () => {
  test('loads with loadDataset without a problem, and the command says what it wrote', () => {
    expect(firstRun).toMatchObject({ code: 0, stderr: '' });
    expect(firstRun.stdout).toMatch(new RegExp(`^synth: wrote 250 countries, .*, ${data.Source.length} sources, 2000 meetings and ${data.texts.size} source texts to ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ MB\\) in [\\d.]+ s`));
    expect(data.Meeting).toHaveLength(2000);
  });

  test('has the layout of data/: one file per entity type and a text file per source', async () => {
    const files = [...(await readTree(first)).keys()];
    for (const type of ENTITY_TYPES) expect(files).toContain(ENTITY_FILES[type].file);
    expect(files.filter((file) => file.startsWith('sources/'))).toEqual(data.Source.map((source) => source.textFile).sort());
  });

  test('holds each JSON file exactly as the store writes it', async () => {
    for (const type of ENTITY_TYPES) {
      const written = await readFile(path.join(first, ENTITY_FILES[type].file), 'utf8');
      expect(written === JSON.stringify(data[type], null, 2) + '\n').toBe(true);
    }
  });
});

describe('determinism', () => {
  test('the same seed twice gives byte-identical files; another seed gives different ones', async () => {
    const again = path.join(root, 'again');
    const other = path.join(root, 'other');
    expect((await runSynth(['--meetings', MEETINGS, '--out', again, '--seed', '7'])).code).toBe(0);
    expect((await runSynth(['--meetings', MEETINGS, '--out', other, '--seed', '8'])).code).toBe(0);
    const [a, b, c] = await Promise.all([readTree(first), readTree(again), readTree(other)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes)).toBe(true);
    for (const file of ['people.json', 'meetings.json', 'tenures.json']) expect(c.get(file)!.equals(a.get(file)!)).toBe(false);
  }, 60_000);
});

describe('the output directory', () => {
  test('a previous synth output is replaced, stale source texts included', async () => {
    const dir = path.join(root, 'replaced');
    expect((await runSynth(['--meetings', '300', '--out', dir])).code).toBe(0);
    await writeFile(path.join(dir, 'sources', 'stale-source.txt'), 'left over');
    const run = await runSynth(['--meetings', '200', '--out', dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const files = [...(await readTree(dir)).keys()];
    expect(files).not.toContain('sources/stale-source.txt');
    expect((await loadDataset(dir)).Meeting).toHaveLength(200);
  }, 30_000);

  test('a non-empty directory synth did not write is refused and left as it was', async () => {
    const dir = path.join(root, 'foreign');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'keep me');
    const run = await runSynth(['--meetings', '100', '--out', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`synth: ${dir} is not empty and was not written by data:synth (no .entente-synth.json); choose a new or empty directory\n`);
    expect([...(await readTree(dir)).keys()]).toEqual(['notes.txt']);
  });
});

describe('bad arguments', () => {
  test.each([
    [['--meetings', '0', '--out', 'x'], '--meetings must be a whole number from 1 to 1000000, got "0"'],
    [['--meetings', 'abc', '--out', 'x'], '--meetings must be a whole number from 1 to 1000000, got "abc"'],
    [['--meetings', '-5', '--out', 'x'], "Option '--meetings' argument is ambiguous"],
    [['--meetings', '10'], '--out DIR is required: the directory to write the data set into'],
    [['--out', 'x'], '--meetings is required'],
    [['--meetings', '10', '--out', 'x', '--seed', 'soon'], '--seed must be a whole number from 0 to 4294967295, got "soon"'],
    [['--meetings', '10', '--out', 'x', '--colour'], "Unknown option '--colour'"],
  ])('%j: a clear message, exit code 2, no stack trace', async (args, message) => {
    const run = await runSynth(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`synth: ${message}`);
    expect(run.stderr).toContain('usage: npm run data:synth -- --meetings N --out DIR [--seed N]');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
