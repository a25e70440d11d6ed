/**
 * Fuzzing the shapes of issue 13 ("one request must not stall the server") with fast-check:
 * repeated and long filter lists, deeply nested and large variables, searches of many
 * words, aliases of introspection, nodes and search costed by their size, oversized lists in
 * mutation inputs and mutations of many fields (each a write of its own). Each request must
 * be answered with data or a coded refusal (never a 5xx, never INTERNAL_SERVER_ERROR), and
 * within the request deadline's order of magnitude (the bounds keep each one short).
 *
 * Deterministic: FUZZ_SEED and FUZZ_SCALE as in operations-fuzz.test.ts.
 */
import fc from 'fast-check';
import { MAX_MUTATION_FIELDS } from '../../src/limits/mutations.rule';
import { maxListItems } from '../../src/schema/mutation/input-lists';
import { meetingInput } from '../helpers/meeting-input';
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

type Answer = { data?: Record<string, unknown> | null; errors?: { path?: unknown[]; extensions?: { code?: unknown } }[] };

/** Sends a raw JSON body (to `server`, with `token`); checks the answer is data or coded errors, never a fault of ours. */
async function send(body: string, server = api, token?: string): Promise<Answer> {
  sent++;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
  expect(response.status).toBeLessThan(500);
  const json = (await response.json()) as Answer;
  if (json.errors === undefined) answered++;
  for (const error of json.errors ?? []) {
    const code = error.extensions?.code;
    expect(typeof code).toBe('string');
    expect(code).not.toBe('INTERNAL_SERVER_ERROR');
    codes[code as string] = (codes[code as string] ?? 0) + 1;
  }
  return json;
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

  describe('writes', () => {
    const TOKEN = 'hostile-shapes-writer';
    let writer: TestServer;
    beforeAll(async () => {
      writer = await startTestServer({ env: { API_TOKENS: TOKEN } });
    });
    afterAll(() => writer.stop());
    const changeCount = async () => (await writer.data<{ changes: { totalCount: number } }>('query Changes { changes { totalCount } }')).changes.totalCount;

    const CITATION = { sourceId: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', quote: 'The Kazakh diplomat met with' };
    const PARTICIPANT = meetingInput('x').participants[0]!;
    /** Mutations with one list each, by where that list sits in the input. */
    const LISTS: { path: string; mutation: string; type: string; input(list: unknown[]): object; item: unknown }[] = [
      { path: 'input.aliases', mutation: 'createTopic', type: 'CreateTopicInput', input: (aliases) => ({ name: 'Listed topic', aliases }), item: 'an alias' },
      { path: 'input.citations', mutation: 'createPerson', type: 'CreatePersonInput', input: (citations) => ({ name: 'Listed person', citations }), item: CITATION },
      { path: 'input.memberCountryIds', mutation: 'createOrganization', type: 'CreateOrganizationInput', input: (ids) => ({ name: 'Listed body', kind: 'INTERNATIONAL_ORGANIZATION', memberCountryIds: ids }), item: 'KZ' },
      { path: 'input.participants', mutation: 'createMeeting', type: 'CreateMeetingInput', input: (participants) => meetingInput('Listed meeting', { participants }), item: PARTICIPANT },
      { path: 'input.participants.0.citations', mutation: 'createMeeting', type: 'CreateMeetingInput', input: (citations) => meetingInput('Listed meeting', { participants: [{ ...PARTICIPANT, citations }] }), item: CITATION },
    ];

    test('oversized lists in mutation inputs are BAD_USER_INPUT at their path, and write nothing', async () => {
      await fc.assert(
        // Up to 200 over (701 participants stay within the 10,000 values variables may hold).
        fc.asyncProperty(fc.constantFrom(...LISTS), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 1500 }), async (list, over, fill) => {
          const max = maxListItems(list.path.split('.').at(-1)!);
          const length = Math.min(max + 1 + over, Math.max(max + 1, fill));
          const before = await changeCount();
          const answer = await send(
            query(`mutation Listed($input: ${list.type}!) { ${list.mutation}(input: $input) { __typename } }`, { input: list.input(Array(length).fill(list.item)) }),
            writer,
            TOKEN,
          );
          expect(answer.data).toEqual({ [list.mutation]: null });
          expect(answer.errors).toEqual([
            expect.objectContaining({ path: [list.mutation], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: list.path, message: `must hold at most ${max} items; got ${length}` }] }) }),
          ]);
          expect(await changeCount()).toBe(before);
        }),
        { seed: SEED, numRuns: runs(40) },
      );
    }, 120_000);

    test('mutations of many fields: within the limit each field answers on its own; over it, none runs', async () => {
      const FIELDS = ['deleteTopic(id: "no-such-topic") { deletedId }', 'createTopic(input: { name: " bad " }) { topic { slug } }', 'updateTopic(id: "no-such-topic", input: { aliases: ["x"] }) { topic { slug } }'];
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 45 }), fc.integer({ min: 0, max: 2 }), async (count, offset) => {
          const fields = Array.from({ length: count }, (_, i) => FIELDS[(offset + i * i) % FIELDS.length]!);
          const before = await changeCount();
          const answer = await send(query(`mutation Many { ${fields.map((field, i) => `m${i}: ${field}`).join(' ')} }`), writer, TOKEN);
          if (fields.length > MAX_MUTATION_FIELDS) {
            expect(answer.data).toBeUndefined();
            expect(answer.errors?.map((error) => error.extensions?.code)).toContain('TOO_MANY_MUTATIONS');
          } else {
            // Every field answers null, with its own coded error, beside the others.
            expect(answer.data).toEqual(Object.fromEntries(fields.map((_, i) => [`m${i}`, null])));
            expect(answer.errors?.map((error) => error.path)).toEqual(fields.map((_, i) => [`m${i}`]));
          }
          expect(await changeCount()).toBe(before);
        }),
        { seed: SEED, numRuns: runs(30) },
      );
    }, 120_000);
  });
});
