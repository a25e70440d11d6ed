/**
 * The framework's floor: Apollo Server 5 over Entente's schema, resolvers, store and
 * per-request context, executing with the same graphql-jit gateway executor as Entente,
 * in a bare node:http handler, with nothing of Entente's own around it: no Express, no
 * query limits, no response cache, no logging, no metrics plugin, no request deadline
 * beyond the executor's. It shows what keeping Apollo Server as the framework costs by
 * itself, next to mercurius on the same resolvers. DATA_DIR is a copy of a data directory.
 */
import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { TokenVerifier } from '../../src/auth/viewer';
import { createContext, type Context } from '../../src/context';
import { compiledExecutorGateway } from '../../src/execution/compiled-executor';
import { createMetrics } from '../../src/metrics';
import { buildAppSchema } from '../../src/schema/index';
import { readConfig } from '../../src/config';
import { CursorCodec } from '../../src/schema/relay/cursor';
import { JsonStore } from '../../src/store/json/json-store';

async function main(): Promise<void> {
  // Entente's own configuration (DATA_DIR, CURSOR_SECRET, REQUEST_TIMEOUT_MS), read as it reads it.
  const config = readConfig();
  const store = await JsonStore.open(config.dataDir);
  const services = { store, metrics: createMetrics(), cursors: new CursorCodec(config.cursorSecret), tokens: new TokenVerifier([]), requestTimeoutMs: config.requestTimeoutMs };
  const apollo = new ApolloServer<Context>({
    gateway: compiledExecutorGateway(buildAppSchema()),
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  http
    .createServer((req, res) => {
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        try {
          const headers = new HeaderMap();
          for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
          const context = createContext(services, req.headers.authorization);
          const response = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: 'POST', headers, search: '', body: JSON.parse(Buffer.concat(chunks).toString()) },
            context: async () => context,
          });
          if (response.body.kind !== 'complete') throw new Error('incremental delivery is not enabled');
          for (const [name, value] of response.headers) res.setHeader(name, value);
          res.writeHead(response.status ?? 200, { 'content-length': Buffer.byteLength(response.body.string) }).end(response.body.string);
        } catch (error) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
        }
      });
    })
    .listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
