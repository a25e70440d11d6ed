/**
 * The subscription server on an HTTP server of its own, with short settings and its log
 * lines kept: a connection whose client stops answering pings is dropped, one that answers
 * stays, connection_init must come in time, and each subscription logs one line.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from '../../src/auth/viewer';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { buildAppSchema } from '../../src/schema/index';
import { CursorCodec } from '../../src/schema/relay/cursor';
import { JsonStore } from '../../src/store/json/json-store';
import { createSubscriptionServer, type SubscriptionServer } from '../../src/subscriptions/index';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { RawConnection, gauge, waitUntil } from './ws-helpers';

// Short enough to see a drop within a test, long enough that a loaded machine still answers in time.
const KEEP_ALIVE_MS = 500;

let dataDir: string;
let store: JsonStore;
let httpServer: http.Server;
let subscriptions: SubscriptionServer;
let url: string;
const metrics = createMetrics();
const logLines: Record<string, any>[] = [];

beforeAll(async () => {
  dataDir = await createTempDataDir();
  const config = readConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  store = await JsonStore.open(dataDir);
  // Plain HTTP answers only /metrics: the WebSocket endpoint is all this server is for.
  httpServer = http.createServer((_req, res) => void metrics.registry.metrics().then((text) => res.end(text)));
  const services = { store, metrics, cursors: new CursorCodec(config.cursorSecret), tokens: new TokenVerifier([]), requestTimeoutMs: config.requestTimeoutMs };
  subscriptions = createSubscriptionServer({
    httpServer,
    schema: buildAppSchema(),
    store,
    services,
    config,
    logger: createLogger({ logLevel: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) }),
    metrics,
    settings: { keepAliveMs: KEEP_ALIVE_MS, connectionInitTimeoutMs: 300 },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await subscriptions.close();
  await new Promise((resolve) => httpServer.close(resolve));
  await store.close();
  await removeTempDataDir(dataDir);
});

test('drops a connection whose client stops answering pings, and keeps one that answers', async () => {
  const answering = new RawConnection(url);
  await answering.init();
  const silent = new RawConnection(url);
  await silent.init();
  // ws answers pings by itself; a client that stopped reading answers none.
  silent.socket.pause();
  // A few pings' time when the machine is idle; generous, as the point is that it is dropped, not how fast under load.
  await waitUntil(async () => (await gauge(url, 'graphql_ws_connections')) === 1, 'the silent connection to be dropped', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 5 * KEEP_ALIVE_MS));
  expect(answering.socket.readyState).toBe(answering.socket.OPEN);
  answering.close();
  silent.close();
});

test('closes a connection that sends no connection_init in time with 4408', async () => {
  const connection = new RawConnection(url);
  await connection.opened;
  expect(await connection.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
});

test('logs one line per subscription when it ends, and one per refusal, with codes and without variables', async () => {
  const connection = new RawConnection(url);
  await connection.init();
  connection.send({ id: '1', type: 'subscribe', payload: { query: 'subscription Watch($after: Int) { changes(after: $after) { seq } }', variables: { after: 0 } } });
  await waitUntil(async () => (await gauge(url, 'graphql_subscriptions')) === 1, 'the subscription to open');
  connection.send({ id: '1', type: 'complete' });
  connection.send({ id: '2', type: 'subscribe', payload: { query: 'subscription Typo { changes { sequence } }' } });
  await waitUntil(() => logLines.filter((line) => /^subscription /.test(line.msg)).length === 2, 'two log lines');
  const lines = logLines
    .filter((line) => /^subscription /.test(line.msg))
    .map(({ level, msg, operationName, events, errorCodes, durationMs }) => ({ level, msg, operationName, events, errorCodes, durationMs }))
    .sort((a, b) => a.msg.localeCompare(b.msg));
  expect(lines).toEqual([
    { level: 30, msg: 'subscription ended', operationName: 'Watch', events: 0, errorCodes: [], durationMs: expect.any(Number) },
    { level: 30, msg: 'subscription refused', operationName: null, events: undefined, errorCodes: ['GRAPHQL_VALIDATION_FAILED'], durationMs: undefined },
  ]);
  expect(JSON.stringify(logLines)).not.toContain('"after"');
  connection.close();
});
