/**
 * The fastest Node peer: mercurius (on fastify) with graphql-jit, serving Entente's schema,
 * resolvers and store with the same per-request context (loaders over one version of the
 * data). `jit: 1` compiles a query the first time it is seen; its own response cache is
 * left off (`cache` only caches parsed documents), so this measures execution like
 * Entente's "response cache off" row. DATA_DIR is a copy of a data directory.
 */
import 'reflect-metadata';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { TokenVerifier } from '../../src/auth/viewer';
import { createContext } from '../../src/context';
import { createMetrics } from '../../src/metrics';
import { buildAppSchema } from '../../src/schema/index';
import { readConfig } from '../../src/config';
import { CursorCodec } from '../../src/schema/relay/cursor';
import { JsonStore } from '../../src/store/json/json-store';

async function main(): Promise<void> {
  // Entente's own configuration (DATA_DIR, CURSOR_SECRET, REQUEST_TIMEOUT_MS), read as it reads it.
  const config = readConfig();
  const store = await JsonStore.open(config.dataDir);
  const services = {
    store,
    metrics: createMetrics(),
    cursors: new CursorCodec(config.cursorSecret),
    tokens: new TokenVerifier([]),
    requestTimeoutMs: config.requestTimeoutMs,
  };
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema: buildAppSchema(),
    jit: 1,
    context: (request) => createContext(services, request.headers.authorization),
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
