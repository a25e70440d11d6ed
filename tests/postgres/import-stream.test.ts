/**
 * db:import streams a data directory whose bytes store.json vouches for (data:synth's
 * output, a compacted JSON store) into COPY as it reads it, and reads anything else whole,
 * validated, as the JSON store opens it: both give the same rows, and a directory that
 * turns out not to be the one vouched for part way through leaves nothing behind.
 * Runs in jest's `postgres` project.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT, runScript } from '../helpers/run-script';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../helpers/store-under-test';
import { runSynth, tempDir } from '../synth/run-synth';

const script = path.join(ROOT, 'dist/scripts/db-import.js');
const schemas: string[] = [];
let root: string;
let corpus: string;

const db = (schema: string) => ({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });

function newSchema(): string {
  const schema = uniqueSchema();
  schemas.push(schema);
  return schema;
}

/** Every row of the record tables and source texts, as sorted text: what two imports are compared by. */
async function tableContents(schema: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const contents: Record<string, string[]> = {};
    for (const table of ['entity', 'entity_key', 'entity_value', 'entity_reference', 'source_text', 'store_state']) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}".${table} t`);
      contents[table] = rows.map((row) => row.row).sort();
    }
    return contents;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  root = await tempDir();
  corpus = path.join(root, 'corpus');
  // More records than a COPY batch (5,000): the failure below comes after rows were copied.
  expect(await runSynth(['--meetings', '6000', '--out', corpus, '--seed', '5'])).toMatchObject({ code: 0 });
}, 60_000);

afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
  await rm(root, { recursive: true, force: true });
});

test('a directory store.json vouches for is streamed, and gives the rows of the same directory read whole and validated', async () => {
  const streamed = newSchema();
  const run = await runScript(script, [corpus], db(streamed), 60_000);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/6000 Meeting\), \d+ source texts, 0 change events, data version 0, in [\d.]+ s \(read as copied rows/);
  // Without store.json nothing vouches for the bytes: they are read whole and every rule runs.
  const unvouched = path.join(root, 'unvouched');
  await cp(corpus, unvouched, { recursive: true });
  await rm(path.join(unvouched, 'store.json'));
  const whole = newSchema();
  const validated = await runScript(script, [unvouched], db(whole), 60_000);
  expect(validated).toMatchObject({ code: 0, stderr: '' });
  expect(validated.stdout).toMatch(/\(read and validated [\d.]+ s \(store.json records no digests validated under these rules\), then rows/);
  expect(await tableContents(streamed)).toEqual(await tableContents(whole));
}, 120_000);

test('a vouched directory whose meetings changed since is validated after all: a bad reference is refused, and nothing of it stays', async () => {
  const changed = path.join(root, 'changed');
  await cp(corpus, changed, { recursive: true });
  // Meetings come last, and the file's digest is known at its end: by then thousands of rows have been copied.
  const meetings = path.join(changed, 'meetings.json');
  const text = await readFile(meetings, 'utf8');
  const at = text.lastIndexOf('"location": "');
  const end = text.indexOf('"', at + '"location": "'.length);
  await writeFile(meetings, `${text.slice(0, at)}"location": "nowhere-at-all${text.slice(end)}`);
  const schema = newSchema();
  const refused = await runScript(script, [changed], db(schema), 60_000);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('unknown Place "nowhere-at-all": no Place has this slug');
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ entities: number; texts: number; version: string }>(
      `SELECT (SELECT count(*)::int FROM "${schema}".entity) AS entities, (SELECT count(*)::int FROM "${schema}".source_text) AS texts, (SELECT version FROM "${schema}".store_state) AS version`,
    );
    expect(rows).toEqual([{ entities: 0, texts: 0, version: '0' }]);
  } finally {
    await client.end();
  }
}, 120_000);
