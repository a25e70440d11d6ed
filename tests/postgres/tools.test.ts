/**
 * The PostgreSQL tools as a user runs them (the built scripts, as child processes):
 * db:migrate, db:import and db:export, the lossless round trip JSON → PostgreSQL → JSON,
 * and the server's refusals when the database is not ready. Runs in jest's `postgres` project.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ChangesExpiredError } from '../../src/store/contract/change-feed';
import { JsonStore } from '../../src/store/json/json-store';
import { PgStore } from '../../src/store/postgres/pg-store';
import { ROOT, runScript } from '../helpers/run-script';
import { killServerProcesses, runDataCheck, runServerUntilExit, startServerProcess } from '../helpers/server-process';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../helpers/store-under-test';
import { SHIPPED_DATA_DIR, createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

const script = (name: string) => path.join(ROOT, `dist/scripts/${name}.js`);
const schemas: string[] = [];
const directories: string[] = [];

function newSchema(): string {
  const schema = uniqueSchema();
  schemas.push(schema);
  return schema;
}

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'entente-export-'));
  directories.push(directory);
  return directory;
}

const db = (schema: string) => ({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });

afterEach(() => killServerProcesses());
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

test('db:migrate creates the schema, and a second run has nothing to do', async () => {
  const schema = newSchema();
  const first = await runScript(script('db-migrate'), [], db(schema));
  expect(first).toMatchObject({ code: 0 });
  expect(first.stdout).toMatch(new RegExp(`applied \\d+_entente-schema(, \\d+_[a-z-]+)* to schema "${schema}"`));
  const second = await runScript(script('db-migrate'), [], db(schema));
  expect(second).toMatchObject({ code: 0, stdout: `db:migrate: schema "${schema}" is up to date\n` });
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [schema]);
    expect(rows.map((row) => row.table_name)).toEqual(['change', 'entity', 'entity_key', 'entity_reference', 'entity_value', 'pgmigrations', 'source_text', 'store_state']);
  } finally {
    await client.end();
  }
});

test('JSON → PostgreSQL → JSON gives back the same files, and data:check passes on them', async () => {
  const schema = newSchema();
  const imported = await runScript(script('db-import'), [SHIPPED_DATA_DIR], db(schema));
  expect(imported.stderr).toBe('');
  expect(imported.stdout).toMatch(/70 records \(7 Country, 7 Place, 9 Organization, 6 Person, 12 Office, 6 Tenure, 10 Topic, 5 Source, 8 Meeting\), 4 source texts, 0 change events, data version 0/);
  const target = path.join(await newDirectory(), 'data');
  const exported = await runScript(script('db-export'), [target], db(schema));
  expect(exported).toMatchObject({ code: 0, stderr: '' });
  const files = (await readdir(SHIPPED_DATA_DIR)).filter((file) => file.endsWith('.json'));
  expect(files.length).toBe(9);
  for (const file of files) expect(await readFile(path.join(target, file), 'utf8')).toBe(await readFile(path.join(SHIPPED_DATA_DIR, file), 'utf8'));
  for (const text of await readdir(path.join(SHIPPED_DATA_DIR, 'sources'))) {
    expect(await readFile(path.join(target, 'sources', text), 'utf8')).toBe(await readFile(path.join(SHIPPED_DATA_DIR, 'sources', text), 'utf8'));
  }
  expect(await runDataCheck(target)).toMatchObject({ code: 0 });
});

test('writes made on PostgreSQL survive the round trip: the JSON store opens the export with them, at the same version', async () => {
  const schema = newSchema();
  expect(await runScript(script('db-import'), [SHIPPED_DATA_DIR], db(schema))).toMatchObject({ code: 0 });
  const server = await startServerProcess({ dataDir: '/nonexistent', env: { ...db(schema), API_TOKENS: 'tools-token' } });
  const created = await server.query('mutation { createTopic(input: { name: "Water security" }) { topic { slug } } }', undefined, 'tools-token');
  expect(created).toEqual({ data: { createTopic: { topic: { slug: 'water-security' } } } });
  await server.kill('SIGTERM');
  const target = path.join(await newDirectory(), 'data');
  expect(await runScript(script('db-export'), [target], db(schema))).toMatchObject({ code: 0 });
  const json = await startServerProcess({ dataDir: target });
  expect(await json.query('{ topic(slug: "water-security") { name } }')).toEqual({ data: { topic: { name: 'Water security' } } });
  const health = (await (await fetch(json.url.replace('/graphql', '/health'))).json()) as { dataVersion: number; store: string };
  expect(health).toMatchObject({ store: 'json', dataVersion: 1 });
  // And back again: a second import of that export gives the same files once more.
  const again = newSchema();
  expect(await runScript(script('db-import'), [target], db(again))).toMatchObject({ code: 0 });
  await json.kill('SIGTERM');
  const second = path.join(await newDirectory(), 'data');
  expect(await runScript(script('db-export'), [second], db(again))).toMatchObject({ code: 0 });
  const journal = await readFile(path.join(target, 'journal.jsonl'), 'utf8');
  expect(journal.split('\n')).toHaveLength(2);
  expect(await readFile(path.join(second, 'journal.jsonl'), 'utf8')).toBe(journal);
  for (const file of (await readdir(target)).filter((name) => name.endsWith('.json') && name !== 'store.json')) {
    expect(await readFile(path.join(second, file), 'utf8')).toBe(await readFile(path.join(target, file), 'utf8'));
  }
});

test('db:import refuses a schema that holds data (unless --replace) and changes nothing', async () => {
  const schema = newSchema();
  expect(await runScript(script('db-import'), [SHIPPED_DATA_DIR], db(schema))).toMatchObject({ code: 0 });
  const copy = await createTempDataDir();
  try {
    const refused = await runScript(script('db-import'), [copy], db(schema));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('db:import: the schema already holds 70 records; db:import loads into an empty one (--replace empties it first)\n');
    expect(await runScript(script('db-import'), [copy, '--replace'], db(schema))).toMatchObject({ code: 0 });
  } finally {
    await removeTempDataDir(copy);
  }
  expect(await runScript(script('db-import'), [], db(schema))).toMatchObject({ code: 2, stderr: expect.stringContaining('name the data directory to import') });
  expect(await runScript(script('db-import'), [SHIPPED_DATA_DIR], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('set DATABASE_URL') });
});

test('db:export writes only into a new or empty directory', async () => {
  const schema = newSchema();
  expect(await runScript(script('db-import'), [SHIPPED_DATA_DIR], db(schema))).toMatchObject({ code: 0 });
  const refused = await runScript(script('db-export'), [SHIPPED_DATA_DIR], db(schema));
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('is not empty');
});

describe('the server refuses to start, with a clear message, when', () => {
  test('the schema was never migrated', async () => {
    const exit = await runServerUntilExit({ dataDir: '/nonexistent', env: db(newSchema()) });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/cannot start: the database has no Entente schema "t_\w+": run `npm run db:migrate`/);
  });

  test('nothing answers at DATABASE_URL', async () => {
    const exit = await runServerUntilExit({ dataDir: '/nonexistent', env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' } });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/cannot start: PostgreSQL at DATABASE_URL: .*ECONNREFUSED/);
  });

  test('DATABASE_URL is not a PostgreSQL URL (the password never printed)', async () => {
    const exit = await runServerUntilExit({ dataDir: '/nonexistent', env: { DATABASE_URL: 'mysql://root:secret@localhost/db' } });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('DATABASE_URL must be a PostgreSQL connection string');
    expect(exit.stderr).not.toContain('secret');
  });
});

test('/health answers 503 STORE_UNAVAILABLE while the store cannot read its database, and the server stays up', async () => {
  const schema = newSchema();
  expect(await runScript(script('db-import'), [SHIPPED_DATA_DIR], db(schema))).toMatchObject({ code: 0 });
  const server = await startServerProcess({ dataDir: '/nonexistent', env: db(schema) });
  const health = () => fetch(server.url.replace('/graphql', '/health'));
  expect((await health()).status).toBe(200);
  // The tables go away under the running server (as a restore or a wrong migration would do).
  await dropSchema(schema);
  const response = await health();
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ status: 'unavailable', store: 'postgres', error: { code: 'STORE_UNAVAILABLE' } });
  expect(server.alive).toBe(true);
});

test('db:import reads a journal in segments and loads the changes CHANGE_RETENTION keeps; the feed then answers RESYNC_REQUIRED before them', async () => {
  const dataDir = await createTempDataDir();
  try {
    const store = await JsonStore.open(dataDir, { segmentBytes: 300 });
    for (let n = 1; n <= 6; n++) await store.write([{ operation: 'create', type: 'Topic', record: { slug: `segment-topic-${n}`, name: `Segment topic ${n}`, aliases: [], parent: null } }]);
    await store.close();
    expect((await readdir(path.join(dataDir, 'journal'))).length).toBeGreaterThanOrEqual(2);
    const schema = newSchema();
    const imported = await runScript(script('db-import'), [dataDir], { ...db(schema), CHANGE_RETENTION: '4' });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('4 change events, data version 6');
    const pg = await PgStore.open({ url: TEST_DATABASE_URL, schema, changeRetention: 4 });
    try {
      expect((await pg.changes(null, 10)).events.map((event) => [event.seq, event.slug])).toEqual([3, 4, 5, 6].map((n) => [n, `segment-topic-${n}`]));
      await expect(pg.changes(1, 10)).rejects.toEqual(new ChangesExpiredError(1, 3, 6));
    } finally {
      await pg.close();
    }
  } finally {
    await removeTempDataDir(dataDir);
  }
});
