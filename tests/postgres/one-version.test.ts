/**
 * Every answer is of one data version however writes interleave with it, now that a
 * request's first reads may come from the record cache before any transaction: requests
 * that read a person from the cache and then a list of people by SQL (a text filter) are
 * sent over HTTP while another server process (a second store on the same schema) changes
 * that person's aliases again and again. Each answer's two copies of the person must agree,
 * and be what the person was at the answer's `Entente-Data-Version`. A request whose reads
 * spanned two versions runs again (Context.againIfMixed); without that, this test fails.
 * (A client's own writes through the same server: tests/postgres/record-cache.test.ts.)
 * Runs in jest's `postgres` project.
 */
import { PgStore } from '../../src/store/postgres/pg-store';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { TEST_DATABASE_URL } from '../helpers/store-under-test';

jest.setTimeout(60_000);

let server: TestServer;
let writer: PgStore;

beforeAll(async () => {
  server = await startTestServer({ env: { RESPONSE_CACHE_MAX_BYTES: '0' } });
  writer = await PgStore.open({ url: TEST_DATABASE_URL, schema: (server.store as PgStore).schema, max: 2 });
});
afterAll(async () => {
  await writer?.close();
  await server?.stop();
});

const QUERY = `query($id: ID!) {
  node(id: $id) { ... on Person { aliases } }
  people(first: 5, filter: { text: "Kairat Umarov" }) { nodes { slug aliases } }
}`;

test('a request answered first from the cache, then by the database, is of one version while another process writes', async () => {
  const { people } = await server.data<{ people: { nodes: { id: string; slug: string; aliases: string[] }[] } }>('{ people(first: 1, filter: { text: "Kairat Umarov" }) { nodes { id slug aliases } } }');
  const person = people.nodes[0]!;
  expect(person.slug).toBe('kairat-umarov');
  // The person's aliases at each version a write made, from the version the test began at.
  const writes: { seq: number; aliases: string[] }[] = [{ seq: writer.version, aliases: person.aliases }];
  const aliasesAt = (version: number) => writes.filter((write) => write.seq <= version).at(-1)!.aliases;

  let writing = true;
  const writing$ = (async () => {
    for (let n = 0; writing; n++) {
      const aliases = [`Alias number ${n}`];
      const [event] = await writer.write([{ operation: 'update', type: 'Person', slug: person.slug, patch: { aliases } }]);
      writes.push({ seq: event!.seq, aliases });
    }
  })();

  let answers = 0;
  const reading = Array.from({ length: 4 }, async () => {
    // Three seconds, and at least 100 answers and 20 writes (a loaded machine makes fewer) within 40.
    const until = Date.now() + 3_000;
    const limit = Date.now() + 40_000;
    while ((Date.now() < until || answers < 100 || writes.length <= 20) && Date.now() < limit) {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { id: person.id } }) });
      const version = Number(response.headers.get('entente-data-version'));
      const body = (await response.json()) as { data: { node: { aliases: string[] }; people: { nodes: { slug: string; aliases: string[] }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      const listed = body.data.people.nodes.find((node) => node.slug === person.slug)!;
      expect({ version, byId: body.data.node.aliases, listed: listed.aliases }).toEqual({ version, byId: aliasesAt(version), listed: aliasesAt(version) });
      answers++;
    }
  });
  try {
    await Promise.all(reading);
  } finally {
    writing = false;
    await writing$;
  }
  expect(answers).toBeGreaterThanOrEqual(100);
  expect(writes.length).toBeGreaterThan(20);
});
