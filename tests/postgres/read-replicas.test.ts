/**
 * Read replicas of PostgreSQL itself: a real primary and a streaming replica of it (hot
 * standby), made for this file on loopback with initdb and pg_basebackup, and the real
 * server with DATABASE_URL on the primary and DATABASE_READ_URL on the replica. Reads are
 * served by the replica; a client that sends the version it wrote (Entente-Min-Version)
 * reads its write at once, even while the replica's replay is paused; when the replica
 * stops, reads go on from the primary and /health says it is down; once it is back, reads
 * return to it. Runs in jest's `postgres` project (and so in CI).
 */
import { Client } from 'pg';
import { ConfigError, readConfig } from '../../src/config';
import { PgStore } from '../../src/store/postgres/pg-store';
import { ClusterSet, clusterBinariesAvailable, type PgCluster } from '../helpers/pg-cluster';
import { killServerProcesses, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { importIntoNewSchema } from '../helpers/store-under-test';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const TOKEN = 'read-replica-writer';
const SCHEMA = 'entente';

// Where the binaries are missing the file is skipped, except on CI, where it must run.
const suite = clusterBinariesAvailable() || process.env.CI === 'true' ? describe : describe.skip;
if (suite === describe.skip) console.warn('tests/postgres/read-replicas.test.ts skipped: no PostgreSQL binaries (initdb, pg_ctl, pg_basebackup) at /usr/lib/postgresql/15/bin (PG_BIN)');

jest.setTimeout(30_000);

let clusters: ClusterSet;
let primary: PgCluster;
let replica: PgCluster;
let server: ServerProcess;

interface Answer<D> {
  status: number;
  version: number;
  data: D | undefined;
  errors: unknown;
}

/** POSTs an operation; `minVersion` is sent as Entente-Min-Version. */
async function post<D = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, options: { token?: string; minVersion?: number } = {}): Promise<Answer<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.minVersion !== undefined) headers['entente-min-version'] = String(options.minVersion);
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: D; errors?: unknown };
  return { status: response.status, version: Number(response.headers.get('entente-data-version')), data: body.data, errors: body.errors };
}

const CREATE = 'mutation Create($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }';
const TOPIC = 'query Topic($slug: String!) { topic(slug: $slug) { slug name } }';
const COUNTS = 'query Counts { topics { totalCount } people { totalCount } }';

async function create(name: string): Promise<{ slug: string; version: number }> {
  const answer = await post<{ createTopic: { topic: { slug: string } } }>(CREATE, { name }, { token: TOKEN });
  expect(answer.errors).toBeUndefined();
  return { slug: answer.data!.createTopic.topic.slug, version: answer.version };
}

interface Health {
  status: string;
  dataVersion: number;
  readReplicas: { url: string; state: 'up' | 'down'; dataVersion: number | null; lag: number | null; error?: string }[];
}
const health = async (): Promise<Health> => (await (await fetch(server.url.replace('/graphql', '/health'))).json()) as Health;

