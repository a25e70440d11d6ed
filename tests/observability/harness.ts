/**
 * The production server (createServer) over a fresh copy of the data, the response cache
 * off (so every request reaches Apollo's plugin), with its logs in
 * memory at debug level through the production logger options, for the logging and
 * metrics tests.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import type { ObservabilityOptions } from '../../src/observability';
import { createServer } from '../../src/server';
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

export async function startObservedServer(options: { env?: NodeJS.ProcessEnv; plugin?: ObservabilityOptions } = {}): Promise<ObservedServer> {
  const dataDir = await createTempDataDir();
  const config = readConfig({ LOG_LEVEL: 'debug', RESPONSE_CACHE_MAX_BYTES: '0', ...options.env, DATA_DIR: dataDir });
  let rawLogs = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      rawLogs += chunk.toString('utf8');
      callback();
    },
  });
  const store = await JsonStore.open(config.dataDir);
  const server = await createServer(store, config, createLogger(config, sink), { observability: options.plugin });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    metrics: server.metrics,
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
      await server.stop();
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
