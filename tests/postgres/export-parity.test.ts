/**
 * The Popolo and FollowTheMoney exports read from the PostgreSQL store are byte for byte
 * those read from the JSON store over the same data (a person's tenures found through the
 * lookup, pages of three meetings); and `npm run export` with DATABASE_URL set reads
 * PostgreSQL and writes, for every format and a filter, what it writes from the data
 * directory. Runs in jest's `postgres` project.
 */
import path from 'node:path';
import { ftmFormat } from '../../src/export/formats/ftm';
import { popoloFormat } from '../../src/export/formats/popolo';
import { JsonStore } from '../../src/store/json/json-store';
import { PgStore } from '../../src/store/postgres/pg-store';
import { EXPORT_FORMATS } from '../../src/export/export-formats';
import { exportAll } from '../export/article-export';
import { ROOT, runScript } from '../helpers/run-script';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let json: JsonStore;
let pg: PgStore;
let schema: string;
let directory: string;

beforeAll(async () => {
  directory = await createTempDataDir();
  json = await JsonStore.open(directory, { readOnly: true });
  schema = await importIntoNewSchema(directory);
  pg = await PgStore.open({ url: TEST_DATABASE_URL, schema, max: 2 });
});
afterAll(async () => {
  await pg?.close();
  await json?.close();
  if (schema) await dropSchema(schema);
  await removeTempDataDir(directory);
});

test.each([popoloFormat, ftmFormat])('the $name export is the same from both stores', async (format) => {
  const fromJson = await exportAll(json, format, 3);
  const fromPg = await exportAll(pg, format, 3);
  expect(fromJson.text).toContain('kairat-umarov-as-first-deputy-foreign-minister');
  expect(fromPg.chunks).toEqual(fromJson.chunks);
});

const EXPORT_CLI = path.join(ROOT, 'dist/scripts/export.js');

test.each(EXPORT_FORMATS.map((format) => format.name))('npm run export %s with DATABASE_URL reads PostgreSQL and writes what it writes from the data directory', async (format) => {
  const filter = JSON.stringify({ countries: ['KZ'], from: '2023-02-01' });
  const [fromPg, fromDirectory] = await Promise.all([
    runScript(EXPORT_CLI, [format, '--filter', filter], { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }),
    runScript(EXPORT_CLI, [format, '--filter', filter, '--data-dir', directory]),
  ]);
  expect(fromPg.stderr).toMatch(/^export: wrote [1-9]\d* meetings? as /);
  expect(fromPg.code).toBe(0);
  expect(fromPg.stdout).toBe(fromDirectory.stdout);
  expect(fromPg.stderr).toBe(fromDirectory.stderr);
});

test('npm run export with a DATABASE_URL that answers nothing exits 1, saying why', async () => {
  const run = await runScript(EXPORT_CLI, ['plover'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^export: cannot read PostgreSQL at DATABASE_URL \(schema entente\): .*ECONNREFUSED/);
  expect(run.stdout).toBe('');
});