/** Runs `sql` on `cluster`. */
async function sql<R extends Record<string, unknown>>(cluster: PgCluster, text: string): Promise<R[]> {
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The server's read connections open on `cluster` (connectionConfig names them `entente-read-<pid>`). */
const readConnections = async (cluster: PgCluster) =>
  Number((await sql<{ n: string }>(cluster, `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'entente-read-${server.pid}'`))[0]!.n);

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('PostgreSQL read replicas', () => {
  beforeAll(async () => {
    clusters = await ClusterSet.create();
    primary = await clusters.primary();
    replica = await clusters.replica(primary);
    await importIntoNewSchema(SHIPPED_DATA_DIR, SCHEMA, primary.url);
    server = await startServerProcess({
      dataDir: '/nonexistent',
      env: { DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url, DATABASE_SCHEMA: SCHEMA, API_TOKENS: TOKEN, RESPONSE_CACHE_MAX_BYTES: '0' },
    });
  }, 60_000);

  afterAll(async () => {
    await killServerProcesses();
    await clusters?.destroy();
  });

  test('reads are served by the replica, which /health lists as up', async () => {
    // The import reached the replica by streaming replication.
    await until(async () => (await health()).readReplicas[0]?.lag === 0, 5_000);
    const answer = await post<{ topics: { totalCount: number } }>(COUNTS);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.topics.totalCount).toBeGreaterThan(0);
    expect(await readConnections(replica)).toBeGreaterThan(0);
    const state = await health();
    expect(state.status).toBe('ok');
    expect(state.readReplicas).toEqual([{ url: replica.url, state: 'up', dataVersion: state.dataVersion, lag: 0 }]);
  });

  test('while the replica lags (replay paused), a plain read sees its older data; a read at the written version sees the write', async () => {
    await sql(replica, 'SELECT pg_wal_replay_pause()');
    try {
      const written = await create('Written while the replica lags');
      const stale = await post<{ topic: { slug: string } | null }>(TOPIC, { slug: written.slug });
      expect(stale.errors).toBeUndefined();
      // Proof that the read came from the replica: the primary has the topic.
      expect(stale.data!.topic).toBeNull();
      expect(stale.version).toBeLessThan(written.version);
      const started = performance.now();
      const fresh = await post<{ topic: { slug: string } | null }>(TOPIC, { slug: written.slug }, { minVersion: written.version });
      // It waited for replay (DATABASE_READ_WAIT_MS, 250 ms), then read on the primary.
      expect(performance.now() - started).toBeGreaterThanOrEqual(200);
      expect(fresh.data!.topic).toEqual({ slug: written.slug, name: 'Written while the replica lags' });
      expect(fresh.version).toBeGreaterThanOrEqual(written.version);
      expect((await health()).readReplicas[0]).toMatchObject({ state: 'up', lag: 1 });
    } finally {
      await sql(replica, 'SELECT pg_wal_replay_resume()');
    }
  });

  test('a client reads its own write at once, every time, when it sends the version it wrote', async () => {
    for (let round = 1; round <= 40; round++) {
      const written = await create(`Read your writes ${round}`);
      expect(written.version).toBeGreaterThan(0);
      const read = await post<{ topic: { slug: string } | null }>(TOPIC, { slug: written.slug }, { minVersion: written.version });
      expect(read.status).toBe(200);
      expect(read.data!.topic?.slug).toBe(written.slug);
      expect(read.version).toBeGreaterThanOrEqual(written.version);
    }
  });

  test('when the replica stops, reads go on from the primary with no failure, and /health says it is down', async () => {
    await post(COUNTS);
    // A view whose transaction is open on the replica when it stops: its next read runs on the primary.
    const store = await PgStore.open({ url: primary.url, schema: SCHEMA, readUrls: [replica.url], max: 2 });
    const view = store.view();
    const before = await view.counts();
    const open = await sql(replica, `SELECT 1 FROM pg_stat_activity WHERE application_name = 'entente-read-${process.pid}' AND state = 'idle in transaction'`);
    expect(open).toHaveLength(1);
    await replica.stop();
    try {
      expect(await view.counts()).toEqual(before);
      expect(view.version).toBe(store.version);
      expect(await store.readReplicas()).toEqual([expect.objectContaining({ url: replica.url, state: 'down' })]);
    } finally {
      view.release?.();
      await store.close();
    }
    for (let round = 0; round < 30; round++) {
      const answer = await post<{ topics: { totalCount: number } }>(COUNTS);
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.topics.totalCount).toBeGreaterThan(0);
    }
    // And a write is read back at once, from the primary.
    const written = await create('Written while the replica is down');
    expect((await post(TOPIC, { slug: written.slug }, { minVersion: written.version })).data).toEqual({ topic: { slug: written.slug, name: 'Written while the replica is down' } });
    const state = await health();
    expect(state.status).toBe('ok');
    expect(state.readReplicas[0]).toMatchObject({ url: replica.url, state: 'down' });
    expect(server.stdout).toContain('a PostgreSQL read replica failed');
  });

  test('once the replica is back, a probe finds it and reads return to it', async () => {
    await replica.start();
    // Probed after a back-off that doubles from 1 s while it fails.
    await until(async () => (await health()).readReplicas[0]?.state === 'up', 20_000);
    await until(async () => (await health()).readReplicas[0]?.lag === 0, 5_000);
    for (let round = 0; round < 5; round++) expect((await post(COUNTS)).errors).toBeUndefined();
    expect(await readConnections(replica)).toBeGreaterThan(0);
  });
});

describe('DATABASE_READ_URL', () => {
  const primaryUrl = 'postgres://entente@db-primary:5432/entente';

  test('is one or more comma-separated PostgreSQL URLs, none by default', () => {
    expect(readConfig({ DATABASE_URL: primaryUrl }).databaseReadUrls).toEqual([]);
    expect(readConfig({ DATABASE_URL: primaryUrl, DATABASE_READ_URL: ' postgres://a@r1/entente , postgresql://a@r2:5433/entente,, ' }).databaseReadUrls).toEqual([
      'postgres://a@r1/entente',
      'postgresql://a@r2:5433/entente',
    ]);
    expect(readConfig({ DATABASE_URL: primaryUrl }).databaseReadWaitMs).toBe(250);
    expect(readConfig({ DATABASE_URL: primaryUrl, DATABASE_READ_WAIT_MS: '0' }).databaseReadWaitMs).toBe(0);
  });

  test('refuses a URL that is not PostgreSQL\'s, never printing its password', () => {
    const read = () => readConfig({ DATABASE_URL: primaryUrl, DATABASE_READ_URL: 'postgres://a@r1/entente,mysql://root:secret@r2/db' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow('DATABASE_READ_URL must be comma-separated PostgreSQL connection strings of streaming replicas (postgres://user@host:port/database); got "mysql://root:***@r2/db".');
  });

  test('needs DATABASE_URL, the primary', () => {
    expect(() => readConfig({ DATABASE_READ_URL: 'postgres://a@r1/entente' })).toThrow('DATABASE_READ_URL needs DATABASE_URL');
  });
});
