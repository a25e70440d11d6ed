/**
 * The bench's PostGraphile 5 peer: the Amber preset over the plain relational tables of one
 * schema (bench/lib/postgraphile.ts loads them), served by grafserv's node:http adaptor.
 * Run with Node 22 (PostGraphile 5 needs Promise.withResolvers) from .tmp/postgraphile, where
 * the bench installs this directory's package.json. Env: DATABASE_URL, DATABASE_SCHEMA, PORT.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const preset = {
  extends: [PostGraphileAmberPreset],
  // Reads only, as the bench measures: no mutation fields to build.
  disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin'],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: [process.env.DATABASE_SCHEMA], poolConfig: { max: 10, application_name: `postgraphile-${process.pid}` } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// The schema is built (introspection) before the port answers, so /health means ready.
await pgl.getSchema();
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  handler(req, res);
});
server.listen(Number(process.env.PORT), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
}
