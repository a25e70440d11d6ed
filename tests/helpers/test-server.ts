/**
 * A real Entente server for a test file: the production schema and HTTP stack over the
 * store under test (the JSON store, or PostgreSQL in jest's `postgres` project: see
 * store-under-test.ts), listening on a free loopback port. Requests go over HTTP like a
 * client's.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type EntenteServer } from '../../src/server';
import type { JsonStore } from '../../src/store/json/json-store';
import type { PgStore } from '../../src/store/postgres/pg-store';
import { openStoreUnderTest } from './store-under-test';
import { createTempDataDir, removeTempDataDir } from './temp-data-dir';

export const DATA_DIR = path.resolve(__dirname, '../../data');

export interface GraphQLResponse<D = Record<string, any>> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  server: EntenteServer;
  store: JsonStore | PgStore;
  /** POSTs a GraphQL operation and returns the parsed body. */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
  /** POSTs an operation that must succeed, and returns its data. */
  data<D = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<D>;
  /** The current value of `store_batch_loads_total` for each entity, scraped from GET /metrics. */
  batchCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts a server on `dataDir`, by default on a fresh temporary copy of the shipped data (removed by stop()). */
export async function startTestServer(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestServer> {
  const copy = options.dataDir ? null : await createTempDataDir();
  const config = readConfig({ LOG_LEVEL: 'silent', ...options.env, DATA_DIR: options.dataDir ?? copy! });
  // A directory the test passed in is its own: it may stop and start a server on it again (a restart).
  const opened = await openStoreUnderTest(config.dataDir, { keep: options.dataDir !== undefined, config });
  const store = opened.store;
  const server = await createServer(store, config, createLogger(config));
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const query = async <D>(text: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLResponse<D>;
  };

  return {
    url,
    server,
    store,
    query,
    async data<D>(text: string, variables?: Record<string, unknown>): Promise<D> {
      const result = await query<D>(text, variables);
      if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as D;
    },
    async batchCounts() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const counts: Record<string, number> = {};
      for (const [, entity, value] of text.matchAll(/^store_batch_loads_total\{entity="(\w+)"\} (\d+)$/gm)) counts[entity!] = Number(value);
      return counts;
    },
    async stop() {
      await server.stop();
      await store.close();
      await opened.remove();
      if (copy) await removeTempDataDir(copy);
    },
  };
}

/** The difference between two batch counts, leaving out entities with no new batches. */
export function batchesBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([entity, count]) => [entity, count - (before[entity] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}
