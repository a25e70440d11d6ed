/**
 * `npm run export` (dist/scripts/export.js) as a user runs it: the export on stdout, byte
 * for byte what `GET /export/<format>` sends for the same data and filter, read from a data
 * directory without its lock; exit 2 for bad arguments, 1 for a bad filter, a missing data
 * directory or an output closed before the end (`| head`), which stops the export.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, runScript } from '../helpers/run-script';
import { DATA_DIR, startTestServer, type TestServer } from '../helpers/test-server';
import { runSynth, tempDir } from '../synth/run-synth';

const EXPORT_CLI = path.join(ROOT, 'dist/scripts/export.js');

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

test.each(['plover', 'meetings', 'dyads'])('%s: writes on stdout what GET /export/<format> sends', async (format) => {
  const run = await runScript(EXPORT_CLI, [format, '--data-dir', DATA_DIR]);
  expect(run.stderr).toBe(`export: wrote 8 meetings as ${format}.\n`);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(await (await fetch(`${api.url}/export/${format}`)).text());
});

test('--filter selects as the API does: Kazakhstan and Kyrgyzstan both took part only in the C5+1', async () => {
  const filter = JSON.stringify({ countriesAll: ['KZ', 'KG'] });
  const run = await runScript(EXPORT_CLI, ['plover', `--filter=${filter}`, '--data-dir', DATA_DIR]);
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { entente_slug: string }).entente_slug)).toEqual(['c5-plus-1-ministerial-astana-2023']);
  expect(run.stdout).toBe(await (await fetch(`${api.url}/export/plover?filter=${encodeURIComponent(filter)}`)).text());
});

test.each([
  [[], /name the format to export/],
  [['pdf'], /no format "pdf"/],
  [['plover', 'meetings'], /one format at a time/],
  [['plover', '--filter'], /--filter needs a value/],
  [['plover', '--verbose'], /unknown option --verbose/],
])('bad arguments %j exit 2 with the usage and the formats', async (args, message) => {
  const run = await runScript(EXPORT_CLI, args as string[]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/usage: npm run -s export -- FORMAT \[--filter JSON\]/);
  expect(run.stderr).toMatch(/^ {2}dyads {5}CSV, one row per unordered pair/m);
  expect(run.stdout).toBe('');
});

test.each([
  ['{"countries":', /"filter" must be a MeetingFilter as JSON/],
  ['{"country":["KZ"]}', /Field "country" is not defined by type "MeetingFilter"/],
  ['{"participantsAll":["Not A Slug"]}', /"filter\.participantsAll": expected a Person id or slug/],
])('a bad filter %s exits 1 with the reason', async (filter, message) => {
  const run = await runScript(EXPORT_CLI, ['meetings', '--filter', filter, '--data-dir', DATA_DIR]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe('');
});

test('a data directory that does not exist exits 1', async () => {
  const run = await runScript(EXPORT_CLI, ['plover', '--data-dir', path.join(ROOT, 'no-such-dir')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/export: no data directory at .*no-such-dir/);
});

test('an output closed early (`| head`) stops the export: exit 1, saying so', async () => {
  const synth = await tempDir();
  try {
    expect((await runSynth(['--meetings', '2000', '--out', synth])).code).toBe(0);
    const child = spawn(process.execPath, [EXPORT_CLI, 'plover', '--data-dir', synth], { cwd: ROOT, env: { PATH: process.env.PATH } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toMatch(/^export: the output (was closed|failed)/);
    expect(code).toBe(1);
  } finally {
    await rm(synth, { recursive: true, force: true });
  }
}, 60_000);
