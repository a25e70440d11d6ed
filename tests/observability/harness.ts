/**
 * A server wired with the observability pieces, for these tests only, until server.ts mounts
 * them itself. It mirrors createServer (src/server.ts) plus the lines the report asks to add:
 * `app.use(requestLogging(logger))` first, `observabilityPlugin(logger, metrics)` among the
 * plugins. Logs go to memory at debug level, through the production logger options.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { TokenVerifier } from '../../src/auth/viewer';
import { readConfig } from '../../src/config';
import { createContext, type Context } from '../../src/context';
import { createFormatError } from '../../src/errors/format-error';
import { createLogger } from '../../src/logger';
import { createMetrics, type Metrics } from '../../src/metrics';
import { observabilityPlugin, requestLogging, type ObservabilityOptions } from '../../src/observability';
import { buildAppSchema } from '../../src/schema/index';
import { CursorCodec } from '../../src/schema/relay/cursor';
import { MAX_BODY_BYTES } from '../../src/server';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

export type LogLine = Record<string, any> & { level: number; msg: string };

export interface ObservedServer {
  /** The server's base URL, without a path. */
  url: string;
  metrics: Metrics;
  /** Every log line so far, raw (as written) and parsed. */
  readonly rawLogs: string;
  logs(): LogLine[];
  /** The text of GET /metrics. */
  scrape(): Promise<string>;
  stop(): Promise<void>;
}

export async function startObservedServer(options: { env?: NodeJS.ProcessEnv; plugin?: ObservabilityOptions; middleware?: boolean } = {}): Promise<ObservedServer> {
  const dataDir = await createTempDataDir();
  const config = readConfig({ LOG_LEVEL: 'debug', ...options.env, DATA_DIR: dataDir });
  let rawLogs = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      rawLogs += chunk.toString('utf8');
      callback();
    },
  });
  const logger = createLogger(config, sink);
  const store = await JsonStore.open(config.dataDir);
  const metrics = createMetrics();
  const cursors = new CursorCodec(config.cursorSecret);
  const tokens = new TokenVerifier(config.apiTokens);
  const app = express();
  const httpServer = http.createServer(app);
  // The line to add to server.ts, first thing after `const app = express()`.
  if (options.middleware !== false) app.use(requestLogging(logger));
  const apollo = new ApolloServer<Context>({
    schema: buildAppSchema(),
    formatError: createFormatError(config.development, logger),
    hideSchemaDetailsFromClientErrors: true,
    stopOnTerminationSignals: false,
    // The other line to add to server.ts: the plugin, among the others.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), observabilityPlugin(logger, metrics, options.plugin)],
  });
  await apollo.start();
  app.get('/health', async (_req, res) => {
    res.json({ status: 'ok', dataVersion: store.version, counts: await store.counts() });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext({ store, metrics, cursors, tokens, requestTimeoutMs: 10_000 }, req.headers.authorization) }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(((error, _req, res, _next) => {
    res.status(400).json({ errors: [{ message: String(error.message), extensions: { code: 'BAD_REQUEST' } }] });
  }) as express.ErrorRequestHandler);

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    metrics,
    get rawLogs() {
      return rawLogs;
    },
    logs: () =>
      rawLogs
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
    scrape: async () => (await fetch(`${url}/metrics`)).text(),
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await store.close();
      await removeTempDataDir(dataDir);
    },
  };
}

/** The value of one sample in Prometheus text, or undefined. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean).sort();
    if (have.length === wanted.length && have.every((label, i) => label === wanted[i])) return Number(match[3]);
  }
  return undefined;
}
