/**
 * Replaying a long change feed (`changes(after: 0)`) to many subscribers at once, against
 * the built server process on a feed of a few thousand changes written through the store:
 * /health keeps answering while the replays run, every subscriber still gets the whole
 * feed in order, clients that leave mid-replay stop their replays, and SIGTERM ends the
 * server promptly while replays are running.
 */
import { openStoreUnderTest } from '../helpers/store-under-test';
import { killServerProcesses, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { RawConnection, gauge, waitUntil } from './ws-helpers';

/** Changes written before the server starts: the feed each subscriber replays. */
const FEED_LENGTH = 3000;
const CONNECTIONS = 5;
const SUBSCRIPTIONS_PER_CONNECTION = 4;
const REPLAY = 'subscription Replay { changes(after: 0) { seq entitySlug } }';

let dataDir: string;
let server: ServerProcess;
let httpUrl: string;

beforeAll(async () => {
  dataDir = await createTempDataDir();
  const opened = await openStoreUnderTest(dataDir, { keep: true });
  for (let start = 0; start < FEED_LENGTH; start += 500) {
    const batch = Array.from({ length: 500 }, (_, i) => ({
      operation: 'create' as const,
      type: 'Topic' as const,
      record: { slug: `replayed-${start + i}`, name: `replayed ${start + i}`, aliases: [], parent: null },
    }));
    await opened.store.write(batch);
  }
  await opened.store.close();
  server = await startServerProcess({ dataDir, env: { ...opened.env, LOG_LEVEL: 'info' } });
  httpUrl = server.url.replace(/\/graphql$/, '');
}, 60_000);

afterAll(async () => {
  await killServerProcesses();
  await removeTempDataDir(dataDir);
});

/** Opens `CONNECTIONS` raw connections, each with `SUBSCRIPTIONS_PER_CONNECTION` replays of the whole feed. */
async function startReplays(): Promise<RawConnection[]> {
  const connections = Array.from({ length: CONNECTIONS }, () => new RawConnection(httpUrl));
  await Promise.all(connections.map((connection) => connection.init()));
  for (const connection of connections) {
    for (let id = 1; id <= SUBSCRIPTIONS_PER_CONNECTION; id++) connection.send({ id: String(id), type: 'subscribe', payload: { query: REPLAY } });
  }
  return connections;
}

/** How long /health takes to answer, in ms. */
async function healthLatency(): Promise<number> {
  const started = Date.now();
  const response = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  return Date.now() - started;
}

const delivered = (connection: RawConnection, id: string) => connection.messages.filter((message) => message.id === id && message.type === 'next');

test('/health answers while 20 subscriptions replay the whole feed, and each gets every change in order', async () => {
  const { data } = await server.query<{ changes: { totalCount: number } }>('query FeedLength { changes(first: 0) { totalCount } }');
  const total = data!.changes.totalCount;
  expect(total).toBeGreaterThanOrEqual(FEED_LENGTH);

  const connections = await startReplays();
  const latencies: number[] = [];
  const done = () => connections.every((connection) => connection.messages.filter((message) => message.type === 'next').length >= total * SUBSCRIPTIONS_PER_CONNECTION);
  while (!done()) {
    latencies.push(await healthLatency());
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (latencies.length > 3000) throw new Error('the replays did not finish');
  }
  // Generous: the point is that it answers during the replay, not how fast on a shared machine.
  expect(Math.max(...latencies)).toBeLessThan(2000);
  expect(latencies.length).toBeGreaterThan(1);
  for (const connection of connections) {
    for (let id = 1; id <= SUBSCRIPTIONS_PER_CONNECTION; id++) {
      const seqs = delivered(connection, String(id)).map((message) => message.payload.data.changes.seq);
      expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
    connection.close();
  }
  await waitUntil(async () => (await gauge(httpUrl, 'graphql_subscriptions')) === 0, 'the subscriptions to end');
}, 60_000);

test('clients that leave mid-replay end their replays: no subscription stays open, and the server stays responsive', async () => {
  const connections = await startReplays();
  await waitUntil(() => connections.every((connection) => delivered(connection, '1').length > 0), 'the replays to start');
  for (const connection of connections) connection.close();
  await waitUntil(async () => (await gauge(httpUrl, 'graphql_subscriptions')) === 0 && (await gauge(httpUrl, 'graphql_ws_connections')) === 0, 'the replays to stop', 5000);
  expect(await gauge(httpUrl, 'graphql_subscription_queued_events')).toBe(0);
  expect(await healthLatency()).toBeLessThan(2000);
}, 30_000);

test('SIGTERM ends the server within a few seconds while replays are running', async () => {
  const connections = await startReplays();
  await waitUntil(() => connections.every((connection) => delivered(connection, '1').length > 0), 'the replays to start');
  const started = Date.now();
  const exit = await server.kill('SIGTERM');
  expect(exit).toEqual({ code: 0, signal: null });
  expect(Date.now() - started).toBeLessThan(3000);
  expect((await connections[0]!.closed).code).toBe(1001);
  for (const connection of connections) connection.close();
}, 30_000);
