/**
 * The data version over HTTP, on either store: every GraphQL answer says the version it
 * was read at (Entente-Data-Version), a mutation's the version it wrote, a cached answer its
 * own; a client may ask for at least a version (Entente-Min-Version), a whole number. With
 * PostgreSQL read replicas (tests/postgres/read-replicas.test.ts) that is read-your-writes.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'data-version-writer';
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, version: response.headers.get('entente-data-version'), body: (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
}
const healthVersion = async () => ((await (await fetch(`${api.url}/health`)).json()) as { dataVersion: number }).dataVersion;
const TOPICS = 'query Topics { topics { totalCount } }';

test('a query answer carries the data version it was read at, from Apollo and from the response cache alike', async () => {
  const version = await healthVersion();
  const first = await post(TOPICS);
  const again = await post(TOPICS);
  expect(first.body.errors).toBeUndefined();
  expect(first.version).toBe(String(version));
  expect(again.version).toBe(String(version));
  expect(again.body).toEqual(first.body);
});

test('a mutation answer carries the version its write made; the next answers are at least there', async () => {
  const before = await healthVersion();
  const created = await post('mutation { createTopic(input: { name: "Versioned topic" }) { topic { id } } }', {}, { authorization: `Bearer ${TOKEN}` });
  expect(created.body.errors).toBeUndefined();
  expect(Number(created.version)).toBe(before + 1);
  expect(await healthVersion()).toBe(before + 1);
  const read = await post(TOPICS, {}, { 'entente-min-version': created.version! });
  expect(Number(read.version)).toBe(before + 1);
  await post('mutation Delete($id: ID!) { deleteTopic(id: $id) { deletedId } }', { id: created.body.data.createTopic.topic.id }, { authorization: `Bearer ${TOKEN}` });
});

test('a version beyond any written is answered from the latest data, not refused', async () => {
  const answer = await post(TOPICS, {}, { 'entente-min-version': String(1e9) });
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.version).toBe(String(await healthVersion()));
});

test.each(['-1', '1.5', 'latest', ''])('Entente-Min-Version %j is refused with 400 BAD_REQUEST', async (value) => {
  const answer = await post(TOPICS, {}, { 'entente-min-version': value });
  expect(answer.status).toBe(400);
  expect(answer.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
  expect(answer.version).toBeNull();
});
