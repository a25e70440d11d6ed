/**
 * Who may write: a bearer token from API_TOKENS, checked before anything else. A refused
 * write changes nothing, answers 401 (or 403 when the server takes no writes at all), and
 * tokens never reach the logs.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { killServerProcesses, postGraphQL, startServerProcess } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { startTestServer, type TestServer } from '../helpers/test-server';

const FIRST_TOKEN = 'first-writer-token';
const SECOND_TOKEN = 'second-writer-token';

const CREATE_TOPIC = 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug name } } }';
const UPDATE_TOPIC = 'mutation UpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { topic { slug name } } }';
const DELETE_TOPIC = 'mutation DeleteTopic($id: ID!) { deleteTopic(id: $id) { deletedId } }';
const WRITE_STATE = 'query WriteState { topics { totalCount } changes { totalCount } topic(slug: "trade") { name } }';

/** The shipped data, as a server that takes no writes keeps them. */
const UNTOUCHED = { topics: { totalCount: 10 }, changes: { totalCount: 0 }, topic: { name: 'trade' } };

/** One write of each kind, on one line each, so that an error's location is the column of its field. */
const WRITES = [
  { operation: CREATE_TOPIC, field: 'createTopic', variables: { input: { name: 'Arms control' } } },
  { operation: UPDATE_TOPIC, field: 'updateTopic', variables: { id: toGlobalId('Topic', 'trade'), input: { name: 'commerce' } } },
  { operation: DELETE_TOPIC, field: 'deleteTopic', variables: { id: toGlobalId('Topic', 'trade') } },
];

/** The whole error a refused write answers with. */
function refusal(operation: string, field: string, code: string, message: string) {
  return { errors: [{ message, locations: [{ line: 1, column: operation.indexOf(`${field}(`) + 1 }], path: [field], extensions: { code } }], data: { [field]: null } };
}

