/**
 * Stateless replicas: two real server processes on one PostgreSQL schema. A write through
 * one is read through the other as soon as the other has heard of it by NOTIFY, even a query
 * the other answered (and cached) just before: each replica's version moves on with NOTIFY, and a `changes` subscriber on
 * the other gets the write within a second. Runs in jest's `postgres` project.
 */
import { Client } from 'pg';
import { killServerProcesses, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { Subscriber, openClient, waitForSubscriptions } from '../subscriptions/ws-helpers';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const TOKEN = 'replica-token';
let schema: string;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  schema = await importIntoNewSchema(SHIPPED_DATA_DIR);
  const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, API_TOKENS: TOKEN };
  [a, b] = await Promise.all([startServerProcess({ dataDir: '/nonexistent', env }), startServerProcess({ dataDir: '/nonexistent', env })]);
});
afterAll(async () => {
  await killServerProcesses();
  await dropSchema(schema);
});

const health = async (server: ServerProcess) => (await (await fetch(server.url.replace('/graphql', '/health'))).json()) as { store: string; dataVersion: number };
/** Waits (at most 2 s) until `server` serves data version `version`. */
async function untilVersion(server: ServerProcess, version: number): Promise<void> {
  const deadline = Date.now() + 2000;
  while ((await health(server)).dataVersion < version && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}
const TOPICS = 'query Topics { topics(first: 100) { totalCount nodes { slug name } } }';

test('both replicas serve the same data from the database', async () => {
  expect(a.pid).not.toBe(b.pid);
  expect(await health(a)).toMatchObject({ store: 'postgres', dataVersion: 0 });
  expect(await health(b)).toMatchObject({ store: 'postgres', dataVersion: 0 });
  expect(await a.query(TOPICS)).toEqual(await b.query(TOPICS));
});

test('a write through one replica is read through the other as soon as it has heard of it, though the other had cached the answer', async () => {
  for (let round = 1; round <= 20; round++) {
    const before = await b.query<{ topics: { totalCount: number } }>(TOPICS);
    // Asked twice: the second answer comes from B's response cache.
    expect(await b.query(TOPICS)).toEqual(before);
    const written = await a.query<{ createTopic: { topic: { slug: string } } }>(
      'mutation Create($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }',
      { name: `Replica topic ${round}` },
      TOKEN,
    );
    expect(written.errors).toBeUndefined();
    // B learns of A's commit by NOTIFY, a few milliseconds later: its next read after that is the new data, never its cached answer.
    await untilVersion(b, round);
    const after = await b.query<{ topics: { totalCount: number; nodes: { slug: string }[] } }>(TOPICS);
    expect(after.data!.topics.totalCount).toBe(before.data!.topics.totalCount + 1);
    expect(after.data!.topics.nodes.map((topic) => topic.slug)).toContain(written.data!.createTopic.topic.slug);
  }
  expect((await health(b)).dataVersion).toBe(20);
  expect((await health(a)).dataVersion).toBe(20);
});

test("each replica's change feed lists the other's writes, in one order", async () => {
  const FEED = 'query Feed { changes(first: 100) { totalCount nodes { seq operation entityType } } }';
  const [fromA, fromB] = await Promise.all([a.query(FEED), b.query(FEED)]);
  expect(fromB).toEqual(fromA);
  expect((fromB.data as { changes: { totalCount: number } }).changes.totalCount).toBe(20);
});

test('writes through both replicas at once are serialized: every one applied, seqs without gap', async () => {
  const create = (server: ServerProcess, i: number) =>
    server.query('mutation Create($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }', { name: `Concurrent ${i}` }, TOKEN);
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => create(i % 2 === 0 ? a : b, i)));
  expect(results.filter((result) => result.errors)).toEqual([]);
  const feed = await a.query<{ changes: { nodes: { seq: number }[] } }>('{ changes(first: 100) { nodes { seq } } }');
  expect(feed.data!.changes.nodes.map((node) => node.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
});

test('a subscriber on one replica receives a write made through the other within a second', async () => {
  const { client } = openClient(b.url.replace('/graphql', ''));
  try {
    const subscriber = new Subscriber<{ changes: { seq: number; operation: string; entityType: string; entity: { name: string } | null } }>(
      client,
      'subscription Live { changes(types: [TOPIC]) { seq operation entityType entity { ... on Topic { name } } } }',
    );
    // Subscribed once B counts it (its first result would otherwise race the write).
    await waitForSubscriptions(b.url.replace('/graphql', ''), 1);
    for (let round = 1; round <= 5; round++) {
      const written = Date.now();
      const result = await a.query('mutation Create($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }', { name: `Live across replicas ${round}` }, TOKEN);
      expect(result.errors).toBeUndefined();
      const [latest] = (await subscriber.waitForResults(round, 1000)).slice(-1);
      expect(Date.now() - written).toBeLessThan(1000);
      expect(latest!.changes).toMatchObject({ operation: 'CREATE', entityType: 'TOPIC', entity: { name: `Live across replicas ${round}` } });
    }
    subscriber.stop();
  } finally {
    await client.dispose();
  }
});

test('a replica whose LISTEN connection is cut listens again and catches up, missing no change', async () => {
  const { client } = openClient(b.url.replace('/graphql', ''));
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const subscriber = new Subscriber<{ changes: { seq: number } }>(client, 'subscription Live { changes(types: [TOPIC]) { seq } }');
    await waitForSubscriptions(b.url.replace('/graphql', ''), 1);
    const before = (await health(b)).dataVersion;
    // Every listening connection on this schema's channel, cut by the database (as a failover or an idle-session reaper would).
    const cut = await admin.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name LIKE 'entente-listen-%' AND query = $1`,
      [`LISTEN "${schema}_changes"`],
    );
    expect(cut.rows.length).toBe(2);
    // Written while nobody listens: no NOTIFY reaches B for these.
    for (let i = 1; i <= 3; i++) {
      const result = await a.query('mutation Create($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }', { name: `While deaf ${i}` }, TOKEN);
      expect(result.errors).toBeUndefined();
    }
    const results = await subscriber.waitForResults(3, 10_000);
    expect(results.map((result) => result.changes.seq)).toEqual([before + 1, before + 2, before + 3]);
    expect((await health(b)).dataVersion).toBe(before + 3);
    expect(b.stdout).toContain('a connection to PostgreSQL failed');
    subscriber.stop();
  } finally {
    await admin.end();
    await client.dispose();
  }
});

test('a replica whose every database connection is cut stays up and answers again', async () => {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    expect((await b.query(TOPICS)).errors).toBeUndefined();
    const cut = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name IN ($1, $2)', [`entente-${b.pid}`, `entente-listen-${b.pid}`]);
    expect(cut.rows.length).toBeGreaterThan(0);
    // Connections cut while idle are replaced; a request that met a dead one gets a coded error, never a crash.
    let answered = false;
    for (let attempt = 0; attempt < 20 && !answered; attempt++) {
      const result = await b.query(TOPICS);
      for (const error of result.errors ?? []) expect(error.extensions?.code).toEqual(expect.any(String));
      answered = result.errors === undefined;
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered).toBe(true);
    expect(b.alive).toBe(true);
    expect((await health(b)).store).toBe('postgres');
  } finally {
    await admin.end();
  }
});
