/**
 * `data:synth` validates what it writes with the store's own rules and records the
 * digests of those bytes in store.json, so a server starts on a fresh corpus without
 * re-validating it.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ENTITY_FILES } from '../../src/store/contract/records';
import { runSynth, tempDir } from './run-synth';

const ROOT = path.resolve(__dirname, '../..');
// The built modules: the rules fingerprint is that of the code the CLI and the server run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require(path.join(ROOT, 'dist/src/store/json/load-dataset')) as typeof import('../../src/store/json/load-dataset');

let root: string;

beforeAll(async () => {
  root = await tempDir();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('store.json records a digest of every file written, under the rules of the built code', async () => {
  const out = path.join(root, 'corpus');
  const run = await runSynth(['--meetings', '300', '--out', out, '--seed', '3']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  const state = JSON.parse(await readFile(path.join(out, 'store.json'), 'utf8'));
  expect(state).toMatchObject({ format: 1, compactedThrough: 0, validated: { algorithm: 'sha256', rules: built.validationRules() } });
  const sources = JSON.parse(await readFile(path.join(out, 'sources.json'), 'utf8')) as { textFile: string | null }[];
  const expected = [...Object.values(ENTITY_FILES).map(({ file }) => file), ...sources.flatMap((source) => (source.textFile === null ? [] : [source.textFile]))];
  expect(Object.keys(state.validated.files).sort()).toEqual(expected.sort());
  for (const file of expected) {
    expect(state.validated.files[file]).toBe(createHash('sha256').update(await readFile(path.join(out, file))).digest('hex'));
  }
  const trusted = await built.readDataset(out, { validated: { rules: state.validated.rules, files: new Map(Object.entries(state.validated.files)) } });
  expect(trusted.trusted).toBe(true);
}, 60_000);
