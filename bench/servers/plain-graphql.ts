/**
 * Plain graphql-js on Entente's schema and store: a bare node:http handler that parses,
 * validates and executes every request with graphql-js's `parse`, `validate` and
 * `execute`, with the same per-request context (loaders over one version of the data)
 * as Entente. No Apollo, no Express, no limits, no caches: the reference point the
 * framework's overhead is measured against. DATA_DIR is a copy of a data directory.
 */
import 'reflect-metadata';
import http from 'node:http';
import { execute, parse, validate, type GraphQLError } from 'graphql';
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
  const schema = buildAppSchema();
  const metrics = createMetrics();
  const cursors = new CursorCodec(config.cursorSecret);
  const tokens = new TokenVerifier([]);
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  };
  const errors = (list: readonly GraphQLError[]) => ({ errors: list.map((error) => error.toJSON()) });
  http
    .createServer((req, res) => {
      if (req.method === 'GET') return send(res, 200, { status: 'ok' });
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        try {
          const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString());
          const document = parse(query);
          const invalid = validate(schema, document);
          if (invalid.length > 0) return send(res, 400, errors(invalid));
          const contextValue = createContext({ store, metrics, cursors, tokens, requestTimeoutMs: config.requestTimeoutMs }, undefined);
          const result = await execute({ schema, document, variableValues: variables, operationName, contextValue });
          send(res, 200, result.errors ? { ...result, errors: result.errors.map((error) => error.toJSON()) } : result);
        } catch (error) {
          send(res, 400, { errors: [{ message: String(error) }] });
        }
      });
    })
    .listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