describe('a server with API_TOKENS', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: `${FIRST_TOKEN},${SECOND_TOKEN}` } });
  });
  afterAll(() => api.stop());
  const post = (query: string, variables: Record<string, unknown>, auth: { token?: string; authorization?: string } = {}) =>
    postGraphQL(`${api.url}/graphql`, query, variables, auth);

  test.each(WRITES)('$field without an Authorization header is UNAUTHENTICATED with HTTP 401 and changes nothing', async ({ operation, field, variables }) => {
    const before = await api.data(WRITE_STATE);
    const response = await post(operation, variables);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="entente"');
    expect(response.body).toEqual(refusal(operation, field, 'UNAUTHENTICATED', 'Writes need an Authorization header: "Bearer <token>".'));
    expect(await api.data(WRITE_STATE)).toEqual(before);
  });

  test.each([
    ['a wrong token', 'Bearer not-a-writer-token'],
    ['a Basic credential', 'Basic x'],
    ['"Bearer" without a token', 'Bearer'],
    ['a token followed by more words', `Bearer ${FIRST_TOKEN} ${SECOND_TOKEN}`],
    ['a configured token without the Bearer scheme', FIRST_TOKEN],
  ])('%s is UNAUTHENTICATED with HTTP 401 and changes nothing', async (_case, authorization) => {
    const before = await api.data(WRITE_STATE);
    for (const { operation, field, variables } of WRITES) {
      const response = await post(operation, variables, { authorization });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(refusal(operation, field, 'UNAUTHENTICATED', 'The bearer token is not valid.'));
    }
    expect(await api.data(WRITE_STATE)).toEqual(before);
  });

  test('an invalid input without a token is UNAUTHENTICATED, not checked for validity', async () => {
    const response = await post(CREATE_TOPIC, { input: { name: '' } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual(refusal(CREATE_TOPIC, 'createTopic', 'UNAUTHENTICATED', 'Writes need an Authorization header: "Bearer <token>".'));
  });

  test('reads need no token', async () => {
    const response = await post('query Anonymous { topic(slug: "trade") { name } }', {});
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { topic: { name: 'trade' } } });
  });

  test.each([
    ['the first', FIRST_TOKEN, 'Verification'],
    ['the second', SECOND_TOKEN, 'Disarmament'],
  ])('%s of two configured tokens may write', async (_which, token, name) => {
    const { changes } = await api.data<{ changes: { totalCount: number } }>(WRITE_STATE);
    const response = await post(CREATE_TOPIC, { input: { name } }, { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { createTopic: { topic: { slug: name.toLowerCase(), name } } } });
    expect(await api.data('query Written($slug: String!) { topic(slug: $slug) { name } changes { totalCount } }', { slug: name.toLowerCase() })).toEqual({
      topic: { name },
      changes: { totalCount: changes.totalCount + 1 },
    });
  });

  test('a write over GET is refused with HTTP 405, even with a valid token', async () => {
    const before = await api.data(WRITE_STATE);
    const url = new URL(`${api.url}/graphql`);
    url.searchParams.set('query', 'mutation ViaGet { createTopic(input: { name: "Via GET" }) { topic { slug } } }');
    const response = await fetch(url, { headers: { authorization: `Bearer ${FIRST_TOKEN}`, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ errors: [{ message: 'GET requests only support query operations, not mutation operations', extensions: { code: 'BAD_REQUEST' } }] });
    expect(await api.data(WRITE_STATE)).toEqual(before);
  });

  test('a write a cross-site form could send (text/plain) is refused, even with a valid token', async () => {
    const before = await api.data(WRITE_STATE);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${FIRST_TOKEN}` },
      body: JSON.stringify({ query: 'mutation ViaForm { createTopic(input: { name: "Via form" }) { topic { slug } } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.stringContaining('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)'), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(await api.data(WRITE_STATE)).toEqual(before);
  });

  test('the Bearer scheme is matched case-insensitively', async () => {
    const response = await post(CREATE_TOPIC, { input: { name: 'Deterrence' } }, { authorization: `bearer ${SECOND_TOKEN}` });
    expect(response.body).toEqual({ data: { createTopic: { topic: { slug: 'deterrence', name: 'Deterrence' } } } });
  });
});

describe('a server without API_TOKENS', () => {
  test.each([
    ['unset', {}],
    ['a list of blanks', { API_TOKENS: ' , ' }],
  ])('with API_TOKENS %s, writes are FORBIDDEN with HTTP 403, even with a token', async (_case, env) => {
    const api = await startTestServer({ env });
    try {
      for (const { operation, field, variables } of WRITES) {
        for (const auth of [{ token: FIRST_TOKEN }, {}]) {
          const response = await postGraphQL(`${api.url}/graphql`, operation, variables, auth);
          expect(response.status).toBe(403);
          expect(response.body).toEqual(refusal(operation, field, 'FORBIDDEN', 'Writes are disabled on this server: it was started without API_TOKENS.'));
        }
      }
      expect(await api.data(WRITE_STATE)).toEqual(UNTOUCHED);
    } finally {
      await api.stop();
    }
  });

  test('reads still work', async () => {
    const api = await startTestServer();
    try {
      expect(await api.data(WRITE_STATE)).toEqual(UNTOUCHED);
    } finally {
      await api.stop();
    }
  });
});

describe('logging', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await createTempDataDir();
  });
  afterEach(async () => {
    await killServerProcesses();
    await removeTempDataDir(dataDir);
  });

  test('neither a rejected nor an accepted token appears in the logs, even at debug level', async () => {
    const goodToken = 'good-token-4d9a61c0e2';
    const badToken = 'bad-token-7b13f5a8c4';
    const server = await startServerProcess({ dataDir, env: { API_TOKENS: goodToken, LOG_LEVEL: 'debug' } });
    const rejected = await postGraphQL(server.url, CREATE_TOPIC, { input: { name: 'Arms control' } }, { token: badToken });
    expect(rejected.status).toBe(401);
    const basic = await postGraphQL(server.url, CREATE_TOPIC, { input: { name: 'Arms control' } }, { authorization: `Basic ${badToken}` });
    expect(basic.status).toBe(401);
    const accepted = await postGraphQL(server.url, CREATE_TOPIC, { input: { name: 'Arms control' } }, { token: goodToken });
    expect(accepted.body).toEqual({ data: { createTopic: { topic: { slug: 'arms-control', name: 'Arms control' } } } });

    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    // The logs were captured at all: start-up and shutdown are logged.
    expect(server.stdout).toContain('"msg":"Entente serves the explorer at http://127.0.0.1:');
    expect(server.stdout).toContain('"msg":"shutting down"');
    const logs = server.stdout + server.stderr;
    expect(logs).not.toContain(goodToken);
    expect(logs).not.toContain(badToken);
  });
});
