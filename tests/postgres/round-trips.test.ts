/**
 * What a request costs in round trips to PostgreSQL once the record cache holds what it
 * reads again and again (src/store/postgres/statements.ts, pg-view.ts): the deep query one
 * (its page statement sent with the BEGIN, the COMMIT carried by the next BEGIN), whatever
 * the nesting; a filtered page of a person's meetings (a posting table) and `nodes(ids)`
 * none, not even a transaction; and what they answer is what a server without the cache
 * answers. Counted
 * from every query the server's connections send. Runs in jest's `postgres` project.
 */
import { Client } from 'pg';
import { startTestServer, type TestServer } from '../helpers/test-server';

let cached: TestServer;
let uncached: TestServer;
/** The texts the connections of this process sent, while counting. */
let sent: string[] | null = null;
const originalQuery = Client.prototype.query;

beforeAll(async () => {
  cached = await startTestServer({ env: { RESPONSE_CACHE_MAX_BYTES: '0' } });
  uncached = await startTestServer({ env: { RESPONSE_CACHE_MAX_BYTES: '0', PG_RECORD_CACHE: '0' } });
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [first] = args as [string | { text?: unknown }];
    const text = typeof first === 'string' ? first : first?.text;
    if (sent !== null && typeof text === 'string') sent.push(text);
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
});

afterAll(async () => {
  Client.prototype.query = originalQuery;
  await cached?.stop();
  await uncached?.stop();
});

const DEEP = `query Deep {
  meetings(first: 20) {
    nodes {
      id title date { label }
      topics { slug name }
      participants { role person { id name offices { title organization { name country { name isoCode } } } } }
    }
  }
}`;

const FILTERED = `query Filtered($person: ID!) {
  meetings(first: 5, filter: { participants: [$person], from: "2000-01-01" }) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { id title countries { isoCode } topics { slug } }
  }
}`;

const NODES = `query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Meeting { title } ... on Person { name } ... on Country { name } }
}`;

/** The answer, and the round trips it took (each query sent on a connection is one: a simple query with several statements too). */
async function roundTrips(server: TestServer, query: string, variables?: Record<string, unknown>): Promise<{ data: unknown; trips: string[] }> {
  // A view's COMMIT is carried by the next BEGIN on its connection, or sent after 20 ms: let the last one go first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  sent = [];
  try {
    const data = await server.data(query, variables);
    return { data, trips: sent };
  } finally {
    sent = null;
  }
}

type Variables = Record<string, unknown> | undefined;

/** The filtered page's person: their meetings are a posting table the cache holds once read. */
const filteredVariables = async (): Promise<Variables> => ({ person: (await cached.data('{ people(first: 1, orderBy: { field: NAME, direction: ASC }) { nodes { id } } }')).people.nodes[0].id });
const nodesVariables = async (): Promise<Variables> => {
  const data = await cached.data('{ meetings(first: 3) { nodes { id } } people(first: 3) { nodes { id } } countries(first: 3) { nodes { id } } }');
  return { ids: [...data.meetings.nodes, ...data.people.nodes, ...data.countries.nodes].map((node: { id: string }) => node.id) };
};

/** The round trips of six requests once the cache is warm, each answer checked against the uncached server's. */
async function warmTrips(query: string, variables: Variables): Promise<string[][]> {
  // The first request fills the cache (and prepares the statements on some connection); a few more reach every connection the pool opened.
  for (let i = 0; i < 12; i++) await cached.data(query, variables);
  const trips: string[][] = [];
  for (let i = 0; i < 6; i++) {
    const { data, trips: sent } = await roundTrips(cached, query, variables);
    expect(data).toEqual((await roundTrips(uncached, query, variables)).data);
    trips.push(sent);
  }
  return trips;
}

test('the deep query: one round trip once the cache is warm, the same answer as without the cache', async () => {
  const trips = await warmTrips(DEEP, undefined);
  // The first read travels with the BEGIN (and the previous view's COMMIT, if any).
  for (const sent of trips) expect(sent[0]).toMatch(/^(COMMIT; )?BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT version FROM store_state/);
  const counts = trips.map((sent) => sent.length);
  // A view sometimes takes a connection that has not prepared the page's statement yet: then it runs apart (two round trips).
  expect(Math.min(...counts)).toBe(1);
  expect(Math.max(...counts)).toBeLessThanOrEqual(2);
});

test.each<[string, string, () => Promise<Variables>]>([
  ['a filtered page', FILTERED, filteredVariables],
  ['nodes(ids) of three types', NODES, nodesVariables],
])('%s: no round trip once the cache is warm (no transaction either), the same answer as without the cache', async (_name, query, variablesOf) => {
  expect(await warmTrips(query, await variablesOf())).toEqual([[], [], [], [], [], []]);
});
