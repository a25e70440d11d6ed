/**
 * Ill-formed Unicode at the data boundary: a lone surrogate (a JSON `\ud800` escape) in a
 * data file is named by data:check and stops start-up; one in an import bundle is a
 * problem at its bundle path. Requests are covered by tests/fuzz.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBundle } from '../../src/import/bundle';
import { runDataCheck, runServerUntilExit } from '../helpers/server-process';
import { createTempDataDir, editRecords, removeTempDataDir } from '../helpers/temp-data-dir';

const EXAMPLE = path.resolve(__dirname, '../../examples/bundles/2023-04-30-kazakhstan-us.json');
const PROBLEM = 'is not well-formed Unicode: lone surrogate U+D800 at character 7; send text as UTF-8, with every surrogate in a pair';

let dataDir: string;
beforeEach(async () => {
  dataDir = await createTempDataDir();
});
afterEach(async () => {
  await removeTempDataDir(dataDir);
});

test('data:check names the record and field of a lone surrogate in a data file, and the server refuses to start', async () => {
  let slug = '';
  await editRecords<{ slug: string; aliases: string[] }>(dataDir, 'topics.json', (topics) => {
    slug = topics[0]!.slug;
    topics[0]!.aliases = ['ok', 'Alpha \ud800 beta'];
  });
  expect(await readFile(path.join(dataDir, 'topics.json'), 'utf8')).toContain('Alpha \\ud800 beta');

  const check = await runDataCheck(dataDir);
  expect(check.code).toBe(1);
  expect(check.stderr).toContain('topics.json');
  expect(check.stderr).toContain(slug);
  expect(check.stderr).toContain(`aliases.1: ${PROBLEM}`);

  const start = await runServerUntilExit({ dataDir, env: {} });
  expect(start.code).toBe(1);
  expect(start.stderr).toContain(`aliases.1: ${PROBLEM}`);
});

test('an import bundle with a lone surrogate in its text is refused at that path', async () => {
  const bundle = JSON.parse(await readFile(EXAMPLE, 'utf8')) as { source: { text: string } };
  bundle.source.text = `Alpha \ud800 beta ${bundle.source.text}`;
  expect(parseBundle(bundle)).toEqual({ ok: false, problems: [{ path: 'source.text', message: PROBLEM }] });
});
