/**
 * The Popolo and FollowTheMoney exports read from the PostgreSQL store are byte for byte
 * those read from the JSON store over the same data (a person's tenures found through the
 * lookup, pages of three meetings). Runs in jest's `postgres` project.
 */
import { ftmFormat } from '../../src/export/formats/ftm';
import { popoloFormat } from '../../src/export/formats/popolo';
import { JsonStore } from '../../src/store/json/json-store';
import { PgStore } from '../../src/store/postgres/pg-store';
import { exportAll } from '../export/article-export';
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
