/**
 * Fuzzing the shapes of issue 13 ("one request must not stall the server") with fast-check:
 * repeated and long filter lists, deeply nested and large variables, searches of many
 * words, aliases of introspection, nodes and search costed by their size. Each request must
 * be answered with data or a coded refusal (never a 5xx, never INTERNAL_SERVER_ERROR), and
 * within the request deadline's order of magnitude (the bounds keep each one short).
 *
 * Deterministic: FUZZ_SEED and FUZZ_SCALE as in operations-fuzz.test.ts.
 */
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

let api: TestServer;
const codes: Record<string, number> = {};
let sent = 0;
let answered = 0;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  console.log(`hostile shapes fuzz: seed ${SEED}; ${sent} requests, ${answered} with data; error codes seen: ${JSON.stringify(codes)}`);
  await api.stop();
});

/** Sends a raw JSON body; checks the answer is data or coded errors, never a fault of ours. */
async function send(body: string): Promise<void> {
  sent++;
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(response.status).toBeLessThan(500);
  const json = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  if (json.errors === undefined) answered++;
  for (const error of json.errors ?? []) {
    const code = error.extensions?.code;
    expect(typeof code).toBe('string');
    expect(code).not.toBe('INTERNAL_SERVER_ERROR');
    codes[code as string] = (codes[code as string] ?? 0) + 1;
  }
}

const query = (text: string, variables?: unknown) => JSON.stringify({ query: text, variables });
const nestedJson = (depth: number, leaf: string) => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
const FILTER_VALUES = fc.constantFrom('KZ', 'kz', 'kazakhstan', 'antony-blinken', 'energy', 'no-such-thing', 'Bad Value', 'UGVyc29uOmFudG9ueS1ibGlua2Vu');
const WORD = fc.oneof(fc.constantFrom('a', 'b', 'c5', 'nuland', 'blinken', 'astana', 'é', '+1'), fc.stringMatching(/^[a-z]{1,3}$/));

describe('hostile shapes', () => {
  test('filter lists: repeats, long lists, mixed forms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('countries', 'participants', 'topics'),
        fc.array(FILTER_VALUES, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        async (field, values, repeat) => {
          const list = Array.from({ length: repeat }, (_, i) => values[i % values.length]!);
          const type = field === 'participants' ? '[ID!]' : '[String!]';
          await send(query(`query ($l: ${type}) { meetings(filter: { ${field}: $l }) { totalCount } }`, { l: list }));
        },
      ),
      { seed: SEED, numRuns: runs(60) },
    );
  }, 120_000);

  test('deeply nested and large variables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('1', '"x"', '{}', 'null', '{"a":[]}'), fc.boolean(), async (depth, leaf, asObject) => {
        const value = asObject ? `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}` : nestedJson(depth, leaf);
        await send(`{"query":"query ($v: [String]) { __typename }","variables":{"v":${value}}}`);
      }),
      { seed: SEED, numRuns: runs(40) },
    );
  }, 120_000);

  test('searches of many words', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(WORD, { minLength: 1, maxLength: 100 }), fc.integer({ min: 0, max: 100 }), async (words, first) => {
        await send(query('query ($q: String!, $n: Int!) { search(query: $q, first: $n) { id } }', { q: words.join(' ').slice(0, 200), n: first }));
      }),
      { seed: SEED, numRuns: runs(40) },
    );
  }, 120_000);

  test('aliases of introspection, nodes and search', async () => {
    const shapes = [
      '__schema { types { name fields { name args { name type { name ofType { name } } } type { name ofType { name } } } } }',
      '__type(name: "Meeting") { fields { name type { name } } }',
      'nodes(ids: $ids) { ... on Person { meetings(first: 100) { nodes { title } } } }',
      'search(query: "a", first: 100) { ... on Person { meetings(first: 50) { nodes { title } } } }',
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 35 }), fc.constantFrom(...shapes), fc.integer({ min: 1, max: 100 }), async (aliases, shape, ids) => {
        const fields = Array.from({ length: aliases }, (_, i) => `a${i}: ${shape}`).join(' ');
        const takesIds = shape.includes('$ids');
        await send(query(`query ${takesIds ? '($ids: [ID!]!) ' : ''}{ ${fields} }`, takesIds ? { ids: Array(ids).fill('UGVyc29uOmFudG9ueS1ibGlua2Vu') } : undefined));
      }),
      { seed: SEED, numRuns: runs(40) },
    );
  }, 120_000);
});
